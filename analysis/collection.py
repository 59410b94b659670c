"""Many articles: the per-article pipeline over a collection, to Parquet.

Input is a file, a folder of article files (``.txt``, ``.html``, ``.json`` and
whatever else :mod:`analysis.article` reads), or JSONL with one article a line
(``text`` and optional ``id``, ``title``, ``outlet``, ``date``). It is streamed:
a folder is listed, never read ahead, and JSONL is split into byte ranges that
each worker reads on its own, so memory stays flat however large the input.

Work is cut into batches. Each batch writes one part file per table into the
output folder and is committed by a marker file written last, so an interrupted
run keeps every finished batch and a rerun skips the articles already done::

    OUT/articles/part-*.parquet   one row per article (counts, metadata)
    OUT/quotes/part-*.parquet     analysis.quotes.extract_quotes rows
    OUT/speakers/part-*.parquet   one row per (article, speaker), with the
                                  collection-level ``speaker_id``
    OUT/terms/part-*.parquet      analysis.terms.term_table rows (term counts)
    OUT/errors/part-*.parquet     article, source, stage, reason
    OUT/_speakers_by_article/     speaker rows before cross-article merging
    OUT/_done/                    commit markers

Every table folder loads straight into pandas (``pd.read_parquet(OUT/"quotes")``);
:func:`load_collection` loads them all, sorted by article.

Two engines run the same batch function: ``local`` (a process pool over all
cores, with a tqdm progress bar) and ``dask`` (a ``dask.bag`` with one partition
per batch, on a ``dask.distributed`` LocalCluster or a scheduler address; the
workers must see the input and output paths).
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from . import article as article_module
from ._gc import paused_gc
from .article import Article, ArticleError, article_from_text, iter_articles
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
]

TABLES = ("articles", "quotes", "speakers", "terms", "errors")
ERROR_COLUMNS = ["article", "source", "stage", "reason"]
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_BATCH_SIZE = 100
_RAW_SPEAKERS = "_speakers_by_article"
_DONE = "_done"
_ARTICLE_FIELDS = ("title", "outlet", "date")
ARTICLE_COLUMNS = ["article", *_ARTICLE_FIELDS, "source", "n_chars", "n_paragraphs",
                   "n_sentences", "n_tokens"]


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

def _supported_suffixes() -> set[str]:
    suffixes = getattr(article_module, "SUPPORTED_SUFFIXES", None) or article_module.TEXT_SUFFIXES
    return {s.lower() for s in suffixes} | set(JSONL_SUFFIXES)


def _input_files(source: str | Path | Sequence[str | Path]) -> list[Path]:
    """The article files named by ``source`` (a file, a folder, or a list of either)."""
    if isinstance(source, (str, Path)):
        source = [source]
    suffixes = _supported_suffixes()
    files: list[Path] = []
    for item in source:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in suffixes
                                and not p.name.startswith(".")))
        elif path.is_file():
            files.append(path)
        else:
            raise ArticleError(f"{path}: no such file or folder")
    return files


def _jsonl_ranges(path: Path, lines_per_range: int) -> Iterator[tuple[int, int, int, int]]:
    """``(first_line, n_lines, start_byte, end_byte)`` of consecutive line blocks.

    Reads the file once in 1 MB blocks, keeping only line counts and offsets.
    """
    first_line, start, position, n_lines, line_end = 1, 0, 0, 0, 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            offset = 0
            while (newline := block.find(b"\n", offset)) != -1:
                n_lines += 1
                offset = newline + 1
                if n_lines == lines_per_range:
                    yield first_line, n_lines, start, position + offset
                    first_line, start, n_lines = first_line + n_lines, position + offset, 0
            line_end = position + offset
            position += len(block)
    unterminated = position > line_end if position else False
    if n_lines or unterminated:
        yield first_line, n_lines + unterminated, start, position


def _batches(files: list[Path], batch_size: int) -> Iterator[tuple]:
    """Work units: ``("files", paths)`` or ``("jsonl", path, first_line, start, end)``."""
    pending: list[str] = []
    for path in files:
        if path.suffix.lower() in JSONL_SUFFIXES:
            for first_line, _, start, end in _jsonl_ranges(path, batch_size):
                yield ("jsonl", str(path), first_line, start, end)
        else:
            pending.append(str(path))
            if len(pending) == batch_size:
                yield ("files", tuple(pending))
                pending = []
    if pending:
        yield ("files", tuple(pending))


def _count_items(files: list[Path]) -> int:
    """Number of articles expected (files, plus lines of JSONL files), for the ETA."""
    total = 0
    for path in files:
        if path.suffix.lower() in JSONL_SUFFIXES:
            total += sum(n for _, n, _, _ in _jsonl_ranges(path, 1 << 30))
        else:
            total += 1
    return total


def _record_article(record: object, default_id: str, source: str) -> Article:
    if not isinstance(record, dict):
        raise ArticleError(f"{source}: a JSONL line must be an object, got {type(record).__name__}")
    text_fields = getattr(article_module, "TEXT_FIELDS", ("text",))
    text = next((record[k] for k in text_fields if isinstance(record.get(k), str)), None)
    if text is None:
        raise ArticleError(f"{source}: no text field (one of {', '.join(text_fields)})")
    article_id = record.get("id")
    article_id = default_id if article_id in (None, "") else str(article_id)
    title = record.get("title") if isinstance(record.get("title"), str) else None
    metadata = {k: v for k, v in record.items()
                if k not in text_fields and k not in ("id", "title")}
    return article_from_text(text, id=article_id, title=title, metadata=metadata, source=source)


def _jsonl_lines(path: str, first_line: int, start: int, end: int) -> Iterator[tuple[int, str]]:
    with open(path, "rb") as handle:
        handle.seek(start)
        data = handle.read(end - start)
    for number, raw in enumerate(data.split(b"\n"), start=first_line):
        if raw.strip():
            yield number, raw.decode("utf-8", errors="replace")


def iter_jsonl_articles(path: str | Path) -> Iterator[Article]:
    """Stream the articles of a JSONL file, one line at a time.

    Each line is an object with ``text`` and optional ``id`` (default:
    ``STEM-LINE``), ``title``, ``outlet``, ``date`` and any other fields (kept in
    ``Article.metadata``).

    Raises
    ------
    ArticleError
        On a line that is not JSON, not an object, or has no text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "day.jsonl"
    >>> line = {"id": "a1", "text": "Big news\\n\\nShe said so.", "outlet": "AP"}
    >>> _ = path.write_text(json.dumps(line) + "\\n")
    >>> [(a.id, a.title, a.metadata["outlet"]) for a in iter_jsonl_articles(path)]
    [('a1', 'Big news', 'AP')]
    """
    path = Path(path)
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield _parse_jsonl_line(line, path.stem, number, str(path))


def _parse_jsonl_line(line: str, stem: str, number: int, path: str) -> Article:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ArticleError(f"{where}: not valid JSON ({error.msg})") from error
    return _record_article(record, f"{stem}-{number}", where)


def _batch_articles(batch: tuple) -> Iterator[tuple[str, str, Article | Exception]]:
    """``(id, source, article or loading error)`` for every article of a batch."""
    if batch[0] == "files":
        for path in batch[1]:
            stem = Path(path).stem
            try:
                if Path(path).suffix.lower() in JSONL_SUFFIXES:
                    loaded = list(iter_jsonl_articles(path))
                else:
                    loaded = list(iter_articles(path))
            except Exception as error:  # a bad file is an error row, not the end of the run
                yield stem, path, error
                continue
            for article in loaded:
                yield article.id, article.source or path, article
    else:
        _, path, first_line, start, end = batch
        stem = Path(path).stem
        for number, line in _jsonl_lines(path, first_line, start, end):
            try:
                article = _parse_jsonl_line(line, stem, number, path)
            except Exception as error:
                yield f"{stem}-{number}", f"{path}:{number}", error
                continue
            yield article.id, article.source or path, article


# ----------------------------------------------------------------------------- one batch

def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def process_batch(batch: tuple, out: str, part: str, done: frozenset = frozenset()) -> dict:
    """Analyse one batch of articles and commit its part files in ``out``.

    Articles whose id is in ``done`` are skipped. An article that fails to load
    or raises in a stage becomes an ``errors`` row and the batch goes on.

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
        columns, skipped = _analyze_batch(batch, done)
        _commit_part(Path(out), part, columns)
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


