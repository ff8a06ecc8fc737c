"""Count the words a reader reads: body text, not markup and not pull quotes (they repeat the body)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(element: etree.Element) -> int:
    words = len(_WORD.findall(element.text or ""))
    for child in element:
        if "pullquote" not in (child.get("class") or "").split():
            words += count_words(child)
        words += len(_WORD.findall(child.tail or ""))
    return words


class WordCountTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        # Runs before inline patterns, so text still holds placeholders for stashed HTML only.
        self.md.word_count = count_words(root)


class WordCountExtension(Extension):
    def extendMarkdown(self, md) -> None:
        self.md = md
        md.word_count = 0
        md.treeprocessors.register(WordCountTreeprocessor(md), "news_word_count", 1)
        md.registerExtension(self)

    def reset(self) -> None:
        self.md.word_count = 0


def makeExtension(**kwargs) -> WordCountExtension:
    return WordCountExtension(**kwargs)
