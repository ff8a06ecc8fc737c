"""news_cache: fast rebuilds that never serve stale pages.

- Pelican's reader cache (rendered Markdown + metadata per file, checked by content hash) is switched on
  under a key of our plugin code, theme templates, settings, photos and library versions: when it changes,
  Pelican's cache files and ours are dropped instead of serving pages rendered by the old code.
- The importer's convert() step is memoised by raw bytes (import_memo.py), so an unchanged raw file is
  not parsed again; the import asks for the memo through news_core.services (plugin order does not matter).
- Pelican's file stamps (content hashes) are computed once per file and build, not four times, and its
  reader cache is written only when an article was read afresh (stamps.py); after an edit of a few, only
  their entries are written, to a journal beside it (journal.py). A build whose generators are made with
  the cache unloaded (LOAD_CONTENT_CACHE off: `invoke build` taking the last finished site) can load it
  later, when they read the content after all (stamps.load_late).
- Compiled Jinja templates are kept between builds (templates.py), and so is the typeset text of every
  front-matter field (typeset_memo.py), which news_theme asks for through news_core.services.
- Each article's URL and file name are formatted once per build, not on every read (urls.py), and each
  day's date once, not once per article (dates.py); translations are matched in linear time
  (translations.py).
- Dangling symbolic links and loops under content/ are left out with one warning (content_files.py).
- A build is skipped when nothing it depends on changed since the last clean build and output/ is exactly
  as that build left it (uptodate.py).
`NEWS_CACHE = False` turns both off; `NEWS_CACHE_SKIP_UNCHANGED = False` only the skip.
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

from news_core.importer.side_files import is_side_file
from news_core.services import offer_import_memo, offer_typeset_memo
from news_core.services import typeset_memo as typeset_memo_offered
from news_pelican import gaps

from . import content_files, import_memo, stamps, templates, typeset_memo, uptodate
from .fingerprint import files_key, settings_key, stats_key, versions_key
from .settings import CACHE_FOLDER, apply_defaults

logger = logging.getLogger(__name__)

KEY_FILE = "key"
PELICAN_CACHES = "*Generator*"  # Pelican's cache files: ArticlesGenerator-Readers, PagesGenerator-Readers...
# The settings this plugin sets itself: never part of a key, so a settings dict reused by an in-process
# rebuild keys the same as a fresh one.
MANAGED = ("CACHE_CONTENT", "LOAD_CONTENT_CACHE", "CONTENT_CACHING_LAYER", "GZIP_CACHE", "CHECK_MODIFIED_METHOD")
# Where and how the pages are written, never what an article renders to: `invoke build` writes each build
# into a fresh temporary folder, which must not empty the reader cache every time.
# The search index is built after the pages (`invoke build` runs Pagefind itself, once pages carried over from
# the last build are in place): switching news_seo's own run off changes no page.
WRITING_ONLY = (
    "OUTPUT_PATH",
    "DELETE_OUTPUT_DIRECTORY",
    "OUTPUT_RETENTION",
    "NEWS_IMPORT_ON_BUILD",
    "NEWS_SEO_PAGEFIND",
)


# Text sources: Pelican's reader cache checks each of these itself. Any other file under PATH (a photo)
# can change how an article renders (news_images turns a figure into a <picture> once its photo exists), but
# for the importer's files beside an edited article, which no page shows (news_core.importer.side_files).
TEXT_SOURCES = (".md", ".markdown", ".mkd", ".mdown", ".txt", ".html", ".htm", ".rst")


def reader_cache_key(settings: dict) -> str:
    code = files_key([Path(path) for path in settings.get("PLUGIN_PATHS") or []])
    templates = files_key([Path(settings["THEME"]) / "templates"])
    photos = stats_key(Path(settings["PATH"]), TEXT_SOURCES, skip=is_side_file)
    return "-".join(
        part[:16] for part in (settings_key(settings, MANAGED + WRITING_ONLY), code, templates, photos, versions_key())
    )


def on_initialized(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    content_files.new_build()
    from . import dates, translations, urls  # here, not at the top: the import loads us without Pelican

    urls.install(bool(settings["NEWS_CACHE"]))
    dates.install(bool(settings["NEWS_CACHE"]))
    translations.install(bool(settings["NEWS_CACHE"]))
    offer_typeset_memo(None)
    if not settings["NEWS_CACHE"]:
        return
    base = Path(settings["CACHE_PATH"])
    folder = base / CACHE_FOLDER
    invalidate_unless_key_matches(base, folder, reader_cache_key(settings))
    drop_unfinished_caches(base)
    from news_core.markdown.typography import typeset

    offer_typeset_memo(typeset_memo.TypesetMemo(folder / typeset_memo.MEMO_NAME, typeset))
    settings.update(
        CACHE_CONTENT=True,
        LOAD_CONTENT_CACHE=True,
        CONTENT_CACHING_LAYER="reader",
        GZIP_CACHE=False,  # pickling 1,000 pages costs less than gzipping them
        CHECK_MODIFIED_METHOD="md5",
    )  # content, not mtime: a copied or restored file is noticed
    gaps.wrap_run(pelican, run_unless_up_to_date)


def invalidate_unless_key_matches(base: Path, folder: Path, key: str) -> None:
    """Pelican's cache files and our build record go when the key changed (the import memo checks its own
    key); other plugins' caches stay."""
    key_file = folder / KEY_FILE
    try:
        if key_file.read_text(encoding="utf-8") == key:
            return
    except OSError:
        pass
    for stale in base.glob(PELICAN_CACHES):
        if stale.is_file():
            stale.unlink()
    uptodate.forget(folder / uptodate.RECORD_NAME)
    (folder / typeset_memo.MEMO_NAME).unlink(missing_ok=True)  # kept under this key: typography may have changed
    folder.mkdir(parents=True, exist_ok=True)
    key_file.write_text(key, encoding="utf-8")


