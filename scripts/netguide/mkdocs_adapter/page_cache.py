"""Rendered pages kept between builds: a language rendered again renders only the pages whose inputs changed.

The language cache (:mod:`.language_cache`) skips whole languages; this skips
the two costly steps of MkDocs' work on one page of a language that is
rendered again (an edit to one article re-renders its language):

1. the Markdown render (``Page.render``), kept with everything it leaves on
   the page (HTML, table of contents, title from the first heading, anchor ids,
   links to anchors) and the log messages it wrote (link warnings), under
   :meth:`PageCache.render_key`: the setup (code, versions, mkdocs.yml, theme
   overrides, site and repository addresses, serve or build), the language, the page's place
   and Markdown, and the place of every file of the build (links point at
   them);
2. the theme's template (before any plugin's ``on_post_page``), under
   :meth:`PageCache.template_key`: the render key, plus all the template reads
   besides: the title, address and front matter of every page and the shape
   of the nav, the page's own addresses and front matter, the configuration
   as it is for this language and this page (the switcher's links), and every
   other value plugins put in the page's context. A value that cannot be put
   in a key reliably makes the page uncached (rendered every time), never stale.

Everything else runs on every build as it always does: plugin events, the
search index entry, MkDocs' anchor validation (on the restored anchors), our
finish of the page. Kept log messages are logged again, so warnings, strict
mode and our link check see them. tests/test_language_cache.py compares a
build that used this cache with one from nothing, byte for byte.

Entries live in ``<cache>/pages/<language>/`` (one zlib-compressed file per
entry); after a language is rendered, the entries its pages did not use are
deleted.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import zlib
from pathlib import Path
from typing import Any

from mkdocs.structure.toc import get_toc

from ..files import write_atomically
from .engine import logger_name

#: Where a kept template output goes in the page's context: overrides/main.html then prints just that.
CONTEXT_NAME = "netguide_cached"


class Unkeyable(Exception):
    """A value whose text is not the same from one build to the next (an object's address, say)."""


def _plain(value: Any) -> Any:
    """`value` as JSON-able data that names it fully, or Unkeyable."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value)
    if " at 0x" in text or " object at " in text:
        raise Unkeyable(text)
    return f"{type(value).__name__}:{text}"


def _hash(*parts: Any) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(json.dumps(_plain(part), sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def _toc_tokens(items) -> list[dict]:
    return [
        {"level": item.level, "id": item.id, "name": item.title, "children": _toc_tokens(item.children)}
        for item in items
    ]


def _nav_shape(items) -> list:
    shape = []
    for item in items:
        children = getattr(item, "children", None)
        shape.append(
            [
                type(item).__name__,
                item.title,
                getattr(item, "url", None),
                getattr(getattr(item, "file", None), "src_uri", None),
                _nav_shape(children or []),
            ]
        )
    return shape


class _Recorder(logging.Handler):
    """Keeps what MkDocs logs while it renders one page's Markdown."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[list] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append([record.name, record.levelno, record.getMessage()])


class PageCache:
    """The kept renders of one language's pages (see the module docstring)."""

    def __init__(self, folder: Path, setup: str, language: str) -> None:
        self.folder = folder / language
        self.setup = setup
        self.language = language
        self.used: set[str] = set()
        self.pages = 0  # pages whose template output was looked for
        self.kept_outputs = 0  # ... and found
        self._files = ""
        self._nav = None
        self._site: str | None = None  # None: some page's front matter cannot be keyed, no template is kept
        self._recorder: _Recorder | None = None
        self._skipped: set[str] = set()
        self._render_keys: dict[str, str] = {}  # page source -> render key
        self._kept_renders: dict[str, tuple[dict, str]] = {}  # page source -> (kept render, its Markdown)
        self._template_keys: dict[str, str] = {}  # page source -> key to keep its template output under
        self._digests: dict[int, tuple[Any, str]] = {}

    # -- keys ---------------------------------------------------------------

    def know_files(self, files) -> None:
        """The place of every file of this language's build (after every plugin's on_files)."""
        self._files = _hash(sorted((f.src_uri, f.dest_uri, f.url) for f in files))

    def know_nav(self, nav) -> None:
        self._nav = nav

    def know_site(self, pages) -> None:
        """Title, address and front matter of every page, and the nav's shape (once every page is read)."""
        try:
            self._site = (
                None
                if self._nav is None
                else _hash(
                    [(p.file.src_uri, p.url, p.title, p.meta, p.is_homepage) for p in pages],
                    _nav_shape(self._nav.items),
                )
            )
        except Unkeyable:
            self._site = None

    def know_templates(self, theme_dirs: list[str]) -> None:
        """Leave the build's date out of the keys unless a template of the theme reads it.

        MkDocs puts the time of the build in every page's context; without
        SOURCE_DATE_EPOCH it differs on every build, and no template we use prints it.
        """
        reads = any(
            "build_date_utc" in path.read_text(encoding="utf-8", errors="replace")
            for folder in theme_dirs
            for path in Path(folder).rglob("*.html")
        )
        self._skipped = set() if reads else {"build_date_utc"}

    def render_key(self, page, markdown: str) -> str:
        # MkDocs records a page's links to anchors (checked after all pages) only when not logging debug.
        records_links = logging.getLogger(logger_name("mkdocs.structure.pages")).getEffectiveLevel() > logging.DEBUG
        key = _hash(self.setup, self.language, self._files, page.file.src_uri, page.url, markdown, records_links)
        self._render_keys[page.file.src_uri] = key
        return key

    def _digest(self, value: Any) -> Any:
        """`value` itself if plain, else its digest: computed once for a value that comes back as the same object.

        MkDocs and the plugins set the configuration and most context values
        once per language (on_config); the values made for each page are new
        objects, and the one value static-i18n changes in place on every page,
        the switcher's links, is read apart (:meth:`template_key`).
        """
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        kept = self._digests.get(id(value))
        if kept is None or kept[0] is not value:
            kept = self._digests[id(value)] = (value, _hash(value))  # holding `value` keeps its id unique
        return kept[1]

    def template_key(self, page, context: dict) -> str | None:
        """The key of the page's template output, or None when the context holds something unkeyable."""
        self.pages += 1
        if self._site is None:
            return None
        config = context["config"]
        try:
            render = self._render_keys.get(page.file.src_uri) or self.render_key(page, page.markdown or "")
            return _hash(
                render,
                self._site,
                [page.url, page.canonical_url, page.abs_url, page.edit_url, page.title, page.meta],
                {
                    name: self._digest(config.get(name))
                    for name in (
                        "site_name",
                        "site_description",
                        "site_author",
                        "copyright",
                        "repo_url",
                        "repo_name",
                        "edit_uri",
                        "extra",
                        "theme",
                        "site_url",
                        "use_directory_urls",
                    )
                },
                # static-i18n sets the switcher's links as an attribute, not a key, on every page.
                getattr(config.get("extra"), "alternate", None),
                {
                    name: self._digest(value)
                    for name, value in context.items()
                    if name not in ("config", "nav", "pages", "page") and name not in self._skipped
                },
            )
        except Unkeyable:
            return None

    # -- the Markdown render: before and after MkDocs renders a page -----------

    def before_render(self, page, markdown: str) -> str:
        """The Markdown MkDocs is to render: none when the render is kept (:meth:`after_render` puts it back)."""
        key = self.render_key(page, markdown)
        entry = self._read(f"{key}.json")
        if entry is not None:
            self._kept_renders[page.file.src_uri] = (json.loads(entry), markdown)
            return ""
        self._recorder = _Recorder()
        logging.getLogger(logger_name("mkdocs")).addHandler(self._recorder)
        return markdown

    def after_render(self, page, html: str, files) -> str:
        """The page's HTML: the kept render put back on `page`, or `html`, which is then kept."""
        kept = self._kept_renders.pop(page.file.src_uri, None)
        if kept is not None:
            entry, page.markdown = kept
            return self._restore_render(entry, page, files)
        if self._recorder is not None:
            self._keep_render(self._render_keys[page.file.src_uri], page)
        return html

    def _keep_render(self, key: str, page) -> None:
        records = self.stop_recording()
        links = page.links_to_anchors
        entry = {
            "content": page.content,
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()},
            "toc": _toc_tokens(page.toc),
            "log": records,
        }
        self._write(f"{key}.json", json.dumps(entry, ensure_ascii=False))

    def stop_recording(self) -> list[list]:
        """Stop keeping log messages; returns those kept since :meth:`before_render`."""
        if self._recorder is None:
            return []
        logging.getLogger(logger_name("mkdocs")).removeHandler(self._recorder)
        records, self._recorder = self._recorder.records, None
        return records

    @staticmethod
    def _restore_render(entry: dict, page, files) -> str:
        """Put a kept render back on `page` (and log again what its render logged); returns the HTML."""
        page.content = entry["content"]
        page._title_from_render = entry["title"]
        page.present_anchor_ids = set(entry["anchors"])
        if entry["links"] is None:
            page.links_to_anchors = None
        else:
            page.links_to_anchors = {}
            for src_uri, anchors in entry["links"].items():
                target = files.get_file_from_path(src_uri)
                if target is not None:
                    page.links_to_anchors[target] = anchors
        page.toc = get_toc(entry["toc"])
        for name, level, message in entry["log"]:
            logging.getLogger(name).log(level, message)
        return page.content

    # -- the template: before and after the theme renders a page ----------------

    def before_template(self, page, context: dict) -> None:
        """Give the template a kept output (``context[CONTEXT_NAME]``), or note the key to keep it under."""
        key = self.template_key(page, context)
        if key is None:
            return
        output = self._read(f"{key}.html")
        if output is not None:
            self.kept_outputs += 1
            context[CONTEXT_NAME] = output
        else:
            self._template_keys[page.file.src_uri] = key

    def after_template(self, page, output: str) -> None:
        """Keep the template's output (before any plugin's on_post_page) if :meth:`before_template` asked."""
        key = self._template_keys.pop(page.file.src_uri, None)
        if key is not None:
            self._write(f"{key}.html", output)

    # -- storage --------------------------------------------------------------

    def _read(self, name: str) -> str | None:
        name += ".z"
        self.used.add(name)
        try:
            return zlib.decompress((self.folder / name).read_bytes()).decode("utf-8")
        except (OSError, zlib.error, UnicodeDecodeError):
            return None

    def _write(self, name: str, text: str) -> None:
        name += ".z"
        self.used.add(name)
        # Compressed: pages repeat the nav and the theme's markup (a third of the size, for little time).
        write_atomically(self.folder / name, zlib.compress(text.encode("utf-8"), 1))

    def prune(self) -> None:
        """Delete the entries this build of the language did not use."""
        self.stop_recording()
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name not in self.used:
                try:
                    os.unlink(self.folder / name)
                except OSError:
                    pass

    def report_and_prune(self, say) -> None:
        """Say how many pages came from the cache (if any), then :meth:`prune`."""
        if self.kept_outputs:
            say(f"{self.language}: {self.kept_outputs} of {self.pages} pages unchanged, taken from the page cache")
        self.prune()


