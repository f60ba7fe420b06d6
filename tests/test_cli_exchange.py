"""`netguide export` / `netguide import`: translations out to XLIFF 2 or PO and back, in a scratch copy of the project.

Every article and every language it is translated into is read from the
project (mkdocs.yml, article.yml); the files are edited with translate-toolkit,
the library CAT tools' files are read with, not with string replacement.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.storage import pypo, xliff2

from conftest import ARTICLES, LANGUAGES, ROOT, copy_project
from netguide.translate import exchange_formats as formats
from netguide.translate.units import Unit, block_ids, body_blocks, fill_body
from test_cli import article_file, netguide

SUFFIX = {"xliff": ".xlf", "po": ".po"}


def _meta(root: Path, article: str) -> dict:
    return yaml.safe_load((root / "content" / "articles" / article / "article.yml").read_text(encoding="utf-8"))


def translations(root: Path) -> list[tuple[str, str]]:
    """Every (article, language) that is a translation, not an original (nor missing: a language just added)."""
    pairs = []
    for article in ARTICLES:
        meta = _meta(root, article)
        originals = meta.get("originals") or [meta["source_language"]]
        pairs += [
            (article, code)
            for code in LANGUAGES
            if code not in originals and article_file(root, article, code).exists()
        ]
    return pairs


@pytest.fixture(scope="module")
def stamped(tmp_path_factory) -> Path:
    """A pristine stamped copy; each test copies it again (stamping once keeps the tests fast)."""
    root = copy_project(tmp_path_factory.mktemp("exchange") / "project")
    result = netguide(root, "stamp")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def project(stamped, tmp_path) -> Path:
    import shutil

    root = tmp_path / "project"
    shutil.copytree(stamped, root)
    return root


def snapshot(root: Path) -> dict[str, str]:
    """Every file under content/ by its hash: to show that nothing was written."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((root / "content").rglob("*"))
        if path.is_file()
    }


def export(root: Path, article: str, language: str, fmt: str) -> Path:
    out = root.parent / "exports"
    result = netguide(root, "export", article, language, "--format", fmt, "--output", str(out))
    assert result.exit_code == 0, result.output
    path = out / article / f"{language}{SUFFIX[fmt]}"
    assert path.is_file()
    return path


def load_store(path: Path):
    return (xliff2.Xliff2File if path.suffix == ".xlf" else pypo.pofile).parsefile(str(path))


def unit_of(store, unit_id: str):
    for unit in store.units:
        if (unit.getcontext() if isinstance(store, pypo.pofile) else unit.getid()) == unit_id:
            return unit
    raise AssertionError(f"no unit {unit_id}")


def note_of(store, unit) -> str:
    """The unit's note: PO's extracted comment; XLIFF 2's <notes> of the <unit> (where the standard puts it)."""
    if isinstance(store, pypo.pofile):
        return unit.getnotes()
    return "".join(unit.getunitelement().find(store.namespaced("notes")).itertext())


def append_text(store, unit, extra: str) -> None:
    """Add `extra` at the end of a unit's translation, as a CAT tool does: XLIFF inline codes stay where they are."""
    if isinstance(store, pypo.pofile):
        unit.target = str(unit.target) + extra
        return
    target = unit.xmlelement.find(store.namespaced("target"))
    if len(target):
        target[-1].tail = (target[-1].tail or "") + extra
    else:
        target.text = (target.text or "") + extra


def save(store, path: Path) -> None:
    path.write_bytes(bytes(store))


def import_fails(root: Path, path: Path, *expected: str) -> str:
    before = snapshot(root)
    result = netguide(root, "import", str(path))
    assert result.exit_code == 1, result.output
    for text in expected:
        assert text in result.output, result.output
    assert snapshot(root) == before, "a failed import wrote a file"
    return result.output


