"""The ``netguide`` MkDocs plugin: MkDocs' events, each handed to the pipeline or one adapter module.

A build is one :class:`netguide.pipeline.session.BuildSession` (what to
render, the caches, the helpers, the swap); :mod:`.languages` sets the
config up for each language, :mod:`.routes` places the files,
:mod:`.page_cache` keeps pages between builds, :mod:`.preview` renders an
edit under serve. mkdocs-static-i18n builds one language after another in
one process and calls every event once per language (README: "How the
build works"); serve keeps this instance for every rebuild (``on_startup``
is defined), and each build starts a new session in the first language's
``on_config``.

Each event priority other than the default is named below, with the
handler of another plugin it must follow or precede.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from ..content.problems import ContentError
from ..pipeline.build_lock import BuildLock
from ..pipeline.guide_source import GuideSource
from ..pipeline.session import BuildSession, BuildStopped
from ..site.escape import page_title
from ..site.search_index import point_search_at_language
from . import languages, preview, routes
from .config import GuidePluginConfig, build_options, project
from .i18n_split import LanguagesElsewhere
from .page_cache import CurrentPageCache
from .preview_server import PreviewServer, Superseded
from .rendered_links import RenderedLinkCheck
from .template_cache import TemplateCache
from .watch import watch_content

log = get_plugin_logger(__name__)

# Event priorities other than the default (0), each against the plugin it must follow or precede.
# mkdocs-static-i18n runs at -100 (on_config, on_files, on_nav, on_post_page, and on_post_build, which
# builds every other language) and at 50 (on_page_markdown, on_page_context: the switcher links).
AFTER_I18N = -110  # on_files: files have their language and URL; on_post_page: its page is final
AFTER_I18N_SWITCHER = 40  # on_page_context: the switcher links are set
LAST = -200  # the page cache sees what MkDocs will use: Markdown, nav, Jinja environment, template context
FIRST = 200  # the page cache sees what MkDocs made, before any plugin changes it: HTML, template output
BEFORE_I18N = -80  # on_files: before static-i18n (-100) reads them; on_post_build: a language is built, static-i18n then builds the next one
# on_post_build after static-i18n (AFTER_I18N): every language is built.


def _stopping_on_error(step, *arguments):
    """``step(*arguments)``; an error a reader must see is shown as MkDocs shows a plugin's, one message."""
    try:
        return step(*arguments)
    except (BuildStopped, ContentError) as error:
        raise PluginError(str(error)) from None


