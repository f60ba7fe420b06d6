"""The real site, built by `mkdocs build`: languages, pages, lang/dir, switcher, nav."""

from __future__ import annotations

from urllib.parse import urljoin, urlparse

import pytest

from conftest import ARTICLES, LANGUAGES
from htmlsite import article_text, html_pages, locale, soup

PAGE_PATHS = ["", "about/", "guide/myths/", "guide/glossary/", "guide/checklists/", "guide/status/",
              *(f"guide/{a}/" for a in ARTICLES), *(f"guide/checklists/{a}/" for a in ARTICLES)]


def test_every_language_has_its_own_prefix_and_home(built_site):
    for language in LANGUAGES:
        assert (built_site / language / "index.html").exists(), language
    # Nothing of a language is left at the root but the language chooser.
    assert not (built_site / "guide").exists()
    assert not (built_site / "about").exists()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_page_exists_in_every_language(built_site, language, path):
    soup(built_site, f"{language}/{path}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("article", ARTICLES)
def test_article_page_shows_its_own_language_text(built_site, language, article):
    page = soup(built_site, f"{language}/guide/{article}/")
    text = article_text(article, language)
    assert page.find("h1").get_text(strip=True).startswith(text["title"].strip()[:40])
    assert page.title.get_text().startswith(text["title"].strip()[:40])


def test_every_html_page_has_lang_and_dir(built_site):
    pages = html_pages(built_site)
    assert len(pages) >= len(LANGUAGES) * len(PAGE_PATHS)
    for path in pages:
        relative = path.relative_to(built_site)
        html = soup(built_site, str(relative)).find("html")
        language = relative.parts[0] if relative.parts[0] in LANGUAGES else "en"
        assert html.get("lang") == language, relative
        assert html.get("dir") == ("rtl" if language == "ar" else "ltr"), relative


def test_arabic_body_is_right_to_left(built_site):
    for path in PAGE_PATHS:
        assert soup(built_site, f"ar/{path}").find("body").get("dir") == "rtl"
        assert soup(built_site, f"de/{path}").find("body").get("dir") == "ltr"


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_language_switcher_links_to_the_same_page(built_site, path):
    for language in LANGUAGES:
        page_url = f"https://example.test/{language}/{path}"
        page = soup(built_site, f"{language}/{path}")
        links = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
        assert set(links) == set(LANGUAGES), (language, path, links)
        for other, href in links.items():
            target = urlparse(urljoin(page_url, href)).path
            assert target == f"/{other}/{path}", (language, path, other, href)


@pytest.mark.parametrize("language", LANGUAGES)
def test_navigation_is_in_the_page_language(built_site, language):
    strings = locale(language)
    page = soup(built_site, f"{language}/guide/myths/")
    nav = page.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    for key in ("nav_articles", "nav_checklists", "nav_myths", "nav_glossary", "nav_about"):
        assert strings[key] in nav, (language, key)
    for article in ARTICLES:
        assert article_text(article, language)["title"].strip()[:30] in nav


def test_site_root_offers_every_language_without_javascript(built_site):
    root = soup(built_site, "")
    refresh = root.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh and "url=en/" in refresh["content"]
    assert {a["href"] for a in root.select("ul a")} == {f"{language}/" for language in LANGUAGES}


def test_no_resource_is_loaded_from_another_host(built_site):
    for path in html_pages(built_site):
        page = soup(built_site, str(path.relative_to(built_site)))
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                url = element.get(attribute)
                if not url or (tag == "link" and element.get("rel") in (["alternate"], ["canonical"])):
                    continue
                assert not urlparse(url).netloc, f"{path}: {tag} loads {url}"
