"""The reserved ids are complete: on the built pages, every id is either one the checks reserve
(read from the theme's templates and from our page generators) or one that came from the content.

So a theme upgrade that adds an element with an id, or a page generator that writes a new one,
fails here until the derivation covers it, instead of leaving an id that content could take.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import ROOT
from netguide.content.handwritten import FRONT_MATTER
from netguide.content.links import anchors_of
from netguide.content.validation import section_ids
from netguide.site.reserved_ids import page_ids, theme_ids, theme_template_dirs


def _ids(path) -> list[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [element["id"] for element in soup.find_all(id=True)]


def _title_id(path) -> str:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("h1").get("id", "")


def test_every_id_of_an_article_page_is_reserved_or_from_its_body(built_site, real_guide):
    exact, prefixes = theme_ids(theme_template_dirs(ROOT))
    for article in real_guide.articles:
        for language in real_guide.languages:
            path = built_site / language / "guide" / article.id / "index.html"
            version = article.versions.get(language) or article.source
            ours = page_ids(real_guide, article.id, language)
            from_body = set(section_ids(version.body))
            for found in _ids(path):
                reserved = found in exact or found in ours or found.startswith(prefixes)
                assert reserved != (found in from_body) or found == _title_id(path), (path, found)


def test_every_id_of_a_hand_written_page_is_the_themes_or_its_own(built_site):
    exact, prefixes = theme_ids(theme_template_dirs(ROOT))
    for source in sorted((ROOT / "docs").glob("about.*.md")):
        language = source.name.split(".")[1]
        path = built_site / language / "about" / "index.html"
        text = source.read_text(encoding="utf-8")
        own = anchors_of(FRONT_MATTER.sub("", text, count=1))
        for found in _ids(path):
            assert (found in exact or found.startswith(prefixes)) != (found in own), (path, found)
