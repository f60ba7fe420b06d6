"""Fast tier: generated files are written only inside their folder, only when changed, and stale ones go."""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from netguide import files
from netguide.files import swap_directory, sync_tree, wait_for_deletion, write_tree


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


def _site(path, text):
    (path / "page").mkdir(parents=True)
    (path / "page" / "index.html").write_text(text, encoding="utf-8")
    return path


def test_a_swap_in_the_background_serves_the_new_site_at_once_and_deletes_the_old_one_after(tmp_path, monkeypatch):
    """Under serve: the new site is in place when the swap returns; the old one goes while serve goes on."""
    final = _site(tmp_path / "site", "old")
    deleting, real_rmtree, deleted_by = threading.Event(), shutil.rmtree, []

    def slow_rmtree(*arguments, **options):
        deleted_by.append(threading.current_thread())
        deleting.wait(10)
        real_rmtree(*arguments, **options)

    monkeypatch.setattr(files.shutil, "rmtree", slow_rmtree)
    swap_directory(_site(tmp_path / "new", "new"), final, delete_in_background=True)
    try:
        assert (final / "page" / "index.html").read_text(encoding="utf-8") == "new"
        assert (tmp_path / "site.old").exists(), "not deleted yet: the swap did not wait for it"
        assert deleted_by and threading.current_thread() not in deleted_by
    finally:
        deleting.set()
        wait_for_deletion()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_the_next_swap_waits_for_the_last_background_deletion(tmp_path):
    final = _site(tmp_path / "site", "first")
    swap_directory(_site(tmp_path / "second", "second"), final, delete_in_background=True)
    swap_directory(_site(tmp_path / "third", "third"), final)
    assert (final / "page" / "index.html").read_text(encoding="utf-8") == "third"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
