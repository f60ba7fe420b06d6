#!/usr/bin/env python3
"""Where the time of one `mkdocs serve` rebuild goes, stage by stage.

    .venv/bin/python scripts/profile_rebuild.py                 # 100 articles x 5 languages
    .venv/bin/python scripts/profile_rebuild.py --articles 1000

It writes the benchmark's synthetic guide into a temporary folder and, in one
process as `mkdocs serve` does (same plugin instance, a new configuration per
rebuild, serve's address), builds it once, then edits one article in one
language and rebuilds, --edits times. It prints the wall time of each rebuild,
then profiles one more and splits its time into stages: ours (loading and
validating, writing pages and PDFs, finishing the site), static-i18n placing
files, MkDocs and the theme rendering pages (with the page cache), the search
plugin indexing them. Profiling slows everything down about equally, so the
shares are what to read; the seconds beside them are the shares of the
median unprofiled rebuild. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmark import write_synthetic_project

SERVE_URL = "http://127.0.0.1:8000/"

#: (stage, file name ending, function name): the cumulative time of that function counts for the stage.
STAGES = [
    ("ours: load and validate the content", "pipeline/guide_source.py", "load"),
    ("ours: write pages and PDFs into docs/", "pipeline/generate.py", "generate"),
    ("static-i18n: place every file of the language", "mkdocs_static_i18n/reconfigure.py", "reconfigure_files"),
    ("MkDocs: read and render pages (page cache)", "mkdocs/commands/build.py", "_populate_page"),
    ("MkDocs + theme: pages through the template", "mkdocs/commands/build.py", "_build_page"),
    ("  of which: search plugin indexes pages", "material/plugins/search/plugin.py", "on_page_context"),
    ("ours: caches, sitemap, search index, workers", "mkdocs_adapter/plugin.py", "_finish_build"),
]


def _stage_times(stats: pstats.Stats) -> dict[str, float]:
    found = {stage: 0.0 for stage, _, _ in STAGES}
    for (filename, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        for stage, ending, name in STAGES:
            if function == name and filename.replace(os.sep, "/").endswith(ending):
                found[stage] += cumulative
    return found


def serve_project(workdir: Path, articles: int):
    """The synthetic guide of `articles` in `workdir` (made the current folder, with its cache there), and
    a function that gives a new configuration of it with serve's address, as `mkdocs serve` loads one per
    rebuild."""
    from mkdocs.config import load_config

    project = workdir / "project"
    write_synthetic_project(project, articles)
    os.chdir(project)
    os.environ.update({"NETGUIDE_CACHE_DIR": str(workdir / "cache"), "NO_MKDOCS_2_WARNING": "1"})

    def config():
        loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(workdir / "served"))
        loaded.site_url = SERVE_URL
        return loaded

    return project, config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100, help="synthetic articles (default 100)")
    parser.add_argument("--edits", type=int, default=5, help="timed rebuilds after an edit (default 5)")
    parser.add_argument("--dump", type=Path, help="also write the profile there (for pstats or snakeviz)")
    options = parser.parse_args()

    from mkdocs.commands.build import build

    workdir = Path(tempfile.mkdtemp(prefix="netguide-profile-"))
    try:
        project, config = serve_project(workdir, options.articles)
        first = config()
        first.plugins.on_startup(command="serve", dirty=False)
        print(f"{options.articles} articles x 5 languages: first build ...", flush=True)
        started = time.perf_counter()
        build(first, serve_url=SERVE_URL)
        print(f"first build {time.perf_counter() - started:.1f} s", flush=True)
        article = project / "content" / "articles" / "synthetic-0002" / "en.yml"
        original = article.read_text(encoding="utf-8")

        def rebuild(number: int, profile: cProfile.Profile | None = None) -> float:
            marker = "".join(chr(ord("a") + int(digit)) for digit in str(number))  # no new numbers
            article.write_text(original.replace("body: |\n", f"body: |\n  Edit {marker}.\n\n", 1), encoding="utf-8")
            started = time.perf_counter()
            if profile:
                profile.enable()
            build(config(), serve_url=SERVE_URL)
            if profile:
                profile.disable()
            return time.perf_counter() - started

        rebuild(0)  # the first rebuild also stores what the first build left out
        times = [rebuild(number) for number in range(1, options.edits + 1)]
        median = statistics.median(times)
        print(f"rebuild after one edit: median {median:.2f} s (each: {', '.join(f'{t:.2f}' for t in times)})")
        profile = cProfile.Profile()
        profiled = rebuild(options.edits + 1, profile)
        stages = _stage_times(pstats.Stats(profile))
        if options.dump:
            profile.dump_stats(options.dump)
        print(
            f"\nOne rebuild under the profiler ({profiled:.1f} s), by stage "
            f"(share of the rebuild; seconds as that share of the {median:.2f} s median):"
        )
        for stage, seconds in stages.items():
            share = seconds / profiled
            print(f"  {stage:<48} {share:6.1%}  {share * median:5.2f} s")
        counted = sum(seconds for stage, seconds in stages.items() if not stage.startswith("  "))
        print(
            f"  {'everything else (MkDocs set-up, nav, copying)':<48} {1 - counted / profiled:6.1%}  "
            f"{(1 - counted / profiled) * median:5.2f} s"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
