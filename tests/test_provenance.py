"""Issue 21: where each article comes from, what the project changed in it, and where each myth and step comes from.

- `source:` in article.yml (required; `unknown` where nothing is known) is
  shown under the title of every language version, escaped like every plain
  text;
- `editorial_notes:` of a language version are shown as a note;
- `sections:` in article.yml names the section of the body each myth and
  checklist item comes from, and that section must exist in every language
  version (netguide check and mkdocs build both refuse a misspelt one).

Fast tests load the content (a scratch copy when it is changed) and render the
generated Markdown with the site's extensions; one build test runs MkDocs.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ARTICLES, LANGUAGES
from netguide.content.model import UNKNOWN, Provenance
from netguide.site import pages
from scratch import copy_content, edit, line_of, load, problems_of
from test_hostile_content import PAYLOADS, _markup_from_payloads

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc"]  # mkdocs.yml's markdown_extensions


@pytest.fixture
def content(tmp_path) -> Path:
    """A scratch copy of content/ and locales/; returns its root."""
    return copy_content(tmp_path)


def rendered(page: str) -> BeautifulSoup:
    """A generated page's Markdown (front matter cut off) as HTML, as MkDocs renders it."""
    body = page.split("\n---\n", 1)[1]
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def visible(text: str) -> str:
    return " ".join(text.split())


# -- source: the schema and the loader -----------------------------------------------


def test_every_article_says_where_it_comes_from_and_invents_nothing(real_guide):
    # The seed material names no author, publisher, address, date or licence of any article
    # (CONTENT-NOTICE.md), and no title for article A; it names the titles of B and C.
    titles = {article.id: article.provenance.title for article in real_guide.articles}
    assert titles == {
        "peer-networking": UNKNOWN,
        "networking-mindset": "This networking mindset makes it less painful",
        "networking-myths": "4 myths about networking you must stop believing",
    }
    for article in real_guide.articles:
        provenance = article.provenance
        assert (provenance.author, provenance.publisher, provenance.url, provenance.date, provenance.licence) == (
            UNKNOWN,
        ) * 5, article.id


@pytest.mark.parametrize("field", ["title", "author", "publisher", "url", "date", "licence"])
def test_a_missing_source_field_fails_with_file_and_line(content, field):
    path = content / "content/articles/networking-myths/article.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"(?m)^  {field}: .*\n", "", text, count=1), encoding="utf-8")
    messages = problems_of(content)
    block = line_of(path, "source:")  # the error points at the block: its key's line or its first field's
    assert any(
        re.search(rf"article\.yml:({block}|{block + 1}): error: missing required field '{field}' in source", m)
        and "fix: add" in m
        for m in messages
    ), messages


def test_a_missing_source_block_fails(content):
    path = content / "content/articles/peer-networking/article.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^source:.*\n(  .*\n)+", "", text), encoding="utf-8")
    messages = problems_of(content)
    assert any("peer-networking/article.yml" in m and "missing required field 'source'" in m for m in messages), (
        messages
    )


@pytest.mark.parametrize(
    "value, complaint",
    [
        ("ftp://example.org/a", "invalid value"),
        ("javascript:alert(1)", "invalid value"),
        ("https://example.org/a b", "invalid value"),
        ("", "invalid value"),
    ],
)
def test_the_address_is_unknown_or_an_http_url(content, value, complaint):
    path = content / "content/articles/networking-myths/article.yml"
    edit(path, "  url: unknown", f'  url: "{value}"')
    messages = problems_of(content)
    line = line_of(path, "  url:")
    assert any(f"article.yml:{line}: error:" in m and complaint in m and "http(s) URL" in m for m in messages), messages


def test_an_unquoted_date_and_a_second_line_are_refused_with_a_fix(content):
    path = content / "content/articles/networking-myths/article.yml"
    edit(path, "  date: unknown", "  date: 2019-05-01")
    edit(path, "  author: unknown", '  author: "Jo\\nBloggs"')
    messages = problems_of(content)
    assert any(
        f"article.yml:{line_of(path, '  date:')}: error: 'source/date' must be string" in m and "double quotes" in m
        for m in messages
    ), messages
    assert any(f"article.yml:{line_of(path, '  author:')}: error:" in m and "one line" in m for m in messages), messages


