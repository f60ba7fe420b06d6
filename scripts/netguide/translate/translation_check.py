"""Compare each translation with its source: what does not line up, where, and how to fix it.

A translation must keep the source's structure: the same headings (level and
numbering), the same links, the same numbers, and no ``TODO(translate)``
marker left from `netguide new`. Ids of myths and checklist items are already
checked by the loader; this module adds the comparison of the text itself,
and a warning for UI strings still identical to the default language.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..content.folders import article_folders, find_article, language_file, language_files, meta_file, yaml_files
from ..content.loader import load_guide
from ..content.markdown import heading_numbering, parse
from ..content.model import content_hash
from ..content.problems import ContentError, Problem, Problems
from ..content.yamlfile import YamlFile, load_yaml, read_text
from ..pdf.checklists import unprintable
from .scaffold import MARKER

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
    links: list[tuple[str, int]] = field(default_factory=list)    # (target, 0-based line)


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


def outline(body: str) -> Outline:
    """The structure of a Markdown body: headings, and the numbers and links of each top-level block."""
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
            problems.append(Problem(
                translation.path, translation.at(mine.line),
                f"heading '{mine}' does not match the source's '{source_heading}' "
                f"({source.path.name} line {source.at(source_heading.line)})",
                f"use level {'#' * source_heading.level} and the numbering '{source_heading.numbering or 'none'}' as in the source"))
        for mine in ours[b1 + pairs:b2]:
            problems.append(Problem(
                translation.path, translation.at(mine.line),
                f"extra heading '{mine}': the source has {len(theirs)} heading{'s' if len(theirs) != 1 else ''}, this translation {len(ours)}",
                "remove the heading or turn it into text; headings must match the source one to one"))
        where = ours[b2].line if b2 < len(ours) else body_end
        for missing in theirs[a1 + pairs:a2]:
            problems.append(Problem(
                translation.path, translation.at(where),
                f"heading '{missing}' of the source ({source.path.name} line {source.at(missing.line)}) is missing here",
                f"add it with the same level and numbering: {'#' * missing.level} {missing.numbering + ' ' if missing.numbering else ''}…"))
    return problems


def _compare_counted(kind: str, source: Side, translation: Side, ours: list[tuple[str, int]],
                     theirs: list[tuple[str, int]], where_missing: int, source_line: int,
                     hint_extra: str, hint_missing: str) -> list[Problem]:
    problems = []
    part = "body" if source_line < 0 else f"paragraph ({source.path.name} line {source.at(source_line)})"
    has = ", ".join(v for v, _ in theirs) or "none"
    hint_extra = f"{hint_extra}; the source {part} has: {has}"
    extra = Counter(v for v, _ in ours) - Counter(v for v, _ in theirs)
    missing = Counter(v for v, _ in theirs) - Counter(v for v, _ in ours)
    for value, line in reversed(ours):  # report the last occurrences: most likely the added ones
        if extra[value] > 0:
            extra[value] -= 1
            problems.append(Problem(translation.path, translation.at(line),
                                    f"{kind} '{value}' is not in the source here", hint_extra))
    for value, line in theirs:
        if missing[value] > 0:
            missing[value] -= 1
            problems.append(Problem(translation.path, translation.at(where_missing),
                                    f"{kind} '{value}' of the source ({source.path.name} line {source.at(line)}) is missing",
                                    hint_missing.format(value=value)))
    return sorted(problems, key=lambda p: p.line or 0)


def _compare_contents(source: Side, translation: Side) -> list[Problem]:
    """Numbers and links: block by block when the blocks line up, else over the whole body."""
    number_hints = ("use the source's numbers (in digits; ٠-٩ digits count as 0-9)",
                    "write the number {value} in digits as the source does")
    link_hints = ("link only to what the source links to (same target)",
                  "keep the link to {value} from the source ([text](target))")
    ours, theirs = translation.outline.blocks, source.outline.blocks
    problems = []
    if [b.kind for b in ours] == [b.kind for b in theirs]:
        parts = [(mine.line, src.line, src.numbers, mine.numbers, src.links, mine.links) for mine, src in zip(ours, theirs)]
    else:
        parts = [(-1, -1, source.outline.numbers, translation.outline.numbers, source.outline.links, translation.outline.links)]
    for line, source_line, source_numbers, numbers, source_links, links in parts:
        problems += _compare_counted("number", source, translation, numbers, source_numbers, line, source_line, *number_hints)
        problems += _compare_counted("link to", source, translation, links, source_links, line, source_line, *link_hints)
    return problems


def compare_bodies(source_body: str, source_path: Path, source_first_line: int,
                   body: str, path: Path, first_line: int) -> list[Problem]:
    """Every structural difference of a translated body from its source body."""
    source = Side(source_path, source_first_line, outline(source_body))
    translation = Side(path, first_line, outline(body))
    return _compare_headings(source, translation) + _compare_contents(source, translation)


def find_markers(text: str, path: Path, severity: str = "error") -> list[Problem]:
    """Every line still holding a TODO(translate) marker."""
    return [Problem(path, number, "text not translated yet (TODO(translate) marker)",
                    f"translate the text and delete '{MARKER}'", severity)
            for number, line in enumerate(text.split("\n"), 1) if MARKER in line]


def body_start(document: YamlFile) -> int:
    """1-based file line of the body's first line (a `body: |` block starts on the next line)."""
    line = document.line_of(("body",)) or 1
    value = document.text.split("\n")[line - 1].split(":", 1)[-1].strip() if line <= document.text.count("\n") + 1 else ""
    return line + 1 if value[:1] in ("|", ">") else line


