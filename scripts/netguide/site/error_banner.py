"""While `mkdocs serve` runs, a content error is shown at the top of every page."""

from __future__ import annotations

import re
from html import escape


def show_build_error(html: str, message: str) -> str:
    """Put a content error at the top of a page served by `mkdocs serve`."""
    banner = (
        '<div role="alert" class="nk-build-error" style="background:#a4161a;color:#fff;'
        'padding:1rem;white-space:pre-wrap;font:0.8rem monospace">'
        f"{escape(message)}\n\nShowing the last good version; fix the content and save.</div>"
    )
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, html, count=1)
