"""A build leaves nothing behind, whatever ends it, and never shares its folders with another build.

- SIGKILL of the main `mkdocs build` while it loads, while PDFs render in worker processes and
  while helper processes build: no process of that build is left, nothing holds its output pipe
  open, and the last good site is untouched; the next build cleans up and succeeds.
- Two builds into the same folder at once: the second waits for the first, both succeed, and the
  folder holds one complete site.
- Output folders that cannot take a site: one clear line and a non-zero exit.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import PUBLIC_URL, copy_project, run_mkdocs_build


def _environment(cache: Path) -> dict:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "NO_COLOR": "1",
        "SITE_URL": PUBLIC_URL,
        "NETGUIDE_CACHE_DIR": str(cache),
    }


def _start(project: Path, site: Path, cache: Path) -> subprocess.Popen:
    """`mkdocs build` in a session of its own (so every process it starts can be found), output in one pipe."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=_environment(cache),
        start_new_session=True,
    )


def _session_processes(session: int) -> list[tuple[int, str]]:
    """(pid, command line) of every live process in `session`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z" and int(fields[3]) == session:
                command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found.append((int(entry), command))
        except (OSError, IndexError, ValueError):
            continue
    return found


def _lines(process: subprocess.Popen) -> tuple[queue.Queue, threading.Event]:
    """The build's output lines as they come, and an event set when its pipe reaches end of file."""
    lines: queue.Queue = queue.Queue()
    closed = threading.Event()

    def read():
        for line in iter(process.stdout.readline, b""):
            lines.put(line.decode(errors="replace"))
        closed.set()

    threading.Thread(target=read, daemon=True).start()
    return lines, closed


def _snapshot(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def project_with_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hygiene")
    project = copy_project(root / "project")
    site = root / "site"
    result = run_mkdocs_build(project, site, env={"NETGUIDE_CACHE_DIR": str(root / "cache")})
    assert result.returncode == 0, result.stderr
    return project, site


def _pool_worker(session: int) -> bool:
    return any("multiprocessing" in command for _, command in _session_processes(session))


def _helper(session: int) -> bool:
    return any(".part-" in command for _, command in _session_processes(session))


#: When to kill the main process: a test of what the build is doing then.
MOMENTS = {
    # Helpers have started, the main process is loading and validating the guide.
    "while loading": lambda line, session: "in parallel" in line,
    # The PDF worker pool is up (a fresh cache: every checklist is rendered).
    "while PDFs render": lambda line, session: _pool_worker(session),
    # The pages and PDFs are written: helpers render their languages, the main process its own.
    "while helpers build": lambda line, session: "PDF checklists:" in line and _helper(session),
}


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_build_leaves_no_process_and_the_last_site(project_with_site, tmp_path, moment):
    project, site = project_with_site
    before = _snapshot(site)
    process = _start(project, site, tmp_path / "cache")  # an empty cache: PDFs render, helpers start
    lines, closed = _lines(process)
    seen, deadline = [], time.monotonic() + 120
    when = MOMENTS[moment]
    while time.monotonic() < deadline and process.poll() is None:
        try:
            line = lines.get(timeout=0.005)
        except queue.Empty:
            line = ""
        seen.append(line)
        if when(line, process.pid):
            break
    else:
        pytest.fail(f"the build ended before the moment '{moment}':\n{''.join(seen)}")
    started = [command for _, command in _session_processes(process.pid)]
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert closed.wait(20), (
        f"the build's output pipe is still held open after SIGKILL: {_session_processes(process.pid)}"
    )
    left = _session_processes(process.pid)
    for _ in range(100):  # orphans are killed by the kernel as their parent goes; let it finish
        if not left:
            break
        time.sleep(0.1)
        left = _session_processes(process.pid)
    assert not left, f"processes of the killed build are still running: {left} (it had started {started})"
    assert _snapshot(site) == before, "the last good site was touched"
    again = run_mkdocs_build(project, site, env={"NETGUIDE_CACHE_DIR": str(tmp_path / "cache")})
    assert again.returncode == 0, again.stderr
    assert not [path.name for path in site.parent.iterdir() if ".building-" in path.name or ".part-" in path.name]


def test_two_builds_into_one_folder_take_turns(project_with_site, tmp_path):
    project, site = project_with_site
    expected = sorted(_snapshot(site))
    first = _start(project, site, tmp_path / "cache")
    first_lines, _ = _lines(first)
    while first.poll() is None:  # the first holds the project once it says what it builds where
        line = first_lines.get(timeout=60)
        if "in parallel" in line or "Loaded" in line:
            break
    second = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=_environment(tmp_path / "cache"),
        timeout=600,
    )
    assert first.wait(timeout=600) == 0
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr
    assert "Another build of this project is running" in second.stderr
    assert sorted(_snapshot(site)) == expected, "the folder does not hold one complete site"
    assert not [path.name for path in site.parent.iterdir() if ".building-" in path.name or ".part-" in path.name]


def _below_a_file(tmp_path: Path) -> Path:
    (tmp_path / "plain-file").write_text("not a folder")
    return tmp_path / "plain-file" / "site"


def _a_file(tmp_path: Path) -> Path:
    (tmp_path / "site-file").write_text("not a folder")
    return tmp_path / "site-file"


ODD_OUTPUTS = {
    "a folder above it is a file": (_below_a_file, "is a file, not a folder"),
    "it is a file": (_a_file, "is a file: remove it"),
    "no permission": (lambda tmp_path: Path("/proc/netguide-site"), "cannot"),
}


@pytest.mark.parametrize("kind", ODD_OUTPUTS)
def test_an_output_folder_that_cannot_take_a_site_gives_one_clear_line(project_with_site, tmp_path, kind):
    project, _ = project_with_site
    make, words = ODD_OUTPUTS[kind]
    result = run_mkdocs_build(project, make(tmp_path), env={"NETGUIDE_CACHE_DIR": str(tmp_path / "cache")})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and words in errors[0] and "--site-dir" in errors[0], output


def test_a_missing_parent_is_created(project_with_site, tmp_path):
    project, site = project_with_site
    target = tmp_path / "new" / "deeper" / "site"
    result = run_mkdocs_build(project, target, env={"NETGUIDE_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    assert sorted(_snapshot(target)) == sorted(_snapshot(site))
    shutil.rmtree(tmp_path / "new")
