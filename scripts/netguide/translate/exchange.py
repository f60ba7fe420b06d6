"""`netguide export` and `netguide import`: an article's translation out to a CAT tool and back.

Export takes the version a translation is made from (its ``translated_from``
language, else the article's source language), the translation where there
is one, and writes their units (``units``) as XLIFF 2 or PO
(``exchange_formats``). Import reads such a file and checks it against the
article as it is now — every unit there, no unit unknown, every text
translated, the body's blocks and each text's links, images and code spans
kept — then writes the language's YAML file: an existing file has only the
texts that changed replaced (and its stamp), in place, so comments and
layout stay; a new one is written as `netguide new` writes it. The stamp is
the hash of the source the file was exported from. Before anything is
written, the result is checked as `netguide check` checks it, in a copy of
the content folder; on any problem nothing is written.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..content.folders import article_ids, find_article, language_file, meta_file
from ..content.markdown import parse
from ..content.model import data_hash
from ..content.problems import ContentError, Problem, Problems
from ..content.scaffold import _literal_block, _scalar, id_fields, render, translation_fields
from ..content.yamlfile import load_yaml, parse_text
from ..files import write_atomically
from . import exchange_formats as formats
from .units import GLOSSARY, Unit, apply_glossary, apply_units, article_units, body_blocks, glossary_units


@dataclass(frozen=True)
class Article:
    """What export and import need of one article and one target language."""

    id: str
    folder: Path
    ids: dict[str, list[str]]
    originals: list[str]
    source_language: str  # the version the translation is made from
    source: dict
    target_path: Path
    target_text: str | None
    target: dict | None


def _fail(path: Path, message: str, hint: str, line: int | None = None) -> ContentError:
    return ContentError([Problem(path, line, message, hint)])


def load_article(content_dir: Path, article_id: str, language: str, source_language: str | None = None) -> Article:
    """The article's source and translation in `language` (ContentError if either cannot be read)."""
    folder = find_article(content_dir, article_id)
    root = content_dir.parent
    problems = Problems()
    meta = load_yaml(meta_file(folder), problems, root=root)
    problems.raise_if_errors()
    data = meta.data if isinstance(meta.data, dict) else {}
    originals = [str(code) for code in data.get("originals") or [data.get("source_language")]]
    target_path = language_file(folder, language)
    if language in originals:
        raise _fail(
            target_path,
            f"{language} is an original of this article, not a translation",
            "export a language the article is translated into",
        )
    target_text = target = None
    if target_path.exists() or target_path.is_symlink():
        document = load_yaml(target_path, problems, root=root)
        problems.raise_if_errors()
        target_text, target = document.text, document.data if isinstance(document.data, dict) else None
    named = (target or {}).get("translated_from")
    chosen = source_language or (str(named["language"]) if isinstance(named, dict) and "language" in named else None)
    chosen = chosen or str(data.get("source_language"))
    source_path = language_file(folder, chosen)
    if chosen == language or not source_path.exists():
        raise _fail(
            source_path,
            f"the article has no {chosen} version to translate from",
            f"translate from {data.get('source_language')}",
        )
    source = load_yaml(source_path, problems, root=root)
    problems.raise_if_errors()
    fields = translation_fields(content_dir / "schema")
    return Article(
        article_id, folder, id_fields(fields, data), originals, chosen, source.data, target_path, target_text, target
    )


def location(article: Article, root: Path) -> str:
    return article.target_path.relative_to(root).as_posix()


def export(content_dir: Path, article_id: str, language: str, fmt: str) -> bytes:
    """The export file of one article in one language, in `fmt` ("xliff" or "po")."""
    article = load_article(content_dir, article_id, language)
    units = article_units(article.id, article.source, article.target, article.ids)
    changed = _changed_since_stamp(content_dir, article, language, units)
    units = [
        replace(unit, review=unit.target is not None and (changed is None or unit.id in changed)) for unit in units
    ]
    exchange = formats.Exchange(article.id, language, article.source_language, data_hash(article.source), units)
    return formats.write(exchange, fmt, location(article, content_dir.parent))


