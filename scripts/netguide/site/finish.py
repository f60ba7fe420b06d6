"""What every HTML page of the site gets after MkDocs has rendered it."""

from __future__ import annotations

import re
from pathlib import Path

from .accessibility import name_search_dialog
from .error_banner import show_build_error
from .search_index import use_our_search_worker
from .security import add_policy


def finish_page(html: str, direction: str, error: str | None = None, serving: bool = False) -> str:
    """`dir` on <html>, a named search dialog with our search worker, the security policy; `error` as a banner (serve)."""
    # Material puts dir= on <body> only; put it on <html> as well.
    html = re.sub(r"<html lang=", f'<html dir="{direction}" lang=', html, count=1)
    if error:
        html = show_build_error(html, error)
    return add_policy(use_our_search_worker(name_search_dialog(html)), serving)


def write_not_found_pages(site: Path, pages: dict[str, str], default: str) -> None:
    """``<lang>/404.html`` for each finished page in `pages` ({language: HTML}); the default's also at the root."""
    for language, html in pages.items():
        (site / language).mkdir(exist_ok=True)
        (site / language / "404.html").write_text(html, encoding="utf-8")
        if language == default:
            (site / "404.html").write_text(html, encoding="utf-8")
