#!/usr/bin/env python3
"""Benchmark the full build against the plain MkDocs tool chain.

    python3 scripts/dev.py benchmark                 # N = 100 articles x 5 languages
    python3 scripts/dev.py benchmark --articles 1000

In a temporary folder it writes a synthetic guide of N articles in every
language (copies of a real article, with their myths and checklists), then
times, each as a separate `mkdocs build` process:

1. baseline  - the same pages as ready Markdown, with the same navigation,
               built by mkdocs + mkdocs-material + mkdocs-static-i18n with
               none of our code;
2. cold      - our full build (pages, checklists, myth/fact pages, PDFs)
               with an empty PDF cache;
3. warm      - our build again, nothing changed;
4. one edit  - our build after editing one article in one language;

then, unless --no-serve, `mkdocs serve` in the same project:

5. serve start           - from starting `mkdocs serve` to the first page served,
                           the first time (nothing in the cache for serve's
                           address) and the next time (same address);
6. serve: edit -> visible - from saving an edit to one article in one
                           language to the served page showing it (median of
                           --serve-edits edits, polling the page every 50 ms),
                           in both sessions, and until the rebuild that
                           follows is done (the next edit is saved after it);
                           then one edit saved while a rebuild runs (2 s
                           after the save that started it), until it is
                           visible; and the serve process's peak memory (its
                           VmHWM, Linux only) after those edits.
                           --only-serve measures these alone.

With --repeat R it runs all four R times and reports the fastest of each
(this machine's timings vary by a third between runs). It prints wall and
processor time, time per page, peak memory, output size, the ratio to the
baseline, what a checklist page loads, and our pipeline's own share
(content loading + page generation, and PDF rendering, as the plugin logs
them). It is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from netguide.content.loader import load_guide
from netguide.site.navigation import navigation

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_ARTICLE = "networking-myths"

# Runs one command and reports the peak memory of its process tree.
_MEASURE = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"@@maxrss {usage.ru_maxrss} @@cpu {usage.ru_utime + usage.ru_stime}", file=sys.stderr)
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
            encoding="utf-8",
        )
        for language, text in texts.items():
            # Different titles so every page is distinct; same structure as the real article.
            text = re.sub(
                r"(?m)^title: (.*)$", lambda m: f"title: {m.group(1).strip(chr(34))} ({number})", text, count=1
            )
            # ... and a different body, as real articles have (nothing is checked only once for all).
            text = text.replace("body: |\n", f"body: |\n  Synthetic article {number}.\n\n", 1)
            (folder / f"{language}.yml").write_text(text, encoding="utf-8")
    # The synthetic translations are stamped against their synthetic sources.
    subprocess.run([sys.executable, "-m", "netguide", "--root", str(target), "stamp"], check=True, capture_output=True)


def write_baseline_project(ours: Path, target: Path) -> None:
    """The pages our build generated, as plain Markdown, with a config that has no plugin of ours."""
    target.mkdir(parents=True)
    shutil.copytree(ours / "docs", target / "docs", ignore=shutil.ignore_patterns("*.pdf"))
    shutil.copytree(ours / "overrides", target / "overrides")
    config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  - netguide:\n(      .*\n)*", "", config)
    # The same navigation per language as our plugin gives each language (static-i18n's `nav`).
    guide = load_guide(ours / "content", ours / "locales")
    for language in guide.languages:
        nav = json.dumps(navigation(guide, language), ensure_ascii=False)
        config = re.sub(
            rf"(?m)^(( *)- locale: {language}\n)", lambda m: f"{m.group(1)}{m.group(2)}  nav: {nav}\n", config
        )
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    # Our override reads our plugin's context; the plain build must not depend on it.
    (target / "overrides" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")


def build(project: Path, label: str, env: dict[str, str]) -> dict:
    site = project / "site"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{label} build failed:\n{result.stderr[-3000:]}")
    maxrss = int(re.search(r"@@maxrss (\d+)", result.stderr).group(1))
    cpu = float(re.search(r"@@cpu ([\d.]+)", result.stderr).group(1))
    size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    pages = sum(1 for _ in site.rglob("*.html"))
    load = sum(float(x) for x in re.findall(r"Loaded \d+ articles in \d+ languages \(([\d.]+) s\)", result.stderr))
    generate = sum(
        float(x) for x in re.findall(r"Generated \d+ files into .* \(\d+ changed, ([\d.]+) s\)", result.stderr)
    )
    pdf = sum(
        float(x) for x in re.findall(r"PDF checklists: \d+ rendered, \d+ from cache \(([\d.]+) s\)", result.stderr)
    )
    return {
        "label": label,
        "seconds": seconds,
        "cpu": cpu,
        "maxrss_mb": maxrss / 1024,
        "size_mb": size / 1e6,
        "pages": pages,
        "load": load,
        "generate": generate,
        "pdf": pdf,
    }


def fastest(runs: list[dict]) -> dict:
    """The fastest of repeated runs: the least disturbed by other work on the machine."""
    return min(runs, key=lambda row: row["seconds"])


def report(rows: list[dict], articles: int, repeat: int) -> None:
    baseline = rows[0]["seconds"]
    runs = f", fastest of {repeat} runs" if repeat > 1 else ""
    print(f"\nSynthetic guide: {articles} articles x 5 languages, on {os.cpu_count()} cores{runs}\n")
    print(
        f"{'build':<12}{'time s':>8}{'x base':>8}{'cpu s':>8}{'ms/page':>9}{'peak MB':>9}{'output MB':>11}"
        f"{'html':>7}{'ours s':>8}{'ours %':>8}{'pdf s':>7}"
    )
    for row in rows:
        pipeline = row["load"] + row["generate"]  # the "Generated" line's time leaves the PDFs out
        print(
            f"{row['label']:<12}{row['seconds']:>8.1f}{row['seconds'] / baseline:>8.2f}{row['cpu']:>8.1f}"
            f"{1000 * row['seconds'] / row['pages']:>9.1f}{row['maxrss_mb']:>9.0f}{row['size_mb']:>11.1f}"
            f"{row['pages']:>7}{pipeline:>8.2f}{100 * pipeline / row['seconds']:>8.1f}{row['pdf']:>7.1f}"
        )
    print(
        "\ncpu s = processor time of the build and its helper processes; ms/page = time / HTML pages;\n"
        "ours s = content loading + page generation (without PDFs); pdf s = PDF rendering."
    )


def _page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_until(condition, timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if condition():
            return time.perf_counter() - started
        time.sleep(0.05)
    raise TimeoutError(f"not within {timeout:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_memory_mb(pid: int) -> float | None:
    """The most memory process `pid` has held so far (its VmHWM), in MB; None where /proc has no such line."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else None


