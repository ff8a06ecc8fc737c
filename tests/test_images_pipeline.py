"""The photo pipeline on generated photos: sizes, formats, orientation, sRGB, no metadata, bad files, cache keys.

Real Pillow encoders (AVIF, WebP, JPEG), no Pelican: one photo per test through `process_source`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

import images_support as photos
from news_images.decode import load_photo
from news_images.derivatives import Recipe, output_widths, plan, url_stem
from news_images.encode import process_source

RECIPE = Recipe(
    widths=(480, 800, 1200, 1600),
    formats=("avif", "webp", "jpeg"),
    quality=(("avif", 55), ("webp", 78), ("jpeg", 80)),
    avif_speed=8,
    max_pixels=100_000_000,
)
PIL_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}


def outputs(path: Path, entry: dict, cache: Path, recipe: Recipe = RECIPE) -> list[tuple]:
    return [
        (d, cache / d.cache_name) for d in plan(path.name, entry["sha256"], entry["width"], entry["height"], recipe)
    ]


@pytest.mark.parametrize(
    ("source", "widths"),
    [
        (2000, [480, 800, 1200, 1600]),
        (1600, [480, 800, 1200, 1600]),
        (1000, [480, 800, 1000]),
        (480, [480]),
        (300, [300]),
    ],
)
def test_widths_are_never_upscaled(source, widths):
    assert sorted(output_widths(source, RECIPE.widths)) == widths


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Minsk Flowers (2).JPG", "minsk-flowers-2"),
        ("<script>.png", "script"),
        ("ÄÖÜ.jpg", "photo"),
    ],
)
def test_output_names_are_safe(name, stem):
    assert url_stem(name) == stem


def test_camera_photo_is_turned_upright_resized_and_stripped(tmp_path):
    source = photos.camera_jpeg(tmp_path / "camera.jpg")  # stored 2000 x 1500, EXIF says turn 90 degrees
    with Image.open(source) as original:
        assert original.getexif().get_ifd(photos.GPS_IFD), "the test photo must carry GPS tags"
    entry = process_source(str(source), RECIPE, str(tmp_path / "cache"))
    assert (entry["problem"], entry["width"], entry["height"]) == ("", 1500, 2000)
    assert entry["encoded"] == {"avif": 4, "webp": 4, "jpeg": 4}
    seen = set()
    for derivative, path in outputs(source, entry, tmp_path / "cache"):
        with Image.open(path) as image:
            assert image.format == PIL_FORMATS[derivative.format]
            assert image.size == (derivative.width, derivative.height)
            rgb = image.convert("RGB")
            width, height = rgb.size
            top_right, top_left = rgb.getpixel((width * 3 // 4, height // 4)), rgb.getpixel((width // 4, height // 4))
            assert top_right[0] > 180 and top_right[2] < 80, "red quadrant must be top right once upright"
            assert top_left[0] < 100
        assert photos.metadata_of(path) == {
            "exif": {},
            "info_keys": [],
            "secret_in_bytes": False,
            "exif_marker_in_bytes": False,
        }
        seen.add((derivative.format, derivative.width))
    assert seen == {(f, w) for f in ("avif", "webp", "jpeg") for w in (480, 800, 1200, 1500)}


def test_jpeg_is_decoded_at_reduced_size(tmp_path):
    source = photos.camera_jpeg(tmp_path / "big.jpg", 4000, 3000, 1)
    image, _ = load_photo(str(source), RECIPE.max_pixels, (480, 360))
    assert 480 <= image.width <= 1000, "libjpeg's draft mode should decode at 1/4 or 1/8 scale"


@pytest.mark.parametrize(
    ("maker", "check"),
    [
        (photos.cmyk_jpeg, lambda rgb: rgb.getpixel((10, 10))[0] > 180 and rgb.getpixel((10, 10))[1] < 80),
        (photos.profiled_jpeg, lambda rgb: rgb.getpixel((10, 10))[0] > 180 and rgb.getpixel((10, 10))[1] < 80),
        (photos.sixteen_bit_png, lambda rgb: 100 < rgb.getpixel((10, 10))[0] < 160),  # grey, not blown to white
        (photos.animated_gif, lambda rgb: rgb.getpixel((10, 10))[0] > 180),  # the first (red) frame
        (photos.png_named_jpg, lambda rgb: rgb.getpixel((10, 10))[0] > 180),
    ],
)
def test_unusual_photos_become_srgb_jpeg_and_webp(tmp_path, maker, check):
    source = maker(tmp_path / f"{maker.__name__}.jpg")
    entry = process_source(str(source), RECIPE, str(tmp_path / "cache"))
    assert entry["problem"] == ""
    assert not any("colour profile" in note for note in entry["notes"]), "the embedded profile was applied"
    for derivative, path in outputs(source, entry, tmp_path / "cache"):
        with Image.open(path) as image:
            assert image.mode in ("RGB", "RGBA", "L") or derivative.format == "avif"
            assert check(image.convert("RGB")), derivative
            assert "icc_profile" not in image.info


def test_animated_gif_notes_that_only_the_first_frame_is_used(tmp_path):
    entry = process_source(str(photos.animated_gif(tmp_path / "anim.gif")), RECIPE, str(tmp_path / "cache"))
    assert entry["notes"] == ["animated (3 frames): only the first frame is used"]


def test_alpha_is_kept_in_webp_and_flattened_on_white_in_jpeg(tmp_path):
    source = photos.alpha_png(tmp_path / "logo.png")
    entry = process_source(str(source), RECIPE, str(tmp_path / "cache"))
    for derivative, path in outputs(source, entry, tmp_path / "cache"):
        with Image.open(path) as image:
            corner = image.convert("RGBA").getpixel((2, 2))
            if derivative.format == "jpeg":
                assert image.mode == "RGB" and min(corner[:3]) > 240
            else:
                assert corner[3] == 0, derivative


@pytest.mark.parametrize(
    ("maker", "message"),
    [
        (photos.truncated_jpeg, "truncated or damaged"),
        (photos.empty_file, "the file is empty (0 bytes)"),
        (photos.bomb_png, "decompression bomb"),
        (photos.svg_file, "SVG is not supported"),
        (photos.text_named_jpg, "not an image Pillow can read"),
    ],
)
def test_bad_files_get_a_problem_and_no_output(tmp_path, maker, message):
    source = maker(tmp_path / f"bad-{maker.__name__}.jpg")
    entry = process_source(str(source), RECIPE, str(tmp_path / "cache"))
    assert message in entry["problem"]
    written = [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]
    assert written == []


def test_second_run_encodes_nothing_and_a_setting_change_only_what_it_touches(tmp_path):
    source = photos.camera_jpeg(tmp_path / "camera.jpg", 1200, 900, 1)
    cache = str(tmp_path / "cache")
    first = process_source(str(source), RECIPE, cache)
    assert first["encoded"] == {"avif": 3, "webp": 3, "jpeg": 3}
    assert process_source(str(source), RECIPE, cache, first)["encoded"] == {}
    webp_changed = Recipe(
        RECIPE.widths, RECIPE.formats, (("avif", 55), ("webp", 60), ("jpeg", 80)), RECIPE.avif_speed, RECIPE.max_pixels
    )
    assert process_source(str(source), webp_changed, cache, first)["encoded"] == {"webp": 3}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"NEWS_IMAGES_FORMATS": ["webp", "gif"]}, "NEWS_IMAGES_FORMATS: ['gif']"),
        ({"NEWS_IMAGES_FORMATS": ["jpeg", "webp"]}, "the last format must be jpeg"),
        ({"NEWS_IMAGES_WIDTHS": []}, "NEWS_IMAGES_WIDTHS"),
        ({"NEWS_IMAGES_QUALITY": {"jpeg": 80}}, "NEWS_IMAGES_QUALITY: no quality for avif, webp"),
    ],
)
def test_unusable_settings_are_named(change, message):
    from news_images.derivatives import RecipeError, recipe_from_settings
    from news_images.settings import DEFAULTS

    with pytest.raises(RecipeError, match=re.escape(message)):
        recipe_from_settings({**DEFAULTS, **change})