# -- what an export holds ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_an_export_has_every_text_with_its_id_source_translation_and_note(project, fmt):
    article, language = translations(project)[0]
    meta = _meta(project, article)
    target = yaml.safe_load(article_file(project, article, language).read_text(encoding="utf-8"))
    source = yaml.safe_load(
        article_file(project, article, target["translated_from"]["language"]).read_text(encoding="utf-8")
    )
    store = load_store(export(project, article, language, fmt))
    assert unit_of(store, f"{article}.title").source == source["title"]
    assert unit_of(store, f"{article}.title").target == target["title"]
    for myth in meta["myths"]:
        assert unit_of(store, f"{article}.myths.{myth}.fact").target == target["myths"][myth]["fact"]
    for item in meta["checklist"]:
        unit = unit_of(store, f"{article}.checklist.{item}")
        assert unit.source == source["checklist"][item]
        assert item in note_of(store, unit)
    blocks = body_blocks(source["body"])
    for block, unit_id in zip(blocks, block_ids(article, blocks), strict=True):
        assert unit_of(store, unit_id).source == source["body"][block.start : block.end]
    sections = set(meta["sections"].values())
    anchored = {unit_id.rsplit(".", 1)[-1] for unit_id in block_ids(article, blocks)}
    assert sections <= anchored, "every section's { #id } is a unit id"
    counted = [u for u in store.units if not (isinstance(store, pypo.pofile) and u.isheader())]
    assert len(counted) == 2 + 2 * len(meta["myths"]) + len(meta["checklist"]) + len(blocks)


def test_the_body_structure_is_not_in_any_unit(project):
    article, language = translations(project)[0]
    store = load_store(export(project, article, language, "xliff"))
    for unit in store.units:
        assert "{ #" not in unit.source and not unit.source.startswith("#"), unit.getid()


# -- round trips ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_an_unchanged_import_leaves_every_file_byte_identical(project, fmt):
    before = snapshot(project)
    for article, language in translations(project):
        path = export(project, article, language, fmt)
        result = netguide(project, "import", str(path))
        assert result.exit_code == 0, result.output
        assert "unchanged" in result.output
    assert snapshot(project) == before


@pytest.mark.parametrize("fmt", ["xliff", "po"])
@pytest.mark.parametrize("field", ["title", "checklist", "body"])
def test_one_edited_unit_changes_only_its_text(project, fmt, field):
    article, language = translations(project)[-1]
    meta = _meta(project, article)
    path = article_file(project, article, language)
    old_text = path.read_text(encoding="utf-8")
    old = yaml.safe_load(old_text)
    exported = export(project, article, language, fmt)
    store = load_store(exported)
    blocks = body_blocks(old["body"])
    unit_id = {
        "title": f"{article}.title",
        "checklist": f"{article}.checklist.{meta['checklist'][-1]}",
        "body": block_ids(article, blocks)[1],
    }[field]
    tag = "" if field == "body" else " <b>x</b>"  # plain text may hold one; a body may not (raw HTML)
    extra = " – edited: “quoted”, # not a comment, &amp; 'q': x" + tag
    current = {"title": old["title"], "checklist": old["checklist"][meta["checklist"][-1]]}
    current["body"] = old["body"][blocks[1].start : blocks[1].end]
    new_value = current[field] + extra
    append_text(store, unit_of(store, unit_id), extra)
    save(store, exported)

    result = netguide(project, "import", str(exported))
    assert result.exit_code == 0, result.output
    new_text = path.read_text(encoding="utf-8")
    new = yaml.safe_load(new_text)
    expected = dict(old)
    if field == "title":
        expected["title"] = new_value
    elif field == "checklist":
        expected["checklist"] = {**old["checklist"], meta["checklist"][-1]: new_value}
    else:
        texts = [old["body"][b.start : b.end] for b in blocks]
        texts[1] = new_value
        expected["body"] = fill_body(old["body"], texts)
    assert new == expected
    changed = [(a, b) for a, b in zip(old_text.split("\n"), new_text.split("\n"), strict=True) if a != b]
    assert len(changed) == 1, changed  # one line: the edited text's, nothing else of the file
    status = netguide(project, "status", "--format", "json")
    row = next(a for a in json.loads(status.output)["articles"] if a["article"] == article)
    assert row["status"][language] == "current"
    check = netguide(project, "check", article, language)
    assert check.exit_code == 0, check.output


