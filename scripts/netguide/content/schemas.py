"""Validate content files against the JSON Schemas in ``content/schema/``.

The same schemas drive editor autocompletion (the YAML language server reads
the ``# yaml-language-server: $schema=`` line at the top of each file).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml

from ..cache_keys import Stamp, file_stamp
from . import text_memo
from .problems import Problems
from .yamlfile import YamlFile

SCHEMA_FILES = {
    "article": "article.schema.json",
    "translation": "translation.schema.json",
    "glossary": "glossary.schema.json",
    "locale": "locale.schema.json",
}


def load_schema(schema_dir: Path, kind: str) -> dict:
    """The JSON Schema of a `kind` of content file ("article", "translation", "glossary", "locale")."""
    return json.loads((schema_dir / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))


def _compiled(schema_dir: Path, kind: str) -> tuple[jsonschema.Draft202012Validator, str]:
    """The validator of a schema file as it is now, and the memo's name for "valid against this very schema".

    Kept by the file's stamp (:func:`netguide.cache_keys.file_stamp`), so a
    schema edited under `mkdocs serve` is read again on the next rebuild.
    """
    path = schema_dir / SCHEMA_FILES[kind]
    stamp = file_stamp(path)
    return _compile(str(path), kind) if stamp is None else _kept(str(path), kind, stamp)


@lru_cache(maxsize=32)
def _kept(path: str, kind: str, _stamp: Stamp) -> tuple[jsonschema.Draft202012Validator, str]:
    return _compile(path, kind)


def _compile(path: str, kind: str) -> tuple[jsonschema.Draft202012Validator, str]:
    schema = Path(path).read_bytes()
    return (
        jsonschema.Draft202012Validator(json.loads(schema.decode("utf-8"))),
        f"valid:{kind}:{hashlib.sha256(schema).hexdigest()[:16]}",
    )


def _is_key_error(error: jsonschema.ValidationError) -> bool:
    """Whether `error` is about a key of a map (its `propertyNames`), not a value: it names the key."""
    return "propertyNames" in error.schema_path


def _key_line(document: YamlFile, location: tuple, key: object) -> int | None:
    """The line of the key of the map at `location` that YAML reads as `key` (`yes:` reads as True, `12:` as 12)."""
    at = ("key", *location)
    for place, line in document.lines.items():
        if len(place) == len(at) + 1 and place[:-1] == at:
            raw = place[-1]
            if raw == key or (not isinstance(key, str) and _as_yaml(raw) == key):
                return line
    return document.line_of(location)


def _as_yaml(raw: str) -> object:
    """What YAML reads a plain key's text as; the text itself when it reads as nothing plain."""
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw


def _describe(error: jsonschema.ValidationError) -> tuple[str, str]:
    """A message and a fix hint for one schema error, in plain words."""
    where = "/".join(str(p) for p in error.absolute_path) or "the file"
    description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
    if _is_key_error(error):  # a key of a map of ids: jsonschema reports the inner check (pattern, type)
        hint = "ids are lower-case kebab case, like 'coffee-with-a-peer'"
        if error.validator == "type":  # 1:, yes:, null: are a number, a truth value, nothing to YAML
            hint += ", and text: YAML reads this key as a number, yes/no or nothing (put it in quotes)"
        return f"invalid id {error.instance!r} in {where}", hint
    if error.validator == "required":
        missing = error.message.split("'")[1]
        field_schema = error.schema.get("properties", {}).get(missing, {})
        hint = field_schema.get("description", "")
        return (
            f"missing required field '{missing}' in {where}",
            f"add '{missing}:' ({hint})" if hint else f"add '{missing}:'",
        )
    if error.validator == "additionalProperties":
        extra = ", ".join(sorted(set(error.instance) - set(error.schema.get("properties", {}))))
        allowed = ", ".join(error.schema.get("properties", {}))
        return f"unknown field {extra} in {where}", f"remove it or fix its spelling; allowed: {allowed}"
    if error.validator == "type":
        got = type(error.instance).__name__.replace("str", "text").replace("NoneType", "nothing")
        return f"'{where}' must be {error.validator_value}, not {got}", description or "fix the value's type"
    if error.validator == "pattern":
        return (
            f"'{where}' has the invalid value {error.instance!r}",
            description or f"it must match {error.validator_value}",
        )
    return f"'{where}': {error.message}", description


def validate(document: YamlFile, kind: str, schema_dir: Path, problems: Problems) -> bool:
    """Record every schema violation of `document`; True when there is none.

    The data is the text's (:func:`~netguide.content.yamlfile.load_yaml`), so a
    text found valid before is valid again: the memo remembers valid texts only.
    """
    validator, memo_kind = _compiled(schema_dir, kind)
    if text_memo.known(memo_kind, document.text):
        return True
    errors = sorted(validator.iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        message, hint = _describe(error)
        location = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            line = document.key_line(location + (extra[0],)) if extra else document.line_of(location)
        elif _is_key_error(error):
            line = _key_line(document, location, error.instance)
        else:
            line = document.line_of(location)
        problems.add(document.path, line, message, hint)
    if not errors:
        text_memo.offer(memo_kind, document.text, True)
    return not errors
