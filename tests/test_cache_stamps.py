"""news_cache: a build hashes each article file once and reads it once to render it (with md5 stamps, Pelican
and our up-to-date check opened it seven times: a tenth of a cold build's system time at 1,000 articles)."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from support import ROOT, copy_project

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests


COUNT_OPENS = textwrap.dedent("""
    import collections, json, runpy, sys
    opened = collections.Counter()

    def count(event, args):
        if event == "open" and isinstance(args[0], str) and args[0].endswith(".md") and "/articles/" in args[0]:
            if args[1] in (None, "r", "rb"):
                opened[args[0].rsplit("/", 1)[1]] += 1

    sys.addaudithook(count)
    sys.argv = ["pelican", "-s", "pelicanconf.py", "-q", "-e", "NEWS_SEO_PAGEFIND=false"]
    try:
        runpy.run_module("pelican", run_name="__main__")
    except SystemExit:
        pass
    print("OPENED", json.dumps(opened))
""")


def opened_per_article(site) -> dict[str, int]:
    done = subprocess.run([sys.executable, "-c", COUNT_OPENS], cwd=site, capture_output=True, text=True, timeout=300)
    line = next(line for line in done.stdout.splitlines() if line.startswith("OPENED "))
    return json.loads(line.removeprefix("OPENED "))


def test_a_cold_and_a_warm_build_open_each_article_at_most_twice(tmp_path):
    site = copy_project(tmp_path / "site")
    shutil.rmtree(site / "content" / "articles")  # imported afresh from content/raw, as in a benchmark
    cold = opened_per_article(site)
    assert cold and max(cold.values()) <= 2, cold  # hashed once, read once
    (site / "output" / "index.html").unlink()  # not up to date: the build runs, from the reader cache
    warm = opened_per_article(site)
    assert warm and max(warm.values()) <= 2, warm  # compared by the import, hashed once, not rendered again


def _settle() -> None:
    """Let the files' last change lie more than 2 s back, as an editor's articles do between builds: hashes of
    files changed within 2 s of hashing are not kept (a second change in the same clock tick could hide)."""
    time.sleep(2.1)


def test_the_next_build_hashes_only_the_articles_that_changed(tmp_path):
    site = copy_project(tmp_path / "site")
    opened_per_article(site)  # imports content/raw, hashes and renders every article
    _settle()
    (site / "output" / "index.html").unlink()
    opened_per_article(site)  # hashes them again: their last change was too recent to keep the hashes
    (site / "output" / "index.html").unlink()
    again = opened_per_article(site)
    assert again == {}, again  # neither hashed (the hash was kept) nor read (the reader cache has it)


def test_a_restored_article_with_its_old_size_and_time_is_read_again(tmp_path):
    """A copy or a backup restored over an article keeps its size and modification time, but not its change
    time: its kept hash no longer counts, and the page shows the restored text."""
    site = copy_project(tmp_path / "site")
    opened_per_article(site)
    _settle()
    (site / "output" / "index.html").unlink()
    opened_per_article(site)  # the hashes are kept now
    article = next(path for path in sorted((site / "content" / "articles").glob("*.md")) if "Minsk" in path.read_text())
    before = article.stat()
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Minsk", "MINSK"), encoding="utf-8")  # the same size
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert article.stat().st_size == before.st_size and article.stat().st_mtime_ns == before.st_mtime_ns
    _settle()
    (site / "output" / "index.html").unlink()
    opened = opened_per_article(site)
    assert opened[article.name] == 2, opened  # hashed, then read and rendered
    pages = [path.read_text(encoding="utf-8") for path in (site / "output").rglob("index.html")]
    assert any("MINSK" in page for page in pages)


DEV_SERVER = textwrap.dedent("""
    import sys
    from pathlib import Path
    root = Path(sys.argv[1])
    sys.path[:0] = [sys.argv[2], str(root / "plugins")]
    from tooling.rebuild import Rebuilder
    rebuilder = Rebuilder(root)
    rebuilder.rebuild()
    article = next((root / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\\nOne more line.\\n", encoding="utf-8")
    print(rebuilder.rebuild([str(article)]).kind)
""")


def test_the_dev_server_leaves_the_kept_hashes_alone(tmp_path):
    """The dev server keeps reader results in memory and asks for no hash: the hashes `invoke build` kept
    are still there for the next one."""
    site = copy_project(tmp_path / "site")
    opened_per_article(site)
    _settle()
    (site / "output" / "index.html").unlink()
    opened_per_article(site)
    stamps = site / "cache" / "news_cache" / "stamps-ArticlesGenerator.pickle"
    kept = pickle.loads(stamps.read_bytes())
    assert kept
    done = subprocess.run(
        [sys.executable, "-c", DEV_SERVER, str(site), str(ROOT)], capture_output=True, text=True, timeout=300
    )
    assert done.stdout.strip().splitlines()[-1] == "incremental", done.stdout + done.stderr
    assert pickle.loads(stamps.read_bytes()) == kept


def test_a_reader_gets_one_stamp_per_file_and_build(tmp_path):
    """Pelican's reader cache asks for a file's stamp before and after reading it, and news_parallel's
    read-ahead asks once more: the first answer stands for the build (its reader result was read after it),
    so the file is looked at once; the next build looks again and sees the change."""
    from news_cache.stamps import MemoisedStamp

    article = tmp_path / "a.md"
    article.write_text("first", encoding="utf-8")
    hashed: list[str] = []

    def content_hash(filename):
        hashed.append(filename)
        with open(filename, "rb") as stream:
            return stream.read()

    store = tmp_path / "stamps.pickle"
    build = MemoisedStamp(content_hash, store)
    assert build(str(article)) == b"first"
    article.write_text("second, longer", encoding="utf-8")  # saved while the build runs
    assert build(str(article)) == b"first"
    assert hashed == [str(article)]
    build.save()
    assert MemoisedStamp(content_hash, store)(str(article)) == b"second, longer"
