"""Ids that contributed text may not give an element: the theme's and our generated pages' own.

Material's JavaScript finds its elements by id (``querySelector("#__config")``
reads the theme's configuration): an attribute list ``{ #__config }`` or a
heading whose slug is ``__config`` would come first on the page and take its
place. The same goes for the ids our pages give their checklists and myth
blocks. So the ids of an article body and of a hand-written page must not be
any of these.

Nothing here is a hand-kept list. The theme's ids are read from its templates
(every ``id="…"`` of Material's templates and our overrides: a literal one is
reserved as it is, one built by Jinja by its literal start, resolved through
``{% set name = "…" ~ … %}`` where it starts with a variable) plus the prefix
all of them share (``__``, Material's mark for its own ids). Our pages' ids
are read from what the page generators write around a body
(:func:`netguide.site.pages.article_page` without the body).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections.abc import Iterable
from pathlib import Path

from ..content.links import anchors_of
from ..content.model import Article, Guide
from ..content.problems import Problem
from ..content.validation import Validation, id_line, section_ids
from . import pages

_ID_ATTRIBUTE = re.compile(r"""\bid=["']([^"']*)["']""")
_JINJA = re.compile(r"\{[{%]")
_VARIABLE = re.compile(r"^\{\{-?\s*([A-Za-z_]\w*)\s*-?\}\}")
_SET_LITERAL = re.compile(r"""\{%-?\s*set\s+([A-Za-z_]\w*)\s*=\s*["']([^"']+)["']\s*~""")
# The ids a generator writes: HTML id attributes and attribute lists ({ #id }).
_WRITTEN_IDS = re.compile(r"""\bid=["']([^"'{}]+)["']|\{[^{}\n]*?#([\w-]+)[^{}\n]*\}""")


def theme_template_dirs(root: Path) -> list[Path]:
    """The folders the theme's templates come from, overrides first: as MkDocs' ``config.theme.dirs`` lists them."""
    spec = importlib.util.find_spec("material")
    material = [Path(next(iter(spec.submodule_search_locations))) / "templates"] if spec else []
    return [root / "overrides", *material]


@functools.lru_cache(maxsize=8)
def _theme_ids(dirs: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    exact: set[str] = set()
    built: list[str] = []
    literals: dict[str, set[str]] = {}
    for folder in dirs:
        for top, _, files in os.walk(folder):
            for name in files:
                if not name.endswith(".html"):
                    continue
                text = Path(top, name).read_text(encoding="utf-8", errors="replace")
                for value in _ID_ATTRIBUTE.findall(text):
                    if _JINJA.search(value):
                        built.append(value)
                    else:
                        exact.add(value)
                for variable, literal in _SET_LITERAL.findall(text):
                    literals.setdefault(variable, set()).add(literal)
    prefixes: set[str] = set()
    for value in built:
        start = _JINJA.split(value, 1)[0]
        if start:
            prefixes.add(start)
        elif (variable := _VARIABLE.match(value)) and variable[1] in literals:
            prefixes.update(literals[variable[1]])
    shared = os.path.commonprefix(sorted(exact | prefixes))
    if len(shared) >= 2:  # Material's own mark: every id of its templates starts with it
        prefixes.add(shared)
    return frozenset(exact), tuple(sorted(prefixes))


def theme_ids(template_dirs: Iterable[Path]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(ids the theme's templates give, prefixes of the ids they build) for the template folders given."""
    return _theme_ids(tuple(str(folder) for folder in template_dirs))


def page_ids(guide: Guide, article_id: str, language: str) -> set[str]:
    """The ids the article page of `article_id` in `language` gives its elements around the body."""
    return _ids_around_body(guide, next(a for a in guide.articles if a.id == article_id), language)


def _ids_around_body(guide: Guide, article: Article, language: str) -> set[str]:
    markdown = pages.article_page(guide, article, language)
    version = article.versions.get(language) or article.source
    around = markdown.replace(version.body.rstrip(), "", 1)
    return {first or second for first, second in _WRITTEN_IDS.findall(around)}


def _reserved_problem(
    path: Path, line: int, found: str, exact: frozenset[str], prefixes: tuple[str, ...], ours: set[str]
) -> Problem | None:
    if found in ours:
        why = "the page gives that id to an element of its own (a checklist, a myth, a notice)"
    elif found in exact:
        why = "the theme gives that id to an element its scripts look up"
    elif any(found.startswith(prefix) for prefix in prefixes):
        begins = max((prefix for prefix in prefixes if found.startswith(prefix)), key=len)
        why = f"the theme's own ids begin with '{begins}'"
    else:
        return None
    return Problem(
        path,
        line,
        f"the id '{found}' is reserved: {why}",
        "give the heading or paragraph another id ({ #another-id }), or reword the heading "
        "(its id comes from its words)",
    )


def _line_of_id(body: str, first_line: int, found: str) -> int:
    """The line of `body` that sets `{ #found }`, else the first heading line that mentions it."""
    set_here = id_line(body, found)
    if set_here is not None:
        return first_line + set_here
    lines = body.split("\n")
    words = found.strip("_-").split("_")[0].split("-")[0].lower()
    for number, row in enumerate(lines):
        if row.lstrip().startswith("#") and words and words in row.lower():
            return first_line + number
    return first_line


def check_reserved_ids(
    guide: Guide, hand_written: Iterable[tuple[Path, str, int]], template_dirs: Iterable[Path], section_ids=None
) -> list[Problem]:
    """A problem for every id of a body or hand-written page that the theme or our pages use.

    `hand_written` gives (path, body, first line) of each docs page;
    `section_ids(body)` the ids a body's sections get (defaults to rendering it).
    """
    exact, prefixes = theme_ids(template_dirs)
    ids_of = section_ids or (lambda body: anchors_of("\n" + body))
    problems: list[Problem] = []
    for article in guide.articles:
        for version in article.versions.values():
            shown = [
                language
                for language in guide.languages
                if (article.versions.get(language) or article.source) is version
            ]
            ours: set[str] = set()
            for language in shown:
                ours |= _ids_around_body(guide, article, language)  # no search by id: linear in articles
            for found in sorted(ids_of(version.body)):
                problem = _reserved_problem(
                    version.path, _line_of_id(version.body, version.body_line, found), found, exact, prefixes, ours
                )
                if problem:
                    problems.append(problem)
    for path, body, first_line in hand_written:
        for found in sorted(ids_of(body)):
            problem = _reserved_problem(path, _line_of_id(body, first_line, found), found, exact, prefixes, set())
            if problem:
                problems.append(problem)
    return problems


def reserved_id_problems(result: Validation, template_dirs: Iterable[Path]) -> list[Problem]:
    """:func:`check_reserved_ids` over what `result` (a validation without errors) read: bodies and docs pages."""
    if result.guide is None or result.errors:
        return []
    return check_reserved_ids(
        result.guide, [(page.path, page.body, page.body_line) for page in result.pages], template_dirs, section_ids
    )
