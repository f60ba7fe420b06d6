"""The one Markdown parser of the content tools, and the one rule for heading numbering.

Readers of article bodies must see the same structure: the Markdown safety
check (markdown_check.py), the comparison with the source (compare.py) and
`netguide new` (content/scaffold.py) all parse with this parser,
CommonMark as markdown-it-py reads it, with every link target kept.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .parse_limits import TooCostly, bounded, shape_problems

parser = MarkdownIt("commonmark")
# markdown-it silently drops javascript: links, but MkDocs' Python-Markdown
# renders them: let every link through, so that checks can see (and report) it.
parser.validateLink = lambda url: True

#: The numbering at the start of a heading's text: '2. ', '10) ', 'B. '.
#: Group 1 is the numbering itself ('2.'), the match's end is where the words start.
HEADING_NUMBERING = re.compile(r"^((?:\d+|[A-Za-z])[.)])\s+")


#: Parsed texts (text -> tokens), the oldest forgotten first past this many.
_KEPT = 2048
_parsed: dict[str, list[Token]] = {}


def _keep(text: str, tokens: list[Token]) -> list[Token]:
    _parsed[text] = tokens
    if len(_parsed) > _KEPT:
        del _parsed[next(iter(_parsed))]
    return tokens


def parse_bounded(text: str, what: str) -> list[Token]:
    """The block tokens of `text`, parsed under :func:`.parse_limits.bounded` ``(what)``: raises TooCostly.

    For the safety check, which reports a text past the limits; a text it
    parses is kept for :func:`parse`, so the comparison with the source does
    not parse it again. Treat the tokens as read-only.
    """
    if text in _parsed:
        return _parsed[text]
    with bounded(what):
        tokens = parser.parse(text)
    return _keep(text, tokens)


def parse(text: str) -> list[Token]:
    """The block tokens of `text` (inline tokens hold their children).

    Remembered by text, since the safety check and the comparison with the
    source both parse every body: treat the tokens as read-only. A text past
    the limits of :mod:`.parse_limits` reads as empty (the safety check,
    :func:`.markdown_check.check_markdown`, reports it).
    """
    if text in _parsed:
        return _parsed[text]
    if shape_problems(text):
        return []
    try:
        return parse_bounded(text, "the Markdown")
    except TooCostly:
        return []


def heading_numbering(text: str) -> re.Match[str] | None:
    """The numbering of a heading's text ('2. Ask' -> '2.'), or None."""
    return HEADING_NUMBERING.match(text)
