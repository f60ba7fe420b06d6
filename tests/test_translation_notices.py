"""Readers see where a translation comes from, when it is outdated, and a fallback when it is missing."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ARTICLES, LANGUAGES, copy_project, run_mkdocs_build, translated
from htmlsite import article_meta, locale, soup


@pytest.mark.parametrize("article", ARTICLES)
def test_translations_name_their_source_with_a_link(built_site, article):
    meta = article_meta(article)
    for language in LANGUAGES:
        page = soup(built_site, f"{language}/guide/{article}/")
        notice = page.select_one(".nk-notice--translation")
        if language in meta["originals"]:
            assert notice is None, (article, language)
            continue
        if language not in translated(article):  # not translated yet: the source, and a notice that says so
            assert notice is None and page.select_one(".nk-notice--fallback") is not None, (article, language)
            assert page.select_one(f'div[lang="{meta["source_language"]}"]') is not None, (article, language)
            continue
        strings = locale(language)
        source_name = strings["language_names"][meta["source_language"]]
        assert strings["translated_from"].format(language=source_name) in notice.get_text(), (article, language)
        link = notice.find("a")
        assert link["hreflang"] == meta["source_language"]
        target = urljoin(f"/{language}/guide/{article}/", link["href"])
        assert target == f"/{meta['source_language']}/guide/{article}/"
        assert page.select_one(".nk-notice--outdated") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_page_lists_every_article_and_language(built_site, language):
    page = soup(built_site, f"{language}/guide/status/")
    rows = page.select("table.nk-status-table tbody tr")
    assert len(rows) == len(ARTICLES)
    for article, row in zip(ARTICLES, rows, strict=True):
        assert len(row.select("td")) == len(LANGUAGES)
        assert not row.select(".nk-status--outdated")
        assert len(row.select(".nk-status--missing")) == len(LANGUAGES) - len(translated(article)), article


def test_edited_source_marks_translations_outdated_and_missing_ones_fall_back(tmp_path):
    project = copy_project(tmp_path / "project")
    source = project / "content/articles/networking-myths/de.yml"
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + "\n\n  Ein neuer Absatz.\n", encoding="utf-8")
    (project / "content/articles/networking-mindset/tl.yml").unlink()
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr

    def page(path):
        return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")

    translations = [
        code for code in translated("networking-myths") if code not in article_meta("networking-myths")["originals"]
    ]
    for language in translations:
        notice = page(f"{language}/guide/networking-myths/").select_one(".nk-notice--outdated")
        strings = locale(language)
        assert notice is not None, language
        assert strings["outdated_notice"].format(language=strings["language_names"]["de"]) in notice.get_text()
    assert page("de/guide/networking-myths/").select_one(".nk-notice--outdated") is None

    fallback = page("tl/guide/networking-mindset/")
    strings = locale("tl")
    notice = fallback.select_one(".nk-notice--fallback")
    assert notice is not None
    assert (
        strings["fallback_notice"].format(
            language=strings["language_names"]["tl"], source=strings["language_names"]["de"]
        )
        in notice.get_text()
    )
    assert fallback.select_one('div[lang="de"]') is not None, "the German text is marked as German"
    assert fallback.find("html")["lang"] == "tl"

    status = page("en/guide/status/")
    assert len(status.select(".nk-status--outdated")) == len(translations)
    not_yet = sum(len(LANGUAGES) - len(translated(article)) for article in ARTICLES)  # a language just added
    assert len(status.select(".nk-status--missing")) == 1 + not_yet
