"""Tests for the printable PDF checklists (netguide.pdf)."""

from __future__ import annotations

import io
from dataclasses import replace
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pypdf
import pytest

from conftest import ROOT
from netguide.pdf import ChecklistDocument, missing_characters, render_checklist_pdf

EN = ChecklistDocument(
    language="en",
    direction="ltr",
    guide_name="Networking, Made Human",
    title="4 Networking Myths You Can Stop Believing Now",
    heading="Checklist",
    items=(
        "Write to three people you have not spoken to for over a year.",
        "Ask for a small favour instead of a big one.",
        "After each conversation, note one thing you learned.",
        "Offer help before you ask for anything.",
        "Update your LinkedIn headline with one concrete sentence about your work.",
        "Block five minutes a week for follow-ups.",
        "Say thank you, and say what changed because of the help.",
    ),
    notes_label="Notes",
    url_label="Online:",
    url="https://example.org/en/myths/checklist/",
)

DE = ChecklistDocument(
    language="de",
    direction="ltr",
    guide_name="Networking, Made Human",
    title="4 Mythen über das Networking, an die Sie nicht mehr glauben sollten",
    heading="Checkliste",
    items=(
        "Schreiben Sie heute drei Menschen, mit denen Sie seit über einem Jahr nicht gesprochen haben.",
        "Formulieren Sie eine „kleine Bitte“ … statt eines großen Gefallens.",
        "Üben Sie Ihre Vorstellung: zwei Sätze, höchstens dreißig Sekunden.",
        "Notieren Sie nach jedem Gespräch eine Sache, die Sie gelernt haben.",
        "Bieten Sie Hilfe an, bevor Sie um etwas bitten – Äußerungen wie „gern“ zählen.",
        "Aktualisieren Sie Ihr LinkedIn-Profil mit einem konkreten Satz darüber, woran Sie "
        "arbeiten und was Sie suchen, ohne Floskeln und Schlagwörter.",
        "Planen Sie fünf Minuten pro Woche für Nachfassen ein.",
    ),
    notes_label="Notizen",
    url_label="Online:",
    url="https://example.org/de/mythen/checkliste/",
)

# Items without Latin letters or digits: one bidi run per line.
AR_PURE = (
    "اكتب اليوم إلى ثلاثة أشخاص لم تتحدث معهم منذ أكثر من عام.",
    "اطلب طلبًا صغيرًا بدلًا من معروف كبير.",
    "دوّن بعد كل محادثة شيئًا واحدًا تعلمته، وشيئًا واحدًا يمكنك أن تقدمه "
    "للشخص الآخر في المرة القادمة التي تلتقيان فيها أو تتراسلان.",
)
# Items mixing Arabic with a Latin word or a number.
AR_MIXED = (
    "حدّث ملفك الشخصي على LinkedIn بجملة واحدة واضحة عمّا تعمل عليه.",
    "خصص 5 دقائق كل أسبوع للمتابعة.",
)
AR = ChecklistDocument(
    language="ar",
    direction="rtl",
    guide_name="التواصل بطريقة إنسانية",
    title="أربع خرافات عن التواصل المهني يجب ألا تصدقها بعد الآن",
    heading="قائمة المراجعة",
    items=(AR_MIXED[0], *AR_PURE, AR_MIXED[1]),
    notes_label="ملاحظات",
    url_label="على الإنترنت:",
    url="https://example.org/ar/myths/checklist/",
)

DOCS = {"en": EN, "de": DE, "ar": AR}


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {name: render_checklist_pdf(doc) for name, doc in DOCS.items()}


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in _reader(data).pages)


_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _norm(text: str) -> str:
    """NFKC, without whitespace and without invisible bidi marks (pdftotext adds them)."""
    return "".join(unicodedata.normalize("NFKC", text).translate(_BIDI_CONTROLS).split())


@pytest.mark.parametrize("name", ["en", "de"])
def test_latin_items_extractable(rendered: dict[str, bytes], name: str) -> None:
    doc = DOCS[name]
    text = _norm(_text(rendered[name]))
    for part in (doc.guide_name, doc.title, doc.heading, *doc.items, doc.notes_label, doc.url):
        assert _norm(part) in text, part


def test_german_special_characters_survive(rendered: dict[str, bytes]) -> None:
    raw = _text(rendered["de"])
    for char in "äöüßÄÜ„“…–":
        assert char in raw, char


