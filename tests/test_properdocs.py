"""The guide builds on ProperDocs too — the maintained fork of MkDocs 1.6 that runs MkDocs' plugins and
themes as they are — and the site is byte for byte the MkDocs build's, but for the one tag that names
the engine and its version (``<meta name="generator">``)."""

from __future__ import annotations

import re
from importlib import metadata

from conftest import copy_project, run_mkdocs_build

GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-[^",]+,')


def _tree(root):
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site(tmp_path):
    project = copy_project(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    mkdocs = run_mkdocs_build(project, tmp_path / "mkdocs", {**env, "NETGUIDE_CACHE_DIR": str(tmp_path / "c1")})
    assert mkdocs.returncode == 0, mkdocs.stderr
    proper = run_mkdocs_build(
        project, tmp_path / "properdocs", {**env, "NETGUIDE_CACHE_DIR": str(tmp_path / "c2")}, engine="properdocs"
    )
    assert proper.returncode == 0, proper.stderr
    assert "WARNING" not in proper.stderr, proper.stderr
    ours, theirs = _tree(tmp_path / "mkdocs"), _tree(tmp_path / "properdocs")
    assert sorted(ours) == sorted(theirs)
    version = metadata.version("properdocs").encode()
    differ = []
    for name, data in ours.items():
        other = theirs[name]
        if data != other:
            named = GENERATOR.sub(b'<meta name="generator" content="mkdocs-' + version + b",", data)
            if named != other:
                differ.append(name)
    assert differ == []
    assert any(b"mkdocs-" + version + b"," in data for data in theirs.values())  # it was ProperDocs that built
