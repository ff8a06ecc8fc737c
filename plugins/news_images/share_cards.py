"""A share card per article: its spec and URL (`article.share_image`), drawn on the other cores while Pelican
writes the pages, when the cache does not have it yet."""

from __future__ import annotations

import dataclasses
import os
import posixpath
from pathlib import Path

from .card import WIDTH as CARD_WIDTH
from .card import CardSpec
from .derivatives import Derivative
from .library import PhotoLibrary
from .typefaces import face_for, missing_from_shipped

# Set on each article: what its card was made from, the card and its URL. An article object that already
# carries it (one of the finished site a build keeps for the next, tooling/snapshot.py) is given the same card
# again without its spec and URL being worked out anew: at 10,000 articles that is 0.35 s of a body edit.
CARD_MEMO = "_news_images_card"


def _card_inputs(article) -> tuple:
    """What an article's card and its URL are made from, besides the settings: a card is made again when one
    of these differs. Its URL follows from the same metadata (Pelican formats it from the article's fields)."""
    hero = getattr(article, "hero", None)
    image = str(hero.get("image") or "") if isinstance(hero, dict) else ""
    return (
        str(getattr(article, "title", "") or ""),
        image,
        getattr(article, "date", None),
        str(getattr(article, "lang", "") or ""),
        str(getattr(article, "slug", "") or ""),
        str(getattr(article, "source_path", "") or ""),
    )


def _card_settings(library: PhotoLibrary) -> tuple:
    settings = library.settings
    return tuple(
        repr(settings.get(name))
        for name in (
            "SITENAME",
            "DEFAULT_LANG",
            "NEWS_IMAGES_CARD_BACKGROUND",
            "NEWS_IMAGES_CARD_ACCENT",
            "NEWS_IMAGES_CARD_FALLBACK_FONTS",
            "NEWS_IMAGES_SHARE_CARD_NAME",
            "ARTICLE_SAVE_AS",
            "ARTICLE_LANG_SAVE_AS",
        )
    ) + (str(library.cache_dir),)


def card_url(article, file_name: str) -> str:
    """Next to the article's page: `2020/08/slug/index.html` -> `2020/08/slug/share-card.jpg`
    (`slug.html` -> `slug.share-card.jpg`, so flat URL schemes do not collide)."""
    folder, page = posixpath.split(str(article.save_as).replace("\\", "/"))
    if page not in ("index.html", "index.htm"):
        file_name = f"{posixpath.splitext(page)[0]}.{file_name}"
    return posixpath.join(folder, file_name)


def card_source(derivatives: list[Derivative]) -> Derivative:
    """The cached JPEG the card is drawn from: the narrowest at least 1200 px wide (else the widest), already
    upright and sRGB, so a card never decodes a 24-megapixel original again."""
    jpegs = sorted((d for d in derivatives if d.format == "jpeg"), key=lambda d: d.width)
    return next((d for d in jpegs if d.width >= CARD_WIDTH), jpegs[-1])


def _date_text(article) -> str:
    date = getattr(article, "date", None)
    return f"{date.day} {date:%B %Y}" if date else ""


def card_spec(article, library: PhotoLibrary) -> CardSpec:
    settings = library.settings
    hero = getattr(article, "hero", None)
    photo, sha256 = None, ""
    if isinstance(hero, dict) and hero.get("image"):
        path, entry = library.resolve(str(hero["image"]), article.source_path)
        if path is not None:
            source = card_source(library.derivatives_of(path, entry))
            photo, sha256 = str(library.cache_dir / source.cache_name), source.key
    title, site = str(getattr(article, "title", "") or ""), str(settings.get("SITENAME") or "")
    lang = str(getattr(article, "lang", "") or settings.get("DEFAULT_LANG") or "")
    fallbacks = settings.get("NEWS_IMAGES_CARD_FALLBACK_FONTS")
    title_face = face_for(title or site, "bold", lang, fallbacks)
    footer_face = face_for(site, "regular", lang, fallbacks)
    if title_face is None:
        library.cards_without_headline.append((_name(article, library), missing_from_shipped(title or site)))
    return CardSpec(
        title=title or site,
        site=site,
        date=_date_text(article),
        photo=photo,
        photo_sha256=sha256,
        background=settings["NEWS_IMAGES_CARD_BACKGROUND"],
        accent=settings["NEWS_IMAGES_CARD_ACCENT"],
        title_font=title_face.path if title_face else "",
        title_face=title_face.index if title_face else 0,
        footer_font=footer_face.path if footer_face else "",
        footer_face=footer_face.index if footer_face else 0,
    )


