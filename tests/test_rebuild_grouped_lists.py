"""The tag, category and author pages of a planned run (tooling.rebuild.run_planned): Pelican finds each group's
articles in the list of all with `in`, which _Members answers from a set; a plan that writes only the list
pages showing some articles hands Pelican only the groups that hold one of them, and leaves every group
where it was afterwards."""

from __future__ import annotations

import sys

from support import ROOT

sys.path.insert(0, str(ROOT))
from tooling.rebuild import _grouped_lists_quickly, _Members  # noqa: E402


class Article:
    def __init__(self, source_path: str):
        self.source_path = source_path


A, B, C = Article("a.md"), Article("b.md"), Article("c.md")


class Generator:
    def __init__(self):
        self.tags = {"floods": [A, B], "courts": [C]}
        self.categories = [("news", [A, B, C])]
        self.authors = [("kmm", [A]), ("mm", [B, C])]
        self.seen: dict[str, object] = {}
        for method, attribute in (("tags", "tags"), ("categories", "categories"), ("authors", "authors")):
            setattr(self, f"generate_{method}", self._recorder(attribute))

    def _recorder(self, attribute):
        def generate(write):
            self.seen[attribute] = getattr(self, attribute)
            write(attribute)

        return generate


def test_members_answer_in_as_the_list_does_and_stay_a_list():
    members = _Members([A, B])
    assert A in members and B in members and C not in members and Article("a.md") not in members
    assert list(members) == [A, B] and members[:1] == [A] and len(members) == 2
    assert [article for article in (C, B, A) if article in members] == [B, A]


def test_every_group_is_written_with_members_and_put_back_after():
    generator = Generator()
    tags, categories, authors = generator.tags, generator.categories, generator.authors
    _grouped_lists_quickly(generator, None)
    written = []
    for method in ("generate_tags", "generate_categories", "generate_authors"):
        getattr(generator, method)(written.append)
    assert written == ["tags", "categories", "authors"]
    assert list(generator.seen["tags"]) == ["floods", "courts"]
    assert all(isinstance(articles, _Members) for articles in generator.seen["tags"].values())
    assert [name for name, _ in generator.seen["authors"]] == ["kmm", "mm"]
    assert generator.tags is tags and generator.categories is categories and generator.authors is authors


def test_a_plan_for_some_articles_hands_over_only_the_groups_that_hold_one():
    generator = Generator()
    _grouped_lists_quickly(generator, {"c.md"})
    for method in ("generate_tags", "generate_categories", "generate_authors"):
        getattr(generator, method)(lambda _: None)
    assert list(generator.seen["tags"]) == ["courts"]
    assert [name for name, _ in generator.seen["categories"]] == ["news"]
    assert [(name, list(articles)) for name, articles in generator.seen["authors"]] == [("mm", [B, C])]
