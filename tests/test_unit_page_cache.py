"""Fast tier: what the page cache keys a page's render and template output by."""

from __future__ import annotations

import datetime
import logging
from types import SimpleNamespace

import pytest

from netguide.mkdocs_adapter.page_cache import PageCache, Unkeyable, _plain


def _page(markdown="# Title\n", url="en/guide/x/"):
    return SimpleNamespace(
        file=SimpleNamespace(src_uri="guide/x.en.md"),
        url=url,
        markdown=markdown,
        canonical_url=None,
        abs_url=None,
        edit_url=None,
        title="Title",
        meta={},
    )


def test_a_render_is_keyed_by_markdown_place_files_and_setup(tmp_path):
    cache = PageCache(tmp_path, "setup", "en")
    key = cache.render_key(_page(), "# Title\n")
    assert key == cache.render_key(_page(), "# Title\n")
    assert key != cache.render_key(_page(), "# Title!\n")
    assert key != cache.render_key(_page(url="en/guide/y/"), "# Title\n")
    assert key != PageCache(tmp_path, "other setup", "en").render_key(_page(), "# Title\n")
    assert key != PageCache(tmp_path, "setup", "de").render_key(_page(), "# Title\n")


def test_a_render_while_logging_debug_is_kept_apart(tmp_path):
    """MkDocs keeps a page's links to anchors only when not logging debug: such a render lacks them."""
    cache = PageCache(tmp_path, "setup", "en")
    logger = logging.getLogger("mkdocs.structure.pages")
    before = logger.level
    try:
        logger.setLevel(logging.INFO)
        normal = cache.render_key(_page(), "# Title\n")
        logger.setLevel(logging.DEBUG)
        assert cache.render_key(_page(), "# Title\n") != normal
    finally:
        logger.setLevel(before)


def test_the_template_key_follows_every_context_value_and_the_switcher(tmp_path):
    cache = PageCache(tmp_path, "setup", "en")
    cache._site = "site"
    extra = SimpleNamespace(items=lambda: [("netguide_text", {"a": "b"})].__iter__())

    def context(**values):
        config = {"extra": extra, "site_name": "Guide"}
        return {"config": config, "nav": None, "pages": [], "page": None, **values}

    page = _page()
    key = cache.template_key(page, context(netguide={"kind": "article"}))
    assert key == cache.template_key(page, context(netguide={"kind": "article"}))
    assert key != cache.template_key(page, context(netguide={"kind": "checklist"}))
    extra.alternate = [{"lang": "de", "link": "../de/"}]
    assert key != cache.template_key(page, context(netguide={"kind": "article"}))


def test_a_value_without_a_stable_text_is_not_keyed():
    with pytest.raises(Unkeyable):
        _plain({"a": object()})
    assert _plain({"when": datetime.date(2026, 1, 2), "tags": {"b", "a"}}) == {"when": "2026-01-02", "tags": ["a", "b"]}


def test_a_page_with_an_unkeyable_value_is_never_cached(tmp_path):
    cache = PageCache(tmp_path, "setup", "en")
    cache._site = "site"
    assert cache.template_key(_page(), {"config": {}, "odd": object()}) is None
    assert cache.pages == 1
