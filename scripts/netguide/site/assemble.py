"""The site-wide files, and a site put together from parts built apart.

A full build writes every language, then :func:`finish_site` adds what spans
languages: the root page, the sitemap and the merged search index. The same
holds past one machine: ``NETGUIDE_LANGUAGES=de,it mkdocs build -d part-1``
builds some languages (on another machine, as a CI matrix does), and
:func:`assemble` (``netguide assemble part-1 part-2 … -o site``) moves their
language folders together and finishes the site, byte for byte as one full
build would have made it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ..content.model import Guide
from ..files import swap_directory
from .offline import write_offline_files
from .root_page import write_root_page
from .search_index import merge_indexes
from .sitemap import write_sitemap

#: Written by a part (or helper) build: {source path: {language: URL}} of its pages.
PAGES_FILE = ".netguide-pages.json"


def finish_site(
    site: Path,
    guide: Guide,
    site_url: str,
    page_urls: dict[str, dict[str, str]],
    default: str,
    kept: tuple[str, ...] = (),
) -> None:
    """Write the files that span languages into a site that holds every language, and each language's offline worker.

    `kept`: languages taken whole from the language cache. Their worker is in
    their folder already, from the build that kept them: what it lists and
    hashes (their pages, the shared files) is part of their cache key.
    """
    write_root_page(site, guide, default, site_url)
    write_sitemap(site, site_url, page_urls, default)
    merge_indexes(site, guide.languages)
    # Last: it hashes what it caches.
    write_offline_files(site, [language for language in guide.languages if language not in kept], site_url)


def _languages_in(part: Path, languages: list[str]) -> list[str]:
    return [language for language in languages if (part / language).is_dir()]


def assemble(parts: list[Path], output: Path, guide: Guide, site_url: str, default: str) -> list[str]:
    """Put the part sites `parts` together into `output`; returns the languages found.

    Each language must come from exactly one part, and every language of the
    guide must be there. `output` is replaced only when the whole site is ready.
    """
    owners: dict[str, Path] = {}
    for part in parts:
        if not (part / PAGES_FILE).is_file():
            raise ValueError(
                f"{part}: not a part build (no {PAGES_FILE}); build it with "
                f"NETGUIDE_LANGUAGES=<codes> mkdocs build --site-dir {part}"
            )
        for language in _languages_in(part, guide.languages):
            if language in owners:
                raise ValueError(f"language '{language}' is in both {owners[language]} and {part}")
            owners[language] = part
    missing = [language for language in guide.languages if language not in owners]
    if missing:
        raise ValueError(
            f"no part has the language(s) {', '.join(missing)}: build them with "
            f"NETGUIDE_LANGUAGES={','.join(missing)} mkdocs build"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{output.name}.assembling-", dir=output.parent))
    try:
        base = owners[default]  # its root holds the theme's files and the default language's 404 page
        shutil.copytree(base, building, dirs_exist_ok=True, symlinks=True)
        page_urls: dict[str, dict[str, str]] = {}
        for part in [base, *(p for p in parts if p != base)]:
            for source, by_language in json.loads((part / PAGES_FILE).read_text(encoding="utf-8")).items():
                page_urls.setdefault(source, {}).update(by_language)
            if part != base:
                for language in _languages_in(part, guide.languages):
                    shutil.copytree(part / language, building / language, symlinks=True)
        os.remove(building / PAGES_FILE)
        finish_site(building, guide, site_url, page_urls, default)
        swap_directory(building, output)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return [language for language in guide.languages if language in owners]
