"""`netguide`: the translators' tool. One command per chore; the logic lives in its own modules.

    netguide status                 which translations are up to date, outdated or missing
    netguide new ARTICLE LANGUAGE   start a translation from the source version (--from: another one)
    netguide check [ARTICLE] [LANG] what does not line up with the source, and how to fix it
    netguide stamp ARTICLE LANGUAGE mark a translation as matching the current source
    netguide diff ARTICLE LANGUAGE  what changed in the source since the translation was stamped
    netguide add-language CODE      add a language to the site
    netguide export ARTICLE LANG    an article's translation as XLIFF 2 or PO, for a CAT tool or platform
    netguide import FILE            a translated export back into content/, stamped and checked

Also runnable as ``python -m netguide``. Every command takes ``--root`` (before
the command name) for a project folder other than the current one.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from functools import wraps
from pathlib import Path

import typer
import yaml

from ..content.folders import article_ids, find_article
from ..content.problems import ContentError, Problem
from ..translate import languages as site

app = typer.Typer(
    help="Tools for the guide's translators: status, new, check, stamp, add-language.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

STATUS_LABELS = {"original": "original", "current": "up to date", "outdated": "outdated", "missing": "missing"}


@dataclass
class Project:
    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / site.plugin_option(self.root, "content_dir", "content")

    @property
    def locales_dir(self) -> Path:
        return self.root / site.plugin_option(self.root, "locales_dir", "locales")

    def languages(self) -> list[str]:
        return site.language_codes(self.root)

    def default_language(self) -> str:
        return site.default_language(self.root)


def _project(ctx: typer.Context) -> Project:
    root = ctx.find_root().params.get("root") or Path.cwd()
    return Project(Path(root).resolve())


# -- output ------------------------------------------------------------------


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _print_problems(problems: list[Problem]) -> None:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        typer.echo(str(problem))
        if annotate:
            typer.echo(problem.github_annotation())


def _counter(label: str):
    """A progress counter on stderr, shown only on a terminal (CI logs stay clean)."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        sys.stderr.write(f"\r{label} {done}/{total}" + ("\n" if done == total else ""))
        sys.stderr.flush()

    return report


def _errors_become_messages(command):
    """Content, file and YAML errors end the command with a message and exit code 1, not a traceback."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ContentError as error:
            _print_problems(error.problems)
            count = len(error.problems)
            _err(f"{count} problem{'s' if count != 1 else ''}: nothing was changed." if count else "failed")
            raise typer.Exit(1) from None
        except yaml.YAMLError as error:
            _err(f"error: YAML: {error}")
            raise typer.Exit(1) from None
        except UnicodeDecodeError as error:
            _err(f"error: a file is not UTF-8 ({error.reason} at byte {error.start}): save it with UTF-8 encoding")
            raise typer.Exit(1) from None
        except OSError as error:
            _err(
                f"error: {error.strerror or error} {('(' + str(error.filename) + ')') if error.filename else ''}".strip()
            )
            raise typer.Exit(1) from None

    return run


# -- argument validation and completion --------------------------------------


def _configured(ctx: typer.Context) -> list[str]:
    try:
        return _project(ctx).languages()
    except (ContentError, OSError, yaml.YAMLError):
        return []


def _articles(ctx: typer.Context) -> list[str]:
    try:
        return article_ids(_project(ctx).content_dir)
    except (ContentError, OSError):
        return []


def complete_language(ctx: typer.Context, incomplete: str) -> list[str]:
    return [code for code in _configured(ctx) if code.startswith(incomplete)]


def complete_article(ctx: typer.Context, incomplete: str) -> list[str]:
    return [name for name in ["all", *_articles(ctx)] if name.startswith(incomplete)]


def validate_language(ctx: typer.Context, value: str | None) -> str | None:
    if value is None or ctx.resilient_parsing:
        return value
    configured = _configured(ctx)
    if not configured:
        raise typer.BadParameter(f"cannot read the languages from {_project(ctx).root / 'mkdocs.yml'}")
    if value not in configured:
        raise typer.BadParameter(
            f"'{value}' is not a language of the site; use one of {', '.join(configured)} "
            "(or add it with `netguide add-language`)"
        )
    return value


def validate_article(ctx: typer.Context, value: str | None) -> str | None:
    if value is None or value == "all" or ctx.resilient_parsing:
        return value
    known = _articles(ctx)
    if value not in known:
        try:  # a folder that is there but cannot be read (a link, no article.yml): say why
            find_article(_project(ctx).content_dir, value)
        except ContentError as error:
            reason = error.problems[0]
            if not reason.message.startswith("no article"):
                raise typer.BadParameter(f"{value}: {reason.message}; {reason.hint}") from None
        except OSError:
            pass
        raise typer.BadParameter(f"no article '{value}'; use one of {', '.join(known) or '(none found)'} or 'all'")
    return value


ArticleArgument = typer.Argument(
    ...,
    help="The article (its folder name under content/articles).",
    callback=validate_article,
    autocompletion=complete_article,
    show_default=False,
)
LanguageArgument = typer.Argument(
    ...,
    help="Language code, e.g. de.",
    callback=validate_language,
    autocompletion=complete_language,
    show_default=False,
)
OptionalLanguage = typer.Argument(
    None, help="Only this language.", callback=validate_language, autocompletion=complete_language, show_default=False
)
OptionalArticle = typer.Argument(
    None,
    help="Only this article (its folder name); 'all' for every article.",
    callback=validate_article,
    autocompletion=complete_article,
    show_default=False,
)


@app.callback()
def main_options(
    root: Path = typer.Option(
        Path("."),
        "--root",
        help="The project folder (the one with mkdocs.yml).",
        file_okay=False,
        exists=True,
        resolve_path=True,
    ),
) -> None:
    """Tools for the guide's translators: status, new, check, stamp, add-language."""


