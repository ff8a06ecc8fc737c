"""Every place where we reach past Pelican's public hooks, in one module.

Pelican's signals, READERS, get_generators and get_writer cover most of what our plugins and tooling do. A few
jobs have no hook; each one's work-around is a function here, named for the job, so that a Pelican upgrade that
renames an internal breaks one function, and `missing_internals()` (asserted by tests/test_pelican_gaps.py)
names it before any build does. ARCHITECTURE.md lists the same gaps and why each one is needed.
"""

from __future__ import annotations

from collections.abc import Callable

# (what we need, where Pelican keeps it): the test checks each against the installed Pelican.
INTERNALS = (
    ("a generator's own file stamp, spared while its cache layer is off", "Generator._filestamp_func"),
    ("whether a generator's cache layer is off", "Generator._cache_data_policy"),
    ("the reader cache's file stamp, memoised per build", "Readers._filestamp_func"),
    ("how the reader cache opens its file, so it is written atomically", "Readers._cache_open"),
    ("the reader cache's entries and file, so a few changed entries are kept beside it", "Readers._cache"),
    ("the reader cache's file, beside which the changed entries are kept", "Readers._cache_path"),
    ("the files a writer has written, shared with the forked writer", "Writer._written_files"),
    ("a content's Markdown-rendered body before URL rewriting", "Content._content"),
    ("how a content's URL and file name are formatted from its settings, memoised", "Content._expand_settings"),
    ("how Pelican formats a date (every content's locale_date), memoised", "SafeDatetime.strftime"),
    ("the translation matching the generators call, called one group at a time", "generators.process_translations"),
    ("the check that warns of images without alt text, told of captioned figures", "readers.find_empty_alt"),
    ("each tag's pages: written for the groups an edit shows on, found in linear time", "Generator.generate_tags"),
    ("each category's pages, the same", "Generator.generate_categories"),
    ("each author's pages, the same", "Generator.generate_authors"),
    ("the generator classes of a run, for a partial run", "Pelican._get_generator_classes"),
    ("the writer of a run, for a partial run", "Pelican._get_writer"),
    ("a signal's receivers per sender, cleared when plugins are reloaded", "Signal._by_sender"),
)


# Every list of contents a generator holds and writes pages of (hidden ones too: not listed, but reachable by
# their URL), as Pelican 4.11-4.12 names them: news_images places the photos their bodies and heroes show, and
# tooling plans, keeps and fingerprints the site by them.
CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
)


# -- the generator and reader caches (news_cache) -------------------------------------------------------------


def generator_cache_is_off(generator) -> bool:
    """Pelican keeps no generator-level cache for this generator (its stamps are never compared)."""
    return not getattr(generator, "_cache_data_policy", True) and not getattr(generator, "_cache", True)


def set_generator_stamp(generator, stamp: Callable[[str], bytes]) -> None:
    if hasattr(generator, "_filestamp_func"):
        generator._filestamp_func = stamp


def reader_stamp(readers) -> Callable[[str], object] | None:
    return getattr(readers, "_filestamp_func", None)


def set_reader_stamp(readers, stamp: Callable[[str], object]) -> None:
    readers._filestamp_func = stamp


def write_reader_cache_atomically(readers, replacing: Callable) -> None:
    """Pelican's save_cache() pickles into its cache file in place: a build killed while it writes leaves half
    a file, and every later build stops on loading it (EOFError, which Pelican does not catch). Writes go
    through `replacing(path)` (a stream renamed into place once complete) instead; reads are unchanged."""
    opener = getattr(readers, "_cache_open", None)
    if opener is not open:  # GZIP_CACHE's gzip.open, or one already replaced: left as it is
        return

    def open_cache(path, mode="rb", *args, **kwargs):
        return replacing(path) if "w" in mode else opener(path, mode, *args, **kwargs)

    readers._cache_open = open_cache


def reader_cache(readers) -> tuple[dict, str] | None:
    """(the reader cache's entries: file -> (stamp, data), the file Pelican keeps them in), or None when this
    Pelican keeps them otherwise. Every entry is checked against its file's stamp when read."""
    entries, path = getattr(readers, "_cache", None), getattr(readers, "_cache_path", None)
    return (entries, path) if isinstance(entries, dict) and isinstance(path, str) else None


# -- runs and writers (news_cache, news_parallel, tooling.rebuild) ---------------------------------------------


def wrap_run(pelican, wrapper: Callable) -> None:
    """Pelican.run() for this instance becomes `wrapper(pelican, original_run)`: there is no signal before the
    generators are made, where a plugin could decide that nothing needs building."""
    original = pelican.run
    pelican.run = lambda: wrapper(pelican, original)


def wrap_generate_articles(generator, wrapper: Callable) -> None:
    """generator.generate_articles(write) becomes `wrapper(write, original)`: the article pages are written by
    one method with no hook around it (used to split them over two cores, or to write only changed ones)."""
    original = generator.generate_articles
    generator.generate_articles = lambda write: wrapper(write, original)


def written_files(writer) -> set | None:
    """The set a writer uses to refuse a second write to one path (None when this Pelican keeps none)."""
    written = getattr(writer, "_written_files", None)
    return written if isinstance(written, set) else None


def generator_classes(pelican) -> list:
    """The generator classes a full run would use, get_generators receivers included."""
    return pelican._get_generator_classes()


def writer_of(pelican):
    """The writer a full run would use, get_writer receivers included."""
    return pelican._get_writer()


# -- contents (news_images) ------------------------------------------------------------------------------------


