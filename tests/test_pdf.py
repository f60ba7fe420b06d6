"""Tests for the printable PDF checklists (netguide.pdf)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from conftest import LANGUAGES, ROOT
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
    out = subprocess.run(["pdftotext", str(pdf_file), "-"], check=True, capture_output=True, text=True).stdout
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
    data = render_checklist_pdf(ChecklistDocument(**{**doc.__dict__, "items": items}))
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
    assert reader.metadata.author == doc.guide_name
    assert reader.metadata.subject == f"{doc.guide_name}: {doc.heading}"
    assert reader.trailer["/Root"]["/Lang"] == doc.language
    page = reader.pages[0]
    assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]  # A4 in pt


def _word_boxes(data: bytes, tmp_path: Path) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in points from the top left, for every word poppler finds."""
    pdf_file = tmp_path / "checklist.pdf"
    pdf_file.write_bytes(data)
    html = subprocess.run(["pdftotext", "-bbox", str(pdf_file), "-"], check=True, capture_output=True, text=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(word, float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, word in re.findall(pattern, html)]


_MM = 72 / 25.4


@pytest.mark.parametrize("name", ["en", "de", "ar"])
def test_a4_content_fits_letter(rendered: dict[str, bytes], name: str, tmp_path: Path) -> None:
    """Every word lies within x 20..190 mm and above y = 262 mm: US Letter prints it whole."""
    words = _word_boxes(rendered[name], tmp_path)
    assert len(words) > 20
    for word, x0, _y0, x1, y1 in words:
        assert 20 * _MM - 1 <= x0 and x1 <= 190 * _MM + 1, word
        assert y1 <= 262 * _MM, word


# Every part wrapping onto a second line, the notes label too.
DE_WRAPPED = replace(
    DE, guide_name=DE.guide_name * 6, heading=" ".join([DE.heading] * 12), notes_label=" ".join([DE.notes_label] * 20)
)


@pytest.mark.parametrize("doc", [DE, DE_WRAPPED], ids=["de", "de-wrapped"])
def test_both_renderers_lay_out_the_same_page(tmp_path: Path, doc: ChecklistDocument) -> None:
    """Typst (left to right) and fpdf2 (right to left) follow one layout: same lines at the same heights."""
    from netguide.pdf import rtl_renderer as pdf_rtl
    from netguide.pdf import typst_renderer as pdf_typst

    def line_heights(data: bytes) -> list[float]:
        return sorted({round(y0, 1) for _, _, y0, _, _ in _word_boxes(data, tmp_path)})

    typst_lines, fpdf_lines = line_heights(pdf_typst.render(doc)), line_heights(pdf_rtl.render(doc))
    assert len(typst_lines) == len(fpdf_lines) > 10
    # Typst's baselines are fpdf2's rounded to 0.1 mm (0.28 pt): within 0.5 pt, one line height off is not.
    assert all(abs(a - b) <= 0.5 for a, b in zip(typst_lines, fpdf_lines, strict=False)), (typst_lines, fpdf_lines)


# The numbers the Typst template may hold, none of them a measure: a unit
# attached to a layout value (1mm, 1pt, 1em), nothing (0, 0pt), the full width
# (100%), the rest of a grid row (1fr); and 2 as a divisor (centring).
_NEUTRAL_TYPST_NUMBERS = {"1mm", "1pt", "1em", "0", "0pt", "100%", "1fr"}


def _typst_code(source: str) -> str:
    """The template without its comments and string literals."""
    source = re.sub(r'"(?:[^"\\]|\\.)*"', '""', source)
    return re.sub(r"//[^\n]*|/\*.*?\*/", "", source, flags=re.S)


def _stray_typst_numbers(source: str) -> list[str]:
    code = _typst_code(source)
    stray = []
    for match in re.finditer(r"(?<![\w.-])\d+(?:\.\d+)?(?:mm|pt|cm|in|em|fr|%|deg|rad)?(?![\w.])", code):
        number = match.group()
        if number in _NEUTRAL_TYPST_NUMBERS or (number == "2" and re.search(r"/\s*$", code[: match.start()])):
            continue
        stray.append(f"line {code.count(chr(10), 0, match.start()) + 1}: {number}")
    return stray


def test_the_typst_template_has_no_measures_of_its_own() -> None:
    """Every length in the template comes from netguide.pdf.layout, which fpdf2 draws with too."""
    from netguide.pdf import typst_renderer as pdf_typst

    assert _stray_typst_numbers(pdf_typst.TEMPLATE.read_text(encoding="utf-8")) == []
    # The check does catch one (comments and strings aside).
    assert _stray_typst_numbers('#v(2.2mm) // 3mm\n#rect(stroke: 0.35mm, fill: "9pt")\n#lines(5, gap, x / 2)') == [
        "line 1: 2.2mm",
        "line 2: 0.35mm",
        "line 3: 5",
    ]


def test_the_template_reads_only_layout_values_that_exist() -> None:
    from netguide.pdf import layout
    from netguide.pdf import typst_renderer as pdf_typst

    used = set(re.findall(r"\blayout\.(\w+)", _typst_code(pdf_typst.TEMPLATE.read_text(encoding="utf-8"))))
    assert used and used <= set(layout.as_dict()), used - set(layout.as_dict())


def _stray_python_numbers(source: str, skip: set[str]) -> list[str]:
    """Numeric literals in `source` outside the functions in `skip`, but for 0, indices and a divisor 2 (centring)."""
    import ast

    tree = ast.parse(source)
    halved = {id(node.right) for node in ast.walk(tree) if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)}
    indices = {id(node.slice) for node in ast.walk(tree) if isinstance(node, ast.Subscript)}
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in skip
        for inner in ast.walk(node)
    }
    numbers = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and type(node.value) in (int, float)
        and id(node) not in skipped
        and id(node) not in indices
        and node.value != 0
        and not (node.value == 2 and id(node) in halved)
    ]
    return [f"line {node.lineno}: {node.value!r}" for node in sorted(numbers, key=lambda node: node.lineno)]


