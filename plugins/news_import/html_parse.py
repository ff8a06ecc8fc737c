"""parse_html(data) -> Article: read a saved news page into the same Article a text dump becomes.

Steps, each in its own module: decode the bytes as the page declares (html_decode); read JSON-LD and <meta>
(html_meta); drop scripts, navigation, ads, share bars and cookie banners (html_clean); find the article
element (html_main); walk it into blocks (html_blocks). This module decides the header fields (title, date,
standfirst, hero) with the text importer's rules, and suggests pull quotes when the page has none.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag

from .article import Article, BlockQuote, Figure, Heading, InlineFigure, Paragraph, PullQuote
from .dates import BadDate, parse_date_line
from .errors import ImportProblem
from .html_blocks import FigureDraft, Walked, clean, is_related_container, mark_line_breaks, text_of, walk_article
from .html_clean import class_words, strip_cruft
from .html_decode import decode_html
from .html_main import main_content
from .html_meta import Located, PageMeta, read_page_meta
from .parse import slugify
from .pullquotes import suggest_pull_quotes

MAX_TITLE = 300
HEADER_BLOCKS = 4  # as in text dumps: the date line and the standfirst sit among the first blocks
_STANDFIRST_WORDS = frozenset("standfirst intro lead lede dek deck summary subheadline subtitle".split())
# "Stand: 14.07.2023 18:31 Uhr", "Published: 15 August 2020": the date without the words around it.
_DATELINE_LABELS = re.compile(r"^(?:Stand|Published|Posted|Date|Datum|Veröffentlicht|Publié le)\s*:?\s*|\s*Uhr$", re.I)
_DATE_LABEL = re.compile(r"^\s*(?:Date|Datum|Published|Veröffentlicht)\b", re.I)
_NO_DATE = "no publication date in the page (JSON-LD, <meta>, <time> or a date line); the article has no date " \
           "until an editor sets `date:`"


def parse_html(data: bytes, site_timezone: ZoneInfo | None = None) -> tuple[Article, list[str]]:
    """Build an Article from a saved page; raise ImportProblem when it cannot be one."""
    text, warnings = decode_html(data)
    if "<" not in text:
        raise ImportProblem("no HTML markup in the file: save the page as HTML, or name it .txt if it is a text dump")
    soup = BeautifulSoup(text, "html.parser")
    meta = read_page_meta(soup)
    strip_cruft(soup)
    mark_line_breaks(soup)
    content, notes = main_content(soup)
    warnings += notes
    title, title_element = _title(soup, content, meta)
    article = Article(title=title)
    roots = [*_page_header(title_element, content), content]
    standfirst_element = next(filter(None, (_standfirst_element(root) for root in roots)), None)
    if standfirst_element is not None:
        article.standfirst = clean(text_of(standfirst_element))
    article.date = _date_from_meta(meta, roots, site_timezone)
    skip = {id(element) for element in (title_element, standfirst_element) if element is not None}
    walked = walk_article(roots, skip, title, meta.base_url)
    _read_header_blocks(walked, article, site_timezone)
    if article.date is None:
        article.date = _first_date(_labelled_dates(soup), site_timezone)
    if article.date is None:
        warnings.append(_NO_DATE)
    _fill_article(article, walked, meta)
    return article, warnings


def _title(soup: BeautifulSoup, content: Tag, meta: PageMeta) -> tuple[str, Tag | None]:
    heading = content.find("h1")
    candidates = [(heading, None)] if heading is not None else []
    candidates += [(None, meta.headline), (soup.find("h1"), None), (None, meta.social_title), (None, meta.page_title)]
    for element, located in candidates:
        title = clean(text_of(element)) if element is not None else clean(located.value) if located else ""
        if not title:
            continue
        if len(title) > MAX_TITLE:
            line = element.sourceline if element is not None else located.line
            raise ImportProblem(f"the headline is {len(title)} characters long, too long for a title", line=line)
        return title, element
    raise ImportProblem("no headline: the page has no <h1>, og:title, JSON-LD headline or <title>")


def _page_header(title_element: Tag | None, content: Tag) -> list[Tag]:
    """The elements after a headline that sits outside the article element, up to the article: standfirst,
    date and lead photo above the text column. Empty when the headline is inside the article."""
    if title_element is None or _inside(title_element, content):
        return []
    header = []
    for sibling in title_element.find_next_siblings():
        if sibling is content or _inside(content, sibling):
            break
        header.append(sibling)
    paragraphs = sum(len(element.find_all("p")) + (element.name == "p") for element in header)
    if paragraphs > 3 or sum(len(clean(text_of(element))) for element in header) > 2000:
        return []  # a page column rather than a header: leave it out
    return header


def _inside(element: Tag, ancestor: Tag) -> bool:
    return any(parent is ancestor for parent in element.parents)


def _standfirst_element(content: Tag) -> Tag | None:
    for element in [content, *content.find_all(["p", "div", "h2", "section"])]:
        if element.name not in ("p", "div", "h2", "section"):
            continue
        if not (_STANDFIRST_WORDS & class_words(element)) or _inside_related(element):
            continue
        text = clean(text_of(element))
        # A wrapper named `article-lead` may hold the whole body: a standfirst is one short paragraph.
        if not _in_image_block(element, content) and 20 <= len(text) <= 600 and len(element.find_all("p")) <= 1:
            return element
    return None


def _in_image_block(element: Tag, content: Tag) -> bool:
    """Part of a figure or of a block holding an image: a `subtitle` there is a caption, not the standfirst."""
    for block in (element, *element.parents):
        if block is content or not isinstance(block, Tag):
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


def _date_from_meta(meta: PageMeta, roots: list[Tag], site_timezone) -> dt.date | dt.datetime | None:
    candidates = list(meta.published)
    times = [time for root in roots for time in ([root] if root.name == "time" else root.find_all("time"))
             if not _inside_related(time)]
    if times:  # the first <time>: the publication date comes before any date in the text
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


def _read_header_blocks(walked: Walked, article: Article, site_timezone) -> None:
    """Date lines among the first blocks are dropped (and are the date when the page had none in its markup);
    the first paragraph there is the standfirst when no element is marked as one."""
    index = 0
    seen = 0
    past_heading = False
    while index < len(walked.blocks) and seen < HEADER_BLOCKS:
        block = walked.blocks[index]
        if isinstance(block, Paragraph) and len(block.text) <= 60:
            try:
                date = parse_date_line(_DATELINE_LABELS.sub("", block.text), site_timezone)
            except BadDate as error:
                raise ImportProblem(str(error), line=walked.lines[index]) from None
            if date is not None:
                article.date = article.date or date
                _drop(walked, index)
                continue
        if isinstance(block, Paragraph) and not article.standfirst and not past_heading:
            article.standfirst = block.text
            _drop(walked, index)
            continue
        past_heading = past_heading or isinstance(block, Heading)
        if not isinstance(block, FigureDraft):
            seen += 1
        index += 1


def _drop(walked: Walked, index: int) -> None:
    del walked.blocks[index]
    del walked.lines[index]


def _fill_article(article: Article, walked: Walked, meta: PageMeta) -> None:
    body = []
    for block in walked.blocks:
        if isinstance(block, FigureDraft):
            figure = Figure(alt=block.alt or block.caption, caption=block.caption, credit=block.credit)
            if article.hero is None:
                article.hero = figure
            else:
                body.append(InlineFigure(figure))
        else:
            body.append(block)
    body = _pull_quotes_kept_or_suggested(body)
    article.body = body
    article.related = walked.related
    article.authors = walked.authors or walked.byline or list(meta.authors)
    article.agencies = walked.agencies
    article.editor = walked.editor
    article.update_note = walked.update_note
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
