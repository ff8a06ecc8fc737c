"""Walk the article element of a saved page into the importer's blocks, in document order.

Structure comes from the markup (h2-h6, p, ul/ol, figure/figcaption, blockquote, aside); what a line of text
*is* (a read-more link, a sign-off, an editor line, an update note, an `Image:` credit) is decided by the
text importer's own recognisers in lines.py, so both kinds of raw file follow the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString

from . import lines as L
from .article import BlockQuote, BulletList, Heading, Paragraph, PullQuote, RelatedLink
from .html_clean import class_words
from .html_meta import safe_link

LINE_BREAK = "\u2028"  # stands for <br> until text is split into lines
MAX_DEPTH = 150  # deeper nesting is read as plain text rather than walked (no recursion error on odd pages)
_MAX_CREDIT_LINE = 1000

_INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd label mark q s samp small span strong sub sup "
    "time u var wbr".split()
)
_BLOCKS_IN_INLINE = frozenset(
    (
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "figure",
        "img",
        "section",
        "article",
        "blockquote",
        "aside",
        "table",
    )
)
_NESTED_BLOCKS = _BLOCKS_IN_INLINE - {"img", "article"}
_IMG, _A = frozenset({"img"}), frozenset({"a"})
_TEXT_BLOCKS = frozenset("p pre address dd dt li summary caption".split())
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_RELATED_LABEL = re.compile(
    r"^(?:read more|related(?: (?:articles?|stories|content|coverage|links|news))?|more on (?:this|the) (?:topic|story)"
    r"|see also|also read|more from us|mehr zum thema|lesen sie (?:auch|mehr)|(?:[\w.]+ )?recommends|recommended)\W*$",
    re.I,
)
_QUOTE_MARKS = "\"'“”„«»‘’‚‹›"
_CREDIT_PREFIX = re.compile(r"^(?:©|\(c\)|copyright\b|credit:|credits:|source:)\s*", re.I)
_BYLINE = re.compile(r"^by\s+(?P<names>.+)$", re.I)


@dataclass
class FigureDraft:
    """A figure being assembled: caption and credit may come from later sibling elements."""

    alt: str = ""
    caption: str = ""
    credit: str = ""
    src: str = ""  # the image's address as the page gives it (a `NAME_files/` path on a "complete" saved page)
    block: Tag | None = field(default=None, compare=False, repr=False)  # the image's own block, where captions sit


# What a line or element says about the article rather than being its text. The walker emits these in page
# order among the blocks, so that the selection (html_select) keeps only those that belong to the article.
@dataclass(frozen=True)
class RelatedFound:
    link: RelatedLink


@dataclass(frozen=True)
class SignOffFound:
    authors: tuple[str, ...]
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class BylineFound:
    names: tuple[str, ...]


@dataclass(frozen=True)
class EditorFound:
    name: str


@dataclass(frozen=True)
class UpdateNoteFound:
    text: str


META_BLOCKS = (RelatedFound, SignOffFound, BylineFound, EditorFound, UpdateNoteFound)


@dataclass
class Walked:
    """The page's blocks in document order, each with the element it came from (for its line and place)."""

    blocks: list = field(default_factory=list)  # text blocks, FigureDraft, PullQuote and the *Found blocks
    elements: list = field(default_factory=list)  # the element of each block (None for a figure made of text)

    @property
    def lines(self) -> list:
        return [element.sourceline if element is not None else None for element in self.elements]


def is_related_container(tag: Tag) -> bool:
    words = class_words(tag)
    return bool(
        any(word.startswith(("related", "readmore", "recommend")) for word in words)
        or {"read", "more"} <= words
        or {"see", "also"} <= words
        or {"more", "on"} <= words
    )


def _is_pull_quote(tag: Tag) -> bool:
    words = class_words(tag)
    return bool(
        {"pullquote", "pull-quote", "pullout"} & words
        or {"pull", "quote"} <= words
        or ({"quote", "highlight", "highlighted"} & words and tag.name in ("aside", "figure"))
    )


def _is_caption(tag: Tag) -> bool:
    return tag.name == "figcaption" or any("caption" in word for word in class_words(tag))


