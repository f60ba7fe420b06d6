"""The one validation of the guide's content: what `mkdocs build` and `netguide check` both run.

:func:`validate` loads the guide (:mod:`.loader`: every file read strictly,
checked against its schema and the rules across files, every Markdown field
checked for markup), then checks, on the documents the loader has already
parsed, what only the whole guide shows:

- a ``TODO(translate):`` marker left in an article file (error): `netguide
  new` writes one before every text still to translate. The note `netguide
  add-language` leaves in a new language's locale, glossary and docs pages
  is a warning: the site builds while they are being translated;
- each translation against its source (:mod:`.compare`): stamp, headings,
  numbers, links. A link the source does not have is an error;
- every myth and checklist item comes from a section of its article that
  every language version has (article.yml ``sections:``, :func:`check_sections`).

The rules that need the site's layout (every body link leads to a file of
the site and every anchor to an id on its page; no id the theme or a page
uses) are :mod:`netguide.site.checks`, which runs this validation and adds
them: callers use that.

The result sorts every problem by file and line: errors (`mkdocs build`
fails, `netguide check` exits 1), warnings (both show them) and the
translators' review list, which `netguide check` shows as warnings and the
build leaves out: outdated translations (the site marks them) and UI
strings identical to the default language's.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import parallel_facts, text_memo
from .compare import body_start, compare_translation, find_markers, outline, review_translation, untranslated_strings
from .contributions import unlisted_files
from .folders import article_folders, language_file, language_files, meta_file, yaml_files
from .handwritten import Page, check_page, hand_written_pages
from .links import anchors_of
from .loader import Documents, load_guide, schemas_refused
from .model import Article, Guide, Version
from .problems import ContentError, Problem, Problems
from .yamlfile import YamlFile, load_yaml, read_text


@dataclass
class Validation:
    #: The guide, if it loaded (it may still have errors from the checks after loading).
    guide: Guide | None
    #: Errors and warnings, by file and line.
    problems: list[Problem]
    #: The translators' to-do list (warnings): outdated translations, UI strings as in the default language.
    review: list[Problem]
    #: Every file the loader parsed, by path.
    documents: Documents
    #: The hand-written pages of docs/ that could be read.
    pages: list[Page] = dataclasses.field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, by file and line."""
    return sorted(dict.fromkeys(problems), key=lambda p: (str(p.path), p.line or 0))


@functools.cache
def section_ids(body: str) -> frozenset[str]:
    """The ids a body's sections have on the page: each heading's (its `{ #id }`, else the slug of its text) and
    every other `{ #id }`. (The leading line end keeps a body that starts with `---` from reading as front matter.)
    Remembered between builds (:mod:`.text_memo`)."""
    return text_memo.remembered(
        "section_ids", body, lambda text: frozenset(anchors_of("\n" + text)), encode=sorted, decode=frozenset
    )


def id_line(body: str, section: str) -> int | None:
    """The 0-based line of `body` that sets `{ #section }`, or None (an id from a heading's text)."""
    attributes = re.compile(r"\{[^{}\n]*#" + re.escape(section) + r"(?![\w-])[^{}\n]*\}")
    return next((number for number, line in enumerate(body.split("\n")) if attributes.search(line)), None)


def _matching_line(reference: str, line: int, body: str) -> int | None:
    """The 0-based line of the heading (else the block) of `body` that stands where line `line` of `reference` does."""
    theirs, ours = outline(reference), outline(body)
    for index, heading in enumerate(theirs.headings):
        if heading.line == line:
            return ours.headings[index].line if index < len(ours.headings) else None
    if [b.kind for b in theirs.blocks] != [b.kind for b in ours.blocks]:
        return None
    index = max((i for i, block in enumerate(theirs.blocks) if block.line <= line), default=None)
    return ours.blocks[index].line if index is not None else None