def test_the_fpdf2_renderer_has_no_measures_of_its_own() -> None:
    """rtl_renderer draws with netguide.pdf.layout's names only, as the Typst template does.

    Only the line-breaking helpers, which measure text and place nothing, are left out.
    """
    from netguide.pdf import rtl_renderer as pdf_rtl

    source = Path(pdf_rtl.__file__).read_text(encoding="utf-8")
    assert _stray_python_numbers(source, skip={"_wrap", "_longest_fitting_prefix"}) == []
    assert _stray_python_numbers(
        "def f(pdf):\n    pdf.ln(3)\n    pdf.rect(x, (h - b) / 2, b, b)\n    pdf.set_line_width(0.2)\n", skip=set()
    ) == ["line 2: 3", "line 4: 0.2"]


def test_typst_baselines_are_where_fpdf2_puts_them() -> None:
    """The Typst distances in the layout, against the same distances worked out from fpdf2's measures."""
    from netguide.pdf import layout as L

    cap_small = L.CAP_HEIGHT_EM * L.SMALL_PT * L.MM_PER_PT
    fpdf2 = {
        "guide name": (L.TYPST_GUIDE_NAME_BASELINE_MM, L.fpdf2_baseline_mm(L.GUIDE_NAME_LINE_MM, L.SMALL_PT)),
        "title": (
            L.TYPST_TITLE_BASELINE_MM,
            L.baseline_distance_mm(L.GUIDE_NAME_LINE_MM, L.SMALL_PT, L.GUIDE_NAME_GAP_MM, L.TITLE_LINE_MM, L.TITLE_PT),
        ),
        "heading": (
            L.TYPST_HEADING_BASELINE_MM,
            L.baseline_distance_mm(L.TITLE_LINE_MM, L.TITLE_PT, L.TITLE_GAP_MM, L.HEADING_LINE_MM, L.HEADING_PT),
        ),
        "first item": (
            L.TYPST_FIRST_ITEM_BASELINE_MM,
            L.baseline_distance_mm(L.HEADING_LINE_MM, L.HEADING_PT, L.HEADING_GAP_MM, L.LINE_MM, L.BODY_PT),
        ),
        "notes label": (
            L.TYPST_NOTES_LABEL_BASELINE_MM,
            L.baseline_distance_mm(
                L.LINE_MM, L.BODY_PT, L.ITEM_GAP_MM + L.NOTES_GAP_MM, L.NOTES_LABEL_LINE_MM, L.BODY_PT
            ),
        ),
        "first note rule": (
            L.TYPST_FIRST_NOTE_RULE_MM,
            L.NOTES_LABEL_LINE_MM - L.fpdf2_baseline_mm(L.NOTES_LABEL_LINE_MM, L.BODY_PT) + L.NOTE_LINE_GAP_MM,
        ),
        "footer text": (
            L.TYPST_FOOTER_TEXT_GAP_MM,
            L.FOOTER_TEXT_GAP_MM + L.fpdf2_baseline_mm(L.FOOTER_LINE_MM, L.SMALL_PT) - cap_small,
        ),
    }
    for part, (typst_mm, fpdf2_mm) in fpdf2.items():
        # Rounded to 0.1 mm; the first note rule, named rather than derived, is 0.34 mm off.
        assert abs(typst_mm - fpdf2_mm) <= (0.35 if part == "first note rule" else 0.05), part


