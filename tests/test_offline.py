"""Offline reading (issue 20): each language's service worker, <lang>/sw.js.

A reader who opened the guide once online reads that language's pages, and
the PDFs they opened, with the network cut; a new build reaches them through
a new cache version. Our own scripts stay small.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from conftest import ARTICLES, LANGUAGES, ROOT
from htmlsite import article_meta, locale
from netguide.site.offline import MANIFEST, TEMPLATE, WORKER, offline_files, precache_files, write_offline_files

ASSETS = ROOT / "docs" / "assets"


# --- Small: our scripts --------------------------------------------------------


def test_our_scripts_stay_small():
    """The checklist script under 5 KB; all our scripts together (the worker too) under 10 KB."""
    assert (ASSETS / "checklist.js").stat().st_size < 5_000
    worker = len(b'var V = "xx-0123456789abcdef";\n') + TEMPLATE.stat().st_size
    total = sum(path.stat().st_size for path in ASSETS.glob("*.js")) + worker
    assert total < 10_000, f"our scripts weigh {total} bytes together"


# --- The worker's list and version, on a small site -----------------------------

PAGE = """<!doctype html><html lang="de"><head>
<link rel="stylesheet" href="{up}assets/site.css"><link rel="icon" href="{up}assets/icon.png">
<link rel="canonical" href="https://example.org/de/"><link rel="alternate" href="{up}en/" hreflang="en">
<script src="{up}assets/app.js"></script><script src="https://other.example/x.js"></script></head>
<body><a href="{up}de/guide/a.pdf">PDF</a><img src="{up}assets/photo.png" alt="">
<script id="__config" type="application/json">{{"annotate": null, "base": ".", "search": "{up}assets/javascripts/workers/search.1.min.js"}}</script>
</body></html>"""

FILES = {
    "de/index.html": PAGE.format(up="../"),
    "de/guide/article/index.html": PAGE.format(up="../../../"),
    "de/404.html": PAGE.format(up="/"),
    "de/guide/a.pdf": "%PDF-1.7",
    "de/search/search_index.json": json.dumps({"config": {"lang": ["de"]}, "docs": []}),
    "en/index.html": PAGE.format(up="../"),
    "assets/site.css": "body{background:url(images/bg.svg)} i{background:url('data:image/png;base64,AA')}",
    "assets/images/bg.svg": "<svg/>",
    "assets/icon.png": "PNG",
    "assets/app.js": "1",
    "assets/photo.png": "PNG",
    "assets/unused.js": "2",
    "assets/javascripts/workers/search.1.min.js": "w",
    "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "s",
    "assets/javascripts/lunr/min/lunr.de.min.js": "d",
    "assets/javascripts/lunr/min/lunr.it.min.js": "i",
}


@pytest.fixture
def small_site(tmp_path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _manifest(site: Path, language: str = "de") -> dict:
    return json.loads((site / language / MANIFEST).read_text(encoding="utf-8"))


def test_the_list_holds_the_pages_and_what_they_load(small_site):
    assert precache_files(small_site, "de") == [
        "assets/app.js",
        "assets/icon.png",
        "assets/images/bg.svg",
        "assets/javascripts/lunr/min/lunr.de.min.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/workers/search.1.min.js",
        "assets/photo.png",
        "assets/site.css",
        "de/guide/article/index.html",
        "de/index.html",
        "de/search/search_index.json",
    ]
    write_offline_files(small_site, ["de", "en"])
    manifest = _manifest(small_site)
    # Addresses relative to the worker's folder: a site under a subpath works the same.
    assert "../assets/site.css" in manifest["files"] and "guide/article/" in manifest["files"]
    assert "./" in manifest["files"]
    worker = (small_site / "de" / WORKER).read_text(encoding="utf-8")
    assert worker.startswith(f'var V = "{manifest["version"]}";\n')
    assert worker.endswith(TEMPLATE.read_text(encoding="utf-8"))
    assert _manifest(small_site, "en")["version"].startswith("en-")


def test_the_version_changes_with_any_file_it_caches_and_only_then(small_site):
    write_offline_files(small_site, ["de"])
    first = _manifest(small_site)["version"]
    (small_site / "de" / "guide" / "a.pdf").write_text("%PDF-1.7 changed", encoding="utf-8")  # cached when opened
    (small_site / "assets" / "unused.js").write_text("3", encoding="utf-8")
    write_offline_files(small_site, ["de"])
    assert _manifest(small_site)["version"] == first
    versions = {first}
    for name in ("assets/images/bg.svg", "assets/app.js", "de/guide/article/index.html", "de/search/search_index.json"):
        (small_site / name).write_text((small_site / name).read_text(encoding="utf-8") + " ", encoding="utf-8")
        write_offline_files(small_site, ["de"])
        version = _manifest(small_site)["version"]
        assert version not in versions, f"a change to {name} left the version as it was"
        assert f'var V = "{version}";' in (small_site / "de" / WORKER).read_text(encoding="utf-8")
        versions.add(version)


def test_the_same_files_make_the_same_bytes(small_site, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    for name, text in FILES.items():
        (other / name).parent.mkdir(parents=True, exist_ok=True)
        (other / name).write_text(text, encoding="utf-8")
    assert offline_files(small_site, "de") == offline_files(other, "de")


def test_addresses_from_the_site_root_are_read_under_the_sites_path(small_site):
    for name in ("de/index.html", "de/guide/article/index.html"):
        (small_site / name).write_text(PAGE.format(up="/repo/"), encoding="utf-8")
    assert "assets/app.js" in precache_files(small_site, "de", "/repo/")
    assert "assets/app.js" not in precache_files(small_site, "de", "/")  # another site's /assets/


# --- The built site ---------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_a_worker_that_lists_its_reading(built_site, language):
    manifest = _manifest(built_site, language)
    files = manifest["files"]
    for article in ARTICLES:
        assert f"guide/{article}/" in files
        if article_meta(article).get("checklist"):
            assert f"guide/checklists/{article}/" in files
    assert "guide/myths/" in files and "./" in files and "search/search_index.json" in files
    assert any(name.startswith("../assets/javascripts/bundle.") for name in files)
    assert "../assets/checklist.js" in files and "../assets/offline.js" in files
    # search offline: our search worker and Material's, which ours imports
    assert "../assets/javascripts/workers/search.netguide.js" in files
    assert any(re.fullmatch(r"\.\./assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", name) for name in files)
    assert not any(name.endswith(".pdf") for name in files)
    for name in files:
        path = (built_site / language / name).resolve()
        assert (path / "index.html" if name.endswith("/") else path).is_file(), name
    assert (built_site / language / WORKER).read_text(encoding="utf-8").startswith(f'var V = "{manifest["version"]}";')


# --- In a browser, with the network cut -----------------------------------------------


class QuietServer(http.server.ThreadingHTTPServer):
    """Says nothing when the browser drops a connection (a page left while the worker still loads)."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Server:
    """The built site on loopback, on a server of its own that the test can stop."""

    def __init__(self, site: Path):
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.httpd = QuietServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


