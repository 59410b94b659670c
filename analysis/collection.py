"""Many articles: the per-article pipeline over a collection, to Parquet, exactly once.

Input is a file, a folder of article files (``.txt``, ``.html``, ``.json`` and
whatever else :mod:`analysis.article` reads), or JSONL with one article a line
(``text`` and optional ``id``, ``title``, ``outlet``, ``date``). Every file is read
by :func:`analysis.article.file_items`, the reader of :func:`~analysis.article.iter_articles`
and the CLI, so the same bytes give the same text and the same ids everywhere.
A folder is listed, never read ahead, and JSONL is split into byte ranges that each
worker reads on its own; only ids are held for the whole input.

Work is cut into batches. A batch writes one hidden part file per table, records
their sizes and SHA-256 checksums in a commit marker, and only then makes them
visible, so an interrupted run keeps every finished batch and a rerun skips the
articles already done::

    OUT/articles/part-*.parquet   one row per article (counts, metadata)
    OUT/quotes/part-*.parquet     analysis.quotes.extract_quotes rows
    OUT/speakers/part-*.parquet   one row per (article, speaker), with the
                                  collection-level ``speaker_id``
    OUT/terms/part-*.parquet      analysis.terms.term_table rows (term counts)
    OUT/errors/part-*.parquet     article, source, stage, reason
    OUT/_speakers_by_article/     speaker rows before cross-article merging
    OUT/_done/part-*.json         commit markers: each part file's size and checksum
    OUT/_inputs.json              the input folders the ids were made from
    OUT/.lock                     held (flock) by the run writing to OUT

The guarantees (each tested in ``tests/test_faults.py``):

- **Exactly once.** An article is analysed into the tables once, whatever stops a
  run (Ctrl-C, SIGTERM, SIGKILL of the run or of a worker, a full disk) and however
  often it is rerun: a rerun skips what committed batches hold (``errors`` rows
  included) and redoes the rest. Workers die with the run (``_parent_watch``).
- **One run at a time.** A run holds an exclusive lock on ``OUT``; a second gets
  :class:`CollectionLockedError`. The lock is the kernel's (``flock``): a run that
  died holds none, and the next run takes over after cleaning what it left. A
  worker of another run that still commits is refused (the lock file names the run).
- **Ids.** An article's id is its path below the input folder named (``a/x`` for
  ``stem/a/x.txt`` given ``stem``; a file given on its own: its stem), or the
  record's ``id`` field, else ``<path>-<n>``. Runs on one ``OUT`` must name the same
  or unrelated folders: a folder inside (or around) one an earlier run read is
  refused, since its articles would get other ids. An id met twice (two records with
  one ``id``) analyses the first; the others are ``errors`` rows.
- **Damaged parts** (truncated, emptied, overwritten) are found by their checksums
  when a run starts: the batch is redone, with one line saying so.
  :func:`load_collection` reads committed batches only and refuses a damaged one.
- **Size and time guard.** An article over ``max_chars`` characters, or whose
  analysis takes over ``article_timeout`` seconds of CPU, is an ``errors`` row.

Every table folder loads straight into pandas (``pd.read_parquet(OUT/"quotes")``);
:func:`load_collection` loads them all, sorted by article.

Two engines run the same batch function: ``local`` (a process pool over all
cores, with a tqdm progress bar) and ``dask`` (a ``dask.bag`` with one partition
per batch, on a ``dask.distributed`` LocalCluster or a scheduler address; the
workers must see the input and output paths).
"""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import gc
import hashlib
import importlib
import json
import os
import signal
import socket
import sys
import tempfile
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from . import article as article_module
from ._gc import paused_gc
from ._parent_watch import die_with_parent
from ._signals import signals_noted
from .article import (
    JSONL_SUFFIXES,
    MAX_ARTICLE_CHARS,
    Article,
    ArticleError,
    article_from_text,
    article_id_of,
    file_items,
    iter_jsonl_articles,
    jsonl_items,
)
from .names import merge_speaker_names
from .tokenize import sentence_spans, token_spans

__all__ = [
    "TABLES",
    "analyze_article",
    "article_records",
    "article_columns",
    "analyze_collection",
    "run_collection",
    "load_collection",
    "merge_speakers",
    "iter_jsonl_articles",
    "CollectionError",
    "CollectionInputError",
    "CollectionLockedError",
    "CollectionDamagedError",
    "DiskFullError",
    "WorkerDiedError",
    "CollectionInterrupted",
]

TABLES = ("articles", "quotes", "speakers", "terms", "errors")
ERROR_COLUMNS = ["article", "source", "stage", "reason"]
DEFAULT_BATCH_SIZE = 100
#: CPU seconds one article's analysis may take in a collection before it is given up
#: as an ``errors`` row (the pipeline takes ~15 ms an article, ~2 s a million characters).
DEFAULT_ARTICLE_TIMEOUT = 120.0
_RAW_SPEAKERS = "_speakers_by_article"
_DONE = "_done"
_INPUTS = "_inputs.json"
_LOCK = ".lock"
_EMPTY_ERRORS = "part-empty"  # so that pd.read_parquet(OUT/"errors") works with no errors
_DUPLICATE_STAGE = "id"  # the stage of the errors rows of articles whose id another holds
_ARTICLE_FIELDS = ("title", "outlet", "date")
ARTICLE_COLUMNS = ["article", *_ARTICLE_FIELDS, "source", "n_chars", "n_paragraphs",
                   "n_sentences", "n_tokens"]


class CollectionError(RuntimeError):
    """A collection run or folder that cannot go on; the message says why and what to do."""

    exit_code = 1


class CollectionInputError(CollectionError):
    """The input is missing, holds no article, or would give ids unlike an earlier run's."""

    exit_code = 2


class CollectionLockedError(CollectionError):
    """Another run is writing to the output folder."""

    exit_code = 2


class CollectionDamagedError(CollectionError):
    """A committed part file no longer matches its checksum."""


class DiskFullError(CollectionError):
    """The disk holding the output folder is full (or the quota reached)."""


class WorkerDiedError(CollectionError):
    """A worker process died (killed, or out of memory) in the middle of a batch."""


