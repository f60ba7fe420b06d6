"""The preview under `mkdocs serve` (mkdocs_adapter/preview.py): an edited article's pages, byte for byte the rebuild's.

Serve is emulated in one process as `mkdocs serve` runs it (one plugin
instance for every rebuild, a new configuration per rebuild, serve's
address): build, edit, ask the plugin for the preview, rebuild, and compare
each previewed page with the rebuilt one.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_project

#: Real builds (in this process, so the tier is not told by a `mkdocs` command).
pytestmark = pytest.mark.build

SERVE_URL = "http://127.0.0.1:8000/"
ARTICLE = "networking-myths"


class Serve:
    """`mkdocs serve`'s builds, in this process."""

    def __init__(self, project: Path, cache: Path, site: Path) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        self.project, self.site, self._build = project, site, build
        os.environ["NETGUIDE_CACHE_DIR"] = str(cache)
        self._load = lambda: load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=False)
        self.plugin = config.plugins["netguide"]
        self.build(config)

    def config(self):
        config = self._load()
        config.site_url = SERVE_URL
        return config

    def build(self, config=None) -> None:
        self._build(config or self.config(), serve_url=SERVE_URL)

    def preview(self, *paths: Path) -> dict[str, bytes] | None:
        return self.plugin.preview({path.resolve() for path in paths})

    def page(self, relative: str) -> bytes:
        return (self.site / relative).read_bytes()


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("preview")
    project = copy_project(scratch / "project")
    cwd = os.getcwd()
    saved = os.environ.get("NETGUIDE_CACHE_DIR")
    os.chdir(project)
    try:
        yield Serve(project, scratch / "cache", scratch / "site")
    finally:
        os.chdir(cwd)
        if saved is None:
            os.environ.pop("NETGUIDE_CACHE_DIR", None)
        else:
            os.environ["NETGUIDE_CACHE_DIR"] = saved


def article_file(serve: Serve, language: str) -> Path:
    return serve.project / "content" / "articles" / ARTICLE / f"{language}.yml"


def edit_body(path: Path, paragraph: str) -> str:
    """Put `paragraph` first in the body of language file `path`; returns the old text."""
    old = path.read_text(encoding="utf-8")
    indented = "\n".join(f"  {line}" if line else "" for line in paragraph.splitlines())
    path.write_text(old.replace("body: |\n", f"body: |\n{indented}\n\n", 1), encoding="utf-8")
    return old


def assert_rebuild_makes_the_preview(serve: Serve, shown: dict[str, bytes]) -> None:
    serve.build()
    for relative, html in shown.items():
        assert serve.page(relative) == html, f"{relative}: the preview differs from the rebuilt page"


def test_the_kept_states_hold_no_page_s_markdown_or_html(serve):
    """What serve keeps for previews between builds: each page's place, title and links, not its texts."""
    states = serve.plugin.previews.states
    assert set(states) == set(serve.plugin.session.guide.languages)
    kept = [file.page for state in states.values() for file in state.files.documentation_pages() if file.page]
    assert kept and all(page.markdown == "" and page.content is None for page in kept)
    assert all(page.title for page in kept), "every title stays as the build set it"


def test_a_body_edit_is_previewed_as_the_rebuild_makes_it(serve):
    path = article_file(serve, "it")  # a translation no other version is translated from
    old = edit_body(path, "Un paragrafo **nuovo** con un _accento_.")
    try:
        shown = serve.preview(path)
        assert shown is not None, "a body edit is previewed"
        assert set(shown) == {f"it/guide/{ARTICLE}/index.html"}, "only the edited page changed"
        html = shown[f"it/guide/{ARTICLE}/index.html"].decode()
        assert "Un paragrafo <strong>nuovo</strong> con" in html
        assert '<html dir="ltr" lang="it"' in html and "Content-Security-Policy" in html, "finished like every page"
        assert_rebuild_makes_the_preview(serve, shown)
    finally:
        path.write_text(old, encoding="utf-8")
        serve.build()


