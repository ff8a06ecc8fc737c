"""Figures from other issues' work: (4) edit-to-refresh through the dev server (refresh.py) and (6) photo
derivatives (photos.py), each in a child process, and the HTML importer's fidelity on its fixtures.

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


def html_fidelity() -> dict:
    """The HTML importer's word precision and recall on the saved-page fixtures (tests/fixtures/html)."""
    fixtures = ROOT / "tests" / "fixtures" / "html"
    if str(ROOT / "plugins") not in sys.path:
        sys.path.insert(0, str(ROOT / "plugins"))
    if importlib.util.find_spec("news_import.html_fidelity") is None or not fixtures.is_dir():
        return {"status": "missing: news_import.html_fidelity or tests/fixtures/html"}
    from news_import.html_fidelity import as_json, measure

    rows = measure(fixtures)
    return {"status": "measured", **as_json(rows)} if rows else {"status": "no fixtures"}


def _child(module: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {"seconds": None, "status": f"failed: {last}"}
    return json.loads(result.stdout.strip().splitlines()[-1])
