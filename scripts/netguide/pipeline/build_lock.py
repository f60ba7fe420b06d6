"""One build of a project at a time, and an output folder that can take a site.

Every build of a project writes the same generated pages (``docs/guide/``),
the same caches and, usually, the same output folder. Two at once (an
editor's build on save beside one in a terminal, `mkdocs serve` beside
`mkdocs build`) would delete each other's files half-way. So a build holds a
lock on the project's ``docs/`` folder from its start to its swap, and a
second build waits for it (saying so) rather than racing it. The lock is the
kernel's (``flock``): it goes with the process, however that ends, so a
killed build never leaves it taken.

:func:`prepare_output` refuses, in one line, an output folder that cannot
take a site (it is a file, a folder above it is a file, no permission) and
removes what builds killed half-way left beside it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not serialised there
    fcntl = None

#: How long a build waits for another one before it gives up (seconds; NETGUIDE_LOCK_WAIT).
WAIT = float(os.environ.get("NETGUIDE_LOCK_WAIT", "900") or 900)


class BuildBusy(Exception):
    """Another build held the project past the wait."""


class BuildLock:
    """The lock on one project's ``docs/`` folder (held or not)."""

    def __init__(self) -> None:
        self._handle: int | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, folder: Path, say: Callable[[str], None], wait: float | None = None) -> None:
        """Take the lock on `folder`, waiting for another build up to `wait` seconds; BuildBusy after that."""
        if fcntl is None or self.held:
            return
        wait = WAIT if wait is None else wait
        handle = os.open(folder, os.O_RDONLY)
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._handle = handle
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(handle)
                    raise BuildBusy(
                        f"another build of this project has been running for more than {wait:g} s "
                        f"(it holds {folder}): wait for it to end, or stop it"
                    ) from None
                if not told:
                    say(f"Another build of this project is running (it holds {folder}): waiting for it to end")
                    told = True
                time.sleep(0.1)

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)  # closing the descriptor drops the lock
            self._handle = None


class OutputUnusable(Exception):
    """The output folder cannot take a site: one line saying why."""


def prepare_output(site_dir: Path) -> None:
    """Make sure `site_dir`'s parent exists and takes new folders; remove leftovers of killed builds there."""
    site_dir = Path(os.path.abspath(site_dir))
    if site_dir.exists() and not site_dir.is_dir():
        raise OutputUnusable(
            f"the output folder {site_dir} is a file: remove it, or build into another folder (--site-dir)"
        )
    above = site_dir.parent
    while not above.exists():
        above = above.parent
    if not above.is_dir():
        raise OutputUnusable(
            f"cannot build into {site_dir}: {above} is a file, not a folder; choose another --site-dir"
        )
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputUnusable(f"cannot create {site_dir.parent}: {error.strerror}; choose another --site-dir") from None
    try:  # what the build does there first: a folder of its own beside the site
        os.rmdir(tempfile.mkdtemp(prefix=f".{site_dir.name}.probe-", dir=site_dir.parent))
    except OSError as error:
        raise OutputUnusable(
            f"cannot build into {site_dir}: {error.strerror} in {site_dir.parent}; "
            "choose another --site-dir, or fix the folder's permissions"
        ) from None
    for pattern in (
        f".{site_dir.name}.building-*",
        f".{site_dir.name}.part-*",
        f".{site_dir.name}.probe-*",
        f"{site_dir.name}.old",
    ):
        for leftover in site_dir.parent.glob(pattern):  # only a build killed half-way leaves these
            with contextlib.suppress(OSError):
                shutil.rmtree(leftover) if leftover.is_dir() and not leftover.is_symlink() else leftover.unlink()
