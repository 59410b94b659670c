"""Scoring quote extraction against hand annotations in brat standoff format.

The evaluator is part of the library so an analyst can score the extractor on
their own annotated articles (PolNeAR layout: ``text/NAME.txt`` and
``attributions/NAME.ann``; or brat's own layout: ``NAME.txt`` beside
``NAME.ann``). The definition is fixed so figures compare across tools:

- a **gold item** is one attribution event (an ``E`` line); its content is the
  union of its Content pieces. It is **DIRECT** when its content contains a
  double quotation mark (``"``, ``“``, ``”``, or two apostrophes ``''`` as some
  NYT texts write them).
- a **predicted quote** (its ``spans`` pieces, or ``[start, end)``) **matches** a
  gold item when their character overlap is at least half of the gold content
  and at least half of the prediction; matching is one-to-one, greedily by
  largest overlap.
- precision, recall and F1 are given for DIRECT (predictions that contain or are
  enclosed by a double quotation mark, against DIRECT gold items) and for ALL.
- **speaker accuracy**: among matched gold items that have a Source, the share
  whose predicted speaker mention (``speaker_start``, ``speaker_end``) overlaps
  the Source.
- **end-to-end** precision/recall/F1 count a match only when the speaker is right
  too (for a gold item without Source: only when no speaker is predicted).

Examples
--------
>>> gold = [GoldAttribution("E1", ((4, 11),), (4, 11), (), ((0, 2),), True)]
>>> predicted = [{"spans": [[4, 11]], "speaker_start": 0, "speaker_end": 2}]
>>> score_article('He "hello" said.', predicted, gold)["e2e_all"]
1
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .article import Article, ArticleError, load_article

__all__ = [
    "AnnotationError",
    "GoldAttribution",
    "read_brat",
    "is_direct_text",
    "match_quotes",
    "score_article",
    "evaluate_folder",
    "summarize",
    "format_summary",
    "naive_quote_pairs",
    "COUNT_COLUMNS",
]

Span = tuple[int, int]

# The double quotation marks of the scoring definition; '' is NYT's convention.
_DOUBLE_QUOTE = re.compile("''|[\"“”]")
_ANN_ID = re.compile(r"^[TREAMN#*]\d*\t")
# Closing punctuation allowed between a quote's last word and its closing mark.
_TRAILING_PUNCT = " \t\n.,;:?!…-–—"

_SCORED_COLUMNS = ("spans", "start", "end", "speaker_start", "speaker_end")

COUNT_COLUMNS = [
    "gold_direct", "gold_all", "pred_direct", "pred_all",
    "matched_direct", "matched_all",
    "with_source_direct", "with_source_all",
    "speaker_right_direct", "speaker_right_all",
    "e2e_direct", "e2e_all",
]


class AnnotationError(ArticleError):
    """A brat annotation file could not be read or does not fit its article text."""


@dataclass(frozen=True)
class GoldAttribution:
    """One hand-annotated attribution event.

    Attributes
    ----------
    id : str
        The ``E`` identifier in the ``.ann`` file.
    content : tuple of (start, end)
        The content pieces, sorted and merged (Content and Content2 together).
    hull : (start, end)
        From the first content character to the last.
    cue : tuple of (start, end)
        The cue pieces; empty when the annotation has no Cue.
    source : tuple of (start, end) or None
        The Source pieces (the local mention: "he", "the daily"); None when the
        attribution has no Source.
    is_direct : bool
        The content contains a double quotation mark.
    """

    id: str
    content: tuple[Span, ...]
    hull: Span
    cue: tuple[Span, ...]
    source: tuple[Span, ...] | None
    is_direct: bool


def is_direct_text(fragment: str) -> bool:
    """True when ``fragment`` contains a double quotation mark (``"`` ``“`` ``”`` ``''``).

    >>> is_direct_text("the nominee “is dogged and smart,”"), is_direct_text("that it's fine")
    (True, False)
    """
    return _DOUBLE_QUOTE.search(fragment) is not None


def _merge(pieces: Iterable[Span]) -> tuple[Span, ...]:
    merged: list[list[int]] = []
    for start, end in sorted(pieces):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


_ANNOTATOR_SUFFIX = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})$")


def _text_stems(ann_path: Path) -> list[str]:
    """Stems the article text may have: the .ann's own, then, for upstream PolNeAR's
    ``NAME_ef2d.ann`` (an annotator's id after the name), ``NAME``."""
    match = _ANNOTATOR_SUFFIX.match(ann_path.stem)
    return [ann_path.stem, match.group("name")] if match else [ann_path.stem]


def _find_text_file(ann_path: Path) -> Path | None:
    for stem in _text_stems(ann_path):
        for candidate in (
            ann_path.parent / (stem + ".txt"),  # brat's own layout
            ann_path.parent.parent / "text" / (stem + ".txt"),  # PolNeAR layout
        ):
            if candidate.is_file():
                return candidate
    return None


def _parse_ann(ann_path: Path) -> tuple[dict, list]:
    """``T`` spans as {id: (type, pieces, fragment)} and ``E`` events as [(id, [(role, ref)])]."""
    try:
        lines = ann_path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise AnnotationError(f"{ann_path}: cannot be read ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise AnnotationError(f"{ann_path}: not UTF-8 ({error.reason})") from error
    spans: dict[str, tuple[str, list[Span], str]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    last_t: str | None = None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if not _ANN_ID.match(line):
            # A span whose text runs over a line break continues on the next line.
            if last_t is None:
                raise AnnotationError(f"{ann_path}:{number}: not a brat annotation line: {line!r}")
            kind, pieces, fragment = spans[last_t]
            spans[last_t] = (kind, pieces, fragment + "\n" + line)
            continue
        fields = line.split("\t")
        ident = fields[0]
        last_t = None
        if ident.startswith("T"):
            try:
                kind, offsets = fields[1].split(" ", 1)
                pieces = [
                    (int(a), int(b))
                    for a, b in (piece.split() for piece in offsets.split(";"))
                ]
            except (IndexError, ValueError) as error:
                raise AnnotationError(
                    f"{ann_path}:{number}: bad span line {line!r} (want 'TYPE START END')"
                ) from error
            spans[ident] = (kind, pieces, fields[2] if len(fields) > 2 else "")
            last_t = ident
        elif ident.startswith("E"):
            arguments = []
            for argument in fields[1].split() if len(fields) > 1 else []:
                role, _, ref = argument.partition(":")
                arguments.append((role, ref))
            events.append((ident, arguments))
    return spans, events


def read_brat(ann_path: str | Path, text_path: str | Path | None = None) -> list[GoldAttribution]:
    """The attribution events of a brat ``.ann`` file, with offsets into the article text.

    ``T`` lines give spans (discontinuous pieces joined with ``;``); ``E`` lines
    tie an attribution together (``Attribution:T4 Content:T3 Cue:T2 Source:T1``,
    numbered roles such as ``Content2`` joining the first). Events without a
    Content are skipped: there is nothing to score them on.

    Parameters
    ----------
    ann_path : str or Path
        The ``.ann`` file.
    text_path : str or Path, optional
        The article text. Default: ``NAME.txt`` beside the ``.ann`` or, in the
        PolNeAR layout, ``../text/NAME.txt``. When found, offsets are converted
        to :class:`~analysis.Article` text indices (brat counts a byte-order mark
        as a character; the article text drops it), checked against the text, and
        DIRECT is judged from the text. Without a text, offsets are kept as they
        are and DIRECT is judged from the fragments written in the ``.ann``.

    Returns
    -------
    list of GoldAttribution
        In file order.

    Raises
    ------
    AnnotationError
        Unreadable or malformed file, an event naming a missing span, or spans
        outside the article text.

    Examples
    --------
    >>> items = read_brat("tests/data/evaluate/split.ann")
    >>> [(g.id, g.content, g.is_direct) for g in items][:1]
    [('E1', ((0, 10), (21, 32)), True)]
    """
    ann_path = Path(ann_path)
    spans, events = _parse_ann(ann_path)
    text_file = Path(text_path) if text_path is not None else _find_text_file(ann_path)
    text: str | None = None
    shift = 0
    if text_file is not None:
        text = load_article(text_file).text
        try:
            if text_file.read_text(encoding="utf-8").startswith("\ufeff"):
                shift = -1
        except UnicodeDecodeError:
            pass  # not UTF-8: load_article decoded it; brat offsets are taken as they are

    def pieces_of(event_id: str, refs: list[str]) -> tuple[Span, ...]:
        pieces = []
        for ref in refs:
            if ref not in spans:
                raise AnnotationError(f"{ann_path}: event {event_id} names span {ref}, not found")
            pieces.extend((s + shift, e + shift) for s, e in spans[ref][1])
        merged = _merge((max(s, 0), e) for s, e in pieces)
        if text is not None and merged and merged[-1][1] > len(text):
            raise AnnotationError(
                f"{ann_path}: event {event_id} has a span ending at {merged[-1][1]}, "
                f"past the end of {text_file} ({len(text)} characters)"
            )
        return merged

    items = []
    for event_id, arguments in events:
        roles: dict[str, list[str]] = {}
        for role, ref in arguments[1:]:  # arguments[0] is the trigger (Attribution:T4)
            roles.setdefault(role.rstrip("0123456789"), []).append(ref)
        content = pieces_of(event_id, roles.get("Content", []))
        if not content:
            continue
        if text is not None:
            direct = any(is_direct_text(text[s:e]) for s, e in content)
        else:
            direct = any(is_direct_text(spans[ref][2]) for ref in roles["Content"])
        source = pieces_of(event_id, roles["Source"]) if "Source" in roles else None
        items.append(
            GoldAttribution(
                id=event_id,
                content=content,
                hull=(content[0][0], content[-1][1]),
                cue=pieces_of(event_id, roles.get("Cue", [])),
                source=source or None,
                is_direct=direct,
            )
        )
    return items


# ---------------------------------------------------------------- predictions


def _is_missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return math.isnan(value) or value < 0
    except TypeError:
        return False


def _prediction_pieces(row: dict) -> tuple[Span, ...]:
    spans = row.get("spans")
    if isinstance(spans, str):  # a table read back from CSV
        spans = json.loads(spans) if spans.strip() else None
    pieces: list[Span] = []
    if spans is not None and not (pd.api.types.is_scalar(spans) and pd.isna(spans)):
        spans = list(spans)
        if len(spans) == 2 and not hasattr(spans[0], "__len__"):
            spans = [spans]  # a bare [start, end]
        pieces = [(int(s), int(e)) for s, e in spans]
    if not pieces and not _is_missing(row.get("start")) and not _is_missing(row.get("end")):
        pieces = [(int(row["start"]), int(row["end"]))]
    return _merge(pieces)


def _speaker_span(row: dict) -> Span | None:
    start, end = row.get("speaker_start"), row.get("speaker_end")
    if _is_missing(start) or _is_missing(end):
        return None
    return int(start), int(end)


def _rows(predicted) -> list[dict]:
    if predicted is None:
        return []
    if isinstance(predicted, pd.DataFrame):
        # Only the scored columns, as plain lists: to_dict("records") is slow.
        columns = [c for c in _SCORED_COLUMNS if c in predicted.columns]
        values = [predicted[c].tolist() for c in columns]
        rows = [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
        if len(predicted) and not columns:
            rows = [{} for _ in range(len(predicted))]
    else:
        rows = [dict(row) for row in predicted]
    if rows and not any("spans" in row or {"start", "end"} <= row.keys() for row in rows):
        raise ValueError(
            f"the quote table needs a 'spans' column or 'start' and 'end' columns; "
            f"it has {sorted(rows[0])}"
        )
    return rows


def _is_direct_prediction(text: str, pieces: Sequence[Span]) -> bool:
    """Contains a double quotation mark, or sits right inside a pair of them."""
    if any(is_direct_text(text[s:e]) for s, e in pieces):
        return True
    if not pieces:
        return False
    before = text[: pieces[0][0]].rstrip(" \t\n")[-2:]
    after = text[pieces[-1][1] :].lstrip(_TRAILING_PUNCT)[:2]
    # Curly marks say which way they face: text after a closing mark is not inside.
    facing_in = not before.endswith("”") and not after.startswith("“")
    return facing_in and is_direct_text(before) and is_direct_text(after)


# ---------------------------------------------------------------- matching


def _overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    total = i = j = 0
    while i < len(a) and j < len(b):
        low = max(a[i][0], b[j][0])
        high = min(a[i][1], b[j][1])
        if high > low:
            total += high - low
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def _length(pieces: Sequence[Span]) -> int:
    return sum(e - s for s, e in pieces)


def match_quotes(
    gold: Sequence[Sequence[Span]],
    predicted: Sequence[Sequence[Span]],
    threshold: float = 0.5,
    prefer: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, int]]:
    """One-to-one matches between gold contents and predictions, greedily by overlap.

    A pair qualifies when their character overlap is at least ``threshold`` of
    the gold length and of the predicted length; the largest overlaps are taken
    first. Among equal overlaps (two attributions of one content, as in
    "Smith and Jones said ..."), pairs for which ``prefer(gold_index,
    predicted_index)`` is true come first, then earlier gold items, then earlier
    predictions.

    Parameters
    ----------
    gold, predicted : sequences of piece lists
        Each item is a list of sorted, non-overlapping ``(start, end)`` pieces.
    threshold : float
        The share of each side the overlap must reach (0.5 in the definition).
    prefer : callable, optional
        Tie-break among equal overlaps; :func:`score_article` prefers pairs
        whose speaker is right.

    Returns
    -------
    list of (gold_index, predicted_index, overlap)

    Examples
    --------
    >>> match_quotes([[(0, 10)], [(20, 30)]], [[(0, 10)], [(22, 40)], [(50, 60)]])
    [(0, 0, 10)]
    """
    candidates = []
    predicted_hulls = [(pieces[0][0], pieces[-1][1]) if pieces else (0, 0) for pieces in predicted]
    for g, g_pieces in enumerate(gold):
        if not g_pieces:
            continue
        g_len = _length(g_pieces)
        g_start, g_end = g_pieces[0][0], g_pieces[-1][1]
        for p, p_pieces in enumerate(predicted):
            p_start, p_end = predicted_hulls[p]
            if p_start >= g_end or p_end <= g_start:
                continue  # disjoint hulls: no overlap, skip the piecewise count
            shared = _overlap(g_pieces, p_pieces)
            big_enough = shared >= threshold * g_len and shared >= threshold * _length(p_pieces)
            if shared > 0 and big_enough:
                preferred = prefer is not None and prefer(g, p)
                candidates.append((-shared, not preferred, g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches = []
    for negative_shared, _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            matches.append((g, p, -negative_shared))
    return matches


def _speaker_right(gold: GoldAttribution, speaker: Span | None) -> bool:
    if gold.source is None:
        return speaker is None
    return speaker is not None and _overlap(gold.source, [speaker]) > 0


def score_article(text: str, predicted, gold_items: Sequence[GoldAttribution]) -> dict[str, int]:
    """Counts for one article: gold, predicted, matched, speaker and end-to-end.

    Parameters
    ----------
    text : str
        The article text the offsets index.
    predicted : DataFrame or iterable of dicts
        The quote table: ``spans`` (list of ``[start, end]`` pieces) or
        ``start``/``end``, and ``speaker_start``/``speaker_end`` (NaN, None or -1
        when no speaker was found).
    gold_items : sequence of GoldAttribution

    Returns
    -------
    dict
        The :data:`COUNT_COLUMNS`, each for ``_direct`` and ``_all``: ``gold``,
        ``pred``, ``matched``, ``with_source`` (matched gold items with a
        Source), ``speaker_right`` (of those, speaker overlaps the Source) and
        ``e2e`` (matches whose speaker is right, Source or not).

    Examples
    --------
    >>> g = [GoldAttribution("E1", ((3, 10),), (3, 10), (), ((11, 13),), True)]
    >>> score_article('So "Hi!" he said.', [{"start": 3, "end": 8}], g)["matched_direct"]
    1
    """
    rows = _rows(predicted)
    pred_pieces = [_prediction_pieces(row) for row in rows]
    speakers = [_speaker_span(row) for row in rows]
    pred_direct = [_is_direct_prediction(text, pieces) for pieces in pred_pieces]
    counts: dict[str, int] = {}
    for scope in ("direct", "all"):
        gold = [g for g in gold_items if scope == "all" or g.is_direct]
        chosen = [i for i, d in enumerate(pred_direct) if scope == "all" or d]
        matches = match_quotes(
            [g.content for g in gold],
            [pred_pieces[i] for i in chosen],
            prefer=lambda g, p, gold=gold, chosen=chosen: _speaker_right(
                gold[g], speakers[chosen[p]]),
        )
        with_source = speaker_right = e2e = 0
        for g_index, p_index, _ in matches:
            item, speaker = gold[g_index], speakers[chosen[p_index]]
            right = _speaker_right(item, speaker)
            e2e += right
            if item.source is not None:
                with_source += 1
                speaker_right += right
        counts.update({
            f"gold_{scope}": len(gold),
            f"pred_{scope}": len(chosen),
            f"matched_{scope}": len(matches),
            f"with_source_{scope}": with_source,
            f"speaker_right_{scope}": speaker_right,
            f"e2e_{scope}": e2e,
        })
    return {column: counts[column] for column in COUNT_COLUMNS}


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def _f1(precision: float, recall: float) -> float:
    if math.isnan(precision) or math.isnan(recall):
        return float("nan")
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def summarize(per_article: pd.DataFrame) -> pd.DataFrame:
    """Figures from summed counts: one row for DIRECT and one for ALL.

    Columns: scope, gold, predicted, matched, precision, recall, f1,
    speaker_accuracy, e2e_precision, e2e_recall, e2e_f1. A ratio with a zero
    denominator is NaN.
    """
    totals = per_article[COUNT_COLUMNS].sum()
    rows = []
    for scope in ("direct", "all"):
        gold, pred = totals[f"gold_{scope}"], totals[f"pred_{scope}"]
        matched, e2e = totals[f"matched_{scope}"], totals[f"e2e_{scope}"]
        precision, recall = _ratio(matched, pred), _ratio(matched, gold)
        e2e_precision, e2e_recall = _ratio(e2e, pred), _ratio(e2e, gold)
        rows.append({
            "scope": scope.upper(),
            "gold": int(gold),
            "predicted": int(pred),
            "matched": int(matched),
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "speaker_accuracy": _ratio(totals[f"speaker_right_{scope}"],
                                       totals[f"with_source_{scope}"]),
            "e2e_precision": e2e_precision,
            "e2e_recall": e2e_recall,
            "e2e_f1": _f1(e2e_precision, e2e_recall),
        })
    return pd.DataFrame(rows)


def format_summary(summary: pd.DataFrame, title: str = "") -> str:
    """The figures of :func:`summarize` / :func:`evaluate_folder` as a plain-text table.

    >>> counts = pd.DataFrame([dict.fromkeys(COUNT_COLUMNS, 1)])
    >>> print(format_summary(summarize(counts)).splitlines()[0].split()[:4])
    ['scope', 'gold', 'predicted', 'matched']
    """
    header = (f"{'scope':<7}{'gold':>7}{'predicted':>10}{'matched':>8}"
              f"{'P':>7}{'R':>7}{'F1':>7}{'speaker acc':>13}{'e2e P':>7}{'e2e R':>7}{'e2e F1':>8}")
    lines = [title] if title else []
    attrs = summary.attrs
    if "articles" in attrs:
        lines.append(f"{attrs['articles']} articles; extraction {attrs['articles_per_second']:.1f}"
                     f" articles/s ({attrs['extract_seconds']:.2f} s in the extractor)")
    if lines:
        lines.append("")
    lines.append(header)
    for row in summary.itertuples(index=False):
        lines.append(
            f"{row.scope:<7}{row.gold:>7}{row.predicted:>10}{row.matched:>8}"
            f"{row.precision:>7.3f}{row.recall:>7.3f}{row.f1:>7.3f}{row.speaker_accuracy:>13.3f}"
            f"{row.e2e_precision:>7.3f}{row.e2e_recall:>7.3f}{row.e2e_f1:>8.3f}"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------- folders


def _annotated_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(text, ann) pairs in PolNeAR layout (text/, attributions/) or brat's (side by side).

    Upstream PolNeAR names each annotation after its annotator
    (``attributions/NAME_ef2d.ann`` for ``text/NAME.txt``); an article annotated by
    several annotators is scored once, on the first of its files (sorted by name).
    """
    if (folder / "attributions").is_dir():
        ann_files = sorted((folder / "attributions").glob("*.ann"))
        text_dir = folder / "text"
    else:
        ann_files = sorted(folder.glob("*.ann"))
        text_dir = folder
    if not ann_files:
        raise AnnotationError(
            f"{folder}: no .ann files (want text/ + attributions/, or NAME.txt beside NAME.ann)"
        )
    pairs = []
    seen: set[Path] = set()
    for ann in ann_files:
        candidates = [text_dir / (stem + ".txt") for stem in _text_stems(ann)]
        text_file = next((c for c in candidates if c.is_file()), None)
        if text_file is None:
            raise AnnotationError(f"{ann}: its article text {candidates[-1]} is missing")
        if text_file not in seen:
            seen.add(text_file)
            pairs.append((text_file, ann))
    return pairs


def evaluate_folder(
    folder: str | Path,
    extractor: Callable[[Article], pd.DataFrame] | None = None,
    limit: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score a quote extractor on a folder of hand-annotated articles.

    Parameters
    ----------
    folder : str or Path
        PolNeAR layout (``text/NAME.txt`` + ``attributions/NAME.ann``) or brat's
        (``NAME.txt`` beside ``NAME.ann``).
    extractor : callable, optional
        ``Article -> quote table``; default :func:`analysis.quotes.extract_quotes`.
    limit : int, optional
        Score only the first ``limit`` articles (sorted by name).

    Returns
    -------
    summary : DataFrame
        See :func:`summarize`; ``summary.attrs`` holds ``articles``,
        ``extract_seconds`` and ``articles_per_second`` (extraction only).
    per_article : DataFrame
        One row per article: ``article``, the :data:`COUNT_COLUMNS` and
        ``seconds`` (extraction time).

    Examples
    --------
    >>> summary, _ = evaluate_folder("tests/data/evaluate", extractor=naive_quote_pairs)
    >>> int(summary.set_index("scope").loc["DIRECT", "gold"])
    7
    """
    if extractor is None:
        from .quotes import extract_quotes as extractor
    pairs = _annotated_pairs(Path(folder))[:limit]
    rows = []
    for text_file, ann_file in pairs:
        article = load_article(text_file)
        gold = read_brat(ann_file, text_file)
        started = time.perf_counter()
        try:
            predicted = extractor(article)
        except Exception as error:
            error.add_note(f"while extracting quotes from {text_file}")
            raise
        seconds = time.perf_counter() - started
        rows.append({"article": article.id, **score_article(article.text, predicted, gold),
                     "seconds": seconds})
    per_article = pd.DataFrame(rows, columns=["article", *COUNT_COLUMNS, "seconds"])
    summary = summarize(per_article)
    total = float(per_article["seconds"].sum())
    summary.attrs.update(articles=len(per_article), extract_seconds=total,
                         articles_per_second=_ratio(len(per_article), total))
    return summary, per_article


# ---------------------------------------------------------------- baseline


def naive_quote_pairs(article: Article | str) -> pd.DataFrame:
    """Baseline: pair double quotation marks in turn (1st-2nd, 3rd-4th, ...), no speaker.

    Only a yardstick for :func:`evaluate_folder`: it ignores direction, paragraphs
    and unbalanced marks, so one stray mark shifts every later pair.

    Returns
    -------
    DataFrame
        Columns: quote_id, kind, text, start, end, spans, speaker_start,
        speaker_end (speaker columns are always missing).

    Examples
    --------
    >>> naive_quote_pairs('“Yes,” he said. “No.”').text.tolist()
    ['“Yes,”', '“No.”']
    """
    text = article.text if isinstance(article, Article) else article
    marks = [m.span() for m in _DOUBLE_QUOTE.finditer(text)]
    rows = []
    for n, (opening, closing) in enumerate(zip(marks[::2], marks[1::2], strict=False), 1):
        start, end = opening[0], closing[1]
        rows.append((f"q{n}", "direct", text[start:end], start, end, [[start, end]], None, None))
    return pd.DataFrame(rows, columns=["quote_id", "kind", "text", "start", "end", "spans",
                                       "speaker_start", "speaker_end"])
