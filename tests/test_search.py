"""Static search: Pagefind indexes article bodies after the build, and the search page finds them in Chromium.

The site is served over HTTP on the port and sub-path its SITEURL names (as a host would serve it);
the search page loads Pagefind from the site itself, no CDN.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import shutil
import threading
import time

import pytest
from playwright.sync_api import expect

from seo_support import SEED_URL_PATH, SUB_PATH, SeoSite, build_seo_site
from support import ROOT

pytestmark = [
    pytest.mark.build,
    pytest.mark.browser,
]  # pytest -m "not build and not browser and not server": the fast unit tests

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_seo_site(tmp_path_factory.getbasetemp())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_under_sub_path(site, root):
    (root / SUB_PATH).symlink_to(site.output, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site.siteurl
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def siteurl(site, tmp_path_factory):
    with serve_under_sub_path(site, tmp_path_factory.mktemp("www")) as url:
        yield url


def search(page, siteurl, query):
    page.goto(f"{siteurl}/search/")
    page.fill(".pagefind-ui__search-input", query)


def result_links(page) -> list[str]:
    """The pages found (sub-results link to sections of the same page: they count once)."""
    page.wait_for_selector(".pagefind-ui__result-link")
    hrefs = page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(link => link.href)")
    return list(dict.fromkeys(href.split("#")[0] for href in hrefs))


def indexed_pages(output) -> list[int]:
    """Pages in each bundle of the search index, as pagefind/shards.json lists them."""
    shards = json.loads((output / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    return [
        json.loads((output / "pagefind" / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"][
            "en"
        ]["page_count"]
        for bundle in shards["bundles"]
    ]


def test_pagefind_indexed_only_pages_with_an_article_body(site):
    bodies = [path for path in site.output.rglob("*.html") if "data-pagefind-body" in path.read_text(encoding="utf-8")]
    assert len(bodies) == 4  # three articles and the About page; no index, tag or archive pages
    assert indexed_pages(site.output) == [len(bodies)]  # a small site: one bundle


def _indexed_texts(output) -> list[str]:
    """The text Pagefind keeps of each indexed page (its fragments: gzip, a signature, then JSON)."""
    return [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["content"]
        for path in sorted((output / "pagefind").glob("*/fragment/*.pf_fragment"))
    ]


def test_the_reading_time_is_not_indexed(site):
    """ "5 min read" is the page's, not the article's words; the byline's are the article's."""
    texts = _indexed_texts(site.output)
    assert any("min read" in path.read_text(encoding="utf-8") for path in site.output.rglob("*.html"))
    assert texts and not [text for text in texts if "min read" in text]
    assert any("Shmatsina" in text for text in texts)


def test_a_preview_photo_panel_is_indexed_by_its_description_not_its_label(tmp_path):
    """A preview's "Photo needed" panel: a search for "photo" must not find every article still waiting for
    one, while the description of the photo it waits for stays searchable."""
    from xml.etree import ElementTree

    from news_core.markdown.markup import figure_element
    from news_seo.pagefind import index_shards

    panel = ElementTree.tostring(figure_element("Flamingos wade at dawn", "A lagoon", "AFP"), encoding="unicode")
    assert "Photo needed" in panel
    page = tmp_path / "2026" / "06" / "lagoon" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<html lang="en"><body><article data-pagefind-body>{panel}</article></body></html>')
    index_shards(tmp_path, ["2026/06/lagoon/index.html"], 1)
    [text] = _indexed_texts(tmp_path)
    assert "Flamingos wade at dawn" in text and "Photo needed" not in text


def test_search_finds_the_seed_for_a_word_from_the_seed(site, siteurl, page):
    search(page, siteurl, "Shmatsina")
    assert result_links(page) == [f"{siteurl}/{SEED_URL_PATH}"]
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_url(f"{siteurl}/{SEED_URL_PATH}")
    assert page.locator("h1").first.inner_text() == "Russia ready to ‘ensure security’ in\u00a0Belarus"


def test_search_finds_a_fixture_article_by_a_body_word(site, siteurl, page):
    search(page, siteurl, "flamingotrellis")
    assert result_links(page) == [f"{siteurl}/2026/03/minsk-and-moscow/"]


@pytest.mark.parametrize(
    "query",
    [
        "zanzibarquokka",  # only in a pull quote
        "Latest",  # only in the site navigation (Pagefind forgives typos, so the word must be unlike any body word)
    ],
)
def test_pull_quotes_and_navigation_are_not_indexed(site, siteurl, page, query):
    search(page, siteurl, query)
    expect(page.locator(".pagefind-ui__message")).to_contain_text("No results", timeout=10_000)
    assert page.locator(".pagefind-ui__result-link").count() == 0


def test_without_javascript_the_site_still_reads(site, siteurl, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{siteurl}/search/")
        assert "Search needs JavaScript" in page.content()
        archives = page.get_by_role("link", name="archives")
        expect(archives).to_be_visible()
        archives.click()
        page.wait_for_url(f"{siteurl}/archives.html")
        page.goto(f"{siteurl}/{SEED_URL_PATH}")
        expect(page.locator("h1").first).to_have_text("Russia ready to ‘ensure security’ in\u00a0Belarus")
        expect(page.get_by_text("Shmatsina, who has left Belarus")).to_be_visible()
    finally:
        context.close()


def test_search_page_with_results_has_no_axe_violations(site, siteurl, page):
    from conftest import require

    require(str(AXE), "npm ci installs axe-core")
    search(page, siteurl, "Shmatsina")
    result_links(page)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert [(item["id"], [node["target"] for node in item["nodes"]]) for item in result["violations"]] == []


def test_search_page_makes_no_requests_outside_the_site(site, siteurl, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    search(page, siteurl, "Shmatsina")
    result_links(page)
    assert requests and all(url.startswith(siteurl + "/") for url in requests), requests


def test_search_works_in_the_local_preview(built_site, page):
    """`invoke build` with pelicanconf.py (relative URLs, no SITEURL), served at the root as `invoke serve` does."""
    from support import static_server

    with static_server(built_site) as url:
        search(page, url, "Shmatsina")
        assert result_links(page) == [f"{url}/{SEED_URL_PATH}"]


@pytest.fixture(scope="module")
def sharded_site(site, tmp_path_factory):
    """The same site with its index in shards of one page (four shards, of which two hold pages)."""
    from support import free_port, run_in

    project = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(site.project, project, ignore=shutil.ignore_patterns("output", "cache", "__pycache__"))
    port = free_port()
    siteurl = site.siteurl.replace(f":{site.port}/", f":{port}/")
    settings = (project / "testconf.py").read_text(encoding="utf-8").replace(site.siteurl, siteurl)
    (project / "testconf.py").write_text(settings + "NEWS_SEO_SEARCH_SHARD_PAGES = 1\n", encoding="utf-8")
    run_in(project, "pelican", "-s", "testconf.py", "-o", "output")
    return SeoSite(project=project, output=project / "output", siteurl=siteurl, port=port)


def test_a_search_over_shards_finds_pages_of_every_shard(sharded_site, tmp_path, page):
    pages = indexed_pages(sharded_site.output)
    assert len(pages) >= 2 and sum(pages) == 4, pages  # the four pages in more than one bundle
    with serve_under_sub_path(sharded_site, tmp_path) as siteurl:
        search(page, siteurl, "Shmatsina")
        assert result_links(page) == [f"{siteurl}/{SEED_URL_PATH}"]
        search(page, siteurl, "Detainees")
        assert result_links(page) == [f"{siteurl}/2026/03/arrested-protesters/"]
        search(page, siteurl, "Belarus")  # in both shards: one list of results
        found = result_links(page)
        assert f"{siteurl}/{SEED_URL_PATH}" in found and f"{siteurl}/2026/03/arrested-protesters/" in found


class _SlowEntryHandler(_QuietHandler):
    """Answers each bundle's pagefind-entry.json after a pause, as over a slow line, noting when the server was
    first asked for it."""

    pause = 0.8
    asked: dict[str, float] = {}

    def do_GET(self):
        path = self.path.split("?")[0]  # Pagefind adds ?ts=... to its entry file
        if path.endswith("/pagefind-entry.json"):
            self.asked.setdefault(path, time.monotonic())
            time.sleep(self.pause)
        super().do_GET()


def test_the_search_page_merges_every_shard_at_once(sharded_site, tmp_path, page):
    """PagefindUI merges the other bundles one after another, two round trips each before the first result
    (on a 4G line, 16 shards of 10,000 articles: 12.5 s to the first result, 8.2 s merged at once); the
    search page asks for every bundle's entry file at once."""
    from news_seo.pagefind import index_shards, pages_marked_for_indexing

    output = tmp_path / "www" / SUB_PATH
    shutil.copytree(sharded_site.output, output)
    shutil.rmtree(output / "pagefind")
    index_shards(output, pages_marked_for_indexing(output), 16)  # the four pages, in three bundles or more
    bundles = json.loads((output / "pagefind" / "shards.json").read_text(encoding="utf-8"))["bundles"]
    assert len(bundles) >= 3, bundles
    asked = _SlowEntryHandler.asked
    asked.clear()
    handler = functools.partial(_SlowEntryHandler, directory=str(tmp_path / "www"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", sharded_site.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        search(page, sharded_site.siteurl, "Belarus")
        found = result_links(page)
    finally:
        server.shutdown()
        server.server_close()
    assert f"{sharded_site.siteurl}/{SEED_URL_PATH}" in found and len(found) >= 2
    merged = [when for url, when in asked.items() if f"/pagefind/{bundles[0]}" not in url]
    assert len(merged) == len(bundles) - 1, asked
    assert max(merged) - min(merged) < _SlowEntryHandler.pause  # asked for before any of them was answered
