"""The theme plugin's settings and their defaults; pelicanconf.py overrides any of them."""

DEFAULTS = {
    # CSS sources, relative to THEME: tokens.css first, then components/*.css in file-name order.
    "NEWS_THEME_CSS_DIR": "css",
    # Where the bundled stylesheet is written, relative to OUTPUT_PATH (its name carries a content hash).
    "NEWS_THEME_CSS_OUTPUT_DIR": "theme/css",
    # How many articles sharing tags to suggest under "Read more" (0 turns the suggestion off).
    "NEWS_THEME_RELATED_BY_TAGS": 3,
    # Log one warning per article listing the figures that still have no photo file.
    "NEWS_THEME_WARN_MISSING_IMAGES": True,
}


def apply_defaults(settings: dict) -> None:
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
