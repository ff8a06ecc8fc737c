"""`invoke publish` to a real OpenSSH server, served by nginx at / and under a sub-path; `invoke gh-pages`."""

from __future__ import annotations

import getpass
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import require
from support import copy_project, free_port, invoke

pytestmark = [
    pytest.mark.build,
    pytest.mark.server,
]  # pytest -m "not build and not browser and not server": the fast unit tests

SEED_PATH = "2020/08/russia-ready-to-ensure-security-in-belarus/"
LINKCHECKER_CONFIG = """[checking]
maxrequestspersecond=1000
threads=10
[filtering]
checkextern=0
"""


def _wait_for_port(port: int, process: subprocess.Popen, what: str, log: Path | None = None) -> None:
    import socket

    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"{what} exited {process.returncode}: {log.read_text() if log and log.exists() else ''}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail(f"{what} did not listen on 127.0.0.1:{port}")


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    """A throwaway OpenSSH server on 127.0.0.1 that accepts one key made here; yields the deploy environment."""
    require("/usr/sbin/sshd", "publish uploads over SSH")
    require("rsync", "publish uploads with rsync")
    folder = tmp_path_factory.mktemp("sshd")
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)], check=True)
    shutil.copy(folder / "client_key.pub", folder / "authorized_keys")
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {folder / 'host_key'}",
                f"AuthorizedKeysFile {folder / 'authorized_keys'}",
                f"PidFile {folder / 'sshd.pid'}",
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "",
                "",
            ]
        )
    )
    Path("/run/sshd").mkdir(exist_ok=True)  # privilege separation directory sshd insists on
    log = folder / "sshd.log"
    process = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(config)], stderr=open(log, "w"))
    _wait_for_port(port, process, "sshd", log)
    ssh = (
        f"ssh -i {folder / 'client_key'} -o IdentitiesOnly=yes -o BatchMode=yes "
        f"-o UserKnownHostsFile={folder / 'known_hosts'} -o StrictHostKeyChecking=accept-new"
    )
    yield {
        "DEPLOY_SSH_HOST": "127.0.0.1",
        "DEPLOY_SSH_PORT": str(port),
        "DEPLOY_SSH_USER": getpass.getuser(),
        "DEPLOY_SSH_COMMAND": ssh,
    }
    process.terminate()
    process.wait(timeout=10)


def _nginx_config(folder: Path, port: int, location: str, published: Path) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the pytest folders (mode 0700)
    temp = "\n".join(
        f"    {name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    where = f"root {published};" if location == "/" else f"alias {published}/;"
    return f"""{user}worker_processes 1;
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
        add_header LinkChecker 1 always;
        location {location} {{ {where} }}
    }}
}}
"""


@pytest.fixture(scope="module")
def nginx_sites(tmp_path_factory):
    """Starts nginx serving a folder at `location` on a free port; every instance is stopped at the end."""
    require("/usr/sbin/nginx", "the published site is served by a real web server")
    processes = []

    def start(published: Path, location: str, port: int) -> None:
        folder = tmp_path_factory.mktemp("nginx")
        (folder / "nginx.conf").write_text(_nginx_config(folder, port, location, published))
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
        processes.append(process)
        _wait_for_port(port, process, "nginx", folder / "error.log")

    yield start
    for process in processes:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=10)


def _publish(project: Path, sshd: dict, destination: Path, site_url: str, check: bool = True):
    env = {**sshd, "DEPLOY_SSH_PATH": str(destination), "SITEURL": site_url}
    return invoke(project, "publish", env=env, check=check)


