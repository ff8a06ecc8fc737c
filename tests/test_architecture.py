"""The one-way dependency rule (ARCHITECTURE.md), read from the code itself.

news_core (the library) imports neither Pelican nor anything of ours outside it; news_pelican (the shared
Pelican glue) imports news_core and Pelican, never a plugin; each plugin imports news_core, news_pelican and
Pelican, never another plugin. Imports inside functions count: a cycle hidden in one is still a cycle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

PLUGINS_DIR = ROOT / "plugins"
LIBRARY, GLUE = "news_core", "news_pelican"
PACKAGES = sorted(path.name for path in PLUGINS_DIR.iterdir() if (path / "__init__.py").is_file())
PLUGINS = [name for name in PACKAGES if name not in (LIBRARY, GLUE)]
ALLOWED = {LIBRARY: set(), GLUE: {LIBRARY}} | {plugin: {LIBRARY, GLUE} for plugin in PLUGINS}


def imported_names(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in a file, relative ones resolved."""
    module_parts = path.relative_to(root).with_suffix("").parts
    if module_parts[-1] == "__init__":
        module_parts = module_parts[:-1]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                is_package = path.name == "__init__.py"
                base = module_parts[: len(module_parts) - node.level + (1 if is_package else 0)]
                names.append((node.lineno, ".".join(base + tuple(filter(None, [node.module])))))
            else:
                names.append((node.lineno, node.module))
    return names


def package_imports(root: Path = PLUGINS_DIR) -> dict[str, list[tuple[str, str]]]:
    """For each of our packages: (where, the other package of ours or 'pelican' it imports)."""
    packages = sorted(path.name for path in root.iterdir() if (path / "__init__.py").is_file())
    found: dict[str, list[tuple[str, str]]] = {name: [] for name in packages}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            for line, name in imported_names(path, root):
                top = name.split(".")[0]
                if top != package and (top in packages or top == "pelican"):
                    found[package].append((f"{path.relative_to(root.parent)}:{line}", top))
    return found


def test_the_packages_are_the_ones_the_architecture_names():
    assert LIBRARY in PACKAGES and GLUE in PACKAGES
    assert {"news_import", "news_theme", "news_images", "news_seo", "news_cache", "news_parallel"} <= set(PLUGINS)


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_imports_only_what_the_rule_allows(package):
    wrong = [
        f"{where} imports {target}"
        for where, target in package_imports()[package]
        if target != "pelican" and target not in ALLOWED[package]
    ]
    assert wrong == []


def test_the_library_never_imports_pelican():
    assert [where for where, target in package_imports()[LIBRARY] if target == "pelican"] == []


def test_no_cycle_between_packages():
    edges = {
        package: {target for _, target in imports if target in PACKAGES}
        for package, imports in package_imports().items()
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(step == goal or (step not in seen and reaches(step, goal, seen | {step})) for step in edges[start])

    assert [package for package in PACKAGES if reaches(package, package, set())] == []


def test_the_reading_sees_imports_hidden_in_functions_and_relative_ones(tmp_path):
    """The checks above are not vacuous: a function-level import of another package, and a relative import
    that climbs out of its package, are both seen."""
    for name in ("one", "two"):
        (tmp_path / name / "sub").mkdir(parents=True)
        (tmp_path / name / "__init__.py").write_text("")
        (tmp_path / name / "sub" / "__init__.py").write_text("")
    (tmp_path / "one" / "late.py").write_text("def later():\n    from two.sub import something\n")
    (tmp_path / "one" / "sub" / "up.py").write_text("from .. import late\nfrom ...two import sub\n")
    found = package_imports(tmp_path)["one"]
    assert sorted(where.split("/", 1)[1] for where, target in found if target == "two") == [
        "one/late.py:2",
        "one/sub/up.py:2",
    ]


def test_importing_the_library_loads_no_pelican():
    """`import news_core.importer` (and every other library module) in a fresh interpreter loads no Pelican."""
    modules = sorted(
        ".".join(path.relative_to(PLUGINS_DIR).with_suffix("").parts).removesuffix(".__init__")
        for path in (PLUGINS_DIR / LIBRARY).rglob("*.py")
    )
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'pelican' or m.startswith('pelican.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=PLUGINS_DIR, check=True)
    assert "news_core.importer" in modules
    assert result.stdout.strip() == "[]"
