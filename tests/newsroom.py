"""The edits an editor makes to a project copy, each choosing its article (or photo) at random: the random
edit sequences of tests/test_build_edit_sequences.py (`invoke build`) and tests/test_devserver_rebuild.py (the
dev server) draw from it."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

from PIL import Image


class Newsroom:
    """A project copy and the edits an editor makes to it, each choosing its article (or photo) at random."""

    def __init__(self, project: Path, rng: random.Random):
        self.project, self.rng = project, rng
        self.content = project / "content"
        self.restore_after_build: list[tuple[Path, str]] = []

    def _markdown(self) -> Path:
        return self.rng.choice(sorted((self.content / "articles").glob("*.md")))

    def _replace(self, path: Path, pattern: str, new: str) -> bool:
        text = path.read_text(encoding="utf-8")
        changed, count = re.subn(pattern, new, text, count=1, flags=re.M)
        path.write_text(changed, encoding="utf-8")
        return bool(count)

    def _photo(self, name: str, colour: int) -> str:
        folder = self.content / "images"
        folder.mkdir(exist_ok=True)
        if not (folder / name).exists():
            Image.new("RGB", (900, 600), (colour, 60, 160)).save(folder / name, quality=80)
        return name

    def body(self) -> str:
        path = self._markdown()
        _, front_matter, body = path.read_text(encoding="utf-8").split("---\n", 2)
        sentence = f" Officials repeated figure {self.rng.randint(0, 999)} on Tuesday."
        body = re.sub(r"^(\w.*\.)$", lambda line: line[1] + sentence, body, count=1, flags=re.M)
        path.write_text(f"---\n{front_matter}---\n{body}", encoding="utf-8")
        return f"body of {path.name}"

    def long_body(self) -> str:
        path = self._markdown()
        with open(path, "a", encoding="utf-8") as markdown:
            markdown.write("\n" + "The talks went on into the night and resumed at dawn. " * 150 + "\n")
        return f"a long passage (reading time) in {path.name}"

    def raw_body(self) -> str:
        raw = self.rng.choice(sorted((self.content / "raw").glob("*.txt")))
        raw.chmod(0o644)
        lines = raw.read_text(encoding="utf-8").split("\n")
        long_lines = [at for at, line in enumerate(lines) if len(line) > 80]
        if not long_lines:
            return f"no paragraph in {raw.name}"
        lines[self.rng.choice(long_lines)] += f" Rescuers counted {self.rng.randint(2, 999)} boats."
        raw.write_text("\n".join(lines), encoding="utf-8")
        return f"body of raw {raw.name}"

    def headline(self) -> str:
        path = self._markdown()
        self._replace(path, r"^title: (.*)$", rf"title: Update {self.rng.randint(0, 99)} - \1")
        return f"headline of {path.name}"

    def standfirst(self) -> str:
        path = self._markdown()
        self._replace(path, r"^standfirst: (.*)$", r"standfirst: Talks resumed. \1")
        return f"standfirst of {path.name}"

    def date(self) -> str:
        path = self._markdown()
        day = f"20{self.rng.randint(12, 24)}-0{self.rng.randint(1, 9)}-1{self.rng.randint(0, 9)}"
        self._replace(path, r"^date: .*$", f"date: '{day}'")
        return f"date of {path.name}"

    def tag(self) -> str:
        path, tag = self._markdown(), self.rng.choice(["elections", "floods", "economy"])
        if not self._replace(path, r"^tags: \[\]$", f"tags:\n- {tag}"):
            self._replace(path, r"^tags:\n", f"tags:\n- {tag}-2\n")
        return f"tag {tag} on {path.name}"

    def slug(self) -> str:
        path = self._markdown()
        self._replace(path, r"^slug: (.*)$", rf"slug: \1-{self.rng.randint(0, 99)}")
        return f"slug of {path.name} (a new URL)"

    def status(self) -> str:
        path = self._markdown()
        if self._replace(path, r"^status: .*\n", ""):
            return f"{path.name} published again"
        status = self.rng.choice(["draft", "hidden"])
        self._replace(path, r"^(date: .*)$", rf"\1\nstatus: {status}")
        return f"{path.name} made {status}"

    def new_article(self) -> str:
        number = self.rng.randint(0, 10**6)
        (self.content / "raw" / f"zz_{number}.txt").write_text(
            f"Rescuers reach valley {number}\n\nJune 3, 2021\n\nRescuers reached the valley on Thursday.\n\n"
            "Boats carried families to safety.\n",
            encoding="utf-8",
        )
        return f"new raw article zz_{number}"

    def deleted_article(self) -> str:
        path = self._markdown()
        path.unlink()
        (self.content / "raw" / f"{path.stem}.txt").unlink(missing_ok=True)
        return f"{path.name} and its raw article deleted"

    def deleted_markdown(self) -> str:
        path = self._markdown()
        path.unlink()
        return f"{path.name} deleted (imported again from its raw article)"

    def touched(self) -> str:
        path = self._markdown()
        os.utime(path)
        return f"{path.name} saved unchanged"

    def hero_photo(self) -> str:
        path, number = self._markdown(), self.rng.randint(0, 3)
        if not self._replace(path, r"^  image: ''$", f"  image: hero{number}.jpg"):
            return f"no empty hero in {path.name}"
        self._photo(f"hero{number}.jpg", 40 * number)
        return f"hero photo hero{number}.jpg for {path.name}"

    def figure(self) -> str:
        path, number = self._markdown(), self.rng.randint(0, 3)
        name = self._photo(f"figure{number}.jpg", 200 - 40 * number)
        with open(path, "a", encoding="utf-8") as markdown:
            markdown.write(f"\n> [!FIGURE] {name}\n> Alt: The quay {number}\n> Caption: Boats\n> Credit: Agency/X\n")
        return f"figure {name} in {path.name}"

    def figure_removed(self) -> str:
        articles = sorted((self.content / "articles").glob("*.md"))
        for path in self.rng.sample(articles, k=min(3, len(articles))):
            text = path.read_text(encoding="utf-8")
            without = re.sub(r"\n> \[!FIGURE\] figure\d\.jpg\n(> .*\n)+", "\n", text, count=1)
            if without != text:
                path.write_text(without, encoding="utf-8")
                return f"a figure taken out of {path.name}"
        return "no figure to take out"

    def photo_deleted(self) -> str:
        photos = sorted((self.content / "images").glob("*.jpg")) if (self.content / "images").is_dir() else []
        if not photos:
            return "no photo to delete"
        photo = self.rng.choice(photos)
        photo.unlink()
        return f"photo {photo.name} deleted"

    def page(self) -> str:
        path = self.content / "pages" / "about.md"
        if self.rng.random() < 0.5:
            with open(path, "a", encoding="utf-8") as markdown:
                markdown.write(f"\nWrite to us, desk {self.rng.randint(0, 99)}.\n")
            return "body of the About page"
        self._replace(path, r"^[Tt]itle: (.*)$", rf"title: \1 {self.rng.randint(0, 9)}")
        return "title of the About page"

    def broken_front_matter(self) -> str:
        """A YAML mistake: that article fails, the rest builds; it is put right before the next step."""
        path = self._markdown()
        text = path.read_text(encoding="utf-8")
        self.restore_after_build.append((path, text))
        path.write_text(text.replace("---\n", "---\ntitle: [unclosed\n", 1), encoding="utf-8")
        return f"a YAML mistake in {path.name}"

    EDITS = (
        "body",
        "body",
        "raw_body",
        "long_body",
        "headline",
        "standfirst",
        "date",
        "tag",
        "slug",
        "status",
        "new_article",
        "deleted_article",
        "deleted_markdown",
        "touched",
        "hero_photo",
        "figure",
        "figure_removed",
        "photo_deleted",
        "page",
        "broken_front_matter",
    )

    def edit(self) -> list[str]:
        return [getattr(self, self.rng.choice(self.EDITS))() for _ in range(self.rng.randint(1, 2))]


def content_stamps(content: Path) -> dict[Path, tuple[int, int]]:
    """Every file under `content` with its modification time and size, to tell which files an edit touched."""
    return {path: (path.stat().st_mtime_ns, path.stat().st_size) for path in content.rglob("*") if path.is_file()}


def touched_files(before: dict, after: dict) -> list[Path]:
    """The files that came, went or changed between two content_stamps(), as a file watcher reports them."""
    return sorted(
        before.keys() ^ after.keys() | {path for path in after.keys() & before.keys() if after[path] != before[path]}
    )
