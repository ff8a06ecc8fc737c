"""Atomic writes into the cache, and placing cached files into the output without rewriting them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from news_core.files import atomic_write, give_default_mode

# Readers (and a parallel build) never see half a file: written beside it, then renamed.
write_atomically = atomic_write


def place_file(source: Path, target: Path) -> bool:
    """Hard-link (or copy) a cached file into the output; False when the same file is already there.

    The cached file gets the mode of a new file first: a link shares it, and the web server must read it."""
    give_default_mode(source)
    try:
        if os.path.samefile(source, target) or target.stat().st_size == source.stat().st_size:
            return False
        target.unlink()
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)
    return True
