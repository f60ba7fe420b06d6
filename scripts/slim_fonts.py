#!/usr/bin/env python3
"""Write the slimmed Noto fonts the PDF checklists use (a maintainer's tool).

    apt-get install fonts-noto-core        # the full fonts, 2.004 / 2.005
    python3 scripts/slim_fonts.py          # -> scripts/netguide/pdf/fonts/*.ttf

The full Noto Sans has 3,300 glyphs with hinting and a dozen OpenType
features; the checklists need a fraction of that. Keeping only the scripts
the guide's languages are written in, the layout features text needs
(kerning, ligatures, marks, and Arabic joining) and the glyph names, and
dropping hinting (PDF viewers do not use it), makes every PDF render 2-3x
faster, because fpdf2 parses and subsets the font file again for each PDF.

Noto Sans keeps Latin (with Latin Extended and Vietnamese), Greek and
Cyrillic, so a new language in any of them prints without new fonts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "scripts" / "netguide" / "pdf" / "fonts"  # netguide.pdf.typefaces.FONT_DIR
DEBIAN_NOTO = Path("/usr/share/fonts/truetype/noto")

_PUNCTUATION = "U+2000-206F,U+20A0-20CF,U+2100-2122,U+2190-2193,U+2212,U+FEFF,U+FFFD"
#: font file -> (Unicode ranges, OpenType layout features)
SLIM = {
    "NotoSans": (
        "U+0000-024F,U+0259,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF," + _PUNCTUATION,
        ["kern", "liga", "mark", "mkmk", "ccmp", "locl"],
    ),
    "NotoSansArabic": (
        "U+0000-0040,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+200B-200F,U+2010-2027,U+FB50-FDFF,U+FE70-FEFF",
        ["init", "medi", "fina", "isol", "rlig", "liga", "calt", "curs", "mark", "mkmk", "kern", "ccmp", "locl"],
    ),
}


def slim(source: Path, target: Path, unicodes: str, features: list[str]) -> None:
    options = subset.Options()
    options.layout_features = features
    options.hinting = False
    options.glyph_names = True  # fpdf2 otherwise rebuilds names from the cmap on every PDF
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=DEBIAN_NOTO, help=f"full Noto fonts (default {DEBIAN_NOTO})")
    options = parser.parse_args()
    for family, (unicodes, features) in SLIM.items():
        for style in ("Regular", "Bold"):
            name = f"{family}-{style}.ttf"
            source = options.source / name
            if not source.is_file():
                raise SystemExit(f"{source}: not found; install fonts-noto-core or pass --source")
            slim(source, TARGET / name, unicodes, features)
            print(f"{name}: {source.stat().st_size // 1024} KB -> {(TARGET / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
