"""Read a YAML content file strictly, keeping the line of every value.

Encoding rules: UTF-8 is required. A byte-order mark and CRLF line ends are
harmless, so they are accepted with a warning; bytes that are not UTF-8, NUL
bytes and empty files are rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

Location = tuple[Any, ...]


@dataclass
class YamlFile:
    path: Path
    text: str
    data: Any
    lines: dict[Location, int]  # key path -> 1-based line of its value

    def line_of(self, location: Location) -> int | None:
        """Line of the value at `location`, or of its nearest parent that has one."""
        location = tuple(location)
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location)

    def key_line(self, location: Location) -> int | None:
        return self.lines.get(("key",) + tuple(location)) or self.line_of(location)


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text with LF line ends, or None (and a problem) if it is unusable."""
    raw = path.read_bytes()
    if not raw.strip():
        problems.add(path, None, "the file is empty", "write the content, or delete the file")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.warn(path, 1, "the file starts with a byte-order mark (accepted)",
                      "save it as UTF-8 without BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(path, line, f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded)",
                     "save the file with UTF-8 encoding")
        return None
    if "\x00" in text:
        problems.add(path, text[: text.index("\x00")].count("\n") + 1, "the file contains a NUL byte",
                     "remove the NUL character; is this a binary file?")
        return None
    if "\r\n" in text:
        problems.warn(path, text[: text.index("\r\n")].count("\n") + 1,
                      "the file has Windows (CRLF) line ends (accepted)", "save it with LF line ends")
        text = text.replace("\r\n", "\n")
    if "\r" in text:
        problems.add(path, text[: text.index("\r")].count("\n") + 1, "the file contains a lone carriage return",
                     "save it with LF line ends")
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


# libyaml's parser when PyYAML has it (it does in its wheels): many times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):
    """A safe loader that refuses duplicate keys instead of keeping the last one."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None,
                    f"duplicate key {key!r} (first on line {seen[key]})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: Path, problems: Problems) -> YamlFile | None:
    """Parse `path`; on any problem record it and return None."""
    text = read_text(path, problems)
    if text is None:
        return None
    loader = _UniqueKeyLoader(text)
    try:  # parse once: the node tree gives the lines, then the data is built from it
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = error.problem or str(error)
        problems.add(path, line, f"YAML syntax error: {what}",
                     "check indentation and quoting on that line; quote text that contains ': ' or starts with a special character")
        return None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML always marks
        problems.add(path, None, f"YAML error: {error}", "check the file's syntax")
        return None
    finally:
        loader.dispose()
    lines: dict[Location, int] = {}
    if node is not None:
        _index_lines(node, (), lines)
    if data is None:
        problems.add(path, None, "the file holds no data", "write the content, or delete the file")
        return None
    return YamlFile(path, text, data, lines)
