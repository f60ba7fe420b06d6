"""The real site, built by `mkdocs build`: languages, pages, lang/dir, switcher, nav."""

from __future__ import annotations

from urllib.parse import urljoin, urlparse

import pytest

from conftest import ARTICLES, LANGUAGES, copy_project, run_mkdocs_build, shown_language, warnings_but_new_languages
from htmlsite import article_meta, article_text, html_pages, locale, soup

PAGE_PATHS = [
    "",
    "about/",
    "guide/myths/",
    "guide/glossary/",
    "guide/checklists/",
    "guide/status/",
    *(f"guide/{a}/" for a in ARTICLES),
    *(f"guide/checklists/{a}/" for a in ARTICLES),
]


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
    text = article_text(article, shown_language(article, language))  # the source's until it is translated
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
        assert html.get("dir") == locale(language)["direction"], relative


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
        assert article_text(article, shown_language(article, language))["title"].strip()[:30] in nav


def test_navigation_does_not_list_each_checklist(built_site):
    """Checklists are reached through their index page and their article, which keeps the nav short."""
    nav = soup(built_site, "en/guide/myths/").select_one("nav.md-nav--primary")
    hrefs = [link["href"] for link in nav.select("a[href]")]
    assert "../checklists/" in hrefs, hrefs
    assert not [href for href in hrefs if any(f"checklists/{article}" in href for article in ARTICLES)]


@pytest.mark.parametrize("language", ["en", "ar"])  # built in the main process and in a helper
def test_on_a_checklist_page_the_checklists_entry_is_current(built_site, language):
    def current_entries(path):
        nav = soup(built_site, f"{language}/{path}").select_one("nav.md-nav--primary")
        return [item.select_one("a")["href"] for item in nav.select("li.md-nav__item--active")]

    for article in ARTICLES:
        assert current_entries(f"guide/checklists/{article}/") == ["../"]
    # Only there: the next page rendered is back to normal.
    assert current_entries("guide/myths/") == ["./"]
    assert current_entries("guide/glossary/") == ["./"]


def test_a_long_guide_groups_its_articles_and_a_page_carries_only_its_group(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - netguide:\n", "  - netguide:\n      nav_group_size: 2\n      pdf: false\n", 1),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    first, second, third = sorted(ARTICLES, key=lambda article: article_meta(article)["order"])
    for language in ("en", "ar"):
        nav = soup(site, f"{language}/guide/{first}/").select_one("nav.md-nav--primary")
        text = nav.get_text(" ", strip=True)
        assert "1–2" in text and "3" in text, text
        # Its own group is listed; the other group is one link (to its first page), not its titles.
        assert article_text(second, language)["title"].strip()[:30] in text
        assert article_text(third, language)["title"].strip()[:30] not in text
        assert nav.select(f'a[href$="{third}/"]'), "the pruned group links to its first article"
        # The third article's page lists its own group instead.
        text = soup(site, f"{language}/guide/{third}/").select_one("nav.md-nav--primary").get_text(" ", strip=True)
        assert article_text(third, language)["title"].strip()[:30] in text
        assert article_text(second, language)["title"].strip()[:30] not in text


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


def test_the_build_log_is_clean(built_site):
    """No warnings (but that a language just added is not translated yet), and no list of pages missing from the nav (checklists are deliberately not in it)."""
    log = (built_site.parent / "build.log").read_text(encoding="utf-8")
    assert "Loaded 3 articles" in log
    assert warnings_but_new_languages(log) == [], log  # a language being translated warns that it is
    assert 'not included in the "nav"' not in log, log
