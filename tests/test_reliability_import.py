"""The import with odd files and folders: what it skips, what it refuses (one error line each), what it never
overwrites, whose URL a slug is, and how an editor ends the wait of a fresh import beside an edited article."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from news_core.importer import sync
from news_core.importer.decode import decode_raw
from news_core.importer.sync import Status, import_all
from support import copy_project, invoke

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

FLOOD = "Flood waters recede in Saxony\n\nAugust 15, 2020\n\nThe standfirst.\n\nFirst paragraph.\n"


@pytest.fixture
def content(tmp_path) -> Path:
    content = tmp_path / "content"
    (content / "raw").mkdir(parents=True)
    (content / "raw" / "flood.txt").write_text(FLOOD)
    return content


def run(content: Path, paths=None):
    return import_all(content, content / "raw", content / "articles", paths)


def statuses(summary) -> dict[str, Status]:
    return {outcome.raw.name: outcome.status for outcome in summary.outcomes}


def test_hidden_files_and_macos_resource_forks_are_not_imported(content):
    raw = content / "raw"
    (raw / "._flood.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    (raw / ".draft.txt").write_text(FLOOD)
    (raw / ".hidden").mkdir()
    (raw / ".hidden" / "inside.txt").write_text(FLOOD)
    summary = run(content)
    assert statuses(summary) == {"flood.txt": Status.IMPORTED}
    assert sorted(path.name for path in (content / "articles").rglob("*")) == ["flood.md"]
    assert statuses(run(content, [raw / "._flood.txt"])) == {}  # named explicitly (a watcher): still skipped


def test_a_link_out_of_content_is_refused_and_a_link_inside_is_imported(content, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Board salaries\n\nAugust 15, 2020\n\nNever to be published.\n")
    (content / "raw" / "secret.txt").symlink_to(secret)
    (content / "raw" / "again.txt").symlink_to(content / "raw" / "flood.txt")
    summary = run(content)
    assert statuses(summary) == {
        "again.txt": Status.IMPORTED,
        "flood.txt": Status.IMPORTED,
        "secret.txt": Status.FAILED,
    }
    failed = next(outcome for outcome in summary.outcomes if outcome.raw.name == "secret.txt")
    assert failed.messages == [
        "raw/secret.txt: is a link to a file outside content/; only files inside content/ are imported and published"
    ]
    assert not (content / "articles" / "secret.md").exists()


def test_a_raw_folder_that_is_itself_a_link_is_imported(tmp_path):
    shared = tmp_path / "shared-drive"
    shared.mkdir()
    (shared / "flood.txt").write_text(FLOOD)
    content = tmp_path / "content"
    content.mkdir()
    (content / "raw").symlink_to(shared)
    assert statuses(run(content)) == {"flood.txt": Status.IMPORTED}


def test_a_file_name_that_is_not_utf8_is_one_printable_error(content):
    name = os.fsdecode(b"Stra\xdfe.txt")  # a zip made on Windows (cp1252)
    (content / "raw" / name).write_text(FLOOD)
    summary = run(content)
    failed = next(outcome for outcome in summary.outcomes if outcome.status is Status.FAILED)
    assert failed.messages[0].startswith("raw/Stra\\xdfe.txt: the file name is not valid UTF-8")
    failed.messages[0].encode("utf-8")  # printable on any terminal
    assert statuses(summary)["flood.txt"] is Status.IMPORTED


def _as_unprivileged(function):
    """Run function() where permissions apply: as `nobody` in a forked child when we are root."""
    if os.geteuid() != 0:
        return function()
    import pickle

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, run, send the result back
        os.close(read)
        try:
            os.setgid(65534)
            os.setuid(65534)
            payload = pickle.dumps(("ok", function()))
        except BaseException as error:  # noqa: BLE001 - reported to the parent
            payload = pickle.dumps(("error", repr(error)))
        with os.fdopen(write, "wb") as stream:
            stream.write(payload)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        kind, value = pickle.loads(stream.read())
    os.waitpid(pid, 0)
    assert kind == "ok", value
    return value


def test_a_read_only_articles_folder_is_an_error_per_file_not_a_traceback():
    folder = Path(tempfile.mkdtemp(prefix="news-read-only-"))  # pytest's folders are 0700: `nobody` cannot enter
    content = folder / "content"
    articles = content / "articles"
    (content / "raw").mkdir(parents=True)
    articles.mkdir()
    (content / "raw" / "flood.txt").write_text(FLOOD)
    (content / "raw" / "storm.txt").write_text(FLOOD.replace("Flood waters recede", "Storm hits"))
    for path in (folder, content, content / "raw"):
        path.chmod(0o755)  # `nobody` may read everything ...
    articles.chmod(0o555)  # ... and write nothing here
    try:
        summary = _as_unprivileged(lambda: [(o.raw.name, o.status, o.messages) for o in run(content).outcomes])
        assert list(articles.iterdir()) == []
    finally:
        articles.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)
    assert [(name, status) for name, status, _ in summary] == [
        ("flood.txt", Status.FAILED),
        ("storm.txt", Status.FAILED),
    ]
    assert summary[0][2] == ["articles/flood.md: cannot write: Permission denied (is the folder read-only?)"]


def test_a_new_copy_imported_alone_still_gets_a_numbered_slug(content):
    """The dev server imports a saved file alone: the slug of the article already on disk is still taken."""
    run(content)
    copy = content / "raw" / "flood (copy).txt"
    copy.write_text(FLOOD)
    summary = run(content, [copy])
    slug = re.search(r"^slug: (.+)$", (content / "articles" / "flood (copy).md").read_text(), re.M)[1]
    assert slug == "flood-waters-recede-in-saxony-2"
    assert "already used by articles/flood.md" in summary.outcomes[0].messages[0]


def test_an_article_keeps_its_numbered_slug_when_the_other_file_goes(content):
    run(content)
    copy = content / "raw" / "flood (copy).txt"
    copy.write_text(FLOOD)
    run(content)
    (content / "raw" / "flood.txt").unlink()
    (content / "articles" / "flood.md").unlink()
    copy.write_text(FLOOD.replace("First paragraph.", "First paragraph, corrected."))
    assert statuses(run(content)) == {"flood (copy).txt": Status.UPDATED}
    text = (content / "articles" / "flood (copy).md").read_text()
    assert "slug: flood-waters-recede-in-saxony-2\n" in text and "corrected" in text


def _slug(markdown: Path) -> str:
    return re.search(r"^slug: (.+)$", markdown.read_text(), re.M)[1]


def _edit_body(raw: Path, sentence: str) -> None:
    raw.write_text(raw.read_text().replace("First paragraph.", f"First paragraph. {sentence}"))


def test_an_edit_imported_alone_reads_no_other_markdown_file(content, monkeypatch):
    """An edited article keeps its slug whatever the other files hold (the files this import writes claim
    theirs first): at 10,000 articles reading every other file's slug was most of a one-file import."""
    raw = content / "raw"
    (raw / "storm.txt").write_text(FLOOD.replace("Flood waters recede", "Storm hits"))
    (raw / "talks.txt").write_text(FLOOD.replace("Flood waters recede", "Talks resume"))
    run(content)
    _edit_body(raw / "storm.txt", "Winds eased by noon.")
    read = []
    real_head = sync._front_matter_head
    monkeypatch.setattr(sync, "_front_matter_head", lambda path: read.append(Path(path).name) or real_head(path))
    summary = run(content, [raw / "storm.txt"])
    assert statuses(summary) == {"storm.txt": Status.UPDATED}
    assert read == ["storm.md"]
    assert "Winds eased by noon." in (content / "articles" / "storm.md").read_text()
    assert _slug(content / "articles" / "storm.md") == "storm-hits-in-saxony"


