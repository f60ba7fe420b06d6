"""The PDF checklists drawn while the engine renders pages (pipeline/pending_pdfs.py).

Each language's PDFs reach docs/guide/ when the engine asks for them, with
the bytes render_all gives; the language cache's keys do not depend on
whether a PDF is written yet; the languages are drawn in the order they are
built; and a drawing that fails stops the build with what went wrong.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from netguide import cache_keys
from netguide.content.loader import load_guide
from netguide.files import sync_tree
from netguide.pdf import checklists
from netguide.pipeline import pending_pdfs
from netguide.pipeline.pending_pdfs import PendingPdfs
from netguide.pipeline.session import BuildSession, BuildStopped
from netguide.site.urls import GENERATED_ROOT

SITE = "https://example.org/"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def guide():
    return load_guide(ROOT / "content", ROOT / "locales")


@pytest.fixture(scope="module")
def expected(guide, tmp_path_factory):
    """{docs path: bytes} of every PDF, as render_all gives them."""
    cached = checklists.render_all(guide, SITE, tmp_path_factory.mktemp("expected-cache"))
    return {name: path.read_bytes() for name, path in cached.items()}


def _pdfs_in(docs: Path) -> dict[str, bytes]:
    return {
        path.relative_to(docs).as_posix(): path.read_bytes()
        for path in (docs / GENERATED_ROOT).rglob("*.pdf")
        if path.stat().st_size
    }


def test_each_language_s_pdfs_are_written_when_asked_for(guide, expected, tmp_path):
    docs = tmp_path / "docs"
    pending = PendingPdfs.start(guide, SITE, tmp_path / "cache", docs, (), guide.languages)
    (language, other) = guide.languages[:2]
    pending.wait(language)
    mine = {name: data for name, data in expected.items() if name.endswith(f".{language}.pdf")}
    assert {name: data for name, data in _pdfs_in(docs).items() if name in mine} == mine
    assert not any(name.endswith(f".{other}.pdf") for name in _pdfs_in(docs)), "not asked for yet"
    assert pending.finish() == len(expected)
    assert _pdfs_in(docs) == expected


def test_the_helpers_pdfs_are_written_first_and_docs_keeps_a_file_for_every_pdf_at_once(guide, expected, tmp_path):
    docs = tmp_path / "docs"
    target = docs / GENERATED_ROOT
    helpers = set(guide.languages[1:3])
    old = next(name for name in expected if name.rsplit(".", 2)[1] not in helpers)
    (docs / old).parent.mkdir(parents=True)
    (docs / old).write_bytes(b"an earlier build's PDF")
    pending = PendingPdfs.start(guide, SITE, tmp_path / "cache", docs, helpers, guide.languages)
    for language in helpers:
        pending.wait(language)
    theirs = {name: data for name, data in expected.items() if name.rsplit(".", 2)[1] in helpers}
    assert {name: data for name, data in _pdfs_in(docs).items() if name in theirs} == theirs
    assert sorted(pending.names) == sorted(expected)
    sync_tree(target, {"page.md": b"a page"}, keep=[name.split("/", 1)[1] for name in pending.names])
    on_disk = {path.relative_to(docs).as_posix() for path in target.rglob("*.pdf")}
    assert on_disk == set(expected), "every PDF has a file in docs/ before it is drawn"
    assert (docs / old).read_bytes() in (b"an earlier build's PDF", expected[old]), "kept until it is written"
    assert pending.waited > 0
    pending.finish()
    assert _pdfs_in(docs) == expected


def test_the_languages_are_drawn_in_the_order_they_are_built(guide, tmp_path, monkeypatch):
    drawn = []

    def record(documents, beside=False):
        for document in documents:
            drawn.append(document.url[len(SITE) :].split("/")[0])  # the language of the page it belongs to
            yield b"%PDF-1.7 " + document.url.encode()

    monkeypatch.setattr(checklists, "_render_many", record)
    order = list(reversed(guide.languages))
    PendingPdfs.start(guide, SITE, tmp_path / "cache", tmp_path / "docs", (), order).finish()
    assert drawn == sorted(drawn, key=order.index) and set(drawn) == set(order)


def test_the_language_keys_do_not_wait_for_the_pdfs(guide, tmp_path):
    """A language's key names its PDFs by their cache keys: the same before and after they are written."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns(GENERATED_ROOT))
    shutil.copytree(ROOT / "locales", project / "locales")
    docs, locales = project / "docs", project / "locales"
    pending = PendingPdfs.start(guide, SITE, tmp_path / "cache", docs, (), guide.languages)
    sync_tree(docs / GENERATED_ROOT, {}, keep=[name.split("/", 1)[1] for name in pending.names])

    def keys():
        return cache_keys.language_keys(
            "setup", project, docs, locales, list(guide.languages), guide.languages[0], pending.stand_ins()
        )

    before = keys()
    pending.finish()
    assert keys() == before
    changed = {**pending.stand_ins()}
    name = next(name for name in changed if name.endswith(f".{guide.languages[-1]}.pdf"))
    changed[name] = b"another document"
    after = cache_keys.language_keys(
        "setup", project, docs, locales, list(guide.languages), guide.languages[0], changed
    )
    assert after[guide.languages[-1]] != before[guide.languages[-1]]
    assert after[guide.languages[0]] == before[guide.languages[0]]


def test_a_drawing_that_fails_stops_the_build_with_what_went_wrong(guide, tmp_path, monkeypatch):
    def broken(documents, beside=False):
        yield from ()
        raise OSError("the font file is unreadable")

    monkeypatch.setattr(checklists, "_render_many", broken)
    pending = PendingPdfs.start(guide, SITE, tmp_path / "cache", tmp_path / "docs", (), guide.languages)
    with pytest.raises(OSError, match="unreadable"):
        pending.wait(guide.languages[0])
    session = BuildSession.__new__(BuildSession)
    session.pdfs = pending
    with pytest.raises(BuildStopped, match="PDF checklists could not be drawn: OSError: the font file is unreadable"):
        session.files_ready(guide.languages[0])


def test_one_drawing_at_a_time(guide, tmp_path, monkeypatch):
    """A rebuild after a stopped one waits for its PDFs: both would share, and prune, one cache."""
    assert pending_pdfs._ONE_AT_A_TIME.acquire(timeout=1)
    try:
        pending = PendingPdfs.start(guide, SITE, tmp_path / "cache", tmp_path / "docs", (), guide.languages)
        pending._thread.join(0.5)
        assert pending._thread.is_alive() and not list((tmp_path / "cache").glob("*.pdf"))
    finally:
        pending_pdfs._ONE_AT_A_TIME.release()
    pending.finish()
    assert len(list((tmp_path / "cache").glob("*.pdf"))) > 0
