"""Compare each translation with its source: what does not line up, where, and how to fix it.

A translation must keep the source's structure: the same headings (level and
numbering), the same links, the same numbers, and no ``TODO(translate)``
marker left from `netguide new`. Ids of myths and checklist items are already
checked by the loader; this module compares the text itself, and warns about
UI strings still identical to the default language.

A translation whose source changed since it was stamped (outdated) is held
to its source more loosely: the site shows it with an "outdated" notice, so
headings, numbers and links missing from it are warnings until it is
updated. A link the source does not have anywhere stays an error: a
translation must never lead readers somewhere its source does not.

Everything here is part of :func:`netguide.content.validation.validate`,
which both `mkdocs build` and `netguide check` run.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import text_memo
from .markdown import heading_numbering, parse
from .problems import Problem
from .yamlfile import YamlFile

#: What `netguide new` puts before every text still to translate (content/scaffold.py makes it).
MARKER = "TODO(translate):"

_NUMBER = re.compile(r"\d+")  # any script's decimal digits, e.g. Arabic-Indic ٣٠
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Locale keys whose value may rightly equal the default language's.
LOCALE_KEYS_NOT_TRANSLATED = {"language", "language_name", "direction", "language_names"}


def normalise_number(digits: str) -> str:
    """'٣٠', '۳۰' and '030' all become '30'."""
    return str(int(digits))


@dataclass
class Heading:
    level: int
    numbering: str
    text: str
    line: int  # 0-based line in the body

    def key(self) -> tuple[int, str]:
        return self.level, self.numbering

    def __str__(self) -> str:
        return f"{'#' * self.level} {self.text}"


@dataclass
class Block:
    """One top-level block of the body (paragraph, heading, list, …) and what it holds."""

    kind: str
    line: int  # 0-based
    numbers: list[tuple[str, int]] = field(default_factory=list)  # (number, 0-based line)
    links: list[tuple[str, int]] = field(default_factory=list)  # (target, 0-based line)


@dataclass
class Outline:
    headings: list[Heading]
    blocks: list[Block]

    @property
    def numbers(self) -> list[tuple[str, int]]:
        return [n for b in self.blocks for n in b.numbers]

    @property
    def links(self) -> list[tuple[str, int]]:
        return [link for b in self.blocks for link in b.links]


def _numbers_in(text: str, line: int) -> list[tuple[str, int]]:
    found = []
    for offset, part in enumerate(text.split("\n")):
        found += [(normalise_number(m.group()), line + offset) for m in _NUMBER.finditer(part)]
    return found


def _outline_as_json(value: Outline) -> dict:
    return {
        "headings": [[h.level, h.numbering, h.text, h.line] for h in value.headings],
        "blocks": [[b.kind, b.line, b.numbers, b.links] for b in value.blocks],
    }


def _outline_from_json(data: dict) -> Outline:
    return Outline(
        [Heading(*h) for h in data["headings"]],
        [
            Block(kind, line, [tuple(n) for n in numbers], [tuple(link) for link in links])
            for kind, line, numbers, links in data["blocks"]
        ],
    )


@functools.cache
def outline(body: str) -> Outline:
    """:func:`parse_outline`, remembered between builds (:mod:`.text_memo`); treat it as read-only."""
    return text_memo.remembered("outline", body, parse_outline, encode=_outline_as_json, decode=_outline_from_json)


def parse_outline(body: str) -> Outline:
    """The structure of a Markdown body: headings, and the numbers and links of each top-level block.

    Remembered by text (the build compares and resolves links of the same
    bodies on every `mkdocs serve` rebuild): treat the result as read-only.
    """
    headings: list[Heading] = []
    blocks: list[Block] = []
    tokens = parse(body)
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting in (0, 1) and token.map:
            kind = token.tag if token.type == "heading_open" else token.type.removesuffix("_open")
            blocks.append(Block(kind, token.map[0]))
        if not blocks:
            continue
        block = blocks[-1]
        if token.type == "heading_open" and token.map:
            text = tokens[index + 1].content.strip()
            numbering = heading_numbering(text)
            headings.append(Heading(int(token.tag[1:]), numbering.group(1) if numbering else "", text, token.map[0]))
        if token.type in ("fence", "code_block") and token.map:
            block.numbers += _numbers_in(token.content, token.map[0] + (1 if token.type == "fence" else 0))
        if token.type == "inline" and token.map:
            line = token.map[0]
            for child in token.children or []:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type in ("text", "code_inline"):
                    block.numbers += _numbers_in(child.content, line)
                    line += child.content.count("\n")
                elif child.type == "link_open":
                    block.links.append((str(child.attrs.get("href", "")), line))
                elif child.type == "image":
                    block.links.append((str(child.attrs.get("src", "")), line))
    return Outline(headings, blocks)


@dataclass
class Side:
    """One language version being compared: its file, the line where its body starts, its outline."""

    path: Path
    first_line: int  # 1-based file line of the body's first line
    outline: Outline

    def at(self, body_line: int) -> int:
        return self.first_line + body_line


def _compare_headings(source: Side, translation: Side) -> list[Problem]:
    problems = []
    ours, theirs = translation.outline.headings, source.outline.headings
    matcher = difflib.SequenceMatcher(a=[h.key() for h in theirs], b=[h.key() for h in ours], autojunk=False)
    body_end = translation.outline.blocks[-1].line + 1 if translation.outline.blocks else 0
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(a2 - a1, b2 - b1) if op == "replace" else 0
        for offset in range(pairs):
            mine, source_heading = ours[b1 + offset], theirs[a1 + offset]
            problems.append(
                Problem(
                    translation.path,
                    translation.at(mine.line),
                    f"heading '{mine}' does not match the source's '{source_heading}' "
                    f"({source.path.name} line {source.at(source_heading.line)})",
                    f"use level {'#' * source_heading.level} and the numbering '{source_heading.numbering or 'none'}' as in the source",
                )
            )
        for mine in ours[b1 + pairs : b2]:
            problems.append(
                Problem(
                    translation.path,
                    translation.at(mine.line),
                    f"extra heading '{mine}': the source has {len(theirs)} heading{'s' if len(theirs) != 1 else ''}, this translation {len(ours)}",
                    "remove the heading or turn it into text; headings must match the source one to one",
                )
            )
        where = ours[b2].line if b2 < len(ours) else body_end
        for missing in theirs[a1 + pairs : a2]:
            problems.append(
                Problem(
                    translation.path,
                    translation.at(where),
                    f"heading '{missing}' of the source ({source.path.name} line {source.at(missing.line)}) is missing here",
                    f"add it with the same level and numbering: {'#' * missing.level} {missing.numbering + ' ' if missing.numbering else ''}…",
                )
            )
    return problems


def _compare_counted(
    kind: str,
    source: Side,
    translation: Side,
    ours: list[tuple[str, int]],
    theirs: list[tuple[str, int]],
    where_missing: int,
    source_line: int,
    hint_extra: str,
    hint_missing: str,
    extra_severity: str = "error",
    missing_severity: str = "error",
) -> list[Problem]:
    problems = []
    part = "body" if source_line < 0 else f"paragraph ({source.path.name} line {source.at(source_line)})"
    has = ", ".join(v for v, _ in theirs) or "none"
    hint_extra = f"{hint_extra}; the source {part} has: {has}"
    extra = Counter(v for v, _ in ours) - Counter(v for v, _ in theirs)
    missing = Counter(v for v, _ in theirs) - Counter(v for v, _ in ours)
    for value, line in reversed(ours):  # report the last occurrences: most likely the added ones
        if extra[value] > 0:
            extra[value] -= 1
            problems.append(
                Problem(
                    translation.path,
                    translation.at(line),
                    f"{kind} '{value}' is not in the source here",
                    hint_extra,
                    extra_severity,
                )
            )
    for value, line in theirs:
        if missing[value] > 0:
            missing[value] -= 1
            problems.append(
                Problem(
                    translation.path,
                    translation.at(where_missing),
                    f"{kind} '{value}' of the source ({source.path.name} line {source.at(line)}) is missing",
                    hint_missing.format(value=value),
                    missing_severity,
                )
            )
    return sorted(problems, key=lambda p: p.line or 0)


_NUMBER_HINTS = (
    "use the source's numbers (in digits; ٠-٩ digits count as 0-9)",
    "write the number {value} in digits as the source does",
)
_LINK_HINTS = (
    "link only to what the source links to (same target)",
    "keep the link to {value} from the source ([text](target))",
)


def _compare_contents(source: Side, translation: Side, outdated: bool) -> list[Problem]:
    """Numbers and links: block by block when the blocks line up, else over the whole body.

    For an outdated translation links are compared over the whole body, and
    only a link the source has nowhere is an error.
    """
    ours, theirs = translation.outline.blocks, source.outline.blocks
    problems = []
    whole = (
        -1,
        -1,
        source.outline.numbers,
        translation.outline.numbers,
        source.outline.links,
        translation.outline.links,
    )
    if [b.kind for b in ours] == [b.kind for b in theirs]:
        parts = [
            (mine.line, src.line, src.numbers, mine.numbers, src.links, mine.links)
            for mine, src in zip(ours, theirs, strict=False)
        ]
    else:
        parts = [whole]
    numbers = "warning" if outdated else "error"
    for line, source_line, source_numbers, found, source_links, links in parts:
        problems += _compare_counted(
            "number", source, translation, found, source_numbers, line, source_line, *_NUMBER_HINTS, numbers, numbers
        )
        if not outdated:
            problems += _compare_counted(
                "link to", source, translation, links, source_links, line, source_line, *_LINK_HINTS
            )
    if outdated:
        line, source_line, _, _, source_links, links = whole
        problems += _compare_counted(
            "link to", source, translation, links, source_links, line, source_line, *_LINK_HINTS, "error", "warning"
        )
    return problems


def compare_bodies(
    source_body: str,
    source_path: Path,
    source_first_line: int,
    body: str,
    path: Path,
    first_line: int,
    outdated: bool = False,
) -> list[Problem]:
    """Every structural difference of a translated body from its source body.

    `outdated`: the source changed since the translation was stamped; see the module's doc.
    """
    source = Side(source_path, source_first_line, outline(source_body))
    translation = Side(path, first_line, outline(body))
    headings = _compare_headings(source, translation)
    if outdated:
        headings = [dataclasses.replace(p, severity="warning") for p in headings]
    return headings + _compare_contents(source, translation, outdated)


def find_markers(text: str, path: Path, severity: str = "error") -> list[Problem]:
    """Every line still holding a TODO(translate) marker."""
    return [
        Problem(
            path,
            number,
            "text not translated yet (TODO(translate) marker)",
            f"translate the text and delete '{MARKER}'",
            severity,
        )
        for number, line in enumerate(text.split("\n"), 1)
        if MARKER in line
    ]


def body_start(document: YamlFile) -> int:
    """1-based file line of the body's first line (a `body: |` block starts on the next line)."""
    line = document.line_of(("body",)) or 1
    value = (
        document.text.split("\n")[line - 1].split(":", 1)[-1].strip() if line <= document.text.count("\n") + 1 else ""
    )
    return line + 1 if value[:1] in ("|", ">") else line


