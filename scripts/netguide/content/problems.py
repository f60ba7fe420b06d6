"""Problems found in content: what is wrong, where, and how to fix it.

Loading collects every problem of a run before failing, so a contributor
sees all of them at once instead of one per build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str
    hint: str = ""
    severity: str = "error"  # "error" fails the build, "warning" is only shown

    def location(self) -> str:
        try:
            shown = os.path.relpath(self.path)
        except ValueError:  # another drive on Windows
            shown = str(self.path)
        return f"{shown}:{self.line}" if self.line else shown

    def __str__(self) -> str:
        text = f"{self.location()}: {self.severity}: {self.message}"
        return f"{text}\n    fix: {self.hint}" if self.hint else text

    def github_annotation(self) -> str:
        """The problem as a GitHub Actions workflow command."""
        where = f"file={os.path.relpath(self.path)}"
        if self.line:
            where += f",line={self.line}"
        text = self.message + (f" Fix: {self.hint}" if self.hint else "")
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} {where}::{text}"


@dataclass
class Problems:
    """An ordered collection of problems, filled while loading."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path, line: int | None, message: str, hint: str = "") -> None:
        self.items.append(Problem(Path(path), line, message, hint))

    def warn(self, path: Path, line: int | None, message: str, hint: str = "") -> None:
        self.items.append(Problem(Path(path), line, message, hint, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)


class ContentError(Exception):
    """Content that cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the guide's content:"
        super().__init__("\n".join([head, *(str(p) for p in problems)]))
