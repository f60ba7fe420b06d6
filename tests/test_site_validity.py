"""The built site is valid: internal links and anchors, hreflang, sitemap, reproducibility, CSP."""

from __future__ import annotations

import filecmp
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from conftest import LANGUAGES, ROOT, run_mkdocs_build
from htmlsite import html_pages, soup


def _target_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") else path


def test_no_broken_internal_links_or_anchors(built_site):
    broken = []
    for page_path in html_pages(built_site):
        relative = page_path.relative_to(built_site)
        base = "/" + str(relative).replace("index.html", "")
        page = soup(built_site, str(relative))
        for anchor in page.select("a[href]"):
            href = anchor["href"]
            parsed = urlparse(urljoin(base, href))
            if parsed.scheme not in ("", "http", "https") or parsed.netloc or href.startswith(("mailto:",)):
                continue
            target = _target_file(built_site, parsed.path)
            if not target.exists():
                broken.append(f"{relative}: {href} (no {target.relative_to(built_site)})")
                continue
            if parsed.fragment and target.suffix == ".html":
                ids = {tag.get("id") for tag in soup(built_site, str(target.relative_to(built_site))).select("[id]")}
                if unquote(parsed.fragment) not in ids:
                    broken.append(f"{relative}: {href} (no anchor #{parsed.fragment})")
    assert broken == []


def test_every_page_lists_every_language_as_alternate(built_site):
    for language in LANGUAGES:
        for page_path in (built_site / language).rglob("index.html"):
            page = soup(built_site, str(page_path.relative_to(built_site)))
            hreflangs = {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')}
            assert set(LANGUAGES) <= hreflangs, page_path
            assert "x-default" in hreflangs, page_path


def test_sitemap_lists_every_language_of_each_page(built_site):
    tree = ET.parse(built_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.getroot().findall("s:url", ns)
    pages = [p for p in (built_site / "en").rglob("index.html")]
    assert len(urls) >= len(pages) * len(LANGUAGES)
    for url in urls:
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(LANGUAGES) | {"x-default"} <= set(links), url.find("s:loc", ns).text
        for language, href in links.items():
            path = urlparse(href).path
            assert _target_file(built_site, path).exists(), href
            if language != "x-default":
                assert path.startswith(f"/{language}/"), href


def test_two_builds_are_byte_identical(built_site, tmp_path):
    """A second build, all languages in one process, equals the (parallel) first one byte for byte."""
    again = tmp_path / "again"
    # (Without the language cache: the second build must render everything again.)
    result = run_mkdocs_build(ROOT, again, env={"NETGUIDE_PARALLEL": "false", "NETGUIDE_LANGUAGE_CACHE": "false"})
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(built_site, again)

    def differences(cmp, prefix=""):
        found = [prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files]
        for name, sub in cmp.subdirs.items():
            found += differences(sub, f"{prefix}{name}/")
        return found

    assert differences(comparison) == []
    # dircmp compares shallowly by stat; compare the bytes of every file too.
    for path in built_site.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(built_site)).read_bytes(), path


@pytest.mark.parametrize(
    "path", ["en/", "ar/guide/checklists/networking-myths/", "de/guide/myths/", "tl/guide/networking-mindset/"]
)
def test_pages_satisfy_their_content_security_policy(page, site_url, path):
    page.add_init_script("""
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    """)
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert page.evaluate("window.__violations") == []
    assert page.foreign_requests == []
