"""A cold load's text facts, computed half in a second process while this one computes the other half.

Loading the guide is mostly parsing texts (YAML, Markdown, the schemas, each
translation against its source), and what that gives is :mod:`.text_memo`'s
text facts: a warm load finds them all and is several times faster. A cold
one (an empty cache, a fresh clone) computes them in one process while the
second core waits. :func:`prefill` shares the article folders whose files
the memo does not know between this process, which takes them from the
front, and a worker process, which takes them from the back (so neither
waits for the other, however slowly the worker starts). Both run the same
code (the caller's `learn`) and drop the problems it finds; the worker hands
back what its memo learnt, as JSON, and this memo takes that in where it
knows nothing.

The load that follows runs as ever: it finds the facts of clean texts in
the memo and checks everything else itself (only clean results are facts),
so every problem is found by the load, with its file, line and words; only
the articles this process loaded without any problem it takes as they are
(:func:`netguide.content.validation.folder_facts`) instead of loading them
a second time. A
worker that fails, or hands back anything but facts, changes nothing: the
load computes its folders. It is started afresh ("spawn": a process that
used Typst hangs after a fork, see :mod:`netguide.pdf.checklists`), dies
with this process, and is stopped when :func:`prefill` returns, however it
returns (Ctrl-C, an error).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import stat
from collections.abc import Callable
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from ..processes import die_with_parent
from . import text_memo
from .folders import language_files, meta_file
from .yamlfile import MAX_FILE_BYTES

#: The fewest article files unknown to the memo for which a worker starts. A worker costs
#: the other core half a second to a second before it takes a folder (a fresh Python
#: importing PyYAML, Markdown, markdown-it and jsonschema), what 40 to 70 files take to
#: load cold; from about this many on, sharing them out saves clearly more than that.
#: A warm build, a one-edit build or a serve rebuild stays far below it.
MIN_UNKNOWN_FILES = 150
#: How long to wait for the worker's facts once no folder is left to take (seconds): it is
#: then finishing its last folder. Past this the worker is stopped and the load computes its folders.
WAIT_LIMIT = 60.0

_HASH = re.compile(r"[0-9a-f]{64}")


def cold_folders(folders: list[Path]) -> list[Path]:
    """The `folders` with a file (article.yml or a language file) whose text the memo does not know, when at
    least :data:`MIN_UNKNOWN_FILES` files are unknown; otherwise none. It stops looking as soon as fewer
    could be left: a warm load looks at three quarters of the files, a small guide at none."""
    files = {folder: [meta_file(folder), *language_files(folder)] for folder in folders}
    total = sum(map(len, files.values()))
    known, cold = 0, []
    for folder, paths in files.items():
        if total - known < MIN_UNKNOWN_FILES:
            return []
        held = sum(text_memo.holds("yaml", _glance(path)) for path in paths)
        known += held
        if held < len(paths):
            cold.append(folder)
    return cold if total - known >= MIN_UNKNOWN_FILES else []


def _glance(path: Path) -> str:
    """The text of plain file `path`, or "" (unreadable). A quick look, so that a warm load does not pay for it:
    never through a link, never past the size limit, no other check (the load does them all, and a text this
    misjudges is only learnt for nothing)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return ""
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_FILE_BYTES:
            return ""
        return os.read(handle, found.st_size).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    finally:
        os.close(handle)


def prefill(
    folders: list[Path], learn: Callable[[Path], None], learn_here: Callable[[Path], None] | None = None
) -> int:
    """Teach the memo the facts of the article `folders` that it does not know, half of
    them learnt by a worker process; returns how many folders the worker's facts came from.

    `learn(folder)` computes the facts of a folder's files in the worker (so it must pickle: a module's
    function, or a partial of one); this process runs `learn_here` (default: `learn`), which may also keep
    what it loaded. Nothing starts below :data:`MIN_UNKNOWN_FILES`.
    """
    if multiprocessing.current_process().daemon or _cores() < 2:
        return 0  # a daemonic process may start no other; with one core a second process only costs
    here = learn_here or learn
    work = cold_folders(folders)
    if not work:
        return 0
    context = multiprocessing.get_context("spawn")
    # [the first folder nobody took, the end of those nobody took]: this process takes the first, the worker
    # the last, each under the lock, until none is left.
    bounds = context.Array("i", [0, len(work)])
    receiving, sending = context.Pipe(duplex=False)
    worker = context.Process(
        target=_work,
        args=(sending, [str(folder) for folder in work], learn, bounds, os.getpid()),
        name="netguide-text-facts",
        daemon=True,
    )
    try:
        worker.start()
    except OSError:
        receiving.close()
        return 0  # no process to be had: the load computes everything, as it would anyway
    finally:
        sending.close()
    try:
        try:
            while (index := _take(bounds, front=True)) is not None:
                here(work[index])  # what it looks up is what the load looks up: kept for the next build
        except Exception:  # a failure of the code, not of the content: the load meets it where it always did
            return 0
        sent = _receive(receiving, worker)
    finally:
        receiving.close()
        if worker.is_alive():
            worker.terminate()
        worker.join()
    if sent is None or sent[0] != len(work) - bounds[1]:  # (once it has sent, it takes no more)
        return 0
    text_memo.learn(sent[1])
    return sent[0]


def _cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def _take(bounds: Any, front: bool) -> int | None:
    """The index of a folder nobody took (the first or the last), now taken; None when none is left."""
    with bounds.get_lock():
        first, end = bounds[0], bounds[1]
        if first >= end:
            return None
        if front:
            bounds[0] = first + 1
            return first
        bounds[1] = end - 1
        return end - 1


def _receive(receiving: Any, worker: Any) -> tuple[int, dict[str, dict[str, Any]]] | None:
    """How many folders the worker took and the facts it learnt from them, or None: it failed, or sent
    anything else."""
    if not wait([receiving, worker.sentinel], timeout=WAIT_LIMIT) or not receiving.poll():
        return None
    try:
        sent = json.loads(receiving.recv_bytes().decode("utf-8"))
    except (EOFError, OSError, ValueError):
        return None
    if not isinstance(sent, dict) or type(sent.get("taken")) is not int or not isinstance(sent.get("known"), dict):
        return None
    for values in sent["known"].values():
        if not isinstance(values, dict) or not all(_HASH.fullmatch(key) for key in values):
            return None
    return sent["taken"], sent["known"]


def _work(sending: Any, folders: list[str], learn: Callable[[Path], None], bounds: Any, parent: int) -> None:
    """The worker: learn the facts of folders from the back until none is left, then send what the memo holds."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the load, which stops this
    taken = 0
    try:
        while (index := _take(bounds, front=False)) is not None:
            taken += 1
            learn(Path(folders[index]))
        sending.send_bytes(json.dumps({"taken": taken, "known": text_memo.learnt()}).encode("utf-8"))
    except Exception:  # the load computes these folders itself, and meets the same error if it is one
        pass
    finally:
        sending.close()