def test_known_fields_are_read(content):
    path = content / "content/articles/networking-myths/article.yml"
    edit(path, "  author: unknown", "  author: A. N. Author")
    edit(path, "  date: unknown", '  date: "2019-05-01"')
    edit(path, "  url: unknown", "  url: https://example.org/4-myths")
    article = load(content).article("networking-myths")
    assert article.provenance.author == "A. N. Author" and article.provenance.known("author")
    assert article.provenance.date == "2019-05-01"
    assert article.provenance.url == "https://example.org/4-myths"
    assert not article.provenance.known("publisher")


# -- source: the line under the title --------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("article_id", ARTICLES)
def test_the_source_line_is_under_the_title_of_every_version(real_guide, article_id, language):
    article = real_guide.article(article_id)
    locale = real_guide.locales[language]
    soup = rendered(pages.article_page(real_guide, article, language))
    (line,) = soup.select("p.nk-source")
    # Under the title and its summary, above the notices and the article's text.
    blocks = [tag for tag in soup.find_all(["h1", "h2", "p"]) if tag.find_parent("p") is None]
    assert blocks[0].name == "h1" and "nk-summary" in blocks[1].get("class", [])
    assert blocks[2] is line
    text = visible(line.get_text())
    known = [name for name in Provenance.FIELDS if article.provenance.known(name)]
    version = article.versions.get(language) or article.versions[article.source_language]
    original = version.language in article.originals
    if not known:  # one honest sentence, not six fields saying "unknown"
        notice = " " + locale.t("original_notice") if original else ""
        assert text == visible(locale.t("source_none") + notice)
    else:
        assert text.startswith(visible(locale.t("source_some").split("{")[0]))
        names = locale.strings["source_fields"]
        assert all(visible(f"{names[name]}: {getattr(article.provenance, name)}") in text for name in known)
        assert all(visible(str(names[name])) in text for name in Provenance.FIELDS)  # the unknown ones named
    # An original version says, in the reader's language, what an original of this guide is.
    assert (visible(locale.t("original_notice")) in text) is original
    assert "{" not in text and not line.find("a"), "every placeholder filled; no address, so no link"


def test_every_language_says_what_an_original_is_on_every_original(real_guide):
    """Each original version's page says so in every language that shows it; no translation's page does."""
    shown = 0
    for article in real_guide.articles:
        for language in real_guide.languages:
            version = article.versions.get(language) or article.versions[article.source_language]
            text = visible(rendered(pages.article_page(real_guide, article, language)).select_one("p.nk-source").text)
            notice = visible(real_guide.locales[language].t("original_notice"))
            assert (notice in text) is (version.language in article.originals), (article.id, language)
            shown += notice in text
    assert shown >= len(real_guide.articles)  # every article has an original


def test_an_http_address_is_a_link_and_nothing_else_is(real_guide):
    guide = copy.deepcopy(real_guide)
    article = guide.article("networking-myths")
    article.provenance = Provenance(title="T", url="https://example.org/a?b=1&c=<2>")
    (link,) = rendered(pages.article_page(guide, article, "de")).select("p.nk-source a")
    assert link["href"] == "https://example.org/a?b=1&c=<2>" and link.get_text() == link["href"]
    for url in ("javascript:probe()", "data:text/html,probe", "example.org/a"):  # the schema refuses these
        article.provenance = Provenance(url=url)
        line = rendered(pages.article_page(guide, article, "en")).select_one("p.nk-source")
        assert not line.find("a") and url in line.get_text()


