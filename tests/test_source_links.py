"""The built site's links from a page to the file behind it on GitHub (REPO_URL; site/source_links.py).

One build of a scratch copy, in git, with a repository address: one translation
removed (its pages fall back) and one article's source edited after a commit
(its translations are outdated, their stamped source in the history). Every
article, checklist, myth, glossary and hand-written page of every language is
checked against the files of that copy. The suite's own build (no address)
has no such link; a bad address stops the build with what to fix.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from conftest import ARTICLES, LANGUAGES, ROOT, copy_project, run_mkdocs_build
from htmlsite import html_pages, locale, soup
from netguide.translate.scaffold import scaffold

REPO_URL = "https://github.com/example-owner/guide-repo"
BRANCH = "release/2.0"
EDIT = f"{REPO_URL}/edit/{BRANCH}/"
STEPS = f"{REPO_URL}/blob/{BRANCH}/CONTRIBUTING.md#3-translate-an-article"


def _github_anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file (lower case, punctuation dropped, spaces to '-')."""
    headings = re.findall(r"^#+ (.+)$", markdown, flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings}


def _git(project: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(project), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _meta(project: Path, article: str) -> dict:
    return yaml.safe_load((project / "content/articles" / article / "article.yml").read_text(encoding="utf-8"))


def _translated_from(project: Path, article: str, language: str) -> str | None:
    data = yaml.safe_load((project / "content/articles" / article / f"{language}.yml").read_text(encoding="utf-8"))
    return (data.get("translated_from") or {}).get("language")


def _removable(project: Path, article: str) -> str:
    """A translation of `article` that no other version was translated from."""
    meta = _meta(project, article)
    own = {meta["source_language"], *(meta.get("originals") or [])}
    present = _versions(project, article)
    pivots = {_translated_from(project, article, language) for language in present}
    return next(language for language in reversed(present) if language not in own | pivots)


def _versions(project: Path, article: str) -> list[str]:
    """The languages that have a file of `article` in `project` (a language just added has none yet)."""
    return [code for code in LANGUAGES if (project / "content/articles" / article / f"{code}.yml").is_file()]


SHORT = "a-short-note"  # an article short enough that its scaffold fits in an address GitHub takes


def _add_short_article(project: Path) -> None:
    """An article in the default language only: every other language shows it as a fallback."""
    language = LANGUAGES[0]
    folder = project / "content/articles" / SHORT
    folder.mkdir()
    unknown = {name: "unknown" for name in ("title", "author", "publisher", "url", "date", "licence")}
    meta = {
        "id": SHORT,
        "order": 99,
        "source_language": language,
        "originals": [language],
        "source": unknown,
        "myths": [],
        "checklist": ["say-hello"],
        "sections": {"say-hello": "hello"},
    }
    (folder / "article.yml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    version = {
        "language": language,
        "title": "A short note",
        "summary": "Short enough to translate from a link.",
        "myths": {},
        "checklist": {"say-hello": "Say hello to one person you know."},
        "body": "## Say hello { #hello }\n\nSay hello to someone you know, and ask how they are.\n",
    }
    (folder / f"{language}.yml").write_text(yaml.safe_dump(version, sort_keys=False), encoding="utf-8")


def _articles(project: Path) -> list[str]:
    metas = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in (project / "content/articles").glob("*/article.yml")
    ]
    return [meta["id"] for meta in sorted(metas, key=lambda meta: (meta["order"], meta["id"]))]


