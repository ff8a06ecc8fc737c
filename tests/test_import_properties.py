"""Properties over generated input: no crash, no body word lost, idempotent, front matter round-trips."""

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_core.importer import frontmatter
from news_core.importer.article import Article, Figure, RelatedLink
from news_core.importer.convert import convert
from news_core.importer.errors import ImportProblem
from news_core.importer.markdown_writer import front_matter_fields, to_markdown

# News words that are none of the importer's markers (no months, share words, "Image", "Read more"...).
VOCABULARY = (
    "police protest minister said government city people election vote crowd Kremlin Minsk "
    "analyst journalist opposition rights union border army court judge report crisis water "
    "Lukashenko Putin Merkel Berlin Beirut storm fire school"
).split()
word = st.sampled_from(VOCABULARY)
punctuation = st.sampled_from(["", "", "", ".", ",", "?", "!", ":", '"', "'", ")", "("])
line = st.lists(st.tuples(word, punctuation), min_size=1, max_size=25).map(
    lambda pairs: " ".join(w + p for w, p in pairs)
)
paragraph = st.lists(line, min_size=1, max_size=3).map("\n".join)
article_text = st.lists(paragraph, min_size=1, max_size=15).map("\n\n".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_no_crash_on_any_text(text):
    try:
        convert(text.encode("utf-8", "surrogatepass"), "raw/any.txt")
    except ImportProblem as problem:
        assert str(problem).startswith("raw/any.txt")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_no_crash_on_any_bytes(data):
    try:
        convert(data, "raw/any.txt")
    except ImportProblem as problem:
        assert str(problem).startswith("raw/any.txt")


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


# An article as a page dump holds it: a headline, then paragraphs of sentences, between the page's menus (runs
# of short entries without blank lines between them) and its footer. The menus use words no article uses.
MENU_WORDS = "Home Sport Weather Login Account Shop Podcasts Games Crosswords Newsletters Careers Contact".split()
headline = st.lists(word, min_size=4, max_size=10).map(lambda words: " ".join(words).capitalize())
sentence = st.lists(word, min_size=8, max_size=20).map(lambda words: " ".join(words).capitalize() + ".")
prose = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
menu = st.lists(
    st.lists(st.sampled_from(MENU_WORDS), min_size=1, max_size=3).map(" ".join), min_size=3, max_size=12
).map("\n".join)
page_dump = st.tuples(
    st.one_of(st.just(""), menu), headline, st.lists(prose, min_size=1, max_size=12), st.one_of(st.just(""), menu)
)


def menu_words(text: str) -> set[str]:
    return {w for w in words(text) if w in MENU_WORDS}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_dump)
def test_no_word_of_the_article_is_lost_and_no_menu_reaches_it(parts):
    top, title, paragraphs, bottom = parts
    text = "\n\n".join(part for part in (top, title, *paragraphs, bottom) if part)
    fields, body, _ = frontmatter.split(convert(text.encode(), "raw/words.txt").markdown)
    assert fields["title"] == title
    kept = f"{fields['standfirst']}\n{body}"
    article = " ".join(paragraphs)
    assert Counter(words(kept)) >= Counter(words(article))  # pull quotes may only add
    assert not menu_words(kept)


@settings(max_examples=200, deadline=None)
@given(article_text)
def test_import_is_idempotent(text):
    first = convert(text.encode(), "raw/again.txt").markdown
    assert convert(text.encode(), "raw/again.txt").markdown == first
    assert frontmatter.is_untouched(first)


field_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=300, deadline=None)
@given(
    title=field_text.filter(str.strip),
    standfirst=field_text,
    alt=field_text,
    caption=field_text,
    credit=field_text,
    related=st.lists(field_text, max_size=3),
    agencies=st.lists(field_text, max_size=3),
    editor=field_text,
)
def test_front_matter_round_trips(title, standfirst, alt, caption, credit, related, agencies, editor):
    article = Article(
        title=title,
        standfirst=standfirst,
        hero=Figure(alt, caption, credit),
        related=[RelatedLink(t) for t in related],
        agencies=agencies,
        editor=editor,
        authors=["kmm", "mm"],
        slug="s",
        source="raw/s.txt",
        source_sha256="0" * 64,
    )
    fields, _, _ = frontmatter.split(to_markdown(article))
    fields.pop(frontmatter.STAMP_KEY)
    assert fields == front_matter_fields(article)
