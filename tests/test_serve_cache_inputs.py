"""Under `mkdocs serve`, every kind of input an author edits reaches the served site through the caches.

For each kind (tests/input_edits.py), the server builds once (filling every
cache: parse memo, file reads, schema validators, PDFs, languages, pages,
templates), the file is edited while it runs, and after the rebuild the folder
it serves is byte for byte what a new server makes of the same files with no
cache at all. Both servers use the same address, which the pages carry.

The package's own code is the one kind left out: a running server keeps the
code it imported, so an edit to it needs a restart, and the build after a
restart is what tests/test_cache_inputs.py checks with the edited code.
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import copy_project
from input_edits import EDITS, tree
from serving import free_port, serving, wait_for

SERVED_KINDS = [kind for kind in EDITS if kind != "the package's own code"]
#: Seconds a rebuild after one edit may take on a loaded machine.
REBUILD = 180


def _rebuilt(served, edit) -> str:
    """Make `edit` while `served` runs and wait for the rebuild it starts; the log of that rebuild."""
    before = served.rebuilds()
    offset = len(served.log.read_text(encoding="utf-8"))
    edit()
    wait_for(lambda: served.rebuilds() > before, REBUILD, "the rebuild after the edit")
    return served.log.read_text(encoding="utf-8")[offset:]


@pytest.mark.parametrize("kind", SERVED_KINDS)
def test_the_served_site_after_an_edit_equals_a_cold_one(tmp_path, kind):
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    with serving(project, port, tmp_path / "warm.log", {**env, "NETGUIDE_CACHE_DIR": str(tmp_path / "cache")}) as warm:
        before = tree(warm.folder())
        rebuild = _rebuilt(warm, lambda: EDITS[kind](project))
        assert "error" not in rebuild.lower(), rebuild
        edited = tree(warm.folder())
    if kind != "a JSON Schema":  # (its edit is to the schema's description, which no page shows)
        assert edited != before, "the edit changed nothing served: the test would prove nothing"
    shutil.rmtree(project / "docs" / "guide")
    with serving(project, port, tmp_path / "cold.log", {**env, "NETGUIDE_CACHE_DIR": str(tmp_path / "none")}) as cold:
        fresh = tree(cold.folder())
    assert sorted(edited) == sorted(fresh)
    assert [name for name in fresh if edited[name] != fresh[name]] == [], kind


def test_an_edited_schema_is_read_again_by_the_running_server(tmp_path):
    """A schema that now refuses what a file holds fails the next rebuild, naming that file; put back, it passes."""
    project = copy_project(tmp_path / "project")
    schema = project / "content" / "schema" / "glossary.schema.json"
    good = schema.read_text(encoding="utf-8")
    strict = good.replace('"term": {"type": "string", "minLength": 1}', '"term": {"type": "string", "maxLength": 2}')
    assert strict != good
    with serving(project, free_port(), tmp_path / "serve.log", {"NETGUIDE_CACHE_DIR": str(tmp_path / "cache")}) as s:
        refused = _rebuilt(s, lambda: schema.write_text(strict, encoding="utf-8"))
        assert re.search(r"content/glossary/\w+\.yml:\d+: error: .*too long", refused), refused
        passed = _rebuilt(s, lambda: schema.write_text(good, encoding="utf-8"))
        assert "error" not in passed.lower(), passed
