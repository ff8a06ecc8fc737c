"""The HTML of a figure and of a pull quote, built once here for the Markdown extension and the theme.

This is the theme's HTML contract for these components (theme/README.md): classes `caption`,
`credit`, `pullquote`, `figure-alt`. ElementTree escapes every text node, so captions and credits
from raw dumps can never inject markup.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markupsafe import Markup

CREDIT_LABEL = "Image: "


def figure_element(alt: str, caption: str = "", credit: str = "", image: str = "", *, hero: bool = False,
                   picture: etree.Element | None = None) -> etree.Element:
    """<figure> with the photo (or, while none is supplied, its description) and a caption + credit.

    `picture` lets the image pipeline supply a responsive <picture>; otherwise `image` becomes an <img>.
    """
    figure = etree.Element("figure", {"class": "figure figure-hero" if hero else "figure"})
    if picture is not None:
        img = picture.find("img")
        if img is not None:
            img.set("alt", alt)  # the figure owns the description; the image pipeline only knows the file
        figure.append(picture)
    elif image:
        attributes = {"src": image, "alt": alt}
        attributes.update({"fetchpriority": "high"} if hero else {"loading": "lazy", "decoding": "async"})
        etree.SubElement(figure, "img", attributes)
    else:
        figure.set("class", figure.get("class") + " figure-text-only")
        description = etree.SubElement(figure, "p", {"class": "figure-alt"})
        label = etree.SubElement(description, "span", {"class": "figure-alt-label"})
        label.text = "Photo: "
        label.tail = alt or caption or "no description"
    if caption or credit:
        figcaption = etree.SubElement(figure, "figcaption")
        if caption:
            caption_span = etree.SubElement(figcaption, "span", {"class": "caption"})
            caption_span.text = caption
            caption_span.tail = " "
        if credit:
            credit_span = etree.SubElement(figcaption, "span", {"class": "credit"})
            credit_span.text = CREDIT_LABEL + credit
    return figure


def pullquote_element(text: str, attribution: str = "") -> etree.Element:
    """<aside class="pullquote">, hidden from assistive technology: it repeats a sentence of the body."""
    # aria-hidden: screen readers already read the sentence in the body; pagefind: not indexed twice.
    aside = etree.Element("aside", {"class": "pullquote", "aria-hidden": "true", "data-pagefind-ignore": "all"})
    quote = etree.SubElement(aside, "p", {"class": "pullquote-text"})
    quote.text = text
    if attribution:
        cite = etree.SubElement(aside, "p", {"class": "pullquote-attribution"})
        cite.text = attribution
    return aside


def to_html(element: etree.Element) -> Markup:
    return Markup(etree.tostring(element, encoding="unicode", method="html"))
