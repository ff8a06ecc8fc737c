"""Bad saved pages: a clear error naming the file (and line), no traceback, and the rest still imports."""

import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from news_core.importer.convert import convert
from news_core.importer.decode import MAX_RAW_BYTES
from news_core.importer.errors import ImportProblem
from news_core.importer.html_decode import declared_encoding, decode_html
from news_core.importer.sync import Status, import_all

BERLIN = ZoneInfo("Europe/Berlin")


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


ARTICLE = (
    "<article><h1>Bridge reopens after repairs</h1><p>The bridge reopened on Monday after two years.</p>"
    "<p>Traffic is expected to return to normal within a week, officials said.</p></article>"
)


def imported(html: str | bytes, name: str = "page.html"):
    data = html.encode("utf-8") if isinstance(html, str) else html
    return convert(data, f"raw/{name}", BERLIN)


@pytest.mark.parametrize(
    "html, reason",
    [
        ("", "the file is empty"),
        ("   \n\t ", "the file is empty"),
        ("Just a text dump saved with the wrong name.\n\nSecond paragraph.", "no HTML markup"),
        ("<html><body><div class='nav'><a href='/'>Home</a></div></body></html>", "no headline"),
        ("<<<>>> &&& <//>", "no headline"),
        (page("<article><h1>" + "Very long headline " * 20 + "</h1><p>Text.</p></article>"), "too long for a title"),
        (
            page(
                ARTICLE,
                '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-02-30"}</script>',
            ),
            "is not a valid date",
        ),
        (page(ARTICLE.replace("<h1>", "<time datetime='2021-13-01'>x</time><h1>")), "is not a valid date"),
    ],
)
def test_unusable_pages_fail_with_a_reason(html, reason):
    with pytest.raises(ImportProblem) as problem:
        imported(html)
    assert reason in str(problem.value)
    assert str(problem.value).startswith("raw/page.html")


def test_a_bad_date_names_its_line():
    html = (
        "<html>\n<head>\n<meta property='article:published_time' content='2019-04-31T10:00:00Z'>\n</head>\n"
        f"<body>{ARTICLE}</body></html>"
    )
    with pytest.raises(ImportProblem) as problem:
        imported(html)
    assert str(problem.value).startswith("raw/page.html:3: '2019-04-31T10:00:00Z' is not a valid date")


