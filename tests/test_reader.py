"""The reader: our Markdown syntax renders through Python-Markdown extensions, other content as plain Pelican."""

import textwrap
from pathlib import Path

import pytest
from pelican.settings import read_settings

from news_import.reader import NewsMarkdownReader
from news_import.settings import apply_defaults
from support import ROOT, copy_project, run_in

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests


@pytest.fixture(scope="module")
def reader():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    apply_defaults(settings)
    return NewsMarkdownReader(settings)


def read(reader, tmp_path, text: str):
    path = tmp_path / "article.md"
    path.write_text(textwrap.dedent(text).lstrip())
    return reader.read(str(path))


DOC = """
    ---
    title: Test
    date: 2020-08-15
    standfirst: Short <b>summary</b>
    ---

    Intro paragraph with <script>alert(1)</script> inside.

    > [!FIGURE] photo.jpg
    > Alt: Alt text <img src=x onerror=alert(1)>
    > Caption: A caption
    > that wraps
    > Credit: Agency/Photo_grapher

    ## Section one

    > [!PULLQUOTE]
    > Quoted words here
    > — A. Speaker

    Body words counted here.

    > An ordinary quote stays a blockquote.
"""


def test_figure_callout_renders_a_figure_with_caption_and_credit(reader, tmp_path):
    content, _ = read(reader, tmp_path, DOC)
    assert (
        '<figure class="figure"><img alt="Alt text &lt;img src=x onerror=alert(1)&gt;" decoding="async" '
        'loading="lazy" src="photo.jpg">'
    ) in content.replace("\n", "")
    assert '<span class="caption">A caption that wraps</span>' in content
    assert '<span class="credit">Image: Agency/Photo_grapher</span>' in content


def test_pull_quote_callout_renders_a_hidden_duplicate(reader, tmp_path):
    content, _ = read(reader, tmp_path, DOC)
    assert (
        '<aside aria-hidden="true" class="pullquote" data-pagefind-ignore="all">'
        '<p class="pullquote-text">Quoted words here</p>'
        '<p class="pullquote-attribution">A. Speaker</p></aside>'
    ) in content.replace("\n", "")
    assert "<blockquote>\n<p>An ordinary quote stays a blockquote.</p>\n</blockquote>" in content


def test_raw_html_in_our_articles_is_text(reader, tmp_path):
    content, _ = read(reader, tmp_path, DOC)
    assert "<script>" not in content and "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_metadata_from_front_matter(reader, tmp_path):
    _, metadata = read(reader, tmp_path, DOC)
    assert metadata["title"] == "Test"
    assert metadata["date"].isoformat() == "2020-08-15T00:00:00"
    assert metadata["summary"] == "<p>Short &lt;b&gt;summary&lt;/b&gt;</p>"
    assert metadata["toc"] == [{"id": "section-one", "name": "Section one"}]
    # Intro with its escaped tag (8) + caption and credit (7) + "Section one" (2) + body (4) + ordinary quote (6);
    # the pull quote (3 words) and the alt attribute are not counted.
    assert metadata["word_count"] == 27


def test_bad_front_matter_names_the_file_and_line(reader, tmp_path):
    with pytest.raises(ValueError) as caught:
        read(reader, tmp_path, "---\ntitle: ok\ndate: [unclosed\n---\nBody\n")
    assert str(caught.value).startswith(f"{tmp_path / 'article.md'}:")
    assert "front matter is not valid YAML" in str(caught.value)


PLAIN_CONTENT = {
    "articles/plain.md": """
        Title: A plain Pelican article
        Date: 2020-08-10 10:20
        Tags: one, two
        Summary: A summary with *emphasis*.

        Text with <span class="raw">raw HTML</span>, a [link](https://example.org) and a table:

        | a | b |
        |---|---|
        | 1 | 2 |

        > [!FIGURE] not ours here
        > Alt: plain Pelican shows this as a quote
    """,
    "pages/colophon.rst": """
        Colophon
        ########

        :slug: colophon

        Made with *reStructuredText*.
    """,
}


def build_with(project: Path, plugins: list[str], output: str) -> Path:
    (project / "compare.py").write_text(
        "from pelicanconf import *\n"
        f"PLUGINS = {plugins!r}\nTHEME = 'simple'\nOUTPUT_PATH = {output!r}\nNEWS_IMPORT_ON_BUILD = False\n"
    )
    run_in(project, "pelican", "-s", "compare.py")
    return project / output


def test_plain_pelican_content_renders_exactly_as_without_our_plugins(tmp_path):
    project = copy_project(tmp_path / "site", with_content=False)
    for name, text in PLAIN_CONTENT.items():
        path = project / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    plain = build_with(project, [], "plain")
    ours = build_with(project, ["news_import"], "ours")
    pages = sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    assert Path("2020/08/a-plain-pelican-article/index.html") in pages and Path("colophon/index.html") in pages
    for page in pages:
        assert (ours / page).read_text() == (plain / page).read_text(), page
