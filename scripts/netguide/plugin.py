"""MkDocs glue: load content, generate pages and PDFs, localise navigation.

The logic lives in :mod:`loader`, :mod:`pages` and :mod:`checklist_pdfs`;
this module only connects it to MkDocs' events. It works together with
mkdocs-static-i18n, which builds one language after another in one process
and calls every event once per language (see docs/architecture in README).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from . import pages
from .accessibility import name_search_dialog
from .config import GuidePluginConfig
from .loader import load_guide
from .model import Guide
from .output import swap_directory, sync_tree
from .problems import ContentError, Problems
from .security import add_policy

log = get_plugin_logger(__name__)

# One loaded guide per content folder, reused while no file under it changed
# (static-i18n calls on_config once per language; `mkdocs serve` makes a new
# plugin instance on every rebuild).
_CACHE: dict[tuple, tuple[tuple, Guide]] = {}


def _fingerprint(*folders: Path) -> tuple:
    entries = []
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.is_file():
                stat = path.stat()
                entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


class GuidePlugin(BasePlugin[GuidePluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.guide: Guide | None = None
        self.final_site_dir: str | None = None
        self.building_site_dir: str | None = None
        self.not_found_pages: dict[str, str] = {}

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
        problems = Problems()
        started = time.perf_counter()
        try:
            guide = load_guide(content_dir, locales_dir, languages, i18n.default_language, problems)
        except ContentError as error:
            for warning in problems.warnings:
                log.warning(str(warning))
            raise PluginError(str(error)) from None
        for warning in problems.warnings:
            log.warning(str(warning))
        log.info(f"Loaded {len(guide.articles)} articles in {len(languages)} languages "
                 f"({time.perf_counter() - started:.2f} s)")
        _CACHE[key] = (fingerprint, guide)
        return guide

    def _generate(self, config: MkDocsConfig, guide: Guide) -> None:
        started = time.perf_counter()
        files = {name: text.encode("utf-8") for name, text in pages.all_pages(guide).items()}
        if self.config.pdf:
            from .checklist_pdfs import render_all

            root = Path(config.config_file_path).parent

            def report(rendered: int, total: int) -> None:
                log.info(f"PDF checklists: {rendered} rendered, {total - rendered} from cache")

            files.update(render_all(guide, config.site_url or "", root / self.config.cache_dir, report))
        target = Path(config.docs_dir) / pages.GENERATED_ROOT
        prefix = pages.GENERATED_ROOT + "/"
        written = sync_tree(target, {name[len(prefix):]: data for name, data in files.items()})
        log.info(f"Generated {len(files)} files into {target} ({written} changed, "
                 f"{time.perf_counter() - started:.2f} s)")

    # -- events ------------------------------------------------------------

    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        i18n = self._i18n(config)
        outer_build = not i18n.building
        guide = self.guide = self._load(config)
        if outer_build:
            self._generate(config, guide)
            if self.config.atomic:
                # Build into a sibling folder; on_post_build swaps it in.
                self.final_site_dir = config.site_dir
                final = Path(config.site_dir)
                final.parent.mkdir(parents=True, exist_ok=True)
                self.building_site_dir = tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent)
                config.site_dir = self.building_site_dir
        language = self._language(config)
        locale = guide.locales[language]
        config.nav = pages.navigation(guide, language)
        config.site_name = locale.t("site_name")
        config.site_description = locale.t("site_description")
        return config

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
        if self._language(config) != i18n.default_language:
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
        return files

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
        context["netguide"] = {"language": language, "direction": self.guide.locales[language].direction}
        return context

    @event_priority(-110)
    def on_post_page(self, output: str, page, config: MkDocsConfig):
        if not self.config.enabled:
            return output
        direction = self.guide.locales[self._language(config)].direction
        # Material puts dir= on <body> only; put it on <html> as well.
        output = re.sub(r"<html lang=", f'<html dir="{direction}" lang=', output, count=1)
        return add_policy(name_search_dialog(output))

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig):
        if self.config.enabled and template_name == "404.html":
            self.not_found_pages[self._language(config)] = output
        return output

    # After static-i18n's own on_post_build (-100), which builds the other languages.
    @event_priority(-110)
    def on_post_build(self, config: MkDocsConfig):
        if not self.config.enabled or self._i18n(config).building:
            return
        site = Path(config.site_dir)
        i18n = self._i18n(config)
        for language, html in self.not_found_pages.items():
            direction = self.guide.locales[language].direction
            html = add_policy(re.sub(r"<html lang=", f'<html dir="{direction}" lang=', html, count=1))
            (site / language).mkdir(exist_ok=True)
            (site / language / "404.html").write_text(html, encoding="utf-8")
            if language == i18n.default_language:
                (site / "404.html").write_text(html, encoding="utf-8")
        from .root_page import write_root_page

        write_root_page(site, self.guide, i18n.default_language)
        if self.building_site_dir and self.final_site_dir:
            swap_directory(Path(self.building_site_dir), Path(self.final_site_dir))
            config.site_dir = self.final_site_dir
            self.building_site_dir = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.building_site_dir:
            shutil.rmtree(self.building_site_dir, ignore_errors=True)
            log.error(f"Build failed; the previous site in {self.final_site_dir} is left untouched.")
            self.building_site_dir = None
