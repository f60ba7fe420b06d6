"""Where content is read from: the article folders and their files.

Every reader of content/ (the build's loader, `netguide check`, `stamp`,
`new`) lists articles through this module, so they see the same folders in
the same order and report a broken folder with the same words.
"""

from __future__ import annotations

from pathlib import Path

from .problems import ContentError, Problem, Problems

#: The language-neutral file of an article folder.
META_FILE = "article.yml"


def article_folders(content_dir: Path, problems: Problems) -> list[Path]:
    """The folders of content/articles, sorted by name (the article ids).

    A folder without article.yml is recorded as a problem and left out. No
    articles folder: no articles.
    """
    articles_dir = content_dir / "articles"
    if not articles_dir.is_dir():
        return []
    folders = []
    for entry in sorted(articles_dir.iterdir()):
        if not entry.is_dir():
            continue
        if not (entry / META_FILE).exists():
            problems.add(entry, None, "article folder without article.yml",
                         "add article.yml (see content/README.md) or remove the folder")
            continue
        folders.append(entry)
    return folders


def find_article(content_dir: Path, article_id: str) -> Path:
    """The folder of article `article_id`; a ContentError naming the articles there are if it has none."""
    problems = Problems()
    folders = article_folders(content_dir, problems)
    for folder in folders:
        if folder.name == article_id:
            return folder
    own = [p for p in problems.errors if p.path.name == article_id and p.path.parent.name == "articles"]
    if own:  # the folder is there, but broken: say how
        raise ContentError(own)
    known = ", ".join(folder.name for folder in folders) or "none"
    raise ContentError([Problem(content_dir / "articles" / article_id, None, f"no article '{article_id}'",
                                f"use one of: {known}")])


def article_ids(content_dir: Path) -> list[str]:
    """The ids of the readable article folders (for completion and argument checks)."""
    return [folder.name for folder in article_folders(content_dir, Problems())]


def meta_file(folder: Path) -> Path:
    """The article's language-neutral file, article.yml."""
    return folder / META_FILE


def language_file(folder: Path, language: str) -> Path:
    """The file of the article's `language` version (it may not exist)."""
    return folder / f"{language}.yml"


def yaml_files(folder: Path) -> list[Path]:
    """The ``*.yml`` files of `folder`, sorted by name (none if it is missing)."""
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def language_files(folder: Path) -> list[Path]:
    """The language versions of an article, sorted by file name: every ``*.yml`` but article.yml."""
    return [path for path in yaml_files(folder) if path.name != META_FILE]
