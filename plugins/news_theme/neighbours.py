"""Links between articles: the previous and next article in time, and articles that share tags."""

from __future__ import annotations


def link_neighbours(articles: list) -> None:
    """Set `previous_article` (older) and `next_article` (newer) on each article, None at either end."""
    ordered = sorted(articles, key=lambda article: (article.date, article.slug))
    for index, article in enumerate(ordered):
        article.previous_article = ordered[index - 1] if index > 0 else None
        article.next_article = ordered[index + 1] if index + 1 < len(ordered) else None


def link_related_by_tags(articles: list, limit: int) -> None:
    """Set `related_by_tags`: up to `limit` other articles, most shared tags first, then newest first."""
    by_tag: dict[str, list] = {}
    for article in articles:
        for tag in getattr(article, "tags", None) or []:
            by_tag.setdefault(str(tag), []).append(article)
    for article in articles:
        shared: dict[int, list] = {}
        for tag in {str(tag) for tag in getattr(article, "tags", None) or []}:
            for other in by_tag[tag]:
                if other is not article:
                    entry = shared.setdefault(id(other), [other, 0])
                    entry[1] += 1
        ranked = sorted(shared.values(), key=lambda entry: (-entry[1], -entry[0].date.timestamp(), entry[0].slug))
        article.related_by_tags = [other for other, _ in ranked[:limit]] if limit > 0 else []
