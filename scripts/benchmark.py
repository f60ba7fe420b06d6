#!/usr/bin/env python3
"""Benchmark the full build against the plain MkDocs tool chain.

    python3 scripts/dev.py benchmark                 # N = 100 articles x 5 languages
    python3 scripts/dev.py benchmark --articles 1000

In a temporary folder it writes a synthetic guide of N articles in every
language (copies of a real article, with their myths and checklists), then
times, each as a separate `mkdocs build` process:

1. baseline  - the same pages as ready Markdown, built by mkdocs +
               mkdocs-material + mkdocs-static-i18n with none of our code;
2. cold      - our full build (pages, checklists, myth/fact pages, PDFs)
               with an empty PDF cache;
3. warm      - our build again, nothing changed;
4. one edit  - our build after editing one article in one language.

It prints wall time, peak memory, output size, the ratio to the baseline,
and our pipeline's own share (content loading + page generation, and PDF
rendering, as the plugin logs them). It is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_ARTICLE = "networking-myths"

# Runs one command and reports the peak memory of its process tree.
_MEASURE = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
print(f"@@maxrss {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


def write_synthetic_project(target: Path, articles: int) -> None:
    """A copy of the project whose content/articles holds `articles` synthetic articles."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "overrides", "locales"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("guide"))
    shutil.copytree(ROOT / "content", target / "content", ignore=shutil.ignore_patterns("articles"))
    template = ROOT / "content" / "articles" / TEMPLATE_ARTICLE
    meta = yaml.safe_load((template / "article.yml").read_text(encoding="utf-8"))
    texts = {path.stem: path.read_text(encoding="utf-8") for path in template.glob("*.yml") if path.stem != "article"}
    for number in range(1, articles + 1):
        article_id = f"synthetic-{number:04d}"
        folder = target / "content" / "articles" / article_id
        folder.mkdir(parents=True)
        (folder / "article.yml").write_text(
            yaml.safe_dump({**meta, "id": article_id, "order": number}, allow_unicode=True, sort_keys=False),
            encoding="utf-8")
        for language, text in texts.items():
            # Different titles so every page is distinct; same structure as the real article.
            text = re.sub(r"(?m)^title: (.*)$", lambda m: f"title: {m.group(1).strip(chr(34))} ({number})", text, count=1)
            (folder / f"{language}.yml").write_text(text, encoding="utf-8")
    # The synthetic translations are stamped against their synthetic sources.
    subprocess.run([sys.executable, "-m", "netguide", "--root", str(target), "stamp"], check=True,
                   capture_output=True)


def write_baseline_project(ours: Path, target: Path) -> None:
    """The pages our build generated, as plain Markdown, with a config that has no plugin of ours."""
    target.mkdir(parents=True)
    shutil.copytree(ours / "docs", target / "docs", ignore=shutil.ignore_patterns("*.pdf"))
    shutil.copytree(ours / "overrides", target / "overrides")
    config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  - netguide:\n(      .*\n)*", "", config)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    # Our override reads our plugin's context; the plain build must not depend on it.
    (target / "overrides" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")


def build(project: Path, label: str, env: dict[str, str]) -> dict:
    site = project / "site"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "mkdocs", "build"],
                            cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{label} build failed:\n{result.stderr[-3000:]}")
    maxrss = int(re.search(r"@@maxrss (\d+)", result.stderr).group(1))
    size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    pages = sum(1 for _ in site.rglob("*.html"))
    load = sum(float(x) for x in re.findall(r"Loaded \d+ articles in \d+ languages \(([\d.]+) s\)", result.stderr))
    generate = sum(float(x) for x in re.findall(r"Generated \d+ files into .* \(\d+ changed, ([\d.]+) s\)", result.stderr))
    pdf = sum(float(x) for x in re.findall(r"PDF checklists: .* \(([\d.]+) s\)", result.stderr))
    return {"label": label, "seconds": seconds, "maxrss_mb": maxrss / 1024, "size_mb": size / 1e6,
            "pages": pages, "load": load, "generate": generate, "pdf": pdf}


def report(rows: list[dict], articles: int) -> None:
    baseline = rows[0]["seconds"]
    print(f"\nSynthetic guide: {articles} articles x 5 languages, on {os.cpu_count()} cores\n")
    print(f"{'build':<12}{'time s':>9}{'x base':>8}{'peak MB':>9}{'output MB':>11}{'html':>7}"
          f"{'ours s':>8}{'ours %':>8}{'pdf s':>7}")
    for row in rows:
        pipeline = row["load"] + row["generate"] - row["pdf"]
        print(f"{row['label']:<12}{row['seconds']:>9.1f}{row['seconds'] / baseline:>8.2f}{row['maxrss_mb']:>9.0f}"
              f"{row['size_mb']:>11.1f}{row['pages']:>7}{pipeline:>8.2f}{100 * pipeline / row['seconds']:>8.1f}"
              f"{row['pdf']:>7.1f}")
    print("\nours s = content loading + page generation (without PDFs); pdf s = PDF rendering.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100, help="number of synthetic articles (default 100)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="netguide-benchmark-"))
    try:
        ours, plain = workdir / "ours", workdir / "baseline"
        print(f"writing {options.articles} synthetic articles x 5 languages ...", flush=True)
        write_synthetic_project(ours, options.articles)
        cache = {"NETGUIDE_CACHE_DIR": str(workdir / "pdf-cache")}
        print("cold build ...", flush=True)
        cold = build(ours, "cold", cache)
        print("warm build ...", flush=True)
        warm = build(ours, "warm", cache)
        edited = ours / "content" / "articles" / "synthetic-0001" / "en.yml"
        edited.write_text(edited.read_text(encoding="utf-8").replace("body: |\n", "body: |\n  An edited paragraph.\n\n", 1),
                          encoding="utf-8")
        print("one-edit build ...", flush=True)
        one_edit = build(ours, "one edit", cache)
        write_baseline_project(ours, plain)
        print("baseline build ...", flush=True)
        baseline = build(plain, "baseline", {})
        report([baseline, cold, warm, one_edit], options.articles)
    finally:
        if options.keep:
            print(f"\nprojects kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
