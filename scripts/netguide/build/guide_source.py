"""Load the guide for a build: once per state of the files, and under `mkdocs serve`
keep the last good guide while the content is broken.

static-i18n calls on_config once per language; one build uses one state of
the content, so the languages after the first reuse what the first loaded.
With ``on_startup`` defined, `mkdocs serve` keeps the same plugin instance
for every rebuild, so this object (an attribute of the plugin) also
remembers the last good guide between rebuilds.
"""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from ..content import markdown_check
from ..content.loader import load_guide
from ..content.model import Guide
from ..content.problems import ContentError, Problems

log = get_plugin_logger(__name__)


def fingerprint(*folders: Path) -> tuple:
    """Path, modification time and size of every file under `folders`."""
    entries = []
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.is_file():
                stat = path.stat()
                entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


class GuideSource:
    def __init__(self) -> None:
        self.serving = False  # set for `mkdocs serve`: broken content then keeps the last good guide
        self._good: dict[tuple, tuple[tuple, Guide]] = {}
        self._failed: dict[tuple, tuple[tuple, str]] = {}
        #: The content error shown on every page while serve keeps the last good guide.
        self.error: str | None = None

    def load(self, content_dir: Path, locales_dir: Path, languages: list[str], default: str,
             checked_file: Path, remember_checks: bool = True) -> Guide:
        """The guide in `content_dir`; raises ContentError (outside serve, or with no good guide yet)."""
        self.error = None
        key = (str(content_dir), str(locales_dir), tuple(languages))
        state = fingerprint(content_dir, locales_dir)
        good = self._good.get(key)
        if good and good[0] == state:
            return good[1]
        failed = self._failed.get(key)
        if failed and failed[0] == state and self.serving and good:
            self.error = failed[1]  # already reported for this state of the files
            return good[1]
        problems = Problems()
        started = time.perf_counter()
        markdown_check.recall(checked_file)
        try:
            guide = load_guide(content_dir, locales_dir, languages, default, problems)
        except ContentError as error:
            for warning in problems.warnings:
                log.warning(str(warning))
            if self.serving and good:
                # Keep serving the last good content, with the error shown on every page.
                log.error(str(error))
                self.error = str(error)
                self._failed[key] = (state, str(error))
                return good[1]
            raise
        for warning in problems.warnings:
            log.warning(str(warning))
        log.info(f"Loaded {len(guide.articles)} articles in {len(languages)} languages "
                 f"({time.perf_counter() - started:.2f} s)")
        if remember_checks:
            markdown_check.remember(checked_file)
        self._good[key] = (state, guide)
        return guide
