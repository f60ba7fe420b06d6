"""Left-to-right checklists, typeset by Typst (``templates/checklist.typ``).

Typst (the ``typst`` wheel: the Rust compiler, no system libraries) renders a
checklist in 3-4 ms where fpdf2 needs ~20, nearly all of that spent parsing
and subsetting the fonts again for every file; its PDFs are tagged (a
structure tree, with the tick boxes and rules marked as artifacts), with
kerning, and deterministic for a fixed timestamp. Right-to-left checklists
stay with fpdf2 (:mod:`netguide.pdf.rtl_renderer`): Typst writes Arabic runs in visual
order, so copied or extracted text comes out reversed.

The template has no measures of its own: it gets the document and the
shared page layout (:mod:`netguide.pdf.layout`, where the baseline distances
Typst needs are worked out from fpdf2's) as JSON. Only the bundled fonts are
used (no system or built-in fonts), so every machine produces the same file.
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict
from pathlib import Path

import typst

from . import layout as pdf_layout
from .document import FIXED_DATE, ChecklistDocument
from .typefaces import FONT_DIR

TEMPLATE = Path(__file__).parent / "templates" / "checklist.typ"
#: The shared page layout, every measure the template uses (the same for every checklist).
LAYOUT = json.dumps(pdf_layout.as_dict())


@functools.cache
def _compiler() -> typst.Compiler:
    """One compiler per process: it keeps the parsed template and fonts between checklists."""
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[FONT_DIR])
    return typst.Compiler(TEMPLATE, root=TEMPLATE.parent, font_paths=fonts)


def render(doc: ChecklistDocument) -> bytes:
    """The checklist `doc` (left to right) as PDF bytes."""
    document = {**asdict(doc), "subject": doc.subject}
    inputs = {"layout": LAYOUT, "document": json.dumps(document, ensure_ascii=False)}
    try:
        return _compiler().compile(format="pdf", sys_inputs=inputs, timestamp=FIXED_DATE)
    except typst.TypstError as error:
        # A plain exception: it crosses from a worker process intact, and names the template.
        hints = "".join(f"\n  hint: {hint}" for hint in error.hints or [])
        raise RuntimeError(
            f"{TEMPLATE}: the PDF template failed for '{doc.title}' ({doc.language}):\n"
            f"{error.diagnostic or error.message}{hints}"
        ) from None
