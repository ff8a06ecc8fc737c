"""Rebuild the site in-process after a change, doing only the work the change needs (the dev server's engine).

- A change to plugins/, theme/ or the settings (or the first rebuild) is a cold rebuild: plugin modules and
  Pelican's signal receivers are dropped so the new code is imported, the kept reader results are emptied,
  and the site is built atomically into a fresh folder (tooling.build).
- A changed raw article is re-imported on its own; its Markdown is then the change.
- A changed Markdown file is re-read (every other file's reader result and the compiled templates are kept in
  memory) and every generator and plugin hook runs as in a full build, but only the pages the change can show
  on are written (see scope_of_change): its own page; or that and the list pages; or every page, into a fresh
  folder swapped in at the end. Any other content file (photos, static files, deletions) renders every page.
- When the change is to articles' bodies alone, the finished site the last rebuild kept is taken instead of
  running the generators (tooling.snapshot, as `invoke build` does), with the new bodies put in.

`Rebuilder(root).rebuild(changed_paths)` is what `invoke livereload` and `invoke regenerate` call;
tooling.bench.refresh.time_edit_to_refresh times it for `invoke bench`.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import secrets
import shutil
import sys
import time
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from jinja2 import BytecodeCache

from news_core.importer.side_files import is_side_file
from news_pelican import gaps
from news_pelican.site import import_paths
from tooling.build import (
    BUILD_STATUS,
    build_site,
    collected_errors,
    describe_exception,
    fewer_collections,
    new_build_folder,
    read_settings,
    swap_in,
    write_status,
)

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown"}
# Files Pelican reads as articles or pages; any other file under content/ is a photo or a static file.
TEXT_SUFFIXES = MARKDOWN_SUFFIXES | {".html", ".htm", ".rst", ".txt"}


def shows_on_any_page(name: str, raw_dir: str | None) -> bool:
    """Whether a changed file under content/ (`name`, relative to it) can change any page: a photo or a static
    file. Not an article's or page's text, a raw article (the Markdown imported from it is the change), nor
    the importer's files beside an edited article (no page shows them)."""
    if raw_dir and (name == raw_dir or name.startswith(raw_dir.rstrip("/") + "/")):
        return False
    return os.path.splitext(name)[1].lower() not in TEXT_SUFFIXES and not is_side_file(name)


# Derived from the body or the file, never shown outside the article's own page: not in the listing fingerprint.
BODY_ONLY_METADATA = {"word_count", "source_sha256", "imported_sha256", "figures_without_photo", "toc"}
_CONTENT_LISTS = gaps.CONTENT_LISTS


@dataclass
class RebuildResult:
    kind: str  # "cold", "incremental" or "full"
    errors: list[str] = field(default_factory=list)
    reason: str = ""  # why a warm rebuild rendered more than the changed pages
    seconds: float = 0.0
    rendered: int = 0  # pages written by templates this time (not counted for cold rebuilds)
    completed: bool = True
    from_kept_site: bool = False  # the last rebuild's finished site was taken, with the edited bodies put in

    @property
    def ok(self) -> bool:
        return self.completed and not self.errors


