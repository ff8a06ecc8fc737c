"""Random sequences of the edits an editor makes, each followed by `invoke build` and compared, file by file, with
a fresh full build of the same content (tests/test_build_incremental.py goes through each kind of edit once, in
a fixed order; here they come in any order and two at a time, as they do in a newsroom: a body edit after a
photo came, a headline and a deleted article in one build, an article made a draft and published again).

The sequences are drawn from fixed seeds, so a failure is repeated by running the test again; its message
names the step and every edit up to it. NEWS_EDIT_SEQUENCE_SEEDS=100-123 and NEWS_EDIT_SEQUENCE_STEPS=14 (say)
ask for a wider run than the suite's. Each of these three seeds' sequences once ended in an output without
the files of a photo: a hero photo, or a hidden or draft article's, after a build that wrote only some pages.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from newsroom import Newsroom
from support import copy_project, invoke
from tooling.bench.corpus import generate
from tooling.buildstate import BUILD_STATUS

pytestmark = pytest.mark.build


def _wider_run(variable: str, default: list[int]) -> list[int]:
    """The numbers an environment variable names for a wider run than the suite's ("100-123", "4,6,11"), or
    `default`. Each seed takes about 30 s, so the suite keeps three and a developer asks for more."""
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    numbers: list[int] = []
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        if not (first.isdigit() and (last.isdigit() or not last)):
            raise ValueError(f"{variable}={text!r}: give numbers and ranges, e.g. 100-123 or 4,6,11")
        numbers += range(int(first), int(last or first) + 1)
    return numbers


SEEDS = _wider_run("NEWS_EDIT_SEQUENCE_SEEDS", [4, 6, 11])
STEPS = _wider_run("NEWS_EDIT_SEQUENCE_STEPS", [12])[-1]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != BUILD_STATUS
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_every_build_of_a_random_sequence_of_edits_equals_a_fresh_full_build(tmp_path, seed):
    project = copy_project(tmp_path / "site")
    for article in generate(8, seed=seed):
        (project / "content" / "raw" / f"{article.name}.txt").write_text(article.raw, encoding="utf-8")
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nNEWS_SEO_SEARCH_SHARD_PAGES = 2\n")  # several search shards, most of them kept
    invoke(project, "build")
    newsroom, done = Newsroom(project, random.Random(seed)), []
    for step in range(STEPS):
        done.append(newsroom.edit())
        built = invoke(project, "build", check=False)
        fresh = tmp_path / f"fresh-{step}"
        shutil.copytree(project, fresh, symlinks=True, ignore=shutil.ignore_patterns("output", "cache", "__pycache__"))
        again = invoke(fresh, "build", check=False)
        history = f"seed {seed}, step {step}, edits so far: {done}\n{built.stderr}"
        assert built.returncode == again.returncode, history
        ours, theirs = _tree(project / "output"), _tree(fresh / "output")
        differing = sorted(ours.keys() ^ theirs.keys()) + [
            name for name in ours if theirs.get(name, ours[name]) != ours[name]
        ]
        assert differing == [], history
        shutil.rmtree(fresh)
        while newsroom.restore_after_build:
            path, text = newsroom.restore_after_build.pop()
            path.write_text(text, encoding="utf-8")