def test_a_numbered_article_imported_alone_keeps_its_slug_and_names_the_file_that_holds_the_first(content):
    run(content)
    copy = content / "raw" / "flood (copy).txt"
    copy.write_text(FLOOD)
    run(content)
    _edit_body(copy, "The river fell.")
    summary = run(content, [copy])
    assert statuses(summary) == {"flood (copy).txt": Status.UPDATED}
    assert _slug(content / "articles" / "flood (copy).md") == "flood-waters-recede-in-saxony-2"
    assert "already used by articles/flood.md" in summary.outcomes[0].messages[0]


def test_a_renamed_markdown_file_is_the_one_an_edit_imported_alone_updates(content):
    run(content)
    articles = content / "articles"
    (articles / "flood.md").rename(articles / "saxony-flood.md")
    _edit_body(content / "raw" / "flood.txt", "The river fell.")
    summary = run(content, [content / "raw" / "flood.txt"])
    assert statuses(summary) == {"flood.txt": Status.UPDATED}
    assert sorted(path.name for path in articles.iterdir()) == ["saxony-flood.md"]
    assert "The river fell." in (articles / "saxony-flood.md").read_text()


def test_an_edit_imported_alone_keeps_its_slug_beside_an_editors_copy_of_its_markdown(content):
    run(content)
    articles = content / "articles"
    shutil.copy(articles / "flood.md", articles / "a-copy-of-flood.md")  # first by name, the same slug
    _edit_body(content / "raw" / "flood.txt", "The river fell.")
    summary = run(content, [content / "raw" / "flood.txt"])
    assert statuses(summary) == {"flood.txt": Status.UPDATED} and summary.outcomes[0].messages == []
    assert _slug(articles / "flood.md") == _slug(articles / "a-copy-of-flood.md") == "flood-waters-recede-in-saxony"


