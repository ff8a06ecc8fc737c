"""Count the words a reader reads: body text, not markup and not pull quotes (they repeat the body)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _words(text: str | None) -> int:
    # An extension that stashes HTML leaves a placeholder (`\x02wzxhzdk:3\x03`) in the text: no words in it
    return len(_WORD.findall(HTML_PLACEHOLDER_RE.sub("", text or "")))


def count_words(element: etree.Element) -> int:
    words = _words(element.text)
    for child in element:
        if "pullquote" not in (child.get("class") or "").split():
            words += count_words(child)
        words += _words(child.tail)
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
