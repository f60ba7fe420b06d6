"""The GitHub Actions workflows: no zizmor findings, pinned actions, deploy only after the tests.

zizmor (a static analyser for GitHub Actions, installed with the `test`
extra) runs offline: CI has no network for it. The other checks read the
workflow files themselves.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
TEST_COMMAND = "python3 scripts/dev.py test"
DEPLOY_ACTION = "actions/deploy-pages"
PINNED = re.compile(r"^[^@\s]+@[0-9a-f]{40}$")
# `uses: owner/repo@<sha> # v1.2.3`: the release the SHA stands for, for readers and updaters.
PINNED_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*([^@\s]+@[0-9a-f]{40})\s+#\s*v\d+(?:\.\d+)*\s*$")
# Status functions that would let a job run although a job it needs has failed.
BYPASSES_NEEDS = re.compile(r"\b(always|failure|cancelled)\s*\(")


def zizmor_binary() -> str:
    """zizmor from the same environment as this Python (the venv), else from PATH."""
    beside = Path(sys.executable).parent / ("zizmor.exe" if sys.platform == "win32" else "zizmor")
    if beside.exists():
        return str(beside)
    found = shutil.which("zizmor")
    if found is None:
        pytest.fail("zizmor is not installed: it is in the `test` extra and requirements.lock")
    return found


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def jobs(path: Path) -> dict[str, dict]:
    return load(path).get("jobs") or {}


def needs_of(job: dict) -> list[str]:
    needs = job.get("needs") or []
    return [needs] if isinstance(needs, str) else list(needs)


def all_uses(workflow: dict) -> list[str]:
    """Every `uses:` in a workflow: steps' actions and jobs' reusable workflows."""
    found = []
    for job in (workflow.get("jobs") or {}).values():
        if "uses" in job:
            found.append(job["uses"])
        found.extend(step["uses"] for step in job.get("steps") or [] if "uses" in step)
    return found


def test_there_are_workflows():
    assert WORKFLOW_FILES, f"no workflow files in {WORKFLOWS}"


def run_zizmor(*options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            zizmor_binary(),
            "--offline",
            "--strict-collection",
            "--no-progress",
            "--color",
            "never",
            *options,
            str(WORKFLOWS),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_zizmor_reports_no_findings():
    result = run_zizmor("--format", "json")
    try:
        findings = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"zizmor failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    if findings:
        # The JSON is for the machine; show the reader zizmor's own report.
        pytest.fail(
            f"zizmor has {len(findings)} finding(s) "
            f"({', '.join(sorted({finding['ident'] for finding in findings}))}):\n" + run_zizmor().stdout
        )
    assert result.returncode == 0, f"zizmor exited with {result.returncode}:\n{result.stderr}"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit(path: Path):
    unpinned = [uses for uses in all_uses(load(path)) if not uses.startswith("./") and not PINNED.match(uses)]
    assert not unpinned, f"{path.name}: pin these to a full 40-character commit SHA: {unpinned}"
    # The same on the text, which also shows the release tag in a comment.
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(r"^\s*(?:-\s+)?uses:", line) and "./" not in line:
            assert PINNED_LINE.match(line), (
                f"{path.name}:{number}: expected `uses: owner/repo@<40-hex SHA> # vX.Y.Z`, got: {line.strip()}"
            )


def test_deploy_runs_only_after_the_tests_pass():
    deploying = [
        (path, name)
        for path in WORKFLOW_FILES
        for name, job in jobs(path).items()
        if any(str(step.get("uses", "")).startswith(DEPLOY_ACTION + "@") for step in job.get("steps") or [])
    ]
    assert deploying, f"no job uses {DEPLOY_ACTION}"
    for path, name in deploying:
        workflow_jobs = jobs(path)
        testing = {
            job_name
            for job_name, job in workflow_jobs.items()
            if any(TEST_COMMAND in str(step.get("run", "")) for step in job.get("steps") or [])
        }
        assert testing, f"{path.name}: no job runs `{TEST_COMMAND}` in the workflow that deploys"
        # Every job the deploy job waits for, directly or through other jobs.
        chain, todo = set(), [name]
        while todo:
            for needed in needs_of(workflow_jobs[todo.pop()]):
                if needed not in chain:
                    chain.add(needed)
                    todo.append(needed)
        assert testing <= chain, f"{path.name}: job {name!r} must need {sorted(testing)}; it needs {sorted(chain)}"
        # A job's `if:` with always()/failure()/cancelled() would run it after a failed test.
        for job_name in {name} | chain:
            condition = str(workflow_jobs[job_name].get("if", ""))
            assert not BYPASSES_NEEDS.search(condition), (
                f"{path.name}: job {job_name!r} has `if: {condition}`, which runs it even when the tests failed"
            )


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_only_the_deploy_job_may_write(path: Path):
    workflow = load(path)
    assert workflow.get("permissions") in ({}, {"contents": "read"}), (
        f"{path.name}: top-level permissions should be `{{}}` or `contents: read`, not {workflow.get('permissions')!r}"
    )
    for name, job in jobs(path).items():
        permissions = job.get("permissions") or {}
        assert isinstance(permissions, dict), f"{path.name}: job {name!r} has permissions {permissions!r}"
        writes = {scope for scope, level in permissions.items() if level == "write"}
        deploys = any(str(step.get("uses", "")).startswith(DEPLOY_ACTION + "@") for step in job.get("steps") or [])
        allowed = {"pages", "id-token"} if deploys else set()
        assert writes <= allowed, f"{path.name}: job {name!r} may not write {sorted(writes - allowed)}"
