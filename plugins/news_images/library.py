"""One build's photos: find them, bring the cache up to date on all cores, answer `picture_for`, copy outputs.

The index (CACHE/index.json) remembers each source's size, mtime, SHA-256 and upright size, so a warm build
only stats files: no hashing, no decoding, no Pillow import. Derivatives live in the cache under their key
and are hard-linked (or copied) into the output, only the ones some page uses.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import time
import xml.etree.ElementTree as etree
from pathlib import Path

from . import layout
from .derivatives import Derivative, plan, recipe_from_settings
from .files import place_file, write_atomically
from .picture import picture_element

logger = logging.getLogger(__name__)
INDEX_VERSION = 1


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


class PhotoLibrary:
    def __init__(self, settings: dict):
        self.settings = settings
        self.recipe = recipe_from_settings(settings)
        self.content = Path(settings["PATH"]).resolve()
        cache = settings.get("NEWS_IMAGES_CACHE_DIR") or Path(settings["CACHE_PATH"]) / "news_images"
        self.cache_dir = Path(cache).resolve()
        self.url_prefix = (
            f"{(settings.get('SITEURL') or '').rstrip('/')}/{settings['NEWS_IMAGES_OUTPUT_DIR'].strip('/')}/"
        )
        self.entries: dict[str, dict] = {}
        self.by_name: dict[str, Derivative] = {}  # output file name -> derivative, for every usable photo
        self.used: dict[str, Derivative] = {}
        self.extra_outputs: dict[str, str] = {}  # output path -> cache file (share cards)
        self.stats = {"photos": 0, "encoded": {}, "placed": 0, "cards_drawn": 0, "cards_reused": 0, "seconds": {}}
        self._warned: set[tuple[str, str]] = set()
        self._plans: dict[tuple, list[Derivative]] = {}
        self.cards = None  # share cards being drawn (share_cards.CardsInProgress), finished before writing

    @contextlib.contextmanager
    def timed(self, phase: str):
        """Adds the phase's wall time to stats["seconds"] (the bench reads it from last-run.json)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            seconds = self.stats["seconds"]
            seconds[phase] = round(seconds.get(phase, 0.0) + time.perf_counter() - start, 4)

    # -- preparing the cache -------------------------------------------------------------------------------

    def _index_path(self) -> Path:
        return self.cache_dir / "index.json"

    def _load_index(self) -> dict:
        try:
            data = json.loads(self._index_path().read_text(encoding="utf-8"))
            return data["sources"] if data.get("version") == INDEX_VERSION else {}
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def _save_index(self) -> None:
        data = {"version": INDEX_VERSION, "sources": self.entries}
        write_atomically(self._index_path(), json.dumps(data, indent=0, sort_keys=True).encode())

    def derivatives_of(self, path: Path, entry: dict) -> list[Derivative]:
        return self._derivatives(str(path), entry)

    def _derivatives(self, path: str, entry: dict) -> list[Derivative]:
        """The photo's derivatives, planned once per build and entry (a page may show a photo twice)."""
        key = (path, entry["sha256"], entry["width"], entry["height"])
        if key not in self._plans:
            self._plans[key] = plan(Path(path).name, entry["sha256"], entry["width"], entry["height"], self.recipe)
        return self._plans[key]

    def _up_to_date(self, path: str, entry: dict | None) -> bool:
        if not entry:
            return False
        if entry.get("problem"):
            return True
        return all((self.cache_dir / d.cache_name).is_file() for d in self._derivatives(path, entry))

    def _still_describes(self, path: str, entry: dict | None) -> dict | None:
        """The indexed entry when the file has not changed since (same size, mtime and pixel limit)."""
        if not entry:
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        same = (entry.get("size"), entry.get("mtime_ns"), entry.get("max_pixels")) == (
            stat.st_size,
            stat.st_mtime_ns,
            self.recipe.max_pixels,
        )
        return entry if same else None

    def prepare(self) -> None:
        """Describe every photo and encode what the cache lacks, one job per photo on all cores."""
        with self.timed("prepare"):
            self._prepare()

    def _prepare(self) -> None:
        known = self._load_index()
        article_folders = layout.article_photo_folders(self.settings)
        self._exclude_from_static(article_folders)
        jobs = []
        for path in map(str, layout.discover(self.settings, article_folders)):
            entry = self._still_describes(path, known.get(path))
            if self._up_to_date(path, entry):
                self.entries[path] = entry
            else:
                jobs.append((path, self.recipe, str(self.cache_dir), entry))
        if jobs:
            self._run_jobs(jobs)
        for path, entry in self.entries.items():
            if not entry.get("problem"):
                self.by_name.update((d.name, d) for d in self._derivatives(path, entry))
        self.stats["photos"] = len(self.entries)
        if jobs or set(known) != set(self.entries):
            self._save_index()

    def _exclude_from_static(self, folders: list[Path]) -> None:
        """Photo originals in article folders must not be published even when STATIC_PATHS covers them."""
        excludes = list(self.settings.get("STATIC_EXCLUDES") or [])
        content = Path(self.settings["PATH"])
        for folder in folders:
            relative = os.path.relpath(folder, content)
            if relative not in excludes:
                excludes.append(relative)
        self.settings["STATIC_EXCLUDES"] = excludes

    def _run_jobs(self, jobs: list[tuple]) -> None:
        from .encode import process_source  # Pillow and multiprocessing load only when something must be encoded
        from .pool import JobFailed, run_all

        results = run_all(process_source, jobs, self.settings.get("NEWS_IMAGES_PROCESSES"))
        for job, result in zip(jobs, results):
            path = job[0]
            if isinstance(result, JobFailed):
                result = {
                    "size": -1,
                    "mtime_ns": -1,
                    "max_pixels": -1,
                    "sha256": "",
                    "width": 0,
                    "height": 0,
                    "problem": f"could not be processed ({result.message})",
                    "notes": [],
                    "encoded": {},
                }
            for image_format, count in result.pop("encoded", {}).items():
                self.stats["encoded"][image_format] = self.stats["encoded"].get(image_format, 0) + count
            self.entries[path] = result

    def _entry_for(self, path: Path) -> dict:
        """A photo added after discovery (or outside it) is processed right here, in this process."""
        key = str(path)
        if key not in self.entries:
            self._run_jobs([(key, self.recipe, str(self.cache_dir), None)])
            entry = self.entries[key]
            if not entry.get("problem"):
                self.by_name.update((d.name, d) for d in self._derivatives(key, entry))
            self._save_index()
        return self.entries[key]

    # -- answering the articles ----------------------------------------------------------------------------

    def warn(self, message: str) -> None:
        logger.warning("news_images: %s", message)

    def _warn_once(self, article_source_path: str, name: str, message: str) -> None:
        if (article_source_path, name) in self._warned:
            return
        self._warned.add((article_source_path, name))
        where = _relative(Path(article_source_path).resolve(), self.content) if article_source_path else "?"
        logger.warning("news_images: %s: photo '%s' %s", where, name, message)

    def resolve(self, name: str, article_source_path: str) -> tuple[Path | None, dict | None]:
        """The photo file an article means by `name` and its index entry; warns (once) and gives
        (None, None) when the photo is missing or unusable."""
        reason = layout.unsafe_reason(name)
        if reason:
            self._warn_once(article_source_path, name, reason)
            return None, None
        looked = layout.candidates(name, article_source_path, self.settings)
        found = next((path.resolve() for path in looked if path.is_file()), None)
        if found is None:
            where = " and ".join(f"{_relative(path.parent.resolve(), self.content)}/" for path in looked)
            self._warn_once(
                article_source_path, name, f"not found (looked in {where}); the figure shows its description instead"
            )
            return None, None
        entry = self._entry_for(found)
        shown = _relative(found, self.content)
        if entry.get("problem"):
            self._warn_once(
                article_source_path,
                name,
                f"({shown}) is not used: {entry['problem']}; the figure shows its description instead",
            )
            return None, None
        for note in entry.get("notes") or []:
            self._warn_once(article_source_path, name, f"({shown}): {note}")
        return found, entry

    def picture(self, name: str, article_source_path: str, hero: bool) -> etree.Element | None:
        with self.timed("pictures"):
            return self._picture(name, article_source_path, hero)

    def _picture(self, name: str, article_source_path: str, hero: bool) -> etree.Element | None:
        path, entry = self.resolve(name, article_source_path)
        if path is None:
            return None
        derivatives = self._derivatives(str(path), entry)
        self.use(derivatives)
        sizes = self.settings["NEWS_IMAGES_SIZES"]["hero" if hero else "body"]
        return picture_element(
            derivatives,
            self.url_prefix,
            sizes,
            hero=hero,
            fallback_width=int(self.settings["NEWS_IMAGES_FALLBACK_WIDTH"]),
        )

    def use_photo(self, name: str, article_source_path: str) -> list[str] | None:
        """Mark the files of the photo an article names as used, without rendering it, and return their names;
        None when it is missing or unusable (warned once, as `picture` warns)."""
        path, entry = self.resolve(name, article_source_path)
        if path is None:
            return None
        derivatives = self._derivatives(str(path), entry)
        self.use(derivatives)
        return [derivative.name for derivative in derivatives]

    def use_names(self, names: list[str]) -> bool:
        """Mark these derivatives as used, by name; False (and none marked) when one is not a derivative of a
        photo this build found."""
        if not all(name in self.by_name for name in names):
            return False
        self.used.update((name, self.by_name[name]) for name in names)
        return True

    def use(self, derivatives: list[Derivative]) -> None:
        self.used.update((d.name, d) for d in derivatives)

    def use_names_in(self, html: str) -> None:
        """Mark the derivatives a rendered page refers to (pages restored from a content cache never
        called `picture`)."""
        if self.url_prefix not in (html or ""):
            return
        for name in re.findall(re.escape(self.url_prefix) + r"([\w.-]+)", html):
            if name in self.by_name:
                self.used[name] = self.by_name[name]

    # -- writing -------------------------------------------------------------------------------------------

    def write(self, output_path: str) -> None:
        with self.timed("write"):
            self._write(output_path)
        write_atomically(self.cache_dir / "last-run.json", json.dumps(self.stats, sort_keys=True).encode())

    def _write(self, output_path: str) -> None:
        folder = Path(output_path) / self.settings["NEWS_IMAGES_OUTPUT_DIR"]
        placed = 0
        for name, derivative in self.used.items():
            placed += place_file(self.cache_dir / derivative.cache_name, folder / name)
        for target, cached in self.extra_outputs.items():
            placed += place_file(cached, target)
        self.stats["placed"] = placed
        self.stats["used"] = len(self.used)