class Rebuilder:
    """Keeps what a rebuild can reuse (settings, reader cache, listing fingerprints) between rebuilds."""

    def __init__(
        self,
        root: Path,
        settings_file: str = "pelicanconf.py",
        output: Path | None = None,
        overrides: dict | None = None,
    ):
        self.root = Path(root).resolve()
        self.settings_file = settings_file
        self.overrides = dict(overrides or {})
        settings = read_settings(self.root, settings_file, self.overrides)
        self.content = Path(settings["PATH"]).resolve()
        _, raw_dir, import_dir = import_paths(settings)  # NEWS_RAW_DIR, NEWS_IMPORT_DIR, as the import reads them
        self.raw_dir, self.import_dir = raw_dir.resolve(), import_dir.resolve()
        self.output = Path(output or settings["OUTPUT_PATH"]).resolve()
        self.watched_code = [
            self.root / "plugins",
            Path(settings["THEME"]).resolve(),
            (self.root / settings_file).resolve(),
        ]
        self._readings = ReaderMemory()
        self._bytecode_cache = TemplatesInMemory()
        self._fingerprints: dict[str, tuple[str, str]] | None = None  # None: the next rebuild is cold
        self.own_writes: dict[Path, int] = {}  # Markdown this rebuilder wrote (path -> mtime_ns)
        self.seen_warnings: set[str] = set()  # each warning reaches the terminal once, not on every save
        self.changed_urls: dict[str, str] = {}  # source path -> URL of the pages the last rebuild re-read
        # The finished site of the last rebuild that ran every generator, kept (tooling.snapshot) with the bodies
        # later ones put in, and its token ("": none that a rebuild may take). A body edit takes it instead of
        # running the generators and every plugin hook over all articles again (at 10,000 articles a body
        # edit took 6.3 s with them, 1.0 s without).
        from tooling.snapshot import PREVIEW_SNAPSHOT_NAME, snapshot_path

        self.kept_site = snapshot_path(Path(settings["CACHE_PATH"]).resolve(), PREVIEW_SNAPSHOT_NAME)
        self.kept_token = ""

    def close(self) -> None:
        self._readings.entries.clear()

    # -- entry point -------------------------------------------------------------------------------------
    @fewer_collections()
    def rebuild(self, changed_paths=()) -> RebuildResult:
        started = time.perf_counter()
        changed = {Path(path).resolve() for path in changed_paths}
        try:
            if self._fingerprints is None or any(self._is_code(path) for path in changed):
                result = self._cold()
            else:
                result = self._warm(changed)
        finally:
            forget_memoized_summaries()
        result.seconds = time.perf_counter() - started
        return result

    # -- classification --------------------------------------------------------------------------------
    def _is_code(self, path: Path) -> bool:
        return any(path == code or path.is_relative_to(code) for code in self.watched_code)

    def _is_photo_or_static(self, path: Path) -> bool:
        return path.is_relative_to(self.content) and shows_on_any_page(
            path.relative_to(self.content).as_posix(),
            self.raw_dir.relative_to(self.content).as_posix() if self.raw_dir.is_relative_to(self.content) else None,
        )

    def _cache_settings(self) -> dict:
        # Pelican's own (pickle-file) cache stays off: ReaderMemory keeps the reader results in this process.
        return {"NEWS_IMPORT_ON_BUILD": False, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, **self.overrides}

    def _remember_readings(self) -> None:
        from pelican import signals

        signals.generator_init.connect(self._keep_warm, weak=False)

    def _keep_warm(self, generator) -> None:
        """On every generator: reader results from memory, compiled templates reused (Jinja recompiles a
        template whose source changed: the cache checks each against its source's checksum)."""
        self._readings.install(generator)
        env = getattr(generator, "env", None)
        if env is not None:
            env.bytecode_cache = self._bytecode_cache

    # -- cold: new code, empty cache, atomic build ---------------------------------------------------------
    def _cold(self) -> RebuildResult:
        forget_plugins(self.root / "plugins")
        self._readings.entries.clear()  # reader output depends on plugin code and settings
        self._remember_readings()
        self._fingerprints = None
        fingerprints: dict[str, tuple[str, str]] = {}
        capture = _FingerprintCapture(fingerprints)
        capture.connect()
        try:
            built = build_site(
                self.root,
                self.settings_file,
                self._cache_settings(),
                output=self.output,
                seen_warnings=self.seen_warnings,
                incremental=False,
                keep_site=self.kept_site,
            )
        finally:
            capture.disconnect()
        if built.completed:
            self._fingerprints = fingerprints
        # a site built with errors left their files out: one taken later would not say them again
        self.kept_token = built.kept_site if built.completed and not built.errors else ""
        return RebuildResult("cold", built.errors, completed=built.completed)

    # -- warm: re-import what changed, re-read one file, render what it touches ----------------------------------
    def _warm(self, changed: set[Path]) -> RebuildResult:
        with collected_errors(self.seen_warnings) as log:
            sources = set()
            raw_dir = self.raw_dir
            for path in sorted(changed):
                if path.is_relative_to(raw_dir):
                    markdown = self._import(path)
                    if markdown is not None:
                        sources.add(markdown)
                elif path.suffix in MARKDOWN_SUFFIXES and path.exists():
                    sources.add(path)
                elif path.suffix in MARKDOWN_SUFFIXES and path.is_relative_to(self.import_dir):
                    # an imported article deleted: the editor's way to ask for a fresh import, which `invoke
                    # build` makes too (tooling.build._raw_to_import)
                    sources.update(self._import_again(path))
            only_markdown = all(
                path.is_relative_to(raw_dir) or (path.suffix in MARKDOWN_SUFFIXES and path.exists()) for path in changed
            )
            try:
                rendered = None
                if only_markdown:
                    # In place: only the changed pages are written, unless the change shows on other pages.
                    # The search index is refreshed by full rebuilds only: re-indexing every page on each
                    # save would cost more than the whole edit-to-refresh budget.
                    (self.output / BUILD_STATUS).unlink(missing_ok=True)  # no longer one whole build
                    rendered = run_selectively(
                        self._pelican(self.output, NEWS_SEO_PAGEFIND=False), sources, self, only_if_selective=True
                    )
                if rendered is None or not rendered.selective:
                    if any(self._is_photo_or_static(path) for path in changed):
                        # A body shows a photo by name: a figure rendered before the photo came shows its
                        # description, one rendered before it went shows files no longer placed. Every
                        # article is read again, as `invoke build` does (news_cache keys its reader cache on
                        # the photos).
                        self._readings.entries.clear()
                    # Every page, into a fresh folder swapped in at the end, so pages whose article was
                    # renamed or removed disappear as in a clean build.
                    reason = rendered.reason if rendered else scope_of_change(None, set(), {}, {})[1]
                    folder = new_build_folder(self.output)
                    try:
                        rendered = run_selectively(self._pelican(folder), None, self)
                    except BaseException:
                        shutil.rmtree(folder, ignore_errors=True)
                        raise
                    rendered.reason = reason
                    write_status(folder, self.settings_file, log.errors)
                    swap_in(folder, self.output)
            except Exception as error:  # noqa: BLE001 - shown in the terminal and the page; the server stays up
                logging.getLogger("tooling.rebuild").error("%s", describe_exception(error))
                self._fingerprints = None  # start from scratch next time
                self.kept_token = ""
                return RebuildResult("full", log.errors, completed=False)
        if log.errors:  # their files were left out: a site taken later would not say them again
            self.kept_token = ""
        kind = "incremental" if rendered.selective else "full"
        return RebuildResult(
            kind, log.errors, reason=rendered.reason, rendered=rendered.count, from_kept_site=rendered.from_kept_site
        )

    def _pelican(self, output: Path, **overrides):
        """A Pelican instance writing to `output`, with the reader results and compiled templates kept warm."""
        from pelican import Pelican

        settings = read_settings(
            self.root,
            self.settings_file,
            {**self._cache_settings(), "OUTPUT_PATH": str(output), "DELETE_OUTPUT_DIRECTORY": False, **overrides},
        )
        self._remember_readings()
        return Pelican(settings)

    def _import(self, raw: Path) -> Path | None:
        """Import one raw article; print its problems; return the Markdown it wrote (None when it failed)."""
        from news_core.importer.sync import Status
        from news_pelican.importing import import_site

        settings = read_settings(self.root, self.settings_file, self.overrides)
        if not raw.exists():
            return None
        summary = import_site(settings, [raw], two_cores=False)
        logger = logging.getLogger("news_import")
        markdown = None
        for outcome in summary.outcomes:
            for message in outcome.messages:
                (logger.error if outcome.status is Status.FAILED else logger.warning)("%s", message)
            if outcome.status is not Status.FAILED and outcome.markdown is not None:
                markdown = Path(outcome.markdown).resolve()
                if markdown.exists():
                    self.own_writes[markdown] = markdown.stat().st_mtime_ns
        return markdown

    def _import_again(self, deleted: Path) -> set[Path]:
        """Import the raw articles a deleted Markdown file was imported from (named alike); their Markdown."""
        from news_core.importer.sync import raw_files

        imported = (self._import(raw) for raw in raw_files(self.raw_dir) if raw.stem == deleted.stem)
        return {markdown for markdown in imported if markdown is not None}

    def remember(self, fingerprints: dict[str, tuple[str, str]]) -> None:
        self._fingerprints = fingerprints