def test_the_subject_is_the_guide_and_the_heading() -> None:
    assert EN.subject == "Networking, Made Human: Checklist"
    assert replace(EN, heading="").subject == "Networking, Made Human"
    assert "subject" not in EN.__dict__  # not a field: neither the cache key nor the /ID seed changes


@pytest.mark.parametrize("name", ["en", "de"])
def test_left_to_right_pdfs_are_tagged(rendered: dict[str, bytes], name: str) -> None:
    """A structure tree for assistive technology; boxes and rules are artifacts, not text."""
    reader = _reader(rendered[name])
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    content = reader.pages[0].get_contents().get_data()
    assert content.count(b"/Artifact") >= len(DOCS[name].items) + 1  # tick boxes, rules


def test_a_broken_template_is_reported_with_its_file(tmp_path: Path, monkeypatch) -> None:
    from netguide.pdf import typst_renderer as pdf_typst

    template = tmp_path / "checklist.typ"
    template.write_text("#let doc = json(bytes(sys.inputs.document))\n#text(size: 11pt, doc.title\n", encoding="utf-8")
    monkeypatch.setattr(pdf_typst, "TEMPLATE", template)
    pdf_typst._compiler.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"checklist\.typ: the PDF template failed for '4 Networking Myths"):
            render_checklist_pdf(EN)
    finally:
        pdf_typst._compiler.cache_clear()


def test_typst_markup_in_the_content_is_printed_as_text() -> None:
    item = "Write #set page(fill: red) and $x^2$ or *this* <here> @there \\ to them."
    text = _text(render_checklist_pdf(ChecklistDocument(**{**EN.__dict__, "items": (item,)})))
    assert _norm(item) in _norm(text)


def test_bad_direction_rejected() -> None:
    with pytest.raises(ValueError):
        render_checklist_pdf(ChecklistDocument(**{**EN.__dict__, "direction": "ttb"}))


def _tick_box_xs(data: bytes) -> list[float]:
    """The left edge (pt) of every 5 mm square drawn on page 1, whichever way the renderer draws it."""
    reader = _reader(data)
    operations = pypdf.generic.ContentStream(reader.pages[0].get_contents(), reader).operations
    matrix, saved, path, xs = (1, 0, 0, 1, 0, 0), [], [], []
    side = 5 * _MM

    def transform(x, y):
        a, b, c, d, e, f = matrix
        return a * x + c * y + e, b * x + d * y + f

    for operands, operator in operations:
        values = [float(value) for value in operands] if operator in (b"cm", b"re", b"m", b"l") else []
        if operator == b"q":
            saved.append(matrix)
        elif operator == b"Q":
            matrix = saved.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = values
            m = matrix
            matrix = (
                a * m[0] + b * m[2],
                a * m[1] + b * m[3],
                c * m[0] + d * m[2],
                c * m[1] + d * m[3],
                e * m[0] + f * m[2] + m[4],
                e * m[1] + f * m[3] + m[5],
            )
        elif operator == b"re":
            x, y, w, h = values
            path = [transform(x, y), transform(x + w, y + h)]
        elif operator in (b"m", b"l"):
            path = [transform(*values)] if operator == b"m" else [*path, transform(*values)]
        elif operator in (b"S", b"s") and path:
            xs_, ys_ = [p[0] for p in path], [p[1] for p in path]
            if abs(max(xs_) - min(xs_) - side) < 0.5 and abs(max(ys_) - min(ys_) - side) < 0.5:
                xs.append(min(xs_))
            path = []
    return xs


def test_rtl_boxes_are_on_the_right(rendered: dict[str, bytes]) -> None:
    ltr, rtl = _tick_box_xs(rendered["en"]), _tick_box_xs(rendered["ar"])
    assert len(ltr) == len(EN.items) and len(rtl) == len(AR.items)
    assert all(x < 100 for x in ltr)  # left margin (pt)
    assert all(x > 495 for x in rtl)  # right margin (pt)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_fonts_have_every_character_of_the_real_checklists(language):
    from netguide.content.loader import load_guide

    guide = load_guide(ROOT / "content", ROOT / "locales")
    for article in guide.articles:
        version = article.versions.get(language) or article.source  # a missing translation prints the source
        text = version.title + "".join(version.checklist.values())
        assert missing_characters(text, version.language) == [], (article.id, version.language)


