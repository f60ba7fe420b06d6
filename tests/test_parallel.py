"""Languages built in helper processes: how they are shared out and started."""

from __future__ import annotations

import os
import pickle
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT
from netguide.content.loader import load_guide
from netguide.pipeline import parallel
from netguide.translate.languages import default_language

#: A fixed example list for the exact splits below, not the site's (LANGUAGES: it may grow); fa is right to left.
EXAMPLE = ["en", "es", "fr", "ja", "fa"]


def test_main_process_keeps_the_default_language_and_helpers_get_two_or_more():
    assert parallel.plan(EXAMPLE, "en", 2) == (["en", "es"], [["fr", "ja", "fa"]])
    assert parallel.plan(EXAMPLE, "en", 1) == (EXAMPLE, [])
    assert parallel.plan(EXAMPLE, "en", 4) == (["en"], [["es", "ja"], ["fr", "fa"]])
    assert parallel.plan(["en", "ja"], "en", 8) == (["en", "ja"], [])  # one language is not worth a process


def test_main_process_keeps_the_languages_with_slow_pdfs():
    """It renders their PDFs while the helpers build; the helpers' own PDFs are quick to make first."""
    assert parallel.plan(EXAMPLE, "en", 2, frozenset({"fa"})) == (["en", "fa"], [["es", "fr", "ja"]])
    assert parallel.plan(EXAMPLE, "en", 8, frozenset({"fa"})) == (["en", "fa"], [["es", "fr", "ja"]])
    assert parallel.plan(["en", "ja", "fa"], "en", 8, frozenset({"fa"})) == (["en", "ja", "fa"], [])


@pytest.mark.parametrize("extra", [0, 1, 2, 7])
@pytest.mark.parametrize("cores", [1, 2, 4, 8])
def test_any_number_of_languages_is_shared_out_once_each(extra, cores):
    """The site's languages and more: each is built exactly once, the default here, every helper two or more."""
    languages = [*LANGUAGES, *(f"x{index}" for index in range(extra))]
    default = default_language(ROOT)
    ours, helpers = parallel.plan(languages, default, cores)
    assert sorted([*ours, *(code for helper in helpers for code in helper)]) == sorted(languages)
    assert default in ours and len(helpers) < cores and all(len(helper) >= 2 for helper in helpers)


def test_right_to_left_languages_come_from_the_locale_files(tmp_path: Path):
    (tmp_path / "en.yml").write_text("language: en\ndirection: ltr\n", encoding="utf-8")
    (tmp_path / "ar.yml").write_text("language: ar\ndirection: rtl  # right to left\n", encoding="utf-8")
    (tmp_path / "de.yml").write_text("direction: [unclosed\n", encoding="utf-8")  # reported by the loader
    assert parallel.right_to_left_languages(tmp_path, ["en", "ar", "de", "tl"]) == {"ar"}


