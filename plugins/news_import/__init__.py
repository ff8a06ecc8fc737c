"""news_import: turn raw news dumps into Markdown with YAML front matter, and read that Markdown.

The importer itself is news_core.importer (no Pelican); this plugin is the glue: a reader for
YAML-front-matter Markdown (reader.py), an import on start-up (news_pelican.import_site), and the checks that
keep one bad file from stopping the site (publishable.py).
"""

from __future__ import annotations

import logging

from pelican import signals

from news_core.forked import in_own_process
from news_core.importer import side_files
from news_core.services import import_memo
from news_pelican import gaps
from news_pelican.importing import import_site
from news_pelican.parallel import enabled as parallel_enabled

from .settings import apply_defaults

logger = logging.getLogger(__name__)


def _exclude_raw_dir(settings: dict) -> None:
    raw = settings["NEWS_RAW_DIR"]
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
        excludes = list(settings.get(key) or [])
        if raw not in excludes:
            settings[key] = excludes + [raw]


def _ignore_side_files(settings: dict) -> None:
    """The import's files beside an edited article (NAME.md.new, NAME.md.old) are never read or published,
    even from a folder in STATIC_PATHS."""
    ignored = list(settings.get("IGNORE_FILES") or [])
    settings["IGNORE_FILES"] = ignored + [pattern for pattern in side_files.PATTERNS if pattern not in ignored]


def on_initialized(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    _exclude_raw_dir(settings)
    _ignore_side_files(settings)
    if not settings["NEWS_IMPORT_ON_BUILD"]:
        return
    from news_core.importer.sync import Status

    memo = import_memo(settings)  # news_cache's memoised convert(), when that plugin is on
    # Every raw dump and its Markdown pass through the import; in a process of its own they never reach the
    # build's heap, which would keep ~20 MB of them at N = 1,000 after they are freed (news_parallel).
    summary = in_own_process(lambda: import_site(settings, convert=memo), enabled=parallel_enabled(settings))
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

    # a figure whose caption says what its alt text would leaves the alt empty on purpose: not warned about
    gaps.pass_over_captioned_figures_when_warning_of_empty_alt()

    signals.initialized.connect(on_initialized)
    signals.readers_init.connect(add_reader)
    # A file naming a missing template, or saved where another file (or a site page) is, is left out with one
    # error instead of stopping the build.
    signals.article_generator_init.connect(on_generator_init)
    signals.page_generator_init.connect(on_generator_init)
    signals.article_generator_pretaxonomy.connect(on_article_pretaxonomy)
    signals.page_generator_finalized.connect(on_page_generator_finalized)
