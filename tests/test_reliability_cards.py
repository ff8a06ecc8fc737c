"""Share cards never draw boxes for letters the font lacks, and no headline runs off the card."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from news_images.card import MARGIN, TEXT_WIDTH, WIDTH, CardSpec, headline, render_card
from news_images.typefaces import SHIPPED, _coverage, _surely_shipped, face_for

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
HEADLINES = {
    "chinese": ("中国宣布新的经济刺激计划以应对房地产市场的持续低迷和消费疲软", "zh"),
    "japanese": ("東京で記録的な大雨、交通機関に大きな乱れ", "ja"),
    "korean": ("서울 도심에서 대규모 집회가 열렸다", "ko"),
}
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt eröffnet neue Filiale"


def spec(title: str, lang: str = "", fallbacks=None) -> CardSpec:
    face = face_for(title, "bold", lang, fallbacks)
    return CardSpec(
        title=title,
        site="News Explainers",
        date="15 August 2020",
        photo=None,
        photo_sha256="",
        background="#14213d",
        accent="#fca311",
        title_font=face.path if face else "",
        title_face=face.index if face else 0,
    )


def card_pixels(card: CardSpec) -> Image.Image:
    return Image.open(io.BytesIO(render_card(card))).convert("L")


def white_columns(image: Image.Image) -> list[int]:
    """x positions with headline-white pixels (the footer is light grey, the background dark blue)."""
    pixels = image.load()
    return sorted(
        {x for x in range(image.width) for y in range(0, image.height - MARGIN - 30, 2) if pixels[x, y] > 245}
    )


@pytest.fixture(scope="module")
def cjk_font():
    if not CJK_FONT.is_file():
        from conftest import require

        require(str(CJK_FONT), "share cards of CJK headlines (apt install fonts-noto-cjk; bootstrap installs it)")
    return CJK_FONT


@pytest.mark.parametrize("name", sorted(HEADLINES))
def test_a_cjk_headline_is_drawn_with_a_font_that_has_every_character(cjk_font, name):
    title, lang = HEADLINES[name]
    card = spec(title, lang)
    assert Path(card.title_font) == cjk_font
    assert all(ord(char) in _coverage(card.title_font, card.title_face) for char in title if not char.isspace())
    assert not all(ord(char) in _coverage(SHIPPED["bold"], 0) for char in title), "DejaVu alone would draw boxes"
    assert white_columns(card_pixels(card)), "the headline is drawn"


def test_the_language_picks_the_face_of_the_collection(cjk_font):
    assert spec("中国新闻", "zh-TW").title_face == 3 and spec("中国新闻", "zh").title_face == 2
    assert spec("東京のニュース").title_face == 0 and spec("서울 뉴스").title_face == 1


def test_without_a_font_for_its_letters_the_card_leaves_the_headline_out():
    card = spec(HEADLINES["chinese"][0], "zh", fallbacks=[])
    assert card.title_font == ""
    assert white_columns(card_pixels(card)) == [], "no boxes, no headline"


@pytest.mark.parametrize(
    "title",
    [LONG_WORD, "https://example.org/" + "a-very-long-path-segment" * 6, HEADLINES["chinese"][0] * 3, "Short headline"],
)
def test_no_line_of_a_headline_runs_off_the_card(title, cjk_font):
    card = spec(title)
    from PIL import ImageDraw

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font, lines = headline(draw, card.title, TEXT_WIDTH, card.title_font, card.title_face)
    assert 1 <= len(lines) <= 4 and all(draw.textlength(line, font=font) <= TEXT_WIDTH for line in lines)
    columns = white_columns(card_pixels(card))
    assert columns and columns[0] >= MARGIN - 2 and columns[-1] <= WIDTH - MARGIN + 2


def test_a_long_word_keeps_every_letter_and_breaks_with_a_hyphen():
    from PIL import ImageDraw

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    _, lines = headline(draw, LONG_WORD, TEXT_WIDTH)
    assert "".join(line.rstrip("-") for line in lines).replace(" ", "") == LONG_WORD.replace(" ", "")
    assert lines[0].endswith("-")


def test_the_shortcut_for_latin_and_cyrillic_agrees_with_the_fonts_own_map():
    covered = _coverage(SHIPPED["bold"], 0) & _coverage(SHIPPED["regular"], 0)
    sure = [
        code
        for code in range(0x20, 0x3000)
        if _surely_shipped(chr(code)) and not chr(code).isspace() and chr(code).isprintable()
    ]
    assert sure and [hex(code) for code in sure if code not in covered] == []
