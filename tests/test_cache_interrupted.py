"""A build killed while Pelican saves its reader cache never stops the builds after it.

Pelican pickles the cache into its file in place, and on loading catches no EOFError: one `invoke build` killed
at that moment made every later build stop with "EOFError: Ran out of input" (seen in CI's kill -9 test).
"""

from __future__ import annotations

import pickle

import pytest
from pelican.readers import Readers
from pelican.settings import read_settings

from news_core.files import replacing
from news_pelican import gaps
from support import copy_project, invoke

SEED_MD = "content/articles/000_2050e4f5686eda9e.md"


def _readers(folder) -> Readers:
    settings = read_settings(
        override={
            "PATH": str(folder),
            "CACHE_PATH": str(folder / "cache"),
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": True,
            "CONTENT_CACHING_LAYER": "reader",
            "GZIP_CACHE": False,
            "PLUGINS": [],
            "TIMEZONE": "UTC",
        }
    )
    readers = Readers(settings, "ArticlesGenerator-Readers")
    gaps.write_reader_cache_atomically(readers, replacing)
    return readers


class _StopsThePickle:
    def __reduce__(self):
        raise pickle.PicklingError("stops halfway, as a kill would")


def test_a_reader_cache_save_that_fails_midway_leaves_the_previous_cache_whole(tmp_path):
    kept, broken = tmp_path / "kept.md", tmp_path / "broken.md"
    kept.write_text("kept", encoding="utf-8")
    broken.write_text("broken", encoding="utf-8")
    readers = _readers(tmp_path)
    readers.cache_data(str(kept), "x" * 300_000)  # several pickle frames: the failing save below writes some
    readers.save_cache()
    saved = (tmp_path / "cache" / "ArticlesGenerator-Readers").read_bytes()

    readers.cache_data(str(broken), _StopsThePickle())
    readers.save_cache()  # Pelican logs a warning and goes on

    assert (tmp_path / "cache" / "ArticlesGenerator-Readers").read_bytes() == saved
    assert _readers(tmp_path).get_cached_data(str(kept)) == "x" * 300_000
    assert sorted(path.name for path in (tmp_path / "cache").iterdir()) == ["ArticlesGenerator-Readers"]  # no temp


@pytest.mark.build
@pytest.mark.parametrize("kept", [0, 0.5], ids=["emptied", "half"])
def test_a_reader_cache_left_unfinished_by_a_killed_run_is_read_afresh(tmp_path, kept):
    """Killed right after opening the file (EOFError on loading, which Pelican does not catch) or halfway."""
    project = copy_project(tmp_path / "site")
    invoke(project, "build")
    cache = project / "cache" / "ArticlesGenerator-Readers"
    whole = cache.read_bytes()
    cache.write_bytes(whole[: int(len(whole) * kept)])
    seed = project / SEED_MD
    seed.write_text(seed.read_text(encoding="utf-8").replace("Thousands arrested", "Thousands held"), "utf-8")

    built = invoke(project, "build", check=False)

    assert built.returncode == 0, built.stdout + built.stderr
    assert "Traceback" not in built.stdout + built.stderr
    assert "Thousands held" in "".join(p.read_text("utf-8") for p in (project / "output").rglob("*.html"))
    # a body edit takes the last build's finished site and reads no other article; the next build whose
    # generators read the articles reads them afresh and writes the cache whole again
    seed.write_text(seed.read_text(encoding="utf-8").replace("title: ", "title: Update - ", 1), "utf-8")
    built = invoke(project, "build", check=False)
    assert built.returncode == 0 and "Traceback" not in built.stdout + built.stderr, built.stdout + built.stderr
    with cache.open("rb") as stream:
        assert pickle.load(stream)
