"""The site's languages: read them from mkdocs.yml, and add a new one.

The language list lives in mkdocs.yml (the i18n plugin's ``languages:``).
Adding a language touches only files, never code: a locale file, a glossary,
the home and about pages, a ``language_names`` entry in every locale, and an
entry in mkdocs.yml, inserted as text so comments and ``!ENV`` tags survive.

Language names come from the Unicode CLDR (through Babel): every locale names
the new language in its own language (``fa`` is "Persian" in en.yml,
"Persisch" in de.yml), and the new locale names every language in the new one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

from ..content.folders import refused, yaml_files
from ..content.problems import ContentError, Problem, Problems

CODE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")  # as in content/schema/*.schema.json
TRANSLATE_NOTE = "# TODO(translate): copied from {source}; translate every value into {name}, then delete this line."


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    name: str
    default: bool


class _MkDocsLoader(yaml.SafeLoader):
    """A SafeLoader that reads mkdocs.yml as MkDocs does: ``!ENV [VAR, default]`` is the variable when it is set,
    else the default (MkDocs' own reader of the tag, pyyaml-env-tag), so the plugin and the command agree."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None  # !relative, !!python/name:… and friends: not needed here


_MkDocsLoader.add_constructor("!ENV", construct_env_tag)
_MkDocsLoader.add_multi_constructor("!", _ignore_tag)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def _problem(path: Path, message: str, hint: str = "", line: int | None = None) -> ContentError:
    return ContentError([Problem(Path(path), line, message, hint)])


def read_mkdocs(root: Path) -> dict:
    path = root / "mkdocs.yml"
    if not path.exists():
        raise _problem(path, "mkdocs.yml not found", "run the command in the project folder, or pass --root PROJECT")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise _problem(
            path,
            f"YAML syntax error: {error.problem}",
            "check indentation on that line",
            mark.line + 1 if mark else None,
        ) from None
    if not isinstance(data, dict):
        raise _problem(path, "mkdocs.yml is not a mapping", "restore it from git")
    return data


def plugin_option(root: Path, name: str, default: str) -> str:
    """An option of the ``netguide`` plugin in mkdocs.yml (``content_dir``, ``locales_dir``): the plugin
    and the ``netguide`` command read their paths from the same place."""
    for plugin in read_mkdocs(root).get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("netguide"), dict):
            value = plugin["netguide"].get(name)
            return str(value) if isinstance(value, str) and value else default
    return default


def site_languages(root: Path) -> list[SiteLanguage]:
    """The languages configured for mkdocs-static-i18n, in their mkdocs.yml order."""
    path = root / "mkdocs.yml"
    for plugin in read_mkdocs(root).get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            languages = [
                SiteLanguage(str(e["locale"]), str(e.get("name", e["locale"])), bool(e.get("default")))
                for e in entries
                if isinstance(e, dict) and "locale" in e
            ]
            if languages:
                return languages
    raise _problem(
        path, "no i18n languages found in mkdocs.yml", "add the i18n plugin with a 'languages:' list under 'plugins:'"
    )


def language_codes(root: Path) -> list[str]:
    return [language.code for language in site_languages(root)]


def default_language(root: Path) -> str:
    languages = site_languages(root)
    return next((language.code for language in languages if language.default), languages[0].code)


# -- names and directions from the CLDR (Babel) ------------------------------


def _babel_locale(code: str):
    """Babel's locale for a site language code ('pt-BR' -> pt_BR), or None if the CLDR has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def cldr_name(code: str, in_language: str) -> str | None:
    """The name of language `code` as said in language `in_language`, from the CLDR; None if unknown.

    ``cldr_name("fa", "de") == "Persisch"``; region variants too: ``cldr_name("pt-BR", "de")``.
    """
    where = _babel_locale(in_language)
    if where is None:
        return None
    name = where.languages.get(code.replace("-", "_"))
    if name:
        return name
    what = _babel_locale(code)
    if what is None or what.language != code.split("-")[0]:  # an alias ('tl' parses as Filipino) is another name
        return None
    return what.get_display_name(where) or None


def own_name(code: str) -> str | None:
    """The language's name for itself, as a menu shows it ('Español', 'فارسی', 'हिन्दी'); None if unknown."""
    name = cldr_name(code, code)
    return name[:1].upper() + name[1:] if name else None


