"""Shared fixtures: the real site built once, served on localhost, and a real browser.

The site is built with the real `mkdocs build` command from the repository's
own mkdocs.yml, into a temporary folder; browser tests drive Debian's
Chromium through Playwright.

Tests come in three tiers, marked here at collection (no test needs to mark
itself): ``browser`` (drives Chromium, so also builds), ``build`` (runs a real
``mkdocs build``/``mkdocs serve``, directly or through a fixture such as
``built_site``) and the fast rest, unmarked. ``-m "not build and not browser"``
runs the fast tier in seconds.
"""

from __future__ import annotations

import functools
import http.server
import inspect
import os
import re
import shutil
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest
from hypothesis import settings

# Speed is measured by the benchmark, never asserted in a test: Hypothesis' per-example deadline
# (200 ms) is a timed assertion that fails on a busy machine, so no property test has one.
settings.register_profile("netguide", deadline=None)
settings.load_profile("netguide")

ROOT = Path(__file__).resolve().parent.parent


def _site_languages() -> list[str]:
    """The site's languages, in mkdocs.yml's order (the i18n plugin's `languages:`, the one list)."""
    from netguide.translate.languages import language_codes

    return language_codes(ROOT)


def _article_ids() -> list[str]:
    """The articles in content/articles, in their `order:` (as the nav lists them)."""
    import yaml

    metas = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in (ROOT / "content" / "articles").glob("*/article.yml")
    ]
    return [meta["id"] for meta in sorted(metas, key=lambda meta: (meta["order"], meta["id"]))]


def _languages_being_translated() -> list[str]:
    """The languages whose locale still has the note `netguide add-language` writes: the marker that
    `netguide check` warns about ("TODO(translate):"; a UI string may name the marker without its colon)."""
    from netguide.content.compare import MARKER

    return [
        code for code in _site_languages() if MARKER in (ROOT / "locales" / f"{code}.yml").read_text(encoding="utf-8")
    ]


#: Read from the project, never written out here: a language or article added there is tested too.
LANGUAGES = _site_languages()
ARTICLES = _article_ids()
#: Languages just added and still being translated (none on main; `dev.py test --with-language` adds one):
#: their articles may be missing (the pages show the source) and the checks warn that their texts
#: are not translated yet. Everything else is tested for them as for every language.
NEW_LANGUAGES = _languages_being_translated()


def translated(article: str) -> list[str]:
    """The languages that have a version of `article` (content/articles/<id>/<code>.yml), in LANGUAGES order."""
    return [code for code in LANGUAGES if (ROOT / "content" / "articles" / article / f"{code}.yml").exists()]


def warnings_but_new_languages(output: str) -> list[str]:
    """The lines of a build log or of `netguide check` that warn, but those saying that a file of a language
    still being translated (NEW_LANGUAGES) is not translated yet: what `netguide add-language` leaves."""

    def of_a_new_language(line: str) -> bool:
        found = re.search(r"(\S+?):\d+: warning: .*not translated yet", line)
        name = Path(found[1]).name if found else ""
        return any(name == f"{code}.yml" or name.endswith(f".{code}.md") for code in NEW_LANGUAGES)

    return [
        line
        for line in output.splitlines()
        if ("WARNING" in line or ": warning: " in line) and not of_a_new_language(line)
    ]


def source_language(article: str) -> str:
    """The article's source language (article.yml `source_language:`)."""
    import yaml

    meta = yaml.safe_load((ROOT / "content" / "articles" / article / "article.yml").read_text(encoding="utf-8"))
    return meta["source_language"]


def shown_language(article: str, language: str) -> str:
    """The language of the text the page of `article` in `language` shows: its own, else the article's source
    (a fallback page, which says so)."""
    return language if language in translated(article) else source_language(article)


PROJECT_FILES = ["mkdocs.yml", "docs", "content", "locales", "overrides"]


#: The public address the test builds are made for (SITE_URL), as the deploy build has one.
PUBLIC_URL = "https://guide.example.org/"