def test_a_new_translation_is_written_as_netguide_new_writes_it(project):
    article, language = translations(project)[0]
    path = article_file(project, article, language)
    full = load_store(export(project, article, language, "po"))
    path.unlink()
    exported = export(project, article, language, "po")
    store = load_store(exported)
    for unit in store.units:
        if not unit.isheader():
            assert not unit.target, "no translation yet: no targets"
            unit.target = unit_of(full, unit.getcontext()).target
    save(store, exported)
    result = netguide(project, "import", str(exported))
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/translation.schema.json\n")
    check = netguide(project, "check", article, language)
    assert check.exit_code == 0, check.output
    status = json.loads(netguide(project, "status", "--format", "json").output)
    assert next(a for a in status["articles"] if a["article"] == article)["status"][language] == "current"


def test_several_files_are_written_only_when_all_pass(project):
    (first_article, first_language), *rest = translations(project)
    good = export(project, first_article, first_language, "po")
    store = load_store(good)
    unit_of(store, f"{first_article}.title").target = "A new title"
    save(store, good)
    article, language = next((a, code) for a, code in rest if a != first_article)
    bad = export(project, article, language, "xliff")
    store = load_store(bad)
    unit_of(store, f"{article}.title").target = ""
    save(store, bad)
    before = snapshot(project)
    result = netguide(project, "import", str(good), str(bad))
    assert result.exit_code == 1
    assert f"unit {article}.title is not translated" in result.output
    assert snapshot(project) == before


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_markup_survives_an_edit_and_is_inline_codes_in_xliff(project, fmt):
    article, language = translations(project)[0]
    unit_id = _with_markup(project, article, language)
    exported = export(project, article, language, fmt)
    store = load_store(exported)
    unit = unit_of(store, unit_id)
    if fmt == "xliff":
        ns = store.namespace
        target = unit.xmlelement.find(store.namespaced("target"))
        codes = {ph.get("dataRef") for ph in target.iter(f"{{{ns}}}ph")}
        data = {d.get("id"): d.text for d in unit.getunitelement().iter(f"{{{ns}}}data")}
        assert {data[ref] for ref in codes} >= {"[", "](https://example.org/a)", "`x`"}
        assert "https://example.org/a" not in "".join(target.itertext()), "the link target is in a tag, not text"
    append_text(store, unit, " (edited)")
    save(store, exported)
    result = netguide(project, "import", str(exported))
    assert result.exit_code == 0, result.output
    body = yaml.safe_load(article_file(project, article, language).read_text(encoding="utf-8"))["body"]
    assert "[more](https://example.org/a) `x` (edited)" in body


def test_an_inline_code_with_unknown_data_is_named(project):
    article, language = translations(project)[0]
    unit_id = _with_markup(project, article, language)
    exported = export(project, article, language, "xliff")
    store = load_store(exported)
    target = unit_of(store, unit_id).xmlelement.find(store.namespaced("target"))
    next(target.iter(f"{{{store.namespace}}}ph")).set("dataRef", "d99")
    save(store, exported)
    import_fails(project, exported, f"unit {unit_id}: inline code", "names no data")


def test_a_dropped_link_code_is_named(project):
    article, language = translations(project)[0]
    unit_id = _with_markup(project, article, language)
    exported = export(project, article, language, "xliff")
    store = load_store(exported)
    unit = unit_of(store, unit_id)
    data = {d.get("id"): d.text for d in unit.getunitelement().iter(f"{{{store.namespace}}}data")}
    target = unit.xmlelement.find(store.namespaced("target"))
    for ph in list(target.iter(f"{{{store.namespace}}}ph")):
        if data[ph.get("dataRef")].startswith("]("):
            ph.getparent().remove(ph)  # the tail goes with it: the text after the link is lost too
    save(store, exported)
    import_fails(project, exported, f"unit {unit_id}", "link")


# -- broken imports -------------------------------------------------------------------


