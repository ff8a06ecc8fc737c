"""news_import: turn raw news dumps into Markdown with YAML front matter, and read that Markdown.

The importer itself (decode, parse, markdown_writer, sync) is pure Python with no Pelican imports;
this module is the Pelican glue: a reader for YAML-front-matter Markdown and an import on start-up.
"""

from __future__ import annotations

import logging
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pelican import signals

from news_core.forked import in_own_process
from news_parallel.settings import enabled as parallel_enabled
from news_parallel.settings import two_core_threshold

from .settings import apply_defaults

logger = logging.getLogger(__name__)


def site_timezone(settings: dict) -> ZoneInfo | None:
    try:
        return ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return None


def import_paths(settings: dict) -> tuple[Path, Path, Path]:
    content = Path(settings["PATH"])
    return content, content / settings["NEWS_RAW_DIR"], content / settings["NEWS_IMPORT_DIR"]


def _exclude_raw_dir(settings: dict) -> None:
    raw = settings["NEWS_RAW_DIR"]
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
        excludes = list(settings.get(key) or [])
        if raw not in excludes:
            settings[key] = excludes + [raw]


def import_and_save(settings: dict, paths: list[Path] | None = None, convert_file=None, on_outcome=None):
    """Import `paths` (default: every raw file) on both cores where news_parallel allows, then save the memo
    (news_cache's memoised convert(), when given) in the process that filled it."""
    from news_core.importer.convert import convert
    from news_core.importer.sync import import_all

    content, raw_dir, out_dir = import_paths(settings)
    summary = import_all(content, raw_dir, out_dir, paths, site_timezone(settings), on_outcome=on_outcome,
                         convert_file=convert_file or convert, two_cores=two_core_threshold(settings))
    save = getattr(convert_file, "save", None)
    if save is not None:
        save()
    return summary


def on_initialized(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    _exclude_raw_dir(settings)
    if not settings["NEWS_IMPORT_ON_BUILD"]:
        return
    from news_core.importer.sync import Status

    convert_file = settings.get("NEWS_IMPORT_CONVERT")  # news_cache's memoised convert(), or None
    # Every raw dump and its Markdown pass through the import; in a process of its own they never reach the
    # build's heap, which would keep ~20 MB of them at N = 1,000 after they are freed (news_parallel).
    summary = in_own_process(lambda: import_and_save(settings, convert_file=convert_file),
                             enabled=parallel_enabled(settings))
    for outcome in summary.outcomes:
        log = logger.error if outcome.status is Status.FAILED else logger.warning
        for message in outcome.messages:
            log("news_import: %s", message)
    if summary.outcomes:
        logger.info("news_import: %s", summary.line())


def add_reader(readers) -> None:
    from .reader import NewsMarkdownReader

    apply_defaults(readers.settings)
    for extension in NewsMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsMarkdownReader


def register() -> None:
    from .publishable import on_article_pretaxonomy, on_generator_init, on_page_generator_finalized

    signals.initialized.connect(on_initialized)
    signals.readers_init.connect(add_reader)
    # A file naming a missing template, or saved where another file (or a site page) is, is left out with one
    # error instead of stopping the build.
    signals.article_generator_init.connect(on_generator_init)
    signals.page_generator_init.connect(on_generator_init)
    signals.article_generator_pretaxonomy.connect(on_article_pretaxonomy)
    signals.page_generator_finalized.connect(on_page_generator_finalized)