# The attribute under which ReaderMemory.install() gives a generator's Readers its results as a Mapping with
# the entries of Pelican's reader cache (source path -> (stamp, (rendered body, metadata))): tooling.snapshot
# reads them there.
READER_RESULTS = "news_reader_results"


class ReaderMemory:
    """Reader results (HTML, metadata) kept between rebuilds, keyed by file and its mtime and size.

    Installed on every generator's Readers in place of Pelican's pickle-file cache, which loads and rewrites
    the whole cache on every build. Entries are stored pickled, so a plugin that changes metadata in place
    during one build cannot leak that change into the next; the settings dict that metadata objects (authors,
    tags) point to is stored as a reference and restored as the current build's settings, never copied."""

    def __init__(self):
        self.entries: dict[str, tuple[tuple[int, int], bytes]] = {}
        self._seen_before_reading: dict[str, tuple[int, int] | None] = {}

    def install(self, generator) -> None:
        readers = getattr(generator, "readers", None)
        if readers is None:
            return
        settings = readers.settings
        readers.get_cached_data = lambda path, default=None: self.get(path, settings, default)
        readers.cache_data = lambda path, data: self.put(path, data, settings)
        readers.save_cache = lambda: None
        setattr(readers, READER_RESULTS, _Results(self.entries, settings))

    @staticmethod
    def _stamp(path: str) -> tuple[int, int] | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def get(self, path, settings: dict, default=None):
        entry, stamp = self.entries.get(path), self._stamp(path)
        if entry is None or entry[0] != stamp:
            # Pelican reads the file next: the result is stored under the stamp seen *before* that read,
            # so a save landing during the read makes the next rebuild read the file again.
            self._seen_before_reading[path] = stamp
            return default
        return _SettingsUnpickler(io.BytesIO(entry[1]), settings).load()

    def put(self, path, data, settings: dict) -> None:
        stamp = self._seen_before_reading.pop(path, None)
        buffer = io.BytesIO()
        try:
            _SettingsPickler(buffer, settings).dump(data)
        except (pickle.PicklingError, TypeError, AttributeError):
            self.entries.pop(path, None)  # not picklable: read it again next time
            return
        if stamp is not None:
            self.entries[path] = (stamp, buffer.getvalue())