def test_hostile_source_fields_and_locale_strings_are_shown_as_text(content):
    """Hostile text in every field of `source:` and in the two locale strings reaches the page as text."""
    payloads = [p for p in PAYLOADS if "\n" not in p and "\u2028" not in p]  # the schema wants one line
    meta = content / "content/articles/networking-mindset/article.yml"
    chosen = {}
    for index, field in enumerate(["title", "author", "publisher", "date"]):  # the licence stays unknown
        chosen[field] = f"{field} {payloads[index * 5 % len(payloads)]}"
        text = meta.read_text(encoding="utf-8")
        quoted = chosen[field].replace("\\", "\\\\").replace('"', '\\"')
        meta.write_text(
            re.sub(rf"(?m)^  {field}: .*$", lambda m: f'  {field}: "{quoted}"', text, count=1), encoding="utf-8"
        )
    edit(meta, "  url: unknown", '  url: "https://example.org/?q=\\"><xss-probe>"')
    locale = content / "locales/ar.yml"
    text = locale.read_text(encoding="utf-8")
    text = re.sub(
        r"(?m)^source_some: .*$",
        lambda m: 'source_some: "<xss-probe> {known} | {unknown} <script>probe()</script>"',
        text,
    )
    text = re.sub(r"(?m)^  licence: .*$", lambda m: '  licence: "<img src=x onerror=probe()>"', text, count=1)
    locale.write_text(text, encoding="utf-8")
    guide = load(content)
    article = guide.article("networking-mindset")
    assert article.provenance.title == chosen["title"]
    for language in ("ar", "de"):
        page = pages.article_page(guide, article, language)
        soup = rendered(page)
        assert _markup_from_payloads(str(soup)) == []
        line = visible(soup.select_one("p.nk-source").get_text())
        for value in chosen.values():
            assert visible(value) in line, (value, line)
        assert 'https://example.org/?q="><xss-probe>' in line
    line = visible(rendered(pages.article_page(guide, article, "ar")).select_one("p.nk-source").get_text())
    assert line.startswith("<xss-probe>") and "<script>probe()</script>" in line
    assert "<img src=x onerror=probe()>" in line  # the unknown licence


def test_hostile_sentences_for_an_unknown_source_and_an_original_are_shown_as_text(content):
    locale = content / "locales/ar.yml"
    text = locale.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^source_none: .*$", lambda m: 'source_none: "<xss-probe>{title}</xss-probe>"', text)
    text = re.sub(r"(?m)^original_notice: .*$", lambda m: 'original_notice: "<script>probe()</script> &amp;"', text)
    locale.write_text(text, encoding="utf-8")
    guide = load(content)
    article = next(a for a in guide.articles if "ar" in a.originals)
    article.provenance = Provenance()  # nothing known
    soup = rendered(pages.article_page(guide, article, "ar"))
    assert _markup_from_payloads(str(soup)) == [] and not soup.select("p.nk-source script, p.nk-source xss-probe")
    assert (
        visible(soup.select_one("p.nk-source").get_text())
        == "<xss-probe>{title}</xss-probe> <script>probe()</script> &amp;"
    )


# -- editorial notes -------------------------------------------------------------------

#: The meaning-changing edits and the project's own titles and summaries the About pages list,
#: each noted on the version it was made in, in that version's language: (article, language): words.
NOTED = {
    ("peer-networking", "tl"): [
        "pamagat at buod",
        "kung ilan",
        "gaano kakaunti",
        "isang linggo lamang",
        "kung nasaan ka",
    ],
    ("networking-mindset", "de"): ["vernetzende Denkweise", "Networking-Denkweise"],
    ("networking-mindset", "it"): ["titolo", "sommario", "tedesca"],
    ("networking-mindset", "ar"): ["عنوانًا", "ملخصًا", "الألمانية", "بعيد عن", "مختلفة تمامًا", "تراسلهم"],
    ("networking-myths", "de"): [
        "Zusammenfassung",
        "Einbahnstraße",
        "in beide Richtungen",
        "Networking ist für Extrovertierte",
        "„nur“",
        "jemand von der Straße",
    ],
    ("networking-myths", "tl"): ["sozialer Schmetterling", "pakikihalubilo sa lahat ng tao"],
}


def test_the_known_edits_are_noted_on_their_versions(real_guide):
    noted = {
        (article.id, language): version.editorial_notes
        for article in real_guide.articles
        for language, version in article.versions.items()
        if version.editorial_notes
    }
    assert set(noted) == set(NOTED)
    for key, words in NOTED.items():
        text = " ".join(note.text for note in noted[key])
        assert [word for word in words if word not in text] == [], key


@pytest.mark.parametrize("key", sorted(NOTED))
def test_editorial_notes_are_shown_as_a_note_with_a_heading(real_guide, key):
    article_id, language = key
    article = real_guide.article(article_id)
    version = article.versions[language]
    soup = rendered(pages.article_page(real_guide, article, language))
    (note,) = soup.select('[role="note"].nk-notice--editorial')
    title = soup.find(id=note["aria-labelledby"])
    assert title is not None and title.find_parent() is note
    assert visible(title.get_text()) == real_guide.locales[language].t("editorial_notes")
    items = note.select("li")
    assert [visible(item.get_text()) for item in items] == [visible(n.text) for n in version.editorial_notes]
    assert [item["id"] for item in items] == [f"note-{n.id}" for n in version.editorial_notes]
    # Before the article's text: the first heading of the body comes after it.
    assert note.find_next(["h2"]) is not None and note.find_previous("h1") is not None


