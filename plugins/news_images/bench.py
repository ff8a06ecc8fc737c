"""The images part of `invoke bench`: our pipeline against pelican-image-process 3.4 in the same run.

`run_images_bench(workdir, photos=50)` generates N 4000 x 3000 photos (deterministic), builds the same N
one-photo articles three ways with plain `pelican` in subprocesses, and returns a dict of figures:

- cold: ours vs pelican-image-process, equivalent outputs (480/800/1200/1600 w, WebP + JPEG, Pillow's
  default qualities WebP 80 / JPEG 75, which is what pelican-image-process saves with);
- warm: the second build of each, against the same site built without any image plugin (the overhead);
- AVIF: what adding AVIF costs at the default encoder speed (and at speed 6) over the WebP + JPEG build;
- share cards: drawing N cards cold.

Pelican's default theme is used for every build, so the figures isolate the image work.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = [480, 800, 1200, 1600]
PHOTO_SIZE = (4000, 3000)
WARM_RUNS = 3

_COMMON_SETTINGS = f"""
import sys
sys.path.insert(0, {str(ROOT / 'plugins')!r})
PATH = "content"
OUTPUT_PATH = "output"
CACHE_PATH = "cache"
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "UTC"
PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]
ARTICLE_PATHS = ["articles"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
NEWS_IMPORT_ON_BUILD = False
"""

_OURS = """
PLUGINS = ["news_import", "news_images"]
NEWS_IMAGES_WIDTHS = {widths}
NEWS_IMAGES_FORMATS = {formats}
NEWS_IMAGES_QUALITY = {{"avif": 55, "webp": 80, "jpeg": 75}}
NEWS_IMAGES_AVIF_SPEED = {speed}
NEWS_IMAGES_SHARE_CARDS = {cards}
"""

_COMPETITOR = """
PLUGINS = ["pelican.plugins.image_process"]
STATIC_PATHS = ["images"]
IMAGE_PROCESS = {{
    "photo": {{
        "type": "picture",
        "sources": [
            {{"name": "default", "sizes": "100vw",
              "srcset": [{webp}]}},
            {{"name": "jpeg", "sizes": "100vw",
              "srcset": [{jpeg}]}},
        ],
        "default": ("jpeg", "800w"),
    }},
}}
"""


def _photo(index: int):
    """A 4000 x 3000 photo-like image: smooth gradients, shapes, a little grain; different for every index."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(index)
    small = (1000, 750)
    channels = [Image.linear_gradient("L").rotate(rnd.choice((0, 90, 180, 270))).resize(small) for _ in range(3)]
    image = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y, size = rnd.randrange(small[0]), rnd.randrange(small[1]), rnd.randrange(20, 200)
        draw.ellipse((x, y, x + size, y + int(size * (0.3 + rnd.random()))),
                     fill=tuple(rnd.randrange(256) for _ in range(3)))
    image = image.filter(ImageFilter.GaussianBlur(2)).resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
    grain = Image.effect_noise((PHOTO_SIZE[0] // 2, PHOTO_SIZE[1] // 2), 30).resize(PHOTO_SIZE).convert("RGB")
    return Image.blend(image, grain, 0.08)


def generate_photos(folder: Path, count: int) -> list[Path]:
    """N JPEGs (quality 90) in `folder`, reused when already there from an earlier run."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"photo-{index:03d}.jpg"
        if not path.exists():
            _photo(index).save(path, "JPEG", quality=90)
        paths.append(path)
    return paths


def _plain_article(index: int, name: str) -> str:
    """Plain Pelican Markdown (Key: value metadata, raw HTML allowed) with the competitor's <picture> markup."""
    return (f"Title: Photo story {index}\nDate: 2024-01-{1 + index % 28:02d}\nSlug: photo-story-{index}\n\n"
            f"A paragraph about photo {index}.\n\n<picture><source class=\"jpeg\" src=\"/images/{name}\">"
            f'<img class="image-process-photo" src="/images/{name}" alt="Photo {index}"></picture>\n')


def _our_article(index: int, name: str) -> str:
    """Our YAML front matter and figure syntax; the photo is also the hero (used by the share card)."""
    return (f"---\ntitle: Photo story {index}\ndate: '2024-01-{1 + index % 28:02d}'\nslug: photo-story-{index}\n"
            f"standfirst: A paragraph about photo {index}.\nhero:\n  alt: Photo {index}\n  image: {name}\n---\n\n"
            f"A paragraph about photo {index}.\n\n> [!FIGURE] {name}\n> Alt: Photo {index}\n"
            f"> Caption: Caption {index}\n> Credit: Bench/Generator\n")


def _site(folder: Path, photos: list[Path], article) -> Path:
    """A site folder: content/images/ (hard links to the photos) and one Markdown article per photo."""
    shutil.rmtree(folder, ignore_errors=True)
    images, articles = folder / "content" / "images", folder / "content" / "articles"
    images.mkdir(parents=True)
    articles.mkdir(parents=True)
    for index, photo in enumerate(photos):
        try:
            os.link(photo, images / photo.name)
        except OSError:
            shutil.copyfile(photo, images / photo.name)
        (articles / f"photo-{index:03d}.md").write_text(article(index, photo.name), encoding="utf-8")
    return folder


def _write_settings(site: Path, name: str, extra: str) -> str:
    (site / name).write_text(_COMMON_SETTINGS + extra, encoding="utf-8")
    return name


def _ours_settings(site: Path, name: str, formats: list[str], speed: int = 8, cards: bool = False) -> str:
    return _write_settings(site, name, _OURS.format(widths=WIDTHS, formats=formats, speed=speed, cards=cards))


def _competitor_settings(site: Path) -> str:
    def srcset(image_format: str | None) -> str:
        entries = []
        for width in WIDTHS:
            ops = f'["scale_in {width} 100000 False"]'
            entries.append(f'("{width}w", {ops}, "{image_format}")' if image_format else f'("{width}w", {ops})')
        return ", ".join(entries)

    return _write_settings(site, "competitor.py", _COMPETITOR.format(webp=srcset("webp"), jpeg=srcset(None)))


def _pelican(site: Path, settings: str, clean: tuple[str, ...] = ("output",)) -> float:
    """Wall seconds of one `pelican` build in a subprocess (after removing `clean` folders)."""
    for name in clean:
        shutil.rmtree(site / name, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pelican", "-s", settings, "-q"], cwd=site,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"bench build {site.name}/{settings} failed:\n{result.stdout}\n{result.stderr}")
    return seconds


def _warm(site: Path, settings: str, runs: int = WARM_RUNS) -> float:
    return statistics.median(_pelican(site, settings, clean=()) for _ in range(runs))


def _plugin_seconds(site: Path) -> dict:
    try:
        return json.loads((site / "cache" / "news_images" / "last-run.json").read_text())["seconds"]
    except (OSError, ValueError, KeyError):
        return {}


def _count_files(folder: Path, suffixes: tuple[str, ...]) -> int:
    return sum(1 for path in folder.rglob("*") if path.suffix in suffixes and path.is_file())


def run_images_bench(workdir: Path, photos: int = 50, competitor: bool = True) -> dict:
    """Build the image bench sites in `workdir` and return the figures (seconds are wall-clock)."""
    workdir = Path(workdir)
    started = time.perf_counter()
    sources = generate_photos(workdir / "photos", photos)
    generated = time.perf_counter() - started
    results: dict = {"photos": photos, "photo_size": list(PHOTO_SIZE), "widths": WIDTHS, "cores": os.cpu_count(),
                     "generate_seconds": round(generated, 2)}

    ours = _site(workdir / "ours", sources, _our_article)
    webp_jpeg = _ours_settings(ours, "webp_jpeg.py", ["webp", "jpeg"])
    no_images = _write_settings(ours, "no_images.py", 'PLUGINS = ["news_import"]\n')
    results["ours_cold_seconds"] = round(_pelican(ours, webp_jpeg, clean=("output", "cache")), 2)
    results["ours_cold_phases"] = _plugin_seconds(ours)
    results["ours_files"] = _count_files(ours / "output" / "images", (".webp", ".jpg"))
    results["ours_warm_seconds"] = round(_warm(ours, webp_jpeg), 3)
    results["ours_warm_phases"] = _plugin_seconds(ours)
    results["no_images_seconds"] = round(_warm(ours, no_images), 3)
    results["ours_warm_overhead_seconds"] = round(results["ours_warm_seconds"] - results["no_images_seconds"], 3)
    results["ours_warm_plugin_seconds"] = round(sum(results["ours_warm_phases"].values()), 4)

    for speed in (8, 6):
        with_avif = _ours_settings(ours, f"avif_{speed}.py", ["avif", "webp", "jpeg"], speed=speed)
        seconds = _pelican(ours, with_avif, clean=("output", "cache"))
        results[f"avif_speed{speed}_extra_seconds"] = round(seconds - results["ours_cold_seconds"], 2)
        results[f"avif_speed{speed}_bytes"] = sum(p.stat().st_size for p in (ours / "output" / "images").glob("*.avif"))
    results["webp_bytes"] = sum(p.stat().st_size for p in (ours / "output" / "images").glob("*.webp"))

    # Share cards: the WebP/JPEG files are still cached (their keys ignore AVIF settings); only cards are drawn.
    with_cards = _ours_settings(ours, "cards.py", ["webp", "jpeg"], cards=True)
    shutil.rmtree(ours / "cache" / "news_images" / "cards", ignore_errors=True)
    _pelican(ours, with_cards)
    results["share_cards_cold_phase_seconds"] = _plugin_seconds(ours).get("cards")

    if competitor:
        results.update(_competitor(workdir, sources, results))
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    return results


def _competitor(workdir: Path, sources: list[Path], ours: dict) -> dict:
    try:
        from importlib.metadata import version

        found = version("pelican-image-process")
    except Exception:
        return {"competitor": "pelican-image-process not installed (pip install pelican-image-process==3.4.0)"}
    site = _site(workdir / "competitor", sources, _plain_article)
    settings = _competitor_settings(site)
    plain = _write_settings(site, "plain.py", 'PLUGINS = []\nSTATIC_PATHS = ["images"]\n')
    figures = {"competitor": f"pelican-image-process {found}"}
    figures["competitor_cold_seconds"] = round(_pelican(site, settings), 2)
    figures["competitor_files"] = _count_files(site / "output" / "images" / "derivatives", (".webp", ".jpg"))
    figures["competitor_warm_seconds"] = round(_warm(site, settings), 3)
    figures["competitor_plain_seconds"] = round(_warm(site, plain), 3)
    figures["competitor_warm_overhead_seconds"] = round(figures["competitor_warm_seconds"]
                                                        - figures["competitor_plain_seconds"], 3)
    figures["cold_speedup"] = round(figures["competitor_cold_seconds"] / ours["ours_cold_seconds"], 1)
    return figures


if __name__ == "__main__":  # python -m news_images.bench [WORKDIR] [PHOTOS]
    arguments = sys.argv[1:]
    figures = run_images_bench(Path(arguments[0] if arguments else "bench-results/images"),
                               int(arguments[1]) if len(arguments) > 1 else 50)
    print(json.dumps(figures, indent=2))
