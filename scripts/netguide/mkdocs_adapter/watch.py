"""What `mkdocs serve` watches: the content, the locales, the theme overrides, and docs/ except what the
build writes there.

MkDocs watches the theme only with ``--watch-theme``, and then the installed
theme's folders too; the project's own override folder (``custom_dir``) is part
of the project and an edit to it must show like any other, so it is watched
always (tests/test_serve_cache_inputs.py).

MkDocs watches the whole docs folder, and the build writes its generated
pages into ``docs/guide/``: every edit to the content made two rebuilds, the
second one caused by the first one's own pages (and a second reload of the
open browser tab). So docs/ is watched without the generated folder: its own
files (not recursively; a change inside a folder changes the folder only,
which MkDocs ignores) and each of its other folders with all they hold.
A folder added to docs/ later is watched from the next start of serve.
"""

from __future__ import annotations

from ..log import plugin_logger
from ..pipeline.session import Project
from ..site.urls import GENERATED_ROOT

log = plugin_logger(__name__)


def watch_content(server, project: Project) -> list[str]:
    """Set up `server`'s watches (and say so in the debug log); returns what it watches in docs/."""
    content_dir, locales_dir, docs_dir = project.content_dir, project.locales_dir, project.docs_dir
    server.watch(str(content_dir))
    server.watch(str(locales_dir))
    for folder in project.overrides:
        server.watch(str(folder))
    server.unwatch(str(docs_dir))  # MkDocs' own, recursive watch
    server.watch(str(docs_dir), recursive=False)
    folders = sorted(entry for entry in docs_dir.iterdir() if entry.is_dir() and entry.name != GENERATED_ROOT)
    for folder in folders:
        server.watch(str(folder))
    watched = [f"{docs_dir.name}/*"] + [f"{docs_dir.name}/{folder.name}/" for folder in folders]
    log.debug(f"Watching in docs/ only {', '.join(watched)}: the build writes docs/{GENERATED_ROOT}/")
    return watched
