"""Options of the ``netguide`` MkDocs plugin (``plugins: - netguide:`` in mkdocs.yml)."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class GuidePluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
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