def test_a_missing_unit_is_named(project):
    article, language = translations(project)[0]
    exported = export(project, article, language, "xliff")
    store = load_store(exported)
    gone = unit_of(store, f"{article}.summary").getunitelement()
    gone.getparent().remove(gone)
    exported.write_bytes(bytes(store))
    import_fails(project, exported, f"unit {article}.summary is missing", exported.name)


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_changed_id_is_named(project, fmt):
    article, language = translations(project)[0]
    meta = _meta(project, article)
    exported = export(project, article, language, fmt)
    store = load_store(exported)
    unit = unit_of(store, f"{article}.checklist.{meta['checklist'][0]}")
    if fmt == "po":
        unit.setcontext(f"{article}.checklist.renamed")
    else:
        unit.setid(f"{article}.checklist.renamed")
    save(store, exported)
    import_fails(
        project,
        exported,
        f"unit {article}.checklist.renamed is not a unit of {article}",
        f"unit {article}.checklist.{meta['checklist'][0]} is missing",
    )


def _with_markup(root: Path, article: str, language: str) -> str:
    """Give a paragraph of the source and of the translation a link and code; stamp; the unit's id."""
    target_path = article_file(root, article, language)
    target = yaml.safe_load(target_path.read_text(encoding="utf-8"))
    source_path = article_file(root, article, target["translated_from"]["language"])
    for path in (source_path, target_path):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        block = body_blocks(data["body"])[0]
        text = data["body"][block.start : block.end]
        new_body = fill_body(
            data["body"],
            [text + " [more](https://example.org/a) `x`"]
            + [data["body"][b.start : b.end] for b in body_blocks(data["body"])[1:]],
        )
        path.write_text(
            path.read_text(encoding="utf-8").replace(data["body"].split("\n")[0], new_body.split("\n")[0], 1),
            encoding="utf-8",
        )
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["body"] == new_body
    assert netguide(root, "stamp").exit_code == 0
    return block_ids(article, body_blocks(yaml.safe_load(source_path.read_text(encoding="utf-8"))["body"]))[0]


@pytest.mark.parametrize("broken", ["https://example.org/b", "(https://example.org/a"])
def test_broken_markup_is_named(project, broken):
    article, language = translations(project)[0]
    unit_id = _with_markup(project, article, language)
    exported = export(project, article, language, "po")
    store = load_store(exported)
    unit = unit_of(store, unit_id)
    assert "[more](https://example.org/a)" in unit.target
    unit.target = str(unit.target).replace(
        "(https://example.org/a)", broken if broken.startswith("(") else f"({broken})"
    )
    save(store, exported)
    import_fails(project, exported, f"unit {unit_id}", "link")


def test_a_unit_that_breaks_the_body_structure_is_named(project):
    article, language = translations(project)[0]
    exported = export(project, article, language, "xliff")
    store = load_store(exported)
    target = yaml.safe_load(article_file(project, article, language).read_text(encoding="utf-8"))
    unit_id = block_ids(article, body_blocks(target["body"]))[0]
    unit = unit_of(store, unit_id)
    unit.target = str(unit.target) + "\n\n## A heading of its own"
    save(store, exported)
    import_fails(project, exported, f"unit {unit_id} breaks the body's structure")


def test_a_file_for_another_language_or_article_is_refused(project):
    article, language = translations(project)[0]
    exported = export(project, article, language, "xliff")
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace(f'trgLang="{language}"', 'trgLang="xx"'), encoding="utf-8")
    import_fails(project, exported, "language 'xx'", exported.name)
    exported.write_text(text.replace(f'<file id="{article}"', '<file id="../../../etc"'), encoding="utf-8")
    import_fails(project, exported, "article '../../../etc'")
    original = _meta(project, article)["source_language"]
    exported.write_text(text.replace(f'trgLang="{language}"', f'trgLang="{original}"'), encoding="utf-8")
    import_fails(project, exported, f"{original} is an original")


@pytest.mark.parametrize(
    "content, expected",
    [
        ("<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'><file id='x'>", "malformed XML"),
        (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            "<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'><file id='a'>&lol2;</file></xliff>",
            "DTD or entities",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            "<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'><file id='a'>&e;</file></xliff>",
            "DTD or entities",
        ),
        ("<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file/></xliff>", "not an XLIFF 2"),
    ],
)
def test_hostile_or_malformed_xml_is_refused(project, tmp_path, content, expected):
    path = tmp_path / "hostile.xlf"
    path.write_text(content, encoding="utf-8")
    import_fails(project, path, expected, "hostile.xlf")