class _Results(Mapping):
    """ReaderMemory's entries as Pelican's reader cache holds them, (stamp, data), each unpickled when asked for."""

    def __init__(self, entries: dict, settings: dict):
        self._entries, self._settings = entries, settings

    def __getitem__(self, path):
        stamp, data = self._entries[path]
        return stamp, _SettingsUnpickler(io.BytesIO(data), self._settings).load()

    def __iter__(self):
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


class _SettingsPickler(pickle.Pickler):
    def __init__(self, file, settings: dict):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._settings = settings

    def persistent_id(self, obj):
        return "settings" if obj is self._settings else None


class _SettingsUnpickler(pickle.Unpickler):
    def __init__(self, file, settings: dict):
        super().__init__(file)
        self._settings = settings

    def persistent_load(self, pid):
        if pid == "settings":
            return self._settings
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")


class TemplatesInMemory(BytecodeCache):
    """Compiled Jinja templates kept between rebuilds; Jinja checks each against its source's checksum."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class _Rendered:
    count: int = 0
    scope: str = "site"  # "page": the changed pages; "lists": and every list page; "site": every page
    reason: str = ""  # why more than the changed pages were rendered
    from_kept_site: bool = False

    @property
    def selective(self) -> bool:
        return self.scope != "site"


# What an article's or page's own data other *article* pages show (previous/next links, "Read more" by tags,
# related titles, the menu of pages). Everything else in the listing fingerprint shows on list pages only
# (front page cards: standfirst, reading time, hero; author, tag and category pages). If the theme starts
# showing more of one article on another's page, add the field here; test_devserver_rebuild.py checks the
# rule against a fresh full build.
CROSS_PAGE_FIELDS = ("title", "date", "slug", "tags", "status", "lang", "translation")


def scope_of_change(sources, wanted: set[str], fingerprints: dict, previous: dict) -> tuple[str, str]:
    """Which pages a change needs rendered, and why when it is more than the changed pages themselves."""
    if sources is None:
        return "site", "a photo, static file or deleted file changed"
    if set(fingerprints) != set(previous):
        return "site", "an article or page was added or removed"
    scope, reason = "page", ""
    for source in sorted(wanted & set(fingerprints)):
        (cross, listing), (cross_before, listing_before) = fingerprints[source], previous[source]
        name = os.path.basename(source)
        if cross != cross_before:
            return "site", f"{name} changed what other articles' pages show (title, date, tags...)"
        if listing != listing_before:
            scope, reason = "lists", f"{name} changed what list pages show (standfirst, reading time...)"
    return scope, reason


def listing_fingerprint(content, url: str | None = None, save_as: str | None = None) -> tuple[str, str]:
    """(what other article pages show, what any other page can show) of this article or page; when both are
    as before, only its own page changed. `url` and `save_as` when the caller has them (each costs Pelican a
    formatting of its URL settings)."""
    metadata = {key: value for key, value in content.metadata.items() if key not in BODY_ONLY_METADATA}
    if _is_file_time(metadata.get("modified"), content.source_path):
        del metadata["modified"]  # DEFAULT_DATE = "fs" fills it from the mtime: it moves on every save
    cross = (
        content.url if url is None else url,
        content.save_as if save_as is None else save_as,
        getattr(content, "status", None),
        [(key, metadata.get(key)) for key in CROSS_PAGE_FIELDS],
    )
    listing = (content.summary, sorted(metadata.items(), key=lambda item: item[0]))
    return repr(cross), repr(listing)


def _is_file_time(value, source_path) -> bool:
    if value is None or not source_path:
        return False
    try:
        stamp = datetime.fromtimestamp(os.stat(source_path).st_mtime)
    except OSError:
        return False
    naive = value.replace(tzinfo=None) if hasattr(value, "replace") else value
    return naive == stamp


def fingerprints_of(generators, previous: dict | None = None, changed: set[str] = frozenset()) -> dict:
    """Listing fingerprints by source path as Pelican spells it (settings PATH joined with the file name).

    Unchanged files come from the reader cache with the same metadata: their previous fingerprint is kept
    instead of being recomputed (formatting 1,000 URLs and reprs costs a good part of the time budget)."""
    previous = previous or {}
    result = {}
    for generator in generators:
        for name in _CONTENT_LISTS:
            for content in getattr(generator, name, None) or []:
                path = content.source_path
                known = previous.get(path)
                result[path] = known if known is not None and path not in changed else listing_fingerprint(content)
    return result


def pelican_spelling(paths: set[Path], content_path: str) -> set[str]:
    """Changed files (resolved by the watcher) as Pelican names them: under the settings' PATH, unresolved."""
    real_content = Path(content_path).resolve()
    return {
        os.path.join(content_path, str(path.relative_to(real_content)))
        for path in paths
        if path.is_relative_to(real_content)
    }


