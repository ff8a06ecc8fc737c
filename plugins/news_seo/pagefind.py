"""Index the built site with Pagefind (PyPI pagefind-bin), in shards, into output/pagefind/.

Which parts of a page are indexed is decided by the HTML: the theme marks the article body with
`data-pagefind-body`, pull quotes carry `data-pagefind-ignore`.

Pagefind has no incremental mode: it reads every page again, about 1.4 ms of CPU and 0.2 MiB a page. So the
indexed pages are split into shards by a hash of their path (the same page always lands in the same shard,
whatever else comes or goes), each shard is a Pagefind bundle of its own (`pagefind/<n>/`), and the search
page merges them in the browser (Pagefind's `mergeIndex`), listed in `pagefind/shards.json`. An edit then
re-indexes one shard. The shard count is a power of two, so it changes (and every shard with it) only when
the number of pages doubles; it stays small (NEWS_SEO_SEARCH_MAX_SHARDS), since every shard costs a
reader's search requests and bytes (measured in Chromium: README). Each bundle is indexed from a view of
its pages made of hard links created in name order (Pagefind numbers pages in the order the file system
lists them), so a shard's bytes depend only on its pages: an incremental build's index is a fresh one's.

Re-indexing a shard reuses the page fragments of its last bundle. Pagefind writes each page's fragment
(its text, for excerpts: most of a bundle's bytes) gzipped at the best level, one after another, and skips
a fragment whose file already exists, since the file is named by a hash of its content. So the fragments of
the pages published unchanged are linked into the new bundle before Pagefind runs, and it compresses only
the changed pages' (a 1,266-page shard: 1.56 s instead of 1.85 s). README, "Search shards".
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import os
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from news_core.files import atomic_write, link_or_copy

FOLDER = "pagefind"
SHARDS_FILE = "shards.json"
# Pagefind's own UI, the same bytes in every bundle: kept once, in pagefind/, where the search page loads it.
UI_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
BODY_MARK = b"data-pagefind-body"


class PagefindError(Exception):
    """Pagefind is missing or failed; the message says why."""


def run_pagefind(site: Path) -> str:
    try:
        from pagefind_bin import get_executable  # its binary, run directly: a Python process less per shard

        executable = str(get_executable())
    except (ImportError, FileNotFoundError):
        raise PagefindError("Pagefind is not installed (pip install pagefind-bin; see pyproject.toml)") from None
    try:
        result = subprocess.run([executable, "--site", str(site)], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PagefindError(f"cannot run Pagefind: {error}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise PagefindError(f"Pagefind failed over {site}: {detail[-1] if detail else result.returncode}")
    return result.stdout


def shard_count(pages: int, per_shard: int, most: int) -> int:
    """The smallest power of two that keeps shards at about `per_shard` pages, at most `most`."""
    count = 1
    while count * max(1, per_shard) < pages and count * 2 <= max(1, most):
        count *= 2
    return count


def shard_count_for(pages: int, settings: dict) -> int:
    """shard_count() as the site's settings have it (NEWS_SEO_SEARCH_SHARD_PAGES, NEWS_SEO_SEARCH_MAX_SHARDS)."""
    return shard_count(pages, settings["NEWS_SEO_SEARCH_SHARD_PAGES"], settings["NEWS_SEO_SEARCH_MAX_SHARDS"])


def shard_of(name: str, count: int) -> int:
    return zlib.crc32(name.encode("utf-8")) % count


def shards(names: Iterable[str], count: int) -> dict[int, list[str]]:
    """The pages of each non-empty shard, in name order."""
    found: dict[int, list[str]] = {}
    for name in sorted(names):
        found.setdefault(shard_of(name, count), []).append(name)
    return found


def bundle_of(relative: str) -> int | None:
    """The shard a file under pagefind/ belongs to (`pagefind/3/...` -> 3), None for the shared files."""
    parts = relative.split("/")
    if len(parts) > 2 and parts[0] == FOLDER and parts[1].isdigit():
        return int(parts[1])
    return None


def pages_marked_for_indexing(folder: Path) -> list[str]:
    """The HTML pages Pagefind would index: those with a data-pagefind-body element, or every page when none
    has one (Pagefind's own rule)."""
    start = len(str(folder)) + 1
    every = sorted(
        os.path.join(directory, name)[start:].replace(os.sep, "/")
        for directory, _, names in os.walk(folder)
        for name in names
        if name.endswith(".html") and not os.path.join(directory, name)[start:].startswith(FOLDER + os.sep)
    )
    marked = [name for name in every if BODY_MARK in (folder / name).read_bytes()]
    return marked or every


