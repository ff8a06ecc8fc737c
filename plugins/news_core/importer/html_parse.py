"""parse_html(data) -> Article: read a saved news page into the same Article a text dump becomes.

Steps, each in its own module: decode the bytes as the page declares (html_decode); ask trafilatura which text
is the article (html_guide); read JSON-LD and <meta> (html_meta); drop scripts, navigation, ads, share bars and
cookie banners (html_clean); walk the whole page into blocks (html_blocks); keep the article's blocks, its
headline and the header under it (html_select; html_main's guess of the article element when there is no
guide). This module decides the header fields (title, date, standfirst, hero) with the text importer's rules,
and suggests pull quotes when the page has none.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag

from . import lines as L
from .article import Article, BlockQuote, Figure, Heading, InlineFigure, Paragraph, PullQuote
from .datelines import byline_names, find_date, is_dateline
from .dates import BadDate, parse_date_line
from .errors import ImportProblem
from .html_blocks import (
    BylineFound,
    EditorFound,
    FigureDraft,
    RelatedFound,
    SignOffFound,
    UpdateNoteFound,
    Walked,
    clean,
    is_related_container,
    mark_line_breaks,
    text_of,
    walk_page,
)
from .html_clean import class_words, strip_cruft
from .html_decode import decode_html
from .html_guide import Guide, main_text
from .html_main import main_content
from .html_meta import Located, PageMeta, read_page_meta
from .html_select import TEXT_BLOCKS, Selection, block_text, select_article
from .parse import slugify
from .pullquotes import suggest_pull_quotes
from .text_locate import is_prose, is_sentence

MAX_TITLE = 300
# What a JavaScript app's empty shell shows until its script has fetched the article.
_PLACEHOLDER = re.compile(
    r"^\W*(?:loading|please wait|one moment|wird geladen|lädt|chargement|cargando|carregando"
    r"|caricamento|you need to enable javascript.*|please enable javascript.*|javascript is required.*)"
    r"[\s.…!]*$",
    re.I,
)

HEADER_BLOCKS = 4  # as in text dumps: the date line and the standfirst sit among the first blocks
_STANDFIRST_WORDS = frozenset("standfirst intro lead lede dek deck summary subheadline subtitle".split())
# "Stand: 14.07.2023 18:31 Uhr", "Published: 15 August 2020": the date without the words around it.
_DATELINE_LABELS = re.compile(r"^(?:Stand|Published|Posted|Date|Datum|Veröffentlicht|Publié le)\s*:?\s*|\s*Uhr$", re.I)
_DATE_LABEL = re.compile(r"^\s*(?:Date|Datum|Published|Veröffentlicht)\b", re.I)
_NO_DATE = (
    "no publication date in the page (JSON-LD, <meta>, <time> or a date line); the article has no date "
    "until an editor sets `date:`"
)


def parse_html(data: bytes, site_timezone: ZoneInfo | None = None) -> tuple[Article, list[str]]:
    """Build an Article from a saved page; raise ImportProblem when it cannot be one."""
    text, warnings = decode_html(data)
    if "<" not in text:
        raise ImportProblem("no HTML markup in the file: save the page as HTML, or name it .txt if it is a text dump")
    guide = Guide(main_text(text))
    soup = BeautifulSoup(text, "html.parser")
    meta = read_page_meta(soup)
    holds_article = (lambda tag: guide.holds(tag.get_text(" "))) if guide else None
    strip_cruft(soup, holds_article)
    mark_line_breaks(soup)
    region, notes = main_content(soup)
    walked = walk_page(soup.body or soup, meta.base_url, holds_article)
    selection = select_article(walked, guide, region, _declared_headline(meta))
    if not selection.guided:
        warnings += notes
    article = Article(title=_title(walked, selection, meta))
    header, body = _Part(walked, selection.header), _Part(walked, selection.body)
    _take_standfirst(article, header, body, region)
    title_element = walked.elements[selection.title] if selection.title is not None else None
    article.date = _date_from_meta(meta, title_element, region, site_timezone)
    for part in (header, body):
        _take_datelines(part, article, site_timezone, limit=len(part.blocks) if part is header else HEADER_BLOCKS)
    if article.date is None:
        article.date = _first_date(_labelled_dates(soup), site_timezone)
    if article.date is None:
        warnings.append(_NO_DATE)
    texts = [article.standfirst, *(block_text(block) for block in body.blocks)]
    if not any(text and not _PLACEHOLDER.match(text) for text in texts):
        raise ImportProblem(
            "no article text on the page (an app shell that loads its text with JavaScript?):"
            " save the page once it has loaded, or copy its text into a .txt file"
        )
    _fill_article(article, header.blocks + body.blocks, meta)
    article.modified = _modified(meta, article.date, site_timezone, warnings)
    article.source_url = meta.canonical_url
    return article, warnings


def _modified(meta: PageMeta, published, site_timezone, warnings: list[str]):
    """The page's own "last updated", when it is later than its publication; an unreadable one is a warning."""
    for candidate in meta.modified:
        try:
            modified = parse_date_line(clean(candidate.value), site_timezone)
        except BadDate as error:
            warnings.append(f"the page's modification date is unreadable ({error}); `modified:` left empty")
            return None
        if modified is not None:
            return modified if published is None or _later(modified, published) else None
    return None