def _stamp(document: YamlFile) -> dict | None:
    stamp = document.data.get("translated_from") if isinstance(document.data, dict) else None
    return stamp if isinstance(stamp, dict) else None


def review_translation(translation: YamlFile, source_hash: str) -> list[Problem]:
    """The translator's to-do for a translation that is fine to publish: outdated (a warning)."""
    stamp = _stamp(translation)
    if stamp is None or str(stamp.get("source_hash")) in ("TODO", source_hash):
        return []
    name = f"{translation.path.parent.name} {translation.path.stem}"
    return [
        Problem(
            translation.path,
            translation.line_of(("translated_from", "source_hash")),
            "outdated: the source changed since this translation was stamped",
            f"update the translation to the source (git diff shows what changed), then run `netguide stamp {name}`",
            "warning",
        )
    ]


def compare_translation(source: YamlFile, translation: YamlFile, source_hash: str) -> list[Problem]:
    """What must be fixed in the translation before it is published: stamp, headings, numbers, links.

    (Markers are found in every file by :func:`find_markers`; outdated is :func:`review_translation`.)
    The memo remembers a pair of files that compared clean (problems are looked for every time).
    """
    pair = "\0".join((str(source.path), str(translation.path), source_hash, source.text, translation.text))
    if text_memo.known("compared_clean", pair):
        return []
    problems = _compare_translation(source, translation, source_hash)
    if not problems:
        text_memo.offer("compared_clean", pair, True)
    return problems


