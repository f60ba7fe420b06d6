"""Fast tier: the text facts a worker process learns during a cold load change no result.

A cold load shares its article folders with a worker process
(:mod:`netguide.content.parallel_facts`); these tests run the real worker on
the real content (a few articles: the threshold is lowered for them) and
hold what comes out of the load against the load without it.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import pickle
import time
from pathlib import Path

import pytest

from conftest import LANGUAGES
from netguide.content import compare, parallel_facts, text_memo, validation
from netguide.content.folders import article_folders
from netguide.content.problems import Problems
from netguide.site.checks import validate_guide
from scratch import copy_content, edit, line_of

_real_take = parallel_facts._take


@pytest.fixture(autouse=True)
def empty_memo(monkeypatch):
    monkeypatch.setattr(text_memo, "_known", {})
    monkeypatch.setattr(text_memo, "_used", {})
    _forget_cached()
    yield
    _forget_cached()


def _forget_cached() -> None:
    """The in-process caches in front of the memo: each load here starts as a new process's would."""
    compare.outline.cache_clear()
    validation.section_ids.cache_clear()


def _worker_takes_all(monkeypatch) -> list[int]:
    """This process takes no folder: the worker (which has its own, real `_take`) learns them all.

    Returns the list to which each load adds how many folders the worker's facts came from."""
    monkeypatch.setattr(parallel_facts, "MIN_UNKNOWN_FILES", 1)
    monkeypatch.setattr(parallel_facts, "_take", lambda bounds, front: None if front else _real_take(bounds, front))
    counts: list[int] = []
    prefill = parallel_facts.prefill

    def counted(*args):
        counts.append(prefill(*args))
        return counts[-1]

    monkeypatch.setattr(parallel_facts, "prefill", counted)
    return counts


def _no_worker(monkeypatch) -> None:
    monkeypatch.setattr(parallel_facts, "MIN_UNKNOWN_FILES", 10**9)


def _load(root: Path, memo: Path) -> tuple[list[tuple], bytes]:
    """Every problem of the content under `root` (in order, with file, line and fix), and the memo it leaves."""
    text_memo.recall(memo)
    result = validate_guide(root / "content", root / "locales", LANGUAGES, "en", docs_dir=root / "docs")
    text_memo.remember(memo)
    problems = [(p.severity, str(p.path), p.line, p.message, p.hint) for p in result.problems + result.review]
    return problems, memo.read_bytes()


def _fresh(monkeypatch) -> None:
    monkeypatch.setattr(text_memo, "_known", {})
    monkeypatch.setattr(text_memo, "_used", {})
    _forget_cached()


def _learner(root: Path):
    """What the load gives the worker: validation.folder_facts for this content."""
    return functools.partial(validation.folder_facts, content_dir=root / "content", languages=LANGUAGES)


def _learn(root: Path) -> int:
    return parallel_facts.prefill(article_folders(root / "content", Problems()), _learner(root))


def test_the_worker_learns_what_this_process_learns(tmp_path, monkeypatch):
    root = copy_content(tmp_path)
    folders = article_folders(root / "content", Problems())
    for folder in folders:
        _learner(root)(folder)
    here = text_memo.learnt()
    _fresh(monkeypatch)
    _worker_takes_all(monkeypatch)
    assert _learn(root) == len(folders)  # every folder's facts came from the worker
    assert text_memo.learnt() == json.loads(json.dumps(here))  # as the memo file holds them
    assert text_memo._used == {}  # taken in, not yet used: only what the load looks up is kept


def test_a_load_with_the_worker_is_the_load_without_it(tmp_path, monkeypatch):
    root = copy_content(tmp_path / "project")
    _no_worker(monkeypatch)
    alone = _load(root, tmp_path / "alone.json")
    _fresh(monkeypatch)
    counts = _worker_takes_all(monkeypatch)
    shared = _load(root, tmp_path / "shared.json")
    assert counts == [len(article_folders(root / "content", Problems()))]  # the worker learnt every folder
    assert shared == alone


