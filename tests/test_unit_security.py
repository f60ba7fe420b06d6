"""The Content-Security-Policy is fixed: it never depends on what a page contains."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from netguide.site.finish import finish_page
from netguide.site.security import add_policy, policy

PAGE = '<!doctype html><html lang="en"><head><title>t</title>{head}</head><body>{body}</body></html>'


def _policy_of(html: str) -> str:
    metas = BeautifulSoup(html, "html.parser").find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1
    return metas[0]["content"]


def _directive(value: str, name: str) -> list[str]:
    for directive in value.split(";"):
        parts = directive.split()
        if parts and parts[0] == name:
            return parts[1:]
    raise AssertionError(f"no {name} in {value!r}")


def test_scripts_only_from_the_site_itself_and_never_inline():
    assert _directive(policy(), "script-src") == ["'self'"]
    assert _directive(policy(), "object-src") == ["'none'"]
    assert _directive(policy(), "base-uri") == ["'self'"]
    assert "sha256-" not in policy() and "nonce-" not in policy()


def test_only_serve_allows_inline_scripts_for_its_live_reload():
    assert "'unsafe-inline'" in _directive(policy(serving=True), "script-src")
    assert "'unsafe-inline'" not in _directive(policy(serving=False), "script-src")


@settings(max_examples=200)
@given(st.text(), st.text())
def test_the_policy_is_the_same_whatever_the_page_contains(head, body):
    html = PAGE.format(head=f"<script>{head}</script>", body=f"<script>{body}</script>{body}")
    assert _policy_of(add_policy(html)) == policy()


def test_the_policy_comes_before_anything_else_in_head():
    html = add_policy(PAGE.format(head="<script>alert(1)</script>", body=""))
    assert re.search(r"<head>\s*<meta http-equiv=\"Content-Security-Policy\"", html)


def test_finished_pages_carry_direction_on_html_and_the_policy():
    html = finish_page(PAGE.format(head="", body="x"), "rtl")
    root = BeautifulSoup(html, "html.parser").html
    assert root["dir"] == "rtl" and root["lang"] == "en"
    assert _policy_of(html) == policy()
