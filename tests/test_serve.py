"""`mkdocs serve` alone shows content and locale edits live, survives broken content, recovers."""

from __future__ import annotations

import re
import time

import pytest

from conftest import copy_project
from serving import fetch, free_port, serving, wait_for


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project")
    with serving(project, free_port(), tmp_path / "serve.log", {"NETGUIDE_CACHE_DIR": str(tmp_path / "cache")}) as s:
        wait_for(lambda: "<html" in fetch(f"{s.base}/en/guide/networking-myths/"), 60, "the first page")
        yield project, s.base, s.log


def replace_line(path, key, value):
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"(?m)^{key}:.*$", f"{key}: {value}", text, count=1), encoding="utf-8")


def test_serve_shows_edits_and_survives_broken_content(served):
    project, base, log = served
    article = project / "content/articles/networking-myths/en.yml"
    page = f"{base}/en/guide/networking-myths/"

    replace_line(article, "title", "Edited while serving")
    wait_for(lambda: "Edited while serving" in fetch(page), 120, "the content edit")

    replace_line(project / "locales/en.yml", "nav_about", "About this guide (edited)")
    wait_for(lambda: "About this guide (edited)" in fetch(page), 120, "the locale edit")

    replace_line(article, "title", "[unclosed")
    wait_for(lambda: "YAML syntax error" in log.read_text(), 120, "the error report")
    shown = fetch(page)
    assert "Edited while serving" in shown, "the last good page is still served"
    assert "YAML syntax error" in shown and 'role="alert"' in shown, "the error is shown on the page"

    replace_line(article, "title", "Recovered after the fix")
    wait_for(lambda: "Recovered after the fix" in fetch(page), 120, "recovery")


def test_an_open_browser_tab_reloads_itself_on_a_saved_edit(served, browser):
    """Live reload works under serve: the tab shows the edit without a manual reload."""
    project, base, _ = served
    context = browser.new_context()
    try:
        tab = context.new_page()
        blocked = []
        tab.on(
            "console",
            lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
        )
        tab.goto(f"{base}/en/guide/networking-myths/")  # (never "networkidle": live reload long-polls)
        replace_line(project / "content/articles/networking-myths/en.yml", "title", "Reloaded by itself")
        tab.wait_for_function(
            "() => (document.querySelector('h1')?.textContent || '').includes('Reloaded by itself')", timeout=120_000
        )
        assert blocked == [], blocked
    finally:
        context.close()


def test_an_edit_rebuilds_once(served):
    """The pages the build writes into docs/guide/ do not start a second rebuild (nor a second reload)."""
    project, base, log = served
    replace_line(project / "content/articles/networking-myths/en.yml", "title", "Rebuilt once")
    wait_for(lambda: "Rebuilt once" in fetch(f"{base}/en/guide/networking-myths/"), 120, "the content edit")
    time.sleep(4)  # the watcher polls every 0.5 s: a second rebuild would have started by now
    assert log.read_text().count("Detected file changes") == 1, log.read_text()
    # Hand-written pages and shared files are still watched.
    page = project / "docs" / "about.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA hand-written line.\n", encoding="utf-8")
    wait_for(lambda: "A hand-written line." in fetch(f"{base}/en/about/"), 120, "the edit to docs/about.en.md")
    css = project / "docs" / "assets" / "guide.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited while serving */\n", encoding="utf-8")
    wait_for(lambda: "edited while serving" in fetch(f"{base}/assets/guide.css"), 120, "the edit to docs/assets/")


