"""The theme in a real browser (Debian Chromium via Playwright) against the built test site on 127.0.0.1.

Screenshots of the seed article (no photos yet), of the grain-corridor fixture (photos) and of the front page
at 375 and 1280 px, light and dark, go to test-artifacts/ (docs/ holds two of them for the README).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import require
from support import ROOT, static_server
from tooling.audit import nginx

pytestmark = [
    pytest.mark.build,
    pytest.mark.server,
]  # pytest -m "not build and not browser and not server": the fast unit tests

SEED = "2020/08/russia-ready-to-ensure-security-in-belarus/"
PHOTOS = "2020/08/how-the-grain-corridor-works/"
HEADLINE = "Russia ready to ‘ensure security’ in\u00a0Belarus"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    SEED,
    "",
    "tag/grain.html",
    "2020/08/how-the-grain-corridor-works/",
    "2020/08/a-short-note-on-the-harvest/",
    "2020/08/script-in-every-field/",
    "index2.html",
    "about/",
    "tags.html",
    "authors.html",
    "archives.html",
    "2020/08/",
    "404.html",
]


@pytest.fixture(scope="module")
def site_url(theme_site):
    output, _ = theme_site
    with static_server(output) as url:
        yield url


@pytest.fixture
def open_page(browser):
    """open_page(url, width=1280, scheme="light", javascript=True) -> (page, problems seen while loading)."""
    contexts = []

    def opener(url, width=1280, scheme="light", javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        problems = []
        page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
        page.on(
            "request",
            lambda request: (
                urlsplit(request.url).hostname not in ("127.0.0.1", None)
                and problems.append(f"left 127.0.0.1: {request.url}")
            ),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and not response.url.endswith("/404.html")
                and problems.append(f"HTTP {response.status}: {response.url}")
            ),
        )
        page.goto(url, wait_until="networkidle")
        return page, problems

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name, path", [("seed", SEED), ("photos", PHOTOS), ("front", "")])
def test_screenshot(open_page, site_url, artifacts, name, path, width, scheme):
    page, problems = open_page(f"{site_url}/{path}", width=width, scheme=scheme)
    page.screenshot(path=str(artifacts / f"theme-{name}-{width}-{scheme}.png"), full_page=True)
    assert problems == []
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(18, 18, 18)")
    if name == "seed":
        assert page.locator("h1").inner_text() == HEADLINE
        assert page.locator("figure.figure-hero .credit").is_visible()
        assert page.locator("figure.figure-hero .figure-alt-label").inner_text().lower() == "photo needed"
    if name == "photos":
        hero = page.locator("figure.figure-hero img")
        assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    if name == "front":
        photo = page.locator(".card-picture img").first
        photo.scroll_into_view_if_needed()
        photo.evaluate("img => img.decode()")
        assert photo.evaluate("img => img.naturalWidth > 0")


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scrolling_at_320px_and_no_errors_or_foreign_requests(open_page, site_url, path):
    page, problems = open_page(f"{site_url}/{path}", width=320)
    assert problems == []
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{path}: content is {widths[0]} px wide in a {widths[1]} px window"


@pytest.mark.parametrize("path", [SEED, "", "tag/grain.html", "2020/08/how-the-grain-corridor-works/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(open_page, site_url, path, scheme):
    page, _ = open_page(f"{site_url}/{path}", scheme=scheme)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [(item["id"], [node["target"] for node in item["nodes"]]) for item in result["violations"]]
    assert violations == []


def test_article_reads_without_javascript(open_page, site_url):
    page, problems = open_page(f"{site_url}/{SEED}", width=375, javascript=False)
    assert problems == []
    assert page.locator(".article-body p").first.is_visible()
    assert page.locator("nav.toc a").count() == 3


def test_skip_link_is_the_first_tab_stop_and_is_visible_with_a_focus_ring(open_page, site_url):
    page, _ = open_page(f"{site_url}/{SEED}")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const el = document.activeElement, box = el.getBoundingClientRect(), style = getComputedStyle(el);
        return {cls: el.className, top: box.top, outline: style.outlineStyle};
    }""")
    assert focused["cls"] == "skip-link" and focused["top"] >= 0 and focused["outline"] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_jump_to_link_reaches_its_heading(open_page, site_url):
    page, _ = open_page(f"{site_url}/{SEED}", width=375)
    page.locator("nav.toc a[href='#thousands-arrested']").click()
    assert page.evaluate("location.hash") == "#thousands-arrested"
    assert page.locator("#thousands-arrested").is_visible()


