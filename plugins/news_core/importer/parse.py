"""parse(text) -> Article: read a raw text dump of a news page, keeping every sentence and every credit.

The dump is split into blocks (runs of non-blank lines). Cruft lines are dropped first; the header
(title, date, standfirst) is read from the first blocks; every later block is classified on its own:
figure, read-more links, sign-off, editor, update note, list, heading or paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from . import lines as L
from .article import Article, BulletList, Figure, Heading, InlineFigure, Paragraph, RelatedLink
from .datelines import byline_names, find_date, is_dateline
from .dates import BadDate, parse_date_line
from .errors import ImportProblem
from .pullquotes import suggest_pull_quotes
from .text_locate import Window, is_prose, locate

_MAX_CREDIT_LINE = 1000  # captions are short; never run the credit pattern over a 1 MB line
_MAX_TITLE = 300
_UPDATED = re.compile(r"\b(?:updated|last updated|aktualisiert|mis à jour|actualizado|atualizado|aggiornato)\b", re.I)


@dataclass
class _Block:
    line_no: int  # 1-based number of the block's first line in the raw file
    lines: list[str]
    after_video: bool = False  # follows a dropped video player: its title, never a heading

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def parse(text: str, site_timezone: ZoneInfo | None = None) -> Article:
    """Build an Article from the text of a raw dump; raise ImportProblem when it cannot be one."""
    blocks = _blocks(text)
    if not blocks:
        raise ImportProblem("no article text: only navigation or blank lines")
    window = locate([block.lines for block in blocks])
    if window.title is None:
        raise ImportProblem(
            "no headline: no line reads as a title; put the headline on a line of its own above the text",
            line=blocks[0].line_no,
        )
    title_block, title_index = window.title
    title = blocks[title_block].lines[title_index]
    article = Article(title=title)
    blocks = _article_blocks(blocks, window)
    _read_header(blocks, article, site_timezone)
    _read_body(blocks, article)
    article.related = [link for link in article.related if link.title]  # a trailing lone `Read more:`
    article.body = suggest_pull_quotes(article.body)
    article.slug = slugify(article.title)
    return article


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    after_video = False
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = L.clean_line(raw_line)
        if not line:
            current = None
            continue
        if L.is_cruft(line):
            after_video = after_video or L.is_video_notice(line)
            continue
        if current is None:
            current = _Block(number, [], after_video=after_video)
            blocks.append(current)
        after_video = False
        current.lines.append(line)
    for block in blocks:
        block.lines = _join_credit_labels(block.lines)
    return _join_detached_credits(blocks)


def _join_credit_labels(lines: list[str]) -> list[str]:
    """`Credit...` on a line of its own with the name on the next: one credit line."""
    joined: list[str] = []
    for line in lines:
        if joined and L.is_credit_label(joined[-1]):
            joined[-1] = f"{joined[-1]}{'' if joined[-1].endswith(('...', '…')) else ' '}{line}"
        else:
            joined.append(line)
    return joined


def _article_blocks(blocks: list[_Block], window: Window) -> list[_Block]:
    """The blocks after the headline that belong to the article (text_locate), without the menus and teaser
    boxes inside it; header lines before the first paragraph that are neither a dateline, a byline nor part of
    a photo (share counts, a reading time, the author's name alone) are page furniture."""
    start_block, start_line = window.start
    chosen: list[_Block] = []
    for index in range(start_block, window.end + 1):
        if index in window.boxes or index >= len(blocks):
            continue
        block = blocks[index]
        skip = start_line if index == start_block else 0
        lines = block.lines[skip:]
        if lines:
            chosen.append(_Block(block.line_no + skip, lines, block.after_video))
    return _without_header_furniture(chosen)


def _without_header_furniture(blocks: list[_Block]) -> list[_Block]:
    if not any(is_prose(line) for block in blocks for line in block.lines):
        return blocks  # a short notice or a list: every line is the article
    kept: list[_Block] = []
    for position, block in enumerate(blocks):
        if any(is_prose(line) for line in block.lines):
            return kept + blocks[position:]
        if _figure(block) is not None or _HEADER_KEEP(block):
            kept.append(block)
            continue
        lines = [
            line
            for line in block.lines
            if is_dateline(line)
            or L.match_byline(line)
            or L.match_credit(line)
            or L.is_update_note(line)
            or _is_short_sentence(line, block)
        ]
        if lines:
            kept.append(_Block(block.line_no, lines, block.after_video))
    return kept


def _is_short_sentence(line: str, block: _Block) -> bool:
    """A standfirst of one short sentence, alone between blank lines; furniture ("16", "SHARE") is not."""
    return len(block.lines) == 1 and any(ch.isalpha() for ch in line) and line.endswith((".", "!", "?", "…", "。"))


def _HEADER_KEEP(block: _Block) -> bool:
    """Figures whose credit sits on the next block, and bullet lists, keep their place in the header."""
    return all(L.match_bullet(line) for line in block.lines)


def _join_detached_credits(blocks: list[_Block]) -> list[_Block]:
    """`Alt text`, blank line, `Image: Agency`: the credit belongs to the line above, not to nothing."""
    joined: list[_Block] = []
    for block in blocks:
        credit = L.match_credit(block.lines[0]) if len(block.lines) == 1 else None
        previous = joined[-1] if joined else None
        # len(joined) > 1: the line above must not be the headline (joined[0]).
        if (
            credit
            and not credit.caption
            and previous
            and len(previous.lines) == 1
            and L.match_credit(previous.lines[0]) is None
            and len(joined) > 1
        ):
            previous.lines.append(block.lines[0])
            continue
        joined.append(block)
    return joined


def _read_header(blocks: list[_Block], article: Article, site_timezone) -> None:
    """Date (within the first blocks) and standfirst (the first paragraph after the title and date)."""
    for index, block in enumerate(blocks[:4]):
        if len(block.lines) != 1:
            continue
        names = L.match_byline(block.lines[0])
        if names:
            article.authors.extend(names)
            del blocks[index]
            break
    for index, block in enumerate(blocks[:4]):
        if len(block.lines) != 1:
            continue
        try:
            date = parse_date_line(block.lines[0], site_timezone)
        except BadDate as error:
            raise ImportProblem(str(error), line=block.line_no) from None
        if date is not None:
            article.date = date
            del blocks[index]
            break
    else:
        _read_datelines(blocks, article, site_timezone)
        if article.date is None:
            _find_labelled_date(blocks, article, site_timezone)
    for index, block in enumerate(blocks[:4]):
        if _figure(block) is None and _is_prose(block):
            article.standfirst = block.text
            del blocks[index]
            return


def _read_datelines(blocks: list[_Block], article: Article, site_timezone) -> None:
    """`15 August 2020, 21:40`, `Updated: 16 August 2020, 08:15`, `Posted by Jane Doe on ...` among the header's
    lines: the first is the date, an "updated" one the modification date, names after "by" the authors."""
    for block in blocks[:4]:
        for line in [line for line in block.lines if is_dateline(line)]:
            date = find_date(line, site_timezone)
            if date is not None and _UPDATED.search(line):
                article.modified = article.modified or date
            elif date is not None:
                article.date = article.date or date
            article.authors.extend(name for name in byline_names(line) if name not in article.authors)
            block.lines.remove(line)
    blocks[:] = [block for block in blocks if block.lines]


def _find_labelled_date(blocks: list[_Block], article: Article, site_timezone) -> None:
    """Older page layouts print `Date 15.08.2020` in a trailer below the article."""
    for block in blocks:
        for line in block.lines:
            try:
                date = parse_date_line(line, site_timezone) if line.startswith("Date ") else None
            except BadDate as error:
                raise ImportProblem(str(error), line=block.line_no + block.lines.index(line)) from None
            if date is not None:
                article.date = date
                block.lines.remove(line)
                if not block.lines:
                    blocks.remove(block)
                return
    article.warnings.append("no date line after the title; the article has no date until an editor sets `date:`")


def _is_prose(block: _Block) -> bool:
    line = block.text
    return not (
        L.match_read_more(line)
        or L.match_sign_off(line)
        or L.match_editor(line)
        or L.is_update_note(line)
        or all(L.match_bullet(item) for item in block.lines)
    )


def _read_body(blocks: list[_Block], article: Article) -> None:
    body = article.body
    blocks[:] = [block for block in blocks if block.lines]
    for position, block in enumerate(blocks):
        figure = _figure(block)
        if figure is not None:
            if article.hero is None:
                article.hero = figure
            else:
                body.append(InlineFigure(figure))
            continue
        rest = _read_meta_lines(block, article)
        if not rest:
            continue
        block = _Block(block.line_no, rest, block.after_video)
        matched = [L.match_bullet(line) for line in block.lines]
        items = [item for item in matched if item]
        if len(items) == len(matched):
            if body and isinstance(body[-1], BulletList):
                body[-1] = BulletList(body[-1].items + tuple(items))
            else:
                body.append(BulletList(tuple(items)))
            continue
        if (
            len(block.lines) == 1
            and not block.after_video
            and L.looks_like_heading(block.lines[0])
            and _followed_by_prose(blocks, position)
        ):
            body.append(Heading(block.lines[0]))
            continue
        body.append(Paragraph(block.text))


def _read_meta_lines(block: _Block, article: Article) -> list[str]:
    """Take read-more, sign-off, editor and update-note lines out of a block; return the other lines."""
    rest = []
    for line in block.lines:
        if article.related and article.related[-1].title == "":  # after a lone `Read more:`
            article.related[-1] = RelatedLink(title=line)
            continue
        if L.is_read_more_alone(line):
            article.related.append(RelatedLink(title=""))
            continue
        title = L.match_read_more(line)
        if title:
            article.related.append(RelatedLink(title=title))
            continue
        names = L.match_byline(line) if line.startswith("Author") else None
        if names:
            article.authors.extend(n for n in names if n not in article.authors)
            continue
        editor = L.match_editor(line)
        if editor:
            article.editor = editor
            continue
        if L.is_update_note(line):
            article.update_note = f"{article.update_note} {line}".strip()
            continue
        sign_off = L.match_sign_off(line) if len(line) < 200 else None
        if sign_off:
            article.authors.extend(a for a in sign_off.authors if a not in article.authors)
            article.agencies.extend(a for a in sign_off.agencies if a not in article.agencies)
            continue
        rest.append(line)
    return rest


def _figure(block: _Block) -> Figure | None:
    """An alt line followed by `Image: credit`, the credit possibly glued to a caption."""
    last = block.lines[-1]
    if len(block.lines) > 3 or len(last) > _MAX_CREDIT_LINE:
        return None
    credit = L.match_credit(last)
    if credit is None:
        return None
    before = block.lines[:-1]
    if len(before) == 2:
        alt, caption = before
        if credit.caption:
            caption = f"{caption} {credit.caption}"
    elif len(before) == 1:
        alt, caption = before[0], credit.caption or before[0]
    else:
        alt = caption = credit.caption
    return Figure(alt=alt, caption=caption, credit=credit.credit)


def _followed_by_prose(blocks: list[_Block], position: int) -> bool:
    for block in blocks[position + 1 :]:
        if _figure(block) is not None:
            continue
        line = block.lines[0]
        if L.match_read_more(line):
            continue
        return not (L.match_sign_off(line) or L.match_editor(line) or L.is_update_note(line))
    return False


def slugify(title: str, fallback: str = "article") -> str:
    """ASCII, lowercase, hyphenated; `fallback` when a title has no Latin letters (Arabic, emoji)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ascii_title = re.sub(r"(?<=\w)'(?=\w)", "", ascii_title)  # "Lebanon's" -> "lebanons", not "lebanon-s"
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:80].rstrip("-") or fallback