def cldr_direction(code: str) -> str | None:
    """'rtl' or 'ltr' as the CLDR says the language is written; None if unknown."""
    found = _babel_locale(code)
    return found.text_direction if found is not None else None


def styled_like(name: str, others: list[str]) -> str:
    """`name` capitalised like the names already in a locale (Italian 'persiano' next to 'Inglese': 'Persiano')."""
    cased = [other for other in others if other[:1].lower() != other[:1].upper()]
    if cased and all(other[:1].isupper() for other in cased):
        return name[:1].upper() + name[1:]
    return name


# -- adding a language -------------------------------------------------------


def yaml_scalar(text: str) -> str:
    """`text` as a one-line YAML scalar: plain when safe, else double-quoted."""
    if (
        re.fullmatch(r"[^\W\d_][\w .()'-]*", text)
        and not text.endswith((" ", ":"))
        and text.lower() not in ("yes", "no", "true", "false", "on", "off", "null", "y", "n")
    ):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def set_top_level_value(text: str, key: str, value: str) -> str:
    """Replace the one-line value of top-level `key:`, keeping a trailing comment."""
    pattern = re.compile(rf"^({re.escape(key)}:[ \t]*)([^#\n]*?)([ \t]+#[^\n]*)?$", re.MULTILINE)
    new, count = pattern.subn(lambda m: m.group(1) + value + (m.group(3) or ""), text, count=1)
    if not count:
        raise ValueError(f"no top-level '{key}:' line")
    return new


def _insert_after_header(text: str, line: str) -> str:
    """Insert `line` after the leading `# yaml-language-server` comment (or at the top)."""
    lines = text.split("\n")
    at = 1 if lines and lines[0].startswith("# yaml-language-server:") else 0
    lines.insert(at, line)
    return "\n".join(lines)


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """Index after the last non-blank line of the block opened at `start` (content indented > `indent`)."""
    end = start + 1
    last = start
    while end < len(lines):
        line = lines[end]
        if line.strip():
            if len(line) - len(line.lstrip(" ")) <= indent and not line.lstrip().startswith("#"):
                break
            last = end
        end += 1
    return last + 1


def _language_names_block(lines: list[str]) -> tuple[int, int, int]:
    """(line of `language_names:`, end of its block, indent of its entries) in a locale file's lines."""
    for index, line in enumerate(lines):
        if re.match(r"^language_names:\s*(#.*)?$", line):
            end = _block_end(lines, index, 0)
            children = [row for row in lines[index + 1 : end] if row.strip() and not row.lstrip().startswith("#")]
            return index, end, (len(children[0]) - len(children[0].lstrip(" "))) if children else 2
    raise ValueError("no 'language_names:' block")


def add_language_name(text: str, code: str, name: str) -> str:
    """Add `code: name` at the end of the `language_names:` mapping of a locale file."""
    lines = text.split("\n")
    _, end, indent = _language_names_block(lines)
    lines.insert(end, " " * indent + f"{code}: {yaml_scalar(name)}")
    return "\n".join(lines)


def set_language_names(text: str, names: dict[str, str]) -> str:
    """Replace the entries of the `language_names:` mapping of a locale file with `names`."""
    lines = text.split("\n")
    index, end, indent = _language_names_block(lines)
    lines[index + 1 : end] = [" " * indent + f"{code}: {yaml_scalar(name)}" for code, name in names.items()]
    return "\n".join(lines)


