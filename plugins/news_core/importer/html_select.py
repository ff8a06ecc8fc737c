"""Which of a page's walked blocks are the article: its headline, the header under it, and the body.

The body's text blocks are those the guide (trafilatura's main-content text, html_guide) holds; between the
first and the last of them, figures, pull quotes, read-more links and sign-offs are kept too, although the
guide drops them: they are the article's own furniture. Without a usable guide (a tiny page, or one trafilatura
finds nothing in), the blocks inside our own guess of the article element (html_main) are the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import Tag

from .article import BlockQuote, BulletList, Heading, Paragraph, PullQuote
from .html_blocks import META_BLOCKS, FigureDraft, RelatedFound, Walked, clean
from .html_guide import Guide

TEXT_BLOCKS = (Paragraph, Heading, BulletList, BlockQuote)
# Text the guide missed is kept only when it reads as sentences: this many words, closing punctuation.
PROSE_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…]['\"’”»)]*$")
# A guide this short is trafilatura's own fallback on a page it could not read; our region is safer then.
MIN_GUIDE_WORDS = 25
# After the last text block of the body, a sign-off or editor line may follow a share bar or an ad label.
TRAILING_UNMATCHED = 2
# A header zone (between the headline and the body) bigger than this is a page column, not a header.
HEADER_MAX_PARAGRAPHS = 3
HEADER_MAX_CHARACTERS = 2000


@dataclass
class Selection:
    title: int | None  # index of the headline's block in the walk, when the page has it as a heading
    header: list[int]  # blocks between the headline and the body: standfirst, dateline, byline, lead photo
    body: list[int]  # the article's blocks in page order
    guided: bool  # chosen by the guide (else by our own guess of the article element)


def block_text(block) -> str:
    if isinstance(block, (Paragraph, Heading)):
        return block.text
    if isinstance(block, BulletList):
        return " ".join(block.items)
    if isinstance(block, BlockQuote):
        return " ".join(block.paragraphs)
    return ""


def select_article(walked: Walked, guide: Guide, region: Tag, headline: str = "") -> Selection:
    blocks, elements = walked.blocks, walked.elements
    guided = guide.size >= MIN_GUIDE_WORDS
    if guided:
        matched = [
            index
            for index, block in enumerate(blocks)
            if isinstance(block, TEXT_BLOCKS) and guide.take(block_text(block))
        ]
        guided = bool(matched)
    if not guided:
        matched = [
            index
            for index, block in enumerate(blocks)
            if isinstance(block, TEXT_BLOCKS) and _within(elements[index], region)
        ]
    if not matched:
        inside = [index for index, element in enumerate(elements) if _within(element, region)]
        return Selection(None, [], inside, False)
    if guided:
        matched = sorted(set(matched) | set(_in_article_containers(walked, matched)))
        matched = sorted(set(matched) | set(_section_headings(blocks, matched)) | set(_repeats(blocks, matched)))
    title = _title_index(walked, matched, headline)
    if title is not None and title in matched:
        matched.remove(title)
    start = matched[0] if matched else (title + 1 if title is not None else 0)
    last = matched[-1] if matched else start - 1
    end = _trailing_end(blocks, elements, last, set(matched), _common_ancestor(elements[start], elements[last]))
    chosen = set(matched)
    body = [
        index
        for index in range(start, end + 1)
        if index != title and (index in chosen or not isinstance(blocks[index], TEXT_BLOCKS))
    ]
    # Related cards and "Read more" lists often follow the article element rather than sit inside it.
    body += [index for index in range(end + 1, len(blocks)) if isinstance(blocks[index], RelatedFound)]
    header = _header_zone(walked, title, start)
    return Selection(title, header, body, guided)


def _signature(element: Tag | None) -> tuple | None:
    if element is None or not isinstance(element, Tag):
        return None
    classes = element.get("class") or []
    names = tuple(sorted(classes if isinstance(classes, list) else [classes]))
    return (element.name, names, element.get("id") or "") if names or element.get("id") else None


def _in_article_containers(walked: Walked, matched: list[int]) -> list[int]:
    """Text the guide missed in the article's own containers: an article split into chunks (`div.article__body`
    after a pull quote or an ad slot) whose later chunks trafilatura stops before. A container is the article's
    when it holds two matched blocks; its siblings of the same kind (same tag and class) are too."""
    parents = [walked.elements[index].parent for index in matched if walked.elements[index] is not None]
    counts: dict[int, int] = {}
    for parent in parents:
        counts[id(parent)] = counts.get(id(parent), 0) + 1
    containers = {id(parent): parent for parent in parents if counts[id(parent)] >= 2}
    signatures = {_signature(parent) for parent in containers.values()} - {None}
    grandparents = {id(parent.parent) for parent in containers.values() if parent.parent is not None}
    found = []
    for index, (block, element) in enumerate(zip(walked.blocks, walked.elements)):
        if index in matched or element is None or not isinstance(block, (Paragraph, Heading, BulletList, BlockQuote)):
            continue
        parent = element.parent
        if parent is None:
            continue
        same_chunk_kind = (
            _signature(parent) in signatures
            and parent.parent is not None
            and (
                id(parent.parent) in grandparents
                or id(parent.parent.parent)
                in {
                    id(c.parent.parent)
                    for c in containers.values()
                    if c.parent is not None and c.parent.parent is not None
                }
            )
        )
        if (id(parent) in containers or same_chunk_kind) and _is_prose(block):
            found.append(index)
    return found


def _is_prose(block) -> bool:
    """A paragraph of sentences, not a call to action ("Buy Now", "Subscribe to us on YouTube") or a dateline."""
    if not isinstance(block, Paragraph):
        return False
    text = block.text
    return len(text.split()) >= PROSE_WORDS and _SENTENCE_END.search(text) is not None


def _section_headings(blocks: list, matched: list[int]) -> list[int]:
    """Headings the guide dropped between the article's paragraphs, each introducing one it kept."""
    chosen = set(matched)
    found = []
    for index in range(matched[0] + 1, matched[-1]):
        if index in chosen or not isinstance(blocks[index], Heading):
            continue
        following = next(
            (later for later in range(index + 1, len(blocks)) if isinstance(blocks[later], TEXT_BLOCKS)), None
        )
        if following in chosen and isinstance(blocks[following], Paragraph):
            found.append(index)
    return found