class _FingerprintCapture:
    """Records the fingerprints of a cold build (run by tooling.build through Pelican.run)."""

    def __init__(self, into: dict):
        self.into = into

    def _on_generators(self, generators):
        self.into.update(fingerprints_of(generators))

    def connect(self):
        from pelican import signals

        signals.all_generators_finalized.connect(self._on_generators, weak=False)

    def disconnect(self):
        from pelican import signals

        signals.all_generators_finalized.disconnect(self._on_generators)


@dataclass
class Plan:
    """Which pages a run writes: the own pages of `pages` (None: of every article and page) and, with `lists`,
    every page without an article of its own (front page, tags, archives, search...) and every feed. A feed
    whose articles include one of `pages` is written anyway: it carries their text."""

    pages: set[str] | None = None
    lists: bool = True
    reason: str = ""
    # With `lists`: write only the list pages and feeds that show one of these articles (sources), when all
    # that changed of them is what their cards show (a standfirst, a reading time): the others are as before.
    lists_showing: set[str] | None = None

    @property
    def selective(self) -> bool:
        return self.pages is not None


def run_planned(
    pelican, decide, restore=None, context: dict | None = None, written=None, reader_cache_late: bool = False
) -> tuple[list, Plan | None, int]:
    """Pelican.run() up to the finished context, then `decide(generators)` returns the Plan to write (None:
    write nothing). Returns the generators, the plan and the number of files written by templates.
    `restore(generators)`, when given, may put a kept finished site into the new generators instead of their
    generate_context() (tooling.snapshot); False: nothing was put, the generators run as usual. `context`:
    the (empty) dict to make the generators' context of, when a kept site read ahead refers to it.
    `written(paths)`, when given, is called once the generators wrote their pages, before the `finalized`
    hooks, with the paths of every file the writer wrote (news_parallel's forked copy's too), or None when this
    Pelican's writer does not keep them. `reader_cache_late` (with news_cache on): the generators are made
    without loading their reader cache, which `restore` may not need (0.4 s at 10,000 articles); it is
    loaded when they read the content after all."""
    from pelican import signals

    settings = pelican.settings
    context = {} if context is None else context
    context.update(settings)  # what Pelican's settings.copy() gives
    context["generated_content"] = {}
    context["static_links"] = set()
    context["static_content"] = {}
    context["localsiteurl"] = settings["SITEURL"]
    late = reader_cache_late and restore is not None and bool(settings.get("LOAD_CONTENT_CACHE"))
    if late:
        settings["LOAD_CONTENT_CACHE"] = False  # read by each generator's Readers as it is made
    try:
        generators = [
            cls(
                context=context,
                settings=settings,
                path=pelican.path,
                theme=pelican.theme,
                output_path=pelican.output_path,
            )
            for cls in gaps.generator_classes(pelican)
        ]
    finally:
        if late:
            settings["LOAD_CONTENT_CACHE"] = True
    if restore is None or not restore(generators):
        if late:
            from news_cache.stamps import load_late  # tooling may use any plugin's module; plugins may not

            for generator in generators:
                load_late(getattr(generator, "readers", None))
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
    signals.all_generators_finalized.send(generators)
    for generator in generators:
        if hasattr(generator, "refresh_metadata_intersite_links"):
            generator.refresh_metadata_intersite_links()
    plan = decide(generators)
    if plan is None:
        return generators, None, 0
    writer = gaps.writer_of(pelican)
    write_file, write_feed = writer.write_file, writer.write_feed
    counted = [0]

    def write_selected(_writer, name, template, context, *args, **kwargs):
        content = kwargs.get("article") or kwargs.get("page")
        if content is None and not plan.lists:
            return None  # a list page
        if (
            content is None
            and plan.lists_showing is not None
            and not _shows(kwargs.get("articles"), plan.lists_showing)
        ):
            return None  # a list page (a tag's, an author's, a month's) of none of the changed articles
        if content is not None and plan.pages is not None and content.source_path not in plan.pages:
            return None  # another article's or page's own page
        counted[0] += 1
        return write_file(name, template, context, *args, **kwargs)

    def write_selected_feed(elements, *args, **kwargs):
        if (
            (plan.lists and plan.lists_showing is None)
            or plan.pages is None
            or any(getattr(item, "source_path", None) in plan.pages for item in elements)
        ):
            return write_feed(elements, *args, **kwargs)
        return None

    # bound to the writer, as Pelican's own write_file is: news_parallel finds the writer through it, to add
    # the pages its forked copy wrote to the writer's record of written files
    writer.write_file = types.MethodType(write_selected, writer)
    writer.write_feed = write_selected_feed
    if plan.pages is not None:
        for generator in generators:
            if hasattr(generator, "generate_articles"):
                _write_only_articles_from(generator, plan.pages)
            if not plan.lists:  # their pages would not be written: spare building their contexts (Pelican
                for name in _LIST_PAGES:  # finds each author's and category's articles in a list of all)
                    if hasattr(generator, name):
                        setattr(generator, name, _write_nothing)
    if plan.lists:
        for generator in generators:
            _grouped_lists_quickly(generator, plan.lists_showing)
    for generator in generators:
        if hasattr(generator, "generate_output"):
            generator.generate_output(writer)
    if written is not None:
        written(gaps.written_files(writer))
    signals.finalized.send(pelican)
    return generators, plan, counted[0]


