"""news_cache: a build hashes each article file once and reads it once to render it (with md5 stamps, Pelican
and our up-to-date check opened it seven times: a tenth of a cold build's system time at 1,000 articles)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from support import copy_project

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