def check_sections(guide: Guide, documents: Mapping[Path, YamlFile], only: set[str] | None = None) -> list[Problem]:
    """Every myth and checklist item comes from a section that every language version of its article has.

    article.yml's ``sections:`` gives, for each, the id of a section of the
    body. A section that no version has is misspelt in article.yml (the
    error points there); one that only some versions lack is missing from
    those (the error points at the heading or paragraph that should carry the id).
    """
    problems: list[Problem] = []

    def first_line(version: Version) -> int:
        document = documents.get(version.path)
        return body_start(document) if document is not None else version.body_line

    for article in guide.articles:
        if only is not None and article.id not in only:
            continue
        versions = [
            article.versions[code] for code in sorted(article.versions, key=lambda c: c != article.source_language)
        ]
        if not versions:
            continue
        meta = documents.get(article.path)
        named: dict[str, list[str]] = {}
        for item, section in article.sections.items():
            named.setdefault(section, []).append(item)
        shared = frozenset.intersection(*(section_ids(version.body) for version in versions))
        for section, items in named.items():
            having = [version for version in versions if section in section_ids(version.body)]
            has = {version.language for version in having}
            if not having:
                for item in items:
                    close = difflib.get_close_matches(section, sorted(shared), n=1)
                    line = meta.line_of(("sections", item)) if meta is not None else None
                    problems.append(
                        Problem(
                            article.path,
                            line,
                            f"{_kind(article, item)} '{item}' comes from section '#{section}', "
                            "which no language version of the article has",
                            (f"did you mean '{close[0]}'? " if close else "")
                            + "name the id of the body's section it comes from; the sections every version has: "
                            + (", ".join(sorted(shared)[:20]) or "none (give the section a { #id } in every version)"),
                        )
                    )
                continue
            reference = having[0]
            reference_line = id_line(reference.body, section)
            for version in versions:
                if version.language in has:
                    continue
                line = (
                    _matching_line(reference.body, reference_line, version.body) if reference_line is not None else None
                )
                where = (
                    f"{reference.path.name} line {first_line(reference) + reference_line}"
                    if reference_line is not None
                    else reference.path.name
                )
                if reference_line is None:  # an id from a heading's text: it differs between languages
                    fix = (
                        f"give the section that has it in {where} an id of its own, '{{ #{section} }}', there and here"
                    )
                elif any(heading.line == reference_line for heading in outline(reference.body).headings):
                    fix = f"give the heading that matches {where} the same id: '{{ #{section} }}' at the end of the heading"
                else:
                    fix = (
                        f"give the paragraph that matches {where} the same id: '{{ #{section} }}' on a line of its "
                        "own at the end of the paragraph"
                    )
                problems.append(
                    Problem(
                        version.path,
                        first_line(version) + (line or 0),
                        f"no section '#{section}' here, which article.yml names for "
                        + ", ".join(f"{_kind(article, item)} '{item}'" for item in items),
                        fix + " (ids are the same in every language)",
                    )
                )
    return problems


def _check_folder(
    folder: Path, document: Callable[[Path], YamlFile | None], found: list[Problem], review: list[Problem]
) -> None:
    """The markers left in an article's files, and each of its translations against its source."""
    for path in [meta_file(folder), *language_files(folder)]:
        read = document(path)
        if read is not None:
            found += find_markers(read.text, path)
    meta = document(meta_file(folder))
    if meta is None or not isinstance(meta.data, dict):
        return
    source_language = str(meta.data.get("source_language"))
    originals = [str(code) for code in meta.data.get("originals") or []]
    for path in language_files(folder):
        if path.stem in originals or path.stem == source_language:
            continue
        translation = document(path)
        if translation is None or not isinstance(translation.data, dict):
            continue
        # Compared with the version it was translated from: the source language's, or another's.
        stamp = translation.data.get("translated_from")
        named = str(stamp.get("language")) if isinstance(stamp, dict) else source_language
        source_path = language_file(folder, named)
        if named == path.stem or not source_path.exists():
            source_path = language_file(folder, source_language)
        source = document(source_path) if source_path.exists() else None
        if source is None or not isinstance(source.data, dict):
            continue
        source_hash = source.stamp()  # what readers see of the source
        for problem in compare_translation(source, translation, source_hash):
            # Warnings come from outdated translations only: the translator's to-do.
            (found if problem.severity == "error" else review).append(problem)
        review += review_translation(translation, source_hash)


def folder_facts(
    folder: Path, content_dir: Path, languages: list[str], clean: dict[Path, tuple[Article, Documents]] | None = None
) -> None:
    """Load and check article `folder` as :func:`validate` does, for what the text memo learns (problems dropped).

    With `clean` (in the loading process): an article that loaded without any problem, not even a warning,
    goes there with its documents, for the load to take as it is instead of loading it a second time.
    """
    from .loader import load_article

    scratch = Problems()
    documents: Documents = {}
    root = content_dir.parent
    article = load_article(folder, languages, content_dir / "schema", scratch, root, documents)
    if clean is not None and article is not None and not scratch.items:
        clean[folder] = (article, dict(documents))
    _check_folder(folder, _reader(documents, scratch, root), [], [])


def _reader(documents: Documents, scratch: Problems, root: Path) -> Callable[[Path], YamlFile | None]:
    """The loader's document of a path; parsed here (its problems into `scratch`) only if the loader stopped before it."""
    unread: dict[Path, YamlFile | None] = {}

    def document(path: Path) -> YamlFile | None:
        if path in documents:
            return documents[path]
        if path not in unread:
            unread[path] = load_yaml(path, scratch, root=root)
        return unread[path]

    return document


