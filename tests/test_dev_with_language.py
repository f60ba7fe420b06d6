"""`python3 scripts/dev.py test --with-language CODE`: the scratch copy the suite then runs in."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import yaml

from conftest import LANGUAGES, ROOT


def _dev():
    spec = importlib.util.spec_from_file_location("netguide_dev_script", ROOT / "scripts" / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_option_is_taken_out_of_pytests_arguments():
    dev = _dev()
    assert dev.split_added_languages(["--with-language", "fr", "-x", "--with-language=fa", "tests/a.py"]) == (
        ["fr", "fa"],
        ["-x", "tests/a.py"],
    )
    assert dev.split_added_languages(["-k", "x"]) == ([], ["-k", "x"])


def test_the_scratch_copy_has_the_new_language_and_runs_its_own_package(tmp_path):
    code = next(code for code in ("fr", "es", "pt", "nl", "sv") if code not in LANGUAGES)
    copy = tmp_path / "copy"
    env = _dev().scratch_copy(sys.executable, [code], copy)
    config = yaml.load((copy / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    assert [entry["locale"] for entry in i18n["languages"]] == [*LANGUAGES, code]
    assert (copy / "locales" / f"{code}.yml").exists() and not (ROOT / "locales" / f"{code}.yml").exists()
    package = sorted(p.relative_to(ROOT) for p in (ROOT / "scripts").rglob("*.py") if "__pycache__" not in p.parts)
    assert [p for p in package if not (copy / p).exists()] == []  # every module, scripts/netguide/site/ too
    assert not (copy / ".venv").exists() and not (copy / ".git").exists()
    where = subprocess.run(
        [sys.executable, "-c", "import netguide; print(netguide.__file__)"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where == str(copy / "scripts" / "netguide" / "__init__.py")
