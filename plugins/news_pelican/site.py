"""A site's settings, read in one place: its time zone and its content folders."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .import_settings import apply_defaults


def site_timezone(settings: dict) -> ZoneInfo | None:
    """TIMEZONE as a ZoneInfo (UTC when unset); None for a name the system does not know, which Pelican
    itself reports (dates then stay as written)."""
    try:
        return ZoneInfo(str(settings.get("TIMEZONE") or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def import_paths(settings: dict) -> tuple[Path, Path, Path]:
    """(content/, the raw articles' folder NEWS_RAW_DIR, the imported Markdown's folder NEWS_IMPORT_DIR)."""
    apply_defaults(settings)
    content = Path(settings["PATH"])
    return content, content / settings["NEWS_RAW_DIR"], content / settings["NEWS_IMPORT_DIR"]
