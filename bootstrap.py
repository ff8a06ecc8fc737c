#!/usr/bin/env python3
"""Set up everything on a fresh machine that has only python3, then run the site or the test suite.

    python3 bootstrap.py site    # virtualenv + dependencies, build the sample site, serve it on 127.0.0.1:8000
    python3 bootstrap.py test    # the above + Chromium, nginx, OpenSSH, Java, npm checkers; run every test

Standard library only: it runs before anything is installed. Each step is skipped when already done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
# Debian packages the tests drive for real: browser, static host, SSH + rsync for deploys, Java for vnu, and a
# font with Chinese, Japanese and Korean letters for share cards of such headlines.
SYSTEM_PACKAGES = {
    "chromium": "/usr/bin/chromium",
    "nginx": "/usr/sbin/nginx",
    "openssh-server": "/usr/sbin/sshd",
    "openssh-client": "/usr/bin/ssh",
    "rsync": "/usr/bin/rsync",
    "default-jre-headless": "java",
    "nodejs": "node",
    "npm": "npm",
    "git": "git",
    "fonts-noto-cjk": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}


def run(*command: str | Path, **kwargs) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT, **kwargs)


def ensure_python_packages(extras: str = "") -> None:
    if not VENV_PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
    stamp = VENV / f".installed{extras}"
    pyproject = ROOT / "pyproject.toml"
    if stamp.exists() and stamp.stat().st_mtime >= pyproject.stat().st_mtime:
        return
    run(VENV_PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(VENV_PYTHON, "-m", "pip", "install", "--quiet", "-e", f".{extras}")
    stamp.touch()


BENCH_STACK = VENV / "bench-stack"  # `invoke bench`'s Pelican plugin stack, outside the venv (tooling/bench/stack.py)


def ensure_bench_stack() -> None:
    """The `bench` extra's pinned plugins, in a folder of their own: Pelican imports every namespace plugin it
    finds on each run, which would slow our builds and plain Pelican's, and pelican-ogimages declares a Pillow
    older than ours, so they are installed without dependencies (they use the venv's Pelican and Pillow)."""
    import tomllib

    pins = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["bench"]
    stamp = BENCH_STACK / ".installed"
    if stamp.exists() and stamp.read_text() == "\n".join(pins):
        return
    run(VENV_PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "--upgrade", "--target", BENCH_STACK, *pins)
    stamp.write_text("\n".join(pins))


def _missing(name: str, probe: str) -> bool:
    return not (Path(probe).exists() if probe.startswith("/") else shutil.which(probe))


def ensure_system_packages() -> None:
    missing = [name for name, probe in SYSTEM_PACKAGES.items() if _missing(name, probe)]
    if not missing:
        return
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    if prefix and not shutil.which("sudo"):
        sys.exit(f"bootstrap: please install these Debian packages as root: {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*prefix, "apt-get", "update", "-qq", env=env)
    run(*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)


def ensure_node_modules() -> None:
    lock = ROOT / "package-lock.json"
    marker = ROOT / "node_modules" / ".package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("site", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "site":
        ensure_python_packages()
        invoke = VENV / "bin" / "invoke"
        run(invoke, "build")
        os.execv(invoke, [str(invoke), "serve", *rest])
    ensure_system_packages()
    ensure_python_packages("[test]")
    ensure_bench_stack()
    ensure_node_modules()
    os.execv(VENV_PYTHON, [str(VENV_PYTHON), "-m", "pytest", *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
