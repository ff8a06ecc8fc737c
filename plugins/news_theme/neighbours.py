"""Links between articles: the previous and next article in time, and articles that share tags."""

from __future__ import annotations

from collections import Counter

# Candidates per tag for "related by tags": the newest ones. Bounds the work on big tags (a tag on every
# article would otherwise make this quadratic in the number of articles).
CANDIDATES_PER_TAG = 50


def link_neighbours(articles: list) -> None:
    """Set `previous_article` (older) and `next_article` (newer) on each article, None at either end."""
    ordered = sorted(articles, key=lambda article: (article.date, article.slug))
    for index, article in enumerate(ordered):
        article.previous_article = ordered[index - 1] if index > 0 else None
        article.next_article = ordered[index + 1] if index + 1 < len(ordered) else None


def _tag_names(article) -> set[str]:
    return {str(tag) for tag in getattr(article, "tags", None) or []}


def link_related_by_tags(articles: list, limit: int) -> None:
    """Set `related_by_tags`: up to `limit` other articles, most shared tags first, then newest first.

    Candidates are the newest CANDIDATES_PER_TAG (+ limit) articles of each of the article's tags.
    """
    newest_first = sorted(articles, key=lambda article: (-article.date.timestamp(), article.slug))
    rank = {id(article): position for position, article in enumerate(newest_first)}
    by_tag: dict[str, list] = {}
    for article in newest_first:
        for tag in _tag_names(article):
            if len(by_tag.setdefault(tag, [])) < CANDIDATES_PER_TAG + limit:
                by_tag[tag].append(article)
    for article in articles:
        shared: Counter = Counter()
        others = {}
        for tag in _tag_names(article) if limit > 0 else ():
            for other in by_tag[tag]:
                if other is not article:
                    shared[id(other)] += 1
                    others[id(other)] = other
        best = sorted(shared, key=lambda key: (-shared[key], rank[key]))[:limit]
        article.related_by_tags = [others[key] for key in best]
