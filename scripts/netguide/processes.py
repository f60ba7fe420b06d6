"""Processes a build starts end with it, however it ends.

A build's helper processes (pipeline/parallel.py) and PDF workers (pdf/checklists.py)
hold its output pipe open: one that outlived a killed build would keep
whatever ran the build (CI, a script) waiting. :func:`die_with_parent`, run
first thing in each of them, asks Linux to kill it when the process that
started it ends, even by SIGKILL. multiprocessing's resource tracker ends by
itself once every process that shares its pipe is gone.
"""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """In a new child process (Linux): be killed when its parent ends; elsewhere nothing (watchdogs remain).

    `parent`: the pid of the process that started this one, for a child that
    asks late (a pool worker, once it has imported its code): if the parent
    ended before it asked, the child ends now.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if parent is not None and os.getppid() != parent:
        os._exit(1)
