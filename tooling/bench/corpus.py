"""A deterministic corpus of news-like articles, as raw dumps (our input) and as plain Pelican Markdown.

`generate(n, seed)` returns the same N articles for the same seed on every machine: one `random.Random`
drives every choice, nothing reads the clock or the environment. Each article varies in length (~2-10 KB),
headings, lists, figures (glued captions too), pull-quote-worthy speech, "Read more" lines, sign-offs,
update notes and navigation cruft, so the importer and the renderer do their real work. The Markdown twin
carries the same text with Pelican's own `Key: value` metadata, for the plain-Pelican baseline.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

PLACES = (
    "Minsk",
    "Lagos",
    "Lima",
    "Hanoi",
    "Nairobi",
    "Bogota",
    "Tbilisi",
    "Dhaka",
    "Quito",
    "Accra",
    "Riga",
    "Manila",
    "Tunis",
    "Santiago",
    "Yerevan",
    "Kampala",
    "Almaty",
    "Lisbon",
    "Oslo",
    "Jakarta",
)
SUBJECTS = (
    "Protesters",
    "Farmers",
    "Doctors",
    "Teachers",
    "Ministers",
    "Students",
    "Rescuers",
    "Pilots",
    "Fishermen",
    "Voters",
    "Judges",
    "Miners",
    "Nurses",
    "Scientists",
    "Lawmakers",
    "Workers",
)
VERBS = ("demand", "reject", "welcome", "question", "block", "debate", "back", "oppose", "weigh", "await")
PAST_VERBS = (
    "demanded",
    "rejected",
    "welcomed",
    "questioned",
    "blocked",
    "debated",
    "backed",
    "opposed",
    "weighed",
    "awaited",
)
OBJECTS = (
    "new tax rules",
    "flood relief",
    "the election result",
    "a border deal",
    "fuel prices",
    "the water plan",
    "a climate bill",
    "rail strikes",
    "press freedom",
    "the budget cut",
    "vaccine supplies",
    "a mining permit",
    "school reforms",
    "power cuts",
    "the trade pact",
)
NAMES = (
    "Anna Petrova",
    "Kwame Mensah",
    "Lucia Romero",
    "Tran Van Minh",
    "Grace Wanjiru",
    "Diego Alvarez",
    "Nino Beridze",
    "Rahim Chowdhury",
    "Sofia Lindqvist",
    "Ahmed Ben Salah",
    "Maria Santos",
    "Oleg Ivanov",
)
ROLES = (
    "an analyst at the Institute for Regional Studies",
    "a spokesperson for the ministry",
    "a local journalist",
    "the head of the union",
    "an opposition lawmaker",
    "a professor of economics",
)
AGENCIES = ("AP", "AFP", "Reuters", "dpa", "epd", "KNA", "EFE", "ANSA")
PHOTO_CREDITS = (
    "Reuters/M. Guchek",
    "picture-alliance/dpa/V. Sharifulin",
    "AP Photo/S. Kim",
    "AFP/Getty Images",
    "DW/A. Novak",
    "Imago/Xinhua",
    "picture alliance/ZUMAPRESS",
)
HEADINGS = (
    "What happened",
    "Why it matters",
    "Reactions abroad",
    "A long history",
    "What comes next",
    "Ongoing protests",
    "Economic fallout",
    "The numbers",
    "Who is affected?",
    "Voices from the street",
    "Government response",
    "Calls for dialogue",
)
FILLER = (
    "officials said",
    "according to local media",
    "in a statement on Monday",
    "for the third day running",
    "despite heavy rain",
    "as talks continued",
    "in the capital",
    "across the region",
    "after weeks of tension",
    "under growing pressure",
)
CRUFT = (
    "1. Skip to content",
    "  2. Skip to main menu",
    "  3. Skip to more DW sites",
    "Share",
    "Print",
    "To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SIGN_OFF_INITIALS = ("kmm", "mm", "aw", "rt", "jsi", "nm", "dj", "ls", "sri", "ed")


@dataclass(frozen=True)
class CorpusArticle:
    name: str  # file stem, shared by the raw dump and its Markdown twin
    raw: str  # the dump in the seed's format (content/raw/NAME.txt)
    markdown: str  # the same article as plain Pelican Markdown (Key: value metadata)


@dataclass
class _Draft:
    """What both renderings of one article share."""

    title: str
    date: dt.date
    standfirst: str
    hero: tuple[str, str] | None  # (alt, credit)
    # ("p", text), ("h", heading), ("ul", items), ("fig", alt, caption, credit), ("more", related title)
    blocks: list[tuple]
    authors: list[str]
    agencies: list[str]
    editor: str | None
    update_note: str | None


def generate(n: int, seed: int = 7) -> list[CorpusArticle]:
    """N articles, identical for the same (n, seed); the first k of a larger corpus are the smaller one."""
    rng = random.Random(seed)
    taken: set[str] = set()
    articles = []
    for index in range(n):
        draft = _draft(rng, index, taken)
        name = f"{index:05d}_{rng.getrandbits(32):08x}"
        articles.append(CorpusArticle(name, _raw(rng, draft), _markdown(draft)))
    return articles


def write(directory: Path, articles: list[CorpusArticle]) -> tuple[Path, Path]:
    """Write raw dumps to DIR/raw/ and the Markdown twins to DIR/markdown/; returns both folders."""
    raw_dir, markdown_dir = directory / "raw", directory / "markdown"
    raw_dir.mkdir(parents=True, exist_ok=True)
    markdown_dir.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (raw_dir / f"{article.name}.txt").write_text(article.raw, encoding="utf-8")
        (markdown_dir / f"{article.name}.md").write_text(article.markdown, encoding="utf-8")
    return raw_dir, markdown_dir


def _title(rng: random.Random, taken: set[str], place: str | None = None) -> str:
    while True:
        title = f"{rng.choice(SUBJECTS)} in {place or rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        if rng.random() < 0.3:
            title += f" as {rng.choice(FILLER)}"
        if title.lower() not in taken:
            taken.add(title.lower())
            return title


def _sentence(rng: random.Random, place: str) -> str:
    subject = rng.choice(SUBJECTS)
    words = [subject, rng.choice(PAST_VERBS), rng.choice(OBJECTS), "in", place, rng.choice(FILLER)]
    if rng.random() < 0.4:
        words += ["while", rng.choice(SUBJECTS).lower(), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.2:
        words += [f"and at least {rng.randint(2, 9000):,} people", rng.choice(("joined", "left", "waited"))]
    return " ".join(words) + "."


def _paragraph(rng: random.Random, place: str) -> str:
    return " ".join(_sentence(rng, place) for _ in range(rng.randint(2, 5)))


def _speech(rng: random.Random, place: str) -> str:
    """Attributed direct speech of 8-30 words: what the importer suggests as a pull quote."""
    quote = " ".join(_sentence(rng, place).rstrip(".").split()[: rng.randint(9, 20)])
    name = rng.choice(NAMES)
    return f'"{quote}," said {name}, {rng.choice(ROLES)}.'


def _figure(rng: random.Random, place: str) -> tuple[str, str, str]:
    alt = f"{rng.choice(SUBJECTS)} gather near a square in {place}"
    caption = rng.choice((alt, f"Crowds in {place} {rng.choice(FILLER)}"))
    return alt, caption, rng.choice(PHOTO_CREDITS)


def _draft(rng: random.Random, index: int, taken: set[str]) -> _Draft:
    place = rng.choice(PLACES)
    title = _title(rng, taken, place if rng.random() < 0.9 else None)
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    hero = _figure(rng, place)[::2] if rng.random() < 0.8 else None  # (alt, credit)
    blocks: list[tuple] = []
    for section in range(rng.randint(2, 7)):
        if section:
            blocks.append(("h", rng.choice(HEADINGS)))
        for _ in range(rng.randint(3, 7)):
            roll = rng.random()
            if roll < 0.15:
                blocks.append(("p", _speech(rng, place)))
            elif roll < 0.22:
                blocks.append(("ul", [_sentence(rng, place).rstrip(".") for _ in range(rng.randint(2, 5))]))
            elif roll < 0.30:
                blocks.append(("fig", *_figure(rng, place)))
            elif roll < 0.35:
                blocks.append(("more", _title(rng, set())))
            else:
                blocks.append(("p", _paragraph(rng, place)))
    authors = rng.sample(SIGN_OFF_INITIALS, rng.randint(1, 2)) if rng.random() < 0.85 else []
    agencies = rng.sample(AGENCIES, rng.randint(1, 4)) if authors and rng.random() < 0.8 else []
    editor = rng.choice(NAMES) if rng.random() < 0.3 else None
    update = "This is an updated version of a previous article" if rng.random() < 0.15 else None
    return _Draft(title, date, _paragraph(rng, place), hero, blocks, authors, agencies, editor, update)


def _raw_date(rng: random.Random, date: dt.date) -> str:
    month = MONTHS[date.month - 1]
    return rng.choice(
        (
            f"{month} {date.day}, {date.year}",
            f"{date.day} {month} {date.year}",
            date.isoformat(),
            f"{date.day:02d}.{date.month:02d}.{date.year}",
        )
    )


def _raw(rng: random.Random, draft: _Draft) -> str:
    lines = list(CRUFT[:3]) + [""] if rng.random() < 0.6 else []
    lines += [draft.title, "", _raw_date(rng, draft.date), "", draft.standfirst, ""]
    if draft.hero:
        lines += [draft.hero[0], f"Image: {draft.hero[1]}", ""]
    for block in draft.blocks:
        kind = block[0]
        if kind in ("p", "h"):
            lines += [block[1], ""]
        elif kind == "ul":
            lines += [f"  * {item}" for item in block[1]] + [""]
        elif kind == "fig":
            _, alt, caption, credit = block
            if rng.random() < 0.5:  # a caption glued to its credit, as copied from the page
                lines += [alt, f"{caption}Image: {credit}", ""]
            else:
                lines += [alt, f"Image: {credit}", ""]
        elif kind == "more":
            lines += [rng.choice(("Read more: ", "Read more")) + block[1], ""]
        if rng.random() < 0.03:
            lines += [rng.choice(CRUFT[3:]), ""]
    if draft.update_note:
        lines += [draft.update_note, ""]
    if draft.authors:
        agencies = f" ({', '.join(draft.agencies)})" if draft.agencies else ""
        lines += ["/".join(draft.authors) + agencies, ""]
    if draft.editor:
        lines += [f"Edited by: {draft.editor}", ""]
    return "\n".join(lines)


def _markdown(draft: _Draft) -> str:
    """Pelican's own metadata block, the same paragraphs, headings, lists; figures as quoted captions."""
    meta = [f"Title: {draft.title}", f"Date: {draft.date.isoformat()}", f"Summary: {draft.standfirst}"]
    if draft.authors:
        meta.append(f"Authors: {', '.join(draft.authors)}")
    body = []
    if draft.hero:
        body.append(f"> {draft.hero[0]}  \n> Image: {draft.hero[1]}")
    for block in draft.blocks:
        kind = block[0]
        if kind == "p":
            body.append(block[1])
        elif kind == "h":
            body.append(f"## {block[1]}")
        elif kind == "ul":
            body.append("\n".join(f"- {item}" for item in block[1]))
        elif kind == "fig":
            body.append(f"> {block[1]}  \n> {block[2]}  \n> Image: {block[3]}")
        elif kind == "more":
            body.append(f"*Read more: {block[1]}*")
    if draft.update_note:
        body.append(f"*{draft.update_note}*")
    if draft.authors:
        body.append("/".join(draft.authors) + (f" ({', '.join(draft.agencies)})" if draft.agencies else ""))
    return "\n".join(meta) + "\n\n" + "\n\n".join(body) + "\n"
