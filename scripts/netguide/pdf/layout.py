"""The page layout every PDF checklist shares, whichever renderer draws it.

Every measure of the page is here, and only here: :mod:`netguide.pdf.rtl_renderer`
(fpdf2) reads these names, the Typst template gets :func:`as_dict` as data.
In millimetres and points. A4 is 210 x 297 mm, US Letter 215.9 x 279.4: the
content stays within x 20..190 mm and y 20..~258 mm, so a checklist printed
on either paper comes out whole.

The two renderers place text differently. fpdf2 writes a line into a cell
``*_LINE_MM`` high and moves down by the gap below it; Typst places lines by
their baselines. The ``TYPST_*`` distances are therefore worked out from
the fpdf2 measures (:func:`fpdf2_baseline_mm`, rounded to 0.1 mm), so that
both put each line at the same height: change a measure above and the Typst
ones follow. ``tests/test_pdf.py`` checks that neither renderer has a
measure of its own.
"""

from __future__ import annotations

MM_PER_PT = 25.4 / 72  # one typographic point in millimetres

# The page.
PAGE_WIDTH_MM = 210.0  # A4 (fpdf2 is given its own "A4", the same size)
PAGE_HEIGHT_MM = 297.0  # A4
MARGIN_X_MM = 20.0  # left and right margin
MARGIN_TOP_MM = 20.0  # top of the first line (the guide's name)
BREAK_Y_MM = 245.0  # body content never goes below this
FOOTER_Y_MM = 252.0  # the footer rule, from the top of the page (the address below it ends at 258)

# Type sizes.
SMALL_PT = 9  # guide name, footer
TITLE_PT = 18  # article title
HEADING_PT = 13  # checklist heading
BODY_PT = 11  # items, notes label

# Line heights: from one line of a part to its next (fpdf2: the height of a line's cell).
GUIDE_NAME_LINE_MM = 5.0  # the guide's name
TITLE_LINE_MM = 8.5  # the article title
HEADING_LINE_MM = 7.0  # the checklist heading
LINE_MM = 6.0  # the items
NOTES_LABEL_LINE_MM = 7.0  # the notes label
FOOTER_LINE_MM = 5.0  # the address in the footer

# Space between the parts, below one part's last line and above the next one's first.
GUIDE_NAME_GAP_MM = 3.0  # below the guide's name
TITLE_GAP_MM = 5.0  # below the title
HEADING_GAP_MM = 3.0  # below the heading, above the first item
ITEM_GAP_MM = 3.0  # below every item (also the last)
NOTES_GAP_MM = 4.0  # above the notes label, on top of the last item's gap
FOOTER_TEXT_GAP_MM = 1.0  # between the footer rule and the address's line

# Tick boxes, ruled lines, colours.
BOX_MM = 5.0  # tick box edge
BOX_GAP_MM = 4.0  # between box and item text
BOX_STROKE_MM = 0.35  # line width of a tick box
NOTE_LINES = 3  # ruled lines for notes
NOTE_LINE_GAP_MM = 9.0  # between two ruled note lines (and from the label's line to the first)
RULE_MM = 0.2  # line width of the footer rule and the note lines
GREY = (90, 90, 90)  # guide name, footer, note lines (RGB)
BLACK = (0, 0, 0)  # title, heading, items, tick boxes (RGB)

# What Typst needs to put its baselines where fpdf2 puts them.
CAP_HEIGHT_EM = 0.714  # Noto Sans' cap height: where Typst's line box starts above the baseline


def fpdf2_baseline_mm(line_mm: float, size_pt: float) -> float:
    """How far below the top of its cell fpdf2 puts a line's baseline: half the cell, plus 0.3 of the font size."""
    return line_mm / 2 + 0.3 * size_pt * MM_PER_PT


def baseline_distance_mm(
    line_mm: float, size_pt: float, gap_mm: float, next_line_mm: float, next_size_pt: float
) -> float:
    """From the last baseline of one part to the first of the next, as fpdf2 sets them."""
    return (line_mm - fpdf2_baseline_mm(line_mm, size_pt)) + gap_mm + fpdf2_baseline_mm(next_line_mm, next_size_pt)


# Typst: where each part's first baseline goes, below the previous part's last one (or the top margin).
TYPST_GUIDE_NAME_BASELINE_MM = round(fpdf2_baseline_mm(GUIDE_NAME_LINE_MM, SMALL_PT), 1)  # 3.5
TYPST_TITLE_BASELINE_MM = round(
    baseline_distance_mm(GUIDE_NAME_LINE_MM, SMALL_PT, GUIDE_NAME_GAP_MM, TITLE_LINE_MM, TITLE_PT), 1
)  # 10.7
TYPST_HEADING_BASELINE_MM = round(
    baseline_distance_mm(TITLE_LINE_MM, TITLE_PT, TITLE_GAP_MM, HEADING_LINE_MM, HEADING_PT), 1
)  # 12.2
TYPST_FIRST_ITEM_BASELINE_MM = round(
    baseline_distance_mm(HEADING_LINE_MM, HEADING_PT, HEADING_GAP_MM, LINE_MM, BODY_PT), 1
)  # 9.3
# (From item to item it is LINE_MM + ITEM_GAP_MM exactly: the same size above and below.)
TYPST_NOTES_LABEL_BASELINE_MM = round(
    baseline_distance_mm(LINE_MM, BODY_PT, ITEM_GAP_MM + NOTES_GAP_MM, NOTES_LABEL_LINE_MM, BODY_PT), 1
)  # 13.5
# From the notes label's baseline to the first ruled line. fpdf2 draws it
# NOTE_LINE_GAP_MM below the label's cell, 11.34 mm below its baseline; Typst
# has it 0.34 mm higher, at a round 11, since its first version (named here
# rather than derived, so that the PDFs stay as they are).
TYPST_FIRST_NOTE_RULE_MM = 11.0
# From the footer rule down to the top of the address's line box (its cap
# height, not its baseline: the footer is set as a plain paragraph).
TYPST_FOOTER_TEXT_GAP_MM = round(
    FOOTER_TEXT_GAP_MM + fpdf2_baseline_mm(FOOTER_LINE_MM, SMALL_PT) - CAP_HEIGHT_EM * SMALL_PT * MM_PER_PT, 1
)  # 2.2


def as_dict() -> dict[str, object]:
    """The layout as JSON-ready values, keyed by lower-case name (for the Typst template)."""
    return {
        name.lower(): value
        for name, value in globals().items()
        if name.isupper() and isinstance(value, (int, float, tuple))
    }