def _names_in(text: str) -> dict[str, str]:
    """The `language_names:` of a locale file's text ({} if it cannot be read)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    names = data.get("language_names") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}


def add_mkdocs_language(text: str, code: str, name: str) -> str:
    """Append a `- locale:` entry after the last one in mkdocs.yml, by text insertion."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if re.match(r"^\s*- locale:", line)]
    if not starts:
        raise ValueError("no '- locale:' entry in mkdocs.yml")
    start = starts[-1]
    dash = len(lines[start]) - len(lines[start].lstrip(" "))
    end = _block_end(lines, start, dash)
    pad = " " * dash
    lines[end:end] = [f"{pad}- locale: {code}", f"{pad}  name: {yaml_scalar(name)}"]
    return "\n".join(lines)


def _top_level_pages(docs_dir: Path, language: str, default: str) -> dict[str, Path]:
    """Hand-written pages of `language` directly in docs/: {stem: path} (index, about, …)."""
    pages: dict[str, Path] = {}
    for path in sorted(docs_dir.glob("*.md")):
        parts = path.name.split(".")
        if len(parts) == 3 and parts[1] == language:
            pages[parts[0]] = path
        elif len(parts) == 2 and language == default:
            pages.setdefault(parts[0], path)
    return pages


def _mark_page(text: str, note: str) -> str:
    """Put `note` into a Markdown page: as a YAML comment in its front matter, else an HTML comment."""
    if text.startswith("---\n"):
        return f"---\n# {note}\n" + text[len("---\n") :]
    return f"<!-- {note} -->\n\n" + text


