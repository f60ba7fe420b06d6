"""Past one machine: languages built apart (a CI matrix) and assembled make the same site as one build."""

from __future__ import annotations

import filecmp
from pathlib import Path

from typer.testing import CliRunner

from conftest import LANGUAGES, PUBLIC_URL, copy_project, run_mkdocs_build
from netguide.cli import app


def _tree(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _assemble(project: Path, *args: str):
    return CliRunner().invoke(app, ["--root", str(project), "assemble", *args])


def test_two_parts_assembled_are_byte_for_byte_one_full_build(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": "1700000000", "NETGUIDE_PARALLEL": "false"}
    full = run_mkdocs_build(project, tmp_path / "full", env)
    assert full.returncode == 0, full.stderr
    # Two parts from mkdocs.yml's languages (the default and every other one after it, then the rest):
    # a language `netguide add-language` adds is in one of them.
    parts = {"part-1": ",".join(LANGUAGES[::2]), "part-2": ",".join(LANGUAGES[1::2])}
    for name, languages in parts.items():
        part = run_mkdocs_build(project, tmp_path / name, {**env, "NETGUIDE_LANGUAGES": languages})
        assert part.returncode == 0, part.stderr
        assert sorted(p.name for p in (tmp_path / name).iterdir() if p.name in languages.split(",")) == sorted(
            languages.split(",")
        )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", env["SOURCE_DATE_EPOCH"])  # every CI job has the commit's date
    monkeypatch.setenv("SITE_URL", PUBLIC_URL)  # and the public address the parts were built for
    result = _assemble(project, str(tmp_path / "part-1"), str(tmp_path / "part-2"), "-o", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert f"Assembled {', '.join(LANGUAGES)}" in result.output
    full_tree, assembled = _tree(tmp_path / "full"), _tree(tmp_path / "site")
    assert sorted(full_tree) == sorted(assembled)
    assert [name for name in full_tree if full_tree[name] != assembled[name]] == []
    assert not filecmp.dircmp(tmp_path / "full", tmp_path / "site").diff_files


def test_assemble_says_what_is_missing_or_doubled(tmp_path):
    project = copy_project(tmp_path / "project")
    one = LANGUAGES[-1]  # any language but the default
    part = run_mkdocs_build(project, tmp_path / one, {"NETGUIDE_LANGUAGES": one})
    assert part.returncode == 0, part.stderr
    missing = _assemble(project, str(tmp_path / one), "-o", str(tmp_path / "site"))
    assert missing.exit_code == 1
    assert f"no part has the language(s) {', '.join(code for code in LANGUAGES if code != one)}" in missing.output
    doubled = _assemble(project, str(tmp_path / one), str(tmp_path / one), "-o", str(tmp_path / "site"))
    assert doubled.exit_code == 1 and f"language '{one}' is in both" in doubled.output
    (tmp_path / "empty").mkdir()
    not_a_part = _assemble(project, str(tmp_path / "empty"), "-o", str(tmp_path / "site"))
    assert not_a_part.exit_code == 1 and "not a part build" in not_a_part.output
    assert not (tmp_path / "site").exists(), "nothing is written when assembling fails"
