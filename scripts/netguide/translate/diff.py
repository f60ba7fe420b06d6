"""`netguide diff ARTICLE LANGUAGE`: what changed in a translation's source since it was stamped.

A stamp (``translated_from.source_hash``) is a hash of what readers see of
the source (:func:`netguide.content.model.data_hash`), not a git commit, so
outdated detection needs no history. To show the change, the source file's
versions in git history are hashed the same way, newest first, until one
matches the stamp; that version is compared with the source as it is now.
Without git, or without that version (a shallow clone, a stamp set by hand),
the command says so and what to do instead.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content.folders import find_article, language_file
from ..content.model import UNSEEN_FIELDS, as_read, data_hash
from ..content.problems import ContentError, Problem, Problems
from ..content.yamlfile import load_yaml

GIT_TIMEOUT = 60


class NoHistory(Exception):
    """The stamped version of the source cannot be found: the message says why, the hint what to do."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


@dataclass
class SourceChange:
    """A translation, its source, and what changed in the source since the translation was stamped."""

    translation: Path
    source: Path
    stamp: str
    current: str  # the source's hash now
    commit: str = ""  # the commit holding the stamped version of the source
    commit_line: str = ""  # its short hash, date and subject
    old_text: str = ""
    new_text: str = ""
    fields: list[str] = field(default_factory=list)  # what readers see that changed: title, body, myths.<id>.fact, …
    upstream: str | None = None  # the source's own source, when the source is itself outdated (a pivot)
    history: NoHistory | None = None  # why git could not give the stamped version

    @property
    def up_to_date(self) -> bool:
        return self.stamp == self.current

    def unified_diff(self) -> str:
        name = self.source.name
        return "".join(
            difflib.unified_diff(
                self.old_text.splitlines(keepends=True),
                self.new_text.splitlines(keepends=True),
                fromfile=f"{name} @ {self.commit[:10]} (stamped)",
                tofile=f"{name} (now)",
            )
        )


def _parse(text: str) -> object:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _flat(value: object, prefix: str = "") -> dict[str, object]:
    """{'title': …, 'myths.<id>.fact': …}: every text of a language version under a dotted name."""
    if isinstance(value, dict):
        found: dict[str, object] = {}
        for key, item in value.items():
            if not prefix and key in UNSEEN_FIELDS:
                continue
            found.update(_flat(item, f"{prefix}{key}."))
        return found
    if isinstance(value, list):
        found = {}
        for index, item in enumerate(value):
            found.update(_flat(item, f"{prefix}{index}."))
        return found
    return {prefix.rstrip("."): value}


def changed_fields(old: object, new: object) -> list[str]:
    """The fields whose text readers would see differently, in the new version's order (removed ones last)."""
    before, after = _flat(as_read(old)), _flat(as_read(new))
    return [key for key in after if before.get(key) != after[key]] + [key for key in before if key not in after]


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=GIT_TIMEOUT)
    except FileNotFoundError:
        raise NoHistory(
            "git is not installed, so the stamped version of the source cannot be looked up",
            "install git, or compare the translation with the source by hand",
        ) from None
    except subprocess.TimeoutExpired:
        raise NoHistory(f"git did not answer within {GIT_TIMEOUT} s", "try again, or compare by hand") from None


def stamped_version(root: Path, source: Path, stamp: str) -> tuple[str, str, str]:
    """(commit, its one-line description, the text) of the newest version of `source` in git whose hash is `stamp`."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise NoHistory(
            f"{root} is not in a git repository, so the stamped version of the source cannot be looked up",
            "run the command in a clone of the project (git clone), or compare by hand",
        )
    relative = source.resolve().relative_to(root.resolve()).as_posix()
    log = _git(root, "log", "--format=%H %h %as %s", "--", relative)
    if log.returncode != 0:
        raise NoHistory(f"git log failed: {log.stderr.strip()}", "check the repository with `git status`")
    for line in log.stdout.splitlines():
        commit, description = line.split(" ", 1)
        shown = _git(root, "show", f"{commit}:./{relative}")
        if shown.returncode != 0:
            continue  # the file was deleted in that commit
        try:
            if data_hash(_parse(shown.stdout)) == stamp:
                return commit, description, shown.stdout
        except yaml.YAMLError:
            continue
    shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    raise NoHistory(
        f"no version of {source.name} in the git history has the stamp {stamp}"
        + (" (this clone is shallow: older versions are not here)" if shallow else ""),
        (
            "fetch the whole history with `git fetch --unshallow`, then run the command again"
            if shallow
            else f"the stamp may have been set by hand or before a rename; see `git log -p -- {relative}`"
        ),
    )


def source_change(root: Path, content_dir: Path, article_id: str, language: str) -> SourceChange:
    """What changed in the source of `article_id`'s `language` version since it was stamped.

    Raises ContentError for a version that is not a translation; when git
    cannot give the stamped version, `history` says why.
    """
    folder = find_article(content_dir, article_id)
    path = language_file(folder, language)
    problems = Problems()
    document = load_yaml(path, problems, root=root) if path.exists() else None
    problems.raise_if_errors()
    if document is None:
        raise ContentError(
            [
                Problem(
                    path,
                    None,
                    f"there is no {language} version of this article",
                    f"start one with `netguide new {article_id} {language}`",
                )
            ]
        )
    stamp = document.data.get("translated_from") if isinstance(document.data, dict) else None
    if not isinstance(stamp, dict):
        raise ContentError(
            [
                Problem(
                    path,
                    None,
                    f"{language} is an original of this article, not a translation",
                    "an original has no source to compare with",
                )
            ]
        )
    source = language_file(folder, str(stamp.get("language")))
    source_document = load_yaml(source, problems, root=root) if source.exists() else None
    problems.raise_if_errors()
    if source_document is None:
        raise ContentError(
            [
                Problem(
                    path,
                    document.line_of(("translated_from", "language")),
                    f"the source {source.name} does not exist",
                    "name an existing version in translated_from",
                )
            ]
        )
    change = SourceChange(
        path, source, str(stamp.get("source_hash")), data_hash(source_document.data), new_text=source_document.text
    )
    upstream = source_document.data.get("translated_from") if isinstance(source_document.data, dict) else None
    if isinstance(upstream, dict):
        upstream_path = language_file(folder, str(upstream.get("language")))
        upstream_document = load_yaml(upstream_path, Problems(), root=root) if upstream_path.exists() else None
        if upstream_document is not None and data_hash(upstream_document.data) != str(upstream.get("source_hash")):
            change.upstream = upstream_path.stem
    if change.up_to_date or change.stamp == "TODO":
        return change
    try:
        change.commit, change.commit_line, change.old_text = stamped_version(root, source, change.stamp)
    except NoHistory as error:
        change.history = error
        return change
    change.fields = changed_fields(_parse(change.old_text), source_document.data)
    return change
