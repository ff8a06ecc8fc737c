"""Body typography beyond Python-Markdown's `smarty`: news marks everywhere, and the callouts' fields.

`markdown.extensions.smarty` sets quotes, dashes and ellipses in the body's Markdown text. This extension
adds, for every text a reader sees in the body (code aside), what news pages set besides (spaced en dashes,
`15 August` and `10:30 CEST` kept on one line: typography.news_marks), and typesets the figures' and pull
quotes' fields, which are plain text (AtomicString: no inline Markdown, so smarty skips them too) with the
same rules front matter gets (typography.typeset). List it next to smarty; the order does not matter.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .typography import RDQUO, RSQUO, news_marks, typeset, year_apostrophes

_UNTOUCHED = {"code", "pre", "kbd", "samp", "script", "style"}
# smarty never closes a quote right after a backslash-escaped character (`"Pravda \[Truth\]".`): the escape
# is a placeholder (STX + code + ETX) by then, which its patterns take for "no closing context".
_QUOTE_AFTER_ESCAPE = re.compile("(\x02\\d+\x03)([\"'])(?=[\\s.,;:!?)]|$)")
_CLOSING = {'"': RDQUO, "'": RSQUO}


def _is_callout(element: etree.Element) -> bool:
    classes = (element.get("class") or "").split()
    return (element.tag == "figure" and "figure" in classes) or (element.tag == "aside" and "pullquote" in classes)


def _set(text, in_callout: bool):
    if not text:
        return text
    if isinstance(text, AtomicString):
        return AtomicString(typeset(text)) if in_callout else text
    if "\x02" in text:
        text = _QUOTE_AFTER_ESCAPE.sub(lambda match: match[1] + _CLOSING[match[2]], text)
    return news_marks(year_apostrophes(text))


def typeset_tree(element: etree.Element, in_callout: bool = False) -> None:
    if element.tag in _UNTOUCHED:
        return
    in_callout = in_callout or _is_callout(element)
    element.text = _set(element.text, in_callout)
    for child in element:
        typeset_tree(child, in_callout)
        child.tail = _set(child.tail, in_callout)


class TypesettingTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        typeset_tree(root)


class TypesettingExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After the inline patterns (20: the text is final) and before smarty (6), which then sees
        # `– 'word'` as an opening quote, as it does for dashes it set itself.
        md.treeprocessors.register(TypesettingTreeprocessor(md), "news_typesetting", 7)


def makeExtension(**kwargs) -> TypesettingExtension:
    return TypesettingExtension(**kwargs)
