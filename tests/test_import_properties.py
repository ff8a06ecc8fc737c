"""Properties over generated input: no crash, no body word lost, idempotent, front matter round-trips."""

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from news_import import frontmatter
from news_import.article import Article, Figure, RelatedLink
from news_import.convert import convert
from news_import.errors import ImportProblem
from news_import.lines import clean_line, match_sign_off
from news_import.markdown_writer import front_matter_fields, to_markdown

# News words that are none of the importer's markers (no months, share words, "Image", "Read more"...).
VOCABULARY = ("police protest minister said government city people election vote crowd Kremlin Minsk "
              "analyst journalist opposition rights union border army court judge report crisis water "
              "Lukashenko Putin Merkel Berlin Beirut storm fire school").split()
word = st.sampled_from(VOCABULARY)
punctuation = st.sampled_from(["", "", "", ".", ",", "?", "!", ":", '"', "'", ")", "("])
line = st.lists(st.tuples(word, punctuation), min_size=1, max_size=25).map(
    lambda pairs: " ".join(w + p for w, p in pairs))
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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_text)
@example("police\npolice\n\npolice( police)\npolice( police)")  # a repeated sign-off credits its names once
def test_no_body_word_is_lost(text):
    markdown = convert(text.encode(), "raw/words.txt").markdown
    fields, body, _ = frontmatter.split(markdown)
    kept = " ".join(str(fields[key]) for key in ("title", "standfirst", "authors", "agencies", "related")) + body
    assert sorted(set(words(text))) == sorted(set(words(text)) & set(words(kept)))
    # Nothing is dropped wholesale either: only a sign-off repeating names already credited may shrink
    # (authors and agencies are listed once); pull quotes may only add.
    sign_off_words = sum(len(words(line)) for line in text.splitlines() if match_sign_off(clean_line(line)))
    assert len(words(kept)) >= len(words(text)) - sign_off_words


@settings(max_examples=200, deadline=None)
@given(article_text)
def test_import_is_idempotent(text):
    first = convert(text.encode(), "raw/again.txt").markdown
    assert convert(text.encode(), "raw/again.txt").markdown == first
    assert frontmatter.is_untouched(first)


field_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=300, deadline=None)
@given(title=field_text.filter(str.strip), standfirst=field_text, alt=field_text, caption=field_text,
       credit=field_text, related=st.lists(field_text, max_size=3), agencies=st.lists(field_text, max_size=3),
       editor=field_text)
def test_front_matter_round_trips(title, standfirst, alt, caption, credit, related, agencies, editor):
    article = Article(title=title, standfirst=standfirst, hero=Figure(alt, caption, credit),
                      related=[RelatedLink(t) for t in related], agencies=agencies, editor=editor,
                      authors=["kmm", "mm"], slug="s", source="raw/s.txt", source_sha256="0" * 64)
    fields, _, _ = frontmatter.split(to_markdown(article))
    fields.pop(frontmatter.STAMP_KEY)
    assert fields == front_matter_fields(article)
