"""The fonts a PDF checklist is set in, and which characters they can show.

Kept apart from the renderers (:mod:`netguide.pdf`) so that a build whose PDFs
are all cached, and ``netguide check``, never import fpdf2.

The fonts (Noto Sans, Noto Sans Arabic; SIL OFL 1.1) live next to this module
in ``fonts/`` and are never taken from the system, so every machine produces
the same file. They are slimmed to the scripts and features the guide needs
(``scripts/slim_fonts.py``): fpdf2 parses and subsets them again for every
PDF, so their size is most of a render's cost.

Which font a language needs follows from its script, taken from the Unicode
CLDR (Babel's likely subtags: ``hi`` is written in Devanagari, ``fa`` in
Arabic), so no language is listed here. A language whose script has no
bundled font is named by :func:`missing_font`, with the font to add
(``fonts/README.md``, "A new script").
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"

LATIN = "NotoSans"
ARABIC = "NotoSansArabic"
#: family -> (regular, bold) file in FONT_DIR
FONT_FILES = {
    LATIN: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ARABIC: ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
}
#: ISO 15924 script -> the family that has it (Latin runs in any checklist fall back to Noto Sans).
SCRIPT_FAMILIES = {"Latn": LATIN, "Grek": LATIN, "Cyrl": LATIN, "Arab": ARABIC}


@functools.cache
def script_of(language: str) -> str | None:
    """The ISO 15924 script `language` is usually written in ('Latn', 'Arab', 'Deva', …); None if CLDR does not know it.

    A code with a script subtag (``sr-Latn``) says so itself; else Babel's
    likely subtags (``hi`` -> ``hi_Deva_IN``) tell.
    """
    from babel.core import get_global

    parts = language.replace("_", "-").split("-")
    given = next((part.title() for part in parts[1:] if len(part) == 4 and part.isalpha()), None)
    if given:
        return given
    likely = get_global("likely_subtags")
    for key in ("_".join(parts), parts[0].lower()):
        found = likely.get(key)
        if found:
            return next((part for part in found.split("_")[1:] if len(part) == 4), None)
    return None


def font_family(language: str) -> str:
    """The font family a checklist in `language` is set in (Latin text always has Noto Sans)."""
    return SCRIPT_FAMILIES.get(script_of(language) or "Latn", LATIN)


#: Noto fonts whose name is not "Noto Sans <the script's English name in CLDR>".
_NOTO_NAMES = {
    "Beng": "Noto Sans Bengali",
    "Hans": "Noto Sans SC",
    "Hant": "Noto Sans TC",
    "Jpan": "Noto Sans JP",
    "Kore": "Noto Sans KR",
    "Orya": "Noto Sans Oriya",
}


@dataclass(frozen=True)
class MissingFont:
    """A language whose script none of the bundled fonts has: its text would print as boxes."""

    language: str
    script: str  # ISO 15924 code, e.g. Deva
    script_name: str  # e.g. Devanagari

    @property
    def suggested_font(self) -> str:
        return _NOTO_NAMES.get(self.script, f"Noto Sans {self.script_name}")

    def message(self) -> str:
        return (
            f"no PDF font for the {self.script_name} script ({self.script}) of language '{self.language}': "
            "its PDF checklists would print boxes instead of letters"
        )

    def hint(self) -> str:
        return (
            f"add a font for {self.script_name}, e.g. {self.suggested_font} (SIL OFL; Debian packages Noto as fonts-noto-*), "
            "as scripts/netguide/pdf/fonts/README.md says under 'A new script'"
        )


def missing_font(language: str) -> MissingFont | None:
    """What font `language` lacks, or None when a bundled font has its script (or CLDR does not know it)."""
    script = script_of(language)
    if script is None or script in SCRIPT_FAMILIES:
        return None
    from babel import Locale

    return MissingFont(language, script, Locale("en").scripts.get(script, script))


@functools.cache
def font_characters(family: str, bold: bool = False) -> frozenset[int]:
    """The code points a bundled font has a glyph for."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(FONT_DIR / FONT_FILES[family][bold], lazy=True).getBestCmap())


def missing_characters(text: str, language: str) -> list[str]:
    """The characters of `text` that a `language` checklist's fonts lack: they would print as boxes."""
    available = font_characters(font_family(language)) | font_characters(LATIN)
    return sorted(
        {
            char
            for char in text
            if ord(char) not in available and not char.isspace() and unicodedata.category(char) != "Cf"
        }
    )
