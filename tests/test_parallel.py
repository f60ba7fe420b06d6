"""Languages built in helper processes: how they are shared out and started."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from netguide.build import parallel


LANGUAGES = ["en", "tl", "it", "de", "ar"]


def test_main_process_keeps_the_default_language_and_helpers_get_two_or_more():
    assert parallel.plan(LANGUAGES, "en", 2) == (["en", "tl"], [["it", "de", "ar"]])
    assert parallel.plan(LANGUAGES, "en", 1) == (LANGUAGES, [])
    assert parallel.plan(LANGUAGES, "en", 4) == (["en"], [["tl", "de"], ["it", "ar"]])
    assert parallel.plan(["en", "de"], "en", 8) == (["en", "de"], [])  # one language is not worth a process


def test_main_process_keeps_the_languages_with_slow_pdfs():
    """It renders their PDFs while the helpers build; the helpers' own PDFs are quick to make first."""
    assert parallel.plan(LANGUAGES, "en", 2, frozenset({"ar"})) == (["en", "ar"], [["tl", "it", "de"]])
    assert parallel.plan(LANGUAGES, "en", 8, frozenset({"ar"})) == (["en", "ar"], [["tl", "it", "de"]])
    assert parallel.plan(["en", "de", "ar"], "en", 8, frozenset({"ar"})) == (["en", "de", "ar"], [])


def test_right_to_left_languages_come_from_the_locale_files(tmp_path: Path):
    (tmp_path / "en.yml").write_text("language: en\ndirection: ltr\n", encoding="utf-8")
    (tmp_path / "ar.yml").write_text("language: ar\ndirection: rtl  # right to left\n", encoding="utf-8")
    (tmp_path / "de.yml").write_text("direction: [unclosed\n", encoding="utf-8")  # reported by the loader
    assert parallel.right_to_left_languages(tmp_path, ["en", "ar", "de", "tl"]) == {"ar"}


def _wait_in_child(release_file: Path, report: Path, parent_code: str) -> subprocess.Popen:
    """A helper-like process waiting for release, started from a parent running `parent_code`."""
    child = (
        "from netguide.build import parallel\n"
        "try:\n"
        "    parallel.wait_for_release(poll=0.01)\n"
        f"    open({str(report)!r}, 'w').write('released')\n"
        "except RuntimeError as error:\n"
        f"    open({str(report)!r}, 'w').write(str(error))\n"
    )
    parent = (
        "import os, subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', {child!r}], "
        f"env={{**os.environ, {parallel.RELEASE_ENV!r}: {str(release_file)!r}}})\n"
        + parent_code
    )
    return subprocess.Popen([sys.executable, "-c", parent], env={"PYTHONPATH": ":".join(sys.path)})


def _read_when_written(report: Path, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if report.exists() and report.read_text():
            return report.read_text()
        time.sleep(0.05)
    raise AssertionError(f"{report} was not written within {seconds} s")


def test_a_helper_waits_until_it_is_released(tmp_path):
    release_file, report = tmp_path / "released", tmp_path / "report"
    parent = _wait_in_child(release_file, report, "import time\ntime.sleep(60)\n")
    try:
        time.sleep(0.5)
        assert not report.exists()  # still waiting
        release_file.touch()
        assert _read_when_written(report) == "released"
    finally:
        parent.kill()


def test_a_helper_gives_up_when_the_main_process_is_gone(tmp_path):
    release_file, report = tmp_path / "released", tmp_path / "report"
    parent = _wait_in_child(release_file, report, "import time\ntime.sleep(0.3)\n")  # then exits, never releasing
    parent.wait(timeout=30)
    assert _read_when_written(report) == "the main build process is gone"
