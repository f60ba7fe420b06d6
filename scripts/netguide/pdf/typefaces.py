"""The fonts a PDF checklist is set in, and which characters they can show.

Kept apart from the renderers (:mod:`netguide.pdf`) so that a build whose PDFs
are all cached, and ``netguide check``, never import fpdf2.

The fonts (Noto Sans, Noto Sans Arabic; SIL OFL 1.1) live next to this module
in ``fonts/`` and are never taken from the system, so every machine produces
the same file. They are slimmed to the scripts and features the guide needs
(``scripts/slim_fonts.py``): fpdf2 parses and subsets them again for every
PDF, so their size is most of a render's cost.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"

LATIN = "NotoSans"
ARABIC = "NotoSansArabic"
#: family -> (regular, bold) file in FONT_DIR
FONT_FILES = {
    LATIN: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ARABIC: ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
}
# Languages whose script needs Noto Sans Arabic (Latin runs fall back to Noto Sans).
_ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ckb", "sd", "ug"})


def font_family(language: str) -> str:
    """The font family a checklist in `language` is set in (Latin text always has Noto Sans)."""
    base = language.split("-")[0].lower()
    return ARABIC if base in _ARABIC_SCRIPT_LANGUAGES else LATIN


@functools.cache
def font_characters(family: str, bold: bool = False) -> frozenset[int]:
    """The code points a bundled font has a glyph for."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(FONT_DIR / FONT_FILES[family][bold], lazy=True).getBestCmap())


def missing_characters(text: str, language: str) -> list[str]:
    """The characters of `text` that a `language` checklist's fonts lack: they would print as boxes."""
    available = font_characters(font_family(language)) | font_characters(LATIN)
    return sorted({char for char in text if ord(char) not in available
                   and not char.isspace() and unicodedata.category(char) != "Cf"})
