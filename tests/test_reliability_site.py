"""Editors' mistakes and odd files, all in one site built once with `invoke build`: each bad file is one
`error: FILE[:LINE]: reason` line (with the key for a wrong type), the rest of the site is built, no traceback
reaches the terminal, the exit code is non-zero, nothing outside content/ is published, no quoted script ends
up in a page, and no published URL moves because a new file arrived.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import copy_project, invoke

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

STORM = (
    "Storm hits the coast\n\nAugust 15, 2020\n\nA storm hit the coast on Saturday.\n\n"
    "The mayor quoted a warning sign: <script>document.title='PWNED'</script> and left.\n"
)
CALM = "Calm returns to the bay\n\nAugust 16, 2020\n\nThe bay was calm on Sunday.\n\nBoats stayed in port.\n"
TIDE = "Spring tide floods the quay\n\nAugust 17, 2020\n\nThe quay flooded at noon.\n\nCars were moved.\n"
HARBOUR = "Harbour reopens after repairs\n\nAugust 18, 2020\n\nThe harbour reopened on Tuesday.\n\nShips came in.\n"
SECRET = "Secret salaries of the board\n\nAugust 19, 2020\n\nThe board's salaries, never to be published.\n"
# One stray Windows-1252 byte (a curly apostrophe) in an otherwise UTF-8 dump.
MIXED = (
    (
        "Café owners protest in Zürich\n\nAugust 20, 2020\n\nThe café owners of Zürich marched on Monday.\n\n"
        "They said it was the mayor"
    ).encode()
    + b"\x92"
    + "s decision – and theirs.\n".encode()
)


def article(title: str, slug: str, extra: str = "", date: str = "2020-08-21") -> str:
    return f"---\ntitle: {title}\ndate: {date}\nslug: {slug}\n{extra}---\n\nA paragraph of the body.\n"


BROKEN_ARTICLES = {
    "bad-date.md": article("Bad date", "bad-date", date="2024-02-30"),
    "overflow-date.md": article("Overflow", "overflow", date="0001-01-01T00:30:00+02:00"),
    "related-text.md": article("Related as text", "related-text", "related: see our other stories\n"),
    "facts-text.md": article("Facts as text", "facts-text", "key_facts: one fact only\n"),
    "title-list.md": article("x", "title-list").replace("title: x", "title: [a, b]"),
    "hero-text.md": article("Hero as text", "hero-text", "hero: a photo of the bay\n"),
    "open-quote.md": article("Open quote", "open-quote", "standfirst: 'The quote never closes\ntags: [bay]\n"),
    "explainr.md": article("Missing template", "explainr", "template: explainr\n"),
}
# Each broken file -> (line, what its one error line says); a text for the line: the line starting with it.
EXPECTED = {
    "articles/storm.md": ("The mayor quoted", "is never closed: add a `---` line before"),
    "articles/bad-date.md": (3, "`date`: 2024-02-30 is not a valid date"),
    "articles/overflow-date.md": (3, "`date`"),
    "articles/related-text.md": (5, "`related` must be a list of links"),
    "articles/facts-text.md": (5, "`key_facts` must be a list of text"),
    "articles/title-list.md": (2, "`title` must be text, not a list"),
    "articles/hero-text.md": (5, "`hero` must be a mapping"),
    "articles/open-quote.md": (5, "a quote opened here is never closed"),
    "articles/explainr.md": (5, "template `explainr` does not exist"),
    "articles/calm (copy).md": ("slug:", "where articles/calm.md is published"),
    "pages/search.md": (2, "the site's own page (NEWS_SEO_SEARCH_SAVE_AS)"),
    "raw/late-date.txt": (3, "is not a valid date"),
    "raw/secret.txt": (None, "a link to a file outside content/"),
    "raw/Stra\\xdfe.txt": (None, "not valid UTF-8"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(project, `invoke build` result) after a first import and then every mistake at once."""
    project = copy_project(tmp_path_factory.mktemp("reliability"))
    content = project / "content"
    raw, articles = content / "raw", content / "articles"
    for name, text in (("storm.txt", STORM), ("calm.txt", CALM), ("tide.txt", TIDE), ("harbour.txt", HARBOUR)):
        (raw / name).write_text(text, encoding="utf-8")
    invoke(project, "import")
    published = {name: _slug(articles / name) for name in ("harbour.md", "calm.md")}

    storm = articles / "storm.md"  # an editor deletes the closing `---`
    storm.write_text(storm.read_text(encoding="utf-8").replace("\n---\n", "\n", 1), encoding="utf-8")
    (articles / "tide.md").rename(articles / "tide-for-monday.md")  # an editor renames an imported article
    (articles / "calm (copy).md").write_bytes((articles / "calm.md").read_bytes())  # and copies one
    (raw / "harbour (copy).txt").write_text(HARBOUR.replace("Ships came in.", "Ships came in again."))
    for name, text in BROKEN_ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    (content / "pages" / "search.md").write_text("Title: Search tips\nSlug: search\n\nHow to search.\n")
    (raw / "late-date.txt").write_text("Old story\n\n0001-01-01T00:30:00+02:00\n\nStandfirst.\n\nBody.\n")
    (raw / "mixed.txt").write_bytes(MIXED)
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text(SECRET)
    (raw / "secret.txt").symlink_to(outside)
    (raw / "._calm.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")  # AppleDouble
    (raw / ".draft.txt").write_text(CALM.replace("Calm returns", "Hidden draft returns"))
    (raw / "Stra\xdfe.txt".encode("latin-1").decode("utf-8", "surrogateescape")).write_text(CALM)
    result = invoke(project, "build", check=False, env={"COLUMNS": "250"})
    return project, result, published


