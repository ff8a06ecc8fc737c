"""`invoke build` after an edit writes only what the edit shows on, and the result is byte for byte a fresh
full build of the same files (search index, feeds and share cards included).

One project copy is edited step by step (each kind of edit an editor makes) and built with `invoke build`;
after each step a copy of its files without output/ and caches is built from scratch and every file of the
two outputs is compared.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from PIL import Image

from support import ROOT, copy_project, invoke
from tooling.bench.corpus import generate
from tooling.buildstate import BUILD_STATUS

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

SEED_MD = Path("content/articles/000_2050e4f5686eda9e.md")
SEED_RAW = Path("content/raw/000_2050e4f5686eda9e.txt")
SEED_PAGE = Path("output/2020/08/russia-ready-to-ensure-security-in-belarus/index.html")
CORPUS = generate(6, seed=11)
KEPT_SITE = "(from the finished site kept by the last build)"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != BUILD_STATUS
    }


def _equals_a_fresh_build(project: Path, fresh: Path, task: str = "build") -> dict[str, bytes]:
    """Copy `project` without its output and caches to `fresh`, build it there from scratch with `task`, and
    assert that every file of the two outputs is the same; returns our output's files."""
    shutil.copytree(
        project, fresh, symlinks=True, ignore=shutil.ignore_patterns("output", ".output*", "cache", "__pycache__")
    )
    invoke(fresh, task)
    ours, theirs = _tree(project / "output"), _tree(fresh / "output")
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    return ours


def _markdown(project: Path, index: int) -> Path:
    return project / "content" / "articles" / f"{CORPUS[index].name}.md"


def _replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, new, text, count=1, flags=re.M)
    assert count == 1, f"{pattern!r} not in {path}"
    path.write_text(changed, encoding="utf-8")


def body_of_raw(project):
    raw = project / SEED_RAW
    raw.chmod(0o644)
    _replace(raw, r"^Thousands arrested$", "Thousands detained")


def body_of_markdown(project):
    path = _markdown(project, 1)
    _, front_matter, body = path.read_text(encoding="utf-8").split("---\n", 2)
    body = re.sub(r"^(\w.*\.)$", r"\1 Officials repeated the figures on Tuesday.", body, count=1, flags=re.M)
    path.write_text(f"---\n{front_matter}---\n{body}", encoding="utf-8")


def standfirst(project):
    _replace(_markdown(project, 2), r"^standfirst: (.*)$", r"standfirst: A new standfirst. \1")


def headline(project):
    _replace(_markdown(project, 3), r"^title: (.*)$", r"title: Updated - \1")


def date(project):
    _replace(_markdown(project, 4), r"^date: .*$", "date: '2016-06-01'")


def tag(project):
    for index in (0, 2, 4):
        _replace(_markdown(project, index), r"^tags: \[\]$", "tags:\n- elections")


def headline_named_by_read_more(project):
    """Another article's "Read more" names this new headline: that article's page now links here, so it is
    written again too, though its own file did not change."""
    named = re.search(r"^related:\n- title: (.+)$", _markdown(project, 0).read_text(encoding="utf-8"), re.M)
    assert named, "the generated article 0 names a Read more title"
    _replace(_markdown(project, 2), r"^title: (.*)$", f"title: {named[1]}")


def body_restored_with_old_times(project):
    """A backup restored over an article keeps its size and modification time (cp -p, rsync -t)."""
    path = _markdown(project, 1)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace("Officials", "OFFICIALS", 1)
    assert changed != text and len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def new_article(project):
    (project / "content" / "raw" / "zz_new.txt").write_text(
        "Rescuers reach the flooded valley\n\nJune 3, 2021\n\nRescuers reached the valley on Thursday.\n\n"
        "Boats carried families to safety.\n",
        encoding="utf-8",
    )


def deleted_article(project):
    _markdown(project, 5).unlink()
    (project / "content" / "raw" / f"{CORPUS[5].name}.txt").unlink()


def photo_added(project):
    hero = _markdown(project, 1)
    _replace(hero, r"^  image: ''$", "  image: harbour.jpg")
    (project / "content" / "images").mkdir(exist_ok=True)
    Image.new("RGB", (1200, 800), (30, 90, 140)).save(project / "content" / "images" / "harbour.jpg", quality=80)


