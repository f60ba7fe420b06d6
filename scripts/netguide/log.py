"""The build's log, without importing MkDocs.

MkDocs shows, and counts for ``strict``, every record of a logger under
``mkdocs``; its ``get_plugin_logger`` names a plugin's loggers
``mkdocs.plugins.<module>`` and starts each message with the package's name.
:func:`plugin_logger` does the same, so the pipeline logs exactly as the
plugin did, whatever engine runs it.
"""

from __future__ import annotations

import logging


class _Prefixed(logging.LoggerAdapter):
    def __init__(self, prefix: str, logger: logging.Logger) -> None:
        super().__init__(logger, {})
        self.prefix = prefix

    def process(self, msg, kwargs):
        return f"{self.prefix}: {msg}", kwargs


def plugin_logger(name: str) -> logging.LoggerAdapter:
    """The logger of module `name` (``__name__``), as MkDocs names a plugin's: ``netguide: …`` messages."""
    return _Prefixed(name.split(".", 1)[0], logging.getLogger(f"mkdocs.plugins.{name}"))
