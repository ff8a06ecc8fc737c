"""The 1200 x 630 share card (og:image): headline, site name and date, over the hero photo when there is one.

Drawn with the DejaVu Sans fonts shipped in fonts/ (Bitstream Vera licence, fonts/LICENSE), so a card
looks the same on every machine; text DejaVu lacks (Chinese, Japanese, Korean) is drawn with an installed font
that has it (typefaces.py chooses, when the spec is made), or left out: never as boxes. Every line fits the
card: a word wider than a line (a long compound, a URL, a headline without spaces) is broken between letters.
Runs in worker processes.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path

from .typefaces import SHIPPED, key_name

WIDTH, HEIGHT = 1200, 630
CARD_VERSION = 4  # bump when the layout or encoding changes
BOLD, REGULAR = Path(SHIPPED["bold"]), Path(SHIPPED["regular"])
MARGIN = 64
TEXT_WIDTH = WIDTH - 2 * MARGIN
_MAX_LINES = 4


@dataclass(frozen=True)
class CardSpec:
    title: str
    site: str
    date: str
    photo: str | None  # the hero photo's path, or None for a plain card
    photo_sha256: str
    background: str
    accent: str
    quality: int = 85
    # The fonts (file, face in a collection) for the headline and the footer; "" leaves that text out (no
    # installed font has its characters).
    title_font: str = SHIPPED["bold"]
    title_face: int = 0
    footer_font: str = SHIPPED["regular"]
    footer_face: int = 0

    def key(self) -> str:
        fields = {
            # the fields' values as asdict() gives them, without its deep copy (a tenth of the cards' time)
            **{name: getattr(self, name) for name in _FIELD_NAMES},
            "photo": None,
            "version": CARD_VERSION,  # the photo counts by its hash
            "title_font": key_name(self.title_font),
            "footer_font": key_name(self.footer_font),
        }
        return hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()


_FIELD_NAMES = tuple(field.name for field in dataclass_fields(CardSpec))


def wrap(draw, text: str, font, width: int) -> list[str]:
    """Lines of at most `width` pixels: words joined greedily; a word wider than a line broken between
    letters (the text of a headline without spaces, in Chinese or Japanese, is one such word)."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        elif draw.textlength(word, font=font) <= width:
            lines.append(word)
        else:
            lines.extend(_broken(draw, word, font, width))
    return lines


def _broken(draw, word: str, font, width: int) -> list[str]:
    """A word in pieces that fit; between letters of an alphabet each piece but the last ends in a hyphen
    (Chinese and Japanese break between characters without one)."""
    hyphen = "" if any(_is_cjk(char) for char in word) else "-"
    pieces = [""]
    for char in word:
        if pieces[-1] and draw.textlength(pieces[-1] + char + hyphen, font=font) > width:
            pieces[-1] += hyphen
            pieces.append(char)
        else:
            pieces[-1] += char
    return pieces


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


@functools.cache
def _font(path: str, size: int, face: int = 0):
    """Parsing a TrueType file costs more than drawing a card: once per size and process."""
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size, index=face)


@functools.lru_cache(maxsize=1)
def _reuse_image_memory() -> None:
    """Keep a few freed image blocks for the next card instead of returning them to the kernel: a card
    allocates several 1200 x 630 images, and mapping fresh pages for each was a third of its cost."""
    from PIL import Image

    Image.core.set_blocks_max(max(4, Image.core.get_blocks_max()))


@functools.lru_cache(maxsize=1)
def _shade():
    """The mask darkening a photo's lower part (black at the bottom, 85%), made once per process."""
    from PIL import Image

    return Image.linear_gradient("L").resize((WIDTH, HEIGHT)).point(lambda value: int(value * 0.85))


def headline(draw, title: str, width: int, path: str = SHIPPED["bold"], face: int = 0):
    """The largest size (64 down to 36 px) at which the headline fits in four lines; else cut with an ellipsis.
    Returns (font, lines); every line is at most `width` pixels wide."""
    for size in range(64, 35, -4):
        font = _font(path, size, face)
        lines = wrap(draw, title, font, width)
        if len(lines) <= _MAX_LINES:
            return font, lines
    lines = lines[:_MAX_LINES]
    return font, lines[:-1] + [_cut(draw, lines[-1], font, width)]


def _cut(draw, line: str, font, width: int) -> str:
    """`line` shortened until it and an ellipsis fit in `width`."""
    while line and draw.textlength(line.rstrip() + " …", font=font) > width:
        line = line[:-1]
    return line.rstrip() + " …"


def _backdrop(spec: CardSpec, photo):
    from PIL import Image

    if photo is None:
        return Image.new("RGB", (WIDTH, HEIGHT), spec.background)
    from .decode import cover

    card = cover(photo.convert("RGB"), WIDTH, HEIGHT)
    # A gradient darkening the lower part keeps white text readable on any photo.
    return Image.composite(Image.new("RGB", card.size, (0, 0, 0)), card, _shade())


def render_card(spec: CardSpec, photo=None) -> bytes:
    """The card as JPEG bytes; `photo` is the decoded hero (upright, sRGB) or None."""
    from PIL import ImageDraw

    _reuse_image_memory()
    card = _backdrop(spec, photo)
    draw = ImageDraw.Draw(card)
    font, lines = (
        headline(draw, spec.title, TEXT_WIDTH, spec.title_font, spec.title_face)
        if (spec.title and spec.title_font)
        else (_font(BOLD, 64), [])
    )
    line_height = round(font.size * 1.2)
    footer_y = HEIGHT - MARGIN - 28
    top = footer_y - 28 - line_height * len(lines)
    draw.rectangle((MARGIN, top - 28, MARGIN + 96, top - 20), fill=spec.accent)
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill="white")
    site = spec.site if spec.footer_font else ""
    small = _font(spec.footer_font or REGULAR, 28, spec.footer_face if spec.footer_font else 0)
    footer = "  ·  ".join(part for part in (site, spec.date) if part)
    if footer and draw.textlength(footer, font=small) > TEXT_WIDTH:
        footer = _cut(draw, footer, small, TEXT_WIDTH)
    draw.text((MARGIN, footer_y), footer, font=small, fill=(235, 235, 235))
    buffer = io.BytesIO()
    # Baseline JPEG with the standard Huffman tables: optimising them costs 1.8 ms of a card's 4.3 ms for 12%
    # fewer bytes, in a file only link-preview crawlers fetch (progressive would double the cost instead).
    card.save(buffer, "JPEG", quality=spec.quality)
    return buffer.getvalue()


def write_card(spec: CardSpec, target: str, max_pixels: int) -> str:
    """Render the card into `target` (the cache file); returns a note when the photo had to be left out."""
    from .decode import PhotoProblem, load_photo
    from .files import write_atomically

    photo, note = None, ""
    if spec.photo:
        try:
            photo, _ = load_photo(spec.photo, max_pixels, (WIDTH, HEIGHT))
        except PhotoProblem as problem:
            note = f"share card drawn without its photo: {problem}"
    write_atomically(Path(target), render_card(spec, photo))
    return note
