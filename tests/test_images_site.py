"""Photos in a real build: <picture> markup, files in the output, warnings, share cards, the cache on rebuilds,
the Nu checker, and which candidate Chromium picks at 375 px and 1280 px.

One small site (one article, six figures) is built once for the module with `invoke build`, then rebuilt.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

import images_support as photos
from conftest import require
from support import ROOT, copy_project, invoke, static_server

pytestmark = [
    pytest.mark.build,
    pytest.mark.browser,
]  # pytest -m "not build and not browser and not server": the fast unit tests

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTICLE = """\
---
title: Photos <b>tell</b> the story
date: '2024-03-05'
standfirst: A test article with a hero and body figures.
hero:
  alt: The square from above
  caption: The square on Monday
  credit: Agency/Photographer
  image: square.jpg
tags: []
slug: photo-story
---

Opening paragraph with enough words to read.

> [!FIGURE] street.jpg
> Alt: A street, stored sideways by the camera
> Caption: The street
> Credit: Agency/Other

Second paragraph.

> [!FIGURE] no-such-photo.jpg
> Alt: A photo nobody supplied
> Caption: Missing
> Credit: Agency

> [!FIGURE] broken.jpg
> Alt: A truncated upload
> Caption: Broken
> Credit: Agency

> [!FIGURE] drawing.svg
> Alt: A drawing
> Caption: Vector
> Credit: Agency

> [!FIGURE] ../../pelicanconf.py
> Alt: Escaping the folder
> Caption: Sneaky
> Credit: Agency
"""
PLAIN_ARTICLE = """\
---
title: No photo here
date: '2024-03-04'
standfirst: Text only.
slug: no-photo
---

Just text.
"""
MISSING_HERO = """\
---
title: The hero photo never arrived
date: '2024-03-03'
standfirst: Its file is missing.
hero:
  alt: A crowd at dusk
  caption: The crowd
  credit: Agency
  image: crowd.jpg
slug: missing-hero
---

