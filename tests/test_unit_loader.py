"""Fast tier: the loader reads the repository's real content/ and locales/ into one consistent guide."""

from __future__ import annotations

import yaml

from conftest import LANGUAGES, ROOT, translated
from netguide.content.loader import load_guide
from netguide.content.model import content_hash


def raw(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8-sig"))


def test_every_language_and_article_is_loaded(real_guide):
    locales = sorted(path.stem for path in (ROOT / "locales").glob("*.yml"))
    assert sorted(real_guide.languages) == locales == sorted(real_guide.locales)
    assert real_guide.default_language == "en" and real_guide.languages[0] == "en"
    folders = sorted(path.name for path in (ROOT / "content" / "articles").iterdir() if path.is_dir())
    assert sorted(article.id for article in real_guide.articles) == folders
    orders = [article.order for article in real_guide.articles]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    for article in real_guide.articles:
        assert sorted(article.versions) == sorted(translated(article.id)), article.id  # every file, no other
        assert article.source_language in article.originals
        for language, version in article.versions.items():
            assert version.language == language and version.article_id == article.id
            assert version.title.strip() and version.summary.strip() and version.body.strip()


def test_ids_are_the_same_in_every_language(real_guide):
    for article in real_guide.articles:
        meta = raw(article.path)
        assert article.checklist_ids == list(meta["checklist"]) and article.myth_ids == list(meta["myths"])
        assert article.checklist_ids and len(set(article.checklist_ids)) == len(article.checklist_ids)
        for language, version in article.versions.items():
            assert list(version.checklist) == article.checklist_ids, (article.id, language)
            assert list(version.myths) == article.myth_ids, (article.id, language)
            assert all(myth.id == myth_id for myth_id, myth in version.myths.items())
            assert all(text.strip() for text in version.checklist.values())
    terms = {language: [term.id for term in glossary] for language, glossary in real_guide.glossaries.items()}
    assert set(terms) == set(real_guide.languages)
    assert len({tuple(sorted(ids)) for ids in terms.values()}) == 1, terms
    keys = {language: set(locale.strings) for language, locale in real_guide.locales.items()}
    assert len({frozenset(k) for k in keys.values()}) == 1


def test_translations_name_a_loaded_source_and_are_up_to_date(real_guide):
    for article in real_guide.articles:
        for language, version in article.versions.items():
            assert version.hash == content_hash(version.path.read_text(encoding="utf-8"))
            if language in article.originals:
                assert version.translated_from is None and article.status(language) == "original"
                continue
            source = article.versions[version.translated_from.language]
            assert version.translated_from.source_hash == source.hash, (article.id, language)
            assert article.status(language) == "current"


def test_the_site_language_order_is_kept(real_guide):
    guide = load_guide(ROOT / "content", ROOT / "locales", languages=LANGUAGES)
    assert guide.languages == LANGUAGES  # mkdocs.yml's order
    assert [article.id for article in guide.articles] == [article.id for article in real_guide.articles]


def test_each_locale_knows_its_direction_and_names_every_language(real_guide):
    for language, locale in real_guide.locales.items():
        assert locale.direction in ("ltr", "rtl")
        for other in real_guide.languages:
            assert locale.language_name(other, real_guide.locales).strip(), (language, other)
    assert real_guide.locales["ar"].direction == "rtl" and real_guide.locales["en"].direction == "ltr"