def run_selectively(
    pelican, sources: set[Path] | None, rebuilder: Rebuilder, only_if_selective: bool = False
) -> _Rendered:
    """The dev server's run: the pages `sources` can show on (sources None: render all), in place.

    With only_if_selective, stops before writing anything when every page would have to be rendered.
    When every change is to the body of an article, the finished site the rebuilder kept is taken instead of
    running the generators (tooling.snapshot, as `invoke build` does); whatever ran them keeps the site anew."""
    from tooling import snapshot

    rendered = _Rendered()
    found: dict = {}
    content_path = Path(pelican.settings["PATH"]).resolve()
    edited = sorted(
        path.relative_to(content_path).as_posix() for path in sources or () if path.is_relative_to(content_path)
    )

    def restore(generators) -> bool:
        if not rebuilder.kept_token or not edited or len(edited) != len(sources or ()):
            return False
        found["kept"] = []
        rendered.from_kept_site = snapshot.apply_body_edits(
            generators, rebuilder.kept_site, pelican.settings, rebuilder.kept_token, edited, found["kept"]
        )
        return rendered.from_kept_site

    def keep(generators) -> None:
        """The site as this run finished it, for the next rebuild: the bodies put in, or the whole site."""
        token = secrets.token_hex(8)
        taken = rendered.from_kept_site
        try:
            snapshot.keep(
                rebuilder.kept_site,
                generators,
                pelican.settings,
                token,
                rebuilder.kept_token if taken else "",
                found["kept"] if taken else None,
            )
        except OSError:  # a cache folder made read-only meanwhile: the next rebuilds run the generators
            token = ""
        rebuilder.kept_token = token

    def decide(generators):
        settings = pelican.settings
        previous = rebuilder._fingerprints or {}
        wanted = pelican_spelling(sources or set(), settings["PATH"])
        fingerprints = fingerprints_of(generators, previous if sources is not None else None, wanted)
        found["fingerprints"] = fingerprints
        if wanted:
            rebuilder.changed_urls = {
                content.source_path: content.url
                for generator in generators
                for name in _CONTENT_LISTS
                for content in getattr(generator, name, None) or []
                if content.source_path in wanted
            }
        rendered.scope, rendered.reason = scope_of_change(sources, wanted, fingerprints, previous)
        if only_if_selective and rendered.scope == "site":
            return None
        keep(generators)
        if rendered.scope == "site":
            return Plan(None, True)
        return Plan(wanted, rendered.scope == "lists")

    generators, plan, rendered.count = run_planned(pelican, decide, restore)
    if plan is not None:
        rebuilder.remember(found["fingerprints"])
    if rendered.from_kept_site:  # what plugins sum up over every article while the generators run
        snapshot.repeat_summaries(generators, pelican.settings, found["kept"][2])
    # The site is let go now, not at the next collection of the whole heap: articles link one another (and our
    # generate_articles wrapper links a generator to itself), so only the cyclic collector would free them, and
    # at 10,000 articles each save left 193,000 objects for it (21,000 with this), a pause of 0.5 s every few saves.
    for content in snapshot.contents_of(generators):
        content.__dict__.clear()
    return rendered


