"""sitemap.xml, the Google News sitemap and robots.txt, parsed as XML against their namespaces.

The test site's "now" is fixed (NEWS_SEO_NOW = 2026-03-10 12:00 +01:00): the explainer of 9 March is
news, the article of 6 March and the seed of 2020 are not.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree

import pytest

from news_core.markdown.typography import typeset
from seo_support import EXPLAINER, NOW, PUBLICATION, SEED_URL_PATH, build_seo_site
from support import copy_project, run_in

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_seo_site(tmp_path_factory.getbasetemp())


def parse(path):
    root = etree.parse(path).getroot()
    assert root.tag == f"{{{NS['sm']}}}urlset"
    return root


def test_sitemap_lists_home_articles_and_pages(site):
    root = parse(site.output / "sitemap.xml")
    entries = {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }
    base = site.siteurl
    assert set(entries) == {
        f"{base}/",
        f"{base}/{SEED_URL_PATH}",
        f"{base}/2026/03/minsk-and-moscow/",
        f"{base}/2026/03/arrested-protesters/",
        f"{base}/about/",
    }
    assert entries[f"{base}/2026/03/minsk-and-moscow/"] == EXPLAINER["modified"]  # the editor's date
    assert entries[f"{base}/{SEED_URL_PATH}"] == "2020-08-15"  # published, never modified
    assert entries[f"{base}/about/"] is None  # a page's file time is no modification date
    for loc in entries:  # every URL is a file of the site
        path = loc[len(base) + 1 :]
        assert (site.output / path / "index.html").is_file() or (site.output / path).is_file(), loc


def test_news_sitemap_has_only_the_last_two_days(site):
    root = parse(site.output / "news-sitemap.xml")
    urls = root.findall("sm:url", NS)
    assert [url.findtext("sm:loc", namespaces=NS) for url in urls] == [f"{site.siteurl}/2026/03/minsk-and-moscow/"]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == PUBLICATION
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    # typeset as the page shows it; `</script>` and `&` survive as text
    assert news.findtext("news:title", namespaces=NS) == typeset(EXPLAINER["title"])
    published = dt.datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    now = dt.datetime.fromisoformat(NOW)
    assert now - dt.timedelta(days=2) <= published <= now


def test_robots_txt_names_both_sitemaps(site):
    lines = (site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: {site.siteurl}/sitemap.xml",
        f"Sitemap: {site.siteurl}/news-sitemap.xml",
    ]


def test_a_bad_now_setting_is_reported_and_the_site_still_builds(tmp_path):
    project = copy_project(tmp_path / "bad_now")
    result = run_in(
        project,
        "pelican",
        "-s",
        "publishconf.py",
        "-o",
        "output",
        "-e",
        'NEWS_SEO_NOW="yesterday"',
        "NEWS_SEO_PAGEFIND=false",
        check=False,
    )
    log = result.stdout + result.stderr
    assert "NEWS_SEO_NOW" in log and "'yesterday'" in log and "Traceback" not in log, log
    assert (project / "output" / "news-sitemap.xml").is_file() and (
        project / "output" / SEED_URL_PATH / "index.html"
    ).is_file()
    assert not (project / "output" / "pagefind").exists()  # NEWS_SEO_PAGEFIND=false skips the index
