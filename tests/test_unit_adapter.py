"""The seam to the site engine: the pipeline imports no engine, and every private name of MkDocs,
mkdocs-static-i18n and watchdog that the project uses is listed (mkdocs_adapter/internals.py),
used only in the adapter, and still there in the pinned versions (so an upgrade names what broke)."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import re
import subprocess
import sys
from importlib import metadata

import pytest

from conftest import ROOT
from netguide.mkdocs_adapter.internals import INTERNALS

PACKAGE = ROOT / "scripts" / "netguide"
ADAPTER = PACKAGE / "mkdocs_adapter"
ENGINES = ("mkdocs", "material", "mkdocs_static_i18n", "watchdog")
LIBRARIES = {
    "mkdocs": "mkdocs",
    "mkdocs_static_i18n": "mkdocs-static-i18n",
    "watchdog": "watchdog",
    "material": "mkdocs-material",
}


def test_everything_but_the_adapter_imports_no_engine():
    modules = sorted(
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for path in PACKAGE.rglob("*.py")
        if ADAPTER not in path.parents and path.name != "__main__.py"
    )
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name.removesuffix('.__init__'))\n"
        f"print(json.dumps(sorted({{n.split('.')[0] for n in sys.modules}} & set({ENGINES!r}))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT / "scripts")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [], f"imported outside the adapter: {result.stdout}"


def _owner(owner: str):
    module, _, name = owner.partition(":")
    found = importlib.import_module(module)
    return getattr(found, name) if name else found


def _source(owner) -> str:
    """The source of `owner` (a module, or a class with its library bases)."""
    if inspect.isclass(owner):  # the class and its bases in the libraries (their modules: generics have no source)
        modules = dict.fromkeys(base.__module__ for base in owner.__mro__ if base.__module__.split(".")[0] in ENGINES)
        return "\n".join(inspect.getsource(sys.modules[module]) for module in modules)
    return inspect.getsource(owner)


@pytest.mark.parametrize("internal", INTERNALS, ids=lambda i: f"{i.owner}.{i.name}")
def test_each_internal_is_still_there_in_the_pinned_version(internal):
    library = internal.owner.split(".")[0].split(":")[0]
    version = metadata.version(LIBRARIES[library])
    source = _source(_owner(internal.owner))
    found = (
        internal.name in source if internal.kind == "wording" else re.search(rf"\b{re.escape(internal.name)}\b", source)
    )
    assert found, (
        f"{LIBRARIES[library]} {version}: {internal.owner} has no {internal.name!r} any more; "
        f"{internal.used_in}.py relies on it ({internal.why})"
    )


def _our_definitions() -> set[str]:
    """Private names the package itself defines (functions, methods, attributes, module names)."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            ):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return names


def _library_bases(tree: ast.Module) -> dict[str, str]:
    """{our class: the library class it subclasses, as module:Class} in one module."""
    imported = {
        alias.asname or alias.name: f"{node.module}:{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ENGINES
        for alias in node.names
    }
    return {
        node.name: imported[base.id]
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for base in node.bases
        if isinstance(base, ast.Name) and base.id in imported
    }


def test_every_private_name_of_a_library_is_listed_and_used_only_in_the_adapter():
    listed = {internal.name for internal in INTERNALS}
    ours = _our_definitions()
    used: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bases = _library_bases(tree)
        for cls in [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef) and node.name in bases]:
            base_source = _source(_owner(bases[cls.name]))
            for node in ast.walk(cls):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr.startswith("_")
                    and not node.attr.startswith("__")
                    and re.search(rf"\bself\.{node.attr}\b|def {node.attr}\b", base_source)
                ):
                    used.setdefault(node.attr, set()).add(path.stem)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls", "os", "sys"))
                and node.attr not in ours
            ):
                used.setdefault(node.attr, set()).add(path.stem)
        for node in ast.walk(tree):  # functions of a library's private name, mirrored
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for name in re.findall(r"``(_[a-z]\w+)``", node.value):
                    if name in listed:
                        used.setdefault(name, set()).add(path.stem)
    unlisted = sorted(name for name in used if name not in listed)
    assert not unlisted, f"private names of a library used but not in mkdocs_adapter/internals.py: {unlisted}"
    adapter = {path.stem for path in ADAPTER.glob("*.py")}
    outside = {name: sorted(files - adapter) for name, files in used.items() if files - adapter}
    assert not outside, f"used outside the adapter: {outside}"
    for internal in INTERNALS:
        assert (ADAPTER / f"{internal.used_in}.py").exists(), internal
        if internal.kind != "wording" and internal.name.startswith("_"):
            assert internal.used_in in used.get(internal.name, set()), f"listed but not used there: {internal}"


def test_content_imports_nothing_of_the_later_stages():
    """content/ reads and checks the guide; site/, pdf/, pipeline/ and the adapter build on it, never the reverse."""
    later = ("site", "pdf", "pipeline", "mkdocs_adapter", "translate", "cli")
    found = []
    for path in sorted((PACKAGE / "content").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                module = ("." * node.level) + (node.module or "")
                parts = module.lstrip(".").split(".")
                names = [alias.name for alias in node.names]
                absolute = module.startswith("netguide.") and parts[1:2] and parts[1] in later
                relative = node.level == 2 and (parts[0] in later or (parts == [""] and set(names) & set(later)))
                if absolute or relative:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: from {module} import {', '.join(names)}")
            elif isinstance(node, ast.Import):
                found += [
                    f"{path.relative_to(ROOT)}:{node.lineno}: import {alias.name}"
                    for alias in node.names
                    if alias.name.split(".")[:2][-1] in later and alias.name.startswith("netguide.")
                ]
    assert found == []


def test_the_plugin_class_stays_a_thin_layer():
    """GuidePlugin's handlers call the session or one adapter module each: the class stays within 150 lines."""
    import inspect

    from netguide.mkdocs_adapter.plugin import GuidePlugin

    assert len(inspect.getsource(GuidePlugin).splitlines()) <= 150
