"""Under `mkdocs serve`: what reading a file gave, kept in memory while the file is unchanged.

Every serve rebuild (and every preview) validates the whole guide again, and
most of that time goes into reading each file: checking that it is a plain
file inside the project, decoding it, looking for control characters, taking
its parse from :mod:`.text_memo`. A file whose identity and stamps are the
same as when it was last read (device, inode, size, modification and change
time, taken without following a link; the same project folder) holds the
same text, so its parse is given again without reading it. Only a file that
was read without any problem or warning is kept, so every refusal is found
again on every load, and each load gets its own copy of the data. A file
changed less than :data:`SETTLED_NS` ago is not kept: a file system stamps
times in coarse ticks, so a second save within the same tick, of the same
size, would leave every stamp as it was (git's "racily clean" files).

Only a long-running process of one writer turns this on (GuideSource, under
serve). `mkdocs build` and `netguide check`, which a pull request's files go
through, read every file every time.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

#: How long after its last change a file is kept (nanoseconds).
SETTLED_NS = 2_000_000_000

#: {path: (stamps, text, the parse as JSON)}; None while off.
_kept: dict[str, tuple[tuple, str, str]] | None = None


def keep_unchanged_files(on: bool = True) -> None:
    global _kept
    if on and _kept is None:
        _kept = {}
    elif not on:
        _kept = None


def _stamps(path: Path, root: Path) -> tuple | None:
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns, str(root))


def recall(path: Path, root: Path) -> tuple[str, Any, list] | None:
    """(text, data, lines as [[location], line] pairs) of unchanged `path`, or None: read it."""
    if _kept is None:
        return None
    kept = _kept.get(str(path))
    if kept is None or kept[0] != _stamps(path, root):
        return None
    parsed = json.loads(kept[2])
    return kept[1], parsed["data"], parsed["lines"]


def keep(path: Path, root: Path, text: str, data: Any, lines: list) -> None:
    """Remember what reading `path` gave (it had no problem); a value JSON cannot hold is not kept."""
    if _kept is None:
        return
    stamps = _stamps(path, root)
    if stamps is None or time.time_ns() - max(stamps[3], stamps[4]) < SETTLED_NS:
        return
    try:
        encoded = json.dumps({"data": data, "lines": lines}, ensure_ascii=False)
        if json.loads(encoded) != {"data": data, "lines": lines}:
            return
    except (TypeError, ValueError):
        return
    _kept[str(path)] = (stamps, text, encoded)
