"""The MkDocs adapter: the plugin, its options, the page cache and the serve preview.

The only package that imports MkDocs, mkdocs-material, mkdocs-static-i18n or watchdog, and
the only one that touches their private or undocumented names (:mod:`.internals` lists them).
Moving to another engine means a new adapter beside this one; the stages and the pipeline stay.
"""