def serve_timings(
    project: Path, edits: int, cache: dict[str, str], port: int
) -> tuple[float, list[float], list[float], float, float | None]:
    """Seconds until `mkdocs serve` serves its first page, and for each edit until the page shows it
    and until the rebuild that follows it is done (the language's search index has the edit); then
    until an edit saved while a rebuild runs is shown; then the serve process's peak memory in MB
    (None off Linux)."""
    page = f"http://127.0.0.1:{port}/en/guide/synthetic-0002/"
    index = f"http://127.0.0.1:{port}/en/search/search_index.json"
    article = project / "content" / "articles" / "synthetic-0002" / "en.yml"
    original = article.read_text(encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **cache},
    )

    def save(marker: str) -> None:
        article.write_text(original.replace("body: |\n", f"body: |\n  {marker}.\n\n", 1), encoding="utf-8")

    try:
        start = _wait_until(lambda: "<html" in _page_text(page), 1800)
        visible, rebuilt = [], []
        for number in range(1, edits + 1):
            # In letters: a translation may not add numbers its source lacks (the build would refuse the edit).
            marker = "Served edit " + "".join(chr(ord("a") + int(digit)) for digit in str(number))
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            save(marker)
            saved = time.perf_counter()
            visible.append(_wait_until(lambda: marker in _page_text(page), 1800))
            _wait_until(lambda: marker in _page_text(index), 1800)  # the rebuild is done: the next edit waits for none
            rebuilt.append(time.perf_counter() - saved)
        time.sleep(1.0)
        save("Served edit rebuilding")  # starts a rebuild; the next save comes while it runs
        _wait_until(lambda: "Served edit rebuilding" in _page_text(page), 1800)
        time.sleep(2.0)
        save("Served edit superseding")
        while_rebuilding = _wait_until(lambda: "Served edit superseding" in _page_text(page), 1800)
        _wait_until(lambda: "Served edit superseding" in _page_text(index), 1800)
        return start, visible, rebuilt, while_rebuilding, peak_memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
        article.write_text(original, encoding="utf-8")


