"""Fast tier: navigation, URLs, the sitemap and the per-language search index, without MkDocs."""

from __future__ import annotations

import copy
import gzip
import itertools
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from urllib.parse import urljoin

import pytest

from conftest import ROOT
from netguide.site import pages, search_forms
from netguide.site.navigation import navigation
from netguide.site.search_index import merge_indexes, point_search_at_language, split_index, use_our_search_worker
from netguide.site.sitemap import sitemap_xml, write_sitemap
from netguide.site.urls import (
    CHECKLISTS_INDEX,
    GLOSSARY_PAGE,
    MYTHS_PAGE,
    STATUS_PAGE,
    article_path,
    checklist_path,
    page_url,
    pdf_path,
    relative_url,
)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def long_guide(guide, count: int):
    """The guide with `count` articles (copies of its first one under new ids)."""
    guide = copy.deepcopy(guide)
    first = guide.articles[0]
    guide.articles = [replace(first, id=f"article-{number:03}", order=number) for number in range(1, count + 1)]
    return guide


def nav_paths(entries) -> list[str]:
    """Every page path in a nav, in order."""
    found = []
    for entry in entries:
        if isinstance(entry, str):
            found.append(entry)
        elif isinstance(entry, dict):
            found += nav_paths(entry.values())
        else:
            found += nav_paths(entry)
    return found


def article_entries(nav) -> list:
    """The value of the nav's articles section (the second entry: after Home)."""
    [value] = nav[1].values()
    return value


# --- Navigation ----------------------------------------------------------------


def test_the_nav_lists_each_article_once_and_the_checklists_by_their_index(real_guide):
    for language in real_guide.languages:
        nav = navigation(real_guide, language)
        assert len(nav) == 6 and all(len(entry) == 1 for entry in nav)
        assert article_entries(nav) == [article_path(article.id) for article in real_guide.articles]
        paths = nav_paths(nav)
        assert len(paths) == len(set(paths))
        assert paths == [
            "index.md",
            *(article_path(a.id) for a in real_guide.articles),
            CHECKLISTS_INDEX,
            MYTHS_PAGE,
            GLOSSARY_PAGE,
            "about.md",
            STATUS_PAGE,
        ]
        assert not any(path.startswith("guide/checklists/") and path != CHECKLISTS_INDEX for path in paths)
        titles = [title for entry in nav for title in entry]
        assert all(title.strip() for title in titles) and len(set(titles)) == len(titles)


def test_every_nav_entry_is_a_page_of_the_site(real_guide):
    generated = {name.rsplit(".", 2)[0] + ".md" for name in pages.all_pages(real_guide)}
    written = {path.name.rsplit(".", 2)[0] + ".md" for path in (ROOT / "docs").glob("*.md")}  # guide/ is generated
    for language in real_guide.languages:
        assert set(nav_paths(navigation(real_guide, language))) <= generated | written


@pytest.mark.parametrize(
    "count, group_size, runs",
    [
        (20, 20, None),
        (21, 20, [("1–20", 20), ("21", 1)]),
        (45, 20, [("1–20", 20), ("21–40", 20), ("41–45", 5)]),
        (60, 20, [("1–20", 20), ("21–40", 20), ("41–60", 20)]),
        (7, 3, [("1–3", 3), ("4–6", 3), ("7", 1)]),
    ],
)
def test_a_long_guide_groups_its_articles_in_numbered_runs(real_guide, count, group_size, runs):
    guide = long_guide(real_guide, count)
    for language in guide.languages:
        articles = article_entries(navigation(guide, language, group_size))
        if runs is None:
            assert articles == [article_path(article.id) for article in guide.articles]
            continue
        assert [(label, len(paths)) for group in articles for label, paths in group.items()] == runs
        assert nav_paths(articles) == [article_path(article.id) for article in guide.articles]  # each once, in order


# --- URLs ----------------------------------------------------------------------

PATHS = [
    "index.md",
    "about.md",
    article_path("x"),
    checklist_path("x"),
    CHECKLISTS_INDEX,
    MYTHS_PAGE,
    GLOSSARY_PAGE,
    STATUS_PAGE,
    "guide/deeper/index.md",
]