def _glossary(content_dir: Path, language: str, default: str) -> tuple[Path, dict, Path, str | None, dict | None]:
    """The default language's glossary (the source), and the `language` one: paths, data, text."""
    folder = content_dir / "glossary"
    problems = Problems()
    root = content_dir.parent
    source_path, target_path = folder / f"{default}.yml", folder / f"{language}.yml"
    if language == default:
        raise _fail(target_path, f"the {default} glossary is the source of the others", "export another language")
    source = load_yaml(source_path, problems, root=root)
    target = load_yaml(target_path, problems, root=root) if target_path.exists() or target_path.is_symlink() else None
    problems.raise_if_errors()
    data = target.data if target is not None and isinstance(target.data, dict) else None
    return source_path, source.data, target_path, target.text if target else None, data


def export_glossary(content_dir: Path, language: str, default: str, fmt: str) -> bytes:
    """The export file of the glossary in `language`, translated from the default language's."""
    source_path, source, target_path, _, target = _glossary(content_dir, language, default)
    exchange = formats.Exchange(GLOSSARY, language, default, data_hash(source), glossary_units(source, target))
    return formats.write(exchange, fmt, target_path.relative_to(content_dir.parent).as_posix())


def _import_glossary(file, exchange, content_dir, locales_dir, languages, default, docs_dir) -> Imported:
    if exchange.source_language != default:
        raise _fail(file, f"the glossary is translated from {default}, this file from {exchange.source_language}", "")
    source_path, source, target_path, text, target = _glossary(content_dir, exchange.language, default)
    expected = glossary_units(source, target)
    problems = _unit_problems(file, GLOSSARY, expected, exchange.units)
    if problems:
        raise ContentError(problems)
    fields = apply_glossary(source, {unit.id: str(unit.target) for unit in exchange.units})
    if text is None or target is None:
        lines = ["# yaml-language-server: $schema=../schema/glossary.schema.json", f"language: {exchange.language}"]
        lines += _render_terms(fields["terms"])
        new_text = "\n".join(lines) + "\n"
    else:
        old = _texts({"terms": target.get("terms")})
        changes = {path: value for path, value in _texts(fields).items() if old.get(path) != value}
        try:
            new_text = edit_in_place(text, changes, set())
        except ValueError:  # a term the file lacks: the check names it
            raise _fail(target_path, "the glossary does not have the source's terms", "add them first") from None
        if yaml.safe_load(new_text).get("terms") != fields["terms"]:
            raise _fail(target_path, "cannot replace the texts in place", "report this as a bug of netguide import")
    _check_file(new_text, target_path, None, exchange.language, content_dir, locales_dir, languages, default, docs_dir)
    return Imported(target_path, new_text, new_text != text, len(expected))


def _render_terms(terms: dict) -> list[str]:
    lines = ["terms:"]
    for term, entry in terms.items():
        lines.append(f"  {term}:")
        lines += [f"    {part}: {_scalar(value)}" for part, value in entry.items()]
    return lines


def _changed_since_stamp(content_dir: Path, article: Article, language: str, units: list[Unit]) -> set[str] | None:
    """The units whose source text changed since the translation was stamped (None: every unit, git cannot tell).

    An export of an outdated translation marks them for review (PO fuzzy,
    XLIFF state="initial"), and an import refuses a unit still marked: a
    translation is stamped current only once each changed text was looked at.
    """
    stamp = (article.target or {}).get("translated_from")
    if not isinstance(stamp, dict) or str(stamp.get("source_hash")) == data_hash(article.source):
        return set()
    from .diff import source_change

    try:
        change = source_change(content_dir.parent, content_dir, article.id, language)
    except ContentError:
        return None
    if change.history is not None or not change.old_text:
        return None
    try:
        old = yaml.safe_load(change.old_text)
        before = {unit.id: unit.source for unit in article_units(article.id, old, None, article.ids)}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError):
        return None
    return {unit.id for unit in units if before.get(unit.id) != unit.source}


# -- import ------------------------------------------------------------------------


def _markup(text: str) -> list[str]:
    """What of a text's Markdown must survive translation: link and image targets, code spans, in order."""
    kept: list[str] = []
    for token in parse(text):
        for child in token.children or []:
            if child.type == "link_open":
                kept.append(f"link {child.attrGet('href')}")
            elif child.type == "image":
                kept.append(f"image {child.attrGet('src')}")
            elif child.type == "code_inline":
                kept.append(f"code `{child.content}`")
    return sorted(kept)


