"""Helpers the tests share: a throwaway copy of the project, builds in it, a static server on 127.0.0.1.

Tests never read or write the working site: a project copy takes the code (settings, theme, plugins, tooling)
from the checkout and its content from tests/fixtures/site/content (the sample site as committed), so the
suite passes while an editor has added articles, photos and a built output/ to the checkout.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE_CONTENT = FIXTURES / "site" / "content"  # the sample content as committed in content/
SEED = SITE_CONTENT / "raw" / "000_2050e4f5686eda9e.txt"
PROJECT_FILES = ("pelicanconf.py", "publishconf.py", "tasks.py", "pyproject.toml", "README.md")
CODE_DIRS = ("theme", "plugins", "tooling")


def copy_project(destination: Path, with_content: bool = True) -> Path:
    """A copy of the project to build in: the checkout's code and settings, the fixture content (never the
    checkout's content/ or output/)."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, destination / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in CODE_DIRS:
        shutil.copytree(ROOT / name, destination / name, ignore=ignore, dirs_exist_ok=True)
    if with_content:
        shutil.copytree(SITE_CONTENT, destination / "content", dirs_exist_ok=True)
    else:
        (destination / "content" / "raw").mkdir(parents=True, exist_ok=True)
    return destination


def run_in(
    project: Path, *args: str, check: bool = True, env: dict | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run `python -m ARGS` inside a project copy, capturing text output."""
    result = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"`{' '.join(args)}` exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def invoke(project: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return run_in(project, "invoke", *args, **kwargs)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def static_server(directory: Path):
    """Serve a folder on 127.0.0.1 from a thread; yields the base URL (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def body_lines(article) -> list[str]:
    """An Article's body as the HTML-import expectations write it: `## heading`, `- item`, `> quoted`,
    `> [!PULLQUOTE] text — who`; figures are checked on their own."""
    from news_core.importer.article import BlockQuote, BulletList, Heading, Paragraph, PullQuote

    lines = []
    for block in article.body:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Heading):
            lines.append(f"## {block.text}")
        elif isinstance(block, BulletList):
            lines.extend(f"- {item}" for item in block.items)
        elif isinstance(block, PullQuote):
            lines.append(f"> [!PULLQUOTE] {block.text} — {block.attribution}")
        elif isinstance(block, BlockQuote):
            lines.extend(f"> {text}" for text in block.paragraphs)
    return lines
