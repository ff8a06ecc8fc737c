"""Each distinct date formatted once per build, not once per article.

Pelican formats every article's date for `locale_date` with its own strftime (slow: it splits the format
and formats each directive apart). With a format that names the day alone, as the default "%a %d %B %Y"
does, every article of one day gets the same text: the memo's key is the format and the day, or the format
and the whole time (with its zone) when the format shows the time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from news_pelican import gaps

# Pelican's strftime formats these C89 directives (others stay as written); these show only the day.
_DAY_ONLY = set("aAbBdGjmUuVwWxyY%")
_DIRECTIVE = re.compile("%[-]?.")  # as Pelican finds them
_formatted: dict[tuple, str] = {}
_active = [False]


def install(active: bool) -> None:
    """Called on every build (NEWS_CACHE off: `active` False); the memo starts empty, since the locale, which
    month and day names follow, may have changed."""
    _formatted.clear()
    _active[0] = active
    if active:
        gaps.memoise_date_formatting(formatted)


def formatted(date, fmt, original: Callable[[], str]) -> str:
    if not _active[0] or not isinstance(fmt, str):
        return original()
    if shows_day_only(fmt):
        key = (fmt, date.year, date.month, date.day)
    else:
        key = (fmt, date.isoformat(), repr(date.tzinfo))
    text = _formatted.get(key)
    if text is None:
        text = _formatted[key] = original()
    return text


@lru_cache(maxsize=64)
def shows_day_only(fmt: str) -> bool:
    return all(directive[-1] in _DAY_ONLY for directive in _DIRECTIVE.findall(fmt))
