"""The guide's content itself: every article in every language, one vocabulary per language."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ARTICLES, LANGUAGES, ROOT


def load(path):
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def all_text(version: dict) -> str:
    parts = [version["title"], version["summary"], version["body"], *version["checklist"].values()]
    for myth in version["myths"].values():
        parts += [myth["myth"], myth["fact"]]
    return "\n".join(parts)


@pytest.mark.parametrize("article", ARTICLES)
def test_every_article_exists_in_every_language(article):
    for language in LANGUAGES:
        assert (ROOT / "content/articles" / article / f"{language}.yml").exists(), (article, language)


def test_articles_carry_myths_and_checklists():
    myths = {article: load(f"content/articles/{article}/article.yml")["myths"] for article in ARTICLES}
    assert len(myths["networking-myths"]) == 4
    assert all(len(ids) >= 1 for ids in myths.values())
    for article in ARTICLES:
        assert len(load(f"content/articles/{article}/article.yml")["checklist"]) >= 4


@pytest.mark.parametrize("article", ARTICLES)
def test_arabic_uses_western_digits_only(article):
    text = all_text(load(f"content/articles/{article}/ar.yml"))
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", text), "Arabic-Indic digits mixed with Western ones"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_uses_its_glossary_term_for_networking(language):
    term = load(f"content/glossary/{language}.yml")["terms"]["networking"]["term"].split(" (")[0]
    for article in ARTICLES:
        body = load(f"content/articles/{article}/{language}.yml")["body"]
        assert term.lower() in body.lower(), (language, article, term)


def test_seed_artifacts_are_gone():
    myths_de = all_text(load("content/articles/networking-myths/de.yml"))
    assert "(weil as)" not in myths_de
    mindset_de = all_text(load("content/articles/networking-mindset/de.yml"))
    assert "Getty Images" not in mindset_de and "Foto von" not in mindset_de
    mindset_it = all_text(load("content/articles/networking-mindset/it.yml"))
    assert "?) A partecipare" not in mindset_it
    assert mindset_de.count("Diese vernetzende Denkweise") <= 1