WORKER_ACTIVE = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== "activated") {
    await new Promise(done => worker.addEventListener("statechange", () => worker.state === "activated" && done()));
  }
  return registration.scope;
}"""

READ_START = "address => fetch(address).then(r => r.arrayBuffer()).then(b => new TextDecoder().decode(b.slice(0, 4)))"
IN_CACHE = "async address => !!(await caches.match(new URL(address, location.href).href))"
CACHES = "names => caches.keys().then(keys => JSON.stringify(keys) === JSON.stringify(names))"


def _until(page, expression: str, arg, seconds: float = 15) -> None:
    """Wait until `expression` (a function, maybe async) gives a true value for `arg` in the page."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression, arg):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {expression} ({arg})"
        time.sleep(0.1)


def test_a_language_reads_offline_after_one_visit(browser, built_site):
    language, visited, unvisited = "de", ARTICLES[0], ARTICLES[1]
    pdf = f"guide/checklists/{visited}.pdf"
    server = _Server(built_site)
    context = browser.new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{server.url}/{language}/")
        assert page.evaluate(WORKER_ACTIVE) == f"{server.url}/{language}/"
        version = json.loads((built_site / language / MANIFEST).read_text(encoding="utf-8"))["version"]
        assert page.evaluate("caches.keys()") == [f"netguide-{version}"]
        page.goto(f"{server.url}/{language}/guide/{visited}/")
        assert page.evaluate("!!navigator.serviceWorker.controller")
        response = page.goto(f"{server.url}/{language}/{pdf}")  # the reader opens a PDF
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        page.goto(f"{server.url}/{language}/guide/{visited}/")
        _until(page, IN_CACHE, f"../../{pdf}")  # cached as it was opened

        server.stop()  # the network is cut: no server, and the browser offline
        context.set_offline(True)

        strings = locale(language)
        for address, heading in [
            (f"guide/{unvisited}/", None),  # precached, never visited
            (f"guide/checklists/{unvisited}/", None),
            ("guide/myths/", strings["myths_title"]),
            (f"guide/{visited}/", None),
        ]:
            response = page.goto(f"{server.url}/{language}/{address}")
            assert response.status == 200, address
            assert page.evaluate("document.documentElement.lang") == language
            expect(page.locator("article h1").first).to_be_visible()
            if heading:
                expect(page.locator("article h1").first).to_contain_text(heading)
            # The style sheets and scripts came from the cache too.
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        checklist = page.goto(f"{server.url}/{language}/guide/checklists/{unvisited}/")
        assert checklist.status == 200
        expect(page.locator(".nk-checklist__progress")).to_be_visible()  # checklist.js ran
        page.locator("form.nk-checklist input[type=checkbox]").first.check()
        response = page.goto(f"{server.url}/{language}/{pdf}")  # opened in the browser's PDF viewer
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        page.goto(f"{server.url}/{language}/")
        assert page.evaluate(READ_START, f"{pdf}") == "%PDF"
        # Offline for real: what was never cached does not load.
        with pytest.raises(PlaywrightError):
            page.goto(f"{server.url}/{language}/guide/checklists/{unvisited}.pdf")
        assert errors == []
    finally:
        context.close()
        if server.httpd.socket.fileno() != -1:
            server.stop()


