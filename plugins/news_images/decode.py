"""Open a photo once, safely: refuse what is not a usable photo, decode at reduced size, orient, go to sRGB.

Every refusal is a PhotoProblem whose message tells an editor what to do; the caller names the file.
Runs in worker processes (Pillow is imported here, never by the Pelican glue on a warm build).
"""

from __future__ import annotations

import io
import math
import warnings

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# Formats a newsroom photo arrives in. MPO is the JPEG variant some cameras write.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "AVIF", "BMP"}
_ORIENTATION_TAG = 0x0112
_SWAPS_AXES = {5, 6, 7, 8}  # EXIF orientations that turn the photo by 90 degrees
_SRGB = ImageCms.createProfile("sRGB")


class PhotoProblem(Exception):
    """The file cannot become a photo on the page; the message says why."""


def _sniff(path: str) -> None:
    with open(path, "rb") as handle:
        head = handle.read(512)
    if not head:
        raise PhotoProblem("the file is empty (0 bytes)")
    text = head.lstrip().lower()
    if text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text:
        raise PhotoProblem("SVG is not supported for photos: export it as PNG or JPEG")


def open_photo(path: str, max_pixels: int) -> Image.Image:
    """The opened (not yet decoded) image, after the checks that need only its header."""
    _sniff(path)
    Image.MAX_IMAGE_PIXELS = max_pixels  # Pillow's own bomb check then agrees with ours (worker processes)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit applies below
            image = Image.open(path)
    except Image.DecompressionBombError:
        raise PhotoProblem(f"too many pixels (over {max_pixels:,}): refused as a possible decompression bomb") from None
    except UnidentifiedImageError:
        raise PhotoProblem("not an image Pillow can read (wrong extension or a damaged file?)") from None
    if image.format not in ACCEPTED_FORMATS:
        raise PhotoProblem(f"{image.format} files are not accepted: use JPEG, PNG, WebP or AVIF")
    if image.width * image.height > max_pixels:
        raise PhotoProblem(
            f"{image.width} x {image.height} pixels is over the limit of {max_pixels:,} "
            "(NEWS_IMAGES_MAX_PIXELS): refused as a possible decompression bomb"
        )
    return image


def orientation(image: Image.Image) -> int:
    try:
        value = int(image.getexif().get(_ORIENTATION_TAG, 1))
    except Exception:  # noqa: BLE001 - a broken EXIF block must not cost the photo; it is stripped anyway
        return 1
    return value if 1 <= value <= 8 else 1


def oriented_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    return (height, width) if orientation(image) in _SWAPS_AXES else (width, height)


def _draft(image: Image.Image, width: int, height: int) -> None:
    """Let libjpeg decode at 1/2, 1/4 or 1/8 scale when the largest output still fits (a big saving)."""
    if image.format not in ("JPEG", "MPO"):
        return
    if orientation(image) in _SWAPS_AXES:
        width, height = height, width
    image.draft(image.mode, (width, height))


def _to_srgb(image: Image.Image, notes: list[str]) -> Image.Image:
    """8-bit RGB or RGBA in sRGB; an embedded profile (Adobe RGB, CMYK press profiles) is converted."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda value: value * (1 / 257)).convert("L")  # 16-bit grey
    elif image.mode == "F":
        image = image.convert("L")
    icc = image.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            target_mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
            if image.mode in ("LA", "PA", "P"):
                image = image.convert("RGBA" if target_mode == "RGBA" else "RGB")
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode=target_mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            notes.append("its colour profile could not be read: colours converted without it")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    if has_alpha and image.getextrema()[3][0] == 255:
        image = image.convert("RGB")  # an alpha channel that hides nothing only costs bytes
    return image


def load_photo(path: str, max_pixels: int, largest: tuple[int, int] | None = None) -> tuple[Image.Image, list[str]]:
    """Decode the photo upright in sRGB, at reduced scale when `largest` (oriented width, height) allows.

    Returns the image (mode RGB or RGBA, no metadata) and notes worth a warning (e.g. only the first frame
    of an animation is used).
    """
    notes: list[str] = []
    image = open_photo(path, max_pixels)
    if getattr(image, "n_frames", 1) > 1:
        notes.append(f"animated ({image.n_frames} frames): only the first frame is used")
    if largest:
        _draft(image, *largest)
    try:
        image.load()
        upright = ImageOps.exif_transpose(image)
        upright = _to_srgb(upright, notes)
    except (OSError, SyntaxError, ValueError) as error:
        raise PhotoProblem(f"the file is truncated or damaged ({error})") from None
    except Image.DecompressionBombError:
        raise PhotoProblem("refused as a possible decompression bomb") from None
    finally:
        image.close()
    upright.info = {}  # EXIF, GPS, XMP, ICC, comments: nothing from the source travels further
    return upright, notes


def cover(image: Image.Image, width: int, height: int) -> Image.Image:
    """Scale and centre-crop to exactly width x height (for the share card)."""
    scale = max(width / image.width, height / image.height)
    size = (max(width, math.ceil(image.width * scale)), max(height, math.ceil(image.height * scale)))
    resized = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    left, top = (resized.width - width) // 2, (resized.height - height) // 2
    return resized.crop((left, top, left + width, top + height))
