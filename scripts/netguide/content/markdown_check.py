"""Refuse Markdown that could inject markup or script into the site.

Article bodies are Markdown written by contributors. Raw HTML is rejected
(MkDocs would pass it through verbatim), and so are links and images whose
scheme is not http(s), mailto or relative.

Parsing every text is most of the time it takes to load the guide, so texts
that passed are remembered by their SHA-256 (:func:`recall` and
:func:`remember` keep them in a file between builds): a build parses only
what was edited since. Texts with problems are always checked again, so
their messages are never lost.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from markdown_it import MarkdownIt

from ..files import write_atomically
from .problems import Problems

_parser = MarkdownIt("commonmark")
# markdown-it silently drops javascript: links, but MkDocs' Python-Markdown
# renders them: let every link through here so that it can be reported.
_parser.validateLink = lambda url: True
_SAFE_URL = re.compile(r"^(https?:|mailto:|#|/|\.{0,2}/|[^:/?#]+([/?#]|$))", re.IGNORECASE)


def is_safe_url(url: str) -> bool:
    url = "".join(url.split())  # browsers ignore whitespace and control chars inside schemes
    return bool(_SAFE_URL.match(url))


# The checker's own source: a change to the rules forgets every earlier verdict.
_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
_passed: set[str] = set()
_seen: set[str] = set()  # since the last recall(): what remember() keeps


def recall(file: Path) -> None:
    """Take the texts that passed in earlier builds from `file` (if it is there and current)."""
    _seen.clear()
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(data, dict) and data.get("version") == _VERSION:
        _passed.update(data.get("passed", []))


def remember(file: Path) -> None:
    """Keep the texts that passed, of those checked since recall(), in `file` for the next build."""
    write_atomically(file, json.dumps({"version": _VERSION, "passed": sorted(_passed & _seen)}).encode("utf-8"))


def check_markdown(text: str, path: Path, first_line: int, problems: Problems, field: str = "body") -> None:
    """Record unsafe constructs in `text`, a Markdown field starting at `first_line`."""
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _seen.add(key)
    if key in _passed:
        return
    clean = True
    for token in _parser.parse(text):
        line = first_line + token.map[0] if token.map else first_line
        if token.type == "html_block":
            clean = False
            problems.add(path, line, f"raw HTML is not allowed in {field}: {token.content.strip()[:60]!r}",
                         "write it in Markdown instead (lists, **bold**, [links](https://…))")
        if token.type == "heading_open" and token.tag == "h1":
            clean = False
            problems.add(path, line, f"a top-level '#' heading in {field}",
                         "the title field is the page title; use '##' for sections")
        for child in token.children or []:
            if child.type == "html_inline":
                clean = False
                problems.add(path, line, f"raw HTML is not allowed in {field}: {child.content!r}",
                             "remove the tag, or write it in Markdown")
            url = child.attrs.get("href") if child.type == "link_open" else child.attrs.get("src") if child.type == "image" else None
            if url is not None and not is_safe_url(str(url)):
                clean = False
                problems.add(path, line, f"unsafe link target {str(url)[:60]!r} in {field}",
                             "links must be relative or use http(s): or mailto:")
    if clean:
        _passed.add(key)
