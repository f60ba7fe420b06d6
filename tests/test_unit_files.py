"""Fast tier: generated files are written only inside their folder, only when changed, and stale ones go."""

from __future__ import annotations

import os

import pytest

from netguide.files import sync_tree, write_tree


def test_sync_writes_only_what_changed_and_removes_the_rest(tmp_path):
    root = tmp_path / "guide"
    assert sync_tree(root, {"a.md": b"A", "checklists/b.md": b"B", "old/c.md": b"C"}) == 3
    before = (root / "a.md").stat().st_mtime_ns, (root / "a.md").stat().st_ino
    assert sync_tree(root, {"a.md": b"A", "checklists/b.md": b"B2"}) == 1
    assert ((root / "a.md").stat().st_mtime_ns, (root / "a.md").stat().st_ino) == before
    assert (root / "checklists/b.md").read_bytes() == b"B2"
    assert not (root / "old").exists()


def test_sync_keeps_the_files_it_is_told_to_and_makes_those_missing_empty(tmp_path):
    root = tmp_path / "guide"
    sync_tree(root, {"a.md": b"A", "later/b.pdf": b"drawn before"})
    assert sync_tree(root, {"a.md": b"A"}, keep=["later/b.pdf", "later/c.pdf"]) == 1
    assert (root / "later/b.pdf").read_bytes() == b"drawn before"
    assert (root / "later/c.pdf").read_bytes() == b""
    with pytest.raises(ValueError, match="refusing to write outside"):
        sync_tree(root, {}, keep=["../escaped.pdf"])
    assert not (tmp_path / "escaped.pdf").exists()


@pytest.mark.parametrize("name", ["../escaped.md", "sub/../../escaped.md", "/tmp/escaped.md", "x/.."])
def test_a_path_that_leaves_the_folder_is_refused(tmp_path, name):
    with pytest.raises(ValueError, match="refusing to write outside"):
        write_tree(tmp_path / "guide", {name: b"x"})
    assert not (tmp_path / "escaped.md").exists()


def test_a_link_that_leads_out_is_refused_and_one_inside_is_replaced(tmp_path):
    root, outside = tmp_path / "guide", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    os.symlink(outside, root / "linked")
    with pytest.raises(ValueError, match="refusing"):
        write_tree(root, {"linked/page.md": b"x"})
    os.symlink(outside / "file.md", root / "page.md")
    with pytest.raises(ValueError, match="refusing"):
        write_tree(root, {"page.md": b"x"})
    assert list(outside.iterdir()) == []
    (root / "real.md").write_bytes(b"old")
    os.symlink(root / "real.md", root / "alias.md")
    write_tree(root, {"alias.md": b"new"})
    assert not (root / "alias.md").is_symlink() and (root / "alias.md").read_bytes() == b"new"
    assert (root / "real.md").read_bytes() == b"old"
