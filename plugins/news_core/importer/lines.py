"""What a single line of a raw dump is: cruft, a credit, a read-more link, a sign-off, a heading candidate...

Each recogniser is a small pure function over one cleaned line, so the classification tables in the
tests can exercise them one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2009\u200a\u3000]+")

_CRUFT_LINE = re.compile(
    r"^(?:\d+\.\s*)?(?:"
    r"skip (?:to|next)\b.*"
    r"|to view this video,? please enable javascript.*"
    r"|(?:please )?enable javascript to view.*"
    r"|related (?:content|topics|stories|subjects)"
    r"|more (?:on this|from dw|dw sites)\b.*"
    r"|permalink https?://\S+"
    r"|advertisement"
    r"|(?:feedback:? )?send us your feedback\.?"
    r"|print print this page"
    r"|(?:related subjects|keywords) [^.]{1,200}"
    r"|\d{1,2}:\d{2}(?: ?mins?\.?)?"
    r"|(?:listen to audio|watch video|play video|play audio)\s*\d{1,2}:\d{2}(?: ?mins?\.?)?"
    r")$",
    re.I,
)
_ANY_WORD = re.compile(r"\w")
_SHARE_WORDS = frozenset(
    "share send print menu search close facebook twitter x linkedin whatsapp telegram reddit email e-mail "
    "mail copy link pinterest flipboard messenger newsletter next previous back home ad advertisement "
    "bluesky threads mastodon comment comments audio video".split()
)
_CREDIT = re.compile(
    r"^(?P<caption>.*?)\(?(?P<label>(?:(?:Image|Photo|Picture|Foto|Bild|Photograph)s?(?: [Cc]redits?)?|Credits?)"
    r"\s?(?::|\.\.\.|…)"
    r"|(?:Photo|Photograph|Picture|Image)s? by\b|©)\s*(?P<credit>\S.{0,119}?)\s*\)?$"
)
# A label alone on its line, its credit on the next (The New York Times prints `Credit...` then the name).
_CREDIT_LABEL_ALONE = re.compile(
    r"^(?:(?:Image|Photo|Picture|Photograph)s?(?: credits?)?|Credits?)\s?(?::|\.\.\.|…)?$", re.I
)
_READ_MORE = re.compile(r"^Read more(?::\s*|\s*[-–—]\s*|(?=[A-Z0-9\"'‘“„«]))(?P<title>\S.*)$")
# Other sites' labels for a link to another story; a colon (or dash) must follow them, since "Related" or
# "See also" can begin a sentence.
_RELATED_LINE = re.compile(
    r"^(?:READ MORE|Related(?: (?:article|story|stories|coverage|content))?|See (?:more|also)|Also read|Read next"
    r"|Read also|More on this(?: story)?|Lesen Sie (?:auch|mehr)|Mehr zum Thema|Lire aussi|Leia (?:também|mais)"
    r"|Leer más|Lee también|Related reading)\s*(?::|\s[-–—])\s*(?P<title>\S.{2,200})$",
    re.I,
)
_SIGN_OFF = re.compile(
    r"^(?P<initials>[A-Za-z]{1,6}(?:\s*/\s*[A-Za-z]{1,6})*)?\s*(?:\((?P<agencies>[^()]{1,160})\))?\.?$"
)
_READ_MORE_ALONE = re.compile(r"^Read more:?$")
_BYLINE = re.compile(r"^(?:By|Author:?)\s+(?P<names>[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+)[A-Z][\w.'’-]*){0,7})$")
_EDITOR = re.compile(r"^Edited by:?\s+(?P<name>\S.{0,118})$", re.I)
_UPDATE_NOTE = re.compile(
    r"^(?:This (?:is an updated version of (?:a|an|the) (?:previous|earlier) (?:article|report|version)"
    r"|(?:article|story|report) (?:was|has been) updated\b)"
    r"|Updated?:\s).*$",
    re.I,
)
_BULLET = re.compile(r"^(?:[*•·▪–-])\s+(?P<item>\S.*)$")
_SENTENCE_END = re.compile(r"[.!,;:…]['\"’”»)]*$")


def clean_line(line: str) -> str:
    """Collapse non-breaking and repeated spaces, fix `''` used as a quote mark, strip the ends."""
    if "  " in line or "\t" in line or not line.isascii():  # the pattern only changes such lines
        line = _SPACES.sub(" ", line)
    return line.replace("''", '"').strip()


_VIDEO_NOTICE = re.compile(r"^(?:to view this video|(?:please )?enable javascript to view|watch video\b)", re.I)


def is_video_notice(line: str) -> bool:
    """The stand-in for a video player; the short line after it is the video's title, not a section heading."""
    return bool(_VIDEO_NOTICE.match(line))


