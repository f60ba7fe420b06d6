"""Any number of languages: the list comes from mkdocs.yml alone, and nothing else counts them."""

from __future__ import annotations

import re

import yaml

from conftest import LANGUAGES, ROOT
from netguide.translate.languages import language_codes

_COUNTS = r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+languages\b"


def test_the_tests_languages_are_mkdocs_yml_s():
    assert LANGUAGES == language_codes(ROOT)
    assert sorted(LANGUAGES) == sorted(path.stem for path in (ROOT / "locales").glob("*.yml"))


def test_no_text_counts_the_languages():
    """Adding a language must not leave 'in five languages' behind: the site description and home page name no count."""
    texts = {"locales/en.yml": yaml.safe_load((ROOT / "locales" / "en.yml").read_text(encoding="utf-8"))["site_description"]}
    texts["docs/index.en.md"] = (ROOT / "docs" / "index.en.md").read_text(encoding="utf-8")
    for name, text in texts.items():
        assert not re.search(_COUNTS, text, re.IGNORECASE), f"{name} counts the languages: {text[:200]}"
