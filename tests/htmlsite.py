"""Small helpers to read the built site's HTML in tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


@cache
def _parse(path: str) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def soup(site: Path, url_path: str) -> BeautifulSoup:
    """Parse the page at site-relative `url_path` ('de/guide/x/' or 'de/')."""
    path = site / url_path
    if url_path.endswith("/") or url_path == "":
        path = path / "index.html"
    assert path.exists(), f"{url_path} was not built ({path})"
    return _parse(str(path))


def locale(language: str) -> dict:
    return yaml.safe_load((ROOT / "locales" / f"{language}.yml").read_text(encoding="utf-8"))


def article_meta(article_id: str) -> dict:
    return yaml.safe_load((ROOT / "content/articles" / article_id / "article.yml").read_text(encoding="utf-8"))


def article_text(article_id: str, language: str) -> dict:
    return yaml.safe_load((ROOT / "content/articles" / article_id / f"{language}.yml").read_text(encoding="utf-8"))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
