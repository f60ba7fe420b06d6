"""Stage 1, content: read content/ and locales/ into a validated :class:`~.model.Guide`.

Nothing here knows about MkDocs, HTML or PDF.
"""
