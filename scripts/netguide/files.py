"""File writing every stage shares: atomic writes, folder syncs, the site swap.

A generated file is rewritten only when its bytes change, so the file
watcher of `mkdocs serve` does not loop, and files that are no longer
generated are removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Collection
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` so that no reader, and no other build sharing the folder, sees it half-written.

    The temporary file has a unique name (two builds may share a cache) that
    starts with a dot (MkDocs ignores it in docs/).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    write_atomically(path, data)
    return True


def _targets(root: Path, files: dict[str, bytes]) -> dict[Path, bytes]:
    """{absolute path: bytes} of `files` under the resolved `root`; ValueError for a path that leaves it.

    A path leaves `root` through '..' or through a symbolic link on the way: each
    folder is resolved once, and a file that is itself a link counts as leaving.
    """
    folders: dict[Path, Path] = {}
    targets = {}
    for relative, data in files.items():
        target = root / relative
        parent = folders.get(target.parent)
        if parent is None:
            parent = folders[target.parent] = target.parent.resolve()
        resolved = parent / target.name
        if (
            not resolved.is_relative_to(root)
            or target.name in ("", ".", "..")
            or (resolved.is_symlink() and not resolved.resolve().is_relative_to(root))
        ):
            raise ValueError(f"refusing to write outside {root}: {relative}")
        targets[resolved] = data
    return targets


def write_tree(root: Path, files: dict[str, bytes]) -> int:
    """Write `files` ({relative path: bytes}) under `root`, the changed ones only; returns how many."""
    return sum(write_if_changed(target, data) for target, data in _targets(root.resolve(), files).items())


def sync_tree(root: Path, files: dict[str, bytes], keep: Collection[str] = ()) -> int:
    """Make `root` hold exactly `files` ({relative path: bytes}) and `keep`; returns how many were written.

    A file named in `keep` is left as it is, or written empty if it is not
    there yet: its bytes come later (:mod:`netguide.pipeline.pending_pdfs`).
    """
    root = root.resolve()
    targets = _targets(root, files)
    written = sum(write_if_changed(target, data) for target, data in targets.items())
    kept = _targets(root, dict.fromkeys(keep, b""))
    for target in kept:
        if target not in targets and not target.exists():
            write_atomically(target, b"")
            written += 1
    for existing in sorted(root.rglob("*"), reverse=True) if root.exists() else []:
        if existing.is_file() and existing not in targets and existing not in kept:
            existing.unlink()
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return written


_deleting: threading.Thread | None = None  # the old folder a swap deletes in the background


def swap_directory(new: Path, final: Path, delete_in_background: bool = False) -> None:
    """Replace `final` by `new` with two renames, so a reader never sees a half-built folder.

    The old folder is deleted then; with `delete_in_background`, by a thread
    (at 1000 articles, tens of thousands of files: seconds), which the next
    swap, and the end of the process, wait for.
    """
    global _deleting
    wait_for_deletion()
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(new, final)
    if old.exists():
        if delete_in_background:
            _deleting = threading.Thread(
                target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, name=f"deleting {old.name}"
            )
            _deleting.start()
        else:
            shutil.rmtree(old, ignore_errors=True)


def wait_for_deletion() -> None:
    """Wait until the old folder the last swap deletes in the background is gone."""
    global _deleting
    if _deleting is not None:
        _deleting.join()
        _deleting = None