def test_versions_without_notes_show_none_and_notes_change_no_stamp(real_guide):
    for article in real_guide.articles:
        for language in real_guide.languages:
            page = pages.article_page(real_guide, article, language)
            shown = article.versions.get(language) or article.source  # a fallback page shows the source's notes
            assert ("nk-notice--editorial" in page) == bool(shown.editorial_notes), (article.id, language)
            if language in article.versions:  # adding notes to an original outdated nothing
                assert article.status(language) in ("original", "current"), (article.id, language)


def test_a_note_in_another_language_than_the_page_is_marked(real_guide):
    guide = copy.deepcopy(real_guide)
    article = guide.article("networking-myths")
    del article.versions["en"]  # the English page shows the German original until it is translated
    soup = rendered(pages.article_page(guide, article, "en"))
    note = soup.select_one(".nk-notice--editorial")
    assert note.select_one("ul")["lang"] == "de"
    assert visible(note.select_one(".nk-notice__title").get_text()) == guide.locales["en"].t("editorial_notes")


def test_hostile_editorial_notes_are_shown_as_text(content):
    path = content / "content/articles/networking-myths/de.yml"
    text = path.read_text(encoding="utf-8")
    payloads = [p for p in PAYLOADS if "\u2028" not in p]
    items = "".join(
        f"  hostile-{number}: " + '"' + p.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"\n'
        for number, p in enumerate(payloads)
    )
    path.write_text(
        re.sub(r"(?m)^editorial_notes:.*\n(  [a-z].*\n)+", lambda m: "editorial_notes:\n" + items, text),
        encoding="utf-8",
    )
    locale = content / "locales/de.yml"
    edit(locale, 'editorial_notes: "', 'editorial_notes: "<xss-probe>')
    guide = load(content)
    notes = guide.article("networking-myths").versions["de"].editorial_notes
    assert [note.text for note in notes] == [p.strip() for p in payloads]
    soup = rendered(pages.article_page(guide, guide.article("networking-myths"), "de"))
    assert _markup_from_payloads(str(soup)) == []
    note = soup.select_one(".nk-notice--editorial")
    assert [visible(li.get_text()) for li in note.select("li")] == [visible(p) for p in payloads]
    assert visible(note.select_one(".nk-notice__title").get_text()).startswith("<xss-probe>")


def test_editorial_notes_must_be_a_map_of_ids_to_texts(content):
    path = content / "content/articles/networking-myths/de.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"(?m)^editorial_notes:.*\n(  [a-z].*\n)+", "editorial_notes: Einbahnstraße\n", text), encoding="utf-8"
    )
    messages = problems_of(content)
    assert any(
        f"de.yml:{line_of(path, 'editorial_notes:')}: error: 'editorial_notes' must be object" in m for m in messages
    ), messages


def test_a_scaffold_does_not_copy_the_sources_editorial_notes(content):
    from netguide.translate.scaffold import scaffold

    (content / "content/articles/networking-myths/en.yml").unlink()
    path = scaffold(content / "content", "networking-myths", "en")
    text = path.read_text(encoding="utf-8")
    assert "editorial_notes" not in text and "Einbahnstraße" not in text
    assert "TODO(translate): Networking ist schleimig." in text


# -- sections: where each myth and checklist item comes from -------------------------------


def validate_copy(root: Path):
    from netguide.site.checks import validate_guide as validate

    return validate(root / "content", root / "locales", LANGUAGES, "en", docs_dir=root / "docs")


def errors_of(root: Path) -> list[str]:
    return [str(p) for p in validate_copy(root).errors]


def test_every_myth_and_checklist_item_comes_from_a_section_of_every_version(real_guide):
    from netguide.content.validation import check_sections, section_ids

    assert check_sections(real_guide, {}) == []
    for article in real_guide.articles:
        assert set(article.sections) == set(article.myth_ids) | set(article.checklist_ids), article.id
        for version in article.versions.values():
            assert set(article.sections.values()) <= section_ids(version.body), (article.id, version.language)


