"""The nav of one language, with titles from locales/."""

from __future__ import annotations

from ..content.model import Guide
from .escape import theme_text
from .urls import CHECKLISTS_INDEX, GLOSSARY_PAGE, MYTHS_PAGE, STATUS_PAGE, article_path


def navigation(guide: Guide, language: str, group_size: int = 20) -> list:
    """The nav for one language: paths without language suffix, titles from locales/ (escaped: the theme prints them as HTML).

    Checklists are listed on their index page (and linked from each article),
    not one by one. Past ``group_size`` articles the articles are grouped in
    numbered runs ("1–20", "21–40", …): with the theme's ``navigation.prune``
    a page then carries only its own group's links, so a page's size, and the
    build time per page, stays about the same as the guide grows.
    """
    locale = guide.locales[language]
    articles: list = [article_path(a.id) for a in guide.articles]
    if len(articles) > group_size:
        articles = [
            {_run_label(start + 1, min(start + group_size, len(articles))): articles[start : start + group_size]}
            for start in range(0, len(articles), group_size)
        ]
    return [
        {theme_text(locale.t("nav_home")): "index.md"},
        {theme_text(locale.t("nav_articles")): articles},
        {theme_text(locale.t("nav_checklists")): CHECKLISTS_INDEX},
        {theme_text(locale.t("nav_myths")): MYTHS_PAGE},
        {theme_text(locale.t("nav_glossary")): GLOSSARY_PAGE},
        {theme_text(locale.t("nav_about")): ["about.md", STATUS_PAGE]},
    ]


def _run_label(first: int, last: int) -> str:
    return f"{first}–{last}" if first != last else str(first)
