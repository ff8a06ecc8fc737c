"""Bad input: a correct article or a clear error naming the file (and line); never a traceback or a lost file."""

import codecs

import pytest
import yaml

from news_core.importer import frontmatter
from news_core.importer.convert import convert
from news_core.importer.errors import ImportProblem
from news_core.importer.sync import Status, import_all

GOOD = "Title of a good article\n\nAugust 15, 2020\n\nThe standfirst says what happened.\n\nA paragraph of body text.\n"


def fields_of(data: bytes, name: str = "raw/x.txt") -> tuple[dict, str]:
    fields, body, _ = frontmatter.split(convert(data, name).markdown)
    return fields, body


def error_of(data: bytes, name: str = "raw/bad.txt") -> str:
    with pytest.raises(ImportProblem) as caught:
        convert(data, name)
    message = str(caught.value)
    assert message.startswith(name), message
    return message


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\t\n   \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
        (b"1. Skip to content\n2. Skip to main menu\n\nShare\n", "no article text"),
        (b"x" * (5 * 1024 * 1024), "MB limit"),
        (("word " * 100).encode() + b"\n\nMore text.\n", "no headline"),
    ],
)
def test_unusable_files_give_a_clear_error(data, reason):
    assert reason in error_of(data)


def test_a_long_first_line_of_navigation_does_not_refuse_the_dump():
    """What "select all, copy" gives: the page's menus first, one of them 384 characters long."""
    menu = " ".join(["Home", "World", "Business", "Tech", "Science", "Culture"] * 11)[:384]
    dump = f"{menu}\nSign in\nSubscribe\n\n{GOOD}\nMost read\nAnother story's headline here\n\u00a9 2020 The Paper\n"
    fields, body = fields_of(dump.encode())
    assert (fields["title"], fields["date"]) == ("Title of a good article", "2020-08-15")
    assert fields["standfirst"] == "The standfirst says what happened."
    assert body.strip() == "A paragraph of body text."


def test_a_date_line_naming_no_real_day_is_an_error_with_its_line():
    message = error_of(b"Title\n\nFebruary 30, 2020\n\nStandfirst.\n")
    assert message.startswith("raw/bad.txt:3: ") and "February 30, 2020" in message


def test_invalid_utf8_is_read_as_windows_1252_with_a_warning():
    data = "Café owners protest in Zürich\n\nAugust 15, 2020\n\nThe standfirst – with a dash.\n".encode("cp1252")
    result = convert(data, "raw/latin.txt")
    fields, _, _ = frontmatter.split(result.markdown)
    assert fields["title"] == "Café owners protest in Zürich"
    assert fields["standfirst"] == "The standfirst – with a dash."
    assert any("Windows-1252" in warning and "line 1" in warning for warning in result.warnings)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_byte_order_marks(encoding):
    data = GOOD.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert fields_of(data)[0]["title"] == "Title of a good article"


def test_crlf_and_cr_line_ends():
    for newline in ("\r\n", "\r"):
        fields, body = fields_of(GOOD.replace("\n", newline).encode())
        assert fields["date"] == "2020-08-15" and body.strip() == "A paragraph of body text."


def test_one_megabyte_single_line_is_one_paragraph():
    line = ("All of this is one very long paragraph without any line break. " * 16_000).strip()
    fields, body = fields_of(f"Long read\n\nAugust 15, 2020\n\nStandfirst.\n\n{line}\n".encode())
    assert body.strip() == line


