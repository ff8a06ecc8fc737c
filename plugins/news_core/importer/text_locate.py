"""Where the article is in a text dump: its headline, and the run of lines from its header to its last paragraph.

A dump of a whole page ("select all, copy") holds menus, teaser boxes, footers and comments around the article.
There is no markup left, so lines are classified by their shape, the way jusText classifies a page's blocks:
prose (sentences: enough words and a closing mark), short lines (headings, labels, menu entries), boxes (runs of
short lines with no blank line between them: menus and teaser lists; browsers put a blank line between
paragraphs), meta lines (datelines, bylines, credits, read-more links, sign-offs), and footer or box labels
("Most read", "© 2020 ..."). Each line scores for or against being article text; the article is the run of lines
with the best total (a maximum-sum window), which crosses a short heading or a teaser box inside the article
but not a footer of menus. Comment threads are never the article: the window ends before them. The headline is
the title-shaped line just above that run, above its dateline, byline and standfirst.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import lines as L
from .datelines import is_dateline

# A line of sentences: this many words and a closing mark, or simply long.
PROSE_WORDS = 8
LONG_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?…:;。！？」』]['\"’”»)\]]*$")
_INNER_PUNCTUATION = re.compile(r"\w[.,;:!?]\s")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# What a line is worth for or against the article (prose lines are worth their words).
SENTENCE_WEIGHT = 0.5
BOX_PROSE_WEIGHT = 0.3
SHORT_LINE = -1.0
BOX_LINE = -2.0
REPEATED_LINE = -3.0
LABEL_LINE = -15.0
# A comment thread's marker counts once this much prose came before it (not a "Comments" link in the menu).
COMMENTS_AFTER_WORDS = 40
# A box: this many lines or more without a blank line between them, few of them prose.
BOX_LINES = 3
# How far above the article's first paragraph its headline may sit (datelines, bylines, share counts between).
TITLE_REACH = 14
TITLE_WORDS = (3, 30)
# How a candidate headline is weighed: its words up to this many, minus what marks it as page furniture.
TITLE_GOOD_WORDS = 12
SHORT_TITLE_PENALTY = 4.0
TITLE_DISTANCE = 0.25
FURNITURE_PENALTY = 8.0
BYLINE_PENALTY = 6.0
REPEATED_TITLE_BONUS = 1.0
TITLE_INSIDE_REACH = 8  # lines into the window where a headline may still be
TITLE_INSIDE_PROSE = 2
TITLE_INSIDE_PENALTY = 2.0
_NOT_A_TITLE = re.compile(
    r"\b(?:share|sharing|follow|subscribe|sign (?:in|up)|log ?in|newsletter|options|comments?|advertisement|cookies?"
    r"|associated press|staff|writer|reporter|correspondent|contributor|editorial|photographer|updated|published"
    r"|posted|watch|listen|live|latest|headlines|fact checks?|caption|affiliate|commission|sponsored|advertis\w*"
    r"|external links?|browse)\b|@|https?://|www\.|\s[|•>]\s",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?] [A-Z]")
# `Meg Kinnard and Errin Haines, Associated Press`, `Kevin Johnson and Kevin McCoy USA TODAY`: capitalised names.
_NAMES_LINE = re.compile(
    r"^(?:[A-Z][\w.'’-]*\.?\s?){2,4}(?:(?:,|\band\b|&)\s*(?:[A-Z][\w.'’-]*\.?\s?){1,4})*"
    r"(?:,\s*.{0,40})?$"
)
MAX_TITLE = 300

_BOX_LABEL = re.compile(
    r"^(?:most (?:read|popular|viewed|shared|commented)"
    r"|related(?: (?:articles?|stories|posts|content|news|coverage|topics))?"
    r"|recommended(?: for you| stories| articles)?|you (?:may|might) (?:also )?like|read next|up next|trending(?: now)?"
    r"|top stories|latest(?: news| stories)?|more (?:stories|news|from|on|in)\b.*|around the web|sponsored(?: content)?"
    r"|promoted(?: stories| content)?|editor'?s? picks?|don'?t miss|popular(?: now| stories)?|what to read next"
    r"|(?:more|other) (?:articles|headlines)|also (?:read|on)\b.*|see also|further reading)\W*$",
    re.I,
)
_LIST_ITEM = re.compile(r"^\(?\d{1,3}[.)]\s+\S")
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$")
_FOOTER = re.compile(
    r"(?:©|\(c\)\s*\d{4}|\bcopyright\b\s*(?:©|\(c\)|\d{4})|\ball rights reserved\b"
    # Cookie and consent banners are prose, but never the article's.
    r"|\b(?:we|this (?:site|website)) uses? cookies\b|\bcookies? (?:policy|settings|preferences)\b"
    r"|\bconsent to (?:our|the) use\b"
    r"|\bby (?:continuing|clicking|choosing|using)\b.{0,60}\b(?:agree|accept|consent)\b)",
    re.I,
)
# A comment thread starts here; it is never the article and always follows it.
_COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?\W*$|\b\d+\s+comments?\W*$"
    # A comment's own header: `joetoronto says: November 19, 2019 at 6:44 am`, `Alex on ... at 6:34 am said:`.
    r"|^.{1,60}?\b(?:says|said|wrote)\s*:\s*(?:.{0,40}\b(?:19|20)\d\d\b.{0,20})?$|^.{1,60}\b(?:19|20)\d\d\b.{0,30}\b(?:said|says|wrote):$"
    r"|^(?:leave|post|add|write|submit) a (?:comment|reply|response)\b|^comments are closed\b"
    r"|^(?:show|view|load|read|see) (?:all )?(?:the )?(?:\d+ )?comments?\b|^join the (?:conversation|discussion)\b"
    r"|^(?:reader|user) comments\b|^(?:kommentare|commentaires|comentarios|comentários)\W*$",
    re.I,
)


def clear_caches() -> None:
    """Forget the lines classified so far (benchmarks time each pass from cold)."""
    is_prose.cache_clear()
    is_meta.cache_clear()


@dataclass
class Window:
    """The article's place in the dump, as (block, line) positions; `title` is None when none was found."""

    title: tuple[int, int] | None
    start: tuple[int, int]  # the first line after the headline that belongs to the article
    end: int  # the last block of the article
    boxes: set[int]  # blocks inside the window that are menus or teaser lists


