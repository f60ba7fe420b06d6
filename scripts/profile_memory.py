#!/usr/bin/env python3
"""What `mkdocs serve` holds in memory after its first build, by the line that allocated it.

    .venv/bin/python scripts/profile_memory.py                  # 100 articles x 5 languages
    .venv/bin/python scripts/profile_memory.py --articles 200 --depth 12

It writes the benchmark's synthetic guide into a temporary folder and builds
it once in this process as `mkdocs serve` does (as scripts/profile_rebuild.py
does), with tracemalloc on. Then it prints what is still allocated (what
serve keeps until the next build: the last good guide, the caches, the
states kept for previews) and the most that was allocated at once, and the
largest holders by line (``--depth 1``) or by call stack (``--depth N``).
tracemalloc makes the build several times slower and adds its own memory
(the process's peak, VmHWM, is printed too): read the traced figures, and
compare runs at the same size and depth. `python3 scripts/dev.py benchmark
--only-serve` gives the real serve process's peak. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import gc
import re
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

from profile_rebuild import SERVE_URL, serve_project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100, help="synthetic articles (default 100)")
    parser.add_argument("--depth", type=int, default=1, help="frames kept per allocation (default 1: by line)")
    parser.add_argument("--top", type=int, default=20, help="holders to print (default 20)")
    options = parser.parse_args()

    from mkdocs.commands.build import build

    workdir = Path(tempfile.mkdtemp(prefix="netguide-memory-"))
    try:
        config = serve_project(workdir, options.articles)[1]()
        config.plugins.on_startup(command="serve", dirty=False)
        print(f"{options.articles} articles x 5 languages: first build, traced ...", flush=True)
        tracemalloc.start(options.depth)
        started = time.perf_counter()
        build(config, serve_url=SERVE_URL)
        seconds = time.perf_counter() - started
        gc.collect()  # the configuration stays, as serve keeps it until the next build
        snapshot = tracemalloc.take_snapshot()
        kept, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        status = Path("/proc/self/status")
        found = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.MULTILINE) if status.exists() else None
        print(
            f"first build {seconds:.1f} s (traced); held after it {kept / 2**20:.0f} MB, "
            f"most at once {peak / 2**20:.0f} MB (traced)"
            + (f"; process peak {int(found.group(1)) / 1024:.0f} MB" if found else "")
        )
        for stat in snapshot.statistics("traceback" if options.depth > 1 else "lineno")[: options.top]:
            print(f"\n{stat.size / 2**20:7.1f} MB in {stat.count} blocks")
            for frame in stat.traceback:
                print(f"    {frame.filename}:{frame.lineno}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
