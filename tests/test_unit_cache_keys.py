"""One place owns what the caches keep (netguide/cache_keys.py): every version comes from it, nothing
else hashes code or asks a library's version, and an edit to any file of a cache's code (or a library
upgrade) changes that cache's version and only the versions whose code it is."""

from __future__ import annotations

import ast
import shutil

import pytest

from conftest import ROOT
from netguide import cache_keys

PACKAGE = ROOT / "scripts" / "netguide"


def _calls_in(path):
    """What in module `path` computes a version: asking a library's, or hashing the package's own files."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "importlib":
            if any(alias.name == "metadata" for alias in node.names):
                yield node.lineno, "imports importlib.metadata"
        if isinstance(node, ast.Import) and any(alias.name == "importlib.metadata" for alias in node.names):
            yield node.lineno, "imports importlib.metadata"
    if "hashlib" in names and "__file__" in names and "read_bytes" in attributes:
        yield 1, "hashes files found from its own location (__file__)"


#: Modules that hash files and know their own location, for another reason than a cache version.
NOT_A_VERSION = {
    "site/offline.py": "hashes the built site's files (the offline cache's name); its template is found by __file__",
}


def test_only_cache_keys_asks_versions_or_hashes_our_code():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "cache_keys.py" and path.relative_to(PACKAGE).as_posix() not in NOT_A_VERSION
        for line, what in _calls_in(path)
    ]
    assert found == [], "a cache's version belongs in netguide/cache_keys.py:\n" + "\n".join(found)


def test_the_caches_read_their_versions_from_cache_keys(tmp_path, monkeypatch):
    from netguide.content import text_memo
    from netguide.pdf import checklists

    assert text_memo._VERSION == cache_keys.version("text-facts")
    assert checklists.RENDERER_VERSION == cache_keys.version("pdf")
    # The languages and pages caches: their setup key follows the "pages" version.
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    keys = set()
    for pages in ("one version", "another"):
        monkeypatch.setattr(cache_keys, "version", lambda name, pages=pages: pages if name == "pages" else "")
        keys.add(cache_keys.setup_key(tmp_path, [], ["en"], "en", ""))
    assert len(keys) == 2


@pytest.fixture
def package(tmp_path):
    copy = tmp_path / "netguide"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _versions(package):
    return {name: cache_keys.digest(name, package) for name in cache_keys.VERSIONS}


@pytest.mark.parametrize(
    ("edited", "changes"),
    [
        ("content/markdown_check.py", {"text-facts", "pages"}),
        ("content/anything_new.py", {"text-facts", "pages"}),  # a new module counts without a list to update
        ("pdf/layout.py", {"pdf", "pages"}),
        ("pdf/templates/checklist.typ", {"pdf", "pages"}),
        ("site/pages.py", {"pages"}),
        ("mkdocs_adapter/plugin.py", {"pages"}),
    ],
)
def test_an_edit_to_a_cache_s_code_changes_its_version(package, edited, changes):
    before = _versions(package)
    path = package / edited
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write("\n# edited\n")
    after = _versions(package)
    assert {name for name in before if before[name] != after[name]} == changes


def test_a_library_upgrade_changes_the_versions_that_use_it(package, monkeypatch):
    before = _versions(package)
    real = cache_keys._library
    monkeypatch.setattr(cache_keys, "_library", lambda name: real(name) + ("+1" if name == "fpdf2" else ""))
    after = _versions(package)
    assert {name for name in before if before[name] != after[name]} == {"pdf"}