# -- commands ----------------------------------------------------------------


class Format(str, Enum):  # noqa: UP042 - typer shows a str Enum's values as the choices
    table = "table"
    json = "json"


@app.command()
@_errors_become_messages
def status(
    ctx: typer.Context,
    language: str | None = typer.Option(
        None,
        "--language",
        "-l",
        help="Only this language.",
        callback=validate_language,
        autocompletion=complete_language,
    ),
    format: Format = typer.Option(Format.table, "--format", help="table for people, json for scripts."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 if any translation is outdated or missing."),
) -> None:
    """Show every article in every language: original, up to date, outdated or missing."""
    from ..content.loader import load_guide

    project = _project(ctx)
    codes = project.languages()
    guide = load_guide(project.content_dir, project.locales_dir, codes, project.default_language())
    shown = [language] if language else codes
    rows = [(article, code, article.status(code)) for article in guide.articles for code in shown]
    counts = Counter(state for _, _, state in rows)
    summary = (
        f"{len(guide.articles)} article{'s' if len(guide.articles) != 1 else ''} × {len(shown)} "
        f"language{'s' if len(shown) != 1 else ''}: "
        + ", ".join(f"{counts[state]} {label}" for state, label in STATUS_LABELS.items())
    )
    if format == Format.json:
        typer.echo(
            json.dumps(
                {
                    "languages": shown,
                    "articles": [
                        {
                            "article": a.id,
                            "source_language": a.source_language,
                            "status": {code: a.status(code) for code in shown},
                        }
                        for a in guide.articles
                    ],
                    "counts": {state: counts[state] for state in STATUS_LABELS},
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        width = max([len("article"), *(len(a.id) for a in guide.articles)])
        cell = max(len(label) for label in STATUS_LABELS.values())
        typer.echo("  ".join(["article".ljust(width), *(code.ljust(cell) for code in shown)]).rstrip())
        for article in guide.articles:
            cells = [STATUS_LABELS[article.status(code)].ljust(cell) for code in shown]
            typer.echo("  ".join([article.id.ljust(width), *cells]).rstrip())
        typer.echo(summary)
    if strict and (counts["outdated"] or counts["missing"]):
        _err(
            f"{counts['outdated']} outdated and {counts['missing']} missing: "
            "update them (`netguide new` / `netguide check` / `netguide stamp`)"
        )
        raise typer.Exit(1)


@app.command()
@_errors_become_messages
def new(
    ctx: typer.Context,
    article: str = ArticleArgument,
    language: str = LanguageArgument,
    force: bool = typer.Option(False, "--force", help="Replace an existing translation with a fresh scaffold."),
    pivot: str | None = typer.Option(
        None,
        "--from",
        help="Translate from this version instead of the source language's, e.g. --from en; it must be up to date.",
        callback=validate_language,
        autocompletion=complete_language,
    ),
) -> None:
    """Start a translation: write content/articles/ARTICLE/LANGUAGE.yml from the source version.

    Ids, headings (level and numbering), links and numbers are kept; every text
    is the source text marked 'TODO(translate):'. Translate each, delete the
    markers, then run `netguide check ARTICLE LANGUAGE`. With --from, the
    translation is made from another up-to-date version (a pivot language);
    the page then says so ("Translated from English (itself translated from
    Tagalog)"), and it becomes outdated when either changes.
    """
    from ..translate.scaffold import scaffold

    if article == "all":
        raise typer.BadParameter("name one article", param_hint="ARTICLE")
    project = _project(ctx)
    path = scaffold(project.content_dir, article, language, force, pivot)
    typer.echo(
        f"Created {os.path.relpath(path)}: translate every TODO(translate) text, "
        f"then run `netguide check {article} {language}`."
    )


@app.command()
@_errors_become_messages
def check(
    ctx: typer.Context,
    article: str | None = OptionalArticle,
    language: str | None = OptionalLanguage,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too (acknowledged ones aside)."),
) -> None:
    """Compare translations with their sources and list what does not line up, with a fix for each.

    Checks ids, headings, links, numbers, leftover TODO(translate) markers and
    unstamped translations (errors), outdated translations and UI strings
    that look untranslated (warnings). Exits 1 when there is an error, or
    with --strict a warning. A warning that is right as it is can be
    acknowledged where it points, with a reason: '# netguide-ok: <reason>'
    at the end of the line (or on a line of its own just above it).
    """
    from ..translate.translation_check import check_project

    project = _project(ctx)
    docs_pages = sorted((project.root / "docs").glob("*.md"))
    acknowledged: list = []
    problems = check_project(
        project.content_dir,
        project.locales_dir,
        project.languages(),
        project.default_language(),
        None if article == "all" else article,
        language,
        progress=_counter("checking articles"),
        extra_files=docs_pages,
        acknowledged=acknowledged,
    )
    _print_problems(problems)
    errors = [p for p in problems if p.severity == "error"]
    warnings = len(problems) - len(errors)
    scope = ("every article" if article in (None, "all") else article) + (f" in {language}" if language else "")
    counted = ", ".join(
        part
        for part in (
            f"{warnings} warning{'s' if warnings != 1 else ''}" if warnings else "",
            f"{len(acknowledged)} acknowledged" if acknowledged else "",
        )
        if part
    )
    if errors:
        _err(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} "
            f"in {scope}: fix the errors above."
        )
        raise typer.Exit(1)
    if strict and warnings:
        _err(
            f"{warnings} warning{'s' if warnings != 1 else ''} in {scope} (--strict): fix each, or acknowledge one "
            "that is right as it is where it points, with a reason: '# netguide-ok: <reason>'."
        )
        raise typer.Exit(1)
    typer.echo(f"OK: {scope} lines up with the sources" + (f" ({counted})." if counted else "."))


@app.command()
@_errors_become_messages
def stamp(
    ctx: typer.Context,
    article: str | None = OptionalArticle,
    language: str | None = OptionalLanguage,
) -> None:
    """Mark translations as matching the current source (sets translated_from.source_hash).

    Run it after updating a translation to its source. Only the source_hash
    line changes. Without arguments, every translation is stamped.
    """
    from ..translate.stamp import stamp as stamp_files

    project = _project(ctx)
    stamps = stamp_files(project.content_dir, None if article == "all" else article, language)
    changed = [s for s in stamps if s.changed]
    for item in changed:
        typer.echo(f"{os.path.relpath(item.path)}: source_hash {item.old or '(none)'} -> {item.new}")
    typer.echo(
        f"Stamped {len(changed)} translation{'s' if len(changed) != 1 else ''}"
        f" ({len(stamps) - len(changed)} already up to date)."
    )


@app.command()
@_errors_become_messages
def diff(
    ctx: typer.Context,
    article: str = ArticleArgument,
    language: str = LanguageArgument,
) -> None:
    """Show what changed in a translation's source since the translation was stamped.

    Finds the version of the source in git history that the stamp
    (translated_from.source_hash) matches and compares it with the source as
    it is now: the fields that changed, then the lines. Exits 1 when git
    cannot tell (no git, not a clone, a shallow clone), saying what to do.
    """
    from ..translate.diff import source_change

    if article == "all":
        raise typer.BadParameter("name one article", param_hint="ARTICLE")
    project = _project(ctx)
    change = source_change(project.root, project.content_dir, article, language)
    name, source = os.path.relpath(change.translation), change.source.name
    if change.stamp == "TODO":
        typer.echo(f"{name} is not stamped yet: when it matches {source}, run `netguide stamp {article} {language}`.")
    elif change.up_to_date:
        typer.echo(f"{name} is up to date: {source} has not changed since it was stamped.")
    elif change.history is not None:
        typer.echo(f"{name} is outdated: {source} changed since it was stamped ({change.stamp}).")
        _err(f"error: cannot show what changed: {change.history}\n    fix: {change.history.hint}")
        raise typer.Exit(1)
    else:
        typer.echo(
            f"{name} is outdated: {source} changed since the version it was stamped against "
            f"(commit {change.commit_line})."
        )
        typer.echo(f"Changed: {', '.join(change.fields) or 'nothing readers see'}")
        typer.echo(change.unified_diff().rstrip("\n"))
        typer.echo(
            f"Update {change.translation.name} to match, run `netguide check {article} {language}`, "
            f"then `netguide stamp {article} {language}`."
        )
    if change.upstream:
        typer.echo(
            f"note: {source} is itself outdated against {change.upstream}.yml: "
            f"see `netguide diff {article} {change.source.stem}`."
        )


class ExchangeFormat(str, Enum):  # noqa: UP042 - typer shows a str Enum's values as the choices
    xliff = "xliff"
    po = "po"


@app.command()
@_errors_become_messages
def export(
    ctx: typer.Context,
    article: str = typer.Argument(
        ...,
        help="The article (its folder name under content/articles), 'glossary', or 'all' (every article and the glossary).",
        callback=lambda ctx, value: value if value == "glossary" else validate_article(ctx, value),
        autocompletion=complete_article,
        show_default=False,
    ),
    language: str = LanguageArgument,
    format: ExchangeFormat = typer.Option(ExchangeFormat.xliff, "--format", "-f", help="xliff (XLIFF 2) or po."),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="The folder to write into (made if missing; default: translations/ of the project): "
        "one file ARTICLE/LANGUAGE.xlf (or .po) per article.",
        file_okay=False,
        resolve_path=True,
    ),
) -> None:
    """Write an article's translation units (or the glossary's, or all of them) for a CAT tool or a platform.

    One unit per title, summary, myth, fact, checklist item and heading,
    paragraph or list item of the body, each with its stable id, the source
    text, the current translation where there is one, and a note on where it
    appears. Translate the file, then bring it back with `netguide import`.
    """
    from ..files import write_if_changed
    from ..translate.exchange import export as export_article
    from ..translate.exchange import export_glossary
    from ..translate.units import GLOSSARY

    project = _project(ctx)
    output = output or project.root / "translations"
    chosen = [*article_ids(project.content_dir), GLOSSARY] if article == "all" else [article]
    suffix = ".xlf" if format == ExchangeFormat.xliff else ".po"
    written = 0
    for name in chosen:
        try:
            if name == GLOSSARY and name not in article_ids(project.content_dir):
                if article == "all" and language == project.default_language():
                    continue  # the default language's glossary is the source of the others
                data = export_glossary(project.content_dir, language, project.default_language(), format.value)
            else:
                data = export_article(project.content_dir, name, language, format.value)
        except ContentError as error:
            if article == "all" and "is an original" in error.problems[0].message:
                continue  # this article was written in that language: nothing to translate
            raise
        path = output / name / f"{language}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(path, data)
        typer.echo(f"{os.path.relpath(path)}")
        written += 1
    typer.echo(
        f"Exported {written} article{'s' if written != 1 else ''} for {language}: translate, then "
        f"`netguide import FILE`."
    )


@app.command("import")
@_errors_become_messages
def import_(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(
        ..., help="Files `netguide export` wrote, translated.", exists=True, dir_okay=False, show_default=False
    ),
) -> None:
    """Write translated exports back into content/, stamped against the source they were exported from.

    Every unit must be there with its id, translated, with the body's links,
    images and code kept; the result is checked as `netguide check` checks
    it. On any problem, nothing is written (for any of the files).
    """
    from ..translate.exchange import import_file

    project = _project(ctx)
    done = []
    for file in files:
        done.append(
            import_file(
                file,
                project.content_dir,
                project.locales_dir,
                project.languages(),
                project.default_language(),
                project.root / "docs",
            )
        )
    if len({item.path for item in done}) != len(done):
        _err("error: two of the files are for the same article and language: import one of them")
        raise typer.Exit(1)
    for item in done:  # only once every file has passed its checks
        item.write()
    for item in done:
        typer.echo(f"{os.path.relpath(item.path)}: {'written' if item.changed else 'unchanged'} ({item.units} units)")


@app.command("add-language")
@_errors_become_messages
def add_language(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="The new language code, e.g. es or pt-BR.", show_default=False),
    name: str | None = typer.Option(
        None, "--name", help="The language's own name for itself, e.g. Español (default: the Unicode CLDR's)."
    ),
    direction: str | None = typer.Option(
        None,
        "--direction",
        help="ltr, or rtl for right-to-left scripts (default: the CLDR's, else ltr).",
        autocompletion=lambda: ["ltr", "rtl"],
    ),
    source: str | None = typer.Option(
        None,
        "--from",
        help="Copy the texts from this language (default: the site's default).",
        callback=validate_language,
        autocompletion=complete_language,
    ),
) -> None:
    """Add a language to the site, with no code change.

    Creates locales/CODE.yml, content/glossary/CODE.yml and the home and about
    pages in docs/ as copies marked for translation, adds the language's name
    to every locale file, and adds it to the i18n languages in mkdocs.yml.
    Articles not yet translated show their source version.
    """
    from ..pdf.typefaces import missing_font

    project = _project(ctx)
    if direction is not None and direction not in ("ltr", "rtl"):
        raise typer.BadParameter("use ltr or rtl", param_hint="--direction")
    changed = site.add_language(project.root, code, name, direction, source)
    for path in changed:
        typer.echo(f"  {os.path.relpath(path)}")
    added = next(language for language in site.site_languages(project.root) if language.code == code)
    typer.echo(
        f"Added {added.name} ({code}). Next: translate locales/{code}.yml, content/glossary/{code}.yml and "
        f"docs/*.{code}.md, then articles with `netguide new ARTICLE {code}`."
    )
    if site.cldr_name(code, "en") is None:
        typer.echo(
            f"note: the Unicode CLDR does not know '{code}': every locale names it '{added.name}'; "
            f"translate that name under language_names: in each locales/*.yml"
        )
    gap = missing_font(code)
    if gap is not None:
        typer.echo(f"warning: {gap.message()}\n    fix: {gap.hint()}")


@app.command()
@_errors_become_messages
def languages(ctx: typer.Context) -> None:
    """Print the site's language codes as a JSON list (mkdocs.yml's order), e.g. for a CI matrix."""
    typer.echo(json.dumps(_project(ctx).languages()))


@app.command()
@_errors_become_messages
def assemble(
    ctx: typer.Context,
    parts: list[Path] = typer.Argument(
        ...,
        help="Sites built with NETGUIDE_LANGUAGES=<codes> mkdocs build.",
        exists=True,
        file_okay=False,
        resolve_path=True,
        show_default=False,
    ),
    output: Path = typer.Option(Path("site"), "--output", "-o", help="The finished site (replaced when complete)."),
    site_url: str | None = typer.Option(
        None, "--site-url", envvar="SITE_URL", help="The public address (default: site_url of mkdocs.yml)."
    ),
) -> None:
    """Put sites built language by language (for example by a CI matrix) together into one.

    The result is byte for byte the site one `mkdocs build` of every language
    makes: the language folders of every part, then the root page, sitemap
    and search index over all of them.
    """
    from ..content.loader import load_guide
    from ..pipeline.build_date import pin_build_date
    from ..site.assemble import assemble as assemble_site

    project = _project(ctx)
    pin_build_date(project.root)  # the sitemap's dates, as the builds of the parts had them
    default = project.default_language()
    guide = load_guide(project.content_dir, project.locales_dir, project.languages(), default)
    url = site_url or str(site.read_mkdocs(project.root).get("site_url") or "/")
    try:
        found = assemble_site(parts, output.resolve(), guide, url, default)
    except ValueError as error:
        _err(f"error: {error}")
        raise typer.Exit(1) from None
    typer.echo(f"Assembled {', '.join(found)} from {len(parts)} part{'s' if len(parts) != 1 else ''} into {output}")


@app.command()
@_errors_become_messages
def pages(
    ctx: typer.Context,
    language: str = typer.Argument(
        ...,
        help="The language whose pages to write.",
        callback=validate_language,
        autocompletion=complete_language,
        show_default=False,
    ),
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="The folder to write them into (made if missing).",
        file_okay=False,
        resolve_path=True,
    ),
) -> None:
    """Write every generated page of one language, and its navigation, into a folder: no site engine involved.

    The Markdown is exactly what `mkdocs build` renders (docs/guide/ holds the
    same pages with a language suffix); nav.json is the navigation in
    mkdocs.yml's ``nav:`` shape, paths relative to the docs folder. The
    content is checked first, as `netguide check` does: nothing is written
    when it has an error. This is the seam another site engine would use.
    With the plugin's repo_url (and repo_branch) set in mkdocs.yml, from REPO_URL
    and REPO_BRANCH, the pages link to their files on GitHub as the build's do.
    """
    import json as json_module

    from ..files import write_tree
    from ..pipeline.contribution_links import source_links
    from ..site import pages as site_pages
    from ..site.checks import validate_guide
    from ..site.navigation import navigation
    from ..site.source_links import BadRepository, parse_repository

    project = _project(ctx)
    try:  # the plugin's options, as the build reads them (mkdocs.yml takes them from REPO_URL, REPO_BRANCH)
        repository = parse_repository(
            site.plugin_option(project.root, "repo_url", ""), site.plugin_option(project.root, "repo_branch", "main")
        )
    except BadRepository as error:
        raise typer.BadParameter(str(error), param_hint="REPO_URL") from None
    result = validate_guide(
        project.content_dir,
        project.locales_dir,
        project.languages(),
        project.default_language(),
        docs_dir=project.root / "docs",
    )
    result.raise_if_errors()
    links = source_links(repository, result.guide, project.root, project.content_dir, project.root / "docs")
    suffix = f".{language}.md"
    files = {
        name[: -len(suffix)] + ".md": text.encode("utf-8")
        for name, text in site_pages.all_pages(result.guide, links).items()
        if name.endswith(suffix)
    }
    group = site.plugin_option(project.root, "nav_group_size", "20")
    nav = navigation(result.guide, language, int(group) if group.isdigit() else 20)
    files["nav.json"] = (json_module.dumps(nav, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    output.mkdir(parents=True, exist_ok=True)
    written = write_tree(output, files)
    typer.echo(f"Wrote {len(files) - 1} pages and nav.json of {language} into {output} ({written} changed).")


def main() -> None:
    """Console entry point (`netguide`, `python -m netguide`)."""
    app(prog_name="netguide")