def _is_credit(tag: Tag) -> bool:
    return bool({"credit", "credits", "copyright", "photographer", "attribution", "source"} & class_words(tag))


def _is_byline(tag: Tag) -> bool:
    return bool({"byline", "author", "authors"} & class_words(tag))


def text_of(element: Tag | NavigableString) -> str:
    """Visible text with whitespace collapsed (<br> kept as LINE_BREAK); comments never included."""
    if isinstance(element, NavigableString):
        return "" if isinstance(element, PreformattedString) else str(element)
    return element.get_text()


def clean(text: str) -> str:
    return L.clean_line(" ".join(text.replace(LINE_BREAK, " ").split()))


class Walker:
    def __init__(self, base_url: str, holds_article=None):
        self.out = Walked()
        self._base_url = base_url
        # A "read more" wrapper that holds the article's own text (`entry-content-read-more`) is walked as text.
        self._holds_article = holds_article or (lambda tag: False)
        self._related_list_follows = False
        self._navigation_list_follows = False

    def walk(self, element: Tag, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            self._text_block(text_of(element), element)
            return
        run: list = []
        for child in list(element.children):
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):
                    run.append(child)
                continue
            if not isinstance(child, Tag):
                continue
            if (
                child.name in _INLINE
                and not (child.name in ("a", "span", "font", "label") and _holds(child, _BLOCKS_IN_INLINE))
                and not self._completes_figure(child)
            ):
                run.append(child)
                continue
            self._flush(run, element)
            run = []
            self._block(child, depth + 1)
        self._flush(run, element)

    def _completes_figure(self, tag: Tag) -> bool:
        """A caption or credit <span> right after an image belongs to that figure, not to the prose."""
        figure = self._open_figure()
        return figure is not None and (
            (_is_caption(tag) and not figure.caption) or (_is_credit(tag) and not figure.credit)
        )

    def _flush(self, run: list, parent: Tag) -> None:
        text = "".join(text_of(piece) for piece in run)
        if text.strip() and not _only_time(run):
            links = [piece for piece in run if isinstance(piece, Tag)]
            self._text_block(text, parent, links)

    def _block(self, tag: Tag, depth: int) -> None:
        name = tag.name
        if name in _HEADINGS:
            self._heading(tag)
        elif _is_pull_quote(tag):
            self._pull_quote(tag)
        elif is_related_container(tag) and not self._holds_article(tag):
            if not {"topic", "topics", "tag", "tags"} & class_words(tag):
                self.related_links(tag)
        elif self._related_list_follows and name in ("ul", "ol", "div", "section"):
            self.related_links(tag)
        elif name in ("ul", "ol") and self._navigation_list_follows:
            self._navigation_list_follows = False
        elif name in ("ul", "ol"):
            self._list(tag)
        elif name in ("figure", "picture") or name == "img":
            self._figure(tag)
        elif _is_caption(tag) and (figure := self._open_figure()) is not None and not figure.caption:
            self._caption(tag, figure)
        elif _is_credit(tag) and (figure := self._open_figure()) is not None and not figure.credit:
            figure.credit = _credit_text(clean(text_of(tag)))
        elif _is_byline(tag) and len(clean(text_of(tag))) < 120:
            self._byline(tag)
        elif name == "table":
            self._table(tag)
        elif name == "blockquote":
            self._block_quote(tag, depth)
        elif name in _TEXT_BLOCKS and _holds(tag, _NESTED_BLOCKS):
            self.walk(tag, depth)  # `<p>one<p>two` without end tags nests; read each as its own block
        elif name in _TEXT_BLOCKS:
            if _only_time(list(tag.children)):
                return  # a dateline: <time>Fri 12 Aug 2022 06.30 BST</time>; its datetime is read as the date
            if name == "p" and _is_bold_subhead(tag):
                self._heading(tag)  # `<p><strong>Subhead</strong></p>`, as older CMSes write headings
                return
            for image in _descendants(tag, _IMG):
                self._figure(image)
            self._text_block(text_of(tag), tag, _descendants(tag, _A))
        elif name in ("br", "hr"):
            pass
        else:
            self.walk(tag, depth)

    # --- one method per kind of block -------------------------------------------------------------------

    def _emit(self, block, tag: Tag | None) -> None:
        self.out.blocks.append(block)
        self.out.elements.append(tag)

    def _heading(self, tag: Tag) -> None:
        text = clean(text_of(tag))
        self._navigation_list_follows = False
        self._related_list_follows = bool(_RELATED_LABEL.match(text))
        if not text or self._related_list_follows:
            return
        if L.is_cruft(text):  # "Related topics", "More from DW": the links under it are navigation too
            self._navigation_list_follows = True
            return
        self._emit(Heading(text), tag)

    def _text_block(self, text: str, tag: Tag, links: list[Tag] | None = None) -> None:
        """A paragraph's lines, with read-more, editor, update-note, sign-off and credit lines taken out."""
        if _RELATED_LABEL.match(clean(text)):  # "Mehr zum Thema" as a paragraph: links follow
            self._related_list_follows = True
            return
        link = _first_link(links or [])
        if self._related_list_follows and link is not None and clean(text_of(link)) == clean(text):
            self._add_related(clean(text), safe_link(link.get("href"), self._base_url), tag)
            return
        figure = self._open_figure()
        if (
            figure is not None
            and not figure.caption
            and figure.block is not None
            and _inside(tag, figure.block)
            and len(clean(text)) < _MAX_CREDIT_LINE
            and not L.match_credit(clean(text))
        ):
            figure.caption = clean(text)  # a caption paragraph in the image's own block
            return
        rest = []
        for raw_line in text.split(LINE_BREAK):
            line = clean(raw_line)
            if not line or L.is_cruft(line):
                continue
            if not self._meta_line(line, links or [], tag):
                rest.append(line)
        if rest:
            self._related_list_follows = self._navigation_list_follows = False
            self._emit(Paragraph(" ".join(rest)), tag)

    def _meta_line(self, line: str, links: list[Tag], tag: Tag) -> bool:
        title = L.match_read_more(line)
        if title:
            link = _link_for(title, links)
            link_title = clean(text_of(link)) if link is not None else ""
            url = safe_link(link.get("href"), self._base_url) if link is not None else ""
            self._add_related(link_title if link_title and link_title in title else title, url, tag)
            return True
        editor = L.match_editor(line)
        if editor:
            self._emit(EditorFound(editor), tag)
            return True
        if L.is_update_note(line):
            self._emit(UpdateNoteFound(line), tag)
            return True
        sign_off = L.match_sign_off(line) if len(line) < 200 else None
        if sign_off:
            self._emit(SignOffFound(sign_off.authors, sign_off.agencies), tag)
            return True
        credit = L.match_credit(line) if len(line) < _MAX_CREDIT_LINE else None
        if credit:
            figure = self._open_figure()
            if figure is not None and not figure.credit and (not credit.caption or not figure.caption):
                figure.caption = figure.caption or credit.caption
                figure.credit = credit.credit
            else:  # a caption line with its credit and no image element, as in text dumps
                self._emit(FigureDraft(alt=credit.caption, caption=credit.caption, credit=credit.credit), None)
            return True
        return False

    def _open_figure(self) -> FigureDraft | None:
        """The figure just emitted, which a following caption or credit element completes."""
        last = self.out.blocks[-1] if self.out.blocks else None
        return last if isinstance(last, FigureDraft) else None

    def _figure(self, tag: Tag) -> None:
        image = tag if tag.name == "img" else tag.find("img")
        draft = FigureDraft(
            alt=clean(image.get("alt", "")) if image is not None else "",
            block=_image_block(tag),
            src=_image_source(image) if image is not None else "",
        )
        if tag.name != "img":
            caption = tag.find(_is_caption)
            if caption is not None:
                self._caption(caption, draft)
            credit = tag.find(_is_credit)
            if credit is not None and not draft.credit:
                draft.credit = _credit_text(clean(text_of(credit)))
            if not draft.credit:
                draft.credit = _unlabelled_credit(tag)
        if draft.alt or draft.caption or draft.credit:
            self._emit(draft, tag)

    def _caption(self, caption: Tag, draft: FigureDraft) -> None:
        """figcaption text without its credit element; a credit glued into the text is split off too."""
        credit = caption.find(_is_credit)
        credit_text = clean(text_of(credit)) if credit is not None else ""
        if credit is not None:
            credit.extract()
        text = clean(text_of(caption))
        if credit_text:
            draft.credit = _credit_text(credit_text)
        else:
            glued = L.match_credit(text) if len(text) < _MAX_CREDIT_LINE else None
            if glued is not None:
                text, draft.credit = glued.caption, glued.credit
        draft.caption = text

    def _list(self, tag: Tag) -> None:
        items = []
        for item in tag.find_all("li"):
            own_text = "".join(
                text_of(child) for child in item.children if not (isinstance(child, Tag) and child.name in ("ul", "ol"))
            )
            text = clean(own_text)
            if text and not L.is_cruft(text):
                items.append(text)
        if items:
            self._related_list_follows = False
            self._emit(BulletList(tuple(items)), tag)

    def _block_quote(self, tag: Tag, depth: int) -> None:
        """Its paragraphs as one BlockQuote; a quote holding lists or figures stays as those blocks."""
        start = len(self.out.blocks)
        self.walk(tag, depth)
        quoted = self.out.blocks[start:]
        if quoted and all(isinstance(block, Paragraph) for block in quoted):
            del self.out.blocks[start:]
            del self.out.elements[start:]
            self._emit(BlockQuote(tuple(block.text for block in quoted)), tag)

    def _pull_quote(self, tag: Tag) -> None:
        attribution_element = tag.find(["cite", "footer", "figcaption"]) or tag.find(
            lambda t: bool({"attribution", "author", "source", "cite", "speaker", "name"} & class_words(t))
        )
        attribution = ""
        if attribution_element is not None:
            attribution = clean(text_of(attribution_element)).lstrip("—–-―~ ").strip()
            attribution_element.extract()
        text = clean(text_of(tag)).strip(_QUOTE_MARKS + " ")
        if text:
            self._emit(PullQuote(text=text, attribution=attribution), tag)

    def related_links(self, tag: Tag) -> None:
        """Each link of a related/read-more container or card list, titled by its heading when it has one."""
        self._related_list_follows = False
        for link in tag.find_all("a", href=True):
            title_element = link.find(_HEADINGS) or link.find(lambda t: bool({"title", "headline"} & class_words(t)))
            title = clean(text_of(title_element if title_element is not None else link))
            title = L.match_read_more(title) or title
            if title and not _RELATED_LABEL.match(title):
                self._add_related(title, safe_link(link["href"], self._base_url), link)

    def _add_related(self, title: str, url: str, tag: Tag | None) -> None:
        self._emit(RelatedFound(RelatedLink(title=title, url=url)), tag)

    def _byline(self, tag: Tag) -> None:
        """`By Marta Ruiz and Tom Evans`; `<a>Name</a>` links; `<span>Name</span><span>Job title</span>`."""
        links = [clean(text_of(link)) for link in tag.find_all("a") if clean(text_of(link))]
        level, parts = tag, []
        while True:  # down through single wrappers to the first level with several parts
            children = [child for child in level.find_all(True, recursive=False) if clean(text_of(child))]
            if len(children) == 1 and children[0].name != "a":
                level = children[0]
                continue
            parts = [clean(text_of(child)) for child in children]
            break
        if links:
            names = ", ".join(links)
        elif len(parts) > 1:
            names = parts[0]  # the name; what follows is a job title or a place
        else:
            names = clean(text_of(tag))
        match = _BYLINE.match(names)
        names = match["names"] if match else names
        found = tuple(
            dict.fromkeys(name.strip() for name in re.split(r",\s*|\s+and\s+|\s*&\s*", names) if name.strip())
        )
        if found:
            self._emit(BylineFound(found), tag)

    def _table(self, tag: Tag) -> None:
        for row in tag.find_all("tr"):
            cells = [clean(text_of(cell)) for cell in row.find_all(["td", "th"])]
            text = " | ".join(cell for cell in cells if cell)
            if text:
                self._emit(Paragraph(text), row)


