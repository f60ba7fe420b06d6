"""Build tools for the multilingual networking guide, one subpackage per stage.

- :mod:`netguide.content` reads and validates ``content/`` and ``locales/``;
- :mod:`netguide.site` turns the guide into pages and site-wide files;
- :mod:`netguide.pdf` renders the printable checklists;
- :mod:`netguide.pipeline` runs a build session with no site engine (load, generate, PDFs, processes, caches);
- :mod:`netguide.mkdocs_adapter` is the MkDocs plugin around it, the page cache and the serve preview;
- :mod:`netguide.translate` and :mod:`netguide.cli` are the translators' tools.

ARCHITECTURE.md at the repository root shows how the stages connect.
"""