def _analyze_batch(batch: tuple, done: frozenset) -> tuple[dict[str, list[list]], int]:
    """Every table's values for the articles of a batch, column by column (see
    :func:`_add_columns`), and how many articles were skipped."""
    columns: dict[str, list[list]] = {name: [] for name in TABLES}
    skipped = 0
    for article_id, source, item in _batch_articles(batch):
        if article_id in done:
            skipped += 1
            continue
        if isinstance(item, Exception):
            _add_columns(columns["errors"], _by_column([(article_id, source, "load",
                                                         _reason(item))]))
            continue
        try:
            records = _article_rows(item)
            found = {name: _by_column(rows) for name, rows in records.items()}
        except Exception as error:  # recorded with its reason; the rest of the run goes on
            _add_columns(columns["errors"], _by_column([(article_id, source, "analyze",
                                                         _reason(error))]))
            continue
        if found["terms"]:  # the terms rows come without their article: one id a row
            found["terms"].insert(0, [item.id] * len(records["terms"]))
        for name, values in found.items():
            _add_columns(columns[name], values)
    return columns, skipped


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


def _commit_part(out: Path, part: str, values: dict[str, list[list]]) -> None:
    columns = {**article_columns(), "errors": ERROR_COLUMNS}
    for name, found in values.items():
        if not _n_rows(found):
            continue
        folder = out / (_RAW_SPEAKERS if name == "speakers" else name)
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{part}.parquet.tmp"
        _write_table(_columns_table(found, columns[name]), temporary)
        os.replace(temporary, folder / f"{part}.parquet")
    marker = out / _DONE / part
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()  # written last: the batch counts as done only now


