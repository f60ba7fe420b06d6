"""Running `mkdocs serve` in a test: a free port, waiting for what the server shows, starting and stopping it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: Seconds a first build under serve may take on a loaded 2-core machine.
FIRST_BUILD = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError as error:  # server not up yet
            last_error = error
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what} ({last_error})")


_REBUILT = re.compile(
    r"Reloading browsers \(rebuild|The rebuild changed nothing that is served|An error happened during the rebuild"
)


@dataclass
class Served:
    project: Path
    base: str  # http://127.0.0.1:PORT
    log: Path
    temp: Path  # the server's TMPDIR: MkDocs serves from one mkdocs_* folder in it

    def rebuilds(self) -> int:
        """How many rebuilds have ended: with what they changed in the served folder
        (mkdocs_adapter/preview_server.py says so after each), or with an error.

        Not MkDocs' "Documentation built in …": its logger drops a line equal to the one before,
        so two rebuilds that take as long log it once."""
        return len(re.findall(_REBUILT, self.log.read_text(encoding="utf-8")))

    def folder(self) -> Path:
        """The folder MkDocs serves the site from.

        Not the `mkdocs_*.old` beside it: the site a serve rebuild replaced, which
        `files.swap_directory` deletes in the background."""
        (folder,) = [path for path in self.temp.iterdir() if path.name.startswith("mkdocs_") and path.suffix != ".old"]
        return folder


@contextmanager
def serving(project: Path, port: int, log: Path, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`mkdocs serve` of `project` on `port`, once its first build is served; stopped afterwards."""
    temp = log.with_name(log.stem + "-tmp")
    temp.mkdir(parents=True)
    out = open(log, "w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=out,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp), **(env or {})},
    )
    served = Served(project, f"http://127.0.0.1:{port}", log, temp)
    try:
        wait_for(lambda: "Serving on" in log.read_text(encoding="utf-8"), FIRST_BUILD, "the first build")
        yield served
    finally:
        process.terminate()
        process.wait(timeout=30)
        out.close()
