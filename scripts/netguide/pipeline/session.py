"""One build of the site, with no engine: what to render, what to take from the caches, and the swap.

An engine's adapter (today :mod:`netguide.mkdocs_adapter.plugin`) drives one
:class:`BuildSession` per build:

1. :meth:`BuildSession.start` before any language renders: take the build
   lock, start helper processes or not, load and validate the guide, write
   its pages and PDFs, decide which languages come from the language cache,
   and name the temporary folder to build into;
2. the engine renders each language that :meth:`BuildSession.owns` (the others
   are rendered by helpers or come from the cache), finishing each page with
   :meth:`BuildSession.finish_page` and handing its 404 page to
   :meth:`BuildSession.keep_not_found_page`;
3. :meth:`BuildSession.finish` once every language is rendered: 404 pages,
   search indexes, the helpers' and the cache's languages, the files that
   span languages, the cache, and the swap into the final folder;
   or :meth:`BuildSession.fail` on any error (the last good site stays).

Every decision is a plain function (:func:`starts_helpers`, :func:`taken_from_cache`), so
tests/test_unit_session.py checks them without a build. Errors a reader must
see come out as :class:`BuildStopped`, whose text is the whole message.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..cache_keys import language_keys, setup_key
from ..content.model import Guide
from ..content.problems import ContentError
from ..files import swap_directory
from ..log import plugin_logger
from ..site.assemble import finish_site
from ..site.escape import hand_written_meta
from ..site.finish import finish_page, write_not_found_pages
from ..site.pages import hand_written_link
from ..site.search_index import split_index
from ..site.source_links import Repository, SourceLinks
from ..site.urls import GENERATED_ROOT
from . import parallel
from .build_date import pin_build_date
from .build_lock import BuildBusy, BuildLock, OutputUnusable, prepare_output
from .contribution_links import source_links
from .generate import generate
from .guide_source import GuideSource
from .language_cache import LanguageCache
from .pending_pdfs import PendingPdfs

log = plugin_logger(__name__)


class BuildStopped(Exception):
    """The build cannot go on; the text says why and what to do."""


@dataclass(frozen=True)
class Project:
    """Where one build reads and writes, and what it makes, as the engine's configuration says."""

    root: Path  # the folder of the engine's configuration file
    docs_dir: Path
    site_dir: Path
    content_dir: Path
    locales_dir: Path
    cache_dir: Path
    languages: tuple[str, ...]  # the languages this build makes, in the configured order
    default: str
    site_url: str  # "" when no public address is set
    overrides: tuple[Path, ...]  # the theme's override folder, if any (part of every language's cache key)
    template_dirs: tuple[Path, ...]  # every folder the theme reads templates from
    helper_command: tuple[str, ...]  # the command that builds languages in a helper process
    # The GitHub repository pages link to ("Improve this page"); None: no such links. Its root is `root`.
    repository: Repository | None = None


@dataclass(frozen=True)
class Options:
    """The switches of a build (the plugin's options in mkdocs.yml)."""

    pdf: bool = True
    atomic: bool = True
    parallel: bool = True
    language_cache: bool = True
    page_cache: bool = True


def starts_helpers(options: Options, finishes_site: bool, serving: bool, warm: bool) -> bool:
    """Whether this build hands languages to helper processes.

    Only a `build` that puts the whole site together does, and not when the
    language cache holds languages of the same code and configuration (`warm`):
    little is left to render then, and a helper's start-up would cost more.
    """
    return options.parallel and finishes_site and not serving and not warm


def taken_from_cache(languages: list[str], keys: dict[str, str], held: Callable[[str, str], bool]) -> list[str]:
    """The languages whose key the cache holds (`held(language, key)`), in build order."""
    return [language for language in languages if held(language, keys[language])]