# ----------------------------------------------------------------------------- output folder

def _table_folders(out: Path) -> list[Path]:
    return [out / name for name in (*TABLES, _RAW_SPEAKERS)]


def _clean_uncommitted(out: Path) -> int:
    """Delete part files of batches that never committed (an interrupted run)."""
    committed = {p.name for p in (out / _DONE).glob("*")} if (out / _DONE).is_dir() else set()
    removed = 0
    for folder in _table_folders(out):
        if folder.name == "speakers" or not folder.is_dir():
            continue
        for path in folder.iterdir():
            part = path.name.removeprefix(".").split(".parquet")[0]
            if path.name.startswith(".") or part not in committed:
                path.unlink()
                removed += 1
    return removed


def _read_folder(folder: Path, columns: list[str] | None = None) -> pd.DataFrame:
    files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    if not files:
        return pd.DataFrame(columns=columns or [])
    schemas = [pq.read_schema(f) for f in files]
    schema = pa.unify_schemas(schemas, promote_options="permissive")
    dataset = ds.dataset([str(f) for f in files], schema=schema, format="parquet")
    if columns is not None:  # those of the wanted columns this table has
        columns = [c for c in columns if c in schema.names]
    return dataset.to_table(columns=columns).to_pandas()


def _done_ids(out: Path) -> frozenset[str]:
    ids: set[str] = set()
    for name in ("articles", "errors"):
        ids.update(_read_folder(out / name, ["article"])["article"].astype(str))
    return frozenset(ids)


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


def _write_merged_speakers(out: Path) -> int:
    """Rewrite ``speakers/`` from the per-article rows with merged ids; returns its rows.

    The whole run's (article, speaker) pairs are held once, as plain interned
    strings: this end-of-run step is the only one whose memory grows with the input.
    """
    raw = out / _RAW_SPEAKERS
    target = out / "speakers"
    for old in target.glob("*.parquet") if target.is_dir() else []:
        old.unlink()
    parts = sorted(raw.glob("*.parquet")) if raw.is_dir() else []
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
    for part in parts:  # same partitioning as the raw rows
        # in Arrow: the nested mention and role columns never become Python objects
        table = pq.read_table(part)
        found = [merged[pair] for pair in zip(table["article"].to_pylist(),
                                              table["speaker"].to_pylist(), strict=True)]
        for column, values in (("speaker_id", [i for i, _ in found]),
                               ("canonical_name", [c for _, c in found])):
            table = table.append_column(column, pa.array(values, pa.large_string()))
        temporary = target / f".{part.stem}.parquet.tmp"
        _write_table(table, temporary)
        os.replace(temporary, target / part.name)
    return len(pairs)


def load_collection(out: str | Path) -> dict[str, pd.DataFrame]:
    """Load the tables of a collection output folder, sorted by article.

    Rows of one article keep their order (an article's rows sit in one part
    file), so two runs over the same input load equal tables whatever the
    engine, the number of workers or the interruptions.

    Returns
    -------
    dict of str to DataFrame
        Keys: articles, quotes, speakers, terms, errors.
    """
    out = Path(out)
    tables = {}
    for name in TABLES:
        table = _read_folder(out / name)
        if "article" in table.columns:
            table = table.sort_values("article", kind="stable")
        tables[name] = table.reset_index(drop=True)
    return tables


def collection_summary(out: str | Path) -> dict[str, int]:
    """Row counts of each table in an output folder, from Parquet metadata only."""
    out = Path(out)
    summary = {}
    for name in TABLES:
        folder = out / name
        files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
        summary[name] = sum(pq.read_metadata(f).num_rows for f in files)
    speakers = _read_folder(out / "speakers", ["speaker_id"])
    summary["speaker_ids"] = int(speakers["speaker_id"].nunique()) if len(speakers) else 0
    return summary


# ----------------------------------------------------------------------------- engines

_WORKER_DONE: frozenset = frozenset()


