"""Each kind of bad input fails the real `mkdocs build` with file, line and a fix,
exits non-zero without a traceback, and leaves the previous site in place;
`netguide check` reports the very same errors (one validation for both)."""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ARTICLES, copy_project, run_mkdocs_build, translated
from netguide.cli import app


def _sub(path, pattern, replacement):
    text = path.read_text(encoding="utf-8")
    new = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert new != text, (path, pattern)
    path.write_text(new, encoding="utf-8")


A = "content/articles/peer-networking"
BILLION_LAUGHS = "".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    + [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=False)]
)


def _first_paragraph(path, text):
    """Put `text` as the first paragraph of a language version's body."""
    _sub(path, r"^body: \|\n", f"body: |\n  {text}\n\n")


def _in_every_language(project, article, text):
    """The same new first paragraph in every version of `article` (as a contributor would add a link)."""
    for language in translated(article):
        _first_paragraph(project / "content" / "articles" / article / f"{language}.yml", text)


def _append(path, text):
    """Add `text` as a paragraph at the end of a hand-written page."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", encoding="utf-8")


def _link_outside(project, relative):
    """Replace a content file by a symbolic link to a copy of it outside the project."""
    path = project / relative
    outside = project.parent / f"outside-{path.name}"
    shutil.move(path, outside)
    path.symlink_to(outside)


BAD_INPUTS = {
    "yaml syntax": (
        lambda p: _sub(p / A / "de.yml", r"^title:.*$", "title: [unclosed"),
        rf"{A}/de\.yml:\d+: error: YAML syntax error",
    ),
    "missing field": (
        lambda p: _sub(p / A / "it.yml", r"^summary:.*\n", ""),
        rf"{A}/it\.yml:\d+: error: missing required field 'summary'",
    ),
    "wrong type": (
        lambda p: _sub(p / A / "article.yml", r"^order: 1$", "order: first"),
        rf"{A}/article\.yml:\d+: error: 'order' must be integer",
    ),
    "unknown language": (
        lambda p: shutil.copy(p / A / "de.yml", p / A / "xx.yml"),
        rf"{A}/xx\.yml: error: unknown language code 'xx'",
    ),
    "duplicated id": (
        lambda p: _sub(p / A / "article.yml", r"^checklist:\n", "checklist:\n  - list-your-peers\n"),
        rf"{A}/article\.yml:\d+: error: .*non-unique",
    ),
    "ids differ between languages": (
        lambda p: _sub(p / A / "ar.yml", r"^  coffee-with-a-peer:", "  coffee-with-peer:"),
        rf"{A}/ar\.yml:\d+: error: checklist id 'coffee-with-peer' is not in article\.yml",
    ),
    "source that does not exist": (
        lambda p: ((p / A / "it.yml").unlink(), _sub(p / A / "en.yml", r"^  language: tl$", "  language: it")),
        rf"{A}/en\.yml:\d+: error: translated from 'it'",
    ),
    "not utf-8": (
        lambda p: (p / A / "de.yml").write_bytes((p / A / "de.yml").read_bytes().replace("ü".encode(), b"\xfc", 1)),
        rf"{A}/de\.yml:\d+: error: the file is not UTF-8",
    ),
    "empty file": (
        lambda p: (p / A / "it.yml").write_text("", encoding="utf-8"),
        rf"{A}/it\.yml: error: the file is empty",
    ),
    "locale missing a key": (
        lambda p: _sub(p / "locales/tl.yml", r"^download_pdf:.*\n", ""),
        r"locales/tl\.yml: error: missing key 'download_pdf'",
    ),
    "slug writing outside the site": (
        lambda p: _sub(p / A / "article.yml", r"^id: peer-networking$", "id: ../../escape"),
        rf"{A}/article\.yml:\d+: error: 'id' has the invalid value '\.\./\.\./escape'",
    ),
    "raw html": (
        lambda p: _sub(p / A / "de.yml", r"^body: \|\n", "body: |\n  <img src=x onerror=alert(1)>\n\n"),
        rf"{A}/de\.yml:\d+: error: raw HTML is not allowed",
    ),
    "javascript link": (
        lambda p: _sub(p / A / "de.yml", r"^body: \|\n", "body: |\n  [hier](javascript:alert(1))\n\n"),
        rf"{A}/de\.yml:\d+: error: unsafe link target",
    ),
    "entity-encoded javascript link": (
        lambda p: _first_paragraph(p / A / "de.yml", "[hier](&#106;ava&#x53;cript&colon;alert(1))"),
        rf"{A}/de\.yml:\d+: error: (unsafe link target|the link target)",
    ),
    "event handler in an attribute list": (
        lambda p: _first_paragraph(p / A / "de.yml", 'Ein Absatz.\n  {: onclick="alert(1)" }'),
        rf"{A}/de\.yml:\d+: error: the attribute onclick= .*is not allowed",
    ),
    "class not on the list": (
        lambda p: _first_paragraph(p / A / "de.yml", "Ein Absatz.\n  {: .md-button }"),
        rf"{A}/de\.yml:\d+: error: the class 'md-button' .*is not allowed",
    ),
    "data: image": (
        lambda p: _first_paragraph(p / A / "de.yml", "![x](DATA:image/svg+xml;base64,PHN2Zz4=)"),
        rf"{A}/de\.yml:\d+: error: (unsafe link target|the link target)",
    ),
    "control character": (
        lambda p: _sub(p / A / "de.yml", r"^title: .*$", r'title: "Peers \\x1b[31m rot"'),
        rf"{A}/de\.yml:\d+: error: a control character \(U\+001B\) in 'title'",
    ),
    "bidi override": (
        lambda p: _sub(p / A / "de.yml", r"^summary: .*$", r'summary: "abc \\u202e cba"'),
        rf"{A}/de\.yml:\d+: error: a control character \(U\+202E\) in 'summary'",
    ),
    "alias bomb": (
        lambda p: _sub(p / A / "de.yml", r"^myths:", BILLION_LAUGHS + "myths:"),
        rf"{A}/de\.yml:\d+: error: YAML anchor '&a' is not allowed",
    ),
    "symbolic link": (
        lambda p: _link_outside(p, f"{A}/it.yml"),
        rf"{A}/it\.yml: error: the file is a symbolic link \(to \S+outside-it\.yml\)",
    ),
    # Checked after loading (content/validation.py), by the build as by `netguide check`:
    "broken link": (
        lambda p: _in_every_language(p, "peer-networking", "[x](no-such-article.md)"),
        rf"{A}/de\.yml:\d+: error: link to 'no-such-article\.md' leads to no page",
    ),
    "broken anchor": (
        lambda p: _in_every_language(p, "peer-networking", "[x](networking-myths.md#no-such-anchor)"),
        rf"{A}/it\.yml:\d+: error: link to 'networking-myths\.md#no-such-anchor': "
        r"the page guide/networking-myths\.md has no anchor '#no-such-anchor'",
    ),
    "left placeholder": (
        lambda p: _first_paragraph(p / A / "de.yml", "TODO(translate): Ein neuer Absatz."),
        rf"{A}/de\.yml:\d+: error: text not translated yet \(TODO\(translate\) marker\)",
    ),
    "link not in the source": (
        lambda p: _first_paragraph(p / A / "de.yml", "[hier](https://example.org/)"),
        rf"{A}/de\.yml:\d+: error: link to 'https://example\.org/' is not in the source",
    ),
    "link only the site reads": (
        lambda p: _first_paragraph(p / A / "de.yml", "[hier](https://evil .example/)"),
        rf"{A}/de\.yml:\d+: error: the site would link to 'https://evil \.example/', "
        "but the checks do not read it as a link",
    ),
    "unstamped translation": (
        lambda p: _sub(p / A / "ar.yml", r"source_hash: .*$", "source_hash: TODO"),
        rf"{A}/ar\.yml:\d+: error: the translation is not stamped",
    ),
    # Bounded cost: shapes Python-Markdown is quadratic or recursive on (content/parse_limits.py).
    "unmatched brackets": (
        lambda p: _first_paragraph(p / A / "de.yml", "[" * 60_000),
        rf"{A}/de\.yml:\d+: error: a paragraph with 60000 of '\[' ",
    ),
    "unmatched image brackets": (
        lambda p: _first_paragraph(p / A / "de.yml", "![" * 300),
        rf"{A}/de\.yml:\d+: error: a paragraph with 300 of '\[' ",
    ),
    "lists nested deep": (
        lambda p: _first_paragraph(p / A / "de.yml", "- " * 400 + "x"),
        rf"{A}/de\.yml:\d+: error: lists or quotes nested more than \d+ deep",
    ),
    # Media only from the site itself.
    "remote image": (
        lambda p: _first_paragraph(p / A / "de.yml", "![x](https://tracker.example/p.gif)"),
        rf"{A}/de\.yml:\d+: error: an image from another site, 'https://tracker\.example/p\.gif'",
    ),
    "remote image without scheme": (
        lambda p: _first_paragraph(p / A / "de.yml", "![x](//tracker.example/p.gif)"),
        rf"{A}/de\.yml:\d+: error: an image from another site",
    ),
    "remote image by reference": (
        lambda p: _first_paragraph(p / A / "de.yml", "![x][p]\n\n  [p]: https://t.example/p.gif"),
        rf"{A}/de\.yml:\d+: error: (an image from another site|the image source)",
    ),
    # Ids the theme and our pages use.
    "theme id in an attribute list": (
        lambda p: _first_paragraph(p / "content/articles/peer-networking/tl.yml", "Isang talata.\n  { #__config }"),
        rf"{A}/tl\.yml:\d+: error: the id '__config' is reserved",
    ),
    "theme id from a heading": (
        lambda p: _sub(p / "docs/about.de.md", r"^## ", "## __search\n\nText.\n\n## "),
        r"docs/about\.de\.md:\d+: error: the id '__search' is reserved",
    ),
    "our own id": (
        lambda p: _first_paragraph(p / "content/articles/peer-networking/tl.yml", "Talata.\n  { #checklist }"),
        rf"{A}/tl\.yml:\d+: error: the id 'checklist' is reserved: the page gives that id",
    ),
    # Hand-written pages (docs/*.md) are contributions too.
    "script in a page": (
        lambda p: _append(p / "docs/about.de.md", "<script>alert(1)</script>"),
        r"docs/about\.de\.md:\d+: error: raw HTML is not allowed in the page",
    ),
    "redirect in a page": (
        lambda p: _append(p / "docs/about.de.md", '<meta http-equiv="refresh" content="0;url=https://e.example/">'),
        r"docs/about\.de\.md:\d+: error: raw HTML is not allowed in the page",
    ),
    "overlay in a page": (
        lambda p: _append(p / "docs/index.it.md", '<div style="position:fixed; inset:0">x</div>'),
        r"docs/index\.it\.md:\d+: error: raw HTML is not allowed in the page",
    ),
    "image handler in a page": (
        lambda p: _append(p / "docs/about.ar.md", "Text <img src=x onerror=alert(1)> text"),
        r"docs/about\.ar\.md:\d+: error: raw HTML is not allowed in the page",
    ),
    "javascript link in a page": (
        lambda p: _append(p / "docs/about.de.md", "[hier](javascript:alert(1))"),
        r"docs/about\.de\.md:\d+: error: unsafe link target",
    ),
    "front matter key": (
        lambda p: _sub(p / "docs/about.de.md", r"^description:", "template: evil.html\ndescription:"),
        r"docs/about\.de\.md:2: error: the front matter sets 'template'",
    ),
    "front matter alias": (
        lambda p: _sub(p / "docs/about.de.md", r"^description: .*$", "description: &a x\ntitle: *a"),
        r"docs/about\.de\.md:2: error: YAML anchor '&a' is not allowed",
    ),
    "settings without front matter": (
        lambda p: (p / "docs/about.it.md").write_text(
            "template: 404.html\n" + (p / "docs/about.it.md").read_text(encoding="utf-8").split("---\n", 2)[2],
            encoding="utf-8",
        ),
        r"docs/about\.it\.md:1: error: the page starts with a 'key: value' line",
    ),
    "front matter not text": (
        lambda p: _sub(p / "docs/about.de.md", r"^description: .*$", "description: [1, 2]"),
        r"docs/about\.de\.md:2: error: 'description' in the front matter is not a text",
    ),
    "page not named for a language": (
        lambda p: shutil.copy(p / "docs/about.de.md", p / "docs/about.xx.md"),
        r"docs/about\.xx\.md: error: 'about\.xx\.md' is not named",
    ),
    "published file of no known kind": (
        lambda p: (p / "docs/evil.html").write_text("<script>x()</script>"),
        r"docs/evil\.html: error: 'docs/evil\.html' is no kind of file",
    ),
    "image that is not one": (
        lambda p: ((p / "docs/images").mkdir(), (p / "docs/images/x.png").write_text("<svg/>")),
        r"docs/images/x\.png: error: the file does not start as a PNG image does",
    ),
    "page that is a link": (
        lambda p: _link_outside(p, "docs/about.it.md"),
        r"docs/about\.it\.md: error: the file is a symbolic link",
    ),
}

#: A problem line, as the build's error and `netguide check` print it (run in the project folder).
ERROR_LINE = re.compile(r"(?m)^((?:content|locales|docs)/\S*?): error: (.*)$")


def errors_in(output):
    return sorted(set(ERROR_LINE.findall(output)))


def check_errors(project):
    """`netguide check`'s exit code and error lines, run in `project` as a contributor would."""
    here = os.getcwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(app, ["--root", str(project), "check"])
    finally:
        os.chdir(here)
    return result.exit_code, errors_in(result.output)


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """One good project and site, built once; each test breaks a fresh copy of the project."""
    root = tmp_path_factory.mktemp("good")
    project = copy_project(root / "project")
    site = root / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def snapshot(site):
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_fails_clearly_and_keeps_the_site(good_build, tmp_path, kind):
    good_project, site = good_build
    project = tmp_path / "project"
    shutil.copytree(good_project, project)
    breaks, expected = BAD_INPUTS[kind]
    breaks(project)
    before = snapshot(site)
    result = run_mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert re.search(expected, output), output
    assert "fix:" in output
    assert snapshot(site) == before, "the previous site was touched"
    assert not [p for p in site.parent.iterdir() if "building" in p.name or ".part-" in p.name]
    assert check_errors(project) == (1, errors_in(output)), "netguide check and the build disagree"


