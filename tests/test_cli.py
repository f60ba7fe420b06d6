"""The translators' CLI (`netguide`), always run on a scratch copy of the project.

Commands are driven through typer's CliRunner with `--root <copy>`, and once
through a real subprocess (`python -m netguide`) with the copy as cwd.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ARTICLES, LANGUAGES, copy_project, run_mkdocs_build, translated
from netguide.cli import app
from netguide.content.model import content_hash
from scratch import edit, line_of

runner = CliRunner()


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch copy of the project with every translation stamped, so the baseline is 'up to date'."""
    root = copy_project(tmp_path / "project")
    result = netguide(root, "stamp")
    assert result.exit_code == 0, result.output
    return root


def netguide(root: Path, *args: str, env: dict | None = None):
    return runner.invoke(app, ["--root", str(root), *args], env=env)


def article_file(root: Path, article: str, language: str) -> Path:
    return root / "content" / "articles" / article / f"{language}.yml"


def problem_lines(output: str, file_name: str) -> list[str]:
    return [line for line in output.splitlines() if re.search(rf"{re.escape(file_name)}:\d+: error:", line)]


def assert_clean(root: Path, article: str, language: str) -> None:
    result = netguide(root, "check", article, language)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK:"), result.output


# -- a real process -----------------------------------------------------------


def test_module_runs_as_a_real_process(project):
    result = subprocess.run(
        [sys.executable, "-m", "netguide", "--help"], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    for command in ("status", "new", "check", "stamp", "add-language"):
        assert command in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "netguide", "status"], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "peer-networking" in result.stdout and "articles ×" in result.stdout


def test_every_command_has_help(project):
    for command in ("status", "new", "check", "stamp", "add-language"):
        result = netguide(project, command, "--help")
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output


# -- new + check ------------------------------------------------------------


