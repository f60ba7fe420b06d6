"""Turn the loaded guide into the Markdown pages that MkDocs renders.

Every function returns the text of one page in one language. Every text
from content/ and locales/ except an article's body is plain text and goes
through :mod:`.escape` for the context it lands in (Markdown, HTML, the
theme's front matter), so content cannot add markup.
Pages are written as ``<path>.<lang>.md`` for mkdocs-static-i18n.
With the repository's address (`links`, :mod:`.source_links`) each page
links to the file behind it on GitHub, a fallback to adding the translation,
an outdated notice to what changed.
"""

from __future__ import annotations

import functools
import json
import re

from babel import UnknownLocaleError
from babel.lists import format_list

from ..content.model import Article, Guide, Locale, Provenance, Version
from .escape import html_text as escape
from .escape import markdown_text as md
from .escape import theme_text
from .source_links import SourceLinks
from .urls import CHECKLISTS_INDEX, GLOSSARY_PAGE, MYTHS_PAGE, STATUS_PAGE, article_path, checklist_path, relative_url


def _front_matter(title: str, description: str, **values: object) -> str:
    """The page's front matter; the theme prints title and description into HTML as they are."""
    values = {"title": theme_text(title), "description": theme_text(description), **values}
    # JSON is valid YAML and much faster to write than PyYAML's emitter.
    return "---\n" + json.dumps(values, ensure_ascii=False) + "\n---\n\n"


def _version_for(article: Article, language: str) -> tuple[Version, bool]:
    """The version to show in `language` and whether it is a fallback."""
    if language in article.versions:
        return article.versions[language], False
    return article.source, True


def _language_wrapper(version: Version, page_language: str, guide: Guide) -> tuple[str, str]:
    """Open/close tags marking text in another language than the page."""
    if version.language == page_language:
        return "", ""
    direction = guide.locales[version.language].direction
    return f'<div lang="{version.language}" dir="{direction}" markdown>\n\n', "\n\n</div>\n"


def improve_link(url: str, text: str) -> str:
    """The paragraph that links a page (or part of one) to the file behind it on GitHub (not in the search index)."""
    return f'<p class="nk-improve" data-search-exclude><a class="nk-improve__link" href="{escape(url)}">{escape(text)}</a></p>\n\n'


def _filled(template: str, **html_values: str) -> str:
    """A UI string escaped as HTML text, then its ``{name}`` placeholders replaced with `html_values` (HTML)."""
    return _PLACEHOLDER.sub(lambda m: html_values.get(m.group(1), m.group(0)), escape(template))


def _add_translation(guide: Guide, article: Article, language: str, links: SourceLinks) -> tuple[str, str, bool]:
    """(URL, link text, prefilled) that starts the missing `language` version: the prefilled new file
    (prefilled: True), else the steps."""
    locale = guide.locales[language]
    url = links.add_translation_url(article.id, language)
    if url is None:
        return links.translation_steps_url(), locale.t("translation_steps"), False
    return url, locale.t("add_translation", language=locale.language_name(language, guide.locales)), True


def _command(name: str, article: Article, language: str) -> str:
    """The `netguide` command `name` for the article's `language` version, as code in a text of either direction."""
    return f'<code dir="ltr">netguide {name} {escape(article.id)} {escape(language)}</code>'


def _article_link(guide: Guide, article: Article, language: str, links: SourceLinks, text: str) -> str:
    """The link to the article's `language` file behind a page, or to adding it where it is missing."""
    if language in article.versions:
        return improve_link(links.edit_url(links.article_file(article.id, language)), text)
    url, text, _ = _add_translation(guide, article, language, links)
    return improve_link(url, text)


def _missing_notice(guide: Guide, article: Article, language: str, links: SourceLinks) -> str:
    """How to add the missing translation, and the link that does."""
    locale = guide.locales[language]
    url, text, prefilled = _add_translation(guide, article, language, links)
    if prefilled:
        how = escape(locale.t("add_translation_how"))
    else:  # too long for an address (or no scaffold): the command that writes it, and the steps
        how = _filled(str(locale.strings["add_translation_long"]), command=_command("new", article, language))
    return f'<p class="nk-notice nk-notice--add" role="note">{how} <a href="{escape(url)}">{escape(text)}</a></p>'