Text.
"""
QUALITY_CHANGE = "from pelicanconf import *\nNEWS_IMAGES_QUALITY = {'avif': 55, 'webp': 60, 'jpeg': 80}\n"


def _last_run(project: Path) -> dict:
    return json.loads((project / "cache" / "news_images" / "last-run.json").read_text())


def _cache_files(project: Path) -> dict[str, int]:
    return {
        str(p): p.stat().st_mtime_ns
        for p in (project / "cache" / "news_images").rglob("*.*")
        if p.name not in ("index.json", "last-run.json")
    }


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("images"), with_content=False)
    articles = project / "content" / "articles"
    own = articles / "photo-story"
    own.mkdir(parents=True)
    shared = project / "content" / "images"
    shared.mkdir()
    (articles / "photo-story.md").write_text(ARTICLE, encoding="utf-8")
    (articles / "no-photo.md").write_text(PLAIN_ARTICLE, encoding="utf-8")
    (articles / "missing-hero.md").write_text(MISSING_HERO, encoding="utf-8")
    photos.camera_jpeg(shared / "square.jpg", 2400, 1600, 1)
    photos.camera_jpeg(own / "street.jpg", 2000, 1500, 6)
    photos.truncated_jpeg(own / "broken.jpg")
    photos.svg_file(shared / "drawing.svg")
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:  # static files from article folders
        settings.write('\nSTATIC_PATHS = ["images", "extra", "articles"]\n')  # too: originals must still stay out
    first = invoke(project, "build", check=False)
    first_run = _last_run(project)
    cache_after_first = _cache_files(project)
    os.utime(articles / "no-photo.md")  # a change, or `invoke build` finds nothing to do and runs no build
    second = invoke(project, "build", check=False)
    second_run = _last_run(project)
    cache_after_second = _cache_files(project)
    (project / "quality.py").write_text(QUALITY_CHANGE, encoding="utf-8")
    invoke(project, "build", "--settings", "quality.py", check=False)
    third_run = _last_run(project)
    invoke(project, "build", check=False)  # back to the normal settings for the page checks below
    return {
        "project": project,
        "output": project / "output",
        "first": first,
        "second": second,
        "runs": (first_run, second_run, third_run),
        "caches": (cache_after_first, cache_after_second),
    }


@pytest.fixture(scope="module")
def article_html(photo_site) -> BeautifulSoup:
    page = photo_site["output"] / "2024" / "03" / "photo-story" / "index.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def test_build_succeeds_with_warnings_naming_article_and_file(photo_site):
    first = photo_site["first"]
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr + first.stdout
    log = first.stderr + first.stdout
    for name, reason in [
        ("no-such-photo.jpg", "not found (looked in articles/photo-story/ and images/)"),
        ("broken.jpg", "truncated or damaged"),
        ("drawing.svg", "SVG is not supported"),
        ("../../pelicanconf.py", "points outside the photo folders"),
    ]:
        assert f"articles/photo-story.md: photo '{name}'" in log and reason in log, (name, log)


def test_hero_and_body_figures_are_responsive_pictures(article_html):
    pictures = article_html.select("figure picture")
    assert len(pictures) == 2
    hero, body = pictures
    for picture, fallback_width in ((hero, 800), (body, 800)):
        sources = picture.find_all("source")
        assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
        img = picture.find("img")
        assert img["src"].endswith(".jpg") and f"-{fallback_width}." in img["src"]
        assert int(img["width"]) == fallback_width and int(img["height"]) > 0
        for candidates in [s["srcset"] for s in sources] + [img["srcset"]]:
            assert [c.split()[-1] for c in candidates.split(", ")] == ["480w", "800w", "1200w", "1600w"] or [
                c.split()[-1] for c in candidates.split(", ")
            ] == ["480w", "800w", "1200w", "1500w"]
    hero_img, body_img = hero.find("img"), body.find("img")
    assert hero_img["fetchpriority"] == "high" and not hero_img.has_attr("loading")
    assert hero_img["alt"] == "The square from above" and "figure-hero" in hero.parent["class"]
    assert body_img["loading"] == "lazy" and body_img["alt"] == "A street, stored sideways by the camera"
    assert (int(body_img["width"]), int(body_img["height"])) == (800, 1067), "upright: portrait"


def test_missing_and_bad_photos_fall_back_to_text_figures(article_html):
    text_only = article_html.select("figure.figure-text-only")
    descriptions = [figure.select_one(".figure-alt").get_text() for figure in text_only]
    assert descriptions == [
        "Photo needed: A photo nobody supplied",
        "Photo needed: A truncated upload",
        "Photo needed: A drawing",
        "Photo needed: Escaping the folder",
    ]
    assert not article_html.select('img[src*="no-such-photo"], img[src*="broken"], img[src*="svg"]')


def test_a_missing_hero_photo_becomes_a_text_hero(photo_site):
    page = photo_site["output"] / "2024" / "03" / "missing-hero" / "index.html"
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    hero = html.select_one("figure.figure-hero")
    assert "figure-text-only" in hero["class"] and hero.find("img") is None
    assert "Photo needed: A crowd at dusk" in hero.get_text()
    log = photo_site["first"].stderr + photo_site["first"].stdout
    assert "articles/missing-hero.md: photo 'crowd.jpg' not found" in log


def test_every_referenced_file_exists_and_originals_do_not(photo_site, article_html):
    output = photo_site["output"]
    urls = {img["src"] for img in article_html.select("picture img")}
    for element in article_html.select("picture source, picture img"):
        urls.update(candidate.split()[0] for candidate in element["srcset"].split(", "))
    assert len(urls) == 24
    for url in urls:
        path = output / url.lstrip("/")
        with Image.open(path) as image:
            assert f"-{image.width}." in path.name
        assert photos.metadata_of(path)["secret_in_bytes"] is False
    names = {p.name for p in output.rglob("*")}
    assert not names & {"square.jpg", "street.jpg", "broken.jpg", "drawing.svg"}, "originals carry GPS tags"


def test_share_cards_are_1200_by_630_with_and_without_a_photo(photo_site):
    output = photo_site["output"]
    with_photo = output / "2024" / "03" / "photo-story" / "share-card.jpg"
    without = output / "2024" / "03" / "no-photo" / "share-card.jpg"
    for card in (with_photo, without):
        with Image.open(card) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 630))
            assert photos.metadata_of(card)["exif"] == {}
    with Image.open(with_photo) as image:
        assert image.getpixel((150, 60))[0] > 150, "the hero's red quadrant shows at the top left"
    with Image.open(without) as image:
        background = image.getpixel((1150, 20))
        assert max(abs(a - b) for a, b in zip(background, (0x14, 0x21, 0x3D))) < 12
        text = [image.getpixel((x, y)) for x in range(64, 600, 4) for y in range(300, 560, 4)]
        assert any(min(pixel) > 200 for pixel in text), "headline drawn in white"


def test_share_image_is_set_for_the_page_metadata(photo_site):
    html = (photo_site["output"] / "2024" / "03" / "photo-story" / "index.html").read_text(encoding="utf-8")
    assert "2024/03/photo-story/share-card.jpg" in html  # og:image / twitter:image from article.share_image


def test_second_build_encodes_nothing_and_a_quality_change_only_its_format(photo_site):
    first, second, third = photo_site["runs"]
    assert first["encoded"] == {"avif": 8, "webp": 8, "jpeg": 8} and first["cards_drawn"] == 3
    assert second["encoded"] == {} and second["cards_drawn"] == 0 and second["cards_reused"] == 3
    assert third["encoded"] == {"webp": 8} and third["cards_drawn"] == 0
    before, after = photo_site["caches"]
    assert before == after, "no cached file rewritten by the second build"


def test_picture_markup_is_valid_html(photo_site):
    require("java", "the Nu Html Checker runs on Java")
    require(str(VNU), "npm ci installs vnu-jar")
    page = photo_site["output"] / "2024" / "03" / "photo-story" / "index.html"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", str(page)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


@pytest.mark.parametrize(("viewport", "hero_width", "body_width"), [(375, 480, 480), (1280, 1200, 800)])
def test_chromium_picks_the_right_candidate(photo_site, browser, viewport, hero_width, body_width):
    context = browser.new_context(viewport={"width": viewport, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    try:
        with static_server(photo_site["output"]) as base:
            page.goto(f"{base}/2024/03/photo-story/")
            chosen = []
            for selector in ("figure.figure-hero picture img", "figure:not(.figure-hero) picture img"):
                image = page.locator(selector)
                image.scroll_into_view_if_needed()
                page.wait_for_function("img => img.complete && img.currentSrc", arg=image.element_handle())
                chosen.append(image.evaluate("img => img.currentSrc"))
    finally:
        context.close()
    hero_src, body_src = chosen
    assert hero_src.endswith(".avif") and f"-{hero_width}." in hero_src
    assert body_src.endswith(".avif") and f"-{body_width}." in body_src


CAPTIONED = """\
---
title: The harbour at dusk
date: '2024-03-06'
standfirst: Boats came back before dark.
tags: []
slug: harbour-at-dusk
---

