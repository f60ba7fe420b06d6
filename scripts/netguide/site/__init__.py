"""Stage 2, site: turn the guide into Markdown pages, nav, and the site-wide files
(sitemap, search indexes, root and 404 pages), and finish each HTML page
(security policy, accessibility fixes).

Plain functions of the guide and of HTML text; no MkDocs import.
"""
