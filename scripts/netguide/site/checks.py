"""The whole validation of a contribution: the content's own rules and the ones that need the site's layout.

:func:`netguide.content.validation.validate` checks what the content alone
shows; this adds what needs to know the site: every link of an article body
leads to a file of the site and every anchor to an id on its page
(:mod:`.body_links`), and no body or hand-written page takes an id the theme
or our pages use (:mod:`.reserved_ids`). `mkdocs build`, `mkdocs serve`'s
preview and `netguide check` all call these two functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from ..content.model import Guide
from ..content.validation import Validation, sorted_problems, validate, validate_articles
from .body_links import check_links
from .reserved_ids import reserved_id_problems


def validate_guide(
    content_dir: Path,
    locales_dir: Path,
    languages: list[str] | None,
    default: str,
    *,
    docs_dir: Path | None = None,
    extra_files: Iterable[Path] = (),
    progress: Callable[[int, int], None] | None = None,
    template_dirs: Iterable[Path] = (),
) -> Validation:
    """Every problem of the content (see :func:`netguide.content.validation.validate`), links and ids included.

    `template_dirs`: the theme's template folders, whose ids content may not take (none: not checked).
    """
    result = validate(
        content_dir, locales_dir, languages, default, docs_dir=docs_dir, extra_files=extra_files, progress=progress
    )
    if result.guide is not None:
        result = replace(
            result, problems=sorted_problems(result.problems + check_links(result.guide, result.documents, docs_dir))
        )
    template_dirs = list(template_dirs)
    if template_dirs:
        result = replace(
            result, problems=sorted_problems(result.problems + reserved_id_problems(result, template_dirs))
        )
    return result


def validate_guide_articles(
    guide: Guide, content_dir: Path, article_ids: Iterable[str], *, docs_dir: Path | None = None
) -> Validation:
    """:func:`netguide.content.validation.validate_articles` with the links of those articles checked too."""
    ids = set(article_ids)
    result = validate_articles(guide, content_dir, ids, docs_dir=docs_dir)
    if result.guide is None or result.errors:
        return result
    links = check_links(result.guide, result.documents, docs_dir, only=ids)
    return replace(result, problems=sorted_problems(result.problems + links))
