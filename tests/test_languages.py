"""Any number of languages: the list comes from mkdocs.yml alone, and nothing else counts them."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from conftest import (
    ARTICLES,
    LANGUAGES,
    NEW_LANGUAGES,
    ROOT,
    copy_project,
    run_mkdocs_build,
    warnings_but_new_languages,
)
from htmlsite import soup
from netguide.cli import app
from netguide.translate.languages import language_codes

_COUNTS = r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+languages\b"


def test_the_tests_languages_are_mkdocs_yml_s():
    assert LANGUAGES == language_codes(ROOT)
    assert sorted(LANGUAGES) == sorted(path.stem for path in (ROOT / "locales").glob("*.yml"))


def test_a_new_name_is_capitalised_like_the_names_around_it():
    from netguide.translate.languages import styled_like

    assert styled_like("persiano", ["Inglese", "Tagalog"]) == "Persiano"
    assert styled_like("persiano", ["inglese", "Tagalog"]) == "persiano"
    assert styled_like("فارسی", ["العربية"]) == "فارسی"


def test_no_text_counts_the_languages():
    """Adding a language must not leave 'in five languages' behind: the site description and home page name no count."""
    texts = {
        "locales/en.yml": yaml.safe_load((ROOT / "locales" / "en.yml").read_text(encoding="utf-8"))["site_description"]
    }
    texts["docs/index.en.md"] = (ROOT / "docs" / "index.en.md").read_text(encoding="utf-8")
    for name, text in texts.items():
        assert not re.search(_COUNTS, text, re.IGNORECASE), f"{name} counts the languages: {text[:200]}"


# -- a sixth and seventh language, added, translated and built ------------------

#: Persian: right to left, in the Arabic script we have a font for. Hindi: Devanagari, a script we ship no font for.
NEW = {
    "fa": {
        "site_name": "شبکه‌سازی انسانی",
        "nav_home": "خانه",
        "translated_from": "ترجمه از {language}",
        "home": "شبکه‌سازی انسانی",
        "title": "چرا شبکه‌سازی با همتایان ارزش دارد",
        "direction": "rtl",
    },
    "hi": {
        "site_name": "मानवीय नेटवर्किंग",
        "nav_home": "मुखपृष्ठ",
        "translated_from": "{language} से अनुवादित",
        "home": "मानवीय नेटवर्किंग",
        "title": "साथियों के साथ नेटवर्किंग क्यों फ़ायदेमंद है",
        "direction": "ltr",
    },
}
TRANSLATED = "peer-networking"
PAGES = [
    "",
    "about/",
    "guide/myths/",
    "guide/glossary/",
    "guide/checklists/",
    "guide/status/",
    *(f"guide/{a}/" for a in ARTICLES),
    *(f"guide/checklists/{a}/" for a in ARTICLES),
]


def _cli(project: Path, *args: str):
    result = CliRunner().invoke(app, ["--root", str(project), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _set_value(path: Path, key: str, value: str) -> None:
    text = re.sub(
        rf"^{key}:.*$",
        f"{key}: {json.dumps(value, ensure_ascii=False)}",
        path.read_text(encoding="utf-8"),
        count=1,
        flags=re.MULTILINE,
    )
    path.write_text(text, encoding="utf-8")


def _without_markers(path: Path) -> None:
    """The translator's work, in short: the TODO(translate) lines and markers gone."""
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if "TODO(translate): copied" not in line]
    path.write_text("\n".join(lines).replace("TODO(translate): ", ""), encoding="utf-8")


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """A copy of the project with fa and hi added by `netguide add-language`, filled in, and built."""
    already = [code for code in NEW if code in LANGUAGES]
    assert not already, f"the site has {already} already: these tests add them (dev.py --with-language another one)"
    base = tmp_path_factory.mktemp("languages")
    project = copy_project(base / "project")
    added = {code: _cli(project, "add-language", code) for code in NEW}
    for code, text in NEW.items():
        locale_file = project / "locales" / f"{code}.yml"
        for key in ("site_name", "nav_home", "translated_from"):
            _set_value(locale_file, key, text[key])
        for path in (
            locale_file,
            project / "content" / "glossary" / f"{code}.yml",
            project / "docs" / f"index.{code}.md",
            project / "docs" / f"about.{code}.md",
        ):
            _without_markers(path)
        home = project / "docs" / f"index.{code}.md"
        home.write_text(
            re.sub(r"^# .*$", f"# {text['home']}", home.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE),
            encoding="utf-8",
        )
        _cli(project, "new", TRANSLATED, code)
        article = project / "content" / "articles" / TRANSLATED / f"{code}.yml"
        _without_markers(article)
        _set_value(article, "title", text["title"])
    check = CliRunner().invoke(app, ["--root", str(project), "check"])
    site = base / "site"
    build = run_mkdocs_build(project, site)
    assert build.returncode == 0, build.stdout + build.stderr
    return {
        "project": project,
        "site": site,
        "added": added,
        "check": check,
        "log": build.stderr,
        "languages": language_codes(project),
    }


