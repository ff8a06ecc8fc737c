"""Line by line: what each recogniser of the raw format says about a line (tables of input -> expected)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from news_core.importer import lines
from news_core.importer.dates import BadDate, parse_date_line
from news_core.importer.parse import slugify

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("1. Skip to content", True),
        ("3. Skip to more DW sites", True),
        ("Skip to main menu", True),
        ("To view this video please enable JavaScript, and consider upgrading to a web browser", True),
        ("Related content", True),
        ("Share", True),
        ("Facebook Twitter Send", True),
        ("Permalink https://p.dw.com/p/3h2Xx", True),
        ("02:14 mins", True),
        ("Advertisement", True),
        ("Listen to audio 03:12", True),
        ("Watch video 02:31", True),
        ("Skipping school is on the rise", False),
        ("Share prices fell sharply on Monday.", False),
        ("Ongoing protests", False),
        ("Related content on the crisis is available at the library.", False),
    ],
)
def test_cruft(line, expected):
    assert lines.is_cruft(line) is expected


@pytest.mark.parametrize(
    "line, caption, credit",
    [
        ("Image: Reuters/M. Guchek", "", "Reuters/M. Guchek"),
        (
            "Anti-government protesters have gathered at a spot where a demonstrator died in clashes with "
            "policeImage: picture-alliance/dpa/V. Sharifulin",
            "Anti-government protesters have gathered at a spot where a demonstrator died in clashes with police",
            "picture-alliance/dpa/V. Sharifulin",
        ),
        (
            "Flames rise behind a firefighterImage: Getty Images/AFP/J. Edelson",
            "Flames rise behind a firefighter",
            "Getty Images/AFP/J. Edelson",
        ),
        ("Photo: DW", "", "DW"),
        ("Merkel in 2019.Image: picture alliance", "Merkel in 2019.", "picture alliance"),
        # Other sites' labels: glued, parenthesised, "by", the copyright sign, NYT's "Credit...".
        (
            "Beijing Chaoyang Hospital, where patients sought treatmentCredit: EPA",
            "Beijing Chaoyang Hospital, where patients sought treatment",
            "EPA",
        ),
        (
            "China has warned they will cease control of Hong Kong (Image: GETTY )",
            "China has warned they will cease control of Hong Kong",
            "GETTY",
        ),
        ("Photo by Kirk Irwin/Getty Images", "", "Kirk Irwin/Getty Images"),
        ("Photograph: Tim Robberts/Getty Images", "", "Tim Robberts/Getty Images"),
        ("Image Credit: WeWork", "", "WeWork"),
        ("Credit...Doug Mills/The New York Times", "", "Doug Mills/The New York Times"),
        (
            "A cyclist rides next to a blocked petrol plant in La Paz. © Reuters / David Mercado",
            "A cyclist rides next to a blocked petrol plant in La Paz.",
            "Reuters / David Mercado",
        ),
    ],
)
def test_credit(line, caption, credit):
    assert lines.match_credit(line) == lines.Credit(caption=caption, credit=credit)


@pytest.mark.parametrize(
    "line",
    [
        "The Image: a new exhibition explores how photography shaped the way the world saw the war in Vietnam.",
        "He described what he saw as follows: Image: blurred",
        "A protester lays a bouquet atop a pile of flowers in Minsk",
        "New Release: Last Chance to Buy Pokemon Sword or Shield and Get $10 Amazon Credit",
        "Photographs by the hundred were taken by visitors to the exhibition on its first day in Berlin.",
    ],
)
def test_not_a_credit(line):
    assert lines.match_credit(line) is None


@pytest.mark.parametrize(
    "line, title",
    [
        ("Read more: Arrested protesters talk of brutality", "Arrested protesters talk of brutality"),
        (
            "Read more:\u00a0Arrested protesters talk of brutality".replace("\u00a0", " "),
            "Arrested protesters talk of brutality",
        ),
        (
            "Read moreBelarus opposition leader: This freedom 'can't be broken with police batons'",
            "Belarus opposition leader: This freedom 'can't be broken with police batons'",
        ),
        ("Read more - Thai king's powers under scrutiny", "Thai king's powers under scrutiny"),
        ("Read more about the sanctions in our explainer.", None),
        ("Readers want more context", None),
        (
            "Related: Possible Water Plumes on Europa: The Discovery in Images",
            "Possible Water Plumes on Europa: The Discovery in Images",
        ),
        (
            "SEE MORE: Hong Kong protests: 800 students under siege in university",
            "Hong Kong protests: 800 students under siege in university",
        ),
        ("Lesen Sie auch: Der Rhein fällt weiter", "Der Rhein fällt weiter"),
        ("Related issues were discussed at the summit in Brussels.", None),
        ("See also the map below for the details.", None),
    ],
)
def test_read_more(line, title):
    assert lines.match_read_more(line) == title


@pytest.mark.parametrize(
    "line, authors, agencies",
    [
        ("kmm/mm (AP, AFP, Reuters, dpa)", ("kmm", "mm"), ("AP", "AFP", "Reuters", "dpa")),
        ("aw/rt (AP, Reuters)", ("aw", "rt"), ("AP", "Reuters")),
        ("ed/msh", ("ed", "msh"), ()),
        ("jsi (AFP, dpa and KNA)", ("jsi",), ("AFP", "dpa", "KNA")),
        ("(AFP, Reuters)", (), ("AFP", "Reuters")),
    ],
)
def test_sign_off(line, authors, agencies):
    assert lines.match_sign_off(line) == lines.SignOff(authors=authors, agencies=agencies)


@pytest.mark.parametrize(
    "line",
    [
        "Ongoing protests",
        "menu",
        "Thousands arrested",
        "(This is a sentence in brackets, said the man who wrote it.)",
    ],
)
def test_not_a_sign_off(line):
    assert lines.match_sign_off(line) is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Edited by: Rob Mudge", "Rob Mudge"),
        ("Edited by Kate Martyr", "Kate Martyr"),
        ("Edited by: Rob Mudge.", "Rob Mudge"),
        ("Edits by the government were rejected.", None),
    ],
)
def test_editor(line, expected):
    assert lines.match_editor(line) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("This is an updated version of a previous article", True),
        ("This article was updated to include the latest exchange rate.", True),
        ("This article has been updated to reflect the death toll.", True),
        ("Update: Police later released the suspects.", True),
        ("This is an updated list of countries at risk, the ministry said.", False),
    ],
)
def test_update_note(line, expected):
    assert lines.is_update_note(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Ongoing protests", True),
        ("No need for 'foreign governments'", True),
        ("What changes for travelers?", True),
        ("'Can't be broken'", True),
        ("2021 elections", True),
        ("The Kremlin said it was confident.", False),
        ("The main fires at a glance:", False),
        ("they want change", False),
        ("A " + "very " * 20 + "long line without a full stop", False),
    ],
)
def test_heading_shape(line, expected):
    assert lines.looks_like_heading(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("  * Item one", None),  # clean_line strips the indentation first, see test_clean_line
        ("* Item one", "Item one"),
        ("- Item two", "Item two"),
        ("• Item three", "Item three"),
        ("-5 degrees overnight", None),
    ],
)
def test_bullet(line, expected):
    assert lines.match_bullet(line) == expected


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        ("Belarusian\u00a0government", "Belarusian government"),
        ("Lukashenko's\u00a0 controversial", "Lukashenko's controversial"),
        ("if power isn't changed,'' said", "if power isn't changed,\" said"),
        ("with the EU.\u00a0\u00a0 ", "with the EU."),
        ("  * item", "* item"),
    ],
)
def test_clean_line(raw, cleaned):
    assert lines.clean_line(raw) == cleaned


@pytest.mark.parametrize(
    "line, expected",
    [
        ("August 15, 2020", dt.date(2020, 8, 15)),
        ("Aug. 15, 2020", dt.date(2020, 8, 15)),
        ("Saturday, August 15, 2020", dt.date(2020, 8, 15)),
        ("15 August 2020", dt.date(2020, 8, 15)),
        ("15.08.2020", dt.date(2020, 8, 15)),
        ("Date 15.08.2020", dt.date(2020, 8, 15)),
        ("2020-08-15", dt.date(2020, 8, 15)),
        ("2020-08-15T07:30:00Z", dt.datetime(2020, 8, 15, 9, 30, tzinfo=BERLIN)),
        ("2020-08-15T09:30+02:00", dt.datetime(2020, 8, 15, 9, 30, tzinfo=BERLIN)),
        ("15.08.2020 14:05", dt.datetime(2020, 8, 15, 14, 5, tzinfo=BERLIN)),
        ("August 2020 was hot", None),
        ("Ongoing protests", None),
        ("1,000 people marched", None),
    ],
)
def test_date_line(line, expected):
    assert parse_date_line(line, BERLIN) == expected


@pytest.mark.parametrize("line", ["February 30, 2020", "31.04.2020", "2020-13-01", "Smarch 3, 2020"])
def test_bad_date_line(line):
    if line.startswith("Smarch"):  # not a month: not a date line at all
        assert parse_date_line(line, BERLIN) is None
        return
    with pytest.raises(BadDate):
        parse_date_line(line, BERLIN)


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Russia ready to 'ensure security' in Belarus", "russia-ready-to-ensure-security-in-belarus"),
        ("Why is Lebanon's currency collapsing?", "why-is-lebanons-currency-collapsing"),
        ("Zürich: Café owners protest", "zurich-cafe-owners-protest"),
        ("../../etc/passwd", "etc-passwd"),
        ("مظاهرات في بيروت", "article"),
        ("🔥🔥", "article"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize(
    "line, names",
    [
        ("By Kate Martyr", ("Kate Martyr",)),
        ("Author Kate Martyr", ("Kate Martyr",)),
        ("By Kate Martyr and Rob Mudge", ("Kate Martyr", "Rob Mudge")),
        ("By the end of the week, prices had doubled.", None),
        ("By Monday", ("Monday",)),  # shape alone cannot tell; only read in the header and trailer
    ],
)
def test_byline(line, names):
    assert lines.match_byline(line) == names


@pytest.mark.parametrize("line, expected", [("Read more:", True), ("Read more", True), ("Read more: X", False)])
def test_read_more_alone(line, expected):
    assert lines.is_read_more_alone(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("To view this video please enable JavaScript, and consider upgrading to a web browser", True),
        ("Watch video 02:31", True),
        ("Listen to audio 03:12", False),
        ("Ongoing protests", False),
    ],
)
def test_video_notice(line, expected):
    assert lines.is_video_notice(line) is expected
