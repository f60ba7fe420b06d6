"""Scaffold a new translation of an article from its source version.

The new file has the same myth and checklist ids and the same body structure
as the source: every heading keeps its level and numbering, links and
numbers stay where they are. Each piece of text is the source text prefixed
with ``TODO(translate):``; `netguide check` fails while any marker remains,
so a half-done translation cannot slip into the site unnoticed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from ..content.model import content_hash
from ..content.problems import ContentError, Problem, Problems
from ..content.yamlfile import YamlFile, load_yaml

MARKER = "TODO(translate):"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/translation.schema.json"

_parser = MarkdownIt("commonmark")
_NUMBERING = re.compile(r"^((?:\d+|[A-Za-z])[.)]\s+)")


def body_line(document: YamlFile) -> int | None:
    return document.line_of(("body",))


def mark(text: str) -> str:
    return f"{MARKER} {text.strip()}"


def mark_body(body: str) -> str:
    """The body with a marker at the start of every paragraph and heading text.

    Headings keep their `##` and numbering (`## 2. TODO(translate): …`);
    code blocks are left alone.
    """
    lines = body.split("\n")
    tokens = _parser.parse(body)
    for index, token in enumerate(tokens):
        if token.type not in ("paragraph_open", "heading_open") or not token.map:
            continue
        inline = tokens[index + 1]
        first = inline.content.split("\n", 1)[0].strip()
        if not first:
            continue
        number = token.map[0]
        line = lines[number]
        at = line.find(first)
        if at < 0:
            continue
        if token.type == "heading_open":
            numbering = _NUMBERING.match(first)
            if numbering:
                at += len(numbering.group(1))
        lines[number] = f"{line[:at]}{MARKER} {line[at:]}"
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _literal_block(text: str) -> str:
    """`text` as a YAML literal block scalar (`body: |`) indented by two spaces."""
    chomp = "+" if text.endswith("\n\n") else "" if text.endswith("\n") else "-"
    first = next((line for line in text.split("\n") if line.strip()), "")
    indicator = "2" if first.startswith(" ") else ""
    content = "\n".join(f"  {line}" if line.strip() else "" for line in text.rstrip("\n").split("\n"))
    return f"|{indicator}{chomp}\n{content}\n"


def render(language: str, source: YamlFile, source_language: str, source_hash: str,
           myth_ids: list[str], checklist_ids: list[str]) -> str:
    data = source.data
    lines = [
        SCHEMA_LINE,
        f"# Translated from {source_language}.yml. Replace each marked text with its translation and",
        "# delete the marker; keep ids, headings, numbers and links as in the source; then run `netguide check`.",
        f"language: {language}",
        f"title: {_quoted(mark(data['title']))}",
        f"summary: {_quoted(mark(data['summary']))}",
        "translated_from:",
        f"  language: {source_language}",
        f"  source_hash: {_quoted(source_hash)}",
        "myths:" if myth_ids else "myths: {}",
    ]
    for myth_id in myth_ids:
        myth = data["myths"][myth_id]
        lines += [f"  {myth_id}:", f"    myth: {_quoted(mark(myth['myth']))}", f"    fact: {_quoted(mark(myth['fact']))}"]
    lines.append("checklist:" if checklist_ids else "checklist: {}")
    lines += [f"  {item}: {_quoted(mark(str(data['checklist'][item])))}" for item in checklist_ids]
    return "\n".join(lines) + "\nbody: " + _literal_block(mark_body(data["body"]))


def scaffold(content_dir: Path, article_id: str, language: str, force: bool = False) -> Path:
    """Write content/articles/<article_id>/<language>.yml; returns its path."""
    folder = content_dir / "articles" / article_id
    meta_path = folder / "article.yml"
    target = folder / f"{language}.yml"
    if not meta_path.exists():
        known = ", ".join(sorted(p.parent.name for p in (content_dir / "articles").glob("*/article.yml"))) or "none"
        raise ContentError([Problem(folder, None, f"no article '{article_id}'", f"use one of: {known}")])
    problems = Problems()
    meta = load_yaml(meta_path, problems)
    problems.raise_if_errors()
    source_language = str(meta.data.get("source_language"))
    originals = [str(code) for code in meta.data.get("originals") or []]
    if language == source_language or language in originals:
        raise ContentError([Problem(target, None, f"{language} is an original of this article, not a translation",
                                    "edit the file itself; translations are made from it")])
    if target.exists() and not force:
        raise ContentError([Problem(target, None, "the translation already exists",
                                    "edit it, or pass --force to replace it with a fresh scaffold")])
    source_path = folder / f"{source_language}.yml"
    if not source_path.exists():
        raise ContentError([Problem(source_path, None, "the source version is missing",
                                    f"write {source_path.name} before translating it")])
    source = load_yaml(source_path, problems)
    problems.raise_if_errors()
    data = source.data
    myth_ids = [str(i) for i in meta.data.get("myths") or []]
    checklist_ids = [str(i) for i in meta.data.get("checklist") or []]
    for field, ids in (("myths", myth_ids), ("checklist", checklist_ids)):
        missing = [i for i in ids if i not in (data.get(field) or {})]
        if missing:
            problems.add(source_path, source.key_line((field,)), f"{field} ids {missing} of article.yml are missing",
                         "complete the source before translating it")
    if not isinstance(data.get("body"), str) or not data.get("title") or not data.get("summary"):
        problems.add(source_path, None, "the source has no title, summary or body", "complete the source first")
    problems.raise_if_errors()
    text = render(language, source, source_language, content_hash(source.text), myth_ids, checklist_ids)
    written = yaml.safe_load(text)  # the scaffold must read back as what was meant
    if written.get("body") != mark_body(data["body"]) or list(written.get("checklist") or []) != checklist_ids:
        raise ContentError([Problem(source_path, body_line(source), "this source cannot be scaffolded faithfully",
                                    f"copy {source_path.name} to {target.name} and translate it by hand")])
    target.write_text(text, encoding="utf-8")
    return target
