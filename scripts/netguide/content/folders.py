"""Where content is read from: the article folders and their files, and what may be read at all.

Every reader of content/ (the build's loader, `netguide check`, `stamp`,
`new`) lists articles through this module, so they see the same folders in
the same order and report a broken folder with the same words.

Content comes from strangers' pull requests, so only real files and folders
inside the project are read (:func:`refused`): a symbolic link could point
at any file of the machine that builds the site (a key, or /dev/zero, which
never ends), so links are refused, and so is anything that resolves outside
the project or is not a regular file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import ContentError, Problem, Problems

#: The language-neutral file of an article folder.
META_FILE = "article.yml"


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:  # pragma: no cover - it was a link a moment ago
        return "?"


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a file" if stat.S_ISREG(mode) else "a special file"


def refused(path: Path, root: Path, problems: Problems, folder: bool = False) -> bool:
    """True (and a problem recorded) when `path` must not be read.

    That is when `path`, or a folder between `root` (the project: the folder
    holding content/, locales/ and mkdocs.yml) and it, is a symbolic link;
    when it lies outside `root`; or when it is not a regular file (a folder,
    with `folder=True`).
    """
    kind = "folder" if folder else "file"
    # Plain strings and os.path: this runs for every file of every load (pathlib's objects cost more than the checks).
    base = os.path.abspath(root)
    here = os.path.abspath(path)
    prefix = base if base.endswith(os.sep) else base + os.sep
    if here != base and not here.startswith(prefix):
        problems.add(
            path,
            None,
            f"the {kind} is outside the project ({Path(base)})",
            f"move the {kind} into the project's content/ or locales/ folder",
        )
        return True
    # The project itself may sit behind a link; below it nothing may. With no link between the project and
    # `path`, `path` also resolves inside the project: no need to resolve either.
    current = base
    for part in here[len(prefix) :].split(os.sep) if here != base else []:
        current = os.path.join(current, part)
        if os.path.islink(current):
            what = kind if current == here else "folder"
            problems.add(
                Path(current),
                None,
                f"the {what} is a symbolic link (to {_link_target(Path(current))}): links are not read",
                f"put the real {what} here instead of a link; content is read only from "
                "files and folders inside the project",
            )
            return True
    try:
        mode = os.lstat(here).st_mode
    except (FileNotFoundError, NotADirectoryError):  # (a file on the way)
        problems.add(path, None, f"the {kind} does not exist", "create it, or remove what refers to it")
        return True
    if not (stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)):
        problems.add(
            path,
            None,
            f"this is {_kind_of(mode)}, not {'a folder' if folder else 'a regular file'}",
            f"replace it by a plain {'folder' if folder else 'text file'}",
        )
        return True
    return False


def article_folders(content_dir: Path, problems: Problems) -> list[Path]:
    """The folders of content/articles, sorted by name (the article ids).

    A folder without article.yml, and an entry that is a symbolic link (to a
    folder or not), are recorded as problems and left out. No articles
    folder: no articles.
    """
    articles_dir = content_dir / "articles"
    root = content_dir.parent
    if not articles_dir.exists() and not articles_dir.is_symlink():
        return []
    if refused(articles_dir, root, problems, folder=True):
        return []
    folders = []
    for entry in sorted(articles_dir.iterdir()):
        if entry.is_symlink():
            refused(entry, root, problems, folder=entry.is_dir())
            continue
        if not entry.is_dir():
            continue
        if not (entry / META_FILE).exists() and not (entry / META_FILE).is_symlink():
            problems.add(
                entry,
                None,
                "article folder without article.yml",
                "add article.yml (see content/README.md) or remove the folder",
            )
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
    raise ContentError(
        [Problem(content_dir / "articles" / article_id, None, f"no article '{article_id}'", f"use one of: {known}")]
    )


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
