"""Index the built site with Pagefind (PyPI pagefind-bin), which writes output/pagefind/.

Which parts of a page are indexed is decided by the HTML: the theme marks the article body with
`data-pagefind-body`, pull quotes carry `data-pagefind-ignore`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class PagefindError(Exception):
    """Pagefind is missing or failed; the message says why."""


def run_pagefind(site: Path) -> str:
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(site)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PagefindError(f"cannot run Pagefind: {error}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        if "No module named pagefind_bin" in result.stderr:
            raise PagefindError("Pagefind is not installed (pip install pagefind-bin; see pyproject.toml)")
        raise PagefindError(f"Pagefind failed over {site}: {detail[-1] if detail else result.returncode}")
    return result.stdout