The boats came back before dark.

> [!FIGURE] quay.jpg
> Alt: The quay
> Caption: The quay at dusk
> Credit: Agency/Photographer

The quay was quiet by midnight.

> [!FIGURE] bare.jpg
"""


def test_only_an_image_no_caption_describes_is_warned_about_for_its_empty_alt(tmp_path):
    """The quay's alt text says nothing its caption does not, so the markup leaves it empty (a screen reader
    would hear it twice): Pelican's "Empty alt attribute" warning would send the editor to fix what is right.
    The bare figure has neither alt text nor a caption: that one is a gap, and it is warned about, in the
    build that reads the article and in the next, which takes it from the reader cache."""
    project = copy_project(tmp_path / "site", with_content=False)
    folder = project / "content" / "articles" / "harbour-at-dusk"
    folder.mkdir(parents=True)
    (folder.parent / "harbour-at-dusk.md").write_text(CAPTIONED, encoding="utf-8")
    photos.camera_jpeg(folder / "quay.jpg", 1600, 1000, 1)
    photos.camera_jpeg(folder / "bare.jpg", 1600, 1000, 1)
    first = invoke(project, "build")
    # another article comes: the next build runs Pelican's generators, which take this one from the reader cache
    (folder.parent / "no-photo.md").write_text(PLAIN_ARTICLE, encoding="utf-8")
    second = invoke(project, "build")
    page = (project / "output" / "2024" / "03" / "harbour-at-dusk" / "index.html").read_text(encoding="utf-8")
    assert page.count('alt=""') == 2  # both images are there, neither with alt text
    for build in (first, second):
        warned = re.findall(r"Empty alt attribute for image (\S+)", build.stderr)
        assert [name.split("-")[0] for name in warned] == ["bare"], build.stderr
