"""Search that knows each language's word forms, typed key by key into the built site's search box.

Per language: queries in other forms than the page's own words (plurals, declined and
conjugated forms, the Arabic article and attached pronouns, Tagalog affixes and
hyphenated Taglish) each find their article among the first three results, with no
typed word listed as missing; every language (one with no data below too) finds an
article from a word of its title in capitals and without accents; a word in no page
finds nothing; results read in the page's direction.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from conftest import ARTICLES, LANGUAGES
from htmlsite import soup
from test_browser_reading import search

#: language -> [(typed, article id)]; the article's own text has the word in another form.
QUERIES = {
    "en": [("believes", "networking-myths"), ("paying", "peer-networking"), ("MINDSETS", "networking-mindset")],
    "de": [
        ("Netzwerke", "networking-mindset"),
        ("Denkweisen", "networking-mindset"),
        ("schmerzhafte", "networking-mindset"),
    ],
    "it": [("mito", "networking-myths"), ("dolorosa", "networking-mindset"), ("credendo", "networking-myths")],
    "ar": [
        ("الخرافات", "networking-myths"),  # with the article; the title has خرافات
        ("عقلية", "networking-mindset"),  # without it; the title has العقلية
        ("أقران", "peer-networking"),  # without the pronoun; the title has أقرانك
        ("أقرانهم", "peer-networking"),  # another pronoun
        ("عقليتك", "networking-mindset"),  # a pronoun, ة written ت; the title has العقلية
        ("بالخرافات", "networking-myths"),  # a preposition on the article
    ],
    "tl": [
        ("kagaanan", "networking-mindset"),  # ka-…-an on gaan; the title has Magaan
        ("maniwala", "networking-myths"),  # the title has Paniwalaan
        ("KAPANTAYAN", "peer-networking"),  # the title has Kapantay
        ("nakikipag-network kapantay", "peer-networking"),  # Taglish; the title has Makipag-network
    ],
}

NOWHERE = "zqxvjkwq"


def _top3(page, site_url, language, query):
    """The result links, and the first three result pages (a page's sections are one result)."""
    page.goto(f"{site_url}/{language}/")
    hits = search(page, query)
    pages = page.locator(".md-search-result__item > a.md-search-result__link")
    paths = [
        page.evaluate("href => new URL(href, location.href).pathname", pages.nth(i).get_attribute("href"))
        for i in range(min(3, pages.count()))
    ]
    return hits, paths


def _expect_article(page, site_url, language, query, article):
    hits, paths = _top3(page, site_url, language, query)
    wanted = f"/{language}/guide/{article}/"
    assert wanted in paths, f"{language}: {query!r} -> {paths}"
    result = page.locator(".md-search-result__item > a.md-search-result__link").nth(paths.index(wanted))
    assert result.locator("mark").count() > 0, f"{language}: {query!r}: nothing highlighted"
    missing = result.locator(".md-search-result__terms del").all_text_contents()
    assert not missing, f"{language}: {query!r}: listed as missing {missing}"


CASES = [(language, query, article) for language in LANGUAGES for query, article in QUERIES.get(language, [])]


@pytest.mark.parametrize(("language", "query", "article"), CASES)
def test_a_word_in_another_form_finds_its_article(page, site_url, language, query, article):
    _expect_article(page, site_url, language, query, article)


def _title(built_site, language, article):
    return soup(built_site, f"{language}/guide/{article}/").select_one("article h1").get_text(" ", strip=True)


def title_word_in_another_form(built_site, language):
    """The longest word of the first article's title no other title has (nor starts with), in capitals, without accents."""
    words = lambda text: set(re.findall(r"[^\W\d_]+", text.lower()))  # noqa: E731
    others = set().union(*(words(_title(built_site, language, a)) for a in ARTICLES[1:]))
    own = sorted(
        (w for w in words(_title(built_site, language, ARTICLES[0])) if not any(o.startswith(w) for o in others)),
        key=len,
    )
    assert own, f"{language}: the first article's title shares every word with another title"
    folded = "".join(c for c in unicodedata.normalize("NFD", own[-1]) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", folded).upper()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_title_word_in_capitals_without_accents_finds_its_article(page, site_url, built_site, language):
    _expect_article(page, site_url, language, title_word_in_another_form(built_site, language), ARTICLES[0])


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_word_in_no_page_finds_nothing(page, site_url, language):
    page.goto(f"{site_url}/{language}/")
    assert search(page, NOWHERE) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_read_in_the_page_direction(page, site_url, built_site, language):
    hits, _ = _top3(page, site_url, language, title_word_in_another_form(built_site, language))
    assert hits
    direction = soup(built_site, f"{language}/").html.get("dir", "ltr")
    link = page.locator(".md-search-result__list a.md-search-result__link").first
    assert link.evaluate("e => getComputedStyle(e).direction") == direction
