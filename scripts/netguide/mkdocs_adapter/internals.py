"""Every private or undocumented name of MkDocs, mkdocs-static-i18n and watchdog that the adapter uses.

Nothing outside this package touches one (a test scans the whole package for
private names of these libraries and holds each to this list), and a contract
test checks every entry against the installed, pinned versions: after an
upgrade it names what moved, instead of a build failing somewhere. Public API
is used wherever MkDocs 1.6 has one (plugin events, ``Files``, ``File.generated``,
``get_plugin_logger``, ``LiveReloadServer.watch``).

Each entry says where the name lives, what it is, where we use it and why.
ARCHITECTURE.md gives their number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Internal:
    owner: str  # the module, or module:Class, that has the name
    name: str  # an attribute, or (kind "wording") a text the library logs
    kind: str  # "attribute", "method we override", "wording", "flag"
    used_in: str  # our module
    why: str


_SERVER = "mkdocs.livereload:LiveReloadServer"

INTERNALS = (
    # The serve loop: our server (preview_server) is MkDocs' own, with a preview before each rebuild.
    Internal(
        _SERVER,
        "_build_loop",
        "method we override",
        "preview_server",
        "the rebuild loop, given a preview before each rebuild and a stop when a newer save comes in",
    ),
    Internal(
        _SERVER,
        "_log_poll_request",
        "method we override",
        "preview_server",
        "a long-poll names the page its tab shows: only tabs whose page changed reload",
    ),
    Internal(
        _SERVER,
        "_serve_request",
        "method we override",
        "preview_server",
        "during a rebuild, pages are served from the last site (with the preview) instead of waiting",
    ),
    Internal(
        _SERVER,
        "_epoch_cond",
        "attribute",
        "preview_server",
        "the condition long-polling tabs wait on: woken when a preview is written",
    ),
    Internal(
        _SERVER,
        "_visible_epoch",
        "attribute",
        "preview_server",
        "the epoch tabs last saw: set when a preview or a rebuild is shown",
    ),
    Internal(
        _SERVER, "_wanted_epoch", "attribute", "preview_server", "the epoch a rebuild will show: requests wait for it"
    ),
    Internal(_SERVER, "_want_rebuild", "attribute", "preview_server", "a change asks for a rebuild"),
    Internal(_SERVER, "_rebuild_cond", "attribute", "preview_server", "the condition the rebuild loop waits on"),
    Internal(_SERVER, "_shutdown", "attribute", "preview_server", "the loop ends when the server does"),
    Internal(
        _SERVER,
        "_watched_paths",
        "attribute",
        "preview_server",
        "the folders MkDocs watches: watched with inotify and a handler that knows which file changed",
    ),
    Internal(_SERVER, "_watch_refs", "attribute", "preview_server", "watchdog's watch of each watched folder"),
    Internal(
        "watchdog.observers.api:BaseObserver",
        "_handlers",
        "attribute",
        "preview_server",
        "the handlers of each watch, moved to our own observer (inotify, or polling where it fails)",
    ),
    # Pages: the page cache and the preview put back what MkDocs' render would have set.
    Internal(
        "mkdocs.structure.pages:Page",
        "_title_from_render",
        "attribute",
        "page_cache",
        "a page whose render is taken from the cache gets the title the render gave it",
    ),
    Internal(
        "mkdocs.config.defaults:MkDocsConfig",
        "_current_page",
        "attribute",
        "preview",
        "set around a page's render, as MkDocs' _build_page does, for plugins that read it",
    ),
    Internal(
        "mkdocs.commands.build",
        "_populate_page",
        "mirrored function",
        "preview",
        "the preview renders one page's Markdown as MkDocs' build does (events in the same order)",
    ),
    Internal(
        "mkdocs.commands.build",
        "_build_page",
        "mirrored function",
        "preview",
        "and its template, with the same context and events",
    ),
    Internal(
        "mkdocs.structure.files:File",
        "_get_url",
        "attribute",
        "routes",
        "the default language moves under /en/: its URL is worked out again as MkDocs does",
    ),
    # mkdocs-static-i18n: one build per language in one process.
    Internal(
        "mkdocs_static_i18n.plugin:I18n",
        "current_language",
        "flag",
        "languages",
        "the language being built (undocumented), set by hand around a preview",
    ),
    Internal(
        "mkdocs_static_i18n.plugin:I18n",
        "building",
        "flag",
        "languages",
        "true after the first language: the build starts in the first on_config and ends in the last post_build",
    ),
    Internal(
        "mkdocs_static_i18n.config:I18nPluginLanguage",
        "build",
        "flag",
        "i18n_split",
        "switched off for languages built elsewhere during static-i18n's loop, on again after it",
    ),
    Internal(
        "mkdocs_static_i18n.plugin",
        "Could not find a homepage for locale '",
        "wording",
        "i18n_split",
        "the warning about a language built elsewhere (it has an empty nav here) is dropped",
    ),
    # MkDocs' link validation: a warning about an article body's link fails the build.
    Internal(
        "mkdocs.structure.pages",
        "contains a link '",
        "wording",
        "rendered_links",
        "MkDocs' warning about a link it cannot resolve, read for the page and the link",
    ),
    Internal(
        "mkdocs.structure.pages",
        ", but ",
        "wording",
        "rendered_links",
        "where that warning says why the link leads nowhere",
    ),
)