def hidden_article_with_photos(project):
    """An article taken off every list (status: hidden) but still published at its URL, given a hero photo
    and a body photo."""
    path = _markdown(project, 4)
    _replace(path, r"^(date: .*)$", r"\1\nstatus: hidden")
    _replace(path, r"^  image: ''$", "  image: harbour.jpg")
    with open(path, "a", encoding="utf-8") as markdown:
        markdown.write("\n> [!FIGURE] quay.jpg\n> Alt: The quay\n> Caption: The quay at dusk\n> Credit: Agency/Other\n")
    Image.new("RGB", (1000, 700), (140, 90, 30)).save(project / "content" / "images" / "quay.jpg", quality=80)


def body_beside_a_photo(project):
    """A body edit after a photo came: the other articles' pages are not written, yet a full build places the
    files of every hero photo (the article page shows it, the <head> names it), so this one must too."""
    path = _markdown(project, 3)
    _, front_matter, body = path.read_text(encoding="utf-8").split("---\n", 2)
    body = re.sub(r"^(\w.*\.)$", r"\1 The harbour reopened on Wednesday.", body, count=1, flags=re.M)
    path.write_text(f"---\n{front_matter}---\n{body}", encoding="utf-8")


def template_changed(project):
    _replace(project / "theme" / "templates" / "base.html", r"</main>", '<p id="probe">probe</p></main>')


def setting_changed(project):
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write('\nSITE_DESCRIPTION = "Explainers, incrementally."\n')


# (edit, what the build must write: "few" own pages without the list pages, "lists" or "every" page)
EDITS = [
    (body_of_raw, "few"),
    (body_of_markdown, "few"),
    (standfirst, "lists"),
    (headline, "lists"),
    (date, "lists"),
    (tag, "lists"),
    (headline_named_by_read_more, "lists"),
    (body_restored_with_old_times, "few"),
    (new_article, "lists"),
    (deleted_article, "lists"),
    (photo_added, "every"),
    (hidden_article_with_photos, "every"),
    (body_beside_a_photo, "few"),
    (standfirst, "lists"),
    (template_changed, "every"),
    (setting_changed, "every"),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("incremental"))
    for article in CORPUS:
        (project / "content" / "raw" / f"{article.name}.txt").write_text(article.raw, encoding="utf-8")
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        # 8 indexed pages in 4 search shards: each edit below also checks the shards it leaves alone
        settings.write("\nNEWS_SEO_SEARCH_SHARD_PAGES = 2\n")
    first = invoke(project, "build")
    assert "every page" in first.stderr
    assert '"count": 4' in (project / "output" / "pagefind" / "shards.json").read_text(encoding="utf-8")
    return project


def _written(stderr: str) -> str:
    line = next(line for line in stderr.splitlines() if line.startswith("build: "))
    if "every page" in line:
        return "every"
    return "few" if int(re.search(r"(\d+) page\(s\) written", line)[1]) <= 4 else "lists"


def _indexed(html: bytes) -> bytes | None:
    """What the theme gives Pagefind to read of a page: its element marked data-pagefind-body."""
    found = re.search(rb"<article[^>]*data-pagefind-body.*?</article>", html, re.S)
    return found[0] if found else None


def _shards_whose_indexed_text_changed(before: dict, after: dict) -> set[int]:
    from news_seo.pagefind import shard_of

    pages = {name for name in before.keys() | after.keys() if name.endswith(".html")}
    return {shard_of(name, 4) for name in pages if _indexed(before.get(name, b"")) != _indexed(after.get(name, b""))}


