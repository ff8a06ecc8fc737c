"""The search index's shards (news_seo.pagefind): a page keeps its shard while others come and go, the count
is a bounded power of two, and a bad shard setting is one warning, not a traceback."""

from __future__ import annotations

import logging

import pytest

from news_seo.pagefind import bundle_of, shard_count, shard_of, shards
from news_seo.settings import DEFAULTS, apply_defaults


@pytest.mark.parametrize(
    "pages, per_shard, most, expected",
    [(0, 128, 16, 1), (128, 128, 16, 1), (129, 128, 16, 2), (1000, 128, 16, 8), (10_000, 128, 16, 16), (5, 1, 4, 4)],
)
def test_the_shard_count_is_a_power_of_two_up_to_the_limit(pages, per_shard, most, expected):
    assert shard_count(pages, per_shard, most) == expected


def test_a_page_keeps_its_shard_when_other_pages_come_and_go():
    names = [f"2026/03/article-{number}/index.html" for number in range(300)]
    before = {name: shard_of(name, 4) for name in names}
    after = shards(names[:100] + [f"2027/01/new-{number}/index.html" for number in range(50)], 4)
    for number, members in after.items():
        assert all(before.get(name, number) == number for name in members)
    assert len({*before.values()}) == 4  # the pages spread over every shard


def test_files_of_the_index_name_their_shard():
    assert bundle_of("pagefind/3/fragment/en_1.pf_fragment") == 3
    assert bundle_of("pagefind/shards.json") is None
    assert bundle_of("pagefind/pagefind-ui.js") is None


@pytest.mark.parametrize("value", ["many", 0, -2, True, 2.5])
def test_a_bad_shard_setting_is_one_warning_and_the_default(value, caplog):
    settings = {"NEWS_SEO_SEARCH_SHARD_PAGES": value, "SITENAME": "x"}
    with caplog.at_level(logging.WARNING):
        apply_defaults(settings)
    assert settings["NEWS_SEO_SEARCH_SHARD_PAGES"] == DEFAULTS["NEWS_SEO_SEARCH_SHARD_PAGES"]
    default = DEFAULTS["NEWS_SEO_SEARCH_SHARD_PAGES"]
    assert [record.getMessage() for record in caplog.records] == [
        f"news_seo: NEWS_SEO_SEARCH_SHARD_PAGES must be a whole number of at least 1, not {value!r}; using {default}"
    ]
