"""Dates in the output (the sitemap's lastmod) are those of the last commit, not of today."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def pin_build_date(root: Path) -> None:
    """Set SOURCE_DATE_EPOCH, which MkDocs honours, to the last commit's time.

    With it, two builds of the same commit are byte-identical. An explicitly
    set value wins.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    try:
        stamp = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return
    if stamp.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = stamp