def _later(modified, published) -> bool:
    """Compare a date with a date-time by their days when either has no time."""
    if isinstance(modified, dt.datetime) and isinstance(published, dt.datetime):
        try:
            return modified > published
        except TypeError:  # one naive, one aware
            return modified.replace(tzinfo=None) > published.replace(tzinfo=None)
    as_day = lambda value: value.date() if isinstance(value, dt.datetime) else value  # noqa: E731
    return as_day(modified) > as_day(published)


class _Part:
    """Some of the walk's blocks (the header zone, or the body), with their elements, editable together."""

    def __init__(self, walked: Walked, indexes: list[int]):
        self.blocks = [walked.blocks[index] for index in indexes]
        self.elements = [walked.elements[index] for index in indexes]

    def drop(self, position: int) -> None:
        del self.blocks[position]
        del self.elements[position]


def _declared_headline(meta: PageMeta) -> str:
    for located in (meta.headline, meta.social_title, meta.page_title):
        if located is not None and clean(located.value):
            return clean(located.value)
    return ""


def _title(walked: Walked, selection: Selection, meta: PageMeta) -> str:
    candidates: list[tuple[str, int | None]] = []
    if selection.title is not None:
        element = walked.elements[selection.title]
        candidates.append((walked.blocks[selection.title].text, element.sourceline if element is not None else None))
    candidates += [
        (clean(located.value), located.line)
        for located in (meta.headline, meta.social_title, meta.page_title)
        if located is not None
    ]
    for title, line in candidates:
        if not title:
            continue
        if len(title) > MAX_TITLE:
            raise ImportProblem(f"the headline is {len(title)} characters long, too long for a title", line=line)
        return title
    raise ImportProblem("no headline: the page has no <h1>, og:title, JSON-LD headline or <title>")


def _take_standfirst(article: Article, header: _Part, body: _Part, region: Tag) -> None:
    """An element marked as the standfirst (class `dek`, `lead`, `standfirst`...) in the header or at the top of
    the body; else the first paragraph of the header zone; else (below, with the datelines) the body's first."""
    for part, limit in ((header, len(header.blocks)), (body, HEADER_BLOCKS)):
        for position, (block, element) in enumerate(zip(part.blocks[:limit], part.elements[:limit])):
            if isinstance(block, (Paragraph, Heading)) and _is_marked_standfirst(element, block.text, region):
                article.standfirst = block.text
                part.drop(position)
                return
    for position, block in enumerate(header.blocks):
        if isinstance(block, Paragraph) and len(block.text) >= 20 and _reads_as_standfirst(block.text):
            article.standfirst = block.text
            header.drop(position)
            return


def _reads_as_standfirst(text: str) -> bool:
    """A sentence or two, not a dateline, a byline or a label."""
    if _is_dateline(text) or L.match_byline(text) or byline_names(text):
        return False
    return is_prose(text) or is_sentence(text)


def _is_marked_standfirst(element: Tag | None, text: str, region: Tag) -> bool:
    if element is None or not 20 <= len(text) <= 600:
        return False
    for candidate in (element, *list(element.parents)[:2]):
        if not isinstance(candidate, Tag) or candidate.name in ("body", "html", "[document]", "article", "main"):
            return False
        if _STANDFIRST_WORDS & class_words(candidate) and not _inside_related(candidate):
            # A wrapper named `article-lead` may hold the whole body: a standfirst is one short paragraph.
            return len(candidate.find_all("p")) <= 1 and not _in_image_block(candidate, region)
    return False


def _is_dateline(text: str) -> bool:
    try:
        exact = len(text) <= 60 and parse_date_line(_DATELINE_LABELS.sub("", text), None) is not None
    except BadDate:
        return True
    return exact or is_dateline(text)


def _in_image_block(element: Tag, region: Tag) -> bool:
    """Part of a figure or of a block holding an image: a `subtitle` there is a caption, not the standfirst."""
    for block in (element, *element.parents):
        if block is region or not isinstance(block, Tag):
            return False
        if block.name == "figure" or block.find(["img", "picture"]) is not None:
            return True
    return False


def _inside_related(element: Tag) -> bool:
    return any(is_related_container(parent) for parent in element.parents if isinstance(parent, Tag))