def test_a_new_build_replaces_the_cache_and_keeps_the_pdfs(browser, built_site, tmp_path):
    """The next visit online after a new build installs the new worker; the old cache goes, its PDFs stay."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    language, article = "ar", ARTICLES[0]
    server = _Server(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{server.url}/{language}/guide/{article}/")
        page.evaluate(WORKER_ACTIVE)
        old = page.evaluate("caches.keys()")
        page.goto(f"{server.url}/{language}/guide/checklists/{article}.pdf")
        page.goto(f"{server.url}/{language}/guide/{article}/")
        _until(page, IN_CACHE, f"../checklists/{article}.pdf")

        changed = site / language / "guide" / "myths" / "index.html"  # a new build changed one page
        changed.write_text(
            changed.read_text(encoding="utf-8").replace("</body>", "<p id=new-build></p></body>"), encoding="utf-8"
        )
        write_offline_files(site, [language])
        new = [f"netguide-{_manifest(site, language)['version']}"]
        assert new != old
        page.reload()  # the browser looks for a new sw.js on each visit
        _until(page, CACHES, new)
        assert page.evaluate(IN_CACHE, f"../checklists/{article}.pdf")
        server.stop()
        context.set_offline(True)
        page.goto(f"{server.url}/{language}/guide/myths/")
        assert page.locator("#new-build").count() == 1
    finally:
        context.close()
        if server.httpd.socket.fileno() != -1:
            server.stop()


def test_no_worker_outside_its_language(page, site_url):
    """A language's page registers that language's worker only, scope <lang>/."""
    page.goto(f"{site_url}/it/guide/myths/")
    assert page.evaluate(WORKER_ACTIVE) == f"{site_url}/it/"
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.map(x => x.scope))") == [
        f"{site_url}/it/"
    ]
