"""Content files Pelican cannot read are left out with one warning, not a traceback or a failed article.

Pelican walks content/ following symbolic links: a link to a missing file (a moved photo folder, a deleted
draft) or a loop of links is then read and fails, and a link to a folder above it makes the walk find every
file again under longer and longer names (each a duplicate page: the build stops). Editors' lock files
(`.#name`, Emacs: links to nothing) are left out silently. This wraps each generator's get_files.
"""

from __future__ import annotations

import errno
import logging
import os

logger = logging.getLogger(__name__)

_warned: set[str] = set()  # one warning per file and build, whichever generators walk it


def new_build() -> None:
    _warned.clear()


def skip_unreadable_files(generator) -> None:
    """On generator init: get_files leaves out dangling links, loops and files found through a loop."""
    get_files = getattr(generator, "get_files", None)
    if get_files is None or getattr(get_files, "skips_unreadable", False):
        return
    content = generator.path
    loops: dict[str, bool] = {}
    # A generator lives for one build, and content/ does not change while it does: news_parallel's read-ahead
    # and Pelican's own loop ask for the same files, which is a walk and a stat per file at 10,000 articles.
    found: dict[tuple, frozenset[str]] = {}

    def readable_files(paths, exclude=None, extensions=None):
        key = paths, exclude, extensions = (_as_key(paths), _as_key(exclude), _as_key(extensions))
        if key not in found:
            found[key] = frozenset(_readable(paths, exclude, extensions))
        return set(found[key])

    def _readable(paths, exclude, extensions):
        kept = set()
        for name in get_files(paths, exclude=exclude, extensions=extensions):
            if os.path.basename(name).startswith(".#"):
                continue  # an editor's lock file (Emacs): never content, not worth a warning
            problem = _problem(content, name, loops)
            if problem is None:
                kept.add(name)
            elif problem[0] not in _warned:
                _warned.add(problem[0])
                logger.warning("news_cache: %s: %s; skipped", *problem)
        return kept

    readable_files.skips_unreadable = True
    generator.get_files = readable_files


def _as_key(value):
    """A get_files argument (a name, names in any collection, None or False) as a hashable value that
    get_files takes as well."""
    return value if value is None or isinstance(value, (str, bool)) else tuple(value)


def _problem(content: str, name: str, loops: dict[str, bool]) -> tuple[str, str] | None:
    """(file or folder relative to content/, what is wrong) or None when the file can be read."""
    parts = name.split(os.sep)
    for depth in range(1, len(parts)):
        folder = os.sep.join(parts[:depth])
        if folder not in loops:
            loops[folder] = _links_upwards(os.path.join(content, folder))
        if loops[folder]:
            return folder, "a symbolic link to a folder above it (a loop)"
    try:
        os.stat(os.path.join(content, name))
    except OSError as error:
        if error.errno == errno.ELOOP:
            return name, "a loop of symbolic links"
        return name, "a symbolic link to a missing file" if os.path.islink(
            os.path.join(content, name)
        ) else f"cannot be read ({error.strerror})"
    return None


def _links_upwards(folder: str) -> bool:
    if not os.path.islink(folder):
        return False
    target = os.path.realpath(folder)
    parent = os.path.realpath(os.path.dirname(folder))
    return parent == target or parent.startswith(target.rstrip(os.sep) + os.sep)