_ARTICLE_LISTS = ("translations", "articles", "hidden_translations", "hidden_articles")
# ArticlesGenerator's methods that write list pages only.
_LIST_PAGES = (
    "generate_period_archives",
    "generate_direct_templates",
    "generate_tags",
    "generate_categories",
    "generate_authors",
)


def _write_nothing(write) -> None:
    return None


def _shows(articles, wanted: set[str]) -> bool:
    """Whether a list page (or a group: a tag's, an author's) of `articles` shows one of the articles `wanted`
    (sources); a page that names none (None) may show any."""
    if not isinstance(articles, (list, tuple)):
        return True
    return any(getattr(article, "source_path", None) in wanted for article in articles)


# Each (tag, category, author) with its articles, as Pelican's generators hold them: a dict for tags, a list
# of pairs for the others (Pelican 4.11-4.12).
_GROUPED_LISTS = (("generate_tags", "tags"), ("generate_categories", "categories"), ("generate_authors", "authors"))


class _Members(list):
    """A group's articles, as a list, whose `in` asks a set: Pelican's generate_tags, _categories and _authors
    find each group's articles in the list of all dates with `article in articles`, which a plain list
    answers by walking it (1.5 s of a full build's 10,000 articles for the authors alone). Contents compare
    by identity (Pelican defines no equality for them), so the answers are the same."""

    def __init__(self, articles):
        super().__init__(articles)
        self._ids = {id(article) for article in articles}

    def __contains__(self, article) -> bool:
        return id(article) in self._ids