def _init_worker(done: frozenset) -> None:
    global _WORKER_DONE
    _WORKER_DONE = done


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


def _pool_batch(batch: tuple, out: str, part: str) -> dict:
    return process_batch(batch, out, part, _WORKER_DONE)


def _progress(total: int | None, enabled: bool, desc: str):
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="article", desc=desc, disable=not enabled, smoothing=0.1,
                dynamic_ncols=True)


def _run_local(batches: Iterable[tuple], out: Path, run_id: str, workers: int,
               done: frozenset, bar) -> dict:
    totals = {"articles": 0, "errors": 0, "skipped": 0}

    def add(counts: dict) -> None:
        for key in totals:
            totals[key] += counts[key]
        bar.update(counts["articles"] + counts["errors"] + counts["skipped"])

    numbered = ((batch, f"part-{run_id}-{i:06d}") for i, batch in enumerate(batches))
    if workers == 1:  # in this process: no start-up or pickling cost
        for batch, part in numbered:
            add(process_batch(batch, str(out), part, done))
        return totals
    # Bounded submission: at most 2 batches a worker in flight, so memory stays flat
    # however long the input (Executor.map would queue the whole input at once).
    _share_before_fork()
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(done,)) as pool:
        pending = set()
        try:
            for batch, part in numbered:
                pending.add(pool.submit(_pool_batch, batch, str(out), part))
                if len(pending) >= 2 * workers:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        add(future.result())
            for future in pending:
                add(future.result())
        except BaseException:  # Ctrl-C or a crash: drop queued batches; committed ones stay
            pool.shutdown(cancel_futures=True)
            raise
    return totals


def _run_dask(batches: list[tuple], out: Path, run_id: str, workers: int, done: frozenset,
              scheduler, bar) -> dict:
    import dask
    import dask.bag as db
    from distributed import Client, LocalCluster, as_completed

    totals = {"articles": 0, "errors": 0, "skipped": 0}
    if not batches:
        return totals
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        scheduler = cluster
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        parts = [f"part-{run_id}-{i:06d}" for i in range(len(batches))]
        bag = db.from_sequence(list(zip(batches, parts, strict=True)), npartitions=len(batches))
        done_node = dask.delayed(done, traverse=False)
        results = bag.map(lambda item, done: process_batch(item[0], str(out), item[1], done),
                          done=done_node)
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
) -> dict:
    """Analyse a collection into Parquet tables in ``out``; return a summary.

    Parameters are those of :func:`analyze_collection`; ``out`` is required.

    Returns
    -------
    dict
        ``articles``, ``errors``, ``skipped`` (done by an earlier run) for this
        run; ``seconds``; ``stages``; ``tables`` (row counts of every table in
        ``out``, and ``speaker_ids``: distinct merged speakers).

    Notes
    -----
    The run switches pyarrow in this process (and its workers) to the system
    allocator (``pyarrow.set_memory_pool``), which keeps long runs' memory flat;
    it stays so after the run.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    workers = max(1, workers or os.cpu_count() or 1)
    started = time.perf_counter()
    _use_system_allocator()  # before the workers fork: they inherit it
    if resume:
        _clean_uncommitted(out)
        done = _done_ids(out)
    else:
        for folder in [*_table_folders(out), out / _DONE]:
            for path in folder.glob("*") if folder.is_dir() else []:
                path.unlink()
        done = frozenset()
    files = _input_files(source)
    run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    with _progress(_count_items(files) if progress else None, progress, engine) as bar:
        if engine == "local":
            totals = _run_local(_batches(files, batch_size), out, run_id, workers, done, bar)
        else:
            totals = _run_dask(list(_batches(files, batch_size)), out, run_id, workers, done,
                               scheduler, bar)
    with paused_gc():  # makes no cycles; the collector would walk every pair many times
        _write_merged_speakers(out)
    if not any((out / "errors").glob("*.parquet")):  # so pd.read_parquet(OUT/"errors") works
        _write_parquet(pd.DataFrame({c: pd.Series(dtype=str) for c in ERROR_COLUMNS}),
                       out / "errors", "part-none")
    totals.update(seconds=time.perf_counter() - started, stages=pipeline_stages(),
                  tables=collection_summary(out), out=str(out))
    return totals


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
    if out is None:
        with tempfile.TemporaryDirectory(prefix="analysis-collection-") as folder:
            run_collection(source, folder, workers=workers, engine=engine, scheduler=scheduler,
                           resume=False, batch_size=batch_size, progress=progress)
            return load_collection(folder)
    run_collection(source, out, workers=workers, engine=engine, scheduler=scheduler,
                   resume=resume, batch_size=batch_size, progress=progress)
    return load_collection(out)
