"""Figures that come from other issues' work: (4) edit-to-refresh (dev server) and (6) images.

Each is measured only when the function it times exists; until then the figure is reported as missing,
with what it waits for, so the JSON always carries every figure.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .sites import ROOT


def edit_to_refresh(site: Path) -> dict:
    if importlib.util.find_spec("tooling.devserver") is None:
        return {"seconds": None, "status": "missing", "waits_for": "tooling/devserver.py (in-process rebuild)"}
    return {"seconds": None, "status": "not wired yet", "waits_for": "the dev server's rebuild function"}


def images(site: Path) -> dict:
    if not (ROOT / "plugins" / "news_images").is_dir():
        return {"seconds": None, "status": "missing", "waits_for": "plugins/news_images/"}
    return {"seconds": None, "status": "not wired yet", "waits_for": "the images plugin's function"}
