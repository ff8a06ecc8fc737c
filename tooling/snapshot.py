"""The finished site of the last build, kept for the next one: a body edit then skips Pelican's generators.

A build runs Pelican's generators and every plugin hook over all articles before it can write one page (3.5 s
at 10,000 articles, 0.4 s at 1,000). When an edit changed only the bodies of some articles (what their reader
gives besides the rendered body, and the static files they link to, as before), that work would give the last
build's finished site again, but for those bodies: `invoke build` (tooling.build) then takes the kept site,
puts the new bodies in, and goes on as after the generators (the plan of pages to write, the plugins'
`all_generators_finalized` and `finalized` hooks, the search index). The site is kept pickled flat: every
article, page and static file once, every reference from one to another (previous/next, related, the
context's lists) by its number, so a chain of 10,000 previous/next links never recurses. With it go the
bodies and, per article, what its reader gave that a body edit is checked against (AS_READ): a build that
takes it then never loads Pelican's reader cache (82 MB, 0.45 s at 10,000 articles, most of it the
metadata's small objects), and reads this instead in 0.4 s rather than 0.25 s without the bodies (90 MB,
67 MB of it bodies; the build's peak memory 318 MiB instead of 367). A forked copy of the build writes it, at
the lowest priority, while the build goes on; a build that took it appends only the bodies it put in
(edits_path()). It is used only by the build recorded with the same token (tooling.buildstate), else ignored.
The dev server keeps one of its own (PREVIEW_SNAPSHOT_NAME, its token in memory: tooling.rebuild), so a save
in the preview never costs `invoke build` its kept site, nor the other way round.
"""

from __future__ import annotations

import gc
import io
import logging
import os
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tooling.build import process_alive
from tooling.rebuild import _CONTENT_LISTS, READER_RESULTS

SNAPSHOT_NAME = "finished-site.pickle"
PREVIEW_SNAPSHOT_NAME = "preview-finished-site.pickle"
AS_READ = "as_read"  # source path -> as_read() of its reader cache entry
# What the generators hold of the site, as Pelican 4.11-4.12 names it; the rest (readers, env, settings) each
# build makes again.
GENERATOR_FIELDS = (*_CONTENT_LISTS, "dates", "tags", "categories", "authors", "staticfiles")

# What Pelican makes of a file's modification time (DEFAULT_DATE = "fs"): it moves with every save.
FILE_TIME_FIELDS = ("modified", "locale_modified")
# Derived from the body, like tooling.rebuild.BODY_ONLY_METADATA, and read by templates alone (no plugin hook
# reads it while the generators run), so it is put in with the body; unlike those, list pages show it (a
# card's "4 min read"), so the plan then writes them too. A paragraph added or cut often moves it.
SHOWN_FROM_THE_BODY = ("reading_time",)

logger = logging.getLogger(__name__)


def snapshot_path(cache: Path, name: str = SNAPSHOT_NAME) -> Path:
    return cache / "news_cache" / name


def contents_of(generators) -> list:
    """Every article, page and static file the generators and their context hold, once."""
    return _contents(generators, generators[0].context) if generators else []


def _contents(generators, context) -> list:
    from pelican.contents import Content

    found: dict[int, object] = {}
    for generator in generators:
        for name in GENERATOR_FIELDS:
            value = getattr(generator, name, None)
            items = value if isinstance(value, list) else []
            for item in items:
                if isinstance(item, Content):
                    found.setdefault(id(item), item)
    for key in ("generated_content", "static_content"):
        for item in (context.get(key) or {}).values():
            if isinstance(item, Content):
                found.setdefault(id(item), item)
    return list(found.values())


class _Flat(pickle.Pickler):
    def __init__(self, stream, settings, context, index):
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self._settings, self._context, self._index = settings, context, index

    def persistent_id(self, obj):
        if obj is self._settings:
            return "settings"
        if obj is self._context:
            return "context"
        return self._index.get(id(obj))


class _Unflat(pickle.Unpickler):
    def __init__(self, stream, settings, context):
        super().__init__(stream)
        self._settings, self._context = settings, context
        self.objects: list = []

    def persistent_load(self, pid):
        if pid == "settings":
            return self._settings
        if pid == "context":
            return self._context
        return self.objects[pid]


