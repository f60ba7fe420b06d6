"""Issue 30: every editorial note of a version is shown on its page and listed on the About page of every language.

A note is `an-id: text` under `editorial_notes:` of a language version. Its
version's page shows it as an item with the id ``note-<id>``; the About page of
every language (docs/about.<lang>.md, which paraphrases the notes in its own
language) lists it as an item with ``{ #note-<article>-<language>-<id> }``. An
About page that lacks a note, or lists one that no version has, fails.

The site tests read the real build (`built_site`); the id rules are checked on
a scratch copy of the content.
"""

from __future__ import annotations

import copy
import re

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import LANGUAGES, ROOT
from htmlsite import soup
from netguide.content.model import EditorialNote
from netguide.site import pages
from scratch import copy_content, line_of, load, problems_of
from test_hostile_content import _markup_from_payloads, hostile_text

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc"]  # mkdocs.yml's markdown_extensions
NOTE_ID = "note-"  # what the ids of notes, on a version's page and on the About pages, begin with


def visible(text: str) -> str:
    return " ".join(text.split())


def noted_versions(guide):
    """(article, version) for every version that has editorial notes."""
    return [
        (article, version)
        for article in guide.articles
        for version in article.versions.values()
        if version.editorial_notes
    ]


def about_id(article_id: str, language: str, note_id: str) -> str:
    return f"{NOTE_ID}{article_id}-{language}-{note_id}"


# -- the real site ---------------------------------------------------------------------------


def test_every_note_is_shown_on_its_versions_page_with_its_id(built_site, real_guide):
    noted = noted_versions(real_guide)
    assert noted, "no version has editorial_notes: the loader lost them, or this test lost its purpose"
    for article, version in noted:
        page = soup(built_site, f"{version.language}/guide/{article.id}/")
        (note,) = page.select(".nk-notice--editorial")
        shown = {item.get("id"): visible(item.get_text()) for item in note.select("li")}
        wanted = {f"{NOTE_ID}{n.id}": visible(n.text) for n in version.editorial_notes}
        assert shown == wanted, (article.id, version.language)
        for note_id in wanted:  # one element per id on the whole page
            assert len(page.find_all(id=note_id)) == 1, (article.id, version.language, note_id)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_about_page_lists_every_note_and_no_other(built_site, real_guide, language):
    page = soup(built_site, f"{language}/about/")
    content = page.select_one(".md-content")
    entries = [element for element in content.find_all(id=True) if element["id"].startswith(NOTE_ID)]
    listed = [element["id"] for element in entries]
    wanted = {
        about_id(article.id, version.language, note.id): f"{version.path.parent.name}/{version.path.name}"
        for article, version in noted_versions(real_guide)
        for note in version.editorial_notes
    }
    where = f"docs/about.{language}.md"
    missing = [f"{{ #{entry} }} ({wanted[entry]})" for entry in wanted if entry not in listed]
    assert missing == [], f"{where} lists no item for these editorial notes: {missing}"
    stale = [entry for entry in listed if entry not in wanted]
    assert stale == [], f"{where} lists notes that no version has (renamed or removed ids?): {stale}"
    assert len(listed) == len(set(listed)), f"{where} lists a note twice: {sorted(listed)}"
    for element in entries:  # each is an item of a list, with words of its own
        assert element.name == "li" and visible(element.get_text()), (where, element["id"])


# -- the ids: what the loader accepts -------------------------------------------------------


@pytest.fixture
def content(tmp_path):
    return copy_content(tmp_path)


def _noted(content):
    """(article id, language, path) of the first version of the scratch copy that has editorial notes."""
    article, version = noted_versions(load(content))[0]
    return article.id, version.language, content / "content/articles" / article.id / version.path.name


def _notes_of(content, text: str):
    """The first noted version's file with `text` as its editorial_notes block; the file's path."""
    path = _noted(content)[2]
    old = path.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^editorial_notes:.*\n(  [a-z].*\n)+", lambda m: "editorial_notes:\n" + text, old)
    assert count == 1
    path.write_text(new, encoding="utf-8")
    return path


def test_the_loader_reads_ids_and_texts_in_the_files_order(content):
    article_id, language, _ = _noted(content)
    _notes_of(content, '  zweite: "B"\n  erste: "  A  "\n')
    notes = load(content).article(article_id).versions[language].editorial_notes
    assert notes == (EditorialNote("zweite", "B"), EditorialNote("erste", "A"))