def _name(article, library: PhotoLibrary) -> str:
    source = Path(getattr(article, "source_path", "") or "")
    try:
        return source.resolve().relative_to(library.content).as_posix()
    except (ValueError, OSError):
        return source.name or str(getattr(article, "title", ""))


def warn_cards_without_headline(library: PhotoLibrary) -> None:
    """Once per build, however many cards: no font here has their headline's characters."""
    missing = library.cards_without_headline
    if not missing:
        return
    characters = "".join(dict.fromkeys("".join(chars for _, chars in missing)))[:12]
    first = missing[0][0] + (f" and {len(missing) - 1} more" if len(missing) > 1 else "")
    library.warn(
        f"{first}: share card drawn without its headline: no font installed here has {characters!r}. "
        "Install one that does (Debian/Ubuntu: apt install fonts-noto-cjk) or name it in "
        "NEWS_IMAGES_CARD_FALLBACK_FONTS"
    )


class CardsInProgress:
    """Cards being drawn on the other cores while Pelican writes the pages; `finish()` waits for them."""

    def __init__(self, jobs: list[tuple], pending):
        self.jobs, self.pending = jobs, pending

    def finish(self, library: PhotoLibrary) -> None:
        from .card import write_card
        from .pool import JobFailed

        for (spec, cached, max_pixels), note in zip(self.jobs, self.pending.results()):
            if isinstance(note, JobFailed):
                # The pages already link to this card: draw it plainly here rather than leave a broken link.
                library.warn(f"{spec.title}: share card failed ({note.message}); drawn without its photo")
                try:
                    write_card(dataclasses.replace(spec, photo=None), cached, max_pixels)
                except Exception as error:  # noqa: BLE001 - the build goes on; the warning names the card
                    library.warn(f"{spec.title}: share card not drawn ({type(error).__name__}: {error})")
            elif note:
                library.warn(f"{spec.title}: {note}")
        library.extra_outputs = {
            target: cached for target, cached in library.extra_outputs.items() if os.path.isfile(cached)
        }


def make_share_cards(articles: list, library: PhotoLibrary, output_path: str) -> CardsInProgress | None:
    """Set `share_image` on every article and start drawing the cards the cache lacks (in the background:
    call `finish()` on the result before `library.write`)."""
    cards_dir = library.cache_dir / "cards"
    file_name = library.settings["NEWS_IMAGES_SHARE_CARD_NAME"]
    jobs, seen = [], set()
    library.cards_without_headline = []
    settings_key = _card_settings(library)
    for article in articles:
        inputs = (settings_key, *_card_inputs(article))
        memo = getattr(article, CARD_MEMO, None)
        if (
            memo is not None
            and memo[0] == inputs
            and getattr(article, "share_image", "") == memo[2]
            and os.path.isfile(memo[1])
        ):  # an article of a kept finished site, whose card the last build made
            library.extra_outputs[os.path.join(output_path, memo[2])] = memo[1]  # strings: 10,000 of them
            library.cards_without_headline.extend(memo[3:])
            library.stats["cards_reused"] += 1
            continue
        missing_before = len(library.cards_without_headline)
        spec = card_spec(article, library)
        cached = cards_dir / f"{spec.key()}.jpg"
        article.share_image = card_url(article, file_name)
        library.extra_outputs[os.path.join(output_path, article.share_image)] = str(cached)
        missing = library.cards_without_headline[missing_before:]
        setattr(article, CARD_MEMO, (inputs, str(cached), article.share_image, *missing))
        if cached.is_file():
            library.stats["cards_reused"] += 1
        elif cached not in seen:
            seen.add(cached)
            jobs.append((spec, str(cached), library.recipe.max_pixels))
    library.stats["cards_drawn"] = len(jobs)
    warn_cards_without_headline(library)
    if not jobs:
        return None
    from .card import write_card  # Pillow and multiprocessing load only when a card must be drawn
    from .pool import start_all

    processes = library.settings.get("NEWS_IMAGES_PROCESSES") or os.cpu_count() or 1
    chunk = max(1, min(50, len(jobs) // (processes * 4)))  # a card takes milliseconds: batch them
    return CardsInProgress(jobs, start_all(write_card, jobs, processes, chunk_size=chunk))