def as_read(entry) -> tuple:
    """What a body edit is checked against, and repeat_summaries() sums, of an article as its reader gave it
    (a reader cache entry: (stamp, (body, metadata))): a digest of its metadata but for the values the body
    gives, its hero, its figures without a photo."""
    from tooling.buildstate import digest, stable
    from tooling.rebuild import BODY_ONLY_METADATA

    metadata = entry[1][1]
    put_in = BODY_ONLY_METADATA.union(SHOWN_FROM_THE_BODY)
    beyond_the_body = {key: value for key, value in metadata.items() if key not in put_in}
    return digest(stable(beyond_the_body)), metadata.get("hero"), metadata.get("figures_without_photo", [])


def dump(stream, generators, settings: dict, token: str) -> None:
    """The finished site into `stream`: the contents' classes, their attributes, the generators' lists, the
    context's own entries (not those it copied from the settings) and each article's AS_READ."""
    context = generators[0].context
    contents = _contents(generators, context)
    index = {id(content): number for number, content in enumerate(contents)}
    pickler = _Flat(stream, settings, context, index)
    pickler.dump({"token": token, "classes": [type(content) for content in contents]})
    for content in contents:
        pickler.dump(content.__dict__)  # one at a time, each reference to a content by its number
    entries = _articles_and_reader_cache(generators)[1] or {}
    pickler.dump(
        {
            "generators": [
                {name: getattr(generator, name) for name in GENERATOR_FIELDS if hasattr(generator, name)}
                for generator in generators
            ],
            "context": {
                key: value for key, value in context.items() if not (key in settings and settings[key] is value)
            },
            AS_READ: {source: as_read(entry) for source, entry in entries.items()},
        }
    )


def save_in_background(path: Path, generators, settings: dict, token: str) -> None:
    """dump() in a forked copy of this process, written beside `path` and renamed: the build goes on meanwhile,
    and a copy killed half-way leaves no snapshot, never half of one."""
    if not hasattr(os, "fork"):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # or the copy would inherit, and print again, what is buffered now
    gc.freeze()  # the copy's collections would touch, and so copy, every page of this process
    pid = os.fork()
    if pid == 0:
        try:
            os.nice(19)  # the build, and the Pagefind it runs next, come first: this copy takes what they leave
            # Nothing to say, and the caller's pipes must close when the build ends, not when this copy does.
            quiet = os.open(os.devnull, os.O_RDWR)
            for descriptor in (0, 1, 2):
                os.dup2(quiet, descriptor)
            temporary = path.with_name(f".{path.name}.{os.getpid()}")
            with open(temporary, "wb") as stream:
                dump(stream, generators, settings, token)
            os.replace(temporary, path)
        finally:
            os._exit(0)
    gc.unfreeze()
    _reap_later(pid)


_children: list[int] = []


def _reap_later(pid: int) -> None:
    """Forget finished copies; a build process that ends before its copy leaves it to init."""
    _children.append(pid)
    for child in list(_children):
        try:
            done, _ = os.waitpid(child, os.WNOHANG)
        except ChildProcessError:
            done = child
        if done:
            _children.remove(child)


def _wait_for_writers(path: Path, most: float = 5.0) -> None:
    """The last build's copy may still be writing the snapshot (it goes on after that build ended, at the
    lowest priority): wait for it, at most `most` seconds, rather than build without it."""
    deadline = time.monotonic() + most
    for temporary in path.parent.glob(f".{path.name}.*"):
        pid = temporary.name.rsplit(".", 1)[-1]
        while pid.isdigit() and process_alive(int(pid)) and temporary.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        if pid.isdigit() and not process_alive(int(pid)):
            temporary.unlink(missing_ok=True)  # a copy killed while it wrote


def _articles_and_reader_cache(generators):
    """(the articles' generator, its reader cache: source path -> (stamp, (rendered body, metadata as the
    reader gave them))), Pelican's or the dev server's (READER_RESULTS); (None, None) when there is no such
    generator or this Pelican keeps its cache otherwise."""
    from news_pelican import gaps

    articles = next((generator for generator in generators if hasattr(generator, "articles")), None)
    readers = getattr(articles, "readers", None)
    kept = getattr(readers, READER_RESULTS, None)  # the dev server's, kept in its memory
    if kept is not None:
        return articles, kept
    cache = gaps.reader_cache(readers) if articles is not None else None
    return (articles, cache[0]) if cache is not None else (None, None)


@dataclass
class ReadAhead:
    """A kept site read back before this build's settings and context exist (tooling.build reads it while the
    edited raw articles are imported in a forked copy): its references to the settings and the context are
    to the two dicts here, which the build then adopts as its own (`settings` filled and given to Pelican,
    `context` given to run_planned)."""

    settings: dict
    context: dict
    objects: list
    rest: dict


