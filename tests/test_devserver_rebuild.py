"""The dev server's incremental rebuild writes exactly what a fresh full build writes, only faster.

The Rebuilder runs in a child process (it re-imports plugin code and resets Pelican's signals, which must not
leak into the test process); a fresh `invoke build` of a copy of the same files is the reference.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsroom import Newsroom, content_stamps, touched_files
from support import ROOT, copy_project, invoke
from tooling.bench.corpus import generate

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

# Edits applied one after the other, with the pages each must render: "page" (the changed article's own),
# "lists" (and the list pages), "site" (every page, warm) or "cold" (new code: from scratch); and whether the
# rebuild takes the finished site the last one kept, the edited bodies put in, instead of running the generators
# and every plugin hook over all articles again (a change to an article's body alone).
LONGER = " ".join(["Crews cleared the roads through the night and the morning after the storm."] * 40)
EDITS = [
    ("a sentence in a raw article's body", "raw", "Trees fell.", "Trees fell on two parked cars.", "page", True),
    ("a raw article's headline", "raw", "Storm hits the coast", "Storm batters the coast", "site", False),
    ("a sentence in an imported article's Markdown", "markdown", "Boats stayed", "Fishing boats stayed", "page", True),
    # its reading time, on the front page's card, grows from 1 to 2 minutes (530 words at 230 a minute)
    ("a long paragraph in a raw article's body", "raw", "parked cars.", f"parked cars.\n\n{LONGER}", "lists", True),
    (
        "the standfirst (shown on the front page)",
        "raw",
        "A storm hit the coast on Saturday.",
        "A strong storm hit the coast on Saturday.",
        "lists",
        False,
    ),
    ("tags (shown in other articles' Read more)", "markdown", "tags: []", "tags: [weather]", "site", False),
    # A page without a Date: gets the file's time (DEFAULT_DATE = "fs"), so every save moves its date.
    ("a dateless Pelican page's body", "page", "publishes background", "writes background", "site", False),
    ("a Pelican page's title (in every page's menu)", "page", "Title: About", "Title: About us", "site", False),
    (
        "a body figure naming a photo not supplied yet",
        "markdown",
        "Fishing boats stayed",
        "> [!FIGURE] harbour.jpg\n> Alt: Boats at the quay\n> Caption: The harbour\n\nFishing boats stayed",
        "page",
        True,
    ),
    # the figure read before the photo came showed its description: the article is read again
    ("a new photo", "photo", "", "", "site", False),
    (
        "a hero photo named in front matter",
        "markdown",
        "hero: null\n",
        "hero:\n  alt: Boats in the harbour\n  caption: The harbour\n  credit: Test/A. Photographer\n  image: harbour.jpg\n",
        "lists",
        False,
    ),
    # deleting an imported article's Markdown asks for a fresh import, as `invoke build` takes it
    ("an imported article's Markdown deleted", "deleted", "", "", "page", True),
    # the figure and the hero read while the photo was there go back to their descriptions
    ("the photo deleted", "photo gone", "", "", "site", False),
    ("a template", "template", "</main>", '<p id="probe">probe</p></main>', "cold", False),
]
STORM = "Storm hits the coast\n\nAugust 15, 2020\n\nA storm hit the coast on Saturday.\n\nTrees fell.\n"
CALM = "Calm returns to the bay\n\nAugust 16, 2020\n\nThe bay was calm on Sunday.\n\nBoats stayed in port.\n"

DRIVER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    root = Path(sys.argv[1])
    sys.path[:0] = [sys.argv[2], str(root / "plugins")]
    from tooling.rebuild import Rebuilder
    rebuilder = Rebuilder(root)
    first = rebuilder.rebuild()
    print("RESULT", json.dumps({"kind": first.kind, "errors": first.errors}), flush=True)
    import gc
    from pelican.contents import Article
    for line in sys.stdin:  # the files one save touched, separated by tabs
        result = rebuilder.rebuild([path for path in line.rstrip("\\n").split("\\t") if path])
        gc.collect()
        alive = sum(1 for thing in gc.get_objects() if isinstance(thing, Article))
        print("RESULT", json.dumps({"kind": result.kind, "errors": result.errors, "completed": result.completed,
                                    "rendered": result.rendered, "reason": result.reason,
                                    "from_kept_site": result.from_kept_site, "articles_alive": alive}), flush=True)
""")


