"""Fast tier: what a build remembers of a file's text (its YAML parse, its schema verdict) changes no answer.

A warm build takes a file's data and lines from the memo when the file's text
is one that parsed before; a text that was refused, or failed its schema, is
looked at again every time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from netguide.content import schemas, text_memo, yamlfile
from netguide.content.problems import Problems


@pytest.fixture(autouse=True)
def empty_memo(monkeypatch):
    monkeypatch.setattr(text_memo, "_known", {})
    monkeypatch.setattr(text_memo, "_used", {})
    monkeypatch.setattr(text_memo, "_in_memory", None)


def _no_parser(*args, **kwargs):
    raise AssertionError("parsed, though the memo knew this text")


def _load(path: Path, root: Path) -> tuple[yamlfile.YamlFile | None, list[str]]:
    problems = Problems()
    document = yamlfile.load_yaml(path, problems, root=root)
    return document, [str(problem) for problem in problems.items]


def test_a_remembered_parse_is_the_parse(tmp_path, monkeypatch):
    files = sorted((ROOT / "content").rglob("*.yml")) + sorted((ROOT / "locales").glob("*.yml"))
    fresh = {path: _load(path, ROOT)[0] for path in files}
    memo = tmp_path / "text-facts.json"
    text_memo.remember(memo)
    monkeypatch.setattr(text_memo, "_known", {})
    text_memo.recall(memo)  # as the next build does, from the file
    monkeypatch.setattr(yamlfile, "_UniqueKeyLoader", _no_parser)
    for path, document in fresh.items():
        again = _load(path, ROOT)[0]
        assert (again.data, again.lines, again.text) == (document.data, document.lines, document.text), path
        again.data.clear()  # what one build does to its data never reaches the next
        assert _load(path, ROOT)[0].data == document.data


@pytest.mark.parametrize(
    "text, problem",
    [
        ("a: &x 1\nb: *x\n", "alias"),
        ("title: [unclosed\n", "YAML syntax error"),
        ("a: 1\na: 2\n", "duplicate key"),
        ('a: "\\x1b[31m"\n', "control character"),
    ],
)
def test_a_refused_text_is_refused_every_time(tmp_path, text, problem):
    path = tmp_path / "file.yml"
    path.write_text(text, encoding="utf-8")
    for _ in range(2):
        document, problems = _load(path, tmp_path)
        assert document is None and problem in " ".join(problems)
    if problem != "control character":  # that one parses (and is remembered); the check runs on every load
        assert not text_memo._known.get("yaml")


def test_values_json_cannot_hold_are_parsed_every_time(tmp_path, monkeypatch):
    path = tmp_path / "file.yml"
    path.write_text("day: 2024-05-01\n1: one\n", encoding="utf-8")
    first = _load(path, tmp_path)[0]
    assert text_memo._known.get("yaml", {}) == {}
    assert _load(path, tmp_path)[0].data == first.data == yaml.safe_load(path.read_text())


def test_a_schema_verdict_is_remembered_only_when_valid(tmp_path):
    schema_dir = ROOT / "content" / "schema"
    locale = ROOT / "locales" / "en.yml"
    good = _load(locale, ROOT)[0]
    assert schemas.validate(good, "locale", schema_dir, Problems())
    assert text_memo.known(schemas._compiled(schema_dir, "locale")[1], good.text)
    bad_path = tmp_path / "de.yml"
    bad_path.write_text(locale.read_text(encoding="utf-8") + "no_such_key: x\n", encoding="utf-8")
    bad = _load(bad_path, tmp_path)[0]
    for _ in range(2):
        problems = Problems()
        assert not schemas.validate(bad, "locale", schema_dir, problems)
        assert "no_such_key" in str(problems.items[0])


def test_an_edited_schema_is_read_again_in_the_same_process(tmp_path):
    """Under `mkdocs serve` one process validates every rebuild: a schema edited between two is the new one."""
    import shutil

    schema_dir = tmp_path / "schema"
    shutil.copytree(ROOT / "content" / "schema", schema_dir)
    good = _load(ROOT / "locales" / "en.yml", ROOT)[0]
    assert schemas.validate(good, "locale", schema_dir, Problems())
    schema_file = schema_dir / schemas.SCHEMA_FILES["locale"]
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["required"] = [*schema.get("required", []), "a_new_key"]
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    problems = Problems()
    assert not schemas.validate(good, "locale", schema_dir, problems)
    assert "a_new_key" in str(problems.items[0])


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
)
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.text(st.characters(whitelist_categories=("Ll",)), min_size=1, max_size=8), inner, max_size=4
        ),
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(st.text("abcdef", min_size=1, max_size=6), _data, min_size=1, max_size=4))
def test_any_data_comes_back_from_the_memo_as_parsed(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("memo")
    path = folder / "file.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text_memo._known.clear()
    first, problems = _load(path, folder)
    again, _ = _load(path, folder)
    if first is None:
        assert again is None
        return
    assert (again.data, again.lines) == (first.data, first.lines) == (yaml.safe_load(path.read_text()), first.lines)
    assert all(type(again.data[key]) is type(first.data[key]) for key in first.data)


def test_the_memo_file_is_parsed_again_only_when_another_process_changed_it(tmp_path, monkeypatch):
    """Serve recalls the memo before every rebuild: what this process wrote or read it already holds."""
    memo, parses = tmp_path / "text-facts.json", []
    real_loads = json.loads
    monkeypatch.setattr(json, "loads", lambda text, *a, **k: parses.append(1) or real_loads(text, *a, **k))
    text_memo.offer("yaml", "a: 1\n", {"data": {"a": 1}})
    text_memo.known("yaml", "a: 1\n")
    text_memo.remember(memo)
    text_memo.recall(memo)
    assert parses == [], "this process wrote it: nothing to parse"
    assert text_memo.known("yaml", "a: 1\n")

    other = real_loads(memo.read_text(encoding="utf-8"))  # another build (a `netguide check`) rewrites it
    other["known"]["yaml"]["b" * 64] = {"data": {"b": 2}}
    text_memo.write_atomically(memo, json.dumps(other).encode("utf-8"))
    text_memo.recall(memo)
    assert len(parses) == 1 and "b" * 64 in text_memo._known["yaml"]
    text_memo.recall(memo)
    assert len(parses) == 1, "parsed once"

    monkeypatch.setattr(text_memo, "_known", {})  # a memo that no longer holds it (a new process)
    text_memo.recall(memo)
    assert len(parses) == 2 and text_memo.known("yaml", "a: 1\n")


def test_the_memo_file_is_written_only_when_what_it_would_hold_changed(tmp_path, monkeypatch):
    """A warm build that learnt nothing and forgot nothing leaves the file as it is (tens of MB at 1000 articles)."""
    memo, writes = tmp_path / "text-facts.json", []
    real_write = text_memo.write_atomically
    monkeypatch.setattr(text_memo, "write_atomically", lambda path, raw: writes.append(raw) or real_write(path, raw))

    def build(*texts: str) -> None:
        text_memo.recall(memo)
        for text in texts:
            text_memo.remembered("outline", text, len, encode=lambda value: value, decode=lambda value: value)
        text_memo.remember(memo)

    build("a", "b")
    assert len(writes) == 1
    build("a", "b")
    build("b", "a")
    assert len(writes) == 1, "the same facts, used again: nothing to write"
    build("a", "b", "c")
    assert len(writes) == 2, "one fact learnt"
    build("a", "c")
    assert len(writes) == 3, "one fact no longer used"
    memo.unlink()
    build("a", "c")
    assert len(writes) == 4 and memo.exists()
    other = json.loads(memo.read_text(encoding="utf-8"))  # another process rewrites it: read again, then as before
    other["known"]["outline"]["d" * 64] = 9
    real_write(memo, json.dumps(other).encode("utf-8"))
    build("a", "c")
    assert len(writes) == 5 and "d" * 64 not in json.loads(memo.read_text(encoding="utf-8"))["known"]["outline"]
    monkeypatch.setattr(text_memo, "_known", {})  # a new process finds every fact in the file
    monkeypatch.setattr(text_memo, "_in_memory", None)
    text_memo.recall(memo)
    assert text_memo.remembered("outline", "c", lambda text: 1 / 0, encode=int, decode=int) == 1
