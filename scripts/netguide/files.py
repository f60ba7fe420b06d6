"""File writing every stage shares: atomic writes, folder syncs, the site swap.

A generated file is rewritten only when its bytes change, so the file
watcher of `mkdocs serve` does not loop, and files that are no longer
generated are removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
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


def write_tree(root: Path, files: dict[str, bytes]) -> int:
    """Write `files` ({relative path: bytes}) under `root`, the changed ones only; returns how many."""
    root = root.resolve()
    written = 0
    for relative, data in files.items():
        target = (root / relative).resolve()
        if not target.is_relative_to(root):
            raise ValueError(f"refusing to write outside {root}: {relative}")
        written += write_if_changed(target, data)
    return written


def sync_tree(root: Path, files: dict[str, bytes]) -> int:
    """Make `root` hold exactly `files` ({relative path: bytes}); returns how many were written."""
    written = write_tree(root, files)
    root = root.resolve()
    wanted = {(root / r).resolve() for r in files}
    for existing in sorted(root.rglob("*"), reverse=True) if root.exists() else []:
        if existing.is_file() and existing not in wanted:
            existing.unlink()
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return written


def swap_directory(new: Path, final: Path) -> None:
    """Replace `final` by `new` with two renames, so a reader never sees a half-built folder."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(new, final)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