def test_a_source_edit_previews_the_page_in_every_language_it_changes(serve):
    """The translations of an edited source are outdated now: their pages say so in the preview too."""
    path = article_file(serve, "de")  # the article's source language
    old = edit_body(path, "Ein neuer erster Absatz.")
    try:
        shown = serve.preview(path)
        assert shown is not None
        assert len({relative.split("/")[0] for relative in shown}) > 1, sorted(shown)
        assert "Ein neuer erster Absatz." in shown[f"de/guide/{ARTICLE}/index.html"].decode()
        assert_rebuild_makes_the_preview(serve, shown)
    finally:
        path.write_text(old, encoding="utf-8")
        serve.build()


def test_a_checklist_edit_previews_article_and_checklist_page(serve):
    path = article_file(serve, "it")
    old = path.read_text(encoding="utf-8")
    data_line = next(line for line in old.splitlines() if line.startswith("checklist:"))
    at = old.index(data_line) + len(data_line) + 1
    item_end = old.index("\n", at)
    key, _, _value = old[at:item_end].partition(":")
    path.write_text(old[:at] + f"{key}: Un compito <b>nuovo</b> & diverso" + old[item_end:], encoding="utf-8")
    try:
        shown = serve.preview(path)
        assert shown is not None
        assert set(shown) == {f"it/guide/{ARTICLE}/index.html", f"it/guide/checklists/{ARTICLE}/index.html"}
        checklist = shown[f"it/guide/checklists/{ARTICLE}/index.html"].decode()
        assert "Un compito &lt;b&gt;nuovo&lt;/b&gt; &amp; diverso" in checklist, "plain text stays escaped"
        assert_rebuild_makes_the_preview(serve, shown)
    finally:
        path.write_text(old, encoding="utf-8")
        serve.build()


@pytest.mark.parametrize(
    "edit, why",
    [
        (
            lambda text: re.sub(r"(?m)^title: .*$", "title: Retitled", text, count=1),
            "a new title is in every page's nav",
        ),
        (lambda text: text.replace("body: |\n", "body: |\n  <script>alert(1)</script>\n\n", 1), "raw HTML is refused"),
        (lambda text: text.replace("body: |\n", "body: [unclosed\n", 1), "a YAML error"),
        (lambda text: text, "nothing changed"),
    ],
)
def test_what_the_rebuild_must_do_is_not_previewed(serve, edit, why):
    path = article_file(serve, "en")
    old = path.read_text(encoding="utf-8")
    path.write_text(edit(old), encoding="utf-8")
    try:
        assert serve.preview(path) is None, why
    finally:
        path.write_text(old, encoding="utf-8")