def test_a_hostile_body_the_worker_learns_from_is_reported_as_without_it(tmp_path, monkeypatch):
    root = copy_content(tmp_path / "project")
    folders = article_folders(root / "content", Problems())
    bodies = [path for folder in folders for path in sorted(folder.glob("*.yml")) if path.name != "article.yml"]
    edit(bodies[0], "body: |\n", "body: |\n  <script>alert(1)</script>\n\n")
    edit(bodies[-1], "body: |\n", "body: |\n  A [link](javascript:alert(1)).\n\n")
    _no_worker(monkeypatch)
    alone, _ = _load(root, tmp_path / "alone.json")
    _fresh(monkeypatch)
    counts = _worker_takes_all(monkeypatch)
    shared, _ = _load(root, tmp_path / "shared.json")
    assert counts == [len(folders)]
    assert shared == alone
    errors = [problem for problem in shared if problem[0] == "error"]
    assert (str(bodies[0]), line_of(bodies[0], "<script>")) in [(path, line) for _, path, line, _, _ in errors]
    assert any("javascript:" in message and path == str(bodies[-1]) for _, path, _, message, _ in errors)


def _dies_in_the_worker(folder: Path, content_dir: Path, languages: list[str]) -> None:
    """validation.folder_facts here; the end of the process in the worker."""
    if multiprocessing.parent_process() is not None:
        os._exit(3)
    _real_folder_facts(folder, content_dir, languages)


def _fails_in_the_worker(folder: Path, content_dir: Path, languages: list[str]) -> None:
    if multiprocessing.parent_process() is not None:
        raise RuntimeError("a bug")
    _real_folder_facts(folder, content_dir, languages)


_real_folder_facts = validation.folder_facts


@pytest.mark.parametrize("worker", [_dies_in_the_worker, _fails_in_the_worker])
def test_a_worker_that_fails_changes_nothing(tmp_path, monkeypatch, worker):
    root = copy_content(tmp_path / "project")
    edit(sorted(article_folders(root / "content", Problems()))[-1] / "en.yml", "body: |\n", "body: |\n  <i>x</i>\n\n")
    _no_worker(monkeypatch)
    alone, _ = _load(root, tmp_path / "alone.json")
    _fresh(monkeypatch)
    _worker_takes_all(monkeypatch)
    monkeypatch.setattr(validation, "folder_facts", worker)
    assert _learn(root) == 0  # no facts came from it
    _fresh(monkeypatch)
    shared, _ = _load(root, tmp_path / "shared.json")
    assert shared == alone and any("<i>" in problem[3] for problem in shared)
    assert multiprocessing.active_children() == []


def _spawn_refused(*args, **kwargs):
    raise AssertionError("a process was started")


def test_no_process_starts_below_the_threshold(tmp_path, monkeypatch):
    root = copy_content(tmp_path / "project")
    folders = article_folders(root / "content", Problems())
    files = len(list((root / "content" / "articles").glob("*/*.yml")))
    assert 0 < files < parallel_facts.MIN_UNKNOWN_FILES  # the real guide is far below it
    monkeypatch.setattr(parallel_facts.multiprocessing, "get_context", _spawn_refused)
    cold, _ = _load(root, tmp_path / "memo.json")
    # a warm load, and one after an edit, with a threshold the cold load would have passed
    monkeypatch.setattr(parallel_facts, "MIN_UNKNOWN_FILES", 2)
    assert parallel_facts.cold_folders(folders) == []
    assert _load(root, tmp_path / "memo.json")[0] == cold
    edit(folders[0] / "en.yml", "body: |\n", "body: |\n  Edited.\n\n")
    assert parallel_facts.cold_folders(folders) == []
    monkeypatch.setattr(parallel_facts, "MIN_UNKNOWN_FILES", 1)
    assert parallel_facts.cold_folders(folders) == [folders[0]]  # the one file the memo does not know
    monkeypatch.setattr(parallel_facts, "MIN_UNKNOWN_FILES", 2)
    _load(root, tmp_path / "memo.json")