def test_missing_characters_finds_what_would_print_as_a_box():
    assert missing_characters("Schreiben Sie „Danke“ – 3 €", "de") == []
    assert missing_characters("أرسل رسالة على LinkedIn.", "ar") == []  # Latin from the fallback font
    assert missing_characters("Kaffee ☕ trinken", "de") == ["☕"]
    assert missing_characters("لا ✓", "ar") == ["✓"]


def _real_documents() -> list[ChecklistDocument]:
    from netguide.content.loader import load_guide
    from netguide.pdf.checklists import documents

    guide = load_guide(ROOT / "content", ROOT / "locales")
    return [document for _, _, document in documents(guide, "https://example.org/guide/")]


@pytest.mark.slow
def test_cut_fonts_render_the_same_bytes(tmp_path: Path) -> None:
    """Fonts cut to a batch's characters change nothing in the PDFs: the cache needs no other key."""
    from netguide.pdf.font_cut import cut_fonts

    batch = [document for document in (*DOCS.values(), *_real_documents()) if document.direction == "rtl"]
    fonts = cut_fonts(batch, tmp_path)
    assert set(fonts) == {"NotoSans", "NotoSansArabic"}
    for regular, bold in fonts.values():
        assert regular.stat().st_size < 40_000 and bold.stat().st_size < 40_000  # bundled: 100-190 KB
    for document in batch:
        assert render_checklist_pdf(document, fonts) == render_checklist_pdf(document), document.title