class Linked:
    def __init__(self, project: Path, site: Path, missing: tuple[str, str], outdated: str, stamped: str):
        self.project, self.site, self.missing, self.outdated, self.stamped = project, site, missing, outdated, stamped
        self.articles = _articles(project)
        self.shown_elsewhere = {(SHORT, language) for language in LANGUAGES[1:]} | {missing}
        # Fallbacks of the guide's own articles, whose scaffolds are all too long to prefill: the one
        # removed here, and every article of a language just added (`dev.py test --with-language`).
        self.too_long = {
            (article, language)
            for article in self.articles
            if article != SHORT
            for language in LANGUAGES
            if language not in _versions(project, article)
        }


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> Linked:
    root = tmp_path_factory.mktemp("linked")
    project = copy_project(root / "project")
    missing = (ARTICLES[0], _removable(project, ARTICLES[0]))
    (project / "content/articles" / missing[0] / f"{missing[1]}.yml").unlink()
    _add_short_article(project)
    _git(project, "init", "-q", "-b", "work")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "the guide")
    stamped = _git(project, "rev-parse", "HEAD")
    outdated = ARTICLES[-1]  # its source changes after the commit its translations were stamped against
    source = project / "content/articles" / outdated / f"{_meta(project, outdated)['source_language']}.yml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["summary"] += " (edited)"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _git(project, "commit", "-qam", "the source changed")
    site = root / "site"
    result = run_mkdocs_build(project, site, {"REPO_URL": REPO_URL, "REPO_BRANCH": BRANCH})
    assert result.returncode == 0, result.stderr
    return Linked(project, site, missing, outdated, stamped)


def _edited_file(linked: Linked, href: str) -> str:
    """The repository path GitHub's editor opens at `href`, which must exist in the project and not be generated."""
    assert href.startswith(EDIT), href
    path = unquote(href[len(EDIT) :])
    assert (linked.project / path).is_file(), f"{href} opens {path}, which the repository does not have"
    assert not path.startswith("docs/guide/"), f"{href} opens a generated file"
    return path


def _new_file(href: str) -> tuple[str, dict[str, list[str]]]:
    """(the folder, the query) of a GitHub new-file link."""
    parts = urlsplit(href)
    prefix = f"/example-owner/guide-repo/new/{BRANCH}/"
    assert (parts.scheme, parts.netloc) == ("https", "github.com") and parts.path.startswith(prefix), href
    return unquote(parts.path[len(prefix) :]), parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)


def _improve(page) -> list[str]:
    return [a["href"] for a in page.select("p.nk-improve > a.nk-improve__link")]


def _article_href(linked: Linked, article: str, language: str, href: str) -> None:
    """`href` opens `article`'s `language` file, or (that translation missing) the new-file page that adds it."""
    if (article, language) in linked.too_long:  # too long to prefill
        assert href == STEPS
    elif (article, language) in linked.shown_elsewhere:
        folder, query = _new_file(href)
        assert folder == f"content/articles/{article}" and query["filename"] == [f"{language}.yml"]
    else:
        assert _edited_file(linked, href) == f"content/articles/{article}/{language}.yml"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_article_and_checklist_links_its_language_file(linked, language):
    for article in linked.articles:
        for url in (f"{language}/guide/{article}/", f"{language}/guide/checklists/{article}/"):
            page = soup(linked.site, url)
            (href,) = _improve(page)
            _article_href(linked, article, language, href)
            link = page.select_one("p.nk-improve > a")
            assert link.get_text(strip=True), url  # accessible text, in the page's language
            assert page.html["lang"] == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_myths_and_checklists_pages_link_each_articles_file(linked, language):
    with_myths = [article for article in linked.articles if _meta(linked.project, article).get("myths")]
    pages = ((f"{language}/guide/myths/", with_myths), (f"{language}/guide/checklists/", linked.articles))
    for url, articles in pages:
        hrefs = _improve(soup(linked.site, url))
        assert len(hrefs) == len(articles), url
        for article, href in zip(articles, hrefs, strict=True):
            _article_href(linked, article, language, href)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_and_hand_written_pages_link_their_files(linked, language):
    (glossary,) = _improve(soup(linked.site, f"{language}/guide/glossary/"))
    assert _edited_file(linked, glossary) == f"content/glossary/{language}.yml"
    for url, name in ((f"{language}/", "index"), (f"{language}/about/", "about")):
        (href,) = _improve(soup(linked.site, url))
        assert _edited_file(linked, href) == f"docs/{name}.{language}.md"


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_a_missing_translation_opens_the_scaffold_netguide_new_writes(linked, tmp_path, language):
    page = soup(linked.site, f"{language}/guide/{SHORT}/")
    notice = page.select_one(".nk-notice--add")
    assert notice is not None and notice.get("role") == "note"
    href = notice.a["href"]
    assert _improve(page) == [href] == _improve(soup(linked.site, f"{language}/guide/checklists/{SHORT}/"))
    folder, query = _new_file(href)
    assert folder == f"content/articles/{SHORT}" and set(query) == {"filename", "value"}
    assert query["filename"] == [f"{language}.yml"]
    shutil.copytree(linked.project / "content", tmp_path / "content")
    written = scaffold(tmp_path / "content", SHORT, language)  # what `netguide new ARTICLE LANGUAGE` writes
    assert query["value"] == [written.read_text(encoding="utf-8")]
    assert len(href) <= 8000