def index_shards(
    folder: Path, names: list[str], count: int, only: set[int] | None = None, previous: Path | None = None
) -> None:
    """Index the pages `names` of `folder` into folder/pagefind/<n>/, one bundle per non-empty shard (or only
    the shards in `only`: the others are already in place), and write the shared UI files and shards.json.
    `previous`: the last build's site, whose bundles lend the fragments of the pages `folder` holds
    unchanged (the same file, hard-linked)."""
    start_indexing(folder, names, count, only, previous).finish(folder)


def start_indexing(
    folder: Path,
    names: list[str],
    count: int,
    only: set[int] | None = None,
    previous: Path | None = None,
    unchanged: set[str] | None = None,
    scratch: Path | None = None,
) -> Indexing:
    """index_shards() started in the background; `finish(folder)` waits and puts the bundles in. With
    `unchanged` (pages the build has yet to carry over from `previous`, the same files) each shard's view
    takes those pages from `previous` and the others from `folder`, so indexing can start before the pages
    are carried over; `scratch` then holds the views (default `folder`). Shards are indexed two at a time:
    one Pagefind keeps about one and a half cores busy on a large shard, and less on a small one."""
    groups = shards(names, count)
    todo = [number for number in sorted(groups) if only is None or number in only]
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1))
    futures = []
    for number in todo:
        lent = _lent_fragments(previous, folder, number, groups[number], unchanged)
        sources = {name: previous for name in groups[number] if name in unchanged} if unchanged and previous else {}
        futures.append(pool.submit(_index_one, folder, groups[number], scratch, lent, sources))
    pool.shutdown(wait=False)
    return Indexing(count, sorted(groups), todo, futures)


@dataclasses.dataclass
class Indexing:
    """Shards being indexed (start_indexing)."""

    count: int
    bundles: list[int]  # every non-empty shard, listed in shards.json
    todo: list[int]  # those indexed here
    futures: list

    def wait(self) -> list[Path]:
        """The bundles written, once every Pagefind finished; the first failure raised, with no view left."""
        concurrent.futures.wait(self.futures)
        failed = [future.exception() for future in self.futures if future.exception() is not None]
        if failed:
            self.discard()
            raise failed[0]
        return [future.result() for future in self.futures]

    def discard(self) -> None:
        concurrent.futures.wait(self.futures)
        for future in self.futures:
            if future.exception() is None:
                shutil.rmtree(future.result().parent, ignore_errors=True)

    def finish(self, folder: Path) -> None:
        """Wait, then move the bundles into folder/pagefind/ and write shards.json."""
        bundles = self.wait()
        target = folder / FOLDER
        target.mkdir(exist_ok=True)
        for number, bundle in zip(self.todo, bundles, strict=True):
            shutil.rmtree(target / str(number), ignore_errors=True)
            for ui_file in UI_FILES:
                source = bundle / ui_file
                if source.exists():
                    if not (target / ui_file).exists():
                        os.rename(source, target / ui_file)
                    else:
                        source.unlink()
            os.rename(bundle, target / str(number))
            shutil.rmtree(bundle.parent, ignore_errors=True)
        listed = json.dumps({"count": self.count, "bundles": [f"{number}/" for number in self.bundles]}) + "\n"
        # replaced, never written in place: in an incremental build it is a hard link of the published file
        atomic_write(target / SHARDS_FILE, listed)


