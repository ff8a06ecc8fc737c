"""Rebuild the site in-process after a change, doing only the work the change needs (the dev server's engine).

- A change to plugins/, theme/ or the settings (or the first rebuild) is a cold rebuild: plugin modules and
  Pelican's signal receivers are dropped so the new code is imported, the reader cache is emptied, and the
  site is built atomically into a fresh folder (tooling.build).
- A changed raw article is re-imported on its own; its Markdown is then the change.
- A changed Markdown file is re-read (every other file comes from Pelican's reader cache) and every generator
  and plugin hook runs as in a full build, but only the changed article's page is rendered, plus the feeds.
  Lists, archives, neighbours' pages and menus are rendered too when the change touches anything they can
  show: any metadata (title, date, standfirst, tags...), the summary, the reading time, or an added/removed
  article. Any other content file (photos, static files, deletions) renders everything, warm.

`Rebuilder(root).rebuild(changed_paths)` is what `invoke livereload` and `invoke bench` call.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tooling.build import BUILD_STATUS, build_site, collected_errors, describe_exception, read_settings

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown"}
# Derived from the body or the file, never shown outside the article's own page: not in the listing fingerprint.
BODY_ONLY_METADATA = {"word_count", "source_sha256", "imported_sha256"}
_CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                  "hidden_translations", "pages", "hidden_pages", "draft_pages")


@dataclass
class RebuildResult:
    kind: str  # "cold", "incremental" or "full"
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    rendered: int = 0  # pages written by templates this time
    completed: bool = True

    @property
    def ok(self) -> bool:
        return self.completed and not self.errors


class Rebuilder:
    """Keeps what a rebuild can reuse (settings, reader cache, listing fingerprints) between rebuilds."""

    def __init__(self, root: Path, settings_file: str = "pelicanconf.py", output: Path | None = None,
                 overrides: dict | None = None):
        self.root = Path(root).resolve()
        self.settings_file = settings_file
        self.overrides = dict(overrides or {})
        settings = read_settings(self.root, settings_file, self.overrides)
        self.content = Path(settings["PATH"]).resolve()
        self.output = Path(output or settings["OUTPUT_PATH"]).resolve()
        self.watched_code = [self.root / "plugins", Path(settings["THEME"]).resolve(),
                             (self.root / settings_file).resolve()]
        self._cache = Path(tempfile.mkdtemp(prefix="news-rebuild-cache-"))
        self._fingerprints: dict[str, str] | None = None  # None: the next rebuild is cold
        self.own_writes: dict[Path, int] = {}  # Markdown this rebuilder wrote (path -> mtime_ns)

    def close(self) -> None:
        shutil.rmtree(self._cache, ignore_errors=True)

    # -- entry point -------------------------------------------------------------------------------------
    def rebuild(self, changed_paths=()) -> RebuildResult:
        started = time.perf_counter()
        changed = {Path(path).resolve() for path in changed_paths}
        if self._fingerprints is None or any(self._is_code(path) for path in changed):
            result = self._cold()
        else:
            result = self._warm(changed)
        result.seconds = time.perf_counter() - started
        return result

    # -- classification --------------------------------------------------------------------------------
    def _is_code(self, path: Path) -> bool:
        return any(path == code or path.is_relative_to(code) for code in self.watched_code)

    def _cache_settings(self) -> dict:
        return {"NEWS_IMPORT_ON_BUILD": False, "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                "CONTENT_CACHING_LAYER": "reader", "CACHE_PATH": str(self._cache), "GZIP_CACHE": False,
                **self.overrides}

    # -- cold: new code, empty cache, atomic build ---------------------------------------------------------
    def _cold(self) -> RebuildResult:
        forget_plugins(self.root / "plugins")
        shutil.rmtree(self._cache, ignore_errors=True)
        self._cache.mkdir(parents=True, exist_ok=True)
        self._fingerprints = None
        fingerprints: dict[str, str] = {}
        capture = _FingerprintCapture(fingerprints)
        capture.connect()
        try:
            built = build_site(self.root, self.settings_file, self._cache_settings(), output=self.output)
        finally:
            capture.disconnect()
        if built.completed:
            self._fingerprints = fingerprints
        return RebuildResult("cold", built.errors, completed=built.completed, rendered=capture.rendered)

    # -- warm: re-import what changed, re-read one file, render what it touches ----------------------------------
    def _warm(self, changed: set[Path]) -> RebuildResult:
        from pelican import Pelican

        with collected_errors() as log:
            sources = set()
            raw_dir = self.content / "raw"
            for path in sorted(changed):
                if path.is_relative_to(raw_dir):
                    markdown = self._import(path)
                    if markdown is not None:
                        sources.add(markdown)
                elif path.suffix in MARKDOWN_SUFFIXES and path.exists():
                    sources.add(path)
            only_markdown = all(path.is_relative_to(raw_dir) or (path.suffix in MARKDOWN_SUFFIXES
                                                                 and path.exists()) for path in changed)
            # The search index is rebuilt by cold rebuilds only: re-indexing every page on each save would
            # cost more than the whole edit-to-refresh budget, and the page being edited does not need it.
            settings = read_settings(self.root, self.settings_file,
                                     {**self._cache_settings(), "OUTPUT_PATH": str(self.output),
                                      "DELETE_OUTPUT_DIRECTORY": False, "NEWS_SEO_PAGEFIND": False})
            (self.output / BUILD_STATUS).unlink(missing_ok=True)  # written in place: no longer publishable
            try:
                pelican = Pelican(settings)
                rendered = run_selectively(pelican, sources if only_markdown else None, self)
            except Exception as error:  # noqa: BLE001 - shown in the terminal and the page; the server stays up
                import logging

                logging.getLogger("tooling.rebuild").error("%s", describe_exception(error))
                self._fingerprints = None  # start from scratch next time
                return RebuildResult("full", log.errors, completed=False)
        kind = "incremental" if only_markdown and rendered.selective else "full"
        return RebuildResult(kind, log.errors, rendered=rendered.count)

    def _import(self, raw: Path) -> Path | None:
        """Import one raw article; print its problems; return the Markdown it wrote (None when it failed)."""
        import logging

        from news_import import import_paths, site_timezone
        from news_import.settings import apply_defaults
        from news_import.sync import Status, import_all

        settings = read_settings(self.root, self.settings_file, self.overrides)
        apply_defaults(settings)
        content, raw_dir, out_dir = import_paths(settings)
        if not raw.exists():
            return None
        summary = import_all(content, raw_dir, out_dir, [raw], site_timezone(settings))
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

    def remember(self, fingerprints: dict[str, str]) -> None:
        self._fingerprints = fingerprints


@dataclass
class _Rendered:
    count: int = 0
    selective: bool = False


def listing_fingerprint(content) -> str:
    """What other pages can show of this article or page; equal fingerprints mean only its own page changed."""
    metadata = {key: value for key, value in content.metadata.items() if key not in BODY_ONLY_METADATA}
    if _is_file_time(metadata.get("modified"), content.source_path):
        del metadata["modified"]  # DEFAULT_DATE = "fs" fills it from the mtime: it moves on every save
    shown = (content.url, content.save_as, getattr(content, "status", None), content.summary,
             sorted(metadata.items(), key=lambda item: item[0]))
    return repr(shown)


def _is_file_time(value, source_path) -> bool:
    if value is None or not source_path:
        return False
    try:
        stamp = datetime.fromtimestamp(os.stat(source_path).st_mtime)
    except OSError:
        return False
    naive = value.replace(tzinfo=None) if hasattr(value, "replace") else value
    return naive == stamp


def fingerprints_of(generators) -> dict[str, str]:
    result = {}
    for generator in generators:
        for name in _CONTENT_LISTS:
            for content in getattr(generator, name, None) or []:
                result[str(Path(content.source_path).resolve())] = listing_fingerprint(content)
    return result


class _FingerprintCapture:
    """Records the fingerprints of a cold build (run by tooling.build through Pelican.run) and counts renders."""

    def __init__(self, into: dict):
        self.into = into
        self.rendered = 0

    def _on_generators(self, generators):
        self.into.update(fingerprints_of(generators))

    def connect(self):
        from pelican import signals

        signals.all_generators_finalized.connect(self._on_generators, weak=False)

    def disconnect(self):
        from pelican import signals

        signals.all_generators_finalized.disconnect(self._on_generators)


def run_selectively(pelican, sources: set[Path] | None, rebuilder: Rebuilder) -> _Rendered:
    """Pelican.run() with a writer that skips pages the change cannot affect (sources None: render all)."""
    from pelican import signals

    settings = pelican.settings
    context = settings.copy()
    context["generated_content"] = {}
    context["static_links"] = set()
    context["static_content"] = {}
    context["localsiteurl"] = settings["SITEURL"]
    generators = [cls(context=context, settings=settings, path=pelican.path, theme=pelican.theme,
                      output_path=pelican.output_path) for cls in pelican._get_generator_classes()]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
        if hasattr(generator, "check_disabled_readers"):
            generator.check_disabled_readers()
    signals.all_generators_finalized.send(generators)
    for generator in generators:
        if hasattr(generator, "refresh_metadata_intersite_links"):
            generator.refresh_metadata_intersite_links()

    fingerprints = fingerprints_of(generators)
    previous = rebuilder._fingerprints or {}
    wanted = {str(path) for path in sources or ()}
    selective = sources is not None and set(fingerprints) == set(previous) and all(
        fingerprints[source] == previous[source] for source in wanted if source in fingerprints)
    rendered = _Rendered(selective=selective)
    writer = pelican._get_writer()
    write_file = writer.write_file

    def write_selected(name, template, context, *args, **kwargs):
        content = kwargs.get("article") or kwargs.get("page")
        if selective and (content is None or str(Path(content.source_path).resolve()) not in wanted):
            return None
        rendered.count += 1
        return write_file(name, template, context, *args, **kwargs)

    writer.write_file = write_selected
    for generator in generators:
        if hasattr(generator, "generate_output"):
            generator.generate_output(writer)
    signals.finalized.send(pelican)
    rebuilder.remember(fingerprints)
    return rendered


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
            for receiver_id in list(value.receivers):
                value.receivers.pop(receiver_id, None)
            value._by_sender.clear()
            value._by_receiver.clear()