@lru_cache(maxsize=8192)  # asked of each line several times (box, score, comments, header)
def is_prose(line: str) -> bool:
    if _is_cjk(line):
        return len(line) >= 30 and bool(_SENTENCE_END.search(line))
    words = line.split()
    if len(words) >= PROSE_WORDS and _SENTENCE_END.search(line):
        return True
    # A long line without a closing mark is prose when it reads as sentences, not as a run of menu entries.
    return len(words) >= LONG_WORDS and bool(_INNER_PUNCTUATION.search(line)) and _lowercase_share(words) >= 0.3


def is_sentence(line: str) -> bool:
    """A short sentence ("The talks failed."): weaker evidence of article text than prose."""
    return len(line.split()) >= 3 and bool(_SENTENCE_END.search(line)) and not line.endswith(":")


def _lowercase_share(words: list[str]) -> float:
    return sum(1 for word in words if word[:1].islower()) / len(words)


def _is_cjk(line: str) -> bool:
    return not line.isascii() and len(_CJK.findall(line)) * 3 > len(line)


def _words(line: str) -> float:
    return len(line) / 2.5 if _is_cjk(line) else float(len(line.split()))


@lru_cache(maxsize=8192)  # menus and footers repeat within a dump and across a site's dumps
def is_meta(line: str) -> bool:
    """A line about the article rather than of it: kept in place, worth nothing either way."""
    return bool(
        L.match_read_more(line)
        or L.is_read_more_alone(line)
        or L.match_editor(line)
        or L.is_update_note(line)
        or (len(line) < 200 and L.match_sign_off(line))
        or (len(line) < 1000 and L.match_credit(line))
        or L.match_byline(line)
        or is_dateline(line)
    )


def _is_box(block: list[str]) -> bool:
    """Lines without a blank line between them, few of them prose: a menu or a teaser list. Bullets, numbered
    items and meta lines do not count towards it."""
    if len(block) < BOX_LINES:
        return False
    plain = [line for line in block if not is_meta(line) and not L.match_bullet(line) and not _LIST_ITEM.match(line)]
    prose = sum(is_prose(line) for line in plain)
    return len(plain) >= BOX_LINES and (prose == 0 or prose * 4 <= len(plain))