def _wait_in_child(release_file: Path, report: Path, parent_code: str) -> subprocess.Popen:
    """A helper-like process waiting for release, started from a parent running `parent_code`."""
    child = (
        "from netguide.pipeline import parallel\n"
        "try:\n"
        "    parallel.wait_for_release(poll=0.01)\n"
        f"    open({str(report)!r}, 'w').write('released')\n"
        "except RuntimeError as error:\n"
        f"    open({str(report)!r}, 'w').write(str(error))\n"
    )
    parent = (
        "import os, subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', {child!r}], "
        f"env={{**os.environ, {parallel.RELEASE_ENV!r}: {str(release_file)!r}, "
        f"{parallel.PARENT_ENV!r}: str(os.getpid())}})\n" + parent_code
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


def test_a_helper_takes_the_guide_the_main_process_loaded(tmp_path):
    """The main process hands its validated guide over; the helper reads it after its release, equal to it."""
    guide = load_guide(ROOT / "content", ROOT / "locales")
    child = (
        "import sys\n"
        "from netguide.pipeline import parallel\n"
        "parallel.wait_for_release(poll=0.01)\n"
        "guide = parallel.received_guide()\n"
        "print(parallel.handed_over(), ','.join(article.id for article in guide.articles), flush=True)\n"
    )
    helper = parallel.start([sys.executable, "-c", child], ["de"], tmp_path / "site")
    try:
        parallel.hand_over(helper, guide)
        parallel.release(helper)
        assert helper.process.wait(timeout=60) == 0
        handed, ids = helper.log.read_text(encoding="utf-8").split()
        assert handed == "True" and ids == ",".join(article.id for article in guide.articles)
        assert pickle.loads(helper.guide_file.read_bytes()) == guide
    finally:
        parallel.stop(helper)


def test_warnings_are_read_from_a_helpers_log():
    log = (
        "INFO    -  Building\nWARNING -  Doc file 'guide/x.it.md' contains a link 'y.md', but the target is not found.\n"
        "  (continued)\nINFO    -  done\nWARNING -  another\n"
    )
    assert parallel.warnings_in(log) == [
        "Doc file 'guide/x.it.md' contains a link 'y.md', but the target is not found.\n  (continued)",
        "another",
    ]


def _helper_processes(project: Path) -> list[int]:
    """PIDs of helper `mkdocs build` processes started for `project` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if any(item.startswith(parallel.HELPER_ENV.encode() + b"=") for item in environ) and cwd == str(project):
            found.append(int(entry.name))
    return found


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} within {seconds} s")


@pytest.mark.build
def test_a_killed_build_leaves_no_helper_running(tmp_path):
    """Killed from outside (a CI timeout), the main process takes its helpers with it."""
    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "NETGUIDE_PARALLEL": "true",
            "NETGUIDE_LANGUAGE_CACHE": "false",
            "NETGUIDE_CACHE_DIR": str(tmp_path / "cache"),
        },
    )
    try:
        helpers = _wait_for(lambda: _helper_processes(project), 60, "no helper process started")
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
        _wait_for(
            lambda: not any(Path(f"/proc/{pid}").exists() and _state(pid) != "Z" for pid in helpers),
            10,
            f"helpers {helpers} still running after the main process was killed",
        )
    finally:
        build.kill()


def _state(pid: int) -> str:
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return "Z"


@pytest.mark.build
def test_warnings_of_languages_built_in_helpers_reach_the_main_log(tmp_path):
    from conftest import copy_project, run_mkdocs_build

    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.it.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[rotto](non-esiste.md)\n", encoding="utf-8")
    result = run_mkdocs_build(
        project, tmp_path / "site", env={"NETGUIDE_PARALLEL": "true", "NETGUIDE_LANGUAGE_CACHE": "false"}
    )
    assert result.returncode == 0, result.stderr
    assert "in parallel" in result.stderr, "this test needs a machine with two cores or more"
    assert re.search(r"WARNING.*\[[a-z, ]*it[a-z, ]*\].*non-esiste\.md", result.stderr), result.stderr


@pytest.mark.build
def test_a_broken_anchor_in_a_helpers_language_fails_the_build_as_in_one_process(tmp_path):
    """Helpers build some languages; what fails the build in one process fails it, with the same errors, with helpers."""
    from conftest import copy_project, run_mkdocs_build

    project = copy_project(tmp_path / "project")
    article = project / "content" / "articles" / "peer-networking" / "it.yml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("body: |\n", "body: |\n  Vedi [sotto](#non-esiste).\n\n", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(article.read_text(encoding="utf-8").splitlines(), 1) if "#non-esiste" in row)
    errors = {}
    for mode in ("true", "false"):
        site = tmp_path / f"site-{mode}"
        result = run_mkdocs_build(project, site, env={"NETGUIDE_PARALLEL": mode, "NETGUIDE_LANGUAGE_CACHE": "false"})
        output = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in output, output
        assert not (site / "index.html").exists()
        assert not [p for p in tmp_path.iterdir() if ".part-" in p.name or "building" in p.name], "helpers' leftovers"
        errors[mode] = sorted(re.findall(r"(?m)^content/\S+: error: .*$", output))
        if mode == "true":
            assert re.search(r"here and [a-z, ;]*\bit\b[a-z, ;]* in parallel", output), (
                "this test needs a machine with two cores or more (it must be a helper's language)\n" + output
            )
    assert (
        f"content/articles/peer-networking/it.yml:{line}: error: link to '#non-esiste': this page has no anchor "
        "'#non-esiste'" in errors["false"]
    ), errors
    assert errors["true"] == errors["false"]


@pytest.mark.build
def test_a_link_warning_raised_in_a_helper_fails_the_build_as_in_one_process(tmp_path):
    """MkDocs only warns about a link it cannot resolve; one in an article body fails the build, in a helper too.

    `netguide check` counts the PDF checklists as files of the site; a build without them (`pdf: false`)
    cannot resolve a body's link to one: MkDocs warns while it renders the page, in whichever process
    renders it, and the build fails naming the content file and line.
    """
    from conftest import copy_project, run_mkdocs_build

    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - netguide:\n", "  - netguide:\n      pdf: false\n", 1),
        encoding="utf-8",
    )
    source = project / "content" / "articles" / "networking-myths" / "de.yml"  # the original: no translation differs
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "body: |\n", "body: |\n  Die [Checkliste als PDF](checklists/networking-myths.pdf).\n\n", 1
        ),
        encoding="utf-8",
    )
    line = next(
        n for n, row in enumerate(source.read_text(encoding="utf-8").splitlines(), 1) if "Checkliste als PDF" in row
    )
    expected = (
        f"content/articles/networking-myths/de.yml:{line}: error: link to 'checklists/networking-myths.pdf' "
        "leads nowhere on the built de page"
    )
    errors = {}
    for mode in ("true", "false"):
        result = run_mkdocs_build(
            project, tmp_path / f"site-{mode}", env={"NETGUIDE_PARALLEL": mode, "NETGUIDE_LANGUAGE_CACHE": "false"}
        )
        output = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in output, output
        errors[mode] = sorted(set(re.findall(r"(?m)^content/\S+: error: .*$", output)))
        if mode == "true":
            assert re.search(r"here and [a-z, ;]*\bde\b[a-z, ;]* in parallel", output), (
                "this test needs a machine with two cores or more (de must be a helper's language)\n" + output
            )
            assert re.search(r"building [a-z, ]*\bde\b[a-z, ]* in a parallel process failed", output), output
        assert not [p for p in tmp_path.iterdir() if ".part-" in p.name or "building" in p.name], "leftovers"
    assert [e for e in errors["false"] if e.startswith(expected)], errors
    assert errors["true"] == errors["false"]