def _changes(guide: Guide, article: Article, language: str, changed: str, links: SourceLinks) -> str:
    """After the outdated notice: the link to what changed in the source, else the command that shows it."""
    locale = guide.locales[language]
    url = links.changes_url(article.id, language)
    if url is not None:
        text = locale.t("outdated_changes", language=locale.language_name(changed, guide.locales))
        return f' <a href="{escape(url)}">{escape(text)}</a>'
    return " " + _filled(str(locale.strings["outdated_diff"]), command=_command("diff", article, language))


def _notices(guide: Guide, article: Article, language: str, path: str, links: SourceLinks | None = None) -> str:
    """The 'translated from', 'outdated' and 'missing translation' notices of a page."""
    locale = guide.locales[language]
    version, fallback = _version_for(article, language)
    source_name = locale.language_name(article.source_language, guide.locales)
    notes = []
    if fallback:
        text = locale.t("fallback_notice", language=locale.language_name(language, guide.locales), source=source_name)
        notes.append(f'<p class="nk-notice nk-notice--fallback" role="note">{escape(text)}</p>')
        if links is not None:
            notes.append(_missing_notice(guide, article, language, links))
    elif version.translated_from is not None:
        original = article.original_of(language)
        link = relative_url(path, language, original, path)
        pivot = article.versions.get(version.translated_from.language)
        if pivot is not None and pivot.translated_from is not None:  # translated from a translation
            text = escape(
                locale.t(
                    "translated_via",
                    language=locale.language_name(pivot.language, guide.locales),
                    source=locale.language_name(pivot.translated_from.language, guide.locales),
                )
            )
        else:
            text = escape(
                locale.t(
                    "translated_from", language=locale.language_name(version.translated_from.language, guide.locales)
                )
            )
        notes.append(
            f'<p class="nk-notice nk-notice--translation" role="note">{text} · '
            f'<a href="{escape(link)}" hreflang="{original}">{escape(locale.t("read_original"))}</a></p>'
        )
        changed = article.outdated_by(language)
        if changed:
            more = _changes(guide, article, language, changed, links) if links is not None else ""
            notes.append(
                '<p class="nk-notice nk-notice--outdated" role="note">'
                f"{escape(locale.t('outdated_notice', language=locale.language_name(changed, guide.locales)))}"
                f"{more}</p>"
            )
    return "\n".join(notes) + ("\n\n" if notes else "")


_HTTP_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _source_line(locale: Locale, provenance: Provenance, original: bool) -> str:
    """What we know of where the article was first published, in one sentence of the page's language.

    Nothing known: locale `source_none`. Otherwise `source_some`, escaped as a
    whole, with ``{known}`` each known field as "name: value" (names from
    `source_fields`; each value escaped and isolated with <bdi>; the address
    a link only when it is an http(s) URL) and ``{unknown}`` the names of the
    others, as a list in the page's language (Babel). An original version's
    page adds what an original of this guide is (`original_notice`).
    """
    notice = f" {escape(locale.t('original_notice'))}" if original else ""
    known = [name for name in Provenance.FIELDS if provenance.known(name)]
    if not known:
        return f'<p class="nk-source">{escape(locale.t("source_none"))}{notice}</p>\n\n'
    names = locale.strings["source_fields"]
    parts = []
    for name in known:
        value = getattr(provenance, name)
        shown = escape(value)
        if name == "url" and _HTTP_URL.fullmatch(value):
            shown = f'<a href="{escape(value)}" rel="nofollow">{shown}</a>'
        parts.append(f"{escape(str(names[name]))}: <bdi>{shown}</bdi>")
    unknown = [escape(str(names[name])) for name in Provenance.FIELDS if name not in known]
    values = {"known": "; ".join(parts), "unknown": _list(tuple(unknown), locale.language)}
    line = _filled(str(locale.strings["source_some"]), **values)
    return f'<p class="nk-source">{line}{notice}</p>\n\n'


