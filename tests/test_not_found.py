"""A 404 page in the reader's language, also on GitHub Pages (issue 18).

GitHub Pages answers every missing address with the site's root 404.html (in
the default language), never with /<lang>/404.html. The root page's script
(docs/assets/not-found.js) shows an address under another language's folder
that language's 404 page, at the same address. The servers here answer like
GitHub Pages, for a site at the root of its host and for one under a path.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ARTICLES, LANGUAGES, PUBLIC_URL, ROOT, run_mkdocs_build
from htmlsite import locale
from test_browser_reading import search
from test_browser_search import title_word_in_another_form
from test_offline import QuietServer

DEFAULT = LANGUAGES[0]


class GitHubPagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory`; any missing file gets `not_found` (the site's root 404.html), status 404."""

    not_found: Path
    hidden: frozenset[str] = frozenset()  # paths answered as missing although they exist

    def send_head(self):
        if self.path.split("?")[0] in self.hidden:
            self.send_error(404)
            return None
        return super().send_head()

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def serve():
    """serve(directory, not_found, hidden=()) -> base URL; every server stops at the module's end."""
    servers = []

    def start(directory: Path, not_found: Path, hidden=()) -> str:
        handler = type("Handler", (GitHubPagesHandler,), {"not_found": not_found, "hidden": frozenset(hidden)})
        server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def pages_url(built_site, serve) -> str:
    return serve(built_site, built_site / "404.html")


def _heading(language: str) -> str:
    return locale(language)["not_found"]


def _opens_not_found(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 404


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != DEFAULT])
def test_a_missing_page_under_a_language_shows_its_404_page(page, pages_url, language):
    errors, elsewhere = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith((pages_url, "data:", "blob:")) else elsewhere.append(request.url)
        ),
    )
    address = f"{pages_url}/{language}/guide/no-such-page/?ref=mail#top"  # (not ?q=: the theme would search for it)
    _opens_not_found(page, address)
    expect(page.locator(".md-content article h1")).to_have_text(_heading(language))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert page.url == address, "the reader still sees the address they asked for"
    # The page is that language's whole 404 page: its theme, its nav, its search.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    expect(page.locator(f"a.md-logo[href$='/{language}/']").first).to_be_attached()
    assert errors == [] and elsewhere == []
    page.go_back()  # no step back to the English page in between
    assert page.url == "about:blank"


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_on_a_404_page_knows_the_languages_word_forms(page, pages_url, built_site, language):
    _opens_not_found(page, f"{pages_url}/{language}/guide/no-such-page/")
    hits = search(
        page, title_word_in_another_form(built_site, language)
    )  # capitals, no accents: a form the title lacks
    paths = [page.evaluate("href => new URL(href, location.href).pathname", href) for href in hits]
    assert f"/{language}/guide/{ARTICLES[0]}/" in paths, paths


@pytest.mark.parametrize("path", ["/missing/", f"/{DEFAULT}/missing/", "/assets/missing.js", "/xx/missing/"])
def test_a_missing_page_elsewhere_shows_the_default_404_page(page, pages_url, path):
    _opens_not_found(page, pages_url + path)
    expect(page.locator(".md-content article h1")).to_have_text(_heading(DEFAULT))
    expect(page.locator("html")).to_have_attribute("lang", DEFAULT)
    assert page.url == pages_url + path


def test_without_javascript_the_root_404_page_still_leads_on(browser, pages_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        _opens_not_found(page, f"{pages_url}/de/missing/")
        expect(page.locator(".md-content article h1")).to_have_text(_heading(DEFAULT))
        for language in LANGUAGES:  # the language menu leads to every language's home
            expect(page.locator(f"a[hreflang={language}]").first).to_be_attached()
    finally:
        context.close()


def test_a_language_without_a_404_page_does_not_loop(page, built_site, serve):
    """If /de/404.html is missing too, the server's answer for it is the root page: the script stops there."""
    url = serve(built_site, built_site / "404.html", hidden={"/de/404.html"})
    requests = []
    page.on("request", lambda request: requests.append(request.url) if request.resource_type == "document" else None)
    page.goto(f"{url}/de/missing/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    expect(page.locator(".md-content article h1")).to_have_text(_heading(DEFAULT))
    assert requests == [f"{url}/de/missing/", f"{url}/de/404.html"]


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory) -> Path:
    """The site built for a project page's address, https://<user>.github.io/<repo>/."""
    folder = tmp_path_factory.mktemp("subpath")
    result = run_mkdocs_build(ROOT, folder / "repo", {"SITE_URL": PUBLIC_URL + "repo/"})
    assert result.returncode == 0, result.stderr
    return folder / "repo"


def test_under_a_subpath_too(page, subpath_site, serve):
    base = serve(subpath_site.parent, subpath_site / "404.html") + "/repo"
    _opens_not_found(page, f"{base}/ar/guide/missing/")
    expect(page.locator(".md-content article h1")).to_have_text(_heading("ar"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.url == f"{base}/ar/guide/missing/"
    _opens_not_found(page, f"{base}/missing/")
    expect(page.locator(".md-content article h1")).to_have_text(_heading(DEFAULT))
