"""The sample article: its reviewed golden Markdown, and every field an editor relies on."""

import re
from pathlib import Path

import pytest

from news_core.importer import frontmatter
from news_core.importer.convert import convert
from support import SEED

GOLDEN = Path(__file__).parent / "golden" / SEED.with_suffix(".md").name
SOURCE = "raw/" + SEED.name


@pytest.fixture(scope="module")
def seed_markdown() -> str:
    return convert(SEED.read_bytes(), SOURCE).markdown


@pytest.fixture(scope="module")
def seed(seed_markdown):
    fields, body, _ = frontmatter.split(seed_markdown)
    return fields, body


def test_matches_reviewed_golden_file(seed_markdown):
    # To accept an intended change: `news-import content/raw/000_….txt > tests/golden/000_….md`, review the diff.
    assert seed_markdown == GOLDEN.read_text(encoding="utf-8")


def test_the_repository_ships_the_imported_seed(seed_markdown):
    assert (SEED.parents[1] / "articles" / GOLDEN.name).read_text(encoding="utf-8") == seed_markdown


def test_header_fields(seed):
    fields, _ = seed
    assert fields["title"] == "Russia ready to 'ensure security' in Belarus"
    assert fields["date"] == "2020-08-15"
    assert fields["standfirst"].startswith("President Alexander Lukashenko has said his Russian counterpart")
    assert fields["standfirst"].endswith("vowed to solve the crisis single-handedly.")
    assert fields["slug"] == "russia-ready-to-ensure-security-in-belarus"
    assert fields["source"] == SOURCE
    assert re.fullmatch(r"[0-9a-f]{64}", fields["source_sha256"])
    assert fields["tags"] == []


def test_hero_figure(seed):
    hero = seed[0]["hero"]
    assert hero == {
        "alt": "Belarusian President Alexander Lukashenko",
        "caption": "Belarusian President Alexander Lukashenko",
        "credit": "Reuters/M. Guchek",
        "image": "",
    }


def test_glued_caption_split_into_alt_caption_and_credit(seed):
    body = seed[1]
    assert (
        "> [!FIGURE]\n"
        "> Alt: A protester lays a bouquet atop a pile of flowers in Minsk\n"
        "> Caption: Anti-government protesters have gathered at a spot where a demonstrator died in clashes"
        " with police\n"
        "> Credit: picture-alliance/dpa/V. Sharifulin\n"
    ) in body


def test_headings(seed):
    assert re.findall(r"^## (.+)$", seed[1], re.M) == [
        "No need for 'foreign governments'",
        "Ongoing protests",
        "Thousands arrested",
    ]


def test_related_sign_off_and_update_note(seed):
    fields, _ = seed
    assert [link["title"] for link in fields["related"]] == [
        "Arrested protesters talk of brutality",
        "Belarus opposition leader: This freedom 'can't be broken with police batons'",
    ]
    assert all(link["url"] == "" for link in fields["related"])
    assert "/".join(fields["authors"]) == "kmm/mm"
    assert fields["agencies"] == ["AP", "AFP", "Reuters", "dpa"]
    assert fields["update_note"] == "This is an updated version of a previous article"
    assert fields["editor"] == ""


def test_no_cruft_or_artefacts(seed_markdown):
    assert "Skip to" not in seed_markdown
    assert "\u00a0" not in seed_markdown
    assert "''" not in seed_markdown.split("---", 2)[2]  # the closing '' became a real quote mark
    assert not re.search(r"[ \t]+$", seed_markdown, re.M)


def test_every_sentence_of_the_dump_is_kept(seed_markdown):
    raw = SEED.read_text(encoding="utf-8").replace("\u00a0", " ").replace("''", '"')
    text = re.sub(r"\\([\[\]*_`\\])", r"\1", seed_markdown)
    cruft = ("Skip to", "Read more", "Image: ", "kmm/mm", "August 15, 2020")  # each asserted field by field
    for line in raw.splitlines():
        line = " ".join(line.split())
        if not line or line.startswith(tuple(f"{n}. Skip" for n in range(1, 4))) or any(c in line for c in cruft):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", line):
            assert sentence in text, sentence


def test_pull_quote_is_named_speech_repeated_from_the_body(seed):
    body = seed[1]
    quotes = re.findall(r"^> \[!PULLQUOTE\]\n> (.+)\n> — (.+)$", body, re.M)
    assert quotes, "the seed has quotable named speech past its opening"
    words = len(body.split())
    assert len(quotes) <= max(1, words // 400)
    paragraphs = [p for p in body.split("\n\n") if not p.startswith(">")]
    for quote, speaker in quotes:
        assert 8 <= len(quote.split()) <= 30
        assert any(quote in p and speaker in p for p in paragraphs), "the sentence stays in the body"
        assert not any(quote in p for p in paragraphs[:3]), "not from the opening paragraphs"
