"""Where each generated page lives: docs-relative paths and the URLs MkDocs gives them."""

from __future__ import annotations

import posixpath

GENERATED_ROOT = "guide"


def article_path(article_id: str) -> str:
    return f"{GENERATED_ROOT}/{article_id}.md"


def checklist_path(article_id: str) -> str:
    return f"{GENERATED_ROOT}/checklists/{article_id}.md"


def pdf_path(article_id: str) -> str:
    return f"{GENERATED_ROOT}/checklists/{article_id}.pdf"


CHECKLISTS_INDEX = f"{GENERATED_ROOT}/checklists/index.md"
MYTHS_PAGE = f"{GENERATED_ROOT}/myths.md"
GLOSSARY_PAGE = f"{GENERATED_ROOT}/glossary.md"
STATUS_PAGE = f"{GENERATED_ROOT}/status.md"


def page_url(language: str, path: str) -> str:
    """Site-relative URL of page `path` (e.g. guide/x.md) in `language`, directory style."""
    stem = path[: -len(".md")]
    if stem.endswith("/index") or stem == "index":
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return f"{language}/{stem}".replace("//", "/")


def relative_url(from_path: str, language: str, to_language: str, to_path: str) -> str:
    """Relative link from page `from_path` in `language` to `to_path` in `to_language`."""
    here = page_url(language, from_path)
    there = page_url(to_language, to_path)
    return posixpath.relpath(there, here.rstrip("/") or ".") + "/"
