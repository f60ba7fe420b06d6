"""What a contribution may hold, fast: the list of contributed files, hand-written pages, reserved ids,
images only from the site, and parsers whose cost a contributor cannot push past its bounds."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import LANGUAGES, ROOT
from netguide.content import parse_limits
from netguide.content.contributions import RULES, rule_for, unlisted_files
from netguide.content.handwritten import FRONT_MATTER_KEYS, check_page
from netguide.content.markdown_check import SITE_EXTENSIONS, check_markdown, is_local_source, render
from netguide.content.problems import Problems
from netguide.site import reserved_ids
from netguide.site.reserved_ids import theme_ids, theme_template_dirs

# -- the one list of what a pull request may change --------------------------------


def test_every_file_of_the_project_is_of_a_listed_kind():
    assert unlisted_files(ROOT) == []


def test_contributing_prints_the_list():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("### What a pull request may change", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)
    assert rows == [rule.pattern for rule in RULES]


@pytest.mark.parametrize(
    "relative",
    [
        "docs/evil.html",
        "docs/x.svg",
        "docs/assets/sub/x.js",
        "content/notes.txt",
        "content/articles/a/notes.md",
        "locales/en.json",
        "content/glossary/x/en.yml",
    ],
)
def test_a_new_kind_of_file_is_named_by_no_rule(relative):
    assert rule_for(relative) is None


def test_an_unlisted_file_or_a_false_image_is_an_error(tmp_path):
    for relative, data in {
        "docs/index.en.md": b"# Hi\n",
        "docs/page.html": b"<script></script>",
        "docs/images/ok.png": b"\x89PNG\r\n\x1a\n" + b"0" * 20,
        "docs/images/bad.png": b"<svg onload=x()>",
        "docs/images/x.svg": b"<svg/>",
        "docs/.hidden": b"editor state",
        "content/articles/a/en.yml~": b"backup",
    }.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(data)
    found = {problem.path.relative_to(tmp_path).as_posix(): problem.message for problem in unlisted_files(tmp_path)}
    assert set(found) == {"docs/page.html", "docs/images/bad.png", "docs/images/x.svg"}, found
    assert "no kind of file" in found["docs/page.html"]
    assert "does not start as a PNG" in found["docs/images/bad.png"]


# -- hand-written pages -------------------------------------------------------------


def _page(tmp_path, text, name="about.de.md"):
    path = tmp_path / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    check_page(path, LANGUAGES, problems, root=tmp_path)
    return [f"{problem.line}: {problem.message}" for problem in problems.items]


def test_the_real_pages_pass(tmp_path):
    for path in sorted((ROOT / "docs").glob("*.md")):
        problems = Problems()
        check_page(path, LANGUAGES, problems, root=ROOT)
        assert problems.items == [], path


@pytest.mark.parametrize(
    "front, expected",
    [
        ("description: fine\n", []),
        ('description: "a \\" quote, & <b>"\n', []),  # plain text: escaped where it lands
        ("template: x.html\n", ["2: the front matter sets 'template'"]),
        ("description: [a, b]\n", ["2: 'description' in the front matter is not a text"]),
        ("description: ok\nhide: [navigation]\n", ["3: the front matter sets 'hide'"]),
        ("description: &x a\ntitle: *x\n", ["2: YAML anchor '&x' is not allowed"]),
        ("description: " + "x" * 400 + "\n", ["2: 'description' in the front matter is longer"]),
        ('description: "\\x1b[31m"\n', ["2: a control character (U+001B)"]),
    ],
)
def test_front_matter_is_plain_text_under_known_keys(tmp_path, front, expected):
    found = _page(tmp_path, f"---\n{front}---\n\n# Title\n\nText.\n")
    assert len(found) == len(expected) and all(e in f for e, f in zip(expected, found, strict=False)), found


@pytest.mark.parametrize(
    "text", ["template: main.html\n\n# Title\n", "Description: x\ntitle: y\n\n# T\n", "   hide: navigation\n# T\n"]
)
def test_settings_mkdocs_would_read_without_front_matter_are_refused(tmp_path, text):
    found = _page(tmp_path, text)
    assert found and found[0].startswith("1: the page starts with a 'key: value' line"), found


def test_a_page_body_has_the_body_rules_and_its_own_title(tmp_path):
    assert _page(tmp_path, "# Title\n\nText.\n") == []
    assert any("top-level '#' heading" in f for f in _page(tmp_path, "# Title\n\n# Again\n"))
    assert any(f.startswith("5: raw HTML") for f in _page(tmp_path, "# T\n\nx\n\n<meta http-equiv=refresh>\n"))
    assert any("is not named" in f for f in _page(tmp_path, "# T\n", name="evil.md"))


# -- images only from the site ------------------------------------------------------


def _browser_origin(url: str) -> str:
    """What a browser resolves an image source to on https://guide.example/de/about/, as (scheme, host)."""
    url = url.strip("".join(map(chr, range(0x21)))).replace("\t", "").replace("\n", "").replace("\r", "")
    url = url.replace("\\", "/")
    resolved = urlsplit(urljoin("https://guide.example/de/about/", url))
    return f"{resolved.scheme}://{resolved.netloc}"