def is_cruft(line: str) -> bool:
    if _CRUFT_LINE.match(line) or not _ANY_WORD.search(line):
        return True  # a rule of dashes, stars or bullets (`---`, `* * *`) is layout, never text
    if len(line) > 80:
        return False  # longer than six share words can be
    words = line.lower().replace("|", " ").split()
    return 0 < len(words) <= 6 and all(word.strip(".:") in _SHARE_WORDS for word in words)


@dataclass(frozen=True)
class Credit:
    caption: str
    credit: str


def match_credit(line: str) -> Credit | None:
    """`Image: Reuters/M. Guchek`, or a caption glued to it: `...with policeImage: picture-alliance/dpa`."""
    lower = line.lower()
    if not (
        "image" in lower
        or "photo" in lower
        or "credit" in lower
        or "©" in line
        or "picture" in lower
        or "foto" in lower
        or "bild" in lower
    ):
        return None  # most lines name no credit: skip the costly pattern (substring tests run in C)
    match = _CREDIT.match(line)
    if not match:
        return None
    credit = match["credit"].strip()
    caption = match["caption"].strip()
    if len(credit.split()) > 10 or (credit.endswith((".", "!", "?")) and "/" not in credit and len(credit) > 30):
        return None  # a sentence, not a credit
    if caption and caption[-1] in ",;:-–—(":
        return None  # "...as he said: Photo: ..." is prose; a caption ends in a word, a quote or a full stop
    return Credit(caption=caption, credit=credit)


def is_credit_label(line: str) -> bool:
    return len(line) <= 24 and bool(_CREDIT_LABEL_ALONE.match(line))


def match_read_more(line: str) -> str | None:
    match = _READ_MORE.match(line) or _RELATED_LINE.match(line)
    return match["title"].strip() if match else None


def is_read_more_alone(line: str) -> bool:
    """`Read more:` on a line of its own: the title follows on the next line."""
    return bool(_READ_MORE_ALONE.match(line))


def match_byline(line: str) -> tuple[str, ...] | None:
    """`By Kate Martyr and Rob Mudge`, `Author Kate Martyr`: the names, as given."""
    match = _BYLINE.match(line)
    if not match:
        return None
    return tuple(name.strip() for name in re.split(r",|\band\b", match["names"]) if name.strip())


@dataclass(frozen=True)
class SignOff:
    authors: tuple[str, ...]
    agencies: tuple[str, ...]


def match_sign_off(line: str) -> SignOff | None:
    """`kmm/mm (AP, AFP, Reuters, dpa)`, `aw/rt`, `(AFP, Reuters)`; initials as given, agencies as a list."""
    match = _SIGN_OFF.match(line)
    if not match or not (match["initials"] or match["agencies"]):
        return None
    initials, agencies = match["initials"], match["agencies"]
    if initials and not agencies and "/" not in initials:
        return None  # a lone word is prose or a heading, not a sign-off
    if initials and not initials.replace("/", "").replace(" ", "").islower() and "/" not in initials:
        return None
    names = tuple(part.strip() for part in re.split(r",|;|\band\b", agencies or "") if part.strip())
    if agencies and not all(len(name) <= 40 and len(name.split()) <= 5 for name in names):
        return None
    authors = tuple(part.strip() for part in (initials or "").split("/") if part.strip())
    return SignOff(authors=authors, agencies=names)


def match_editor(line: str) -> str | None:
    match = _EDITOR.match(line)
    return match["name"].strip().rstrip(".") if match else None


def is_update_note(line: str) -> bool:
    return len(line) < 300 and bool(_UPDATE_NOTE.match(line))


def match_bullet(line: str) -> str | None:
    match = _BULLET.match(line)
    return match["item"].strip() if match else None


def looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation (a question mark is allowed): `Ongoing protests`."""
    words = line.split()
    if not 1 <= len(words) <= 14 or len(line) > 100:
        return False
    if _SENTENCE_END.search(line):
        return False
    first = line.lstrip("\"'‘“„«¿¡(")[:1]
    return first.isupper() or first.isdigit()