def test_only_article_language_files_are_previewed(serve):
    for other in (
        serve.project / "content" / "articles" / ARTICLE / "article.yml",
        serve.project / "locales" / "en.yml",
        serve.project / "docs" / "about.en.md",
    ):
        assert serve.preview(other) is None, other


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(blacklist_categories=["Cs", "Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=60))
def test_any_plain_paragraph_is_previewed_as_the_rebuild_makes_it(serve, words):
    """Whatever a writer types (refused or not), a preview never differs from the page the rebuild makes."""
    path = article_file(serve, "tl")
    old = edit_body(path, "Talata: " + words.strip())
    try:
        shown = serve.preview(path)
        if shown:
            assert_rebuild_makes_the_preview(serve, shown)
    finally:
        path.write_text(old, encoding="utf-8")


def test_a_preview_checks_the_edited_files_as_a_build_does(serve):
    """What only the article's own files show fails its preview too: here, a link its source does not have."""
    path = article_file(serve, "it")
    old = edit_body(path, "Vedi [la lista](#checklist).")
    try:
        assert serve.preview(path) is None
    finally:
        path.write_text(old, encoding="utf-8")


def test_a_rebuild_a_newer_change_supersedes_stops_and_the_next_one_builds_it_all(serve, caplog):
    """A save while serve rebuilds stops that rebuild (the server starts over): nothing half-built is left."""
    from netguide.mkdocs_adapter.preview_server import PreviewServer, Superseded

    PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(serve.site)).server_close()  # its log filter
    before = {path: path.read_bytes() for path in serve.site.rglob("*") if path.is_file()}
    path = article_file(serve, "it")
    old = edit_body(path, "Un paragrafo che nessuno vedrà.")
    try:
        serve.plugin.superseded = lambda: True
        with pytest.raises(Superseded):
            serve.build()
        assert {path: path.read_bytes() for path in serve.site.rglob("*") if path.is_file()} == before, (
            "the served site is untouched"
        )
        assert not [sibling for sibling in serve.site.parent.iterdir() if ".building-" in sibling.name]
        assert not [record for record in caplog.records if record.levelno >= logging.ERROR], (
            "a stopped rebuild is no error"
        )
        serve.plugin.superseded = lambda: False
        path.write_text(old.replace("body: |\n", "body: |\n  Un paragrafo più nuovo.\n\n", 1), encoding="utf-8")
        shown = serve.preview(path)
        assert shown and "Un paragrafo più nuovo." in shown[f"it/guide/{ARTICLE}/index.html"].decode()
        assert_rebuild_makes_the_preview(serve, shown)
    finally:
        serve.plugin.superseded = lambda: False
        path.write_text(old, encoding="utf-8")
        serve.build()


def _flag_after(step, flag: list[bool]):
    def flagged(*arguments, **options):
        result = step(*arguments, **options)
        flag.append(True)  # a save came in while `step` ran
        return result

    return flagged


@pytest.mark.parametrize("during", ["checking an article", "loading the guide", "putting the site together"])
def test_a_save_before_or_after_the_pages_render_stops_the_rebuild_too(serve, monkeypatch, during):
    """Not only the page events: the long steps before and after them give way to a newer save."""
    import netguide.content.validation as validation_module
    import netguide.pipeline.session as session_module
    from netguide.mkdocs_adapter.preview_server import PreviewServer, Superseded

    PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(serve.site)).server_close()  # its log filter
    saved: list[bool] = []
    if during == "checking an article":  # the save comes in while the first article is checked
        monkeypatch.setattr(validation_module, "_check_folder", _flag_after(validation_module._check_folder, saved))
    elif during == "loading the guide":
        monkeypatch.setattr(serve.plugin.source, "load", _flag_after(serve.plugin.source.load, saved))
    else:
        monkeypatch.setattr(session_module, "split_index", _flag_after(session_module.split_index, saved))
    generated = serve.project / "docs" / "guide" / f"{ARTICLE}.it.md"
    before = {path: path.read_bytes() for path in serve.site.rglob("*") if path.is_file()}
    page_before = generated.read_bytes()
    path = article_file(serve, "it")
    old = edit_body(path, "Un paragrafo fermato a metà.")
    try:
        serve.plugin.superseded = lambda: bool(saved)
        with pytest.raises(Superseded):
            serve.build()
        assert saved, f"the save came in while {during}"
        if during == "checking an article":
            assert len(saved) == 1, "no other article was checked after it"
        assert {path: path.read_bytes() for path in serve.site.rglob("*") if path.is_file()} == before
        assert not [sibling for sibling in serve.site.parent.iterdir() if ".building-" in sibling.name]
        if during != "putting the site together":
            assert generated.read_bytes() == page_before, "stopped before the pages were written"
        monkeypatch.undo()
        serve.plugin.superseded = lambda: False
        serve.build()
        assert "Un paragrafo fermato a metà." in serve.page(f"it/guide/{ARTICLE}/index.html").decode()
    finally:
        monkeypatch.undo()
        serve.plugin.superseded = lambda: False
        path.write_text(old, encoding="utf-8")
        serve.build()
