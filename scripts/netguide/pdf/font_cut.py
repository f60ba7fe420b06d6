"""The bundled fonts cut down to the characters of one batch of checklists.

fpdf2 parses every font a PDF uses and then subsets it to the glyphs that
PDF shows. With the bundled fonts (1,800 glyphs for Noto Sans) that parse and
subset were most of a render. Cutting each font once per batch, down to the
characters all the batch's checklists use, makes every PDF after that
1.4-1.8x cheaper to render.

The cut keeps what fpdf2's own subset of the full font would keep: every
glyph a character reaches through the layout features (Arabic joining forms,
ligatures), every code point that maps to a kept glyph, glyph names and
fpdf2's recommended glyphs. fpdf2's subset of the cut font is then byte for
byte its subset of the full font, so a PDF does not depend on the batch it
was rendered in, and the PDF cache stays keyed by the document alone
(``tests/test_pdf.py`` checks this).
"""

from __future__ import annotations

import string
from pathlib import Path

from fontTools import subset

from .document import ChecklistDocument
from .typefaces import FONT_DIR, FONT_FILES, LATIN, font_family

#: Characters every cut keeps, whatever the checklists say: ASCII, the .null
#: and carriage-return glyphs fpdf2 always embeds, and the LEFT-TO-RIGHT MARK
#: the renderer adds after URLs in right-to-left footers.
ALWAYS = string.printable + "\x00\r\u200e"


def cut_fonts(documents: list[ChecklistDocument], folder: Path, map=map) -> dict[str, tuple[Path, Path]]:
    """Write the fonts `documents` need, cut to their characters, into `folder`.

    Returns {family: (regular file, bold file)}, as the renderer takes it.
    `map` may be a process pool's, to cut the fonts side by side.
    """
    text = ALWAYS + "".join(
        "".join((doc.guide_name, doc.title, doc.heading, doc.notes_label, doc.url_label, doc.url, *doc.items))
        for doc in documents
    )
    families = dict.fromkeys([LATIN, *(font_family(doc.language) for doc in documents)])
    cut = {family: (folder / FONT_FILES[family][0], folder / FONT_FILES[family][1]) for family in families}
    targets = [target for pair in cut.values() for target in pair]
    list(map(_cut, [FONT_DIR / target.name for target in targets], targets, [text] * len(targets)))
    return cut


def _options() -> subset.Options:
    options = subset.Options()
    options.layout_features = ["*"]  # the renderer's HarfBuzz shaping needs them all
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.glyph_names = True
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.hinting = False
    options.drop_tables = []
    options.prune_unicode_ranges = False
    options.recalc_bounds = False
    return options


def _cut(source: Path, target: Path, text: str) -> None:
    # First pass: which glyphs the characters reach (the layout closure).
    options = _options()
    reached = subset.load_font(str(source), options, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(reached)
    glyphs = set(reached.getGlyphOrder())
    # Second pass: those glyphs, with every code point that maps to one of them.
    font = subset.load_font(str(source), options, lazy=True)
    unicodes = [code for code, glyph in font.getBestCmap().items() if glyph in glyphs]
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=glyphs, unicodes=unicodes)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
