"""The one list of what a pull request may change in the guide's content, and how each file is checked.

Every file under ``content/``, ``locales/`` and ``docs/`` may come from a
stranger. MkDocs publishes whatever ``docs/`` holds (an ``.html`` or
``.svg`` file there would reach readers as it is), so a file is accepted
only when a rule of :data:`RULES` names its kind; anything else is an error
of the build, `mkdocs serve` and `netguide check`. A new kind of file thus
needs a new rule, with its check, before it can arrive. CONTRIBUTING.md
("What a pull request may change") prints this list; a test keeps the two
equal.

Code (``docs/assets/``, ``overrides/``, ``scripts/``, ``mkdocs.yml``) is
not content: the maintainers review it (.github/CODEOWNERS).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from .folders import refused
from .problems import Problem, Problems

#: The largest image a contribution may add.
MAX_IMAGE_BYTES = 512 * 1024
#: An image's first bytes, by file name extension (SVG can hold script, so it is not an image here).
IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}


@dataclass(frozen=True)
class Rule:
    pattern: str  # relative to the project, fnmatch style ('*' does not cross '/')
    what: str
    checked: str


RULES = (
    Rule(
        "content/articles/*/article.yml",
        "an article's language-neutral facts",
        "strict YAML, article.schema.json, the rules across files (ids, order, languages, sections)",
    ),
    Rule(
        "content/articles/*/*.yml",
        "one language version of an article",
        "strict YAML, translation.schema.json, the body's Markdown rules, the comparison with its source, links",
    ),
    Rule("content/glossary/*.yml", "a language's glossary", "strict YAML, glossary.schema.json, the same term ids"),
    Rule(
        "locales/*.yml", "a language's UI strings", "strict YAML, locale.schema.json, the same keys in every language"
    ),
    Rule(
        "docs/*.md",
        "a hand-written page (home, about)",
        "the body's Markdown rules (a '#' title allowed), front matter of plain 'description' and 'title' only",
    ),
    Rule("docs/images/*", "an image a page shows", "a PNG, JPEG, GIF or WebP file by its first bytes, at most 512 KB"),
    Rule("content/schema/*.schema.json", "the JSON Schemas", "code: the maintainers review it"),
    Rule("content/README.md", "the content format's documentation", "not published"),
    Rule("docs/assets/*", "the site's CSS and JavaScript", "code: the maintainers review it"),
)
#: Folders a contribution never holds: the build writes them.
GENERATED = ("docs/guide",)
#: The folders the rules cover: a file in them that no rule names is refused.
COVERED = ("content", "locales", "docs")


def _ignored(name: str) -> bool:
    """Hidden files and editors' backups: neither MkDocs (``exclude_docs``) nor the loader reads them."""
    return name.startswith(".") or name.endswith("~")


def rule_for(relative: str) -> Rule | None:
    """The first rule whose pattern `relative` (a '/'-separated path inside the project) matches."""
    parts = relative.split("/")
    for rule in RULES:
        pattern = rule.pattern.split("/")
        if len(pattern) == len(parts) and all(fnmatch.fnmatchcase(p, q) for p, q in zip(parts, pattern, strict=False)):
            return rule
    return None


def _image_problem(path: Path) -> str | None:
    signatures = IMAGE_SIGNATURES.get(path.suffix.lower())
    if signatures is None:
        return f"'{path.suffix}' is not an image type the site shows (PNG, JPEG, GIF or WebP)"
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return f"the image has {path.stat().st_size:,} bytes, more than {MAX_IMAGE_BYTES:,}"
    with open(path, "rb") as file:
        head = file.read(16)
    if not head.startswith(signatures) or (path.suffix.lower() == ".webp" and head[8:12] != b"WEBP"):
        return f"the file does not start as a {path.suffix[1:].upper()} image does"
    return None


def unlisted_files(root: Path) -> list[Problem]:
    """A problem for each file under COVERED that no rule names, and for each image that is not one."""
    problems = Problems()
    for top in COVERED:
        base = root / top
        for folder, dirs, files in os.walk(base):
            here = Path(folder)
            for name in [d for d in dirs if (here / d).is_symlink()]:
                refused(here / name, root, problems, folder=True)
            dirs[:] = sorted(
                d
                for d in dirs
                if not _ignored(d)
                and not (here / d).is_symlink()
                and (here / d).relative_to(root).as_posix() not in GENERATED
            )
            for name in sorted(files):
                path = here / name
                relative = path.relative_to(root).as_posix()
                rule = rule_for(relative)
                if _ignored(name):
                    continue
                if path.is_symlink():
                    refused(path, root, problems)
                elif rule is None:
                    problems.add(
                        path,
                        None,
                        f"'{relative}' is no kind of file the guide takes from a contribution",
                        "remove it, or put it where CONTRIBUTING.md ('What a pull request may change') "
                        "says files of its kind go",
                    )
                elif rule.pattern == "docs/images/*" and not path.is_symlink():
                    why = _image_problem(path)
                    if why:
                        problems.add(path, None, why, "add a PNG, JPEG, GIF or WebP image of at most 512 KB")
    return problems.items
