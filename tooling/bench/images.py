"""The images part of `invoke bench`: our pipeline against pelican-image-process 3.4 in the same run.

`run_images_bench(workdir, photos=50)` generates N 4000 x 3000 photos (deterministic), builds the same N
one-photo articles three ways with plain `pelican` in subprocesses, and returns a dict of figures:

- cold: ours vs pelican-image-process, equivalent outputs (480/800/1200/1600 w, WebP + JPEG, Pillow's
  default qualities WebP 80 / JPEG 75, which is what pelican-image-process saves with);
- warm: the second build of each, against the same site built without any image plugin (the overhead);
- AVIF: what adding AVIF costs a cold build at the default speed, and every encoder's CPU time per photo;
- share cards: drawing N cards cold.

pelican-image-process is installed with pip into WORKDIR/competitor-lib, never into the project's virtualenv.

Pelican's default theme is used for every build, so the figures isolate the image work.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = [480, 800, 1200, 1600]
PHOTO_SIZE = (4000, 3000)
WARM_RUNS = 5
COMPETITOR = "pelican-image-process==3.4.0"

_COMMON_SETTINGS = f"""
import sys
sys.path.insert(0, {str(ROOT / "plugins")!r})
PATH = "content"
OUTPUT_PATH = "output"
CACHE_PATH = "cache"
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "UTC"
PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
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
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = ["image_process"]
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


_GRAIN = {}


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
        draw.ellipse(
            (x, y, x + size, y + int(size * (0.3 + rnd.random()))), fill=tuple(rnd.randrange(256) for _ in range(3))
        )
    image = image.filter(ImageFilter.GaussianBlur(2)).resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
    if "grain" not in _GRAIN:  # one sensor-like grain for all photos (making it is the slow part)
        _GRAIN["grain"] = Image.effect_noise(PHOTO_SIZE, 30).convert("RGB")
    return Image.blend(image, _GRAIN["grain"], 0.08)


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
    return (
        f"Title: Photo story {index}\nDate: 2024-01-{1 + index % 28:02d}\nSlug: photo-story-{index}\n\n"
        f'A paragraph about photo {index}.\n\n<picture><source class="jpeg" src="/images/{name}">'
        f'<img class="image-process-photo" src="/images/{name}" alt="Photo {index}"></picture>\n'
    )


def _our_article(index: int, name: str) -> str:
    """Our YAML front matter and figure syntax; the photo is also the hero (used by the share card)."""
    return (
        f"---\ntitle: Photo story {index}\ndate: '2024-01-{1 + index % 28:02d}'\nslug: photo-story-{index}\n"
        f"standfirst: A paragraph about photo {index}.\nhero:\n  alt: Photo {index}\n  image: {name}\n---\n\n"
        f"A paragraph about photo {index}.\n\n> [!FIGURE] {name}\n> Alt: Photo {index}\n"
        f"> Caption: Caption {index}\n> Credit: Bench/Generator\n"
    )


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


