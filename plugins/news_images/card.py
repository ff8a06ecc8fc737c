"""The 1200 x 630 share card (og:image): headline, site name and date, over the hero photo when there is one.

Drawn with the DejaVu Sans fonts shipped in fonts/ (Bitstream Vera licence, fonts/LICENSE), so a card
looks the same on every machine. Runs in worker processes.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import asdict, dataclass
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
CARD_VERSION = 3  # bump when the layout or encoding changes
FONTS = Path(__file__).resolve().parent / "fonts"
BOLD, REGULAR = FONTS / "DejaVuSans-Bold.ttf", FONTS / "DejaVuSans.ttf"
_MARGIN = 64
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

    def key(self) -> str:
        fields = {**asdict(self), "photo": None, "version": CARD_VERSION}  # the photo counts by its hash
        return hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


@functools.lru_cache(maxsize=None)
def _font(path: Path, size: int):
    """Parsing a TrueType file costs more than drawing a card: once per size and process."""
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size)


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


def _headline(draw, title: str, width: int):
    """The largest size (64 down to 36 px) at which the headline fits in four lines; else cut with an ellipsis."""
    for size in range(64, 35, -4):
        font = _font(BOLD, size)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= _MAX_LINES and all(draw.textlength(line, font=font) <= width for line in lines):
            return font, lines
    lines = lines[:_MAX_LINES]
    while lines[-1] and draw.textlength(lines[-1] + " …", font=font) > width:
        lines[-1] = lines[-1][:-1]
    lines[-1] = lines[-1].rstrip() + " …"
    return font, lines


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
    text_width = WIDTH - 2 * _MARGIN
    font, lines = _headline(draw, spec.title or spec.site, text_width)
    line_height = round(font.size * 1.2)
    small = _font(REGULAR, 28)
    footer_y = HEIGHT - _MARGIN - 28
    top = footer_y - 28 - line_height * len(lines)
    draw.rectangle((_MARGIN, top - 28, _MARGIN + 96, top - 20), fill=spec.accent)
    for number, line in enumerate(lines):
        draw.text((_MARGIN, top + number * line_height), line, font=font, fill="white")
    footer = f"{spec.site}  ·  {spec.date}" if spec.date else spec.site
    draw.text((_MARGIN, footer_y), footer, font=small, fill=(235, 235, 235))
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