def run_mkdocs_build(
    project: Path, site_dir: Path, env: dict | None = None, engine: str = "mkdocs"
) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` in `project` for PUBLIC_URL, returning the finished process.

    `engine`: the module that builds (``properdocs``: the maintained fork of MkDocs 1.6)."""
    if _current_test is not None and _current_test.get_closest_marker("build") is None:
        pytest.fail(
            f"{_current_test.nodeid} runs `mkdocs build` but is not in the build tier: call "
            "run_mkdocs_build from the test or one of its fixtures, or mark it @pytest.mark.build"
        )
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SITE_URL": PUBLIC_URL,  # env={"SITE_URL": ""}: none
            "REPO_URL": "",  # no "Improve this page" links unless a test sets it (tests/test_source_links.py)
            "REPO_BRANCH": "",
            # PDFs are cached by content, so scratch projects can share one cache.
            "NETGUIDE_CACHE_DIR": str(ROOT / ".cache" / "netguide-tests"),
            **(env or {}),
        },
    )


# --- Tiers -----------------------------------------------------------------

#: The test being run (set around each test, read by run_mkdocs_build).
_current_test: pytest.Item | None = None


def _runs_mkdocs(function) -> bool:
    """Whether `function`, or a function defined inside it, calls run_mkdocs_build or serving.serving,
    or starts `-m mkdocs`."""
    function = getattr(getattr(function, "hypothesis", None), "inner_test", function)  # @given wraps the test
    code = getattr(inspect.unwrap(function), "__code__", None)
    codes = [code] if code is not None else []
    while codes:
        code = codes.pop()
        constants = [*code.co_consts, *(c for t in code.co_consts if isinstance(t, tuple) for c in t)]
        if {"run_mkdocs_build", "serving"} & set(code.co_names) or "mkdocs" in constants:
            return True
        codes += [c for c in code.co_consts if isinstance(c, types.CodeType)]
    return False


def pytest_collection_modifyitems(config, items):
    """Mark each test `browser` (and `build`) or `build` by what it, and the fixtures it uses, do.

    A test that uses the `browser` fixture (`page` and `context` do) is a
    browser test; one that calls run_mkdocs_build or `serving` (tests/serving.py) or starts `python -m mkdocs`,
    itself or in any fixture it uses (`built_site`, `site_url`, …), is a build
    test. Marks a test sets itself are kept. Tests in `test_unit_*.py` files
    that build nothing are `unit` tests.
    """
    for item in items:
        fixtures = getattr(item, "_fixtureinfo", None)
        functions = [getattr(item, "obj", None)]
        if fixtures is not None:
            functions += [
                definition.func for definitions in fixtures.name2fixturedefs.values() for definition in definitions
            ]
        browser = "browser" in getattr(item, "fixturenames", ()) or item.get_closest_marker("browser")
        if browser and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
        if not item.get_closest_marker("build") and (browser or any(map(_runs_mkdocs, functions))):
            item.add_marker(pytest.mark.build)
        if item.path.name.startswith("test_unit_") and not item.get_closest_marker("build"):
            item.add_marker(pytest.mark.unit)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    global _current_test
    _current_test = item
    try:
        return (yield)
    finally:
        _current_test = None


@pytest.fixture(scope="session")
def real_guide():
    """The repository's own content/ and locales/, loaded (a fraction of a second). Shared: deepcopy to change it."""
    from netguide.content.loader import load_guide

    return load_guide(ROOT / "content", ROOT / "locales")


# --- The real site -----------------------------------------------------------


def copy_project(target: Path) -> Path:
    """A scratch copy of the project's content and config (no build output)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("guide"))
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_mkdocs_build(ROOT, site)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    (site.parent / "build.log").write_text(result.stderr, encoding="utf-8")  # for test_the_build_log_is_clean
    return site


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # a browser that closed a download (a service worker's, when a test ends)
        super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Base URL of the built site served on loopback."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def chromium_path() -> str:
    for candidate in (os.environ.get("NETGUIDE_CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError(
        "Chromium is not installed: run the tests with `python3 scripts/dev.py test`, "
        "which installs Debian's chromium package"
    )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context, site_url):
    """A fresh page that records requests to any host but the local server."""
    page = context.new_page()
    page.foreign_requests = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith((site_url, "data:", "blob:")) else page.foreign_requests.append(request.url)
        ),
    )
    return page
