"""Write the generated pages and PDF checklists into docs/guide/.

Only files whose bytes change are written (so `mkdocs serve` does not loop),
and files no longer generated are removed. In a parallel build the helpers'
PDFs are written next, and ``release_helpers`` is called as soon as they are
there. This process's own languages' PDFs go on being drawn while
the engine renders pages (:mod:`.pending_pdfs`): each is written just before
the engine copies its language's files.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from ..content.model import Guide
from ..files import sync_tree
from ..log import plugin_logger
from ..site import pages
from ..site.source_links import SourceLinks
from ..site.urls import GENERATED_ROOT
from .pending_pdfs import PendingPdfs

log = plugin_logger(__name__)


def generate(
    guide: Guide,
    docs_dir: Path,
    site_url: str,
    cache_dir: Path,
    pdf: bool,
    helper_languages: Collection[str],
    release_helpers: Callable[[], None],
    links: SourceLinks | None = None,
    order: Sequence[str] = (),
) -> PendingPdfs | None:
    """Write every page of `guide` under ``docs_dir/guide`` and, if `pdf`, start its PDFs (returned: see
    :mod:`.pending_pdfs`); `links`: to GitHub, if any; `order`: the languages in the order they are built."""
    started = time.perf_counter()
    target = docs_dir / GENERATED_ROOT
    prefix = GENERATED_ROOT + "/"

    def relative(files: dict[str, bytes]) -> dict[str, bytes]:
        return {name[len(prefix) :]: data for name, data in files.items()}

    generated = relative({name: text.encode("utf-8") for name, text in pages.all_pages(guide, links).items()})
    pdfs = PendingPdfs.start(guide, site_url, cache_dir, docs_dir, helper_languages, order) if pdf else None
    later = [name[len(prefix) :] for name in pdfs.names] if pdfs else []
    written = sync_tree(target, generated, keep=later)
    if helper_languages:
        for language in helper_languages if pdfs else ():
            pdfs.wait(language)  # written into docs/ now: the helpers copy them once released
        release_helpers()
    # The time of the pages alone (the PDFs' is in their own line): what "ours s" of the benchmark adds up.
    seconds = time.perf_counter() - started - (pdfs.waited if pdfs else 0.0)
    log.info(f"Generated {len(generated) + len(later)} files into {target} ({written} changed, {seconds:.2f} s)")
    return pdfs