@functools.lru_cache(maxsize=256)
def _list(items: tuple[str, ...], language: str) -> str:
    """`items` as a list in `language` ("a, b and c"), by the CLDR's rules; joined with commas if it has none.

    Remembered: every page of a language lists the same few field names, and Babel loads its locale data each time.
    """
    if not items:
        return ""
    try:
        return format_list(items, locale=language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return ", ".join(items)


def _editorial_notes(guide: Guide, version: Version, language: str) -> str:
    """The project's meaning-changing edits of this version (its `editorial_notes`), as a note; '' when none.

    Each note is an item with the id ``note-<its id>``, the same on every page that shows the version.
    """
    if not version.editorial_notes:
        return ""
    locale = guide.locales[language]
    other = ""
    if version.language != language:  # the notes are in the version's language, the heading in the page's
        other = f' lang="{version.language}" dir="{guide.locales[version.language].direction}"'
    items = "\n".join(f'<li id="note-{escape(note.id)}">{escape(note.text)}</li>' for note in version.editorial_notes)
    return (
        '<div class="nk-notice nk-notice--editorial" role="note" aria-labelledby="nk-editorial-notes">\n'
        f'<p class="nk-notice__title" id="nk-editorial-notes">{escape(locale.t("editorial_notes"))}</p>\n'
        f"<ul{other}>\n{items}\n</ul>\n</div>\n\n"
    )


def myth_block(locale: Locale, myth_id: str, myth: str, fact: str, source_link: str = "", source_text: str = "") -> str:
    """One myth paired with its fact; readable without colour (text labels, icons with alt text)."""
    parts = [
        f'<div class="nk-myth" id="myth-{escape(myth_id)}">',
        f'<p class="nk-myth__claim"><span class="nk-label nk-label--myth"><span aria-hidden="true">✗</span> '
        f"{escape(locale.t('myth'))}:</span> {escape(myth)}</p>",
        f'<p class="nk-myth__fact"><span class="nk-label nk-label--fact"><span aria-hidden="true">✓</span> '
        f"{escape(locale.t('fact'))}:</span> {escape(fact)}</p>",
    ]
    if source_link:
        parts.append(f'<p class="nk-myth__source"><a href="{escape(source_link)}">{escape(source_text)}</a></p>')
    parts.append("</div>")
    return "\n".join(parts)


def checklist_form(article: Article, version: Version, locale: Locale, heading_id: str) -> str:
    """A real HTML form: labelled checkboxes that work (and print) without JavaScript."""
    items = []
    for item_id in article.checklist_ids:
        box_id = escape(f"nk-{article.id}-{item_id}")
        items.append(
            f'<li class="nk-checklist__item"><input type="checkbox" id="{box_id}" name="{escape(item_id)}" '
            f'value="done"><label for="{box_id}">{escape(version.checklist[item_id])}</label></li>'
        )
    template = escape(locale.t("progress", done="{done}", total="{total}"))
    return "\n".join(
        [
            f'<form class="nk-checklist" data-checklist="{article.id}" data-progress-template="{template}" '
            f'aria-labelledby="{heading_id}">',
            '<ul class="nk-checklist__items">',
            *items,
            "</ul>",
            '<p class="nk-checklist__progress" role="status" aria-live="polite" hidden></p>',
            f'<button type="reset" class="md-button nk-checklist__reset">{escape(locale.t("reset"))}</button>',
            "</form>",
        ]
    )


def article_page(guide: Guide, article: Article, language: str, links: SourceLinks | None = None) -> str:
    locale = guide.locales[language]
    path = article_path(article.id)
    version, _ = _version_for(article, language)
    open_tag, close_tag = _language_wrapper(version, language, guide)
    lines = [
        _front_matter(
            title=version.title,
            description=version.summary,
            netguide={"kind": "article", "article": article.id, "language": version.language},
        ),
        open_tag,
        f"# {md(version.title)}\n\n",
        f"{md(version.summary)}\n{{ .nk-summary }}\n\n",
        close_tag,
        _source_line(locale, article.provenance, original=version.language in article.originals),
        _notices(guide, article, language, path, links),
        _editorial_notes(guide, version, language),
        open_tag,
        version.body.rstrip() + "\n\n",
    ]
    if article.myth_ids:
        lines.append(f"## {md(locale.t('myths_title'))} {{ #myths }}\n\n")
        lines.extend(myth_block(locale, m.id, m.myth, m.fact) + "\n\n" for m in version.myths.values())
    lines.append(f"## {md(locale.t('checklist'))} {{ #checklist }}\n\n")
    lines.extend(f"- {md(version.checklist[i])}\n" for i in article.checklist_ids)
    lines.append(close_tag)
    lines.append(
        f"\n[{md(locale.t('open_checklist'))}](checklists/{article.id}.md){{ .md-button .md-button--primary }}\n"
        f"[{md(locale.t('download_pdf'))}](checklists/{article.id}.pdf){{ .md-button download }}\n"
    )
    if links is not None:
        lines.append("\n" + _article_link(guide, article, language, links, locale.t("improve_page")))
    return "".join(lines)


def _checklist_actions(locale: Locale, article_id: str) -> str:
    """'Download PDF' and 'Read the article' buttons under a checklist (links relative to checklists/)."""
    return (
        f'<p class="nk-actions" markdown>[{md(locale.t("download_pdf"))}]({article_id}.pdf){{ .md-button download }} '
        f"[{md(locale.t('read_article'))}](../{article_id}.md){{ .md-button }}</p>"
    )


def _page_head(locale: Locale, title_key: str, intro_key: str, kind: str, intro: str | None = None) -> str:
    """Front matter and the title and intro of a page that gathers the whole guide."""
    title = locale.t(title_key)
    return (
        _front_matter(title=title, description=locale.t(intro_key), netguide={"kind": kind})
        + f"# {md(title)}\n\n{md(intro or locale.t(intro_key))}\n\n"
    )


def checklist_page(guide: Guide, article: Article, language: str, links: SourceLinks | None = None) -> str:
    locale = guide.locales[language]
    version, _ = _version_for(article, language)
    title = locale.t("checklist_for", title=version.title)
    open_tag, close_tag = _language_wrapper(version, language, guide)
    return "".join(
        [
            _front_matter(
                title=title,
                description=version.summary,
                netguide={"kind": "checklist", "article": article.id, "language": version.language},
            ),
            f"# {md(title)} {{ #checklist-title }}\n\n",
            f"{md(locale.t('checklist_intro'))}\n\n",
            open_tag,
            checklist_form(article, version, locale, "checklist-title"),
            "\n\n",
            close_tag,
            "\n",
            _checklist_actions(locale, article.id),
            "\n",
            "" if links is None else "\n" + _article_link(guide, article, language, links, locale.t("improve_page")),
        ]
    )


def _section_link(guide: Guide, article: Article, language: str, title: str, links: SourceLinks | None) -> str:
    """On a page that gathers every article: the link to the file of one article's part."""
    if links is None:
        return ""
    text = guide.locales[language].t("improve_article_text", title=title)
    return _article_link(guide, article, language, links, text)


def checklists_index_page(guide: Guide, language: str, links: SourceLinks | None = None) -> str:
    locale = guide.locales[language]
    parts = [
        _page_head(locale, "all_checklists", "all_checklists_intro", "checklists", locale.t("checklist_intro")),
    ]
    for article in guide.articles:
        version, _ = _version_for(article, language)
        open_tag, close_tag = _language_wrapper(version, language, guide)
        heading_id = f"checklist-{article.id}"
        parts += [
            open_tag,
            f"## {md(version.title)} {{ #{heading_id} }}\n\n",
            checklist_form(article, version, locale, heading_id),
            "\n\n",
            close_tag,
            _checklist_actions(locale, article.id),
            "\n\n",
            _section_link(guide, article, language, version.title, links),
        ]
    return "".join(parts)


def myths_page(guide: Guide, language: str, links: SourceLinks | None = None) -> str:
    locale = guide.locales[language]
    parts = [
        _page_head(locale, "myths_title", "myths_intro", "myths"),
    ]
    for article in guide.articles:
        if not article.myth_ids:
            continue
        version, _ = _version_for(article, language)
        open_tag, close_tag = _language_wrapper(version, language, guide)
        parts += [open_tag, f"## {md(version.title)} {{ #from-{article.id} }}\n\n"]
        link = f"{article.id}/"
        for myth in version.myths.values():
            parts.append(
                myth_block(
                    locale,
                    myth.id,
                    myth.myth,
                    myth.fact,
                    f"../{link}#myth-{myth.id}",
                    locale.t("from_article", title=version.title),
                )
                + "\n\n"
            )
        parts.append(close_tag)
        parts.append(_section_link(guide, article, language, version.title, links))
    return "".join(parts)


def glossary_page(guide: Guide, language: str, links: SourceLinks | None = None) -> str:
    locale = guide.locales[language]
    terms = guide.glossaries.get(language) or guide.glossaries.get(guide.default_language, [])
    rows = "\n".join(
        f'<dt id="term-{escape(t.id)}">{escape(t.term)}</dt>\n<dd>{escape(t.definition)}</dd>' for t in terms
    )
    improve = ""
    if links is not None:
        if language in guide.glossaries:
            url = links.edit_url(links.glossary_file(language))
        else:  # the default language's terms are shown: start this language's file
            url = links.new_file_url(f"{links.content}/glossary", f"{language}.yml") or links.translation_steps_url()
        improve = "\n" + improve_link(url, locale.t("improve_page"))
    return "".join(
        [
            _page_head(locale, "glossary_title", "glossary_intro", "glossary"),
            f'<dl class="nk-glossary">\n{rows}\n</dl>\n',
            improve,
        ]
    )


def status_page(guide: Guide, language: str) -> str:
    """Which article exists in which language, and which translation is outdated.

    A table; on a narrow screen (docs/assets/guide.css) each article becomes a
    block of "language: status" lines, so each cell also names its language
    (shown only there: in the table the column header says it).
    """
    locale = guide.locales[language]
    names = {code: escape(locale.language_name(code, guide.locales)) for code in guide.languages}
    header = "".join(f'<th scope="col" lang="{code}">{names[code]}</th>' for code in guide.languages)
    rows = []
    for article in guide.articles:
        version, _ = _version_for(article, language)
        cells = []
        for code in guide.languages:
            status = article.status(code)
            label = escape(locale.t(f"status_{status}"))
            named = f'<span class="nk-status__language">{names[code]}: </span>'
            if status == "missing":
                cells.append(f'<td class="nk-status nk-status--missing">{named}{label}</td>')
            else:
                link = relative_url(STATUS_PAGE, language, code, article_path(article.id))
                cells.append(
                    f'<td class="nk-status nk-status--{status}">{named}'
                    f'<a href="{escape(link)}" hreflang="{code}">{label}</a></td>'
                )
        rows.append(f'<tr><th scope="row">{escape(version.title)}</th>{"".join(cells)}</tr>')
    return "".join(
        [
            _page_head(locale, "status_title", "status_intro", "status"),
            '<div class="nk-status-wrap">\n<table class="nk-status-table">\n',
            f'<thead><tr><th scope="col">{escape(locale.t("status_article"))}</th>{header}</tr></thead>\n',
            "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n",
        ]
    )


def hand_written_link(guide: Guide, language: str, docs_path: str, links: SourceLinks | None) -> str:
    """What a hand-written page (docs/`docs_path`) shown in `language` ends with: the link to its file; '' without links."""
    if links is None:
        return ""
    return "\n\n" + improve_link(links.hand_written_url(docs_path, language), guide.locales[language].t("improve_page"))


def all_pages(guide: Guide, links: SourceLinks | None = None) -> dict[str, str]:
    """Every generated page of every language: {docs-relative file name: Markdown}; `links`: see the module."""
    pages: dict[str, str] = {}

    def put(path: str, language: str, text: str) -> None:
        pages[path[: -len(".md")] + f".{language}.md"] = text

    for language in guide.languages:
        for article in guide.articles:
            put(article_path(article.id), language, article_page(guide, article, language, links))
            put(checklist_path(article.id), language, checklist_page(guide, article, language, links))
        put(CHECKLISTS_INDEX, language, checklists_index_page(guide, language, links))
        put(MYTHS_PAGE, language, myths_page(guide, language, links))
        put(GLOSSARY_PAGE, language, glossary_page(guide, language, links))
        put(STATUS_PAGE, language, status_page(guide, language))
    return pages
