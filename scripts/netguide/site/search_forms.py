"""What search knows about each language's word forms (used by ``search_index``).

Languages lunr-languages has a stemmer for get it: the index config's
``lang`` names the language and its ``pipeline`` keeps the trimmer, the
stop-word filter and the stemmer. Every language also gets the settings
below in the config's ``netguide`` key, which our search worker
(``overrides/assets/javascripts/workers/search.netguide.js``) applies both when
indexing and when querying, as extra forms next to the word as written:

- every language: case (lunr lowercases), hyphens split words (the
  separator), punctuation at a word's edges dropped, Latin accents folded;
- a language in ``AFFIXES``: its common prefixes, infixes and suffixes
  removed, (``reduplication``) a repeated first syllable, and (``finals``)
  a last letter written as another.

A language with neither (say one ``netguide add-language`` added that
lunr-languages does not cover) gets the first list only; adding it to
``AFFIXES`` is the way to give it more.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

_LUNR_FOLDER = ("templates", "assets", "javascripts", "lunr", "min")
_NOT_LANGUAGES = {"stemmer.support", "multi"}
_ALIASES = {"nb": "no", "nn": "no"}  # lunr-languages names Norwegian "no"


@functools.cache
def lunr_languages() -> frozenset[str]:
    """The languages lunr-languages, as Material ships it, has a stemmer for (``lunr.<code>.min.js``), and English."""
    spec = importlib.util.find_spec("material")
    folders = (
        [Path(location).joinpath(*_LUNR_FOLDER) for location in (spec.submodule_search_locations or [])] if spec else []
    )
    codes = {path.name[len("lunr.") : -len(".min.js")] for folder in folders for path in folder.glob("lunr.*.min.js")}
    return frozenset((codes - _NOT_LANGUAGES) | {"en"})


def lunr_code(language: str) -> str | None:
    """The lunr-languages code for a site language ("pt-BR": "pt"), if lunr has a stemmer for it."""
    base = language.split("-")[0].split("_")[0].lower()
    code = _ALIASES.get(base, base)
    return code if code in lunr_languages() else None


# Tagalog: verb and noun affixes (mag-aral, nag-aral, pag-aaral, pakikipag-usap,
# makipag-network, ma-, ka-, i-email); infixes -um-/-in- (sumulat, kinausap);
# reduplication (nagtatrabaho: trabaho). Longest prefixes first.
AFFIXES: dict[str, dict] = {
    "tl": {
        "prefixes": [
            "pakikipag",
            "nakikipag",
            "makikipag",
            "pakiki",
            "nakiki",
            "makiki",
            "makipag",
            "nakipag",
            "pakipag",
            "pinaka",
            "napaka",
            "pagka",
            "nagka",
            "magka",
            "ipag",
            "ipa",
            "pag",
            "mag",
            "nag",
            "pang",
            "pam",
            "pan",
            "mang",
            "nang",
            "ma",
            "na",
            "pa",
            "ka",
            "i",
        ],
        "infixes": ["um", "in"],
        "suffixes": ["han", "hin", "an", "in"],
        "reduplication": True,
        "minimum": 3,
    },
    # Arabic, next to lunr's stemmer (which finds roots): the article and the
    # conjunctions and prepositions written onto it (الشبكة, والشبكة, بالشبكة),
    # attached pronouns (أقرانك, عقليتها), and ة written ت before a pronoun
    # (عقلية, عقليتك).
    "ar": {
        "prefixes": ["وبال", "وال", "بال", "كال", "فال", "ولل", "لل", "ال", "و", "ف", "ب", "ل"],
        "suffixes": ["كما", "هما", "كم", "كن", "هم", "هن", "ها", "نا", "ني", "ك", "ه", "ي"],
        "finals": {"ة": "ت", "ى": "ي"},
        "minimum": 3,
    },
}


def index_config(language: str, config: dict) -> dict:
    """The search index config for `language`, from the merged one MkDocs wrote."""
    code = lunr_code(language)
    return dict(
        config,
        lang=[code or "en"],
        # no English stop words or stemmer for a language lunr does not know
        pipeline=["trimmer", "stopWordFilter", "stemmer"] if code else [],
        netguide=AFFIXES.get(language) or AFFIXES.get(language.split("-")[0].lower(), {}),
    )
