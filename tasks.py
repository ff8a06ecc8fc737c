"""Tasks for editors and developers: `invoke --list` shows them, README.md (Tasks) explains them."""

import atexit
import gc
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "content_path": "content",
    "deploy_path": "output",
    # the dev server binds loopback only; exposing it takes an explicit --host
    "host": "127.0.0.1",
    "port": 8000,
    # publish: rsync over SSH (override with the environment variables named)
    "ssh_user": os.environ.get("DEPLOY_SSH_USER", "deploy"),
    "ssh_host": os.environ.get("DEPLOY_SSH_HOST", "example.org"),
    "ssh_port": int(os.environ.get("DEPLOY_SSH_PORT", "22")),
    "ssh_path": os.environ.get("DEPLOY_SSH_PATH", "/var/www/explainers"),
    "ssh_command": os.environ.get("DEPLOY_SSH_COMMAND", "ssh"),  # e.g. "ssh -i ~/.ssh/deploy_key"
    # gh-pages: ghp-import commits output/ to this branch and pushes it to this remote
    "github_pages_branch": os.environ.get("DEPLOY_GH_PAGES_BRANCH", "gh-pages"),
    "github_remote": os.environ.get("DEPLOY_GH_REMOTE", "origin"),
    "commit_message": "Publish the site",
}


@task
def clean(c):
    """Remove the generated site (output/)."""
    shutil.rmtree(ROOT / CONFIG["deploy_path"], ignore_errors=True)


@task(
    name="import",
    iterable=["paths", "accept", "merged"],
    help={
        "paths": "a raw article to import (repeat for more); default: all of content/raw/",
        "accept": "an edited article (articles/NAME.md) to replace by its fresh import NAME.md.new",
        "merged": "an edited article into which you merged NAME.md.new by hand: stop offering it",
    },
)
def import_(c, paths=None, accept=None, merged=None):
    """Import raw articles (content/raw/) into Markdown, keeping editors' changes."""
    from tooling.importing import run_import, settle_fresh_imports

    if accept or merged:
        failed = settle_fresh_imports(
            ROOT, CONFIG["settings_base"], [Path(p) for p in accept or []], [Path(p) for p in merged or []]
        )
    else:
        failed = run_import(ROOT, CONFIG["settings_base"], [Path(p) for p in paths or []])
    if failed:
        raise SystemExit(1)


def _build(settings: str, import_first: bool = True):
    from tooling.build import build_site

    result = build_site(ROOT, settings, output=ROOT / CONFIG["deploy_path"], import_first=import_first)
    if result.summary:
        print(f"build: {result.summary} ({result.seconds:.2f} s)", file=sys.stderr, flush=True)
    if not result.completed:
        raise SystemExit(
            f"build: failed ({len(result.errors)} error(s) above); the previous {CONFIG['deploy_path']}/ "
            "was left as it was"
        )
    if result.errors:
        raise SystemExit(f"build: {len(result.errors)} error(s) (listed above); the rest of the site was built")
    return result


@task
def build(c, settings=None):
    """Import raw articles, then build the site into output/ (swapped in only when the build finished)."""
    _build(settings or CONFIG["settings_base"])
    # When the process ends, its last garbage collection would walk every object the build left (0.5 s at
    # 10,000 articles) only to free memory the system takes back anyway. At exit, not now: a task run after
    # this one in the same command (`invoke build serve`) still has its garbage collected.
    atexit.register(gc.freeze)


@task(name="photos-needed")
def photos_needed(c, settings=None):
    """List every figure still shown as text because its photo is missing (as the last build found them)."""
    from news_theme.missing_images import PHOTOS_NEEDED
    from tooling.build import read_settings

    listing = Path(read_settings(ROOT, settings or CONFIG["settings_base"])["CACHE_PATH"]) / PHOTOS_NEEDED
    try:
        text = listing.read_text(encoding="utf-8")
    except OSError:
        raise SystemExit("photos-needed: no build has listed the figures yet; run `invoke build` first") from None
    print(text, end="") if text else print("Every figure has its photo.")


@task
def rebuild(c):
    """Clean, then build."""
    clean(c)
    build(c)


@task
def regenerate(c):
    """Build, then rebuild whenever raw articles, content, theme, plugins or settings change."""
    from tooling.devserver import watch_and_rebuild

    watch_and_rebuild(ROOT, CONFIG["settings_base"], ROOT / CONFIG["deploy_path"])


def _listening(port, host, live=None):
    """A bound preview server for --port/--host, or one `error:` line and exit 1 (a port in use, `--port abc`)."""
    from tooling.devserver import BindProblem, make_server, parse_port

    try:
        return make_server(
            ROOT / CONFIG["deploy_path"],
            host or CONFIG["host"],
            parse_port(CONFIG["port"] if port is None else port),
            live,
        )
    except BindProblem as problem:
        raise SystemExit(f"error: {problem}") from None


