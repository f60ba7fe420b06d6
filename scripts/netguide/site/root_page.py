"""The site root: sends a reader to the guide in their browser's language.

Without JavaScript (and for crawlers) it is a plain page that refreshes to
the default language and lists every language as a link. Its ``hreflang``
links name each language's home by its absolute address, so they are there
only when the site's public address is known.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..content.model import Guide
from .sitemap import is_public_address


def root_page(guide: Guide, default: str, site_url: str | None = None) -> str:
    locale = guide.locales[default]
    links = "\n".join(
        f'<li><a href="{code}/" hreflang="{code}" lang="{code}" dir="{guide.locales[code].direction}">'
        f"{escape(str(guide.locales[code].strings['language_name']))}</a></li>"
        for code in guide.languages
    )
    alternates = ""
    if is_public_address(site_url):
        base = escape(site_url.rstrip("/") + "/")
        alternates = (
            "\n".join(
                [
                    f'<link rel="alternate" hreflang="x-default" href="{base}{default}/">',
                    *(f'<link rel="alternate" hreflang="{code}" href="{base}{code}/">' for code in guide.languages),
                ]
            )
            + "\n"
        )
    return f"""<!doctype html>
<html lang="{default}" dir="{locale.direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(locale.t("site_name"))}</title>
<meta name="description" content="{escape(locale.t("site_description"))}">
{alternates}<script src="assets/language-redirect.js" data-languages="{" ".join(guide.languages)}" data-default="{default}"></script>
<meta http-equiv="refresh" content="0; url={default}/">
</head>
<body>
<h1>{escape(locale.t("site_name"))}</h1>
<ul>
{links}
</ul>
</body>
</html>
"""


def write_root_page(site_dir: Path, guide: Guide, default: str, site_url: str | None = None) -> None:
    (site_dir / "index.html").write_text(root_page(guide, default, site_url), encoding="utf-8")
