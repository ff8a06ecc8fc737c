"""The plugin's settings and their defaults; pelicanconf.py / publishconf.py override any of them.

Defaults that depend on other settings (publisher name, language) are filled in by apply_defaults.
"""

import logging

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Organization named as the publisher in JSON-LD and the Google News sitemap (default: SITENAME).
    "NEWS_SEO_PUBLISHER": None,
    # Publisher logo, a path relative to SITEURL (e.g. "images/logo.png") or an absolute URL; "" for none.
    "NEWS_SEO_PUBLISHER_LOGO": "",
    # Sign-off initials -> people, shared with the theme's bylines: {"kmm": {"name": "Kate Martin",
    # "role": "..."}} (a plain string is the name); unknown initials are given as they are.
    "NEWS_AUTHORS": {},
    # The earlier, JSON-LD-only form ({"kmm": "Kate Martin"}); still read, merged under NEWS_AUTHORS.
    "NEWS_SEO_AUTHOR_NAMES": {},
    # Share image for pages without their own card (path relative to SITEURL or absolute URL); "" for none.
    "NEWS_SEO_DEFAULT_IMAGE": "",
    # The site's X/Twitter account (`@name`) for twitter:site; "" leaves the tag out.
    "NEWS_SEO_TWITTER_SITE": "",
    # JSON-LD isAccessibleForFree.
    "NEWS_SEO_ACCESSIBLE_FOR_FREE": True,
    # Output files ("" turns one off). Sitemaps need an absolute SITEURL (publishconf.py sets one).
    "NEWS_SEO_SITEMAP_SAVE_AS": "sitemap.xml",
    "NEWS_SEO_NEWS_SITEMAP_SAVE_AS": "news-sitemap.xml",
    "NEWS_SEO_ROBOTS_SAVE_AS": "robots.txt",
    # Google News sitemap: only articles published within this many days of "now".
    "NEWS_SEO_NEWS_MAX_AGE_DAYS": 2,
    # Publication name and language in the News sitemap (default: publisher name and DEFAULT_LANG).
    "NEWS_SEO_NEWS_PUBLICATION_NAME": None,
    "NEWS_SEO_NEWS_LANGUAGE": None,
    # "Now" for the News sitemap: None means the clock at build time; an ISO 8601 date-time fixes it
    # (tests, reproducible builds).
    "NEWS_SEO_NOW": None,
    # The search page (Pagefind's UI); "" for no search page.
    "NEWS_SEO_SEARCH_SAVE_AS": "search/index.html",
    # Run Pagefind over the output after every build (quick unit builds may turn it off).
    "NEWS_SEO_PAGEFIND": True,
    # The search index is split into shards of about this many pages (a power of two of them, at most
    # NEWS_SEO_SEARCH_MAX_SHARDS), so an edit re-indexes one shard; the search page merges them. Each shard
    # costs a reader's search more requests and bytes: with 16 instead of 8 at 10,000 articles, the first
    # result took 8.2 s instead of 6.0 s on a 4G line and each later query 5.3 s instead of 2.9 s (README).
    "NEWS_SEO_SEARCH_SHARD_PAGES": 64,
    "NEWS_SEO_SEARCH_MAX_SHARDS": 8,
}


def apply_defaults(settings: dict) -> None:
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    for name in ("NEWS_SEO_SEARCH_SHARD_PAGES", "NEWS_SEO_SEARCH_MAX_SHARDS"):
        value = settings[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            logger.warning(
                "news_seo: %s must be a whole number of at least 1, not %r; using %s", name, value, DEFAULTS[name]
            )
            settings[name] = DEFAULTS[name]
    legacy = settings["NEWS_SEO_AUTHOR_NAMES"]
    people = settings["NEWS_AUTHORS"]
    if isinstance(legacy, dict) and legacy and isinstance(people, dict):
        # NEWS_AUTHORS wins for initials both name; a new dict, never the one pelicanconf.py holds
        settings["NEWS_AUTHORS"] = {**{initials: {"name": str(name)} for initials, name in legacy.items()}, **people}
    if not settings["NEWS_SEO_PUBLISHER"]:
        settings["NEWS_SEO_PUBLISHER"] = settings.get("SITENAME") or ""
    if not settings["NEWS_SEO_NEWS_PUBLICATION_NAME"]:
        settings["NEWS_SEO_NEWS_PUBLICATION_NAME"] = settings["NEWS_SEO_PUBLISHER"]
    if not settings["NEWS_SEO_NEWS_LANGUAGE"]:
        settings["NEWS_SEO_NEWS_LANGUAGE"] = settings.get("DEFAULT_LANG") or "en"