def rendered_body(content) -> str:
    """The body as the reader rendered it, before Pelican rewrites {filename} links (which would need the whole
    site's context): the photo names in it are what news_images needs."""
    return getattr(content, "_content", "") or ""


def memoise_url_formatting(formatted: Callable) -> None:
    """Pelican formats an article's URL and file name from its settings each time `url` or `save_as` is read
    (a copy of the metadata, a relative path, a date formatted by hand): about 15 times per article in a
    build, a sixth of a cold build's time. Every content's formatting goes through
    `formatted(content, setting_name, original)` instead (`original()` formats as Pelican does), which may
    answer from a memo."""
    from pelican.contents import Content

    original = Content._expand_settings
    original = getattr(original, "__wrapped__", original)  # installed once per process, whoever asks again

    def expand_settings(self, key, klass=None):
        name = f"{klass or self.__class__.__name__}_{key}".upper()
        return formatted(self, name, lambda: original(self, key, klass))

    expand_settings.__wrapped__ = original
    Content._expand_settings = expand_settings


def memoise_date_formatting(formatted: Callable) -> None:
    """Pelican formats every content's date for `locale_date` with its own strftime (which strips zeros for
    "%-d"), a twentieth of a build. Its dates' formatting goes through `formatted(date, format, original)`
    instead (`original()` formats as Pelican does), which may answer from a memo."""
    from pelican.utils import SafeDatetime

    original = SafeDatetime.strftime
    original = getattr(original, "__wrapped__", original)

    def strftime(self, fmt, safe=True):
        if not safe:
            return original(self, fmt, safe)
        return formatted(self, fmt, lambda: original(self, fmt))

    strftime.__wrapped__ = original
    SafeDatetime.strftime = strftime


def match_translations_by_group(matched: Callable) -> None:
    """Pelican's process_translations() tells originals from translations with `x not in index` over a list of
    every original: quadratic in the number of articles (0.5 s of an edit's build at 10,000). The
    generators' calls go through `matched(content_list, translation_id, original)` instead, which may call
    Pelican's `original` once per group of translations (each group is matched on its own)."""
    from pelican import generators

    original = generators.process_translations
    original = getattr(original, "__wrapped__", original)

    def process_translations(content_list, translation_id=None):
        return matched(content_list, translation_id, original)

    process_translations.__wrapped__ = original
    generators.process_translations = process_translations


def pass_over_captioned_figures_when_warning_of_empty_alt() -> None:
    """Pelican warns "Empty alt attribute for image ..." for every <img alt=""> a reader renders, at every build
    (from the reader cache too). Ours leave the alt text empty on purpose where the figure's caption says what
    it would (news_core.markdown.markup.repeats: a screen reader would hear it twice; WAI's "image described by
    adjacent text"): the warning then sends an editor to fix what is right. Pelican's check reads the body
    without the figures that have a <figcaption>; an image anywhere else is checked as before."""
    import re

    from pelican import readers

    original = readers.find_empty_alt
    original = getattr(original, "__wrapped__", original)
    captioned = re.compile(r"<figure\b(?:(?!</figure>).)*?<figcaption\b.*?</figure>", re.S)

    def find_empty_alt(content, path):
        return original(captioned.sub("", content) if "<figcaption" in content else content, path)

    find_empty_alt.__wrapped__ = original
    readers.find_empty_alt = find_empty_alt


# -- signals (tooling.rebuild) ---------------------------------------------------------------------------------


def disconnect_everything(signal) -> None:
    """A blinker Signal with no receivers left, as in a fresh process (blinker has no public 'disconnect all')."""
    for receiver_id in list(signal.receivers):
        signal.receivers.pop(receiver_id, None)
    signal._by_sender.clear()
    signal._by_receiver.clear()


def missing_internals() -> list[str]:
    """The internals above that the installed Pelican (and blinker) no longer have, as 'Class.attribute'."""
    import datetime as dt
    import logging
    import tempfile

    from blinker import Signal
    from pelican import Pelican, generators, readers
    from pelican.generators import ArticlesGenerator
    from pelican.settings import read_settings

    missing = []
    with tempfile.TemporaryDirectory() as folder:
        settings = read_settings(
            override={
                "PATH": folder,
                "OUTPUT_PATH": folder + "/output",
                "CACHE_PATH": folder + "/cache",
                "PLUGINS": [],
                "TIMEZONE": "UTC",
                "SITEURL": "https://example.org",
            }
        )
        pelican_log = logging.getLogger("pelican")
        quiet_before, pelican_log.disabled = pelican_log.disabled, True  # its warnings about the dummy site
        pelican = Pelican(settings)
        generator = ArticlesGenerator(
            context=settings.copy(),
            settings=settings,
            path=folder,
            theme=settings["THEME"],
            output_path=settings["OUTPUT_PATH"],
        )
        writer = writer_of(pelican) if callable(getattr(pelican, "_get_writer", None)) else None
        from pelican.contents import Article
        from pelican.utils import SafeDatetime

        article = Article("<p>x</p>", metadata={"title": "x", "date": dt.datetime(2020, 1, 1)}, settings=settings)
        objects = {
            "Generator": generator,
            "Readers": generator.readers,
            "Writer": writer,
            "Content": article,
            "Pelican": pelican,
            "Signal": Signal(),
            "SafeDatetime": SafeDatetime(2020, 1, 1),
            "generators": generators,
            "readers": readers,
        }
        for _need, where in INTERNALS:
            owner, attribute = where.split(".")
            if objects[owner] is None or not hasattr(objects[owner], attribute):
                missing.append(where)
        pelican_log.disabled = quiet_before
    return missing
