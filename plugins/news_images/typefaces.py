"""Which font draws a share card's text: the shipped DejaVu Sans when it has every character, else an installed
font that has them all (Noto Sans CJK for Chinese, Japanese and Korean headlines), else none.

A font without a character draws a box for it (tofu), so a card is never drawn with a font that lacks one
of its characters: with no such font installed, the card leaves that text out and the build says once which
font to install. Coverage is read from each font's character map (fontTools), only for text beyond DejaVu's
Latin and Cyrillic letters and punctuation, and once per font and process.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
SHIPPED = {"bold": str(FONTS / "DejaVuSans-Bold.ttf"), "regular": str(FONTS / "DejaVuSans.ttf")}
_SHIPPED_PREFIX = str(FONTS) + os.sep

# Fonts tried, in order, for text the shipped font cannot draw (NEWS_IMAGES_CARD_FALLBACK_FONTS replaces them).
# `{weight}` is Bold or Regular. Debian and Ubuntu: `apt install fonts-noto-cjk`.
DEFAULT_FALLBACKS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc",  # Debian, Ubuntu (fonts-noto-cjk)
    "/usr/share/fonts/noto-cjk/NotoSansCJK-{weight}.ttc",  # Arch (noto-fonts-cjk)
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-{weight}.ttc",  # Fedora (google-noto-sans-cjk-ttc-fonts)
    "/usr/share/fonts/opentype/noto/NotoSans-{weight}.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-{weight}.ttf",  # Debian fonts-noto-core: many other scripts
    "/System/Library/Fonts/PingFang.ttc",  # macOS
    "C:/Windows/Fonts/msyh{bd}.ttc",  # Windows: Microsoft YaHei
)
# The faces of a Noto Sans CJK collection, by language: Han characters differ in shape between them.
_CJK_FACES = {
    "ja": 0,
    "ko": 1,
    "zh": 2,
    "zh-hans": 2,
    "zh-cn": 2,
    "zh-sg": 2,
    "zh-hant": 3,
    "zh-tw": 3,
    "zh-hk": 4,
    "zh-mo": 4,
}


@dataclass(frozen=True)
class Face:
    path: str
    index: int = 0


def _surely_shipped(text: str) -> bool:
    """Text DejaVu Sans certainly has (Latin, Cyrillic, general punctuation; checked against its cmap by the
    tests): no font file is read."""
    return text.isascii() or all(
        ord(char) < 0x02EA or 0x0400 <= ord(char) <= 0x0525 or 0x2000 <= ord(char) <= 0x2064 or char in "€₽₴₹™"
        for char in text
    )


def face_for(text: str, weight: str = "bold", lang: str = "", fallbacks=None) -> Face | None:
    """The face that draws every character of `text`; None when no font here has them all."""
    if _surely_shipped(text):
        return Face(SHIPPED[weight])
    needed = frozenset(ord(char) for char in text if not char.isspace())
    for path in [SHIPPED[weight], *_candidates(weight, fallbacks)]:
        index = _face_index(path, lang, text)
        if needed <= _coverage(path, index):
            return Face(path, index)
    return None


def key_name(path: str) -> str:
    """How a font counts in a card's cache key: shipped fonts by name (the checkout may move), others by path."""
    return path[len(_SHIPPED_PREFIX) :] if path.startswith(_SHIPPED_PREFIX) else path


def missing_from_shipped(text: str, weight: str = "bold") -> str:
    """The characters of `text` the shipped font lacks (for the warning)."""
    if _surely_shipped(text):
        return ""
    covered = _coverage(SHIPPED[weight], 0)
    return "".join(dict.fromkeys(char for char in text if not char.isspace() and ord(char) not in covered))


def _candidates(weight: str, fallbacks) -> list[str]:
    names = DEFAULT_FALLBACKS if fallbacks is None else fallbacks
    paths = [str(name).format(weight=weight.capitalize(), bd="bd" if weight == "bold" else "") for name in names]
    return [path for path in dict.fromkeys(paths) if os.path.isfile(path)]


def _face_index(path: str, lang: str, text: str = "") -> int:
    if "CJK" not in os.path.basename(path) or not path.endswith(".ttc"):
        return 0
    lang = (lang or "").lower().replace("_", "-")
    if lang in _CJK_FACES or lang.split("-")[0] in _CJK_FACES:
        return _CJK_FACES.get(lang, _CJK_FACES.get(lang.split("-")[0], 0))
    if any(0xAC00 <= ord(char) <= 0xD7AF or 0x1100 <= ord(char) <= 0x11FF for char in text):
        return _CJK_FACES["ko"]  # Hangul
    if any(0x3040 <= ord(char) <= 0x30FF for char in text):
        return _CJK_FACES["ja"]  # Kana
    return _CJK_FACES["zh"]  # Han alone: Chinese


@functools.cache
def _coverage(path: str, index: int) -> frozenset[int]:
    """The code points a font has glyphs for (its best Unicode cmap); empty for a file that is not a font."""
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=index, lazy=True)
        try:
            return frozenset(font.getBestCmap() or ())
        finally:
            font.close()
    except Exception:  # noqa: BLE001 - an unreadable or broken font file is simply not used
        return frozenset()
