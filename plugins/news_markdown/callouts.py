"""`> [!FIGURE] file.jpg` and `> [!PULLQUOTE]` blocks: a figure with alt, caption and credit; a pull quote.

In any other Markdown tool these read as ordinary quotes. Field values are plain text (no inline
Markdown), so a credit like `picture-alliance/dpa/V_Name` is shown exactly as written.

    > [!FIGURE] minsk-flowers.jpg
    > Alt: A protester lays a bouquet atop a pile of flowers in Minsk
    > Caption: Protesters gathered where a demonstrator died
    > Credit: picture-alliance/dpa/V. Sharifulin

    > [!PULLQUOTE]
    > It is quite peaceful for now.
    > — Hanna Liubakova
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from .markup import figure_element, pullquote_element

_MARKER = re.compile(r"^> ?\[!(?P<kind>FIGURE|PULLQUOTE)\][ \t]*(?P<argument>[^\n]*)", re.I)
_FIELD = re.compile(r"^(?P<name>Alt|Caption|Credit|Image)\s*:\s*(?P<value>.*)$", re.I)
_ATTRIBUTION = re.compile(r"^(?:—|–|--)\s*(?P<who>\S.*)$")


def callout_lines(block: str) -> list[str]:
    return [re.sub(r"^> ?", "", line).strip() for line in block.split("\n")]


def parse_figure(argument: str, lines: list[str]) -> dict:
    fields = {"image": argument.strip(), "alt": "", "caption": "", "credit": ""}
    last = None
    for line in lines:
        match = _FIELD.match(line)
        if match:
            last = match["name"].lower()
            fields[last] = match["value"].strip()
        elif line and last:  # a long caption wrapped onto the next line
            fields[last] = f"{fields[last]} {line}".strip()
    return fields


def parse_pull_quote(lines: list[str]) -> tuple[str, str]:
    text, attribution = [], ""
    for line in lines:
        match = _ATTRIBUTION.match(line)
        if match:
            attribution = match["who"].strip()
        elif line:
            text.append(line)
    return " ".join(text), attribution


class CalloutProcessor(BlockProcessor):
    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(_MARKER.match(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        marker = _MARKER.match(block)
        lines = callout_lines(block)[1:]
        if marker["kind"].upper() == "FIGURE":
            fields = parse_figure(marker["argument"], lines)
            parent.append(figure_element(fields["alt"], fields["caption"], fields["credit"], fields["image"]))
        else:
            text, attribution = parse_pull_quote(lines)
            if text:
                parent.append(pullquote_element(text, attribution))


class CalloutExtension(Extension):
    """Registers the callout block processor ahead of the ordinary blockquote (priority 20)."""

    def extendMarkdown(self, md) -> None:
        md.parser.blockprocessors.register(CalloutProcessor(md.parser), "news_callouts", 25)


def makeExtension(**kwargs) -> CalloutExtension:
    return CalloutExtension(**kwargs)