@task
def serve(c, port=None, host=None):
    """Serve output/ at http://127.0.0.1:8000 (--host 0.0.0.0 to expose it on the network)."""
    from tooling.devserver import serve_folder

    serve_folder(ROOT / CONFIG["deploy_path"], server=_listening(port, host))


@task
def reserve(c, port=None, host=None):
    """Build, then serve."""
    from tooling.devserver import serve_folder

    server = _listening(port, host)  # a port in use is said before the build, not after it
    try:
        build(c)
    except BaseException:
        server.server_close()
        raise
    serve_folder(ROOT / CONFIG["deploy_path"], server=server)


def _build_for(purpose: str):
    """The production build an upload needs; a failed one stops the upload before anything is sent."""
    try:
        return _build(CONFIG["settings_publish"])
    except SystemExit as failed:
        raise SystemExit(f"{failed}\n{purpose}: the build failed, so nothing was uploaded") from None


@task
def preview(c):
    """Build the production version of the site (publishconf.py: absolute URLs, feeds) into output/."""
    _build(CONFIG["settings_publish"])


@task
def livereload(c, port=None, host=None):
    """Build, serve output/ and rebuild + refresh the open browser tab on every change."""
    from tooling.devserver import BindProblem, parse_port, run_devserver

    try:
        run_devserver(
            ROOT,
            CONFIG["settings_base"],
            ROOT / CONFIG["deploy_path"],
            host or CONFIG["host"],
            parse_port(CONFIG["port"] if port is None else port),
        )
    except BindProblem as problem:
        raise SystemExit(f"error: {problem}") from None


@task
def publish(c):
    """Build with publishconf.py and upload output/ over SSH with rsync; refuses a failed build."""
    from tooling.publish import checked_output, rsync_command

    _build_for("publish")
    output = checked_output(ROOT / CONFIG["deploy_path"], CONFIG["settings_publish"])
    c.run(shlex.join(rsync_command(output, CONFIG)), pty=False)


@task(name="gh-pages")
def gh_pages(c):
    """Build with publishconf.py and commit output/ to the gh-pages branch with ghp-import, then push it."""
    from tooling.publish import checked_output, ghp_import

    _build_for("gh-pages")
    output = checked_output(ROOT / CONFIG["deploy_path"], CONFIG["settings_publish"])
    ghp_import(ROOT, output, CONFIG)


@task
def bench(c, n=1000, repeats=3, seed=7, out=None, record=False, only_invoke_build=False):
    """Benchmark N generated articles against plain Pelican; table on screen, JSON in bench-results/latest.json."""
    from tooling.bench.runner import main

    main(
        [
            "--n",
            str(n),
            "--repeats",
            str(repeats),
            "--seed",
            str(seed),
            *(["--out", out] if out else []),
            *(["--record"] if record else []),
            *(["--only-invoke-build"] if only_invoke_build else []),
        ]
    )


# What `invoke lint` checks: ruff (lint and format) over all our Python, mypy over the library (pyproject.toml).
LINTED = ["plugins", "tooling", "tests", "tasks.py", "pelicanconf.py", "publishconf.py", "bootstrap.py"]
FAST_TESTS = "not build and not browser and not server and not corpus"


def _run_tools(commands: list[list[str]]) -> None:
    """Run each command from the project folder; exit non-zero when any failed, after running them all."""
    import importlib.util
    import subprocess

    missing = sorted({command[2] for command in commands if importlib.util.find_spec(command[2]) is None})
    if missing:
        sys.exit(f"{', '.join(missing)} not installed: `python3 bootstrap.py test` installs the test tools")
    failed = [" ".join(command[2:4]) for command in commands if subprocess.run(command, cwd=ROOT).returncode]
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


@task(help={"fix": "let ruff fix what it can and reformat the files"})
def lint(c, fix=False):
    """ruff (lint + format check) over the code and mypy over the library; --fix repairs and reformats."""
    _run_tools(
        [
            [sys.executable, "-m", "ruff", "check", *(["--fix"] if fix else []), *LINTED],
            [sys.executable, "-m", "ruff", "format", *([] if fix else ["--check"]), *LINTED],
            [sys.executable, "-m", "mypy"],
        ]
    )


@task(
    help={
        "fast": "unit tests only: no site builds, browsers, servers or the real-pages corpus (about 15 s)",
        "k": "only tests whose names match this pytest -k expression",
    }
)
def test(c, fast=False, k=None):
    """The test suite (what CI runs); --fast for the unit tests alone."""
    _run_tools([[sys.executable, "-m", "pytest", *(["-m", FAST_TESTS] if fast else []), *(["-k", k] if k else [])]])


@task
def audit(c, page=None, json_out=None):
    """Build for production, serve with nginx (gzip); print Lighthouse, axe and validator counts, page weight."""
    from tooling.audit import SEED_PAGE, run_audit

    run_audit(ROOT, page=page or SEED_PAGE, json_out=json_out)
