"""From a page to the file a contributor changes: the repository's address and the GitHub links made from it.

The repository's address is configuration (``REPO_URL``, the netguide
plugin's ``repo_url`` in mkdocs.yml), checked strictly by
:func:`parse_repository`: only ``https://github.com/OWNER/REPO``. Without it
there are no such links. With it, :class:`SourceLinks` says which file is
behind a page (an article's language file for the article and its checklist,
the glossary's language file, a hand-written ``docs/`` page; never a
generated ``docs/guide/…`` file) and builds GitHub's addresses for it: the
editor, the new-file page prefilled with the scaffold ``netguide new``
writes, and the compare view since a translation's stamped source. Every
part of an address is percent-encoded here; the pages escape the whole
address for the attribute it lands in. No engine, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

GITHUB = "https://github.com"

#: GitHub refuses longer addresses (it answers about 8 KB and more with an error page); a prefilled
#: new-file link longer than this is left out, and the page points at CONTRIBUTING's steps instead.
MAX_URL_LENGTH = 8000

#: Where CONTRIBUTING.md says how to translate an article (GitHub's anchor of "## 3. Translate an article").
TRANSLATION_STEPS = "CONTRIBUTING.md#3-translate-an-article"

# GitHub's rules: an owner is letters, digits and single hyphens inside (39 at most); a repository name
# is letters, digits, '.', '-' and '_' (100 at most). ASCII only: re.ASCII keeps \w and friends out.
_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
_NAME = r"[A-Za-z0-9._-]{1,100}"
_ADDRESS = re.compile(rf"https://github\.com/(?P<owner>{_OWNER})/(?P<name>{_NAME})", re.ASCII)
# A branch name as git allows it, kept to the characters a URL path carries as they are.
_BRANCH_PART = r"[A-Za-z0-9_][A-Za-z0-9._-]*"
_BRANCH = re.compile(rf"{_BRANCH_PART}(?:/{_BRANCH_PART})*", re.ASCII)
_COMMIT = re.compile(r"[0-9a-f]{7,40}", re.ASCII)


class BadRepository(ValueError):
    """The configured repository address or branch is not one the site can link to; the text says what to fix."""


@dataclass(frozen=True)
class Repository:
    owner: str
    name: str
    branch: str = "main"

    @property
    def url(self) -> str:
        return f"{GITHUB}/{self.owner}/{self.name}"


def parse_repository(address: str | None, branch: str | None = "main") -> Repository | None:
    """The repository at `address` (``https://github.com/OWNER/REPO``, nothing else), or None when `address` is empty.

    Raises :class:`BadRepository` for anything else: another scheme or host,
    a path, query or fragment after the name, ``.git``, odd characters.
    """
    if not address:
        return None
    match = _ADDRESS.fullmatch(address)
    name = match.group("name") if match else ""
    if match is None or name in (".", "..") or name.lower().endswith(".git"):
        raise BadRepository(
            f"the repository address {address!r} (REPO_URL, the netguide plugin's repo_url in mkdocs.yml) is not "
            "a GitHub repository's address. Fix: set REPO_URL to exactly https://github.com/OWNER/REPO (https, "
            "github.com, the owner and the repository's name, nothing after it: no .git, no trailing slash, "
            "query or #), or leave it unset for a site without 'Improve this page' links."
        )
    return Repository(match.group("owner"), name, parse_branch(branch))


def parse_branch(branch: str | None) -> str:
    """The branch the links open (``main`` when empty); raises :class:`BadRepository` for a name it cannot link to."""
    branch = "main" if branch is None or branch == "" else branch
    if (
        len(branch) > 200
        or not _BRANCH.fullmatch(branch)
        or ".." in branch
        or branch.endswith((".", ".lock"))
        or "/." in branch
    ):
        raise BadRepository(
            f"the branch {branch!r} (REPO_BRANCH, the netguide plugin's repo_branch in mkdocs.yml) is not a branch "
            "name the site can link to. Fix: set REPO_BRANCH to the branch contributors change, such as main "
            "(letters, digits, '.', '_', '-' and '/'), or leave it unset for main."
        )
    return branch


def _path(path: str) -> str:
    """A repository path as a URL path: each segment percent-encoded, the slashes kept."""
    return "/".join(quote(segment, safe="") for segment in path.split("/"))


@dataclass(frozen=True)
class SourceLinks:
    """The GitHub links of one build: the repository, and what the pages need to know beyond the guide.

    `content` and `docs` are the content and docs folders as paths in the
    repository (mkdocs.yml's folder is the repository's root). `scaffolds`
    holds what ``netguide new ARTICLE LANGUAGE`` would write for each missing
    translation it can scaffold; `stamped_commits` the commit of the source
    version each outdated translation was stamped against, where git knows it.
    """

    repository: Repository
    content: str = "content"
    docs: str = "docs"
    scaffolds: Mapping[tuple[str, str], str] = field(default_factory=dict)
    stamped_commits: Mapping[tuple[str, str], str] = field(default_factory=dict)

    # -- which file is behind a page ---------------------------------------------

    def article_file(self, article_id: str, language: str) -> str:
        """The language file of an article: behind its article page, its checklist and its myths."""
        return f"{self.content}/articles/{article_id}/{language}.yml"

    def glossary_file(self, language: str) -> str:
        return f"{self.content}/glossary/{language}.yml"

    def hand_written_file(self, docs_path: str) -> str:
        """A hand-written page's file (`docs_path` relative to docs/, e.g. ``about.de.md``)."""
        return f"{self.docs}/{docs_path}"

    def hand_written_url(self, docs_path: str, language: str) -> str:
        """The link of hand-written page `docs_path` (``about.de.md``) shown in `language`.

        GitHub's editor on it; where static-i18n shows another language's page
        for want of this one (``about.en.md`` in German), the new-file page
        of ``about.de.md`` beside it.
        """
        folder, _, name = docs_path.rpartition("/")
        parts = name.split(".")
        if len(parts) >= 3 and parts[-2] != language:
            new_name = ".".join([*parts[:-2], language, parts[-1]])
            url = self.new_file_url(f"{self.docs}/{folder}".rstrip("/"), new_name)
            if url is not None:
                return url
        return self.edit_url(self.hand_written_file(docs_path))

    # -- GitHub's pages ---------------------------------------------------------------

    def edit_url(self, path: str) -> str:
        """GitHub's editor on file `path` of the branch."""
        repo = self.repository
        return f"{repo.url}/edit/{_path(repo.branch)}/{_path(path)}"

    def file_url(self, path: str) -> str:
        """The file `path` (with an optional ``#anchor``) as GitHub shows it."""
        path, _, anchor = path.partition("#")
        repo = self.repository
        return f"{repo.url}/blob/{_path(repo.branch)}/{_path(path)}" + (f"#{quote(anchor, safe='')}" if anchor else "")

    def new_file_url(self, folder: str, filename: str, value: str = "") -> str | None:
        """GitHub's new-file page in `folder`, named `filename`, holding `value`; None when the address is too long."""
        repo = self.repository
        query = f"filename={quote(filename, safe='')}" + (f"&value={quote(value, safe='')}" if value else "")
        url = f"{repo.url}/new/{_path(repo.branch)}/{_path(folder)}?{query}"
        return url if len(url) <= MAX_URL_LENGTH else None

    def add_translation_url(self, article_id: str, language: str) -> str | None:
        """The new-file page of a missing translation, prefilled as `netguide new` would; None when it cannot be."""
        text = self.scaffolds.get((article_id, language))
        if text is None:
            return None
        return self.new_file_url(f"{self.content}/articles/{article_id}", f"{language}.yml", text)

    def translation_steps_url(self) -> str:
        return self.file_url(TRANSLATION_STEPS)

    def changes_url(self, article_id: str, language: str) -> str | None:
        """GitHub's compare view from the stamped source commit to the branch; None when that commit is unknown."""
        commit = self.stamped_commits.get((article_id, language))
        if commit is None or not _COMMIT.fullmatch(commit):
            return None
        repo = self.repository
        return f"{repo.url}/compare/{commit}...{_path(repo.branch)}"
