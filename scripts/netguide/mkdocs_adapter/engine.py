"""Which engine runs the build: MkDocs, or ProperDocs, its maintained fork.

ProperDocs runs MkDocs' plugins and themes by aliasing every ``mkdocs``
module to its own, so the adapter's imports work unchanged; but its loggers
and its command carry its own name. Everything that names a logger or starts
a build goes through :data:`NAME`.
"""

from __future__ import annotations

import mkdocs

#: The package that runs this build: "mkdocs" or "properdocs".
NAME = mkdocs.__name__


def logger_name(name: str) -> str:
    """MkDocs' logger `name` (``mkdocs.structure.pages``) as the running engine names it."""
    return NAME + name.removeprefix("mkdocs") if name == "mkdocs" or name.startswith("mkdocs.") else name
