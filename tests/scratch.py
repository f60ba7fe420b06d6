"""Helpers for tests that edit a scratch copy of the content and read back what the loader says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT
from netguide.content.loader import load_guide
from netguide.content.problems import ContentError


def copy_content(target: Path) -> Path:
    """A scratch copy of content/ and locales/ under `target`; returns `target`."""
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "locales", target / "locales")
    return target


def load(root: Path):
    return load_guide(root / "content", root / "locales", LANGUAGES, "en")


def problems_of(root: Path) -> list[str]:
    """The problems loading the content under `root` reports (it must fail)."""
    with pytest.raises(ContentError) as caught:
        load(root)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` (which must be there) by `new` in `path`, `count` times."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line of `path` that holds `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
