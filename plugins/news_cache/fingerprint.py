"""Stable fingerprints of what a build depends on: settings, code and files, the same in every process.

Pelican's own cache checks each content file's stamp and nothing else, so after an edit to a plugin, a
template or a setting it would serve pages rendered by the old code. These keys name what it misses.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
LIBRARIES = ("pelican", "markdown", "jinja2", "pyyaml", "pygments", "beautifulsoup4", "pillow")


def stable(value) -> str:
    """repr() with dicts and sets in sorted order and no memory addresses (functions, objects)."""
    if isinstance(value, dict):
        items = sorted((stable(key), stable(item)) for key, item in value.items())
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable(item) for item in value) + "]"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '?')}.{value.__qualname__}"
    return _ADDRESS.sub("", repr(value))


def settings_key(settings: dict, ignore: tuple[str, ...] = ()) -> str:
    return _digest(stable({key: value for key, value in settings.items() if key not in ignore}))


def files_key(paths: list[Path], suffixes: tuple[str, ...] | None = None) -> str:
    """Every file under the given files and folders: name and bytes."""
    digest = hashlib.sha256()
    for base in paths:
        for path in _files(base):
            if suffixes and _suffix(path) not in suffixes:
                continue
            try:
                with open(path, "rb") as stream:
                    data = stream.read()
            except OSError:  # a dangling link or a loop: news_cache.content_files warns about it
                continue
            digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
            digest.update(hashlib.md5(data).digest())
    return digest.hexdigest()


def stats_key(base: Path, skip_suffixes: tuple[str, ...], skip: Callable[[str], bool] | None = None) -> str:
    """Name, size and modification time of every file under base except the skipped kinds (and the files
    `skip` names): cheap on photos."""
    digest = hashlib.sha256()
    for path in _files(base):
        if _suffix(path).lower() not in skip_suffixes and not (skip is not None and skip(path)):
            try:
                stat = os.stat(path)
            except OSError:  # a dangling link or a loop: news_cache.content_files warns about it
                continue
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def versions_key() -> str:
    versions = [platform.python_version()]
    for name in LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return _digest(" ".join(versions))


def _files(base: Path) -> list[str]:
    """The files under base as strings, the way str(Path) spells them (os.walk joins normalised names): no
    Path object per file, 20,000 of them under content/ at 10,000 articles."""
    if base.is_file():
        return [str(base)]
    found = []
    for folder, folders, names in os.walk(base):
        folders[:] = sorted(
            name
            for name in folders
            if name != "__pycache__" and not name.startswith(".") and not name.endswith(".egg-info")
        )
        found += [
            os.path.join(folder, name)
            for name in sorted(names)
            if not name.endswith((".pyc", ".tmp")) and not name.startswith(".#")
        ]  # .#x: an editor's lock
    return found


def _suffix(path: str) -> str:
    """Path(path).suffix: the last dotted part of the name, none for a name that starts or ends with it."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