def encoder_costs(photos: list[Path]) -> dict:
    """CPU seconds and bytes per photo for each encoder on the same resized pixels (480-1600 w), in this
    process: AVIF at speeds 10, 8 (default) and 6 against WebP and JPEG at the bench qualities."""
    import io

    from news_images.decode import load_photo

    encoders = {
        "jpeg q75": ("JPEG", {"quality": 75, "optimize": True, "progressive": True}),
        "webp q80": ("WEBP", {"quality": 80, "method": 4}),
        "avif q55 speed 10": ("AVIF", {"quality": 55, "speed": 10}),
        "avif q55 speed 8": ("AVIF", {"quality": 55, "speed": 8}),
        "avif q55 speed 6": ("AVIF", {"quality": 55, "speed": 6}),
    }
    totals = {name: [0.0, 0] for name in encoders}
    for path in photos:
        image, _ = load_photo(str(path), 10**9, (WIDTHS[-1], WIDTHS[-1] * 3 // 4))
        sizes = [(width, round(image.height * width / image.width)) for width in WIDTHS]
        resized = [image.resize(size, 1) for size in sizes]  # LANCZOS
        for name, (image_format, options) in encoders.items():
            start = time.process_time()
            for picture in resized:
                buffer = io.BytesIO()
                picture.save(buffer, image_format, **options)
                totals[name][1] += buffer.tell()
            totals[name][0] += time.process_time() - start
    count = max(1, len(photos))
    return {
        name: {"cpu_seconds": round(cpu / count, 3), "bytes": size // count} for name, (cpu, size) in totals.items()
    }


def _write_settings(site: Path, name: str, extra: str) -> str:
    (site / name).write_text(_COMMON_SETTINGS + extra, encoding="utf-8")
    return name


def _ours_settings(site: Path, name: str, formats: list[str], speed: int = 8, cards: bool = False) -> str:
    return _write_settings(site, name, _OURS.format(widths=WIDTHS, formats=formats, speed=speed, cards=cards))


def _competitor_settings(site: Path, plugins: Path) -> str:
    def srcset(image_format: str | None) -> str:
        entries = []
        for width in WIDTHS:
            ops = f'["scale_in {width} 100000 False"]'
            entries.append(f'("{width}w", {ops}, "{image_format}")' if image_format else f'("{width}w", {ops})')
        return ", ".join(entries)

    return _write_settings(
        site, "competitor.py", _COMPETITOR.format(plugins=str(plugins), webp=srcset("webp"), jpeg=srcset(None))
    )


def _pelican(site: Path, settings: str, clean: tuple[str, ...] = ("output",)) -> tuple[float, float]:
    """Wall and CPU seconds (this build and its worker processes) of one `pelican` build in a subprocess,
    after removing the `clean` folders. CPU time is what a shared, loaded machine distorts least."""
    for name in clean:
        shutil.rmtree(site / name, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "-s", settings, "-q"], cwd=site, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"bench build {site.name}/{settings} failed:\n{result.stdout}\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def _alternate(site: Path, first: str, second: str, runs: int = WARM_RUNS) -> tuple[tuple, tuple]:
    """Medians (wall, CPU) of warm builds of two settings, run in turns so machine load hits both alike. The
    output folder is removed before each (as `invoke build` starts a fresh one); caches stay."""
    runs_of: tuple[list, list] = ([], [])
    for _ in range(runs):
        runs_of[0].append(_pelican(site, first))
        runs_of[1].append(_pelican(site, second))
    return tuple(tuple(statistics.median(run[i] for run in each) for i in (0, 1)) for each in runs_of)


def _plugin_seconds(site: Path) -> dict:
    try:
        return json.loads((site / "cache" / "news_images" / "last-run.json").read_text())["seconds"]
    except (OSError, ValueError, KeyError):
        return {}


def _count_files(folder: Path, suffixes: tuple[str, ...]) -> int:
    return sum(1 for path in folder.rglob("*") if path.suffix in suffixes and path.is_file())


def run_images_bench(workdir: Path, photos: int = 50, competitor: bool = True, warm_runs: int = WARM_RUNS) -> dict:
    """Build the image bench sites in `workdir` and return the figures (seconds are wall-clock; warm figures
    are medians of `warm_runs` alternating builds)."""
    workdir = Path(workdir)
    started = time.perf_counter()
    sources = generate_photos(workdir / "photos", photos)
    generated = time.perf_counter() - started
    results: dict = {
        "photos": photos,
        "photo_size": list(PHOTO_SIZE),
        "widths": WIDTHS,
        "cores": os.cpu_count(),
        "generate_seconds": round(generated, 2),
    }

    ours = _site(workdir / "ours", sources, _our_article)
    webp_jpeg = _ours_settings(ours, "webp_jpeg.py", ["webp", "jpeg"])
    no_images = _write_settings(ours, "no_images.py", 'PLUGINS = ["news_import"]\n')
    wall, cpu = _pelican(ours, webp_jpeg, clean=("output", "cache"))
    results["ours_cold_seconds"], results["ours_cold_cpu_seconds"] = round(wall, 2), round(cpu, 2)
    results["ours_cold_phases"] = _plugin_seconds(ours)
    results["ours_files"] = _count_files(ours / "output" / "images", (".webp", ".jpg"))
    (warm, warm_cpu), (without, without_cpu) = _alternate(ours, webp_jpeg, no_images, warm_runs)
    results["ours_warm_seconds"], results["no_images_seconds"] = round(warm, 3), round(without, 3)
    results["ours_warm_cpu_seconds"], results["no_images_cpu_seconds"] = round(warm_cpu, 3), round(without_cpu, 3)
    results["ours_warm_cpu_overhead_seconds"] = round(warm_cpu - without_cpu, 3)
    _pelican(ours, webp_jpeg)
    results["ours_warm_phases"] = _plugin_seconds(ours)
    results["ours_warm_overhead_seconds"] = round(results["ours_warm_seconds"] - results["no_images_seconds"], 3)
    results["ours_warm_plugin_seconds"] = round(sum(results["ours_warm_phases"].values()), 4)

    # The default formats (AVIF + WebP + JPEG) cold; the WebP/JPEG files are cached, so this is AVIF's cost.
    with_avif = _ours_settings(ours, "defaults.py", ["avif", "webp", "jpeg"], speed=8)
    wall, cpu = _pelican(ours, with_avif)
    results["avif_speed8_added_cold_seconds"], results["avif_speed8_added_cold_cpu_seconds"] = (
        round(wall, 2),
        round(cpu, 2),
    )
    results["encoder_cost_per_photo"] = encoder_costs(sources[: min(len(sources), 5)])

    # Share cards: everything else is cached, only the cards are drawn.
    with_cards = _ours_settings(ours, "cards.py", ["webp", "jpeg"], cards=True)
    shutil.rmtree(ours / "cache" / "news_images" / "cards", ignore_errors=True)
    _pelican(ours, with_cards)
    phases = _plugin_seconds(ours)  # cards are drawn while Pelican writes pages: the wait is what they add
    results["share_cards_cold_phase_seconds"] = round(phases.get("cards", 0) + phases.get("cards_wait", 0), 3)

    if competitor:
        results.update(_competitor(workdir, sources, results, warm_runs))
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    return results


def competitor_plugins(workdir: Path) -> Path | None:
    """pelican-image-process installed with pip into the bench folder only: in the project's virtualenv it
    would load itself into every Pelican run that leaves PLUGINS unset (it is a namespace plugin)."""
    target = workdir / "competitor-lib"
    plugins = target / "pelican" / "plugins"
    if not (plugins / "image_process").is_dir():
        result = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), COMPETITOR],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            return None
    return plugins


def _competitor(workdir: Path, sources: list[Path], ours: dict, warm_runs: int) -> dict:
    plugins = competitor_plugins(workdir)
    if plugins is None:
        return {"competitor": f"{COMPETITOR} could not be installed (pip install --target failed)"}
    site = _site(workdir / "competitor", sources, _plain_article)
    settings = _competitor_settings(site, plugins)
    plain = _write_settings(site, "plain.py", 'PLUGINS = []\nSTATIC_PATHS = ["images"]\n')
    figures = {"competitor": COMPETITOR}
    wall, cpu = _pelican(site, settings)
    figures["competitor_cold_seconds"], figures["competitor_cold_cpu_seconds"] = round(wall, 2), round(cpu, 2)
    figures["competitor_files"] = _count_files(site / "output" / "images" / "derivatives", (".webp", ".jpg"))
    # Its derivatives live in the output folder (checked by mtime), so its warm builds keep output/.
    times: tuple[list, list] = ([], [])
    for _ in range(warm_runs):
        times[0].append(_pelican(site, settings, clean=())[0])
        times[1].append(_pelican(site, plain, clean=())[0])
    figures["competitor_warm_seconds"] = round(statistics.median(times[0]), 3)
    figures["competitor_plain_seconds"] = round(statistics.median(times[1]), 3)
    figures["competitor_warm_overhead_seconds"] = round(
        figures["competitor_warm_seconds"] - figures["competitor_plain_seconds"], 3
    )
    figures["cold_speedup"] = round(figures["competitor_cold_seconds"] / ours["ours_cold_seconds"], 1)
    figures["cold_cpu_ratio"] = round(figures["competitor_cold_cpu_seconds"] / ours["ours_cold_cpu_seconds"], 1)
    return figures


if __name__ == "__main__":  # python -m tooling.bench.images [WORKDIR] [PHOTOS]
    arguments = sys.argv[1:]
    figures = run_images_bench(
        Path(arguments[0] if arguments else "bench-results/images"), int(arguments[1]) if len(arguments) > 1 else 50
    )
    print(json.dumps(figures, indent=2))
