"""Saved HTML pages in content/raw/ become explainer pages (a broken one fails alone): checked in Chromium."""

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from conftest import require
from news_core.importer import frontmatter
from news_core.importer.sync import FRESH_IMPORT_SUFFIX, Status, import_all
from support import FIXTURES, ROOT, copy_project, invoke, static_server

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

SEED_PAGE = FIXTURES / "html" / "seed_structure_as_html.html"
HOSTILE_PAGE = """<!doctype html><html><head><title>Council approves budget</title>
<meta property="article:published_time" content="2021-03-02T10:00:00Z">
<script>alert("head script")</script></head><body>
<article><h1>Council approves budget<script>alert("in the headline")</script></h1>
<p>The council approved the budget on Tuesday by a narrow margin of votes after a long debate.</p>
<p>The page quoted &lt;img src=x onerror=alert(2)&gt; and &lt;script&gt;alert(3)&lt;/script&gt; as text.</p>
<p onmouseover="alert(4)">Councillors will vote again in June.</p>
<blockquote><p>The mayor wrote: &lt;script&gt;alert(7)&lt;/script&gt; is not a budget line.</p><p>[!FIGURE] evil.jpg</p></blockquote>
<figure><img src="x" onerror="alert(5)" alt="Councillors &quot;vote&quot; <b>late</b>">
<figcaption>The vote came after midnight<span class="credit">Image: &lt;i&gt;Town Hall&lt;/i&gt;</span></figcaption></figure>
<p>Read more: <a href="javascript:alert(6)">Budget explained</a></p>
</article><script>alert("body script")</script></body></html>"""


COMPLETE_PAGE = FIXTURES / "html_complete" / "wildfire.html"
SAVED_PHOTOS = {"smoke over lisbon.jpg": (1600, 1000, "JPEG"), "firefighters.png": (1200, 800, "PNG")}
SAVED_FRAME = (
    "<html><body><article><h1>Reader comments</h1><p>This frame was saved with the page; it is not an"
    " article and must not be imported as one.</p></article></body></html>"
)


def save_complete_page(raw: Path) -> None:
    """What "Save Page As... Web Page, complete" leaves: the page and its NAME_files/ folder."""
    shutil.copy(COMPLETE_PAGE, raw / COMPLETE_PAGE.name)
    files = raw / "wildfire_files"
    files.mkdir()
    for index, (name, (width, height, kind)) in enumerate(SAVED_PHOTOS.items()):
        Image.new("RGB", (width, height), (200, 90 + 40 * index, 40)).save(files / name, kind)
    (files / "comments.html").write_text(SAVED_FRAME, encoding="utf-8")
    (files / "site.css").write_text("body { color: black }", encoding="utf-8")