def test_new_scaffold_fails_check_until_translated(project):
    path = article_file(project, "networking-mindset", "en")
    finished = yaml.safe_load(path.read_text(encoding="utf-8"))

    refused = netguide(project, "new", "networking-mindset", "en")
    assert refused.exit_code == 1 and "already exists" in refused.output and "--force" in refused.output

    created = netguide(project, "new", "networking-mindset", "en", "--force")
    assert created.exit_code == 0, created.output
    scaffold_text = path.read_text(encoding="utf-8")
    scaffold = yaml.safe_load(scaffold_text)
    source_path = article_file(project, "networking-mindset", "de")
    source = yaml.safe_load(source_path.read_text(encoding="utf-8"))
    assert scaffold["translated_from"] == {
        "language": "de",
        "source_hash": content_hash(source_path.read_text(encoding="utf-8")),
    }
    assert list(scaffold["myths"]) == list(source["myths"])
    assert list(scaffold["checklist"]) == list(source["checklist"])
    source_headings = re.findall(r"(?m)^(#+) ", source["body"])
    assert re.findall(r"(?m)^(#+) ", scaffold["body"]) == source_headings

    failed = netguide(project, "check", "networking-mindset", "en")
    assert failed.exit_code == 1
    marker_line = line_of(path, "title:")
    assert f"en.yml:{marker_line}: error: text not translated yet" in failed.output
    assert "fix:" in failed.output

    # The translator writes the text: the real translation's fields, under the scaffold's stamp.
    translated = {**finished, "translated_from": scaffold["translated_from"]}
    path.write_text(yaml.safe_dump(translated, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    assert_clean(project, "networking-mindset", "en")


def test_new_numbered_headings_keep_their_numbering(project):
    path = article_file(project, "peer-networking", "it")
    result = netguide(project, "new", "peer-networking", "it", "--force")
    assert result.exit_code == 0, result.output
    assert "  ## 1. TODO(translate): " in path.read_text(encoding="utf-8")


def test_new_scaffolds_a_field_added_to_the_schema(project):
    """The fields of `netguide new` come from translation.schema.json: a new one is scaffolded, in the schema's order."""
    schema_path = project / "content" / "schema" / "translation.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    properties = {}
    for name, field in schema["properties"].items():
        properties[name] = field
        if name == "summary":
            properties["teaser"] = {"description": "A line for social media.", "type": "string", "minLength": 1}
    schema["properties"] = properties
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    source = article_file(project, "peer-networking", "tl")
    edit(source, "\nmyths:", "\nteaser: Kilalanin ang mga kasabay mo.\nmyths:")

    result = netguide(project, "new", "peer-networking", "it", "--force")
    assert result.exit_code == 0, result.output
    path = article_file(project, "peer-networking", "it")
    scaffold = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert scaffold["teaser"] == "TODO(translate): Kilalanin ang mga kasabay mo."
    assert list(scaffold) == [name for name in properties if name in scaffold]  # the schema's order
    assert list(scaffold)[:4] == ["language", "title", "summary", "teaser"]
    check = netguide(project, "check", "peer-networking", "it")
    assert f"it.yml:{line_of(path, 'teaser:')}: error: text not translated yet" in check.output, check.output


def test_new_refuses_unknown_language_and_originals(project):
    unknown = netguide(project, "new", "peer-networking", "xx")
    assert unknown.exit_code == 2 and "not a language of the site" in unknown.output
    original = netguide(project, "new", "peer-networking", "tl", "--force")
    assert original.exit_code == 1 and "original" in original.output
    missing = netguide(project, "new", "no-such-article", "de")
    assert missing.exit_code == 2 and "no article" in missing.output


def test_missing_checklist_item_fails_check(project):
    path = article_file(project, "peer-networking", "de")
    assert_clean(project, "peer-networking", "de")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^  coffee-with-a-peer:.*\n", "", text), encoding="utf-8")
    result = netguide(project, "check", "peer-networking", "de")
    assert result.exit_code == 1
    assert f"de.yml:{line_of(path, 'checklist:')}: error: checklist id 'coffee-with-a-peer'" in result.output


def test_extra_heading_fails_check(project):
    path = article_file(project, "peer-networking", "de")
    assert_clean(project, "peer-networking", "de")
    edit(path, "  ## 2. ", "  ## Ein Zwischentitel\n\n  ## 2. ")
    result = netguide(project, "check", "peer-networking", "de")
    assert result.exit_code == 1
    line = line_of(path, "## Ein Zwischentitel")
    assert f"de.yml:{line}: error: extra heading '## Ein Zwischentitel'" in result.output, result.output


def test_changed_heading_level_fails_check(project):
    path = article_file(project, "peer-networking", "de")
    edit(path, "  ## 3. ", "  ### 3. ")
    result = netguide(project, "check", "peer-networking", "de")
    assert result.exit_code == 1
    assert f"de.yml:{line_of(path, '### 3.')}: error: heading '### 3." in result.output, result.output


def test_changed_number_fails_check(project):
    path = article_file(project, "peer-networking", "de")
    assert_clean(project, "peer-networking", "de")
    edit(path, "vor 20 oder", "vor 25 oder")
    result = netguide(project, "check", "peer-networking", "de")
    assert result.exit_code == 1
    line = line_of(path, "vor 25 oder")
    assert f"de.yml:{line}: error: number '25' is not in the source" in result.output, result.output
    assert "number '20' of the source (tl.yml line" in result.output


def test_link_must_match_the_source(project):
    path = article_file(project, "peer-networking", "de")
    edit(path, "Hey, ich mache", "Hey, [ich](https://example.org/) mache")
    result = netguide(project, "check", "peer-networking", "de")
    assert result.exit_code == 1
    assert f"de.yml:{line_of(path, 'example.org')}: error: link to 'https://example.org/'" in result.output


def test_arabic_indic_digits_count_as_the_same_numbers(project):
    path = article_file(project, "peer-networking", "ar")
    text = path.read_text(encoding="utf-8")
    assert "20" in text
    before = [row for row in netguide(project, "check", "peer-networking", "ar").output.splitlines() if "number" in row]
    path.write_text(text.replace("20", "٢٠"), encoding="utf-8")
    after = [row for row in netguide(project, "check", "peer-networking", "ar").output.splitlines() if "number" in row]
    assert len(after) == len(before), after


def test_unstamped_translation_and_github_annotations(project):
    path = article_file(project, "peer-networking", "de")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"source_hash: .*", "source_hash: TODO", text), encoding="utf-8")
    result = netguide(project, "check", "peer-networking", "de", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    line = line_of(path, "source_hash:")
    assert f"de.yml:{line}: error: the translation is not stamped" in result.output
    assert re.search(rf"::error file=\S*de\.yml,line={line}::the translation is not stamped", result.output)


def test_untranslated_ui_string_is_a_warning(project):
    path = project / "locales" / "de.yml"
    english = yaml.safe_load((project / "locales" / "en.yml").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^nav_about:.*$", f"nav_about: {english['nav_about']}", text), encoding="utf-8")
    result = netguide(project, "check")
    assert f"de.yml:{line_of(path, 'nav_about:')}: warning: 'nav_about' is the same as in en.yml" in result.output
    assert "'language_name' is the same" not in result.output and "'direction' is the same" not in result.output


# -- status + stamp -----------------------------------------------------------


def test_editing_the_source_marks_translations_outdated_until_stamped(project):
    missing = sum(len(LANGUAGES) - len(translated(article)) for article in ARTICLES)  # a language just added
    result = netguide(project, "status", "--strict")
    assert result.exit_code == (1 if missing else 0), result.output
    assert "outdated" not in "".join(result.output.splitlines(True)[1 : -2 if missing else -1])
    assert re.search(
        rf"{len(ARTICLES)} articles × {len(LANGUAGES)} languages: \d+ original, \d+ up to date, "
        rf"0 outdated, {missing} missing",
        result.output,
    )

    source = article_file(project, "peer-networking", "tl")
    edit(source, "## 4. ", "## 4. Talaga, ")
    status = json.loads(netguide(project, "status", "--format", "json").output)
    states = {entry["article"]: entry["status"] for entry in status["articles"]}
    translations = translated("peer-networking")
    assert states["peer-networking"] == {
        code: "original" if code == "tl" else "outdated" if code in translations else "missing" for code in LANGUAGES
    }
    assert status["counts"]["outdated"] == len(translations) - 1
    assert all(
        state != "outdated" for article, row in states.items() if article != "peer-networking" for state in row.values()
    )
    strict = netguide(project, "status", "--strict", "--language", "de")
    assert strict.exit_code == 1 and "outdated" in strict.output

    de = article_file(project, "peer-networking", "de")
    before = de.read_text(encoding="utf-8").splitlines()
    stamped = netguide(project, "stamp", "peer-networking", "de")
    assert stamped.exit_code == 0 and "Stamped 1 translation" in stamped.output
    after = de.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=False) if a != b]
    assert len(before) == len(after) and len(changed) == 1 and "source_hash" in changed[0][1]
    assert content_hash(source.read_text(encoding="utf-8")) in changed[0][1]
    status = json.loads(netguide(project, "status", "--format", "json").output)
    states = {entry["article"]: entry["status"] for entry in status["articles"]}
    assert states["peer-networking"]["de"] == "current" and states["peer-networking"]["it"] == "outdated"


