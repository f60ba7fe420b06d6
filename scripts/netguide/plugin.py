"""MkDocs glue: load content, generate pages and PDFs, localise navigation.

The logic lives in :mod:`loader`, :mod:`pages` and :mod:`checklist_pdfs`;
this module only connects it to MkDocs' events. It works together with
mkdocs-static-i18n, which builds one language after another in one process
and calls every event once per language (README: "How the build works").
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from . import markdown_check, pages, parallel
from .accessibility import name_search_dialog
from .config import GuidePluginConfig
from .loader import load_guide
from .model import Guide
from .output import show_build_error, swap_directory, sync_tree, write_tree
from .problems import ContentError, Problems
from .search_index import merge_indexes, point_search_at_language, split_index
from .security import add_policy
from .sitemap import write_sitemap

log = get_plugin_logger(__name__)

# One loaded guide per content folder, reused while no file under it changed
# (static-i18n calls on_config once per language; `mkdocs serve` makes a new
# plugin instance on every rebuild).
_CACHE: dict[tuple, tuple[tuple, Guide]] = {}
_FAILED: dict[tuple, tuple[tuple, str]] = {}
# Set while `mkdocs serve` runs: broken content then keeps the last good site.
_SERVE = {"active": False}
#: Seconds between progress lines while PDFs render.
PROGRESS_EVERY = 5.0


def _fingerprint(*folders: Path) -> tuple:
    entries = []
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.is_file():
                stat = path.stat()
                entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def _pin_build_date(root: Path) -> None:
    """Make dates in the output (sitemap lastmod) those of the last commit, not of today.

    MkDocs honours SOURCE_DATE_EPOCH; with it, two builds of the same commit
    are byte-identical. An explicitly set value wins.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    try:
        stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                               text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return
    if stamp.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = stamp


