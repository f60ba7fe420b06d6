"""mkdocs-static-i18n's languages as the plugin reads them, and what the config holds for each.

static-i18n builds one language after another in one process, with one
configuration it sets up again for each (its ``current_language`` and
``building`` flags are listed in :mod:`.internals`).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..content.model import Guide
from ..site.escape import theme_text
from ..site.navigation import navigation
from . import routes


def i18n_plugin(config: MkDocsConfig):
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError(
            "netguide: the 'i18n' plugin (mkdocs-static-i18n) is missing. "
            "Add it to 'plugins:' in mkdocs.yml after '- netguide'."
        )
    return i18n


def current_language(config: MkDocsConfig) -> str:
    i18n = i18n_plugin(config)
    return i18n.current_language or i18n.default_language


def building(config: MkDocsConfig) -> bool:
    """Whether static-i18n is past the first language (a build starts in the first language's events)."""
    return i18n_plugin(config).building


def default_language(config: MkDocsConfig) -> str:
    return i18n_plugin(config).default_language


def built_languages(config: MkDocsConfig) -> list[str]:
    """The languages this build makes, in mkdocs.yml's order."""
    return [language.locale for language in i18n_plugin(config).config.languages if language.build]


def configure_language(config: MkDocsConfig, guide: Guide, language: str, owned: bool, options) -> None:
    """What `config` holds for rendering `language` (before static-i18n's on_config sets its part).

    `owned`: this process renders the language (else its nav stays empty); `options`: the plugin's.
    """
    # static-i18n sets the switcher links of each page as an attribute of
    # config.extra, which outlives the page: without this, the next
    # language's 404 page would get the last page's links.
    vars(config.extra).pop("alternate", None)
    # Our sitemap (written once, after every language) replaces the theme's per-language one.
    config.theme.static_templates.discard("sitemap.xml")
    locale = guide.locales[language]
    config.nav = navigation(guide, language, options.nav_group_size) if owned else []
    # The theme prints both into HTML as they are.
    config.site_name = theme_text(locale.t("site_name"))
    config.site_description = theme_text(locale.t("site_description"))
    # UI strings our theme overrides print (overrides/404.html, partials/copyright.html), escaped alike.
    config.extra["netguide_text"] = {key: theme_text(locale.t(key)) for key in ("not_found", "made_with")}


def switch_to(config: MkDocsConfig, guide: Guide, language: str, options) -> None:
    """Set a kept configuration up again for `language`, as a build does before rendering it (for a preview)."""
    i18n = i18n_plugin(config)
    i18n.current_language = language
    configure_language(config, guide, language, owned=True, options=options)
    i18n.on_config(config)


def page_context(context: dict, page, config: MkDocsConfig, nav, guide: Guide):
    """Our part of a page's template context (``context["netguide"]``), after static-i18n's switcher links.

    Returns the nav entry marked current for a checklist page (see
    :func:`.routes.mark_checklists_entry`), which the plugin unmarks after the page.
    """
    default, language = default_language(config), current_language(config)
    # static-i18n assigns the attribute config.extra.alternate (not the key).
    routes.fix_default_language_switcher(getattr(config.extra, "alternate", None) or [], default)
    kind = (page.meta.get("netguide") or {}).get("kind", "page")
    direction = guide.locales[language].direction
    context["netguide"] = {"language": language, "default_language": default, "direction": direction, "kind": kind}
    return routes.mark_checklists_entry(nav) if kind == "checklist" and nav is not None else None
