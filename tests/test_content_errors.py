"""Bad content fails with the file, the line and what to fix; all problems at once."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ARTICLES, LANGUAGES, translated
from netguide.content.loader import load_guide
from scratch import copy_content, edit, line_of, load, problems_of


@pytest.fixture
def content(tmp_path) -> Path:
    """A scratch copy of content/ and locales/; returns its root."""
    return copy_content(tmp_path)


def test_real_content_loads(content):
    guide = load(content)
    assert [a.id for a in guide.articles] == ARTICLES
    for article in guide.articles:
        assert set(article.versions) == set(translated(article.id))


def test_yaml_syntax_error_names_file_and_line(content):
    path = content / "content/articles/networking-myths/de.yml"
    line = line_of(path, "summary:")
    edit(path, "summary:", "summary: [unclosed\n  bad:")
    (message,) = problems_of(content)
    assert (
        message.startswith(f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
        or str(path.name) in message
    )
    assert re.search(rf"de\.yml:{line}|de\.yml:{line + 1}", message), message
    assert "YAML syntax error" in message and "fix:" in message


def test_missing_required_field(content):
    path = content / "content/articles/peer-networking/en.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^summary:.*\n", "", text, count=1), encoding="utf-8")
    (message,) = problems_of(content)
    assert "en.yml:" in message and "missing required field 'summary'" in message


def test_wrong_type_names_the_line(content):
    path = content / "content/articles/peer-networking/article.yml"
    line = line_of(path, "order:")
    edit(path, "order: 1", "order: first")
    (message,) = problems_of(content)
    assert f"article.yml:{line}" in message and "'order' must be integer" in message


def test_unknown_language_code(content):
    path = content / "content/articles/peer-networking/article.yml"
    edit(path, "source_language: tl", "source_language: xx")
    messages = problems_of(content)
    assert any("unknown language code 'xx'" in m and "article.yml:" in m for m in messages), messages


def test_checklist_ids_must_match_between_languages(content):
    path = content / "content/articles/networking-myths/it.yml"
    meta = (content / "content/articles/networking-myths/article.yml").read_text(encoding="utf-8")
    first_id = re.search(r"(?m)^checklist:\n\s+- (\S+)", meta).group(1)
    edit(path, f"  {first_id}:", "  renamed-item:")
    messages = problems_of(content)
    assert any(f"checklist id '{first_id}' of article.yml is missing" in m for m in messages), messages
    assert any("checklist id 'renamed-item' is not in article.yml" in m and "it.yml:" in m for m in messages)


def test_translation_must_name_its_source(content):
    path = content / "content/articles/peer-networking/en.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^translated_from:\n(  .*\n)+", "", text), encoding="utf-8")
    (message,) = problems_of(content)
    assert "en.yml" in message and "must say what it was translated from" in message


def test_translation_pointing_at_missing_source(content):
    path = content / "content/articles/peer-networking/en.yml"
    edit(path, "  language: tl", "  language: es")  # de would do: a translation may be made from another one
    (message,) = problems_of(content)
    assert "translated from 'es'" in message and "en.yml:" in message


def test_all_problems_are_reported_together(content):
    edit(content / "content/articles/peer-networking/article.yml", "order: 1", "order: first")
    edit(content / "content/articles/networking-myths/article.yml", "order: 3", "order: third")
    assert len(problems_of(content)) == 2


def test_locale_missing_key(content):
    path = content / "locales/de.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^reset:.*\n", "", text), encoding="utf-8")
    messages = problems_of(content)
    assert any("locales/de.yml" in m and "missing key 'reset'" in m for m in messages), messages


def test_raw_html_and_unsafe_links_are_refused(content):
    path = content / "content/articles/networking-mindset/de.yml"
    edit(path, "body: |\n", "body: |\n  <script>alert(1)</script>\n\n  [klick](javascript:alert(1))\n\n")
    messages = problems_of(content)
    assert any("raw HTML is not allowed" in m and "de.yml:" in m for m in messages), messages
    assert any("unsafe link target" in m for m in messages), messages


def test_not_utf8_is_rejected_with_line(content):
    path = content / "content/articles/networking-mindset/it.yml"
    data = path.read_bytes().replace(b"\xc3\xa8", b"\xe8", 1)  # 'è' as Latin-1
    path.write_bytes(data)
    (message,) = problems_of(content)
    assert "it.yml:" in message and "not UTF-8" in message


def test_bom_and_crlf_are_accepted_with_a_warning(content):
    path = content / "content/articles/networking-mindset/it.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    from netguide.content.problems import Problems

    problems = Problems()
    load_guide(content / "content", content / "locales", LANGUAGES, "en", problems)
    warnings = [str(w) for w in problems.warnings]
    assert any("byte-order mark" in w for w in warnings) and any("CRLF" in w for w in warnings)


def test_empty_file_is_rejected(content):
    (content / "content/articles/networking-mindset/it.yml").write_text("", encoding="utf-8")
    messages = problems_of(content)
    assert any("it.yml: error: the file is empty" in m for m in messages), messages


def test_duplicate_key_is_rejected(content):
    path = content / "content/articles/peer-networking/article.yml"
    edit(path, "order: 1", "order: 1\norder: 2")
    (message,) = problems_of(content)
    assert "duplicate key 'order'" in message


def test_unsafe_article_id_cannot_escape_the_site(content):
    path = content / "content/articles/peer-networking/article.yml"
    edit(path, "id: peer-networking", "id: ../../etc")
    messages = problems_of(content)
    assert any("article.yml:" in m and "invalid value '../../etc'" in m for m in messages), messages


# -- hostile files: refused by the reader the build and `netguide` share ----------

BILLION_LAUGHS = (
    "\n".join(
        ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=False)]
    )
    + "\n"
)


def test_alias_bomb_is_refused_naming_file_and_line(content):
    path = content / "content/articles/peer-networking/de.yml"
    edit(path, "\nmyths:", "\n" + BILLION_LAUGHS + "myths:")
    line = line_of(path, "a: &a [")
    (message,) = problems_of(content)
    assert f"de.yml:{line}: error: YAML anchor '&a' is not allowed" in message, message
    assert "fix: remove the anchor and write each value out in full" in message


def test_anchor_without_alias_is_refused(content):
    path = content / "locales/it.yml"
    edit(path, "\nnav_home:", "\nnav_home: &home")
    (message,) = problems_of(content)
    assert f"locales/it.yml:{line_of(path, '&home')}: error: YAML anchor '&home' is not allowed" in message


def test_oversize_file_is_refused(content):
    from netguide.content.yamlfile import MAX_FILE_BYTES

    path = content / "content/glossary/tl.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# padding\n" * (MAX_FILE_BYTES // 10), encoding="utf-8")
    (message,) = problems_of(content)
    assert re.search(r"glossary/tl\.yml:\d+: error: the file is larger than 1 MiB", message), message
    assert "fix:" in message


def test_symlinked_file_is_refused(content, tmp_path_factory):
    path = content / "content/articles/networking-myths/it.yml"
    outside = tmp_path_factory.mktemp("elsewhere") / "it.yml"
    shutil.move(path, outside)
    path.symlink_to(outside)
    (message,) = problems_of(content)
    assert message.startswith(f"{shown(path)}: error: the file is a symbolic link (to {outside})"), message
    assert "fix: put the real file here instead of a link" in message


def test_symlinked_article_folder_is_refused(content, tmp_path_factory):
    folder = content / "content/articles/networking-myths"
    outside = tmp_path_factory.mktemp("elsewhere") / "networking-myths"
    shutil.move(folder, outside)
    folder.symlink_to(outside, target_is_directory=True)
    (message,) = problems_of(content)
    assert message.startswith(f"{shown(folder)}: error: the folder is a symbolic link"), message


def test_symlinked_locale_is_refused_once(content):
    path = content / "locales/de.yml"
    path.unlink()
    path.symlink_to(content / "locales/en.yml")
    messages = problems_of(content)
    assert [m for m in messages if "symbolic link" in m] == [m for m in messages if "locales/de.yml" in m], messages
    assert len([m for m in messages if "symbolic link" in m]) == 1


def shown(path: Path) -> str:
    return os.path.relpath(path)


# -- checked after loading: the one validation `mkdocs build` and `netguide check` run --------
# (tests/test_bad_input_builds.py holds the same cases against the real build)


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch copy of the project: content, locales and the hand-written docs pages a body may link to."""
    from conftest import copy_project

    return copy_project(tmp_path / "project")


