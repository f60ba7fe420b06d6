"""Under `mkdocs serve`: what reading a file gave, kept in memory while the file is unchanged.

Every serve rebuild (and every preview) validates the whole guide again, and
most of that time goes into reading each file: checking that it is a plain
file inside the project, decoding it, looking for control characters, taking
its parse from :mod:`.text_memo`. A file whose identity and stamps are the
same as when it was last read (device, inode, size, modification and change
time, taken without following a link; the same project folder) holds the
same text, so that text is given again without reading the file; its parse
then comes from :mod:`.text_memo`, which holds it already (kept here too,
it was a sixth of what serve held between builds). Only a file that was
read without any problem or warning is kept, so every refusal is found
again on every load. The
stamps are :func:`netguide.cache_keys.file_stamp`'s, so a file changed in
the last two seconds is not kept, nor given again: a second save within
the same tick of the file system's clock, of the same size, changes no stamp.

Only a long-running process of one writer turns this on (GuideSource, under
serve). `mkdocs build` and `netguide check`, which a pull request's files go
through, read every file every time.
"""

from __future__ import annotations

from pathlib import Path

from ..cache_keys import file_stamp

#: {path: (stamps, text)}; None while off.
_kept: dict[str, tuple[tuple, str]] | None = None


def keep_unchanged_files(on: bool = True) -> None:
    global _kept
    if on and _kept is None:
        _kept = {}
    elif not on:
        _kept = None


def _stamps(path: Path, root: Path) -> tuple | None:
    """The file's own stamp (a link is not followed) in this project folder; None: do not keep or give it."""
    try:
        stamp = file_stamp(path, follow_links=False)
    except OSError:
        return None
    return None if stamp is None else (*stamp, str(root))


def recall(path: Path, root: Path) -> str | None:
    """The text of unchanged `path`, as it was read without a problem; None: read it."""
    if _kept is None:
        return None
    kept = _kept.get(str(path))
    stamps = _stamps(path, root)
    if kept is None or stamps is None or kept[0] != stamps:
        return None
    return kept[1]


def keep(path: Path, root: Path, text: str) -> None:
    """Remember the text of `path`, read and parsed with no problem."""
    if _kept is None:
        return
    stamps = _stamps(path, root)
    if stamps is not None:
        _kept[str(path)] = (stamps, text)
