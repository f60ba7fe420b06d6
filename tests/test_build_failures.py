"""A broken build says what is wrong, exits non-zero, and leaves the last good site in place."""

from __future__ import annotations

import re

from conftest import copy_project, run_mkdocs_build


def snapshot(site):
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_failed_build_keeps_the_previous_site(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = run_mkdocs_build(project, site)
    assert first.returncode == 0, first.stderr
    before = snapshot(site)

    broken = project / "content/articles/networking-myths/it.yml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(re.sub(r"(?m)^title:.*\n", "title: [unclosed\n", text, count=1), encoding="utf-8")
    (project / "locales/de.yml").write_text(
        re.sub(r"(?m)^reset:.*\n", "", (project / "locales/de.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )

    second = run_mkdocs_build(project, site)
    output = second.stdout + second.stderr
    assert second.returncode != 0
    assert "Traceback" not in output
    assert re.search(r"content/articles/networking-myths/it\.yml:\d+: error: YAML syntax error", output), output
    assert "locales/de.yml: error: missing key 'reset'" in output, output
    assert "2 problems" in output
    assert snapshot(site) == before
    assert [p.name for p in tmp_path.iterdir() if "building" in p.name or ".part-" in p.name] == []


def test_build_that_fails_late_also_keeps_the_previous_site(tmp_path):
    """A failure after pages were written (a broken theme template) does not publish half a site."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert run_mkdocs_build(project, site).returncode == 0
    before = snapshot(site)
    (project / "overrides/main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ 1 / 0 }}{% endblock %}', encoding="utf-8"
    )
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    assert snapshot(site) == before
    assert [p.name for p in tmp_path.iterdir() if "building" in p.name or ".part-" in p.name] == []
