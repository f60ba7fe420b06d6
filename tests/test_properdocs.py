"""The guide builds on ProperDocs too — the maintained fork of MkDocs 1.6 that runs MkDocs' plugins and
themes as they are — and the site is byte for byte the MkDocs build's, but for the one tag that names
the engine and its version (``<meta name="generator">``) and, where that tag is, the hash that names
each language's offline copy (site/offline.py hashes the pages it holds)."""

from __future__ import annotations

import re
from importlib import metadata

from conftest import copy_project, run_mkdocs_build, warnings_but_new_languages

GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-[^",]+,')
#: The offline copy's version is a hash of the pages it holds, so it differs where the tag does.
OFFLINE_VERSION = re.compile(rb'"[a-z]{2,3}(?:-[A-Za-z0-9]+)*-[0-9a-f]{16}"')


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
    assert warnings_but_new_languages(proper.stderr) == [], proper.stderr
    ours, theirs = _tree(tmp_path / "mkdocs"), _tree(tmp_path / "properdocs")
    assert sorted(ours) == sorted(theirs)
    version = metadata.version("properdocs").encode()

    def same(data: bytes) -> bytes:
        return OFFLINE_VERSION.sub(b'"VERSION"', GENERATOR.sub(b'<meta name="generator" content="ENGINE,', data))

    differ = [name for name in ours if same(ours[name]) != same(theirs[name])]
    assert differ == []
    # It was ProperDocs that built (the tag names it), in every language, helpers' included.
    pages = [data for name, data in theirs.items() if name.endswith("index.html") and name.count("/") == 1]
    assert pages and all(b"mkdocs-ProperDocs " + version + b"," in data for data in pages)
