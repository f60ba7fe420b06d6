"""A preview under `mkdocs serve`: the pages an edit to an article changed, rendered from the last build's state.

A serve rebuild goes over every page of the edited language (static-i18n
placing its files, the nav, every page through the template and the search
plugin): seconds at 100 articles, while the writer looks at one page. So the
last build's MkDocs state is kept for each language (:class:`LanguageState`:
its configuration, files, navigation and Jinja environment), and an edit to
an article's language files renders just the pages whose Markdown changed,
through MkDocs' own page rendering and every plugin's page events, as the
build renders them. The server (:mod:`.preview_server`) shows them at once;
the full rebuild follows and replaces them. `tests/test_preview.py` checks
that a preview is byte for byte the page the rebuild then makes.

What is previewed: an edit to ``content/articles/<id>/<lang>.yml`` that
loads and validates as a build would (any problem: no preview, the rebuild
reports it), changes at most :data:`MAX_PAGES` pages and no page title (a
title is in every page's nav: only a rebuild can show it). Anything else,
and anything in a language the last build did not render (nor an earlier
one), waits for the rebuild.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..content.folders import META_FILE
from ..content.model import Guide
from ..pipeline.guide_source import GuideSource
from ..pipeline.session import BuildSession
from ..site import pages
from ..site.source_links import SourceLinks
from ..site.urls import article_path, checklist_path
from . import languages

#: More changed pages than this are left to the rebuild (a preview renders them one by one).
MAX_PAGES = 12


@dataclass
class LanguageState:
    """What rendering a page of one language needs, as the last build that rendered the language had it."""

    config: MkDocsConfig  # shared by every language of that build: set up for one with `configure`
    files: Files
    nav: Navigation | None = None
    env: jinja2.Environment | None = None


def edited_articles(changed: Iterable[Path], content_dir: Path) -> set[str] | None:
    """The ids of the articles whose language files are `changed`; None if anything else changed."""
    articles = (content_dir / "articles").resolve()
    found = set()
    for path in changed:
        path = Path(path).resolve()
        if path.parent.parent != articles or path.suffix != ".yml" or path.name == META_FILE:
            return None
        found.add(path.parent.name)
    return found


def article_pages(guide: Guide, article_ids: set[str], links: SourceLinks | None = None) -> dict[str, str]:
    """{docs path: Markdown} of the article and checklist pages of `article_ids`, in every language."""
    found = {}
    for article in guide.articles:
        if article.id in article_ids:
            for language in guide.languages:
                for path, page in (
                    (article_path(article.id), pages.article_page),
                    (checklist_path(article.id), pages.checklist_page),
                ):
                    found[path[: -len(".md")] + f".{language}.md"] = page(guide, article, language, links)
    return found


def title(markdown: str) -> str | None:
    """The title in a generated page's front matter (one line of JSON, see site.pages)."""
    lines = markdown.split("\n", 2)
    if len(lines) < 2 or lines[0] != "---":
        return None
    try:
        return json.loads(lines[1]).get("title")
    except ValueError:
        return None


def changed_pages(new: dict[str, str], docs_dir: Path) -> dict[str, str] | None:
    """The pages of `new` whose Markdown differs from the files of the last build; None if a title changed."""
    changed = {}
    for path, markdown in new.items():
        try:
            old = (docs_dir / path).read_text(encoding="utf-8")
        except OSError:
            return None  # a page the last build did not have: the nav changes
        if old != markdown:
            if title(old) != title(markdown):
                return None
            changed[path] = markdown
    return changed


def language_of(path: str) -> str:
    """The language of a generated page file (``guide/<id>.<lang>.md``)."""
    return path[: -len(".md")].rpartition(".")[2]


