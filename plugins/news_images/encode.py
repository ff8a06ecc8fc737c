"""The worker's job for one photo: hash it, decode it once, write every missing derivative into the cache.

Resizing goes from the widest output down (each size from the previous one), so a 4000 x 3000 JPEG is
decoded once at 1/2 scale and never touched again. Files are written without EXIF, XMP or ICC data
(pixels are already sRGB) and land in the cache atomically.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from PIL import Image

from .decode import PhotoProblem, load_photo, open_photo, oriented_size
from .derivatives import Derivative, Recipe, plan
from .files import write_atomically

_JPEG_BACKGROUND = (255, 255, 255)  # what transparent parts of a PNG become in the JPEG fallback


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def encode(image: Image.Image, image_format: str, recipe: Recipe) -> bytes:
    quality = recipe.quality_of(image_format)
    buffer = io.BytesIO()
    if image_format == "jpeg":
        if image.mode == "RGBA":
            flat = Image.new("RGB", image.size, _JPEG_BACKGROUND)
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif image_format == "webp":
        image.save(buffer, "WEBP", quality=quality, method=4)
    else:
        image.save(buffer, "AVIF", quality=quality, speed=recipe.avif_speed)
    return buffer.getvalue()


def write_derivatives(image: Image.Image, derivatives: list[Derivative], recipe: Recipe, cache_dir: Path) -> None:
    """Encode `derivatives` (any formats and widths) from `image`, resizing each width once, widest first."""
    by_width: dict[int, list[Derivative]] = {}
    for derivative in derivatives:
        by_width.setdefault(derivative.width, []).append(derivative)
    current = image
    for width in sorted(by_width, reverse=True):
        height = by_width[width][0].height
        if current.size != (width, height):
            current = current.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            current.info = {}
        for derivative in by_width[width]:
            write_atomically(cache_dir / derivative.cache_name, encode(current, derivative.format, recipe))


def describe_source(path: str, recipe: Recipe) -> dict:
    """The index entry of a photo: its hash and upright size, or the problem that keeps it off the page."""
    stat = os.stat(path)
    entry = {
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "max_pixels": recipe.max_pixels,
        "sha256": file_sha256(path),
        "width": 0,
        "height": 0,
        "problem": "",
        "notes": [],
    }
    try:
        with open_photo(path, recipe.max_pixels) as image:
            entry["width"], entry["height"] = oriented_size(image)
    except PhotoProblem as problem:
        entry["problem"] = str(problem)
    except OSError as error:
        entry["problem"] = f"cannot be read ({error})"
    return entry


def process_source(path: str, recipe: Recipe, cache_dir: str, entry: dict | None = None) -> dict:
    """Describe the photo (unless `entry` already does) and encode every derivative missing from the cache.

    Returns the index entry plus `encoded`: {format: files written}. A photo that cannot be decoded gets
    its `problem` set instead, and no derivative is kept.
    """
    cache = Path(cache_dir)
    entry = dict(entry) if entry else describe_source(path, recipe)
    entry["encoded"] = {}
    if entry["problem"]:
        return entry
    derivatives = plan(Path(path).name, entry["sha256"], entry["width"], entry["height"], recipe)
    missing = [derivative for derivative in derivatives if not (cache / derivative.cache_name).is_file()]
    if not missing:
        return entry
    widest = max(missing, key=lambda derivative: derivative.width)
    try:
        image, notes = load_photo(path, recipe.max_pixels, (widest.width, widest.height))
    except PhotoProblem as problem:
        entry["problem"] = str(problem)
        return entry
    entry["notes"] = notes
    write_derivatives(image, missing, recipe, cache)
    for derivative in missing:
        entry["encoded"][derivative.format] = entry["encoded"].get(derivative.format, 0) + 1
    return entry