@pytest.mark.parametrize("edit, expected", EDITS, ids=[edit.__name__ for edit, _ in EDITS])
def test_an_incremental_build_equals_a_fresh_full_build(project, tmp_path, edit, expected):
    before = _tree(project / "output")
    edit(project)
    built = invoke(project, "build")
    assert _written(built.stderr) == expected, built.stderr
    rebuilt = re.search(r"search index: (\d+) of 4 shard\(s\) rebuilt", built.stderr)
    if rebuilt:  # only shards with a page whose indexed text changed: a neighbour's link is outside that text
        assert int(rebuilt[1]) <= len(_shards_whose_indexed_text_changed(before, _tree(project / "output"))), (
            built.stderr
        )
    if expected == "few":  # one page's text changed: one shard of the search index is indexed again
        assert "search index: 1 of 4 shard(s) rebuilt" in built.stderr, built.stderr
        # a body alone changed: the generators did not run, the last build's finished site was kept, and what
        # the plugins sum up over every article is still said (the seed's figures have no photo)
        assert KEPT_SITE in built.stderr, built.stderr
        assert re.search(r"figures? in \d+ articles? ha(ve|s) no photo yet", built.stderr), built.stderr
    else:
        assert KEPT_SITE not in built.stderr, built.stderr
    fresh = tmp_path / "fresh"
    _equals_a_fresh_build(project, fresh)
    needed = "cache/photos-needed.txt"  # `invoke photos-needed` lists the same figures
    assert (project / needed).read_bytes() == (fresh / needed).read_bytes()


def test_a_theme_that_indexes_every_page_gets_the_search_index_of_a_full_build(tmp_path):
    """A theme that marks list pages for Pagefind too (here: every page's <main>): the index is then one bundle
    over every marked page, and after an edit it is a full build's."""
    project = copy_project(tmp_path / "site")
    for article in CORPUS[:3]:
        (project / "content" / "raw" / f"{article.name}.txt").write_text(article.raw, encoding="utf-8")
    _replace(project / "theme" / "templates" / "base.html", r'<main id="main"', '<main data-pagefind-body id="main"')
    invoke(project, "build")
    for edit, index in (("body", 1), ("headline", 2)):
        path = _markdown(project, index)
        if edit == "body":
            _replace(path, r"^(\w.*\.)$", r"\1 Officials repeated the figures on Tuesday.")
        else:
            _replace(path, r"^title: (.*)$", r"title: Updated - \1")
        built = invoke(project, "build")
        assert "search index rebuilt" in built.stderr, built.stderr
        _equals_a_fresh_build(project, tmp_path / f"fresh-{edit}")


def test_an_accepted_fresh_import_is_built_as_an_edit_of_that_article(tmp_path):
    """`invoke import --accept` replaces an edited article by its fresh import and keeps the editor's version
    beside it as NAME.md.old (NAME.md.old2 the second time), which no page shows: the next build writes what
    the accepted article's change shows on, as after any edit (the backup used to count as a photo that can
    show on any page: every page was written, and every article read again), and never publishes the backup,
    even when the articles' folder is a static one (for photos beside the articles)."""
    project = copy_project(tmp_path / "site")
    for article in CORPUS[:3]:
        (project / "content" / "raw" / f"{article.name}.txt").write_text(article.raw, encoding="utf-8")
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write('\nSTATIC_PATHS = ["images", "extra", "articles"]\n')
    invoke(project, "build")
    markdown = _markdown(project, 1)
    for backup in (".old", ".old2"):
        with open(markdown, "a", encoding="utf-8") as edited:
            edited.write("\nAn editor's note.\n")
        _replace(project / "content" / "raw" / f"{CORPUS[1].name}.txt", r"^(\w.{80,}\.)$", r"\1 Rescuers returned.")
        invoke(project, "build")
        assert markdown.with_name(markdown.name + ".new").exists()  # the editor's version was kept: it waits
        invoke(project, "import", "--accept", f"articles/{markdown.name}")
        assert markdown.with_name(markdown.name + backup).exists()
        built = invoke(project, "build")
        assert "every page" not in built.stderr and ".old" not in built.stderr, built.stderr
        assert not [path for path in (project / "output").rglob("*.md*")]
    _equals_a_fresh_build(project, tmp_path / "fresh")


