"""Fast tier: the Markdown of each generated page (netguide.site.pages), without MkDocs.

Pages are rendered with Python-Markdown and the site's own extensions (what
MkDocs does with them) and checked for structure: which pages exist, their
kind, links, notices, form controls and ids. Texts are not compared
character for character (how content is escaped is tested elsewhere).
"""

from __future__ import annotations

import copy
import functools
import json
from collections import Counter
from urllib.parse import urljoin

import markdown
import pytest
from bs4 import BeautifulSoup

from netguide.content.model import Source
from netguide.site import pages
from netguide.site.urls import (
    CHECKLISTS_INDEX,
    GLOSSARY_PAGE,
    MYTHS_PAGE,
    STATUS_PAGE,
    article_path,
    checklist_path,
    page_url,
)

BASE = "https://example.org/"
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc"]  # mkdocs.yml's markdown_extensions


@functools.cache
def split(page: str) -> tuple[dict, BeautifulSoup]:
    """(front matter, the page's Markdown rendered to HTML); the same page is rendered once (do not change it)."""
    assert page.startswith("---\n")
    head, body = page[len("---\n") :].split("\n---\n", 1)
    html = markdown.markdown(body, extensions=EXTENSIONS)
    return json.loads(head), BeautifulSoup(html, "html.parser")


def resolve(language: str, path: str, href: str) -> str:
    """Where a link on page `path` in `language` leads, as a site-relative URL (page_url's form)."""
    return urljoin(BASE + page_url(language, path), href)[len(BASE) :]


def source_link(path: str, href: str) -> str:
    """A Markdown link MkDocs resolves against the page's source file: its target's docs path."""
    return urljoin(BASE + path, href)[len(BASE) :]


@pytest.fixture
def guide(real_guide):
    return copy.deepcopy(real_guide)


def test_every_page_kind_exists_once_per_language(real_guide):
    generated = pages.all_pages(real_guide)
    expected = {}
    for language in real_guide.languages:
        for article in real_guide.articles:
            expected[article_path(article.id)[:-3] + f".{language}.md"] = ("article", article.id)
            expected[checklist_path(article.id)[:-3] + f".{language}.md"] = ("checklist", article.id)
        for path, kind in (
            (CHECKLISTS_INDEX, "checklists"),
            (MYTHS_PAGE, "myths"),
            (GLOSSARY_PAGE, "glossary"),
            (STATUS_PAGE, "status"),
        ):
            expected[path[:-3] + f".{language}.md"] = (kind, None)
    assert set(generated) == set(expected)
    for name, (kind, article_id) in expected.items():
        front, html = split(generated[name])
        assert front["netguide"]["kind"] == kind, name
        assert front["title"].strip() and front["description"].strip(), name
        if article_id is not None:
            assert front["netguide"]["article"] == article_id, name
        assert len(html.find_all("h1")) == 1, name


@pytest.mark.parametrize("kind", ["article", "checklist"])
def test_a_page_says_which_language_its_text_is_in(real_guide, kind):
    render = pages.article_page if kind == "article" else pages.checklist_page
    for language in real_guide.languages:
        for article in real_guide.articles:
            front, _ = split(render(real_guide, article, language))
            shown = language if language in article.versions else article.source_language  # else a fallback
            assert front["netguide"]["language"] == shown, (article.id, language)


def test_the_article_page_links_its_checklist_and_pdf(real_guide):
    for language in real_guide.languages:
        for article in real_guide.articles:
            path = article_path(article.id)
            _, html = split(pages.article_page(real_guide, article, language))
            targets = {source_link(path, a["href"]): a for a in html.select("a[href]")}
            assert checklist_path(article.id) in targets, (article.id, language)
            pdf = targets[f"guide/checklists/{article.id}.pdf"]
            assert pdf.has_attr("download"), (article.id, language)
            # The checklist section lists every item, once.
            assert html.select_one("#checklist") is not None
            items = html.select_one("#checklist").find_next("ul").find_all("li")
            assert len(items) == len(article.checklist_ids), (article.id, language)


def test_the_article_page_has_an_anchor_for_each_myth(real_guide):
    for language in real_guide.languages:
        for article in real_guide.articles:
            _, html = split(pages.article_page(real_guide, article, language))
            assert [div["id"] for div in html.select("div.nk-myth")] == [f"myth-{i}" for i in article.myth_ids]
            assert (html.select_one("#myths") is not None) == bool(article.myth_ids)


def _check_form(form, article, html) -> list[str]:
    """The checkbox ids of one checklist form, after checking each is labelled."""
    boxes = form.select("input[type=checkbox]")
    assert [box["name"] for box in boxes] == article.checklist_ids
    for box in boxes:
        labels = html.select(f'label[for="{box["id"]}"]')
        assert len(labels) == 1 and labels[0].get_text(strip=True), box["id"]
    heading = form["aria-labelledby"]
    assert html.find(id=heading) is not None, heading
    assert form.select_one("button[type=reset]") is not None
    return [box["id"] for box in boxes]


def test_the_checklist_page_has_a_labelled_checkbox_per_item(real_guide):
    for language in real_guide.languages:
        for article in real_guide.articles:
            path = checklist_path(article.id)
            _, html = split(pages.checklist_page(real_guide, article, language))
            forms = html.select("form.nk-checklist")
            assert len(forms) == 1 and forms[0]["data-checklist"] == article.id
            ids = _check_form(forms[0], article, html)
            assert len(set(ids)) == len(ids)
            targets = {source_link(path, a["href"]): a for a in html.select("a[href]")}
            assert targets[f"guide/checklists/{article.id}.pdf"].has_attr("download")
            assert article_path(article.id) in targets


