"""The PDF checklists, drawn while the engine renders the pages.

Drawing the PDFs takes seconds (most of it the right-to-left ones, in
fpdf2) and needs only the guide, while the engine then renders pages for far
longer on one core. So the PDFs are drawn in worker processes, driven from a
thread, as the build goes on, language by language in the order the
languages are built. Just before the engine copies a language's files, it
asks for that language's PDFs (:meth:`PendingPdfs.wait`): they are written
into docs/guide/ then. Until a PDF is written, its file in docs/guide/ is the
one an earlier build left there, or empty (:attr:`PendingPdfs.names` are the
files to keep or make); nothing reads it before, and the language cache's
keys hash each PDF's cache key (which names the bytes it will hold) instead
of the file (:meth:`PendingPdfs.stand_ins`).

The helper processes' PDFs are drawn first, on every core: this process
waits for them (:meth:`PendingPdfs.wait` for each of their languages) before
it releases the helpers, which copy them as soon as they are released.
Without helpers, the drawing leaves one core to the engine. One drawing at a time per process: a rebuild that
starts while a stopped one's PDFs are still being drawn waits for them (the
two would share, and prune, the same cache).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Sequence
from pathlib import Path

from ..content.model import Guide
from ..files import write_tree
from ..log import plugin_logger

log = plugin_logger(__name__)

#: Seconds between progress lines while PDFs render.
PROGRESS_EVERY = 5.0

_ONE_AT_A_TIME = threading.Lock()


class PendingPdfs:
    """Every checklist PDF of one build: drawn in the background, written into docs/ language by language."""

    def __init__(self, wanted: dict[str, tuple[str, Path, object]], docs_dir: Path) -> None:
        self._wanted = wanted  # {name under docs/: (language, file in the PDF cache, document)}
        self._target = docs_dir
        self._written: set[str] = set()
        self._changed = 0
        #: Seconds this process has waited for PDFs so far (not the engine's time, nor ours).
        self.waited = 0.0
        self._condition = threading.Condition()
        self._finished = False
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    @classmethod
    def start(
        cls,
        guide: Guide,
        site_url: str,
        cache_dir: Path,
        docs_dir: Path,
        first: Collection[str],
        order: Sequence[str],
    ) -> PendingPdfs:
        """Start drawing every PDF the cache lacks: the `first` languages' first, then the others in `order`."""
        from ..pdf.checklists import unprintable, wanted_pdfs

        for warning in unprintable(guide).warnings:
            log.warning(str(warning))
        pending = cls(wanted_pdfs(guide, site_url, cache_dir), docs_dir)
        pending._thread = threading.Thread(
            target=pending._draw, args=(guide, site_url, cache_dir, set(first), list(order)), daemon=True
        )
        pending._thread.start()
        return pending

    def _draw(self, guide: Guide, site_url: str, cache_dir: Path, first: set[str], order: list[str]) -> None:
        from ..pdf.checklists import render_all

        started = last_report = time.perf_counter()

        def report(done: int, to_render: int, total: int) -> None:
            nonlocal last_report
            now = time.perf_counter()
            if done == to_render:
                log.info(f"PDF checklists: {done} rendered, {total - done} from cache ({now - started:.2f} s)")
            elif now - last_report >= PROGRESS_EVERY:
                last_report = now
                log.info(f"PDF checklists: {done} of {to_render} rendered ({now - started:.0f} s) …")
            with self._condition:
                self._condition.notify_all()

        try:
            with _ONE_AT_A_TIME:
                render_all(
                    guide,
                    site_url,
                    cache_dir,
                    report,
                    first=first,
                    order=order,
                    beside=not first,  # with helpers waiting, on every core
                    wanted=self._wanted,
                )
        except BaseException as error:  # given to the build at its next wait
            self._error = error
        finally:
            with self._condition:
                self._finished = True
                self._condition.notify_all()

    def _until(self, ready) -> None:
        with self._condition:
            self._condition.wait_for(lambda: ready() or self._finished)
        if self._error is not None:
            raise self._error
        if not ready():
            raise RuntimeError("the PDF checklists stopped before they were all drawn")

    @property
    def names(self) -> list[str]:
        """The docs paths of every PDF: files docs/ keeps (or holds empty) until each is written."""
        return list(self._wanted)

    def stand_ins(self) -> dict[str, bytes]:
        """{docs path of a PDF: what names its bytes}, to hash instead of a file that may not be written yet."""
        return {name: cached.name.encode() for name, (_, cached, _) in self._wanted.items()}

    def wait(self, language: str) -> None:
        """Write `language`'s PDFs into docs/, once they are drawn."""
        names = [name for name, (code, _, _) in self._wanted.items() if code == language and name not in self._written]
        waiting = time.perf_counter()
        self._until(lambda: all(self._wanted[name][1].exists() for name in names))
        self.waited += time.perf_counter() - waiting
        self._changed += write_tree(self._target, {name: self._wanted[name][1].read_bytes() for name in names})
        self._written.update(names)

    def finish(self) -> int:
        """Write every PDF not written yet (all are drawn then); returns how many files changed."""
        for language in dict.fromkeys(code for code, _, _ in self._wanted.values()):
            self.wait(language)
        if self._thread is not None:
            self._thread.join()
        return self._changed
