"""Interactive checklists and myth/fact pages in a real Chromium (Playwright)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import ARTICLES, LANGUAGES, shown_language
from htmlsite import article_meta, article_text, locale

ARTICLE = "networking-myths"


def checklist_url(site_url: str, language: str, article: str = ARTICLE) -> str:
    return f"{site_url}/{language}/guide/checklists/{article}/"


def progress_text(language: str, done: int, total: int) -> str:
    return locale(language)["progress"].format(done=done, total=total)


@pytest.mark.parametrize("language", LANGUAGES)
def test_ticking_updates_the_count_and_survives_a_reload(page, site_url, language):
    total = len(article_meta(ARTICLE)["checklist"])
    page.goto(checklist_url(site_url, language))
    status = page.locator(".nk-checklist__progress")
    expect(status).to_have_text(progress_text(language, 0, total))
    expect(status).to_have_attribute("role", "status")
    boxes = page.locator("form.nk-checklist input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(2).check()
    expect(status).to_have_text(progress_text(language, 2, total))
    page.reload()
    expect(page.locator(".nk-checklist__progress")).to_have_text(progress_text(language, 2, total))
    assert page.locator("form.nk-checklist input[type=checkbox]").nth(0).is_checked()
    assert not page.locator("form.nk-checklist input[type=checkbox]").nth(1).is_checked()
    assert page.foreign_requests == []


def test_progress_carries_over_to_another_language(page, site_url):
    total = len(article_meta(ARTICLE)["checklist"])
    page.goto(checklist_url(site_url, "en"))
    page.locator("form.nk-checklist input[type=checkbox]").nth(1).check()
    # Switch language with the site's own language switcher.
    page.locator("a.md-select__link[hreflang=de]").dispatch_event("click")
    page.wait_for_url(checklist_url(site_url, "de"))
    expect(page.locator(".nk-checklist__progress")).to_have_text(progress_text("de", 1, total))
    assert page.locator("form.nk-checklist input[type=checkbox]").nth(1).is_checked()
    # The page that gathers all checklists shares the same progress.
    page.goto(f"{site_url}/ar/guide/checklists/")
    form = page.locator(f"form[data-checklist={ARTICLE}]")
    assert form.locator("input[type=checkbox]").nth(1).is_checked()


@pytest.mark.parametrize("language", LANGUAGES)
def test_reset_clears_the_checklist(page, site_url, language):
    total = len(article_meta(ARTICLE)["checklist"])
    page.goto(checklist_url(site_url, language))
    boxes = page.locator("form.nk-checklist input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name=locale(language)["reset"]).click()
    expect(page.locator(".nk-checklist__progress")).to_have_text(progress_text(language, 0, total))
    page.reload()
    assert not page.locator("form.nk-checklist input[type=checkbox]").nth(0).is_checked()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('netguide:')).length") == 0


def test_keyboard_ticks_boxes_in_order(page, site_url):
    page.goto(checklist_url(site_url, "en"))
    first = page.locator("form.nk-checklist input[type=checkbox]").nth(0)
    second = page.locator("form.nk-checklist input[type=checkbox]").nth(1)
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    page.keyboard.press("Tab")
    assert second.evaluate("el => el === document.activeElement")
    page.keyboard.press("Space")
    assert second.is_checked()


def test_every_checkbox_has_a_label(page, site_url):
    for language in LANGUAGES:
        page.goto(checklist_url(site_url, language))
        texts = article_text(ARTICLE, shown_language(ARTICLE, language))["checklist"]
        for item_id in article_meta(ARTICLE)["checklist"]:
            expect(page.get_by_label(texts[item_id].strip(), exact=True)).to_have_count(1)


def test_arabic_checklist_runs_right_to_left(page, site_url):
    page.goto(checklist_url(site_url, "ar"))
    assert page.evaluate("getComputedStyle(document.querySelector('form.nk-checklist')).direction") == "rtl"
    box = page.locator("form.nk-checklist input[type=checkbox]").first.bounding_box()
    label = page.locator("form.nk-checklist label").first.bounding_box()
    assert box["x"] > label["x"], "the box stands at the right of its label in Arabic"


@pytest.mark.parametrize("language", LANGUAGES)
def test_checklist_works_without_javascript(browser, site_url, language):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(checklist_url(site_url, language))
    boxes = page.locator("form.nk-checklist input[type=checkbox]")
    expect(boxes).to_have_count(len(article_meta(ARTICLE)["checklist"]))
    boxes.nth(0).check()
    assert boxes.nth(0).is_checked()
    expect(page.locator(".nk-checklist__progress")).to_be_hidden()
    context.close()


def test_our_script_is_small_and_local(built_site):
    script = built_site / "assets" / "checklist.js"
    assert script.stat().st_size < 5 * 1024


@pytest.mark.parametrize("language", LANGUAGES)
def test_myth_page_shows_every_myth(page, site_url, language):
    page.goto(f"{site_url}/{language}/guide/myths/")
    strings = locale(language)
    for article in ARTICLES:
        myths = article_text(article, shown_language(article, language))["myths"]
        for myth_id in article_meta(article)["myths"]:
            block = page.locator(f"#myth-{myth_id}")
            expect(block).to_contain_text(myths[myth_id]["myth"].strip())
            expect(block).to_contain_text(myths[myth_id]["fact"].strip())
            expect(block.locator(".nk-label--myth")).to_contain_text(strings["myth"])
            expect(block.locator(".nk-label--fact")).to_contain_text(strings["fact"])
            href = block.locator(".nk-myth__source a").get_attribute("href")
            assert href.endswith(f"{article}/#myth-{myth_id}")


def test_myth_link_leads_to_the_section_in_the_article(page, site_url):
    page.goto(f"{site_url}/de/guide/myths/")
    first_myth = article_meta(ARTICLE)["myths"][0]
    page.locator(f"#myth-{first_myth} .nk-myth__source a").click()
    page.wait_for_url(f"{site_url}/de/guide/{ARTICLE}/#myth-{first_myth}")
    expect(page.locator(f"#myth-{first_myth}")).to_be_visible()


def _serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("path", [f"guide/checklists/{ARTICLE}/", "guide/myths/"])
def test_accessibility_scan_finds_nothing_serious(page, site_url, language, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{site_url}/{language}/{path}")
    assert _serious(Axe().run(page)) == []
