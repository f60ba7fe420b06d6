"""The one escaping boundary: plain text from content/ and locales/ into each output context.

Every field of the content except an article's ``body`` is plain text (see
content/README.md); a translator's ``<b>`` is shown as the four characters
``<b>``, never as markup. Generated pages are Markdown that MkDocs and the
theme turn into HTML, so a plain text reaches the reader through one of:

- :func:`markdown_text`: inline Markdown (headings, list items, link text);
- :func:`html_text`: HTML text and double-quoted attribute values;
- :func:`theme_text`: values the theme prints into HTML without escaping
  them (page titles and descriptions in front matter, the site name, nav
  titles), which is the same as :func:`html_text`.

XML (sitemap), JSON (search index, front matter) and PDF text have their own
serialisers (xml.sax.saxutils, json, Typst/fpdf2), which escape by design.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Python-Markdown's backslash escapes ('>' is left to html.escape).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_WHITESPACE = re.compile(r"\s+")
# Control characters have no place in text, and Python-Markdown uses \x02 and
# \x03 to mark its placeholders for stashed HTML.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def html_text(text: str) -> str:
    """`text` as HTML text or a double- or single-quoted attribute value."""
    return html.escape(text, quote=True)


theme_text = html_text


def markdown_text(text: str) -> str:
    """`text` as inline Markdown that renders as exactly this text.

    Runs of whitespace (newlines included) become one space and control
    characters are dropped, so a plain text can never start a block (a heading, list, code block or setext underline).
    Markdown's punctuation is backslash-escaped, and ``&``, ``<``, ``>`` and
    quotes become character references, so no raw HTML, entity, link,
    emphasis or attribute list can come from it.
    """
    text = _CONTROL.sub("", _WHITESPACE.sub(" ", text)).strip()
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return html.escape(text, quote=True)  # after the backslashes: the references it writes stay whole


def hand_written_meta(meta: dict) -> None:
    """Escape, in place, the front matter texts of a hand-written page (docs/*.md) for the theme.

    Generated pages write :func:`theme_text` into their front matter
    themselves; a hand-written page's ``description`` and ``title`` are
    plain text (content/handwritten.py refuses any other key) that the theme
    would print as they are.
    """
    for key, value in meta.items():
        if isinstance(value, str):
            meta[key] = theme_text(value)


def page_title(title: str | None) -> Markup | None:
    """A page's title as the theme must print it: HTML text escaped once, quotes included, marked as such.

    The title is HTML text already (:func:`theme_text` in front matter, or
    the text of the page's first heading as Python-Markdown renders it,
    which leaves quotes as they are). Marked up, Jinja's ``| e`` (Material's
    footer links) leaves it alone instead of escaping it a second time
    ("Q&amp;amp;A"). Escaping the unescaped text gives the same string for
    an already escaped title.
    """
    return None if title is None else Markup(html.escape(html.unescape(title), quote=True))