def test_a_missing_translation_too_long_for_an_address_gives_the_command_and_the_steps(linked):
    article, language = linked.missing
    notice = soup(linked.site, f"{language}/guide/{article}/").select_one(".nk-notice--add")
    assert notice.code.get_text() == f"netguide new {article} {language}"
    assert notice.a["href"] == STEPS
    assert urlsplit(STEPS).fragment in _github_anchors((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))


def test_an_outdated_translation_links_to_what_changed_since_its_stamp(linked):
    meta = _meta(linked.project, linked.outdated)
    own = {meta["source_language"], *(meta.get("originals") or [])}
    translations = [code for code in _versions(linked.project, linked.outdated) if code not in own]
    assert translations
    for language in translations:
        notice = soup(linked.site, f"{language}/guide/{linked.outdated}/").select_one(".nk-notice--outdated")
        assert notice is not None, language
        assert notice.a["href"] == f"{REPO_URL}/compare/{linked.stamped}...{BRANCH}"


def test_every_github_link_is_the_repository_and_the_theme_asks_github_nothing(linked):
    for path in html_pages(linked.site):
        page = soup(linked.site, str(path.relative_to(linked.site)))
        assert page.select('[data-md-component="source"], .md-source') == [], path
        for link in page.select("a[href]"):
            parts = urlsplit(link["href"])
            if parts.netloc == "github.com":
                assert parts.path.startswith("/example-owner/guide-repo/"), (path, link["href"])
            assert parts.netloc != "api.github.com", path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_link_is_not_searched(linked, language):
    index = (linked.site / language / "search" / "search_index.json").read_text(encoding="utf-8")
    improve = str(locale(language)["improve_page"])
    docs = json.loads(index)["docs"]
    assert docs and not [doc["location"] for doc in docs if improve in doc["title"] + doc["text"]]
    assert _improve(soup(linked.site, f"{language}/about/"))  # though every page has it


def test_without_an_address_no_page_links_to_github(built_site):
    for path in html_pages(built_site):
        page = soup(built_site, str(path.relative_to(built_site)))
        assert page.select(".nk-improve, .nk-notice--add") == [], path
        for link in page.select("a[href]"):
            parts = urlsplit(link["href"])
            assert not (parts.netloc == "github.com" and "/edit/" in parts.path), (path, link["href"])


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("REPO_URL", 'https://github.com/o/r"><script>alert(1)</script>', "https://github.com/OWNER/REPO"),
        ("REPO_URL", "javascript:alert(1)", "https://github.com/OWNER/REPO"),
        ("REPO_URL", "https://github.com/o/r/tree/main", "https://github.com/OWNER/REPO"),
        ("REPO_BRANCH", "../main", "REPO_BRANCH"),
    ],
)
def test_a_bad_repository_address_stops_the_build_saying_what_to_fix(tmp_path, variable, value, named):
    env = {"REPO_URL": "https://github.com/o/r", variable: value}
    result = run_mkdocs_build(ROOT, tmp_path / "site", env)
    assert result.returncode != 0
    assert variable in result.stderr and "mkdocs.yml" in result.stderr and named in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_netguide_pages_links_as_the_build_does(linked, tmp_path, language):
    from typer.testing import CliRunner

    from netguide.cli import app

    env = {"REPO_URL": REPO_URL, "REPO_BRANCH": BRANCH}
    result = CliRunner().invoke(app, ["--root", str(linked.project), "pages", language, "-o", str(tmp_path)], env=env)
    assert result.exit_code == 0, result.output
    written = sorted(path for path in tmp_path.rglob("*.md"))
    assert written
    for path in written:
        name = str(path.relative_to(tmp_path))[: -len(".md")] + f".{language}.md"
        built = linked.project / "docs" / name  # the pages the build wrote (docs/guide/…)
        assert path.read_text(encoding="utf-8") == built.read_text(encoding="utf-8"), name