def _repeats(blocks: list, matched: list[int]) -> list[int]:
    """A paragraph the article repeats word for word: trafilatura keeps one copy, the article has both."""
    texts = {block_text(blocks[index]) for index in matched}
    return [
        index
        for index in range(matched[0] + 1, matched[-1])
        if _is_prose(blocks[index]) and block_text(blocks[index]) in texts
    ]


def _title_index(walked: Walked, matched: list[int], headline: str) -> int | None:
    """The page's <h1> for the article: the last one before the body (a site's logo may be an h1 at the top),
    else the first inside it; one that repeats the page's declared headline wins."""
    start, end = matched[0], matched[-1]
    h1s = [
        index
        for index, element in enumerate(walked.elements)
        if element is not None and element.name == "h1" and isinstance(walked.blocks[index], Heading)
    ]
    wanted = _normal(headline)
    if wanted:
        named = [index for index in h1s if _normal(walked.blocks[index].text) == wanted and index <= end]
        if named:
            return named[-1] if any(index <= start for index in named) else named[0]
    before = [index for index in h1s if index <= start]
    if before:
        return before[-1]
    inside = [index for index in h1s if start < index <= end]
    return inside[0] if inside else None


def _trailing_end(blocks: list, elements: list, end: int, matched: set[int], container: Tag | None) -> int:
    """Extend the body's end over the sign-off, editor and update lines that close an article, and over the
    photos and pull quotes after its last paragraph that sit in the article's own element."""
    unmatched = 0
    index = end + 1
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, META_BLOCKS) and not isinstance(block, RelatedFound):
            end = index
        elif isinstance(block, TEXT_BLOCKS) and index not in matched:
            unmatched += 1
            if unmatched > TRAILING_UNMATCHED or len(block_text(block)) > 200:
                break
        elif isinstance(block, (FigureDraft, PullQuote)):
            if container is None or not _within(elements[index], container):
                break
            end = index
        index += 1
    return end


def _common_ancestor(first: Tag | None, last: Tag | None) -> Tag | None:
    """The smallest element holding both blocks, unless that is the whole page."""
    if first is None or last is None:
        return None
    ancestors = {id(element) for element in (first, *first.parents)}
    for element in (last, *last.parents):
        if id(element) in ancestors:
            return None if element.name in ("body", "html", "[document]") else element
    return None


def _header_zone(walked: Walked, title: int | None, start: int) -> list[int]:
    if title is None or title >= start:
        return []
    zone = list(range(title + 1, start))
    paragraphs = sum(1 for index in zone if isinstance(walked.blocks[index], Paragraph))
    characters = sum(len(block_text(walked.blocks[index])) for index in zone)
    if paragraphs > HEADER_MAX_PARAGRAPHS or characters > HEADER_MAX_CHARACTERS:
        return []
    return zone


def _within(element: Tag | None, region: Tag) -> bool:
    if element is None:
        return False
    return element is region or any(parent is region for parent in element.parents)


def _normal(text: str) -> str:
    return " ".join(clean(text).lower().split())
