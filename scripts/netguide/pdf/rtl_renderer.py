"""Right-to-left checklists (Arabic), drawn with fpdf2 and HarfBuzz.

Why fpdf2 + uharfbuzz: both install with plain ``pip`` as wheels (fpdf2 is
pure Python, uharfbuzz ships HarfBuzz compiled in). HarfBuzz text shaping is
what makes Arabic usable: letters get their joined initial / medial / final
forms, fpdf2's bidi algorithm lays lines out right to left and keeps embedded
Latin words such as "LinkedIn" in the right order. Each bidi run is written
in reading order, so copied and extracted text comes out logical, which
Typst (:mod:`netguide.pdf.typst_renderer`, used for left-to-right checklists) does
not do for Arabic.

fpdf2 embeds the fonts as subsets, so the text stays selectable and
searchable. Output is deterministic: a fixed creation date and a file ``/ID``
derived from the document's content mean that the same
:class:`ChecklistDocument` always renders to the same bytes.

Every measure of the page comes from :mod:`netguide.pdf.layout`, which the
Typst template reads too; the document and its PDF metadata (subject,
creation date) from :mod:`netguide.pdf.document`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection
from fpdf.prefs import ViewerPreferences

from . import layout
from .document import FIXED_DATE, ChecklistDocument
from .typefaces import FONT_DIR, FONT_FILES, LATIN, font_characters, font_family


class _ChecklistPDF(FPDF):
    """FPDF with a per-page footer and a content-derived file identifier."""

    def __init__(self, doc: ChecklistDocument, family: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self._doc = doc
        self._family = family
        self._rtl = doc.direction == "rtl"
        self._id_seed = repr(doc).encode("utf-8")

    # fpdf2 calls this from close()/add_page() for every page.
    def footer(self) -> None:
        doc = self._doc
        self.set_y(layout.FOOTER_Y_MM)
        self.set_font(self._family, "", layout.SMALL_PT)
        self.set_text_color(*layout.GREY)
        self.set_draw_color(*layout.GREY)
        self.set_line_width(layout.RULE_MM)
        self.line(self.l_margin, layout.FOOTER_Y_MM, self.w - self.r_margin, layout.FOOTER_Y_MM)
        self.set_y(layout.FOOTER_Y_MM + layout.FOOTER_TEXT_GAP_MM)
        text = f"{doc.url_label} {doc.url}".strip()
        line_h = layout.FOOTER_LINE_MM
        if self._rtl:
            # LEFT-TO-RIGHT MARK after the URL: keeps its trailing "/" at its end
            # instead of letting the bidi algorithm move it to the far left.
            _rtl_line(self, self.w - self.r_margin, self.get_y(), line_h, text + "\u200e")
            if doc.url:
                self.link(self.l_margin, self.get_y(), self.epw, line_h, doc.url)
        else:
            self.cell(self.epw, line_h, text, align="L", link=doc.url or None)

    def file_id(self) -> str:
        # The default /ID hashes the output buffer plus the creation date, which
        # is already reproducible; deriving it from the document instead makes
        # that explicit and independent of fpdf2 internals.
        digest = hashlib.md5(self._id_seed, usedforsecurity=False).hexdigest().upper()
        return f"<{digest}><{digest}>"


def _wrap(pdf: FPDF, w: float, text: str) -> list[str]:
    """The lines ``text`` wraps into at width ``w`` in the current font.

    Greedy, word by word, each word measured once: fpdf2's own line breaking
    (``multi_cell(dry_run=True)``) measures the growing line again for every
    character, which made it a third of a render. A word wider than the whole
    line is cut between characters.
    """
    lines: list[str] = []
    space = pdf.get_string_width(" ")
    for paragraph in text.split("\n"):
        line, line_w = "", 0.0
        for word in paragraph.split():
            word_w = pdf.get_string_width(word)
            if line and line_w + space + word_w <= w:
                line, line_w = f"{line} {word}", line_w + space + word_w
                continue
            if line:
                lines.append(line)
            while word_w > w and len(word) > 1:
                cut = _longest_fitting_prefix(pdf, word, w)
                lines.append(word[:cut])
                word = word[cut:]
                word_w = pdf.get_string_width(word)
            line, line_w = word, word_w
        lines.append(line)
    return lines


def _longest_fitting_prefix(pdf: FPDF, word: str, w: float) -> int:
    """How many leading characters of ``word`` fit in ``w`` (at least one)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if pdf.get_string_width(word[:middle]) <= w:
            low = middle
        else:
            high = middle - 1
    return low


