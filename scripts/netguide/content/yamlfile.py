"""Read a YAML content file strictly, keeping the line of every value.

Every content and locale file is read here, by the build and by `netguide`
alike, so what is refused is refused everywhere, with the same words:

- Files: only real files inside the project (no symbolic links; see
  :func:`.folders.refused`), of at most :data:`MAX_FILE_BYTES`.
- Encoding: UTF-8 is required. A byte-order mark and CRLF line ends are
  harmless, so they are accepted with a warning; bytes that are not UTF-8,
  NUL bytes and empty files are rejected.
- YAML: one document of plain mappings, lists and scalars. Anchors
  (``&name``) and aliases (``*name``) are refused while the file is parsed,
  before anything is built from it: content never needs them, and a few
  lines of nested aliases expand to billions of values ("billion laughs").
  So is nesting deeper than :data:`MAX_NESTING`, and a key given twice.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent

from . import file_memo, text_memo
from .folders import refused
from .model import data_hash
from .problems import Problems

#: The largest content file read (the largest today, an article in Arabic, has 11 KB).
MAX_FILE_BYTES = 1024 * 1024
#: The deepest nesting of mappings and lists (a translation needs 3: myths > id > fact).
MAX_NESTING = 20

Location = tuple[Any, ...]


@dataclass
class YamlFile:
    path: Path
    text: str
    data: Any
    lines: dict[Location, int]  # key path -> 1-based line of its value

    def stamp(self) -> str:
        """:func:`netguide.content.model.data_hash` of the data: remembered by the text it comes from."""
        return text_memo.remembered("data_hash", self.text, lambda _text: data_hash(self.data), encode=str, decode=str)

    def line_of(self, location: Location) -> int | None:
        """Line of the value at `location`, or of its nearest parent that has one."""
        location = tuple(location)
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location)

    def key_line(self, location: Location) -> int | None:
        return self.lines.get(("key",) + tuple(location)) or self.line_of(location)


def _read_bytes(path: Path, problems: Problems) -> bytes | None:
    """At most MAX_FILE_BYTES + 1 bytes of a regular file, never through a link, never waiting on a pipe."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        problems.add(
            path,
            None,
            f"the file cannot be read: {error.strerror}",
            "check that it is a plain file you can read (not a link)",
        )
        return None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):  # changed since it was checked
            problems.add(path, None, "this is not a regular file", "replace it by a plain text file")
            return None
        return file.read(MAX_FILE_BYTES + 1)


def read_text(path: Path, problems: Problems, *, root: Path) -> str | None:
    """The file's text with LF line ends, or None (and a problem) if it is unusable.

    `root` is the project folder (holding content/ and locales/): a file
    outside it, or reached through a symbolic link, is refused.
    """
    if refused(path, root, problems):
        return None
    raw = _read_bytes(path, problems)
    if raw is None:
        return None
    if len(raw) > MAX_FILE_BYTES:
        line = raw[:MAX_FILE_BYTES].count(b"\n") + 1
        problems.add(
            path,
            line,
            f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MiB "
            f"({os.stat(path).st_size} bytes; the limit is passed on this line)",
            "content files are text of a few kilobytes: split the article, "
            "or check that this is the file you meant to add",
        )
        return None
    if not raw.strip():
        problems.add(path, None, "the file is empty", "write the content, or delete the file")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.warn(path, 1, "the file starts with a byte-order mark (accepted)", "save it as UTF-8 without BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(
            path,
            line,
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded)",
            "save the file with UTF-8 encoding",
        )
        return None
    if "\x00" in text:
        problems.add(
            path,
            text[: text.index("\x00")].count("\n") + 1,
            "the file contains a NUL byte",
            "remove the NUL character; is this a binary file?",
        )
        return None
    if "\r\n" in text:
        problems.warn(
            path,
            text[: text.index("\r\n")].count("\n") + 1,
            "the file has Windows (CRLF) line ends (accepted)",
            "save it with LF line ends",
        )
        text = text.replace("\r\n", "\n")
    if "\r" in text:
        problems.add(
            path,
            text[: text.index("\r")].count("\n") + 1,
            "the file contains a lone carriage return",
            "save it with LF line ends",
        )
        return None
    return text


