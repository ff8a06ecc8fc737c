"""The responsive <picture> for a photo's derivatives: one <source> per modern format, a JPEG <img> last.

The <img> carries width and height (no layout shift), `loading="lazy"` in the body and
`fetchpriority="high"` for the hero. Its `alt` is left for news_core.markdown.markup.figure_element to set.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from .derivatives import MIME_TYPES, Derivative


def srcset(derivatives: list[Derivative], url_prefix: str) -> str:
    return ", ".join(f"{url_prefix}{d.name} {d.width}w" for d in sorted(derivatives, key=lambda d: d.width))


def fallback(derivatives: list[Derivative], width: int) -> Derivative:
    """The widest file not wider than `width` (or the narrowest one when all are wider)."""
    ordered = sorted(derivatives, key=lambda d: d.width)
    fitting = [d for d in ordered if d.width <= width]
    return fitting[-1] if fitting else ordered[0]


def picture_element(
    derivatives: list[Derivative], url_prefix: str, sizes: str, *, hero: bool, fallback_width: int
) -> etree.Element:
    formats = list(dict.fromkeys(d.format for d in derivatives))
    picture = etree.Element("picture")
    for image_format in formats[:-1]:
        etree.SubElement(
            picture,
            "source",
            {
                "type": MIME_TYPES[image_format],
                "srcset": srcset([d for d in derivatives if d.format == image_format], url_prefix),
                "sizes": sizes,
            },
        )
    last = [d for d in derivatives if d.format == formats[-1]]
    src = fallback(last, fallback_width)
    attributes = {
        "src": url_prefix + src.name,
        "srcset": srcset(last, url_prefix),
        "sizes": sizes,
        "width": str(src.width),
        "height": str(src.height),
        "alt": "",
    }
    attributes.update(
        {"fetchpriority": "high", "decoding": "async"} if hero else {"loading": "lazy", "decoding": "async"}
    )
    etree.SubElement(picture, "img", attributes)
    return picture
