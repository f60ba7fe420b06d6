"""Refuse Markdown that could inject markup or script into the site.

Article bodies and hand-written pages are Markdown written by contributors.
Raw HTML is rejected (MkDocs would pass it through verbatim), and so are
links whose scheme is not http(s), mailto or relative, and images from any
other host than the site (a tracking pixel; the reader would see a broken
image under the site's policy). A text past the cost limits of
:mod:`.parse_limits` is refused before either parser reads it.

Two passes, so that no difference between parsers can hide a construct:
the source is read with markdown-it (for the line of each problem), and the
text is also rendered by Python-Markdown with the site's own extensions
(what MkDocs will publish) and that HTML is held against an allow-list of
elements and attributes. Attribute lists (``{ #id .class }``) may set only an
``id`` or a class from :data:`ALLOWED_CLASSES`. Every link in that HTML must be
one markdown-it sees too (``[x](a b.md)`` is a link to Python-Markdown only):
the checks that read links from the source (a translation's links against its
source's, every link's target: content/compare.py, content/links.py) then see
every link the site will have.

Parsing every text is most of the time it takes to load the guide, so texts
that passed are remembered by their hash between builds (:mod:`.text_memo`,
which forgets them when this checker changes): a build parses only what was
edited since. Texts with problems are always checked again, so their
messages are never lost.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown

from . import text_memo
from .markdown import parse_bounded, parser
from .parse_limits import TooCostly, bounded, nesting_problem, shape_problems
from .problems import Problems

_SAFE_URL = re.compile(r"^(https?:|mailto:|#|/|\.{0,2}/|[^:/?#]+([/?#]|$))", re.IGNORECASE)


def is_safe_url(url: str) -> bool:
    url = "".join(url.split())  # browsers ignore whitespace and control chars inside schemes
    return bool(_SAFE_URL.match(url))


def is_local_source(url: str) -> bool:
    """An image's (or any embed's) source that stays on the site: a path, with no scheme and no other host.

    Browsers read a backslash as a slash and skip whitespace and control
    characters, so ``\\host/p.gif`` and ``/ /host`` are other hosts too.
    """
    url = "".join(ch for ch in url if ch > " " and ch != "\x7f").replace("\\", "/")
    return bool(url) and not url.startswith("//") and not re.match(r"^[^/?#]*:", url)


#: The Markdown extensions of mkdocs.yml (a test keeps the two lists equal).
SITE_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc"]
#: Classes an author may give an element with an attribute list.
ALLOWED_CLASSES = frozenset({"nk-summary", "nk-notice"})
# What Python-Markdown makes of safe Markdown with the site's extensions.
_ALLOWED_TAGS = frozenset(
    {
        "p",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "a",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "hr",
        "br",
        "img",
        "div",
    }
)
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class", "id"},
    "img": {"src", "alt", "title", "class", "id"},
    "ol": {"start", "class", "id"},
    "*": {"id", "class"},
}
_MACHINE_CLASSES = frozenset({"admonition", "admonition-title", "note", "tip", "warning", "info", "headerlink"})


class _RenderedHtml(HTMLParser):
    """Collect what in rendered HTML is outside the allow-list: [(what, source snippet)]."""

    def __init__(self, allowed_tags: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_tags = _ALLOWED_TAGS | allowed_tags
        self.found: list[tuple[str, str]] = []
        self.links: list[str] = []  # every href and src, as rendered
        self.ids: set[str] = set()  # what a link's #anchor can name

    def handle_starttag(self, tag, attrs):
        self.links += [value or "" for name, value in attrs if (tag, name) in (("a", "href"), ("img", "src"))]
        self.ids.update(value for name, value in attrs if value and (name == "id" or (tag == "a" and name == "name")))
        if tag not in self.allowed_tags:
            self.found.append((f"the element <{tag}>", f"<{tag}"))
            return
        allowed = _ALLOWED_ATTRIBUTES.get(tag, set()) | _ALLOWED_ATTRIBUTES["*"]
        for name, value in attrs:
            value = value or ""
            if name not in allowed:
                self.found.append((f"the attribute {name}= (attribute lists may set only an id or a class)", name))
            elif name == "class":
                for css_class in value.split():
                    if css_class not in ALLOWED_CLASSES | _MACHINE_CLASSES:
                        self.found.append(
                            (f"the class '{css_class}' (allowed: {', '.join(sorted(ALLOWED_CLASSES))})", css_class)
                        )
            elif name in ("href", "src") and not is_safe_url(value):
                self.found.append((f"the link target {value[:60]!r}", value[:20]))
            elif name == "src" and not is_local_source(value):
                self.found.append((f"the image source {value[:60]!r} (images come from the site itself)", value[:20]))

    handle_startendtag = handle_starttag


_renderers = threading.local()


def render(text: str) -> str:
    """`text` as Python-Markdown renders it with the site's extensions.

    Building a Markdown instance costs about a quarter of a render, so each
    thread keeps one and resets it before each text (Python-Markdown's own
    way to convert several documents). Only a render that finished gives it
    back: one stopped half-way (a time limit, an error) leaves a fresh one.
    """
    renderer = getattr(_renderers, "markdown", None) or markdown.Markdown(extensions=SITE_EXTENSIONS)
    _renderers.markdown = None
    renderer.reset()
    rendered = renderer.convert(text)
    _renderers.markdown = renderer
    return rendered


def _rendered_problems(text: str, seen: Counter, allow_title: bool) -> tuple[list[tuple[str, str]], list[str]]:
    """What rendered `text` holds outside the allow-list, and its links that markdown-it did not see (`seen`)."""
    collector = _RenderedHtml(frozenset({"h1"}) if allow_title else frozenset())
    with bounded("the Markdown as the site renders it"):
        rendered = render(text)
    collector.feed(rendered)
    collector.close()
    # The same render gives the ids of the body's sections: spare the section check a second one.
    text_memo.offer("section_ids", text, sorted(collector.ids))
    unseen = Counter(parser.normalizeLink(link) for link in collector.links) - seen
    return collector.found, [link for link in collector.links if unseen[parser.normalizeLink(link)]]


def _line_of(text: str, snippet: str, first_line: int) -> int:
    index = text.find(snippet)
    return first_line + text.count("\n", 0, index) if index >= 0 else first_line


def check_markdown(
    text: str, path: Path, first_line: int, problems: Problems, field: str = "body", allow_title: bool = False
) -> None:
    """Record unsafe constructs in `text`, a Markdown field starting at `first_line`.

    `allow_title`: a hand-written page may start with its own ``#`` title (an
    article's title is a field of its own).
    """
    if text_memo.known("markdown_safe" if not allow_title else "page_safe", text):
        return
    costly = shape_problems(text)
    try:
        # the content tools' one parser (it keeps every link); kept for the comparison with the source
        tokens = [] if costly else parse_bounded(text, f"the {field}")
    except TooCostly as error:
        costly, tokens = [(0, str(error), "simplify the text: shorter paragraphs, less nesting")], []
    deep = nesting_problem(tokens)
    for line, what, fix in costly + ([deep] if deep else []):
        problems.add(
            path, first_line + line, f"{what} in {field}", f"{fix} (limits: CONTRIBUTING.md, 'What a text may cost')"
        )
    if costly or deep:
        return
    clean = True
    seen: Counter = Counter()  # the link targets markdown-it reads (normalised)
    for token in tokens:
        line = first_line + token.map[0] if token.map else first_line
        if token.type == "html_block":
            clean = False
            problems.add(
                path,
                line,
                f"raw HTML is not allowed in {field}: {token.content.strip()[:60]!r}",
                "write it in Markdown instead (lists, **bold**, [links](https://…))",
            )
        if token.type == "heading_open" and token.tag == "h1" and not (allow_title and token is tokens[0]):
            clean = False
            problems.add(
                path,
                line,
                f"a top-level '#' heading in {field}",
                "the title field is the page title; use '##' for sections",
            )
        for child in token.children or []:
            if child.type == "html_inline":
                clean = False
                problems.add(
                    path,
                    line,
                    f"raw HTML is not allowed in {field}: {child.content!r}",
                    "remove the tag, or write it in Markdown",
                )
            url = (
                child.attrs.get("href")
                if child.type == "link_open"
                else child.attrs.get("src")
                if child.type == "image"
                else None
            )
            if url is not None:
                seen[str(url)] += 1
            if url is not None and not is_safe_url(str(url)):
                clean = False
                problems.add(
                    path,
                    line,
                    f"unsafe link target {str(url)[:60]!r} in {field}",
                    "links must be relative or use http(s): or mailto:",
                )
            elif child.type == "image" and not is_local_source(str(url)):
                clean = False
                problems.add(
                    path,
                    line,
                    f"an image from another site, {str(url)[:60]!r}, in {field}",
                    "images come from the site itself: add the file under docs/images/ and "
                    "link it with a relative path (nothing on a page loads from another host)",
                )
    if clean:  # the second pass: what MkDocs would publish
        try:
            found, unseen = _rendered_problems(text, seen, allow_title)
        except TooCostly as error:
            problems.add(
                path,
                first_line,
                f"{error} ({field})",
                "simplify the text: shorter paragraphs, less nesting (limits: CONTRIBUTING.md, 'What a text may cost')",
            )
            return
        for what, snippet in found:
            clean = False
            problems.add(
                path,
                _line_of(text, snippet, first_line),
                f"{what} is not allowed in {field}",
                "write plain Markdown: no HTML, links only relative, http(s) or mailto, "
                f"attribute lists only {{ #an-id }} or a class from: {', '.join(sorted(ALLOWED_CLASSES))}",
            )
        for link in unseen:
            clean = False
            problems.add(
                path,
                _line_of(text, link, first_line),
                f"the site would link to {link[:60]!r}, but the checks do not read it as a link",
                "write the link as [text](target) with no space in the target (a space is %20)",
            )
    if clean:
        text_memo.offer("markdown_safe" if not allow_title else "page_safe", text, True)
