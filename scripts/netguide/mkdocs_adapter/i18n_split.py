"""mkdocs-static-i18n with some languages built elsewhere (helper processes, the language cache).

static-i18n builds every language of its ``languages:`` whose ``build`` is
true, one after another in this process. Languages another process renders
(or that come whole from the language cache) are switched off in its
configuration for its loop over the other languages, and switched on again
before the next build reads them (its ``build`` flag is a field of its
configuration that it reads at that moment: listed in :mod:`.internals`).
Those languages get an empty nav here, so static-i18n would warn that it
finds no homepage for them; a one-process build has none of these warnings,
so neither may a split one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .engine import logger_name

#: static-i18n's logger (its module's name).
I18N_LOGGER = logger_name("mkdocs.plugins.mkdocs_static_i18n.plugin")
#: How static-i18n says a language has no homepage (its wording: listed in :mod:`.internals`).
NO_HOMEPAGE = "Could not find a homepage for locale '"


class _OtherLanguagesHaveNoHomepage(logging.Filter):
    """Drop static-i18n's "no homepage" warning for a language this process does not render."""

    def __init__(self, owns: Callable[[str], bool]) -> None:
        super().__init__()
        self.owns = owns

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if NO_HOMEPAGE in message:
            return self.owns(message.split(NO_HOMEPAGE, 1)[1].rstrip("'"))
        return True


class LanguagesElsewhere:
    """One build's languages rendered elsewhere, as static-i18n's loop sees them."""

    def __init__(self, owns: Callable[[str], bool]) -> None:
        self.owns = owns
        self._hidden: list[str] = []  # languages set to build: false in static-i18n's config
        logger = logging.getLogger(I18N_LOGGER)
        for old in [f for f in logger.filters if isinstance(f, _OtherLanguagesHaveNoHomepage)]:
            logger.removeFilter(old)  # the previous build's (serve)
        logger.addFilter(_OtherLanguagesHaveNoHomepage(owns))

    def hide(self, i18n_languages, default: str) -> None:
        """Take the languages rendered elsewhere out of static-i18n's loop over the other languages."""
        for language in i18n_languages:
            if language.build and language.locale != default and not self.owns(language.locale):
                language.build = False
                self._hidden.append(language.locale)

    def restore(self, i18n_languages) -> None:
        for language in i18n_languages:
            if language.locale in self._hidden:
                language.build = True
        self._hidden = []
