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

# Languages with stemming/stop words in the lunr-languages bundle Material ships
# (material/templates/assets/javascripts/lunr/min/lunr.<code>.min.js), and English.
LUNR_LANGUAGES = frozenset(
    "ar da de du es fi fr hi hu hy it ja kn ko nl no pt ro ru sa sv ta te th tr vi zh en".split()
)

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
    stemmed = language in LUNR_LANGUAGES
    return dict(
        config,
        lang=[language] if stemmed else ["en"],
        # no English stop words or stemmer for a language lunr does not know
        pipeline=["trimmer", "stopWordFilter", "stemmer"] if stemmed else [],
        netguide=AFFIXES.get(language, {}),
    )
