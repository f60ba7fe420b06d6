"""Any plain text reaches every output escaped exactly once: what a reader, a screen reader, a search
engine and a PDF viewer get, after the one decoding of its context, is the text as written.

A Hypothesis property over the real `mkdocs build`: a text with `&`, `<`, quotes, Markdown
punctuation and Arabic goes into an article's title, summary, checklist item and myth, a glossary
term and the site name, and is compared, decoded once, with the literal text in the HTML text,
the attributes (`aria-label`, `content`, `title`), `<title>`, the meta tags, the search index and the
PDF's text and metadata. A text escaped twice ("Q&amp;A" read as "Q&amp;A") or not at all fails.
"""

from __future__ import annotations

import html
import json
import re
import subprocess

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conftest import copy_project, run_mkdocs_build

ARTICLE = "networking-myths"
#: Characters where escaping goes wrong, and words in two scripts (no digits: the number check compares them).
_ALPHABET = list("aZé&<>\"'`*_[]#!{}\\/;=") + ["amp;", "&amp;", "&#39;", "<b>", "Q&A", "سلام", "ß"]
plain_text = st.lists(st.sampled_from(_ALPHABET), min_size=1, max_size=8).map(
    lambda parts: " ".join(" ".join(parts).split())
)


def _set(path, update):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    update(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML


def _text(element) -> str:
    """An element's text as a reader sees it, without the heading's permalink sign."""
    for link in element.select(".headerlink"):
        link.decompose()
    return " ".join(element.get_text().split())


def _page(site, *parts) -> BeautifulSoup:
    return BeautifulSoup((site.joinpath(*parts) / "index.html").read_text(encoding="utf-8"), "html.parser")


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=plain_text)
@example(text='Q&A "quoted" <b> it\'s &amp; سلام')
def test_a_plain_text_reaches_every_output_equal_to_itself(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("once")
    project = copy_project(root / "project")
    title, summary = f"4 {text} title", f"{text} summary"
    item, myth, term, name = f"{text} item", f"{text} myth", f"{text} term", f"{text} site"
    article = project / "content" / "articles" / ARTICLE

    def version(data):
        data["title"], data["summary"] = title, summary
        data["checklist"][next(iter(data["checklist"]))] = item
        data["myths"][next(iter(data["myths"]))]["myth"] = myth

    _set(article / "en.yml", version)
    _set(
        project / "content" / "glossary" / "en.yml",
        lambda data: data["terms"][next(iter(data["terms"]))].update(term=term),
    )
    _set(project / "locales" / "en.yml", lambda data: data.update(site_name=name))
    site = root / "site"
    result = run_mkdocs_build(project, site, env={"NETGUIDE_CACHE_DIR": str(root / "cache")})
    assert result.returncode == 0, result.stderr

    page = _page(site, "en", "guide", ARTICLE)
    assert _text(page.find("h1")) == title
    assert page.title.get_text() == f"{title} - {name}"
    assert page.find("meta", attrs={"name": "description"})["content"] == summary
    assert page.find("meta", property="og:title")["content"] == title
    assert page.find("meta", property="og:description")["content"] == summary
    assert page.find("meta", property="og:site_name")["content"] == name
    assert [_text(li) for li in page.select("#checklist ~ ul li")][:1] == [item]
    assert _text(page.select_one(".nk-myth__claim")).endswith(myth)
    assert page.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == name

    neighbours = [
        link
        for path in (site / "en").rglob("index.html")
        for link in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("a.md-footer__link")
    ]
    labels = {link["aria-label"].split(": ", 1)[1] for link in neighbours}
    assert title in labels, labels  # the previous/next link of the pages beside the article
    nav = {_text(link) for link in page.select(".md-nav__link")}
    assert title in nav

    checklist = _page(site, "en", "guide", "checklists", ARTICLE)
    assert [_text(label) for label in checklist.select(".nk-checklist__item label")][:1] == [item]
    glossary = _page(site, "en", "guide", "glossary")
    assert _text(glossary.select_one(".nk-glossary dt")) == term

    index = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {
        html.unescape(entry["title"]) for entry in index["docs"] if entry["location"].startswith(f"guide/{ARTICLE}/")
    }
    assert title in titles, titles  # the search dialog shows titles as HTML: one decoding

    pdf = site / "en" / "guide" / "checklists" / f"{ARTICLE}.pdf"
    words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert _latin(item) in _latin(words)  # pdftotext gives Arabic in visual order (ligatures apart): Latin only
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert title in info, info


_ARABIC = re.compile(r"[\u0600-\u06ff]+")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def _latin(text: str) -> str:
    """`text` without its Arabic words and bidi marks, spaces collapsed."""
    return " ".join(_BIDI.sub("", _ARABIC.sub("", text)).split())


def test_a_hand_written_pages_front_matter_is_text(tmp_path):
    """A quote in docs/*.md's description cannot break out of <meta>: it is shown as written, escaped once."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about.de.md"
    hostile = '"><meta http-equiv="refresh" content="0;url=https://elsewhere.invalid/"><x a="Q&A'
    text = page.read_text(encoding="utf-8")
    page.write_text(
        re.sub(r"(?m)^description: .*$", "description: " + json.dumps(hostile), text, count=1), encoding="utf-8"
    )
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site, env={"NETGUIDE_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    about = _page(site, "de", "about")
    assert about.find("meta", attrs={"name": "description"})["content"] == hostile
    assert about.find("meta", property="og:description")["content"] == hostile
    assert not about.find("meta", attrs={"http-equiv": "refresh"}) and not about.find("x")
