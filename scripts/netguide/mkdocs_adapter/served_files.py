"""What `mkdocs serve` serves: a digest of every file, to tell which files a rebuild changed.

After a preview has shown the edited pages (:mod:`.preview`), the rebuild
that follows writes the whole site again; the server reloads only the open
tabs whose page (or a style sheet or script every page loads) it changed,
and none at all when the rebuild made what the preview already showed.

Files taken from the language cache are hard links of the cached copies, so
a file whose stamp (:func:`netguide.cache_keys.file_stamp`) is unchanged keeps
its digest without being read again: a rebuild reads only what it wrote. A
scan gives way to a new save (see :meth:`ServedFiles.scan`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ..cache_keys import Stamp, file_stamp

#: Files every page loads: a change to one of them reloads every open tab. (The offline worker, sw.js,
#: is not among them: pages never register it under serve.)
LOADED_BY_EVERY_PAGE = frozenset(
    {".css", ".js", ".mjs", ".woff", ".woff2", ".ttf", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico"}
)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def loaded_by_every_page(relative: str) -> bool:
    path = PurePosixPath(relative)
    return path.suffix.lower() in LOADED_BY_EVERY_PAGE and path.name != "sw.js"


class ServedFiles:
    """{path relative to the served folder: digest} of the files as the open tabs last saw them."""

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}
        self._by_stat: dict[Stamp, str] = {}

    def scan(self, root: Path, stop: Callable[[], bool] = lambda: False) -> tuple[set[str], bool]:
        """Compare every file under `root` with its digest; returns (the paths that changed, came or went,
        and whether the scan went through every file).

        At 1000 articles a rebuild writes hundreds of megabytes: when `stop()`
        says so (a new save came in), the scan ends early with what it found
        so far, and the next one starts over (the files it compared are known
        by their stamps then, and not read again).
        """
        changed: set[str] = set()
        seen: set[str] = set()
        by_stat: dict[Stamp, str] = {}
        for top, dirs, names in os.walk(root):
            dirs.sort()
            for name in sorted(names):
                if stop():
                    self._by_stat.update(by_stat)
                    return changed, False
                path = os.path.join(top, name)
                try:
                    key = file_stamp(path, hard_links_alike=True)  # a language restored from the cache
                    known = None if key is None else self._by_stat.get(key) or by_stat.get(key)
                    if known is None:
                        with open(path, "rb") as handle:
                            known = digest(handle.read())
                except OSError:  # gone since the folder was listed
                    continue
                if key is not None:
                    by_stat[key] = known
                relative = os.path.relpath(path, root).replace(os.sep, "/")
                seen.add(relative)
                if self.digests.get(relative) != known:
                    self.digests[relative] = known
                    changed.add(relative)
        for gone in self.digests.keys() - seen:
            del self.digests[gone]
            changed.add(gone)
        self._by_stat = by_stat
        return changed, True

    def wrote(self, relative: str, data: bytes) -> None:
        """`relative` now holds `data` (a preview wrote it)."""
        self.digests[relative] = digest(data)
