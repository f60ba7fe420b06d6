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
generated pages. The main process releases them as soon as their pages and
PDFs are in place, and renders its own languages' PDFs (the slow, right-to-
left ones: see :func:`plan`) while they build.
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

import yaml

HELPER_ENV = "NETGUIDE_BUILD_LANGUAGES"
RELEASE_ENV = "NETGUIDE_RELEASE_FILE"
PAGES_FILE = ".netguide-pages.json"


def assigned_languages() -> list[str] | None:
    """The languages this process builds when it is a helper, else None."""
    value = os.environ.get(HELPER_ENV)
    return value.split(",") if value else None


def plan(languages: list[str], default: str, cores: int,
         keep_here: frozenset[str] = frozenset()) -> tuple[list[str], list[list[str]]]:
    """Split languages between this process and helpers: (ours, [helper's, …]).

    This process also generates pages and PDFs and puts the site together, so
    it keeps the default language, the languages in `keep_here` (those whose
    PDFs are slow to render: it renders them while the helpers build) and no
    more than its share of the rest. Each helper builds at least two
    languages, or it would not pay for its start-up.
    """
    ours = [default, *(language for language in languages if language in keep_here and language != default)]
    others = [language for language in languages if language not in ours]
    helpers = min(cores - 1, len(others) // 2)
    if helpers < 1:
        return languages, []
    share = len(languages) // (helpers + 1)
    while len(ours) < share and len(others) > 2 * helpers:
        ours.append(others.pop(0))
    return [language for language in languages if language in ours], [others[index::helpers] for index in range(helpers)]


def right_to_left_languages(locales_dir: Path, languages: list[str]) -> frozenset[str]:
    """The languages whose locale file says ``direction: rtl``, read before the guide loads.

    For planning only: a file that cannot be read counts as left to right
    (loading the guide reports what is wrong with it).
    """
    found = set()
    for language in languages:
        try:
            strings = yaml.safe_load((locales_dir / f"{language}.yml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(strings, dict) and strings.get("direction") == "rtl":
            found.add(language)
    return frozenset(found)


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
