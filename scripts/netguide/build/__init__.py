"""Stage 4, build: the MkDocs plugin and the split of one build over several processes.

The only package that imports MkDocs.
"""
