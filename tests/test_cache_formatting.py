"""news_cache.urls and news_cache.dates: the URL, file name and date text each content gets from the memos
are the ones Pelican formats, for every kind of setting and value a site can have, including the ones a memo
could confuse."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from pelican.contents import Article, Page
from pelican.settings import read_settings
from pelican.utils import SafeDatetime

from news_cache import dates, urls

FORMATS = [
    ("{date:%Y}/{date:%m}/{slug}/", "{date:%Y}/{date:%m}/{slug}/index.html"),
    ("{category}/{slug}.html", "{category}/{slug}.html"),
    ("{author}/{date:%Y-%m-%d %H:%M %z}/{slug}/", "{author}/{date:%d %B %Y}/{slug}/index.html"),
    ("{path}", "{path}"),
    ("{lang}/{slug}/", "{lang}/{slug}/index.html"),
    ("{section}/{number}/{slug}/", "{section}/{number}/{slug}/index.html"),  # fields from the metadata
    ("{date.year}/{slug}/", "{date.year}/{slug}/index.html"),  # an attribute of a field
    ("news/{0}/", "news/{}.html"),  # positional: Pelican's error, raised by Pelican
    ("{missing}/", "{missing}/index.html"),  # a field no content has: Pelican's KeyError
]


def _articles(settings: dict) -> list:
    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    same_instant = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
    dates = [
        SafeDatetime(2024, 3, 1, 13, 0, tzinfo=berlin),
        SafeDatetime.fromtimestamp(same_instant.timestamp(), tz=new_york),  # equal to the one above, 07:00
        SafeDatetime(2024, 3, 1, 13, 0),  # naive
        SafeDatetime(2023, 12, 31, 23, 59, 59, tzinfo=berlin),
    ]
    found = []
    for index, date in enumerate(dates):
        for number in (1, 1.0, True, "1"):  # equal in Python, not in a URL
            metadata = {
                "title": f"Article {index}",
                "date": date,
                "slug": "same-slug" if index < 2 else f"slug-{index}",
                "section": "world",
                "number": number,
                "lang": "de" if index == 3 else "en",
                "status": "draft" if index == 2 and number == "1" else "published",
            }
            found.append(Article("<p>Body</p>", metadata=metadata, settings=settings, source_path=f"/site/a{index}.md"))
    found.append(Page("<p>About</p>", metadata={"title": "About", "slug": "about"}, settings=settings))
    return found


@pytest.mark.parametrize(("url", "save_as"), FORMATS)
def test_memoised_urls_are_the_ones_pelican_formats(url, save_as):
    settings = read_settings(
        override={
            "ARTICLE_URL": url,
            "ARTICLE_SAVE_AS": save_as,
            "DRAFT_URL": "drafts/" + url,
            "DRAFT_SAVE_AS": "drafts/" + save_as,
            "ARTICLE_LANG_URL": "lang/" + url,
            "ARTICLE_LANG_SAVE_AS": "lang/" + save_as,
            "PAGE_URL": "{slug}/",
            "PAGE_SAVE_AS": "{slug}/index.html",
            "TIMEZONE": "UTC",
        }
    )
    contents = _articles(settings)
    expected = {}
    urls.install(False)  # every content formatted by Pelican itself
    for content in contents:
        for key in ("url", "save_as"):
            try:
                expected[id(content), key] = content.get_url_setting(key)
            except Exception as error:  # noqa: BLE001 - then the memo must raise the same
                expected[id(content), key] = type(error)
    urls.install(True)  # one memo for them all, each asked twice (the second answer is the memo's)
    try:
        for _ in range(2):
            for content in contents:
                for key in ("url", "save_as"):
                    wanted = expected[id(content), key]
                    if isinstance(wanted, type):
                        with pytest.raises(wanted):
                            content.get_url_setting(key)
                    else:
                        assert content.get_url_setting(key) == wanted
    finally:
        urls.install(False)


def test_equal_times_in_two_zones_keep_their_own_hours():
    settings = read_settings(override={"ARTICLE_SAVE_AS": "{date:%H-%M}/{slug}.html", "TIMEZONE": "UTC"})
    urls.install(True)
    try:

        def dated(title: str, date) -> Article:
            return Article("x", metadata={"title": title, "slug": "s", "date": date}, settings=settings)

        berlin = dated("a", SafeDatetime(2024, 3, 1, 13, 0, tzinfo=ZoneInfo("Europe/Berlin")))
        new_york = dated("b", SafeDatetime(2024, 3, 1, 7, 0, tzinfo=ZoneInfo("America/New_York")))
        assert berlin.date == new_york.date  # the same instant
        assert (berlin.save_as, new_york.save_as) == ("13-00/s.html", "07-00/s.html")
    finally:
        urls.install(False)


def test_a_content_without_a_date_is_formatted_by_pelican_every_time(monkeypatch):
    """Pelican gives a dateless content the current time: no memo may keep the first one."""
    from pelican import contents

    clock = iter(dt.datetime(2024, 1, 1, 0, minute) for minute in range(10))

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return next(clock)

    monkeypatch.setattr(contents.datetime, "datetime", Clock)
    settings = read_settings(override={"PAGE_SAVE_AS": "{date:%H-%M}/{slug}.html", "TIMEZONE": "UTC"})
    urls.install(True)
    try:
        page = Page("x", metadata={"title": "About", "slug": "about"}, settings=settings)
        assert [page.save_as, page.save_as] == ["00-00/about.html", "00-01/about.html"]
    finally:
        urls.install(False)


DATE_FORMATS = [
    "%a %d %B %Y",  # Pelican's default: the day alone
    "%-d %b %Y",
    "%d %B %Y, %H:%M",
    "%Y-%m-%dT%H:%M:%S%z",
    "%x",
    "%c",
    "%e %Z",  # %e is not one Pelican formats
    "%%d %j %U %W",
]


@pytest.mark.parametrize("fmt", DATE_FORMATS)
def test_memoised_dates_are_the_ones_pelican_formats(fmt):
    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    values = [
        SafeDatetime(2024, 3, 1, 13, 0, tzinfo=berlin),
        SafeDatetime(2024, 3, 1, 7, 0, tzinfo=new_york),  # the same instant, another zone and hour
        SafeDatetime(2024, 3, 1, 23, 30, tzinfo=new_york),  # already 2 March in Berlin
        SafeDatetime(2024, 3, 1, 13, 0),
        SafeDatetime(2024, 3, 1, 13, 0, 0, 500),
        SafeDatetime(2024, 3, 2, 0, 5, tzinfo=berlin),
        SafeDatetime(1999, 12, 31, 9, 0, tzinfo=dt.UTC),
    ]
    dates.install(False)
    expected = [value.strftime(fmt) for value in values]
    dates.install(True)
    try:
        assert [value.strftime(fmt) for value in values] == expected
        assert [value.strftime(fmt) for value in reversed(values)] == expected[::-1]  # from the memo
    finally:
        dates.install(False)