_url_parts = st.sampled_from(
    [
        "https:",
        "http:",
        "data:",
        "javascript:",
        "//",
        "/",
        "\\\\",
        "\\/",
        " //",
        "\t//",
        "../",
        "./",
        "img/",
        "HTTPS:",
        "h\ttps:",
        "x",
        ":",
        "?",
        "#",
        "host.example",
        "p.gif",
    ]
)


@settings(max_examples=400)
@given(st.lists(_url_parts, min_size=1, max_size=5).map("".join))
def test_a_local_source_resolves_to_the_site(url):
    if is_local_source(url):
        assert _browser_origin(url) == "https://guide.example", url


@pytest.mark.parametrize(
    "url",
    [
        "https://t.example/p.gif",
        "//t.example/p.gif",
        "\\\\t.example/p.gif",
        " //t.example/p.gif",
        "/\t/t.example/p.gif",
        "data:image/gif;base64,R0lG",
        "HtTpS://t.example/p.gif",
    ],
)
def test_remote_sources_are_refused(url):
    assert not is_local_source(url)
    problems = Problems()
    check_markdown(f"![x](<{url.replace(chr(92), chr(92) * 2)}>)", Path("x.yml"), 1, problems)  # '\\' escaped
    assert problems.items, url


# -- ids the theme and our pages use ------------------------------------------------


def test_theme_ids_come_from_its_templates():
    exact, prefixes = theme_ids(theme_template_dirs(ROOT))
    assert {"__config", "__search", "__drawer", "__toc"} <= exact
    assert {"__nav_", "__palette_", "__"} <= set(prefixes)


# -- bounded cost -------------------------------------------------------------------

_shapes = st.sampled_from(
    [
        "[",
        "![",
        "]",
        "(",
        ")",
        "<",
        ">",
        "*",
        "_",
        "`",
        "- ",
        "> ",
        "1. ",
        "    ",
        "\n",
        "\n\n",
        "{ #a }",
        "!!! note\n",
        "&amp;",
        "a",
        " ",
        "[a](b)",
        "<https://x>",
        "\\",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_shapes, max_size=4000).map("".join))
def test_any_text_gets_a_verdict_never_an_exception(text):
    problems = Problems()
    check_markdown(text, Path("x.yml"), 3, problems)  # raises nothing: refused with a message, or passed
    for problem in problems.items:
        assert problem.path == Path("x.yml") and problem.line is not None and problem.hint


_stateful = st.sampled_from(["[r]: https://x\n\n", "[r]", "## Same\n\n", "[^1]", "*[A]: b\n", "<div>\n", "\n\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_shapes | _stateful, max_size=60).map("".join), min_size=2, max_size=4))
def test_the_kept_renderer_renders_each_text_as_a_fresh_one(texts):
    # One Markdown instance renders every text (reset in between): nothing of a text may reach the next one,
    # neither a link reference, nor a heading id taken, nor a stashed piece of HTML.
    for text in texts:
        assert render(text) == markdown.Markdown(extensions=SITE_EXTENSIONS).convert(text)


def test_a_render_stopped_half_way_leaves_no_trace(monkeypatch):
    monkeypatch.setattr(parse_limits, "TIME_LIMIT", 1e-3)
    with pytest.raises(parse_limits.TooCostly):
        with parse_limits.bounded("the Markdown as the site renders it"):
            render("## Same\n\n[r]: https://x\n\n" + "Some [text](a.md) and *words*.\n\n" * 4000)
    assert render("## Same\n\n[r]") == '<h2 id="same">Same</h2>\n<p>[r]</p>'


def test_a_parse_past_the_time_limit_is_refused_with_file_and_line(monkeypatch):
    monkeypatch.setattr(parse_limits, "TIME_LIMIT", 1e-4)
    problems = Problems()
    check_markdown("Some [text](a.md) and words.\n\n" * 400, Path("de.yml"), 7, problems)
    assert [(p.path, p.line) for p in problems.items] == [(Path("de.yml"), 7)]
    assert "took longer than" in problems.items[0].message


def test_a_parse_too_deep_is_refused_not_raised(monkeypatch):
    monkeypatch.setattr(parse_limits, "MAX_NESTING", 10**6)
    monkeypatch.setattr(parse_limits, "MAX_INDENT", 10**6)
    problems = Problems()
    check_markdown("- " * 900 + "x", Path("de.yml"), 2, problems)
    assert problems.items and "nested too deep" in problems.items[0].message, problems.items


def test_limits_are_in_contributing():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("### What a text may cost", 1)[1].split("\n## ", 1)[0]
    for value in (
        parse_limits.MAX_PARAGRAPH_CHARS,
        parse_limits.MAX_OPENERS,
        parse_limits.MAX_NESTING,
        parse_limits.MAX_INDENT,
    ):
        assert f"{value:,}" in section, value
    assert all(key in contributing for key in FRONT_MATTER_KEYS)


def test_rendered_ids_of_a_body_are_checked(real_guide):
    from copy import deepcopy

    guide = deepcopy(real_guide)
    version = next(iter(guide.articles[0].versions.values()))
    object.__setattr__(version, "body", version.body + "\n\n## __config\n\nText\n{ #checklist }\n")
    found = reserved_ids.check_reserved_ids(guide, [], theme_template_dirs(ROOT))
    messages = sorted(problem.message for problem in found)
    assert any("'__config' is reserved" in m for m in messages) and any(
        "'checklist' is reserved" in m for m in messages
    )
