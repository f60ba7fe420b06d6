"""What a build's "Improve this page" links need beyond the guide: the scaffolds and stamped commits.

:class:`netguide.site.source_links.SourceLinks` builds the addresses; this
gathers, once per build and only with a repository address, what only the
files know: the text ``netguide new`` would write for each missing
translation (:func:`netguide.content.scaffold.scaffold_text`, the same
function), and for each outdated translation the git commit of the source
version it was stamped against (what ``netguide diff`` looks up,
:func:`netguide.translate.diff.stamped_version`). A translation whose
scaffold or commit cannot be had gets the fallback the page then shows
(the steps for translators, the ``netguide diff`` command).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..content.model import Guide
from ..content.problems import ContentError
from ..content.scaffold import scaffold_text
from ..site.source_links import Repository, SourceLinks
from ..translate.diff import NoHistory, stamped_version


def _in_repository(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


def _stamped_commit(guide_root: Path, article, language: str) -> str | None:
    """The commit of the source version whose change makes `language` outdated (up its chain), if git knows it."""
    chain = article.chain(language)
    for version, source in zip(chain, chain[1:], strict=False):
        if source.hash != version.translated_from.source_hash:
            try:
                return stamped_version(guide_root, source.path, version.translated_from.source_hash)[0]
            except (NoHistory, ValueError):
                return None
    return None


def source_links(
    repository: Repository | None,
    guide: Guide,
    root: Path,
    content_dir: Path,
    docs_dir: Path,
    from_files: bool = True,
) -> SourceLinks | None:
    """The build's links (None without a repository address); `root` is the repository's root (mkdocs.yml's folder).

    Not `from_files`: the links without scaffolds and commits (enough for hand-written pages).
    """
    if repository is None:
        return None
    scaffolds: dict[tuple[str, str], str] = {}
    commits: dict[tuple[str, str], str] = {}
    for article in guide.articles if from_files else []:
        for language in guide.languages:
            if language not in article.versions:
                try:
                    scaffolds[(article.id, language)] = scaffold_text(content_dir, article.id, language)[1]
                except ContentError:  # the source cannot be scaffolded: the page links to the steps
                    pass
            elif article.status(language) == "outdated":
                commit = _stamped_commit(root, article, language)
                if commit is not None:
                    commits[(article.id, language)] = commit
    return SourceLinks(
        repository,
        content=_in_repository(content_dir, root),
        docs=_in_repository(docs_dir, root),
        scaffolds=scaffolds,
        stamped_commits=commits,
    )
