"""Reading the guide: per-language search, the root's language choice, phones, metadata."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import ARTICLES, LANGUAGES, shown_language
from htmlsite import article_text, soup


def search(page, query: str) -> list[str]:
    """Type `query` into the theme's search box and return the result links (none: [])."""
    page.wait_for_load_state("networkidle")  # the search worker has its index
    box = page.locator(".md-search__input")
    if not box.is_visible():
        page.locator("label.md-search__icon").first.click()
    results = page.locator(".md-search-result__list a.md-search-result__link")
    box.fill("")
    box.press_sequentially(query, delay=30)
    box.press("End")  # the theme searches on key events; non-Latin text is inserted without one
    try:  # results appear as the worker answers; no result at all within 5 s means none
        results.first.wait_for(timeout=5_000)
    except Exception:
        pass
    # At once: the theme may render more results meanwhile (counting, then reading one by one, can miss).
    return results.evaluate_all("links => links.map(link => link.getAttribute('href'))")


def test_a_german_only_word_is_found_from_german_pages_only(page, site_url):
    page.goto(f"{site_url}/de/guide/networking-mindset/")
    hits = search(page, "Chuzpe")
    assert hits, "the German article contains 'Chuzpe'"
    assert all("networking-myths" in href for href in hits)
    page.goto(f"{site_url}/en/guide/networking-mindset/")
    assert search(page, "Chuzpe") == []
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")


def test_results_stay_in_the_page_language(page, site_url):
    page.goto(f"{site_url}/it/")
    hits = search(page, "networking")
    assert hits
    for href in hits:
        assert page.evaluate("href => new URL(href, location.href).pathname", href).startswith("/it/"), href


def test_an_arabic_query_finds_the_arabic_article(page, site_url):
    page.goto(f"{site_url}/ar/")
    hits = search(page, "خرافات")  # "myths", in the article's title
    assert any("networking-myths" in href for href in hits), hits
    resolved = [page.evaluate("href => new URL(href, location.href).pathname", h) for h in hits]
    assert all(path.startswith("/ar/") for path in resolved), resolved


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_box_speaks_the_page_language(built_site, language):
    placeholder = soup(built_site, f"{language}/").select_one(".md-search__input")["placeholder"]
    english = soup(built_site, "en/").select_one(".md-search__input")["placeholder"]
    assert (placeholder == english) == (language == "en"), placeholder


@pytest.mark.parametrize("preferred, expected", [("de-DE", "de"), ("ar", "ar"), ("fil-PH,tl", "tl"), ("ja", "en")])
def test_site_root_sends_readers_to_their_language(browser, site_url, preferred, expected):
    context = browser.new_context(locale=preferred.split(",")[0], extra_http_headers={"Accept-Language": preferred})
    page = context.new_page()
    page.add_init_script(f"Object.defineProperty(navigator, 'languages', {{get: () => {preferred.split(',')!r}}})")
    page.goto(f"{site_url}/")
    page.wait_for_url(f"{site_url}/{expected}/")
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_leads_to_articles_checklists_and_myths(built_site, language):
    home = soup(built_site, f"{language}/")
    hrefs = {a["href"] for a in home.select("article a[href]")}
    for article in ARTICLES:
        assert f"guide/{article}/" in hrefs, (language, article)
    assert "guide/checklists/" in hrefs and "guide/myths/" in hrefs


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_have_title_description_canonical_and_open_graph(built_site, language):
    for article in ARTICLES:
        page = soup(built_site, f"{language}/guide/{article}/")
        text = article_text(article, shown_language(article, language))
        assert page.find("meta", attrs={"name": "description"})["content"] == text["summary"].strip()
        assert page.find("link", rel="canonical")["href"].endswith(f"/{language}/guide/{article}/")
        assert page.find("meta", property="og:title")["content"].startswith(text["title"].strip()[:30])
        assert page.find("meta", property="og:locale")["content"] == language
        assert page.find("meta", property="og:type")["content"] == "article"


@pytest.mark.parametrize("language", LANGUAGES)
def test_readable_on_a_360px_phone(browser, site_url, language):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in ["", "guide/networking-myths/", "guide/checklists/networking-myths/", "guide/myths/"]:
        page.goto(f"{site_url}/{language}/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{language}/{path} scrolls sideways by {overflow}px"
        if "checklists" in path:
            for box in page.locator("form.nk-checklist label").all():
                assert box.bounding_box()["height"] >= 24, "tap target too small"
    context.close()
