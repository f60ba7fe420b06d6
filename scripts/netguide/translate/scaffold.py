"""`netguide new`: write a new translation's scaffold (its text: :mod:`netguide.content.scaffold`)."""

from __future__ import annotations

from pathlib import Path

from ..content.scaffold import scaffold_text


def scaffold(content_dir: Path, article_id: str, language: str, force: bool = False, pivot: str | None = None) -> Path:
    """Write content/articles/<article_id>/<language>.yml from its source version; returns its path.

    It is made from the article's source language, or from `pivot`: any
    other up-to-date version (see :func:`netguide.content.scaffold.scaffold_text`).
    """
    target, text = scaffold_text(content_dir, article_id, language, force, pivot)
    target.write_text(text, encoding="utf-8")
    return target