def test_page_urls_are_directories_under_the_language():
    assert page_url("en", "index.md") == "en/"
    assert page_url("de", "about.md") == "de/about/"
    assert page_url("ar", article_path("networking-myths")) == "ar/guide/networking-myths/"
    assert page_url("tl", checklist_path("peer-networking")) == "tl/guide/checklists/peer-networking/"
    assert page_url("it", CHECKLISTS_INDEX) == "it/guide/checklists/"
    assert page_url("en", "guide/deeper/index.md") == "en/guide/deeper/"
    # The PDF sits next to its checklist page's source, under the same generated folder.
    assert pdf_path("x").rsplit("/", 1)[0] == checklist_path("x").rsplit("/", 1)[0]


@pytest.mark.parametrize("base", ["https://example.org/", "https://example.org/sub/site/"])
def test_relative_urls_lead_to_the_page_they_name(base):
    for (from_path, to_path), (language, to_language) in itertools.product(
        itertools.product(PATHS, repeat=2), itertools.product(["en", "ar", "de"], repeat=2)
    ):
        link = relative_url(from_path, language, to_language, to_path)
        assert not link.startswith("/") and "://" not in link and link.endswith("/"), link
        here = base + page_url(language, from_path)
        assert urljoin(here, link) == base + page_url(to_language, to_path), (from_path, language, to_path, link)


# --- Sitemap -------------------------------------------------------------------


def site_pages(guide) -> dict[str, dict[str, str]]:
    """{source path: {language: URL}} for every page of the site, as the plugin records them."""
    sources = {name.rsplit(".", 2)[0] + ".md" for name in pages.all_pages(guide)} | {"index.md", "about.md"}
    return {source: {language: page_url(language, source) for language in guide.languages} for source in sources}


def parse_sitemap(text: str) -> dict[str, dict[str, str]]:
    """{loc: {hreflang: href}} of a sitemap, checking its shape on the way."""
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in root:
        assert url.tag == f"{SITEMAP}url"
        loc = url.findtext(f"{SITEMAP}loc")
        assert loc not in entries, loc
        assert len(url.findtext(f"{SITEMAP}lastmod")) == len("2024-01-01")
        links = url.findall(f"{XHTML}link")
        assert all(link.get("rel") == "alternate" for link in links)
        alternates = {link.get("hreflang"): link.get("href") for link in links}
        assert len(alternates) == len(links), loc
        entries[loc] = alternates
    return entries


def test_the_sitemap_lists_every_language_of_every_page_with_its_alternates(real_guide):
    base = "https://example.org/guide/"
    site = site_pages(real_guide)
    entries = parse_sitemap(sitemap_xml(base, site, "en"))
    assert len(entries) == len(site) * len(real_guide.languages)
    for urls in site.values():
        expected = {language: base + url for language, url in urls.items()} | {"x-default": base + urls["en"]}
        for _language, url in urls.items():
            assert entries[base + url] == expected, url


def test_a_page_in_fewer_languages_lists_only_those(real_guide):
    site = {"index.md": {"en": "en/", "de": "de/"}, "guide/only-here.md": {"de": "de/guide/only-here/"}}
    entries = parse_sitemap(sitemap_xml("https://example.org", site, "en"))
    assert set(entries) == {
        "https://example.org/en/",
        "https://example.org/de/",
        "https://example.org/de/guide/only-here/",
    }
    assert entries["https://example.org/de/guide/only-here/"] == {"de": "https://example.org/de/guide/only-here/"}
    assert entries["https://example.org/de/"]["x-default"] == "https://example.org/en/"


def test_the_sitemap_files_are_the_same_bytes_every_time(real_guide, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = site_pages(real_guide)
    write_sitemap(tmp_path, "https://example.org/", site, "en")
    text = (tmp_path / "sitemap.xml").read_bytes()
    archive = (tmp_path / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(archive) == text
    assert {url.findtext(f"{SITEMAP}lastmod") for url in ET.fromstring(text)} == {"2023-11-14"}
    write_sitemap(tmp_path, "https://example.org/", dict(reversed(site.items())), "en")
    assert (tmp_path / "sitemap.xml").read_bytes() == text and (tmp_path / "sitemap.xml.gz").read_bytes() == archive


# --- Search index ----------------------------------------------------------------

CONFIG = {"lang": ["en", "de"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]}
DOCS = [
    {"location": "en/", "title": "Home", "text": "welcome"},
    {"location": "en/guide/x/", "title": "X", "text": "people"},
    {"location": "en/guide/x/#myths", "title": "Myths", "text": "slimy"},
    {"location": "de/guide/x/", "title": "X", "text": "Menschen"},
    {"location": "tl/guide/x/", "title": "X", "text": "tao"},
    {"location": "404.html", "title": "Not found", "text": ""},
]


def write_index(path, index) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index), encoding="utf-8")


