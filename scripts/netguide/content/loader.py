"""Load and validate the guide's content: articles, glossaries and locales.

All problems of a run are collected and raised together as one
:class:`~netguide.content.problems.ContentError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .folders import article_folders, language_file, language_files, meta_file, refused, yaml_files
from .markdown_check import check_markdown
from .model import Article, EditorialNote, Guide, Locale, Myth, Provenance, Source, Term, Version
from .problems import Problems
from .schemas import SCHEMA_FILES, validate
from .yamlfile import YamlFile, load_yaml

#: Every file the loader parsed, by path (schema-valid or not): handed on so that nothing is parsed twice.
Documents = dict[Path, YamlFile]


def _read(path: Path, problems: Problems, root: Path, documents: Documents | None) -> YamlFile | None:
    document = load_yaml(path, problems, root=root)
    if document is not None and documents is not None:
        documents[path] = document
    return document


def load_locales(
    locales_dir: Path, schema_dir: Path, problems: Problems, root: Path | None = None, parsed: Documents | None = None
) -> dict[str, Locale]:
    """Every ``locales/<lang>.yml``; each must have every key of every other one.

    `root` is the project folder (by default the one holding `locales_dir`): nothing outside it is read.
    """
    root = root if root is not None else locales_dir.parent
    locales: dict[str, Locale] = {}
    documents: dict[str, YamlFile] = {}
    if not locales_dir.is_dir() and not locales_dir.is_symlink():
        problems.add(locales_dir, None, "the locales folder is missing", "create locales/<lang>.yml for each language")
        return locales
    if refused(locales_dir, root, problems, folder=True):
        return locales
    for path in yaml_files(locales_dir):
        document = _read(path, problems, root, parsed)
        if document is None:
            continue
        if not isinstance(document.data, dict):
            problems.add(path, 1, "a locale file must be a mapping of keys to strings", "see locales/en.yml")
            continue
        documents[path.stem] = document
    all_keys = set().union(*(d.data.keys() for d in documents.values())) if documents else set()
    for code, document in documents.items():
        missing = sorted(all_keys - set(document.data))
        for key in missing:
            others = sorted((c for c, d in documents.items() if key in d.data), key=lambda c: c != "en")
            problems.add(
                document.path,
                None,
                f"missing key '{key}' (present in {', '.join(others)})",
                f"add '{key}:' translated from locales/{others[0]}.yml",
            )
        if missing or not validate(document, "locale", schema_dir, problems):
            continue
        if document.data["language"] != code:
            problems.add(
                document.path,
                document.line_of(("language",)),
                f"language is '{document.data['language']}' but the file is named {code}.yml",
                f"set 'language: {code}' or rename the file",
            )
            continue
        # UI strings are plain text: the site escapes them wherever they land (netguide.site.escape).
        locales[code] = Locale(code, document.data, document.path)
    return locales


def _load_version(
    path: Path, article: Article, schema_dir: Path, problems: Problems, root: Path, documents: Documents | None
) -> Version | None:
    document = _read(path, problems, root, documents)
    if document is None or not validate(document, "translation", schema_dir, problems):
        return None
    data = document.data
    language = path.stem
    ok = True
    if data["language"] != language:
        problems.add(
            path,
            document.line_of(("language",)),
            f"language is '{data['language']}' but the file is named {language}.yml",
            f"set 'language: {language}' or rename the file",
        )
        ok = False
    for field, expected in (("myths", article.myth_ids), ("checklist", article.checklist_ids)):
        have = list(data[field])
        for missing in [i for i in expected if i not in have]:
            problems.add(
                path,
                document.key_line((field,)),
                f"{field} id '{missing}' of article.yml is missing",
                f"add '{missing}:' under '{field}:' (ids are the same in every language)",
            )
            ok = False
        for extra in [i for i in have if i not in expected]:
            problems.add(
                path,
                document.key_line((field, extra)),
                f"{field} id '{extra}' is not in article.yml",
                f"fix the id, or add it to {article.path.name} and to every language",
            )
            ok = False
    source = data.get("translated_from")
    if language in article.originals and source:
        problems.add(
            path,
            document.key_line(("translated_from",)),
            f"{language} is an original of this article (originals in article.yml) but names a source",
            "remove translated_from, or remove the language from originals",
        )
        ok = False
    if language not in article.originals and not source:
        problems.add(
            path,
            document.key_line(("language",)),
            "a translation must say what it was translated from",
            f"add translated_from: {{language: {article.source_language}, source_hash: …}} (run `netguide stamp`)",
        )
        ok = False
    # From the source language, or from another version of the article (a pivot; `netguide new --from`).
    if source and (source["language"] == language or not language_file(path.parent, source["language"]).exists()):
        problems.add(
            path,
            document.line_of(("translated_from", "language")),
            f"translated from '{source['language']}', but this article has no other version in '{source['language']}'",
            f"name the version it was translated from: {article.source_language} (the source language) "
            "or another up-to-date version",
        )
        ok = False
    body_line = (document.line_of(("body",)) or 0) + 1
    check_markdown(data["body"], path, body_line, problems)
    if not ok:
        return None
    return Version(
        article_id=article.id,
        language=language,
        title=data["title"].strip(),
        summary=data["summary"].strip(),
        body=data["body"],
        myths={
            i: Myth(i, data["myths"][i]["myth"].strip(), data["myths"][i]["fact"].strip()) for i in article.myth_ids
        },
        checklist={i: str(data["checklist"][i]).strip() for i in article.checklist_ids},
        translated_from=Source(source["language"], source["source_hash"]) if source else None,
        path=path,
        body_line=body_line,
        hash=document.stamp(),
        editorial_notes=tuple(
            EditorialNote(note_id, text.strip()) for note_id, text in (data.get("editorial_notes") or {}).items()
        ),
    )


def load_article(
    folder: Path, languages: list[str], schema_dir: Path, problems: Problems, root: Path, documents: Documents | None
) -> Article | None:
    meta_path = meta_file(folder)
    document = _read(meta_path, problems, root, documents)
    if document is None or not validate(document, "article", schema_dir, problems):
        return None
    data = document.data
    if data["id"] != folder.name:
        problems.add(
            meta_path,
            document.line_of(("id",)),
            f"id '{data['id']}' differs from the folder name '{folder.name}'",
            "make the id and the folder name the same",
        )
        return None
    article = Article(
        data["id"],
        data["order"],
        data["source_language"],
        list(data["originals"]),
        list(data["myths"]),
        list(data["checklist"]),
        meta_path,
        provenance=Provenance(**{name: value.strip() for name, value in data["source"].items()}),
        sections=dict(data["sections"]),
    )
    # Every myth and checklist item names the section it comes from (that each exists: validation.py).
    for field, kind in (("myths", "myth"), ("checklist", "checklist item")):
        for item in data[field]:
            if item not in article.sections:
                problems.add(
                    meta_path,
                    document.key_line(("sections",)),
                    f"{kind} '{item}' names no section",
                    f"add '{item}: <id>' under sections: the id of the section of the body it comes "
                    "from (a heading's { #id }, the same in every language)",
                )
    for item in article.sections:
        if item not in article.myth_ids and item not in article.checklist_ids:
            problems.add(
                meta_path,
                document.key_line(("sections", item)),
                f"'{item}' under sections is neither a myth nor a checklist item of this article",
                "fix the id (as listed under myths: or checklist:), or remove the line",
            )
    for field in ("source_language", "originals"):
        values = [data[field]] if field == "source_language" else data[field]
        for index, code in enumerate(values):
            if code not in languages:
                line = document.line_of((field,) if field == "source_language" else (field, index))
                problems.add(
                    meta_path,
                    line,
                    f"unknown language code '{code}'",
                    f"use one of {', '.join(languages)} (or add the language: `netguide add-language`)",
                )
                return None
    if article.source_language not in article.originals:
        problems.add(
            meta_path,
            document.line_of(("originals",)),
            f"the source language '{article.source_language}' must be listed in originals",
            f"add {article.source_language} to originals",
        )
        return None
    for path in language_files(folder):
        if path.stem not in languages:
            problems.add(
                path,
                None,
                f"unknown language code '{path.stem}' (from the file name)",
                f"name the file after one of {', '.join(languages)}",
            )
            continue
        version = _load_version(path, article, schema_dir, problems, root, documents)
        if version is not None:
            article.versions[version.language] = version
    for version in article.versions.values():  # every chain of translations ends at an original
        end = article.chain(version.language)[-1]
        if end.translated_from is not None and end.translated_from.language in article.versions:
            problems.add(
                version.path,
                None,
                f"translated from '{version.translated_from.language}', but that chain of "
                f"translations leads back to '{end.translated_from.language}' and never to an original",
                f"translate from {article.source_language}, or from a version translated from it",
            )
    if article.source_language not in article.versions and not language_file(folder, article.source_language).exists():
        problems.add(
            meta_path,
            document.line_of(("source_language",)),
            f"the source language version {article.source_language}.yml does not exist",
            f"add {folder.name}/{article.source_language}.yml or change source_language",
        )
    return article


def _load_glossaries(
    folder: Path, languages: list[str], schema_dir: Path, problems: Problems, root: Path, documents: Documents | None
) -> dict[str, list[Term]]:
    glossaries: dict[str, list[Term]] = {}
    if (folder.exists() or folder.is_symlink()) and refused(folder, root, problems, folder=True):
        return glossaries
    for path in yaml_files(folder):
        document = _read(path, problems, root, documents)
        if document is None or not validate(document, "glossary", schema_dir, problems):
            continue
        if path.stem not in languages or document.data["language"] != path.stem:
            problems.add(
                path,
                document.line_of(("language",)),
                f"glossary language '{document.data['language']}' does not match a language file name",
                f"name the file <lang>.yml with one of {', '.join(languages)} and set language: to it",
            )
            continue
        glossaries[path.stem] = [
            Term(k, v["term"].strip(), v["definition"].strip()) for k, v in document.data["terms"].items()
        ]
    reference = next(iter(glossaries.values()), [])
    ids = {t.id for t in reference}
    for language, terms in glossaries.items():
        if {t.id for t in terms} != ids:
            problems.add(
                folder / f"{language}.yml",
                None,
                f"glossary term ids differ from the other languages: {sorted(ids ^ {t.id for t in terms})}",
                "use the same term ids in every language",
            )
    return glossaries


def schemas_refused(schema_dir: Path, root: Path, problems: Problems) -> bool:
    """Whether the schema folder or a schema file may not be read (:func:`.folders.refused`; recorded in `problems`)."""
    return refused(schema_dir, root, problems, folder=True) or any(
        [refused(schema_dir / name, root, problems) for name in SCHEMA_FILES.values()]
    )


def load_guide(
    content_dir: Path,
    locales_dir: Path,
    languages: list[str] | None = None,
    default_language: str = "en",
    problems: Problems | None = None,
    documents: Documents | None = None,
    loaded: Mapping[Path, tuple[Article, Documents]] | None = None,
) -> Guide:
    """Load everything, raising ContentError listing every problem found.

    `languages` is the site's language list (from mkdocs.yml); when None it is
    taken from the files in ``locales/``. Every file parsed is added to
    `documents` (when given), for the checks that follow loading
    (:mod:`.validation`). `loaded`: article folders that the same load of
    these `languages` read a moment ago without any problem, with their documents
    (:func:`.validation.folder_facts`), taken as they are.
    """
    problems = problems if problems is not None else Problems()
    root = content_dir.parent  # the project: nothing outside it is read
    schema_dir = content_dir / "schema"
    if schemas_refused(schema_dir, root, problems):
        problems.raise_if_errors()  # nothing can be validated without the schemas
    locales = load_locales(locales_dir, schema_dir, problems, root, documents)
    if languages is None:
        languages = sorted(locales, key=lambda code: (code != default_language, code))
    for code in languages:
        if code not in locales and not (locales_dir / f"{code}.yml").exists():
            problems.add(
                locales_dir / f"{code}.yml",
                None,
                f"language '{code}' is configured but has no locale file",
                f"create locales/{code}.yml from locales/{default_language}.yml",
            )
    for code in locales:
        if code not in languages:
            problems.add(
                locales[code].path,
                None,
                f"locale '{code}' is not a language of the site",
                "add it to the i18n languages in mkdocs.yml (`netguide add-language` does both)",
            )
    articles: list[Article] = []
    for folder in article_folders(content_dir, problems):
        if loaded and folder in loaded:
            article, read = loaded[folder]
            if documents is not None:
                documents.update(read)
        else:
            article = load_article(folder, languages, schema_dir, problems, root, documents)
        if article is not None:
            articles.append(article)
    orders: dict[int, str] = {}
    for article in articles:
        if article.order in orders:
            problems.add(
                article.path,
                None,
                f"order {article.order} is also used by '{orders[article.order]}'",
                "give every article its own order number",
            )
        orders[article.order] = article.id
    articles.sort(key=lambda a: (a.order, a.id))
    glossaries = _load_glossaries(content_dir / "glossary", languages, schema_dir, problems, root, documents)
    problems.raise_if_errors()
    return Guide(languages, default_language, articles, locales, glossaries)