def test_add_language_takes_name_and_direction_from_the_cldr(grown):
    assert grown["languages"] == [*LANGUAGES, "fa", "hi"]
    config = (grown["project"] / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- locale: fa\n          name: فارسی" in config and '- locale: hi\n          name: "हिन्दी"' in config
    for code, direction in (("fa", "rtl"), ("hi", "ltr")):
        locale = yaml.safe_load((grown["project"] / "locales" / f"{code}.yml").read_text(encoding="utf-8"))
        assert locale["direction"] == direction
        assert set(locale["language_names"]) == set(grown["languages"])
    names = {
        code: yaml.safe_load((grown["project"] / "locales" / f"{code}.yml").read_text(encoding="utf-8"))[
            "language_names"
        ]
        for code in grown["languages"]
    }
    assert names["en"]["fa"] == "Persian" and names["de"]["fa"] == "Persisch" and names["ar"]["fa"] == "الفارسية"
    assert names["it"]["hi"].lower() == "hindi"  # capitalised as the names already in it.yml are
    assert names["fa"]["de"] == "آلمانی" and names["hi"]["en"] == "अंग्रेज़ी"


def test_a_script_without_a_pdf_font_is_named_with_its_fix(grown):
    for said in (grown["added"]["hi"], grown["check"].output, grown["log"]):
        assert "no PDF font for the Devanagari script (Deva) of language 'hi'" in said, said[-3000:]
        assert "Noto Sans Devanagari" in said and "fonts/README.md" in said
    assert "of language 'fa'" not in grown["log"] + grown["check"].output
    assert grown["check"].exit_code == 0, grown["check"].output  # a warning: the site still builds


@pytest.mark.parametrize("path", PAGES)
def test_every_page_exists_in_every_language_with_its_lang_dir_and_switcher(grown, path):
    for code in grown["languages"]:
        page = soup(grown["site"], f"{code}/{path}")
        html = page.find("html")
        direction = yaml.safe_load((grown["project"] / "locales" / f"{code}.yml").read_text(encoding="utf-8"))[
            "direction"
        ]
        assert (html.get("lang"), html.get("dir")) == (code, direction), (code, path)
        links = {a["hreflang"]: a.get_text(strip=True) for a in page.select("a.md-select__link")}
        assert set(links) == set(grown["languages"]), (code, path, links)
        assert links["fa"] == "فارسی" and links["hi"] == "हिन्दी"


def test_the_new_languages_pages_are_in_their_language(grown):
    for code, text in NEW.items():
        home = soup(grown["site"], f"{code}/")
        assert home.find("h1").get_text(strip=True).startswith(text["home"])
        article = soup(grown["site"], f"{code}/guide/{TRANSLATED}/")
        assert article.find("h1").get_text(strip=True).startswith(text["title"])
        notice = article.select_one(".nk-notice--translation").get_text()
        assert text["translated_from"].split("{")[0].strip() in notice
        assert article.select_one(".nk-notice--outdated") is None
        fallback = soup(grown["site"], f"{code}/guide/networking-myths/")
        assert fallback.select_one(".nk-notice--fallback") is not None and fallback.select_one('div[lang="de"]')
        status = soup(grown["site"], f"{code}/guide/status/").select("table.nk-status-table thead th")
        assert len(status) == 1 + len(grown["languages"])


def test_each_new_language_has_its_own_search_index(grown):
    for code in grown["languages"]:
        index = json.loads((grown["site"] / code / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["docs"], code
        assert not [doc for doc in index["docs"] if doc["location"].split("/")[0] in grown["languages"]]
    persian = json.loads((grown["site"] / "fa" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(NEW["fa"]["title"] in doc["title"] for doc in persian["docs"])


def test_every_checklist_has_a_pdf_in_every_language(grown):
    pdfs = sorted(grown["site"].rglob("*.pdf"))
    assert len(pdfs) == len(grown["languages"]) * len(ARTICLES)
    for code in NEW:
        reader = PdfReader(grown["site"] / code / "guide" / "checklists" / f"{TRANSLATED}.pdf")
        assert reader.trailer["/Root"]["/Lang"] == code
    persian = PdfReader(grown["site"] / "fa" / "guide" / "checklists" / f"{TRANSLATED}.pdf").pages[0].extract_text()
    assert NEW["fa"]["title"].split()[0] in persian


def test_check_notices_a_locale_that_does_not_name_a_language(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "locales" / "en.yml"
    path.write_text(
        re.sub(r"^  de: German\n", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["--root", str(project), "check"])
    assert "en.yml:" in result.output and "warning: language_names has no name for 'de'" in result.output, result.output
    assert "fix: add 'de: German' (the Unicode CLDR's name) under language_names:" in result.output
    assert result.exit_code == 0, "a warning: the page falls back to the language's own name"


def test_the_font_follows_the_script_the_cldr_gives_each_language():
    from netguide.pdf.typefaces import ARABIC, LATIN, font_family, missing_font

    assert [font_family(code) for code in ("en", "tl", "de", "sr", "ru", "el", "pt-BR")] == [LATIN] * 7
    assert [font_family(code) for code in ("ar", "fa", "ur", "ps", "ckb")] == [ARABIC] * 5
    assert all(missing_font(code) is None for code in [*LANGUAGES, "fa", "ru", "el", "xx"])  # xx: unknown, no claim
    for code, script, font in (
        ("hi", "Devanagari", "Noto Sans Devanagari"),
        ("th", "Thai", "Noto Sans Thai"),
        ("he", "Hebrew", "Noto Sans Hebrew"),
        ("bn", "Bangla", "Noto Sans Bengali"),
    ):
        gap = missing_font(code)
        assert gap.script_name == script and gap.suggested_font == font
        assert f"'{code}'" in gap.message() and script in gap.message() and font in gap.hint()


# -- translating from a pivot language (`netguide new --from`) ----------------


def _guide(project: Path):
    from netguide.content.loader import load_guide

    return load_guide(project / "content", project / "locales", language_codes(project), "en")


def _notices(project: Path, article_id: str, language: str) -> dict[str, str]:
    """The notices of the article's page in `language`: {kind: text}, and the original's link language."""
    from bs4 import BeautifulSoup

    from netguide.site.pages import article_page

    guide = _guide(project)
    html = BeautifulSoup(article_page(guide, guide.article(article_id), language), "html.parser")
    found = {p["class"][1].removeprefix("nk-notice--"): p.get_text(" ", strip=True) for p in html.select("p.nk-notice")}
    link = html.select_one(".nk-notice--translation a")
    return {**found, "original": link["hreflang"] if link else ""}


def _translate_from(project: Path, article: str, language: str, pivot: str) -> Path:
    result = CliRunner().invoke(app, ["--root", str(project), "new", article, language, "--from", pivot, "--force"])
    assert result.exit_code == 0, result.output
    path = project / "content" / "articles" / article / f"{language}.yml"
    _without_markers(path)
    return path


def _append_paragraph(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n  {text}\n", encoding="utf-8")


@pytest.fixture
def pivoted(tmp_path) -> Path:
    """peer-networking (original: Tagalog) with its German version translated from the English one."""
    project = copy_project(tmp_path / "project")
    path = _translate_from(project, "peer-networking", "de", "en")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["translated_from"]["language"] == "en" and "# Translated from en.yml" in path.read_text(
        encoding="utf-8"
    )
    return project


def test_a_translation_from_a_pivot_says_so_and_links_the_original(pivoted):
    guide = _guide(pivoted)
    assert guide.article("peer-networking").status("de") == "current"
    notices = _notices(pivoted, "peer-networking", "de")
    assert notices["translation"].startswith(
        "Übersetzt aus: Englisch (diese Fassung ihrerseits übersetzt aus: Tagalog)"
    )
    assert notices["original"] == "tl" and "outdated" not in notices
    english = _notices(pivoted, "peer-networking", "en")  # a direct translation keeps the plain notice
    assert english["translation"].startswith("Translated from Tagalog ·") and english["original"] == "tl"
    check = CliRunner().invoke(app, ["--root", str(pivoted), "check", "peer-networking", "de"])
    assert check.exit_code == 0, check.output


def test_a_pivot_translation_is_outdated_when_its_pivot_or_the_original_changes(pivoted):
    articles = pivoted / "content" / "articles" / "peer-networking"
    english, tagalog = (
        (articles / "en.yml").read_text(encoding="utf-8"),
        (articles / "tl.yml").read_text(encoding="utf-8"),
    )
    _append_paragraph(articles / "en.yml", "One more English paragraph.")
    article = _guide(pivoted).article("peer-networking")
    assert (article.status("en"), article.status("de"), article.outdated_by("de")) == ("current", "outdated", "en")
    assert "Das Original (Englisch)" in _notices(pivoted, "peer-networking", "de")["outdated"]

    stamped = CliRunner().invoke(app, ["--root", str(pivoted), "stamp", "peer-networking", "de"])
    assert stamped.exit_code == 0 and _guide(pivoted).article("peer-networking").status("de") == "current"

    (articles / "en.yml").write_text(english, encoding="utf-8")
    assert _guide(pivoted).article("peer-networking").status("de") == "outdated"  # stamped against the edit
    CliRunner().invoke(app, ["--root", str(pivoted), "stamp", "peer-networking", "de"])
    _append_paragraph(articles / "tl.yml", "Isa pang talata.")
    article = _guide(pivoted).article("peer-networking")
    assert (article.status("en"), article.status("de"), article.outdated_by("de")) == ("outdated", "outdated", "tl")
    (articles / "tl.yml").write_text(tagalog, encoding="utf-8")
    assert _guide(pivoted).article("peer-networking").status("de") == "current"


def test_an_outdated_version_cannot_be_a_pivot(pivoted):
    _append_paragraph(pivoted / "content" / "articles" / "peer-networking" / "tl.yml", "Isa pang talata.")
    result = CliRunner().invoke(
        app, ["--root", str(pivoted), "new", "peer-networking", "it", "--from", "en", "--force"]
    )
    assert result.exit_code == 1
    assert "the en version cannot be translated from: en.yml is outdated: tl.yml changed" in result.output, (
        result.output
    )
    itself = CliRunner().invoke(
        app, ["--root", str(pivoted), "new", "peer-networking", "it", "--from", "it", "--force"]
    )
    assert itself.exit_code == 1 and "cannot be made from itself" in itself.output
    original = CliRunner().invoke(
        app, ["--root", str(pivoted), "new", "networking-mindset", "en", "--from", "it", "--force"]
    )
    assert original.exit_code == 0, original.output  # any original is up to date


def test_the_loader_refuses_a_source_that_is_missing_or_a_loop(pivoted):
    from netguide.content.problems import ContentError

    english = pivoted / "content" / "articles" / "peer-networking" / "en.yml"
    text = english.read_text(encoding="utf-8")
    english.write_text(re.sub(r"(translated_from:\n  language:) tl", r"\1 de", text), encoding="utf-8")
    with pytest.raises(ContentError) as loop:
        _guide(pivoted)
    assert "never to an original" in str(loop.value)
    english.write_text(re.sub(r"(translated_from:\n  language:) tl", r"\1 es", text), encoding="utf-8")
    with pytest.raises(ContentError) as missing:
        _guide(pivoted)
    assert "translated from 'es', but this article has no other version in 'es'" in str(missing.value)


# -- outdated means a change readers would see; `netguide diff` ---------------


def test_the_stamp_follows_what_readers_see_not_the_bytes():
    from netguide.content.model import content_hash

    text = (ROOT / "content" / "articles" / "peer-networking" / "tl.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    reformatted = (
        "# a comment\n"
        + text.replace("\ntitle: ", "\n# another comment\ntitle: ", 1).replace(
            f"title: {data['title']}", f"title: {json.dumps(data['title'], ensure_ascii=False)}", 1
        )
        + "\n\n# the end\n"
    )
    assert yaml.safe_load(reformatted) == data and reformatted != text
    assert content_hash(reformatted) == content_hash(text)
    shuffled = dict(reversed(list(data.items())))  # key order is not shown either
    spaced = {**data, "body": data["body"].replace("\n\n", "\n\n\n", 1) + "\n\n"}  # nor runs of blank lines
    from netguide.content.model import data_hash

    assert data_hash(shuffled) == data_hash(spaced) == content_hash(text)
    assert data_hash({**data, "title": data["title"] + "!"}) != content_hash(text)
    english = yaml.safe_load((ROOT / "content" / "articles" / "peer-networking" / "en.yml").read_text(encoding="utf-8"))
    restamped = {**english, "translated_from": {"language": "tl", "source_hash": "0" * 12}}
    assert data_hash(restamped) == data_hash(english), "re-stamping a pivot does not outdate what was made from it"


def test_the_real_content_is_stamped_with_the_data_hash(real_guide):
    for article in real_guide.articles:
        for language in real_guide.languages:
            allowed = ("original", "current", "missing") if language in NEW_LANGUAGES else ("original", "current")
            assert article.status(language) in allowed, (article.id, language)  # a new language's pages fall back


def _git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main", *args],
        cwd=project,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def history(tmp_path) -> Path:
    """A copy of the project in a git repository of its own, with one commit."""
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "the stamped version")
    return project


def _diff(project: Path, *args: str, env: dict | None = None):
    return CliRunner().invoke(app, ["--root", str(project), "diff", *args], env=env)


def test_diff_shows_what_changed_in_the_source_since_the_stamp(history):
    source = history / "content" / "articles" / "peer-networking" / "tl.yml"
    assert "is up to date" in _diff(history, "peer-networking", "de").output
    source.write_text("# a comment only: nothing readers see\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    assert "is up to date" in _diff(history, "peer-networking", "de").output
    _append_paragraph(source, "Isa pang talata.")
    _git(history, "commit", "-q", "-am", "a new paragraph")
    result = _diff(history, "peer-networking", "de")
    assert result.exit_code == 0, result.output
    assert "de.yml is outdated: tl.yml changed since the version it was stamped against" in result.output
    assert "the stamped version" in result.output and "Changed: body\n" in result.output
    assert "+  Isa pang talata." in result.output and "--- tl.yml @ " in result.output
    assert "+# a comment only" in result.output  # the lines as they are; 'Changed:' names what readers see
    assert "netguide stamp peer-networking de" in result.output


def test_diff_of_a_pivot_translation_points_up_the_chain(history):
    _translate_from(history, "peer-networking", "de", "en")
    _append_paragraph(history / "content" / "articles" / "peer-networking" / "tl.yml", "Isa pang talata.")
    result = _diff(history, "peer-networking", "de")
    assert "is up to date: en.yml has not changed" in result.output
    assert "note: en.yml is itself outdated against tl.yml: see `netguide diff peer-networking en`" in result.output


def test_diff_says_plainly_when_git_cannot_tell(history, tmp_path):
    path = history / "content" / "articles" / "peer-networking" / "de.yml"
    path.write_text(
        re.sub(r"source_hash: .*", 'source_hash: "0123456789ab"', path.read_text(encoding="utf-8")), encoding="utf-8"
    )
    result = _diff(history, "peer-networking", "de")
    assert result.exit_code == 1 and "de.yml is outdated" in result.output
    assert "no version of tl.yml in the git history has the stamp 0123456789ab" in result.output

    no_repository = copy_project(tmp_path / "elsewhere")
    _append_paragraph(no_repository / "content" / "articles" / "peer-networking" / "tl.yml", "Isa pang talata.")
    result = _diff(no_repository, "peer-networking", "de")
    assert result.exit_code == 1 and "is not in a git repository" in result.output, result.output
    result = _diff(no_repository, "peer-networking", "de", env={"PATH": str(tmp_path / "no-git-here")})
    assert result.exit_code == 1 and "git is not installed" in result.output, result.output


# -- acknowledging a warning, and check --strict ------------------------------


def _check(project: Path, *args: str):
    return CliRunner().invoke(app, ["--root", str(project), "check", *args])


def test_the_real_content_passes_check_strict():
    """A language still being translated (NEW_LANGUAGES) fails it only by the warnings that say so."""
    result = _check(ROOT, "--strict")
    assert warnings_but_new_languages(result.output) == [] and ": error: " not in result.output, result.output
    assert result.exit_code == (1 if NEW_LANGUAGES else 0), result.output


def test_a_warning_is_acknowledged_where_it_points_with_a_reason(tmp_path):
    """In de.yml, so checked in de only (a language still being translated warns in its own files)."""
    project = copy_project(tmp_path / "project")
    path = project / "locales" / "de.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(pdf_online_at: .*?)\s*#.*$", r"\1", text)  # as if never acknowledged
    path.write_text(text, encoding="utf-8")
    strict = _check(project, "--strict", "all", "de")
    assert strict.exit_code == 1 and "de.yml:" in strict.output and "'pdf_online_at' is the same" in strict.output
    assert "acknowledge one that is right as it is" in strict.output
    assert _check(project, "all", "de").exit_code == 0, "without --strict a warning does not fail"

    path.write_text(
        text.replace('pdf_online_at: "Online:"', 'pdf_online_at: "Online:"  # netguide-ok: the same word'),
        encoding="utf-8",
    )
    result = _check(project, "--strict", "all", "de")
    assert result.exit_code == 0 and "acknowledged)." in result.output, result.output

    # On a line of its own above; without a reason it counts for nothing; where nothing is wrong it is flagged.
    path.write_text(
        text.replace('pdf_online_at: "Online:"', '# netguide-ok: the same word\npdf_online_at: "Online:"').replace(
            "nav_home: Startseite", "nav_home: Startseite  # netguide-ok: never mind"
        ),
        encoding="utf-8",
    )
    result = _check(project, "--strict", "all", "de")
    assert "'pdf_online_at' is the same" not in result.output
    assert re.search(r"de\.yml:9: warning: nothing to acknowledge here", result.output), result.output
    path.write_text(
        text.replace('pdf_online_at: "Online:"', 'pdf_online_at: "Online:"  # netguide-ok:'), encoding="utf-8"
    )
    result = _check(project, "--strict", "all", "de")
    assert "an acknowledgment without a reason" in result.output and "'pdf_online_at' is the same" in result.output


def test_an_outdated_translation_cannot_be_acknowledged(tmp_path):
    project = copy_project(tmp_path / "project")
    _append_paragraph(project / "content" / "articles" / "peer-networking" / "tl.yml", "Isa pang talata.")
    path = project / "content" / "articles" / "peer-networking" / "de.yml"
    path.write_text(
        re.sub(r"(source_hash: .*)", r"\1  # netguide-ok: later", path.read_text(encoding="utf-8")), encoding="utf-8"
    )
    result = _check(project, "--strict", "peer-networking", "de")
    assert result.exit_code == 1 and "outdated" in result.output, result.output
    assert "cannot be acknowledged" in result.output