def _descendants(tag: Tag, names: frozenset, limit: int = 0) -> list[Tag]:
    """The elements named `names` inside `tag`, in order: a plain loop, as bs4's find_all builds a matcher on
    every call (most of a walk's time on a large page)."""
    found = []
    for node in tag.descendants:
        if isinstance(node, Tag) and node.name in names:
            found.append(node)
            if len(found) == limit:
                break
    return found


def _holds(tag: Tag, names: frozenset) -> bool:
    return bool(_descendants(tag, names, limit=1))


def _image_block(image: Tag) -> Tag:
    """The largest element around an image that holds little text besides it: the image with its caption."""
    block = image
    for parent in image.parents:
        if not isinstance(parent, Tag) or parent.name in ("body", "html", "article", "main", "[document]"):
            break
        if _has_more_text_than(parent, 400) or len(_descendants(parent, _IMG, limit=2)) > 1:
            break
        block = parent
    return block


def _image_source(image: Tag) -> str:
    """The address the page loads the photo from; lazy-loading pages keep it in a data- attribute."""
    for attribute in ("src", "data-src", "data-original", "data-lazy-src"):
        value = str(image.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return ""


def _has_more_text_than(tag: Tag, limit: int) -> bool:
    """Stops reading at `limit` characters: a gallery of many images in one long page stays linear."""
    total = 0
    for text in tag.strings:
        total += len(text.strip())
        if total > limit:
            return True
    return False


def _unlabelled_credit(figure: Tag) -> str:
    """Short text in a figure outside its caption (`<span>Reuters</span>` over the image) is the credit."""
    outside = "".join(
        text_of(node)
        for node in figure.find_all(string=True)
        if not any(_is_caption(parent) for parent in node.parents if isinstance(parent, Tag))
    )
    text = clean(outside)
    return _credit_text(text) if 0 < len(text) <= 120 else ""


def _is_bold_subhead(paragraph: Tag) -> bool:
    """A paragraph that is one short bold run: `<p> <strong>Reaping the harvest</strong></p>`."""
    children = [child for child in paragraph.children if not (isinstance(child, NavigableString) and not child.strip())]
    if len(children) != 1 or not isinstance(children[0], Tag) or children[0].name not in ("strong", "b"):
        return False
    return L.looks_like_heading(clean(text_of(paragraph)))


def _only_time(pieces: list) -> bool:
    """True when the only text among these nodes is inside <time> elements."""
    times = [piece for piece in pieces if isinstance(piece, Tag) and piece.name == "time"]
    others = "".join(text_of(piece) for piece in pieces if not (isinstance(piece, Tag) and piece.name == "time"))
    return bool(times) and not others.strip()


def _first_link(links: list[Tag]) -> Tag | None:
    for tag in links:
        link = tag if tag.name == "a" and tag.get("href") else tag.find("a", href=True)
        if link is not None:
            return link
    return None


def _credit_text(text: str) -> str:
    credit = L.match_credit(text)
    if credit is not None and not credit.caption:
        text = credit.credit
    return _CREDIT_PREFIX.sub("", text).strip()


def mark_line_breaks(soup) -> None:
    """<br> separates lines (a read-more line, then a sign-off) as line breaks do in a text dump, and words
    (`<h1>Russia ready<br>to help</h1>`)."""
    for line_break in soup.find_all("br"):
        line_break.replace_with(LINE_BREAK)


def walk_page(root: Tag, base_url: str, holds_article=None) -> Walked:
    """Every block of the page (after html_clean), in document order; html_select decides which are the article."""
    walker = Walker(base_url, holds_article)
    walker.walk(root)
    return walker.out


def _link_for(title: str, links: list[Tag]) -> Tag | None:
    """The link a read-more line names: the one whose text is in the line (two read-more lines can share a
    paragraph, split by <br>), else the paragraph's only link."""
    anchors = [
        anchor for tag in links for anchor in ([tag] if tag.name == "a" else tag.find_all("a")) if anchor.get("href")
    ]
    for anchor in anchors:
        text = clean(text_of(anchor))
        if text and text in title:
            return anchor
    return anchors[0] if len(anchors) == 1 else None


def _inside(element: Tag, ancestor: Tag) -> bool:
    return any(parent is ancestor for parent in element.parents)
