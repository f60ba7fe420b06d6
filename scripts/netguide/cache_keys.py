"""Every cache of the build, what it keeps, what its key is made of, and when it is forgotten: one table.

A cache's entries are found by a *key* (a hash of the inputs one entry was
made from) and the whole cache is dropped when its *version* changes (a hash
of the code that computes the entries and of the libraries that code uses).
Each cache reads its version from :func:`version` below; no other module
hashes code or asks a library's version (tests/test_unit_cache_keys.py scans
the package for that). Over-invalidating is harmless, so a version hashes a
whole folder of our code, never a hand-kept list of files.

========================  =====================================  ========================================  ===============
cache (module)            an entry                               its key                                   version (below)
========================  =====================================  ========================================  ===============
text facts                what parsing one text yields           the text's hash, per kind of fact          ``text-facts``
(content/text_memo)       (YAML data, schema verdict, outline…)
file reads, serve only    the text of a file read cleanly        the file's stamp (its own, not a link's    in memory
(content/file_memo)                                              target) and the project folder
schema validators         a compiled JSON Schema                 the schema file's path and stamp           in memory
(content/schemas)
PDF checklists            one checklist's PDF bytes              the checklist document's data              ``pdf``
(pdf/checklists)
languages                 a language's finished folder           every file that goes into its pages        ``pages``
(pipeline/language_cache)                                        (:func:`language_keys`; a PDF by its key)
pages                     a page's Markdown render and template  the setup key, the page's Markdown, files,  ``pages``
(mkdocs_adapter/page_cache) output                               nav, templates and context
compiled templates        Jinja bytecode                         the template's name and source checksum    in memory
(mkdocs_adapter/template_cache)
served files, serve only  a file's bytes and hash                its stamp without the change time          in memory
(mkdocs_adapter/served_files)
the guide, serve only     the last good loaded guide             path and stamp of every content file       in memory
(pipeline/guide_source)
offline copy (readers'    the site's files in a reader's browser  the hash of every file it precaches        (site)
browsers; site/offline)                                          (the service worker's cache name)
========================  =====================================  ========================================  ===============

The keys of the languages cache are made here (:func:`setup_key`, :func:`language_keys`);
the pages cache's own keys are composed in mkdocs_adapter/page_cache, because they are made of
MkDocs' page, files and nav objects, which only the adapter touches, but each starts from the
same setup key. That setup key also holds what a build takes from the environment rather than from a file: the site
address (SITE_URL) and the repository address and branch (REPO_URL, REPO_BRANCH) that every
page's "Improve this page" link is made of.

The caches "in memory" live for one process and key by the file itself, through one
stamp (:func:`file_stamp`: device, inode, size, modification and change time, and
nothing kept by the stamp of a file changed in the last two seconds); a
change to our code starts a new process (serve's rebuilds reuse them, and
tests/test_cache_inputs.py checks after each kind of edit, under build and
under serve, that the next build equals a cold one).
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .site.source_links import Repository

PACKAGE = Path(__file__).resolve().parent  # scripts/netguide

#: Files of our code that a version hashes (source, templates, fonts, data).
_CODE_SUFFIXES = (".py", ".typ", ".html", ".js", ".css", ".json", ".ttf", ".otf")


@dataclass(frozen=True)
class Version:
    """What one cache's entries are computed by: folders of this package and libraries."""

    code: tuple[str, ...]  # folders under scripts/netguide ("" for all of it)
    libraries: tuple[str, ...]


VERSIONS = {
    # Parsing texts: the content stage (every module: the checks, the Markdown and YAML readers).
    "text-facts": Version(("content",), ("Markdown", "markdown-it-py", "PyYAML", "jsonschema")),
    # Drawing PDFs: the PDF stage, its template and fonts.
    "pdf": Version(("pdf",), ("typst", "fpdf2", "uharfbuzz", "fonttools")),
    # Pages and whole languages: everything of ours, and everything that shapes the HTML.
    "pages": Version(
        ("",),
        ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "pymdown-extensions", "Jinja2"),
    ),
}


def _library(name: str) -> str:
    try:
        return f"{name}=={metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name}: none"


def _code_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.suffix in _CODE_SUFFIXES)


#: How long after its last change a file's stamp may stand for its text (nanoseconds). A file system
#: stamps times in coarse ticks, so a second save within the same tick, of the same size, would leave
#: every stamp as it was (git's "racily clean" files): until then, nothing is kept by the stamp.
SETTLED_NS = 2_000_000_000

#: A file as :func:`file_stamp` sees it: (device, inode, size, modification time[, change time]).
Stamp = tuple[int, ...]