@pytest.fixture(scope="module")
def html_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("html-site"), with_content=False)
    raw = project / "content" / "raw"
    shutil.copy(SEED_PAGE, raw / "belarus.html")
    (raw / "budget.htm").write_text(HOSTILE_PAGE, encoding="utf-8")
    (raw / "broken.html").write_text("<html><body><div><p>Saved without its headline", encoding="utf-8")
    save_complete_page(raw)
    result = invoke(project, "build", check=False)
    assert result.returncode != 0, "a failed page makes the build exit non-zero"
    assert (
        "error: raw/broken.html: no headline: the page has no <h1>, og:title, JSON-LD headline or <title>"
        in result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def site_url(html_site):
    with static_server(html_site / "output") as url:
        yield url


@pytest.fixture
def dialogs(page):
    """Every alert() a page tries to open: untrusted text must never run."""
    opened = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


# The `page` fixture is a real Chromium (conftest: it fails instead of skipping in CI when Chromium is missing).
def test_the_saved_page_reads_like_the_text_import(page, site_url, dialogs):
    page.goto(f"{site_url}/2020/08/russia-ready-to-ensure-security-in-belarus/")
    assert page.locator("h1").inner_text() == "Russia ready to ‘ensure security’ in\u00a0Belarus"  # typeset
    assert page.locator(".standfirst").inner_text().startswith("President Alexander Lukashenko has said")
    captions = page.locator("figure figcaption").all_inner_texts()
    assert any("Belarusian President Alexander Lukashenko" in text and "Reuters/M. Guchek" in text for text in captions)
    assert any("clashes with police" in text and "picture-alliance/dpa/V. Sharifulin" in text for text in captions)
    headings = [text.rstrip("#").strip() for text in page.locator(".article-body h2").all_inner_texts()]  # self-links
    assert headings[:3] == ["No need for ‘foreign governments’", "Ongoing protests", "Thousands arrested"]
    links = page.locator("aside.read-more a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())][:2] == [
        "https://www.dw.com/en/arrested-protesters-talk-of-brutality/a-54571234",
        "https://www.dw.com/en/belarus-opposition-leader-this-freedom-cant-be-broken-with-police-batons/a-54573210",
    ]
    text = page.locator("article").inner_text()  # the theme's own skip link and menus are outside it
    for cruft in ("Skip to", "We use cookies", "Top stories", "dataLayer", "Advertisement", "WhatsApp", "Svetlana"):
        assert cruft not in text
    assert dialogs == []


def test_untrusted_markup_is_shown_as_text_and_never_runs(page, site_url, dialogs):
    page.goto(f"{site_url}/2021/03/council-approves-budget/")
    page.mouse.move(200, 400)
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Council approves\u00a0budget"  # no lone last word
    body = page.locator(".article-body").inner_text()
    assert "The page quoted <img src=x onerror=alert(2)> and <script>alert(3)</script> as text." in body
    assert "Councillors will vote again in June." in body
    quote = page.locator(".article-body blockquote")
    assert quote.locator("p").all_inner_texts() == [
        "The mayor wrote: <script>alert(7)</script> is not a budget line.",
        "[!FIGURE] evil.jpg",
    ]
    assert page.locator("article figure").count() == 1  # the hero; the quoted [!FIGURE] marker stays text
    assert page.locator("article script, article [onerror], article [onmouseover], article iframe").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert "Budget explained" in page.locator("aside.read-more").inner_text()
    caption = page.locator("figure figcaption").first.inner_text()
    assert "The vote came after midnight" in caption and "<i>Town Hall</i>" in caption
    assert dialogs == []


def test_pages_built_from_saved_html_are_valid_html(html_site):
    require("java", "the Nu Html Checker runs on Java")
    require(str(VNU), "npm ci installs vnu-jar")
    output = html_site / "output"
    pages = [
        output / "2020" / "08" / "russia-ready-to-ensure-security-in-belarus" / "index.html",
        output / "2021" / "03" / "council-approves-budget" / "index.html",
    ]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", *map(str, pages)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_editors_changes_to_an_imported_page_survive_a_reimport(tmp_path):
    content = tmp_path / "content"
    raw, out = content / "raw", content / "articles"
    raw.mkdir(parents=True)
    (raw / "belarus.html").write_bytes(SEED_PAGE.read_bytes())
    assert import_all(content, raw, out).outcomes[0].status is Status.IMPORTED
    markdown = out / "belarus.md"
    fields, body, _ = frontmatter.split(markdown.read_text(encoding="utf-8"))
    edited = markdown.read_text(encoding="utf-8").replace("Lukashenko made the claim", "Lukashenko made the remark")
    markdown.write_text(edited, encoding="utf-8")
    (raw / "belarus.html").write_bytes(SEED_PAGE.read_bytes().replace(b"Thousands arrested", b"Thousands held"))
    outcome = import_all(content, raw, out).outcomes[0]
    assert outcome.status is Status.KEPT
    assert markdown.read_text(encoding="utf-8") == edited
    fresh = markdown.with_name(markdown.name + FRESH_IMPORT_SUFFIX).read_text(encoding="utf-8")
    assert "## Thousands held" in fresh and fields["source"] == "raw/belarus.html"


def test_a_page_saved_complete_is_built_with_its_own_photos(page, html_site, site_url):
    content = html_site / "content"
    fields, body, _ = frontmatter.split((content / "articles" / "wildfire.md").read_text(encoding="utf-8"))
    assert fields["hero"]["image"] == "smoke over lisbon.jpg"
    assert fields["hero"]["credit"] == "Ana Brito/Reuters"
    assert fields["source_url"] == "https://news.example/climate/2023/07/wildfire-smoke-reaches-europe"
    assert fields["modified"] > fields["date"]
    assert "> [!FIGURE] firefighters.png" in body
    assert "> [!FIGURE]\n> Alt: A map of the smoke plume" in body  # only on the web: never fetched
    for name in SAVED_PHOTOS:  # copied next to the article, byte for byte
        assert (content / "articles" / "wildfire" / name).read_bytes() == (
            content / "raw" / "wildfire_files" / name
        ).read_bytes()
    assert not (content / "articles" / "wildfire_files").exists()  # the saved frame is not an article
    assert not list((html_site / "output").rglob("reader-comments*"))
    page.goto(f"{site_url}/2023/07/wildfire-smoke-from-canada-reaches-europe/")
    pictures = page.locator("article picture")
    assert pictures.count() == 2
    for index in range(2):
        image = pictures.nth(index).locator("img")
        image.scroll_into_view_if_needed()  # body photos load lazily
        image.evaluate("img => img.decode()")  # resolves once the photo is loaded and decodable
        assert image.evaluate("img => img.naturalWidth") > 0
        assert pictures.nth(index).locator("source").count() >= 1
    assert "Ana Brito/Reuters" in page.locator("article figure").first.inner_text()
