"""Produce the PDF of every checklist in every language, cached by content.

The cache key is a hash of everything that goes into a PDF (texts, URL,
the renderer's source and fonts), so an unchanged checklist is never
rendered again and a changed one always is.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import multiprocessing
import os
import tempfile
from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

from .. import cache_keys
from ..content.model import Guide
from ..content.problems import Problems
from ..files import write_atomically
from ..processes import die_with_parent
from ..site.urls import checklist_path, page_url, pdf_path
from .document import ChecklistDocument
from .typefaces import missing_characters, missing_font

#: Renderers, template, fonts and their libraries (netguide.cache_keys): any change invalidates the cache.
RENDERER_VERSION = cache_keys.version("pdf")
#: Batches this big render with fonts cut to their characters first.
CUT_FONTS_FROM = 30


def documents(guide: Guide, site_url: str):
    """Yield (article id, language, ChecklistDocument) for every checklist page."""
    for language in guide.languages:
        locale = guide.locales[language]
        for article in guide.articles:
            version = article.versions.get(language) or article.source
            text_locale = guide.locales[version.language]
            yield (
                article.id,
                language,
                ChecklistDocument(
                    language=version.language,
                    direction=text_locale.direction,
                    guide_name=locale.t("site_name"),
                    title=version.title,
                    heading=text_locale.t("checklist"),
                    items=tuple(version.checklist[i] for i in article.checklist_ids),
                    notes_label=text_locale.t("notes"),
                    url_label=text_locale.t("pdf_online_at"),
                    url=site_url.rstrip("/") + "/" + page_url(language, checklist_path(article.id)),
                ),
            )


def unprintable(guide: Guide) -> Problems:
    """Warnings for checklist texts with characters the PDF fonts lack (they would print as boxes)."""
    problems = Problems()
    no_font = {code: gap for code in guide.languages if code in guide.locales and (gap := missing_font(code))}
    for gap in no_font.values():  # once per language, with the font to add
        problems.warn(guide.locales[gap.language].path, None, gap.message(), gap.hint())
    for article in guide.articles:
        for version in article.versions.values():
            if version.language in no_font:
                continue
            text = version.title + "".join(version.checklist.values())
            missing = missing_characters(text, version.language)
            if missing:
                shown = ", ".join(f"'{char}' (U+{ord(char):04X})" for char in missing)
                problems.warn(
                    version.path,
                    _line_of(version.path, missing[0]),
                    f"the PDF checklist cannot show {shown}",
                    "use another character, or add a font that has it (scripts/netguide/pdf/fonts/README.md)",
                )
    return problems


def _line_of(path: Path, char: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if char in line:
            return number
    return None


def cache_key(document) -> str:
    payload = json.dumps([RENDERER_VERSION, asdict(document)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def wanted_pdfs(guide: Guide, site_url: str, cache_dir: Path) -> dict[str, tuple[str, Path, ChecklistDocument]]:
    """{docs-relative file name: (language, its file in the cache, its document)} of every checklist PDF."""
    return {
        pdf_path(article_id)[: -len(".pdf")] + f".{language}.pdf": (
            language,
            cache_dir / f"{cache_key(document)}.pdf",
            document,
        )
        for article_id, language, document in documents(guide, site_url)
    }


def render_all(
    guide: Guide,
    site_url: str,
    cache_dir: Path,
    progress=None,
    first: Collection[str] = (),
    order: Sequence[str] = (),
    beside: bool = False,
    wanted: dict[str, tuple[str, Path, ChecklistDocument]] | None = None,
) -> dict[str, Path]:
    """{docs-relative file name: its PDF in the cache}; renders only what the cache lacks, on every core.

    Each PDF goes into the cache as soon as it is rendered, so an interrupted
    build keeps what it did. ``progress(done, to_render, total)`` is called
    after each rendered PDF, and once at the end (also when nothing needed
    rendering). The PDFs of the `first` languages are rendered first, then
    the others language by language in `order` (the order the languages are
    built in; others last). `beside`: while this process renders pages (see
    :func:`_render_many`). `wanted`: :func:`wanted_pdfs` of the same guide,
    address and cache, when the caller has it already.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    wanted = wanted if wanted is not None else wanted_pdfs(guide, site_url, cache_dir)
    rank = {language: index for index, language in enumerate(order)}
    missing: dict[Path, tuple[tuple[bool, int], object]] = {}
    for language, cached, document in wanted.values():
        if not cached.exists():
            turn = (language not in first, rank.get(language, len(rank)))
            missing[cached] = (min(turn, missing.get(cached, (turn,))[0]), document)
    queue = sorted(missing, key=lambda path: missing[path][0])  # stable: the first languages' first
    done = 0
    rendered = _render_many([missing[path][1] for path in queue], beside)
    # Closed at once on an exception too (a traceback would keep it, and its pool, running).
    with contextlib.closing(rendered):
        for cached, data in zip(queue, rendered, strict=False):
            write_atomically(cached, data)
            done += 1
            if progress is not None and done < len(missing):
                progress(done, len(missing), len(wanted))
    if progress is not None:
        progress(done, len(missing), len(wanted))
    used = {path for _, path, _ in wanted.values()}
    for stale in cache_dir.glob("*.pdf"):
        if stale not in used:
            stale.unlink()
    return {name: path for name, (_, path, _) in wanted.items()}


def _pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes started afresh ("spawn"), never forked.

    A process that has used Typst has its Rust runtime's threads; a forked
    copy of it has the locks but not the threads, and hangs on the next
    compile (``mkdocs serve`` renders small batches in-process, then forks).
    """
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )  # none outlives a killed build


def _render_many(documents: list, beside: bool = False):
    """Yield each document's PDF, in order; in worker processes when there is enough work to share out.

    `beside`: this process renders pages meanwhile, so one core is left to it, and even a single
    worker is a process of its own (drawing in this one would take turns with the pages).

    From ``CUT_FONTS_FROM`` right-to-left documents on, their fonts are first
    cut down to those documents' characters (:mod:`netguide.pdf.font_cut`): that
    costs about a second once and saves a third of every fpdf2 render, with
    the same bytes out. (Typst, for left-to-right ones, needs no such help.)
    """
    if not documents:
        return  # all cached: no need to import fpdf2
    from . import render_checklist_pdf

    cores = os.cpu_count() or 1
    workers = min(max(1, cores - 1) if beside else cores, len(documents) // 4)
    with (
        tempfile.TemporaryDirectory(prefix="netguide-fonts-") as folder,
        _pool(workers) if workers > 1 or (beside and workers) else contextlib.nullcontext() as pool,
    ):
        parallel_map = pool.map if pool else map
        render = render_checklist_pdf
        right_to_left = [document for document in documents if document.direction == "rtl"]
        if len(right_to_left) >= CUT_FONTS_FROM:
            from .font_cut import cut_fonts

            render = functools.partial(render_checklist_pdf, fonts=cut_fonts(right_to_left, Path(folder), parallel_map))
        if pool:
            # Closing this generator early closes map's iterator, which cancels the work not started.
            yield from pool.map(render, documents, chunksize=4)
        else:
            yield from map(render, documents)
