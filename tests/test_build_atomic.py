"""An incremental `invoke build` is as atomic as a full one: killed at any moment it leaves the previous output
whole (never half-linked, never written through a link), and into an output/ that is a mount point (a Docker
volume, a tmpfs) it still builds, incrementally, byte for byte what a fresh build writes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import copy_project, invoke
from tooling.publish import checked_output

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

SEED_MD = Path("content/articles/000_2050e4f5686eda9e.md")


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def _edit(project: Path, number: int) -> None:
    path = project / SEED_MD
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("## Thousands arrested", f"## Thousands arrested ({number})", 1)
        if number == 1
        else text.replace(f"({number - 1})", f"({number})", 1),
        encoding="utf-8",
    )


def test_killing_an_incremental_build_at_any_moment_leaves_the_previous_output_whole(tmp_path):
    project = copy_project(tmp_path / "site")
    invoke(project, "build")
    _edit(project, 1)
    invoke(project, "build")  # the state and output an incremental build starts from
    before = _tree(project / "output")
    _edit(project, 2)
    started = time.perf_counter()
    invoke(project, "build")  # how long this incremental build takes, to spread the kills over it
    duration = time.perf_counter() - started
    after_one = _tree(project / "output")
    _edit(project, 3)
    seen = []
    for fraction in (0.15, 0.3, 0.45, 0.6, 0.75, 0.9):
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "build"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(duration * fraction)
        os.killpg(process.pid, signal.SIGKILL)  # the build and its Pagefind child
        process.wait()
        seen.append(_tree(project / "output"))
    invoke(project, "build")
    finished = _tree(project / "output")
    assert before != after_one != finished
    for tree in seen:  # each kill left a whole build: the last one, or the new one if the swap was done
        assert tree in (after_one, finished)
    checked_output(project / "output", "pelicanconf.py")  # publish accepts the result
    assert not list(project.glob(".output.building-*")), "the next build removed the killed builds' folders"


def _in_mount_namespace(project: Path, script: str) -> subprocess.CompletedProcess:
    """Run `script` in a private mount namespace of its own: nothing it mounts is seen outside it, and every
    mount ends with it."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare to mount a file system")  # CI runs as root
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-ec", script],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize("kind", ["tmpfs", "bind"])
def test_an_output_folder_that_is_a_mount_point_is_built_and_rebuilt_incrementally(tmp_path, kind):
    """output/ a tmpfs, or a folder bind-mounted there as a Docker volume is. The fresh build to compare with
    writes into the same kind of mount: Pagefind's index follows the order a file system lists files in."""
    project = copy_project(tmp_path / "site")
    python = sys.executable

    def mount(folder: str) -> str:
        return (
            f"mkdir -p {folder}\nmount -t tmpfs tmpfs {folder}"
            if kind == "tmpfs"
            else f"mkdir -p {folder} {folder}-volume\nmount --bind {folder}-volume {folder}"
        )

    script = "\n".join(
        [
            mount("output"),
            "mountpoint -q output",
            f"{python} -m invoke build",
            f"sed -i 's/## Thousands arrested/## Thousands held/' {SEED_MD}",
            f"{python} -m invoke build",
            "mountpoint -q output",
            "cp -a output ../seen",
            "mkdir ../fresh",
            "tar -cf - --exclude=./output --exclude=./output-volume --exclude=./cache . | tar -C ../fresh -xf -",
            "cd ../fresh",
            mount("output"),
            f"{python} -m invoke build >/dev/null 2>&1",
            "cp -a output ../fresh-seen",
        ]
    )
    result = _in_mount_namespace(project, script)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    builds = [line for line in result.stderr.splitlines() if line.startswith("build: ")]
    assert "page(s) written" in builds[-1], result.stderr  # the second build was incremental
    seen = tmp_path / "seen"
    assert not [name for name in os.listdir(seen) if name.startswith((".building-", ".previous-"))]
    checked_output(seen, "pelicanconf.py")
    ours, theirs = _tree(seen), _tree(tmp_path / "fresh-seen")
    assert "Thousands held" in ours["2020/08/russia-ready-to-ensure-security-in-belarus/index.html"].decode()
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def _old_output(tmp_path: Path) -> Path:
    tree = tmp_path / "output.previous"
    for number in range(50):
        page = tree / str(number % 5) / f"{number}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("old", encoding="utf-8")
    return tree


def test_the_old_output_leaves_at_once_and_is_removed_in_the_background(tmp_path):
    from tooling.build import remove_in_background

    tree, trash = _old_output(tmp_path), tmp_path / "cache" / "news_cache" / "trash"
    leftover = trash / "1-1"  # what a removal interrupted by a shutdown left
    (leftover / "a").mkdir(parents=True)
    remove_in_background(tree, trash)
    assert not tree.exists()  # moved out of the way before the call returns
    deadline = time.monotonic() + 10
    while any(trash.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(trash.iterdir()) == []  # this tree and the earlier leftover alike


def test_without_a_usable_trash_folder_the_old_output_is_removed_at_once(tmp_path):
    from tooling.build import remove_in_background

    tree, blocked = _old_output(tmp_path), tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    remove_in_background(tree, blocked / "news_cache" / "trash")
    assert not tree.exists()
    assert blocked.read_text(encoding="utf-8").startswith("a file")
