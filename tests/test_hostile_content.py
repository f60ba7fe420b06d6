"""Contributions from strangers cannot put markup into the site.

Every plain-text field of the content (titles, summaries, myths, facts,
checklist items, editorial notes, glossary terms) and every locale string gets
hostile text — tags, event handlers, attribute and JSON/XML break-outs,
`javascript:` and `data:` URLs, a `<meta http-equiv="refresh">`, entity-encoded
markup — and the real `mkdocs build` must show it as text everywhere: the
HTML pages, the sitemap, the search index and the PDFs' metadata. `netguide
check` and the build must reach the same verdict.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import copy_project, run_mkdocs_build
from netguide.cli import app
from netguide.site.escape import html_text, markdown_text

#: Each payload carries the word "probe": if any of it becomes markup, the checks below find it.
PAYLOADS = [
    "<xss-probe>",
    "<script>probe()</script>",
    "<img src=x onerror=probe()>",
    '"><xss-probe data-probe="1">',
    "'><xss-probe data-probe='1'>",
    '<meta http-equiv="refresh" content="0;url=https://probe.invalid/">',
    "javascript:probe()",
    "[click](javascript:probe())",
    "[click](JaVaScRiPt&#58;probe())",
    "![x](data:text/html;base64,cHJvYmU=)",
    '<a href="data:text/html,probe">x</a>',
    "&lt;xss-probe&gt;",
    "&#60;xss-probe&#62;",
    "</script><xss-probe>",
    "</title><xss-probe>",
    "]]><xss-probe/><![CDATA[",
    '"}, {"probe": "<xss-probe>',
    '{: onclick="probe()" }',
    "{ #probe .probe onmouseover=probe() }",
    "<!-- probe",
    "<style>body{display:none}</style>probe",
    "<svg onload=probe()>",
    "`<xss-probe>`",
    "*probe* __probe__ # probe\n\n- probe\n\n    probe",
    "<<xss-probe>>",
    "\u2028<xss-probe>\u2029",
]

hostile_text = st.builds(
    lambda before, payload, after: f"{before}{payload}{after}",
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6),
    st.sampled_from(PAYLOADS),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6),
)

_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc"]


# -- the boundary itself: any text, fast ----------------------------------------


@settings(max_examples=300)
@given(st.one_of(hostile_text, st.text(st.characters(blacklist_categories=("Cs",)))))
def test_markdown_text_renders_as_exactly_its_text(text):
    html = markdown.markdown(markdown_text(text), extensions=_EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] in ([], ["p"])
    assert all(not tag.attrs for tag in soup.find_all(True))
    expected = re.sub(r"[\x00-\x1f\x7f-\x9f]", "", " ".join(text.split())).strip()
    assert soup.get_text() == expected


@settings(max_examples=300)
@given(st.one_of(hostile_text, st.text(st.characters(blacklist_categories=("Cs",)))))
def test_html_text_is_one_text_node_in_text_and_attributes(text):
    soup = BeautifulSoup(
        f"<p title=\"{html_text(text)}\" data-x='{html_text(text)}'>{html_text(text)}</p>", "html.parser"
    )
    (paragraph,) = soup.find_all(True)

    def visible(value: str) -> str:  # HTML parsing normalises line ends and control characters
        return re.sub(r"[\s\x00-\x1f\x7f-\x9f\ufffd]", "", value)

    assert visible(paragraph.get_text()) == visible(text)
    assert set(paragraph.attrs) == {"title", "data-x"}


# -- the real build ----------------------------------------------------------------


def _inject(project: Path, draw) -> None:
    """Append hostile text to every plain-text field of the German and Arabic content and locales."""

    def dump(path: Path, data) -> None:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    for language in ("de", "ar"):
        for path in sorted((project / "content" / "articles").glob(f"*/{language}.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["title"] = f"{data['title']} {draw()}"
            data["summary"] = f"{data['summary']} {draw()}"
            for myth in data["myths"].values():
                myth["myth"] = f"{myth['myth']} {draw()}"
                myth["fact"] = f"{myth['fact']} {draw()}"
            data["checklist"] = {key: f"{value} {draw()}" for key, value in data["checklist"].items()}
            if data.get("editorial_notes"):
                data["editorial_notes"] = {key: f"{value} {draw()}" for key, value in data["editorial_notes"].items()}
            dump(path, data)
        glossary = project / "content" / "glossary" / f"{language}.yml"
        data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
        for term in data["terms"].values():
            term["term"] = f"{term['term']} {draw()}"
            term["definition"] = f"{term['definition']} {draw()}"
        dump(glossary, data)
        locale = project / "locales" / f"{language}.yml"
        data = yaml.safe_load(locale.read_text(encoding="utf-8"))
        for key, value in data.items():
            if isinstance(value, str) and key not in ("language", "direction"):
                data[key] = f"{value} {draw()}"
            elif key == "language_names":
                data[key] = {code: f"{name} {draw()}" for code, name in value.items()}
        dump(locale, data)


def _markup_from_payloads(html: str) -> list[str]:
    """Elements, attributes and URLs in `html` that can only have come from a payload."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if "xss-probe" in tag.name:
            found.append(f"element <{tag.name}>")
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name == "data-probe" or name.startswith("on") or "probe" in name:
                found.append(f"attribute {name}= on <{tag.name}>")
            if name in ("href", "src", "action", "formaction") and re.match(
                r"\s*(javascript|data|vbscript):", value, re.IGNORECASE
            ):
                found.append(f"{name}={value!r} on <{tag.name}>")
        if (
            tag.name == "meta"
            and str(tag.get("http-equiv", "")).lower() == "refresh"
            and "probe" in str(tag.get("content"))
        ):
            found.append(f"a refresh to {tag.get('content')!r}")
        if tag.name == "script" and "probe" in (tag.string or ""):
            found.append("script with probe()")
        if tag.name == "style" and "display:none" in (tag.string or ""):
            found.append("style element from content")
    return found


