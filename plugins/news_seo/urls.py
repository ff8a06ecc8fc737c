"""Absolute URLs for canonical links, social cards, JSON-LD and sitemaps.

A published build has an absolute SITEURL (publishconf.py); a local preview has none, and then the
same values are root-relative paths: never an invented host.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def absolute_base(settings: dict) -> str:
    """SITEURL without its trailing slash when it is an absolute http(s) URL, else ''."""
    siteurl = str(settings.get("SITEURL") or "").strip().rstrip("/")
    parts = urlsplit(siteurl)
    return siteurl if parts.scheme in ("http", "https") and parts.netloc else ""


def site_url(settings: dict, path: str = "") -> str:
    """A site path (`2020/08/slug/`, `images/x.jpg`) as an absolute URL, or root-relative without SITEURL.

    Absolute http(s) URLs pass through unchanged; anything else with a scheme (javascript:, data:) is ''.
    """
    path = str(path or "").strip()
    parts = urlsplit(path)
    if parts.scheme or path.startswith("//"):
        return path if parts.scheme in ("http", "https") and parts.netloc else ""
    return f"{absolute_base(settings)}/{path.lstrip('/')}"


def page_path(save_as: str) -> str:
    """The URL path of an output file: `search/index.html` -> `search/`."""
    save_as = str(save_as or "").replace("\\", "/")
    if save_as == "index.html":
        return ""
    if save_as.endswith("/index.html"):
        return save_as[: -len("index.html")]
    return save_as


def relative_root(save_as: str) -> str:
    """From an output file back to the site root: `search/index.html` -> `../`, `index.html` -> ``."""
    return "../" * str(save_as).replace("\\", "/").count("/")