def check_translation(source: YamlFile, translation: YamlFile, source_hash: str) -> list[Problem]:
    """The translation's text against its source: markers, stamp, headings, numbers, links."""
    problems = find_markers(translation.text, translation.path)
    data = translation.data
    stamp = data.get("translated_from") if isinstance(data.get("translated_from"), dict) else None
    if stamp is not None:
        line = translation.line_of(("translated_from", "source_hash"))
        name = f"{translation.path.parent.name} {translation.path.stem}"
        if str(stamp.get("source_hash")) == "TODO":
            problems.append(Problem(translation.path, line, "the translation is not stamped (source_hash: TODO)",
                                    f"when it matches the source, run `netguide stamp {name}`"))
        elif str(stamp.get("source_hash")) != source_hash:
            problems.append(Problem(translation.path, line, "outdated: the source changed since this translation was stamped",
                                    f"update the translation to the source (git diff shows what changed), then run `netguide stamp {name}`",
                                    "warning"))
    if isinstance(source.data.get("body"), str) and isinstance(data.get("body"), str):
        problems += compare_bodies(source.data["body"], source.path, body_start(source),
                                   data["body"], translation.path, body_start(translation))
    return problems


def check_locales(locales: dict[str, YamlFile], default: str) -> list[Problem]:
    """Warnings for UI strings identical to the default language's (probably not translated)."""
    problems: list[Problem] = []
    reference = locales.get(default)
    for code, document in locales.items():
        problems += find_markers(document.text, document.path, "warning")
        if reference is None or code == default or not isinstance(document.data, dict):
            continue
        for key, value in document.data.items():
            if key in LOCALE_KEYS_NOT_TRANSLATED or not isinstance(value, str):
                continue
            if value != reference.data.get(key) or not re.search(r"[^\W\d_]", _PLACEHOLDER.sub("", value)):
                continue
            problems.append(Problem(document.path, document.line_of((key,)),
                                    f"'{key}' is the same as in {default}.yml: not translated yet?",
                                    f"translate it; if it is really the same in {code}, ignore this warning", "warning"))
    return problems


def check_language_names(locales: dict[str, YamlFile], languages: list[str]) -> list[Problem]:
    """Warnings for a locale that does not name every language of the site in its own language."""
    from .languages import cldr_name, styled_like

    problems: list[Problem] = []
    for code, document in locales.items():
        names = document.data.get("language_names") if isinstance(document.data, dict) else None
        if not isinstance(names, dict):
            continue  # the schema check reports it
        for other in languages:
            if other in names:
                continue
            said = cldr_name(other, code)
            entry = f"'{other}: {styled_like(said, [str(v) for v in names.values()])}' (the Unicode CLDR's name)" \
                if said else f"'{other}: …' with the name of '{other}' in {code}"
            problems.append(Problem(document.path, document.key_line(("language_names",)),
                                    f"language_names has no name for '{other}': pages in {code} would name it "
                                    "in its own language", f"add {entry} under language_names:", "warning"))
    return problems


def _in_scope(path: Path, folders: list[Path], language: str | None) -> bool:
    if language and path.suffix == ".yml" and path.name != "article.yml" and path.stem != language:
        return False
    return any(path == folder or folder in path.parents for folder in folders)


def check_project(content_dir: Path, locales_dir: Path, languages: list[str], default: str,
                  article_id: str | None = None, language: str | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  extra_files: list[Path] = ()) -> list[Problem]:
    """Every problem of the content (loader + comparison); limited to one article/language when given.

    `extra_files` are other hand-written files (docs pages) scanned for leftover markers, as warnings.
    """
    problems = Problems()
    try:
        guide = load_guide(content_dir, locales_dir, languages, default, problems)
    except ContentError:
        pass  # its problems are in `problems`; the comparison below still runs
    else:
        problems.items += unprintable(guide).items  # characters the PDF checklists cannot show
    scratch = Problems()  # reading problems were reported by the loader already
    root = content_dir.parent
    folders = [find_article(content_dir, article_id)] if article_id is not None else article_folders(content_dir, scratch)
    scope = folders + ([locales_dir, content_dir / "glossary"] if article_id is None else [])
    found = list(problems.items) if article_id is None and language is None else [
        p for p in problems.items if _in_scope(p.path, scope, language)]
    for done, folder in enumerate(folders, 1):
        meta = load_yaml(meta_file(folder), scratch, root=root)
        if meta is not None and isinstance(meta.data, dict):
            source_language = str(meta.data.get("source_language"))
            originals = [str(code) for code in meta.data.get("originals") or []]
            source_path = language_file(folder, source_language)
            source = load_yaml(source_path, scratch, root=root) if source_path.exists() else None
            for path in language_files(folder):
                if path.stem in originals or path.stem == source_language:
                    continue
                if language and path.stem != language:
                    continue
                translation = load_yaml(path, scratch, root=root)
                if translation is None or not isinstance(translation.data, dict):
                    continue
                if source is None or not isinstance(source.data, dict):
                    found += find_markers(translation.text, path)
                    continue
                found += check_translation(source, translation, content_hash(source.text))
        if progress:
            progress(done, len(folders))
    if article_id is None:
        locale_files = {p.stem: load_yaml(p, scratch, root=root) for p in yaml_files(locales_dir)}
        locale_files = {code: doc for code, doc in locale_files.items()
                        if doc is not None and (language is None or code in (language, default))}
        found += [p for p in check_locales(locale_files, default) + check_language_names(locale_files, languages)
                  if language is None or p.path.stem == language]
        for path in yaml_files(content_dir / "glossary"):
            text = read_text(path, scratch, root=root)
            if text is not None and (language is None or path.stem == language):
                found += find_markers(text, path, "warning")
        for path in extra_files:
            if language is None or path.stem.endswith(language):
                found += find_markers(path.read_text(encoding="utf-8", errors="replace"), path, "warning")
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda p: (str(p.path), p.line or 0))