def _with_shared_item_ids(guide):
    """The guide with every article's checklist items named item-1, item-2, … (ids are per article)."""
    for article in guide.articles:
        names = {old: f"item-{number}" for number, old in enumerate(article.checklist_ids, 1)}
        article.checklist_ids = list(names.values())
        for version in article.versions.values():
            version.checklist = {names[old]: text for old, text in version.checklist.items()}
    return guide


@pytest.mark.parametrize("shared_item_ids", [False, True])
def test_the_checklists_index_has_every_form_and_no_id_twice(guide, shared_item_ids):
    if shared_item_ids:
        guide = _with_shared_item_ids(guide)
    for language in guide.languages:
        _, html = split(pages.checklists_index_page(guide, language))
        forms = html.select("form.nk-checklist")
        assert [form["data-checklist"] for form in forms] == [article.id for article in guide.articles]
        for form, article in zip(forms, guide.articles, strict=False):
            _check_form(form, article, html)
        ids = Counter(element["id"] for element in html.select("[id]"))
        assert [name for name, count in ids.items() if count > 1] == [], language


def test_translations_link_their_original_and_originals_have_no_notice(real_guide):
    for language in real_guide.languages:
        for article in real_guide.articles:
            _, html = split(pages.article_page(real_guide, article, language))
            notice = html.select_one(".nk-notice--translation")
            if language not in article.versions:  # not translated yet: the source, and the fallback notice
                assert notice is None and html.select_one(".nk-notice--fallback") is not None, (article.id, language)
                continue
            assert html.select_one(".nk-notice--outdated, .nk-notice--fallback") is None
            if language in article.originals:
                assert notice is None, (article.id, language)
                continue
            link = notice.find("a")
            assert link["hreflang"] == article.source_language
            path = article_path(article.id)
            assert resolve(language, path, link["href"]) == page_url(article.source_language, path)


def test_an_outdated_translation_says_so(guide):
    article = guide.article("networking-myths")
    translation = article.versions["it"]
    translation.translated_from = Source(translation.translated_from.language, "0" * 12)
    assert article.status("it") == "outdated"
    for language in guide.languages:
        _, html = split(pages.article_page(guide, article, language))
        assert (html.select_one(".nk-notice--outdated") is not None) == (language == "it"), language
    _, html = split(pages.status_page(guide, "en"))
    row = html.select("table.nk-status-table tbody tr")[guide.articles.index(article)]
    outdated = row.select("td.nk-status--outdated")
    assert len(outdated) == 1 and outdated[0].find("a")["hreflang"] == "it"


def test_a_missing_translation_falls_back_to_the_source_and_says_so(guide):
    article = guide.article("networking-mindset")
    del article.versions["tl"]
    source = article.source_language
    for render in (pages.article_page, pages.checklist_page):
        front, html = split(render(guide, article, "tl"))
        assert front["netguide"]["language"] == source
        wrapper = html.select_one(f'div[lang="{source}"]')
        assert wrapper is not None and wrapper["dir"] == guide.locales[source].direction
    _, html = split(pages.article_page(guide, article, "tl"))
    assert html.select_one(".nk-notice--fallback") is not None
    assert html.select_one(".nk-notice--translation, .nk-notice--outdated") is None
    # The checklist still has every item, and the status page shows the gap without a link.
    _, html = split(pages.checklist_page(guide, article, "tl"))
    assert len(html.select("form.nk-checklist input[type=checkbox]")) == len(article.checklist_ids)
    _, html = split(pages.status_page(guide, "en"))
    row = html.select("table.nk-status-table tbody tr")[guide.articles.index(article)]
    missing = row.select("td.nk-status--missing")  # tl, and any language without a version yet
    assert len(missing) == len(guide.languages) - len(article.versions) and all(c.find("a") is None for c in missing)


def test_the_status_page_links_every_version(real_guide):
    for language in real_guide.languages:
        _, html = split(pages.status_page(real_guide, language))
        header = [th["lang"] for th in html.select("thead th[lang]")]
        assert header == real_guide.languages
        rows = html.select("table.nk-status-table tbody tr")
        assert len(rows) == len(real_guide.articles)
        for row, article in zip(rows, real_guide.articles, strict=False):
            links = [cell.find("a") for cell in row.select("td")]
            assert len(links) == len(real_guide.languages)
            links = [link for link in links if link is not None]  # a missing version has no page of its own
            assert [link["hreflang"] for link in links] == [c for c in real_guide.languages if c in article.versions]
            for link in links:
                assert resolve(language, STATUS_PAGE, link["href"]) == page_url(
                    link["hreflang"], article_path(article.id)
                )


def test_the_myths_page_links_each_myth_to_its_article(real_guide):
    with_myths = [article for article in real_guide.articles if article.myth_ids]
    assert with_myths
    for language in real_guide.languages:
        _, html = split(pages.myths_page(real_guide, language))
        blocks = html.select("div.nk-myth")
        assert len(blocks) == sum(len(article.myth_ids) for article in with_myths)
        expected = [
            page_url(language, article_path(article.id)) + f"#myth-{myth_id}"
            for article in with_myths
            for myth_id in article.myth_ids
        ]
        links = [block.select_one(".nk-myth__source a")["href"] for block in blocks]
        assert [resolve(language, MYTHS_PAGE, href) for href in links] == expected


def test_the_glossary_lists_each_term_once(real_guide):
    for language in real_guide.languages:
        _, html = split(pages.glossary_page(real_guide, language))
        terms = html.select("dl.nk-glossary dt")
        assert len(terms) == len(real_guide.glossaries[language]) == len(html.select("dl.nk-glossary dd"))
        assert [dt["id"] for dt in terms] == [f"term-{term.id}" for term in real_guide.glossaries[language]]