def _labelled_dates(soup: BeautifulSoup) -> list[Located]:
    """`Date 10.06.2013` in a details list beside the article: the last resort, only with its label."""
    found = []
    for label in soup.find_all(string=_DATE_LABEL):  # text nodes: one pass, whatever the nesting
        element = label.parent
        for _ in range(3):  # `<li><strong>Date</strong> 10.06.2013</li>`: the label's element, or just above
            if not isinstance(element, Tag):
                break
            text = clean(text_of(element))
            if len(text) > 40:
                break
            if _DATE_LABEL.match(text) and text != clean(label):
                found.append(Located(_DATELINE_LABELS.sub("", text), element.sourceline))
                break
            element = element.parent
    return found


def _date_from_meta(meta: PageMeta, title_element: Tag | None, region: Tag, site_timezone):
    candidates = list(meta.published)
    # The first <time> after the headline (else in the article): the publication date comes before any other.
    times = title_element.find_all_next("time", limit=20) if title_element is not None else []
    times = [time for time in times if not _inside_related(time)] or [
        time for time in ([region] if region.name == "time" else region.find_all("time")) if not _inside_related(time)
    ]
    if times:
        for value in (times[0].get("datetime"), text_of(times[0])):
            if value and value.strip():
                candidates.append(Located(value, times[0].sourceline))
    return _first_date(candidates, site_timezone)


def _first_date(candidates: list[Located], site_timezone) -> dt.date | dt.datetime | None:
    for candidate in candidates:
        value = clean(candidate.value)
        try:
            date = parse_date_line(value, site_timezone)
        except BadDate as error:
            raise ImportProblem(str(error), line=candidate.line) from None
        if date is not None:
            return date
    return None


def _take_datelines(part: _Part, article: Article, site_timezone, limit: int) -> None:
    """Date lines among the first blocks are dropped (and are the date when the page had none in its markup);
    in the body, the first paragraph there is the standfirst when nothing else was."""
    index = 0
    seen = 0
    past_heading = False
    while index < len(part.blocks) and seen < limit:
        block = part.blocks[index]
        if isinstance(block, Paragraph) and len(block.text) <= 60:
            try:
                date = parse_date_line(_DATELINE_LABELS.sub("", block.text), site_timezone)
            except BadDate as error:
                element = part.elements[index]
                raise ImportProblem(str(error), line=element.sourceline if element is not None else None) from None
            if date is not None:
                article.date = article.date or date
                part.drop(index)
                continue
        if isinstance(block, Paragraph) and is_dateline(block.text):
            # `PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: ...`, `By Jane Doe - 11/18/19 11:04 PM EST`
            article.date = article.date or find_date(block.text, site_timezone)
            part.blocks[index] = BylineFound(byline_names(block.text)) if byline_names(block.text) else None
            if part.blocks[index] is None:
                part.drop(index)
            else:
                index += 1
            continue
        if isinstance(block, Paragraph) and not article.standfirst and not past_heading and limit == HEADER_BLOCKS:
            article.standfirst = block.text
            part.drop(index)
            continue
        past_heading = past_heading or isinstance(block, Heading)
        if isinstance(block, TEXT_BLOCKS):
            seen += 1
        index += 1


def _fill_article(article: Article, blocks: list, meta: PageMeta) -> None:
    body = []
    byline: list[str] = []
    for block in blocks:
        if isinstance(block, FigureDraft):
            figure = Figure(alt=block.alt or block.caption, caption=block.caption, credit=block.credit, src=block.src)
            if article.hero is None:
                article.hero = figure
            else:
                body.append(InlineFigure(figure))
        elif isinstance(block, RelatedFound):
            link = block.link
            if not any(known.title == link.title or (link.url and known.url == link.url) for known in article.related):
                article.related.append(link)
        elif isinstance(block, SignOffFound):
            article.authors.extend(name for name in block.authors if name not in article.authors)
            article.agencies.extend(name for name in block.agencies if name not in article.agencies)
        elif isinstance(block, BylineFound):
            byline.extend(name for name in block.names if name not in byline)
        elif isinstance(block, EditorFound):
            article.editor = block.name
        elif isinstance(block, UpdateNoteFound):
            article.update_note = f"{article.update_note} {block.text}".strip()
        else:
            body.append(block)
    article.body = _pull_quotes_kept_or_suggested(body)
    article.authors = article.authors or byline or list(meta.authors)
    article.slug = slugify(article.title)


def _pull_quotes_kept_or_suggested(body: list) -> list:
    """The page's own pull quotes stay when they repeat body text; one that does not becomes a paragraph, so
    no words are shown only in a display element that screen readers skip. No page quotes: suggest some."""
    if not any(isinstance(block, PullQuote) for block in body):
        return suggest_pull_quotes(body)
    texts = [block.text for block in body if isinstance(block, Paragraph)]
    texts += [text for block in body if isinstance(block, BlockQuote) for text in block.paragraphs]
    prose = " " + " ".join(_words(text) for text in texts) + " "
    kept = []
    for block in body:
        if isinstance(block, PullQuote) and f" {_words(block.text)} " not in prose:
            text = f"“{block.text}” — {block.attribution}" if block.attribution else block.text
            kept.append(Paragraph(text))
        else:
            kept.append(block)
    return kept


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
