"""Load and validate the guide for a build: once per state of the files, and under
`mkdocs serve` keep the last good guide while the content is broken.

Loading is :func:`netguide.content.validation.validate`, the checks `netguide
check` runs: any error fails the build (a ContentError, listing each problem
with file, line and fix), warnings are logged, and the translators' review
list (outdated translations, UI strings as in the default language) is left
to `netguide check`: the site marks an outdated translation itself.

A net under that validation, MkDocs' own warnings about links on the pages it
renders, is the adapter's (:mod:`netguide.mkdocs_adapter.rendered_links`).

static-i18n calls on_config once per language; one build uses one state of
the content, so the languages after the first reuse what the first loaded.
With ``on_startup`` defined, `mkdocs serve` keeps the same plugin instance
for every rebuild, so this object (an attribute of the plugin) also
remembers the last good guide between rebuilds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from ..cache_keys import file_stamp
from ..content import file_memo, text_memo
from ..content.model import Guide
from ..content.problems import ContentError
from ..log import plugin_logger
from ..site.checks import validate_guide, validate_guide_articles
from ..site.urls import GENERATED_ROOT

log = plugin_logger(__name__)


def fingerprint(*folders: Path, skip: Path | None = None) -> tuple | None:
    """Path and stamp (:func:`netguide.cache_keys.file_stamp`) of every file under `folders` (but not under `skip`).

    None when a file changed in the last two seconds: its stamp may not show a second save yet.
    """
    entries = []
    for folder in folders:
        for top, dirs, files in os.walk(folder):
            dirs[:] = sorted(name for name in dirs if skip is None or Path(top, name) != skip)
            for name in sorted(files):
                path = os.path.join(top, name)
                try:
                    stamp = file_stamp(path)
                except OSError:  # gone since the folder was listed
                    continue
                if stamp is None:
                    return None
                entries.append((path, stamp))
    return tuple(entries)


class GuideSource:
    def __init__(self) -> None:
        self.serving = False  # set for `mkdocs serve`: broken content then keeps the last good guide
        self._good: dict[tuple, tuple[tuple, Guide]] = {}
        self._last_good: Guide | None = None
        self._failed: dict[tuple, tuple[tuple, str]] = {}
        #: The content error shown on every page while serve keeps the last good guide.
        self.error: str | None = None
        self._good_pages: dict[Path, str] = {}  # the hand-written pages as they last passed

    def load(
        self,
        content_dir: Path,
        locales_dir: Path,
        languages: list[str],
        default: str,
        memo_file: Path,
        remember_checks: bool = True,
        docs_dir: Path | None = None,
        report_warnings: bool = True,
        template_dirs: list[Path] = (),
        checkpoint: Callable[[], None] = lambda: None,
    ) -> Guide:
        """The guide in `content_dir`; raises ContentError (outside serve, or with no good guide yet).

        `checkpoint` is called after each article's checks: whatever it raises stops the load (see
        :class:`netguide.pipeline.session.BuildSession`), and nothing of it is remembered.

        `docs_dir` holds the hand-written pages (links to them are checked, and markers left in them).
        A helper process passes ``report_warnings=False``: the main process logs them once.
        `template_dirs` are the theme's template folders: content may not take the ids they use, nor our
        pages'. A helper passes none: the main process checks the same files and stops it on an error.
        """
        self.error = None
        key = (str(content_dir), str(locales_dir), str(docs_dir), tuple(languages))
        # Hand-written pages count (a body may link to them); the generated ones come from the guide.
        state = fingerprint(
            content_dir,
            locales_dir,
            *([docs_dir] if docs_dir else []),
            skip=docs_dir / GENERATED_ROOT if docs_dir else None,
        )
        good = self._good.get(key)
        if good and state is not None and good[0] == state:
            return good[1]
        failed = self._failed.get(key)
        if failed and state is not None and failed[0] == state and self.serving and good:
            self.error = failed[1]  # already reported for this state of the files
            return good[1]
        started = time.perf_counter()
        file_memo.keep_unchanged_files(self.serving)  # a long-running serve reads only the files that changed
        text_memo.recall(memo_file)
        pages = sorted(docs_dir.glob("*.md")) if docs_dir else []
        result = validate_guide(
            content_dir,
            locales_dir,
            languages,
            default,
            docs_dir=docs_dir,
            extra_files=pages,
            template_dirs=template_dirs,
            progress=lambda done, total: checkpoint(),
        )
        for warning in result.warnings if report_warnings else []:
            log.warning(str(warning))
        try:
            result.raise_if_errors()
        except ContentError as error:
            if self.serving and good:
                # Keep serving the last good content, with the error shown on every page.
                log.error(str(error))
                self.error = str(error)
                self._failed[key] = (state, str(error))
                return good[1]
            raise
        guide = result.guide
        self._good_pages = {page.path.resolve(): page.text for page in result.pages}
        log.info(
            f"Loaded {len(guide.articles)} articles in {len(languages)} languages "
            f"({time.perf_counter() - started:.2f} s)"
        )
        if remember_checks:
            text_memo.remember(memo_file)
        self._good[key] = (state, guide)
        self._last_good = guide
        return guide

    def kept_page(self, path: Path) -> str | None:
        """While serve shows a content error: the text hand-written page `path` had when the checks last
        passed (an empty page if it had none); otherwise None (MkDocs reads the file)."""
        if not self.error or path.suffix != ".md":
            return None
        path = path.resolve()
        if path in self._good_pages or any(path.parent == good.parent for good in self._good_pages):
            return self._good_pages.get(path, "")
        return None

    def load_articles(self, content_dir: Path, article_ids: set[str], docs_dir: Path) -> Guide | None:
        """The last good guide with the files of `article_ids` read again, for a preview (mkdocs_adapter/preview.py).

        None when there is no good guide, the content is broken now (the
        rebuild shows it), or those files have any problem. Nothing is
        remembered: the rebuild that follows validates everything.
        """
        if self._last_good is None or self.error:
            return None
        file_memo.keep_unchanged_files(self.serving)
        result = validate_guide_articles(self._last_good, content_dir, article_ids, docs_dir=docs_dir)
        return None if result.errors else result.guide
