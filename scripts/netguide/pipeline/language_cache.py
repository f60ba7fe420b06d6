"""Reuse a language's finished pages when nothing that goes into them changed.

Every page of a language is made from files that the build has written or
read before MkDocs renders anything: the language's own Markdown pages and
PDFs in docs/ (generated pages carry every text of the guide they show,
notices and fallbacks included), the shared files in docs/ (our CSS and
JavaScript), the names of all pages (the language switcher links every page
that exists), the default language's pages where this language has none
(static-i18n falls back to them), the language's locale file (site name,
nav, footer) and the default's, mkdocs.yml, the theme overrides, the site
address, the repository address (its "Improve this page" links), and the
versions of our code, MkDocs, the theme and the plugins.
:func:`netguide.cache_keys.language_keys` hashes exactly those per language.

After a build, each language built here is stored under its key
(:meth:`LanguageCache.store`: its folder in the site, its page addresses for
the sitemap and, for the default language, the root 404 page). The next build
renders only the languages whose key changed and takes the others from the
cache (:meth:`LanguageCache.restore`), so the site is byte for byte what a
build of every language makes (tests/test_language_cache.py).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows one (instant, no space), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


class LanguageCache:
    """Finished language folders, one per language, kept under the hash of their inputs.

    With `link`, files go between the cache and the site as hard links rather
    than copies. That is safe only while nothing writes into a finished site's
    files in place: the plugin asks for it when it builds into a fresh folder
    each time (``atomic``, the default) — MkDocs then never reopens an old
    file, and our own later writes replace files (write, then rename).
    """

    def __init__(self, folder: Path, link: bool = False) -> None:
        self.folder = folder
        self._copy = _link_or_copy if link else shutil.copy2

    def _entry(self, language: str) -> Path:
        return self.folder / language

    def holds_setup(self, setup: str) -> bool:
        """Whether some language was kept by a build with the same code and configuration."""
        for entry in self.folder.glob("*/setup") if self.folder.is_dir() else []:
            try:
                if entry.read_text(encoding="utf-8") == setup:
                    return True
            except OSError:
                continue
        return False

    def has(self, language: str, key: str) -> bool:
        entry = self._entry(language)
        try:
            return (entry / "key").read_text(encoding="utf-8") == key and (entry / "site").is_dir()
        except OSError:
            return False

    def restore(self, language: str, site: Path, default: str) -> dict[str, dict[str, str]]:
        """Copy a stored language into `site`; returns its page addresses ({source: {language: URL}})."""
        entry = self._entry(language)
        target = site / language
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(entry / "site", target, copy_function=self._copy)
        if language == default and (entry / "404.html").is_file():
            self._copy(entry / "404.html", site / "404.html")
        return json.loads((entry / "pages.json").read_text(encoding="utf-8"))

    def store(
        self, language: str, key: str, setup: str, site: Path, page_urls: dict[str, dict[str, str]], default: str
    ) -> None:
        """Keep `language` as built in `site` under `key` (replacing what was kept for it before)."""
        entry = self._entry(language)
        partial = entry.with_name(f".{language}.storing")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        shutil.copytree(site / language, partial / "site", copy_function=self._copy)
        if language == default and (site / "404.html").is_file():
            self._copy(site / "404.html", partial / "404.html")
        own = {source: {language: urls[language]} for source, urls in page_urls.items() if language in urls}
        (partial / "pages.json").write_text(json.dumps(own, sort_keys=True), encoding="utf-8")
        (partial / "key").write_text(key, encoding="utf-8")
        (partial / "setup").write_text(setup, encoding="utf-8")
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(partial, entry)
