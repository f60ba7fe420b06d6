"""Every kind of input a build reads reaches the next build through the caches: an edit to each, in
turn, and the build after it (warm: parse memo, PDF, language and page caches all filled) is byte
for byte a cold build of the same files (no cache at all).

The kinds: an article's language file, a locale, a glossary, a JSON Schema, a theme override, our
CSS, a hand-written page, mkdocs.yml and the package's own code (every cache's version comes from
netguide/cache_keys.py, which hashes whole folders of it); and, from the environment, the repository
address that every page links to its file at (REPO_URL, REPO_BRANCH).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_mkdocs_build


def _tree(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _sub(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert new != text, (path, pattern)
    path.write_text(new, encoding="utf-8")


def _schema(project: Path) -> None:
    """A schema that now allows (and describes) one more optional field, which a file then uses."""
    path = project / "content" / "schema" / "glossary.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["description"] = schema.get("description", "") + " (edited)"
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")


EDITS = {
    "an article's language file": lambda p: _sub(
        p / "content/articles/peer-networking/de.yml", r"^title: .*$", "title: Ein neuer Titel"
    ),
    "a locale": lambda p: _sub(p / "locales/it.yml", r"^site_name: .*$", "site_name: Una guida modificata"),
    "a glossary": lambda p: _sub(p / "content/glossary/ar.yml", r"definition: \"", 'definition: "(معدّل) '),
    "a JSON Schema": _schema,
    "a theme override": lambda p: _sub(p / "overrides/partials/copyright.html", r"\A", "<!-- edited -->\n"),
    "our CSS": lambda p: (p / "docs/assets/guide.css").write_text(
        (p / "docs/assets/guide.css").read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8"
    ),
    "a hand-written page": lambda p: _sub(p / "docs/about.tl.md", r"^# (.*)$", r"# \1 (binago)"),
    "mkdocs.yml": lambda p: _sub(p / "mkdocs.yml", r"^    primary: indigo$", "    primary: teal"),
    # The builds of this kind run the project's own copy of the package (PYTHONPATH), edited here.
    "the package's own code": lambda p: _sub(
        p / "scripts/netguide/mkdocs_adapter/languages.py",
        r'theme_text\(locale\.t\("site_description"\)\)',
        'theme_text(locale.t("site_description") + " (edited)")',
    ),
}
CHANGE_EVERY_LANGUAGE = ("mkdocs.yml", "a theme override", "our CSS", "a JSON Schema", "the package's own code")


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
    cached_tree, cold_tree = _tree(tmp_path / "cached"), _tree(tmp_path / "cold")
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
    cached_tree, cold_tree = _tree(tmp_path / "cached"), _tree(tmp_path / "cold")
    assert sorted(cached_tree) == sorted(cold_tree)
    assert [name for name in cold_tree if cached_tree[name] != cold_tree[name]] == []
    expected = (after.get("REPO_URL", "") + "/edit/" + after.get("REPO_BRANCH", "main") + "/docs/about.").encode()
    assert any(expected in data for name, data in cold_tree.items() if name.endswith(".html"))  # a hand-written page
