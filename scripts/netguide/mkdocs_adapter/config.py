"""Options of the ``netguide`` MkDocs plugin (``plugins: - netguide:`` in mkdocs.yml), and what a build session
needs to know of them and of MkDocs' configuration."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from ..pipeline.session import Options, Project
from ..site.source_links import BadRepository, Repository, parse_branch, parse_repository
from . import engine, languages


class RepositoryAddress(c.Type):
    """The repository's address (``repo_url``), checked when mkdocs.yml is read: ``https://github.com/OWNER/REPO``."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value):
        value = super().run_validation(value)
        try:
            parse_repository(value)
        except BadRepository as error:
            raise base.ValidationError(str(error)) from None
        return value


class RepositoryBranch(c.Type):
    """The branch the links open (``repo_branch``), checked when mkdocs.yml is read."""

    def __init__(self) -> None:
        super().__init__(str, default="main")

    def run_validation(self, value):
        try:
            return parse_branch(super().run_validation(value))
        except BadRepository as error:
            raise base.ValidationError(str(error)) from None


class GuidePluginConfig(base.Config):
    # Where the content and UI strings live, relative to mkdocs.yml.
    content_dir = c.Type(str, default="content")
    locales_dir = c.Type(str, default="locales")
    # Generate printable PDF checklists (the slowest part of a cold build).
    pdf = c.Type(bool, default=True)
    # Rendered PDFs, keyed by their content, reused across builds.
    cache_dir = c.Type(str, default=".cache/netguide")
    # Build into a temporary folder and swap it in only when the build succeeded.
    atomic = c.Type(bool, default=True)
    # `mkdocs build`: build some languages in helper processes, one per spare core.
    parallel = c.Type(bool, default=True)
    # Past this many articles the nav groups them ("1-20", "21-40", ...); with the
    # theme's navigation.prune a page then carries only its own group's links.
    nav_group_size = c.Type(int, default=20)
    # Reuse a language's finished pages from the last build when nothing that goes
    # into them changed (pipeline/language_cache.py); the output is the same either way.
    language_cache = c.Type(bool, default=True)
    # Reuse each page's Markdown and template render from the last build when nothing that goes
    # into it changed (mkdocs_adapter/page_cache.py); the output is the same either way.
    page_cache = c.Type(bool, default=True)
    # `mkdocs serve`: show the pages an edit to an article changed before the rebuild, rendered from the
    # last build's state (mkdocs_adapter/preview.py); the rebuild then replaces them. Needs `atomic`.
    preview = c.Type(bool, default=True)
    # The GitHub repository every page links to ("Improve this page", adding or updating a translation), and its
    # branch: https://github.com/OWNER/REPO only (site/source_links.py). Empty: no such links. Not MkDocs'
    # repo_url, whose widget in the theme fetches stars and forks from api.github.com.
    repo_url = RepositoryAddress()
    repo_branch = RepositoryBranch()


def build_options(options: GuidePluginConfig) -> Options:
    return Options(
        pdf=options.pdf,
        atomic=options.atomic,
        parallel=options.parallel,
        language_cache=options.language_cache,
        page_cache=options.page_cache,
    )


def project(config: MkDocsConfig, options: GuidePluginConfig) -> Project:
    """Where the build reads and writes, from mkdocs.yml and the plugin's options."""
    root = Path(config.config_file_path).parent
    return Project(
        root=root,
        docs_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        content_dir=root / options.content_dir,
        locales_dir=root / options.locales_dir,
        cache_dir=root / options.cache_dir,
        languages=tuple(languages.built_languages(config)),
        default=languages.default_language(config),
        site_url=config.site_url or "",
        overrides=(Path(config.theme.custom_dir),) if config.theme.custom_dir else (),
        template_dirs=tuple(Path(folder) for folder in config.theme.dirs),
        helper_command=(sys.executable, "-m", engine.NAME, "build", "--config-file", config.config_file_path),
        repository=repository(options),
    )


def repository(options: GuidePluginConfig) -> Repository | None:
    """The repository the pages link to (checked already when mkdocs.yml was read), or None."""
    return parse_repository(options.repo_url, options.repo_branch)
