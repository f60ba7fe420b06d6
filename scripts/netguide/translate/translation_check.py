"""`netguide check`: every problem of the content, as the build finds it, limited to one article or language.

The checks themselves are :func:`netguide.site.checks.validate_guide`, the
one validation `mkdocs build` runs too; the comparison of a translation with
its source lives in :mod:`netguide.content.compare` (its names are
re-exported here). `netguide check` adds what only concerns translators'
tools: characters the PDF checklists cannot show, and language names
missing from a locale (warnings).

A translator can acknowledge a warning that is right as it is (a word that
really is the same as in English, say) where it points, with a reason: a
comment ``# netguide-ok: <reason>`` at the end of the line, or on a line of
its own just above it. Acknowledged warnings are not listed (``--strict``
passes them); an acknowledgment with no warning left to acknowledge is one.
Outdated translations and untranslated text cannot be acknowledged: update
and stamp, or translate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..content.compare import (  # noqa: F401 - re-exported for the translators' tools
    LOCALE_KEYS_NOT_TRANSLATED,
    MARKER,
    Block,
    Heading,
    Outline,
    Side,
    body_start,
    check_locales,
    check_translation,
    compare_bodies,
    compare_translation,
    find_markers,
    normalise_number,
    outline,
)
from ..content.folders import article_folders, find_article, yaml_files
from ..content.problems import Problem, Problems
from ..content.yamlfile import YamlFile
from ..pdf.checklists import unprintable
from ..site.checks import validate_guide
from ..site.reserved_ids import theme_template_dirs


def check_language_names(locales: dict[str, YamlFile], languages: list[str]) -> list[Problem]:
    """Warnings for a locale that does not name every language of the site in its own language."""
    from .languages import cldr_name, styled_like

    problems: list[Problem] = []
    for code, document in locales.items():
        names = document.data.get("language_names") if isinstance(document.data, dict) else None
        if not isinstance(names, dict):
            continue  # the schema check reports it
        for other in languages:
            if other in names:
                continue
            said = cldr_name(other, code)
            entry = (
                f"'{other}: {styled_like(said, [str(v) for v in names.values()])}' (the Unicode CLDR's name)"
                if said
                else f"'{other}: …' with the name of '{other}' in {code}"
            )
            problems.append(
                Problem(
                    document.path,
                    document.key_line(("language_names",)),
                    f"language_names has no name for '{other}': pages in {code} would name it in its own language",
                    f"add {entry} under language_names:",
                    "warning",
                )
            )
    return problems


#: ``# netguide-ok: <reason>``, at the end of a line or on a line of its own.
ACKNOWLEDGE = re.compile(r"#\s*netguide-ok:(?P<reason>.*)$")
#: Warnings that stay until they are fixed: a translation to update and stamp, text to translate.
NOT_ACKNOWLEDGEABLE = ("outdated", "text not translated yet", "nothing to acknowledge")


@dataclass
class Acknowledged:
    """The outcome of matching warnings with the acknowledgments in their files."""

    problems: list[Problem]  # what is still to report
    acknowledged: list[tuple[Problem, str]] = field(default_factory=list)  # (warning, reason)


def acknowledgments(text: str) -> dict[int, tuple[int, str]]:
    """{line a comment acknowledges: (the comment's line, its reason)}, lines 1-based.

    A comment at the end of a line acknowledges that line; a comment on a line
    of its own, the next line that is not a comment.
    """
    found: dict[int, tuple[int, str]] = {}
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        match = ACKNOWLEDGE.search(line)
        if match is None or (line[: match.start()].count('"') % 2):  # inside a quoted value: text, not a comment
            continue
        target = number
        if not line[: match.start()].strip():
            target = next(
                (
                    n
                    for n in range(number + 1, len(lines) + 1)
                    if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")
                ),
                number,
            )
        found[target] = (number, match.group("reason").strip())
    return found


def apply_acknowledgments(problems: list[Problem], texts: dict[Path, str]) -> Acknowledged:
    """Drop the warnings acknowledged in `texts` ({file: its text}); flag acknowledgments that are unused or have no reason."""
    marks = {path: acknowledgments(text) for path, text in texts.items() if "netguide-ok" in text}
    used: set[tuple[Path, int]] = set()
    refused: set[tuple[Path, int]] = set()
    result = Acknowledged([])
    for problem in problems:
        mark = marks.get(problem.path, {}).get(problem.line) if problem.line else None
        if mark is not None and (problem.severity != "warning" or problem.message.startswith(NOT_ACKNOWLEDGEABLE)):
            refused.add((problem.path, problem.line))
        if (
            mark is None
            or not mark[1]
            or problem.severity != "warning"
            or problem.message.startswith(NOT_ACKNOWLEDGEABLE)
        ):
            result.problems.append(problem)
            continue
        used.add((problem.path, problem.line))
        result.acknowledged.append((problem, mark[1]))
    for path, found in marks.items():
        for target, (line, reason) in found.items():
            if not reason:
                result.problems.append(
                    Problem(
                        path,
                        line,
                        "an acknowledgment without a reason",
                        "say why the warning is right as it is: '# netguide-ok: <reason>'",
                        "warning",
                    )
                )
            elif (path, target) in refused and (path, target) not in used:
                result.problems.append(
                    Problem(
                        path,
                        line,
                        "what is on this line cannot be acknowledged",
                        "fix it (an outdated translation: update it, then `netguide stamp`), "
                        "and remove the '# netguide-ok:' comment",
                        "warning",
                    )
                )
            elif (path, target) not in used:
                result.problems.append(
                    Problem(
                        path,
                        line,
                        "nothing to acknowledge here: no warning on this line",
                        "remove the '# netguide-ok:' comment",
                        "warning",
                    )
                )
    return result


def _in_scope(path: Path, folders: list[Path], language: str | None) -> bool:
    if language and path.suffix == ".yml" and path.name != "article.yml" and path.stem != language:
        return False
    if language and path.suffix == ".md" and not path.stem.endswith(language):  # docs pages: about.de.md
        return False
    return any(path == folder or folder in path.parents for folder in folders)


def check_project(
    content_dir: Path,
    locales_dir: Path,
    languages: list[str],
    default: str,
    article_id: str | None = None,
    language: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    extra_files: list[Path] = (),
    docs_dir: Path | None = None,
    acknowledged: list[tuple[Problem, str]] | None = None,
) -> list[Problem]:
    """Every problem `mkdocs build` finds, and the translators' review list; limited to one article/language when given.

    `extra_files` are other hand-written files (docs pages) scanned for leftover markers, as warnings;
    `docs_dir` (by default docs/ next to content/) holds the pages an article may link to. Warnings
    acknowledged in their file are left out, and added to `acknowledged` ((warning, reason)) when given.
    """
    folders = [find_article(content_dir, article_id)] if article_id is not None else None
    result = validate_guide(
        content_dir,
        locales_dir,
        languages,
        default,
        extra_files=extra_files,
        progress=progress,
        docs_dir=docs_dir if docs_dir is not None else content_dir.parent / "docs",
        template_dirs=theme_template_dirs(content_dir.parent),
    )
    found = result.problems + result.review
    if result.guide is not None:
        found += unprintable(result.guide).items  # characters the PDF checklists cannot show
    locale_files = {path.stem: result.documents[path] for path in yaml_files(locales_dir) if path in result.documents}
    found += check_language_names(locale_files, languages)
    outcome = apply_acknowledgments(found, {path: document.text for path, document in result.documents.items()})
    found = outcome.problems
    if article_id is not None or language is not None:
        scope = folders or article_folders(content_dir, Problems())
        if article_id is None:
            scope += [locales_dir, content_dir / "glossary", *extra_files]
        found = [p for p in found if _in_scope(p.path, scope, language)]
        outcome.acknowledged = [(p, reason) for p, reason in outcome.acknowledged if _in_scope(p.path, scope, language)]
    if acknowledged is not None:
        acknowledged += outcome.acknowledged
    return sorted(dict.fromkeys(found), key=lambda p: (str(p.path), p.line or 0))