def render(state: LanguageState, src_uri: str) -> tuple[str, bytes] | None:
    """Render page `src_uri` as MkDocs' build does (``_populate_page`` and ``_build_page``).

    Its Markdown comes from the plugins' ``on_page_read_source`` (the
    plugin gives the preview's). Returns (path under the site folder, HTML),
    or None when the last build had no such page.
    """
    config, files, nav, env = state.config, state.files, state.nav, state.env
    file = files.get_file_from_path(src_uri)
    if file is None or file.page is None or nav is None or env is None:
        return None
    page = file.page
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        page.active = True
        context = get_context(nav, files.documentation_pages(inclusion=InclusionLevel.is_in_serve), config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        config._current_page = None
    return file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace")


class Previews:
    """Each language's state from the last build that rendered it, and the Markdown of a preview being rendered.

    A build records the state of each language it renders; only a build that
    succeeds replaces the kept states. A language a build takes from the
    language cache keeps the state of the build that last rendered it: its
    inputs have not changed since.
    """

    def __init__(self) -> None:
        self.recording = False  # only under serve: a build keeps its languages' states
        self.states: dict[str, LanguageState] = {}
        self._building: dict[str, LanguageState] = {}
        #: {docs path: Markdown} of the pages being previewed (the plugin's on_page_read_source gives them).
        self.sources: dict[str, str] = {}

    def begin_build(self) -> None:
        self._building = {}

    def saw_nav(self, language: str, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        if self.recording:
            self._forget_page_texts()  # static-i18n builds one language after another: the others are done
            self._building[language] = LanguageState(config, files, nav)

    def saw_env(self, language: str, env: jinja2.Environment) -> None:
        if language in self._building:
            self._building[language].env = env

    def build_succeeded(self) -> None:
        self._forget_page_texts()
        self.states.update(self._building)
        self._building = {}

    def _forget_page_texts(self) -> None:
        """Drop the Markdown and HTML of every page of the languages built so far: a preview renders its
        own pages anew.

        The rest of a page (title, address, front matter, table of contents) stays, for the nav and
        the links of the pages a preview renders. The texts were a third of what serve held between
        builds (100 x 5). A page's title is kept as it was: the build set each one (the plugin's
        ``on_page_content``), so it no longer depends on the Markdown.
        """
        for state in self._building.values():
            for file in state.files.documentation_pages():
                page = file.page
                if page is not None and page.markdown:
                    page.title = page.title
                    page.markdown, page.content = "", None


def read_source(page, previews: Previews, source: GuideSource) -> str | None:
    """A page's Markdown where it is not the file's: a preview's, or under serve with broken content,
    a hand-written page as it last passed the checks; None: MkDocs reads the file."""
    preview = previews.sources.get(page.file.src_uri)
    if preview is not None:
        return preview
    return source.kept_page(Path(page.file.abs_src_path)) if page.file.abs_src_path else None


def preview_edit(
    changed: set[Path],
    previews: Previews,
    source: GuideSource,
    session: BuildSession,
    options,
) -> dict[str, bytes] | None:
    """The pages an edit to `changed` files changed, rendered from the last build's state; None: no preview.

    The edited articles' files are checked as a build checks them, against the rest of the last
    good guide (`source`); the guide that results becomes the last build's `session` guide, which the
    plugin's page events use; `options` are the plugin's. The links to GitHub are the session's (its
    scaffolds and commits: the rebuild brings them up to date).
    """
    states = previews.states
    if not states:
        return None
    config = next(iter(states.values())).config
    content_dir = Path(config.config_file_path).parent / options.content_dir
    articles = edited_articles(changed, content_dir)
    if not articles:
        return None
    guide = source.load_articles(content_dir, articles, Path(config.docs_dir))
    if guide is None:  # the rebuild reports what is wrong, with the last good pages
        return None
    new = changed_pages(article_pages(guide, articles, session.source_links), Path(config.docs_dir))
    if not new or len(new) > MAX_PAGES or any(language_of(path) not in states for path in new):
        return None
    session.guide = guide
    shown: dict[str, bytes] = {}
    previews.sources = new
    try:
        for language in dict.fromkeys(language_of(path) for path in sorted(new)):
            state = states[language]  # with the configuration and plugins of the build that rendered it
            languages.switch_to(state.config, guide, language, options)
            for path in sorted(new):
                if language_of(path) == language:
                    rendered = render(state, path)
                    if rendered is None:
                        return None
                    shown[rendered[0]] = rendered[1]
    finally:
        previews.sources = {}
    return shown
