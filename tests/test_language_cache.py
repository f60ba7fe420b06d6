"""A build renders only the languages whose inputs changed; the site is the same as a build of every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import LANGUAGES, copy_project, run_mkdocs_build, translated


def _tree(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _taken_from_cache(log: str) -> list[str]:
    found = re.search(r"taken from the cache: (.*)", log)
    return found.group(1).split(", ") if found else []


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path / "project")
    first = run_mkdocs_build(project, tmp_path / "first", env={"NETGUIDE_CACHE_DIR": str(tmp_path / "cache")})
    assert first.returncode == 0, first.stderr
    assert _taken_from_cache(first.stderr) == []
    return project


def _from_page_cache(log: str) -> dict[str, tuple[int, int]]:
    return {
        language: (int(hits), int(pages))
        for language, hits, pages in re.findall(
            r"(\w+): (\d+) of (\d+) pages unchanged, taken from the page cache", log
        )
    }


def _cached_and_cold(project: Path, tmp_path: Path, name: str, pages: dict | None = None):
    """The build with the cache of the earlier builds, and a build of the same files from nothing.

    `pages`, if given, gets what the cached build took from the page cache ({language: (pages, of)}).
    """
    cached = run_mkdocs_build(project, tmp_path / f"{name}-cached", env={"NETGUIDE_CACHE_DIR": str(tmp_path / "cache")})
    cold = run_mkdocs_build(
        project,
        tmp_path / f"{name}-cold",
        env={"NETGUIDE_CACHE_DIR": str(tmp_path / f"{name}-empty"), "NETGUIDE_PARALLEL": "false"},
    )
    assert cached.returncode == 0 and cold.returncode == 0, cached.stderr + cold.stderr
    cached_tree, cold_tree = _tree(tmp_path / f"{name}-cached"), _tree(tmp_path / f"{name}-cold")
    assert sorted(cached_tree) == sorted(cold_tree)
    assert [path for path in cold_tree if cached_tree[path] != cold_tree[path]] == []
    assert _from_page_cache(cold.stderr) == {}
    if pages is not None:
        pages.update(_from_page_cache(cached.stderr))
    return _taken_from_cache(cached.stderr)


def test_nothing_changed_every_language_from_the_cache(project, tmp_path):
    assert sorted(_cached_and_cold(project, tmp_path, "again")) == sorted(LANGUAGES)
    # Files go between cache and site as hard links: a build after that still finds the cache intact.
    assert sorted(_cached_and_cold(project, tmp_path, "third")) == sorted(LANGUAGES)


def test_an_edit_renders_its_language_again_and_only_it(project, tmp_path):
    folder = project / "content" / "articles" / "peer-networking"
    sources = {
        yaml.safe_load(path.read_text(encoding="utf-8")).get("translated_from", {}).get("language")
        for path in folder.glob("*.yml")
        if path.name != "article.yml"
    }
    # Not the default language, and no version is translated from it (its pages alone show it).
    language = next(code for code in LANGUAGES if code != LANGUAGES[0] and code not in sources)
    article = folder / f"{language}.yml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("body: |\n", "body: |\n  A new first paragraph.\n\n", 1), encoding="utf-8")
    pages = {}
    kept = _cached_and_cold(project, tmp_path, "edit", pages)
    assert language not in kept
    assert kept, "the other languages come from the cache"
    # Of the edited language, only the edited article's page is rendered again (its checklist and
    # the myths page show no body); every other page comes from the page cache, and the site is
    # byte for byte the cold build's.
    hits, total = pages[language]
    assert total > 5 and hits == total - 1, pages


def test_a_shared_input_renders_every_language_again(project, tmp_path):
    css = project / "docs" / "assets" / "guide.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    assert _cached_and_cold(project, tmp_path, "css") == []


def test_a_title_edit_renders_every_page_of_its_language_again(project, tmp_path):
    """Every page shows the nav, and the nav shows the title: no page of that language is taken as it was."""
    language = translated("peer-networking")[-1]  # a language just added has no title of its own yet
    article = project / "content" / "articles" / "peer-networking" / f"{language}.yml"
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 ·", text, count=1), encoding="utf-8")
    pages = {}
    kept = _cached_and_cold(project, tmp_path, "title", pages)
    assert language not in kept
    assert pages.get(language, (0, 0))[0] == 0, pages


def test_a_locale_edit_renders_that_language_again(project, tmp_path):
    language = LANGUAGES[-1]
    locale = project / "locales" / f"{language}.yml"
    locale.write_text(
        re.sub(r"(?m)^(nav_home: .*)$", r"\1 ·", locale.read_text(encoding="utf-8"), count=1), encoding="utf-8"
    )
    kept = _cached_and_cold(project, tmp_path, "locale")
    assert language not in kept and kept