def read_index(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_search_index_is_split_per_language(tmp_path):
    write_index(tmp_path / "search" / "search_index.json", {"config": CONFIG, "docs": DOCS})
    split_index(tmp_path, ["en", "de", "tl"])
    english = read_index(tmp_path / "en" / "search" / "search_index.json")
    assert [doc["location"] for doc in english["docs"]] == ["", "guide/x/", "guide/x/#myths"]
    assert [doc["text"] for doc in english["docs"]] == ["welcome", "people", "slimy"]
    # each language's stemmer, trimmer and stop words; its word-form settings for our worker
    assert english["config"] == dict(
        CONFIG,
        lang=["en"],
        pipeline=["trimmer", "stopWordFilter", "stemmer"],
        netguide=search_forms.AFFIXES.get("en", {}),
    )
    german = read_index(tmp_path / "de" / "search" / "search_index.json")
    assert [doc["text"] for doc in german["docs"]] == ["Menschen"] and german["config"]["lang"] == ["de"]
    # lunr has no Tagalog: plain word matching, without English stop words.
    tagalog = read_index(tmp_path / "tl" / "search" / "search_index.json")
    assert [doc["text"] for doc in tagalog["docs"]] == ["tao"]
    assert tagalog["config"]["lang"] == ["en"] and tagalog["config"]["pipeline"] == []
    assert "pakikipag" in tagalog["config"]["netguide"]["prefixes"]  # the affixes our worker removes


def test_split_then_merge_gives_back_every_language_page(tmp_path):
    merged = tmp_path / "search" / "search_index.json"
    write_index(merged, {"config": CONFIG, "docs": DOCS})
    split_index(tmp_path, ["en", "de", "tl"])
    merge_indexes(tmp_path, ["en", "de", "tl"])
    index = read_index(merged)
    assert index["docs"] == [doc for doc in DOCS if doc["location"] != "404.html"]
    assert index["config"]["lang"] == ["en", "de"]  # each language's stemmer, once
    # A language built elsewhere that wrote no index is skipped; without any, nothing is written.
    merge_indexes(tmp_path, ["de", "it"])
    assert [doc["location"] for doc in read_index(merged)["docs"]] == ["de/guide/x/"]
    empty = tmp_path / "empty"
    split_index(empty, ["en"])
    merge_indexes(empty, ["en"])
    assert not empty.exists()


def test_each_page_searches_its_own_language_folder():
    config = {"annotate": None, "base": "../..", "features": [], "search": "../../assets/search.js"}
    html = f'<head><script id="__config" type="application/json">{json.dumps(config)}</script></head>'
    pointed = point_search_at_language(html, "../../en")
    script = pointed.split('type="application/json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(script) == dict(config, base="../../en")
    assert point_search_at_language("<p>no config</p>", "../en") == "<p>no config</p>"


def test_every_page_starts_our_search_worker_which_names_materials():
    config = {"annotate": None, "base": "..", "search": "../assets/javascripts/workers/search.a7633da7.min.js"}
    html = f'<script id="__config" type="application/json">{json.dumps(config)}</script>'
    script = use_our_search_worker(html).split('type="application/json">', 1)[1].split("</script>", 1)[0]
    worker = "../assets/javascripts/workers/search.netguide.js#search.a7633da7.min.js"
    assert json.loads(script) == dict(config, search=worker)
    assert use_our_search_worker(use_our_search_worker(html)) == use_our_search_worker(html)  # once
    assert (ROOT / "overrides" / "assets" / "javascripts" / "workers" / "search.netguide.js").is_file()


def test_search_uses_the_stemmer_material_ships_for_a_language_and_none_otherwise():
    shipped = search_forms.lunr_languages()
    assert {"en", "de", "it", "ar", "fr", "es", "ru"} <= shipped and "tl" not in shipped
    # a language `netguide add-language` adds: a regional variant uses its language's stemmer
    assert search_forms.index_config("pt-BR", CONFIG)["lang"] == ["pt"]
    assert search_forms.index_config("nb", CONFIG)["lang"] == ["no"]
    generic = search_forms.index_config("haw", CONFIG)  # Hawaiian: no stemmer, no affix list
    assert generic["lang"] == ["en"] and generic["pipeline"] == [] and generic["netguide"] == {}
    assert search_forms.index_config("fr", CONFIG)["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"]
