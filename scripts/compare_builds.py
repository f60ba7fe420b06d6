#!/usr/bin/env python3
"""Build the site at two git revisions and compare the two trees byte for byte.

    python3 scripts/compare_builds.py                  # HEAD against the working tree
    python3 scripts/compare_builds.py 65d0b8d HEAD     # two commits

A restructuring must not change the output: this is how we show it. Each
revision is checked out into a temporary worktree and built with `mkdocs
build` (PDFs included, from an empty cache) with the same SOURCE_DATE_EPOCH,
so the only differences left are real ones. Run it with the project's
virtual environment (`.venv/bin/python scripts/compare_builds.py`, after
`python3 scripts/dev.py setup`). Exit status 0 when identical, 1 if not.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def checkout(revision: str, into: Path) -> Path:
    """A copy of the project at `revision` ("WORKTREE": the files as they are now)."""
    if revision == "WORKTREE":

        def skip(folder: str, names: list[str]) -> set[str]:
            top = {".git", ".venv", ".cache", "site"} if Path(folder) == ROOT else set()
            return {name for name in names if name in top or name == "__pycache__"}

        shutil.copytree(ROOT, into, ignore=skip)
    else:
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--force", str(into), revision],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return into


# Imported by every Python process of a build (helpers too): the plugin entry
# point comes from that revision's pyproject.toml, not from the installed package.
SITECUSTOMIZE = """
import importlib.metadata, os, tomllib
import mkdocs.plugins

_points = tomllib.load(open(os.environ["NETGUIDE_COMPARE_PYPROJECT"], "rb"))["project"]["entry-points"]["mkdocs.plugins"]
_installed = mkdocs.plugins.get_plugins


def _get_plugins():
    found = dict(_installed())
    for name, value in _points.items():
        found[name] = importlib.metadata.EntryPoint(name, value, "mkdocs.plugins")
    return found


mkdocs.plugins.get_plugins = _get_plugins
"""


def build(project: Path, site: Path, parallel: bool) -> None:
    shim = project.parent / f"{project.name}-shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": "1700000000",
        "NO_MKDOCS_2_WARNING": "1",
        "NETGUIDE_CACHE_DIR": str(project / ".cache" / "compare"),
        "NETGUIDE_PARALLEL": "true" if parallel else "false",
        # The package of *that* revision, not the installed one.
        "PYTHONPATH": os.pathsep.join([str(shim), str(project / "scripts")]),
        "NETGUIDE_COMPARE_PYPROJECT": str(project / "pyproject.toml"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"building {project} failed:\n{result.stderr[-3000:]}")


def differences(left: Path, right: Path) -> list[str]:
    found = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"only in first: {prefix}{name}" for name in comparison.left_only)
        found.extend(f"only in second: {prefix}{name}" for name in comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found.extend(f"differs: {prefix}{name}" for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", nargs="?", default="HEAD")
    parser.add_argument("second", nargs="?", default="WORKTREE")
    parser.add_argument("--sequential", action="store_true", help="build each in one process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netguide-compare-") as temporary:
        base = Path(temporary)
        sites = []
        for index, revision in enumerate((args.first, args.second)):
            project = checkout(revision, base / f"project-{index}")
            site = base / f"site-{index}"
            print(f"building {revision} …", flush=True)
            build(project, site, parallel=not args.sequential)
            sites.append(site)
        found = differences(*sites)
        files = sum(1 for path in sites[0].rglob("*") if path.is_file())
    subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True)
    if found:
        print("\n".join(found[:200]))
        print(f"{len(found)} differences")
        sys.exit(1)
    print(f"identical: {files} files, byte for byte ({args.first} and {args.second})")


if __name__ == "__main__":
    main()
