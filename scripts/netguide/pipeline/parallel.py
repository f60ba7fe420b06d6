"""Build languages in parallel processes within one `mkdocs build`.

mkdocs-static-i18n builds one language after another in one process. Like
FastAPI's docs script, we give some languages to helper processes: each runs
the same `mkdocs build` with NETGUIDE_BUILD_LANGUAGES naming its languages,
into a folder of its own, and the main process moves their language folders
into its site before the site is swapped in. Every process renders from the
same guide: the main process loads and validates it once and hands it to
each helper (:func:`hand_over`: a pickle in the helper's own folder, which
only the main process writes), so links, switchers and alternates are the
same as in a sequential build (a test compares both byte for byte) and the
guide is not validated once per process.

Helpers start first thing, so their start-up (Python, MkDocs, the theme)
overlaps the main process loading and generating; each then waits for the
main process to :func:`release` it before it reads the guide and the
generated pages. The main process releases them as soon as their pages and
PDFs are in place, and renders its own languages' PDFs (the slow, right-to-
left ones: see :func:`plan`) while they build.

:class:`ParallelBuild` is the one object the plugin talks to; the functions
below it are its parts (and are tested one by one).
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..content.model import Guide
from ..content.problems import Problems
from ..content.yamlfile import load_yaml
from ..files import write_atomically
from ..processes import die_with_parent
from ..site.assemble import PAGES_FILE

HELPER_ENV = "NETGUIDE_BUILD_LANGUAGES"
#: Set by a person or CI (not by us): build only these languages, as one part
#: of a site that ``netguide assemble`` puts together (see :mod:`netguide.site.assemble`).
PART_ENV = "NETGUIDE_LANGUAGES"
RELEASE_ENV = "NETGUIDE_RELEASE_FILE"
#: Where a helper finds the guide the main process loaded (see :func:`hand_over`).
GUIDE_ENV = "NETGUIDE_GUIDE_FILE"
#: The main process's PID, given to each helper: a helper that started (or
#: imported slowly) after its parent died would otherwise see init as its
#: parent and never notice.
PARENT_ENV = "NETGUIDE_PARENT_PID"


def _parent_pid() -> int:
    value = os.environ.get(PARENT_ENV, "")
    return int(value) if value.isdigit() else os.getppid()


def assigned_languages() -> list[str] | None:
    """The languages this process builds when it is a helper, else None."""
    value = os.environ.get(HELPER_ENV)
    return value.split(",") if value else None


def part_languages() -> list[str] | None:
    """The languages of a part build (``NETGUIDE_LANGUAGES=de,it mkdocs build``), else None."""
    value = os.environ.get(PART_ENV, "").strip()
    return [code.strip() for code in value.split(",") if code.strip()] if value else None


def plan(
    languages: list[str], default: str, cores: int, keep_here: frozenset[str] = frozenset()
) -> tuple[list[str], list[list[str]]]:
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
    return [language for language in languages if language in ours], [
        others[index::helpers] for index in range(helpers)
    ]


def right_to_left_languages(locales_dir: Path, languages: list[str]) -> frozenset[str]:
    """The languages whose locale file says ``direction: rtl``, read before the guide loads.

    For planning only, read as strictly as the loader reads (no symbolic
    links, size limit, no aliases): a file that cannot be read counts as left
    to right, and loading the guide reports what is wrong with it.
    """
    found = set()
    for language in languages:
        document = load_yaml(locales_dir / f"{language}.yml", Problems(), root=locales_dir.parent)
        if document is not None and isinstance(document.data, dict) and document.data.get("direction") == "rtl":
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

    @property
    def guide_file(self) -> Path:
        return self.folder / "guide.pickle"


_watching = False


def watch_parent(poll: float = 0.5) -> None:
    """In a helper: end this process within `poll` seconds of the main build process ending.

    A second line of defence besides :func:`netguide.processes.die_with_parent` (Linux only):
    a helper never builds on, orphaned, after its build is gone.
    """
    global _watching
    if _watching:
        return
    _watching = True
    parent = _parent_pid()

    def watch() -> None:
        while True:
            time.sleep(poll)
            if os.getppid() != parent:
                os._exit(3)

    threading.Thread(target=watch, name="netguide-watch-parent", daemon=True).start()


def start(command: list[str], languages: list[str], near: Path) -> Helper:
    """Start `command` (the engine's build, to which ``--site-dir FOLDER`` is added) for `languages`."""
    folder = Path(tempfile.mkdtemp(prefix=f".{near.name}.part-", dir=near.parent))
    with open(folder / "build.log", "wb") as log:
        process = subprocess.Popen(
            [*command, "--site-dir", str(folder / "site")],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=die_with_parent if sys.platform.startswith("linux") else None,
            env={
                **os.environ,
                HELPER_ENV: ",".join(languages),
                RELEASE_ENV: str(folder / "released"),
                GUIDE_ENV: str(folder / "guide.pickle"),
                PARENT_ENV: str(os.getpid()),
                "NO_COLOR": "1",
            },
        )
    return Helper(languages, folder, process)


def warnings_in(log: str) -> list[str]:
    """The warnings in a helper's build log (MkDocs' ``WARNING -  …`` lines and their indented continuations)."""
    found: list[str] = []
    in_warning = False
    for line in log.splitlines():
        if line.startswith("WARNING"):
            found.append(line.partition(" -  ")[2].strip() or line)
            in_warning = True
        elif in_warning and line.startswith(" ") and line.strip():
            found[-1] += "\n" + line.rstrip()
        else:
            in_warning = False
    return found


def hand_over(helper: Helper, guide: Guide) -> None:
    """Give a helper the loaded and validated guide (before :func:`release`): it does not load it again.

    A pickle, since only this process writes it, into the folder it made for
    the helper (:func:`tempfile.mkdtemp`: private to this user).
    """
    write_atomically(helper.guide_file, pickle.dumps(guide, protocol=pickle.HIGHEST_PROTOCOL))


def handed_over() -> bool:
    """In a helper: whether the main process hands it the guide (it then need not load one)."""
    return bool(os.environ.get(GUIDE_ENV))


def received_guide() -> Guide:
    """In a helper, after :func:`wait_for_release`: the guide the main process handed over."""
    return pickle.loads(Path(os.environ[GUIDE_ENV]).read_bytes())


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
    parent = _parent_pid()
    while not os.path.exists(release_file):
        if os.getppid() != parent:
            raise RuntimeError("the main build process is gone")
        time.sleep(poll)


def finish(helper: Helper, site: Path, warn=None) -> dict[str, dict[str, str]]:
    """Wait for a helper, move its languages into `site`; returns its page URLs.

    The helper's warnings are passed on to ``warn`` (the main process's log,
    where MkDocs counts them, so ``strict`` fails the build as it would in one
    process).
    """
    code = helper.process.wait()
    output = helper.log.read_text(encoding="utf-8", errors="replace")
    for warning in warnings_in(output) if warn else []:
        warn(f"[{', '.join(helper.languages)}] {warning}")
    if code != 0:
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


class ParallelBuild:
    """The main process's side of a parallel build: its helpers, from start to collection.

    One instance per ``mkdocs build``: :meth:`start` before the guide is
    loaded, :meth:`hand_over` once it is, :meth:`release` when the helpers' pages and PDFs are written,
    :meth:`collect` at the end,
    :meth:`stop` on any failure. In a helper process it only answers
    :meth:`owns`.
    """

    def __init__(self) -> None:
        assigned = assigned_languages()
        self.is_helper = assigned is not None
        if self.is_helper:
            watch_parent()
        part = part_languages() if not self.is_helper else None
        #: A part build: its languages only, put together with other parts by ``netguide assemble``.
        self.is_part = part is not None
        #: This process puts the whole site together (not a helper, not a part build).
        self.finishes_site = not self.is_helper and not self.is_part
        #: The languages this process renders; None: all of them.
        self.build_only: set[str] | None = set(assigned or part or []) if (assigned or part) else None
        self.helpers: list[Helper] = []

    def owns(self, language: str) -> bool:
        """Whether this process renders `language`."""
        return self.build_only is None or language in self.build_only

    @property
    def helper_languages(self) -> set[str]:
        return {language for helper in self.helpers for language in helper.languages}

    def start(
        self, command: list[str], languages: list[str], default: str, site_dir: Path, keep_here: frozenset[str]
    ) -> str | None:
        """Start one helper per spare core (if that pays); returns a line for the log, or None."""
        ours, shares = plan(languages, default, os.cpu_count() or 1, keep_here=keep_here)
        if not shares:
            return None
        self.build_only = set(ours)
        self.helpers = [start(command, share, site_dir) for share in shares]
        return (
            f"Building {', '.join(ours)} here and " + "; ".join(", ".join(share) for share in shares) + " in parallel"
        )

    def hand_over(self, guide: Guide) -> None:
        """Give every helper the guide this process loaded (before :meth:`release`)."""
        for helper in self.helpers:
            hand_over(helper, guide)

    def release(self) -> None:
        """The helpers' pages and PDFs are in place: let them build (again: no harm)."""
        for helper in self.helpers:
            release(helper)

    def collect(self, site: Path, warn=None) -> dict[str, dict[str, str]]:
        """Wait for every helper and move its languages into `site`; returns their page URLs.

        Their warnings go to ``warn`` (see :func:`finish`).
        """
        urls: dict[str, dict[str, str]] = {}
        helpers, self.helpers = self.helpers, []
        for index, helper in enumerate(helpers):
            try:
                for source, by_language in finish(helper, site, warn).items():
                    urls.setdefault(source, {}).update(by_language)
            except RuntimeError:
                for other in helpers[index + 1 :]:
                    stop(other)
                raise
        return urls

    def stop(self) -> None:
        for helper in self.helpers:
            stop(helper)
        self.helpers = []
