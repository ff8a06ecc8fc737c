"""Pull quotes set apart from the sentence they repeat, as the Guardian sets them.

The importer (and most editors) put a `> [!PULLQUOTE]` right above the paragraph it quotes, so a reader
would read the same words twice in a row. Once the body is parsed, each pull quote whose words are found in
a paragraph of the body moves so that at least one other paragraph stands between them: after the first paragraph
past its source (not at the very end), else before the nearest paragraph above it. A body too short for either loses the
pull quote (it only repeats the body; no text is lost). A pull quote whose words are nowhere in the body
(an editor's own) stays where the editor put it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

_NOT_WORD = re.compile(r"[\W_]+")


def _words(text: str) -> str:
    return " " + _NOT_WORD.sub(" ", text.casefold()).strip() + " "


def _is_pullquote(element: etree.Element) -> bool:
    return element.tag == "aside" and "pullquote" in (element.get("class") or "").split()


def _quote_words(aside: etree.Element) -> str:
    quote = aside.find("p")
    return _words(quote.text or "") if quote is not None else ""


def _source_index(blocks: list[etree.Element], quote: str) -> int | None:
    if not quote.strip():
        return None
    for index, block in enumerate(blocks):
        if block.tag == "p" and quote in _words("".join(block.itertext())):
            return index
    return None


def _target(blocks: list[etree.Element], source: int) -> int | None:
    """Where the pull quote goes among `blocks` (the body without it): after the first paragraph past the
    source that does not end the body, else before the nearest paragraph above the source."""
    for index in range(source + 1, len(blocks) - 1):
        if blocks[index].tag == "p":
            return index + 1
    for index in range(source - 1, -1, -1):
        if blocks[index].tag == "p":
            return index
    return None


def place(root: etree.Element) -> None:
    for aside in [child for child in root if _is_pullquote(child)]:
        blocks = [child for child in root if child is not aside]
        source = _source_index(blocks, _quote_words(aside))
        if source is None:
            continue  # an editor's own pull quote: where the editor put it
        root.remove(aside)
        target = _target(blocks, source)
        if target is not None:
            root.insert(target, aside)


class PullQuotePlacement(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        place(root)