def read_alike(old: Path, new: Path, names: list[str], scratch: Path) -> bool:
    """True when Pagefind reads the pages `names` of the folder `old` as it reads those of `new`: the bundle
    it makes of each set alone is the same, byte for byte (every word, position, weight, excerpt and meta
    of a page is in it). A page written again because a neighbour's headline changed usually differs only
    outside its indexed text; knowing it spares indexing its whole shard again. Pagefind itself decides what
    it reads (no rule of ours to keep in step with it); the one premise is that what a page adds to a shard
    is what its bundle alone holds (tests/test_build_incremental.py compares the shards with a full build's).
    Views and bundles are made in `scratch` and removed; False when Pagefind cannot tell (it fails: the
    indexing that follows reports why)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(_index_one, source, names, scratch) for source in (old, new)]
    errors = [future.exception() for future in futures]
    bundles = [future.result() for future, error in zip(futures, errors, strict=True) if error is None]
    try:
        for error in errors:
            if error is not None and not isinstance(error, (PagefindError, OSError)):
                raise error
        return len(bundles) == 2 and _bundle_files(bundles[0]) == _bundle_files(bundles[1])
    except OSError:
        return False
    finally:
        for bundle in bundles:
            shutil.rmtree(bundle.parent, ignore_errors=True)


def _bundle_files(bundle: Path) -> dict[str, bytes]:
    return {
        path.relative_to(bundle).as_posix(): path.read_bytes() for path in sorted(bundle.rglob("*")) if path.is_file()
    }


def recorded_count(folder: Path) -> int | None:
    """The shard count the index in folder/pagefind/ was made with (None: no readable index there)."""
    try:
        count = json.loads((folder / FOLDER / SHARDS_FILE).read_text(encoding="utf-8"))["count"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return count if isinstance(count, int) and count > 0 else None


@dataclasses.dataclass(frozen=True)
class _LentFragments:
    """Fragment files of a last bundle that Pagefind would write again byte for byte, by file name."""

    files: dict[str, Path]
    version: str | None  # the Pagefind that wrote them (its pagefind-entry.json)


def _lent_fragments(
    previous: Path | None, folder: Path, number: int, members: list[str], carried: set[str] | None = None
) -> _LentFragments | None:
    """The fragments in the last build's bundle `number` of the pages in `members` that `folder` holds as the
    very files `previous` published (a page written again, even to the same bytes, is left to Pagefind), or,
    given, that are `carried` over from it. A fragment's JSON starts with the page's URL, which Pagefind makes
    of its path with a final index.html dropped; a page whose URL is not found that way is simply not lent."""
    bundle = previous / FOLDER / str(number) if previous is not None else None
    if bundle is None or not (bundle / "fragment").is_dir():
        return None
    unchanged, folder_text, previous_text = {}, str(folder), str(previous)
    for name in members:
        try:
            if (
                name in carried
                if carried is not None
                else os.path.samefile(os.path.join(folder_text, name), os.path.join(previous_text, name))
            ):
                unchanged["/" + name.removesuffix("index.html")] = name
        except OSError:
            continue
    files, prefix, decoder = {}, b'pagefind_dcd{"url":', json.JSONDecoder()
    with os.scandir(bundle / "fragment") as entries:
        for entry in entries:
            try:
                with open(entry.path, "rb") as file:  # the URL comes first: a few hundred bytes are enough
                    start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(file.read(2048), 1024)
                url = decoder.raw_decode(start[len(prefix) :].decode("utf-8", "replace"))[0]
            except (OSError, zlib.error, ValueError):
                continue
            if start.startswith(prefix) and url in unchanged:
                files[entry.name] = Path(entry.path)
    return _LentFragments(files, _bundle_version(bundle)) if files else None


def _bundle_version(bundle: Path) -> str | None:
    try:
        return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None


def _used_as_lent(bundle: Path, lent: _LentFragments) -> bool:
    """True when Pagefind took every lent fragment as its own: the same Pagefind wrote the last bundle, and
    no fragment name was lengthened. Pagefind names a fragment by the first characters of its content's
    hash and lengthens a name only when two pages' hashes start alike, so names of equal length mean each
    lent file holds what Pagefind would have written there, and that each is a page's fragment still."""
    names = os.listdir(bundle / "fragment")
    return _bundle_version(bundle) == lent.version and len({len(name) for name in names}) <= 1


def _index_one(
    folder: Path,
    members: list[str],
    scratch: Path | None = None,
    lent: _LentFragments | None = None,
    sources: dict[str, Path] | None = None,
) -> Path:
    """Pagefind over hard links of the pages `members` of `folder` (or of the folder `sources` names for a
    page) created in name order; returns the bundle it wrote, in a temporary folder inside `scratch` (default
    `folder`: a killed build's goes with its build folder), which the caller removes. `lent` fragments are
    linked into the bundle first; when Pagefind did not take them all as its own, it runs again without them."""
    view = Path(tempfile.mkdtemp(prefix=".search-view-", dir=scratch or folder))
    sources = sources or {}
    try:
        for name in members:
            link_or_copy(sources.get(name, folder) / name, view / name)
        if lent is not None:
            for name, source in lent.files.items():
                link_or_copy(source, view / FOLDER / "fragment" / name)
        run_pagefind(view)
        if lent is not None and not _used_as_lent(view / FOLDER, lent):
            shutil.rmtree(view / FOLDER)
            run_pagefind(view)
    except BaseException:
        shutil.rmtree(view, ignore_errors=True)
        raise
    return view / FOLDER
