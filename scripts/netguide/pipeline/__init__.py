"""Stage 4, the build session without any site engine: load and validate, write pages and PDFs,
split the work over processes, keep languages between builds, one build at a time.

Plain Python: nothing here imports MkDocs, its theme or its plugins (a test holds it to that).
The MkDocs plugin (:mod:`netguide.mkdocs_adapter`) is one consumer of it.
"""
