"""Date lines as news sites print them: `August 15, 2020`, `15 August 2020`, `15.08.2020`, ISO 8601."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_CLOCK = r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?P<zone>UTC|GMT|CET|CEST))?)?"

_PATTERNS = (
    re.compile(rf"^(?:Date\s+)?{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}}){_CLOCK}$", re.I),
    re.compile(rf"^(?:Date\s+)?{_WEEKDAY}(?P<day>\d{{1,2}})\.?\s+{_MONTH}\s+(?P<year>\d{{4}}){_CLOCK}$", re.I),
    re.compile(rf"^(?:Date:?\s+)?(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.(?P<year>\d{{4}}){_CLOCK}$", re.I),
)
_ISO = re.compile(
    r"^(?:Date:?\s+)?(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?)?$"
)
_ZONES = {
    "UTC": dt.UTC,
    "GMT": dt.UTC,
    "CET": dt.timezone(dt.timedelta(hours=1)),
    "CEST": dt.timezone(dt.timedelta(hours=2)),
}


class BadDate(ValueError):
    """The line is shaped like a date but names no real day (`February 30, 2020`)."""


def parse_date_line(line: str, site_timezone: ZoneInfo | None = None) -> dt.date | dt.datetime | None:
    """Return the date a line states, None when the line is not a date line; raise BadDate when invalid.

    A time with an offset is converted to the site's timezone; a bare day stays a date, never a made-up time.
    """
    line = line.strip()
    if len(line) > 60:
        return None
    match = _ISO.match(line)
    if match:
        return _build(match, int(match["month"]), site_timezone, offset=match["offset"])
    for pattern in _PATTERNS:
        match = pattern.match(line)
        if match:
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
            if number is None:
                return None
            return _build(match, number, site_timezone, zone=(match["zone"] or "").upper())
    return None


def _build(match: re.Match, month: int, site_timezone, offset: str | None = None, zone: str = ""):
    groups = match.groupdict()
    try:
        day = dt.date(int(match["year"]), month, int(match["day"]))
        if groups.get("hour") is None:
            _within_range(dt.datetime(day.year, day.month, day.day), site_timezone)
            return day
        moment = dt.datetime(
            day.year, day.month, day.day, int(groups["hour"]), int(groups["minute"]), int(groups.get("second") or 0)
        )
        tzinfo = _offset(offset) if offset else _ZONES.get(zone)
        if tzinfo is None:
            moment = moment.replace(tzinfo=site_timezone) if site_timezone else moment
        else:
            moment = moment.replace(tzinfo=tzinfo)
            moment = moment.astimezone(site_timezone) if site_timezone else moment
        _within_range(moment, site_timezone)
        return moment
    except BadDate:
        raise
    except OverflowError:
        raise BadDate(
            f"{match.string!r} is not a valid date (it falls outside the years 1 to 9999 in UTC or "
            "the site's time zone)"
        ) from None
    except ValueError as error:
        raise BadDate(f"{match.string!r} is not a valid date ({error})") from None


def _within_range(moment: dt.datetime, site_timezone) -> None:
    """Raise OverflowError for a moment the build could not convert (to UTC for feeds, to the site's zone):
    `0001-01-01T00:30:00+02:00` is before year 1 in UTC."""
    if moment.tzinfo is None and site_timezone is not None:
        moment = moment.replace(tzinfo=site_timezone)
    if moment.tzinfo is not None:
        moment.astimezone(dt.UTC)
        if site_timezone is not None:
            moment.astimezone(site_timezone)


def _offset(text: str) -> dt.timezone:
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours >= 24 or minutes >= 60:
        raise BadDate(f"{text} is not a time zone offset (hours under 24, minutes under 60)")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
