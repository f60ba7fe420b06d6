"""Stamp translations with the version (content hash) of their source.

``translated_from.source_hash`` records which version of the source a
translation matches; when the source changes, the stamp no longer matches and
the translation shows as outdated. After updating a translation, its stamp is
set to the source's current hash. Only the ``source_hash:`` line is edited, so
comments, quoting and layout of the file stay as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content.model import content_hash
from ..content.problems import ContentError, Problem, Problems
from ..content.yamlfile import load_yaml, read_text


@dataclass(frozen=True)
class Stamp:
    path: Path
    old: str | None   # None: translated_from was added
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


def article_folders(content_dir: Path, article_id: str | None = None) -> list[Path]:
    """The article folders under content/articles, or just the one named."""
    articles_dir = content_dir / "articles"
    if article_id is not None:
        folder = articles_dir / article_id
        if not (folder / "article.yml").exists():
            known = ", ".join(p.name for p in article_folders(content_dir)) or "none"
            raise ContentError([Problem(folder, None, f"no article '{article_id}'", f"use one of: {known}")])
        return [folder]
    if not articles_dir.is_dir():
        return []
    return sorted(p for p in articles_dir.iterdir() if (p / "article.yml").exists())


def _set_hash(text: str, line: int, value: str) -> tuple[str, str]:
    lines = text.split("\n")
    match = re.match(r"^(\s*source_hash:[ \t]*)(['\"]?)([^'\"#\s]*)\2([ \t]*(#.*)?)$", lines[line - 1])
    if match is None:
        raise ValueError(lines[line - 1])
    quote = match.group(2) or ('"' if value.isdigit() else "")  # all-digit hashes would read as numbers
    lines[line - 1] = f"{match.group(1)}{quote}{value}{quote}{match.group(4)}"
    return "\n".join(lines), match.group(3)


def _insert_source(text: str, before_line: int, language: str, value: str) -> str:
    lines = text.split("\n")
    lines[before_line - 1:before_line - 1] = ["translated_from:", f"  language: {language}", f"  source_hash: \"{value}\""]
    return "\n".join(lines)


def stamp(content_dir: Path, article_id: str | None = None, language: str | None = None,
          dry_run: bool = False) -> list[Stamp]:
    """Set the source hash of the translations selected; returns one Stamp per translation seen."""
    stamps: list[Stamp] = []
    problems = Problems()
    for folder in article_folders(content_dir, article_id):
        meta = load_yaml(folder / "article.yml", problems)
        if meta is None or not isinstance(meta.data, dict) or "source_language" not in meta.data:
            problems.add(folder / "article.yml", None, "cannot read the article's source_language",
                         "fix article.yml first (`netguide check` shows how)")
            continue
        source_language = str(meta.data["source_language"])
        originals = [str(code) for code in meta.data.get("originals") or [source_language]]
        source_path = folder / f"{source_language}.yml"
        if not source_path.exists():
            problems.add(source_path, None, "the source version is missing", f"add {source_path.name} first")
            continue
        source_text = read_text(source_path, problems)
        if source_text is None:
            continue
        current = content_hash(source_text)
        for path in sorted(folder.glob("*.yml")):
            if path.name == "article.yml" or path.stem in originals or (language and path.stem != language):
                continue
            document = load_yaml(path, problems)
            if document is None or not isinstance(document.data, dict):
                continue
            text = path.read_text(encoding="utf-8")
            source = document.data.get("translated_from")
            if isinstance(source, dict) and ("translated_from", "source_hash") in document.lines:
                line = document.lines[("translated_from", "source_hash")]
                try:
                    new_text, old = _set_hash(text, line, current)
                except ValueError:
                    problems.add(path, line, "the source_hash line is not a simple 'source_hash: value' line",
                                 f"write it as 'source_hash: {current}'")
                    continue
            elif source is None and ("key", "myths") in document.lines:
                old = None
                new_text = _insert_source(text, document.lines[("key", "myths")], source_language, current)
            else:
                problems.add(path, document.key_line(("translated_from",)), "translated_from is malformed",
                             f"write it as translated_from: {{language: {source_language}, source_hash: {current}}}")
                continue
            stamps.append(Stamp(path, old, current))
            if not dry_run and old != current:
                path.write_text(new_text, encoding="utf-8")
        if language and not (folder / f"{language}.yml").exists() and article_id:
            problems.add(folder / f"{language}.yml", None, f"there is no {language} version of this article",
                         f"create it with `netguide new {folder.name} {language}`")
        if language and language in originals and article_id:
            problems.add(folder / f"{language}.yml", None, f"{language} is an original of this article, not a translation",
                         "originals have no source hash")
    problems.raise_if_errors()
    return stamps