def test_stamp_fills_in_todo(project):
    path = article_file(project, "networking-myths", "it")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"source_hash: .*", "source_hash: TODO", text), encoding="utf-8")
    assert "outdated" in netguide(project, "status", "-l", "it").output
    result = netguide(project, "stamp", "networking-myths", "it")
    assert result.exit_code == 0, result.output
    assert "TODO" not in path.read_text(encoding="utf-8")
    assert_clean(project, "networking-myths", "it")


# -- errors are messages -----------------------------------------------------


def test_errors_are_messages_not_tracebacks(project, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = netguide(empty, "status")
    assert result.exit_code == 1 and "mkdocs.yml not found" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)

    path = article_file(project, "peer-networking", "de")
    edit(path, "summary:", "summary: [unclosed\n  bad:")
    for command in (["status"], ["check"], ["stamp", "peer-networking", "de"]):
        result = netguide(project, *command)
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.output and "de.yml:" in result.output and "YAML syntax error" in result.output


def test_hostile_files_are_refused_by_check_stamp_and_new(project, tmp_path):
    """`netguide` reads content with the build's reader: an alias bomb and a symbolic link are problems."""
    bomb = article_file(project, "peer-networking", "it")
    edit(
        bomb,
        "\nmyths:",
        "\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=False))
        + "myths:",
    )
    line = line_of(bomb, "a: &a")
    secret = tmp_path / "secret.yml"
    secret.write_text("token: s3cret\n", encoding="utf-8")
    link = article_file(project, "networking-myths", "ar")
    link.unlink()
    link.symlink_to(secret)
    for command in (["check"], ["check", "peer-networking", "it"], ["stamp", "peer-networking", "it"]):
        result = netguide(project, *command)
        assert result.exit_code == 1, (command, result.output)
        assert f"it.yml:{line}: error: YAML anchor '&a' is not allowed" in result.output, (command, result.output)
        assert "Traceback" not in result.output
    for command in (["check"], ["check", "networking-myths", "ar"], ["stamp", "networking-myths", "ar"]):
        result = netguide(project, *command)
        assert result.exit_code == 1, (command, result.output)
        assert re.search(r"ar\.yml: error: the file is a symbolic link \(to \S*secret\.yml\)", result.output), (
            result.output
        )
        assert "s3cret" not in result.output
    forced = netguide(project, "new", "networking-myths", "ar", "--force")
    assert forced.exit_code == 1 and "the file is a symbolic link" in forced.output, forced.output
    assert secret.read_text(encoding="utf-8") == "token: s3cret\n"  # nothing was written through the link


