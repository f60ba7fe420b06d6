"""Every kind of input a build reads reaches the next build through the caches: an edit to each, in
turn, and the build after it (warm: parse memo, PDF, language and page caches all filled) is byte
for byte a cold build of the same files (no cache at all).

The kinds: an article's language file, a locale, a glossary, a JSON Schema, a theme override, our
CSS, a hand-written page, mkdocs.yml and the package's own code (every cache's version comes from
netguide/cache_keys.py, which hashes whole folders of it); and, from the environment, the repository
address that every page links to its file at (REPO_URL, REPO_BRANCH).
"""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, copy_project, run_mkdocs_build
from input_edits import CHANGE_EVERY_LANGUAGE, EDITS, tree


@pytest.mark.parametrize("kind", EDITS)
def test_the_build_after_an_edit_equals_a_cold_build(tmp_path, kind):
    project = copy_project(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": "1700000000", "NETGUIDE_CACHE_DIR": str(tmp_path / "cache")}
    if kind == "the package's own code":
        shutil.copytree(ROOT / "scripts" / "netguide", project / "scripts" / "netguide")
        env["PYTHONPATH"] = str(project / "scripts")
    first = run_mkdocs_build(project, tmp_path / "cached", env)  # fills every cache
    assert first.returncode == 0, first.stderr
    EDITS[kind](project)
    cached = run_mkdocs_build(project, tmp_path / "cached", env)
    assert cached.returncode == 0, cached.stderr
    if kind not in CHANGE_EVERY_LANGUAGE:
        assert "taken from the cache" in cached.stderr, "the second build used no cache: the test would prove nothing"
    shutil.rmtree(project / "docs" / "guide")
    cold = run_mkdocs_build(project, tmp_path / "cold", {**env, "NETGUIDE_CACHE_DIR": str(tmp_path / "none")})
    assert cold.returncode == 0, cold.stderr
    cached_tree, cold_tree = tree(tmp_path / "cached"), tree(tmp_path / "cold")
    assert sorted(cached_tree) == sorted(cold_tree)
    assert [name for name in cold_tree if cached_tree[name] != cold_tree[name]] == [], kind
    if kind == "the package's own code":  # the edited code ran: the test proves something
        assert any(b" (edited)" in data for name, data in cold_tree.items() if name.endswith(".html"))


def test_the_build_after_the_repository_address_changes_equals_a_cold_build(tmp_path):
    """The address comes from the environment, not a file: the caches' setup key holds it (cache_keys.py)."""
    before = {"REPO_URL": "https://github.com/example-owner/guide"}
    after = {"REPO_URL": "https://github.com/another/fork", "REPO_BRANCH": "next"}
    project = copy_project(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": "1700000000", "NETGUIDE_CACHE_DIR": str(tmp_path / "cache")}
    first = run_mkdocs_build(project, tmp_path / "cached", {**env, **before})  # fills every cache
    assert first.returncode == 0, first.stderr
    cached = run_mkdocs_build(project, tmp_path / "cached", {**env, **after})
    assert cached.returncode == 0, cached.stderr
    shutil.rmtree(project / "docs" / "guide")
    cold = run_mkdocs_build(project, tmp_path / "cold", {**env, **after, "NETGUIDE_CACHE_DIR": str(tmp_path / "none")})
    assert cold.returncode == 0, cold.stderr
    cached_tree, cold_tree = tree(tmp_path / "cached"), tree(tmp_path / "cold")
    assert sorted(cached_tree) == sorted(cold_tree)
    assert [name for name in cold_tree if cached_tree[name] != cold_tree[name]] == []
    expected = (after.get("REPO_URL", "") + "/edit/" + after.get("REPO_BRANCH", "main") + "/docs/about.").encode()
    assert any(expected in data for name, data in cold_tree.items() if name.endswith(".html"))  # a hand-written page