def test_binary_and_huge_files_fail_like_text_dumps():
    with pytest.raises(ImportProblem, match="binary file"):
        imported(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    huge = page(ARTICLE + "<p>" + "word " * (MAX_RAW_BYTES // 5) + "</p>")
    with pytest.raises(ImportProblem, match=r"over the 4 MB limit"):
        imported(huge)


@pytest.mark.parametrize(
    "html",
    [
        page(ARTICLE)[:-40],  # cut off mid-tag
        page(ARTICLE).replace("</p>", "").replace("</article>", ""),  # end tags missing
        page(ARTICLE).replace("<p>", "<p><b><i>").replace("</p>", "</b></p>"),  # misnested inline tags
        "<h1>Bridge reopens after repairs</h1><p>The bridge reopened on Monday after two years.",  # a fragment
    ],
)
def test_broken_html_still_imports_its_text(html):
    result = imported(html)
    assert "title: Bridge reopens after repairs" in result.markdown
    assert "The bridge reopened on Monday after two years." in result.markdown


def test_a_page_without_an_article_element_warns_and_imports():
    result = imported(page("<main><h1>Bridge reopens after repairs</h1><p>The bridge reopened on Monday.</p></main>"))
    assert "The bridge reopened on Monday." in result.markdown
    assert any("no <article> element" in warning and "<main>" in warning for warning in result.warnings)


def test_deeply_nested_markup_imports_without_recursion_errors():
    nested = "<div>" * 20_000 + "<p>Deep inside, the text is still read.</p>" + "</div>" * 20_000
    result = imported(page(f"<article><h1>Nested</h1><p>Standfirst of a nested page.</p>{nested}</article>"))
    assert "Deep inside, the text is still read." in result.markdown


# --- encodings ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head, encoding, title",
    [
        ('<meta charset="iso-8859-1">', "cp1252", "Zürich café – €5"),  # browsers read Latin-1 as Windows-1252
        ("<meta charset=windows-1252>", "cp1252", "Zürich café – €5"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15">', "iso8859_15", "Zürich café €5"),
        ('<meta http-equiv="content-type" content="text/html;charset=koi8-r">', "koi8_r", "Москва"),
        ('<meta charset="shift_jis">', "shift_jis", "東京の地下鉄"),
        ('<meta charset="utf-8">', "utf-8", "Zürich café – €5"),
    ],
)
def test_the_declared_encoding_is_used(head, encoding, title):
    data = page(f"<article><h1>{title}</h1><p>Body text of the page.</p></article>", head).encode(encoding)
    result = imported(data)
    assert f"title: {title}" in result.markdown
    assert result.warnings == [
        "no publication date in the page (JSON-LD, <meta>, <time> or a date line); the"
        " article has no date until an editor sets `date:`"
    ]


def test_a_byte_order_mark_wins_over_a_wrong_declaration():
    data = "\ufeff" + page("<article><h1>Grüße aus Köln</h1><p>Text.</p></article>", '<meta charset="koi8-r">')
    assert "title: Grüße aus Köln" in imported(data.encode("utf-16")).markdown


@pytest.mark.parametrize(
    "data, warning",
    [
        (
            page("<article><h1>Café</h1><p>Text.</p></article>", '<meta charset="x-made-up">').encode(),
            "unknown encoding 'x-made-up'",
        ),
        (
            page("<article><h1>Café</h1><p>Text.</p></article>", '<meta charset="utf-8">').encode("cp1252"),
            "not valid UTF-8; read as Windows-1252",
        ),
        (
            page("<article><h1>Café</h1><p>Text.</p></article>").encode("cp1252"),
            "not valid UTF-8; read as Windows-1252",
        ),
    ],
)
def test_wrong_or_unknown_declarations_import_with_a_warning(data, warning):
    result = imported(data)
    assert "title: Café" in result.markdown
    assert any(warning in message for message in result.warnings)


def test_the_declaration_is_looked_for_only_near_the_top():
    assert declared_encoding(b'<meta charset="koi8-r">') == "koi8-r"
    assert declared_encoding(b" " * 5000 + b'<meta charset="koi8-r">') is None
    assert decode_html(b'<meta charset="utf-16"><h1>x</h1>')[0].startswith("<meta")  # read as UTF-8, as browsers do


# --- untrusted markup ------------------------------------------------------------------------------------

HOSTILE = page(
    "<noscript>Please enable JavaScript</noscript><template><p>TEMPLATE TEXT</p></template>"
    "<article><h1>Council <img src=x onerror=alert(1)>approves budget<script>alert('h1')</script></h1>"
    "<style>.x{color:red} STYLE TEXT</style>"
    "<p>The council approved the budget on Tuesday by a narrow margin of votes.</p>"
    "<p hidden>HIDDEN TEXT</p><p style='display: none'>INVISIBLE TEXT</p>"
    "<p>The page quoted &lt;img src=x onerror=alert(2)&gt; as text, which must stay text.</p>"
    "<iframe src='https://ads.example'>IFRAME TEXT</iframe><svg><text>SVG TEXT</text></svg>"
    "<p onclick=\"alert('p')\">Councillors will vote again in June.</p>"
    "<p>Read more: <a href='javascript:alert(3)'>Budget explained</a></p>"
    "<p>Read more: <a href='data:text/html,<script>alert(4)</script>'>Budget data</a></p>"
    "</article><script>document.write('BODY SCRIPT')</script>",
    head="<style>body{} HEAD STYLE</style><script>var HEAD_SCRIPT = 1</script>",
)


def test_script_style_and_hidden_content_never_reach_the_markdown():
    markdown = imported(HOSTILE).markdown
    for leaked in (
        "alert('h1')",
        "STYLE",
        "HIDDEN TEXT",
        "INVISIBLE TEXT",
        "IFRAME TEXT",
        "SVG TEXT",
        "TEMPLATE TEXT",
        "BODY SCRIPT",
        "HEAD_SCRIPT",
        "enable JavaScript",
        "onclick",
        "javascript:",
        "data:text",
    ):
        assert leaked not in markdown
    assert "title: Council approves budget" in markdown
    assert "Councillors will vote again in June." in markdown


def test_markup_the_page_showed_as_text_stays_text_and_unsafe_links_lose_their_url():
    markdown = imported(HOSTILE).markdown
    assert "The page quoted <img src=x onerror=alert(2)> as text, which must stay text." in markdown
    assert "- title: Budget explained\n  url: ''" in markdown
    assert "- title: Budget data\n  url: ''" in markdown


# --- through the importer: the rest of the site still imports ------------------------------------------


def test_one_bad_page_fails_alone_with_its_file_named(tmp_path):
    content = tmp_path / "content"
    raw, out = content / "raw", content / "articles"
    raw.mkdir(parents=True)
    (raw / "good.html").write_text(page(ARTICLE), encoding="utf-8")
    (raw / "also-good.htm").write_text(page(ARTICLE.replace("Bridge", "Tunnel")), encoding="utf-8")
    (raw / "broken.html").write_text("<html><body><p>No headline anywhere on this page.</p></body></html>")
    summary = import_all(content, raw, out, site_timezone=BERLIN)
    statuses = {outcome.raw.name: outcome.status for outcome in summary.outcomes}
    assert statuses == {"good.html": Status.IMPORTED, "also-good.htm": Status.IMPORTED, "broken.html": Status.FAILED}
    failed = summary.failed[0].messages
    assert failed == ["raw/broken.html: no headline: the page has no <h1>, og:title, JSON-LD headline or <title>"]
    assert (out / "good.md").is_file() and (out / "also-good.md").is_file() and not (out / "broken.md").exists()


def test_news_import_reports_a_bad_page_without_traceback(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<p>no headline</p>", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "news_import.cli", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert (
        result.stderr == f"error: {bad.as_posix()}: no headline: the page has no <h1>, og:title, JSON-LD"
        " headline or <title>\n"
    )
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_page_and_a_dump_of_the_same_name_do_not_overwrite_each_other(tmp_path):
    content = tmp_path / "content"
    raw, out = content / "raw", content / "articles"
    raw.mkdir(parents=True)
    (raw / "story.html").write_text(page(ARTICLE), encoding="utf-8")
    (raw / "story.txt").write_text(
        "Tunnel opens\n\nAugust 15, 2020\n\nThe tunnel opened on Monday.\n", encoding="utf-8"
    )
    for _ in range(2):  # the second run must not flip the Markdown back to the other file
        summary = import_all(content, raw, out, site_timezone=BERLIN)
        assert [outcome.status for outcome in summary.outcomes][1] is Status.FAILED
        assert summary.failed[0].messages == [
            "raw/story.txt: imports to the same story.md as raw/story.html; rename one of them"
        ]
        assert "title: Bridge reopens after repairs" in (out / "story.md").read_text(encoding="utf-8")
