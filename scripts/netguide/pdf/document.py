"""What one PDF checklist says, and what both renderers write into every PDF about it.

A :class:`ChecklistDocument` is all a renderer gets: the same document always
renders to the same bytes, and the PDF cache is keyed by its fields. Its
``subject`` and :data:`FIXED_DATE` are the PDF metadata that both renderers
(:mod:`netguide.pdf.typst_renderer`, :mod:`netguide.pdf.rtl_renderer`) share.

Plain data, no renderer imported: a build whose PDFs are all cached, and
``netguide check``, never import Typst or fpdf2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

#: Creation date written into every checklist (keeps the output reproducible).
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ChecklistDocument:
    language: str  # "en", "de", "ar", ...
    direction: str  # "ltr" or "rtl"
    guide_name: str  # e.g. "Networking, Made Human"
    title: str  # article title
    heading: str  # e.g. "Checkliste"
    items: tuple[str, ...]  # checklist items, plain text
    notes_label: str  # e.g. "Notizen"
    url_label: str  # e.g. "Online:"
    url: str  # the web address of the checklist page

    @property
    def subject(self) -> str:
        """The PDF's subject: "guide name: checklist heading" (the guide name alone without a heading)."""
        return f"{self.guide_name}: {self.heading}" if self.heading else self.guide_name
