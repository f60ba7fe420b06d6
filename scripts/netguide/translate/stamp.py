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

from ..content.folders import article_folders, find_article, language_file, language_files, meta_file
from ..content.model import data_hash
from ..content.problems import Problems
from ..content.yamlfile import load_yaml


@dataclass(frozen=True)
class Stamp:
    path: Path
    old: str | None  # None: translated_from was added
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


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
    lines[before_line - 1 : before_line - 1] = [
        "translated_from:",
        f"  language: {language}",
        f'  source_hash: "{value}"',
    ]
    return "\n".join(lines)


def stamp(content_dir: Path, article_id: str | None = None, language: str | None = None) -> list[Stamp]:
    """Set the source hash of the translations selected; returns one Stamp per translation seen.

    Each translation is stamped with the current hash of the version its
    ``translated_from.language`` names: the source language, or a pivot.
    """
    stamps: list[Stamp] = []
    problems = Problems()
    root = content_dir.parent
    folders = (
        [find_article(content_dir, article_id)] if article_id is not None else article_folders(content_dir, problems)
    )
    for folder in folders:
        meta = load_yaml(meta_file(folder), problems, root=root)
        if meta is None or not isinstance(meta.data, dict) or "source_language" not in meta.data:
            problems.add(
                meta_file(folder),
                None,
                "cannot read the article's source_language",
                "fix article.yml first (`netguide check` shows how)",
            )
            continue
        source_language = str(meta.data["source_language"])
        originals = [str(code) for code in meta.data.get("originals") or [source_language]]
        source_path = language_file(folder, source_language)
        if not source_path.exists():
            problems.add(source_path, None, "the source version is missing", f"add {source_path.name} first")
            continue
        hashes: dict[str, str | None] = {}

        def hash_of(code: str) -> str | None:
            """The current hash of the article's `code` version (each translation is stamped against its own source)."""
            if code not in hashes:
                document = load_yaml(language_file(folder, code), problems, root=root)
                hashes[code] = data_hash(document.data) if document is not None else None
            return hashes[code]

        if hash_of(source_language) is None:
            continue
        for path in language_files(folder):
            if path.stem in originals or (language and path.stem != language):
                continue
            document = load_yaml(path, problems, root=root)
            if document is None or not isinstance(document.data, dict):
                continue
            text = path.read_text(encoding="utf-8")
            source = document.data.get("translated_from")
            named = str(source.get("language")) if isinstance(source, dict) else source_language
            if named == path.stem or not language_file(folder, named).exists():
                problems.add(
                    path,
                    document.line_of(("translated_from", "language")),
                    f"translated from '{named}', but this article has no other version in '{named}'",
                    f"name the version it was translated from, e.g. {source_language}",
                )
                continue
            current = hash_of(named)
            if current is None:
                continue
            if isinstance(source, dict) and ("translated_from", "source_hash") in document.lines:
                line = document.lines[("translated_from", "source_hash")]
                try:
                    new_text, old = _set_hash(text, line, current)
                except ValueError:
                    problems.add(
                        path,
                        line,
                        "the source_hash line is not a simple 'source_hash: value' line",
                        f"write it as 'source_hash: {current}'",
                    )
                    continue
            elif source is None and ("key", "myths") in document.lines:
                old = None
                new_text = _insert_source(text, document.lines[("key", "myths")], source_language, current)
            else:
                problems.add(
                    path,
                    document.key_line(("translated_from",)),
                    "translated_from is malformed",
                    f"write it as translated_from: {{language: {source_language}, source_hash: {current}}}",
                )
                continue
            stamps.append(Stamp(path, old, current))
            if old != current:
                path.write_text(new_text, encoding="utf-8")
        if language and not language_file(folder, language).exists() and article_id:
            problems.add(
                language_file(folder, language),
                None,
                f"there is no {language} version of this article",
                f"create it with `netguide new {folder.name} {language}`",
            )
        if language and language in originals and article_id:
            problems.add(
                language_file(folder, language),
                None,
                f"{language} is an original of this article, not a translation",
                "originals have no source hash",
            )
    problems.raise_if_errors()
    return stamps
