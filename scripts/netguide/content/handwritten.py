"""The hand-written pages of docs/ (``<name>.<lang>.md``): untrusted like every other contribution.

A new language's translator writes ``docs/index.<lang>.md`` and
``docs/about.<lang>.md`` (CONTRIBUTING.md), so these pages get the rules of an
article body (:func:`.markdown_check.check_markdown`: no raw HTML, safe
links, images only from the site, attribute lists only an id or an allowed
class, bounded parsing cost), except that a page may have its own ``#`` title.
Their front matter is YAML read as strictly as a content file (no anchors or
aliases, no deep nesting, no control characters) and may set only the plain
texts of :data:`FRONT_MATTER_KEYS`; the build escapes them where the theme
prints them (mkdocs_adapter/plugin.py, ``on_page_markdown``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .markdown_check import check_markdown
from .problems import Problems
from .yamlfile import parse_text, read_text

#: What a hand-written page's front matter may set: plain text only, a line each.
FRONT_MATTER_KEYS = {"description": 300, "title": 120}  # key -> most characters
#: A hand-written page's file name: a lower-case name, the language, ``.md``.
PAGE_NAME = re.compile(r"^(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<language>[a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.md$")
# How MkDocs reads a page's meta-data (mkdocs.utils.meta.get_data): YAML between '---' lines, else
# "MultiMarkdown" 'key: value' lines at the very top. The same patterns here, so that the body checked
# is the body MkDocs renders, and no setting reaches MkDocs unchecked.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
MULTIMARKDOWN_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")


@dataclass(frozen=True)
class Page:
    path: Path
    text: str
    body: str
    body_line: int  # the 1-based line where the body starts


def hand_written_pages(docs_dir: Path) -> list[Path]:
    """The Markdown pages of docs/ itself (docs/guide/ is generated; docs/assets/ holds no pages)."""
    return sorted(docs_dir.glob("*.md")) if docs_dir.is_dir() else []


def check_page(path: Path, languages: list[str], problems: Problems, *, root: Path) -> Page | None:
    """Record every problem of the hand-written page `path`; the page, if it could be read."""
    match = PAGE_NAME.match(path.name)
    if not match or match["language"] not in languages:
        problems.add(
            path,
            None,
            f"'{path.name}' is not named <page>.<language>.md for a language of the site",
            f"name it like index.{languages[0]}.md: a lower-case name, then one of {', '.join(languages)}",
        )
    text = read_text(path, problems, root=root)
    if text is None:
        return None
    body, body_line = text, 1
    front = FRONT_MATTER.match(text)
    if front:
        rest = text[front.end() :]
        body = rest.lstrip("\n")
        body_line = text.count("\n", 0, front.end() + len(rest) - len(body)) + 1
        _check_front_matter(path, front.group(1), problems)
    elif text.startswith("---"):
        problems.add(path, 1, "the front matter is not closed", "end it with a line '---' (or remove the first line)")
    elif MULTIMARKDOWN_META.match(text.split("\n", 1)[0]):
        problems.add(
            path,
            1,
            "the page starts with a 'key: value' line, which MkDocs reads as a setting of the page",
            "put settings between two '---' lines (only description and title), and start the page with its '# ' title",
        )
        return None
    check_markdown(body, path, body_line, problems, field="the page", allow_title=True)
    return Page(path, text, body, body_line)


def _check_front_matter(path: Path, text: str, problems: Problems) -> None:
    """Plain texts under the keys of FRONT_MATTER_KEYS, and nothing else (the front matter starts on line 2)."""
    parsed = parse_text(path, "\n" + text, problems)  # the leading line end stands for the '---' line
    if parsed is None:
        return
    data, lines = parsed
    if data is None:
        return
    if not isinstance(data, dict):
        problems.add(path, 2, "the front matter is not a mapping", "write 'description: …' on its own line")
        return
    for key, value in data.items():
        line = lines.get(("key", key)) or lines.get((key,))
        if key not in FRONT_MATTER_KEYS:
            problems.add(
                path,
                line,
                f"the front matter sets '{key}', which a hand-written page may not set",
                f"remove it; a page may set only {', '.join(FRONT_MATTER_KEYS)} (plain text)",
            )
        elif not isinstance(value, str) or not value.strip():
            problems.add(
                path, line, f"'{key}' in the front matter is not a text", f"write '{key}: ' and one line of plain text"
            )
        elif len(value) > FRONT_MATTER_KEYS[key] or "\n" in value.strip():
            problems.add(
                path,
                line,
                f"'{key}' in the front matter is longer than one line of {FRONT_MATTER_KEYS[key]} characters",
                "shorten it to one plain sentence",
            )
