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
file reads, serve only    what reading one file gave             the file's device, inode, size, mtime,     in memory
(content/file_memo)                                              ctime and the project folder
schema validators         a compiled JSON Schema                 the schema file's path, mtime, size, inode  in memory
(content/schemas)
PDF checklists            one checklist's PDF bytes              the checklist document's data              ``pdf``
(pdf/checklists)
languages                 a language's finished folder           every file that goes into its pages        ``pages``
(pipeline/language_cache)                                        (pipeline/language_cache.language_keys)
pages                     a page's Markdown render and template  the setup key, the page's Markdown, files,  ``pages``
(mkdocs_adapter/page_cache) output                               nav, templates and context
compiled templates        Jinja bytecode                         the template's name and source checksum    in memory
(mkdocs_adapter/template_cache)
served files, serve only  a file's bytes and hash                device, inode, size, mtime                 in memory
(mkdocs_adapter/served_files)
the guide, serve only     the last good loaded guide             path, mtime, size of every content file    in memory
(pipeline/guide_source)
offline copy (readers'    the site's files in a reader's browser  the hash of every file it precaches        (site)
browsers; site/offline)                                          (the service worker's cache name)
========================  =====================================  ========================================  ===============

The languages and pages caches share a setup key (pipeline/language_cache.setup_key)
that also holds what a build takes from the environment rather than from a file: the site
address (SITE_URL) and the repository address and branch (REPO_URL, REPO_BRANCH) that every
page's "Improve this page" link is made of.

The caches "in memory" live for one process and key by the file itself; a
change to our code starts a new process (serve's rebuilds reuse them, and
tests/test_cache_inputs.py checks after each kind of edit, under build and
under serve, that the next build equals a cold one).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

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


@functools.cache
def _file_digest(path: Path, size: int, mtime_ns: int) -> bytes:
    """A file's hash, read once per process for each state of it (the versions share folders)."""
    return hashlib.sha256(path.read_bytes()).digest()


def digest(name: str, package: Path = PACKAGE) -> bytes:
    """The version of cache `name` (a key of :data:`VERSIONS`) as raw hash bytes."""
    wanted = VERSIONS[name]
    hashed = hashlib.sha256(name.encode() + b"\0")
    for folder in wanted.code:
        for path in _code_files(package / folder):
            stat = path.stat()
            hashed.update(
                str(path.relative_to(package)).encode() + b"\0" + _file_digest(path, stat.st_size, stat.st_mtime_ns)
            )
    for library in wanted.libraries:
        hashed.update(_library(library).encode() + b"\0")
    return hashed.digest()


@functools.cache
def version(name: str) -> str:
    """The version of cache `name`, for this process (our code does not change under a running build)."""
    return digest(name).hex()[:16]