def test_no_process_starts_on_one_core(tmp_path, monkeypatch):
    root = copy_content(tmp_path / "project")
    monkeypatch.setattr(parallel_facts, "MIN_UNKNOWN_FILES", 1)
    monkeypatch.setattr(parallel_facts, "_cores", lambda: 1)
    monkeypatch.setattr(parallel_facts.multiprocessing, "get_context", _spawn_refused)
    assert _learn(root) == 0


def test_what_is_not_facts_is_refused():
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    never, _open = context.Pipe(duplex=False)

    class Alive:  # a worker that does not end: the pipe is what answers
        sentinel = never

    good = '{"taken": 2, "known": {"yaml": {"' + "a" * 64 + '": "{}"}}}'
    for sent in [b"not JSON", b"[]", good.replace("2", '"2"').encode(), good.replace("a" * 64, "ab").encode()]:
        sending.send_bytes(sent)
        assert parallel_facts._receive(receiving, Alive) is None, sent
    sending.send_bytes(good.encode())
    assert parallel_facts._receive(receiving, Alive) == (2, {"yaml": {"a" * 64: "{}"}})
    sending.close()
    assert parallel_facts._receive(receiving, Alive) is None  # the worker ended without a word


def _slow_in_the_worker(folder: Path) -> None:
    if multiprocessing.parent_process() is not None:
        time.sleep(60)
    raise KeyboardInterrupt


def test_ctrl_c_stops_the_worker(tmp_path, monkeypatch):
    folders = []
    for number in range(3):
        folder = tmp_path / f"article-{number}"
        folder.mkdir()
        (folder / "article.yml").write_text(f"id: article-{number}\n", encoding="utf-8")
        folders.append(folder)
    monkeypatch.setattr(parallel_facts, "MIN_UNKNOWN_FILES", 1)
    with pytest.raises(KeyboardInterrupt):
        parallel_facts.prefill(folders, _slow_in_the_worker)
    assert multiprocessing.active_children() == []


def test_articles_this_process_loaded_clean_are_not_loaded_again_and_the_load_is_the_same(tmp_path, monkeypatch):
    root = copy_content(tmp_path / "project")
    folders = article_folders(root / "content", Problems())
    edit(folders[1] / "en.yml", "body: |\n", "body: |\n  <script>alert(1)</script>\n\n")  # an error
    bom = folders[2] / "de.yml"
    bom.write_bytes(b"\xef\xbb\xbf" + bom.read_bytes())  # a warning: loaded again, so it is reported
    handed: list[dict] = []
    real_load_guide = validation.load_guide

    def spied(*args):
        handed.append(dict(args[6]))
        return real_load_guide(*args)

    monkeypatch.setattr(validation, "load_guide", spied)

    def load(memo: Path) -> tuple[list[tuple], bytes, bytes]:
        text_memo.recall(memo)
        result = validate_guide(root / "content", root / "locales", LANGUAGES, "en", docs_dir=root / "docs")
        text_memo.remember(memo)
        found = [(p.severity, str(p.path), p.line, p.message, p.hint) for p in result.problems + result.review]
        return found, memo.read_bytes(), pickle.dumps(result.guide)

    _no_worker(monkeypatch)
    alone = load(tmp_path / "alone.json")
    assert handed == [{}]  # no worker: nothing loaded ahead
    _fresh(monkeypatch)
    monkeypatch.setattr(parallel_facts, "MIN_UNKNOWN_FILES", 1)  # this process takes folders from the front
    shared = load(tmp_path / "shared.json")
    # This process took the first folder while the worker started (a fresh Python); with a problem, loaded again.
    assert list(handed[1]) == [folders[0]]
    assert shared == alone
    assert any("<script>" in problem[3] for problem in shared[0]) and any("byte-order" in p[3] for p in shared[0])
