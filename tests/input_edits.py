"""The kinds of input a build reads, each with one edit that changes what the site shows.

tests/test_cache_inputs.py makes each edit between two `mkdocs build` runs and
tests/test_serve_cache_inputs.py during `mkdocs serve`; both then compare the
site with a cold build of the same files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def tree(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _sub(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert new != text, (path, pattern)
    path.write_text(new, encoding="utf-8")


def _schema(project: Path) -> None:
    """A schema whose text changes (its description): every cache of a schema's verdict must forget it."""
    path = project / "content" / "schema" / "glossary.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["description"] = schema.get("description", "") + " (edited)"
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")


EDITS = {
    "an article's language file": lambda p: _sub(
        p / "content/articles/peer-networking/de.yml", r"^title: .*$", "title: Ein neuer Titel"
    ),
    "a locale": lambda p: _sub(p / "locales/it.yml", r"^site_name: .*$", "site_name: Una guida modificata"),
    "a glossary": lambda p: _sub(p / "content/glossary/ar.yml", r"definition: \"", 'definition: "(معدّل) '),
    "a JSON Schema": _schema,
    "a theme override": lambda p: _sub(p / "overrides/partials/copyright.html", r"\A", "<!-- edited -->\n"),
    "our CSS": lambda p: (p / "docs/assets/guide.css").write_text(
        (p / "docs/assets/guide.css").read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8"
    ),
    "a hand-written page": lambda p: _sub(p / "docs/about.tl.md", r"^# (.*)$", r"# \1 (binago)"),
    "mkdocs.yml": lambda p: _sub(p / "mkdocs.yml", r"^    primary: indigo$", "    primary: teal"),
    # The builds of this kind run the project's own copy of the package (PYTHONPATH), edited here.
    "the package's own code": lambda p: _sub(
        p / "scripts/netguide/mkdocs_adapter/languages.py",
        r'theme_text\(locale\.t\("site_description"\)\)',
        'theme_text(locale.t("site_description") + " (edited)")',
    ),
}
CHANGE_EVERY_LANGUAGE = ("mkdocs.yml", "a theme override", "our CSS", "a JSON Schema", "the package's own code")
