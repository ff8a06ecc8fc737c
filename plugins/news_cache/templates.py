"""Compiled Jinja templates kept in CACHE_PATH between builds: a build in a fresh process (every `invoke
build`) otherwise compiles the whole theme again, about 0.2 s, a good part of a one-article build.

Jinja checks each cached template against the checksum of its source, so an edited template is compiled
again. What the compiled code also depends on, the environment's options (autoescape, extensions, trimming)
and the Jinja and Python versions, names the folder: change any and a new folder starts empty.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from .fingerprint import stable
from .settings import CACHE_FOLDER


def folder_for(settings: dict) -> Path:
    import jinja2

    key = stable(settings.get("JINJA_ENVIRONMENT") or {}) + jinja2.__version__ + sys.version
    return Path(settings["CACHE_PATH"]) / CACHE_FOLDER / f"templates-{hashlib.sha1(key.encode()).hexdigest()[:12]}"


def keep_compiled_templates(generator) -> None:
    """On generator init: the generator's Jinja environment reads and writes compiled templates on disk."""
    env = getattr(generator, "env", None)
    if env is None or env.bytecode_cache is not None:  # the dev server keeps its own in memory
        return
    from jinja2 import FileSystemBytecodeCache

    folder = folder_for(generator.settings)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only cache folder: templates are compiled as without the cache
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
