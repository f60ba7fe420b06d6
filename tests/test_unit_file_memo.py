"""Fast tier: what serve keeps of a file it read (content/file_memo.py) changes no answer.

An unchanged file is given again without being read; a changed, replaced
or linked one is read (and refused) as ever, and a file that had a warning
is read every time, so the warning is reported every time.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from netguide import cache_keys
from netguide.content import file_memo, yamlfile
from netguide.content.problems import Problems


@pytest.fixture(autouse=True)
def keeping(monkeypatch):
    monkeypatch.setattr(file_memo, "_kept", None)
    monkeypatch.setattr(cache_keys, "SETTLED_NS", 0)  # these files were all written just now
    file_memo.keep_unchanged_files(True)
    yield
    file_memo.keep_unchanged_files(False)


def load(path: Path, root: Path):
    problems = Problems()
    return yamlfile.load_yaml(path, problems, root=root), [str(problem) for problem in problems.items]


def unread(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("read again, though unchanged")

    monkeypatch.setattr(yamlfile, "read_text", refuse)


def test_an_unchanged_file_is_given_again_unread(tmp_path, monkeypatch):
    path = tmp_path / "a.yml"
    path.write_text("title: One\nitems: [1, 2]\n", encoding="utf-8")
    first, problems = load(path, tmp_path)
    assert problems == []
    unread(monkeypatch)
    again, problems = load(path, tmp_path)
    assert problems == [] and again == first
    again.data["items"].append(3)
    assert load(path, tmp_path)[0].data["items"] == [1, 2], "each load gets its own copy of the data"


def test_a_changed_file_is_read_again(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text("title: One\n", encoding="utf-8")
    load(path, tmp_path)
    time.sleep(0.05)  # a later tick of the file system's clock (see the next test for the same tick)
    path.write_text("title: Two\n", encoding="utf-8")  # same size: the change time differs
    assert load(path, tmp_path)[0].data == {"title": "Two"}
    path.write_text("title: [unclosed\n", encoding="utf-8")
    document, problems = load(path, tmp_path)
    assert document is None and any("YAML syntax error" in problem for problem in problems)


def test_a_file_replaced_by_a_link_is_refused(tmp_path):
    path, elsewhere = tmp_path / "a.yml", tmp_path.parent / f"{tmp_path.name}-outside.yml"
    path.write_text("title: One\n", encoding="utf-8")
    elsewhere.write_text("title: One\n", encoding="utf-8")
    load(path, tmp_path)
    path.unlink()
    path.symlink_to(elsewhere)
    document, problems = load(path, tmp_path)
    assert document is None and problems, "a link is refused, as on the first read"


def test_a_warning_is_reported_on_every_load(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes(b"title: One\r\n")
    for _ in range(2):
        document, problems = load(path, tmp_path)
        assert document is not None and any("CRLF" in problem for problem in problems)


def test_nothing_is_kept_while_off(tmp_path, monkeypatch):
    file_memo.keep_unchanged_files(False)
    path = tmp_path / "a.yml"
    path.write_text("title: One\n", encoding="utf-8")
    load(path, tmp_path)
    assert file_memo.recall(path, tmp_path) is None


def test_the_same_file_under_another_project_folder_is_read_again(tmp_path):
    path = tmp_path / "project" / "a.yml"
    path.parent.mkdir()
    path.write_text("title: One\n", encoding="utf-8")
    load(path, tmp_path / "project")
    assert file_memo.recall(path, tmp_path / "other") is None


def test_a_file_changed_just_now_is_not_kept(tmp_path, monkeypatch):
    """A second save in the same tick of the file system's clock, of the same size, changes no stamp."""
    monkeypatch.setattr(cache_keys, "SETTLED_NS", 2_000_000_000)
    path = tmp_path / "a.yml"
    path.write_text("title: One\n", encoding="utf-8")
    load(path, tmp_path)
    assert file_memo.recall(path, tmp_path) is None
    old = time.time() - 10
    os.utime(path, (old, old))  # the change time stays recent: still not kept
    load(path, tmp_path)
    assert file_memo.recall(path, tmp_path) is None
