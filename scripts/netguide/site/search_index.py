"""Per-language search: each language gets its own index, its own stemmer.

static-i18n merges every language into one ``search/search_index.json``, so
a German reader would get English hits. After the build this splits it into
``<lang>/search/search_index.json`` (locations relative to the language
folder), and each page's theme config points its search at its own
language folder. Languages without a lunr stemmer (Tagalog) get plain word
matching; Arabic uses lunr's Arabic support, which folds diacritics.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# Languages with stemming/stop words in the lunr-languages bundle Material ships.
LUNR_LANGUAGES = {
    "ar",
    "da",
    "de",
    "du",
    "es",
    "fi",
    "fr",
    "hi",
    "hu",
    "hy",
    "it",
    "ja",
    "kn",
    "ko",
    "nl",
    "no",
    "pt",
    "ro",
    "ru",
    "sa",
    "sv",
    "ta",
    "te",
    "th",
    "tr",
    "vi",
    "zh",
    "en",
}


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
        config = dict(merged["config"], lang=[language] if language in LUNR_LANGUAGES else ["en"])
        if language not in LUNR_LANGUAGES:
            config["pipeline"] = []  # no English stop words for a language lunr does not know
        target = site_dir / language / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )


_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{"annotate": [^,]*, "base": )"[^"]*"')


def point_search_at_language(html: str, language_root: str) -> str:
    """Make the theme look for search/search_index.json under the page's language folder."""
    return _CONFIG_BASE.sub(lambda m: f'{m.group(1)}"{language_root}"', html, count=1)


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
