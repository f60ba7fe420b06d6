"""MkDocs' warnings about links on the generated pages, turned into errors of the content file and line.

A net under the content's own link check (content/links.py): MkDocs warns
about a link it cannot resolve on a page it renders (``validation:`` in
mkdocs.yml). Those warnings are recorded (:class:`RenderedLinks`, matched by
MkDocs' wording: an undocumented text, listed in :mod:`.internals`), and one
about a link of an article body fails the build too, naming the content file
and line (:class:`RenderedLinkCheck`). Links the generated pages add
themselves, and links in docs/*.md, stay warnings.
"""

from __future__ import annotations

import logging
import re

from ..content.model import Guide
from ..content.problems import ContentError, Problem
from ..log import plugin_logger
from ..site.urls import GENERATED_ROOT
from .engine import logger_name

log = plugin_logger(__name__)


class RenderedLinks(logging.Handler):
    """Records MkDocs' warnings about links on the generated pages: (page, link, MkDocs' words)."""

    #: How MkDocs (mkdocs.structure.pages) starts a warning about a link: not found, or no such anchor.
    WARNING = re.compile(
        r"^Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) "
        r"link '(?P<link>[^']*)', but (?P<why>.*)$",
        re.DOTALL,
    )

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: list[tuple[str, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        match = self.WARNING.match(record.getMessage())
        if match and match["page"].startswith(GENERATED_ROOT + "/"):
            self.found.append((match["page"], match["link"], match["why"].rstrip(".")))


def body_link_problem(guide: Guide, page: str, link: str, why: str) -> Problem | None:
    """MkDocs' warning about `link` on generated `page` as a problem of the body it is in; None if in no body."""
    stem = page[len(GENERATED_ROOT) + 1 :].removesuffix(".md")
    article_id, _, language = stem.rpartition(".")
    article = next((a for a in guide.articles if a.id == article_id), None)
    if article is None or language not in guide.languages:
        return None
    version = article.versions.get(language) or article.source
    at = version.body.find(f"]({link}")
    at = at if at >= 0 else version.body.find(link)
    if at < 0:
        return None  # a link the page adds itself
    return Problem(
        version.path,
        version.body_line + version.body.count("\n", 0, at),
        f"link to '{link}' leads nowhere on the built {language} page: {why}",
        "link to a file this build makes, and to an anchor its page has (`netguide check` "
        "counts the PDF checklists, which a build with `pdf: false` does not make)",
    )


class RenderedLinkCheck:
    """Listens to MkDocs' link warnings from a build's start; fails the build on one about a body."""

    def __init__(self) -> None:
        self._links: RenderedLinks | None = None

    def watch(self) -> None:
        """Record, from now on, MkDocs' warnings about links on generated pages (a build starts)."""
        if self._links is None:
            self._links = RenderedLinks()
            logging.getLogger(logger_name("mkdocs.structure.pages")).addHandler(self._links)
        self._links.found.clear()

    def check(self, guide: Guide, serving: bool) -> None:
        """Raise a ContentError for the links of article bodies MkDocs warned about since the last call.

        Called when a language is rendered (MkDocs checks anchors last). Under
        `mkdocs serve` the error is logged: the pages are written by then.
        """
        found, self._links.found = (self._links.found, []) if self._links else ([], [])
        problems = [problem for problem in (body_link_problem(guide, *warning) for warning in found) if problem]
        if not problems:
            return
        error = ContentError(list(dict.fromkeys(problems)))
        if serving:
            log.error(str(error))
            return
        raise error
