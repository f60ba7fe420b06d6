"""The guide as loaded from content/: plain data, no I/O."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path


def content_hash(text: str) -> str:
    """Version stamp of a source file: 12 hex digits of its SHA-256.

    Stored in a translation's ``translated_from.source_hash``; when the source
    changes the stamp no longer matches and the translation counts as outdated.
    Works without git history (shallow clones, forks).
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Myth:
    id: str
    myth: str
    fact: str


@dataclass(frozen=True)
class Source:
    language: str
    source_hash: str


@dataclass
class Version:
    """One article in one language."""

    article_id: str
    language: str
    title: str
    summary: str
    body: str
    myths: dict[str, Myth]
    checklist: dict[str, str]
    translated_from: Source | None
    path: Path
    body_line: int
    hash: str


@dataclass
class Article:
    id: str
    order: int
    source_language: str
    originals: list[str]
    myth_ids: list[str]
    checklist_ids: list[str]
    path: Path
    versions: dict[str, Version] = field(default_factory=dict)

    @property
    def source(self) -> Version:
        return self.versions[self.source_language]

    def status(self, language: str) -> str:
        """'original', 'current', 'outdated' or 'missing'."""
        version = self.versions.get(language)
        if version is None:
            return "missing"
        if version.translated_from is None:
            return "original"
        source = self.versions.get(version.translated_from.language)
        if source is not None and source.hash != version.translated_from.source_hash:
            return "outdated"
        return "current"


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class Locale:
    """UI strings of one language (locales/<lang>.yml)."""

    language: str
    strings: dict[str, object]
    path: Path

    @property
    def direction(self) -> str:
        return str(self.strings["direction"])

    def t(self, key: str, **values: str) -> str:
        """The string `key` with its ``{name}`` placeholders filled in from `values`.

        Locale files come from strangers: only plain ``{name}`` fields named in
        `values` are replaced; any other brace is kept as text (no
        ``str.format``, whose attribute and index lookups a string could abuse).
        """
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), str(self.strings[key]))

    def language_name(self, code: str, locales: dict[str, "Locale"]) -> str:
        """Name of language `code` in this locale, else that language's own name."""
        names = self.strings.get("language_names") or {}
        if code in names:
            return str(names[code])
        other = locales.get(code)
        return str(other.strings["language_name"]) if other else code


@dataclass
class Guide:
    languages: list[str]              # in the order of mkdocs.yml / locales
    default_language: str
    articles: list[Article]           # sorted by order
    locales: dict[str, Locale]
    glossaries: dict[str, list[Term]]

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)