def _tree(folder: Path) -> dict[str, bytes]:
    """Every built file except the build status and the search index (refreshed by full rebuilds only)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and path.name != ".build-status.json"
        and not path.relative_to(folder).as_posix().startswith("pagefind/")
    }


@pytest.fixture(scope="module")
def driven(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("rebuild"))
    for name, text in (("storm.txt", STORM), ("calm.txt", CALM)):
        (project / "content" / "raw" / name).write_text(text)
    invoke(project, "import")
    driver = _start_driver(project)
    first = _result(driver)
    assert first["kind"] == "cold" and first["errors"] == []
    yield project, driver
    driver.stdin.close()
    driver.wait(timeout=60)


def _start_driver(project: Path) -> subprocess.Popen:
    """The rebuilder of `project` in a child process: it rebuilds cold at once, then after each line of paths."""
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(project), str(ROOT)],
        cwd=project,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def _rebuilt(driver: subprocess.Popen, files: list[Path]) -> dict:
    """The driver's result after the files one save touched, as the dev server's watcher reports them."""
    driver.stdin.write("\t".join(str(path) for path in files) + "\n")
    driver.stdin.flush()
    return _result(driver)


def _result(driver: subprocess.Popen) -> dict:
    """The driver's next result line (Pelican prints its own summary lines on stdout too)."""
    for line in driver.stdout:
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    pytest.fail(f"the rebuild driver exited {driver.wait()}")


def _fresh_build(project: Path, scratch: Path, check: bool = True) -> dict[str, bytes]:
    """The files a fresh `invoke build` of a copy writes (check=False: one with an article in error too)."""
    copy = scratch / "fresh"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("output", ".output*", "__pycache__"))
    invoke(copy, "build", check=check)
    return _tree(copy / "output")


@pytest.mark.parametrize("what, where, old, new, kind, kept", EDITS, ids=[edit[0] for edit in EDITS])
def test_each_rebuild_matches_a_fresh_full_build(driven, tmp_path, what, where, old, new, kind, kept):
    project, driver = driven
    target = {
        "raw": project / "content" / "raw" / "storm.txt",
        "markdown": project / "content" / "articles" / "calm.md",
        "photo": project / "content" / "images" / "harbour.jpg",
        "page": project / "content" / "pages" / "about.md",
        "template": project / "theme" / "templates" / "base.html",
        "deleted": project / "content" / "articles" / "storm.md",
        "photo gone": project / "content" / "images" / "harbour.jpg",
    }[where]
    if where in ("deleted", "photo gone"):
        target.unlink()
    elif where == "photo":
        from PIL import Image

        target.parent.mkdir(exist_ok=True)
        Image.new("RGB", (900, 600), (20, 120, 160)).save(target, quality=80)
    else:
        text = target.read_text()
        assert old in text
        target.write_text(text.replace(old, new, 1))
    result = _rebuilt(driver, [target])
    assert result["completed"] and result["errors"] == []
    scope = {"cold": "cold", "full": "site"}.get(result["kind"]) or ("page" if result["rendered"] == 1 else "lists")
    assert scope == kind, f"{what}: {result}"
    assert result["from_kept_site"] == kept, f"{what}: {result}"
    assert result["articles_alive"] <= 3, "no build's articles outlive it in the dev server's process"
    assert _tree(project / "output") == _fresh_build(project, tmp_path)


