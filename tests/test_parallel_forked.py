"""news_core.forked: half a batch in a forked copy of this process, results and log lines as if done here."""

from __future__ import annotations

import logging
import os
import sys

import pytest

from support import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from news_core.forked import map_on_two_cores  # noqa: E402

HERE = os.getpid()
log = logging.getLogger("news_parallel.test")


def item_and_process(item):
    return item, os.getpid()


def test_the_second_half_runs_in_another_process_and_order_is_kept():
    results = [result.get() for result in map_on_two_cores(item_and_process, range(10))]
    assert [item for item, _ in results] == list(range(10))
    assert {pid for _, pid in results[:5]} == {HERE}
    assert len({pid for _, pid in results[5:]}) == 1 and results[5][1] != HERE


def test_below_the_smallest_batch_or_when_off_everything_runs_here():
    for items, smallest in ((range(4), 5), (range(40), None)):
        assert {pid for _, pid in (result.get() for result in map_on_two_cores(item_and_process, items, smallest))} == {
            HERE
        }


def fail_on_seven(item):
    if item == 7:
        raise ValueError(f"item {item} is broken")
    return item


def test_an_item_error_in_the_copy_is_raised_where_its_result_is_taken():
    results = map_on_two_cores(fail_on_seven, range(10))
    assert [result.get() for index, result in enumerate(results) if index != 7] == [0, 1, 2, 3, 4, 5, 6, 8, 9]
    with pytest.raises(ValueError, match="item 7 is broken"):
        results[7].get()


class Unpicklable(Exception):
    def __init__(self, detail, lock):
        super().__init__(detail)
        self.lock = lock  # a thread lock never pickles

    def __reduce__(self):
        raise TypeError("cannot pickle")


def fail_unpicklably(item):
    import threading

    if item == 9:
        raise Unpicklable("the template broke", threading.Lock())
    return item


def test_an_error_that_cannot_travel_arrives_as_its_text():
    results = map_on_two_cores(fail_unpicklably, range(10))
    with pytest.raises(RuntimeError, match="Unpicklable: the template broke"):
        results[9].get()


def log_about(item):
    log.warning("looked at item %d in %s", item, "the copy" if os.getpid() != HERE else "here")
    return item


def test_log_lines_from_the_copy_are_handled_here_once_when_the_result_is_taken(caplog):
    with caplog.at_level(logging.WARNING, logger="news_parallel.test"):
        results = map_on_two_cores(log_about, range(6))
        assert [record.getMessage() for record in caplog.records] == [f"looked at item {n} in here" for n in range(3)]
        for result in results:
            result.get()
        for result in results:
            result.get()  # taking a result again does not log again
    assert [record.getMessage() for record in caplog.records] == (
        [f"looked at item {n} in here" for n in range(3)] + [f"looked at item {n} in the copy" for n in range(3, 6)]
    )
    assert {record.levelno for record in caplog.records} == {logging.WARNING}


def die_in_the_copy(item):
    if os.getpid() != HERE:
        os._exit(3)  # as if killed, or out of memory
    return item * 2


def test_a_copy_that_dies_leaves_its_half_to_this_process(caplog):
    with caplog.at_level(logging.WARNING, logger="news_parallel"):
        results = [result.get() for result in map_on_two_cores(die_in_the_copy, range(8))]
    assert results == [item * 2 for item in range(8)]
    assert any(
        "second process ended without its results (exit status 3" in record.getMessage() for record in caplog.records
    )


def slow(item):
    import time

    time.sleep(30)
    return item


def test_a_worker_whose_results_are_never_taken_does_not_outlive_it():
    from news_core.forked import ForkedWorker

    worker = ForkedWorker(slow, [1, 2])
    pid = worker.pid
    del worker  # the build stopped before taking the results
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already stopped and reaped


@pytest.mark.parametrize("value", ["fifty", 2.5, None, True])
def test_a_smallest_batch_that_is_not_a_whole_number_means_one_process_and_says_so(value, caplog):
    from news_pelican.parallel import two_core_threshold

    with caplog.at_level(logging.WARNING, logger="news_parallel"):
        assert two_core_threshold({"PLUGINS": ["news_parallel"], "NEWS_PARALLEL_MIN_ITEMS": value}) is None
    assert "NEWS_PARALLEL_MIN_ITEMS must be a whole number" in caplog.text


def test_the_second_core_is_used_only_when_the_plugin_is_listed_and_on():
    from news_pelican.parallel import two_core_threshold

    assert two_core_threshold({"PLUGINS": ["news_parallel"], "NEWS_PARALLEL_MIN_ITEMS": 10}) == 10
    assert two_core_threshold({"PLUGINS": ["news_import"], "NEWS_PARALLEL_MIN_ITEMS": 10}) is None
    assert two_core_threshold({"PLUGINS": ["news_parallel"], "NEWS_PARALLEL": False}) is None


def test_work_in_its_own_process_gives_its_value_and_log_lines_back(caplog):
    from news_core.forked import in_own_process

    def work():
        log.warning("worked in %s", "the copy" if os.getpid() != HERE else "here")
        return os.getpid()

    with caplog.at_level(logging.WARNING, logger="news_parallel"):
        assert in_own_process(work) != HERE
        assert in_own_process(work, enabled=False) == HERE
    assert [record.getMessage() for record in caplog.records] == ["worked in the copy", "worked in here"]


def test_work_whose_process_dies_is_done_here():
    from news_core.forked import in_own_process

    assert in_own_process(lambda: die_in_the_copy(21)) == 42
