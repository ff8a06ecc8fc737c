"""Production settings: everything in pelicanconf.py, plus absolute URLs and feeds."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F403

# The address the site is published at, domain root or sub-path ("https://example.org/explainers"): every
# link, stylesheet, image and feed URL is made absolute from it. `SITEURL=... invoke publish` overrides it.
SITEURL = os.environ.get("SITEURL", "https://example.org").rstrip("/")
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{slug}.rss.xml"
RSS_FEED_SUMMARY_ONLY = False  # RSS entries carry the whole article too (news_seo drops pull quotes)

# tooling/build.py builds into a fresh folder and swaps it in, so nothing stale survives a publish build.
DELETE_OUTPUT_DIRECTORY = True
