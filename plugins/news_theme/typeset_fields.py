"""Front-matter fields typeset once per build, so every place that shows them agrees.

The headline, standfirst, captions, pull quotes' neighbours in "Read more", key facts and the update note
are read by the theme, the feeds, the share cards and news_seo (<title>, Open Graph, JSON-LD, the News
sitemap): typesetting the article's values in memory, right after the articles are read, gives them all
the same curly quotes and dashes. The Markdown files keep the editor's characters.
"""

from __future__ import annotations

import html

from news_core.markdown.typography import typeset

TEXT_FIELDS = ("title", "standfirst", "update_note", "editor")
FIGURE_FIELDS = ("alt", "caption", "credit")


def _set(content, key: str, value) -> None:
    setattr(content, key, value)
    content.metadata[key] = value


def typeset_content(content, typeset=typeset) -> None:
    """Typeset one article's or page's fields in place (safe to run twice: typeset text stays as it is).
    `typeset` may be a memoised stand-in (news_core.services.typeset_memo)."""
    standfirst = content.metadata.get("standfirst")
    if isinstance(standfirst, str) and content.metadata.get("summary") == f"<p>{html.escape(standfirst)}</p>":
        # the reader's summary is the standfirst as HTML (cards and feeds show it): the same words, typeset
        content.metadata["summary"] = f"<p>{html.escape(typeset(standfirst))}</p>"
    for key in TEXT_FIELDS:
        value = getattr(content, key, None)
        if isinstance(value, str) and value:
            _set(content, key, typeset(value))
    hero = getattr(content, "hero", None)
    if isinstance(hero, dict):
        _set(
            content,
            "hero",
            {**hero, **{key: typeset(hero[key]) for key in FIGURE_FIELDS if isinstance(hero.get(key), str)}},
        )
    facts = getattr(content, "key_facts", None)
    if isinstance(facts, list):
        _set(content, "key_facts", [typeset(fact) if isinstance(fact, str) else fact for fact in facts])
    related = getattr(content, "related", None)
    if isinstance(related, list):
        _set(
            content,
            "related",
            [
                {**item, "title": typeset(item["title"])}
                if isinstance(item, dict) and isinstance(item.get("title"), str)
                else item
                for item in related
            ],
        )
