"""Compiled theme templates, kept in memory for the life of the process.

MkDocs makes a new Jinja environment for every build, and static-i18n builds
each language with a build of its own, so every language (and every `mkdocs
serve` rebuild) compiled the theme's templates again. Jinja's bytecode cache
keeps the compiled code under the template's name and the checksum of its
source: an edited template is compiled anew. Kept in memory only — never in a
file another build could have written.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class TemplateCache(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