def validation(root: Path):
    from netguide.site.checks import validate_guide as validate

    return validate(root / "content", root / "locales", LANGUAGES, "en", docs_dir=root / "docs")


def netguide_check(root: Path, *args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from netguide.cli import app

    result = CliRunner().invoke(app, ["--root", str(root), "check", *args])
    return result.exit_code, result.output


def first_paragraph(path: Path, text: str) -> None:
    edit(path, "body: |\n", f"body: |\n  {text}\n\n")


def article_file(root: Path, article: str, language: str) -> Path:
    return root / "content" / "articles" / article / f"{language}.yml"


def errors_of(root: Path) -> list[str]:
    return [str(p) for p in validation(root).errors]


def test_the_real_content_has_no_errors(project):
    result = validation(project)
    assert result.errors == [], [str(p) for p in result.errors]
    assert [a.id for a in result.guide.articles] == ["peer-networking", "networking-mindset", "networking-myths"]


def test_a_left_placeholder_fails_build_and_check_with_file_and_line(project):
    """A marker left in any article file, an original as much as a translation."""
    for language in ("tl", "de"):  # tl: the source of peer-networking
        path = article_file(project, "peer-networking", language)
        first_paragraph(path, "TODO(translate): A paragraph.")
        expected = f"{language}.yml:{line_of(path, 'TODO(translate)')}: error: text not translated yet"
        assert [m for m in errors_of(project) if expected in m], errors_of(project)
        code, output = netguide_check(project)
        assert code == 1 and expected in output and "fix: translate the text and delete" in output, output


def test_a_link_the_source_does_not_have_fails_with_file_and_line(project):
    path = article_file(project, "peer-networking", "de")
    first_paragraph(path, "[hier](https://example.org/)")
    expected = f"de.yml:{line_of(path, 'example.org')}: error: link to 'https://example.org/' is not in the source here"
    assert [m for m in errors_of(project) if expected in m], errors_of(project)
    code, output = netguide_check(project, "peer-networking", "de")
    assert code == 1 and expected in output, output


def test_links_and_anchors_that_lead_nowhere_fail_with_file_and_line(project):
    """The same broken links in every language (so that they all match the source): each is named where it is."""
    links = [
        "[a](no-such-article.md)",
        "[b](networking-myths.md#no-such-anchor)",
        "[c](#no-such-anchor)",
        "[d](../about.md#no-such-anchor)",
        "[e](../about/)",
        "[f](../../outside.md)",
    ]
    languages = translated("peer-networking")  # a page without its own version shows (and checks) the source's
    for language in languages:
        first_paragraph(article_file(project, "peer-networking", language), "\n  ".join(links))
    path = article_file(project, "peer-networking", "ar")
    line = line_of(path, "[a](no-such-article.md)")
    expected = [
        f"ar.yml:{line}: error: link to 'no-such-article.md' leads to no page: docs/guide/no-such-article.md does not exist",
        f"ar.yml:{line + 1}: error: link to 'networking-myths.md#no-such-anchor': the page guide/networking-myths.md "
        "has no anchor '#no-such-anchor'",
        f"ar.yml:{line + 2}: error: link to '#no-such-anchor': this page has no anchor '#no-such-anchor'",
        f"ar.yml:{line + 3}: error: link to '../about.md#no-such-anchor': the page about.md has no anchor",
        f"ar.yml:{line + 4}: error: link to '../about/' is an address, not a file",
        f"ar.yml:{line + 5}: error: link to '../../outside.md' leads outside the site",
    ]
    errors = errors_of(project)
    assert len(errors) == len(expected) * len(languages), errors
    code, output = netguide_check(project)
    assert code == 1
    for message in expected:
        assert [m for m in errors if message in m], (message, errors)
        assert message in output, (message, output)
    assert "fix: an anchor is a heading's id" in output


def test_a_link_only_the_site_would_read_is_refused(project):
    """Python-Markdown links `[x](a b)`, CommonMark does not: such a link would escape the checks above."""
    path = article_file(project, "peer-networking", "tl")
    first_paragraph(path, "Tingnan [dito](no such page.md).")
    (error,) = errors_of(project)
    assert f"tl.yml:{line_of(path, 'no such page')}: error: the site would link to 'no such page.md'" in error, error
    assert "fix: write the link as [text](target) with no space in the target" in error


def test_links_and_anchors_that_lead_somewhere_pass(project):
    links = (
        "[a](networking-myths.md) [b](#checklist) [c](networking-myths.md#checklist) [d](../about.md) "
        "[e](checklists/peer-networking.pdf) [f](checklists/index.md) [g](/about.md) [h](https://example.org/) "
        "[i](glossary.md) [j](mailto:guide@example.org) [k](#myths) [l](../index.md)"
    )
    for language in translated("peer-networking"):
        first_paragraph(article_file(project, "peer-networking", language), links)
    assert errors_of(project) == []


def test_a_page_showing_an_untranslated_source_checks_its_links_in_its_own_language(project):
    """A heading's id differs by language: a link to it from the source breaks where the source stands in."""
    from markdown.extensions.toc import slugify

    heading = "Mga Pagbabagong Bumabago sa Kahulugan"  # a heading of the Tagalog About page, with no id of its own
    assert f"## {heading}\n" in (project / "docs" / "about.tl.md").read_text(encoding="utf-8")
    source = article_file(project, "peer-networking", "tl")
    first_paragraph(source, f"[x](../about.md#{slugify(heading, '-')})")
    # The translations are outdated now: the missing link is theirs to add. A language without a version (just
    # added) shows the tl text on a page of its own, whose About page has that heading only if copied from tl.
    showing = [
        code
        for code in LANGUAGES
        if code not in translated("peer-networking")
        and f"## {heading}\n" not in (project / "docs" / f"about.{code}.md").read_text(encoding="utf-8")
    ]

    def pages_of(errors: list[str]) -> list[str]:  # a broken link is named once, on the first page it breaks
        return [code for code in LANGUAGES for e in errors if f"(on the {code} page, which shows this text" in e]

    errors = errors_of(project)
    assert len(errors) == len(pages_of(errors)) == (1 if showing else 0) and set(pages_of(errors)) <= set(showing)
    article_file(project, "peer-networking", "it").unlink()  # the it page now shows the tl text
    (error,) = errors_of(project)
    assert pages_of([error])[0] in [*showing, "it"], error
    assert error.startswith(f"{os.path.relpath(source)}:{line_of(source, '[x](')}: error: link to '../about.md#")
    assert "page, which shows this text until it is translated)" in error


def test_an_outdated_translation_may_lag_behind_its_source_but_never_add_a_link(project):
    source = article_file(project, "peer-networking", "tl")
    first_paragraph(source, "## 9. Isang bagong bahagi\n\n  Noong 2031, [dito](https://example.org/a).")
    result = validation(project)
    assert result.errors == [], [str(p) for p in result.errors]
    review = [str(p) for p in result.review if "de.yml" in str(p.path)]
    assert any("outdated: the source changed" in m for m in review), review
    assert any("warning: heading '## 9. Isang bagong bahagi' of the source" in m for m in review), review
    assert any("warning: number '2031' of the source" in m for m in review), review
    assert any("warning: link to 'https://example.org/a' of the source" in m for m in review), review

    translation = article_file(project, "peer-networking", "de")
    first_paragraph(translation, "[hier](https://example.org/b)")
    (error,) = errors_of(project)
    assert (
        f"de.yml:{line_of(translation, 'example.org/b')}: error: link to 'https://example.org/b' is not in the source"
        in error
    )


def test_markers_a_new_language_starts_with_are_warnings(project):
    """`netguide add-language` leaves a note in the new locale and glossary: the site builds meanwhile."""
    before = len([p for p in validation(project).warnings if "TODO(translate) marker" in p.message])  # a new language's
    for path in (project / "locales" / "de.yml", project / "content" / "glossary" / "de.yml"):
        edit(
            path, "\nlanguage:", "\n# TODO(translate): copied from en; translate it, then delete this line.\nlanguage:"
        )
    result = validation(project)
    assert result.errors == []
    assert len([p for p in result.warnings if "TODO(translate) marker" in p.message]) == before + 2


def test_the_marker_is_the_one_netguide_new_writes():
    from netguide.content.compare import MARKER
    from netguide.content.scaffold import MARKER as SCAFFOLD_MARKER

    assert MARKER == SCAFFOLD_MARKER