class CollectionInterrupted(KeyboardInterrupt):
    """The run was stopped by a signal (SIGTERM); ``signal_number`` says which."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal.Signals(signal_number).name)
        self.signal_number = signal_number


class ArticleTimeoutError(RuntimeError):
    """One article's analysis took longer than the run's ``article_timeout``."""


# ----------------------------------------------------------------------------- one article

def _stage(module: str, function: str):
    """A pipeline function if its module exists yet (stages land one by one)."""
    try:
        found = importlib.import_module(f"analysis.{module}")
    except ModuleNotFoundError as error:
        if error.name != f"analysis.{module}":
            raise
        return None
    return getattr(found, function, None)


def pipeline_stages() -> list[str]:
    """Names of the stages :func:`analyze_article` runs with this installation."""
    stages = ["tokenize"]
    for module, function in (("quotes", "extract_quotes"), ("speakers", "speaker_profiles"),
                             ("terms", "term_table")):
        if _stage(module, function) is not None:
            stages.append(module)
    return stages


def _metadata_value(article: Article, field: str) -> str | None:
    value = article.title if field == "title" else article.metadata.get(field)
    return None if value is None else str(value)


def analyze_article(article: Article) -> dict[str, pd.DataFrame]:
    """Every per-article table of the pipeline for one article.

    Runs the stages that exist in this installation (see :func:`pipeline_stages`):
    sentences and tokens always; quotes, speakers and terms when their modules
    are present.

    Parameters
    ----------
    article : Article

    Returns
    -------
    dict of str to DataFrame
        ``articles`` (one row: article, title, outlet, date, source, n_chars,
        n_paragraphs, n_sentences, n_tokens, and n_quotes, n_speakers, n_terms
        when those stages ran), ``quotes``, ``speakers`` (the speaker profiles
        when :mod:`analysis.speakers` exists, else article, speaker, n_quotes)
        and ``terms`` (article first, then the term table's columns without the
        occurrence spans and per-form counts). Tables of stages that did not run are empty.

    Examples
    --------
    >>> from analysis import load_article
    >>> seed = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> tables = analyze_article(seed)
    >>> int(tables["articles"].loc[0, "n_paragraphs"])
    14
    """
    sentences = sentence_spans(article)
    tokens = token_spans(article, sentences)
    row: dict = {"article": article.id}
    for field in _ARTICLE_FIELDS:
        row[field] = _metadata_value(article, field)
    row.update(source=article.source, n_chars=len(article.text),
               n_paragraphs=len(article.paragraphs), n_sentences=len(sentences),
               n_tokens=len(tokens))
    tables = {"quotes": pd.DataFrame(), "speakers": pd.DataFrame(), "terms": pd.DataFrame()}

    extract_quotes = _stage("quotes", "extract_quotes")
    if extract_quotes is not None:
        # one extraction pass shared by the quote table and the speaker profiles
        attribute = _stage("quotes", "attribute")
        attribution = attribute(article) if attribute is not None else article
        quotes = extract_quotes(attribution)
        if "article" not in quotes.columns:
            quotes.insert(0, "article", article.id)
        tables["quotes"] = quotes
        row["n_quotes"] = len(quotes)
        tables["speakers"] = _article_speakers(article, quotes, attribution)
        row["n_speakers"] = len(tables["speakers"])

    term_table = _stage("terms", "term_table")
    if term_table is not None:
        # occurrence spans and per-form counts stay with the article-level table
        terms = term_table(article).drop(columns=["spans", "forms"], errors="ignore")
        terms.insert(0, "article", article.id)
        tables["terms"] = terms
        row["n_terms"] = len(terms)

    tables["articles"] = pd.DataFrame([row])
    return tables


def _article_speakers(article: Article, quotes: pd.DataFrame, attribution) -> pd.DataFrame:
    """One row per speaker of the article: its profile when :mod:`analysis.speakers`
    exists, else its quote count."""
    speaker_profiles = _stage("speakers", "speaker_profiles")
    if speaker_profiles is not None:
        profiles = speaker_profiles(attribution)
        if "article" not in profiles.columns:
            profiles.insert(0, "article", article.id)
        return profiles
    if "speaker" in quotes.columns and len(quotes):
        named = quotes["speaker"].dropna()
        named = named[named.astype(str).str.strip() != ""]
        counts = named.value_counts(sort=False)
        return pd.DataFrame({"article": article.id, "speaker": counts.index.astype(str),
                             "n_quotes": counts.to_numpy()})
    return pd.DataFrame({"article": pd.Series(dtype=str), "speaker": pd.Series(dtype=str),
                         "n_quotes": pd.Series(dtype="int64")})


def article_columns() -> dict[str, list[str]]:
    """Column names of the rows :func:`article_records` returns, per table."""
    from .quotes import QUOTE_COLUMNS
    from .speakers import PROFILE_COLUMNS
    from .terms import TERM_RECORD_COLUMNS

    return {"articles": [*ARTICLE_COLUMNS, "n_quotes", "n_speakers", "n_terms"],
            "quotes": QUOTE_COLUMNS, "speakers": PROFILE_COLUMNS,
            "terms": ["article", *TERM_RECORD_COLUMNS]}


def article_records(article: Article) -> dict[str, list[tuple]]:
    """The rows of :func:`analyze_article`'s tables as plain tuples (columns
    :func:`article_columns`), so a batch builds each table once, not once an article.

    Each stage's record function is the one its public table is built from
    (:func:`analysis.quotes.quote_records`, :func:`analysis.speakers.profile_records`,
    :func:`analysis.terms.term_records`), and the sentences and tokens are split
    once and shared by every stage (:func:`analysis.tokenize.sentence_spans`).

    Examples
    --------
    >>> from analysis import load_article
    >>> seed = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> records = article_records(seed)
    >>> dict(zip(article_columns()["articles"], records["articles"][0]))["n_paragraphs"]
    14
    """
    records = _article_rows(article)
    records["terms"] = [(article.id, *row) for row in records["terms"]]
    return records


def _article_rows(article: Article) -> dict[str, list[tuple]]:
    """:func:`article_records` with the terms rows still without their leading article
    id: a batch adds that column whole (~500 fewer tuples an article)."""
    from .quotes import attribute, quote_records
    from .speakers import profile_records
    from .terms import term_records

    sentences = sentence_spans(article)
    attribution = attribute(article)  # one extraction pass for quotes and speakers
    quotes = quote_records(attribution)
    speakers = profile_records(attribution)
    terms = term_records(article)
    row = (article.id, *(_metadata_value(article, f) for f in _ARTICLE_FIELDS), article.source,
           len(article.text), len(article.paragraphs), len(sentences),
           len(token_spans(article, sentences)), len(quotes), len(speakers), len(terms))
    return {"articles": [row], "quotes": quotes, "speakers": speakers, "terms": terms}


# ----------------------------------------------------------------------------- input

def _input_files(source: str | Path | Sequence[str | Path]) -> list[tuple[Path, Path]]:
    """``(file, root)`` of every article file named by ``source`` (a file, a folder, or a
    list of either), in order, as absolute paths: ``root`` is the folder the file was
    found in, or the file itself when named on its own (its id is then its stem).

    Raises :class:`CollectionInputError` before anything is written when an input is
    missing, or no file holds anything to read.
    """
    named = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    if not named:
        raise CollectionInputError("no input given: name article files, folders or JSONL files")
    found: list[tuple[Path, Path]] = []
    for item in named:
        if not str(item).strip():  # Path("") is the current folder: never what was meant
            raise CollectionInputError("an input path is empty")
        path = Path(item).expanduser()
        if not path.exists():
            raise CollectionInputError(f"{item}: no such file or folder")
        root = path.resolve()
        if root.is_dir():
            # below the resolved folder, not resolved themselves: a link keeps its path
            found.extend((file, root) for file in article_module._article_files(root))
        else:
            found.append((root, root))
    if not found:
        suffixes = ", ".join(sorted(article_module.SUPPORTED_SUFFIXES))
        raise CollectionInputError(
            f"{', '.join(map(str, named))}: no article files (looked for {suffixes})")
    if not any(_may_hold_articles(file) for file, _ in found):
        raise CollectionInputError(
            f"{', '.join(map(str, named))}: holds no article (every file is empty)")
    return found


def _may_hold_articles(path: Path) -> bool:
    """Whether a file is more than nothing (a JSON Lines file: more than blank lines)."""
    try:
        if path.suffix.lower() not in JSONL_SUFFIXES:
            return path.stat().st_size > 0
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                if block.strip():
                    return True
    except OSError:
        return True  # unreadable: an errors row says why
    return False


def _nested_pair(roots: list[Path], others: list[Path]) -> tuple[Path, Path] | None:
    """A root of ``roots`` and a different one of ``others`` where one is inside the
    other, or None. Looks up each root's ancestors in sets (a run on 10,000 files
    given by name has 10,000 roots: comparing every pair was quadratic)."""
    other_set = set(others)
    inside_of = {}  # an ancestor of some other root -> that root
    for other in others:
        for ancestor in other.parents:
            inside_of.setdefault(ancestor, other)
    for one in roots:
        if one in inside_of:
            return one, inside_of[one]
        for ancestor in one.parents:
            if ancestor in other_set:
                return one, ancestor
    return None


def _record_roots(out: Path, roots: list[Path]) -> None:
    """Refuse input folders that would give a file another id than an earlier run gave
    it (``stem`` then ``stem/a``: ``a/x`` then ``x``), and remember this run's."""
    unique = list(dict.fromkeys(roots))
    if pair := _nested_pair(unique, unique):
        raise CollectionInputError(
            f"{pair[0]} and {pair[1]}: one is inside the other, so their articles would "
            "each get two ids (ids are paths below the folder named); name one of them")
    path = out / _INPUTS
    recorded = [Path(p) for p in json.loads(path.read_text())["roots"]] if path.exists() else []
    this_run = set(unique)
    if pair := _nested_pair(unique, [p for p in recorded if p not in this_run]):
        one, other = pair
        raise CollectionInputError(
            f"{out} holds articles read from {other}, whose ids are their paths below "
            f"it; read from {one}, the same files would get other ids and be analysed "
            f"twice. Run on {other} again, or write to a new --out (or --restart)")
    _write_json_atomically(path, {"roots": [str(p) for p in dict.fromkeys([*recorded, *unique])]})


