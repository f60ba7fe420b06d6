"""What `mkdocs serve` serves: a digest of every file, to tell which files a rebuild changed.

After a preview has shown the edited pages (:mod:`.preview`), the rebuild
that follows writes the whole site again; the server reloads only the open
tabs whose page (or a style sheet or script every page loads) it changed,
and none at all when the rebuild made what the preview already showed.

Files taken from the language cache are hard links of the cached copies, so
a file whose device, inode, size and modification time are unchanged keeps
its digest without being read again: a rebuild reads only what it wrote.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath

#: Files every page loads: a change to one of them reloads every open tab. (The offline worker, sw.js,
#: is not among them: pages never register it under serve.)
LOADED_BY_EVERY_PAGE = frozenset({".css", ".js", ".mjs", ".woff", ".woff2", ".ttf", ".svg", ".png", ".jpg",
                                  ".jpeg", ".gif", ".webp", ".ico"})


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def loaded_by_every_page(relative: str) -> bool:
    path = PurePosixPath(relative)
    return path.suffix.lower() in LOADED_BY_EVERY_PAGE and path.name != "sw.js"


class ServedFiles:
    """{path relative to the served folder: digest} of the files served, updated after each write."""

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}
        self._by_stat: dict[tuple[int, int, int, int], str] = {}

    def scan(self, root: Path) -> set[str]:
        """Read the digests of every file under `root` anew; returns the paths that changed (or came or went)."""
        found: dict[str, str] = {}
        by_stat: dict[tuple[int, int, int, int], str] = {}
        for top, dirs, names in os.walk(root):
            dirs.sort()
            for name in names:
                path = os.path.join(top, name)
                try:
                    stat = os.stat(path)
                    key = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
                    known = self._by_stat.get(key)
                    if known is None:
                        with open(path, "rb") as handle:
                            known = digest(handle.read())
                except OSError:  # gone since the folder was listed
                    continue
                by_stat[key] = known
                found[os.path.relpath(path, root).replace(os.sep, "/")] = known
        changed = {path for path in found.keys() | self.digests.keys() if found.get(path) != self.digests.get(path)}
        self.digests, self._by_stat = found, by_stat
        return changed

    def wrote(self, relative: str, data: bytes) -> None:
        """`relative` now holds `data` (a preview wrote it)."""
        self.digests[relative] = digest(data)