def _grouped_lists_quickly(generator, wanted: set[str] | None) -> None:
    """generate_tags, _categories and _authors with each group's articles as _Members; with `wanted`, over the
    groups that hold one of those articles only (the others' pages are not written: Plan.lists_showing). The
    context keeps every group as it was, so the pages written render exactly as in a full build."""

    def shows(articles) -> bool:
        return wanted is None or _shows(articles, wanted)

    for method, attribute in _GROUPED_LISTS:
        original = getattr(generator, method, None)
        every = getattr(generator, attribute, None)
        if original is None or not isinstance(every, (dict, list)):
            continue

        def quickly(write, original=original, attribute=attribute, every=every):
            if isinstance(every, dict):
                kept = {group: _Members(articles) for group, articles in every.items() if shows(articles)}
            else:
                kept = [(group, _Members(articles)) for group, articles in every if shows(articles)]
            setattr(generator, attribute, kept)
            try:
                original(write)
            finally:
                setattr(generator, attribute, every)

        setattr(generator, method, quickly)


def _write_only_articles_from(generator, wanted: set[str]) -> None:
    """generate_articles over the changed articles only (the skipped pages would cost their URL formatting);
    the shared context keeps every article, so the page renders exactly as in a full build."""

    def generate_changed(write, generate_articles):
        every = {name: getattr(generator, name) for name in _ARTICLE_LISTS}
        try:
            for name, articles in every.items():
                setattr(generator, name, [article for article in articles if article.source_path in wanted])
            generate_articles(write)
        finally:
            for name, articles in every.items():
                setattr(generator, name, articles)

    gaps.wrap_generate_articles(generator, generate_changed)


def forget_memoized_summaries() -> None:
    """Pelican memoises Content.get_summary and friends in a class-wide dict keyed by the content object: in a
    process that builds again and again, every build's articles would stay alive (about 27 MB per rebuild
    at 1,000 articles)."""
    from pelican import contents
    from pelican.utils import memoized

    for cls in vars(contents).values():
        if isinstance(cls, type):
            for attribute in vars(cls).values():
                if isinstance(attribute, memoized):
                    attribute.cache.clear()


def forget_plugins(plugins_dir: Path) -> None:
    """Make the next Pelican instance import plugin code afresh and register only the new receivers."""
    from blinker import Signal
    from pelican.plugins import signals

    plugins_dir = plugins_dir.resolve()
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and Path(file).resolve().is_relative_to(plugins_dir):
            del sys.modules[name]
    for value in vars(signals).values():
        if isinstance(value, Signal):
            gaps.disconnect_everything(value)