def _count_items(files: list[tuple[Path, Path]]) -> int:
    """Number of articles expected (files, plus lines of JSONL files), for the ETA."""
    total = 0
    for path, _ in files:
        if path.suffix.lower() not in JSONL_SUFFIXES:
            total += 1
            continue
        with open(path, "rb") as handle:
            data_end = b""
            while block := handle.read(1 << 20):
                total += block.count(b"\n")
                data_end = block[-1:]
            total += bool(data_end) and data_end != b"\n"
    return total


class _Plan:
    """What to do with each article found, decided by the run before it is dispatched:
    analyse it, skip it (a committed batch holds it), or make it an ``errors`` row (its
    id is already another article's). ``where`` (path, ``path:line``, ``path#n``) tells
    the same article from another with the same id."""

    def __init__(self, done: Iterable[tuple[str, str]], claims: Iterable[tuple[str, str]]) -> None:
        """``done``: the committed ``(id, where)`` pairs; ``claims``: those of them that
        hold their id (not the ``errors`` rows of duplicates), articles first."""
        self.done: set[tuple[str, str]] = set(done)
        self.first: dict[str, str] = {}  # id -> where its article was met
        for article_id, where in claims:
            self.first.setdefault(article_id, where)
        self.skipped = 0

    def decide(self, article_id: str, where: str) -> str | None:
        """``"skip"``, ``None`` (analyse it) or the reason it is a duplicate."""
        if (article_id, where) in self.done:  # committed, or met before in this run
            return "skip"
        self.done.add((article_id, where))
        first = self.first.setdefault(article_id, where)
        if first == where:
            return None
        return (f"id {article_id!r} is also the id of {first}, read first; ids must "
                "be unique (an 'id' field used twice, or two files with one path below their "
                "input folders), so this article is not analysed")


def _units(files: list[tuple[Path, Path]], batch_size: int,
           max_chars: int | None) -> Iterator[tuple[tuple, list[tuple[str, str]]]]:
    """``(unit, [(id, where), ...])`` in input order: a unit is ``("file", path, id)``
    or a JSONL byte range ``("jsonl", path, id prefix, first line, start, end)``.

    The ids come from the readers the workers use (:func:`analysis.article.file_items`),
    so they are the same: a file's from its path; JSON and JSON Lines records are read
    here once for their ``id`` field (only the ids are kept)."""
    for path, root in files:
        prefix = article_id_of(path, root)
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES and not _starts_utf16(path):
            yield from _jsonl_units(path, prefix, batch_size, max_chars)
        elif suffix in JSONL_SUFFIXES or suffix in article_module.JSON_SUFFIXES:
            items = [(i, w) for i, w, _ in file_items(path, prefix, max_chars=max_chars)]
            yield ("file", str(path), prefix), items
        else:  # one article, whose id is its path: nothing to read here
            yield ("file", str(path), prefix), [(prefix, str(path))]


def _starts_utf16(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(2) in article_module._UTF16_BOMS
    except OSError:
        return False


def _jsonl_units(path: Path, prefix: str, batch_size: int, max_chars: int | None):
    """Byte ranges of ``batch_size`` non-blank lines, with the ids of their records."""
    items: list[tuple[str, str]] = []
    start = position = number = 0
    first_line = 1
    with open(path, "rb") as handle:
        for raw in handle:  # split at b"\n" only, as the workers read
            number += 1
            position += len(raw)
            if raw.strip():
                article_id, where, _ = article_module._jsonl_bytes_item(
                    raw, number, prefix, str(path), None, max_chars)
                items.append((article_id, where))
            if len(items) >= batch_size:
                yield ("jsonl", str(path), prefix, first_line, start, position), items
                items, start, first_line = [], position, number + 1
    if items:
        yield ("jsonl", str(path), prefix, first_line, start, position), items


def _batches(files: list[tuple[Path, Path]], plan: _Plan, batch_size: int,
             max_chars: int | None, on_skip: Callable[[int], None]) -> Iterator[tuple]:
    """Work for the workers: ``(units, wheres to skip, {where: duplicate reason})`` of
    about ``batch_size`` articles each. A unit whose articles are all done is left out
    and counted in ``plan.skipped`` here; the done articles of a unit that goes out
    are counted by the worker that skips them."""
    units: list[tuple] = []
    skip: set[str] = set()
    duplicates: dict[str, str] = {}
    size = 0
    found = _units(files, batch_size, max_chars)
    while True:
        with warnings.catch_warnings():  # the worker reading the article warns, not this pass
            warnings.simplefilter("ignore", article_module.ArticleWarning)
            entry = next(found, None)
        if entry is None:
            break
        unit, items = entry
        decisions = [(where, plan.decide(article_id, where)) for article_id, where in items]
        if all(decision == "skip" for _, decision in decisions):
            plan.skipped += len(items)
            on_skip(len(items))
            continue
        units.append(unit)
        size += len(items)
        skip.update(where for where, decision in decisions if decision == "skip")
        duplicates.update((where, decision) for where, decision in decisions
                          if decision not in (None, "skip"))
        if size >= batch_size:
            yield tuple(units), frozenset(skip), duplicates
            units, skip, duplicates, size = [], set(), {}, 0
    if units:
        yield tuple(units), frozenset(skip), duplicates


class DuplicateIdError(ArticleError):
    """The article's id is another article's of the same collection."""


def _batch_items(batch: tuple, max_chars: int | None) -> Iterator[tuple | None]:
    """``(id, where, article or error)`` for every article of a batch; None for one a
    committed batch holds."""
    units, skip, duplicates = batch
    for unit in units:
        if unit[0] == "jsonl":
            _, path, prefix, first_line, start, end = unit
            items = jsonl_items(path, prefix, start=start, end=end, first_line=first_line,
                                max_chars=max_chars)
        else:
            _, path, prefix = unit
            items = file_items(path, prefix, max_chars=max_chars)
        for article_id, where, item in items:
            if where in skip:
                yield None
            elif where in duplicates:
                yield article_id, where, DuplicateIdError(duplicates[where])  # stage "id"
            else:
                yield article_id, where, item


# ----------------------------------------------------------------------------- one batch

def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def process_batch(batch: tuple, out: str, part: str, run_id: str | None = None,
                  max_chars: int | None = MAX_ARTICLE_CHARS,
                  article_timeout: float | None = None) -> dict:
    """Analyse one batch of articles and commit its part files in ``out``.

    ``batch`` is ``(units, wheres to skip, {where: duplicate reason})`` (see
    :func:`_batches`). An article that fails to load, is a duplicate, takes over
    ``article_timeout`` CPU seconds or raises in a stage becomes an ``errors`` row and
    the batch goes on. With ``run_id``, the batch commits only while that run holds
    ``out`` (a worker of a run that was replaced writes nothing).

    Returns
    -------
    dict
        Counts for this batch: articles, errors, skipped.
    """
    _use_system_allocator()
    # The pipeline makes no reference cycles (measured: a full collection after a batch
    # finds none), so the collector's passes over a batch's many new tuples are pure
    # overhead: about a third of the CPU time. Off for the batch, back on after it.
    with paused_gc():
        columns, skipped = _analyze_batch(batch, max_chars, article_timeout)
        _commit_part(Path(out), part, columns, run_id)
        counts = {"articles": _n_rows(columns["articles"]), "errors": _n_rows(columns["errors"]),
                  "skipped": skipped}
        # Freed while the collector is off: alive when it comes back on, the batch's
        # values would make its first pass walk every one of them (~1 ms an article).
        del columns
    return counts


def _use_system_allocator() -> None:
    # Arrow's default pool (mimalloc) keeps the pages a batch's tables freed, so a
    # long-running worker grows batch after batch; the system allocator gives them
    # back (10x PolNeAR, 2 workers: peak 523 -> 451 MB PSS, no slower).
    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())


