"""The ``netguide`` MkDocs plugin: a thin adapter from MkDocs' events to the stages.

Each event handler calls one module: :mod:`.guide_source` loads the content,
:mod:`.generate` writes pages and PDFs, :mod:`.parallel` runs helper
processes, :mod:`.routes` places the pages, and :mod:`netguide.site` finishes
the HTML and writes the site-wide files. It works together with
mkdocs-static-i18n, which builds one language after another in one process
and calls every event once per language (README: "How the build works").

One build runs in one of three modes: the main ``mkdocs build`` (which may
start helpers), a helper (``NETGUIDE_BUILD_LANGUAGES`` set) or ``mkdocs
serve``. Serve keeps this instance for every rebuild (``on_startup`` is
defined), so :meth:`GuidePlugin._begin_build` resets all per-build state.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from ..content.model import Guide
from ..content.problems import ContentError
from ..files import swap_directory
from ..pipeline import parallel
from ..pipeline.build_date import pin_build_date
from ..pipeline.build_lock import BuildBusy, BuildLock, OutputUnusable, prepare_output
from ..pipeline.generate import generate
from ..pipeline.guide_source import GuideSource
from ..pipeline.language_cache import LanguageCache, language_keys, setup_key
from ..site.assemble import finish_site
from ..site.escape import hand_written_meta, page_title, theme_text
from ..site.finish import finish_page, write_not_found_pages
from ..site.navigation import navigation
from ..site.search_index import point_search_at_language, split_index
from ..site.urls import CHECKLISTS_INDEX, GENERATED_ROOT
from . import preview, routes
from .config import GuidePluginConfig
from .i18n_split import LanguagesElsewhere
from .page_cache import PageCache
from .preview_server import PreviewServer, Superseded
from .rendered_links import RenderedLinkCheck
from .template_cache import TemplateCache
from .watch import watch_content

log = get_plugin_logger(__name__)


class GuidePlugin(BasePlugin[GuidePluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.lock = BuildLock()  # held from a build's start to its swap (one build of the project at a time)
        self.source = GuideSource()  # outlives serve rebuilds: it keeps the last good guide
        self.rendered_links = RenderedLinkCheck()  # MkDocs' link warnings, heard from every build
        self.templates = TemplateCache()  # so do compiled templates: every language and rebuild uses them
        self.previews = preview.Previews()  # and, under serve, each language's state for a preview
        self.superseded = lambda: False  # under serve: whether a newer change came in (the rebuild then stops)
        self._begin_build()

    def _begin_build(self) -> None:
        """Forget everything about the previous build (serve reuses this instance)."""
        self.guide: Guide | None = None
        self.final_site_dir: str | None = None
        self.building_site_dir: str | None = None
        self.not_found_pages: dict[str, str] = {}
        self.page_urls: dict[str, dict[str, str]] = {}  # source path -> {language: URL}
        self.parallel = parallel.ParallelBuild()
        self.elsewhere = LanguagesElsewhere(self.parallel.owns)  # static-i18n skips what is built elsewhere
        self.setup_key: str | None = None  # set when this build uses the language cache
        self.language_keys: dict[str, str] = {}
        self.restored: list[str] = []  # languages taken from the language cache
        self.marked_active = None  # a nav entry marked current for the page being rendered
        self.page_setup: str | None = None  # set when this build uses the page cache
        self.pages: PageCache | None = None  # the page cache of the language being rendered

    # -- helpers -----------------------------------------------------------

    def _i18n(self, config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError(
                "netguide: the 'i18n' plugin (mkdocs-static-i18n) is missing. "
                "Add it to 'plugins:' in mkdocs.yml after '- netguide'."
            )
        return i18n

    def _language(self, config: MkDocsConfig) -> str:
        i18n = self._i18n(config)
        return i18n.current_language or i18n.default_language

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent

    def _languages(self, config: MkDocsConfig) -> list[str]:
        """The languages this build makes, in mkdocs.yml's order."""
        return [language.locale for language in self._i18n(config).config.languages if language.build]

    def _finish(self, html: str, language: str) -> str:
        return finish_page(html, self.guide.locales[language].direction, self.source.error, self.source.serving)

    # -- events ------------------------------------------------------------

    def on_startup(self, *, command, dirty: bool) -> None:
        self.source.serving = command == "serve"

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.config.enabled:
            root = self._root(config)
            watched = watch_content(
                server, root / self.config.content_dir, root / self.config.locales_dir, Path(config.docs_dir)
            )
            log.debug(f"Watching in docs/ only {', '.join(watched)}: the build writes docs/{GENERATED_ROOT}/")
            if self.config.preview and self.config.atomic:  # it serves the last site while the next is built
                server = PreviewServer.replacing(server, self.preview)
                self.superseded = server.superseded
        return server

    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        i18n = self._i18n(config)
        self.elsewhere.restore(i18n.config.languages)
        if not i18n.building:  # the first language: the build starts here
            self._start_build(config)
        language = self._language(config)
        self._configure_language(config, language, self.parallel.owns(language))
        return config

    def _configure_language(self, config: MkDocsConfig, language: str, owned: bool) -> None:
        """What `config` holds for rendering `language` (before static-i18n's on_config sets its part)."""
        # static-i18n sets the switcher links of each page as an attribute of
        # config.extra, which outlives the page: without this, the next
        # language's 404 page would get the last page's links.
        vars(config.extra).pop("alternate", None)
        # Our sitemap (written once, after every language) replaces the theme's per-language one.
        config.theme.static_templates.discard("sitemap.xml")
        locale = self.guide.locales[language]
        config.nav = navigation(self.guide, language, self.config.nav_group_size) if owned else []
        # The theme prints both into HTML as they are.
        config.site_name = theme_text(locale.t("site_name"))
        config.site_description = theme_text(locale.t("site_description"))
        # UI strings our theme overrides print (overrides/404.html, partials/copyright.html), escaped alike.
        config.extra["netguide_text"] = {key: theme_text(locale.t(key)) for key in ("not_found", "made_with")}

    def _start_build(self, config: MkDocsConfig) -> None:
        """Start helpers, load the guide, write pages and PDFs, and build into a temporary folder."""
        self.lock.release()  # a serve rebuild that stopped half-way held it
        self._begin_build()
        if not self.parallel.is_helper:  # a helper builds into its own folder, under its main process's lock
            try:
                self.lock.acquire(Path(config.docs_dir), log.info)
                prepare_output(Path(config.site_dir))
            except (BuildBusy, OutputUnusable) as error:
                self.lock.release()
                raise PluginError(str(error)) from None
        self.previews.begin_build()
        self.rendered_links.watch()
        root = self._root(config)
        pin_build_date(root)
        if not config.site_url and not self.parallel.is_helper:
            log.warning(
                "no public address (SITE_URL is not set): no canonical, og:url or hreflang links, "
                "no sitemap.xml, and the PDFs give page paths only. To publish: SITE_URL=https://…/ mkdocs build"
            )
        languages, default = self._languages(config), self._i18n(config).default_language
        cache = self._language_cache(config)
        keeps_languages = self.config.language_cache and self.parallel.finishes_site
        if keeps_languages or self.config.page_cache:
            setup = setup_key(
                root, self._overrides(config), languages, default, config.site_url or "", serving=self.source.serving
            )
            self.setup_key = setup if keeps_languages else None
            self.page_setup = setup if self.config.page_cache else None
        # A build that can take languages from the cache renders few: no helpers for it.
        warm = self.setup_key is not None and cache.holds_setup(self.setup_key)
        if self.config.parallel and self.parallel.finishes_site and not self.source.serving and not warm:
            # The helpers start before the guide is even loaded (see parallel); this process keeps
            # the right-to-left languages, whose PDFs it renders while the helpers build.
            slow = (
                parallel.right_to_left_languages(root / self.config.locales_dir, languages)
                if self.config.pdf
                else frozenset()
            )
            command = [sys.executable, "-m", "mkdocs", "build", "--config-file", config.config_file_path]
            message = self.parallel.start(command, languages, default, Path(config.site_dir), slow)
            if message:
                log.info(message)
        try:
            self.guide = self._load(config, languages, default)
        except ContentError as error:
            raise PluginError(str(error)) from None
        if self.parallel.is_helper:
            try:  # a helper trusts the main process to have written the pages
                parallel.wait_for_release()
            except RuntimeError as error:
                raise PluginError(str(error)) from None
        elif not self.source.error:  # while content is broken, keep the last good pages
            generate(
                self.guide,
                Path(config.docs_dir),
                config.site_url or "",
                root / self.config.cache_dir,
                self.config.pdf,
                self.parallel.helper_languages,
                self.parallel.release,
            )
        self.parallel.release()
        if self.setup_key is not None and not self.source.error:
            self._plan_from_language_cache(config, languages, default)
        if self.config.atomic:
            # Build into a sibling folder; on_post_build swaps it in.
            self.final_site_dir = config.site_dir
            final = Path(config.site_dir)
            final.parent.mkdir(parents=True, exist_ok=True)
            self.building_site_dir = tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent)
            config.site_dir = self.building_site_dir

    def _load(self, config: MkDocsConfig, languages: list[str], default: str) -> Guide:
        root = self._root(config)
        return self.source.load(
            root / self.config.content_dir,
            root / self.config.locales_dir,
            languages,
            default,
            root / self.config.cache_dir / "text-facts.json",
            remember_checks=not self.parallel.is_helper,
            docs_dir=Path(config.docs_dir),
            report_warnings=not self.parallel.is_helper,
            template_dirs=[] if self.parallel.is_helper else [Path(folder) for folder in config.theme.dirs],
        )

    def _language_cache(self, config: MkDocsConfig) -> LanguageCache:
        return LanguageCache(self._root(config) / self.config.cache_dir / "languages", link=self.config.atomic)

    def _overrides(self, config: MkDocsConfig) -> list[Path]:
        return [Path(folder) for folder in config.theme.dirs[:1]] if config.theme.custom_dir else []

    def _plan_from_language_cache(self, config: MkDocsConfig, languages: list[str], default: str) -> None:
        """Render only the languages whose inputs changed since they were kept; take the others from the cache."""
        root = self._root(config)
        self.language_keys = language_keys(
            self.setup_key, root, Path(config.docs_dir), root / self.config.locales_dir, languages, default
        )
        if self.parallel.helpers:  # a cold build: helpers already took their languages
            return
        cache = self._language_cache(config)
        kept = [language for language in languages if cache.has(language, self.language_keys[language])]
        if kept:
            self.restored = kept
            self.parallel.build_only = {language for language in languages if language not in kept}
            log.info(f"Unchanged since the last build, taken from the cache: {', '.join(kept)}")

    # After static-i18n (-100) has given each file its language and URL.
    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig):
        if not self.config.enabled:
            return files
        if self.source.error:  # serve goes on with the last good content: nothing of no listed kind goes out
            files = routes.contributed_files_only(files, Path(config.docs_dir), self._root(config))
        language = self._language(config)
        if not self.parallel.owns(language):  # another process builds it, or it comes from the cache
            return routes.theme_files_only(
                files, keep_shared_assets=language in self.restored and language == self._i18n(config).default_language
            )
        default = self._i18n(config).default_language
        if language == default:
            routes.prefix_default_language(files, default, config.site_dir, config.use_directory_urls)
        routes.record_page_urls(files, language, self.page_urls)
        if self.page_setup is not None:
            self.pages = PageCache(self._root(config) / self.config.cache_dir / "pages", self.page_setup, language)
            self.pages.know_files(files)
            self.pages.know_templates(config.theme.dirs)
        return files

    # -- the page cache (page_cache.py): each handler asks it, after or before every other plugin --

    @event_priority(-200)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        if self.pages is not None:
            self.pages.know_nav(nav)
        if self.config.enabled and self.source.serving and self.parallel.owns(self._language(config)):
            self.previews.saw_nav(self._language(config), config, files, nav)
        return nav

    @event_priority(-200)
    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files):
        self._stop_if_superseded()
        if not page.file.src_uri.startswith(GENERATED_ROOT + "/"):
            hand_written_meta(page.meta)
        return self.pages.before_render(page, markdown) if self.pages is not None else markdown

    @event_priority(200)
    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files):
        html = self.pages.after_render(page, html, files) if self.pages is not None else html
        page.title = page_title(page.title)  # escaped exactly once wherever the theme prints it
        return html

    @event_priority(-200)
    def on_env(self, env, config: MkDocsConfig, files: Files):
        if self.config.enabled and env.bytecode_cache is None:
            env.bytecode_cache = self.templates
        if self.pages is not None:
            self.pages.know_site([file.page for file in files.documentation_pages() if file.page])
        if self.config.enabled and self.source.serving:
            self.previews.saw_env(self._language(config), env)
        return env

    def on_page_read_source(self, page, config: MkDocsConfig) -> str | None:
        preview = self.previews.sources.get(page.file.src_uri)  # a preview's Markdown
        if preview is not None:
            return preview
        # Under serve with broken content: a hand-written page as it last passed the checks.
        return self.source.kept_page(Path(page.file.abs_src_path)) if page.file.abs_src_path else None

    def _stop_if_superseded(self) -> None:
        """Under serve, stop a rebuild that a newer change makes pointless (the server starts over with it)."""
        if self.superseded() and not self.previews.sources:
            raise Superseded()

    # After static-i18n (50) has set the language switcher links.
    @event_priority(40)
    def _page_context(self, context, page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        self._stop_if_superseded()
        default = self._i18n(config).default_language
        # static-i18n assigns the attribute config.extra.alternate (not the key).
        routes.fix_default_language_switcher(getattr(config.extra, "alternate", None) or [], default)
        language = self._language(config)
        kind = (page.meta.get("netguide") or {}).get("kind", "page")
        context["netguide"] = {
            "language": language,
            "default_language": default,
            "direction": self.guide.locales[language].direction,
            "kind": kind,
        }
        if kind == "checklist" and nav is not None:
            self._mark_checklists_entry(nav)
        return context

    # After every plugin: the context is what the template will read.
    @event_priority(-200)
    def _kept_output(self, context, page, config: MkDocsConfig, nav):
        if self.pages is not None:
            self.pages.before_template(page, context)  # a kept output: overrides/main.html prints just that
        return context

    on_page_context = CombinedEvent(_page_context, _kept_output)

    def _mark_checklists_entry(self, nav) -> None:
        """On a checklist page (not itself in the nav), show "Checklists" as the current section.

        MkDocs marks only the nav entries of the page being rendered; its
        ``active`` flag is undone in on_post_page.
        """
        for entry in nav.pages:
            if getattr(entry.file, "norm_src_uri", entry.file.src_uri) == CHECKLISTS_INDEX:
                entry.active = True
                self.marked_active = entry
                return

    # Before every plugin: the template's own output.
    @event_priority(200)
    def _keep_output(self, output: str, page, config: MkDocsConfig):
        if self.pages is not None:
            self.pages.after_template(page, output)
        return output

    @event_priority(-110)
    def _post_page(self, output: str, page, config: MkDocsConfig):
        if self.marked_active is not None:
            self.marked_active.active = False
            self.marked_active = None
        if not self.config.enabled:
            return output
        language = self._language(config)
        language_root = get_relative_url(f"{language}/", page.url) if page.url else "."
        output = point_search_at_language(output, language_root.rstrip("/") or ".")
        return self._finish(output, language)

    on_post_page = CombinedEvent(_keep_output, _post_page)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig):
        if self.config.enabled and template_name == "404.html":
            self.not_found_pages[self._language(config)] = output
        return output

    # Each language, once MkDocs has checked its links, before static-i18n (-100) builds the next one.
    @event_priority(-80)
    def _fail_on_broken_body_links(self, config: MkDocsConfig):
        if self.config.enabled and self.guide is not None:
            try:
                self.rendered_links.check(self.guide, self.source.serving)
            except ContentError as error:
                raise PluginError(str(error)) from None

    # Each language, once its pages are written.
    @event_priority(-85)
    def _prune_page_cache(self, config: MkDocsConfig):
        if self.pages is not None:
            if self.pages.kept_outputs:
                log.info(
                    f"{self.pages.language}: {self.pages.kept_outputs} of {self.pages.pages} pages "
                    "unchanged, taken from the page cache"
                )
            self.pages.prune()
            self.pages = None

    # Before static-i18n's on_post_build (-100) loops over the other languages:
    # hide from that loop the languages another process builds.
    @event_priority(-90)
    def _hide_languages_built_elsewhere(self, config: MkDocsConfig):
        i18n = self._i18n(config)
        if self.config.enabled and not i18n.building:
            self.elsewhere.hide(i18n.config.languages, i18n.default_language)

    # After static-i18n's own on_post_build (-100), which builds the other languages.
    @event_priority(-110)
    def _finish_build(self, config: MkDocsConfig):
        i18n = self._i18n(config)
        if not self.config.enabled or i18n.building:
            return
        self.elsewhere.restore(i18n.config.languages)
        site = Path(config.site_dir)
        default = i18n.default_language
        write_not_found_pages(
            site,
            {
                language: self._finish(html, language)
                for language, html in self.not_found_pages.items()
                if self.parallel.owns(language)
            },
            default,
        )
        split_index(site, [language for language in self.guide.languages if self.parallel.owns(language)])
        if not self.parallel.finishes_site:
            parallel.write_pages(site, self.page_urls)  # the main process or `netguide assemble` finishes the site
        else:
            try:
                for source, by_language in self.parallel.collect(site, warn=log.warning).items():
                    self.page_urls.setdefault(source, {}).update(by_language)
            except RuntimeError as error:
                raise PluginError(str(error)) from None
            cache = self._language_cache(config)
            for language in self.restored:
                for source, by_language in cache.restore(language, site, default).items():
                    self.page_urls.setdefault(source, {}).update(by_language)
            finish_site(site, self.guide, config.site_url or "/", self.page_urls, default, tuple(self.restored))
            # Pages built while serve shows a content error carry its banner: never keep those.
            for language in self.language_keys if self.setup_key is not None and not self.source.error else []:
                if language not in self.restored:
                    cache.store(language, self.language_keys[language], self.setup_key, site, self.page_urls, default)
        if self.building_site_dir and self.final_site_dir:
            swap_directory(Path(self.building_site_dir), Path(self.final_site_dir))
            config.site_dir = self.final_site_dir
            self.building_site_dir = None
        self.lock.release()
        self.previews.build_succeeded()

    on_post_build = CombinedEvent(
        _fail_on_broken_body_links, _prune_page_cache, _hide_languages_built_elsewhere, _finish_build
    )

    def on_build_error(self, *, error: Exception) -> None:
        self.parallel.stop()
        self.lock.release()
        self.previews.begin_build()  # keep the states of the last build that succeeded
        if self.pages is not None:
            self.pages.stop_recording()  # and keeps every entry: this build did not see all pages
            self.pages = None
        if self.building_site_dir:
            shutil.rmtree(self.building_site_dir, ignore_errors=True)
            if not isinstance(error, Superseded):
                log.error(f"Build failed; the previous site in {self.final_site_dir} is left untouched.")
            self.building_site_dir = None

    # -- the preview under serve (preview.py), asked by the server before each rebuild --

    def preview(self, changed: set[Path]) -> dict[str, bytes] | None:
        """The pages an edit to `changed` files changed, rendered from the last build's state; None: no preview."""
        states = self.previews.states
        if not states:
            return None
        config = next(iter(states.values())).config
        articles = preview.edited_articles(changed, self._root(config) / self.config.content_dir)
        if not articles:
            return None
        # Those articles' files checked as a build checks them, against the rest of the last good guide.
        guide = self.source.load_articles(self._root(config) / self.config.content_dir, articles, Path(config.docs_dir))
        if guide is None:  # the rebuild reports what is wrong, with the last good pages
            return None
        new = preview.changed_pages(preview.article_pages(guide, articles), Path(config.docs_dir))
        if not new or len(new) > preview.MAX_PAGES or any(preview.language_of(path) not in states for path in new):
            return None
        self.guide = guide
        shown: dict[str, bytes] = {}
        self.previews.sources = new
        try:
            for language in dict.fromkeys(preview.language_of(path) for path in sorted(new)):
                state = states[language]  # with the configuration and plugins of the build that rendered it
                i18n = self._i18n(state.config)
                i18n.current_language = language
                self._configure_language(state.config, language, owned=True)
                i18n.on_config(state.config)
                for path in sorted(new):
                    if preview.language_of(path) == language:
                        rendered = preview.render(state, path)
                        if rendered is None:
                            return None
                        shown[rendered[0]] = rendered[1]
        finally:
            self.previews.sources = {}
        return shown
