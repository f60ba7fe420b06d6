"""`netguide check`: every problem of the content, as the build finds it, limited to one article or language.

The checks themselves are :func:`netguide.content.validation.validate`, the
one validation `mkdocs build` runs too; the comparison of a translation with
its source lives in :mod:`netguide.content.compare` (its names are
re-exported here). `netguide check` adds what only concerns translators'
tools: characters the PDF checklists cannot show, and language names
missing from a locale (warnings).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..content.compare import (  # noqa: F401 - re-exported for the translators' tools
    LOCALE_KEYS_NOT_TRANSLATED, MARKER, Block, Heading, Outline, Side, body_start, check_locales,
    check_translation, compare_bodies, compare_translation, find_markers, normalise_number, outline,
)
from ..content.folders import article_folders, find_article, yaml_files
from ..content.problems import Problem, Problems
from ..content.validation import validate
from ..content.yamlfile import YamlFile
from ..pdf.checklists import unprintable


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
            entry = f"'{other}: {styled_like(said, [str(v) for v in names.values()])}' (the Unicode CLDR's name)" \
                if said else f"'{other}: …' with the name of '{other}' in {code}"
            problems.append(Problem(document.path, document.key_line(("language_names",)),
                                    f"language_names has no name for '{other}': pages in {code} would name it "
                                    "in its own language", f"add {entry} under language_names:", "warning"))
    return problems


def _in_scope(path: Path, folders: list[Path], language: str | None) -> bool:
    if language and path.suffix == ".yml" and path.name != "article.yml" and path.stem != language:
        return False
    if language and path.suffix == ".md" and not path.stem.endswith(language):  # docs pages: about.de.md
        return False
    return any(path == folder or folder in path.parents for folder in folders)


def check_project(content_dir: Path, locales_dir: Path, languages: list[str], default: str,
                  article_id: str | None = None, language: str | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  extra_files: list[Path] = (), docs_dir: Path | None = None) -> list[Problem]:
    """Every problem `mkdocs build` finds, and the translators' review list; limited to one article/language when given.

    `extra_files` are other hand-written files (docs pages) scanned for leftover markers, as warnings;
    `docs_dir` (by default docs/ next to content/) holds the pages an article may link to.
    """
    folders = [find_article(content_dir, article_id)] if article_id is not None else None
    result = validate(content_dir, locales_dir, languages, default, extra_files=extra_files, progress=progress,
                      docs_dir=docs_dir if docs_dir is not None else content_dir.parent / "docs")
    found = result.problems + result.review
    if result.guide is not None:
        found += unprintable(result.guide).items  # characters the PDF checklists cannot show
    locale_files = {path.stem: result.documents[path] for path in yaml_files(locales_dir) if path in result.documents}
    found += check_language_names(locale_files, languages)
    if article_id is not None or language is not None:
        scope = folders or article_folders(content_dir, Problems())
        if article_id is None:
            scope += [locales_dir, content_dir / "glossary", *extra_files]
        found = [p for p in found if _in_scope(p.path, scope, language)]
    return sorted(dict.fromkeys(found), key=lambda p: (str(p.path), p.line or 0))
