"""axe-core in the real browser: every page type in every language, nothing serious.

Also the print stylesheet: a printed checklist has no navigation or header,
and its boxes are shown.
"""

from __future__ import annotations

import pytest

from conftest import LANGUAGES

PAGE_TYPES = {
    "home": "",
    "about": "about/",
    "article": "guide/networking-myths/",
    "checklist": "guide/checklists/peer-networking/",
    "all checklists": "guide/checklists/",
    "myths": "guide/myths/",
    "glossary": "guide/glossary/",
    "status": "guide/status/",
}


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_accessibility_violations(page, site_url, language, kind):
    page.goto(f"{site_url}/{language}/{PAGE_TYPES[kind]}")
    assert serious_violations(page) == []


def test_not_found_page_is_accessible(page, site_url):
    page.goto(f"{site_url}/de/404.html")
    assert page.locator("html").get_attribute("lang") == "de"
    assert serious_violations(page) == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_printed_checklist_has_no_navigation_and_shows_boxes(page, site_url, language):
    page.goto(f"{site_url}/{language}/guide/checklists/peer-networking/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".nk-checklist__reset"):
        assert not page.locator(selector).first.is_visible(), selector
    boxes = page.locator("form.nk-checklist input[type=checkbox]")
    assert boxes.count() >= 4
    for index in range(boxes.count()):
        assert boxes.nth(index).is_visible()
        assert boxes.nth(index).bounding_box()["width"] >= 10
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
