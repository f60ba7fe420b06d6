"""Build languages in parallel processes within one `mkdocs build`.

mkdocs-static-i18n builds one language after another in one process. Like
FastAPI's docs script, we give some languages to helper processes: each runs
the same `mkdocs build` with NETGUIDE_BUILD_LANGUAGES naming its languages,
into a folder of its own, and the main process moves their language folders
into its site before the site is swapped in. Every process still loads the
whole guide, so links, switchers and alternates are the same as in a
sequential build (a test compares both byte for byte).

Helpers start first thing, so their start-up (Python, MkDocs, the theme,
loading the guide) overlaps the main process loading and generating; each
then waits for the main process to :func:`release` it before it reads the
generated pages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HELPER_ENV = "NETGUIDE_BUILD_LANGUAGES"
RELEASE_ENV = "NETGUIDE_RELEASE_FILE"
PAGES_FILE = ".netguide-pages.json"


def assigned_languages() -> list[str] | None:
    """The languages this process builds when it is a helper, else None."""
    value = os.environ.get(HELPER_ENV)
    return value.split(",") if value else None


def plan(languages: list[str], default: str, cores: int) -> tuple[list[str], list[list[str]]]:
    """Split languages between this process and helpers: (ours, [helper's, …]).

    This process also generates pages and PDFs, so it keeps the default
    language and the first share of the others; each helper builds at least
    two languages, or it would not pay for its start-up.
    """
    others = [language for language in languages if language != default]
    helpers = min(cores - 1, len(others) // 2)
    if helpers < 1:
        return languages, []
    shares = [others[index::helpers + 1] for index in range(helpers + 1)]
    return [default, *shares[0]], shares[1:]


@dataclass
class Helper:
    languages: list[str]
    folder: Path
    process: subprocess.Popen

    @property
    def site(self) -> Path:
        return self.folder / "site"

    @property
    def log(self) -> Path:
        return self.folder / "build.log"

    @property
    def release_file(self) -> Path:
        return self.folder / "released"


def start(config_file: str, languages: list[str], near: Path) -> Helper:
    folder = Path(tempfile.mkdtemp(prefix=f".{near.name}.part-", dir=near.parent))
    with open(folder / "build.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--config-file", config_file, "--site-dir", str(folder / "site")],
            stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, HELPER_ENV: ",".join(languages), RELEASE_ENV: str(folder / "released")},
        )
    return Helper(languages, folder, process)


def release(helper: Helper) -> None:
    """Tell a helper the generated pages are in place: it may build."""
    helper.release_file.touch()


def wait_for_release(poll: float = 0.05) -> None:
    """In a helper: wait until the main process has generated the pages.

    Gives up if the main process is gone (it stops its helpers on any error,
    but not if it is killed).
    """
    release_file = os.environ.get(RELEASE_ENV)
    if not release_file:
        return
    parent = os.getppid()
    while not os.path.exists(release_file):
        if os.getppid() != parent:
            raise RuntimeError("the main build process is gone")
        time.sleep(poll)


def finish(helper: Helper, site: Path) -> dict[str, dict[str, str]]:
    """Wait for a helper, move its languages into `site`; returns its page URLs."""
    if helper.process.wait() != 0:
        output = helper.log.read_text(encoding="utf-8", errors="replace")
        stop(helper)
        raise RuntimeError(f"building {', '.join(helper.languages)} in a parallel process failed:\n{output[-4000:]}")
    for language in helper.languages:
        target = site / language
        if target.exists():
            shutil.rmtree(target)
        os.replace(helper.site / language, target)
    pages = json.loads((helper.site / PAGES_FILE).read_text(encoding="utf-8"))
    stop(helper)
    return pages


def stop(helper: Helper) -> None:
    if helper.process.poll() is None:
        helper.process.kill()
        helper.process.wait()
    shutil.rmtree(helper.folder, ignore_errors=True)


def write_pages(site: Path, pages: dict[str, dict[str, str]]) -> None:
    (site / PAGES_FILE).write_text(json.dumps(pages, sort_keys=True), encoding="utf-8")
