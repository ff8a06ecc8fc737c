"""Which files a photo becomes: widths (never upscaled), formats, and a cache key per file.

Pure: no Pillow, no I/O. A key hashes the source's SHA-256 with exactly the settings that shape that one
file, so changing the WebP quality re-encodes the WebP files only, and an unchanged photo is never re-encoded.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

# Bump when the pipeline's output changes for the same settings (resampling, colour handling, stripping).
PIPELINE_VERSION = 1

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class Recipe:
    """The settings that shape derivatives (pickled to the worker processes)."""

    widths: tuple[int, ...]
    formats: tuple[str, ...]
    quality: tuple[tuple[str, int], ...]
    avif_speed: int
    max_pixels: int

    def quality_of(self, image_format: str) -> int:
        return dict(self.quality)[image_format]

    def encoder_options(self, image_format: str) -> str:
        """The part of a cache key that one format's settings contribute."""
        options = f"q{self.quality_of(image_format)}"
        return f"{options}s{self.avif_speed}" if image_format == "avif" else options


class RecipeError(ValueError):
    """A NEWS_IMAGES_* setting has a value the pipeline cannot use; the message names the setting."""


def recipe_from_settings(settings: dict) -> Recipe:
    formats = tuple(str(name).lower() for name in settings["NEWS_IMAGES_FORMATS"])
    unknown = [name for name in formats if name not in EXTENSIONS]
    if unknown or not formats:
        raise RecipeError(f"NEWS_IMAGES_FORMATS: {unknown or 'empty'}: use some of {', '.join(EXTENSIONS)}")
    if formats[-1] != "jpeg":
        raise RecipeError("NEWS_IMAGES_FORMATS: the last format must be jpeg (the <img> every browser shows)")
    widths = tuple(sorted({int(width) for width in settings["NEWS_IMAGES_WIDTHS"]}))
    if not widths or widths[0] < 16:
        raise RecipeError("NEWS_IMAGES_WIDTHS: give widths of at least 16 pixels")
    qualities = settings["NEWS_IMAGES_QUALITY"]
    missing = [name for name in formats if name not in qualities]
    if missing:
        raise RecipeError(f"NEWS_IMAGES_QUALITY: no quality for {', '.join(missing)}")
    return Recipe(
        widths=widths,
        formats=formats,
        quality=tuple((name, int(qualities[name])) for name in formats),
        avif_speed=int(settings["NEWS_IMAGES_AVIF_SPEED"]),
        max_pixels=int(settings["NEWS_IMAGES_MAX_PIXELS"]),
    )


@dataclass(frozen=True)
class Derivative:
    format: str
    width: int
    height: int
    key: str
    name: str  # the output file name, e.g. minsk-flowers-800.3f2a9c1e0b.webp

    @property
    def cache_name(self) -> str:
        return f"{self.key[:2]}/{self.key}.{EXTENSIONS[self.format]}"


def output_widths(source_width: int, widths: tuple[int, ...]) -> list[int]:
    """The configured widths below the photo's own width, plus the photo's width when it is narrower than the
    widest configured one: a 1000 px photo gives 480, 800, 1000; never an upscaled file."""
    chosen = [width for width in widths if width < source_width]
    if source_width <= widths[-1] and source_width not in chosen:
        chosen.append(source_width)
    return chosen or [source_width]


def url_stem(file_name: str) -> str:
    """A safe, readable stem for output names: `Minsk Flowers (2).JPG` -> `minsk-flowers-2`."""
    stem = re.sub(r"[^a-z0-9]+", "-", Path(file_name).stem.lower()).strip("-")
    return stem[:60] or "photo"


def plan(file_name: str, sha256: str, width: int, height: int, recipe: Recipe) -> list[Derivative]:
    """Every derivative of a photo (oriented size width x height), widest first within each format."""
    stem = url_stem(file_name)
    derivatives = []
    for image_format in recipe.formats:
        for target in sorted(output_widths(width, recipe.widths), reverse=True):
            target_height = max(1, round(height * target / width))
            recipe_part = f"{PIPELINE_VERSION}|{image_format}|{target}x{target_height}|"
            key = hashlib.sha256(f"{recipe_part}{recipe.encoder_options(image_format)}|{sha256}".encode()).hexdigest()
            name = f"{stem}-{target}.{key[:10]}.{EXTENSIONS[image_format]}"
            derivatives.append(Derivative(image_format, target, target_height, key, name))
    return derivatives
