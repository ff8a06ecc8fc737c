"""Suggest pull quotes: direct, attributed speech of 8-30 words, repeated from the body for display.

The sentence stays in its paragraph; the PullQuote block is a marked duplicate an editor may delete.
Only speech with a named speaker qualifies ("he said" names nobody), never from the opening paragraphs,
and at most one per ~400 words of body text.
"""

from __future__ import annotations

import re

from .article import Block, Paragraph, PullQuote

WORDS_PER_PULL_QUOTE = 400
FIRST_ELIGIBLE_PARAGRAPH = 3
MIN_WORDS, MAX_WORDS = 8, 30
MIN_PARAGRAPHS_APART = 3

_OPEN, _CLOSE = '"“„«', '"”»“'
_QUOTE = rf"[{_OPEN}](?P<quote>[^{_OPEN}{_CLOSE}]+?)[,.]?[{_CLOSE}]"
_SAID = r"(?:said|says|added|explained|told\s+(?:DW|AFP|Reuters|AP|dpa|reporters|the\s+[A-Z][\w ]{0,30}?))"
_NAME = r"(?P<who>(?:\d+-year-old\s+)?(?:[a-z-]+\s+){0,3}?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})"
_PATTERNS = (
    re.compile(rf"^{_QUOTE}\s+{_SAID}\s+{_NAME}(?=[,.\s]|$)"),  # "...," said Hanna Liubakova, a journalist.
    re.compile(rf"^{_QUOTE}\s+{_NAME}\s+{_SAID}\b"),  # "...," Hanna Liubakova said.
    re.compile(rf"(?:^|\.\s+){_NAME}\s+{_SAID}:?\s+{_QUOTE}\s*$"),  # Hanna Liubakova said: "..."
)
_PRONOUNS = {"He", "She", "They", "It", "We", "I", "The", "This"}


def suggest_pull_quotes(body: list[Block]) -> list[Block]:
    words = sum(len(block.text.split()) for block in body if isinstance(block, Paragraph))
    budget = words // WORDS_PER_PULL_QUOTE
    if budget == 0:
        return body
    chosen: dict[int, PullQuote] = {}
    last_index = -MIN_PARAGRAPHS_APART
    paragraph_number = 0
    for index, block in enumerate(body):
        if not isinstance(block, Paragraph):
            continue
        paragraph_number += 1
        if paragraph_number <= FIRST_ELIGIBLE_PARAGRAPH or index - last_index < MIN_PARAGRAPHS_APART:
            continue
        quote = attributed_quote(block.text)
        if quote is not None:
            chosen[index] = quote
            last_index = index
            if len(chosen) == budget:
                break
    result: list[Block] = []
    for index, block in enumerate(body):
        if index in chosen:
            result.append(chosen[index])
        result.append(block)
    return result


def attributed_quote(paragraph: str) -> PullQuote | None:
    """The quote and its named speaker when the paragraph is attributed direct speech of the right length."""
    for pattern in _PATTERNS:
        match = pattern.search(paragraph)
        if not match:
            continue
        quote = match["quote"].strip()
        who = match["who"].strip()
        if not MIN_WORDS <= len(quote.split()) <= MAX_WORDS or who.split()[0] in _PRONOUNS:
            continue
        return PullQuote(text=quote, attribution=who)
    return None
