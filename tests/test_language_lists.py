"""No test names the site's languages: they come from mkdocs.yml (conftest.LANGUAGES).

A test that writes the languages out, ``["en", "tl", …]`` or ``len(languages) == 5``,
leaves out the language `netguide add-language` adds next. The rule, checked on the
source of every file in tests/ (its syntax tree, so comments and docstrings do not count):

- a list, tuple or set literal whose strings include every language code of mkdocs.yml
  is a list of the site's languages: use ``LANGUAGES`` (or a part of it: ``LANGUAGES[-1]``);
- ``len(…)`` of anything named *language* compared with a number counts the languages:
  compare with ``len(LANGUAGES)``.

Data for some languages is allowed: a stemmer's test words for one language, a dict of
expected words per language (the test then runs for every language of ``LANGUAGES``, looks
its data up and gives a language without data the general check), a fixed example list
that does not hold every site language. Whether those tests pass for a new language is
what the suite run in a copy with one more language shows (``python3 scripts/dev.py test
--with-language fr``, CONTRIBUTING: Add a language).
"""

from __future__ import annotations

import ast

from conftest import LANGUAGES, ROOT


def named_languages(source: str, languages: list[str]) -> list[str]:
    """Where `source` names every one of `languages` in one literal, or counts languages: 'line N: …'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            strings = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            if set(languages) <= strings:
                found.append(f"line {node.lineno}: a literal list of every site language; use LANGUAGES")
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            counted = [
                side
                for side in sides
                if isinstance(side, ast.Call)
                and isinstance(side.func, ast.Name)
                and side.func.id == "len"
                and "language" in ast.unparse(side).lower()
                and "LANGUAGES" not in ast.unparse(side)  # len(LANGUAGES) is the count itself
            ]
            numbers = [side for side in sides if isinstance(side, ast.Constant) and type(side.value) is int]
            if counted and numbers:
                found.append(f"line {node.lineno}: {ast.unparse(node)} counts languages; use len(LANGUAGES)")
    return found


def test_no_test_names_the_site_languages():
    found = {
        path.name: problems
        for path in sorted((ROOT / "tests").glob("*.py"))
        if (problems := named_languages(path.read_text(encoding="utf-8"), LANGUAGES))
    }
    assert found == {}, found


def test_the_rule_finds_a_list_of_the_languages_and_a_count():
    listed, reordered = repr(list(LANGUAGES)), repr(tuple(reversed(LANGUAGES)))
    source = (
        f"@pytest.mark.parametrize('language', {listed})\ndef test(language): ...\n"
        f"ORDER = {reordered}\n"
        f"assert len(site.languages) == {len(LANGUAGES)}\n"
        f"more = {{*{listed}, 'xx'}}\n"
    )
    assert sorted(problem.split(":")[0] for problem in named_languages(source, LANGUAGES)) == [
        "line 1",
        "line 3",
        "line 4",
        "line 5",
    ]


def test_the_rule_leaves_data_of_some_languages_alone():
    first, *others = LANGUAGES
    per_language = {code: [f"a word of {code}"] for code in LANGUAGES}
    source = (
        f"QUERIES = {per_language!r}\n"  # looked up per language, a general check for the others
        f"SOME = {others!r}\n"
        f"stemmed = stem({first!r}, 'words')\n"
        "assert len(LANGUAGES) > 1 and len(queries) == 3\n"
    )
    assert named_languages(source, LANGUAGES) == []