def locate(blocks: list[list[str]]) -> Window:
    """Find the article among the blocks (runs of non-blank lines) of a dump."""
    positions = [(b, i) for b, block in enumerate(blocks) for i in range(len(block))]
    if not positions:
        return Window(None, (0, 0), -1, set())
    boxes = {b for b, block in enumerate(blocks) if _is_box(block)}
    lists = {b for b in boxes if _introduced(blocks, b)}
    counts = Counter(line for block in blocks for line in block)
    # Each line's class, computed once (the scores, the comment wall and the headline all ask).
    texts = [blocks[b][i] for b, i in positions]
    footers = [is_footer(line) for line in texts]
    prose_words = [
        _words(line) if is_prose(line) and not footer and not _is_teaser(line) else 0.0
        for line, footer in zip(texts, footers)
    ]
    scores = [
        0.0 if b in lists else _score(line, b in boxes, counts, footer, words)
        for (b, _), line, footer, words in zip(positions, texts, footers, prose_words)
    ]
    limit = _before_comments(texts, prose_words)
    first, last = _best_window(scores[:limit])
    if first is None:  # no prose at all: the dump's first lines are the article (a short notice, a list)
        first, last = 0, len(positions) - 1
    end_block = _trailing_meta(blocks, positions[last][0], limit_block=positions[limit - 1][0] if limit else 0)
    title = _headline(blocks, positions, first, counts)
    # The article starts right after its headline: the header lines between it and the first paragraph
    # (dateline, byline, standfirst, lead photo) are its own; without a headline, at the first paragraph.
    start = _next_position(blocks, title) if title is not None else positions[first]
    inside = {b for b in boxes - lists if start[0] < b <= end_block}
    return Window(title, start, end_block, inside)


def _introduced(blocks: list[list[str]], b: int) -> bool:
    """A list the text announces ("The newly selected five are:", "If you are …") is the article's own, not a
    menu: keep it whole."""
    before = blocks[b - 1][-1] if b > 0 and blocks[b - 1] else ""
    return before.rstrip().endswith((":", "…", "...", "：")) or blocks[b][0].rstrip().endswith((":", "："))


def _is_teaser(line: str) -> bool:
    """A summary cut short with an ellipsis: a teaser for another article, not a paragraph of this one."""
    return line.endswith(("...", "…")) and not line.endswith(("....", "……"))


def is_footer(line: str) -> bool:
    """A copyright line or a cookie notice (the full pattern runs only on lines that name one)."""
    lower = line.lower()
    hinted = (
        "©" in line
        or "(c)" in lower
        or "copyright" in lower
        or "rights reserved" in lower
        or "cookie" in lower
        or "consent" in lower
        or "agree" in lower
        or "accept" in lower
    )
    return hinted and bool(_FOOTER.search(line))


def _score(line: str, in_box: bool, counts: Counter, footer: bool, prose_words: float) -> float:
    if footer or _BOX_LABEL.match(line):
        return LABEL_LINE
    if prose_words:
        # Prose inside a menu block is a footer's address or a teaser's summary more often than article text.
        return prose_words * (BOX_PROSE_WEIGHT if in_box else 1.0)
    if is_meta(line) or _LIST_ITEM.match(line) or _ADDRESS.match(line):
        return 0.0  # a numbered item or a bare link: the article's own list more often than a menu's
    if is_sentence(line) and not in_box:
        return SENTENCE_WEIGHT * _words(line)
    if counts[line] > 1 and len(line.split()) >= 1:
        return REPEATED_LINE
    return BOX_LINE if in_box else SHORT_LINE


def _best_window(scores: list[float]) -> tuple[int | None, int]:
    """The maximum-sum run of lines (Kadane); (None, -1) when no line scores above zero."""
    best, best_range = 0.0, (None, -1)  # type: tuple[float, tuple[int | None, int]]
    total, start = 0.0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = score, index
        else:
            total += score
        if total > best:
            best, best_range = total, (start, index)
    return best_range


def _before_comments(texts: list[str], prose_words: list[float]) -> int:
    """How many lines precede the first comment-thread marker that follows some prose (a "Comments" link in the
    menu above the article does not count)."""
    seen = 0.0
    for index, (line, words) in enumerate(zip(texts, prose_words)):
        if words:
            seen += words
        elif seen >= COMMENTS_AFTER_WORDS and _may_open_comments(line) and _COMMENTS.search(line):
            return index
    return len(texts)


def _may_open_comments(line: str) -> bool:
    """Words a comment thread's first line holds (substring tests: the full pattern is slower)."""
    lower = line.lower()
    return (
        "comment" in lower
        or "repl" in lower
        or "respons" in lower
        or "said" in lower
        or "says" in lower
        or "wrote" in lower
        or "conversation" in lower
        or "discussion" in lower
        or "kommentar" in lower
        or "coment" in lower
    )


def _trailing_meta(blocks: list[list[str]], end_block: int, limit_block: int) -> int:
    """The sign-off, editor and update lines and read-more links right after the last paragraph belong to it."""
    skipped = 0
    for b in range(end_block + 1, len(blocks)):
        block = blocks[b]
        if all(is_meta(line) for line in block):
            end_block = b
            continue
        skipped += 1
        if skipped > 2 or any(is_prose(line) for line in block) or b > limit_block + 1:
            break
    return end_block