def _linkcheck(url: str) -> subprocess.CompletedProcess:
    linkchecker = shutil.which("linkchecker", path=str(Path(sys.executable).parent)) or "linkchecker"
    require(linkchecker, "every link of the published site is followed")
    # Run as root, LinkChecker switches to user nobody: its config must sit in a world-readable folder.
    folder = Path(tempfile.mkdtemp(prefix="linkchecker-"))
    try:
        folder.chmod(0o755)
        config = folder / "linkcheckerrc"
        config.write_text(LINKCHECKER_CONFIG)
        config.chmod(0o644)
        return subprocess.run(
            [linkchecker, "--config", str(config), "--no-status", url],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=folder,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The seed site with a hero photo, so image URLs are published and checked too."""
    from PIL import Image

    project = copy_project(tmp_path_factory.mktemp("publish"))
    (project / "content" / "images").mkdir()
    Image.new("RGB", (960, 640), (40, 90, 140)).save(project / "content" / "images" / "lukashenko.jpg", quality=80)
    markdown = project / "content" / "articles" / "000_2050e4f5686eda9e.md"
    text = markdown.read_text()
    assert "  image: ''\n" in text
    markdown.write_text(text.replace("  image: ''\n", "  image: lukashenko.jpg\n", 1))
    return project


@pytest.mark.parametrize("location", ["/", "/explainers/"])
def test_published_site_works_at_the_root_and_under_a_sub_path(
    project, sshd, nginx_sites, browser, tmp_path_factory, location
):
    destination = tmp_path_factory.mktemp("www") / "site"
    destination.mkdir()
    port = free_port()  # reserved now so the site can be built with its final address
    site_url = f"http://127.0.0.1:{port}{location.rstrip('/')}"
    result = _publish(project, sshd, destination, site_url)
    assert (destination / SEED_PATH / "index.html").is_file(), result.stdout + result.stderr
    assert not (destination / ".build-status.json").exists(), "the build status file is not published"

    # Same-site URLs are under the site's address: none points at the host's root, outside the sub-path
    # (relative ones are followed by LinkChecker below).
    for html in destination.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(), "html.parser")
        for tag, attribute in (
            ("a", "href"),
            ("link", "href"),
            ("img", "src"),
            ("script", "src"),
            ("source", "srcset"),
        ):
            for element in soup.find_all(tag):
                value = (element.get(attribute) or "").split(" ")[0]
                if value.startswith("http://127.0.0.1"):
                    assert value.startswith(site_url + "/"), f"{html.relative_to(destination)}: {value}"
                elif value.startswith("/") and not value.startswith("//"):
                    pytest.fail(f"{html.relative_to(destination)}: root-relative URL {value!r} in a published page")

    nginx_sites(destination, location, port)  # the port was reserved before the build, to build with its URL
    links = _linkcheck(f"{site_url}/")
    assert links.returncode == 0, links.stdout + links.stderr
    checked = re.search(r"(\d+) links? in (\d+) URLs? checked\. \d+ warnings? found\. 0 errors found", links.stdout)
    assert checked and int(checked.group(2)) >= 10, links.stdout  # it crawled the site, not one page
    print(checked.group(0))

    page = browser.new_page()
    try:
        failed = []
        page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
        page.goto(f"{site_url}/{SEED_PATH}")
        assert page.locator("h1").inner_text().startswith("Russia ready to")
        stylesheets = page.evaluate("""() => [...document.styleSheets].map(s => [s.href, s.cssRules.length])""")
        assert stylesheets and all(count > 0 for _, count in stylesheets), stylesheets
        assert all(href is None or href.startswith(site_url + "/") for href, _ in stylesheets), stylesheets
        assert failed == []
        hero = page.locator("figure.figure-hero img")
        assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
        assert hero.evaluate("img => img.currentSrc").startswith(site_url + "/images/")
        feed = page.request.get(f"{site_url}/feeds/all.atom.xml")
        assert feed.status == 200 and f"{site_url}/{SEED_PATH}" in feed.text()
    finally:
        page.close()


def test_a_failed_build_changes_neither_output_nor_the_published_site(sshd, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("atomic"))
    destination = tmp_path_factory.mktemp("www-atomic") / "site"
    destination.mkdir()
    _publish(project, sshd, destination, "https://example.org")
    output_before, published_before = _tree(project / "output"), _tree(destination)

    # A template that fails while pages are being written: the build stops halfway through the output.
    page_template = project / "theme" / "templates" / "page.html"
    page_template.write_text(page_template.read_text().replace("{% endblock %}", "{{ 1 // 0 }}{% endblock %}", 1))
    built = invoke(project, "build", check=False)
    assert built.returncode != 0
    assert "ZeroDivisionError" in built.stderr and "Traceback" not in built.stdout + built.stderr
    assert _tree(project / "output") == output_before, "the previous output/ is left as it was"

    published = _publish(project, sshd, destination, "https://example.org", check=False)
    assert published.returncode != 0
    assert "previous output/ was left as it was" in published.stderr
    assert "publish: the build failed, so nothing was uploaded" in published.stderr
    assert _tree(destination) == published_before, "nothing was uploaded"
    assert not list(project.glob(".output*")), "no half-built folder is left behind"


def test_a_killed_build_leaves_the_previous_output(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("killed"))
    invoke(project, "build")
    output_before = _tree(project / "output")
    # A plugin that stalls after the first page is written, so the build can be killed halfway.
    plugin = project / "plugins" / "stall_after_first_page"
    plugin.mkdir()
    (plugin / "__init__.py").write_text(
        "import pathlib, time\nfrom pelican import signals\n\n"
        "def stall(path, context):\n"
        "    pathlib.Path('stalled').touch()\n    time.sleep(120)\n\n"
        "def register():\n    signals.content_written.connect(stall)\n"
    )
    with open(project / "pelicanconf.py", "a") as settings:
        settings.write('\nPLUGINS = PLUGINS + ["stall_after_first_page"]\n')
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "build"], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(600):
        if (project / "stalled").exists() or process.poll() is not None:
            break
        time.sleep(0.05)
    assert (project / "stalled").exists(), "the build reached the writing stage"
    process.kill()
    process.wait()
    assert list(project.glob(".output.building-*")), "the killed build had started its own folder"
    assert _tree(project / "output") == output_before
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text().replace('\nPLUGINS = PLUGINS + ["stall_after_first_page"]\n', ""))
    invoke(project, "build")
    assert not list(project.glob(".output.building-*")), "the next build removes the killed build's folder"


def test_gh_pages_pushes_the_site_with_nojekyll_to_a_bare_repository(tmp_path_factory):
    require("git", "gh-pages commits with git")
    project = copy_project(tmp_path_factory.mktemp("ghpages"))
    bare = tmp_path_factory.mktemp("remote") / "site.git"
    git_env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    subprocess.run(["git", "init", "-q", "."], cwd=project, check=True)
    subprocess.run(["git", "remote", "add", "origin", str(bare)], cwd=project, check=True)
    result = invoke(project, "gh-pages", env={**git_env, "SITEURL": "https://example.github.io/explainers"})
    files = subprocess.run(
        ["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert ".nojekyll" in files and "index.html" in files and f"{SEED_PATH}index.html" in files, result.stdout
    assert ".build-status.json" not in files
    page = subprocess.run(
        ["git", "--git-dir", str(bare), "show", f"gh-pages:{SEED_PATH}index.html"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"https://example.github.io/explainers/{SEED_PATH}" in page


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_publish_refuses_a_build_with_a_failed_article(sshd, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("article-error"))
    destination = tmp_path_factory.mktemp("www-article-error") / "site"
    destination.mkdir()
    (project / "content" / "raw" / "empty.txt").write_text("")
    published = _publish(project, sshd, destination, "https://example.org", check=False)
    assert published.returncode != 0
    assert "error: raw/empty.txt: the file is empty" in published.stderr
    assert "publish: the build failed, so nothing was uploaded" in published.stderr
    assert list(destination.iterdir()) == []