def _analyze_batch(batch: tuple, max_chars: int | None,
                   article_timeout: float | None) -> tuple[dict[str, list[list]], int]:
    """Every table's values for the articles of a batch, column by column (see
    :func:`_add_columns`), and how many articles were skipped."""
    columns: dict[str, list[list]] = {name: [] for name in TABLES}
    skipped = 0
    for entry in _batch_items(batch, max_chars):
        if entry is None:
            skipped += 1
            continue
        article_id, where, item = entry
        if isinstance(item, Exception):
            stage = _DUPLICATE_STAGE if isinstance(item, DuplicateIdError) else "load"
            _add_columns(columns["errors"], _by_column([(article_id, where, stage,
                                                         _reason(item))]))
            continue
        if item.source != where:  # a record of a file: the table says which one
            item = dataclasses.replace(item, source=where)
        try:
            with _cpu_time_limit(article_timeout):
                records = _article_rows(item)
            found = {name: _by_column(rows) for name, rows in records.items()}
        except Exception as error:  # recorded with its reason; the rest of the run goes on
            _add_columns(columns["errors"], _by_column([(article_id, where, "analyze",
                                                         _reason(error))]))
            continue
        if found["terms"]:  # the terms rows come without their article: one id a row
            found["terms"].insert(0, [item.id] * len(records["terms"]))
        for name, values in found.items():
            _add_columns(columns[name], values)
    return columns, skipped


@contextmanager
def _cpu_time_limit(seconds: float | None):
    """Raise :class:`ArticleTimeoutError` in this block after ``seconds`` of CPU time.

    CPU time, so a busy machine does not cut an article short; measured by a wall-clock
    alarm that, when it rings early (the process had less of the CPU), is set again for
    the CPU time still left. (A CPU-time timer would do it in one, but while one is set
    Linux counts the process's CPU time in whole clock ticks, which coarsens every
    ``time.process_time()`` taken meanwhile.) The alarm needs the main thread: the local
    engine's workers and a 1-worker run; Dask runs batches in threads, where the size
    limit alone holds. The signal is handled between Python steps: one long
    regular-expression match is not cut in the middle.
    """
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return
    deadline = time.process_time() + seconds

    def ring(signum, frame):
        left = deadline - time.process_time()
        if left > 0:
            signal.setitimer(signal.ITIMER_REAL, left)
            return
        raise ArticleTimeoutError(f"analysing it took more than {seconds:g} s of CPU time "
                                  "(the article_timeout of the run)")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _by_column(rows: list[tuple]) -> list[tuple]:
    return list(zip(*rows, strict=True))


def _add_columns(columns: list[list], values: list[Sequence]) -> None:
    """Append one article's values to a batch's columns (made at its first rows).

    An article's rows are turned into columns while they are fresh in the CPU cache
    and their tuples freed at once, rather than a whole batch's (~50,000 term rows)
    kept alive with the collector paused and transposed at the end: the stages then
    allocate from memory just freed, and a 1-worker run is ~1 ms an article cheaper.
    """
    if not values:
        return
    if not columns:
        columns.extend([] for _ in values)
    elif len(values) != len(columns):
        raise ValueError(f"rows of {len(values)} columns after rows of {len(columns)}")
    for column, more in zip(columns, values, strict=True):
        column.extend(more)


def _n_rows(columns: list[list]) -> int:
    return len(columns[0]) if columns else 0


def _without_null_types(kind: pa.DataType) -> pa.DataType:
    """The type with every ``null`` (a column, or list items, that were all missing or
    empty in this part) made ``string``, so all parts of a table share one schema."""
    if pa.types.is_null(kind):
        return pa.string()
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        maker = pa.list_ if pa.types.is_list(kind) else pa.large_list
        return maker(_without_null_types(kind.value_type))
    if pa.types.is_struct(kind):
        return pa.struct([field.with_type(_without_null_types(field.type)) for field in kind])
    return kind