def _compare_translation(source: YamlFile, translation: YamlFile, source_hash: str) -> list[Problem]:
    problems = []
    data = translation.data
    stamp = _stamp(translation)
    outdated = False
    if stamp is not None:
        if str(stamp.get("source_hash")) == "TODO":
            name = f"{translation.path.parent.name} {translation.path.stem}"
            problems.append(
                Problem(
                    translation.path,
                    translation.line_of(("translated_from", "source_hash")),
                    "the translation is not stamped (source_hash: TODO)",
                    f"when it matches the source, run `netguide stamp {name}`",
                )
            )
        else:
            outdated = str(stamp.get("source_hash")) != source_hash
    if isinstance(source.data, dict) and isinstance(source.data.get("body"), str) and isinstance(data.get("body"), str):
        problems += compare_bodies(
            source.data["body"],
            source.path,
            body_start(source),
            data["body"],
            translation.path,
            body_start(translation),
            outdated,
        )
    return problems


def check_translation(source: YamlFile, translation: YamlFile, source_hash: str) -> list[Problem]:
    """The translation's text against its source: markers, stamp, headings, numbers, links, outdated."""
    return (
        find_markers(translation.text, translation.path)
        + compare_translation(source, translation, source_hash)
        + review_translation(translation, source_hash)
    )


def untranslated_strings(locales: dict[str, YamlFile], default: str) -> list[Problem]:
    """Warnings for UI strings identical to the default language's (probably not translated)."""
    problems: list[Problem] = []
    reference = locales.get(default)
    for code, document in locales.items():
        if reference is None or code == default or not isinstance(document.data, dict):
            continue
        for key, value in document.data.items():
            if key in LOCALE_KEYS_NOT_TRANSLATED or not isinstance(value, str):
                continue
            if value != reference.data.get(key) or not re.search(r"[^\W\d_]", _PLACEHOLDER.sub("", value)):
                continue
            problems.append(
                Problem(
                    document.path,
                    document.line_of((key,)),
                    f"'{key}' is the same as in {default}.yml: not translated yet?",
                    f"translate it; if it is really the same in {code}, ignore this warning",
                    "warning",
                )
            )
    return problems


def check_locales(locales: dict[str, YamlFile], default: str) -> list[Problem]:
    """Markers left in locale files, and UI strings identical to the default language's (all warnings)."""
    problems: list[Problem] = []
    for document in locales.values():
        problems += find_markers(document.text, document.path, "warning")
    return problems + untranslated_strings(locales, default)