def test_print_drops_navigation_and_keeps_credits(open_page, site_url):
    page, _ = open_page(f"{site_url}/{SEED}")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator("nav.toc").is_visible()
    assert page.locator(".byline").is_visible() and page.locator("figure.figure-hero .credit").is_visible()


def test_jump_to_stays_in_view_in_the_side_column_while_the_article_scrolls(open_page, site_url):
    page, _ = open_page(f"{site_url}/{SEED}", width=1280)
    page.locator("#thousands-arrested").scroll_into_view_if_needed()
    page.mouse.wheel(0, 400)
    page.wait_for_function("window.scrollY > 1500")
    box = page.locator("nav.toc").bounding_box()  # relative to the viewport
    assert 0 <= box["y"] < 900 and box["x"] > page.locator(".article-body").bounding_box()["width"]


def test_a_read_more_title_without_a_url_opens_the_search_for_it(open_page, site_url):
    page, problems = open_page(f"{site_url}/{SEED}", width=1280)
    link = page.locator("a.read-more-search").first
    assert link.inner_text() == "SEARCH Arrested protesters talk of brutality"  # the label is set in capitals
    link.click()
    page.wait_for_url("**/search/?q=*")
    field = page.locator("#search input")
    field.wait_for()
    page.wait_for_function("document.querySelector('#search input').value.length > 0")
    assert field.input_value() == "Arrested protesters talk of brutality"
    page.locator(".pagefind-ui__result-link").first.wait_for()  # Pagefind searched for it
    assert problems == []


@pytest.fixture(scope="module")
def nginx_site(theme_site):
    """The test site behind nginx with `error_page 404 /404.html;`, as a static host serves it. nginx's workers
    run as another user, so the copy lives in a world-readable folder, its files written with the umask."""
    require("nginx", "the 404 page is checked as nginx serves it")
    output, _ = theme_site
    with tempfile.TemporaryDirectory(prefix="theme-nginx-") as folder:
        Path(folder).chmod(0o755)
        site = Path(folder) / "site"
        shutil.copytree(output, site, copy_function=shutil.copyfile)
        with nginx(site) as url:
            yield url


@pytest.mark.parametrize("missing", ["no-such-page", "2020/08/no-such-article/", "a/b/c/d/e.html"])
def test_the_404_page_is_styled_at_any_depth(browser, nginx_site, missing):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        failed = []
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and response.url != f"{nginx_site}/{missing}"
                and failed.append(f"HTTP {response.status}: {response.url}")
            ),
        )
        response = page.goto(f"{nginx_site}/{missing}", wait_until="networkidle")
        assert response.status == 404 and page.locator("h1").inner_text() == "Page not found"
        assert failed == []  # the stylesheet and favicon came from the site root
        border = page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle")
        assert border == "solid"  # the bundle's site header rule applies
        page.get_by_role("link", name="Go to the latest explainers").click()
        page.wait_for_url(f"{nginx_site}/")
    finally:
        context.close()


def test_wide_screen_puts_jump_to_beside_a_readable_measure(open_page, site_url):
    page, _ = open_page(f"{site_url}/{SEED}", width=1280)
    body = page.locator(".article-body").bounding_box()
    toc = page.locator("nav.toc").bounding_box()
    assert toc["x"] > body["x"] + body["width"]  # side column
    characters = page.evaluate("""() => {
        const p = document.querySelector('.article-body p'), width = p.getBoundingClientRect().width;
        const size = parseFloat(getComputedStyle(p).fontSize);
        return width / (size * 0.5);
    }""")
    assert 55 <= characters <= 90  # about 60-80 characters a line


def test_an_article_with_nothing_for_the_side_column_has_none(open_page, site_url):
    page, _ = open_page(f"{site_url}/2020/08/a-short-note-on-the-harvest/", width=1280)
    assert page.locator(".article-aside").count() == 0
    columns = page.evaluate("getComputedStyle(document.querySelector('.article-layout')).gridTemplateColumns")
    assert len(columns.split()) == 1, columns