def _dicts_as_json(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns of dicts as JSON text: Arrow would make a struct field of every key."""
    for column in frame.columns:
        if frame[column].dtype == object and frame[column].map(type).eq(dict).any():
            frame = frame.assign(**{column: [json.dumps(v, ensure_ascii=False, sort_keys=True)
                                             if isinstance(v, dict) else v
                                             for v in frame[column]]})
    return frame


def _to_arrow(frame: pd.DataFrame) -> pa.Table:
    table = pa.Table.from_pandas(_dicts_as_json(frame), preserve_index=False)
    table = table.replace_schema_metadata(None)
    schema = pa.schema([f.with_type(_without_null_types(f.type)) for f in table.schema])
    return table if schema == table.schema else table.cast(schema)


def _write_table(table: pa.Table, path: Path) -> None:
    """``pq.write_table`` with the ``article`` column alone dictionary-encoded and with
    statistics: it repeats on every row of an article, and its min/max let a reader skip
    parts by article. Dictionaries and statistics of the other columns (mostly distinct
    values) cost a third of the writing time for ~15% smaller files; the data read back
    is the same."""
    keyed = ["article"] if "article" in table.column_names else False
    pq.write_table(table, path, use_dictionary=keyed, write_statistics=keyed)


def _write_parquet(frame: pd.DataFrame, folder: Path, part: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{part}.parquet.tmp"
    _write_table(_to_arrow(frame), temporary)
    os.replace(temporary, folder / f"{part}.parquet")


# json.dumps(value, ensure_ascii=False, sort_keys=True) without a new encoder a call
_dict_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _column_array(values: Sequence) -> pa.Array:
    """``pa.array(values)``, with dicts as JSON text (Arrow would make a struct field
    of every key)."""
    # Arrow's own type inference first, in one C pass: a column with a dict in it
    # comes back a struct or fails (dicts mix with nothing else), and only then is
    # it read again in Python. Most columns have none: ints, text, lists. A column
    # that starts with a dict goes straight to JSON (inferring a struct is slow).
    array = None
    if not (values and isinstance(values[0], dict)):
        try:
            array = pa.array(values)
        except Exception:
            array = None
    if array is None or pa.types.is_struct(array.type):
        values = [_dict_json(v) if isinstance(v, dict) else v for v in values]
        array = pa.array(values)  # raises as before for a column of no single type
    return array


def _columns_table(by_column: Sequence[Sequence], columns: list[str]) -> pa.Table:
    """One Arrow table from the values of each column, with the types pandas would have
    written (top-level text ``large_string``, dicts as JSON, all-missing columns
    ``string``)."""
    arrays = []
    for values in by_column:
        array = _column_array(values)
        if pa.types.is_string(array.type):
            array = array.cast(pa.large_string())
        kind = _without_null_types(array.type)
        arrays.append(array if kind == array.type else array.cast(kind))
    return pa.Table.from_arrays(arrays, names=list(columns))


def _table_folder(name: str) -> str:
    return _RAW_SPEAKERS if name == "speakers" else name


def _commit_part(out: Path, part: str, values: dict[str, list[list]],
                 run_id: str | None = None) -> None:
    """Write a batch's tables and commit them.

    Each table goes to a hidden file (``.part-*.parquet``: readers of the folder skip
    it), its size and SHA-256 go into the batch's commit marker, written atomically
    and last but one; then the files are made visible. A batch counts as done from
    its marker on: a run stopped before leaves hidden files the next run deletes, one
    stopped after leaves hidden files the next run makes visible.
    """
    if not any(_n_rows(found) for found in values.values()):
        return
    columns = {**article_columns(), "errors": ERROR_COLUMNS}
    written: dict[str, dict] = {}
    try:
        for name, found in values.items():
            if not _n_rows(found):
                continue
            folder = _table_folder(name)
            (out / folder).mkdir(parents=True, exist_ok=True)
            hidden = out / folder / f".{part}.parquet"
            _write_table(_columns_table(found, columns[name]), hidden)
            written[folder] = {"file": f"{folder}/{part}.parquet", **_fingerprint(hidden),
                               "rows": _n_rows(found)}
        _check_owner(out, run_id)
        _write_json_atomically(out / _DONE / f"{part}.json", {"run": run_id, "tables": written})
        for entry in written.values():
            _publish(out / entry["file"])
    except OSError as error:
        raise _write_error(out, error) from None


def _fingerprint(path: Path) -> dict:
    """Size and SHA-256 of a file just written, flushed to the disk on the way."""
    with open(path, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
        os.fsync(handle.fileno())
    return {"bytes": path.stat().st_size, "sha256": digest}


def _hidden(visible: Path) -> Path:
    return visible.with_name(f".{visible.name}")


def _publish(visible: Path) -> None:
    """Make a committed part visible (once: a rerun may find it done)."""
    hidden = _hidden(visible)
    if hidden.exists():
        os.replace(hidden, visible)


def _write_json_atomically(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(value))  # json.dump's Python encoder leaves reference cycles
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_error(out: Path, error: OSError) -> CollectionError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(
            f"no space left on the disk holding {out} ({error.strerror}); the batches "
            "committed so far are kept: free some space and rerun the same command to go on")
    return CollectionError(f"cannot write to {out}: {error.strerror or error} "
                           f"({error.filename or 'a part file'})")


# ----------------------------------------------------------------------------- output folder

def _table_folders(out: Path) -> list[Path]:
    return [out / name for name in (*TABLES, _RAW_SPEAKERS)]


@contextmanager
def _locked(out: Path, run_id: str, log: Callable[[str], None]):
    """Hold ``OUT/.lock`` (``flock``, exclusive) for the run, naming the run in it.

    The kernel drops the lock when the holder dies, however it dies, so a lock file
    left by a killed run holds nothing: the next run takes it and says so. Forked
    workers share the lock: while any of them lives, no other run starts.
    """
    path = out / _LOCK
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        if not _take_lock(descriptor, path):
            raise CollectionLockedError(
                f"{out}: another collection run is writing to it ({_holder(path)}); wait "
                "for it to finish, stop it, or write to another --out")
        previous = _read_json(path)
        if previous:
            log(f"collection: taking over {out} from a run that stopped without finishing "
                f"({_describe_holder(previous)}); its unfinished batches are redone")
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps({
            "run": run_id, "pid": os.getpid(), "host": socket.gethostname(),
            "started": time.strftime("%Y-%m-%d %H:%M:%S")}).encode(), 0)
        os.fsync(descriptor)
        yield
        os.ftruncate(descriptor, 0)  # finished: no run to take over from
    finally:
        os.close(descriptor)  # releases the lock


def _take_lock(descriptor: int, path: Path, grace: float = 10.0) -> bool:
    """Take the lock; while the run that holds it is dead (its workers, which share
    the lock, are dying with it), wait up to ``grace`` seconds for them."""
    deadline = time.monotonic() + grace
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if not _holder_died(_read_json(path)) or time.monotonic() >= deadline:
                return False
            time.sleep(0.1)


def _holder_died(holder) -> bool:
    """Whether the run named in a lock file was on this machine and is gone."""
    if not isinstance(holder, dict) or holder.get("host") != socket.gethostname():
        return False
    try:
        os.kill(int(holder.get("pid", 0)), 0)
    except ProcessLookupError:
        return True
    except (OSError, ValueError, TypeError):
        return False
    return False


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _describe_holder(holder: dict) -> str:
    return (f"pid {holder.get('pid', '?')} on {holder.get('host', '?')}, started "
            f"{holder.get('started', '?')}")


def _holder(path: Path) -> str:
    holder = _read_json(path)
    return _describe_holder(holder) if isinstance(holder, dict) else "a run starting"


def _check_owner(out: Path, run_id: str | None) -> None:
    """Refuse to commit a batch of a run that no longer holds ``out``."""
    if run_id is None:
        return
    holder = _read_json(out / _LOCK)
    if not isinstance(holder, dict) or holder.get("run") != run_id:
        raise CollectionError(f"{out}: another run has taken over this folder; this run's "
                              "batch is not committed")


def _clear(out: Path) -> None:
    """Everything of earlier runs, for ``resume=False``: tables, markers, inputs."""
    for folder in [*_table_folders(out), out / _DONE]:
        for path in folder.iterdir() if folder.is_dir() else []:
            path.unlink()
    (out / _INPUTS).unlink(missing_ok=True)


def _markers(out: Path) -> list[Path]:
    folder = out / _DONE
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _damage(out: Path, manifest: dict) -> str | None:
    """What is wrong with a committed batch's files, if anything."""
    for entry in manifest["tables"].values():
        visible = out / entry["file"]
        path = visible if visible.exists() else _hidden(visible)
        if not path.exists():
            return f"{entry['file']} is missing"
        size = path.stat().st_size
        if size != entry["bytes"]:
            return f"{entry['file']} is {size:,} bytes, {entry['bytes']:,} when committed"
        with open(path, "rb") as handle:
            if hashlib.file_digest(handle, "sha256").hexdigest() != entry["sha256"]:
                return f"{entry['file']} has other bytes than when committed"
    return None


def _manifest(marker: Path) -> dict | None:
    manifest = _read_json(marker) if marker.suffix == ".json" else None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        return None
    return manifest


def _recover(out: Path, log: Callable[[str], None]) -> dict[str, dict]:
    """Bring ``out`` back to its committed batches, as the run that holds it starts.

    A batch whose files do not match its marker (truncated, emptied, overwritten,
    missing) is deleted, with one line saying so, and its articles are redone; a
    committed batch's files still hidden are made visible; files of batches that
    never committed are deleted. Returns the committed batches' manifests by part.
    """
    committed: dict[str, dict] = {}
    for marker in _markers(out):
        if marker.name.startswith("."):  # a marker being written when the run stopped
            marker.unlink()
            continue
        part = marker.name.removesuffix(".json")
        manifest = _manifest(marker)
        problem = "its commit marker is unreadable" if manifest is None else _damage(out, manifest)
        if problem:
            log(f"collection: batch {part} was damaged ({problem}); its articles are analysed "
                "again")
            marker.unlink()
            continue
        for entry in manifest["tables"].values():
            _publish(out / entry["file"])
        committed[part] = manifest
    listed = {entry["file"] for manifest in committed.values()
              for entry in manifest["tables"].values()}
    for folder in _table_folders(out):
        if folder.name == "speakers" or not folder.is_dir():
            continue  # rewritten whole from the committed batches at the end of a run
        for path in folder.iterdir():
            if f"{folder.name}/{path.name}" not in listed and path.stem != _EMPTY_ERRORS:
                path.unlink()
    return committed


def _committed(out: Path) -> dict[str, dict]:
    """The committed batches' manifests by part, each checked against its files.

    Raises :class:`CollectionDamagedError` for one that no longer matches (a run on
    the folder redoes it)."""
    committed = {}
    for marker in _markers(out):
        if marker.name.startswith("."):
            continue
        part = marker.name.removesuffix(".json")
        manifest = _manifest(marker)
        problem = "its commit marker is unreadable" if manifest is None else _damage(out, manifest)
        if problem:
            raise CollectionDamagedError(
                f"{out}: batch {part} is damaged ({problem}); rerun the collection command "
                "on this folder to analyse its articles again")
        committed[part] = manifest
    return committed


def _part_files(out: Path, committed: dict[str, dict], folder: str) -> list[Path]:
    """The committed part files of one table folder (hidden when not yet made visible)."""
    files = []
    for part in sorted(committed):
        entry = committed[part]["tables"].get(folder)
        if entry is not None:
            visible = out / entry["file"]
            files.append(visible if visible.exists() else _hidden(visible))
    return files


def _read_parts(files: list[Path], columns: list[str] | None = None) -> pd.DataFrame:
    if not files:
        return pd.DataFrame(columns=columns or [])
    try:
        schema = pa.unify_schemas([pq.read_schema(f) for f in files],
                                  promote_options="permissive")
    except pa.ArrowTypeError:  # a part where a nested column was all empty: align it
        table = pa.concat_tables(_aligned([pq.read_table(f) for f in files]),
                                 promote_options="permissive")
        return (table if columns is None else table.select(
            [c for c in columns if c in table.column_names])).to_pandas()
    dataset = ds.dataset([str(f) for f in files], schema=schema, format="parquet")
    if columns is not None:  # those of the wanted columns this table has
        columns = [c for c in columns if c in schema.names]
    return dataset.to_table(columns=columns).to_pandas()


def _aligned(tables: list[pa.Table]) -> list[pa.Table]:
    """The tables with each column that holds no value (all null, or all empty lists)
    given the type the other tables have for it.

    A part whose articles all had, say, no roles wrote that list column with a
    stand-in item type (``string``, see :func:`_without_null_types`), which Arrow cannot
    unify with the others' ``struct`` items; with no item in it, the column converts."""
    types: dict[str, pa.DataType] = {}
    for table in tables:
        for name in table.column_names:
            if not _holds_nothing(table.column(name)):
                types.setdefault(name, table.schema.field(name).type)
    aligned = []
    for table in tables:
        for i, name in enumerate(table.column_names):
            kind = types.get(name)
            if kind is not None and table.schema.field(name).type != kind:
                values = pa.array(table.column(name).to_pylist(), type=kind)
                table = table.set_column(i, pa.field(name, kind), values)
        aligned.append(table)
    return aligned


def _holds_nothing(column: pa.ChunkedArray) -> bool:
    if column.null_count == len(column):
        return True
    kind = column.type
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return pc.sum(pc.list_value_length(column)).as_py() in (None, 0)
    return False


def _done_items(out: Path, committed: dict[str, dict],
                claims: bool = False) -> list[tuple[str, str]]:
    """``(id, where)`` of every article the committed batches hold, articles first
    (``claims``: only those that hold their id, not the errors rows of duplicates)."""
    pairs: list[tuple[str, str]] = []
    for name in ("articles", "errors"):
        for path in _part_files(out, committed, name):
            table = pq.read_table(path, columns=["article", "source", "stage"][:2 + (
                claims and name == "errors")])
            rows = zip(map(str, table["article"].to_pylist()),
                       map(str, table["source"].to_pylist()), strict=True)
            if claims and name == "errors":
                rows = (pair for pair, stage in zip(rows, table["stage"].to_pylist(),
                                                    strict=True) if stage != _DUPLICATE_STAGE)
            pairs.extend(rows)
    return pairs


def _drop_foreign_batches(out: Path, committed: dict[str, dict], log: Callable[[str], None],
                          keep_run: str | None = None) -> dict[str, dict]:
    """Remove a committed batch that holds an article another committed batch holds.

    Only a worker of a stopped run can make one: it committed in the instant before it
    died, after the next run had planned the same articles. The batch of another run
    than ``keep_run`` goes (else the later one); what it held alone is redone. Returns
    the batches kept.
    """
    holder: dict[tuple[str, str], str] = {}
    dropped: dict[str, str] = {}
    for part in sorted(committed, key=lambda p: (committed[p].get("run") == keep_run, p)):
        pairs = _done_items(out, {part: committed[part]})
        other = next((holder[pair] for pair in pairs if pair in holder), None)
        if other is not None:
            dropped[part] = other
            continue
        holder.update(dict.fromkeys(pairs, part))
    for part, other in dropped.items():
        log(f"collection: batch {part} repeated articles of batch {other} (a worker of a "
            "stopped run committed it as it died); removed")
        _remove_batch(out, part)
    return {part: m for part, m in committed.items() if part not in dropped}


def _remove_batch(out: Path, part: str) -> None:
    """A batch's marker first (it stops counting), then its files."""
    (out / _DONE / f"{part}.json").unlink(missing_ok=True)
    for folder in _table_folders(out):
        for name in (f"{part}.parquet", f".{part}.parquet"):
            (folder / name).unlink(missing_ok=True)


def merge_speakers(speakers: pd.DataFrame) -> pd.DataFrame:
    """Add collection-level ``speaker_id`` and ``canonical_name`` to per-article speakers.

    Parameters
    ----------
    speakers : DataFrame
        One row per (article, speaker) with optional ``n_quotes`` (used to
        pick each group's canonical name) and ``entity_type`` (organisations
        and groups merge only on the same text) columns.

    Returns
    -------
    DataFrame
        The same rows with ``speaker_id`` and ``canonical_name`` added; see
        :func:`analysis.names.merge_speaker_names` for the merging rules.

    Examples
    --------
    >>> table = pd.DataFrame({"article": ["a1", "a2", "a2"],
    ...                       "speaker": ["Hillary Clinton", "Mrs. Clinton", "Bill Clinton"]})
    >>> merge_speakers(table)["speaker_id"].tolist()
    ['hillary-clinton', 'hillary-clinton', 'bill-clinton']
    """
    speakers = speakers.copy()
    pairs = list(zip(speakers["article"].astype(str), speakers["speaker"].astype(str),
                     strict=True))
    merged = _merged_names(
        pairs,
        speakers["n_quotes"].tolist() if "n_quotes" in speakers else None,
        speakers["entity_type"].astype(str).tolist() if "entity_type" in speakers else None,
    )
    speakers["speaker_id"] = [merged[p][0] for p in pairs]
    speakers["canonical_name"] = [merged[p][1] for p in pairs]
    return speakers


def _merged_names(pairs: list[tuple[str, str]], weights: list | None,
                  kinds: list[str] | None) -> dict[tuple[str, str], tuple[str, str]]:
    """merge_speaker_names over per-article rows: weights are quote counts, kinds the
    profiles' entity types (organisations and groups merge only on the same text)."""
    counts: dict[tuple[str, str], int] = {}
    for pair, weight in zip(pairs, weights or [1] * len(pairs), strict=True):
        counts[pair] = counts.get(pair, 0) + int(weight)
    not_persons = [] if kinds is None else [
        p for p, kind in zip(pairs, kinds, strict=True) if kind in ("organisation", "group")]
    return merge_speaker_names(pairs, counts, not_persons)



def _write_merged_speakers(out: Path, committed: dict[str, dict]) -> int:
    """Rewrite ``speakers/`` from the committed per-article rows with merged ids; returns
    its rows.

    The whole run's (article, speaker) pairs are held once, as plain interned
    strings: this end-of-run step is the only one whose memory grows with the input.
    """
    target = out / "speakers"
    parts = _part_files(out, committed, _RAW_SPEAKERS)
    keep = {part.name.lstrip(".") for part in parts}
    for old in target.iterdir() if target.is_dir() else []:
        if old.name not in keep:
            old.unlink()
    pairs: list[tuple[str, str]] = []
    weights: list[int] = []
    kinds: list[str] = []
    for part in parts:
        table = pq.read_table(part, columns=["article", "speaker", "n_quotes", "entity_type"])
        pairs.extend(zip(map(sys.intern, map(str, table["article"].to_pylist())),
                         map(sys.intern, map(str, table["speaker"].to_pylist())), strict=True))
        weights.extend(table["n_quotes"].to_pylist())
        kinds.extend(map(sys.intern, map(str, table["entity_type"].to_pylist())))
    if not pairs:
        return 0
    merged = _merged_names(pairs, weights, kinds)
    del weights, kinds
    target.mkdir(parents=True, exist_ok=True)
    schemas = [pq.read_schema(part) for part in parts]
    try:
        pa.unify_schemas(schemas, promote_options="permissive")
        misaligned = False
    except pa.ArrowTypeError:  # rare (a batch with no roles at all): one pass over all
        misaligned = True
    aligned = iter(_aligned([pq.read_table(p) for p in parts])) if misaligned else None
    for part in parts:  # same partitioning as the raw rows
        # in Arrow: the nested mention and role columns never become Python objects
        table = next(aligned) if aligned is not None else pq.read_table(part)
        table = _with_merged_ids(table, merged)
        name = part.name.lstrip(".")
        temporary = target / f".{name}.tmp"
        _write_table(table, temporary)
        os.replace(temporary, target / name)
    return len(pairs)


def _with_merged_ids(table: pa.Table, merged: dict) -> pa.Table:
    found = [merged[pair] for pair in zip(table["article"].to_pylist(),
                                          table["speaker"].to_pylist(), strict=True)]
    for column, values in (("speaker_id", [i for i, _ in found]),
                           ("canonical_name", [c for _, c in found])):
        table = table.append_column(column, pa.array(values, pa.large_string()))
    return table


def load_collection(out: str | Path) -> dict[str, pd.DataFrame]:
    """Load the tables of a collection output folder, sorted by article.

    Only committed batches are read (an interrupted run's unfinished batch is not),
    each checked against the size and checksum recorded when it committed; the
    speakers' merged ids are worked out from the committed rows, so a folder whose
    run stopped before merging loads the same as a finished one. Rows of one article
    keep their order (an article's rows sit in one part file), so two runs over the
    same input load equal tables whatever the engine, the number of workers or the
    interruptions.

    Returns
    -------
    dict of str to DataFrame
        Keys: articles, quotes, speakers, terms, errors.

    Raises
    ------
    CollectionDamagedError
        When a committed part file no longer matches its checksum (rerun the
        collection command on the folder to redo it).
    """
    out = Path(out)
    committed = _committed(out)
    tables = {}
    for name in TABLES:
        table = _read_parts(_part_files(out, committed, _table_folder(name)))
        if name == "speakers" and len(table):
            table = merge_speakers(table)
        if name == "errors" and not len(table):
            table = pd.DataFrame({c: pd.Series(dtype=object) for c in ERROR_COLUMNS})
        if "article" in table.columns:
            table = table.sort_values("article", kind="stable")
        tables[name] = table.reset_index(drop=True)
    return tables


def collection_summary(out: str | Path) -> dict[str, int]:
    """Row counts of each table in an output folder, from the commit markers."""
    out = Path(out)
    summary = dict.fromkeys(TABLES, 0)
    for marker in _markers(out):
        manifest = _manifest(marker)
        for folder, entry in (manifest or {"tables": {}})["tables"].items():
            summary["speakers" if folder == _RAW_SPEAKERS else folder] += entry["rows"]
    ids = set()
    for path in (out / "speakers").glob("*.parquet"):
        ids.update(pq.read_table(path, columns=["speaker_id"])["speaker_id"].to_pylist())
    summary["speaker_ids"] = len(ids)
    return summary


# ----------------------------------------------------------------------------- engines

def _init_worker(parent_pid: int) -> None:
    """A pool worker: dies with the run, leaves Ctrl-C to it (the whole terminal's
    process group gets the signal: the run stops its workers itself) and dies of a
    SIGTERM rather than run the run's handler it was forked with."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent_pid)


def _warm_up() -> None:
    """Import what the stages import lazily (the stemmer, the gender data) and load
    their lexicons: once per process, not per article."""
    # a quote with a named speaker, so the name lexicons load here too
    article_records(article_from_text("Warm-up\n\n“We will win,” said Ann Lee, the mayor.",
                                      id="warm-up"))


def _share_before_fork() -> None:
    """Load every stage and its lexicons here, before the workers fork, and freeze the
    garbage collector so forked workers share those pages instead of each copying them."""
    _warm_up()
    gc.freeze()


class _NoProgress:
    """A disabled progress bar: what tqdm's does, without importing tqdm and the
    asyncio and email packages it loads (~95 million instructions a run)."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc_info) -> None:
        return None

    def update(self, n: int = 1) -> None:
        return None


def _progress(total: int | None, enabled: bool, desc: str):
    if not enabled:
        return _NoProgress()
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="article", desc=desc, smoothing=0.1, dynamic_ncols=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers now (a queued batch would otherwise still start)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=10)


