#!/usr/bin/env python3
"""Lighthouse scores of the guide: a measurement, not a test.

    .venv/bin/python scripts/lighthouse.py              # build for the address it serves, then measure
    .venv/bin/python scripts/lighthouse.py --site site  # measure a site already built
    .venv/bin/python scripts/lighthouse.py --details    # and list every audit that is not passed

It installs the ``lighthouse`` npm package into ``.cache/lighthouse`` when it is
not there (npm, once), serves the site on 127.0.0.1 and runs Lighthouse
(mobile, its default simulated throttling) with Debian's Chromium on the
English and the Arabic home page, first article and its checklist, then
prints performance, accessibility, best practices and SEO for each. Text
(HTML, CSS, JavaScript, JSON) is sent gzipped, as GitHub Pages sends it
(``--no-gzip`` sends it as Python's plain file server would).

By default it builds the site into ``.cache/lighthouse/site`` with
``SITE_URL`` set to the address it serves, so that the canonical and hreflang
links the SEO audits check are absolute and valid there; a fixed port
(``--port``) keeps the PDF cache warm from one run to the next. A site passed
with ``--site`` is served as it is (its links name the address it was built for).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LANGUAGES = ["en", "ar"]
COMPRESSED = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "text/xml",
    "text/plain",
}


def lighthouse_binary() -> Path:
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        if not shutil.which("npm"):
            sys.exit("npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm)")
        print(f"installing lighthouse into {CACHE} (npm, once)", file=sys.stderr)
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "lighthouse"], check=True)
    return binary


def first_article() -> str:
    metas = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in (ROOT / "content" / "articles").glob("*/article.yml")
    ]
    return min(metas, key=lambda meta: (meta["order"], meta["id"]))["id"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Answers as GitHub Pages does in one respect that Lighthouse weighs: text is sent gzipped."""

    compress = True

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not (
            self.compress
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
            and kind.split(";")[0] in COMPRESSED
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def serve(folder: Path, port: int, compress: bool = True) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"compress": compress})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build(folder: Path, address: str) -> None:
    print(f"building the site for {address} into {folder}", file=sys.stderr)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": address, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode:
        sys.exit(f"mkdocs build failed:\n{result.stderr}")


def measure(binary: Path, url: str) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        result = subprocess.run(
            [
                str(binary),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless --no-sandbox --disable-gpu",
            ],
            env={**os.environ, "CHROME_PATH": CHROME},
            capture_output=True,
            text=True,
        )
        if result.returncode or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        return json.loads(report.read_text(encoding="utf-8"))


def not_passed(report: dict, category: str) -> list[str]:
    """The audits of `category` that count towards its score and are not fully passed."""
    audits = report["audits"]
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
            shown = audit.get("displayValue", "")
            found.append(f"{audit['id']} ({audit['score']:.2f}{', ' + shown if shown else ''}): {audit['title']}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to serve as it is (default: build one)")
    parser.add_argument("--port", type=int, default=8765, help="the port to serve on (default 8765)")
    parser.add_argument("--details", action="store_true", help="list the audits that are not passed")
    parser.add_argument("--no-gzip", action="store_true", help="send text uncompressed (GitHub Pages gzips it)")
    options = parser.parse_args()
    binary = lighthouse_binary()
    folder = options.site.resolve() if options.site else CACHE / "site"
    server = serve(folder, options.port, compress=not options.no_gzip)
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        if not options.site:
            build(folder, address)
        article = first_article()
        pages = [
            (f"{language} {kind}", f"{address}{language}/{path}")
            for language in LANGUAGES
            for kind, path in (
                ("home", ""),
                ("article", f"guide/{article}/"),
                ("checklist", f"guide/checklists/{article}/"),
            )
        ]
        rows = []
        for name, url in pages:
            print(f"measuring {url}", file=sys.stderr)
            report = measure(binary, url)
            scores = [round(100 * report["categories"][category]["score"]) for category in CATEGORIES]
            rows.append((name, scores))
            if options.details:
                for category in CATEGORIES:
                    for line in not_passed(report, category):
                        print(f"  {name} / {category}: {line}", file=sys.stderr)
    finally:
        server.shutdown()
        server.server_close()
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    sent = "uncompressed" if options.no_gzip else "text gzipped as GitHub Pages sends it"
    print(f"\nLighthouse {version}, mobile, simulated throttling, {sent}, {CHROME}\n")
    print("| page | performance | accessibility | best practices | SEO |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, scores in rows:
        print(f"| {name} | " + " | ".join(map(str, scores)) + " |")


if __name__ == "__main__":
    main()