def checklist_page_weight(site: Path, page: str) -> None:
    """What a reader's browser loads for one checklist page (its HTML, scripts and styles)."""
    html_file = site / page / "index.html"
    html = html_file.read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    styles = re.findall(r'<link[^>]* rel="stylesheet"[^>]* href="([^"]+)"', html)
    third_party = [url for url in scripts + styles if re.match(r"(https?:)?//", url)]
    local = {
        url: (html_file.parent / url.split("?")[0]).resolve() for url in scripts + styles if url not in third_party
    }
    size = {url: path.stat().st_size for url, path in local.items()}
    ours = sum(size[url] for url in scripts if url in size and "assets/checklist" in url)
    print(
        f"\nChecklist page {page}/: HTML {html_file.stat().st_size / 1024:.1f} KB, "
        f"scripts {sum(size[u] for u in scripts if u in size) / 1024:.1f} KB (ours {ours / 1024:.1f} KB), "
        f"styles {sum(size[u] for u in styles if u in size) / 1024:.1f} KB, "
        f"requests to other hosts: {len(third_party)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100, help="number of synthetic articles (default 100)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run every build this many times and report the fastest (default 1)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where")
    parser.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve` measurements")
    parser.add_argument("--serve-edits", type=int, default=5, help="edits timed under serve (default 5)")
    parser.add_argument("--only-serve", action="store_true", help="measure `mkdocs serve` only (no build rows)")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="netguide-benchmark-"))
    try:
        ours, plain = workdir / "ours", workdir / "baseline"
        print(f"writing {options.articles} synthetic articles x 5 languages ...", flush=True)
        write_synthetic_project(ours, options.articles)
        runs: dict[str, list[dict]] = {"baseline": [], "cold": [], "warm": [], "one edit": []}
        for round_number in range(1, 0 if options.only_serve else options.repeat + 1):
            # A new, empty PDF cache makes every round's first build cold.
            cache = {"NETGUIDE_CACHE_DIR": str(workdir / f"pdf-cache-{round_number}")}
            for label in ("cold", "warm", "one edit"):
                if label == "one edit":
                    edit_one_article(ours, round_number)
                print(f"round {round_number}: {label} build ...", flush=True)
                runs[label].append(build(ours, label, cache))
            if round_number == 1:
                write_baseline_project(ours, plain)
            print(f"round {round_number}: baseline build ...", flush=True)
            runs["baseline"].append(build(plain, "baseline", {}))
        if not options.only_serve:
            report([fastest(rows) for rows in runs.values()], options.articles, options.repeat)
            checklist_page_weight(ours / "site", "en/guide/checklists/synthetic-0001")
        if not options.no_serve:
            # Serve's pages name its address (canonical links): a second start at the same address
            # finds them in the cache, as a writer's next `mkdocs serve` does.
            port, cache = free_port(), {"NETGUIDE_CACHE_DIR": str(workdir / "pdf-cache-1")}
            for label in ("first start", "next start"):
                print(f"\nmkdocs serve ({label}) ...", flush=True)
                start, edits, rebuilt, while_rebuilding, peak = serve_timings(ours, options.serve_edits, cache, port)
                print(
                    f"serve start ({label}): {start:.1f} s; serve: edit -> visible, median of {len(edits)}: "
                    f"{statistics.median(edits):.2f} s (each: {', '.join(f'{t:.2f}' for t in edits)}); "
                    f"edit -> rebuilt, median: {statistics.median(rebuilt):.2f} s; "
                    f"edit saved during a rebuild -> visible: {while_rebuilding:.2f} s; "
                    f"serve process peak memory: {f'{peak:.0f} MB' if peak is not None else 'not known here'}"
                )
    finally:
        if options.keep:
            print(f"\nprojects kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def edit_one_article(project: Path, number: int) -> None:
    edited = project / "content" / "articles" / f"synthetic-{number:04d}" / "en.yml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("body: |\n", "body: |\n  An edited paragraph.\n\n", 1), encoding="utf-8")


if __name__ == "__main__":
    main()
