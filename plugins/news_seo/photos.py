"""The hero photo's URL for JSON-LD and social cards, from the photo service when a plugin offers one.

The images plugin (news_images, through news_core.services) renders a photo as a <picture>; its <img> lists the
fallback format at every width, and the widest one is what search engines should get. An article may also carry
`hero_image_url` directly.
"""

from __future__ import annotations

from news_core.services import hero_picture


def _widest(srcset: str) -> str:
    candidates = []
    for candidate in (srcset or "").split(","):
        parts = candidate.strip().split()
        if len(parts) == 2 and parts[1].endswith("w") and parts[1][:-1].isdigit():
            candidates.append((int(parts[1][:-1]), parts[0]))
    return max(candidates)[1] if candidates else ""


def hero_photo_url(content) -> str:
    """The URL (as the images plugin writes it) of the hero photo, or '' when there is none."""
    given = str(getattr(content, "hero_image_url", "") or "")
    hero = getattr(content, "hero", None)
    if given or not isinstance(hero, dict) or not hero.get("image"):
        return given
    picture, _ = hero_picture(hero, getattr(content, "source_path", ""))  # None: no photo service, or no file
    img = picture.find("img") if picture is not None else None
    if img is None:
        return ""
    return _widest(img.get("srcset", "")) or img.get("src", "")
