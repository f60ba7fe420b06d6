"""A Content-Security-Policy that each page actually satisfies, as a meta tag.

Only our own origin may provide scripts, styles, fonts, images and data.
Material's few inline scripts are allowed by their SHA-256 hashes (computed
per page, since they embed the page's base URL), so no other inline script,
injected or not, can run.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_NOT_JAVASCRIPT = re.compile(r"""type=["']?application/(ld\+)?json""", re.IGNORECASE)


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs, body = match.group("attrs"), match.group("body")
        if "src=" in attrs or _NOT_JAVASCRIPT.search(attrs) or not body.strip():
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join([
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
    ])


def add_policy(html: str) -> str:
    """Insert the policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return re.sub(r"<head>", lambda m: m.group(0) + "\n    " + meta, html, count=1)
