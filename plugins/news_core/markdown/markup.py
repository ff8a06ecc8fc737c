"""The HTML of a figure and of a pull quote, built once here for the Markdown extension and the theme.

This is the theme's HTML contract for these components (theme/README.md): classes `caption`,
`credit`, `pullquote`, `figure-alt`. ElementTree escapes every text node, so captions and credits
from raw dumps can never inject markup. Field values are AtomicString: plain text that inline Markdown
never touches (the typesetting extension sets their quotes and dashes).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.util import AtomicString
from markupsafe import Markup

CREDIT_LABEL = "Image: "
PLACEHOLDER_LABEL = "Photo needed"
_NOT_WORD = re.compile(r"[\W_]+")


def _words(text: str) -> str:
    return _NOT_WORD.sub(" ", str(text or "").casefold()).strip()


def repeats(alt: str, caption: str) -> bool:
    """The alt text says nothing the caption does not (same words, or words the caption contains), so a
    screen reader would hear it twice: the photo's text alternative is then the caption itself."""
    alt_words, caption_words = _words(alt), _words(caption)
    return bool(alt_words and caption_words) and f" {alt_words} " in f" {caption_words} "


def figure_element(
    alt: str,
    caption: str = "",
    credit: str = "",
    image: str = "",
    *,
    hero: bool = False,
    picture: etree.Element | None = None,
    placeholder: bool = True,
) -> etree.Element | None:
    """<figure> with the photo (or, while none is supplied, a "Photo needed" panel) and a caption + credit.

    `picture` lets the image pipeline supply a responsive <picture>; otherwise `image` becomes an <img>.
    Without a photo and with `placeholder` off (a published build), there is no figure at all: its caption
    and credit describe and credit a photo readers cannot see (None).
    """
    if repeats(alt, caption):
        alt = ""  # the caption, right under the photo, is its description
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
    elif not placeholder:
        return None
    else:
        figure.set("class", figure.get("class", "") + " figure-text-only")
        description = etree.SubElement(figure, "p", {"class": "figure-alt"})
        # data-pagefind-ignore: the label is the preview's, not the article's (a search for "photo" would
        # find every article still waiting for one); the description after it stays searchable
        label = etree.SubElement(description, "span", {"class": "figure-alt-label", "data-pagefind-ignore": ""})
        label.text = PLACEHOLDER_LABEL + (": " if alt else "")
        label.tail = AtomicString(alt) if alt else None
    if caption or credit:
        figcaption = etree.SubElement(figure, "figcaption")
        if caption:
            caption_span = etree.SubElement(figcaption, "span", {"class": "caption"})
            caption_span.text = AtomicString(caption)
            caption_span.tail = " "
        if credit:
            credit_span = etree.SubElement(figcaption, "span", {"class": "credit"})
            credit_span.text = AtomicString(CREDIT_LABEL + credit)
    return figure


def pullquote_element(text: str, attribution: str = "") -> etree.Element:
    """<aside class="pullquote">, hidden from assistive technology: it repeats a sentence of the body."""
    # aria-hidden: screen readers already read the sentence in the body; pagefind: not indexed twice.
    aside = etree.Element("aside", {"class": "pullquote", "aria-hidden": "true", "data-pagefind-ignore": "all"})
    quote = etree.SubElement(aside, "p", {"class": "pullquote-text"})
    quote.text = AtomicString(text)
    if attribution:
        cite = etree.SubElement(aside, "p", {"class": "pullquote-attribution"})
        cite.text = AtomicString(attribution)
    return aside


def to_html(element: etree.Element | None) -> Markup:
    if element is None:
        return Markup("")
    return Markup(etree.tostring(element, encoding="unicode", method="html"))


def hero_figure(hero, article_source_path: str, placeholder: bool = True) -> Markup:
    """The lead figure from front matter (`hero:`), by the same builder as body figures; empty when there is
    none. A photo the photo service cannot supply shows as a text-only figure (or, without `placeholder`, is
    left out), never as a broken <img>. The theme and the feeds both show this one."""
    from news_core.services import hero_picture

    if not isinstance(hero, dict) or not any(hero.get(key) for key in ("alt", "caption", "credit", "image")):
        return Markup("")
    picture, image = hero_picture(hero, article_source_path)
    return to_html(
        figure_element(
            str(hero.get("alt") or ""),
            str(hero.get("caption") or ""),
            str(hero.get("credit") or ""),
            image,
            hero=True,
            picture=picture,
            placeholder=placeholder,
        )
    )
