"""`netguide pages`: every generated page and the nav of one language, written with no site engine,
the seam another engine would use; and the `netguide` command reads its paths from mkdocs.yml as the plugin does."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import LANGUAGES, ROOT, copy_project
from netguide.cli import app
from netguide.site import pages
from netguide.site.navigation import navigation

runner = CliRunner()


@pytest.fixture(scope="module")
def site_guide():
    """The guide with mkdocs.yml's languages in their order, as the build loads it."""
    from netguide.content.loader import load_guide

    return load_guide(ROOT / "content", ROOT / "locales", LANGUAGES, LANGUAGES[0])


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_of_a_language_are_what_the_build_renders(tmp_path, site_guide, language):
    real_guide = site_guide
    result = runner.invoke(app, ["--root", str(ROOT), "pages", language, "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    suffix = f".{language}.md"
    expected = {
        name[: -len(suffix)] + ".md": text
        for name, text in pages.all_pages(real_guide).items()
        if name.endswith(suffix)
    }
    written = {
        path.relative_to(tmp_path / "out").as_posix(): path.read_text(encoding="utf-8")
        for path in (tmp_path / "out").rglob("*.md")
    }
    assert written == expected
    nav = json.loads((tmp_path / "out" / "nav.json").read_text(encoding="utf-8"))
    assert nav == navigation(real_guide, language)


def test_pages_need_no_site_engine(tmp_path):
    code = (
        "import sys\nfrom netguide.cli import main\nsys.argv = ['netguide', 'pages', 'de', '-o', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
        "engines = {n.split('.')[0] for n in sys.modules} & {'mkdocs', 'material', 'mkdocs_static_i18n'}\n"
        "assert not engines, engines\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "guide" / "peer-networking.md").exists()


def test_broken_content_writes_no_page(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "content" / "articles" / "peer-networking" / "de.yml"
    page.write_text(
        page.read_text(encoding="utf-8").replace("body: |\n", "body: |\n  <script>x()</script>\n\n", 1),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["--root", str(project), "pages", "de", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "de.yml" in result.output and "raw HTML" in result.output
    assert not (tmp_path / "out").exists()


def test_the_command_reads_the_plugins_paths(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.move(project / "content", project / "guide-content")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - netguide:\n", "  - netguide:\n      content_dir: guide-content\n", 1
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["--root", str(project), "status"])
    assert result.exit_code == 0, result.output
    assert "peer-networking" in result.output