def test_a_stray_byte_is_read_alone_and_named():
    good = "Zürich café – naïve résumé.\n".encode()
    text, warnings = decode_raw(good * 3 + b"The mayor\x92s plan.\n" + good)
    assert text == "Zürich café – naïve résumé.\n" * 3 + "The mayor’s plan.\n" + "Zürich café – naïve résumé.\n"
    assert warnings == [
        "line 4: 1 byte(s) not valid UTF-8 in a UTF-8 file; read as Windows-1252 there, the rest "
        "as UTF-8 (check that line)"
    ]


def test_a_whole_windows_1252_file_still_reads_as_one(tmp_path):
    text, warnings = decode_raw("Café – Zürich\n\nNaïve.\n".encode("cp1252"))
    assert text == "Café – Zürich\n\nNaïve.\n"
    assert warnings == ["line 1: not valid UTF-8; read as Windows-1252 (Latin-1)"]


@pytest.fixture
def waiting(tmp_path):
    """A project whose seed article was edited while its raw file changed: NAME.md.new waits beside it."""
    project = copy_project(tmp_path / "site")
    articles, raw = project / "content" / "articles", project / "content" / "raw" / "000_2050e4f5686eda9e.txt"
    markdown = articles / "000_2050e4f5686eda9e.md"
    invoke(project, "import")
    markdown.write_text(markdown.read_text().replace("tags: []", "tags: [belarus]"))
    raw.write_text(raw.read_text().replace("Lukashenko made the claim", "Lukashenko made that claim"))
    first = invoke(project, "import")
    assert (articles / "000_2050e4f5686eda9e.md.new").is_file()
    return project, markdown, first


def test_the_fresh_import_warning_names_the_file_as_every_message_does(waiting):
    _, _, first = waiting
    warning = [line for line in first.stderr.splitlines() if "edited after import" in line]
    assert len(warning) == 1 and warning[0].startswith("warning: articles/000_2050e4f5686eda9e.md: ")
    assert "invoke import --merged articles/000_2050e4f5686eda9e.md" in warning[0]


def test_merged_by_hand_stops_the_warning_and_keeps_the_edit(waiting):
    project, markdown, _ = waiting
    merged = markdown.read_text().replace("Lukashenko made the claim", "Lukashenko made that claim")
    markdown.write_text(merged)
    done = invoke(project, "import", "--merged", "articles/000_2050e4f5686eda9e.md")
    assert "marked as merged" in done.stderr
    assert not markdown.with_name(markdown.name + ".new").exists()
    again = invoke(project, "import")
    assert "edited after import" not in again.stderr and "1 kept because edited" in again.stderr
    assert "tags: [belarus]" in markdown.read_text() and "made that claim" in markdown.read_text()
    build = invoke(project, "build")
    assert "edited after import" not in build.stderr


def test_accept_takes_the_fresh_import_and_keeps_the_edited_version_aside(waiting):
    project, markdown, _ = waiting
    edited = markdown.read_text()
    done = invoke(project, "import", "--accept", str(markdown))
    assert "replaced by the fresh import; your edited version is kept as 000_2050e4f5686eda9e.md.old" in done.stderr
    assert markdown.with_name(markdown.name + ".old").read_text() == edited
    assert "made that claim" in markdown.read_text() and "tags: []" in markdown.read_text()
    assert "1 unchanged" in invoke(project, "import").stderr


def test_copying_the_fresh_import_over_the_article_also_ends_the_wait(waiting):
    project, markdown, _ = waiting
    fresh = markdown.with_name(markdown.name + ".new")
    markdown.write_bytes(fresh.read_bytes())
    assert "1 unchanged" in invoke(project, "import").stderr
    assert not fresh.exists()


def test_accept_without_a_fresh_import_is_one_error(waiting):
    project, _, _ = waiting
    result = invoke(project, "import", "--accept", "articles/nothing.md", check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: articles/nothing.md: no fresh import waits for it (nothing.md.new does not exist)"
    )


def test_the_imported_markdown_is_readable_by_everyone(content):
    previous = os.umask(0o022)
    try:
        run(content)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((content / "articles" / "flood.md").stat().st_mode) == 0o644


def test_news_import_prints_a_file_name_that_is_not_utf8_without_crashing(tmp_path):
    import subprocess
    import sys

    raw = tmp_path / "content" / "raw"
    raw.mkdir(parents=True)
    name = raw / os.fsdecode(b"Stra\xdfe.txt")
    name.write_bytes(FLOOD.encode() + b"An odd \x92 byte.\n")
    result = subprocess.run(
        [sys.executable, "-m", "news_import.cli", os.fsencode(name)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    assert b"source: raw/Stra\\xdfe.txt" in result.stdout
    assert result.stderr.decode("utf-8").startswith("warning: ") and "Stra\\xdfe.txt" in result.stderr.decode()