def _run_local(batches: Iterable[tuple], out: Path, run_id: str, workers: int,
               settings: dict, bar) -> dict:
    totals = {"articles": 0, "errors": 0, "skipped": 0}

    def add(counts: dict) -> None:
        for key in totals:
            totals[key] += counts[key]
        bar.update(counts["articles"] + counts["errors"] + counts["skipped"])

    numbered = ((batch, f"part-{run_id}-{i:06d}") for i, batch in enumerate(batches))
    if workers == 1:  # in this process: no start-up or pickling cost
        for batch, part in numbered:
            add(process_batch(batch, str(out), part, run_id, **settings))
        return totals
    _share_before_fork()
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(os.getpid(),))
    with signals_noted() as stops:  # checked between batches: never lost
        pending: set = set()

        def collect(down_to: int) -> None:
            """Add finished batches until at most ``down_to`` are in flight, looking
            for a noted Ctrl-C or SIGTERM every 0.1 s."""
            nonlocal pending
            while len(pending) > down_to:
                finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                if stops:
                    raise CollectionInterrupted(stops[0])
                for future in finished:
                    add(future.result())

        try:
            # Bounded submission: at most 2 batches a worker in flight, so memory stays
            # flat however long the input (Executor.map would queue it all at once).
            for batch, part in numbered:
                if stops:
                    raise CollectionInterrupted(stops[0])
                pending.add(pool.submit(process_batch, batch, str(out), part, run_id,
                                        **settings))
                collect(2 * workers - 1)
            collect(0)
        except BaseException as error:  # Ctrl-C, SIGTERM, a dead worker: stop every worker now
            _stop_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)
            if not isinstance(error, BrokenProcessPool):
                raise
            # SIGTERM to the whole process group (systemd, kill -- -PGID) kills the
            # workers too: the run's own SIGTERM, just behind, says what happened
            time.sleep(0.2)
            if stops:
                raise CollectionInterrupted(stops[0]) from None
            raise WorkerDiedError(
                "a worker process died in the middle of a batch (killed, or out of memory?); "
                f"the batches committed so far are kept in {out}: rerun the same command to "
                "go on") from None
        pool.shutdown(wait=True)
        if stops:  # all committed, but the user asked to stop: say so
            raise CollectionInterrupted(stops[0])
    return totals