def validate_articles(
    guide: Guide, content_dir: Path, article_ids: Iterable[str], *, docs_dir: Path | None = None
) -> Validation:
    """:func:`validate` for the files of `article_ids` alone, with the rest of the guide as in `guide`.

    For a preview under `mkdocs serve` of an edit to those articles' language
    files (mkdocs_adapter/preview.py): every rule of one article's files is checked,
    and its links and sections against `guide` (the last good one) with the
    article replaced. The rebuild that follows validates everything.
    """
    from .loader import load_article

    problems = Problems()
    documents: Documents = {}
    root = content_dir.parent
    articles = {article.id: article for article in guide.articles}
    ids = sorted(set(article_ids))
    for article_id in ids:
        article = load_article(
            content_dir / "articles" / article_id, guide.languages, content_dir / "schema", problems, root, documents
        )
        if article is None or article_id not in articles or article.order != articles[article_id].order:
            problems.add(
                content_dir / "articles" / article_id,
                None,
                "the article changed as a whole",
                "validate the whole guide",
            )  # a preview is not the place: the rebuild says what is wrong
            return Validation(None, sorted_problems(problems.items), [], documents)
        articles[article_id] = article
    found: list[Problem] = list(problems.items)
    review: list[Problem] = []
    for article_id in ids:
        _check_folder(content_dir / "articles" / article_id, documents.get, found, review)
    edited = Guide(guide.languages, guide.default_language, list(articles.values()), guide.locales, guide.glossaries)
    if not any(problem.severity == "error" for problem in found):
        found += check_sections(edited, documents, only=set(ids))
    return Validation(edited, sorted_problems(found), sorted_problems(review), documents)


def _kind(article: Article, item: str) -> str:
    return "myth" if item in article.myth_ids else "checklist item"


def validate(
    content_dir: Path,
    locales_dir: Path,
    languages: list[str] | None,
    default: str,
    *,
    docs_dir: Path | None = None,
    extra_files: Iterable[Path] = (),
    progress: Callable[[int, int], None] | None = None,
) -> Validation:
    """Every problem of the content; see the module's doc.

    `docs_dir` holds the hand-written pages a body may link to; `extra_files`
    are hand-written pages scanned for leftover markers (warnings).
    """
    # With many texts new to the memo (a cold load), about half the articles' facts are learnt in a second process;
    # the articles this process loaded meanwhile without a problem are not loaded again (when the site's
    # languages are given: without, the loader takes them from the locale files that load).
    clean: dict[Path, tuple[Article, Documents]] = {}
    if not schemas_refused(content_dir / "schema", content_dir.parent, Problems()):  # the loader reports it
        learn = functools.partial(
            folder_facts,
            content_dir=content_dir,
            languages=list(languages) if languages is not None else [path.stem for path in yaml_files(locales_dir)],
        )
        here = functools.partial(learn, clean=clean) if languages is not None else learn
        parallel_facts.prefill(article_folders(content_dir, Problems()), learn, here)
    problems = Problems()
    documents: Documents = {}
    try:
        guide: Guide | None = load_guide(content_dir, locales_dir, languages, default, problems, documents, clean)
    except ContentError:
        guide = None  # its problems are in `problems`; the checks below still run on what could be read
    found: list[Problem] = list(problems.items)
    review: list[Problem] = []
    root = content_dir.parent
    scratch = Problems()  # reading problems were reported by the loader already
    document = _reader(documents, scratch, root)
    folders = article_folders(content_dir, scratch)
    for done, folder in enumerate(folders, 1):
        _check_folder(folder, document, found, review)
        if progress:
            progress(done, len(folders))

    locales = {path.stem: document(path) for path in yaml_files(locales_dir)}
    locales = {code: read for code, read in locales.items() if read is not None}
    for read in locales.values():
        found += find_markers(read.text, read.path, "warning")
    review += untranslated_strings(locales, default)
    for path in yaml_files(content_dir / "glossary"):
        read = document(path)
        text = read.text if read is not None else read_text(path, scratch, root=root)
        if text is not None:
            found += find_markers(text, path, "warning")
    for path in extra_files:
        found += find_markers(path.read_text(encoding="utf-8", errors="replace"), path, "warning")
    pages: list[Page] = []
    if docs_dir is not None:  # hand-written pages are contributions too: the same rules as a body
        page_problems = Problems()
        for path in hand_written_pages(docs_dir):
            page = check_page(path, languages or sorted(locales), page_problems, root=root)
            if page is not None:
                pages.append(page)
        found += page_problems.items
        found += unlisted_files(root)

    if guide is not None:
        found += check_sections(guide, documents)
    return Validation(guide, sorted_problems(found), sorted_problems(review), documents, pages)
