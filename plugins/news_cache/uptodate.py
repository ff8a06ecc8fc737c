"""Is output/ already what a build would write? A record of the last clean build's inputs and outputs.

After a build that logged no error, we record a key of every input (content names, sizes and times,
theme, plugin code, settings, library versions) and the size and modification time of every output file.
The next build is skipped only when both still match: any edited article, template, setting or plugin, a
deleted or touched output file, or errors last time, and the build runs in full. A build whose output
depends on the clock (depends_on_clock) is never skipped.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from news_core.files import atomic_write

from .fingerprint import files_key, settings_key, stats_key, versions_key

RECORD_NAME = "last-build.json"


def inputs_key(settings: dict, ignore: tuple[str, ...] = ()) -> str:
    parts = [
        settings_key(settings, ignore),
        stats_key(Path(settings["PATH"]), ()),  # name, size, time: reading 2,000 files would cost more
        files_key([Path(settings["THEME"])]),
        files_key([Path(path) for path in settings.get("PLUGIN_PATHS") or []]),
        versions_key(),
    ]
    return "-".join(part[:16] for part in parts)


def depends_on_clock(settings: dict) -> bool:
    """True when the output changes with the time of the build, so an unchanged input is no reason to skip:
    news_seo's News sitemap lists the articles of the last NEWS_SEO_NEWS_MAX_AGE_DAYS before "now" (the
    clock unless NEWS_SEO_NOW fixes it), and it is written only for an absolute SITEURL."""
    news_sitemap = settings.get("NEWS_SEO_NEWS_SITEMAP_SAVE_AS", "news-sitemap.xml")
    absolute = str(settings.get("SITEURL") or "").startswith(("http://", "https://", "//"))
    seo_on = "news_seo" in (settings.get("PLUGINS") or [])
    return bool(seo_on and absolute and news_sitemap and settings.get("NEWS_SEO_NOW") is None)


def output_manifest(output: Path) -> dict[str, list[int]]:
    manifest = {}
    for folder, _, names in os.walk(output):
        for name in names:
            path = Path(folder) / name
            stat = path.stat()
            manifest[path.relative_to(output).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return manifest


def matches(record: Path, inputs: str, output: Path) -> bool:
    try:
        last = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        last.get("inputs") == inputs
        and last.get("output") == str(output)
        and output.is_dir()
        and last.get("files") == output_manifest(output)
    )


def remember(record: Path, inputs: str, output: Path) -> None:
    document = {"inputs": inputs, "output": str(output), "files": output_manifest(output)}
    atomic_write(record, json.dumps(document))


def forget(record: Path) -> None:
    record.unlink(missing_ok=True)


class ErrorCounter(logging.Handler):
    """Counts ERROR records logged anywhere during a build: a build with errors is never recorded."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
