"""Per-language search: each language gets its own index, its own stemmer.

static-i18n merges every language into one ``search/search_index.json``, so
a German reader would get English hits. After the build this splits it into
``<lang>/search/search_index.json`` (locations relative to the language
folder), and each page's theme config points its search at its own
language folder, through our search worker in front of Material's. What
each language's search knows of word forms: ``search_forms``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .search_forms import index_config


def split_index(site_dir: Path, languages: list[str]) -> None:
    merged_path = site_dir / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    for language in languages:
        prefix = f"{language}/"
        docs = [
            dict(doc, location=doc["location"][len(prefix) :])
            for doc in merged["docs"]
            if doc["location"].startswith(prefix)
        ]
        config = index_config(language, merged["config"])
        target = site_dir / language / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )


_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{"annotate": [^,]*, "base": )"[^"]*"')


_MATERIAL_WORKER = re.compile(r'("search": "[^"#]*/workers/)(search\.[0-9a-f]+\.min\.js)"')
OUR_WORKER = "search.netguide.js"  # overrides/assets/javascripts/workers/, loads Material's (named after #)


def point_search_at_language(html: str, language_root: str) -> str:
    """Make the theme look for search/search_index.json under the page's language folder."""
    return _CONFIG_BASE.sub(lambda m: f'{m.group(1)}"{language_root}"', html, count=1)


def use_our_search_worker(html: str) -> str:
    """Start our search worker (word forms per language) in front of Material's, which it loads."""
    return _MATERIAL_WORKER.sub(lambda m: f'{m.group(1)}{OUR_WORKER}#{m.group(2)}"', html, count=1)


def merge_indexes(site_dir: Path, languages: list[str]) -> None:
    """Rewrite the site-wide index from the per-language ones (used by the root 404 page).

    Rebuilt from the language folders, so it is the same whether languages
    were built in one process or in several.
    """
    docs, langs = [], []
    config: dict = {}
    for language in languages:
        path = site_dir / language / "search" / "search_index.json"
        if not path.exists():
            continue
        index = json.loads(path.read_text(encoding="utf-8"))
        config = config or index["config"]
        langs += [code for code in index["config"]["lang"] if code not in langs]
        docs += [dict(doc, location=f"{language}/{doc['location']}") for doc in index["docs"]]
    if config:
        target = site_dir / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"config": dict(config, lang=langs), "docs": docs}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
