"""(6) Images: news_images' PhotoLibrary.prepare() (derivatives of every photo, on all cores) over generated
camera-sized JPEGs, with an empty cache and then again with a warm one.

Run as a child (`python -m tooling.bench.photos SITE COUNT`) inside the bench's copy of our site, with the
photos in a folder of their own so the timed builds never see them. Prints JSON.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
from pathlib import Path


def make_photos(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Deterministic 2000x1500 JPEGs: bands of colour and noise-free shapes, like a compressed news photo."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        image = Image.new("RGB", (2000, 1500), tuple(rng.randrange(256) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        for _ in range(40):
            x, y = rng.randrange(2000), rng.randrange(1500)
            draw.ellipse(
                (x, y, x + rng.randrange(50, 600), y + rng.randrange(50, 400)),
                fill=tuple(rng.randrange(256) for _ in range(3)),
            )
        path = folder / f"photo-{index:03d}.jpg"
        image.save(path, "JPEG", quality=88)
        paths.append(path)
    return paths


def _measure(site: Path, count: int) -> dict:
    sys.path.insert(0, str(site / "plugins"))
    from pelican.settings import read_settings

    from news_images.library import PhotoLibrary
    from news_images.settings import apply_defaults

    workdir = site / "bench-photos"
    shutil.rmtree(workdir, ignore_errors=True)
    make_photos(workdir / "content" / "images", count)
    settings = read_settings(
        str(site / "pelicanconf.py"), override={"PATH": str(workdir / "content"), "CACHE_PATH": str(workdir / "cache")}
    )
    apply_defaults(settings)
    figures = {}
    for phase in ("cold", "warm"):
        library = PhotoLibrary(settings)
        began = time.perf_counter()
        library.prepare()
        figures[f"{phase}_s"] = time.perf_counter() - began
        figures["photos"] = library.stats["photos"]
    return {
        "seconds": figures["cold_s"],
        "warm_s": figures["warm_s"],
        "photos": figures["photos"],
        "photos_per_s": figures["photos"] / figures["cold_s"] if figures["cold_s"] else None,
        "status": "measured",
    }


if __name__ == "__main__":
    print(json.dumps(_measure(Path(sys.argv[1]).resolve(), int(sys.argv[2]))))
