"""Fast tier: the repository's address (REPO_URL) and the GitHub links made from it (netguide.site.source_links),
and how the generated pages show them (netguide.site.pages), without MkDocs."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from netguide.cache_keys import setup_key
from netguide.content.model import Source
from netguide.site import pages, urls
from netguide.site.source_links import (
    MAX_URL_LENGTH,
    TRANSLATION_STEPS,
    BadRepository,
    Repository,
    SourceLinks,
    parse_repository,
)

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc"]  # mkdocs.yml's markdown_extensions
REPO = Repository("example-owner", "guide.repo", "trunk")
#: What an address may hold as it is: RFC 3986's unreserved characters and the delimiters we put in.
URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~%/:?=&#]+")


def links(**values) -> SourceLinks:
    return SourceLinks(REPO, **values)


def soup(page: str) -> BeautifulSoup:
    body = page.split("\n---\n", 1)[1]
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


@pytest.fixture
def guide(real_guide):
    return copy.deepcopy(real_guide)


# -- the address ------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["https://github.com/o/r", "https://github.com/Owner-1/my.repo_name-2", "https://github.com/a/" + "r" * 100],
)
def test_a_github_repository_address_is_accepted(address):
    repository = parse_repository(address)
    assert repository.url == address and repository.branch == "main"


def test_no_address_means_no_repository():
    assert parse_repository("") is None and parse_repository(None) is None


HOSTILE_ADDRESSES = [
    "http://github.com/o/r",
    "javascript:alert(1)",
    "JAVASCRIPT://github.com/o/r",
    "https://gitlab.com/o/r",
    "https://github.com.evil.example/o/r",
    "https://evil.example/https://github.com/o/r",
    "https://user@github.com/o/r",
    "https://github.com:443/o/r",
    "https://github.com/o/r/",
    "https://github.com/o/r.git",
    "https://github.com/o/r/tree/main",
    "https://github.com/o/r?tab=readme",
    "https://github.com/o/r#readme",
    "https://github.com/o",
    "https://github.com//r",
    "https://github.com/-o/r",
    "https://github.com/o-/r",
    "https://github.com/o/..",
    'https://github.com/o/r"><script>alert(1)</script>',
    "https://github.com/o/r'onmouseover='x",
    "https://github.com/ö/r",
    "https://github.com/o/r\u202e",
    "https://github.com/o /r",
    "https://github.com/o/r\n",
    " https://github.com/o/r",
    "https://github.com/o/r%2F..",
    "https://github.com/o/" + "r" * 101,
    "https://github.com/" + "o" * 40 + "/r",
    "https://github.com/o/r" + "/x" * 5000,
]


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_anything_else_is_refused_saying_what_to_fix(address):
    with pytest.raises(BadRepository) as refused:
        parse_repository(address)
    message = str(refused.value)
    assert "REPO_URL" in message and "mkdocs.yml" in message and "https://github.com/OWNER/REPO" in message


@pytest.mark.parametrize(
    "branch", ["../main", "a..b", "-x", "x/", "/x", "a b", "a\nb", "x.lock", "mäin", '"><script>', "a?b", "a#b", "a%2F"]
)
def test_a_branch_git_would_refuse_or_a_url_would_garble_is_refused(branch):
    with pytest.raises(BadRepository, match="REPO_BRANCH"):
        parse_repository("https://github.com/o/r", branch)


@pytest.mark.parametrize("branch", ["main", "release/2.0", "gh_pages-1"])
def test_a_branch_is_taken_as_it_is(branch):
    assert parse_repository("https://github.com/o/r", branch).branch == branch


@settings(max_examples=300)
@given(st.text())
def test_an_accepted_address_is_exactly_a_github_repository(address):
    try:
        repository = parse_repository(address)
    except BadRepository:
        return
    assert repository is None and address == "" or repository.url == address
    if repository is not None:
        parts = urlsplit(address)
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("https", "github.com", "", "")
        assert URL_CHARACTERS.fullmatch(address)


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_an_accepted_branch_carries_into_a_url_as_it_is(branch):
    try:
        repository = parse_repository("https://github.com/o/r", branch)
    except BadRepository:
        return
    assert URL_CHARACTERS.fullmatch(repository.branch)


# -- the addresses built from it ----------------------------------------------------

paths = st.lists(st.text(min_size=1).filter(lambda s: "/" not in s), min_size=1, max_size=4).map("/".join)


@settings(max_examples=300)
@given(paths)
def test_the_editor_address_names_the_file_and_nothing_else(path):
    url = links().edit_url(path)
    assert URL_CHARACTERS.fullmatch(url), url
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("https", "github.com", "", "")
    prefix = "/example-owner/guide.repo/edit/trunk/"
    assert parts.path.startswith(prefix)
    assert [unquote(segment) for segment in parts.path[len(prefix) :].split("/")] == path.split("/")


@settings(max_examples=300)
@given(paths, st.text(min_size=1), st.text())
def test_the_new_file_address_carries_the_name_and_text_exactly(folder, filename, value):
    url = links().new_file_url(folder, filename, value)
    if url is None:
        return
    assert len(url) <= MAX_URL_LENGTH and URL_CHARACTERS.fullmatch(url), url
    parts = urlsplit(url)
    assert parts.path.startswith("/example-owner/guide.repo/new/trunk/")
    assert unquote(parts.path).endswith("/" + folder)
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert query["filename"] == [filename]
    assert query.get("value", [""]) == [value]


def test_a_new_file_address_longer_than_github_takes_is_not_made():
    assert links().new_file_url("content/articles/a", "de.yml", "x" * MAX_URL_LENGTH) is None
    scaffolds = {("a", "de"): "ü" * (MAX_URL_LENGTH // 6)}  # 6 characters each once percent-encoded
    assert links(scaffolds=scaffolds).add_translation_url("a", "de") is None
    assert links(scaffolds={("a", "de"): "title: x\n"}).add_translation_url("a", "de") is not None


def test_the_compare_view_runs_from_the_stamped_commit_to_the_branch():
    commit = "0123456789abcdef0123456789abcdef01234567"
    assert (
        links(stamped_commits={("a", "de"): commit}).changes_url("a", "de")
        == f"https://github.com/example-owner/guide.repo/compare/{commit}...trunk"
    )
    assert links().changes_url("a", "de") is None
    for hostile in ["main", "HEAD~1", "abc", "0123456'><script>", "../../x"]:
        assert links(stamped_commits={("a", "de"): hostile}).changes_url("a", "de") is None


def test_the_steps_are_contributings_translation_section():
    assert links().translation_steps_url() == (
        "https://github.com/example-owner/guide.repo/blob/trunk/CONTRIBUTING.md#3-translate-an-article"
    )
    assert TRANSLATION_STEPS.startswith("CONTRIBUTING.md#")


def test_a_hand_written_page_links_to_itself_or_to_adding_its_language():
    assert links().hand_written_url("about.de.md", "de") == (
        "https://github.com/example-owner/guide.repo/edit/trunk/docs/about.de.md"
    )
    new = urlsplit(links().hand_written_url("about.en.md", "de"))  # static-i18n shows English for want of German
    assert new.path == "/example-owner/guide.repo/new/trunk/docs"
    assert parse_qs(new.query) == {"filename": ["about.de.md"]}


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.anchors: list[tuple[dict, str]] = []
        self.tags: list[str] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.anchors.append((dict(attrs), ""))
            self.inside = True

    def handle_endtag(self, tag):
        self.inside = self.inside and tag != "a"

    def handle_data(self, data):
        if self.inside:
            attrs, text = self.anchors[-1]
            self.anchors[-1] = (attrs, text + data)


@settings(max_examples=300)
@given(st.text(), st.text())
def test_the_link_is_one_real_anchor_whatever_its_address_and_text(url, text):
    parser = _Anchors()
    parser.feed(pages.improve_link(url, text))
    parser.close()
    assert parser.tags == ["p", "a"]
    ((attrs, shown),) = parser.anchors
    assert attrs["href"] == url and shown == text


# -- the pages ---------------------------------------------------------------------


def _improve_hrefs(page: str) -> list[str]:
    return [a["href"] for a in soup(page).select("p.nk-improve a.nk-improve__link")]


def test_without_an_address_no_page_links_to_github(guide):
    for path, page in pages.all_pages(guide).items():
        assert "github.com" not in page and "nk-improve" not in page, path


def test_every_page_but_the_status_links_its_files(guide):
    made = links()
    found = pages.all_pages(guide, made)
    fallbacks = {  # the pages of an article in a language that has no version of it (no scaffold given here)
        path.replace(".md", f".{language}.md")
        for article in guide.articles
        for language in guide.languages
        if language not in article.versions
        for path in (urls.article_path(article.id), urls.checklist_path(article.id))
    }
    for path, page in found.items():
        hrefs = _improve_hrefs(page)
        if "/status." in path:
            assert hrefs == [], path
            continue
        assert hrefs, path
        if path in fallbacks:  # a missing translation (a language just added): the steps to add it
            assert hrefs == [made.translation_steps_url()], path
            continue
        language = path.rsplit(".", 2)[-2]
        lacking = any(language not in article.versions for article in guide.articles)
        for href in hrefs:
            if lacking and href == made.translation_steps_url():  # a section of an article not translated yet
                continue
            assert href.startswith("https://github.com/example-owner/guide.repo/edit/trunk/content/"), (path, href)
            assert "/docs/guide/" not in href


def test_a_missing_translation_links_to_adding_it(guide):
    article = guide.articles[0]
    language = next(code for code in guide.languages if code not in (article.source_language, *article.originals))
    del article.versions[language]
    scaffold = "title: TODO(translate): x\n"
    made = links(scaffolds={(article.id, language): scaffold})
    page = soup(pages.article_page(guide, article, language, made))
    notice = page.select_one(".nk-notice--add")
    assert notice is not None and notice.get("role") == "note"
    locale = guide.locales[language]
    assert locale.t("add_translation_how") in notice.get_text()
    href = notice.a["href"]
    parts = urlsplit(href)
    assert parts.path == f"/example-owner/guide.repo/new/trunk/content/articles/{article.id}"
    assert parse_qs(parts.query) == {"filename": [f"{language}.yml"], "value": [scaffold]}
    assert _improve_hrefs(pages.article_page(guide, article, language, made)) == [href]
    assert _improve_hrefs(pages.checklist_page(guide, article, language, made)) == [href]
    # Too long for an address (or no scaffold at all): the steps in CONTRIBUTING, and the page says so.
    long = links(scaffolds={(article.id, language): "x" * MAX_URL_LENGTH})
    notice = soup(pages.article_page(guide, article, language, long)).select_one(".nk-notice--add")
    before, after = locale.t("add_translation_long").split("{command}")
    assert before.strip() in notice.get_text() and after.strip() in notice.get_text()
    assert notice.code.get_text() == f"netguide new {article.id} {language}"
    assert notice.a["href"] == long.translation_steps_url() and notice.a.get_text() == locale.t("translation_steps")


def _outdated(guide):
    article = guide.articles[0]
    language = next(code for code, v in article.versions.items() if v.translated_from is not None)
    version = article.versions[language]
    version.translated_from = Source(version.translated_from.language, "0" * 12)
    return article, language


def test_an_outdated_translation_links_to_what_changed(guide):
    article, language = _outdated(guide)
    commit = "89abcdef" * 5
    made = links(stamped_commits={(article.id, language): commit})
    notice = soup(pages.article_page(guide, article, language, made)).select_one(".nk-notice--outdated")
    assert notice.a["href"] == f"https://github.com/example-owner/guide.repo/compare/{commit}...trunk"


def test_without_the_stamped_commit_the_notice_names_the_command(guide):
    article, language = _outdated(guide)
    notice = soup(pages.article_page(guide, article, language, links())).select_one(".nk-notice--outdated")
    assert notice.a is None
    assert notice.code.get_text() == f"netguide diff {article.id} {language}"


def test_the_address_is_part_of_the_pages_caches_key(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    keys = {
        setup_key(tmp_path, [], ["en"], "en", "https://x.example/", repository=repository)
        for repository in (None, Repository("o", "r"), Repository("o", "r2"), Repository("o", "r", "other"))
    }
    assert len(keys) == 4


def test_a_glossary_missing_in_a_language_links_to_starting_it(guide):
    language = guide.languages[-1]
    del guide.glossaries[language]
    (href,) = _improve_hrefs(pages.glossary_page(guide, language, links()))
    parts = urlsplit(href)
    assert parts.path == "/example-owner/guide.repo/new/trunk/content/glossary"
    assert parse_qs(parts.query) == {"filename": [f"{language}.yml"]}


HOSTILE = '"><script>alert(1)</script>{title}&amp;\u202e'


def test_hostile_titles_and_ui_strings_stay_text_in_the_links(guide):
    article = next(a for a in guide.articles if a.myth_ids)
    language = next(iter(article.versions))
    article.versions[language].title = HOSTILE
    locale = guide.locales[language]
    locale.strings["improve_article_text"] = HOSTILE + " {title}"
    locale.strings["outdated_diff"] = HOSTILE + " {command}"
    for page in (pages.myths_page(guide, language, links()), pages.checklists_index_page(guide, language, links())):
        rendered = soup(page)
        assert rendered.find("script") is None
        texts = [a.get_text() for a in rendered.select("p.nk-improve a")]
        assert HOSTILE.replace("{title}", HOSTILE) + " " + HOSTILE in texts
    article, language = _outdated(guide)
    guide.locales[language].strings["outdated_diff"] = HOSTILE + " {command}"
    notice = soup(pages.article_page(guide, article, language, links())).select_one(".nk-notice--outdated")
    assert notice.find("script") is None and HOSTILE in notice.get_text()