def test_arabic_text_extracted_in_logical_order(rendered: dict[str, bytes]) -> None:
    text = _norm(_text(rendered["ar"]))
    for part in (AR.guide_name, AR.title, AR.heading, *AR_PURE, AR.notes_label):
        assert _norm(part) in text, part
    # The Latin word and the URL come out intact too.
    assert "LinkedIn" in text
    assert _norm(AR.url) in text


def test_arabic_mixed_direction_items_in_logical_order(rendered: dict[str, bytes]) -> None:
    """Lines mixing Arabic with "LinkedIn" or a digit come back with their words in reading order.

    The renderer writes each bidi run in logical order; pypdf still attaches a
    sentence-final "." that follows a Latin word to that word, so punctuation
    is left out of this comparison (the words and their order are not).
    """
    text = _words(_text(rendered["ar"]))
    for item in AR_MIXED:
        assert _words(item) in text, item


def _words(text: str) -> str:
    return _norm("".join(ch for ch in text if not unicodedata.category(ch).startswith("P")))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_arabic_poppler_extraction_is_logical(rendered: dict[str, bytes], tmp_path: Path) -> None:
    """pdftotext reorders by position: whole lines, mixed ones too, come out logical.

    Poppler does reverse the characters of multi-letter ligature glyphs
    (lam-alef, lam-yeh), so only words without those are compared.
    """
    pdf_file = tmp_path / "ar.pdf"
    pdf_file.write_bytes(rendered["ar"])
    out = subprocess.run(
        ["pdftotext", str(pdf_file), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = _norm(out)
    for phrase in ("حدّث ملفك الشخصي", "LinkedIn بجملة واحدة واضحة عمّا تعمل عليه.", "خصص 5 دقائق كل أسبوع"):
        assert _norm(phrase) in text, phrase


@pytest.mark.parametrize("name", ["en", "de", "ar"])
def test_all_fonts_embedded(rendered: dict[str, bytes], name: str) -> None:
    reader = _reader(rendered[name])
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for font_ref in fonts.values():
            font = font_ref.get_object()
            descriptors = []
            if "/FontDescriptor" in font:
                descriptors.append(font["/FontDescriptor"].get_object())
            for descendant in font.get("/DescendantFonts", []):
                descriptors.append(descendant.get_object()["/FontDescriptor"].get_object())
            assert descriptors, font
            for desc in descriptors:
                assert "/FontFile2" in desc or "/FontFile3" in desc, font.get("/BaseFont")
            seen += 1
    assert seen >= 1


def test_arabic_uses_arabic_and_latin_fonts(rendered: dict[str, bytes]) -> None:
    fonts = _reader(rendered["ar"]).pages[0]["/Resources"]["/Font"]
    names = {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
    assert any("NotoSansArabic" in n for n in names), names
    assert any(n.endswith("+NotoSans") for n in names), names  # LinkedIn, URL


def _embedded_font_names(data: bytes) -> list[str]:
    """Every font program in the file, not only those a page refers to."""
    reader = _reader(data)
    names = []
    for number in range(1, reader.trailer["/Size"]):
        obj = reader.get_object(number)
        if isinstance(obj, dict) and obj.get("/Type") == "/FontDescriptor" and "/FontFile2" in obj:
            names.append(str(obj["/FontName"]).split("+")[-1])
    return sorted(names)


def test_arabic_embeds_latin_bold_only_when_a_bold_line_needs_it() -> None:
    assert _embedded_font_names(render_checklist_pdf(AR)) == ["NotoSans", "NotoSansArabic", "NotoSansArabicBold"]
    title = "حدّث ملفك على LinkedIn"
    data = render_checklist_pdf(ChecklistDocument(**{**AR.__dict__, "title": title}))
    assert _embedded_font_names(data) == ["NotoSans", "NotoSansArabic", "NotoSansArabicBold", "NotoSansBold"]
    assert "LinkedIn" in _text(data)


@pytest.mark.parametrize("name", ["en", "de", "ar"])
def test_rendering_is_deterministic(name: str) -> None:
    assert render_checklist_pdf(DOCS[name]) == render_checklist_pdf(DOCS[name])


def test_different_documents_get_different_ids(rendered: dict[str, bytes]) -> None:
    ids = {tuple(_reader(data).trailer["/ID"]) for data in rendered.values()}
    assert len(ids) == len(rendered)


@pytest.mark.parametrize("name", ["en", "de", "ar"])
def test_seven_items_fit_on_one_page(name: str) -> None:
    doc = DOCS[name]
    items = (doc.items * 2)[:7]
    data = render_checklist_pdf(
        ChecklistDocument(**{**doc.__dict__, "items": items})
    )
    assert len(_reader(data).pages) == 1


def test_long_checklist_continues_on_next_page() -> None:
    items = tuple(f"{i}. {EN.items[i % len(EN.items)]}" for i in range(40))
    data = render_checklist_pdf(ChecklistDocument(**{**EN.__dict__, "items": items}))
    reader = _reader(data)
    assert len(reader.pages) >= 2
    text = _norm(_text(data))
    for item in items:
        assert _norm(item) in text
    # Footer with the address on every page.
    for page in reader.pages:
        assert EN.url in page.extract_text()


@pytest.mark.parametrize("name", ["en", "de", "ar"])
def test_metadata(rendered: dict[str, bytes], name: str) -> None:
    doc = DOCS[name]
    reader = _reader(rendered[name])
    assert reader.metadata is not None
    assert reader.metadata.title == doc.title
    assert reader.metadata.creator == "netguide"
    assert reader.trailer["/Root"]["/Lang"] == doc.language
    page = reader.pages[0]
    assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]  # A4 in pt


def test_a4_content_fits_letter(rendered: dict[str, bytes]) -> None:
    """Everything is drawn within x 20..190 mm and below y = 262 mm from the top."""
    from netguide import pdf as module

    assert module._MARGIN_X >= 15 and 210 - 2 * module._MARGIN_X <= 180
    assert module._FOOTER_Y + 6 <= 270 and module._BREAK_Y <= module._FOOTER_Y


def test_bad_direction_rejected() -> None:
    with pytest.raises(ValueError):
        render_checklist_pdf(ChecklistDocument(**{**EN.__dict__, "direction": "ttb"}))


def test_rtl_boxes_are_on_the_right(rendered: dict[str, bytes]) -> None:
    def box_xs(data: bytes) -> list[float]:
        content = _reader(data).pages[0].get_contents().get_data().decode("latin-1")
        xs = []
        for line in content.splitlines():
            parts = line.split()
            if len(parts) == 6 and parts[4] == "re":
                xs.append(float(parts[0]))
        return xs

    ltr, rtl = box_xs(rendered["en"]), box_xs(rendered["ar"])
    assert len(ltr) == len(EN.items) and len(rtl) == len(AR.items)
    assert all(x < 100 for x in ltr)  # left margin (pt)
    assert all(x > 495 for x in rtl)  # right margin (pt)


@pytest.mark.parametrize("language", ["en", "tl", "it", "de", "ar"])
def test_the_fonts_have_every_character_of_the_real_checklists(language):
    from netguide.loader import load_guide

    guide = load_guide(ROOT / "content", ROOT / "locales")
    for article in guide.articles:
        version = article.versions[language]
        assert missing_characters(version.title + "".join(version.checklist.values()), language) == []


def test_missing_characters_finds_what_would_print_as_a_box():
    assert missing_characters("Schreiben Sie „Danke“ – 3 €", "de") == []
    assert missing_characters("أرسل رسالة على LinkedIn.", "ar") == []  # Latin from the fallback font
    assert missing_characters("Kaffee ☕ trinken", "de") == ["☕"]
    assert missing_characters("لا ✓", "ar") == ["✓"]


def _real_documents() -> list[ChecklistDocument]:
    from netguide.checklist_pdfs import documents
    from netguide.loader import load_guide

    guide = load_guide(ROOT / "content", ROOT / "locales")
    return [document for _, _, document in documents(guide, "https://example.org/guide/")]


def test_cut_fonts_render_the_same_bytes(tmp_path: Path) -> None:
    """Fonts cut to a batch's characters change nothing in the PDFs: the cache needs no other key."""
    from netguide.font_cut import cut_fonts

    batch = [*DOCS.values(), *_real_documents()]
    fonts = cut_fonts(batch, tmp_path)
    assert set(fonts) == {"NotoSans", "NotoSansArabic"}
    for regular, bold in fonts.values():
        assert regular.stat().st_size < 40_000 and bold.stat().st_size < 40_000  # bundled: 100-190 KB
    for document in batch:
        assert render_checklist_pdf(document, fonts) == render_checklist_pdf(document), document.title


def test_latin_batch_cuts_only_the_latin_font(tmp_path: Path) -> None:
    from netguide.font_cut import cut_fonts

    fonts = cut_fonts([EN, DE], tmp_path)
    assert set(fonts) == {"NotoSans"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["NotoSans-Bold.ttf", "NotoSans-Regular.ttf"]


def test_big_batches_render_with_cut_fonts_and_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    from netguide import checklist_pdfs, font_cut

    batch = _real_documents()
    cuts = []
    real_cut = font_cut.cut_fonts
    monkeypatch.setattr(font_cut, "cut_fonts",
                        lambda docs, folder, map: cuts.append(len(docs)) or real_cut(docs, folder, map))
    monkeypatch.setattr(checklist_pdfs, "CUT_FONTS_FROM", len(batch))
    assert list(checklist_pdfs._render_many(batch)) == [render_checklist_pdf(document) for document in batch]
    assert cuts == [len(batch)]


def test_wrapped_lines_fit_and_keep_every_word() -> None:
    from fpdf import FPDF

    from netguide import pdf as module

    pdf = FPDF(unit="mm")
    pdf.add_font("NotoSans", "", str(module.FONT_DIR / "NotoSans-Regular.ttf"))
    pdf.set_font("NotoSans", "", 11)
    text = " ".join(DE.items)
    lines = module._wrap(pdf, 80, text)
    assert len(lines) > 5
    assert all(pdf.get_string_width(line) <= 80 for line in lines)
    assert " ".join(lines).split() == text.split()
    # Greedy: the next line's first word would not have fitted on this line.
    for line, following in zip(lines, lines[1:]):
        assert pdf.get_string_width(f"{line} {following.split()[0]}") > 80


def test_a_word_longer_than_the_line_is_cut_between_characters() -> None:
    url = "https://example.org/" + "a-very-long-path-segment/" * 12
    data = render_checklist_pdf(ChecklistDocument(**{**EN.__dict__, "items": (f"Read {url} today.",)}))
    text = "".join(_text(data).split())
    assert url in text


def test_render_all_reports_progress_and_caches_each_pdf_as_it_comes(tmp_path: Path) -> None:
    from netguide import checklist_pdfs
    from netguide.loader import load_guide

    guide = load_guide(ROOT / "content", ROOT / "locales")
    total = len(guide.articles) * len(guide.languages)
    calls = []
    files = checklist_pdfs.render_all(guide, "https://example.org/", tmp_path, lambda *args: calls.append(args))
    assert len(files) == total and all(data.startswith(b"%PDF-") for data in files.values())
    assert [done for done, _, _ in calls] == [*range(1, total), total]  # each PDF, then the summary
    assert {(to_render, all_) for _, to_render, all_ in calls} == {(total, total)}

    calls.clear()
    checklist_pdfs.render_all(guide, "https://example.org/", tmp_path, lambda *args: calls.append(args))
    assert calls == [(0, 0, total)]  # all from the cache


def test_an_interrupted_render_keeps_the_pdfs_it_finished(tmp_path: Path) -> None:
    from netguide import checklist_pdfs
    from netguide.loader import load_guide

    guide = load_guide(ROOT / "content", ROOT / "locales")

    def stop_after_three(done, to_render, total):
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        checklist_pdfs.render_all(guide, "https://example.org/", tmp_path, stop_after_three)
    assert len(list(tmp_path.glob("*.pdf"))) == 3
    assert list(tmp_path.glob("*.tmp")) == []


_RENDER_LOG: Path | None = None


def _counting_render(document, fonts=None):
    """render_checklist_pdf that notes each call in _RENDER_LOG (module level: worker processes unpickle it)."""
    from netguide.pdf import _real_render_for_tests

    with open(_RENDER_LOG, "a", encoding="utf-8") as log:
        log.write("render\n")
    return _real_render_for_tests(document, fonts)


def test_stopping_early_drops_the_renders_not_started(tmp_path: Path, monkeypatch) -> None:
    """A render stopped early (Ctrl-C, an error) does not go on with every queued PDF."""
    global _RENDER_LOG
    from netguide import checklist_pdfs
    from netguide import pdf as module

    _RENDER_LOG = tmp_path / "renders.log"
    monkeypatch.setattr(module, "_real_render_for_tests", module.render_checklist_pdf, raising=False)
    monkeypatch.setattr(module, "render_checklist_pdf", _counting_render)
    batch = [replace(document, title=f"{document.title} {copy}")
             for copy in range(5) for document in _real_documents()]  # 75 PDFs
    rendered = checklist_pdfs._render_many(batch)
    assert next(rendered).startswith(b"%PDF-")
    rendered.close()
    calls = len(_RENDER_LOG.read_text(encoding="utf-8").splitlines())
    assert 1 <= calls < len(batch) // 2, calls
