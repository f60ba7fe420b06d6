"""Offline reading: one service worker per language, ``<lang>/sw.js``.

A worker controls only the pages below its own folder, unless the server
sends ``Service-Worker-Allowed`` (GitHub Pages cannot), so each language has
its own, scope ``<lang>/``, registered by ``docs/assets/offline.js``.

Written after every language is built (:func:`netguide.site.assemble.finish_site`,
in a full build and in ``netguide assemble`` alike, so both write the same
bytes). For each language:

- ``<lang>/offline.json``: what the worker caches when it installs, as
  addresses relative to the language folder: every page of the language
  (home, articles, checklists, myths, glossary, about, status; not its 404
  page), its search index, and the site's files those pages load (style
  sheets, the theme's script bundle, our scripts, the icon, images, the search
  worker and the lunr files it loads for that language, anything a style
  sheet loads with ``url()``). PDFs are not in it: the worker caches them
  when a reader opens one.
- ``<lang>/sw.js``: ``service-worker.js`` beside this module, after a line
  naming its cache version, ``<lang>-`` and a hash of the list and of every
  file in it. A new build that changes any of them changes ``sw.js``, so a
  reader's browser installs the new worker on their next visit online, which
  replaces the old cache (keeping the PDFs it held).

The worker answers network first: online a reader always gets what the
server has (and each answer refreshes the cache), offline the cache answers.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..files import write_if_changed

WORKER = "sw.js"
MANIFEST = "offline.json"
TEMPLATE = Path(__file__).with_name("service-worker.js")

_TAG = re.compile(r"<(script|link|img)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\b(src|href|rel)="([^"]*)"', re.IGNORECASE)
_SEARCH_WORKER = re.compile(r'<script id="__config" type="application/json">\{.*?"search": "([^"]+)"')
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
_LINKED = {"stylesheet", "icon", "manifest", "preload", "modulepreload"}


def _site_file(
    site: Path, base_path: str, page_path: str, reference: str, found: dict[str, str | None] | None = None
) -> str | None:
    """The site path ("assets/x.css") `reference` on the page at site path `page_path` names, if a site file.

    `found` remembers, for one site, what each target path turned out to be (pages share their assets).
    """
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):  # the 404 pages' addresses start with the site's own path
        if not path.startswith(base_path):
            return None
        target = path[len(base_path) :]
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
    if target.startswith("../") or target == "..":
        return None
    found = {} if found is None else found
    if target not in found:
        file = target
        if target.endswith("/") or (site / target).is_dir():
            file = posixpath.join(target, "index.html")
        found[target] = file if (site / file).is_file() else None
    return found[target]


def _loaded_by_page(html: str) -> list[str]:
    """The addresses a page loads as it opens: scripts, style sheets, icon, images, the search worker."""
    found = []
    for _tag, attributes in _TAG.findall(html):
        values = {name.lower(): value for name, value in _ATTRIBUTE.findall(attributes)}
        if "src" in values:
            found.append(values["src"])
        elif "href" in values and _LINKED & set(values.get("rel", "").lower().split()):
            found.append(values["href"])
    worker = _SEARCH_WORKER.search(html)
    if worker:
        # ours, "…/search.netguide.js#search.<hash>.min.js", imports Material's (named after #)
        address, _, imported = worker.group(1).partition("#")
        found.append(address)
        if imported:
            found.append(posixpath.join(posixpath.dirname(address), imported))
    return found


def _search_files(site: Path, language: str, search_worker: str | None) -> list[str]:
    """The lunr files Material's search worker imports for `language`'s index (its config's ``lang``)."""
    index = site / language / "search" / "search_index.json"
    if not index.is_file() or not search_worker:
        return []
    lunr = posixpath.join(posixpath.dirname(posixpath.dirname(search_worker)), "lunr")
    languages = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
    names = []
    for code in languages:
        names += {"ja": ["tinyseg.js"], "hi": ["wordcut.js"], "th": ["wordcut.js"]}.get(code, [])
        if code != "en":
            names.append(f"min/lunr.{code}.min.js")
    if len(languages) > 1:
        names.append("min/lunr.multi.min.js")
    if names:
        names.insert(0, "min/lunr.stemmer.support.min.js")
    return [
        f"{language}/search/search_index.json",
        *(path for path in (posixpath.join(lunr, name) for name in names) if (site / path).is_file()),
    ]


def precache_files(site: Path, language: str, base_path: str = "/") -> list[str]:
    """Site paths of everything `language`'s worker caches when it installs, sorted."""
    pages = sorted(path.relative_to(site).as_posix() for path in (site / language).rglob("index.html"))
    files, search_worker, found = set(pages), None, {}
    for page in pages:
        html = (site / page).read_text(encoding="utf-8")
        for reference in _loaded_by_page(html):
            target = _site_file(site, base_path, page, reference, found)
            if target:
                files.add(target)
                if "/workers/search." in target:
                    search_worker = target
    for sheet in [path for path in files if path.endswith(".css")]:
        for reference in _CSS_URL.findall((site / sheet).read_text(encoding="utf-8")):
            target = _site_file(site, base_path, sheet, reference, found)
            if target:
                files.add(target)
    files.update(_search_files(site, language, search_worker))
    return sorted(files)


def _address(language: str, site_path: str) -> str:
    """`site_path` as the worker in `language`/ names it: relative, a page by its folder."""
    relative = posixpath.relpath(site_path, language)
    if relative == "index.html":
        return "./"
    return relative[: -len("index.html")] if relative.endswith("/index.html") else relative


def offline_files(site: Path, language: str, base_path: str = "/") -> dict[str, bytes]:
    """{file name in the language folder: bytes} of `language`'s worker and its list."""
    paths = precache_files(site, language, base_path)
    addresses = [_address(language, path) for path in paths]
    digest = hashlib.sha256()
    for address, path in zip(addresses, paths, strict=False):
        digest.update(f"{address}\0{hashlib.sha256((site / path).read_bytes()).hexdigest()}\n".encode())
    version = f"{language}-{digest.hexdigest()[:16]}"
    manifest = json.dumps({"version": version, "files": addresses}, ensure_ascii=False, indent=0)
    worker = f"var V = {json.dumps(version)};\n" + TEMPLATE.read_text(encoding="utf-8")
    return {MANIFEST: (manifest + "\n").encode("utf-8"), WORKER: worker.encode("utf-8")}


def write_offline_files(site: Path, languages: list[str], site_url: str = "/") -> None:
    """Write ``sw.js`` and ``offline.json`` into the folder of each language in `languages` the site has."""
    base_path = urlsplit(site_url or "/").path or "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    for language in languages:
        if (site / language).is_dir():
            for name, data in offline_files(site, language, base_path).items():
                write_if_changed(site / language / name, data)
