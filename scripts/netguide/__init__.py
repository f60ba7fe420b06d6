"""Build tools for the multilingual networking guide, one subpackage per stage.

- :mod:`netguide.content` reads and validates ``content/`` and ``locales/``;
- :mod:`netguide.site` turns the guide into pages and site-wide files;
- :mod:`netguide.pdf` renders the printable checklists;
- :mod:`netguide.build` is the MkDocs plugin (and the parallel build);
- :mod:`netguide.translate` and :mod:`netguide.cli` are the translators' tools.

ARCHITECTURE.md at the repository root shows how the stages connect.
"""
