"""One place owns what the caches keep (netguide/cache_keys.py): every version comes from it, nothing
else hashes code or asks a library's version, and an edit to any file of a cache's code (or a library
upgrade) changes that cache's version and only the versions whose code it is."""

from __future__ import annotations

import ast
import os
import shutil
import time

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


#: The stamps of a file's state that a cache could key by (os.stat_result's fields).
_STAMP_FIELDS = {"st_mtime", "st_mtime_ns", "st_ctime", "st_ctime_ns", "st_ino", "st_dev"}


def test_only_cache_keys_makes_a_file_s_stamp():
    """Every in-memory cache keys a file by cache_keys.file_stamp: no module makes a stamp of its own."""
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "cache_keys.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in _STAMP_FIELDS
    ]
    assert found == [], "a file's stamp comes from netguide.cache_keys.file_stamp:\n" + "\n".join(found)


@pytest.fixture
def settled(monkeypatch):
    monkeypatch.setattr(cache_keys, "SETTLED_NS", 0)


def _age(path, seconds=10, follow_symlinks=True):
    old = time.time() - seconds
    os.utime(path, (old, old), follow_symlinks=follow_symlinks)


def test_a_file_changed_just_now_has_no_stamp(tmp_path):
    """A second save within the same tick of the file system's clock, of the same size, would change no stamp."""
    path = tmp_path / "a.yml"
    path.write_text("title: One\n", encoding="utf-8")
    assert cache_keys.file_stamp(path) is None
    _age(path)  # the change time stays recent
    assert cache_keys.file_stamp(path) is None


def test_the_stamp_stays_while_the_file_does(tmp_path, settled):
    path = tmp_path / "a.yml"
    path.write_text("title: One\n", encoding="utf-8")
    assert cache_keys.file_stamp(path) == cache_keys.file_stamp(path) is not None
    path.read_text(encoding="utf-8")
    assert cache_keys.file_stamp(path) == cache_keys.file_stamp(path)


@pytest.mark.parametrize(
    "change",
    [
        "rewritten, same size, another time",
        "replaced by a new file",
        "renamed over",
        "grown",
    ],
)
def test_every_change_to_a_file_changes_its_stamp(tmp_path, settled, change):
    path = tmp_path / "a.yml"
    path.write_text("title: One\n", encoding="utf-8")
    _age(path, 60)
    before = cache_keys.file_stamp(path)
    if change == "rewritten, same size, another time":
        path.write_text("title: Two\n", encoding="utf-8")
        _age(path, 30)
    elif change == "replaced by a new file":
        path.unlink()
        path.write_text("title: One\n", encoding="utf-8")
        _age(path, 60)  # even with the old times
    elif change == "renamed over":
        other = tmp_path / "b.yml"
        other.write_text("title: One\n", encoding="utf-8")
        _age(other, 60)
        other.replace(path)
    else:
        path.write_text("title: One more\n", encoding="utf-8")
    assert cache_keys.file_stamp(path) != before


def test_a_link_s_own_stamp_is_not_its_target_s(tmp_path, settled):
    target, link = tmp_path / "target.yml", tmp_path / "link.yml"
    target.write_text("title: One\n", encoding="utf-8")
    link.symlink_to(target)
    assert cache_keys.file_stamp(link) == cache_keys.file_stamp(target)
    assert cache_keys.file_stamp(link, follow_links=False) != cache_keys.file_stamp(target)


def test_a_missing_file_has_no_stamp_but_an_error(tmp_path):
    with pytest.raises(OSError):
        cache_keys.file_stamp(tmp_path / "gone.yml")


def test_the_content_s_fingerprint_waits_for_recent_saves(tmp_path, settled, monkeypatch):
    """Serve reuses the loaded guide while the fingerprint is the same: never for files saved just now."""
    from netguide.pipeline.guide_source import fingerprint

    (tmp_path / "a.yml").write_text("title: One\n", encoding="utf-8")
    assert fingerprint(tmp_path) == fingerprint(tmp_path) is not None
    monkeypatch.setattr(cache_keys, "SETTLED_NS", 2_000_000_000)
    assert fingerprint(tmp_path) is None


def test_a_hard_link_keeps_a_stamp_that_leaves_the_change_time_out(tmp_path):
    """Files restored from the language cache are hard links of copies kept by an earlier build."""
    kept, served = tmp_path / "kept.html", tmp_path / "served.html"
    kept.write_text("<p>kept</p>", encoding="utf-8")
    _age(kept)
    before = cache_keys.file_stamp(kept, hard_links_alike=True)
    os.link(kept, served)  # changes the change time of both names' inode
    assert cache_keys.file_stamp(served, hard_links_alike=True) == before is not None
    assert cache_keys.file_stamp(served) is None  # for any other cache, a change just now