@pytest.mark.slow
def test_latin_batch_cuts_only_the_latin_font(tmp_path: Path) -> None:
    from netguide.pdf.font_cut import cut_fonts

    fonts = cut_fonts([EN, DE], tmp_path)
    assert set(fonts) == {"NotoSans"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["NotoSans-Bold.ttf", "NotoSans-Regular.ttf"]


@pytest.mark.slow
def test_big_batches_render_with_cut_fonts_and_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    from netguide.pdf import checklists as checklist_pdfs
    from netguide.pdf import font_cut

    batch = _real_documents()
    cuts = []
    real_cut = font_cut.cut_fonts
    monkeypatch.setattr(
        font_cut, "cut_fonts", lambda docs, folder, map: cuts.append(len(docs)) or real_cut(docs, folder, map)
    )
    right_to_left = sum(document.direction == "rtl" for document in batch)
    monkeypatch.setattr(checklist_pdfs, "CUT_FONTS_FROM", right_to_left)
    assert list(checklist_pdfs._render_many(batch)) == [render_checklist_pdf(document) for document in batch]
    assert cuts == [right_to_left]  # only the fpdf2 (right-to-left) documents need cut fonts


def test_wrapped_lines_fit_and_keep_every_word() -> None:
    from fpdf import FPDF

    from netguide.pdf import rtl_renderer as module

    pdf = FPDF(unit="mm")
    pdf.add_font("NotoSans", "", str(module.FONT_DIR / "NotoSans-Regular.ttf"))
    pdf.set_font("NotoSans", "", 11)
    text = " ".join(DE.items)
    lines = module._wrap(pdf, 80, text)
    assert len(lines) > 5
    assert all(pdf.get_string_width(line) <= 80 for line in lines)
    assert " ".join(lines).split() == text.split()
    # Greedy: the next line's first word would not have fitted on this line.
    for line, following in zip(lines, lines[1:], strict=False):
        assert pdf.get_string_width(f"{line} {following.split()[0]}") > 80


def test_a_word_longer_than_the_line_is_cut_between_characters() -> None:
    url = "https://example.org/" + "a-very-long-path-segment/" * 12
    data = render_checklist_pdf(ChecklistDocument(**{**EN.__dict__, "items": (f"Read {url} today.",)}))
    text = "".join(_text(data).split())
    assert url in text


@pytest.mark.slow
def test_render_all_reports_progress_and_caches_each_pdf_as_it_comes(tmp_path: Path) -> None:
    from netguide.content.loader import load_guide
    from netguide.pdf import checklists as checklist_pdfs

    guide = load_guide(ROOT / "content", ROOT / "locales")
    total = len(guide.articles) * len(guide.languages)
    calls = []
    files = checklist_pdfs.render_all(guide, "https://example.org/", tmp_path, lambda *args: calls.append(args))
    assert len(files) == total and all(path.read_bytes().startswith(b"%PDF-") for path in files.values())
    assert [done for done, _, _ in calls] == [*range(1, total), total]  # each PDF, then the summary
    assert {(to_render, all_) for _, to_render, all_ in calls} == {(total, total)}

    calls.clear()
    checklist_pdfs.render_all(guide, "https://example.org/", tmp_path, lambda *args: calls.append(args))
    assert calls == [(0, 0, total)]  # all from the cache


@pytest.mark.slow
def test_the_first_languages_pdfs_are_rendered_first(tmp_path: Path) -> None:
    """A parallel build releases its helpers once their languages' PDFs exist; the rest render meanwhile."""
    from netguide.content.loader import load_guide
    from netguide.pdf import checklists as checklist_pdfs

    guide = load_guide(ROOT / "content", ROOT / "locales")
    first = set(guide.languages[1:3])
    wanted = checklist_pdfs.wanted_pdfs(guide, "https://example.org/", tmp_path)
    theirs = {cached for language, cached, _ in wanted.values() if language in first}
    in_cache_then = []

    def progress(done: int, to_render: int, total: int) -> None:
        if done == len(theirs):
            in_cache_then.append(set(tmp_path.glob("*.pdf")))

    files = checklist_pdfs.render_all(guide, "https://example.org/", tmp_path, progress, first=first)
    assert in_cache_then == [theirs], "only theirs were rendered by then"
    assert set(files.values()) == set(tmp_path.glob("*.pdf")) and len(files) == len(wanted)


@pytest.mark.slow
def test_an_interrupted_render_keeps_the_pdfs_it_finished(tmp_path: Path) -> None:
    from netguide.content.loader import load_guide
    from netguide.pdf import checklists as checklist_pdfs

    guide = load_guide(ROOT / "content", ROOT / "locales")

    def stop_after_three(done, to_render, total):
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        checklist_pdfs.render_all(guide, "https://example.org/", tmp_path, stop_after_three)
    assert len(list(tmp_path.glob("*.pdf"))) == 3
    assert list(tmp_path.glob("*.tmp")) == []


def _counting_render(document, fonts=None):
    """render_checklist_pdf that notes each call in $RENDER_LOG (module level: worker processes import it).

    A document whose title ends in " [gated]" waits until the file $RENDER_GATE exists, then gives a
    placeholder (nobody reads it).
    """
    import os
    import time

    from netguide import pdf

    with open(os.environ["RENDER_LOG"], "a", encoding="utf-8") as log:
        log.write("render\n")
    if document.title.endswith(" [gated]"):
        deadline = time.monotonic() + 60  # a gate that never opens fails the test instead of hanging it
        while not os.path.exists(os.environ["RENDER_GATE"]) and time.monotonic() < deadline:
            time.sleep(0.01)
        return b"%PDF- placeholder"
    # In this process the real one was set aside; a worker process has the real one in place.
    return getattr(pdf, "_real_render_for_tests", pdf.render_checklist_pdf)(document, fonts)


@pytest.mark.slow
def test_stopping_early_drops_the_renders_not_started(tmp_path: Path, monkeypatch) -> None:
    """A render stopped early (Ctrl-C, an error) does not go on with every queued PDF.

    Without timing: all but the first 15 PDFs wait in the workers until the pool shuts down, and by
    then closing the render must have dropped those not yet handed to a worker. Two workers hold at
    most 2 + 3 queued chunks of 4, so at most 32 of the 75 ever start.
    """
    import os

    from netguide import pdf as module
    from netguide.pdf import checklists as checklist_pdfs

    log, gate = tmp_path / "renders.log", tmp_path / "gate-open"
    monkeypatch.setenv("RENDER_LOG", str(log))
    monkeypatch.setenv("RENDER_GATE", str(gate))
    monkeypatch.setattr(module, "_real_render_for_tests", module.render_checklist_pdf, raising=False)
    monkeypatch.setattr(module, "render_checklist_pdf", _counting_render)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    real_pool = checklist_pdfs._pool

    def pool_that_opens_the_gate_when_shut_down(workers):
        pool = real_pool(workers)
        shutdown = pool.shutdown

        def open_the_gate_and_shut_down(*args, **kwargs):
            gate.touch()
            return shutdown(*args, **kwargs)

        pool.shutdown = open_the_gate_and_shut_down
        return pool

    monkeypatch.setattr(checklist_pdfs, "_pool", pool_that_opens_the_gate_when_shut_down)
    batch = [
        replace(document, title=f"{document.title} {copy}" + (" [gated]" if copy else ""))
        for copy in range(5)
        for document in _real_documents()
    ]  # 75 PDFs, 60 behind the gate
    rendered = checklist_pdfs._render_many(batch)
    assert next(rendered).startswith(b"%PDF-")
    assert not gate.exists()
    rendered.close()
    assert gate.exists(), "the worker pool was shut down"
    calls = len(log.read_text(encoding="utf-8").splitlines())
    assert 1 <= calls < len(batch) // 2, calls
