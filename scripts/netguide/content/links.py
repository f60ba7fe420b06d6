"""What a link and an id are in the content, with no site: a link that leaves the site, a page's ids.

The check that every link of a body leads to a file of the site, and every
anchor to an id on its page, needs the site's layout: it is
:mod:`netguide.site.body_links` (content/ imports nothing from site/).
The rest of this docstring says what it checks.

MkDocs checks links only while it renders, only warns (mkdocs.yml
``validation:``), and names the generated page (``guide/x.de.md``). This
check runs before anything is rendered, in `netguide check` as in `mkdocs
build`, and names the content file and line a translator edits.

A body is shown on its article's page (``guide/<id>.md``) in its own
language and, in every language that has no translation of the article, in
theirs too. Each link is resolved as MkDocs and mkdocs-static-i18n resolve it
on each of those pages: relative to the page's file, or to ``docs/`` when it
starts with ``/``; ``x.md`` is ``x.<language>.md`` when there is one, else
the default language's. An anchor must be the id of an element of the target
page as Python-Markdown renders it with the site's extensions (a heading's
id, ``{ #id }``, an id in generated HTML), which is what MkDocs checks.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .handwritten import FRONT_MATTER
from .markdown_check import render

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def is_external(target: str) -> bool:
    """http(s):, mailto: and //host links leave the site: nothing to resolve."""
    target = target.strip()
    return bool(_SCHEME.match(target)) or target.startswith("//")


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name == "id" or (tag == "a" and name == "name")):
                self.ids.add(value)

    handle_startendtag = handle_starttag


def anchors_of(page_markdown: str) -> set[str]:
    """The ids a page's Markdown gets when rendered with the site's extensions."""
    text = FRONT_MATTER.sub("", page_markdown, count=1)  # MkDocs' own pattern
    collector = _Ids()
    collector.feed(render(text))
    collector.close()
    return collector.ids
