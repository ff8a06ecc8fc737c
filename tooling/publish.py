"""Upload a finished build: refuse anything else, then rsync over SSH or ghp-import to a gh-pages branch."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tooling.build import BUILD_STATUS, read_status


def checked_output(output: Path, settings_file: str) -> Path:
    """The output folder when the build in it finished without errors with these settings; else exit non-zero.

    The status file is written last by tooling.build, after Pelican finished: a missing one means a partial
    or interrupted build (or a dev server wrote into the folder since), so nothing is uploaded."""
    status = read_status(output)
    if status is None or not status.get("complete"):
        raise SystemExit(f"publish: {output.name}/ holds no finished build (no {BUILD_STATUS}); nothing was uploaded")
    if status.get("errors"):
        raise SystemExit(f"publish: the build in {output.name}/ had {status['errors']} error(s); nothing was uploaded")
    if status.get("settings") != Path(settings_file).name:
        raise SystemExit(
            f"publish: {output.name}/ was built with {status.get('settings')}, not {settings_file}; "
            "nothing was uploaded"
        )
    return output


def rsync_command(output: Path, config: dict) -> list[str]:
    """rsync the folder's contents to user@host:path over SSH, deleting files the new build no longer has."""
    ssh = f"{config['ssh_command']} -p {int(config['ssh_port'])}"
    destination = f"{config['ssh_user']}@{config['ssh_host']}:{config['ssh_path'].rstrip('/')}/"
    return [
        "rsync",
        "-e",
        ssh,
        "--recursive",
        "--links",
        "--times",
        "--checksum",
        "--delete",
        "--chmod=D755,F644",
        f"--exclude=/{BUILD_STATUS}",
        f"{output}/",
        destination,
    ]


def ghp_import(root: Path, output: Path, config: dict) -> None:
    """Commit the site (with .nojekyll, without the build status file) to the pages branch and push it."""
    command = shutil.which("ghp-import", path=str(Path(sys.executable).parent)) or shutil.which("ghp-import")
    if command is None:
        raise SystemExit("gh-pages: ghp-import is not installed (pip install -e '.[test]')")
    with tempfile.TemporaryDirectory(prefix="gh-pages-") as staging:
        site = Path(staging) / "site"
        shutil.copytree(output, site, ignore=shutil.ignore_patterns(BUILD_STATUS))
        arguments = [
            command,
            "--no-jekyll",
            "--push",
            "--message",
            config["commit_message"],
            "--branch",
            config["github_pages_branch"],
            "--remote",
            config["github_remote"],
            str(site),
        ]
        print("+", shlex.join(arguments), flush=True)
        result = subprocess.run(arguments, cwd=root)
    if result.returncode != 0:
        raise SystemExit(f"gh-pages: ghp-import exited {result.returncode}; see the messages above")
