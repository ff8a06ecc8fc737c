"""tasks.py: the task list matches the README, builds report failures and are deterministic, publish checks."""

from __future__ import annotations

import json
import re
import sys

import pytest

from support import ROOT, copy_project, invoke

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

sys.path.insert(0, str(ROOT))
from tooling.build import BUILD_STATUS  # noqa: E402
from tooling.publish import checked_output, rsync_command  # noqa: E402

BROKEN_FRONT_MATTER = "---\ntitle: [unclosed\n---\n\nBody.\n"


def _readme_tasks() -> set[str]:
    section = ROOT.joinpath("README.md").read_text().split("\n## Tasks\n", 1)[1].split("\n## ", 1)[0]
    return {match.group(1) for match in re.finditer(r"^\| `([a-z-]+)[^`]*` \|", section, re.MULTILINE)}


def test_invoke_list_and_the_readme_name_the_same_tasks():
    listed = json.loads(invoke(ROOT, "--list", "--list-format=json").stdout)
    tasks = {entry["name"] for entry in listed["tasks"]}
    assert {
        "clean",
        "import",
        "build",
        "rebuild",
        "regenerate",
        "serve",
        "reserve",
        "preview",
        "livereload",
        "publish",
        "gh-pages",
    } <= tasks
    assert tasks == _readme_tasks()


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("broken"))
    (project / "content" / "articles" / "broken.md").write_text(BROKEN_FRONT_MATTER)
    return project


def test_a_broken_article_fails_the_build_at_the_end_and_the_rest_is_built(broken_project):
    result = invoke(broken_project, "build", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"^error: articles/broken\.md:\d+: front matter is not valid YAML", result.stderr, re.MULTILINE), (
        output
    )
    assert "build: 1 error(s) (listed above); the rest of the site was built" in result.stderr
    assert "Traceback" not in output
    seed = broken_project / "output" / "2020" / "08" / "russia-ready-to-ensure-security-in-belarus" / "index.html"
    assert seed.is_file()
    status = json.loads((broken_project / "output" / BUILD_STATUS).read_text())
    assert status == {"complete": True, "errors": 1, "settings": "pelicanconf.py"}


def test_clean_removes_the_output(tmp_path):
    project = copy_project(tmp_path / "site")
    invoke(project, "build")
    assert (project / "output" / "index.html").is_file()
    invoke(project, "clean")
    assert not (project / "output").exists()


def test_two_production_builds_are_byte_identical(tmp_path):
    project = copy_project(tmp_path / "site")
    invoke(project, "preview")
    first = {
        path.relative_to(project / "output"): path.read_bytes()
        for path in (project / "output").rglob("*")
        if path.is_file()
    }
    invoke(project, "preview")
    second = {
        path.relative_to(project / "output"): path.read_bytes()
        for path in (project / "output").rglob("*")
        if path.is_file()
    }
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert any(str(name).startswith("feeds/") for name in first), "the production build writes feeds"


@pytest.mark.parametrize(
    "status, message",
    [
        (None, "holds no finished build"),
        ({"complete": False, "errors": 0, "settings": "publishconf.py"}, "holds no finished build"),
        ({"complete": True, "errors": 2, "settings": "publishconf.py"}, "had 2 error(s)"),
        ({"complete": True, "errors": 0, "settings": "pelicanconf.py"}, "was built with pelicanconf.py"),
    ],
)
def test_publish_refuses_an_output_that_is_not_a_clean_finished_build(tmp_path, status, message):
    (tmp_path / "index.html").write_text("<p>site</p>")
    if status is not None:
        (tmp_path / BUILD_STATUS).write_text(json.dumps(status))
    with pytest.raises(SystemExit) as refused:
        checked_output(tmp_path, "publishconf.py")
    assert message in str(refused.value) and "nothing was uploaded" in str(refused.value)


def test_publish_accepts_a_clean_finished_build(tmp_path):
    (tmp_path / BUILD_STATUS).write_text(json.dumps({"complete": True, "errors": 0, "settings": "publishconf.py"}))
    assert checked_output(tmp_path, "publishconf.py") == tmp_path


def test_rsync_uploads_the_contents_with_deletes_and_without_the_status_file(tmp_path):
    config = {
        "ssh_command": "ssh -i key",
        "ssh_port": 2222,
        "ssh_user": "deploy",
        "ssh_host": "example.org",
        "ssh_path": "/var/www/site/",
    }
    command = rsync_command(tmp_path, config)
    assert command[:3] == ["rsync", "-e", "ssh -i key -p 2222"]
    assert "--delete" in command and f"--exclude=/{BUILD_STATUS}" in command
    assert command[-2:] == [f"{tmp_path}/", "deploy@example.org:/var/www/site/"]