class CurrentPageCache:
    """The page cache of the language being rendered, if this build keeps pages: its part of each event.

    Every method does nothing while no language is being rendered with a cache.
    """

    def __init__(self) -> None:
        self.cache: PageCache | None = None

    def start(self, folder: Path, setup: str | None, language: str, session, files, config) -> None:
        """A language's build starts (`setup`: this build's page cache key; None: it keeps no pages).

        Only a language the `session` renders here keeps pages."""
        if setup is not None and session.owns(language):
            self.cache = PageCache(folder, setup, language)
            self.cache.know_files(files)
            self.cache.know_templates(config.theme.dirs)

    def nav(self, nav) -> None:
        if self.cache is not None:
            self.cache.know_nav(nav)

    def markdown(self, page, markdown: str) -> str:
        return self.cache.before_render(page, markdown) if self.cache is not None else markdown

    def content(self, page, html: str, files) -> str:
        return self.cache.after_render(page, html, files) if self.cache is not None else html

    def env(self, files) -> None:
        if self.cache is not None:
            self.cache.know_site([file.page for file in files.documentation_pages() if file.page])

    def context(self, page, context: dict) -> None:
        if self.cache is not None:
            self.cache.before_template(page, context)  # a kept output: overrides/main.html prints just that

    def output(self, page, output: str) -> None:
        if self.cache is not None:
            self.cache.after_template(page, output)

    def finish_language(self, say) -> None:
        """The language's pages are written: say what came from the cache, delete the entries not used."""
        if self.cache is not None:
            self.cache.report_and_prune(say)
            self.cache = None

    def stop(self) -> None:
        """The build failed: keep every entry (it did not see all pages)."""
        if self.cache is not None:
            self.cache.stop_recording()
            self.cache = None
