"""What search engines and social networks read in <head>: JSON-LD, Open Graph, X/Twitter, canonical.

Every article of the built test site is checked against its own front matter; the explainer's title
carries `</script><script>alert(...)` and must stay inside its JSON string, in the HTML and in Chromium.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from news_core.markdown.typography import headline as news_headline
from news_core.markdown.typography import typeset
from news_seo.social import LIMITS
from news_seo.text import clip
from seo_support import EXPLAINER, HOSTILE_TITLE, build_seo_site, front_matter

pytestmark = [
    pytest.mark.build,
    pytest.mark.browser,
]  # pytest -m "not build and not browser and not server": the fast unit tests


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_seo_site(tmp_path_factory.getbasetemp())


def articles(site) -> list[tuple[dict, Path]]:
    """(front matter, built page) for every Markdown article in the site's content."""
    pairs = []
    for source in sorted((site.project / "content" / "articles").glob("*.md")):
        fields = front_matter(source)
        date = dt.date.fromisoformat(str(fields["date"])[:10])
        pairs.append((fields, site.output / f"{date:%Y}" / f"{date:%m}" / fields["slug"] / "index.html"))
    return pairs


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def json_ld(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def meta(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (tag.get("property") or tag.get("name"), tag["content"])
        for tag in soup.head.find_all("meta")
        if tag.has_attr("content")
    ]


def same_date(value: str, front_matter_value) -> bool:
    text = str(front_matter_value)
    if "T" not in text:
        return value == text
    return dt.datetime.fromisoformat(value) == dt.datetime.fromisoformat(text)


def test_the_site_has_the_articles_under_test(site):
    built = articles(site)
    assert len(built) == 3 and all(page.is_file() for _, page in built)


def test_every_article_json_ld_matches_its_front_matter(site):
    names = {"kmm": "Kate Martin"}  # NEWS_SEO_AUTHOR_NAMES in the test settings
    for fields, page in articles(site):
        graph = json_ld(soup_of(page))
        assert graph["@context"] == "https://schema.org"
        story, trail = graph["@graph"]
        url = f"{site.siteurl}/{page.parent.relative_to(site.output).as_posix()}/"
        assert story["@type"] == ("BackgroundNewsArticle" if fields.get("explainer") else "NewsArticle")
        assert story["headline"] == typeset(fields["title"])  # typeset as the page shows it
        assert story["description"] == typeset(fields["standfirst"])
        assert same_date(story["datePublished"], fields["date"])
        if fields.get("modified"):
            assert same_date(story["dateModified"], fields["modified"])
        else:
            assert "dateModified" not in story, "a modification date nobody gave must not be invented"
        assert story["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
        assert story["url"] == url
        if fields.get("authors"):
            assert [a["name"] for a in story["author"]] == [names.get(a, a) for a in fields["authors"]]
            assert all(a["@type"] == "Person" for a in story["author"])
        else:  # no sign-off: Pelican's AUTHOR setting, a desk
            assert [(a["@type"], a["name"]) for a in story["author"]] == [("Organization", "News Explainers desk")]
        assert [o["name"] for o in story.get("sourceOrganization", [])] == fields.get("agencies", [])
        assert story.get("keywords", []) == fields.get("tags", [])
        if fields.get("editor"):
            assert story["editor"] == {"@type": "Person", "name": fields["editor"]}
        assert story["publisher"] == {
            "@type": "Organization",
            "name": "News Explainers",
            "url": f"{site.siteurl}/",
            "logo": {"@type": "ImageObject", "url": f"{site.siteurl}/images/logo.png"},
        }
        assert story["isAccessibleForFree"] is True
        assert story["inLanguage"] == "en"
        images = story["image"]
        assert images[0] == dict(meta(soup_of(page)))["og:image"]  # the share card first
        assert len(images) == (2 if fields.get("hero", {}).get("image") else 1)
        for image in images:  # every image is a published file at an absolute URL
            assert image.startswith(site.siteurl + "/") and (site.output / image[len(site.siteurl) + 1 :]).is_file()
        if len(images) == 2:  # then the hero photo, its widest JPEG
            assert images[1].rsplit("/", 1)[-1].startswith(fields["hero"]["image"].rsplit(".", 1)[0] + "-800.")
        assert trail["@type"] == "BreadcrumbList"
        crumbs = trail["itemListElement"]
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
        assert crumbs[0]["item"] == f"{site.siteurl}/" and crumbs[-1] == {
            "@type": "ListItem",
            "position": len(crumbs),
            "name": typeset(fields["title"]),
            "item": url,
        }


def test_every_article_has_open_graph_twitter_and_canonical(site):
    for fields, page in articles(site):
        soup = soup_of(page)
        url = f"{site.siteurl}/{page.parent.relative_to(site.output).as_posix()}/"
        tags = meta(soup)
        values = dict(tags)
        assert [link["href"] for link in soup.head.find_all("link", rel="canonical")] == [url]
        assert values["og:type"] == "article" and values["og:url"] == url
        assert values["og:title"] == values["twitter:title"] == typeset(fields["title"])  # short enough to be whole
        assert values["description"] == clip(typeset(fields["standfirst"]), LIMITS["description"])
        assert same_date(values["article:published_time"], fields["date"])
        assert ("article:modified_time" in values) == bool(fields.get("modified"))
        assert [value for key, value in tags if key == "article:tag"] == fields.get("tags", [])
        assert values["article:section"] == "News"
        # The images plugin draws a 1200x630 card next to each article; it must be the published file.
        card = values["og:image"]
        assert card.startswith(site.siteurl + "/") and (site.output / card[len(site.siteurl) + 1 :]).is_file()
        assert (values["og:image:width"], values["og:image:height"]) == ("1200", "630")
        assert values["twitter:card"] == "summary_large_image" and values["twitter:image"] == card
        assert values["og:image:alt"] == values["twitter:image:alt"] == typeset(fields["title"])
        assert values["twitter:site"] == "@explainers"
        for key in ("description", "og:title", "og:description", "twitter:title", "twitter:description"):
            assert len(values[key]) <= LIMITS[key], key


def test_the_seed_description_is_clipped_for_search_snippets(site):
    seed = next(page for fields, page in articles(site) if fields["slug"].startswith("russia-ready"))
    values = dict(meta(soup_of(seed)))
    assert len(values["description"]) <= 160 and values["description"].endswith("…")
    assert values["description"].startswith("President Alexander Lukashenko has said")


def test_script_in_title_stays_inside_the_json_ld(site):
    page = site.output / "2026" / "03" / EXPLAINER["slug"] / "index.html"
    html = page.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not [
        s for s in soup.find_all("script") if "alert(" in (s.string or "") and s.get("type") != "application/ld+json"
    ]
    assert "</script><script>alert" not in html
    assert json_ld(soup)["@graph"][0]["headline"] == typeset(HOSTILE_TITLE)


def test_script_in_title_does_not_run_in_chromium(site, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((site.output / "2026" / "03" / EXPLAINER["slug"] / "index.html").as_uri(), wait_until="load")
    headline = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)['@graph'][0].headline"
    )
    assert headline == typeset(HOSTILE_TITLE)
    assert page.locator("h1").first.inner_text() == news_headline(HOSTILE_TITLE)
    assert dialogs == []


def test_index_and_pages_describe_the_site(site):
    home = soup_of(site.output / "index.html")
    values = dict(meta(home))
    assert values["og:type"] == "website" and values["og:url"] == f"{site.siteurl}/"
    assert json_ld(home)["@type"] == "WebSite"
    assert home.head.find("link", rel="canonical")["href"] == f"{site.siteurl}/"
    about = soup_of(site.output / "about" / "index.html")
    assert about.head.find("link", rel="canonical")["href"] == f"{site.siteurl}/about/"
    assert json_ld(about)["@type"] == "WebPage"


@pytest.mark.parametrize("path", ["404.html", "search/index.html"])
def test_error_and_search_pages_ask_not_to_be_indexed(site, path):
    head = soup_of(site.output / path).head
    assert head.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert head.find("link", rel="canonical") is None
    assert soup_of(site.output / "index.html").head.find("meta", attrs={"name": "robots"}) is None


def test_feed_links_in_head_point_at_written_feeds(site):
    def feed_files(path: Path) -> list[Path]:
        links = soup_of(path).head.find_all("link", rel="alternate")
        assert links and all(link["href"].startswith(site.siteurl + "/") for link in links)
        return [site.output / link["href"][len(site.siteurl) + 1 :] for link in links]

    home_feeds = feed_files(site.output / "index.html")
    assert {path.name for path in home_feeds} == {"all.atom.xml", "all.rss.xml"}
    tag_feeds = feed_files(site.output / "tag" / "belarus.html")
    assert {path.name for path in tag_feeds} == {"all.atom.xml", "all.rss.xml", "belarus.atom.xml", "belarus.rss.xml"}
    assert all(path.is_file() for path in home_feeds + tag_feeds)


def test_a_local_preview_uses_site_paths_not_an_invented_host(built_site):
    """`invoke build` (pelicanconf.py, no SITEURL): root-relative canonical, no sitemaps (they need a host)."""
    seed = next(built_site.glob("2020/08/*/index.html"))
    soup = soup_of(seed)
    assert soup.head.find("link", rel="canonical")["href"] == "/" + seed.parent.relative_to(built_site).as_posix() + "/"
    assert not (built_site / "sitemap.xml").exists()
    assert "Sitemap:" not in (built_site / "robots.txt").read_text(encoding="utf-8")


def test_pages_with_metadata_are_valid_html(site):
    """The Nu Html Checker accepts the <head> we add (and the search page) on every page of the test site."""
    import subprocess

    from conftest import require
    from support import ROOT

    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    require("java", "the Nu Html Checker runs on Java")
    require(str(vnu), "npm ci installs vnu-jar")
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--skip-non-html", str(site.output)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
