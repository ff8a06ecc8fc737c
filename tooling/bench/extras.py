"""Figures from other issues' work: (4) edit-to-refresh through the dev server (refresh.py) and (6) photo
derivatives (photos.py), each in a child process, and the importer's fidelity on real news pages (real_pages.py).

A figure whose code is not in the tree yet, or that fails, is reported with a status saying so, so the
JSON always carries every figure.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from .sites import ROOT


def edit_to_refresh(site: Path, repeats: int) -> dict:
    if importlib.util.find_spec("tooling.rebuild") is None:
        return {"seconds": None, "status": "missing: tooling/rebuild.py (the dev server's in-process rebuild)"}
    return _child("tooling.bench.refresh", str(site), str(repeats))


def images(site: Path, photos: int) -> dict:
    if not (site / "plugins" / "news_images" / "library.py").is_file():
        return {"seconds": None, "status": "missing: plugins/news_images/"}
    return _child("tooling.bench.photos", str(site), str(photos))


def real_pages() -> dict:
    """Import fidelity on the benchmark's real pages (tests/fixtures/real-pages), saved HTML and text dumps, with
    trafilatura's stored extraction of the same pages beside it."""
    if not (ROOT / "tests" / "fixtures" / "real-pages" / "ground-truth.json").is_file():
        return {"status": "missing: tests/fixtures/real-pages"}
    return {"status": "measured", **_child("tooling.bench.real_pages", "--json", "-")}


def _child(module: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {"seconds": None, "status": f"failed: {last}"}
    return json.loads(result.stdout.strip().splitlines()[-1])
