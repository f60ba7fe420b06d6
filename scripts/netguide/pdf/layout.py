"""The page layout every PDF checklist shares, whichever renderer draws it.

In millimetres and points. A4 is 210 x 297 mm, US Letter 215.9 x 279.4: the
content stays within x 20..190 mm and y 20..~258 mm, so a checklist printed
on either paper comes out whole.
"""

from __future__ import annotations

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_X_MM = 20.0
MARGIN_TOP_MM = 20.0
FOOTER_Y_MM = 252.0  # top of the footer line (one 6 mm line -> ends at 258)
BREAK_Y_MM = 245.0  # body content never goes below this
BOX_MM = 5.0  # tick box edge
BOX_GAP_MM = 4.0  # between box and item text
ITEM_GAP_MM = 3.0  # between two items
LINE_MM = 6.0  # line height of the items
NOTE_LINES = 3
NOTE_LINE_GAP_MM = 9.0

SMALL_PT = 9  # guide name, footer
TITLE_PT = 18
HEADING_PT = 13
BODY_PT = 11  # items, notes label

GREY = (90, 90, 90)
BLACK = (0, 0, 0)


def as_dict() -> dict[str, object]:
    """The layout as JSON-ready values, keyed by lower-case name (for the Typst template)."""
    return {name.lower(): value for name, value in globals().items()
            if name.isupper() and isinstance(value, (int, float, tuple))}