def test_a_huge_file_is_refused_unread(project, tmp_path):
    path = tmp_path / "huge.po"
    with path.open("wb") as handle:
        handle.write(b'msgid ""\nmsgstr ""\n')
        handle.write(b"#" * (formats.MAX_BYTES + 10))
    import_fails(project, path, "larger than", "huge.po")


def test_a_file_that_is_not_an_export_is_refused(project, tmp_path):
    path = tmp_path / "plain.po"
    store = pypo.pofile()
    store.addsourceunit("hello").target = "hallo"
    save(store, path)
    import_fails(project, path, "does not name its article")


# -- any text --------------------------------------------------------------------------

# Texts as content may hold them: any character but the control characters the loader refuses.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u202d\u202e\ufeff")
    | st.sampled_from("\t\n"),
    min_size=1,
    max_size=80,
).filter(lambda text: text.strip() and text == text.strip())


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=4), fmt=st.sampled_from(["xliff", "po"]))
def test_any_text_round_trips_through_both_formats(texts, fmt):
    units = [Unit(f"a.body.start.{i}", text, text[::-1], "a note") for i, text in enumerate(texts)]
    exchange = formats.Exchange("a", "de", "en", "0123456789ab", units)
    back = formats.read(formats.write(exchange, fmt, "content/articles/a/de.yml"), fmt)
    assert [(u.id, u.source, u.target) for u in back.units] == [(u.id, u.source, u.target) for u in units]
    assert (back.article, back.language, back.source_language, back.source_hash) == ("a", "de", "en", "0123456789ab")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT.filter(lambda t: "\n" not in t and "TODO" not in t), item=TEXT.filter(lambda t: len(t) <= 300))
def test_any_text_imported_is_the_yaml_value_exactly(stamped, tmp_path_factory, title, item):
    import shutil

    root = tmp_path_factory.mktemp("any") / "project"
    shutil.copytree(stamped, root)
    article, language = translations(root)[0]
    meta = _meta(root, article)
    exported = export(root, article, language, "xliff")
    store = load_store(exported)
    unit_of(store, f"{article}.title").target = title
    unit_of(store, f"{article}.checklist.{meta['checklist'][0]}").target = item
    save(store, exported)
    before = article_file(root, article, language).read_bytes()
    result = netguide(root, "import", str(exported))
    if result.exit_code == 0:
        data = yaml.safe_load(article_file(root, article, language).read_text(encoding="utf-8"))
        assert data["title"] == title
        assert data["checklist"][meta["checklist"][0]] == item
    else:  # refused by the checks of `netguide check` (e.g. a text the loader refuses): then nothing written
        assert ": error: " in result.output, result.output
        assert article_file(root, article, language).read_bytes() == before


def test_the_weblate_example_names_every_article_and_the_files_export_writes(project):
    components = json.loads((ROOT / "translations" / "weblate-components.json").read_text(encoding="utf-8"))
    assert [c["slug"] for c in components] == ARTICLES
    for component in components:
        assert component["file_format"] == "po"
        article, language = next(pair for pair in translations(project) if pair[0] == component["slug"])
        written = export(project, article, language, "po").relative_to(project.parent / "exports")
        assert fnmatch.fnmatch(f"translations/{written.as_posix()}", component["filemask"])


# -- the glossary ---------------------------------------------------------------------


