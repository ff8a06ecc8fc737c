"""news_cache settings and their defaults; pelicanconf.py overrides any of them."""

CACHE_FOLDER = "news_cache"  # our key, memo and build record, inside Pelican's CACHE_PATH

DEFAULTS = {
    # Keep rendered articles between builds (Pelican's reader cache), in a folder named after a key of the
    # plugin code, theme templates, settings and library versions: change any of them and it starts afresh.
    "NEWS_CACHE": True,
    # Skip the build when no input changed since the last clean build and output/ is exactly as it left it.
    "NEWS_CACHE_SKIP_UNCHANGED": True,
}


def apply_defaults(settings: dict) -> None:
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
