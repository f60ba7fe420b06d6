"""The text of a new translation of an article, scaffolded from its source version.

`netguide new` (:mod:`netguide.translate.scaffold`) writes it; the site's
"add this translation" link (:mod:`netguide.site.source_links`) carries the
same text, so it lives here, where both may import it.

The new file has the same myth and checklist ids and the same body structure
as the source: every heading keeps its level and numbering, links and
numbers stay where they are. Each piece of text is the source text prefixed
with ``TODO(translate):``; `netguide check` fails while any marker remains,
so a half-done translation cannot slip into the site unnoticed.

The fields, and their order, are those of content/schema/translation.schema.json:
a field added there is scaffolded too. Text fields are marked (a Markdown
field, ``"contentMediaType": "text/markdown"``, paragraph by paragraph),
maps keyed by ids listed in article.yml follow article.yml's order, and
other values are copied as they are. A field about the source version itself
(``model.OWN_FIELDS``: its editorial notes) is not copied: the new file has a
``translated_from`` of its own and no editorial notes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from .folders import find_article, language_file, meta_file, refused
from .markdown import heading_numbering, parse
from .model import OWN_FIELDS, data_hash
from .problems import ContentError, Problem, Problems
from .schemas import load_schema
from .yamlfile import YamlFile, load_yaml

MARKER = "TODO(translate):"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/translation.schema.json"
_PLAIN_KEY = re.compile(r"[a-z0-9]+([-_][a-z0-9]+)*")
_PLAIN_VALUE = re.compile(r"[A-Za-z]+(-[A-Za-z]+)*")


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
    tokens = parse(body)
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
            numbering = heading_numbering(first)
            if numbering:
                at += numbering.end()
        lines[number] = f"{line[:at]}{MARKER} {line[at:]}"
    return "\n".join(lines)


# -- what the scaffold holds ---------------------------------------------------


def translation_fields(schema_dir: Path) -> dict[str, dict]:
    """The fields of a language version, in order, with their schemas (translation.schema.json)."""
    return dict(load_schema(schema_dir, "translation").get("properties") or {})


def _is_markdown(schema: dict) -> bool:
    return schema.get("contentMediaType") == "text/markdown"


def _item_schema(schema: dict, key: str) -> dict:
    """The schema of entry `key` of an object described by `schema`."""
    named = (schema.get("properties") or {}).get(key)
    if isinstance(named, dict):
        return named
    other = schema.get("additionalProperties")
    return other if isinstance(other, dict) else {}


def translated(value: Any, schema: dict, order: list[str] | None = None) -> Any:
    """A source value as the scaffold holds it: texts marked for translation, anything else as it is.

    `order` lists the keys of a map (ids from article.yml), else the source's order is kept.
    """
    if isinstance(value, str) or (schema.get("type") == "string" and isinstance(value, (int, float))):
        return mark_body(str(value)) if _is_markdown(schema) else mark(str(value))
    if isinstance(value, dict):
        keys = order if order is not None else [str(key) for key in value]
        return {key: translated(value[key], _item_schema(schema, key)) for key in keys if key in value}
    if isinstance(value, list):
        items = schema.get("items") if isinstance(schema.get("items"), dict) else {}
        return [translated(item, items) for item in value]
    return value


def id_fields(fields: dict[str, dict], meta: dict) -> dict[str, list[str]]:
    """The fields that are maps keyed by an id list of article.yml (myths, checklist): {field: ids}."""
    return {
        name: [str(i) for i in meta[name]]
        for name, schema in fields.items()
        if schema.get("type") == "object" and isinstance(meta.get(name), list)
    }


def scaffold_data(
    fields: dict[str, dict],
    language: str,
    source: dict,
    source_language: str,
    source_hash: str,
    ids: dict[str, list[str]],
) -> dict[str, Any]:
    """The new translation's data: every field of `fields` the source has, in the schema's order."""
    data: dict[str, Any] = {}
    for name, schema in fields.items():
        if name == "language":
            data[name] = language
        elif name == "translated_from":
            data[name] = {"language": source_language, "source_hash": source_hash}
        elif name in OWN_FIELDS:  # about the source version only (its editorial notes)
            continue
        elif name in ids:
            data[name] = translated(source.get(name) or {}, schema, ids[name])
        elif name in source:
            data[name] = translated(source[name], schema)
    return data


# -- as YAML --------------------------------------------------------------------


def _scalar(value: Any, plain: re.Pattern[str] = _PLAIN_VALUE) -> str:
    """`value` as a one-line YAML scalar: plain when that reads back the same, else in JSON form."""
    if isinstance(value, str) and plain.fullmatch(value) and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)  # JSON is valid YAML (strings, numbers, lists, …)


def _literal_block(text: str, indent: str) -> list[str]:
    """`text` as a YAML literal block scalar (`|`): its header, then its lines indented by `indent`."""
    chomp = "+" if text.endswith("\n\n") else "" if text.endswith("\n") else "-"
    first = next((line for line in text.split("\n") if line.strip()), "")
    indicator = "2" if first.startswith(" ") else ""
    content = [f"{indent}{line}" if line.strip() else "" for line in text.rstrip("\n").split("\n")]
    return [f"|{indicator}{chomp}", *content]


def _render(key: str, value: Any, schema: dict, depth: int = 0) -> list[str]:
    pad = "  " * depth
    name = _scalar(key, _PLAIN_KEY)
    if isinstance(value, dict):
        lines = [f"{pad}{name}:" if value else f"{pad}{name}: {{}}"]
        for item, entry in value.items():
            lines += _render(item, entry, _item_schema(schema, item), depth + 1)
        return lines
    if isinstance(value, str) and _is_markdown(schema):
        header, *content = _literal_block(value, pad + "  ")
        return [f"{pad}{name}: {header}", *content]
    return [f"{pad}{name}: {_scalar(value)}"]


def render(data: dict[str, Any], fields: dict[str, dict], source_language: str) -> str:
    """The text of a scaffold holding `data`, with the schema line and a note for the translator."""
    lines = [
        SCHEMA_LINE,
        f"# Translated from {source_language}.yml. Replace each marked text with its translation and",
        "# delete the marker; keep ids, headings, numbers and links as in the source; then run `netguide check`.",
    ]
    for name, value in data.items():
        lines += _render(name, value, fields.get(name) or {})
    return "\n".join(lines) + "\n"


def outdated_reason(folder: Path, language: str, originals: list[str], root: Path) -> str | None:
    """Why the `language` version of the article in `folder` is not up to date to translate from; None if it is.

    An original is; a translation is when its stamp matches its source and
    that source is up to date in turn, up to an original.
    """
    problems = Problems()
    seen: list[str] = []
    while language not in originals:
        path = language_file(folder, language)
        if language in seen:
            return f"its chain of translations loops back to {language}"
        seen.append(language)
        document = load_yaml(path, problems, root=root) if path.exists() else None
        if document is None or not isinstance(document.data, dict):
            return f"there is no readable {language} version"
        stamp = document.data.get("translated_from")
        if not isinstance(stamp, dict):
            return f"{path.name} names no source (translated_from)"
        source_path = language_file(folder, str(stamp.get("language")))
        source = load_yaml(source_path, problems, root=root) if source_path.exists() else None
        if source is None:
            return f"{path.name} was translated from {source_path.name}, which cannot be read"
        if str(stamp.get("source_hash")) != data_hash(source.data):
            return f"{path.name} is outdated: {source_path.name} changed since it was stamped"
        language = source_path.stem
    return None


def scaffold_text(
    content_dir: Path, article_id: str, language: str, force: bool = False, pivot: str | None = None
) -> tuple[Path, str]:
    """The path of content/articles/<article_id>/<language>.yml and the scaffold to write there (nothing written).

    It is made from the article's source language, or from `pivot`: any
    other version that is up to date (an original, or a translation whose
    chain of sources is current), e.g. German from English where the
    original is Tagalog.
    """
    folder = find_article(content_dir, article_id)
    meta_path = meta_file(folder)
    target = language_file(folder, language)
    problems = Problems()
    root = content_dir.parent
    meta = load_yaml(meta_path, problems, root=root)
    problems.raise_if_errors()
    if not isinstance(meta.data, dict):
        raise ContentError(
            [
                Problem(
                    meta_path,
                    1,
                    "cannot read the article's source_language",
                    "fix article.yml first (`netguide check` shows how)",
                )
            ]
        )
    source_language = str(meta.data.get("source_language"))
    originals = [str(code) for code in meta.data.get("originals") or []]
    if language == source_language or language in originals:
        raise ContentError(
            [
                Problem(
                    target,
                    None,
                    f"{language} is an original of this article, not a translation",
                    "edit the file itself; translations are made from it",
                )
            ]
        )
    if target.is_symlink():  # --force must not write through a link
        refused(target, root, problems)
        problems.raise_if_errors()
    if target.exists() and not force:
        raise ContentError(
            [
                Problem(
                    target,
                    None,
                    "the translation already exists",
                    "edit it, or pass --force to replace it with a fresh scaffold",
                )
            ]
        )
    if pivot is not None and pivot != source_language:
        if pivot == language:
            raise ContentError(
                [
                    Problem(
                        target,
                        None,
                        "a translation cannot be made from itself",
                        f"translate from {source_language} or another up-to-date version",
                    )
                ]
            )
        reason = outdated_reason(folder, pivot, originals or [source_language], root)
        if reason is not None:
            raise ContentError(
                [
                    Problem(
                        language_file(folder, pivot),
                        None,
                        f"the {pivot} version cannot be translated from: {reason}",
                        f"translate from {source_language} (the source language), or bring {pivot} "
                        "up to date first (`netguide status`)",
                    )
                ]
            )
        source_language = pivot
    source_path = language_file(folder, source_language)
    if not source_path.exists():
        raise ContentError(
            [
                Problem(
                    source_path,
                    None,
                    "the source version is missing",
                    f"write {source_path.name} before translating it",
                )
            ]
        )
    source = load_yaml(source_path, problems, root=root)
    problems.raise_if_errors()
    data = source.data if isinstance(source.data, dict) else {}
    fields = translation_fields(content_dir / "schema")
    ids = id_fields(fields, meta.data)
    for field, expected in ids.items():
        missing = [i for i in expected if i not in (data.get(field) or {})]
        if missing:
            problems.add(
                source_path,
                source.key_line((field,)),
                f"{field} ids {missing} of article.yml are missing",
                "complete the source before translating it",
            )
    if not isinstance(data.get("body"), str) or not data.get("title") or not data.get("summary"):
        problems.add(source_path, None, "the source has no title, summary or body", "complete the source first")
    problems.raise_if_errors()
    wanted = scaffold_data(fields, language, data, source_language, data_hash(source.data), ids)
    text = render(wanted, fields, source_language)
    if yaml.safe_load(text) != wanted:  # the scaffold must read back as what was meant
        raise ContentError(
            [
                Problem(
                    source_path,
                    body_line(source),
                    "this source cannot be scaffolded faithfully",
                    f"copy {source_path.name} to {target.name} and translate it by hand",
                )
            ]
        )
    return target, text
