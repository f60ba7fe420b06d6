"""Produce the PDF of every checklist in every language, cached by content.

The cache key is a hash of everything that goes into a PDF (texts, URL,
renderer version), so an unchanged checklist is never rendered again and a
changed one always is.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from .model import Guide
from .pages import checklist_path, page_url

RENDERER_VERSION = "2"


def documents(guide: Guide, site_url: str):
    """Yield (article id, language, ChecklistDocument) for every checklist page."""
    from .pdf import ChecklistDocument

    for language in guide.languages:
        locale = guide.locales[language]
        for article in guide.articles:
            version = article.versions.get(language) or article.source
            text_locale = guide.locales[version.language]
            yield article.id, language, ChecklistDocument(
                language=version.language,
                direction=text_locale.direction,
                guide_name=locale.t("site_name"),
                title=version.title,
                heading=text_locale.t("checklist"),
                items=tuple(version.checklist[i] for i in article.checklist_ids),
                notes_label=text_locale.t("notes"),
                url_label=text_locale.t("pdf_online_at"),
                url=site_url.rstrip("/") + "/" + page_url(language, checklist_path(article.id)),
            )


def cache_key(document) -> str:
    payload = json.dumps([RENDERER_VERSION, asdict(document)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def render_all(guide: Guide, site_url: str, cache_dir: Path, progress=None) -> dict[str, bytes]:
    """{docs-relative file name: PDF bytes}; renders only what the cache lacks."""
    from .pdf import render_checklist_pdf

    cache_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, bytes] = {}
    used: set[Path] = set()
    rendered = 0
    for article_id, language, document in documents(guide, site_url):
        cached = cache_dir / f"{cache_key(document)}.pdf"
        used.add(cached)
        if cached.exists():
            data = cached.read_bytes()
        else:
            data = render_checklist_pdf(document)
            cached.write_bytes(data)
            rendered += 1
        name = checklist_path(article_id)[: -len(".md")] + f".{language}.pdf"
        results[name] = data
    if progress is not None:
        progress(rendered, len(results))
    for stale in cache_dir.glob("*.pdf"):
        if stale not in used:
            stale.unlink()
    return results
