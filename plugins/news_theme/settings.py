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
    # Typography when rendering: smarty's rules + news marks in bodies and front-matter fields alike.
    "NEWS_THEME_TYPOGRAPHY": True,
    # A figure without its photo: True shows a "Photo needed" panel, False leaves the figure out; None
    # decides by SITEURL (a local build without an absolute SITEURL is a preview; publishconf.py's is not).
    "NEWS_THEME_PHOTO_PLACEHOLDERS": None,
    # Sign-off initials -> the person: {"kmm": {"name": "Kate Martin", "role": "Europe correspondent"}}
    # (a plain string is the name). Shared with news_seo (JSON-LD authors).
    "NEWS_AUTHORS": {},
}


def apply_defaults(settings: dict) -> None:
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)


def shows_placeholders(settings: dict) -> bool:
    """Whether photo-less figures show a "Photo needed" panel in this build (see NEWS_THEME_PHOTO_PLACEHOLDERS)."""
    choice = settings.get("NEWS_THEME_PHOTO_PLACEHOLDERS")
    if choice is not None:
        return bool(choice)
    siteurl = str(settings.get("SITEURL") or "")
    return not siteurl.startswith(("http://", "https://"))