def _text_block(
    pdf: FPDF, x: float, w: float, line_h: float, text: str, rtl: bool, lines: list[str] | None = None
) -> None:
    """Write wrapped text at x (width w), one line at a time, then move to the next line.

    The text is wrapped once (or ``lines`` from an earlier :func:`_wrap` are
    reused) and written line by line with ``cell``. For right-to-left text that
    matters: fpdf2 then emits each line's glyphs (including separately
    positioned Arabic diacritics) as one contiguous run, which text extractors
    turn back into logical order far more reliably than ``multi_cell``'s
    output. Page breaks fall between lines.
    """
    for line in lines if lines is not None else _wrap(pdf, w, text):
        if pdf.will_page_break(line_h):
            pdf.add_page()
        if rtl:
            _rtl_line(pdf, x + w, pdf.get_y(), line_h, line)
        else:
            pdf.set_x(x)
            pdf.cell(w, line_h, line, align="L")
        pdf.set_xy(pdf.l_margin, pdf.get_y() + line_h)


_PUNCTUATION = re.compile(r"([.,:;!?\u060c\u061b\u061f()\\[\\]\"'«»“”„…/\u2013\u2014-]+)")


def _rtl_line(pdf: FPDF, right: float, y: float, line_h: float, line: str) -> None:
    """Write one right-aligned RTL line as its bidi runs, in logical order.

    Each run (Arabic words, or an embedded Latin word or number) is placed at
    its visual position from the right edge, but the runs are written into
    the content stream in reading order, so text extraction returns the
    sentence in logical order even when it mixes Arabic with "LinkedIn".
    """
    cursor = right
    for fragment, direction in BidiParagraph(line, TextDirection.RTL).get_bidi_fragments():
        pdf.set_text_shaping(
            True, direction="rtl" if direction == TextDirection.RTL else "ltr", language=pdf._doc.language
        )
        # Punctuation inside a right-to-left run gets its own cell: extractors
        # otherwise move a final "." to the front of the run.
        pieces = _PUNCTUATION.split(fragment) if direction == TextDirection.RTL else [fragment]
        for piece in pieces:
            if not piece:
                continue
            width = pdf.get_string_width(piece)
            cursor -= width
            pdf.set_xy(cursor, y)
            pdf.cell(width, line_h, piece)
    pdf.set_text_shaping(True, direction="rtl", language=pdf._doc.language)


def _add_fonts(pdf: FPDF, doc: ChecklistDocument, family: str, fonts: Mapping[str, tuple[Path, Path]] | None) -> None:
    """Add only the fonts this document uses: fpdf2 embeds every font it was given."""

    def files(name: str) -> tuple[Path, Path]:
        return fonts[name] if fonts else (FONT_DIR / FONT_FILES[name][0], FONT_DIR / FONT_FILES[name][1])

    regular, bold = files(family)
    pdf.add_font(family, "", str(regular))
    pdf.add_font(family, "B", str(bold))
    if family == LATIN:
        return
    # Noto Sans Arabic has no Latin letters: "LinkedIn", the URL etc. come from
    # Noto Sans; its bold only when a bold line (title, headings) needs it.
    latin_regular, latin_bold = files(LATIN)
    pdf.add_font(LATIN, "", str(latin_regular))
    bold_text = doc.title + doc.heading + doc.notes_label
    if any(ord(char) not in font_characters(family, bold=True) for char in bold_text if not char.isspace()):
        pdf.add_font(LATIN, "B", str(latin_bold))
    pdf.set_fallback_fonts([LATIN])


def _keep_glyph_bounds(pdf: FPDF) -> None:
    """Let fpdf2 embed font subsets without recomputing every glyph's bounding box.

    fpdf2 opens fonts with fontTools' default ``recalcBBoxes=True``, which
    decodes and re-encodes every kept glyph outline when it saves the subset
    (over half of a render). Dropping glyphs changes no glyph's outline, so
    the stored boxes stay right; fontTools' own subsetter keeps them the same
    way (its ``recalc_bounds`` option is off by default).
    """
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.recalcBBoxes = False