def _default(root: Path) -> str:
    from netguide.translate.languages import default_language

    return default_language(root)


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_the_glossary_round_trips_and_one_edited_term_changes_one_line(project, fmt):
    before = snapshot(project)
    others = [code for code in LANGUAGES if code != _default(project)]
    for code in others:
        result = netguide(project, "import", str(export(project, "glossary", code, fmt)))
        assert result.exit_code == 0, result.output
    assert snapshot(project) == before
    code = others[-1]
    path = project / "content" / "glossary" / f"{code}.yml"
    old_text = path.read_text(encoding="utf-8")
    old = yaml.safe_load(old_text)
    term = list(old["terms"])[-1]
    exported = export(project, "glossary", code, fmt)
    store = load_store(exported)
    unit_of(store, f"glossary.terms.{term}.definition").target = "A new definition: “x” # y"
    save(store, exported)
    result = netguide(project, "import", str(exported))
    assert result.exit_code == 0, result.output
    new_text = path.read_text(encoding="utf-8")
    expected = dict(
        old, terms={**old["terms"], term: {**old["terms"][term], "definition": "A new definition: “x” # y"}}
    )
    assert yaml.safe_load(new_text) == expected
    assert sum(a != b for a, b in zip(old_text.split("\n"), new_text.split("\n"), strict=True)) == 1
    assert netguide(project, "check").exit_code == 0


def test_the_glossary_of_the_default_language_is_the_source(project):
    result = netguide(project, "export", "glossary", _default(project))
    assert result.exit_code == 1
    assert "is the source of the others" in result.output


def test_a_glossary_unit_missing_is_named(project):
    code = next(code for code in LANGUAGES if code != _default(project))
    exported = export(project, "glossary", code, "po")
    store = load_store(exported)
    first = next(u for u in store.units if not u.isheader())
    store.units.remove(first)
    save(store, exported)
    import_fails(project, exported, f"unit {first.getcontext()} is missing")


# -- an outdated translation ---------------------------------------------------------


def _git(root: Path, *args: str) -> None:
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True, capture_output=True
    )


def test_an_outdated_translation_exports_the_changed_texts_for_review(project):
    article, language = translations(project)[0]
    meta = _meta(project, article)
    target = yaml.safe_load(article_file(project, article, language).read_text(encoding="utf-8"))
    source_path = article_file(project, article, target["translated_from"]["language"])
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "stamped")
    item = meta["checklist"][0]
    source = yaml.safe_load(source_path.read_text(encoding="utf-8"))
    text = source_path.read_text(encoding="utf-8")
    assert text.count(source["checklist"][item]) == 1
    source_path.write_text(text.replace(source["checklist"][item], source["checklist"][item] + " Again."), "utf-8")
    _git(project, "commit", "-qam", "source changed")

    exported = export(project, article, language, "po")
    store = load_store(exported)
    fuzzy = [u.getcontext() for u in store.units if not u.isheader() and u.isfuzzy()]
    assert fuzzy == [f"{article}.checklist.{item}"]
    import_fails(project, exported, f"unit {article}.checklist.{item} is marked for review")

    unit = unit_of(store, f"{article}.checklist.{item}")
    unit.markfuzzy(False)
    unit.target = str(unit.target) + " Noch einmal."
    save(store, exported)
    result = netguide(project, "import", str(exported))
    assert result.exit_code == 0, result.output
    status = json.loads(netguide(project, "status", "--format", "json").output)
    assert next(a for a in status["articles"] if a["article"] == article)["status"][language] == "current"


def test_without_history_every_text_of_an_outdated_translation_is_for_review(project):
    article, language = translations(project)[0]
    target = yaml.safe_load(article_file(project, article, language).read_text(encoding="utf-8"))
    source_path = article_file(project, article, target["translated_from"]["language"])
    source = yaml.safe_load(source_path.read_text(encoding="utf-8"))
    text = source_path.read_text(encoding="utf-8")
    source_path.write_text(text.replace(source["title"], source["title"] + " 2", 1), encoding="utf-8")
    store = load_store(export(project, article, language, "xliff"))
    states = {unit.xmlelement.get("state") for unit in store.units}
    assert states == {"initial"}


def test_export_writes_into_the_projects_translations_folder_by_default(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article, language = translations(project)[0]
    result = netguide(project, "export", "all", language, "--format", "po")
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(project).as_posix() for p in (project / "translations").rglob("*.po"))
    expected = [f"translations/{a}/{language}.po" for a, code in translations(project) if code == language]
    if language != _default(project):  # the default language's glossary is the source of the others
        expected.append(f"translations/glossary/{language}.po")
    assert written == sorted(expected)
    assert not list(tmp_path.glob("translations"))