def test_after_a_build_with_errors_the_next_builds_only_what_changed_and_says_them_again(tmp_path):
    """A YAML mistake and a raw article that cannot be imported: the rest of the site is built, and the next
    builds take that output as their base (they used to write every page again) while saying the errors again,
    as long as their files are as they were: `invoke build` fails until they are put right, and `publish`
    refuses each result. Each result is a fresh build's, errors included."""
    project = copy_project(tmp_path / "site")
    for article in CORPUS[:3]:
        (project / "content" / "raw" / f"{article.name}.txt").write_text(article.raw, encoding="utf-8")
    invoke(project, "build")
    broken, text = _markdown(project, 2), _markdown(project, 2).read_text(encoding="utf-8")
    broken.write_text(text.replace("---\n", "---\ntitle: [unclosed\n", 1), encoding="utf-8")
    (project / "content" / "raw" / "empty.txt").write_bytes(b"")
    yaml_error = f"articles/{broken.name}:2: front matter is not valid YAML"
    raw_error = "error: raw/empty.txt: the file is empty"

    def build_and_compare(step: str, errors: list[str]) -> str:
        built = invoke(project, "build", check=False)
        assert built.returncode == (1 if errors else 0), built.stderr
        assert [line for line in (yaml_error, raw_error) if line in built.stderr] == errors, built.stderr
        # each error one line, on every Pelican (4.11 logs "Could not process FILE" and the reason apart)
        assert all(f"\nerror: {error.removeprefix('error: ')}" in "\n" + built.stderr for error in errors), built.stderr
        assert "Could not process" not in built.stderr, built.stderr
        fresh = tmp_path / f"fresh-{step}"
        shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("output", "cache", "__pycache__"))
        assert invoke(fresh, "build", check=False).returncode == built.returncode
        ours, theirs = _tree(project / "output"), _tree(fresh / "output")
        assert sorted(ours) == sorted(theirs) and [name for name in ours if ours[name] != theirs[name]] == []
        return built.stderr

    build_and_compare("errors", [yaml_error, raw_error])
    again = invoke(project, "build", check=False)  # nothing changed: nothing built, the errors said again
    assert again.returncode == 1 and "nothing changed" in again.stderr, again.stderr
    assert yaml_error in again.stderr and raw_error in again.stderr, again.stderr
    body_of_markdown(project)  # another article's body: the last finished site is taken, the errors said again
    stderr = build_and_compare("body", [yaml_error, raw_error])
    assert "every page" not in stderr and _written(stderr) == "few" and KEPT_SITE in stderr, stderr
    # the broken file edited, still broken: the generators read it again, and say its error as it is now
    broken.write_text(text.replace("---\n", "---\ntitle: [still unclosed\n", 1), encoding="utf-8")
    stderr = build_and_compare("still-broken", [yaml_error, raw_error])
    assert KEPT_SITE not in stderr, stderr
    body_of_markdown(project)
    stderr = build_and_compare("body-again", [yaml_error, raw_error])
    assert KEPT_SITE in stderr, stderr
    broken.write_text(text, encoding="utf-8")
    stderr = build_and_compare("fixed", [raw_error])
    assert "every page" not in stderr, stderr
    (project / "content" / "raw" / "empty.txt").unlink()
    build_and_compare("clean", [])


def test_nothing_changed_does_nothing_and_says_so(project):
    before = {path: path.stat().st_mtime_ns for path in (project / "output").rglob("*")}
    again = invoke(project, "build")
    assert "nothing changed since the last build; output/ is up to date" in again.stderr
    assert {path: path.stat().st_mtime_ns for path in (project / "output").rglob("*")} == before


def test_a_hand_edited_output_file_is_written_again(project):
    page = project / SEED_PAGE
    page.write_text("broken", encoding="utf-8")
    invoke(project, "build")
    assert "Russia" in page.read_text(encoding="utf-8")


def test_the_previous_output_is_never_written_through_a_link(tmp_path):
    """Files kept from the last build are hard links: a page written again must be a new file, so a copy of
    the old output taken before (a web server still serving it) keeps its bytes."""
    project = copy_project(tmp_path / "site")
    invoke(project, "build")
    before = project / "before"
    before.mkdir()
    for path in (project / "output").rglob("*"):
        if path.is_file():
            target = before / path.relative_to(project / "output")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.hardlink_to(path)
    old = {path: path.read_bytes() for path in before.rglob("*") if path.is_file()}
    _replace(project / SEED_MD, r"^## Thousands arrested$", "## Thousands held")
    invoke(project, "build")
    assert "Thousands held" in (project / SEED_PAGE).read_text(encoding="utf-8")
    assert {path: path.read_bytes() for path in before.rglob("*") if path.is_file()} == old