def test_ten_megabyte_file_is_refused_by_name():
    assert "10.0 MB" in error_of(GOOD.encode() * (10 * 1024 * 1024 // len(GOOD) + 1))


SCRIPT = "<script>alert('x')</script>"


def test_html_in_every_field_stays_text():
    raw = (
        f"Title {SCRIPT}\n\nAugust 15, 2020\n\nStandfirst {SCRIPT}.\n\nAlt {SCRIPT}\nCaption {SCRIPT}"
        f"Image: Credit/{SCRIPT}\n\nBody {SCRIPT} paragraph.\n\nHeading {SCRIPT}\n\nMore body.\n\n"
        f"Read more: Related {SCRIPT}\n\nEdited by: Editor {SCRIPT}\n"
    )
    fields, body = fields_of(raw.encode())
    assert fields["title"] == f"Title {SCRIPT}"
    assert fields["standfirst"] == f"Standfirst {SCRIPT}."
    assert fields["hero"]["alt"] == f"Alt {SCRIPT}"
    assert fields["related"][0]["title"] == f"Related {SCRIPT}"
    assert fields["editor"] == f"Editor {SCRIPT}"
    assert f"Body {SCRIPT} paragraph." in body


@pytest.mark.parametrize(
    "title",
    [
        "# Not a heading",
        "--- not a delimiter",
        "Key: value in a title",
        "\"Quoted\" and 'quoted'",
        "!!python/object:os.system",
        "&amp; [link](http://x) *stars* `code` _under_",
        "مظاهرات في بيروت",
        "🔥 Heat wave 🔥",
        "- dash",
        "1. numbered",
    ],
)
def test_markdown_and_yaml_specials_in_titles_round_trip(title):
    fields, _ = fields_of(f"{title}\n\nAugust 15, 2020\n\nStandfirst.\n".encode())
    assert fields["title"] == title
    assert isinstance(fields["title"], str)


def test_rtl_and_emoji_titles_get_a_slug_from_the_file_name():
    fields, _ = fields_of("مظاهرات في بيروت\n\nAugust 15, 2020\n\nStandfirst.\n".encode(), "raw/beirut_2020.txt")
    assert fields["slug"] == "beirut-2020"


def test_traversal_in_a_would_be_slug_is_neutralised():
    fields, _ = fields_of(b"../../../etc/passwd\n\nAugust 15, 2020\n\nStandfirst.\n")
    assert fields["slug"] == "etc-passwd"


def test_yaml_is_written_with_safe_functions_only(tmp_path):
    fields, _ = fields_of(b"!!python/object/apply:os.system ['echo pwned']\n\nAugust 15, 2020\n\nStandfirst.\n")
    assert fields["title"].startswith("!!python")
    with pytest.raises(ImportProblem) as caught:
        frontmatter.split("---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nbody\n")
    assert caught.value.line == 2


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    content = tmp_path / "content"
    raw = content / "raw"
    raw.mkdir(parents=True)
    (raw / "a_good.txt").write_text(GOOD)
    (raw / "b_empty.txt").write_bytes(b"")
    (raw / "c_bad_date.txt").write_text("Title\n\n31.04.2020\n\nStandfirst.\n")
    (raw / "d_good_too.txt").write_text(GOOD.replace("Title of a good", "Another"))
    summary = import_all(content, raw, content / "articles")
    statuses = {outcome.raw.name: outcome.status for outcome in summary.outcomes}
    assert statuses == {
        "a_good.txt": Status.IMPORTED,
        "b_empty.txt": Status.FAILED,
        "c_bad_date.txt": Status.FAILED,
        "d_good_too.txt": Status.IMPORTED,
    }
    messages = [message for outcome in summary.failed for message in outcome.messages]
    assert messages == [
        "raw/b_empty.txt: the file is empty",
        "raw/c_bad_date.txt:3: '31.04.2020' is not a valid date (day is out of range for month)",
    ]
    assert sorted(p.name for p in (content / "articles").iterdir()) == ["a_good.md", "d_good_too.md"]


def test_duplicate_slugs_get_a_numbered_suffix_and_a_warning(tmp_path):
    content = tmp_path / "content"
    raw = content / "raw"
    raw.mkdir(parents=True)
    for name in ("first.txt", "second.txt"):
        (raw / name).write_text(GOOD)
    summary = import_all(content, raw, content / "articles")
    slugs = [yaml.safe_load(o.markdown.read_text().split("---")[1])["slug"] for o in summary.outcomes]
    assert slugs == ["title-of-a-good-article", "title-of-a-good-article-2"]
    assert any("already used by articles/first.md" in m for m in summary.outcomes[1].messages)
