"""Build tools for the multilingual networking guide.

The content model lives in :mod:`netguide.loader`, the MkDocs glue in
:mod:`netguide.plugin`, page text in :mod:`netguide.pages`, PDF checklists in
:mod:`netguide.pdf` and the translators' command line in :mod:`netguide.cli`.
"""