class BuildSession:
    """One build's state, from :meth:`start` to :meth:`finish` or :meth:`fail`.

    `source` and `lock` outlive a session: under serve the same ones serve
    every rebuild (the source keeps the last good guide). `checkpoint` is
    called between the long steps that come before and after the engine's
    pages (checking each article, writing the pages, putting the site together): the
    engine's adapter may raise from it to stop the build (under serve, when
    a newer save came in), as from its page events.
    """

    def __init__(self, source: GuideSource, lock: BuildLock, checkpoint: Callable[[], None] = lambda: None) -> None:
        self.source = source
        self.lock = lock
        self.checkpoint = checkpoint
        self.parallel = parallel.ParallelBuild()
        self.guide: Guide | None = None
        self.pdfs: PendingPdfs | None = None  # the PDF checklists, drawn while the engine renders pages
        self.source_links: SourceLinks | None = None  # the pages' links to their files on GitHub, if any
        self.project: Project | None = None
        self.options = Options()
        self.setup_key: str | None = None  # set when this build uses the language cache
        self.page_setup: str | None = None  # set when this build uses the page cache
        self.language_keys: dict[str, str] = {}
        self.restored: list[str] = []  # languages taken from the language cache
        self.page_urls: dict[str, dict[str, str]] = {}  # source path -> {language: URL}
        self.not_found_pages: dict[str, str] = {}  # language -> its 404 page as the engine rendered it
        self.building_dir: Path | None = None  # the temporary folder the site is built into (atomic builds)

    def owns(self, language: str) -> bool:
        """Whether the engine renders `language` in this process (not a helper, not the cache)."""
        return self.parallel.owns(language)

    @property
    def finishes_site(self) -> bool:
        return self.parallel.finishes_site

    def start(self, project: Project, options: Options) -> Path | None:
        """Everything before the engine renders a page; returns the folder to build into (None: the site folder)."""
        self.project, self.options = project, options
        self.lock.release()  # a serve rebuild that stopped half-way held it
        if not self.parallel.is_helper:  # a helper builds into its own folder, under its main process's lock
            try:
                self.lock.acquire(project.docs_dir, log.info)
                prepare_output(project.site_dir)
            except (BuildBusy, OutputUnusable) as error:
                self.lock.release()
                raise BuildStopped(str(error)) from None
        pin_build_date(project.root)
        if not project.site_url and not self.parallel.is_helper:
            log.warning(
                "no public address (SITE_URL is not set): no canonical, og:url or hreflang links, "
                "no sitemap.xml, and the PDFs give page paths only. To publish: SITE_URL=https://…/ mkdocs build"
            )
        self._choose_caches()
        warm = self.setup_key is not None and self._language_cache().holds_setup(self.setup_key)
        if starts_helpers(options, self.parallel.finishes_site, self.source.serving, warm):
            self._start_helpers()
        if self.parallel.is_helper:
            self._wait_for_release()  # a helper trusts the main process to have written the guide and pages
            self.guide = parallel.received_guide() if parallel.handed_over() else self._load_or_stop()
        else:
            self.guide = self._load_or_stop()
            self.parallel.hand_over(self.guide)  # validated once: the helpers do not load it again
        self.source_links = source_links(
            project.repository,
            self.guide,
            project.root,
            project.content_dir,
            project.docs_dir,
            from_files=not self.parallel.is_helper,  # a helper renders no generated page
        )
        self.checkpoint()
        if not self.parallel.is_helper and not self.source.error:  # while content is broken, keep the last good pages
            self.pdfs = generate(
                self.guide,
                project.docs_dir,
                project.site_url,
                project.cache_dir,
                options.pdf,
                self.parallel.helper_languages,
                self.parallel.release,
                self.source_links,
                order=project.languages,
            )
        self.parallel.release()
        self.checkpoint()
        if self.setup_key is not None and not self.source.error:
            self._plan_from_language_cache()
        if options.atomic:
            project.site_dir.parent.mkdir(parents=True, exist_ok=True)
            prefix = f".{project.site_dir.name}.building-"
            self.building_dir = Path(tempfile.mkdtemp(prefix=prefix, dir=project.site_dir.parent))
        return self.building_dir

    def _wait_for_release(self) -> None:
        try:
            parallel.wait_for_release()
        except RuntimeError as error:
            raise BuildStopped(str(error)) from None

    def _load_or_stop(self) -> Guide:
        try:
            return self._load()
        except ContentError as error:
            raise BuildStopped(str(error)) from None

    def _choose_caches(self) -> None:
        project, options = self.project, self.options
        keeps_languages = options.language_cache and self.parallel.finishes_site
        if keeps_languages or options.page_cache:
            setup = setup_key(
                project.root,
                list(project.overrides),
                list(project.languages),
                project.default,
                project.site_url,
                serving=self.source.serving,
                repository=project.repository,
            )
            self.setup_key = setup if keeps_languages else None
            self.page_setup = setup if options.page_cache else None

    def _start_helpers(self) -> None:
        # The helpers start before the guide is even loaded (see parallel); this process keeps
        # the right-to-left languages, whose PDFs it renders while the helpers build.
        project = self.project
        slow = (
            parallel.right_to_left_languages(project.locales_dir, list(project.languages))
            if self.options.pdf
            else frozenset()
        )
        message = self.parallel.start(
            list(project.helper_command), list(project.languages), project.default, project.site_dir, slow
        )
        if message:
            log.info(message)

    def _load(self) -> Guide:
        project, helper = self.project, self.parallel.is_helper
        return self.source.load(
            project.content_dir,
            project.locales_dir,
            list(project.languages),
            project.default,
            project.cache_dir / "text-facts.json",
            remember_checks=not helper,
            docs_dir=project.docs_dir,
            report_warnings=not helper,
            template_dirs=[] if helper else list(project.template_dirs),
            checkpoint=self.checkpoint,
        )

    def _language_cache(self) -> LanguageCache:
        return LanguageCache(self.project.cache_dir / "languages", link=self.options.atomic)

    def _plan_from_language_cache(self) -> None:
        """Render only the languages whose inputs changed since they were kept; take the others from the cache."""
        project = self.project
        languages = list(project.languages)
        self.language_keys = language_keys(
            self.setup_key,
            project.root,
            project.docs_dir,
            project.locales_dir,
            languages,
            project.default,
            stand_ins=self.pdfs.stand_ins() if self.pdfs else None,
        )
        if self.parallel.helpers:  # a cold build: helpers already took their languages
            return
        kept = taken_from_cache(languages, self.language_keys, self._language_cache().has)
        if kept:
            self.restored = kept
            self.parallel.build_only = {language for language in languages if language not in kept}
            log.info(f"Unchanged since the last build, taken from the cache: {', '.join(kept)}")

    def hand_written_page(self, markdown: str, docs_path: str, meta: dict, language: str) -> str:
        """A docs/ page's Markdown as the site shows it: for a hand-written page (not one under docs/guide/),
        its front matter escaped for the theme (`meta`, in place) and its "Improve this page" link added."""
        if docs_path.startswith(GENERATED_ROOT + "/"):
            return markdown
        hand_written_meta(meta)  # whatever else happens: the theme prints it as it is
        if self.guide is None:
            return markdown
        return markdown + hand_written_link(self.guide, language, docs_path, self.source_links)

    def finish_page(self, html: str, language: str) -> str:
        """A rendered page of `language` as it is published (see :func:`netguide.site.finish.finish_page`)."""
        return finish_page(html, self.guide.locales[language].direction, self.source.error, self.source.serving)

    def keep_not_found_page(self, language: str, html: str) -> None:
        self.not_found_pages[language] = html

    def files_ready(self, language: str) -> None:
        """The engine copies `language`'s files next: its PDFs, drawn while pages rendered, are written now."""
        if self.pdfs is not None:
            self._stop_on_pdf_error(self.pdfs.wait, language)

    def _stop_on_pdf_error(self, step, *arguments) -> None:
        try:
            step(*arguments)
        except Exception as error:  # fpdf2, Typst, a worker process: the build stops, with what went wrong
            raise BuildStopped(f"the PDF checklists could not be drawn: {type(error).__name__}: {error}") from error

    def finish(self, site: Path) -> None:
        """Every language is rendered into `site`: complete the site and swap it into the site folder."""
        project = self.project
        if self.pdfs is not None:  # every PDF into docs/, also those of the languages rendered elsewhere
            self._stop_on_pdf_error(self.pdfs.finish)
        default = project.default
        pages = {
            language: self.finish_page(html, language)
            for language, html in self.not_found_pages.items()
            if self.owns(language)
        }
        write_not_found_pages(site, pages, default)
        split_index(site, [language for language in self.guide.languages if self.owns(language)])
        self.checkpoint()
        if not self.parallel.finishes_site:
            parallel.write_pages(site, self.page_urls)  # the main process or `netguide assemble` finishes the site
        else:
            try:
                self._add_urls(self.parallel.collect(site, warn=log.warning))
            except RuntimeError as error:
                raise BuildStopped(str(error)) from None
            cache = self._language_cache()
            for language in self.restored:
                self._add_urls(cache.restore(language, site, default))
            self.checkpoint()
            finish_site(site, self.guide, project.site_url or "/", self.page_urls, default, tuple(self.restored))
            self.checkpoint()
            # Pages built while serve shows a content error carry its banner: never keep those.
            for language in self.language_keys if self.setup_key is not None and not self.source.error else []:
                if language not in self.restored:
                    cache.store(language, self.language_keys[language], self.setup_key, site, self.page_urls, default)
        if self.building_dir is not None:
            # Under serve, the next edit's preview need not wait for the old site's deletion.
            swap_directory(self.building_dir, project.site_dir, delete_in_background=self.source.serving)
            self.building_dir = None
        self.lock.release()

    def _add_urls(self, urls: dict[str, dict[str, str]]) -> None:
        for source, by_language in urls.items():
            self.page_urls.setdefault(source, {}).update(by_language)

    def fail(self, quiet: bool = False) -> None:
        """The build stopped: stop the helpers, drop the temporary folder; the last good site stays."""
        self.parallel.stop()
        self.lock.release()
        if self.building_dir is not None:
            shutil.rmtree(self.building_dir, ignore_errors=True)
            if not quiet:
                log.error(f"Build failed; the previous site in {self.project.site_dir} is left untouched.")
            self.building_dir = None