def test_edit_to_refresh_timing_for_the_bench_runs_through_watcher_and_server(tmp_path):
    """`invoke bench` times tooling.bench.refresh.time_edit_to_refresh; here only that it works end to end."""
    project = copy_project(tmp_path / "site")
    (project / "content" / "raw" / "000_2050e4f5686eda9e.txt").chmod(0o644)
    code = (
        "import json, sys; from pathlib import Path; sys.path[:0] = [sys.argv[2], sys.argv[1] + '/plugins'];"
        "from tooling.bench.refresh import time_edit_to_refresh;"
        "print('RESULT', json.dumps(time_edit_to_refresh(Path(sys.argv[1]), edits=2)))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(project), str(ROOT)], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout.split("RESULT ", 1)[1])
    assert figures["edits"] == 2 and len(figures["seconds"]) == 2 and all(s > 0 for s in figures["seconds"])
    assert (
        "Officials repeated the figures in check 1"
        in (project / "content" / "raw" / "000_2050e4f5686eda9e.txt").read_text()
    )


def test_a_body_edit_while_another_file_is_broken_still_says_its_error(tmp_path):
    """The kept site left out a file that failed, so a rebuild that took it would not say that file's error
    again (nor show it in the page's banner): while an error stands, body edits run the generators."""
    project = copy_project(tmp_path / "site")
    for name, text in (("storm.txt", STORM), ("calm.txt", CALM)):
        (project / "content" / "raw" / name).write_text(text)
    invoke(project, "import")
    driver = _start_driver(project)
    storm, calm = project / "content" / "raw" / "storm.txt", project / "content" / "articles" / "calm.md"
    good = calm.read_text()

    def save(path: Path, text: str) -> dict:
        path.write_text(text)
        return _rebuilt(driver, [path])

    try:
        assert _result(driver)["errors"] == []
        broken = save(calm, good.replace("---\n", "---\ntitle: [unclosed\n", 1))
        assert any("calm.md" in line for line in broken["errors"]), broken
        for number in (1, 2):
            edited = save(storm, storm.read_text().replace("Trees fell", f"Trees fell ({number})", 1))
            assert any("calm.md" in line for line in edited["errors"]), edited
            assert not edited["from_kept_site"], edited
        assert save(calm, good)["errors"] == []
        edited = save(storm, storm.read_text().replace("Trees fell", "Trees fell (3)", 1))
        assert edited["errors"] == [] and edited["from_kept_site"], edited
        assert _tree(project / "output") == _fresh_build(project, tmp_path)
    finally:
        driver.stdin.close()
        driver.wait(timeout=60)


# The random sequences draw the body edits more often than `invoke build`'s do: they are what takes the kept site.
BODY_HEAVY = (
    ("body",) * 4
    + ("raw_body",) * 3
    + (
        "long_body",
        "headline",
        "standfirst",
        "broken_front_matter",
        "figure",
        "figure_removed",
        "hero_photo",
        "photo_deleted",
        "new_article",
        "touched",
    )
)


@pytest.mark.parametrize("seed", [31, 35])
def test_each_rebuild_of_a_random_sequence_of_edits_matches_a_fresh_full_build(tmp_path, seed):
    """Edits in any order, one or two per save (tests/newsroom.py), through the dev server's rebuilder, which
    takes its kept site for body edits and writes the rest in place: after every save the output is a fresh
    `invoke build`'s. A YAML mistake is put right by the next save."""
    project = copy_project(tmp_path / "site")
    for article in generate(8, seed=seed):
        (project / "content" / "raw" / f"{article.name}.txt").write_text(article.raw, encoding="utf-8")
    invoke(project, "import")
    driver = _start_driver(project)
    newsroom, done, taken = Newsroom(project, random.Random(seed)), [], 0
    newsroom.EDITS = BODY_HEAVY

    try:
        assert _result(driver)["errors"] == []
        for step in range(12):
            before = content_stamps(project / "content")
            done.append(newsroom.edit())
            result = _rebuilt(driver, touched_files(before, content_stamps(project / "content")))
            history = f"seed {seed}, step {step}, edits so far: {done}\n{result}"
            assert result["completed"], history
            taken += result["from_kept_site"]
            scratch = tmp_path / f"step-{step}"
            scratch.mkdir()
            assert _tree(project / "output") == _fresh_build(project, scratch, check=False), history
            shutil.rmtree(scratch)
            while newsroom.restore_after_build:
                path, text = newsroom.restore_after_build.pop()
                path.write_text(text, encoding="utf-8")
                assert _rebuilt(driver, [path])["errors"] == [], history
        assert taken >= 2, f"seed {seed}: the kept site was taken {taken} time(s): {done}"
    finally:
        driver.stdin.close()
        driver.wait(timeout=60)
