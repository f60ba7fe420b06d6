"""What reading one contributed Markdown text may cost: limits a contributor cannot pass.

Every Markdown text of a contribution (an article body, a hand-written page)
is parsed by markdown-it (the content tools) and Python-Markdown (what MkDocs
publishes), and a text that passes is rendered again by MkDocs. Python-Markdown
is quadratic on some shapes within a paragraph: each unmatched ``[`` (and
``![``, and ``<``) scans to the end of its paragraph, so 8 KB of ``[`` takes
6 s and 100 KB takes minutes; each level of list or quote nesting is one level
of recursion, so a few hundred raise ``RecursionError``.

So, before either parser runs (:func:`shape_problems`), a text may have

- at most :data:`MAX_TEXT_CHARS` characters in one Markdown field;
- at most :data:`MAX_PARAGRAPH_CHARS` characters in one paragraph (a run of
  lines without a blank line) and at most :data:`MAX_OPENERS` of ``[`` and of
  ``<`` in it, which bounds the quadratic term;
- lists and quotes nested at most :data:`MAX_NESTING` deep, and lines
  indented at most :data:`MAX_INDENT` columns (Python-Markdown nests
  admonitions and lists by indentation).

And because a fuzzer may always find a shape these do not foresee, each
parser runs under :func:`bounded`: past :data:`TIME_LIMIT` seconds, or on
``RecursionError``, the text is refused with the same clear message instead
of a hang or a traceback. ``scripts/parse_bounds.py`` prints what the worst
shapes cost (CONTRIBUTING.md quotes it).
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Iterator

#: The longest Markdown field (the longest article body today has 11 KB).
MAX_TEXT_CHARS = 128 * 1024
#: The longest paragraph: a run of lines with no blank line between them (the longest today: 1.4 KB).
MAX_PARAGRAPH_CHARS = 8 * 1024
#: The most "[" (links, images) and the most "<" in one paragraph (today at most 3).
MAX_OPENERS = 50
#: The deepest nesting of lists and quotes.
MAX_NESTING = 6
#: The deepest indentation of a line, in columns (a tab counts 4).
MAX_INDENT = 48
#: The longest one parser may take over one text, in seconds (a real article takes milliseconds).
TIME_LIMIT = 3.0

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_CONTAINERS = {"bullet_list_open", "ordered_list_open", "blockquote_open"}
_CLOSERS = {"bullet_list_close", "ordered_list_close", "blockquote_close"}


class TooCostly(Exception):
    """A parser stopped on a text: it took too long, or nested too deep."""


def shape_problems(text: str) -> list[tuple[int, str, str]]:
    """What in `text` passes a limit: [(0-based line, what, fix)], before any parser runs."""
    if len(text) > MAX_TEXT_CHARS:
        return [
            (
                0,
                f"the text has {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} one field may have",
                "split the article, or check that this is the text you meant to add",
            )
        ]
    found = []
    position, line = 0, 0
    for separator in [*_PARAGRAPHS.finditer(text), None]:
        end = separator.start() if separator else len(text)
        chunk = text[position:end]
        if len(chunk) > MAX_PARAGRAPH_CHARS:
            found.append(
                (
                    line,
                    f"a paragraph of {len(chunk):,} characters (at most {MAX_PARAGRAPH_CHARS:,})",
                    "split it with a blank line",
                )
            )
        for opener, what in (("[", "'[' (links and images)"), ("<", "'<'")):
            if chunk.count(opener) > MAX_OPENERS:
                found.append(
                    (
                        line,
                        f"a paragraph with {chunk.count(opener)} of {what}, more than {MAX_OPENERS}",
                        "split the paragraph, or remove brackets that open no link",
                    )
                )
        if separator:
            line += text.count("\n", position, separator.end())
            position = separator.end()
    for number, row in enumerate(text.split("\n")):
        indent = len(row.expandtabs(4)) - len(row.expandtabs(4).lstrip(" "))
        if indent > MAX_INDENT:
            found.append(
                (
                    number,
                    f"a line indented {indent} columns (at most {MAX_INDENT})",
                    "indent less: lists and notes nested this deep are not readable",
                )
            )
            break
    return found


def nesting_problem(tokens) -> tuple[int, str, str] | None:
    """Lists and quotes nested deeper than MAX_NESTING in markdown-it's `tokens`: (0-based line, what, fix)."""
    depth = 0
    for token in tokens:
        if token.type in _CONTAINERS:
            depth += 1
            if depth > MAX_NESTING:
                return (
                    token.map[0] if token.map else 0,
                    f"lists or quotes nested more than {MAX_NESTING} deep",
                    "nest less: flatten the list, or split it",
                )
        elif token.type in _CLOSERS:
            depth -= 1
    return None


@contextlib.contextmanager
def bounded(what: str) -> Iterator[None]:
    """Run a parse of `what`; raise TooCostly past TIME_LIMIT seconds or on RecursionError.

    The time limit is an interval timer, which only the main thread may set
    (every build, serve rebuild and `netguide` command parses there); in
    another thread the shape limits alone bound the cost.
    """
    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def expire(_signum, _frame):
        raise TooCostly(f"reading {what} took longer than {TIME_LIMIT:g} s")

    previous = signal.signal(signal.SIGALRM, expire) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        yield
    except RecursionError:
        raise TooCostly(f"{what} is nested too deep to read") from None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
