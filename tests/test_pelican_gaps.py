"""The Pelican internals our work-arounds rely on (news_pelican.gaps) exist in the installed Pelican: an upgrade
that renames one fails here, naming it, before any build misbehaves."""

from __future__ import annotations

from news_pelican import gaps


def test_every_internal_the_work_arounds_use_exists_in_this_pelican():
    assert gaps.missing_internals() == []


def test_a_renamed_internal_is_named(monkeypatch):
    monkeypatch.setattr(gaps, "INTERNALS", gaps.INTERNALS + (("a renamed attribute", "Writer._files_written"),))
    assert gaps.missing_internals() == ["Writer._files_written"]
