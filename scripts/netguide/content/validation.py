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
- every link of an article body leads to a file of the site, and every
  anchor to an id on its page (:mod:`.links`).

The result sorts every problem by file and line: errors (`mkdocs build`
fails, `netguide check` exits 1), warnings (both show them) and the
translators' review list, which `netguide check` shows as warnings and the
build leaves out: outdated translations (the site marks them) and UI
strings identical to the default language's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .compare import compare_translation, find_markers, review_translation, untranslated_strings
from .folders import article_folders, language_file, language_files, meta_file, yaml_files
from .links import check_links
from .loader import Documents, load_guide
from .model import Guide, data_hash
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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)


def _sorted(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(dict.fromkeys(problems), key=lambda p: (str(p.path), p.line or 0))


def validate(content_dir: Path, locales_dir: Path, languages: list[str] | None, default: str, *,
             docs_dir: Path | None = None, extra_files: Iterable[Path] = (),
             progress: Callable[[int, int], None] | None = None) -> Validation:
    """Every problem of the content; see the module's doc.

    `docs_dir` holds the hand-written pages a body may link to; `extra_files`
    are hand-written pages scanned for leftover markers (warnings).
    """
    problems = Problems()
    documents: Documents = {}
    try:
        guide: Guide | None = load_guide(content_dir, locales_dir, languages, default, problems, documents)
    except ContentError:
        guide = None  # its problems are in `problems`; the checks below still run on what could be read
    found: list[Problem] = list(problems.items)
    review: list[Problem] = []
    root = content_dir.parent
    scratch = Problems()  # reading problems were reported by the loader already
    unread: dict[Path, YamlFile | None] = {}

    def document(path: Path) -> YamlFile | None:
        """The loader's document of `path`; parsed here only if the loader stopped before it."""
        if path in documents:
            return documents[path]
        if path not in unread:
            unread[path] = load_yaml(path, scratch, root=root)
        return unread[path]

    folders = article_folders(content_dir, scratch)
    for done, folder in enumerate(folders, 1):
        for path in [meta_file(folder), *language_files(folder)]:
            read = document(path)
            if read is not None:
                found += find_markers(read.text, path)
        meta = document(meta_file(folder))
        if meta is not None and isinstance(meta.data, dict):
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
                source_hash = data_hash(source.data)  # the stamp: what readers see of the source
                for problem in compare_translation(source, translation, source_hash):
                    # Warnings come from outdated translations only: the translator's to-do.
                    (found if problem.severity == "error" else review).append(problem)
                review += review_translation(translation, source_hash)
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

    if guide is not None:
        found += check_links(guide, documents, docs_dir)
    return Validation(guide, _sorted(found), _sorted(review), documents)