def read_ahead(path: Path, token: str, settings: dict | None = None, context: dict | None = None) -> ReadAhead | None:
    """The contents, the generators' lists and the context's entries kept at `path` for `token`, or None;
    references to the settings and the context become `settings` and `context` (default: new empty dicts)."""
    settings = {} if settings is None else settings
    context = {} if context is None else context
    _wait_for_writers(path)
    try:
        # read as a stream, not whole first: the bodies make it 90 MB at 10,000 articles (a snapshot replaced
        # meanwhile by a later build's copy is renamed over this one: the open file stays this one)
        with open(path, "rb") as stream:
            unpickler = _Unflat(stream, settings, context)
            header = unpickler.load()
            unpickler.objects = [cls.__new__(cls) for cls in header["classes"]]
            for content in unpickler.objects:
                content.__dict__.update(unpickler.load())
            rest = unpickler.load()
        rest.setdefault(AS_READ, {})
        reached = _replay_edits(
            edits_path(path), unpickler.objects, settings, context, header["token"], token, rest[AS_READ]
        )
    except OSError:
        return None
    except Exception as error:  # noqa: BLE001 - an unreadable snapshot only means the full path
        logger.debug("tooling.snapshot: %s unreadable: %s", path, error)
        return None
    if reached != token:
        return None
    return ReadAhead(settings, context, unpickler.objects, rest)


def edits_path(path: Path) -> Path:
    """Where the bodies later builds put in are recorded: `finished-site-edits.pickle` beside
    `finished-site.pickle`."""
    return path.with_name(f"{path.stem}-edits{path.suffix}")


def _replay_edits(path: Path, objects: list, settings: dict, context: dict, start: str, wanted: str, read: dict) -> str:
    """Apply to `objects` the bodies later builds put in (records appended to `path`: from token, to token,
    the contents they changed and their AS_READ, put into `read`), from the kept site's token `start` up to
    `wanted`; the token reached. A record cut off by a killed build ends the chain there."""
    reached = start
    if reached == wanted:
        return reached
    try:
        data = path.read_bytes()
    except OSError:
        return reached
    stream = io.BytesIO(data)
    while reached != wanted and stream.tell() < len(data):
        unpickler = _Unflat(stream, settings, context)
        unpickler.objects = objects
        try:
            record = unpickler.load()
        except Exception:  # noqa: BLE001 - the end of what a killed build wrote
            break
        if record["from"] != reached:
            continue
        for number, attributes in record["contents"].items():
            objects[number].__dict__.clear()
            objects[number].__dict__.update(attributes)
        read.update(record.get(AS_READ) or {})
        reached = record["to"]
    return reached


def append_edits(
    path: Path, objects: list, changed: list, read: dict, settings: dict, context: dict, start: str, token: str
):
    """Record that the build `token` took the site kept for `start` with the contents `changed` (of `objects`;
    `read`: every article's AS_READ, theirs included) finished anew: a few kilobytes instead of the whole site
    written again."""
    index = {id(content): number for number, content in enumerate(objects)}
    stream = io.BytesIO()
    _Flat(stream, settings, context, index).dump(
        {
            "from": start,
            "to": token,
            "contents": {index[id(content)]: content.__dict__ for content in changed},
            AS_READ: {content.source_path: read[content.source_path] for content in changed},
        }
    )
    with open(edits_path(path), "ab") as edits:
        edits.write(stream.getvalue())


def keep(path: Path, generators, settings: dict, token: str, start: str = "", kept_now: list | None = None) -> None:
    """Keep the site as this build finished it at `path`, for `token`: when it took the site kept for `start`
    (`kept_now` as apply_body_edits() set it), only the bodies it put in are appended; otherwise the whole site,
    written by a forked copy."""
    if kept_now:
        objects, changed, read = kept_now
        append_edits(path, objects, changed, read, settings, generators[0].context, start, token)
    else:
        forget_edits(path)
        save_in_background(path, generators, settings, token)


def forget_edits(path: Path) -> None:
    """A whole site is about to be kept: the records of edits to the last one no longer apply."""
    edits_path(path).unlink(missing_ok=True)