def _index_lines(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[("key",) + location + (key,)] = key_node.start_mark.line + 1
            _index_lines(value_node, location + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, location + (index,), lines)


class RefusedYaml(yaml.MarkedYAMLError):
    """YAML that is valid but not accepted in content: the line, what is wrong and how to fix it."""

    def __init__(self, message: str, hint: str, mark: yaml.Mark):
        super().__init__(problem=message, problem_mark=mark)
        self.hint = hint


if hasattr(yaml, "CSafeLoader"):

    class _SafeLoader(Composer, yaml.CSafeLoader):
        """libyaml's parser (many times faster; PyYAML's wheels have it) under PyYAML's composer,
        so that each node can be looked at before it is composed."""

        def __init__(self, stream: str):
            yaml.CSafeLoader.__init__(self, stream)
            Composer.__init__(self)
else:  # pragma: no cover - PyYAML without libyaml
    _SafeLoader = yaml.SafeLoader


class _UniqueKeyLoader(_SafeLoader):
    """A safe loader that refuses anchors, aliases, deep nesting, keys that are not scalars and duplicate keys.

    Anchors and aliases are refused in compose_node, as the parser meets
    them: no alias is ever followed, so an alias bomb costs nothing.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise RefusedYaml(
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the value out in full (content files use no anchors or aliases); "
                "text that starts with '*' must be in double quotes",
                event.start_mark,
            )
        if event.anchor is not None:
            raise RefusedYaml(
                f"YAML anchor '&{event.anchor}' is not allowed",
                "remove the anchor and write each value out in full (content files use no "
                "anchors or aliases); text that starts with '&' must be in double quotes",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                raise RefusedYaml(
                    f"the data is nested more than {MAX_NESTING} levels deep",
                    "content files need a few levels only: check the indentation and brackets",
                    event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as error:  # e.g. a date like 2024-13-40, a 5000-digit number
            raise RefusedYaml(
                f"the value cannot be read: {error}",
                "correct the value, or put it in double quotes to make it text",
                node.start_mark,
            ) from None

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise RefusedYaml(
                    "a key is a list or a mapping",
                    "write each key as a plain name, "
                    "e.g. 'title:' (a line starting with '?', '[' or '{' before ':' makes such a key)",
                    key_node.start_mark,
                )
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first on line {seen[key]})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _last_line(text: str) -> int:
    """The number of the file's last line (a final line end starts no new line): errors at the end point there."""
    return max(1, text.count("\n") + (0 if text.endswith("\n") else 1))


def load_yaml(path: Path, problems: Problems, *, root: Path) -> YamlFile | None:
    """Parse `path` (a file inside the project folder `root`); on any problem record it and return None."""
    kept = file_memo.recall(path, root)
    if kept is not None:  # read and checked as it is before: its parse is in the text memo (or made again)
        parsed = _parse(path, kept, problems)
        if parsed is not None and parsed[0] is not None:
            return YamlFile(path, kept, *parsed)
    found = len(problems.items)
    text = read_text(path, problems, root=root)
    if text is None:
        return None
    parsed = _parse(path, text, problems)
    if parsed is None:
        return None
    data, lines = parsed
    if data is None:
        problems.add(path, None, "the file holds no data", "write the content, or delete the file")
        return None
    document = YamlFile(path, text, data, lines)
    if not _no_control_characters(document, problems):
        return None
    if len(problems.items) == found:  # not even a warning: those are reported on every load
        file_memo.keep(path, root, text)
    return document


def parse_text(path: Path, text: str, problems: Problems) -> tuple[Any, dict[Location, int]] | None:
    """YAML `text` found inside `path` (a page's front matter), read by the same rules as a content file."""
    parsed = _parse(path, text, problems)
    if parsed is not None and not _no_control_characters(YamlFile(path, text, *parsed), problems):
        return None
    return parsed


def _parse(path: Path, text: str, problems: Problems) -> tuple[Any, dict[Location, int]] | None:
    """The data and lines of `text`: from the memo if this very text parsed before, else parsed here.

    Only a text that parsed without a refusal is remembered, and only when its
    data comes back from JSON unchanged (no dates, no keys other than text).
    """
    known = text_memo.get("yaml", text)
    if isinstance(known, str):
        known = json.loads(known)
        return known["data"], {tuple(location): line for location, line in known["lines"]}
    loader = _UniqueKeyLoader(text)
    try:  # parse once: the node tree gives the lines, then the data is built from it
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except RefusedYaml as error:
        problems.add(path, min(error.problem_mark.line + 1, _last_line(text)), error.problem, error.hint)
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = min(mark.line + 1, _last_line(text)) if mark else None
        what = error.problem or str(error)
        problems.add(
            path,
            line,
            f"YAML syntax error: {what}",
            "check indentation and quoting on that line; quote text that contains ': ' or starts with a special character",
        )
        return None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML always marks
        problems.add(path, None, f"YAML error: {error}", "check the file's syntax")
        return None
    finally:
        loader.dispose()
    lines: dict[Location, int] = {}
    if node is not None:
        _index_lines(node, (), lines)
    # Kept as JSON text: each build gets its own copy of the data, whatever the loader does with it.
    parsed = {"data": data, "lines": [[list(location), line] for location, line in lines.items()]}
    try:
        encoded = json.dumps(parsed, ensure_ascii=False)
        if json.loads(encoded) == parsed:
            text_memo.offer("yaml", text, encoded)
    except (TypeError, ValueError):  # a date, or a value JSON cannot hold: this text is parsed every time
        pass
    return data, lines


# Characters no text of the guide needs, that can hide or disguise what a reader sees: C0 and
# C1 controls (a NUL, a terminal escape, Python-Markdown's own placeholder marks \x02/\x03), DEL,
# and the bidi overrides that reverse how text is shown (the marks and isolates Arabic uses stay).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202d\u202e]")


def _no_control_characters(document: YamlFile, problems: Problems) -> bool:
    """Refuse control characters in any key or text value of `document` (written as YAML escapes)."""
    if "\\" not in document.text and not _CONTROL.search(document.text):
        return True  # a value holds only characters of the text, or what a backslash escape writes
    clean = True

    def walk(value: Any, location: Location) -> None:
        nonlocal clean
        if isinstance(value, dict):
            for key, item in value.items():
                walk(key, location)
                walk(item, location + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, location + (index,))
        elif isinstance(value, str):
            found = _CONTROL.search(value)
            if found:
                clean = False
                problems.add(
                    document.path,
                    document.line_of(location),
                    f"a control character (U+{ord(found.group()):04X}) in "
                    f"'{'.'.join(map(str, location)) or 'the file'}'",
                    "remove it: text needs no control characters (line ends and tabs are fine)",
                )

    walk(document.data, ())
    return clean
