"""The guide as loaded from content/: plain data, no I/O."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Fields of a language version that are about that version, not text translated from its source: where
#: it was translated from (and its stamp), and its own editorial notes. A change to one outdates no
#: translation (they are not in :func:`data_hash`), and `netguide new` copies none of them into a scaffold.
OWN_FIELDS = frozenset({"translated_from", "editorial_notes"})
UNSEEN_FIELDS = OWN_FIELDS  # the earlier name (translate/diff.py)
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


def as_read(value: object) -> object:
    """`value` with what no reader sees left out: blank lines and spaces around a text, runs of blank lines."""
    if isinstance(value, str):
        return _BLANK_LINES.sub("\n\n", value.strip())  # Markdown reads any run of blank lines as one
    if isinstance(value, dict):
        return {str(key): as_read(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_read(item) for item in value]
    return value


def data_hash(data: object) -> str:
    """Version stamp of a language version: 12 hex digits of the SHA-256 of what readers see of it.

    Stored in a translation's ``translated_from.source_hash``; when the source
    changes the stamp no longer matches and the translation counts as outdated.
    It is taken from the parsed data as canonical JSON (keys sorted), without
    the version's own fields (:data:`OWN_FIELDS`: ``translated_from``,
    ``editorial_notes``) and with the blank space around texts normalised, so
    comments, quoting, indentation, key order and re-stamping a pivot change
    nothing; any change to a text does. Works without git history (shallow
    clones, forks).
    """
    if isinstance(data, dict):
        data = {key: value for key, value in data.items() if key not in OWN_FIELDS}
    canonical = json.dumps(as_read(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def content_hash(text: str) -> str:
    """:func:`data_hash` of a YAML file's text (parsed here: who holds the parsed data calls data_hash)."""
    import yaml

    return data_hash(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


@dataclass(frozen=True)
class Myth:
    id: str
    myth: str
    fact: str


@dataclass(frozen=True)
class EditorialNote:
    """One edit of the project that changes what a version's text says (plain text in its language)."""

    id: str  # kebab case, unique in the version: the page's #note-<id>, the About pages' #note-<article>-<lang>-<id>
    text: str


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
    #: What the project changed in this version's text that changes its meaning, in the file's order.
    editorial_notes: tuple[EditorialNote, ...] = ()


#: What a field of an article's `source:` holds when the project does not know it.
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Provenance:
    """Where an article was first published (article.yml `source:`); a field is UNKNOWN when not known."""

    title: str = UNKNOWN
    author: str = UNKNOWN
    publisher: str = UNKNOWN
    url: str = UNKNOWN
    date: str = UNKNOWN
    licence: str = UNKNOWN

    FIELDS = ("title", "author", "publisher", "date", "licence", "url")  # in the order they are shown

    def known(self, name: str) -> bool:
        return getattr(self, name).strip().lower() != UNKNOWN


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
    #: Where the article was first published (article.yml `source:`); not the source *language* (:attr:`source`).
    provenance: Provenance = field(default_factory=Provenance)
    #: Myth or checklist id -> the id of the body's section it comes from (article.yml `sections:`).
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def source(self) -> Version:
        return self.versions[self.source_language]

    def chain(self, language: str) -> list[Version]:
        """The version in `language`, the version it was translated from, that one's source, … up to an original.

        A translation may be made from another translation that was up to date
        (a pivot: de from en, en from tl). A missing link or a loop ends the chain.
        """
        versions: list[Version] = []
        version = self.versions.get(language)
        while version is not None and all(version.language != seen.language for seen in versions):
            versions.append(version)
            version = self.versions.get(version.translated_from.language) if version.translated_from else None
        return versions

    def original_of(self, language: str) -> str:
        """The language of the original at the end of `language`'s chain (the source language if it ends early)."""
        chain = self.chain(language)
        return chain[-1].language if chain and chain[-1].translated_from is None else self.source_language

    def outdated_by(self, language: str) -> str | None:
        """The language whose change since it was translated makes `language` outdated, anywhere up its chain."""
        chain = self.chain(language)
        for version, source in zip(chain, chain[1:], strict=False):
            if source.hash != version.translated_from.source_hash:
                return source.language
        return None

    def status(self, language: str) -> str:
        """'original', 'current', 'outdated' (its source, or a source up the chain, changed) or 'missing'."""
        version = self.versions.get(language)
        if version is None:
            return "missing"
        if version.translated_from is None:
            return "original"
        return "outdated" if self.outdated_by(language) else "current"


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

    def language_name(self, code: str, locales: dict[str, Locale]) -> str:
        """Name of language `code` in this locale, else that language's own name."""
        names = self.strings.get("language_names") or {}
        if code in names:
            return str(names[code])
        other = locales.get(code)
        return str(other.strings["language_name"]) if other else code


@dataclass
class Guide:
    languages: list[str]  # in the order of mkdocs.yml / locales
    default_language: str
    articles: list[Article]  # sorted by order
    locales: dict[str, Locale]
    glossaries: dict[str, list[Term]]

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)