class GuidePlugin(BasePlugin[GuidePluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.guide: Guide | None = None
        self.final_site_dir: str | None = None
        self.building_site_dir: str | None = None
        self.not_found_pages: dict[str, str] = {}
        self.serve_error: str | None = None
        self.page_urls: dict[str, dict[str, str]] = {}  # source path -> {language: URL}
        self.build_only: set[str] | None = None  # languages this process renders (parallel builds)
        self.hidden: list[str] = []  # languages hidden from static-i18n's loop, to restore
        self.helpers: list[parallel.Helper] = []
        self.marked_active = None  # a nav entry marked current for the page being rendered

    # -- helpers -----------------------------------------------------------

    def _i18n(self, config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("netguide: the 'i18n' plugin (mkdocs-static-i18n) is missing. "
                              "Add it to 'plugins:' in mkdocs.yml after '- netguide'.")
        return i18n

    def _language(self, config: MkDocsConfig) -> str:
        i18n = self._i18n(config)
        return i18n.current_language or i18n.default_language

    def _load(self, config: MkDocsConfig) -> Guide:
        root = Path(config.config_file_path).parent
        content_dir = root / self.config.content_dir
        locales_dir = root / self.config.locales_dir
        i18n = self._i18n(config)
        languages = [language.locale for language in i18n.config.languages if language.build]
        key = (str(content_dir), str(locales_dir), tuple(languages))
        fingerprint = _fingerprint(content_dir, locales_dir)
        cached = _CACHE.get(key)
        if cached and cached[0] == fingerprint:
            return cached[1]
        failed = _FAILED.get(key)
        if failed and failed[0] == fingerprint and _SERVE["active"] and cached:
            self.serve_error = failed[1]  # already reported for this state of the files
            return cached[1]
        problems = Problems()
        started = time.perf_counter()
        checked = root / self.config.cache_dir / "markdown-checked.json"
        markdown_check.recall(checked)
        try:
            guide = load_guide(content_dir, locales_dir, languages, i18n.default_language, problems)
        except ContentError as error:
            for warning in problems.warnings:
                log.warning(str(warning))
            if _SERVE["active"] and cached:
                # Keep serving the last good content, with the error shown on every page.
                log.error(str(error))
                self.serve_error = str(error)
                _FAILED[key] = (fingerprint, str(error))
                return cached[1]
            raise PluginError(str(error)) from None
        for warning in problems.warnings:
            log.warning(str(warning))
        log.info(f"Loaded {len(guide.articles)} articles in {len(languages)} languages "
                 f"({time.perf_counter() - started:.2f} s)")
        if parallel.assigned_languages() is None:  # helpers leave the file to the main process
            markdown_check.remember(checked)
        _CACHE[key] = (fingerprint, guide)
        return guide

    def _generate(self, config: MkDocsConfig, guide: Guide) -> None:
        """Write the pages and PDFs into docs/; release the helpers as soon as theirs are there."""
        started = time.perf_counter()
        target = Path(config.docs_dir) / pages.GENERATED_ROOT
        prefix = pages.GENERATED_ROOT + "/"

        def relative(files: dict[str, bytes]) -> dict[str, bytes]:
            return {name[len(prefix):]: data for name, data in files.items()}

        generated = {name: text.encode("utf-8") for name, text in pages.all_pages(guide).items()}
        written = 0

        def release_helpers(their_pdfs: dict[str, bytes]) -> None:
            nonlocal written
            if self.helpers:
                written += write_tree(target, relative({**generated, **their_pdfs}))
                for helper in self.helpers:
                    parallel.release(helper)

        files = dict(generated)
        if self.config.pdf:
            files.update(self._render_pdfs(config, guide, release_helpers))
        else:
            release_helpers({})
        written += sync_tree(target, relative(files))
        log.info(f"Generated {len(files)} files into {target} ({written} changed, "
                 f"{time.perf_counter() - started:.2f} s)")

    def _render_pdfs(self, config: MkDocsConfig, guide: Guide, release_helpers) -> dict[str, bytes]:
        """Every checklist's PDF; the helpers' languages first, then ``release_helpers(their PDFs)``."""
        from .checklist_pdfs import render_all, unprintable

        for warning in unprintable(guide).warnings:
            log.warning(str(warning))
        root = Path(config.config_file_path).parent
        pdf_started = time.perf_counter()
        last_report = [pdf_started]

        def report(done: int, to_render: int, total: int) -> None:
            now = time.perf_counter()
            if done == to_render:
                log.info(f"PDF checklists: {done} rendered, {total - done} from cache "
                         f"({now - pdf_started:.2f} s)")
            elif now - last_report[0] >= PROGRESS_EVERY:
                last_report[0] = now
                log.info(f"PDF checklists: {done} of {to_render} rendered ({now - pdf_started:.0f} s) …")

        helper_languages = {language for helper in self.helpers for language in helper.languages}
        return render_all(guide, config.site_url or "", root / self.config.cache_dir, report,
                          first=helper_languages, when_first_done=release_helpers)

    # -- events ------------------------------------------------------------

    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        i18n = self._i18n(config)
        outer_build = not i18n.building
        self._restore_hidden_languages(config)
        # static-i18n sets the switcher links of each page as an attribute of
        # config.extra, which outlives the page: without this, the next
        # language's 404 page would get the last page's links.
        vars(config.extra).pop("alternate", None)
        helper_languages = parallel.assigned_languages()
        if outer_build:
            self.serve_error = None  # `mkdocs serve` may reuse this instance
            _pin_build_date(Path(config.config_file_path).parent)
            self._plan_parallel_build(config, helper_languages)
        # One build uses one state of the content: the languages after the first reuse it.
        guide = self.guide = self._load(config) if outer_build or self.guide is None else self.guide
        # Our sitemap (written once, after every language) replaces the theme's per-language one.
        config.theme.static_templates.discard("sitemap.xml")
        if outer_build:
            # While content is broken, keep the last good pages; a helper trusts the main process.
            if helper_languages is not None:
                try:
                    parallel.wait_for_release()
                except RuntimeError as error:
                    raise PluginError(str(error)) from None
            elif not self.serve_error:
                self._generate(config, guide)  # releases the helpers as soon as their files are there
            for helper in self.helpers:
                parallel.release(helper)  # (again: no harm)
            if self.config.atomic:
                # Build into a sibling folder; on_post_build swaps it in.
                self.final_site_dir = config.site_dir
                final = Path(config.site_dir)
                final.parent.mkdir(parents=True, exist_ok=True)
                self.building_site_dir = tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent)
                config.site_dir = self.building_site_dir
        language = self._language(config)
        locale = guide.locales[language]
        config.nav = pages.navigation(guide, language, self.config.nav_group_size) if self._renders(language) else []
        config.site_name = locale.t("site_name")
        config.site_description = locale.t("site_description")
        return config

    def _renders(self, language: str) -> bool:
        return self.build_only is None or language in self.build_only

    def _plan_parallel_build(self, config: MkDocsConfig, helper_languages: list[str] | None) -> None:
        """Start the helper processes (before the guide is even loaded: see :mod:`parallel`)."""
        if helper_languages is not None:
            self.build_only = set(helper_languages)
            return
        if not self.config.parallel or _SERVE["active"]:
            return
        i18n = self._i18n(config)
        languages = [language.locale for language in i18n.config.languages if language.build]
        locales_dir = Path(config.config_file_path).parent / self.config.locales_dir
        # This process renders the slow (right-to-left) PDFs while the helpers build: it keeps those languages.
        slow = parallel.right_to_left_languages(locales_dir, languages) if self.config.pdf else frozenset()
        ours, shares = parallel.plan(languages, i18n.default_language, os.cpu_count() or 1, keep_here=slow)
        if not shares:
            return
        self.build_only = set(ours)
        near = Path(config.site_dir)
        self.helpers = [parallel.start(config.config_file_path, share, near) for share in shares]
        log.info(f"Building {', '.join(ours)} here and "
                 + "; ".join(", ".join(share) for share in shares) + " in parallel")

    def _restore_hidden_languages(self, config: MkDocsConfig) -> None:
        for language in self._i18n(config).config.languages:
            if language.locale in self.hidden:
                language.build = True
        self.hidden = []

    def on_startup(self, *, command, dirty: bool) -> None:
        _SERVE["active"] = command == "serve"

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.config.enabled:
            root = Path(config.config_file_path).parent
            server.watch(str(root / self.config.content_dir))
            server.watch(str(root / self.config.locales_dir))
        return server

    # After static-i18n (-100) has given each file its language and URL:
    # the default language gets its own prefix (/en/) like every other one.
    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig):
        if not self.config.enabled:
            return files
        i18n = self._i18n(config)
        language = self._language(config)
        if not self._renders(language):
            # Another process builds this language: keep only the theme's files.
            return Files([file for file in files if getattr(file, "locale", None) is None])
        if language != i18n.default_language:
            self._record_pages(files, language)
            return files
        prefix = i18n.default_language + "/"
        for file in files:
            if getattr(file, "locale", None) is None:
                continue  # theme files
            if file.is_documentation_page() or getattr(file, "localization", None):
                if not file.dest_uri.startswith(prefix):
                    # Same fields static-i18n sets when it routes a file.
                    file.dest_path = prefix + file.dest_uri
                    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_path))
                    file.url = file._get_url(config.use_directory_urls)
        self._record_pages(files, language)
        return files

    def _record_pages(self, files: Files, language: str) -> None:
        for file in files.documentation_pages():
            source = getattr(file, "norm_src_uri", file.src_uri)
            self.page_urls.setdefault(source, {})[language] = file.url

    # After static-i18n (50) has set the language switcher links.
    @event_priority(40)
    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        i18n = self._i18n(config)
        default = i18n.default_language
        # static-i18n assigns the attribute config.extra.alternate (not the key).
        for alternate in getattr(config.extra, "alternate", None) or []:
            link = alternate.get("link", "")
            if alternate.get("lang") == default and not link.startswith(("/", "http", default + "/")):
                alternate["link"] = f"{default}/{link}" if link not in ("", ".", "./") else f"{default}/"
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

    def _mark_checklists_entry(self, nav) -> None:
        """On a checklist page (not itself in the nav), show "Checklists" as the current section.

        MkDocs marks only the nav entries of the page being rendered; its
        ``active`` flag is undone in on_post_page.
        """
        for entry in nav.pages:
            if getattr(entry.file, "norm_src_uri", entry.file.src_uri) == pages.CHECKLISTS_INDEX:
                entry.active = True
                self.marked_active = entry
                return

    @event_priority(-110)
    def on_post_page(self, output: str, page, config: MkDocsConfig):
        if self.marked_active is not None:
            self.marked_active.active = False
            self.marked_active = None
        if not self.config.enabled:
            return output
        language = self._language(config)
        language_root = get_relative_url(f"{language}/", page.url) if page.url else "."
        output = point_search_at_language(output, language_root.rstrip("/") or ".")
        return self._finish_html(output, language)

    def _finish_html(self, html: str, language: str) -> str:
        """What every page of ours gets: dir on <html>, a named search dialog, the CSP."""
        direction = self.guide.locales[language].direction
        # Material puts dir= on <body> only; put it on <html> as well.
        html = re.sub(r"<html lang=", f'<html dir="{direction}" lang=', html, count=1)
        if self.serve_error:
            html = show_build_error(html, self.serve_error)
        return add_policy(name_search_dialog(html))

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig):
        if self.config.enabled and template_name == "404.html":
            self.not_found_pages[self._language(config)] = output
        return output

    # Before static-i18n's on_post_build (-100) loops over the other languages:
    # hide from that loop the languages another process builds.
    @event_priority(-90)
    def _hide_languages_built_elsewhere(self, config: MkDocsConfig):
        if not self.config.enabled or self.build_only is None or self._i18n(config).building:
            return
        i18n = self._i18n(config)
        for language in i18n.config.languages:
            if language.build and language.locale != i18n.default_language and not self._renders(language.locale):
                language.build = False
                self.hidden.append(language.locale)

    # After static-i18n's own on_post_build (-100), which builds the other languages.
    @event_priority(-110)
    def _finish_build(self, config: MkDocsConfig):
        if not self.config.enabled or self._i18n(config).building:
            return
        self._restore_hidden_languages(config)
        site = Path(config.site_dir)
        i18n = self._i18n(config)
        for language, html in self.not_found_pages.items():
            if not self._renders(language):
                continue
            html = self._finish_html(html, language)
            (site / language).mkdir(exist_ok=True)
            (site / language / "404.html").write_text(html, encoding="utf-8")
            if language == i18n.default_language:
                (site / "404.html").write_text(html, encoding="utf-8")
        own = [language for language in self.guide.languages if self._renders(language)]
        split_index(site, own)
        if parallel.assigned_languages() is not None:
            parallel.write_pages(site, self.page_urls)
        else:
            for helper in self.helpers:
                try:
                    urls = parallel.finish(helper, site)
                except RuntimeError as error:
                    raise PluginError(str(error)) from None
                for source, by_language in urls.items():
                    self.page_urls.setdefault(source, {}).update(by_language)
            self.helpers = []
            from .root_page import write_root_page

            write_root_page(site, self.guide, i18n.default_language)
            write_sitemap(site, config.site_url or "/", self.page_urls, i18n.default_language)
            merge_indexes(site, self.guide.languages)
        if self.building_site_dir and self.final_site_dir:
            swap_directory(Path(self.building_site_dir), Path(self.final_site_dir))
            config.site_dir = self.final_site_dir
            self.building_site_dir = None

    on_post_build = CombinedEvent(_hide_languages_built_elsewhere, _finish_build)

    def on_build_error(self, *, error: Exception) -> None:
        for helper in self.helpers:
            parallel.stop(helper)
        self.helpers = []
        if self.building_site_dir:
            shutil.rmtree(self.building_site_dir, ignore_errors=True)
            log.error(f"Build failed; the previous site in {self.final_site_dir} is left untouched.")
            self.building_site_dir = None
