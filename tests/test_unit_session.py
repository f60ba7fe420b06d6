"""One build session with no engine (pipeline/session.py): its decisions, and a session driven by hand
on a scratch copy of the project, as an engine's adapter drives it — no MkDocs involved."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import copy_project
from netguide.pipeline.build_lock import BuildBusy, BuildLock
from netguide.pipeline.guide_source import GuideSource
from netguide.pipeline.session import BuildSession, BuildStopped, Options, Project, starts_helpers, taken_from_cache


def _languages(root):
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    codes = [language["locale"] for language in i18n["languages"]]
    default = next(language["locale"] for language in i18n["languages"] if language.get("default") == "true")
    return tuple(codes), default


def _project(root, site_url=""):
    languages, default = _languages(root)
    return Project(
        root=root,
        docs_dir=root / "docs",
        site_dir=root / "site",
        content_dir=root / "content",
        locales_dir=root / "locales",
        cache_dir=root / ".cache",
        languages=languages,
        default=default,
        site_url=site_url,
        overrides=(root / "overrides",),
        template_dirs=(root / "overrides",),
        helper_command=("false",),
    )


NO_PDF = Options(pdf=False, parallel=False)


@pytest.fixture
def project(tmp_path):
    return _project(copy_project(tmp_path / "project"))


@pytest.mark.parametrize(
    ("options", "finishes_site", "serving", "warm", "expected"),
    [
        (Options(), True, False, False, True),  # a cold `build` of the whole site
        (Options(), True, False, True, False),  # warm: the cache holds languages of this code and config
        (Options(), True, True, False, False),  # serve builds in one process
        (Options(), False, False, False, False),  # a helper or a part build starts none
        (Options(parallel=False), True, False, False, False),
    ],
)
def test_who_starts_helpers(options, finishes_site, serving, warm, expected):
    assert starts_helpers(options, finishes_site, serving, warm) is expected


def test_languages_come_from_the_cache_only_under_their_own_key():
    held = {("de", "k-de"), ("it", "old")}
    keys = {"en": "k-en", "de": "k-de", "it": "k-it"}
    assert taken_from_cache(["en", "de", "it"], keys, lambda language, key: (language, key) in held) == ["de"]


def test_a_session_loads_writes_the_pages_and_builds_beside_the_site(project, monkeypatch):
    monkeypatch.delenv("NETGUIDE_LANGUAGES", raising=False)
    monkeypatch.delenv("NETGUIDE_BUILD_LANGUAGES", raising=False)
    session = BuildSession(GuideSource(), BuildLock())
    building = session.start(project, NO_PDF)
    try:
        assert building.parent == project.site_dir.parent and building.is_dir() and building != project.site_dir
        assert sorted(session.guide.languages) == sorted(project.languages)
        generated = {path.name for path in (project.docs_dir / "guide").rglob("*.md")}
        article = session.guide.articles[0].id
        assert {f"{article}.{language}.md" for language in project.languages} <= generated
        assert all(session.owns(language) for language in project.languages)
        with pytest.raises(BuildBusy):  # one build of a project at a time
            BuildLock().acquire(project.docs_dir, lambda message: None, wait=0)
        # Nothing in the language cache yet: every language is rendered here.
        assert session.restored == [] and set(session.language_keys) == set(project.languages)
    finally:
        session.fail(quiet=True)
    assert not building.exists() and not project.site_dir.exists()  # the last good site (none) is untouched
    BuildLock().acquire(project.docs_dir, lambda message: None, wait=0)  # released


def test_broken_content_stops_the_session_with_the_file_and_line(project):
    path = project.content_dir / "articles" / "peer-networking" / f"{project.default}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    session = BuildSession(GuideSource(), BuildLock())
    with pytest.raises(BuildStopped) as stopped:
        session.start(project, NO_PDF)
    session.fail(quiet=True)
    assert f"peer-networking/{project.default}.yml:" in str(stopped.value) and "fix:" in str(stopped.value)
    BuildLock().acquire(project.docs_dir, lambda message: None, wait=0)  # fail() released the lock


def test_an_output_folder_that_cannot_take_a_site_stops_the_session(project):
    project.site_dir.write_text("not a folder", encoding="utf-8")
    with pytest.raises(BuildStopped) as stopped:
        BuildSession(GuideSource(), BuildLock()).start(project, NO_PDF)
    assert str(project.site_dir) in str(stopped.value)
    assert project.site_dir.read_text(encoding="utf-8") == "not a folder"


def test_the_cache_keys_follow_the_public_address(tmp_path):
    root = copy_project(tmp_path / "project")
    keys = []
    for address in ("", "https://example.org/guide/"):
        session = BuildSession(GuideSource(), BuildLock())
        session.start(_project(root, address), NO_PDF)
        keys.append((session.setup_key, session.page_setup, json.dumps(session.language_keys, sort_keys=True)))
        session.fail(quiet=True)
    assert keys[0][0] != keys[1][0] and keys[0][1] != keys[1][1] and keys[0][2] != keys[1][2]
