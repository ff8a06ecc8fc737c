"""Photos the image tests generate with Pillow: EXIF orientation and GPS tags, CMYK, alpha, 16 bits, animation,
and the broken kinds (truncated, empty, decompression bomb, SVG, wrong extension)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

RED = (220, 20, 20)
SECRET = b"SECRET-LOCATION-52.5200N"  # planted in XMP and comments: must never reach an output file
GPS_IFD, ORIENTATION = 0x8825, 0x0112


def quadrant_photo(width: int, height: int) -> Image.Image:
    """Grey-blue photo with a red top-left quadrant (so orientation mistakes show)."""
    image = Image.new("RGB", (width, height), (40, 90, 160))
    ImageDraw.Draw(image).rectangle((0, 0, width // 2, height // 2), fill=RED)
    return image


def camera_jpeg(path: Path, width: int = 2000, height: int = 1500, orientation: int = 6) -> Path:
    """A camera JPEG stored sideways (EXIF orientation 6: turn 90 degrees clockwise), with GPS, XMP, comment."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "NewsCam"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>' + SECRET + b"</rdf:Description></x:xmpmeta>"
    quadrant_photo(width, height).save(path, "JPEG", quality=90, exif=exif, xmp=xmp, comment=SECRET)
    return path


def cmyk_jpeg(path: Path) -> Path:
    Image.new("CMYK", (900, 600), (0, 255, 255, 0)).save(path, "JPEG", quality=90)  # red in CMYK
    return path


def profiled_jpeg(path: Path) -> Path:
    """A red JPEG carrying an embedded ICC profile (converted to sRGB, then dropped from every output)."""
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (900, 600), RED).save(path, "JPEG", quality=90, icc_profile=profile)
    return path


def alpha_png(path: Path) -> Path:
    image = Image.new("RGBA", (1000, 800), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((200, 200, 800, 600), fill=(20, 160, 40, 255))
    image.save(path, "PNG")
    return path


def sixteen_bit_png(path: Path) -> Path:
    Image.new("I;16", (700, 500), 0x8080).save(path, "PNG")  # mid grey in 16 bits
    return path


def animated_gif(path: Path) -> Path:
    frames = [Image.new("RGB", (600, 400), colour) for colour in (RED, (20, 200, 20), (20, 20, 200))]
    frames[0].save(path, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return path


def truncated_jpeg(path: Path) -> Path:
    data = (camera_jpeg(path, 1600, 1200, 1)).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(path: Path, side: int = 30000) -> Path:
    """A few hundred bytes declaring 30000 x 30000 pixels (900 MP): must be refused, never decoded."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (side + 1) * 4)  # a few rows; the rest is missing
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", pixels) + _png_chunk(b"IEND", b"")
    )
    return path


def svg_file(path: Path) -> Path:
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
        encoding="utf-8",
    )
    return path


def png_named_jpg(path: Path) -> Path:
    quadrant_photo(900, 600).save(path, "PNG")  # the extension says JPEG; the bytes say PNG
    return path


def text_named_jpg(path: Path) -> Path:
    path.write_text("this is a caption, not a photo\n", encoding="utf-8")
    return path


def metadata_of(path: Path) -> dict:
    """Everything that could carry a photographer's data: EXIF (incl. GPS), XMP, ICC, comments, raw bytes."""
    data = path.read_bytes()
    with Image.open(path) as image:
        return {
            "exif": dict(image.getexif()),
            "info_keys": sorted(
                key for key in image.info if key in ("exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp")
            ),
            "secret_in_bytes": SECRET in data,
            "exif_marker_in_bytes": b"Exif\x00\x00" in data or b"EXIF" in data,
        }
