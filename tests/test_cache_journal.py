"""news_cache's reader cache journal: after an edit, a build keeps the articles it read afresh beside
Pelican's reader cache instead of writing every article's entry again; the next build uses them, an entry
that no longer matches its file is never served, and a long journal is folded into the cache."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from news_cache import journal
from support import copy_project

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

CACHE = "cache/ArticlesGenerator-Readers"


def build(site) -> None:
    (site / "output" / "index.html").unlink(missing_ok=True)  # not up to date: the build runs
    done = subprocess.run(
        [sys.executable, "-m", "pelican", "-s", "pelicanconf.py", "-q", "-e", "NEWS_SEO_PAGEFIND=false"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def _seed(site):
    return next(path for path in sorted((site / "content" / "articles").glob("*.md")) if "Belarus" in path.read_text())


def _page(site) -> str:
    page = next((site / "output").rglob("russia-ready-to-ensure-security-in-belarus/index.html"))
    return page.read_text(encoding="utf-8")


def _journal(site) -> dict:
    with open(site / (CACHE + journal.JOURNAL_SUFFIX), "rb") as stream:
        return pickle.load(stream)


def test_an_edit_is_kept_in_the_journal_and_served_from_it(tmp_path):
    site = copy_project(tmp_path / "site")
    build(site)
    cache = site / CACHE
    written = cache.stat().st_mtime_ns
    article = _seed(site)
    article.write_text(article.read_text(encoding="utf-8").replace("Minsk", "MINSK-EDITED", 1), encoding="utf-8")
    build(site)
    assert cache.stat().st_mtime_ns == written  # the whole cache was not written again
    assert list(_journal(site)) == [str(article)]
    assert "MINSK-EDITED" in _page(site)
    article.write_text(article.read_text(encoding="utf-8").replace("MINSK-EDITED", "MINSK-AGAIN"), encoding="utf-8")
    build(site)  # the journal's entry no longer matches the file: read again, never served
    assert "MINSK-AGAIN" in _page(site) and "MINSK-EDITED" not in _page(site)
    assert list(_journal(site)) == [str(article)]


def test_the_next_build_reads_nothing_the_journal_holds(tmp_path):
    site = copy_project(tmp_path / "site")
    build(site)
    article = _seed(site)
    article.write_text(article.read_text(encoding="utf-8").replace("Minsk", "MINSK-EDITED", 1), encoding="utf-8")
    build(site)
    entries = _journal(site)
    stamp, (body, metadata) = entries[str(article)]
    entries[str(article)] = (stamp, (body.replace("MINSK-EDITED", "FROM-THE-JOURNAL"), metadata))
    (site / (CACHE + journal.JOURNAL_SUFFIX)).write_bytes(pickle.dumps(entries))
    build(site)
    assert "FROM-THE-JOURNAL" in _page(site)  # the entry was served, the article not read again


def test_a_long_journal_is_folded_into_the_cache(tmp_path):
    cache_file = tmp_path / "ArticlesGenerator-Readers"
    cache_file.write_bytes(pickle.dumps({}))
    entries = {f"/site/{number}.md": (b"stamp", ("<p>x</p>", {})) for number in range(journal.JOURNAL_LIMIT + 1)}
    saved = []
    names = set(list(entries)[:3])
    assert journal.keep(entries, str(cache_file), names, lambda: saved.append(True))
    assert journal.merge({}, str(cache_file)) == names and not saved
    assert not journal.keep(entries, str(cache_file), set(entries), lambda: saved.append(True))
    assert saved == [True]  # Pelican's own save, of every entry
    assert not (tmp_path / ("ArticlesGenerator-Readers" + journal.JOURNAL_SUFFIX)).exists()


def test_without_a_cache_file_the_cache_is_written_whole(tmp_path):
    saved = []
    assert not journal.keep({"/a.md": (b"s", ("", {}))}, str(tmp_path / "none"), {"/a.md"}, lambda: saved.append(1))
    assert saved == [1]


def test_an_unreadable_journal_is_ignored(tmp_path):
    (tmp_path / ("c" + journal.JOURNAL_SUFFIX)).write_bytes(b"\x80 not a pickle")
    entries = {"/a.md": "kept"}
    assert journal.merge(entries, str(tmp_path / "c")) == set()
    assert entries == {"/a.md": "kept"}