def _dask_batch(item: tuple, out: str, run_id: str, settings: dict) -> dict:
    batch, part = item
    return process_batch(batch, out, part, run_id, **settings)


def _run_dask(batches: list[tuple], out: Path, run_id: str, workers: int, settings: dict,
              scheduler, bar) -> dict:
    import dask.bag as db
    from distributed import Client, LocalCluster, as_completed

    totals = {"articles": 0, "errors": 0, "skipped": 0}
    if not batches:
        return totals
    cluster = None
    if scheduler is None:
        # the preload makes each worker die with this process, as the pool's do
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, preload=["analysis._parent_watch"])
        scheduler = cluster
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        parts = [f"part-{run_id}-{i:06d}" for i in range(len(batches))]
        bag = db.from_sequence(list(zip(batches, parts, strict=True)), npartitions=len(batches))
        results = bag.map(_dask_batch, out=str(out), run_id=run_id, settings=settings)
        futures = client.compute(results.to_delayed())
        for future in as_completed(futures):
            for counts in future.result():
                for key in totals:
                    totals[key] += counts[key]
                bar.update(counts["articles"] + counts["errors"] + counts["skipped"])
    finally:
        if client is not scheduler:
            client.close()
        if cluster is not None:
            cluster.close()
    return totals


@contextmanager
def _stop_on_sigterm():
    """SIGTERM stops the run as Ctrl-C does (workers stopped, committed batches kept),
    raising :class:`CollectionInterrupted`; the previous handler is back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise CollectionInterrupted(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _log_to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run_collection(
    source: str | Path | Sequence[str | Path],
    out: str | Path,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler=None,
    resume: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = True,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    article_timeout: float | None = DEFAULT_ARTICLE_TIMEOUT,
    log: Callable[[str], None] | None = None,
) -> dict:
    """Analyse a collection into Parquet tables in ``out``; return a summary.

    Parameters are those of :func:`analyze_collection`; ``out`` is required; ``log``
    receives the run's one-line notices (a damaged batch redone, a lock taken over
    from a dead run; default: printed to stderr).

    Returns
    -------
    dict
        ``articles``, ``errors``, ``skipped`` (done by an earlier run) for this
        run; ``seconds``; ``stages``; ``tables`` (row counts of every table in
        ``out``, and ``speaker_ids``: distinct merged speakers).

    Raises
    ------
    CollectionInputError
        An input is missing or holds no article (nothing is created), or names a
        folder inside or around one an earlier run on ``out`` read.
    CollectionLockedError
        Another run is writing to ``out``.
    DiskFullError, WorkerDiedError, CollectionError
        The run cannot go on; what it committed is kept, and a rerun goes on.
    KeyboardInterrupt
        Ctrl-C, or SIGTERM (:class:`CollectionInterrupted`): the workers are stopped
        and the committed batches kept.

    Notes
    -----
    The run switches pyarrow in this process (and its workers) to the system
    allocator (``pyarrow.set_memory_pool``), which keeps long runs' memory flat;
    it stays so after the run.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    log = log or _log_to_stderr
    files = _input_files(source)  # before anything is created
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _write_error(out, error) from None
    workers = max(1, workers or os.cpu_count() or 1)
    started = time.perf_counter()
    run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    settings = {"max_chars": max_chars, "article_timeout": article_timeout}
    _use_system_allocator()  # before the workers fork: they inherit it
    with _locked(out, run_id, log), _stop_on_sigterm():
        try:
            if not resume:
                _clear(out)
            committed = _drop_foreign_batches(out, _recover(out, log), log)
            _record_roots(out, [root for _, root in files])
            plan = _Plan(_done_items(out, committed), _done_items(out, committed, claims=True))
            with _progress(_count_items(files) if progress else None, progress, engine) as bar:
                batches = _batches(files, plan, batch_size, max_chars, bar.update)
                if engine == "local":
                    totals = _run_local(batches, out, run_id, workers, settings, bar)
                else:
                    totals = _run_dask(list(batches), out, run_id, workers, settings, scheduler,
                                       bar)
            totals["skipped"] += plan.skipped
            committed = {part: _manifest(out / _DONE / f"{part}.json")
                         for part in _committed_parts(out)}
            committed = _drop_foreign_batches(out, committed, log, keep_run=run_id)
            with paused_gc():  # makes no cycles; the collector would walk every pair many times
                _write_merged_speakers(out, committed)
            if not _part_files(out, committed, "errors"):  # so pd.read_parquet(OUT/"errors") works
                _write_parquet(pd.DataFrame({c: pd.Series(dtype=str) for c in ERROR_COLUMNS}),
                               out / "errors", _EMPTY_ERRORS)
            elif (out / "errors" / f"{_EMPTY_ERRORS}.parquet").exists():
                (out / "errors" / f"{_EMPTY_ERRORS}.parquet").unlink()
        except OSError as error:
            raise _write_error(out, error) from None
    totals.update(seconds=time.perf_counter() - started, stages=pipeline_stages(),
                  tables=collection_summary(out), out=str(out))
    return totals


