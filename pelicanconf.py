"""Settings for building the site locally (`invoke build`); publishconf.py adds what production needs."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))  # our plugins import each other as packages

SITENAME = "News Explainers"
SITEURL = ""
SITE_DESCRIPTION = "Explainers on the news of the day: what happened, why it matters."
AUTHOR = "News Explainers desk"
PATH = "content"
# Named here so Pelican resolves them against this file, not the directory it was started from (a tool run
# from elsewhere would otherwise write the site into that directory's output/ and cache/).
OUTPUT_PATH = "output"
CACHE_PATH = "cache"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "en"
DEFAULT_DATE = "fs"

THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = ["news_cache", "news_parallel", "news_import", "news_theme", "news_seo", "news_images"]
# Autoescape every template value; the theme marks only rendered Markdown (content, summary) safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}

# Raw dumps live in content/raw/ and are imported into content/articles/ (see README: Layout).
NEWS_RAW_DIR = "raw"
NEWS_IMPORT_DIR = "articles"
ARTICLE_PATHS = ["articles"]
ARTICLE_EXCLUDES = ["raw"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]

ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = 20
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "News"
RELATIVE_URLS = True