def test_texts_that_passed_are_remembered_but_a_refused_text_is_refused_every_time(tmp_path):
    """Builds remember which texts passed the Markdown check; problems are never remembered away."""
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"
    env = {"NETGUIDE_CACHE_DIR": str(cache)}
    assert run_mkdocs_build(project, tmp_path / "site", env).returncode == 0
    verdicts = json.loads((cache / "text-facts.json").read_text(encoding="utf-8"))["known"]["markdown_safe"]
    versions = [path for path in (project / "content" / "articles").glob("*/*.yml") if path.name != "article.yml"]
    assert len(verdicts) == len(versions)  # the article bodies: every other text is plain text
    BAD_INPUTS["raw html"][0](project)
    for _ in range(2):
        result = run_mkdocs_build(project, tmp_path / "site", env)
        assert result.returncode != 0
        assert re.search(BAD_INPUTS["raw html"][1], result.stdout + result.stderr)


MUTATIONS = {
    "nothing": lambda path: None,
    "marker": lambda path: _first_paragraph(path, "TODO(translate): a paragraph."),
    "foreign link": lambda path: _first_paragraph(path, "[x](https://example.org/)"),
    "missing page": lambda path: _first_paragraph(path, "[x](no-such-page.md)"),
    "missing anchor": lambda path: _first_paragraph(path, "[x](#no-such-anchor)"),
    "good anchor": lambda path: _first_paragraph(path, "[x](#checklist)"),
    "good page": lambda path: _first_paragraph(path, "[x](../about.md)"),
    "address": lambda path: _first_paragraph(path, "[x](../about/)"),
    "extra number": lambda path: _first_paragraph(path, "1234"),
}


