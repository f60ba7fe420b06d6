#!/usr/bin/env python3
"""What the worst Markdown a contributor may write costs to check: milliseconds per kilobyte.

    .venv/bin/python scripts/parse_bounds.py [--repeat 3]

Each shape is the worst of its kind that the limits of
``netguide.content.parse_limits`` let through (the largest field, made of
the largest paragraphs, each with as many ``[`` or ``<`` as allowed; lists
nested as deep as allowed), plus a plain article body for comparison. For
each it times the full check of a body (``check_markdown``: markdown-it, then
Python-Markdown with the site's extensions) and the render MkDocs then makes,
and prints the fastest of `--repeat` runs. CONTRIBUTING.md ("What a text may
cost") quotes these figures; a shape over the limits is refused before any
parser runs, in microseconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import markdown  # noqa: E402

from netguide.content import text_memo  # noqa: E402
from netguide.content.markdown_check import SITE_EXTENSIONS, check_markdown  # noqa: E402
from netguide.content.parse_limits import (  # noqa: E402
    MAX_INDENT,
    MAX_NESTING,
    MAX_OPENERS,
    MAX_PARAGRAPH_CHARS,
    MAX_TEXT_CHARS,
    shape_problems,
)
from netguide.content.problems import Problems  # noqa: E402


def _paragraphs(make) -> str:
    """As many of the largest allowed paragraphs as fit in the largest field."""
    paragraph = make()
    count = max(1, MAX_TEXT_CHARS // (len(paragraph) + 2))
    return "\n\n".join(paragraph for _ in range(count))


def _padded(opener: str) -> str:
    """One paragraph of MAX_PARAGRAPH_CHARS with MAX_OPENERS unmatched `opener`s spread over it."""
    gap = (MAX_PARAGRAPH_CHARS - 1) // MAX_OPENERS - len(opener)
    return ((opener + "w" * (gap - 1) + " ") * MAX_OPENERS)[: MAX_PARAGRAPH_CHARS - 1]


def _nested() -> str:
    lines = ["  " * depth + "- item" for depth in range(MAX_NESTING)]
    return "\n".join(lines)


SHAPES = {
    "plain prose": lambda: _paragraphs(lambda: ("Networking is a conversation between people. " * 40).strip()),
    "unmatched '[' (at the limit)": lambda: _paragraphs(lambda: _padded("[")),
    "unmatched '![' (at the limit)": lambda: _paragraphs(lambda: _padded("![")),
    "unmatched '<' (at the limit)": lambda: _paragraphs(lambda: _padded("<")),
    "links (at the limit)": lambda: _paragraphs(lambda: _padded("[a](b) ")),
    f"lists nested {MAX_NESTING} deep": lambda: _paragraphs(_nested),
    f"indented {MAX_INDENT} columns": lambda: _paragraphs(
        lambda: "\n".join(" " * MAX_INDENT + "code" for _ in range(MAX_PARAGRAPH_CHARS // (MAX_INDENT + 6)))
    ),
    "emphasis runs": lambda: _paragraphs(lambda: ("*a _b `c " * 2000)[: MAX_PARAGRAPH_CHARS - 1]),
}


def _time(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    text_memo._known.clear()
    print(f"{'shape':34} {'KB':>6} {'check ms':>9} {'render ms':>10} {'ms/KB':>7}")
    for name, make in SHAPES.items():
        text = make()
        assert not shape_problems(text), (name, shape_problems(text)[:1])

        def check(text=text):
            text_memo._known.clear()  # never answered from the memo
            problems = Problems()
            check_markdown(text, Path("body.yml"), 1, problems)

        checked = _time(check, options.repeat)
        rendered = _time(lambda: markdown.Markdown(extensions=SITE_EXTENSIONS).convert(text), options.repeat)
        size = len(text.encode("utf-8")) / 1024
        print(
            f"{name:34} {size:6.0f} {checked * 1000:9.0f} {rendered * 1000:10.0f} "
            f"{(checked + rendered) * 1000 / size:7.2f}"
        )
    refused = "[" * MAX_TEXT_CHARS
    print(
        f"{'over the limits (refused)':34} {len(refused) / 1024:6.0f} "
        f"{_time(lambda: shape_problems(refused), options.repeat) * 1000:9.1f}"
    )


if __name__ == "__main__":
    main()