def _slug(markdown: Path) -> str:
    return re.search(r"^slug: (.+)$", markdown.read_text(encoding="utf-8"), re.M)[1]


def _lines(result) -> list[str]:
    return (result.stdout + result.stderr).splitlines()


def test_the_build_exits_non_zero_without_a_traceback(site):
    _, result, _ = site
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert not [line for line in _lines(result) if line.startswith(("  File ", "    "))]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_is_one_error_line_with_file_line_and_reason(site, name):
    project, result, _ = site
    line, reason = EXPECTED[name]
    if isinstance(line, str):
        text = (project / "content" / name).read_text(encoding="utf-8").splitlines()
        line = next(number for number, row in enumerate(text, start=1) if row.startswith(line))
    where = f"{name}:{line}:" if line else f"{name}:"
    mine = [text for text in _lines(result) if text.startswith(f"error: {where}")]
    assert len(mine) == 1, "\n".join(_lines(result))
    assert reason in mine[0]


def test_the_rest_of_the_site_is_built(site):
    project, _, _ = site
    output = project / "output"
    for page in (
        "index.html",
        "2020/08/russia-ready-to-ensure-security-in-belarus/index.html",
        "2020/08/calm-returns-to-the-bay/index.html",
        "2020/08/harbour-reopens-after-repairs/index.html",
        "2020/08/cafe-owners-protest-in-zurich/index.html",
        "search/index.html",
        "about/index.html",
    ):
        assert (output / page).is_file(), page
    assert "Search tips" not in (output / "search" / "index.html").read_text(encoding="utf-8")


def test_no_quoted_script_and_no_file_from_outside_content_is_published(site):
    project, result, _ = site
    pages = "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in (project / "output").rglob("*")
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt")
    )
    assert "<script>document.title" not in pages
    assert "Secret salaries" not in pages and "never to be published" not in pages
    assert "Hidden draft" not in pages
    assert not (project / "content" / "articles" / "secret.md").exists()
    assert not (project / "content" / "articles" / "._calm.md").exists()
    assert "._calm" not in result.stdout + result.stderr and ".draft" not in result.stdout + result.stderr


def test_a_broken_imported_article_is_not_taken_for_an_edit_after_a_raw_change(site):
    project, result, _ = site
    assert not (project / "content" / "articles" / "storm.md.new").exists()
    assert not [line for line in _lines(result) if "storm" in line and "changed since" in line]


def test_a_renamed_article_stays_the_one_article_of_its_raw_file(site):
    project, result, _ = site
    articles = project / "content" / "articles"
    assert not (articles / "tide.md").exists()
    assert (project / "output" / "2020/08/spring-tide-floods-the-quay/index.html").is_file()
    assert not [line for line in _lines(result) if "tide" in line.lower() and line.startswith("error:")]


def test_a_copy_of_a_raw_file_never_takes_the_originals_url(site):
    project, result, published = site
    articles = project / "content" / "articles"
    assert _slug(articles / "harbour.md") == published["harbour.md"] == "harbour-reopens-after-repairs"
    assert _slug(articles / "harbour (copy).md") == "harbour-reopens-after-repairs-2"
    original = (project / "output" / "2020/08/harbour-reopens-after-repairs/index.html").read_text(encoding="utf-8")
    assert "Ships came in." in original and "again" not in original
    assert (project / "output" / "2020/08/harbour-reopens-after-repairs-2/index.html").is_file()
    assert [
        line
        for line in _lines(result)
        if line.startswith("warning:")
        and "harbour (copy).txt" in line
        and "already used by articles/harbour.md" in line
    ]


def test_a_copied_markdown_file_leaves_the_original_at_its_url(site):
    project, result, _ = site
    page = (project / "output" / "2020/08/calm-returns-to-the-bay/index.html").read_text(encoding="utf-8")
    assert "Calm returns to the bay" in page
    assert not [line for line in _lines(result) if "There are 2" in line]  # Pelican's own multi-line warning


def test_one_stray_windows_1252_byte_spoils_nothing_else_and_is_named(site):
    project, result, _ = site
    page = (project / "output" / "2020/08/cafe-owners-protest-in-zurich/index.html").read_text(encoding="utf-8")
    assert "The café owners of Zürich marched" in page and "mayor’s decision – and theirs" in page
    warning = [line for line in _lines(result) if line.startswith("warning:") and "raw/mixed.txt" in line]
    assert len(warning) == 1 and "line 7" in warning[0] and "Windows-1252" in warning[0]