def _unit_problems(file: Path, name: str, expected: list[Unit], given: list[Unit]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Unit] = {}
    for unit in given:
        if unit.id in seen:
            problems.append(Problem(file, None, f"unit {unit.id} is there twice", "keep one of them"))
        seen[unit.id] = unit
    known = {unit.id for unit in expected}
    for unit in given:
        if unit.id not in known:
            problems.append(
                Problem(
                    file,
                    None,
                    f"unit {unit.id} is not a unit of {name}",
                    "do not change unit ids; export the article again and translate in that file",
                )
            )
    for unit in expected:
        found = seen.get(unit.id)
        if found is None:
            problems.append(
                Problem(file, None, f"unit {unit.id} is missing", "export the article again: it has every unit")
            )
        elif not (found.target or "").strip():
            problems.append(Problem(file, None, f"unit {unit.id} is not translated", "translate it, then import again"))
        elif found.review:
            problems.append(
                Problem(
                    file,
                    None,
                    f"unit {unit.id} is marked for review (PO: fuzzy; XLIFF: state initial): its source changed "
                    "since it was translated",
                    "compare it with the source text, update it, and clear the mark (Poedit: 'Needs work' off)",
                )
            )
        elif ".body." in unit.id and _markup(found.target) != _markup(unit.source):
            problems.append(
                Problem(
                    file,
                    None,
                    f"unit {unit.id}: the translation's links, images or code differ from the source's "
                    f"({', '.join(_markup(unit.source)) or 'none'})",
                    "keep every link target, image and `code` of the source as it is",
                )
            )
    return problems


def _body_problems(file: Path, ids: list[str], texts: list[str], body: str) -> list[Problem]:
    """Whether the filled body reads back as the same blocks with the given texts (a text can break the structure)."""
    blocks = body_blocks(body)
    if len(blocks) == len(texts) and all(body[b.start : b.end] == t for b, t in zip(blocks, texts, strict=True)):
        return []
    for unit_id, text in zip(ids, texts, strict=True):
        if "\n\n" in text.strip() or body_blocks(text) and len(body_blocks(text)) != 1:
            return [
                Problem(
                    file,
                    None,
                    f"unit {unit_id} breaks the body's structure (a blank line, a heading or list marker)",
                    "keep one block per unit: no blank lines, and no text that starts a heading or list",
                )
            ]
    return [
        Problem(
            file,
            None,
            "the translated texts break the body's structure",
            "keep one block per unit: no blank lines, and no text that starts a heading or list",
        )
    ]


def _node(root: yaml.Node, path: tuple[str, ...]) -> yaml.Node | None:
    node = root
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((value for name, value in node.value if name.value == key), None)
        if node is None:
            return None
    return node


