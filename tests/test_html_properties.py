"""Properties of the HTML importer over generated pages: no crash, no body word lost, no cruft or code kept."""

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from news_core.importer.convert import convert
from news_core.importer.errors import ImportProblem
from news_core.importer.html_parse import parse_html
from tooling.bench.real_pages import body_text as article_body_text

# News words that are none of the importer's markers, plus text that looks like markup or Markdown.
VOCABULARY = (
    "police protest minister said government city people election vote crowd Kremlin Minsk analyst "
    "journalist opposition rights union border army court judge report crisis water Zürich café "
    '<script> <b>bold</b> a&b x<y *star* _under_ [link] `code` #hash O\'Neil "quoted" —'
).split()
sentence = st.lists(st.sampled_from(VOCABULARY), min_size=3, max_size=30).map(
    lambda words: words[0].capitalize() + " " + " ".join(words[1:]) + "."
)
CONTAINERS = (
    "{}",
    "<div>{}</div>",
    "<section><div class='text'>{}</div></section>",
    "<div><div><div>{}</div></div></div>",
)
CRUFT = (
    "<script>var LEAK = 'script';</script>",
    "<style>.LEAK{color:red}</style>",
    "<nav><a href='/'>LEAK nav</a></nav>",
    "<div class='cookie-banner'><p>LEAK cookies are used.</p></div>",
    "<div class='share-bar'>LEAK Share</div>",
    "<aside class='ad-slot'><p>LEAK advertisement text</p></aside>",
    "<noscript>LEAK enable JavaScript</noscript>",
    "<!-- LEAK comment -->",
    "<p hidden>LEAK hidden paragraph.</p>",
    "<template><p>LEAK template</p></template>",
)


@st.composite
def pages(draw):
    # Distinct paragraphs: a verbatim repeat is page furniture unless it is prose between the article's
    # paragraphs (html_select); that rule has its own test.
    paragraphs = draw(st.lists(sentence, min_size=2, max_size=12, unique_by=lambda text: text.lower()))
    parts = []
    for text in paragraphs:
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(CRUFT)))
        parts.append(draw(st.sampled_from(CONTAINERS)).format(f"<p>{html.escape(text)}</p>"))
    body = "<article><h1>Generated headline for a test page</h1>" + "".join(parts) + "</article>"
    outside = draw(st.sampled_from(CRUFT))
    return f"<!doctype html><html><head><title>t</title>{outside}</head><body>{outside}{body}</body></html>", paragraphs


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@settings(max_examples=80, deadline=None)
@given(pages())
def test_every_word_of_the_body_is_kept_and_no_cruft_or_code(page_and_paragraphs):
    page, paragraphs = page_and_paragraphs
    article, _ = parse_html(page.encode("utf-8"))
    text = article_body_text(article)
    assert words(text) == words(" ".join(paragraphs))
    assert "LEAK" not in text + str(article.related) + article.title


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>/=\"' abcdhipt!-&;#\n"), max_size=400))
def test_no_crash_on_markup_soup(text):
    try:
        convert(text.encode("utf-8"), "raw/soup.html")
    except ImportProblem as problem:
        assert str(problem).startswith("raw/soup.html")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_no_crash_on_any_bytes(data):
    for page in (data, b"<meta charset='koi8-r'><h1>x</h1>" + data, b"<meta charset='shift_jis'><h1>x</h1>" + data):
        try:
            convert(page, "raw/any.html")
        except ImportProblem as problem:
            assert str(problem).startswith("raw/any.html")