def _committed_parts(out: Path) -> list[str]:
    return [m.name.removesuffix(".json") for m in _markers(out)
            if not m.name.startswith(".") and m.suffix == ".json"]


def analyze_collection(
    source: str | Path | Sequence[str | Path],
    out: str | Path | None = None,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler=None,
    resume: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = True,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    article_timeout: float | None = DEFAULT_ARTICLE_TIMEOUT,
) -> dict[str, pd.DataFrame]:
    """Run the per-article pipeline over a collection and return its tables.

    Parameters
    ----------
    source : str, Path or list of them
        An article file, a folder of article files (searched recursively), a
        JSONL file with one article a line, or a list of any of these.
    out : str or Path, optional
        Output folder for the Parquet tables (default: a temporary folder,
        deleted after loading).
    workers : int, optional
        Processes (local) or Dask workers for a new LocalCluster (default: all cores).
    engine : {"local", "dask"}
        ``local``: a process pool on this machine; ``dask``: a ``dask.bag`` on a
        ``dask.distributed`` cluster.
    scheduler : str, Client or LocalCluster, optional
        For ``engine="dask"``: the scheduler address (or client, or cluster) to
        run on; default a new LocalCluster with ``workers`` processes.
    resume : bool
        Skip articles already done in ``out`` (default). False starts afresh.
    batch_size : int
        Articles per batch (one part file per table each).
    progress : bool
        Show a tqdm progress bar (articles/s and ETA).
    max_chars : int or None
        An article longer than this many characters is an ``errors`` row (default
        :data:`analysis.article.MAX_ARTICLE_CHARS`, 2 million; None: no limit).
    article_timeout : float or None
        Seconds of CPU one article's analysis may take before it is given up as an
        ``errors`` row (default 120; None: no limit). Local engine only: Dask runs
        batches in threads, where no timer can stop them.

    Returns
    -------
    dict of str to DataFrame
        articles, quotes, speakers (with ``speaker_id`` merged across
        articles), terms and errors; see :func:`load_collection`.

    Examples
    --------
    >>> tables = analyze_collection("data/articles", progress=False)
    >>> tables["articles"]["article"].tolist()
    ['voronkov-isil-un-security-council']
    """
    options = {"workers": workers, "engine": engine, "scheduler": scheduler,
               "batch_size": batch_size, "progress": progress, "max_chars": max_chars,
               "article_timeout": article_timeout}
    if out is None:
        with tempfile.TemporaryDirectory(prefix="analysis-collection-") as folder:
            run_collection(source, folder, resume=False, **options)
            return load_collection(folder)
    run_collection(source, out, resume=resume, **options)
    return load_collection(out)
