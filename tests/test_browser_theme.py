"""The theme in a real browser (Debian Chromium via Playwright) against the built test site on 127.0.0.1.

Screenshots of the seed article at 375 and 1280 px, light and dark, go to test-artifacts/.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from support import ROOT, static_server

SEED = "2020/08/russia-ready-to-ensure-security-in-belarus/"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [SEED, "", "tag/grain.html", "2020/08/how-the-grain-corridor-works/", "2020/08/a-short-note-on-the-harvest/",
         "2020/08/script-in-every-field/",
         "index2.html", "about/", "tags.html", "authors.html", "archives.html", "2020/08/", "404.html"]


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
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                      java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        problems = []
        page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
        page.on("request", lambda request: urlsplit(request.url).hostname not in ("127.0.0.1", None)
                and problems.append(f"left 127.0.0.1: {request.url}"))
        page.on("response", lambda response: response.status >= 400 and not response.url.endswith("/404.html")
                and problems.append(f"HTTP {response.status}: {response.url}"))
        page.goto(url, wait_until="networkidle")
        return page, problems

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_seed_article_screenshot(open_page, site_url, artifacts, width, scheme):
    page, problems = open_page(f"{site_url}/{SEED}", width=width, scheme=scheme)
    page.screenshot(path=str(artifacts / f"theme-seed-{width}-{scheme}.png"), full_page=True)
    assert problems == []
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(18, 18, 18)")
    assert page.locator("h1").inner_text() == "Russia ready to 'ensure security' in Belarus"
    assert page.locator("figure.figure-hero .credit").is_visible()


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
    assert page.locator(".credits").is_visible() and page.locator("figure.figure-hero .credit").is_visible()


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
