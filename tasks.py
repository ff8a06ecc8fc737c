"""Tasks for editors and developers: `invoke --list` shows them, README.md (Tasks) explains them."""

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "content_path": "content",
    "deploy_path": "output",
    "host": "127.0.0.1",
    "port": 8000,
}


def _python(c, module_args: str, **kwargs):
    return c.run(f"{shlex.quote(sys.executable)} -m {module_args}", **kwargs)


@task
def clean(c):
    """Remove the generated site (output/)."""
    shutil.rmtree(ROOT / CONFIG["deploy_path"], ignore_errors=True)


@task(name="import", iterable=["paths"])
def import_(c, paths=None):
    """Import raw articles (content/raw/) into Markdown, keeping editors' changes."""
    from news_import.importing import run_import

    failed = run_import(ROOT, CONFIG["settings_base"], [Path(p) for p in paths or []])
    if failed:
        raise SystemExit(1)


@task
def build(c, settings=None):
    """Import raw articles, then build the site into output/."""
    from news_import.importing import run_import

    failed = run_import(ROOT, settings or CONFIG["settings_base"], [])
    _python(c, f"pelican -s {shlex.quote(settings or CONFIG['settings_base'])} -e NEWS_IMPORT_ON_BUILD=false",
            pty=False)
    if failed:
        raise SystemExit(f"{failed} raw article(s) failed to import (listed above); the rest of the site was built")


@task
def rebuild(c):
    """Clean, then build."""
    clean(c)
    build(c)


@task
def serve(c, port=None, host=None):
    """Serve output/ at http://127.0.0.1:8000 (--host 0.0.0.0 to expose it on the network)."""
    _python(c, f"pelican --listen -s {CONFIG['settings_base']} -b {host or CONFIG['host']} "
               f"-p {port or CONFIG['port']}")


@task
def reserve(c, port=None, host=None):
    """Build, then serve."""
    build(c)
    serve(c, port=port, host=host)


@task
def bench(c, n=1000, repeats=3, seed=7, out=None):
    """Benchmark N generated articles against plain Pelican; table on screen, JSON in bench-results/latest.json."""
    from tooling.bench.runner import main

    main(["--n", str(n), "--repeats", str(repeats), "--seed", str(seed), *(["--out", out] if out else [])])