def _headline(blocks: list[list[str]], positions, first: int, counts: Counter) -> tuple[int, int] | None:
    """The headline: the best title-shaped line above the article's first paragraph (past its dateline, byline,
    standfirst and lead photo). Headlines are long for a title line and close to the text; share bars, section
    labels and bylines without "By" ("Greg Beacham, AP Sports Writer") sit there too and lose."""
    best, best_score = None, None
    reach = 0
    index = first
    while index >= 0 and reach <= TITLE_REACH:
        b, i = positions[index]
        line = blocks[b][i]
        if index < first or (index == first and not is_prose(line)):
            reach += 1
            if _title_shaped(line) and not _in_figure(blocks, b, i):
                score = _title_score(line, reach, counts)
                if best_score is None or score > best_score:
                    best, best_score = (b, i), score
        index -= 1
    # The best window may open on a line of prose above the headline (an affiliate notice, a teaser's summary):
    # a headline among its first lines, before much prose, wins over one above it.
    prose_before = 0
    for offset, (b, i) in enumerate(positions[first : first + TITLE_INSIDE_REACH], start=1):
        line = blocks[b][i]
        if _BOX_LABEL.match(line) or _is_box(blocks[b]):
            break  # a teaser list's headlines are other articles'
        if is_prose(line):
            prose_before += 1
            if prose_before > TITLE_INSIDE_PROSE:
                break
        elif _title_shaped(line) and _headline_like(line) and not _in_figure(blocks, b, i):
            score = _title_score(line, offset, counts) - TITLE_INSIDE_PENALTY
            if best_score is None or score > best_score:
                best, best_score = (b, i), score
    if best is not None:
        return best
    # No headline-shaped line above the text: the dump's first line that could be one (older behaviour).
    for b, i in positions[: first + 1]:
        line = blocks[b][i]
        if len(line) <= MAX_TITLE and not is_meta(line) and not _BOX_LABEL.match(line):
            return b, i
    return None


def _headline_like(line: str) -> bool:
    """Stricter than title-shaped, for a headline among the article's first lines: short, no run-on clauses,
    not a quotation."""
    words = line.split()
    return 4 <= len(words) <= 16 and line.count(",") <= 1 and line[:1] not in "\"'“‘„«…([" and not line[:1].islower()


def _title_score(line: str, distance: int, counts: Counter) -> float:
    words = len(line) / 3 if _is_cjk(line) else len(line.split())
    score = min(words, TITLE_GOOD_WORDS) - (SHORT_TITLE_PENALTY if words < 4 else 0) - TITLE_DISTANCE * distance
    if _NOT_A_TITLE.search(line):
        score -= FURNITURE_PENALTY
    if _NAMES_LINE.match(line) or (line.isupper() and words > 1):
        score -= BYLINE_PENALTY
    if len(_SENTENCE_BREAK.findall(line)) >= 1 and words > 8:
        score -= FURNITURE_PENALTY  # two sentences in a line: a notice or a summary, not a headline
    if counts[line] > 1 and words >= 5:
        score += REPEATED_TITLE_BONUS  # breadcrumbs and share texts repeat the headline; menus repeat short lines
    return score


def _in_figure(blocks: list[list[str]], b: int, i: int) -> bool:
    """A photo's alt text or caption: a credit line (`Image: ...`) follows it in its block, or alone next."""
    later = blocks[b][i + 1 :] or (blocks[b + 1][:1] if b + 1 < len(blocks) and len(blocks[b + 1]) == 1 else [])
    return any(len(line) < 1000 and L.match_credit(line) for line in later)


def _title_shaped(line: str) -> bool:
    if len(line) > MAX_TITLE or is_meta(line) or _BOX_LABEL.match(line) or is_footer(line):
        return False
    if _is_cjk(line):
        return 6 <= len(line) <= 120 and not line.endswith(("。", "："))
    words = line.split()
    low, high = TITLE_WORDS
    if not low - 1 <= len(words) <= high or line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    if line.isupper() and len(words) <= 4:
        return False  # a kicker ("BLACK DEATH FEARS") or a section label above the headline
    return not L.match_bullet(line) and any(ch.isalpha() for ch in line)


def _next_position(blocks: list[list[str]], position: tuple[int, int]) -> tuple[int, int]:
    b, i = position
    if i + 1 < len(blocks[b]):
        return b, i + 1
    return b + 1, 0
