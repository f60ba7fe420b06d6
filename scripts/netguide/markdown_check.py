"""Refuse Markdown that could inject markup or script into the site.

Article bodies are Markdown written by contributors. Raw HTML is rejected
(MkDocs would pass it through verbatim), and so are links and images whose
scheme is not http(s), mailto or relative.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from .problems import Problems

_parser = MarkdownIt("commonmark")
# markdown-it silently drops javascript: links, but MkDocs' Python-Markdown
# renders them: let every link through here so that it can be reported.
_parser.validateLink = lambda url: True
_SAFE_URL = re.compile(r"^(https?:|mailto:|#|/|\.{0,2}/|[^:/?#]+([/?#]|$))", re.IGNORECASE)


def is_safe_url(url: str) -> bool:
    url = "".join(url.split())  # browsers ignore whitespace and control chars inside schemes
    return bool(_SAFE_URL.match(url))


def check_markdown(text: str, path: Path, first_line: int, problems: Problems, field: str = "body") -> None:
    """Record unsafe constructs in `text`, a Markdown field starting at `first_line`."""
    for token in _parser.parse(text):
        line = first_line + token.map[0] if token.map else first_line
        if token.type == "html_block":
            problems.add(path, line, f"raw HTML is not allowed in {field}: {token.content.strip()[:60]!r}",
                         "write it in Markdown instead (lists, **bold**, [links](https://…))")
        if token.type == "heading_open" and token.tag == "h1":
            problems.add(path, line, f"a top-level '#' heading in {field}",
                         "the title field is the page title; use '##' for sections")
        for child in token.children or []:
            if child.type == "html_inline":
                problems.add(path, line, f"raw HTML is not allowed in {field}: {child.content!r}",
                             "remove the tag, or write it in Markdown")
            url = child.attrs.get("href") if child.type == "link_open" else child.attrs.get("src") if child.type == "image" else None
            if url is not None and not is_safe_url(str(url)):
                problems.add(path, line, f"unsafe link target {str(url)[:60]!r} in {field}",
                             "links must be relative or use http(s): or mailto:")
