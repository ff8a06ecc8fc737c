"""The search index step of `invoke build`: news_seo's Pagefind shards, indexed again only where pages changed.

Pagefind runs here, not in news_seo's `finalized` hook, because the pages carried over from the last build
arrive after Pelican finished. An incremental build starts it earlier all the same (start_early): once
Pelican's generators wrote their pages, the shards to index again are known, and each shard's view can take
its unchanged pages from the last output, which the build's carried-over files are hard links of. Pagefind
then runs while the `finalized` hooks place the photos and the rest is carried over (at 10,000 articles a
body edit's shard takes about 1.5 s, and that work about 0.6 s). What it was started from is checked against
what the build ends with (the same pages, written and carried, the written ones' files untouched since); if
anything differs, it is thrown away and the shards are indexed as before.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from tooling import incremental

logger = logging.getLogger("news_seo")


@dataclass
class EarlyIndexing:
    """Shards started by start_early(), with what they were started from."""

    indexing: object  # news_seo.pagefind.Indexing
    scratch: Path  # the folder of their views: a build folder's sibling, gone with a killed build's
    names: list[str]
    count: int
    stale: set[int]
    written: frozenset[str]  # the indexed pages written by this build, and carried over from the last one
    carried: frozenset[str]
    files: dict[str, tuple | None]  # each written page: its file's identity when indexing started

    def holds_for(self, folder: Path, names: list[str], count: int, written: set[str], carried: set[str]) -> bool:
        return (
            names == self.names
            and count == self.count
            and self.written == written
            and self.carried == carried
            and all(_identity(folder / name) == identity for name, identity in self.files.items())
        )

    def discard(self) -> None:
        self.indexing.discard()
        shutil.rmtree(self.scratch, ignore_errors=True)


def _identity(path: Path) -> tuple | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def only_content_pages_are_indexed(theme: Path) -> bool:
    """True when the theme marks only article and page templates with data-pagefind-body: Pagefind then
    indexes those pages alone, and reading the list pages too changes nothing in its index (checked: the same
    bytes) but costs it about a sixth of its time."""
    marked = set()
    for template in (theme / "templates").rglob("*.html"):
        try:
            if "data-pagefind-body" in template.read_text(encoding="utf-8", errors="replace"):
                marked.add(template.relative_to(theme / "templates").as_posix())
        except OSError:
            return False
    return bool(marked) and marked <= {"article.html", "page.html"}


def _indexed_pages(site, present: set[str]) -> tuple[list[str], set[str]]:
    """(the pages indexed, in name order; the same as a set) of those `present` in the build folder."""
    names = sorted(name for name in site.save_as if name.endswith(".html") and name in present)
    return names, set(names)


def start_early(
    settings: dict, output: Path, folder: Path, base, site, chosen, written: set[str], edited: set[str], scratch
) -> EarlyIndexing | None:
    """Start indexing the shards an incremental build changes, from the pages Pelican has `written` (paths
    under `folder`) and those the build will carry over; None when there is nothing to start this way (a
    first build, a theme that has every page indexed, a new shard count, no shard changed). `scratch()`
    makes the folder for the views."""
    from news_seo.pagefind import recorded_count, shard_count_for, start_indexing

    if base is None or not only_content_pages_are_indexed(Path(settings["THEME"])):
        return None
    carried = set(incremental.to_carry_over(base, chosen, site, written))
    names, indexed = _indexed_pages(site, written | carried)
    count = shard_count_for(len(names), settings)
    if recorded_count(output) != count:
        return None
    stale = incremental.stale_shards(output, folder, base, site, written, carried, count, edited)
    if not stale:
        return None
    files = {name: _identity(folder / name) for name in indexed & written}  # those in kept shards too
    views = scratch()
    indexing = start_indexing(folder, names, count, only=stale, previous=output, unchanged=carried, scratch=views)
    return EarlyIndexing(
        indexing, views, names, count, stale, frozenset(indexed & written), frozenset(indexed & carried), files
    )


def update(
    settings: dict,
    output: Path,
    folder: Path,
    base,
    site,
    written: set[str],
    carried: set[str],
    edited: set[str],
    early: EarlyIndexing | None = None,
) -> str:
    """news_seo's Pagefind run, once the folder holds every page. Only the shards whose pages changed, came or
    went are indexed again (`edited`: the articles and pages whose own files changed); the others are carried
    over (added to `carried`). `early`: shards start_early() started, taken when they still hold. Returns
    what was done, for the summary line."""
    from news_seo.pagefind import (
        PagefindError,
        index_shards,
        pages_marked_for_indexing,
        recorded_count,
        shard_count_for,
    )

    content_only = only_content_pages_are_indexed(Path(settings["THEME"]))
    if content_only:
        names, indexed = _indexed_pages(site, written | carried)
    else:
        names = pages_marked_for_indexing(folder)
        indexed = set(names)
    count = shard_count_for(len(names), settings)
    if early is not None and not early.holds_for(folder, names, count, indexed & written, indexed & carried):
        early.discard()
        early = None
    stale = None  # every shard
    if early is not None:
        stale = early.stale
    elif base is not None and recorded_count(output) == count:
        if content_only:
            stale = incremental.stale_shards(output, folder, base, site, written, carried, count, edited)
        elif not incremental.needs_reindex(output, folder, base, site, written, carried, edited):
            stale = set()
    if stale is not None:
        carried |= incremental.carry_over_search_index(output, folder, base, stale)
    if stale is not None and not stale:
        return "search index kept"
    try:
        if early is not None:
            early.indexing.finish(folder)
        else:
            index_shards(folder, names, count, only=stale, previous=output if stale is not None else None)
    except PagefindError as error:
        logger.error("news_seo: %s", error)
    finally:
        if early is not None:
            shutil.rmtree(early.scratch, ignore_errors=True)
    if stale is None or count == 1:
        return "search index rebuilt"
    return f"search index: {len(stale)} of {count} shard(s) rebuilt"
