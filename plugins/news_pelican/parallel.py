"""news_parallel's settings (pelicanconf.py overrides any of them): whether the import, reading and writing
use the second core. The import reads them as well as the plugin.
"""

import logging

PLUGIN = "news_parallel"  # the plugin these settings belong to

DEFAULTS = {
    # Use a second core (a forked copy of the build) to import raw articles, read Markdown and write article
    # pages: each half of the work on its own core. Off: everything in one process, as plain Pelican does.
    "NEWS_PARALLEL": True,
    # Below this many items a batch stays in one process: forking and sending results back cost more than
    # the second core saves on a handful of articles (the dev server's one-article rebuilds among them).
    "NEWS_PARALLEL_MIN_ITEMS": 50,
}


def apply_defaults(settings: dict) -> None:
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)


def enabled(settings: dict) -> bool:
    """news_parallel is in PLUGINS and NEWS_PARALLEL is on."""
    listed = any(getattr(plugin, "__name__", plugin) == PLUGIN for plugin in settings.get("PLUGINS") or [])
    return listed and bool(settings.get("NEWS_PARALLEL", DEFAULTS["NEWS_PARALLEL"]))


def two_core_threshold(settings: dict) -> int | None:
    """The smallest batch worth splitting, or None when splitting is off: the plugin is not in PLUGINS, the
    setting is off, or there is no fork or no second core."""
    from news_core.forked import can_fork

    if not enabled(settings) or not can_fork():
        return None
    value = settings.get("NEWS_PARALLEL_MIN_ITEMS", DEFAULTS["NEWS_PARALLEL_MIN_ITEMS"])
    if isinstance(value, bool) or not isinstance(value, int):
        logging.getLogger(PLUGIN).warning(
            "news_parallel: NEWS_PARALLEL_MIN_ITEMS must be a whole number, not %r; building in one process", value
        )
        return None
    return max(2, value)