def drop_unfinished_caches(base: Path) -> None:
    """A reader cache left half-written (by a `pelican` run without this plugin killed while saving it) would
    stop every later build on loading: Pelican does not catch EOFError. A complete pickle ends with its STOP
    opcode, so the last byte tells, at the cost of one read per cache file."""
    for cache in base.glob(PELICAN_CACHES):
        try:
            complete = _ends_a_pickle(cache)
        except OSError:
            continue
        if not complete:
            logger.info("news_cache: %s was left unfinished by an interrupted run; articles are read afresh", cache)
            cache.unlink(missing_ok=True)


def _ends_a_pickle(path: Path) -> bool:
    with open(path, "rb") as stream:
        if stream.seek(0, os.SEEK_END) == 0:
            return False
        stream.seek(-1, os.SEEK_END)
        return stream.read(1) == pickle.STOP


def run_unless_up_to_date(pelican, run) -> None:
    settings = pelican.settings
    if not settings["NEWS_CACHE_SKIP_UNCHANGED"] or uptodate.depends_on_clock(settings):
        run()
        return
    record = Path(settings["CACHE_PATH"]) / CACHE_FOLDER / uptodate.RECORD_NAME
    output = Path(pelican.output_path).resolve()
    inputs = uptodate.inputs_key(settings, MANAGED)
    if uptodate.matches(record, inputs, output):
        logger.info("news_cache: nothing changed since the last build; %s is up to date", output)
        return
    uptodate.forget(record)
    errors = uptodate.ErrorCounter()
    logging.getLogger().addHandler(errors)
    try:
        run()
    finally:
        logging.getLogger().removeHandler(errors)
    if not errors.count:
        uptodate.remember(record, inputs, output)


def on_generator_init(generator) -> None:
    content_files.skip_unreadable_files(generator)  # on, whether the cache is or not: no build may stop on them
    if generator.settings.get("NEWS_CACHE", True):
        templates.keep_compiled_templates(generator)


def on_content_generator_init(generator) -> None:
    if generator.settings.get("NEWS_CACHE"):
        stamps.skip_unused_stamps(generator)
        stamps.save_only_when_changed(generator)
        stamps.memoise_reader_stamps(generator)  # after: the stamps are kept whether the cache was saved or not


def on_finalized(pelican) -> None:
    memo = typeset_memo_offered()
    if isinstance(memo, typeset_memo.TypesetMemo):
        memo.save()
    offer_typeset_memo(None)


def register() -> None:
    from pelican import signals  # here, not at the top: tooling.buildstate keys a build without loading Pelican

    offer_import_memo(import_memo.for_settings)

    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
    signals.generator_init.connect(on_generator_init)
    signals.article_generator_init.connect(on_content_generator_init)
    signals.page_generator_init.connect(on_content_generator_init)
