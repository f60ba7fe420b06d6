"""The one reader of content files (netguide.content.yamlfile and .folders), on its own.

The build and `netguide` read every content and locale file through it, so
what it refuses (symbolic links, files outside the project or above the size
limit, anchors and aliases, deep nesting) is refused everywhere; the tests of
the loader, the CLI and the real build check that they pass the refusal on.
Property tests (Hypothesis) hold it to two promises: any data written as
plain YAML reads back as itself with the line of every value, and no bytes at
all make it crash: it records problems instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netguide.content.folders import article_folders, find_article, language_files, refused
from netguide.content.problems import ContentError, Problems
from netguide.content.yamlfile import MAX_FILE_BYTES, MAX_NESTING, load_yaml, read_text

BILLION_LAUGHS = (
    "\n".join(
        ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=False)]
    )
    + "\n"
)


def read(root: Path, path: Path):
    problems = Problems()
    return load_yaml(path, problems, root=root), problems


def only_error(problems: Problems) -> str:
    assert len(problems.errors) == 1, problems.items
    return str(problems.errors[0])


# -- YAML that is valid but refused ----------------------------------------------


def test_alias_bomb_is_refused_at_its_first_anchor(tmp_path):
    path = tmp_path / "de.yml"
    path.write_text("title: Hallo\n" + BILLION_LAUGHS, encoding="utf-8")
    document, problems = read(tmp_path, path)
    assert document is None
    message = only_error(problems)
    assert message.startswith(f"{os.path.relpath(path)}:2: error: YAML anchor '&a' is not allowed"), message
    assert "fix: remove the anchor and write each value out in full" in message


def test_anchor_without_alias_is_refused(tmp_path):
    path = tmp_path / "de.yml"
    path.write_text("title: Hallo\nmyths: &shared\n  a: b\n", encoding="utf-8")
    document, problems = read(tmp_path, path)
    assert document is None
    assert "de.yml:2: error: YAML anchor '&shared' is not allowed" in only_error(problems)


def test_alias_is_refused_with_a_hint_about_quoting(tmp_path):
    path = tmp_path / "de.yml"
    path.write_text("title: Hallo\nsummary: *Wichtig\n", encoding="utf-8")
    message = only_error(read(tmp_path, path)[1])
    assert "de.yml:2: error: YAML alias '*Wichtig' is not allowed" in message
    assert "double quotes" in message


def test_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "de.yml"
    path.write_text("language: de\ntitle: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    message = only_error(read(tmp_path, path)[1])
    assert f"de.yml:2: error: the data is nested more than {MAX_NESTING} levels deep" in message


@pytest.mark.parametrize(
    "text, expected",
    [
        ("? [a, b]\n: c\n", "de.yml:1: error: a key is a list or a mapping"),
        ("order: " + "9" * 5000 + "\n", "de.yml:1: error: the value cannot be read"),
        ("date: 2024-13-45\n", "de.yml:1: error: the value cannot be read"),
    ],
)
def test_values_that_cannot_be_built_are_problems(tmp_path, text, expected):
    path = tmp_path / "de.yml"
    path.write_text(text, encoding="utf-8")
    assert expected in only_error(read(tmp_path, path)[1])


def test_oversize_file_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "de.yml"
    line = "  " + "x" * 62 + "\n"  # 65 bytes
    path.write_text("body: |\n" + line * (MAX_FILE_BYTES // len(line) + 10), encoding="utf-8")
    message = only_error(read(tmp_path, path)[1])
    passed_on = (MAX_FILE_BYTES - len("body: |\n")) // len(line) + 2
    assert f"de.yml:{passed_on}: error: the file is larger than 1 MiB" in message, message
    assert "fix:" in message


def test_a_file_of_exactly_the_limit_is_read(tmp_path):
    path = tmp_path / "de.yml"
    head = "title: "
    path.write_text(head + "x" * (MAX_FILE_BYTES - len(head) - 1) + "\n", encoding="utf-8")
    document, problems = read(tmp_path, path)
    assert document is not None and not problems.items


# -- files and folders that are not read ------------------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    """A project with one article, and a file outside it."""
    root = tmp_path / "project"
    folder = root / "content" / "articles" / "one"
    folder.mkdir(parents=True)
    (folder / "article.yml").write_text("id: one\n", encoding="utf-8")
    (folder / "en.yml").write_text("language: en\n", encoding="utf-8")
    (tmp_path / "secret.yml").write_text("token: s3cret\n", encoding="utf-8")
    return root


def test_symlinked_file_is_refused(project):
    link = project / "content" / "articles" / "one" / "de.yml"
    link.symlink_to(project.parent / "secret.yml")
    for problems in (read(project, link)[1], Problems()):
        if not problems.items:
            assert read_text(link, problems, root=project) is None
        message = only_error(problems)
        assert message.startswith(f"{os.path.relpath(link)}: error: the file is a symbolic link"), message
        assert "fix: put the real file here instead of a link" in message


def test_symlink_inside_the_project_is_refused_too(project):
    folder = project / "content" / "articles" / "one"
    (folder / "de.yml").symlink_to("en.yml")
    assert "the file is a symbolic link (to en.yml)" in only_error(read(project, folder / "de.yml")[1])


def test_file_reached_through_a_symlinked_folder_is_refused(project):
    (project / "locales").symlink_to(project.parent, target_is_directory=True)
    message = only_error(read(project, project / "locales" / "secret.yml")[1])
    assert f"{os.path.relpath(project / 'locales')}: error: the folder is a symbolic link" in message


def test_file_outside_the_project_is_refused(project):
    message = only_error(read(project, project / "content" / ".." / ".." / "secret.yml")[1])
    assert "error: the file is outside the project" in message


def test_project_behind_a_symlink_is_fine(project, tmp_path):
    alias = tmp_path / "alias"
    alias.symlink_to(project, target_is_directory=True)
    document, problems = read(alias, alias / "content" / "articles" / "one" / "en.yml")
    assert document is not None and not problems.items


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_waiting(project):
    pipe = project / "content" / "articles" / "one" / "de.yml"
    os.mkfifo(pipe)
    assert "this is a named pipe, not a regular file" in only_error(read(project, pipe)[1])


def test_symlinked_article_folder_is_left_out_with_a_problem(project):
    articles = project / "content" / "articles"
    (articles / "two").symlink_to(articles / "one", target_is_directory=True)
    (articles / "three").mkdir()
    problems = Problems()
    assert article_folders(project / "content", problems) == [articles / "one"]
    messages = [str(p) for p in problems.errors]
    assert any(
        m.startswith(f"{os.path.relpath(articles / 'two')}: error: the folder is a symbolic link") for m in messages
    ), messages
    assert any("three: error: article folder without article.yml" in m for m in messages), messages
    with pytest.raises(ContentError, match="the folder is a symbolic link"):
        find_article(project / "content", "two")
    with pytest.raises(ContentError, match="(?s)no article 'four'.*use one of: one"):
        find_article(project / "content", "four")


def test_language_files_are_sorted_and_leave_out_article_yml(project):
    folder = project / "content" / "articles" / "one"
    for name in ("tl.yml", "ar.yml", "notes.txt"):
        (folder / name).write_text("x: 1\n", encoding="utf-8")
    assert [p.name for p in language_files(folder)] == ["ar.yml", "en.yml", "tl.yml"]


def test_refused_accepts_real_files_and_folders(project):
    problems = Problems()
    assert not refused(project / "content" / "articles", project, problems, folder=True)
    assert not refused(project / "content" / "articles" / "one" / "en.yml", project, problems)
    assert not problems.items


# -- properties ------------------------------------------------------------------

# Any text but surrogates, and NEL, LS and PS, which YAML 1.1 reads as line breaks (PyYAML writes them as they are).
# Control characters are refused on purpose (tested below); tabs and line ends are text.
characters = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\x85\u2028\u2029\u202d\u202e"
) | st.sampled_from("\t\n")
keys = st.text(characters, min_size=1, max_size=12)
scalars = st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.text(characters, max_size=40)
documents = st.dictionaries(
    keys,
    st.recursive(
        scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4), max_leaves=25
    ),
    min_size=1,
    max_size=6,
)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def locations(data, location=()):
    """Every key path of `data`, as YamlFile.lines keys them."""
    yield location
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from locations(value, location + (key,))


@pytest.mark.slow
@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=documents, unicode=st.booleans())
def test_plain_yaml_reads_back_as_itself_with_every_line(tmp_path, data, unicode):
    path = tmp_path / "any.yml"
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=unicode, sort_keys=False, width=60)
    path.write_text(text, encoding="utf-8")
    document, problems = read(tmp_path, path)
    assert not problems.errors, (text, problems.items)
    assert document.data == data
    line_count = text.count("\n") + 1
    for location in locations(data):
        assert 1 <= document.lines[location] <= line_count, location


@pytest.mark.slow
@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=documents, shared=st.lists(st.integers(), min_size=1, max_size=3))
def test_a_shared_value_is_refused_at_its_anchor(tmp_path, data, shared):
    path = tmp_path / "any.yml"
    text = yaml.safe_dump({**data, "first-use": shared, "second-use": shared}, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    document, problems = read(tmp_path, path)
    anchor = next(event for event in yaml.parse(text) if getattr(event, "anchor", None))
    assert document is None
    line = anchor.start_mark.line + 1
    assert f"any.yml:{line}: error: YAML anchor '&{anchor.anchor}' is not allowed" in only_error(problems)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.binary(max_size=300)
    | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))
    | st.lists(
        st.sampled_from(
            [
                "a:",
                " b",
                "- ",
                "&x ",
                "*x",
                "[",
                "]",
                "{",
                "}",
                "? ",
                ": ",
                "\n",
                "\t",
                "'",
                '"',
                "|",
                ">",
                "#",
                "!!",
                "---\n",
                "...\n",
                "%YAML 1.1\n",
                "\r\n",
                "\ufeff",
            ]
        ),
        max_size=40,
    ).map(lambda parts: "".join(parts).encode("utf-8"))
)
def test_no_bytes_make_the_reader_crash(tmp_path, raw):
    path = tmp_path / "any.yml"
    path.write_bytes(raw)
    document, problems = read(tmp_path, path)
    line_count = raw.count(b"\n") + 1
    assert (document is None) == bool(problems.errors)
    for problem in problems.items:
        assert problem.path == path and problem.hint
        assert problem.line is None or 1 <= problem.line <= line_count, problem


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=st.text(characters, max_size=10),
    control=st.characters(categories=("Cc",), exclude_characters="\t\n\r") | st.sampled_from("\u202d\u202e"),
    after=st.text(characters, max_size=10),
)
def test_a_control_character_in_any_text_is_refused_with_its_line(tmp_path, before, control, after):
    path = tmp_path / "any.yml"
    path.write_text(
        yaml.safe_dump({"title": "ok", "summary": before + control + after}, sort_keys=False), encoding="utf-8"
    )
    document, problems = read(tmp_path, path)
    assert document is None
    (problem,) = problems.errors
    assert problem.message == f"a control character (U+{ord(control):04X}) in 'summary'"
    assert problem.line == 2


_yaml_pieces = st.sampled_from(
    ["a", "key: ", "- ", "\n", "  ", '"', "'", "\\", "\\x1b", "\\u202e", "\\t", "\\e", "\\0", "\\N", "\\L", "\\_"]
    + ["|\n  ", ">\n  ", "\x1b", "\u202e", "\x85", "\t", "\r\n", "é", "\u200f", "#", "[", "]", "{", "}", ", "]
)


_quoted = st.lists(_yaml_pieces.filter(lambda piece: '"' not in piece), max_size=8).map(
    lambda inner: f'k: "{"".join(inner)}"\n'
)


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(_yaml_pieces | _quoted, max_size=30).map("".join))
@example('a: "\\x1b"\n')
@example("a: b\x1b\n")
@example('a: "x\\\n  \\e"\n')
def test_the_quick_look_for_control_characters_agrees_with_the_walk_over_the_data(text):
    # A text without a backslash or a control character cannot hold one in its data: the loader then skips the walk.
    from netguide.content import yamlfile

    parsed = yamlfile._parse(Path("any.yml"), text, Problems())
    if parsed is None or parsed[0] is None:
        return

    def texts(value):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from texts(key)
                yield from texts(item)
        elif isinstance(value, list):
            for item in value:
                yield from texts(item)
        elif isinstance(value, str):
            yield value

    held = any(yamlfile._CONTROL.search(value) for value in texts(parsed[0]))
    document = yamlfile.YamlFile(Path("any.yml"), text, *parsed)
    assert yamlfile._no_control_characters(document, Problems()) is not held


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["a", "b", "in", "out", "..", ".", "f.yml", "nothing"]), max_size=5))
@example(["out", "f.yml"])
@example(["a", "in"])
@example(["..", "outside", "f.yml"])
@example(["a", "..", "f.yml"])
@example(["f.yml", "a"])
def test_refused_is_what_resolving_the_path_says(tmp_path, parts):
    # Refused: a link on the way (whether it leads in or out), a path outside the project, anything but a regular file.
    root = tmp_path / "project"
    if not root.exists():
        (root / "a" / "b").mkdir(parents=True)
        (root / "a" / "f.yml").write_text("x: 1\n", encoding="utf-8")
        (root / "f.yml").write_text("x: 1\n", encoding="utf-8")
        (tmp_path / "outside").mkdir()
        (tmp_path / "outside" / "f.yml").write_text("x: 1\n", encoding="utf-8")
        (root / "a" / "in").symlink_to(root / "a" / "b")
        (root / "out").symlink_to(tmp_path / "outside")
    path = root.joinpath(*parts)
    here = Path(os.path.abspath(path))
    lexical = (
        [root.joinpath(*here.relative_to(root).parts[:n]) for n in range(1, len(here.parts) - len(root.parts) + 1)]
        if here.is_relative_to(root)
        else None
    )
    expected = (
        lexical is None
        or any(step.is_symlink() for step in lexical)
        or not here.resolve().is_relative_to(root.resolve())
        or not here.is_file()
    )
    assert refused(path, root, Problems()) is expected