def file_stamp(path: str | os.PathLike, *, follow_links: bool = True, hard_links_alike: bool = False) -> Stamp | None:
    """What every in-memory cache keys a file by: while it is the same, the file holds the same bytes.

    None for a file changed less than :data:`SETTLED_NS` ago: read it, and keep
    nothing by this stamp. A replaced file (a new inode), a rewrite (size or
    times) and a changed link (its own stamp, with ``follow_links=False``)
    all give another stamp. ``hard_links_alike``: leave the change time out
    (a new hard link to a file changes only that), for files the build itself
    writes and links from its caches. Raises OSError for a file that is not there.
    """
    found = os.stat(path) if follow_links else os.lstat(path)
    changed = found.st_mtime_ns if hard_links_alike else max(found.st_mtime_ns, found.st_ctime_ns)
    if time.time_ns() - changed < SETTLED_NS:
        return None
    stamp = (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)
    return stamp if hard_links_alike else (*stamp, found.st_ctime_ns)


@functools.cache
def _kept_digest(path: Path, stamp: Stamp) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def _file_digest(path: Path) -> bytes:
    """A file's hash, read once per process for each state of it (the versions share folders)."""
    stamp = file_stamp(path)
    return hashlib.sha256(path.read_bytes()).digest() if stamp is None else _kept_digest(path, stamp)


def digest(name: str, package: Path = PACKAGE) -> bytes:
    """The version of cache `name` (a key of :data:`VERSIONS`) as raw hash bytes."""
    wanted = VERSIONS[name]
    hashed = hashlib.sha256(name.encode() + b"\0")
    for folder in wanted.code:
        for path in _code_files(package / folder):
            hashed.update(str(path.relative_to(package)).encode() + b"\0" + _file_digest(path))
    for library in wanted.libraries:
        hashed.update(_library(library).encode() + b"\0")
    return hashed.digest()


@functools.cache
def version(name: str) -> str:
    """The version of cache `name`, for this process (our code does not change under a running build)."""
    return digest(name).hex()[:16]


# -- the keys of the languages and pages caches ------------------------------


def _digest_files(digest, paths: list[Path], root: Path, instead: Mapping[Path, bytes | None] | None = None) -> None:
    for path in paths:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        stand_in = (instead or {}).get(path)
        digest.update(b"stand-in:" + stand_in if stand_in is not None else hashlib.sha256(path.read_bytes()).digest())


def _files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []


def _language_of(path: Path, languages: list[str]) -> str | None:
    """The language of a docs file by its suffix (``about.de.md`` -> de), or None for a shared file."""
    parts = path.name.split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in languages else None


def setup_key(
    root: Path,
    overrides: list[Path],
    languages: list[str],
    default: str,
    site_url: str,
    serving: bool = False,
    repository: Repository | None = None,
) -> str:
    """The hash of what every language shares before any page exists: code, versions, mkdocs.yml, overrides.

    `serving`: `mkdocs serve` makes its pages a little differently (its security policy lets its
    live-reload script run), so its pages are kept apart from a build's. `repository`: the address
    every page links to its file at (REPO_URL and branch, from the environment like the site address).
    """
    digest = hashlib.sha256()
    digest.update(version("pages").encode())  # our code and the libraries that shape HTML (cache_keys)
    digest.update(
        f"site_url={site_url}\0languages={','.join(languages)}\0default={default}\0serving={serving}\0".encode()
    )
    digest.update(f"repository={repository!r}\0".encode())
    digest.update((root / "mkdocs.yml").read_bytes())
    for folder in overrides:
        _digest_files(digest, _files_under(folder), root)
    return digest.hexdigest()[:24]


def language_keys(
    setup: str,
    root: Path,
    docs_dir: Path,
    locales_dir: Path,
    languages: list[str],
    default: str,
    stand_ins: Mapping[str, bytes] | None = None,
) -> dict[str, str]:
    """{language: hash of everything that goes into its pages} (see the module docstring).

    `stand_ins`: {docs path: bytes that name a file's future bytes} for files hashed by that instead
    (the PDFs, drawn while the pages render: their cache key; pipeline/pending_pdfs).
    """
    docs = _files_under(docs_dir)
    instead = {path: (stand_ins or {}).get(path.relative_to(docs_dir).as_posix()) for path in docs}
    shared = hashlib.sha256(setup.encode())
    # Which pages exist in which language: the switcher of every page links them.
    shared.update("\n".join(str(path.relative_to(docs_dir)) for path in docs).encode())
    _digest_files(shared, [path for path in docs if _language_of(path, languages) is None], root, instead)
    by_language: dict[str, dict[str, Path]] = {language: {} for language in languages}
    for path in docs:
        language = _language_of(path, languages)
        if language is not None:
            neutral = str(path.relative_to(docs_dir)).replace(f".{language}.", ".", 1)
            by_language[language][neutral] = path
    keys = {}
    for language in languages:
        digest = shared.copy()
        own = by_language[language]
        fallbacks = {name: path for name, path in by_language[default].items() if name not in own}
        _digest_files(digest, [own[name] for name in sorted(own)], root, instead)
        _digest_files(digest, [fallbacks[name] for name in sorted(fallbacks)], root, instead)
        for code in sorted({language, default}):
            locale = locales_dir / f"{code}.yml"
            if locale.is_file():
                _digest_files(digest, [locale], root)
        digest.update(f"language={language}".encode())
        keys[language] = digest.hexdigest()[:24]
    return keys