#: Every (article, language) that has a file to edit: a language just added has none yet.
VERSIONS = [(article, language) for article in ARTICLES for language in translated(article)]


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(VERSIONS), st.sampled_from(sorted(MUTATIONS))).map(lambda c: (*c[0], c[1])),
        min_size=1,
        max_size=3,
    )
)
@example(changes=[("peer-networking", "tl", "good anchor"), ("networking-myths", "de", "good page")])  # builds
@example(changes=[("networking-myths", "it", "missing anchor"), ("peer-networking", "tl", "address")])
def test_check_and_build_agree(tmp_path_factory, changes):
    """On generated edits (to sources and translations, broken or not) both give the same errors, or none."""
    project = copy_project(tmp_path_factory.mktemp("agree") / "project")
    for article, language, mutation in changes:
        MUTATIONS[mutation](project / "content" / "articles" / article / f"{language}.yml")
    result = run_mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    code, errors = check_errors(project)
    assert errors == errors_in(output), (changes, output[-3000:])
    assert (result.returncode != 0) == (code != 0) == bool(errors), (changes, output[-3000:])
    if changes == [("peer-networking", "tl", "good anchor"), ("networking-myths", "de", "good page")]:
        assert result.returncode == 0, output[-3000:]  # a link added to a source is fine, translations lag behind
