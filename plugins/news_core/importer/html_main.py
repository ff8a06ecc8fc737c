"""Find the element that holds the article on a saved page (after html_clean removed the cruft).

Best first: the <article> with the most paragraph text (teaser cards are <article>s too), the element marked
`itemprop="articleBody"`, <main> or role=main; failing those, the element whose own paragraphs hold the
most text, as readability-style extractors do.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag


def main_content(soup: BeautifulSoup) -> tuple[Tag, list[str]]:
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=_paragraph_text_length), []
    for found, name in (
        (soup.find(attrs={"itemprop": "articleBody"}), 'itemprop="articleBody"'),
        (soup.find("main"), "<main>"),
        (soup.find(attrs={"role": "main"}), 'role="main"'),
    ):
        if isinstance(found, Tag):
            return found, [f"the page has no <article> element; read the article from its {name} element"]
    densest = _densest_paragraph_parent(soup)
    root = soup.body or soup
    if densest is None:
        return root, ["the page has no <article> element and no paragraphs; read the whole page"]
    return densest, ["the page has no <article> element; read the article from the block with the most paragraph text"]


def _paragraph_text_length(element: Tag) -> int:
    return sum(len(p.get_text()) for p in element.find_all("p"))


def _densest_paragraph_parent(soup: BeautifulSoup) -> Tag | None:
    scores: dict[int, tuple[int, Tag]] = {}
    for paragraph in soup.find_all("p"):
        parent = paragraph.parent
        if not isinstance(parent, Tag):
            continue
        score, _ = scores.get(id(parent), (0, parent))
        scores[id(parent)] = (score + len(paragraph.get_text(strip=True)), parent)
    if not scores:
        return None
    best = max(scores.values(), key=lambda entry: entry[0])[1]
    # The body text often sits in several sibling wrappers (one per section): take their common parent.
    parent = best.parent
    if isinstance(parent, Tag) and parent.name not in ("body", "html", "[document]"):
        siblings_with_text = sum(1 for score, tag in scores.values() if tag.parent is parent and score > 0)
        if siblings_with_text > 1:
            return parent
    return best
