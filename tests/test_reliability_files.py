"""Every file a build publishes is readable by a web server running as another user: atomic writes give the mode
a plain write gives (0644 under a 022 umask, not mkstemp's 0600), and nginx with unprivileged workers serves
the built site with every photo, derivative and share card loading in Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from PIL import Image

import news_core.files as news_files
from conftest import require
from news_images.files import place_file
from support import copy_project, free_port

pytestmark = [
    pytest.mark.build,
    pytest.mark.server,
    pytest.mark.browser,
]  # pytest -m "not build and not browser and not server": the fast unit tests

PHOTO_ARTICLE = """---
title: Boats return to the harbour
date: 2020-08-22
standfirst: The fishing fleet came back on Saturday.
hero:
  alt: Boats in the harbour
  caption: The fleet at noon
  credit: Test/A. Photographer
  image: harbour.jpg
slug: boats-return
---

The fleet came back at noon.

> [!FIGURE] quay.png
> Alt: The quay at dusk
> Caption: The quay, emptied
> Credit: Test/B. Photographer
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_of_a_plain_write(tmp_path, umask, expected):
    previous = os.umask(umask)
    news_files.umask.cache_clear()
    try:
        news_files.atomic_write(tmp_path / "card.jpg", b"jpeg")
        with open(tmp_path / "plain.jpg", "wb") as plain:
            plain.write(b"jpeg")
    finally:
        os.umask(previous)
        news_files.umask.cache_clear()
    assert _mode(tmp_path / "card.jpg") == _mode(tmp_path / "plain.jpg") == expected


def test_a_rewrite_keeps_the_files_mode_as_a_plain_write_does(tmp_path):
    target = tmp_path / "article.md"
    target.write_text("first")
    target.chmod(0o640)
    news_files.atomic_write(target, "second")
    assert target.read_text() == "second" and _mode(target) == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["article.md"]


def test_a_private_file_left_in_the_cache_by_an_old_version_is_published_readable(tmp_path):
    cached = tmp_path / "cache" / "street-800.jpg"
    cached.parent.mkdir()
    cached.write_bytes(b"jpeg")
    cached.chmod(0o600)  # what mkstemp made of every derivative before
    target = tmp_path / "output" / "images" / "street-800.jpg"
    assert place_file(cached, target)
    assert _mode(target) == news_files.default_file_mode() and target.stat().st_mode & stat.S_IROTH


def test_placing_a_cached_file_links_it_once_and_replaces_another_file(tmp_path):
    cached = tmp_path / "cache" / "card.jpg"
    cached.parent.mkdir()
    cached.write_bytes(b"card, drawn")
    target = tmp_path / "output" / "2026" / "03" / "floods" / "share-card.jpg"
    assert place_file(cached, target)  # its folders made
    assert target.samefile(cached)
    assert not place_file(cached, target)  # already there: nothing done
    target.unlink()
    target.write_bytes(b"an older card")  # another file, of another size
    assert place_file(cached, target)
    assert target.samefile(cached) and target.read_bytes() == b"card, drawn"


@pytest.fixture(scope="module")
def public_site():
    """A site with photos built under a folder every user may enter (pytest's own folders are 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="news-public-"))
    folder.chmod(0o755)
    project = copy_project(folder / "site")
    (project / "content" / "articles" / "boats.md").write_text(PHOTO_ARTICLE, encoding="utf-8")
    images = project / "content" / "images"
    images.mkdir()
    Image.new("RGB", (1800, 1200), (30, 90, 140)).save(images / "harbour.jpg", quality=85)
    Image.new("RGB", (1000, 700), (140, 90, 30)).save(images / "quay.png")
    extra = project / "content" / "extra"
    extra.mkdir()
    (extra / "statement.pdf").write_bytes(b"%PDF-1.4 a statement")
    (extra / "statement.pdf").chmod(0o600)  # saved private: published readable all the same (Pelican copies, not copy2)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0o022),
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    yield project / "output"
    shutil.rmtree(folder, ignore_errors=True)


def test_every_published_file_and_folder_is_readable_by_everyone(public_site):
    unreadable = [
        path.relative_to(public_site).as_posix()
        for path in [public_site, *public_site.rglob("*")]
        if not (path.stat().st_mode & (stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0)))
    ]
    assert unreadable == []
    assert list(public_site.glob("images/harbour-*.jpg")) and list(public_site.rglob("share-card.jpg"))
    assert (public_site / "extra" / "statement.pdf").is_file()


@pytest.fixture(scope="module")
def nginx_as_nobody(public_site, tmp_path_factory):
    """nginx serving the site with its workers as `nobody` (when started as root, as on CI and here)."""
    require("/usr/sbin/nginx", "the site is served by a real web server")
    folder = Path(tempfile.mkdtemp(prefix="news-nginx-"))
    port = free_port()
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(f"""{user}worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"};
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder / "access.log"};
{temp}
    server {{
        listen 127.0.0.1:{port};
        root {public_site};
    }}
}}
""")
    process = subprocess.Popen(
        [
            "/usr/sbin/nginx",
            "-p",
            str(folder),
            "-c",
            str(folder / "nginx.conf"),
            "-e",
            str(folder / "error.log"),
            "-g",
            "daemon off;",
        ]
    )
    deadline = time.monotonic() + 10
    while not _listening(port):
        assert process.poll() is None and time.monotonic() < deadline, (folder / "error.log").read_text()
        time.sleep(0.05)
    if user:
        workers = subprocess.run(["ps", "-o", "user=", "--ppid", str(process.pid)], capture_output=True, text=True)
        assert set(workers.stdout.split()) == {"nobody"}
    yield f"http://127.0.0.1:{port}"
    process.send_signal(signal.SIGQUIT)
    process.wait(timeout=10)
    shutil.rmtree(folder, ignore_errors=True)


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_nginx_with_unprivileged_workers_serves_every_photo_to_chromium(nginx_as_nobody, page):
    failed = []
    page.on(
        "response",
        lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None,
    )
    page.goto(f"{nginx_as_nobody}/2020/08/boats-return/", wait_until="load")
    assert page.title(), "the page itself is served"
    images = page.eval_on_selector_all("img", "els => els.map(img => [img.currentSrc, img.complete, img.naturalWidth])")
    assert len(images) == 2 and all(complete and width > 0 for _, complete, width in images), images
    candidates = page.eval_on_selector_all(
        "source[srcset], img[srcset]", "els => els.flatMap(el => el.srcset.split(',').map(c => c.trim().split(' ')[0]))"
    )
    card = page.get_attribute("meta[property='og:image']", "content")
    urls = sorted(set(candidates) | {card})
    assert len(urls) > 10
    for url in urls:  # every width and format the browser may pick, and the share card
        response = page.request.get(url if url.startswith("http") else f"{nginx_as_nobody}{url}")
        assert response.status == 200 and response.headers["content-type"].startswith("image/"), url
    assert failed == []
