"""PDF checklists in the built site: linked, complete, embedded fonts, cached, reproducible."""

from __future__ import annotations

import unicodedata
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

from conftest import ARTICLES, LANGUAGES, ROOT, run_mkdocs_build, shown_language
from htmlsite import article_meta, article_text, soup


def words(text: str) -> str:
    """Letters and digits only, NFKC: compares text regardless of spacing and punctuation placement."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNM")


def pdf_of(site, language, article):
    page = soup(site, f"{language}/guide/checklists/{article}/")
    links = [a for a in page.select("a[download]") if a["href"].endswith(".pdf")]
    assert links, f"no PDF download link on the {language} checklist of {article}"
    target = urljoin(f"/{language}/guide/checklists/{article}/", links[0]["href"])
    path = site / target.lstrip("/")
    assert path.exists(), target
    return path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("article", ARTICLES)
def test_every_checklist_has_a_linked_pdf_with_every_item(built_site, language, article):
    reader = PdfReader(pdf_of(built_site, language, article))
    text = words("".join(page.extract_text() for page in reader.pages))
    shown = shown_language(article, language)  # the source's text until it is translated
    content = article_text(article, shown)
    for item_id in article_meta(article)["checklist"]:
        assert words(content["checklist"][item_id]) in text, (language, article, item_id)
    assert words(content["title"]) in text
    assert reader.metadata.title == content["title"].strip()
    assert reader.trailer["/Root"]["/Lang"] == shown
    assert len(reader.pages) == 1


@pytest.mark.parametrize("article", ARTICLES)
def test_arabic_pdf_text_is_in_logical_order(built_site, article):
    text = PdfReader(pdf_of(built_site, "ar", article)).pages[0].extract_text()
    content = article_text(article, "ar")
    # Whole words in reading order (not reversed letters).
    first_item = content["checklist"][article_meta(article)["checklist"][0]]
    assert words(first_item) in words(text)
    assert words(first_item)[::-1] not in words(text)


def test_all_pdf_fonts_are_embedded(built_site):
    pdfs = sorted(built_site.rglob("*.pdf"))
    assert len(pdfs) == len(LANGUAGES) * len(ARTICLES)
    for path in pdfs:
        for page in PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, (path, font["/BaseFont"])


def test_checklist_page_links_pdf_in_its_language(built_site):
    for language in LANGUAGES:
        page = soup(built_site, f"{language}/guide/checklists/networking-myths/")
        link = page.select_one("a[download]")
        assert link.get_text(strip=True) == __import__("htmlsite").locale(language)["download_pdf"]


def test_pdfs_are_cached_by_content_and_rebuilt_identically(built_site, tmp_path):
    """A cold build with an empty cache gives the same bytes; a warm one renders nothing."""
    cache = tmp_path / "cache"
    cold = run_mkdocs_build(ROOT, tmp_path / "cold", env={"NETGUIDE_CACHE_DIR": str(cache)})
    assert cold.returncode == 0, cold.stderr
    assert f"PDF checklists: {len(LANGUAGES) * len(ARTICLES)} rendered, 0 from cache" in cold.stderr
    warm = run_mkdocs_build(ROOT, tmp_path / "warm", env={"NETGUIDE_CACHE_DIR": str(cache)})
    assert f"PDF checklists: 0 rendered, {len(LANGUAGES) * len(ARTICLES)} from cache" in warm.stderr
    for path in sorted(built_site.rglob("*.pdf")):
        relative = path.relative_to(built_site)
        assert (tmp_path / "cold" / relative).read_bytes() == path.read_bytes(), relative