def line_of(path, needle: str) -> int:
    return next(
        number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


def test_serve_shows_a_broken_anchor_in_the_banner_and_keeps_the_last_good_pages(served):
    """What `netguide check` finds after loading (here: a link to no anchor) fails a serve rebuild like a load error."""
    project, base, log = served
    article = project / "content/articles/networking-myths/en.yml"
    page = f"{base}/en/guide/networking-myths/"
    replace_line(article, "title", "The last good title")
    wait_for(lambda: "The last good title" in fetch(page), 120, "the content edit")

    good = article.read_text(encoding="utf-8")
    article.write_text(good.replace("body: |\n", "body: |\n  See [below](#no-such-anchor).\n\n", 1), encoding="utf-8")
    wait_for(lambda: "has no anchor" in log.read_text(), 120, "the error report")
    shown = fetch(page)
    assert "The last good title" in shown and 'href="#no-such-anchor"' not in shown, "the last good page is served"
    assert 'role="alert"' in shown and "has no anchor" in shown, "the error is shown on the page"
    assert f"content/articles/networking-myths/en.yml:{line_of(article, 'no-such-anchor')}: error:" in shown, (
        "the banner names the content file and line, not the generated page"
    )

    article.write_text(good.replace("The last good title", "Recovered after the fix"), encoding="utf-8")
    wait_for(lambda: "Recovered after the fix" in fetch(page), 120, "recovery")
    assert 'role="alert"' not in fetch(page)


def test_an_edited_page_is_previewed_and_only_its_tab_reloads(served, browser):
    """An article edit shows in its tab from the preview; the rebuild that follows makes the same page and
    reloads nothing, and a tab on another page is never reloaded."""
    project, base, log = served
    context = browser.new_context()
    try:
        loads = {"article": 0, "about": 0}
        tabs = {}
        for name, address in (("article", f"{base}/it/guide/networking-myths/"), ("about", f"{base}/it/about/")):
            tabs[name] = context.new_page()
            tabs[name].goto(address)
            tabs[name].on("load", lambda _page, name=name: loads.__setitem__(name, loads[name] + 1))
        article = project / "content/articles/networking-myths/it.yml"
        article.write_text(
            article.read_text(encoding="utf-8").replace("body: |\n", "body: |\n  Anteprima mostrata subito.\n\n", 1),
            encoding="utf-8",
        )
        tabs["article"].wait_for_function(
            "() => (document.querySelector('article')?.textContent || '').includes('Anteprima mostrata subito')",
            timeout=120_000,
        )
        wait_for(lambda: re.search(r"(?m)Reloading browsers \(preview of 1 page", log.read_text()), 120, "the preview")
        wait_for(
            lambda: re.search(
                r"(?m)The rebuild changed nothing that is served|Reloading browsers \(rebuild", log.read_text()
            ),
            120,
            "the rebuild after the preview",
        )
        tabs["article"].wait_for_timeout(1500)  # a reload the rebuild caused would have happened by now
        tabs["about"].wait_for_timeout(100)
        assert loads == {"article": 1, "about": 0}, (loads, log.read_text())
        switcher = tabs["article"].locator("a[hreflang='de']").first.get_attribute("href")
        assert switcher and "networking-myths" in switcher, "the preview's switcher leads to the page's other languages"
    finally:
        context.close()


def test_serve_refuses_a_hostile_hand_written_page_and_keeps_the_last_good_one(served):
    """docs/ pages are contributions too: under serve a redirect appended to one is refused, with file and line."""
    project, base, log = served
    page = project / "docs" / "about.de.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(
        good + '\n<meta http-equiv="refresh" content="0;url=https://elsewhere.invalid/">\n', encoding="utf-8"
    )
    wait_for(lambda: "raw HTML is not allowed in the page" in log.read_text(), 120, "the error report")
    shown = fetch(f"{base}/de/about/")
    assert 'http-equiv="refresh"' not in shown, "the redirect reached the page"
    assert f"docs/about.de.md:{line_of(page, 'http-equiv')}: error:" in shown, "the banner names the file and line"
    page.write_text(good.replace("# Über den Leitfaden", "# Über den Leitfaden (repariert)"), encoding="utf-8")
    wait_for(lambda: "(repariert)" in fetch(f"{base}/de/about/"), 120, "recovery")
    assert 'role="alert"' not in fetch(f"{base}/de/about/")