def test_the_readme_documents_incremental_builds():
    section = ROOT.joinpath("README.md").read_text(encoding="utf-8").split("\n### Incremental builds", 1)[1]
    assert "hard link" in section and "byte for byte" in section


def test_a_production_build_after_an_edit_rewrites_the_feeds_that_carry_it(tmp_path):
    """publishconf.py writes feeds with whole articles: a body edit must reach them, byte for byte as a fresh
    production build writes them."""
    project = copy_project(tmp_path / "site")
    for article in CORPUS[:3]:
        (project / "content" / "raw" / f"{article.name}.txt").write_text(article.raw, encoding="utf-8")
    invoke(project, "preview")
    _replace(project / SEED_MD, r"^## Thousands arrested$", "## Thousands held")
    built = invoke(project, "preview")
    assert _written(built.stderr) == "few", built.stderr
    ours = _equals_a_fresh_build(project, tmp_path / "fresh", "preview")
    assert "Thousands held" in ours["feeds/all.atom.xml"].decode()


@pytest.mark.parametrize("spoil", ["garbage", "another build's"])
def test_a_spoiled_or_foreign_finished_site_is_not_used(tmp_path, spoil):
    """The finished site the last build kept is used only when it is that build's and readable: otherwise the
    generators run, and the page still shows the edit."""
    from tooling.snapshot import SNAPSHOT_NAME

    project = copy_project(tmp_path / "site")
    invoke(project, "build")
    kept = project / "cache" / "news_cache" / SNAPSHOT_NAME
    if spoil == "garbage":
        kept.write_bytes(b"not a pickle")
    else:  # the first build's site, put back after another build kept its own
        first = kept.read_bytes()
        _replace(project / SEED_MD, r"^standfirst: (.*)$", r"standfirst: Newly. \1")  # not a body edit
        invoke(project, "build")
        while list(kept.parent.glob(f".{SNAPSHOT_NAME}.*")):  # its copy may still be writing
            time.sleep(0.05)
        kept.write_bytes(first)
    _replace(project / SEED_MD, r"^## Thousands arrested$", "## Thousands detained")
    built = invoke(project, "build")
    assert KEPT_SITE not in built.stderr and "error" not in built.stderr, built.stderr
    assert "1 page(s) written" in built.stderr, built.stderr
    assert "Thousands detained" in (project / SEED_PAGE).read_text(encoding="utf-8")


def test_an_edit_beyond_the_body_runs_the_generators(tmp_path):
    """A front-matter value and the body changed together: not a body edit, the generators run."""
    project = copy_project(tmp_path / "site")
    invoke(project, "build")
    _replace(project / SEED_MD, r"^## Thousands arrested$", "## Thousands held")
    _replace(project / SEED_MD, r"^standfirst: (.*)$", r"standfirst: Newly. \1")
    built = invoke(project, "build")
    assert KEPT_SITE not in built.stderr, built.stderr
    assert "Thousands held" in (project / SEED_PAGE).read_text(encoding="utf-8")


def test_a_body_edit_that_moves_the_reading_time_keeps_the_site_and_writes_the_lists(tmp_path):
    """Paragraphs added to a body move its reading time, which list pages show on its card: the build still
    takes the kept finished site (nothing else of the article changed), and writes the list pages too."""
    project = copy_project(tmp_path / "site")
    invoke(project, "build")
    minutes = re.compile(r"(\d+) min read")
    before = minutes.search((project / SEED_PAGE).read_text(encoding="utf-8"))[1]
    sentence = "Officials repeated the figures on Tuesday, and again on Wednesday, to reporters in the capital."
    _replace(
        project / SEED_MD, r"^## Thousands arrested$", "\n\n".join([sentence * 6] * 8) + "\n\n## Thousands arrested"
    )
    built = invoke(project, "build")
    assert KEPT_SITE in built.stderr, built.stderr
    assert _written(built.stderr) == "lists", built.stderr
    assert minutes.search((project / SEED_PAGE).read_text(encoding="utf-8"))[1] != before
    _equals_a_fresh_build(project, tmp_path / "fresh")


