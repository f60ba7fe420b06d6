"""Every link of an article body must lead to a file of the site, and every anchor to an id on its page.

What the check resolves, and how, is said in :mod:`netguide.content.links`;
this half needs the site's layout (which pages are generated, where: pages and
urls), so it lives with the site.
"""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..content.compare import body_start, outline
from ..content.links import anchors_of, is_external
from ..content.model import Guide
from ..content.problems import Problem
from ..content.yamlfile import YamlFile
from . import pages, urls
from .urls import article_path


class SiteFiles:
    """The files a body can link to: the generated pages and PDFs, and the hand-written files of docs/."""

    def __init__(self, guide: Guide, docs_dir: Path | None) -> None:
        self.default = guide.default_language
        self.languages = list(guide.languages)
        self.generated: dict[str, str | None] = dict(pages.all_pages(guide))
        for article in guide.articles:
            stem = urls.pdf_path(article.id)[: -len(".pdf")]
            self.generated.update({f"{stem}.{language}.pdf": None for language in guide.languages})
        self.docs_dir = docs_dir
        self.hand_written: set[str] = set()
        if docs_dir is not None and docs_dir.is_dir():
            for folder, folders, files in os.walk(docs_dir):
                relative = Path(folder).relative_to(docs_dir).as_posix()
                if relative == ".":
                    folders[:] = [f for f in folders if f != urls.GENERATED_ROOT]  # written from the guide
                folders[:] = [f for f in folders if not f.startswith(".")]
                prefix = "" if relative == "." else relative + "/"
                self.hand_written.update(prefix + name for name in files if not name.startswith("."))
        self._anchors: dict[str, set[str]] = {}

    def find(self, path: str, language: str) -> str | None:
        """The file that docs path `path` (no language suffix) is in `language`, or None."""
        stem, extension = posixpath.splitext(path)
        for candidate in (f"{stem}.{language}{extension}", f"{stem}.{self.default}{extension}", path):
            if candidate in self.generated or candidate in self.hand_written:
                return candidate
        return None

    def anchors(self, found: str) -> set[str] | None:
        """The ids of page `found` (a file name from :meth:`find`); None if it is not a Markdown page."""
        if not found.endswith(".md"):
            return None
        if found not in self._anchors:
            text = self.generated.get(found)
            if text is None and self.docs_dir is not None:
                text = (self.docs_dir / found).read_text(encoding="utf-8", errors="replace")
            self._anchors[found] = anchors_of(text or "")
        return self._anchors[found]

    def pages(self) -> list[str]:
        """Every page, without its language suffix (for suggestions)."""
        found = set()
        for name in [*self.generated, *self.hand_written]:
            stem, extension = posixpath.splitext(name)
            if extension == ".md":
                suffix = posixpath.splitext(stem)[1][1:]
                found.add((stem[: -len(suffix) - 1] if suffix in self.languages else stem) + extension)
        return sorted(found)


def _relative(path: str, page: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(page) or ".")


def resolve(site: SiteFiles, page: str, target: str, language: str) -> tuple[str, str] | None:
    """What is wrong with link `target` on `page` (docs path, no suffix) in `language`: (message, fix), or None."""
    parts = urlsplit(target.strip())
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    if not path:
        if not anchor:
            return None
        resolved = page
    else:
        base = "" if path.startswith(("/", "\\")) else posixpath.dirname(page)
        resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/\\")))
        if resolved == ".." or resolved.startswith("../"):
            return (
                f"link to '{target}' leads outside the site",
                "link to a page of the site by its file, relative to this article (e.g. 'other-article.md')",
            )
        if not posixpath.splitext(resolved)[1]:
            return (
                f"link to '{target}' is an address, not a file: it would lead to no page",
                "link to the page's Markdown file, e.g. 'other-article.md' or '../about.md' "
                "(the site turns it into the page's address)",
            )
    found = site.find(resolved, language)
    if found is None:
        close = difflib.get_close_matches(resolved, site.pages(), n=1)
        return (
            f"link to '{target}' leads to no page: docs/{resolved} does not exist",
            f"did you mean '{_relative(close[0], page)}'?"
            if close
            else "link to a page of the site by its file, relative to this article",
        )
    ids = site.anchors(found) if anchor else None
    if ids is None or anchor in ids:
        return None
    where = "this page" if resolved == page else f"the page {resolved}"
    close = difflib.get_close_matches(anchor, sorted(ids), n=1)
    return (
        f"link to '{target}': {where} has no anchor '#{anchor}'",
        (f"did you mean '#{close[0]}'? " if close else "")
        + "an anchor is a heading's id (from its text, as in the page's table of contents) or one set with { #id }",
    )


def check_links(
    guide: Guide, documents: Mapping[Path, YamlFile], docs_dir: Path | None, only: set[str] | None = None
) -> list[Problem]:
    """Every link in an article body (of the articles `only`, if given) that leads to no file of the site,
    or to no anchor on it (errors)."""
    site: SiteFiles | None = None
    problems: list[Problem] = []
    for article in guide.articles:
        if only is not None and article.id not in only:
            continue
        page = article_path(article.id)
        for language, version in article.versions.items():
            links = [
                (target, line)
                for target, line in outline(version.body).links
                if target.strip() and not is_external(target)
            ]
            if not links:
                continue
            site = site or SiteFiles(guide, docs_dir)
            shown_in = [language]
            if language == article.source_language:  # also where no translation stands in for it
                shown_in += [other for other in guide.languages if other not in article.versions]
            document = documents.get(version.path)
            first = body_start(document) if document is not None else version.body_line
            for target, line in links:
                for page_language in shown_in:
                    wrong = resolve(site, page, target, page_language)
                    if wrong is not None:
                        message, fix = wrong
                        if page_language != language:
                            message += f" (on the {page_language} page, which shows this text until it is translated)"
                        problems.append(Problem(version.path, first + line, message, fix))
                        break
    return problems