def render(doc: ChecklistDocument, fonts: Mapping[str, tuple[Path, Path]] | None = None) -> bytes:
    """Render one checklist as a one-or-more page A4 PDF and return its bytes.

    `fonts` maps a family to its (regular, bold) files, by default the bundled
    ones; :func:`netguide.pdf.font_cut.cut_fonts` makes smaller ones that render
    the same bytes faster.
    """
    if doc.direction not in ("ltr", "rtl"):
        raise ValueError(f"direction must be 'ltr' or 'rtl', not {doc.direction!r}")
    rtl = doc.direction == "rtl"
    family = font_family(doc.language)

    pdf = _ChecklistPDF(doc, family)
    pdf.set_margins(layout.MARGIN_X_MM, layout.MARGIN_TOP_MM, layout.MARGIN_X_MM)
    pdf.set_auto_page_break(True, margin=pdf.h - layout.BREAK_Y_MM)
    pdf.c_margin = 0  # text starts exactly at the margin / beside the box

    _add_fonts(pdf, doc, family, fonts)
    _keep_glyph_bounds(pdf)
    # HarfBuzz shaping only where the script needs it (joining Arabic letters).
    # Latin, Greek and Cyrillic text looks the same without it, and fpdf2's
    # line breaking then measures with width tables: 2-3x faster to render.
    if family != LATIN:
        pdf.set_text_shaping(True, direction=doc.direction, language=doc.language)

    pdf.set_title(doc.title)
    pdf.set_subject(doc.subject)
    pdf.set_author(doc.guide_name)
    pdf.set_creator("netguide")
    pdf.set_lang(doc.language)
    pdf.set_creation_date(FIXED_DATE)
    # (ViewerPreferences.direction is not used: fpdf2 2.8 would write /RTL,
    # the PDF spec wants /R2L.)
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)

    pdf.add_page()
    width = pdf.epw

    # Guide name, small and grey.
    pdf.set_text_color(*layout.GREY)
    pdf.set_font(family, "", layout.SMALL_PT)
    _text_block(pdf, pdf.l_margin, width, layout.GUIDE_NAME_LINE_MM, doc.guide_name, rtl)
    pdf.ln(layout.GUIDE_NAME_GAP_MM)

    # Article title, bold, wraps.
    pdf.set_text_color(*layout.BLACK)
    pdf.set_font(family, "B", layout.TITLE_PT)
    _text_block(pdf, pdf.l_margin, width, layout.TITLE_LINE_MM, doc.title, rtl)
    pdf.ln(layout.TITLE_GAP_MM)

    # Checklist heading.
    pdf.set_font(family, "B", layout.HEADING_PT)
    _text_block(pdf, pdf.l_margin, width, layout.HEADING_LINE_MM, doc.heading, rtl)
    pdf.ln(layout.HEADING_GAP_MM)

    # Items: an empty box, the text wrapping beside it (box on the right in RTL).
    pdf.set_font(family, "", layout.BODY_PT)
    pdf.set_draw_color(*layout.BLACK)
    line_h, box = layout.LINE_MM, layout.BOX_MM
    text_w = width - box - layout.BOX_GAP_MM
    text_x = pdf.l_margin if rtl else pdf.l_margin + box + layout.BOX_GAP_MM
    box_x = pdf.w - pdf.r_margin - box if rtl else pdf.l_margin
    for item in doc.items:
        lines = _wrap(pdf, text_w, item)
        if pdf.will_page_break(len(lines) * line_h):
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_line_width(layout.BOX_STROKE_MM)
        pdf.rect(box_x, top + (line_h - box) / 2, box, box)  # centred on the first line
        pdf.set_y(top)
        _text_block(pdf, text_x, text_w, line_h, item, rtl, lines)
        pdf.ln(layout.ITEM_GAP_MM)

    # Notes: label plus ruled lines, kept together on one page.
    notes_h = layout.NOTES_GAP_MM + layout.NOTES_LABEL_LINE_MM + layout.NOTE_LINES * layout.NOTE_LINE_GAP_MM
    if pdf.will_page_break(notes_h):
        pdf.add_page()
    pdf.ln(layout.NOTES_GAP_MM)
    pdf.set_font(family, "B", layout.BODY_PT)
    _text_block(pdf, pdf.l_margin, width, layout.NOTES_LABEL_LINE_MM, doc.notes_label, rtl)
    pdf.set_draw_color(*layout.GREY)
    pdf.set_line_width(layout.RULE_MM)
    y = pdf.get_y()
    for _ in range(layout.NOTE_LINES):
        y += layout.NOTE_LINE_GAP_MM
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)

    return bytes(pdf.output())
