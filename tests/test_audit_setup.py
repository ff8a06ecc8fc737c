"""`invoke audit` on a machine that lacks what it drives: it installs the npm checkers or names what is missing
and how to install it, in one message, before building anything (never a traceback half-way)."""

from __future__ import annotations

import os
import sys

import pytest

from support import ROOT, run_in
from tooling.audit import NODE_CHECKERS, prerequisites

pytestmark = pytest.mark.server  # pytest -m "not build and not browser and not server": the fast unit tests


def test_missing_npm_checkers_are_installed_with_npm_ci(tmp_path, monkeypatch):
    calls = []

    def fake_npm(command, cwd, check):  # what `npm ci` would leave behind
        calls.append((command[:2], cwd))
        for path in NODE_CHECKERS:
            (cwd / "node_modules" / path).parent.mkdir(parents=True, exist_ok=True)
            (cwd / "node_modules" / path).write_text("")

    monkeypatch.setattr("tooling.audit._found", lambda tool: True)
    assert prerequisites(tmp_path, install=fake_npm) == []
    assert calls == [(["npm", "ci"], tmp_path)]


def test_what_cannot_be_installed_is_named_with_its_package(tmp_path, monkeypatch):
    monkeypatch.setattr("tooling.audit._found", lambda tool: tool not in ("nginx", "npm", "npx"))
    problems = prerequisites(tmp_path, install=lambda *args, **kwargs: pytest.fail("npm is not there"))
    assert "nginx is missing (Debian package nginx)" in problems
    assert "npx is missing (Debian package npm)" in problems
    assert any(line.startswith("npm packages lighthouse, axe-core, vnu-jar are missing") for line in problems)


def test_invoke_audit_explains_instead_of_failing(tmp_path):
    """A checkout without node_modules and without nginx or npm on PATH: one message, exit non-zero, no build."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py", "package.json", "package-lock.json"):
        (project / name).write_bytes((ROOT / name).read_bytes())
    (project / "tooling").symlink_to(ROOT / "tooling")
    (project / "plugins").symlink_to(ROOT / "plugins")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "java").symlink_to("/bin/true")  # a PATH with Java only
    result = run_in(
        project, "invoke", "audit", check=False, env={"PATH": f"{bin_dir}:{os.path.dirname(sys.executable)}"}
    )
    assert result.returncode != 0
    assert "audit: cannot run yet:" in result.stderr and "nginx is missing (Debian package nginx)" in result.stderr
    assert "python3 bootstrap.py test" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr and not (project / "output").exists()
