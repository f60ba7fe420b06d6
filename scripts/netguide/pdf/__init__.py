"""Printable PDF action checklists, one per article and language.

Two renderers draw the same page (:mod:`netguide.pdf.layout`):

- left-to-right checklists are typeset by Typst (:mod:`netguide.pdf.typst_renderer`):
  about six times faster than fpdf2, and tagged for assistive technology;
- right-to-left ones are drawn by fpdf2 with HarfBuzz (:mod:`netguide.pdf.rtl_renderer`),
  which writes Arabic so that copied and extracted text reads in logical
  order; Typst's Arabic text comes out reversed.

Both embed subsets of the bundled fonts (:mod:`netguide.pdf.typefaces`), so the
text stays selectable and searchable, and both are deterministic: the same
:class:`ChecklistDocument` (:mod:`netguide.pdf.document`) always gives the same
bytes, which the PDF cache relies on.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .document import ChecklistDocument
from .typefaces import FONT_DIR, missing_characters

__all__ = ["ChecklistDocument", "render_checklist_pdf", "missing_characters", "FONT_DIR"]


def render_checklist_pdf(doc: ChecklistDocument, fonts: Mapping[str, tuple[Path, Path]] | None = None) -> bytes:
    """Render one checklist as a one-or-more page A4 PDF and return its bytes.

    `fonts` (cut fonts from :func:`netguide.pdf.font_cut.cut_fonts`) only speeds
    up right-to-left checklists; it never changes the bytes.
    """
    if doc.direction == "rtl":
        from . import rtl_renderer as pdf_rtl

        return pdf_rtl.render(doc, fonts)
    if doc.direction != "ltr":
        raise ValueError(f"direction must be 'ltr' or 'rtl', not {doc.direction!r}")
    from . import typst_renderer as pdf_typst

    return pdf_typst.render(doc)