def edit_in_place(text: str, changes: dict[tuple[str, ...], str], markdown: set[str]) -> str:
    """`text` with the scalar at each path replaced by its new value, the rest of the file as it was."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    spans = []
    for path, value in changes.items():
        node = _node(root, path)
        if not isinstance(node, yaml.ScalarNode):
            raise ValueError(f"no text at {'.'.join(path)}")
        if path[0] in markdown:
            rendered = "\n".join(_literal_block(value, "  " * len(path))) + "\n"
        else:
            rendered = _scalar(value)
        spans.append((node.start_mark.index, node.end_mark.index, rendered))
    for start, end, rendered in sorted(spans, reverse=True):
        text = text[:start] + rendered + text[end:]
    return text


def _texts(fields: dict[str, Any]) -> dict[tuple[str, ...], str]:
    flat: dict[tuple[str, ...], str] = {}

    def walk(value: Any, path: tuple[str, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, str(key)))
        else:
            flat[path] = value

    walk(fields, ())
    return flat


def _new_text(article: Article, fields: dict[str, Any], stamp: str, content_dir: Path) -> str:
    schema = translation_fields(content_dir / "schema")
    language = article.target_path.stem
    if article.target_text is None or article.target is None:
        data: dict[str, Any] = {}
        for name in schema:
            if name == "language":
                data[name] = language
            elif name == "translated_from":
                data[name] = {"language": article.source_language, "source_hash": stamp}
            elif name in fields:
                data[name] = fields[name]
        return render(data, schema, article.source_language)
    markdown = {name for name, spec in schema.items() if spec.get("contentMediaType") == "text/markdown"}
    old = _texts({name: article.target.get(name) for name in fields})
    changes = {path: value for path, value in _texts(fields).items() if old.get(path) != value}
    text = edit_in_place(article.target_text, changes, markdown)
    named = article.target.get("translated_from")
    wanted = {"language": article.source_language, "source_hash": stamp}
    if named != wanted:
        if isinstance(named, dict) and isinstance(named.get("language"), str) and "source_hash" in named:
            text = edit_in_place(
                text,
                {("translated_from", key): value for key, value in wanted.items() if named.get(key) != value},
                set(),
            )
        else:
            raise _fail(
                article.target_path,
                "translated_from is missing or malformed",
                f"write it as translated_from: {{language: {article.source_language}, source_hash: {stamp}}}",
            )
    written = yaml.safe_load(text)
    if any(written.get(name) != value for name, value in fields.items()):  # the edit must read back as meant
        raise _fail(article.target_path, "cannot replace the texts in place", "report this as a bug of netguide import")
    return text


@dataclass(frozen=True)
class Imported:
    path: Path
    text: str
    changed: bool
    units: int

    def write(self) -> None:
        if self.changed:
            write_atomically(self.path, self.text.encode("utf-8"))


def import_file(
    file: Path,
    content_dir: Path,
    locales_dir: Path,
    languages: list[str],
    default: str,
    docs_dir: Path,
) -> Imported:
    """Read an export and check it: the translation it holds, to write; ContentError on any problem."""
    try:
        fmt = formats.format_of(file.name)
        with file.open("rb") as handle:
            data = handle.read(formats.MAX_BYTES + 1)
        exchange = formats.read(data, fmt)
    except formats.ExchangeError as error:
        raise _fail(file, str(error), "import the file `netguide export` wrote, translated") from None
    if exchange.language not in languages:
        raise _fail(
            file,
            f"the file is for language '{exchange.language}', which is not a language of the site",
            f"use one of {', '.join(languages)}",
        )
    if exchange.article == GLOSSARY and GLOSSARY not in article_ids(content_dir):
        return _import_glossary(file, exchange, content_dir, locales_dir, languages, default, docs_dir)
    if exchange.article not in article_ids(content_dir):
        raise _fail(file, f"the file is for article '{exchange.article}', which this guide does not have", "")
    article = load_article(content_dir, exchange.article, exchange.language, exchange.source_language)
    expected = article_units(article.id, article.source, article.target, article.ids)
    problems = _unit_problems(file, article.id, expected, exchange.units)
    if problems:
        raise ContentError(problems)
    texts = {unit.id: str(unit.target) for unit in exchange.units}
    fields = apply_units(article.id, article.source, article.target, article.ids, texts)
    body_ids = [unit.id for unit in expected if ".body." in unit.id]
    problems = _body_problems(file, body_ids, [texts[i] for i in body_ids], str(fields["body"]))
    if problems:
        raise ContentError(problems)
    text = _new_text(article, fields, exchange.source_hash, content_dir)
    _check_file(
        text, article.target_path, article.id, exchange.language, content_dir, locales_dir, languages, default, docs_dir
    )
    return Imported(article.target_path, text, text != article.target_text, len(expected))


def _check_file(
    text: str,
    target: Path,
    article_id: str | None,
    language: str,
    content_dir: Path,
    locales_dir: Path,
    languages: list[str],
    default: str,
    docs: Path,
) -> None:
    """The checks of `netguide check` with `text` as the file `target`, in a copy of content/."""
    from .translation_check import check_project

    problems = Problems()
    if parse_text(target, text, problems) is None:
        raise ContentError(problems.items)
    with tempfile.TemporaryDirectory(prefix="netguide-import-") as scratch:
        copy, locales = Path(scratch) / content_dir.name, Path(scratch) / locales_dir.name
        shutil.copytree(content_dir, copy, symlinks=True)
        shutil.copytree(locales_dir, locales, symlinks=True)
        (copy / target.relative_to(content_dir)).write_text(text, encoding="utf-8")
        found = check_project(copy, locales, languages, default, article_id, language, docs_dir=docs)
        errors = [p for p in found if p.severity == "error"]
        if errors:
            raise ContentError([_moved(_moved(p, copy, content_dir), locales, locales_dir) for p in errors])


def _moved(problem: Problem, copy: Path, content_dir: Path) -> Problem:
    try:
        path = content_dir / Path(problem.path).relative_to(copy)
    except ValueError:
        path = problem.path
    return Problem(path, problem.line, problem.message, problem.hint)