def test_a_misspelt_section_fails_naming_article_yml_and_line(content):
    path = content / "content/articles/networking-myths/article.yml"
    edit(path, "  track-your-contacts: only-extroverts", "  track-your-contacts: only-extrovert")
    (message,) = errors_of(content)
    assert (
        f"networking-myths/article.yml:{line_of(path, 'track-your-contacts: only-extrovert')}: error: "
        "checklist item 'track-your-contacts' comes from section '#only-extrovert'" in message
    ), message
    assert "fix: did you mean 'only-extroverts'?" in message


def test_a_heading_without_the_id_fails_naming_the_heading(content):
    path = content / "content/articles/peer-networking/it.yml"
    edit(path, " { #where-you-are-coming-from }", "")
    (message,) = errors_of(content)
    assert (
        f"peer-networking/it.yml:{line_of(path, '## 2. ')}: error: no section '#where-you-are-coming-from' here"
        in message
    ), message
    assert "checklist item 'bring-a-challenge-to-a-peer'" in message
    source = content / "content/articles/peer-networking/tl.yml"
    assert (
        f"fix: give the heading that matches tl.yml line {line_of(source, '{ #where-you-are-coming-from }')}" in message
    )


def test_a_paragraph_without_the_id_fails_naming_the_paragraph(content):
    path = content / "content/articles/networking-mindset/ar.yml"
    text = path.read_text(encoding="utf-8")
    paragraph_line = text.split("\n").index("  { #career-talk }")  # 0-based: the paragraph's last line is 1 above
    path.write_text(text.replace("  { #career-talk }\n", ""), encoding="utf-8")
    (message,) = errors_of(content)
    first = next(n for n in range(paragraph_line, 0, -1) if not text.split("\n")[n - 1].strip()) + 1
    assert f"networking-mindset/ar.yml:{first}: error: no section '#career-talk' here" in message, message
    assert "on a line of its own at the end of the paragraph" in message


def test_every_item_names_a_section_and_only_items_do(content):
    path = content / "content/articles/peer-networking/article.yml"
    edit(path, "  coffee-with-a-peer: the-experiment\n", "  coffee-with-a-pear: the-experiment\n")
    messages = problems_of(content)
    assert any(
        f"article.yml:{line_of(path, 'sections:')}: error: checklist item 'coffee-with-a-peer' names no section" in m
        for m in messages
    ), messages
    assert any(
        f"article.yml:{line_of(path, 'coffee-with-a-pear')}: error: 'coffee-with-a-pear' under sections is "
        "neither a myth nor a checklist item" in m
        for m in messages
    ), messages


def test_a_missing_sections_block_fails(content):
    path = content / "content/articles/networking-mindset/article.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^sections:.*\n(( .*)?\n)+", "", text), encoding="utf-8")
    assert "sections:" not in path.read_text(encoding="utf-8")
    messages = problems_of(content)
    assert any("networking-mindset/article.yml" in m and "missing required field 'sections'" in m for m in messages), (
        messages
    )


def test_netguide_check_refuses_a_misspelt_section(tmp_path):
    from typer.testing import CliRunner

    from conftest import copy_project
    from netguide.cli import app

    project = copy_project(tmp_path / "project")
    path = project / "content/articles/networking-mindset/article.yml"
    edit(path, "  offer-help: take-away", "  offer-help: takeaway")
    result = CliRunner().invoke(app, ["--root", str(project), "check", "networking-mindset", "de"])
    assert result.exit_code == 1, result.output
    assert re.search(
        rf"networking-mindset/article\.yml:{line_of(path, 'offer-help:')}: error: checklist item "
        r"'offer-help' comes from section '#takeaway'",
        result.output,
    ), result.output
    assert "did you mean 'take-away'?" in result.output


def test_mkdocs_build_refuses_a_misspelt_section(tmp_path):
    from conftest import copy_project, run_mkdocs_build

    project = copy_project(tmp_path / "project")
    path = project / "content/articles/peer-networking/article.yml"
    edit(path, "  only-up-the-ladder: beside-us", "  only-up-the-ladder: besides-us")
    result = run_mkdocs_build(project, tmp_path / "site", env={"NETGUIDE_PARALLEL": "false"})
    assert result.returncode != 0
    line = line_of(path, "only-up-the-ladder: besides-us")
    assert re.search(
        rf"peer-networking/article\.yml:{line}: error: myth 'only-up-the-ladder' comes from section "
        r"'#besides-us'",
        result.stderr,
    ), result.stderr[-3000:]
    assert "fix: did you mean 'beside-us'?" in result.stderr
