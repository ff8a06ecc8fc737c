"""Who signed an article: sign-off initials (`kmm`) mapped to a person by the NEWS_AUTHORS setting.

    NEWS_AUTHORS = {"kmm": {"name": "Kate Martin", "role": "Europe correspondent"}, "mm": "Max Muster"}

Initials stay the author's key (and the author page's URL, so adding a name never moves a page); the name
is what readers see. Unknown initials are shown as they are.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    initials: str
    name: str  # the initials when NEWS_AUTHORS does not know them
    role: str = ""


def people_setting(value, setting: str = "NEWS_AUTHORS") -> tuple[dict[str, dict], list[str]]:
    """The setting in one shape, {initials: {"name", "role"}}, and one message per entry that is unusable."""
    if not value:
        return {}, []
    if not isinstance(value, dict):
        return {}, [f"setting {setting}: expected a mapping of initials to people, got {type(value).__name__}"]
    people, problems = {}, []
    for initials, entry in value.items():
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
            problems.append(f'setting {setting}: {initials!r}: expected a name or {{"name": ..., "role": ...}}')
            continue
        people[str(initials)] = {"name": str(entry["name"]).strip(), "role": str(entry.get("role") or "").strip()}
    return people, problems


def person(author, people: dict) -> Person:
    """The person behind an author (a Pelican Author or plain initials)."""
    initials = str(getattr(author, "name", author) or "")
    entry = people.get(initials) or people.get(initials.casefold()) or {}
    if not isinstance(entry, dict):  # the setting as written, not yet normalised
        entry = {"name": str(entry)}
    return Person(initials, entry.get("name") or initials, entry.get("role") or "")
