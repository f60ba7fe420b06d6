"""Every kind of input a build reads reaches the next build through the caches: an edit to each, in
turn, and the build after it (warm: parse memo, PDF, language and page caches all filled) is byte
for byte a cold build of the same files (no cache at all).

The kinds: an article's language file, a locale, a glossary, a JSON Schema, a theme override, our
CSS, a hand-written page and mkdocs.yml. (The package's own code is hashed whole into every cache
key: pipeline/language_cache.py's code version, content/text_memo.py's.)
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_mkdocs_build


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
}


@pytest.mark.parametrize("kind", EDITS)
def test_the_build_after_an_edit_equals_a_cold_build(tmp_path, kind):
    project = copy_project(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": "1700000000", "NETGUIDE_CACHE_DIR": str(tmp_path / "cache")}
    first = run_mkdocs_build(project, tmp_path / "cached", env)  # fills every cache
    assert first.returncode == 0, first.stderr
    EDITS[kind](project)
    cached = run_mkdocs_build(project, tmp_path / "cached", env)
    assert cached.returncode == 0, cached.stderr
    if kind not in ("mkdocs.yml", "a theme override", "our CSS", "a JSON Schema"):  # these change every language
        assert "taken from the cache" in cached.stderr, "the second build used no cache: the test would prove nothing"
    shutil.rmtree(project / "docs" / "guide")
    cold = run_mkdocs_build(project, tmp_path / "cold", {**env, "NETGUIDE_CACHE_DIR": str(tmp_path / "none")})
    assert cold.returncode == 0, cold.stderr
    cached_tree, cold_tree = _tree(tmp_path / "cached"), _tree(tmp_path / "cold")
    assert sorted(cached_tree) == sorted(cold_tree)
    assert [name for name in cold_tree if cached_tree[name] != cold_tree[name]] == [], kind