def _check_site(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        found = _markup_from_payloads(page.read_text(encoding="utf-8"))
        assert not found, f"{page.relative_to(site)}: {found}"
    sitemap = ET.parse(site / "sitemap.xml").getroot()  # a break-out would not parse, or add elements
    assert {element.tag.rsplit("}", 1)[-1] for element in sitemap.iter()} <= {"urlset", "url", "loc", "lastmod", "link"}
    for index in site.rglob("search_index.json"):
        for document in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for field in ("title", "text"):
                found = _markup_from_payloads(document.get(field, ""))
                assert not found, f"{index.relative_to(site)} {document['location']}: {found}"


def _check_pdf_metadata(site: Path) -> None:
    from pypdf import PdfReader

    for language in ("de", "ar"):
        pdf = site / language / "guide" / "checklists" / "peer-networking.pdf"
        if not pdf.exists():
            pdf = next((site / language).rglob("*.pdf"))
        metadata = PdfReader(pdf).metadata
        assert "probe" in (metadata.title or ""), "the title's text reaches the PDF as text"


def _verdict_of_check(project: Path) -> int:
    return CliRunner().invoke(app, ["--root", str(project), "check"]).exit_code


@pytest.mark.build
@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # builds: no shrinking
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
@example(data=None)
def test_hostile_text_in_every_field_is_shown_as_text(tmp_path_factory, data):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    if data is None:  # every payload, in turn, at least once
        payloads = iter(PAYLOADS * 20)
        _inject(project, lambda: next(payloads))
    else:
        _inject(project, lambda: data.draw(hostile_text))
    result = run_mkdocs_build(project, project / "site", env={"NETGUIDE_PARALLEL": "false"})
    check = _verdict_of_check(project)
    assert (result.returncode == 0) == (check == 0), (
        f"build exit {result.returncode}, check exit {check}\n{result.stderr[-3000:]}"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    _check_site(project / "site")
    _check_pdf_metadata(project / "site")


# -- in a real browser -------------------------------------------------------------


@pytest.mark.browser
def test_a_script_in_a_title_is_shown_and_never_runs(tmp_path, browser):
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler

    title = "Peers <script>alert('probe')</script><img src=x onerror=\"alert('img')\"> & co"
    project = copy_project(tmp_path / "project")
    article = project / "content" / "articles" / "peer-networking" / "de.yml"
    data = yaml.safe_load(article.read_text(encoding="utf-8"))
    data["title"] = title
    article.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_mkdocs_build(project, project / "site", env={"NETGUIDE_PARALLEL": "false"})
    assert result.returncode == 0, result.stderr[-3000:]

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(project / "site"))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs, messages, violations = [], [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: messages.append(message.text))
        page.on("pageerror", lambda error: messages.append(str(error)))
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for path in ("/de/guide/peer-networking/", "/de/guide/checklists/peer-networking/", "/de/guide/myths/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            violations += (
                page.evaluate(
                    "() => [...document.querySelectorAll('script')].filter(s => s.textContent.includes('probe')).length"
                )
                and [path]
                or []
            )
            assert "<script>alert('probe')</script>" in page.inner_text("article"), path
            if path == "/de/guide/peer-networking/":
                assert page.title().startswith(title), page.title()  # <title> shows it as text too
        assert dialogs == [], dialogs
        assert not [text for text in messages if "probe" in text or "img" in text], messages
        assert violations == []
    finally:
        context.close()
        server.shutdown()