def test_a_card_edit_writes_only_the_list_pages_that_show_the_article(tmp_path):
    """A standfirst shows on the article's cards alone: of the author pages, only its authors' are written again;
    the others stay the last build's files (hard links: the same inode)."""
    project = copy_project(tmp_path / "site")
    for article in CORPUS:
        (project / "content" / "raw" / f"{article.name}.txt").write_text(article.raw, encoding="utf-8")
    invoke(project, "build")
    authors = project / "output" / "author"
    before = {page.name: page.stat().st_ino for page in authors.glob("*.html")}
    standfirst(project)
    built = invoke(project, "build")
    assert "changed what list pages show" in built.stderr, built.stderr
    front_matter = _markdown(project, 2).read_text(encoding="utf-8").split("---\n")[1]
    own = {f"{author}.html" for author in yaml.safe_load(front_matter)["authors"]}
    rewritten = {name for name, inode in before.items() if (authors / name).stat().st_ino != inode}
    assert own <= set(before) and rewritten == own
    assert len(before) > len(rewritten), before


# A plugin whose `finalized` hook runs while the search index may already be under way (tooling.search_index).
LATE_HOOK = """
import os, time
from pathlib import Path
from pelican import signals

def on_finalized(pelican):
    output = Path(pelican.settings["OUTPUT_PATH"])
    {body}

def register():
    signals.finalized.connect(on_finalized)
"""
# waits (at most 5 s) for a shard's view of Pagefind, beside the build folder, and says whether one came
SAW_VIEWS = """views = lambda: list(output.parent.glob(".*building-*/.search-view-*"))
    deadline = time.monotonic() + 5
    while not views() and time.monotonic() < deadline:
        time.sleep(0.01)
    with open(output.parent / "views-seen.txt", "a") as record:
        record.write(f"{bool(views())}\\n")"""
# every page this build wrote gets one more indexed word (by a new file: carried pages are the published ones)
ADDS_A_WORD = """for page in output.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body>" in html and "Latecomer" not in html:
            fresh = page.with_name(".late.tmp")
            fresh.write_text(html.replace("data-pagefind-body>", "data-pagefind-body><p>Latecomer</p>", 1))
            os.replace(fresh, page)"""


def _with_late_hook(project: Path, body: str) -> None:
    (project / "late_plugins").mkdir()
    (project / "late_plugins" / "late_hook.py").write_text(LATE_HOOK.format(body=body), encoding="utf-8")
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write('\nPLUGIN_PATHS = [*PLUGIN_PATHS, "late_plugins"]\nPLUGINS = [*PLUGINS, "late_hook"]\n')


def test_a_body_edit_indexes_its_shard_while_the_finalized_hooks_run(tmp_path):
    """The shard of an edited page is indexed from the moment its page is written: the `finalized` hooks (photos
    placed) and the pages carried over from the last build run beside Pagefind, not before it."""
    project = copy_project(tmp_path / "site")
    _with_late_hook(project, SAW_VIEWS)
    invoke(project, "build")
    _replace(project / SEED_MD, r"^## Thousands arrested$", "## Thousands held")
    built = invoke(project, "build")
    assert "search index: 1 of" in built.stderr or "search index rebuilt" in built.stderr, built.stderr
    assert (project / "views-seen.txt").read_text().split() == ["False", "True"]
    assert not list(project.glob(".*building-*")), "the views' folder is removed"
    _equals_a_fresh_build(project, tmp_path / "fresh")


def test_a_page_a_finalized_hook_changes_is_indexed_as_the_hook_left_it(tmp_path):
    """Indexing started before the `finalized` hooks is thrown away when one of them changed a page it read:
    the index is still a fresh build's, with the hook's word in it."""
    project = copy_project(tmp_path / "site")
    _with_late_hook(project, ADDS_A_WORD)
    invoke(project, "build")
    _replace(project / SEED_MD, r"^## Thousands arrested$", "## Thousands held")
    invoke(project, "build")
    page = (project / SEED_PAGE).read_text(encoding="utf-8")
    assert "Thousands held" in page and "<p>Latecomer</p>" in page
    _equals_a_fresh_build(project, tmp_path / "fresh")