def test_a_duplicate_id_is_refused_with_both_lines(content):
    path = _notes_of(content, '  same-id: "Eins"\n  other: "Zwei"\n  same-id: "Drei"\n')
    first, second = line_of(path, "same-id:"), line_of(path, 'same-id: "Drei"')
    messages = problems_of(content)
    assert any(
        f"{path.name}:{second}:" in m and "duplicate key 'same-id'" in m and f"first on line {first}" in m
        for m in messages
    ), messages


@pytest.mark.parametrize(
    "key, shown",
    [
        ("Big-Letters", "'Big-Letters'"),
        ("snake_case", "'snake_case'"),
        ("two--dashes", "'two--dashes'"),
        ("-leading", "'-leading'"),
        ("trailing-", "'trailing-'"),
        ("'with space'", "'with space'"),
        ("'x\" onmouseover=probe()'", "'x\" onmouseover=probe()'"),
        ("'über'", "'über'"),
        ("'" + "a" * 61 + "'", "'" + "a" * 61 + "'"),
        ("12", "12"),  # a number to YAML
        ("yes", "True"),  # a truth value to YAML
    ],
)
def test_a_bad_id_is_refused_at_its_line(content, key, shown):
    path = _notes_of(content, f'  fine-id: "Eins"\n  {key}: "Zwei"\n')
    line = line_of(path, f"  {key}:")
    messages = problems_of(content)
    assert any(f"{path.name}:{line}: error: invalid id {shown} in editorial_notes" in m for m in messages), messages
    assert any("kebab case" in m for m in messages), messages


def test_the_old_list_of_texts_is_refused_with_the_new_form_as_the_fix(content):
    path = _notes_of(content, '  - "Eins"\n')
    messages = problems_of(content)
    (problem,) = [m for m in messages if f"{path.name}:{line_of(path, '  - ')}:" in m]  # where the list starts
    assert "'editorial_notes' must be object, not list" in problem and "an-id: the note" in problem


@pytest.mark.parametrize("text", ['""', '"   "', "{}", "[]"])
def test_a_note_must_be_a_text_with_words(content, text):
    path = _notes_of(content, f"  empty: {text}\n")
    messages = problems_of(content)
    assert any(f"{path.name}:{line_of(path, '  empty:')}:" in m and "editorial_notes/empty" in m for m in messages)


def test_a_body_cannot_take_the_id_of_a_note_on_its_page(content):
    from netguide.site.checks import validate_guide
    from netguide.site.reserved_ids import theme_template_dirs

    article_id, language, path = _noted(content)
    note_id = load(content).article(article_id).versions[language].editorial_notes[0].id
    text = path.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("  ## "))
    path.write_text(
        text.replace(heading, f"{heading}\n\n  A paragraph.\n  {{ #{NOTE_ID}{note_id} }}", 1), encoding="utf-8"
    )
    result = validate_guide(
        content / "content", content / "locales", LANGUAGES, LANGUAGES[0], template_dirs=theme_template_dirs(ROOT)
    )
    errors = [str(problem) for problem in result.errors]
    assert any(f"the id '{NOTE_ID}{note_id}' is reserved" in error and f"{path.name}:" in error for error in errors), (
        errors
    )


# -- the page: ids and texts of any kind stay what they are ---------------------------------

kebab_ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
note_texts = st.one_of(hostile_text, st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1)).filter(
    str.strip
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(kebab_ids, note_texts, min_size=1, max_size=4))
def test_any_note_is_one_item_with_its_id_and_exactly_its_text(real_guide, notes):
    guide = copy.deepcopy(real_guide)
    article, version = noted_versions(guide)[0]
    version.editorial_notes = tuple(EditorialNote(key, text.strip()) for key, text in notes.items())
    body = pages.article_page(guide, article, version.language).split("\n---\n", 1)[1]
    html = BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")
    (note,) = html.select(".nk-notice--editorial")
    items = note.select("li")
    assert [item.attrs for item in items] == [{"id": f"{NOTE_ID}{key}"} for key in notes]
    assert [visible(item.get_text()) for item in items] == [visible(text) for text in notes.values()]
    assert all(item.find(True) is None for item in items)  # text only: no element inside an item
    assert _markup_from_payloads(str(html)) == []