def apply_body_edits(
    generators,
    path: Path,
    settings: dict,
    token: str,
    edited: list[str],
    kept_now: list,
    ahead: ReadAhead | None = None,
) -> bool:
    """Put the finished site kept at `path` into `generators`, with the articles `edited` (paths under PATH)
    read again, when each of them changed in its body alone: what its reader gives besides the rendered body
    (every front-matter value but those derived from the body, BODY_ONLY_METADATA and SHOWN_FROM_THE_BODY)
    is as its reader gave it for the kept site (its AS_READ), and so are the static files its body links to.
    Their own pages, and the list pages when what those show of them changed, are then the only ones a full
    build could render differently, and tooling.incremental's plan finds them as it does after the
    generators. The reader cache need not be loaded: only the edited articles are read. False, with the
    generators untouched, when any of that does not hold or nothing was kept for `token`; True, with
    `kept_now` set to [every kept content, the edited ones, every article's AS_READ] for append_edits() and
    repeat_summaries()."""

    articles, entries = _articles_and_reader_cache(generators)
    if articles is None or not edited:
        return False
    context = articles.context
    if ahead is None or ahead.settings is not settings or ahead.context is not context:
        ahead = read_ahead(path, token, settings, context)
    if ahead is None:
        return False
    if _put_in(generators, articles, entries, ahead, edited, kept_now):
        return True
    for content in ahead.objects:  # each refers to others: without this they would wait for a collection,
        content.__dict__.clear()  # which a build puts off (tooling.build.fewer_collections), bodies and all
    return False


def _put_in(generators, articles, entries: dict, ahead: ReadAhead, edited: list[str], kept_now: list) -> bool:
    """apply_body_edits() once the kept site is read."""
    from pelican import signals
    from pelican.contents import Article

    from tooling.rebuild import BODY_ONLY_METADATA

    context = articles.context
    objects, rest = ahead.objects, ahead.rest
    if len(rest["generators"]) != len(generators):
        return False
    known = rest["context"].get("generated_content") or {}
    read = rest[AS_READ]
    fresh = []
    for name in edited:
        old = known.get(name)
        if not isinstance(old, Article):
            return False
        before = read.get(old.source_path)
        try:
            new = articles.readers.read_file(
                base_path=articles.path,
                path=name,
                content_class=Article,
                context=context,
                # no article_generator_preread: it says Pelican's generators are reading the articles
                # (news_parallel then looks over all of them for the unread), and here they do not
                context_signal=signals.article_generator_context,
                context_sender=articles,
            )
        except Exception:  # noqa: BLE001 - the full path reads it again and reports why
            return False
        after = entries.get(old.source_path)
        if before is None or after is None or not isinstance(new, Article):
            return False
        if (
            as_read(after)[0] != before[0]
            or getattr(old, "date", None) != getattr(new, "date", None)
            or _static_links(old) != _static_links(new)
        ):
            return False
        fresh.append((old, new))
    for generator, fields in zip(generators, rest["generators"]):
        for name, value in fields.items():
            setattr(generator, name, value)
    context.update(rest["context"])
    for old, new in fresh:
        old._content = new._content
        # what the body and the file's own time give (DEFAULT_DATE = "fs" fills `modified` from the file)
        for key in (*BODY_ONLY_METADATA, *SHOWN_FROM_THE_BODY, *FILE_TIME_FIELDS):
            if key in new.metadata:
                old.metadata[key] = new.metadata[key]
            else:
                old.metadata.pop(key, None)
            if key in new.__dict__:
                setattr(old, key, new.__dict__[key])
            elif key in old.__dict__:
                delattr(old, key)
    read.update((old.source_path, as_read(entries[old.source_path])) for old, _ in fresh)
    kept_now[:] = [objects, [old for old, _ in fresh], read]
    return True


def _static_links(content) -> set:
    links = getattr(content, "get_static_links", None)
    return set(links()) if callable(links) else set()


def repeat_summaries(generators, settings: dict, read: dict) -> None:
    """What plugins sum up over every article while the generators run, said again when the finished site came
    from the last build: news_theme's count of figures without a photo (and its list in CACHE_PATH), from the
    articles as their reader gave them (`read`: source path -> AS_READ; before typesetting; before news_images
    drops a hero whose file is unusable), as news_theme counts them."""
    if "news_theme" not in (settings.get("PLUGINS") or []) or not settings.get("NEWS_THEME_WARN_MISSING_IMAGES"):
        return
    from types import SimpleNamespace

    from news_theme.missing_images import warn_missing_images

    articles = next((generator for generator in generators if hasattr(generator, "articles")), None)
    if articles is None:
        return
    summed = []
    for article in articles.articles:
        entry = read.get(article.source_path)
        hero, figures = (
            entry[1:]
            if entry is not None
            else (article.metadata.get("hero"), article.metadata.get("figures_without_photo", []))
        )
        summed.append(SimpleNamespace(source_path=article.source_path, hero=hero, figures_without_photo=figures))
    warn_missing_images(summed, settings["PATH"], settings["CACHE_PATH"], logging.getLogger("news_theme"))
