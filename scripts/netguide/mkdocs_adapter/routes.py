"""Where MkDocs puts each page: the default language under its own prefix, and every page's URLs."""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from mkdocs.structure.files import Files

from ..content.contributions import GENERATED, rule_for
from ..pipeline.session import BuildSession
from ..site.urls import CHECKLISTS_INDEX


def prefix_default_language(files: Files, default: str, site_dir: str, use_directory_urls: bool) -> None:
    """Give the default language's pages the ``<default>/`` prefix every other language has.

    Runs after static-i18n has given each file its language and URL.
    """
    prefix = default + "/"
    for file in files:
        if getattr(file, "locale", None) is None:
            continue  # theme files
        if file.is_documentation_page() or getattr(file, "localization", None):
            if not file.dest_uri.startswith(prefix):
                # Same fields static-i18n sets when it routes a file.
                file.dest_path = prefix + file.dest_uri
                file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_path))
                file.url = file._get_url(use_directory_urls)


def theme_files_only(files: Files, keep_shared_assets: bool = False) -> Files:
    """The files of `files` that belong to no language (for a language another process builds).

    With `keep_shared_assets` (the default language, when no process here or
    elsewhere renders it) also docs/'s own files that are not pages and not
    one language's (our CSS and JavaScript), which that language's build
    would otherwise have copied.
    """
    return Files(
        [
            file
            for file in files
            if getattr(file, "locale", None) is None
            or (keep_shared_assets and not file.is_documentation_page() and not getattr(file, "localization", None))
        ]
    )


def without_docs_files(files: Files, docs_dir: str) -> Files:
    """`files` without those under `docs_dir`, for a language this process does not render.

    Run before static-i18n, which would give each of them a language, a URL
    and alternates only for :func:`theme_files_only` to drop them afterwards;
    what is left (the theme's files) is what it leaves.
    """
    return Files(
        [file for file in files if not (file.abs_src_path and Path(file.abs_src_path).is_relative_to(docs_dir))]
    )


def record_page_urls(files: Files, language: str, urls: dict[str, dict[str, str]]) -> None:
    """Add each page's URL in `language` to `urls` ({source path: {language: URL}})."""
    for file in files.documentation_pages():
        source = getattr(file, "norm_src_uri", file.src_uri)
        urls.setdefault(source, {})[language] = file.url


def fix_default_language_switcher(alternates: list[dict], default: str) -> None:
    """static-i18n links the default language's pages without its prefix: add it."""
    for alternate in alternates:
        link = alternate.get("link", "")
        if alternate.get("lang") == default and not link.startswith(("/", "http", default + "/")):
            alternate["link"] = f"{default}/{link}" if link not in ("", ".", "./") else f"{default}/"


def contributed_files_only(files: Files, docs_dir: Path, root: Path) -> Files:
    """`files` without docs/'s files of no listed kind (content/contributions.py).

    A build refuses them before this runs; under `mkdocs serve`, which goes on
    with the last good content, they would otherwise be published as they are.
    """
    docs_dir, root = docs_dir.resolve(), root.resolve()
    kept = []
    for file in files:
        source = Path(file.abs_src_path).resolve() if file.abs_src_path else None
        if (
            source is None
            or not source.is_relative_to(docs_dir)
            or not source.is_relative_to(root)
            or rule_for(source.relative_to(root).as_posix()) is not None
            or any(source.is_relative_to(root / folder) for folder in GENERATED)
        ):
            kept.append(file)
    return Files(kept)


#: Each language's nav -> its "Checklists" entry (None: it has none), found once per nav.
_checklists_entries: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def mark_checklists_entry(nav):
    """On a checklist page (not itself in the nav), show "Checklists" as the current section.

    MkDocs marks only the nav entries of the page being rendered; returns the
    entry marked, whose ``active`` flag the plugin undoes in on_post_page. The
    entry is looked up once per nav, not once per checklist page (that was
    quadratic in the number of articles).
    """
    if nav not in _checklists_entries:
        _checklists_entries[nav] = next(
            (
                entry
                for entry in nav.pages
                if getattr(entry.file, "norm_src_uri", entry.file.src_uri) == CHECKLISTS_INDEX
            ),
            None,
        )
    entry = _checklists_entries[nav]
    if entry is not None:
        entry.active = True
    return entry


def _keeps_shared_assets(language: str, session: BuildSession) -> bool:
    return language in session.restored and language == session.project.default


def files_to_place(files: Files, language: str, session: BuildSession, docs_dir: str) -> Files:
    """The files static-i18n places for `language`: none of docs/'s when this process keeps none of them
    (see :func:`place_language_files`), else all."""
    if not session.owns(language) and not _keeps_shared_assets(language, session):
        return without_docs_files(files, docs_dir)
    return files


def place_language_files(files: Files, language: str, session: BuildSession, config) -> Files:
    """The files `language`'s build renders, placed; the session's page URLs get each page's URL.

    A language this process does not render (a helper renders it, or it comes
    from the language cache) keeps only the theme's files, and the shared
    assets when it is the default language taken from the cache.
    """
    if not session.owns(language):
        return theme_files_only(files, keep_shared_assets=_keeps_shared_assets(language, session))
    default = session.project.default
    if language == default:
        prefix_default_language(files, default, config.site_dir, config.use_directory_urls)
    record_page_urls(files, language, session.page_urls)
    return files


def unmark(entry) -> None:
    """Undo :func:`mark_checklists_entry` once its page is rendered (`entry` None: nothing was marked)."""
    if entry is not None:
        entry.active = False
