"""sitemap.xml listing every page once per language, with all its alternates.

Written after the last language is built, from the URLs each language build
recorded (static-i18n's own sitemap predates our /en/ prefix).

The sitemap protocol wants absolute addresses, so a sitemap needs the site's
public address (``SITE_URL``): without one (``/`` or nothing) none is written.
"""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr


def is_public_address(site_url: str | None) -> bool:
    """Whether `site_url` is an absolute http(s) address, as sitemaps and hreflang links need."""
    parts = urlsplit(site_url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def sitemap_xml(site_url: str, pages: dict[str, dict[str, str]], default: str) -> str:
    """`pages` maps a page's language-neutral source path to {language: site-relative URL}."""
    if not is_public_address(site_url):
        raise ValueError(f"a sitemap needs the site's absolute public address, not {site_url!r}: set SITE_URL")
    base = site_url.rstrip("/") + "/"
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    lastmod = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for source in sorted(pages):
        urls = pages[source]
        alternates = [
            f'    <xhtml:link rel="alternate" hreflang="{language}" href={quoteattr(base + url)}/>'
            for language, url in sorted(urls.items())
        ]
        if default in urls:
            alternates.append(
                f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(base + urls[default])}/>'
            )
        for _language, url in sorted(urls.items()):
            lines += [
                "  <url>",
                f"    <loc>{escape(base + url)}</loc>",
                f"    <lastmod>{lastmod}</lastmod>",
                *alternates,
                "  </url>",
            ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site_dir: Path, site_url: str | None, pages: dict[str, dict[str, str]], default: str) -> bool:
    """Write sitemap.xml and sitemap.xml.gz; without a public address write none and return False.

    Without one, a sitemap.xml already there goes too: it is static-i18n's
    template, copied unrendered as a theme file when MkDocs renders no sitemap.
    """
    if not is_public_address(site_url):
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
        return False
    text = sitemap_xml(site_url, pages, default)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    # mtime=0 keeps the archive byte-identical between builds.
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return True
