"""Typography for plain text, by the same rules Python-Markdown's `smarty` applies to article bodies.

Front-matter fields (headline, standfirst, captions, pull quotes, "Read more" titles) never pass through
Markdown, yet they sit on the same page as the body and in <title>, Open Graph and JSON-LD: they must get
the same curly quotes, apostrophes, dashes and ellipses. So this module runs smarty's own patterns (imported
from markdown.extensions.smarty, in smarty's order and with its stash-like placeholders, so a replaced mark
is never matched again) over plain text, plus what news pages add:

- an apostrophe before a two-digit year is one (`class of '22`; smarty knows only decades, `'90s`);
- a spaced hyphen between words is a spaced en dash (`Moscow - and Minsk` -> `Moscow – and Minsk`);
- `15 August`, `August 15` and `10:30 CEST` never break across lines (non-breaking space);
- the last word of a headline never stands alone on its line (`headline()`).

The editor's Markdown keeps its straight characters; this runs when the page is rendered. Every function is
idempotent: typeset text typesets to itself.
"""

from __future__ import annotations

import re

from markdown.extensions import smarty

LSQUO, RSQUO, LDQUO, RDQUO = "\u2018", "\u2019", "\u201c", "\u201d"
NDASH, MDASH, ELLIPSIS, NBSP = "\u2013", "\u2014", "\u2026", "\u00a0"

# (pattern, replacement) in the order smarty's inline processor applies them (highest priority first):
# dashes (50, 45), quotes (30 down to 16), ellipses (10). An int in a replacement is a group of the match.
# The third item is a character every match contains: a rule is only searched for when the text has it.
_RULES: list[tuple[re.Pattern, tuple, str]] = [
    (re.compile(r"(?<!-)---(?!-)"), (MDASH,), "---"),
    (re.compile(r"(?<!-)--(?!-)"), (NDASH,), "--"),
    *(
        (re.compile(pattern), replacement, trigger)
        for pattern, replacement, trigger in (
            (smarty.singleQuoteStartRe, (RSQUO,), "'"),
            (smarty.doubleQuoteStartRe, (RDQUO,), '"'),
            (smarty.doubleQuoteSetsRe, (LDQUO + LSQUO,), "\"'"),
            (smarty.singleQuoteSetsRe, (LSQUO + LDQUO,), "'\""),
            (smarty.doubleQuoteSetsRe2, (RSQUO + RDQUO,), "'\""),
            (smarty.singleQuoteSetsRe2, (RDQUO + RSQUO,), "\"'"),
            (smarty.decadeAbbrRe, (RSQUO,), "'"),
            (smarty.openingSingleQuotesRegex, (1, LSQUO), "'"),
            (smarty.closingSingleQuotesRegex, (RSQUO,), "'"),
            (smarty.closingSingleQuotesRegex2, (RSQUO, 1), "'"),
            (smarty.remainingSingleQuotesRegex, (LSQUO,), "'"),
            (smarty.openingDoubleQuotesRegex, (1, LDQUO), '"'),
            (smarty.closingDoubleQuotesRegex, (RDQUO,), '"'),
            (smarty.closingDoubleQuotesRegex2, (RDQUO,), '"'),
            (smarty.remainingDoubleQuotesRegex, (LDQUO,), '"'),
        )
    ),
    (re.compile(r"(?<!\.)\.{3}(?!\.)"), (ELLIPSIS,), "..."),
]
# Placeholders like smarty's: STX + a name + ETX, characters its patterns treat as "not a closing context"
# (named, so they never clash with Markdown's own STX + character code + ETX for backslash escapes).
_STX, _ETX = "\u0002", "\u0003"
_PLACEHOLDER = re.compile(f"{_STX}typography:(\\d+){_ETX}")

_YEAR_APOSTROPHE = re.compile(r"(?<!\w)'(?=\d{2}\b)")
_DIGIT = re.compile(r"\d")
_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS})\b")
_MONTH_DAY = re.compile(rf"\b({_MONTHS})\.? (\d{{1,2}})\b(?!:)")
_TIME_ZONE = re.compile(r"\b(\d{1,2}:\d{2}) ([A-Z]{2,5}|UTC[+-]\d{2}:\d{2})\b")
# A headline's last two words are kept together only while they fit a 320 px screen's line at headline size.
WIDOW_LIMIT = 16


def smarten(text: str) -> str:
    """Curly quotes and apostrophes, en/em dashes and ellipses, exactly as smarty sets the body."""
    text = str(text or "")
    if not re.search(r"""['"]|--|\.\.\.""", text):
        return text
    text = year_apostrophes(text)
    stash: list[str] = []
    for pattern, replacement, trigger in _RULES:
        if trigger in text:  # a rule whose mark is not (or no longer) in the text cannot match: skip its search
            text = _substitute(pattern, replacement, text, stash)
    return _PLACEHOLDER.sub(lambda match: stash[int(match[1])], text)


def _substitute(pattern: re.Pattern, replacement: tuple, text: str, stash: list[str]) -> str:
    """Replace matches left to right, each replaced mark hidden behind a placeholder as smarty hides it
    (its next search starts after the placeholder and sees it in look-behinds)."""
    start = 0
    while True:
        match = pattern.search(text, start)
        if match is None:
            return text
        parts = []
        for part in replacement:
            if isinstance(part, int):
                parts.append(match[part])
            else:
                stash.append(part)
                parts.append(f"{_STX}typography:{len(stash) - 1}{_ETX}")
        new = "".join(parts)
        text = text[: match.start()] + new + text[match.end() :]
        start = match.start() + len(new)


def year_apostrophes(text: str) -> str:
    """`'22` (a year) takes an apostrophe; run before smarty, which would open a quote there."""
    return _YEAR_APOSTROPHE.sub(RSQUO, text) if "'" in text else text


def news_marks(text: str) -> str:
    """What news pages add to smarty: spaced en dashes, dates and times that never break."""
    # cheap tests first: most of a body's text nodes have no spaced hyphen and no digit
    if " - " in text:
        text = _SPACED_HYPHEN.sub(f" {NDASH} ", text)
    if _DIGIT.search(text):
        text = _DAY_MONTH.sub(rf"\1{NBSP}\2", text)
        text = _MONTH_DAY.sub(rf"\1{NBSP}\2", text)
        text = _TIME_ZONE.sub(rf"\1{NBSP}\2", text)
    return text


def typeset(text) -> str:
    """A front-matter field as the page shows it: smarten() plus news_marks()."""
    return news_marks(smarten(str(text or "")))


def headline(text) -> str:
    """typeset(), and the last word tied to the one before it, so it never stands alone on a line."""
    text = typeset(text).rstrip()
    words = re.split(f"([ {NBSP}])", text)  # words at even indexes, the spaces between them at odd ones
    if len(words) < 3 or words[-2] == NBSP or len(words[-3]) + len(words[-1]) + 1 > WIDOW_LIMIT:
        return text
    return "".join(words[:-2]) + NBSP + words[-1]
