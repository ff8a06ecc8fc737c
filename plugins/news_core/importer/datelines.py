"""Datelines and dated bylines as news pages print them around a headline, in many languages.

`Updated: 18 Nov 2019, 19:11`, `PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: ...`, `20 Nov, 2019 05:47`,
`segunda-feira, 22 de janeiro de 2018 às 0:13`, `September 10, 2018 | by Catherine`, `By Justine Coleman -
11/18/19 11:04 PM EST`, `기사입력 :[ 2018-08-25 15:24 ]`: a line that is a date and little else is page furniture
(the date goes to `date:`, a name after "by" to `authors:`), never body text. `dates.parse_date_line` reads a
line that is exactly a date; this module finds a date inside such a line.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from .dates import BadDate, parse_date_line

MAX_DATELINE = 120
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januar februar märz mai juni juli oktober dezember "  # German
    "janvier février fevrier mars avril juin juillet août aout septembre octobre novembre décembre decembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "janeiro fevereiro março marco maio junho julho setembro outubro dezembro "  # Portuguese
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "  # Italian
    "januari februari maart mei augustus "  # Dutch
).split()
_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles jueves viernes sábado domingo segunda terça quarta quinta sexta feira"
).split()
_LABELS = (
    "published updated posted last first modified on at by the of de do da às as um uhr le la à am pm a m p et "
    "stand veröffentlicht aktualisiert zuletzt mis à jour publié publicado atualizado actualizado el del di "
    "time date datum h hrs ist jst kst est edt cst cdt pst pdt mst mdt bst gmt utc cet cest aest aedt wib "
    "und and or written ago"
).split()
_KNOWN = frozenset(_MONTHS + _WEEKDAYS + _LABELS)
_MONTH_WORD = frozenset(_MONTHS)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_NUMERIC_DATE = re.compile(r"\b(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})\b")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?")
# A 24-hour time after the date is kept (`18 Nov 2019, 19:09`); one with am/pm is not read (the day still is).
_CLOCK = r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}\b(?!\s*[ap]\.?m\b))?"
_NAMED_DATES = (
    re.compile(r"\b[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b" + _CLOCK),  # Nov. 19, 2019
    re.compile(r"\b\d{1,2}\.?\s+[A-Za-zäéû]{3,9}\.?,?\s+\d{4}\b" + _CLOCK),  # 18 Nov 2019, 15. August 2020
)
_COMMA_AFTER_MONTH = re.compile(r"([A-Za-z])\.?,\s+(\d{4})")
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b")
_BY = re.compile(r"\b(?:by|von|par|por|di)\s+(?P<names>[^|,–—-]+?)(?=\s+(?:on|am|le|el)\b|\s*[|,–—-]|\s*$)", re.I)


def _has_date(line: str) -> bool:
    if _ISO_DATE.search(line) or _NUMERIC_DATE.search(line):
        return True
    words = [word.lower() for word in _WORD.findall(line)]
    return any(word in _MONTH_WORD for word in words) and any(word.isdigit() and len(word) == 4 for word in words)


def _leftover(line: str) -> list[str]:
    """The words of a line that are not part of a date, a time or a dateline's labels."""
    return [word for word in _WORD.findall(line) if not word.isdigit() and word.lower() not in _KNOWN]


def is_dateline(line: str) -> bool:
    """A date with little else: labels, a time, a weekday, a zone; or a dated byline (`... | by Name`)."""
    if len(line) > MAX_DATELINE or not _DIGIT.search(line) or not _has_date(line):
        return False
    leftover = _leftover(line)
    if len(leftover) <= 1:
        return True
    names = byline_names(line)
    named = {word for name in names for word in _WORD.findall(name)}
    return bool(names) and len([word for word in leftover if word not in named]) <= 1


def byline_names(line: str) -> tuple[str, ...]:
    """The names after "by" in a dated byline: `Posted by Michael David Smith on November 19, 2019`."""
    match = _BY.search(line)
    if not match:
        return ()
    names = match["names"].strip()
    parts = [part.strip() for part in re.split(r",|\band\b|&", names) if part.strip()]
    if not parts or any(len(part.split()) > 5 or _has_date(part) for part in parts):
        return ()
    return tuple(parts)


def find_date(line: str, site_timezone: ZoneInfo | None = None) -> dt.date | dt.datetime | None:
    """The first date stated inside a dateline; None when none reads as a real day."""
    try:
        whole = parse_date_line(line, site_timezone)
    except BadDate:
        whole = None
    if whole is not None:
        return whole
    candidates = [match.group(0) for match in _ISO_DATE.finditer(line)]
    for pattern in _NAMED_DATES:
        candidates += [match.group(0) for match in pattern.finditer(line)]
    for match in _NUMERIC_DATE.finditer(line):
        candidates.append(_numeric(match))
    for candidate in candidates:
        if not candidate:
            continue
        candidate = _COMMA_AFTER_MONTH.sub(r"\1 \2", candidate).replace(" at ", " ")  # `20 Nov, 2019 at 10:00`
        try:
            date = parse_date_line(_ORDINAL.sub(r"\1", candidate).replace(",", ", ").replace("  ", " "), site_timezone)
        except BadDate:
            continue
        if date is not None:
            return date
    return None


def _numeric(match: re.Match) -> str:
    """`18.11.2019` and `2019/11/18` as dates; `11/19/2019` only when the order is not in doubt."""
    first, separator, second, third = match.groups()
    if len(first) == 4:
        return f"{first}-{int(second):02d}-{int(third):02d}"
    if len(third) != 4:
        return ""
    if separator == "." or int(first) > 12:
        day, month = int(first), int(second)
    elif int(second) > 12:
        day, month = int(second), int(first)
    else:
        return ""
    return f"{third}-{month:02d}-{day:02d}"