class GuidePlugin(BasePlugin[GuidePluginConfig]):
    def __init__(self) -> None:
        # These outlive serve rebuilds: the lock (one build of the project at a time), the last good
        # guide, MkDocs' link warnings, compiled templates and each language's state for a preview.
        self.lock, self.source, self.rendered_links = BuildLock(), GuideSource(), RenderedLinkCheck()
        self.templates, self.previews = TemplateCache(), preview.Previews()
        self.superseded = lambda: False  # under serve: whether a newer change came in (the rebuild then stops)
        self._new_session()

    def _new_session(self) -> None:
        self.previews.begin_build()
        self.rendered_links.watch()
        self.session = BuildSession(self.source, self.lock, checkpoint=self._stop_if_superseded)
        self.elsewhere = LanguagesElsewhere(self.session.owns)  # static-i18n skips what is built elsewhere
        self.final_site_dir: str | None = None  # the site folder, while the build writes a temporary one
        self.marked_active = None  # a nav entry marked current for the page being rendered
        self.pages = CurrentPageCache()

    def on_startup(self, *, command, dirty: bool) -> None:
        self.source.serving = self.previews.recording = command == "serve"

    def on_serve(self, server, config: MkDocsConfig, builder):
        watch_content(server, project(config, self.config))
        if self.config.preview and self.config.atomic:  # it serves the last site while the next is built
            server = PreviewServer.replacing(server, self.preview)
            self.superseded = server.superseded
        return server

    def on_config(self, config: MkDocsConfig):
        self.elsewhere.restore(languages.i18n_plugin(config).config.languages)
        if not languages.building(config):  # the first language: the build starts here
            self._new_session()
            building = _stopping_on_error(self.session.start, project(config, self.config), build_options(self.config))
            if building is not None:  # build into a sibling folder; on_post_build swaps it in
                self.final_site_dir, config.site_dir = config.site_dir, str(building)
        language = languages.current_language(config)
        languages.configure_language(config, self.session.guide, language, self.session.owns(language), self.config)
        return config

    @event_priority(BEFORE_I18N)
    def _files_to_place(self, files: Files, config: MkDocsConfig):  # static-i18n places no file it would drop
        return routes.files_to_place(files, languages.current_language(config), self.session, config.docs_dir)

    @event_priority(AFTER_I18N)
    def _place_files(self, files: Files, config: MkDocsConfig):
        where, language = project(config, self.config), languages.current_language(config)
        if self.source.error:  # serve goes on with the last good content: nothing of no listed kind goes out
            files = routes.contributed_files_only(files, where.docs_dir, where.root)
        files = routes.place_language_files(files, language, self.session, config)
        self.pages.start(where.cache_dir / "pages", self.session.page_setup, language, self.session, files, config)
        return files

    on_files = CombinedEvent(_files_to_place, _place_files)

    @event_priority(LAST)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.pages.nav(nav)
        if self.session.owns(language := languages.current_language(config)):
            self.previews.saw_nav(language, config, files, nav)
        return nav

    @event_priority(LAST)
    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files):
        self._stop_if_superseded()
        language = languages.current_language(config)
        markdown = self.session.hand_written_page(markdown, page.file.src_uri, page.meta, language)
        return self.pages.markdown(page, markdown)

    @event_priority(FIRST)
    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files):
        html = self.pages.content(page, html, files)
        page.title = page_title(page.title)  # escaped exactly once wherever the theme prints it
        return html

    @event_priority(LAST)
    def on_env(self, env, config: MkDocsConfig, files: Files):  # MkDocs copies the language's files next
        env.bytecode_cache = env.bytecode_cache or self.templates
        self.pages.env(files)
        self.previews.saw_env(language := languages.current_language(config), env)
        _stopping_on_error(self.session.files_ready, language)  # its PDFs, drawn while its pages rendered
        return env

    def on_page_read_source(self, page, config: MkDocsConfig) -> str | None:
        return preview.read_source(page, self.previews, self.source)

    def _stop_if_superseded(self) -> None:  # under serve, a newer change came in: the server starts over
        if self.superseded() and not self.previews.sources:
            raise Superseded()

    @event_priority(AFTER_I18N_SWITCHER)
    def _page_context(self, context, page, config: MkDocsConfig, nav):
        self._stop_if_superseded()
        self.marked_active = languages.page_context(context, page, config, nav, self.session.guide)
        return context

    @event_priority(LAST)
    def _kept_output(self, context, page, config: MkDocsConfig, nav):
        self.pages.context(page, context)
        return context

    on_page_context = CombinedEvent(_page_context, _kept_output)

    @event_priority(FIRST)
    def _keep_output(self, output: str, page, config: MkDocsConfig):
        self.pages.output(page, output)
        return output

    @event_priority(AFTER_I18N)
    def _post_page(self, output: str, page, config: MkDocsConfig):
        self.marked_active = routes.unmark(self.marked_active)
        language = languages.current_language(config)
        language_root = get_relative_url(f"{language}/", page.url) if page.url else "."
        output = point_search_at_language(output, language_root.rstrip("/") or ".")
        return self.session.finish_page(output, language)

    on_post_page = CombinedEvent(_keep_output, _post_page)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig):
        if template_name == "404.html":
            self.session.keep_not_found_page(languages.current_language(config), output)
        return output

    @event_priority(BEFORE_I18N)
    def _language_built(self, config: MkDocsConfig):
        if self.session.guide is not None:  # MkDocs' warnings about body links fail the build
            _stopping_on_error(self.rendered_links.check, self.session.guide, self.source.serving)
        self.pages.finish_language(log.info)
        if not languages.building(config):  # the first language: static-i18n's loop skips what others build
            self.elsewhere.hide(languages.i18n_plugin(config).config.languages, languages.default_language(config))

    @event_priority(AFTER_I18N)
    def _finish_build(self, config: MkDocsConfig):
        if languages.building(config):
            return
        self.elsewhere.restore(languages.i18n_plugin(config).config.languages)
        _stopping_on_error(self.session.finish, Path(config.site_dir))
        if self.final_site_dir is not None:
            config.site_dir, self.final_site_dir = self.final_site_dir, None
        self.previews.build_succeeded()

    on_post_build = CombinedEvent(_language_built, _finish_build)

    def on_build_error(self, *, error: Exception) -> None:
        self.session.fail(quiet=isinstance(error, Superseded))
        self.previews.begin_build()  # keep the states of the last build that succeeded
        self.pages.stop()

    def preview(self, changed: set[Path]) -> dict[str, bytes] | None:
        """Under serve, asked by the server before each rebuild: see :func:`.preview.preview_edit`."""
        return preview.preview_edit(changed, self.previews, self.source, self.session, self.config)