def add_language(
    root: Path, code: str, name: str | None = None, direction: str | None = None, source: str | None = None
) -> list[Path]:
    """Add language `code` to the project at `root`; returns the files created or changed.

    `name` (the language's own name) and `direction` default to the CLDR's.
    Every locale gets the new language's name in its own language, and the
    new locale every language's name in the new one (the CLDR's; where it has
    none, the language's own name). Everything is prepared and checked before
    the first file is written.
    """
    name = name if name is not None else own_name(code) or ""
    direction = direction or cldr_direction(code) or "ltr"
    mkdocs_path = root / "mkdocs.yml"
    languages = site_languages(root)
    codes = [language.code for language in languages]
    default = default_language(root)
    source = source or default
    locales_dir, glossary_dir, docs_dir = root / "locales", root / "content" / "glossary", root / "docs"
    if not CODE_PATTERN.match(code):
        raise _problem(
            mkdocs_path,
            f"'{code}' is not a valid language code",
            "use a lower-case ISO 639-1 code such as 'es', optionally with a region: 'pt-BR'",
        )
    if code in codes or (locales_dir / f"{code}.yml").exists():
        raise _problem(
            mkdocs_path,
            f"language '{code}' already exists",
            f"translate its files instead (locales/{code}.yml, content/articles/*/{code}.yml)",
        )
    if source not in codes:
        raise _problem(
            mkdocs_path,
            f"cannot copy from '{source}': it is not a language of the site",
            f"use --from with one of {', '.join(codes)}",
        )
    if direction not in ("ltr", "rtl"):
        raise _problem(
            mkdocs_path,
            f"direction must be ltr or rtl, not '{direction}'",
            "use --direction rtl for right-to-left scripts",
        )
    if not name.strip():
        raise _problem(
            mkdocs_path,
            f"no name for '{code}': the CLDR does not know it",
            "pass --name with the language's own name, e.g. --name Español",
        )

    problems = Problems()  # read and write only real files inside the project, never through a link
    for path in [*yaml_files(locales_dir), glossary_dir / f"{source}.yml"]:
        if path.exists() or path.is_symlink():
            refused(path, root, problems)
    if problems.errors:
        raise ContentError(problems.errors)

    writes: dict[Path, str] = {}
    source_locale = locales_dir / f"{source}.yml"
    if not source_locale.exists():
        raise _problem(source_locale, "the locale file to copy from is missing", f"create locales/{source}.yml first")
    text = source_locale.read_text(encoding="utf-8")
    try:
        text = set_top_level_value(text, "language", code)
        text = set_top_level_value(text, "language_name", yaml_scalar(name))
        text = set_top_level_value(text, "direction", direction)
    except ValueError as error:
        raise _problem(
            source_locale, f"cannot copy this locale file: {error}", "restore the key, see locales/en.yml"
        ) from None
    writes[locales_dir / f"{code}.yml"] = _insert_after_header(
        text, TRANSLATE_NOTE.format(source=f"locales/{source}.yml", name=name)
    )
    for path in sorted(locales_dir.glob("*.yml")):
        existing = writes.get(path) or path.read_text(encoding="utf-8")
        said = cldr_name(code, path.stem)
        try:
            writes[path] = add_language_name(
                existing, code, styled_like(said, list(_names_in(existing).values())) if said else name
            )
        except ValueError:
            raise _problem(
                path,
                "no 'language_names:' mapping to add the new language to",
                "add 'language_names:' as in locales/en.yml",
            ) from None
    new_locale = locales_dir / f"{code}.yml"
    own_names = {language.code: language.name for language in languages}
    writes[new_locale] = set_language_names(
        writes[new_locale], {**{other: cldr_name(other, code) or own_names[other] for other in codes}, code: name}
    )
    said_in = cldr_name(code, "en") or name
    writes[new_locale] = re.sub(
        r"^(language_names:.*# .*as said in )[^\n]*$",
        lambda m: m.group(1) + said_in,
        writes[new_locale],
        count=1,
        flags=re.MULTILINE,
    )

    source_glossary = glossary_dir / f"{source}.yml"
    if source_glossary.exists():
        text = source_glossary.read_text(encoding="utf-8")
        try:
            text = set_top_level_value(text, "language", code)
        except ValueError:
            raise _problem(source_glossary, "no top-level 'language:' line", f"add 'language: {source}'") from None
        writes[glossary_dir / f"{code}.yml"] = _insert_after_header(
            text, TRANSLATE_NOTE.format(source=f"content/glossary/{source}.yml", name=name)
        )

    pages = _top_level_pages(docs_dir, source, default)
    if not pages:
        raise _problem(
            docs_dir, f"no pages of '{source}' found in docs/", f"add docs/index.{source}.md and docs/about.{source}.md"
        )
    for stem, path in pages.items():
        target = docs_dir / f"{stem}.{code}.md"
        writes[target] = _mark_page(
            path.read_text(encoding="utf-8"),
            f"TODO(translate): copied from docs/{path.name}; translate it into {name}, then delete this line.",
        )

    mkdocs_text = mkdocs_path.read_text(encoding="utf-8")
    try:
        writes[mkdocs_path] = add_mkdocs_language(mkdocs_text, code, name)
    except ValueError as error:
        raise _problem(mkdocs_path, str(error), "list the languages under the i18n plugin's 'languages:'") from None
    check = yaml.load(writes[mkdocs_path], Loader=_MkDocsLoader)  # the insertion must keep mkdocs.yml valid
    i18n = next(p["i18n"] for p in check["plugins"] if isinstance(p, dict) and "i18n" in p)
    if [str(entry["locale"]) for entry in i18n["languages"]] != [*codes, code]:
        raise _problem(
            mkdocs_path,
            "could not add the language to 'languages:' safely",
            f"add '- locale: {code}' with 'name: {name}' by hand, after the last language",
        )

    for path in writes:
        if path.exists() or path.is_symlink():
            refused(path, root, problems)
        else:
            refused(path.parent, root, problems, folder=True)
    if problems.errors:
        raise ContentError(problems.errors)
    for path, text in writes.items():
        path.write_text(text, encoding="utf-8")
    return list(writes)
