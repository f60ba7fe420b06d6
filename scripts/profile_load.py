#!/usr/bin/env python3
"""What loading and validating the guide costs per article version, and how much of it the libraries alone take.

    .venv/bin/python scripts/profile_load.py                  # 300 articles x 5 languages
    .venv/bin/python scripts/profile_load.py --articles 1000 --repeat 3

It writes the benchmark's synthetic guide into a temporary folder and loads
it as a build does (`GuideSource.load`: every check of `netguide check`),
each time in a fresh process: cold (an empty text memo) on every core this
machine gives, cold on one core (no second process learning half the
facts), and warm (the memo the cold load left). Then, in this process, it
runs each library step of a cold load alone over the same texts: our YAML
reader (libyaml's parser, our composer), the JSON Schemas, markdown-it,
Python-Markdown with the site's extensions, and the standard HTML parser
over what Python-Markdown rendered. Those steps are the floor of a cold
load in pure-Python libraries; the rest of a cold load is ours (the
comparisons with the sources, links, sections, the memo). With --repeat R
each figure is the fastest of R runs. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

from benchmark import write_synthetic_project

LANGUAGES = ["en", "tl", "it", "de", "ar"]

#: Run in a fresh process: load the guide in the project (argv[1]) with the memo in argv[2]; print the seconds.
_LOAD = """
import sys, time
from pathlib import Path
from netguide.pipeline.guide_source import GuideSource
project, memo = Path(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
GuideSource().load(project / "content", project / "locales", {languages!r}, "en", memo, docs_dir=project / "docs")
print(time.perf_counter() - started)
"""


def load_seconds(project: Path, memo: Path, one_core: bool) -> float:
    """The seconds of one load of `project` in a fresh process (pinned to one core if `one_core`)."""
    code = _LOAD.format(languages=LANGUAGES)
    if one_core:
        code = f"import os; os.sched_setaffinity(0, {{min(os.sched_getaffinity(0))}})\n{code}"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent), "NETGUIDE_CACHE_DIR": str(memo.parent)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(project), str(memo)], env=env, capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[-1])


def library_floor(project: Path) -> list[tuple[str, float]]:
    """(step, seconds) of each library step of a cold load, over every file and body of `project`."""
    import markdown_it

    from netguide.content import schemas, text_memo
    from netguide.content.markdown_check import render
    from netguide.content.problems import Problems
    from netguide.content.yamlfile import load_yaml

    files = sorted((project / "content" / "articles").rglob("*.yml"))
    schema_dir = project / "content" / "schema"
    steps: list[tuple[str, float]] = []

    def timed(step: str, work):
        text_memo.recall(project / "no-memo.json")  # nothing known: every step computes
        started = time.perf_counter()
        result = work()
        steps.append((step, time.perf_counter() - started))
        return result

    documents = timed(
        "YAML: read and parse every file", lambda: [load_yaml(f, Problems(), root=project) for f in files]
    )
    kinds = {"article.yml": "article"}
    timed(
        "JSON Schema: every file",
        lambda: [schemas.validate(d, kinds.get(d.path.name, "translation"), schema_dir, Problems()) for d in documents],
    )
    bodies = [d.data["body"] for d in documents if isinstance(d.data.get("body"), str)]
    parser = markdown_it.MarkdownIt("commonmark")
    timed("markdown-it: parse every body", lambda: [parser.parse(body) for body in bodies])
    rendered = timed("Python-Markdown: render every body", lambda: [render(body) for body in bodies])
    timed("html.parser: read every rendered body", lambda: [HTMLParser().feed(html) for html in rendered])
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300, help="synthetic articles (default 300)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each figure; the fastest counts (default 1)")
    options = parser.parse_args()
    versions = options.articles * len(LANGUAGES)
    with tempfile.TemporaryDirectory(prefix="netguide-profile-load-") as folder:
        project = Path(folder) / "project"
        print(f"writing {options.articles} synthetic articles x {len(LANGUAGES)} languages ...", flush=True)
        write_synthetic_project(project, options.articles)
        rows = []
        for label, one_core, warm in [
            (f"cold, {len(os.sched_getaffinity(0))} cores", False, False),
            ("cold, 1 core", True, False),
            ("warm", False, True),
        ]:
            runs = []
            for run in range(options.repeat):
                memo = Path(folder) / f"memo-{label}-{run}" / "text-facts.json"
                if warm:
                    load_seconds(project, memo, one_core)  # fills the memo
                runs.append(load_seconds(project, memo, one_core))
            rows.append((f"load, {label}", min(runs)))
            print(f"  {rows[-1][0]:<44} {rows[-1][1]:7.2f} s", flush=True)
        runs = [library_floor(project) for _ in range(options.repeat)]
        steps = [min(step, key=lambda named: named[1]) for step in zip(*runs, strict=True)]
    print(f"\n{options.articles} articles x {len(LANGUAGES)} languages = {versions} article versions")
    print(f"{'':<46} {'s':>7} {'ms/version':>11}")
    for name, seconds in rows:
        print(f"{name:<46} {seconds:7.2f} {seconds / versions * 1000:11.2f}")
    print("each library step alone, cold, one process:")
    for name, seconds in steps:
        print(f"  {name:<44} {seconds:7.2f} {seconds / versions * 1000:11.2f}")
    total = sum(seconds for _, seconds in steps)
    print(f"  {'the libraries together':<44} {total:7.2f} {total / versions * 1000:11.2f}")


if __name__ == "__main__":
    main()
