"""Write the generated pages and PDF checklists into docs/guide/.

Only files whose bytes change are written (so `mkdocs serve` does not loop),
and files no longer generated are removed. In a parallel build the helpers'
pages and PDFs are written first and ``release_helpers`` is called as soon as
they are there; this process then renders its own languages' PDFs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from pathlib import Path

from ..content.model import Guide
from ..files import sync_tree, write_tree
from ..log import plugin_logger
from ..site import pages
from ..site.source_links import SourceLinks
from ..site.urls import GENERATED_ROOT

log = plugin_logger(__name__)

#: Seconds between progress lines while PDFs render.
PROGRESS_EVERY = 5.0


def generate(
    guide: Guide,
    docs_dir: Path,
    site_url: str,
    cache_dir: Path,
    pdf: bool,
    helper_languages: Collection[str],
    release_helpers: Callable[[], None],
    links: SourceLinks | None = None,
) -> None:
    """Write every page (and PDF, if `pdf`) of `guide` under ``docs_dir/guide``; `links`: to GitHub, if any."""
    started = time.perf_counter()
    target = docs_dir / GENERATED_ROOT
    prefix = GENERATED_ROOT + "/"

    def relative(files: dict[str, bytes]) -> dict[str, bytes]:
        return {name[len(prefix) :]: data for name, data in files.items()}

    generated = {name: text.encode("utf-8") for name, text in pages.all_pages(guide, links).items()}
    written = 0

    def write_helpers_files(their_pdfs: dict[str, bytes]) -> None:
        nonlocal written
        if helper_languages:
            written += write_tree(target, relative({**generated, **their_pdfs}))
            release_helpers()

    files = dict(generated)
    if pdf:
        files.update(_render_pdfs(guide, site_url, cache_dir, helper_languages, write_helpers_files))
    else:
        write_helpers_files({})
    written += sync_tree(target, relative(files))
    log.info(f"Generated {len(files)} files into {target} ({written} changed, {time.perf_counter() - started:.2f} s)")


def _render_pdfs(
    guide: Guide,
    site_url: str,
    cache_dir: Path,
    first: Collection[str],
    when_first_done: Callable[[dict[str, bytes]], None],
) -> dict[str, bytes]:
    """Every checklist's PDF; the languages in `first` first, then ``when_first_done(their PDFs)``."""
    from ..pdf.checklists import render_all, unprintable

    for warning in unprintable(guide).warnings:
        log.warning(str(warning))
    pdf_started = time.perf_counter()
    last_report = [pdf_started]

    def report(done: int, to_render: int, total: int) -> None:
        now = time.perf_counter()
        if done == to_render:
            log.info(f"PDF checklists: {done} rendered, {total - done} from cache ({now - pdf_started:.2f} s)")
        elif now - last_report[0] >= PROGRESS_EVERY:
            last_report[0] = now
            log.info(f"PDF checklists: {done} of {to_render} rendered ({now - pdf_started:.0f} s) …")

    return render_all(guide, site_url, cache_dir, report, first=set(first), when_first_done=when_first_done)