def test_symlinked_article_folder_is_refused_by_check(project, tmp_path):
    folder = project / "content" / "articles" / "networking-myths"
    outside = tmp_path / "networking-myths"
    folder.rename(outside)
    folder.symlink_to(outside, target_is_directory=True)
    result = netguide(project, "check")
    assert result.exit_code == 1
    assert re.search(r"articles/networking-myths: error: the folder is a symbolic link", result.output), result.output
    assert netguide(project, "status").exit_code == 1
    one = netguide(project, "check", "networking-myths")
    assert one.exit_code == 2 and "the folder is a symbolic link" in one.output, one.output


# -- add-language ------------------------------------------------------------


def test_add_language_refuses_existing_and_invalid_codes(project):
    for code, message in (
        ("de", "already exists"),
        ("ES", "not a valid language code"),
        ("e1", "not a valid language code"),
    ):
        result = netguide(project, "add-language", code, "--name", "X")
        assert result.exit_code == 1 and message in result.output, result.output
    assert "- locale: ES" not in (project / "mkdocs.yml").read_text(encoding="utf-8")


def test_add_language_then_the_site_builds_with_it(project, tmp_path):
    mkdocs_before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = netguide(project, "add-language", "es", "--name", "Español")
    assert result.exit_code == 0, result.output

    locale = yaml.safe_load((project / "locales" / "es.yml").read_text(encoding="utf-8"))
    assert locale["language"] == "es" and locale["language_name"] == "Español" and locale["direction"] == "ltr"
    assert "TODO(translate)" in (project / "locales" / "es.yml").read_text(encoding="utf-8")
    names = {
        code: yaml.safe_load((project / "locales" / f"{code}.yml").read_text(encoding="utf-8"))["language_names"]
        for code in [*LANGUAGES, "es"]
    }
    assert all(names[code]["es"] for code in names)  # every locale names Spanish in its own language (CLDR)
    assert (names["en"]["es"], names["de"]["es"], names["es"]["es"], names["es"]["de"]) == (
        "Spanish",
        "Spanisch",
        "Español",
        "alemán",
    )
    glossary = yaml.safe_load((project / "content" / "glossary" / "es.yml").read_text(encoding="utf-8"))
    assert glossary["language"] == "es"
    assert (project / "docs" / "index.es.md").exists() and (project / "docs" / "about.es.md").exists()
    mkdocs_after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert mkdocs_after.startswith(mkdocs_before.split("        - locale: ar")[0])  # comments, !ENV kept
    assert "!ENV [SITE_URL" in mkdocs_after and "- locale: es\n          name: Español" in mkdocs_after
    assert netguide(project, "new", "peer-networking", "es").exit_code == 0  # es is now a language of the site
    article_file(project, "peer-networking", "es").unlink()

    check = netguide(project, "check")
    assert not [row for row in check.output.splitlines() if "error:" in row and re.search(r"\bes\.yml|\.es\.md", row)]
    status = netguide(project, "status", "--language", "es")
    assert status.exit_code == 0 and status.output.count("missing") >= len(ARTICLES)

    site = tmp_path / "site"
    build = run_mkdocs_build(project, site)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (site / "es" / "index.html").exists()
    assert (site / "es" / "guide" / "peer-networking" / "index.html").exists()  # falls back to the source
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'hreflang="es"[^>]*>\s*Español\s*</a>', english), "the language switcher lacks Español"


def test_check_warns_about_characters_the_pdf_cannot_show(project):
    """A checklist item with a character the PDF fonts lack would print as a box: check names file and line."""
    path = article_file(project, "networking-myths", "de")
    edit(path, 'den Sie mögen."', 'den Sie mögen. ☕"')
    result = netguide(project, "check", "networking-myths", "de")
    line = line_of(path, "☕")
    assert f"de.yml:{line}: warning: the PDF checklist cannot show '☕' (U+2615)" in result.output, result.output
    assert "fix: use another character" in result.output
    assert result.exit_code == 0, "a warning, not an error"
