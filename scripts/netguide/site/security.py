"""The Content-Security-Policy of every page, as a meta tag.

The policy is fixed: it comes from what the theme and our own assets need,
never from what a page happens to contain. Scripts load only from our own
origin and no inline script runs: Material's two inline scripts are served
as files (``overrides/partials/javascripts/``, ``docs/assets/theme-*.js``).
So a script that content managed to put into a page would still not run.

``mkdocs serve`` injects an inline live-reload script into every page it
serves; only there (``serving=True``) are inline scripts allowed.
"""

from __future__ import annotations

import re


def policy(serving: bool = False) -> str:
    scripts = "'self' 'unsafe-inline'" if serving else "'self'"
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",  # the theme sets style attributes from its script
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def add_policy(html: str, serving: bool = False) -> str:
    """Insert the policy as the first element of <head>, before anything from content."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(serving)}">'
    return re.sub(r"<head>", lambda m: m.group(0) + "\n    " + meta, html, count=1)
