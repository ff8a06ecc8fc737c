"""The images plugin's settings and their defaults; pelicanconf.py overrides any of them."""

DEFAULTS = {
    # The shared photo folder, relative to PATH; a folder named after an article's Markdown file (next to it)
    # is searched first. Originals are never copied to the output: they may carry GPS tags.
    "NEWS_IMAGES_DIR": "images",
    # Where derivatives are written, relative to OUTPUT_PATH (names carry a content hash: cache forever).
    "NEWS_IMAGES_OUTPUT_DIR": "images",
    # Widths of the derivatives in CSS pixels; a photo is never upscaled (a narrower photo gets its own width).
    "NEWS_IMAGES_WIDTHS": [480, 800, 1200, 1600],
    # Formats, best first: browsers take the first <source> they support; the last one is the <img> fallback.
    "NEWS_IMAGES_FORMATS": ["avif", "webp", "jpeg"],
    # Encoder quality per format (0-100).
    "NEWS_IMAGES_QUALITY": {"avif": 55, "webp": 78, "jpeg": 80},
    # libavif encoder speed (0 slowest/smallest .. 10 fastest). Measured per 4000x3000 photo at four widths
    # (README: Photos): 8 costs what WebP q80 costs (~0.19 CPU s) for files ~10% smaller than WebP; 6 costs
    # 3x that for files another ~20% smaller; 10 halves the cost but its files are as large as WebP's.
    "NEWS_IMAGES_AVIF_SPEED": 8,
    # The `sizes` attribute: how wide the theme draws a photo (theme/css: body figures at most --measure,
    # 40rem; the hero at most 60rem; 1rem page padding each side on narrow screens).
    "NEWS_IMAGES_SIZES": {
        "body": "(min-width: 42rem) 40rem, calc(100vw - 2rem)",
        "hero": "(min-width: 62rem) 60rem, calc(100vw - 2rem)",
    },
    # The width of the <img src> fallback (the nearest derivative not wider than this).
    "NEWS_IMAGES_FALLBACK_WIDTH": 800,
    # Photos larger than this many pixels are refused (decompression bombs); 100 MP covers any camera.
    "NEWS_IMAGES_MAX_PIXELS": 100_000_000,
    # Worker processes for encoding; None uses every core.
    "NEWS_IMAGES_PROCESSES": None,
    # Encoded files and the index of sources, relative to the project (default: CACHE_PATH/news_images).
    "NEWS_IMAGES_CACHE_DIR": None,
    # A 1200x630 share card per article (og:image), next to the article's index.html.
    "NEWS_IMAGES_SHARE_CARDS": True,
    "NEWS_IMAGES_SHARE_CARD_NAME": "share-card.jpg",
    # Card colours: background without a photo, and the accent bar.
    "NEWS_IMAGES_CARD_BACKGROUND": "#14213d",
    "NEWS_IMAGES_CARD_ACCENT": "#fca311",
    # Fonts tried for headlines the shipped DejaVu Sans cannot draw (Chinese, Japanese, Korean): None for the
    # usual places of Noto Sans CJK and the system fonts of macOS and Windows (typefaces.DEFAULT_FALLBACKS).
    "NEWS_IMAGES_CARD_FALLBACK_FONTS": None,
}


def apply_defaults(settings: dict) -> None:
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
