"""Bad content fails with the file, the line and what to fix; all problems at once."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ARTICLES, LANGUAGES, ROOT
from netguide.content.loader import load_guide
from netguide.content.problems import ContentError


@pytest.fixture
def content(tmp_path) -> Path:
    """A scratch copy of content/ and locales/; returns its root."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    return tmp_path


def load(root: Path):
    return load_guide(root / "content", root / "locales", LANGUAGES, "en")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(root)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_real_content_loads(content):
    guide = load(content)
    assert [a.id for a in guide.articles] == ARTICLES
    for article in guide.articles:
        assert set(article.versions) == set(LANGUAGES)


def test_yaml_syntax_error_names_file_and_line(content):
    path = content / "content/articles/networking-myths/de.yml"
    line = line_of(path, "summary:")
    edit(path, "summary:", "summary: [unclosed\n  bad:")
    (message,) = problems_of(content)
    assert message.startswith(f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}") or str(path.name) in message
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

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
) + "\n"


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
