"""`> [!FIGURE] file.jpg` and `> [!PULLQUOTE]` blocks: a figure with alt, caption and credit; a pull quote.

In any other Markdown tool these read as ordinary quotes. Field values are plain text (no inline
Markdown), so a credit like `picture-alliance/dpa/V_Name` is shown exactly as written. A pull quote is
moved at least one paragraph away from the sentence it repeats (pullquote_placement).

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

from news_core.services import photos

from .markup import figure_element, pullquote_element
from .pullquote_placement import PullQuotePlacement

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
    def __init__(self, parser, picture_for=None, placeholders: bool = True):
        super().__init__(parser)
        self.picture_for = picture_for
        self.placeholders = placeholders

    def _picture(self, fields: dict):
        """A responsive <picture> from the images plugin; a photo it cannot supply is dropped (it warned)."""
        picture_for = self.picture_for or photos()  # a lookup given to the extension, else the site's service
        if not (picture_for and fields["image"]):
            return None
        picture = picture_for(fields["image"], getattr(self.parser.md, "news_source_path", ""), hero=False)
        if picture is None:
            fields["image"] = ""  # missing or unusable file: show the description, never a broken <img>
        return picture

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(_MARKER.match(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        marker = _MARKER.match(block)
        assert marker is not None  # test() matched this block
        lines = callout_lines(block)[1:]
        if marker["kind"].upper() == "FIGURE":
            fields = parse_figure(marker["argument"], lines)
            picture = self._picture(fields)
            figure = figure_element(
                fields["alt"],
                fields["caption"],
                fields["credit"],
                fields["image"],
                picture=picture,
                placeholder=self.placeholders,
            )
            if figure is not None:  # None: no photo yet, in a build that shows readers no placeholder
                parent.append(figure)
            # Noted while rendering, so the build can list the photos editors should supply without
            # parsing the written HTML again.
            figures = self.parser.md.news_figures
            figures.append(
                {
                    "position": len(figures) + 1,
                    "alt": fields["alt"] or fields["caption"],
                    "credit": fields["credit"],
                    "has_photo": bool(picture is not None or fields["image"]),
                }
            )
        else:
            text, attribution = parse_pull_quote(lines)
            if text:
                parent.append(pullquote_element(text, attribution))


class CalloutExtension(Extension):
    """Registers the callout block processor ahead of the ordinary blockquote (priority 20)."""

    def __init__(self, **kwargs):
        # The default is "" not None: Markdown would read a None-default option as a boolean.
        self.config = {
            "picture_for": [
                "",
                "callable(image, source_path, hero=False) -> <picture> Element or "
                "None; unset: the photo service (news_core.services), else a plain <img>",
            ],
            "placeholders": [
                True,
                "a figure without its photo shows a 'Photo needed' panel (preview); "
                "False leaves it out (published builds)",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        self.md = md
        md.news_figures = []  # one {position, alt, credit, has_photo} per body figure, in order
        md.registerExtension(self)
        picture_for = self.getConfig("picture_for")
        processor = CalloutProcessor(
            md.parser,
            picture_for=picture_for if callable(picture_for) else None,
            placeholders=bool(self.getConfig("placeholders")),
        )
        md.parser.blockprocessors.register(processor, "news_callouts", 25)
        md.treeprocessors.register(PullQuotePlacement(md), "news_pullquote_placement", 25)

    def reset(self) -> None:
        self.md.news_figures = []


def makeExtension(**kwargs) -> CalloutExtension:
    return CalloutExtension(**kwargs)
