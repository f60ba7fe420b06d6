"""Fixes to the theme's HTML for problems that axe-core reports as serious.

Material's search dialog has no accessible name; it gets the label that the
theme already uses for its search options, in the page's language.
"""

from __future__ import annotations

import re

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = re.compile(r'<nav class="md-search__options" aria-label="([^"]*)"')


def name_search_dialog(html: str) -> str:
    match = _SEARCH_LABEL.search(html)
    if match is None or _SEARCH_DIALOG not in html:
        return html
    labelled = _SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{match.group(1)}"')
    return html.replace(_SEARCH_DIALOG, labelled, 1)
