"""Drop what is not the article from a parsed page: scripts, styles, navigation, ads, share bars, cookie banners.

Works in place on a BeautifulSoup tree, before the main content is looked for, so nothing removed here can
reach the Markdown. Read JSON-LD (html_meta) before calling this: it lives in <script> elements.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag

# Never text a reader sees on the article: code, embedded documents, forms, navigation.
_DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "dialog",
    "link",
    "meta",
    "audio",
    "video",
    "head",
)
_DROPPED_TAG_NAMES = frozenset(_DROPPED_TAGS)
_DROPPED_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar", "toolbar", "tablist"}
)
# Matched against each word of an element's class and id (split at spaces, hyphens, underscores).
_CRUFT_WORDS = frozenset(
    "nav navbar navigation menu breadcrumb breadcrumbs share sharing shares social socials cookie cookies consent "
    "gdpr advert adverts advertisement advertising ad ads adslot adunit sponsor sponsored promo newsletter "
    "subscribe subscription paywall comment comments skip toolbar popup modal outbrain taboola".split()
    # Labels above a headline ("Belarus", "Analysis"): a site's section name, not the article's text.
    + "kicker eyebrow overline topline dachzeile".split()
)
# Stems that mark cruft even inside compound class names (`socialbuttons`, `cookiebar`, `adsbygoogle` aside).
_CRUFT_STEMS = (
    "social",
    "sharing",
    "sharebar",
    "cookie",
    "consent",
    "newsletter",
    "advert",
    "sponsor",
    "paywall",
    "breadcrumb",
    "outbrain",
    "taboola",
)
# Screen-reader-only labels ("Image caption, ", "Image source, ") announce page furniture, not article text.
_SCREEN_READER_ONLY = frozenset(
    {
        "visually-hidden",
        "visuallyhidden",
        "sr-only",
        "screen-reader-text",
        "offscreen",
        "a11y-hidden",
        "u-hidden-visually",
    }
)
_WORD_SPLIT = re.compile(r"[\s_-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def strip_cruft(soup: BeautifulSoup, holds_article=None) -> None:
    """Drop code, hidden and navigation elements. An element that only its class or id calls cruft survives
    when `holds_article(tag)` says it holds the article's text: wrappers are named `Page-ad-margins` or
    `has-section-nav` as often as ad slots are named `ad`."""
    # One pass over the tree with plain loops: bs4's find_all(list of names) costs ten times as much here.
    comments, dropped = [], []
    for node in soup.descendants:
        if isinstance(node, Comment):
            comments.append(node)
        elif isinstance(node, Tag) and node.name in _DROPPED_TAG_NAMES:
            dropped.append(node)
    for comment in comments:
        comment.extract()
    for tag in dropped:
        if _gone(tag) or (tag.name == "form" and _wraps_page(tag, holds_article)):
            continue
        tag.decompose()
    for tag in [node for node in soup.descendants if isinstance(node, Tag)]:
        if _gone(tag) or not is_cruft_element(tag):
            continue
        if holds_article is not None and not _hidden(tag) and holds_article(tag):
            continue
        tag.decompose()


_TELLING_ATTRIBUTES = frozenset({"class", "id", "role", "style", "hidden"})


def is_cruft_element(tag: Tag) -> bool:
    if not tag.attrs or tag.name in ("html", "body", "article", "main") or _TELLING_ATTRIBUTES.isdisjoint(tag.attrs):
        return False
    if _hidden(tag):
        return True
    classes = tag.get("class") or []
    if _SCREEN_READER_ONLY & {name.lower() for name in ([classes] if isinstance(classes, str) else classes)}:
        return True
    words = class_words(tag)
    return bool(_CRUFT_WORDS & words) or any(stem in word for word in words for stem in _CRUFT_STEMS)


def _gone(tag: Tag) -> bool:
    """Inside an element already dropped. (bs4's own `tag.decomposed` searches the subtree for a child named
    `_decomposed` on every live tag: a third of an import's time on a large page.)"""
    return vars(tag).get("_decomposed", False)


def _wraps_page(form: Tag, holds_article) -> bool:
    """ASP.NET pages wrap the whole page, article included, in one <form>: keep that one."""
    if holds_article is not None:
        return holds_article(form)
    return form.find(["article", "main"]) is not None or len(form.find_all("p", limit=4)) > 3


def _hidden(tag: Tag) -> bool:
    """Never shown or never the page's text, whatever it holds."""
    return bool(
        tag.has_attr("hidden")
        or _HIDDEN_STYLE.search(tag.get("style", ""))
        or tag.get("role", "").lower() in _DROPPED_ROLES
    )


def class_words(tag: Tag) -> set[str]:
    """The words of an element's class and id, lowercased: `share-bar__item` -> {share, bar, item}."""
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    names = " ".join([*classes, tag.get("id") or ""]).lower()
    return {word for word in _WORD_SPLIT.split(names) if word}
