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

import csv
import json
import math
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from .article import Article, ArticleError, load_article
from .lexicons import read_table, read_word_list, singular

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
    "SpeakerLabel",
    "read_speaker_labels",
    "same_speaker",
    "speaker_mention_kind",
    "score_resolution",
    "summarize_resolved",
    "format_resolved",
    "label_agreement",
    "format_agreement",
    "SPEAKER_LABELS",
    "SPEAKER_LABELS_SECOND_PASS",
    "LABEL_TYPES",
    "MENTION_KINDS",
    "RESOLVED_COLUMNS",
]

Span = tuple[int, int]

# The double quotation marks of the scoring definition; '' is NYT's convention.
_DOUBLE_QUOTE = re.compile("''|[\"“”]")
_ANN_ID = re.compile(r"^[TREAMN#*]\d*\t")
# Closing punctuation allowed between a quote's last word and its closing mark.
_TRAILING_PUNCT = " \t\n.,;:?!…-–—"

_SCORED_COLUMNS = ("spans", "start", "end", "speaker_start", "speaker_end",
                   "speaker", "evidence", "quote_id")

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
    return _score(text, _rows(predicted), gold_items)[0]


def _score(text: str, rows: list[dict], gold_items: Sequence[GoldAttribution]):
    """:func:`score_article`'s counts, and the ALL scope's matches as (gold, row) index pairs."""
    pred_pieces = [_prediction_pieces(row) for row in rows]
    speakers = [_speaker_span(row) for row in rows]
    pred_direct = [_is_direct_prediction(text, pieces) for pieces in pred_pieces]
    counts: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []
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
        if scope == "all":  # every item is in scope: indexes are the callers' own
            pairs = [(g_index, chosen[p_index]) for g_index, p_index, _ in matches]
    return {column: counts[column] for column in COUNT_COLUMNS}, pairs


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


# ---------------------------------------------------------------- resolved speakers

# The committed labels (see tests/data/speaker_labels.md): pass 1 over 84 PolNeAR train
# articles and an independent second pass over 14 of them.
SPEAKER_LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "speaker_labels.tsv"
SPEAKER_LABELS_SECOND_PASS = SPEAKER_LABELS.with_name("speaker_labels_second_pass.tsv")

LABEL_TYPES = ("person", "organisation", "group", "unnamed-person", "document", "author",
               "generic", "several", "unknown")
# Labels that name no one in the text: not scored (no speaker could be right or wrong).
UNSCORED_TYPES = frozenset({"author", "generic", "unknown"})
MENTION_KINDS = ("name", "pronoun", "description", "continuation", "none")
RESOLVED_COLUMNS = [
    *(f"{what}_{kind}" for kind in MENTION_KINDS for what in ("labelled", "right", "empty")),
    "labelled_unscored",
]
_DESCRIBED_TYPES = frozenset({"group", "unnamed-person", "document"})
_CONTINUATION = frozenset({"previous-speaker", "previous-frame"})


@dataclass(frozen=True)
class SpeakerLabel:
    """Who is behind one attribution, as a labeller wrote it.

    Attributes
    ----------
    speaker : str
        The entity ("Hillary Clinton", "officials"); ``several`` joins names with ``" ; "``.
    type : str
        One of :data:`LABEL_TYPES`.
    aliases : tuple of str
        Other full forms the article uses for the same entity.
    """

    speaker: str
    type: str = "person"
    aliases: tuple[str, ...] = ()

    def forms(self) -> list[str]:
        """The label's names: each of a ``several`` label's, then the aliases."""
        names = self.speaker.split(" ; ") if self.type == "several" else [self.speaker]
        return [form for form in (*names, *self.aliases) if form.strip()]


def read_speaker_labels(path: str | Path = SPEAKER_LABELS) -> pd.DataFrame:
    """A speaker-label file: tab-separated, one row per attribution (``E`` id).

    Columns ``article`` (file stem), ``attribution`` (``E12``), ``speaker`` and
    ``type`` (one of :data:`LABEL_TYPES`) are required; ``source`` (the ``T`` id),
    ``aliases`` (``|``-separated) and ``note`` are kept when present.

    Raises
    ------
    AnnotationError
        Unreadable file, a missing column, an unknown type or an attribution labelled twice.

    Examples
    --------
    >>> labels = read_speaker_labels("tests/data/resolution/speaker_labels.tsv")
    >>> labels.loc[0, ["attribution", "speaker", "type"]].tolist()
    ['E1', 'Ann Lee', 'person']
    """
    path = Path(path)
    try:
        table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False,
                            quoting=csv.QUOTE_NONE, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise AnnotationError(f"{path}: cannot be read as a speaker-label table ({error})") \
            from error
    missing = [c for c in ("article", "attribution", "speaker", "type") if c not in table]
    if missing:
        raise AnnotationError(f"{path}: no column {', '.join(missing)} "
                              f"(has {', '.join(table.columns)})")
    for column in ("source", "aliases", "note"):
        if column not in table:
            table[column] = ""
    bad = table[~table["type"].isin(LABEL_TYPES)]
    if len(bad):
        line = int(bad.index[0]) + 2  # the header is line 1
        raise AnnotationError(f"{path}:{line}: type {bad['type'].iloc[0]!r} is not one of "
                              f"{', '.join(LABEL_TYPES)}")
    twice = table.duplicated(["article", "attribution"], keep=False)
    if twice.any():
        first = table[twice].iloc[0]
        raise AnnotationError(f"{path}: {first['article']} {first['attribution']} "
                              "is labelled more than once")
    return table


def _label_index(labels: pd.DataFrame) -> dict[tuple[str, str], SpeakerLabel]:
    return {
        (article, attribution): SpeakerLabel(
            speaker, kind, tuple(a.strip() for a in aliases.split("|") if a.strip()))
        for article, attribution, speaker, kind, aliases in zip(
            labels["article"], labels["attribution"], labels["speaker"], labels["type"],
            labels["aliases"], strict=True)
    }


# ------------------------------------------------ the name comparison


def _fold_words(text: str) -> tuple[str, ...]:
    """Words for comparison: accents, case, invisible characters, apostrophes and a
    possessive 's dropped, other punctuation a word break, initials joined ("J. K." = "JK")."""
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed
                   if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf")
    text = re.sub(r"['’‘`]", "", re.sub(r"['’‘`]s\b", "", text.casefold()))
    words: list[str] = []
    initials = False
    for word in re.findall(r"[^\W_]+", text):
        if len(word) == 1 and initials:
            words[-1] += word
        else:
            words.append(word)
        initials = len(word) == 1
    return tuple(words)


@cache
def _titles() -> frozenset[tuple[str, ...]]:
    rows = [row[0] for row in read_table("titles.tsv")] + list(read_word_list("honorifics.txt"))
    return frozenset(_fold_words(title) for title in rows)


@cache
def _suffixes() -> frozenset[str]:
    return frozenset(_fold_words(row[0])[0] for row in read_table("name_parts.tsv")
                     if row[1] == "suffix")


@cache
def _stopwords() -> frozenset[str]:
    return read_word_list("stopwords.txt")


def _person_words(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A person's name words without titles, and its generational suffix (or ())."""
    suffix = words[-1:] if len(words) > 1 and words[-1] in _suffixes() else ()
    words = words[: len(words) - len(suffix)]
    # cut after the last title that leaves a word: "House Speaker Paul Ryan" -> "Paul Ryan"
    cut = 0
    for start in range(len(words)):
        for size in range(len(words) - start - 1, 0, -1):
            if words[start:start + size] in _titles():
                cut = max(cut, start + size)
                break
    return words[cut:], suffix



def _description_key(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words before any postmodifier ("of ...", "close to ..."), singular; a
    leading determiner dropped. The head noun is the last."""
    stop = _stopwords()
    start = next((i for i, word in enumerate(words) if word not in stop), len(words))
    end = next((i for i in range(start, len(words)) if words[i] in stop), len(words))
    if end - start > 1 and end < len(words) and words[end - 1] in _postmodifier_starts():
        end -= 1  # "close" of "source close to Cruz" opens the postmodifier
    return tuple(singular(word) for word in words[start:end])


@cache
def _postmodifier_starts() -> frozenset[str]:
    return read_word_list("postmodifier_starts.txt")


def _same_description(predicted: tuple[str, ...], label: str) -> bool:
    """The same head noun, and the label's names ("Fox News" of "Fox News poll",
    any word not in lower case) among the predicted words."""
    words, label_words = _description_key(predicted), _description_key(_fold_words(label))
    named = {singular(word) for word in _fold_words(
        " ".join(w for w in label.split() if not w[:1].islower()))}
    every = {singular(word) for word in predicted}
    return (bool(words and label_words) and words[-1] == label_words[-1]
            and named - _stopwords() <= every)


def _same_name(predicted: tuple[str, ...], label: str) -> bool:
    """Same first name and suffix, and the predicted surname among the label's later
    words: middle names, initials and a second surname ("Melba Acosta" for "Melba
    Acosta Febo") may be missing, but nothing may be added after the surname."""
    words, suffix = _person_words(predicted)
    label_words, label_suffix = _person_words(_fold_words(label))
    if not words or suffix != label_suffix:
        return False
    if len(words) == 1 or len(label_words) == 1:
        return words == label_words
    return words[0] == label_words[0] and words[-1] in label_words[1:]


def _same_organisation(predicted: tuple[str, ...], label: str) -> bool:
    def strip(words):
        return words[1:] if len(words) > 1 and words[0] == "the" else words
    return bool(predicted) and strip(predicted) == strip(_fold_words(label))


def same_speaker(predicted: str, label: str, label_type: str = "person",
                 aliases: Iterable[str] = ()) -> bool | None:
    """Is a predicted speaker name the labelled entity? None when the label names no one.

    Both sides are folded first: case, accents, invisible characters (zero-width
    space), apostrophes and a possessive 's dropped, other punctuation a word
    break, initials written apart joined. Then, against the label and each alias:

    - ``person``: titles and honorifics (``resources/titles.tsv``,
      ``honorifics.txt``) dropped, the same first name and generational suffix,
      and the predicted surname (last word) among the label's words after the
      first: middle names, initials and a second surname may be missing on the
      predicted side ("Melba Acosta" for "Melba Acosta Febo"), but nothing may
      follow the surname ("Tom Udall of New Mexico" is wrong). A bare surname
      equals only a bare surname, so "Clinton" is wrong for "Hillary Clinton"
      and right for "Smith" when the article never gives Smith's first name.
    - ``organisation``: the same words, a leading "the" dropped.
    - ``several``: any one of the names, by the person or organisation rule, or by
      the description rule below when it ends in a lower-case word ("striking unions");
      a prediction listing several ("Ann Lee, Bob Roe and Tom Ford", "A ; B") is right
      when each one it lists is.
    - ``group``, ``unnamed-person``, ``document``: the same head noun (the last
      word before a postmodifier such as "of ..." or "close to ...", after any
      determiner, plurals made singular), and every word of the label that is
      not in lower case (its names: "Fox News" of "Fox News poll", "13" of "13
      Hours") among the predicted words: "White House officials" or "officials"
      for "officials", "Democratic staffer in the room" for "Democratic staffer";
      not "poll" for "Fox News poll", nor "Democratic voters" for "Republican
      voters".
    - ``author``, ``generic``, ``unknown``: None (not scored).

    An empty prediction is never right.

    Examples
    --------
    >>> same_speaker("Donald J. Trump", "Donald Trump"), same_speaker("Trump", "Donald Trump")
    (True, False)
    >>> same_speaker("White House officials", "officials", "group")
    True
    >>> same_speaker("poll", "Fox News poll", "document")
    False
    """
    if label_type in UNSCORED_TYPES:
        return None
    if label_type not in LABEL_TYPES:
        raise ValueError(f"label type {label_type!r} is not one of {', '.join(LABEL_TYPES)}")
    words = _fold_words(predicted)
    if not words:
        return False
    parts = [part for part in _LISTED.split(predicted) if part.strip()]
    if label_type == "several" and len(parts) > 1:
        # "Ann Lee, Bob Roe and Tom Ford": each named one of them
        return all(same_speaker(part, label, label_type, aliases) for part in parts)
    forms = SpeakerLabel(label, label_type, tuple(aliases)).forms()
    return any(words == _fold_words(form) or any(rule(words, form)
                                                 for rule in _rules(label_type, form))
               for form in forms)


_LISTED = re.compile(r"\s*(?:;|,|\band\b)\s*")  # between the names of a list


def _rules(label_type: str, form: str):
    if label_type in _DESCRIBED_TYPES:
        return (_same_description,)
    if label_type == "person":
        return (_same_name,)
    if label_type == "organisation":
        return (_same_organisation,)
    # one of several: labels write descriptions in lower case but for names
    if form.split()[-1][:1].islower():
        return (_same_description,)
    return (_same_name, _same_organisation)


def speaker_mention_kind(speaker: str, evidence: str = "", has_mention: bool = True) -> str:
    """The kind of a quote's speaker mention, from the quote table's evidence.

    ``continuation`` (the speaker came from an earlier quote: ``previous-speaker``,
    ``previous-frame``), ``pronoun`` (``pronoun...``, ``relative-...``),
    ``description`` (``descriptor->...``, ``description``), ``none`` (no speaker
    mention and no speaker), else ``name``. Resolution failures keep their kind:
    a pronoun left unresolved is a ``pronoun`` with an empty speaker.

    >>> speaker_mention_kind("Ann Lee", "after-cue; pronoun->Ann Lee (current speaker)")
    'pronoun'
    >>> speaker_mention_kind("", "no-cue", has_mention=False)
    'none'
    """
    parts = evidence.split("; ") if evidence else []
    if _CONTINUATION.intersection(parts):
        return "continuation"
    if any(part.startswith(("pronoun", "relative-")) for part in parts):
        return "pronoun"
    if any(part.startswith(("descriptor->", "description")) for part in parts):
        return "description"
    if not has_mention and not speaker.strip():
        return "none"
    return "name"


def _text_cell(row: dict, column: str) -> str:
    value = row.get(column)
    return value if isinstance(value, str) else ""


def _resolved_rows(text: str, rows: list[dict], gold_items: Sequence[GoldAttribution],
                   pairs: Iterable[tuple[int, int]], labels: Mapping[str, SpeakerLabel]):
    items = []
    for g_index, p_index in pairs:
        gold = gold_items[g_index]
        label = labels.get(gold.id)
        if label is None:
            continue
        row = rows[p_index]
        speaker = _text_cell(row, "speaker")
        span = _speaker_span(row)
        items.append({
            "attribution": gold.id,
            "quote_id": row.get("quote_id", p_index),
            "kind": speaker_mention_kind(speaker, _text_cell(row, "evidence"), span is not None),
            "mention": text[span[0]:span[1]] if span else "",
            "speaker": speaker,
            "label": label.speaker,
            "label_type": label.type,
            "right": same_speaker(speaker, label.speaker, label.type, label.aliases),
        })
    return items


def score_resolution(text: str, predicted, gold_items: Sequence[GoldAttribution],
                     labels: Mapping[str, SpeakerLabel]) -> list[dict]:
    """Resolved-speaker judgements for one article's quotes matched to labelled attributions.

    Quotes are matched to gold attributions as in :func:`score_article` (ALL
    scope); each match whose attribution has a label gives one item.

    Parameters
    ----------
    text : str
        The article text.
    predicted : DataFrame or iterable of dicts
        The quote table; ``speaker`` (the canonical name) and ``evidence`` are
        read when present.
    gold_items : sequence of GoldAttribution
    labels : mapping
        ``E`` id -> :class:`SpeakerLabel`.

    Returns
    -------
    list of dict
        attribution, quote_id, kind (:func:`speaker_mention_kind`), mention,
        speaker, label, label_type, right (:func:`same_speaker`; None when the
        label names no one).

    Examples
    --------
    >>> g = [GoldAttribution("E1", ((3, 10),), (3, 10), (), ((11, 13),), True)]
    >>> row = {"start": 3, "end": 8, "speaker_start": 11, "speaker_end": 13,
    ...        "speaker": "Ann Lee", "evidence": "after-cue; pronoun->Ann Lee (nearest)"}
    >>> item, = score_resolution('So "Hi!" he said.', [row], g, {"E1": SpeakerLabel("Ann Lee")})
    >>> item["kind"], item["right"]
    ('pronoun', True)
    """
    rows = _rows(predicted)
    return _resolved_rows(text, rows, gold_items, _score(text, rows, gold_items)[1], labels)


def _resolved_counts(items: Iterable[dict]) -> dict[str, int]:
    counts = dict.fromkeys(RESOLVED_COLUMNS, 0)
    for item in items:
        if item["right"] is None:
            counts["labelled_unscored"] += 1
            continue
        counts[f"labelled_{item['kind']}"] += 1
        counts[f"right_{item['kind']}"] += bool(item["right"])
        counts[f"empty_{item['kind']}"] += not item["speaker"].strip()
    return counts


def summarize_resolved(per_article: pd.DataFrame) -> pd.DataFrame:
    """Resolved-speaker accuracy by mention kind, from :func:`evaluate_folder`'s per-article counts.

    Returns
    -------
    DataFrame
        One row per kind of :data:`MENTION_KINDS`, then ``all``: kind, quotes
        (matched quotes whose label names someone), right, accuracy (NaN with
        no quotes), empty (speaker left empty). ``attrs["unscored"]`` counts the
        matched quotes labelled author, generic or unknown;
        ``attrs["labelled_articles"]`` the articles with a labelled match.
    """
    totals = per_article[RESOLVED_COLUMNS].sum()
    rows = [{"kind": kind, "quotes": int(totals[f"labelled_{kind}"]),
             "right": int(totals[f"right_{kind}"]), "empty": int(totals[f"empty_{kind}"])}
            for kind in MENTION_KINDS]
    rows.append({"kind": "all", **{key: sum(row[key] for row in rows)
                                   for key in ("quotes", "right", "empty")}})
    for row in rows:
        row["accuracy"] = _ratio(row["right"], row["quotes"])
    table = pd.DataFrame(rows, columns=["kind", "quotes", "right", "accuracy", "empty"])
    labelled = per_article[[f"labelled_{k}" for k in MENTION_KINDS] + ["labelled_unscored"]]
    table.attrs.update(unscored=int(totals["labelled_unscored"]),
                       labelled_articles=int((labelled.sum(axis=1) > 0).sum()))
    return table


def format_resolved(resolved: pd.DataFrame) -> str:
    """The table of :func:`summarize_resolved` as plain text.

    >>> counts = pd.DataFrame([dict.fromkeys(RESOLVED_COLUMNS, 1)])
    >>> print(format_resolved(summarize_resolved(counts)).splitlines()[-1])
    all                 5      5     1.000      5
    """
    names = {"none": "none found"}
    lines = [
        f"resolved speaker: {resolved.attrs.get('labelled_articles', 0)} labelled articles, "
        f"{resolved.attrs.get('unscored', 0)} more matched quotes labelled "
        "author/generic/unknown (not scored)",
        "",
        f"{'kind':<14}{'quotes':>7}{'right':>7}{'accuracy':>10}{'empty':>7}",
    ]
    for row in resolved.itertuples(index=False):
        lines.append(f"{names.get(row.kind, row.kind):<14}{row.quotes:>7}{row.right:>7}"
                     f"{row.accuracy:>10.3f}{row.empty:>7}")
    return "\n".join(lines)


# ------------------------------------------------ agreement between two labelling passes


def same_label(a: SpeakerLabel, b: SpeakerLabel) -> bool:
    """Do two labels of one attribution name the same entity, under :func:`same_speaker`?

    Labels that name no one agree when their types do; a ``several`` label agrees
    only with another whose every name matches one of its own, both ways; other
    labels agree when any form of one (speaker or alias) matches the other.

    >>> same_label(SpeakerLabel("Donald J. Trump"), SpeakerLabel("Donald Trump"))
    True
    """
    if a.type in UNSCORED_TYPES or b.type in UNSCORED_TYPES:
        return a.type == b.type
    if "several" in (a.type, b.type):
        if a.type != b.type:
            return False
        names_a, names_b = a.speaker.split(" ; "), b.speaker.split(" ; ")
        return (all(same_speaker(n, b.speaker, "several", b.aliases) for n in names_a)
                and all(same_speaker(n, a.speaker, "several", a.aliases) for n in names_b))
    return (any(same_speaker(form, b.speaker, b.type, b.aliases) for form in a.forms())
            or any(same_speaker(form, a.speaker, a.type, a.aliases) for form in b.forms()))


def _cohen_kappa(first: Sequence, second: Sequence, observed: float) -> float:
    """Cohen's kappa: observed agreement against chance from each pass's category shares."""
    n = len(first)
    counts_first, counts_second = Counter(first), Counter(second)
    chance = sum(count * counts_second[c] for c, count in counts_first.items()) / (n * n or 1)
    return _ratio(observed - chance, 1 - chance)


def label_agreement(first: str | Path | pd.DataFrame = SPEAKER_LABELS,
                    second: str | Path | pd.DataFrame = SPEAKER_LABELS_SECOND_PASS,
                    ) -> pd.DataFrame:
    """Agreement of two labelling passes, over the attributions of the second.

    Parameters
    ----------
    first, second : path or DataFrame
        Speaker-label tables (:func:`read_speaker_labels`); default the committed
        first pass and the second pass over its sample.

    Returns
    -------
    DataFrame
        One row per attribution of ``second`` that ``first`` labels too: article,
        attribution, first, first_type, second, second_type, same
        (:func:`same_label`) and disagreement (``"first type / second type"``, or
        "" when they agree). ``attrs``: ``attributions``, ``agreed``, ``share``,
        ``kappa`` (Cohen's, categories the entities of each article: labels
        agreeing under :func:`same_label` are one category), ``type_kappa``
        (Cohen's over the label types), ``scored`` and ``scored_agreed`` (the
        attributions whose first label names someone, as resolved accuracy scores
        them, and how many of those agree), ``articles`` and ``unmatched`` (rows
        of ``second`` that ``first`` does not label).
    """
    tables = [t if isinstance(t, pd.DataFrame) else read_speaker_labels(t)
              for t in (first, second)]
    index_first, index_second = (_label_index(t) for t in tables)
    keys = [key for key in index_second if key in index_first]
    rows = []
    for key in keys:
        a, b = index_first[key], index_second[key]
        same = same_label(a, b)
        rows.append({"article": key[0], "attribution": key[1], "first": a.speaker,
                     "first_type": a.type, "second": b.speaker, "second_type": b.type,
                     "same": same, "disagreement": "" if same else f"{a.type} / {b.type}"})
    table = pd.DataFrame(rows, columns=["article", "attribution", "first", "first_type",
                                        "second", "second_type", "same", "disagreement"])
    # Entities are the article's own: a label's category is the first label of its
    # article it agrees with.
    representatives: dict[str, list[SpeakerLabel]] = {}

    def category(article_id: str, label: SpeakerLabel) -> tuple[str, int]:
        seen = representatives.setdefault(article_id, [])
        number = next((i for i, known in enumerate(seen) if same_label(label, known)), None)
        if number is None:
            seen.append(label)
            number = len(seen) - 1
        return article_id, number

    categories = [(category(k[0], index_first[k]), category(k[0], index_second[k]))
                  for k in keys]
    agreed = int(table["same"].sum())
    share = _ratio(agreed, len(table))
    scored = ~table["first_type"].isin(UNSCORED_TYPES)
    types = table["first_type"].tolist(), table["second_type"].tolist()
    same_type = _ratio(sum(a == b for a, b in zip(*types, strict=True)), len(table))
    table.attrs.update(attributions=len(table), agreed=agreed, share=share,
                       kappa=_cohen_kappa([c[0] for c in categories],
                                          [c[1] for c in categories], share),
                       type_kappa=_cohen_kappa(*types, same_type),
                       scored=int(scored.sum()), scored_agreed=int(table["same"][scored].sum()),
                       articles=int(table["article"].nunique()),
                       unmatched=len(index_second) - len(keys))
    return table


def format_agreement(agreement: pd.DataFrame, examples: int = 2) -> str:
    """The figures of :func:`label_agreement` as plain text, with the kinds of disagreement."""
    attrs = agreement.attrs
    lines = [
        f"speaker labels, two passes: {attrs['attributions']} attributions in "
        f"{attrs['articles']} articles",
        f"same entity: {attrs['agreed']} of {attrs['attributions']} ({attrs['share']:.3f}); "
        f"Cohen's kappa {attrs['kappa']:.3f} (categories: each article's entities); "
        f"label type kappa {attrs['type_kappa']:.3f}",
        f"where the first pass names someone (as resolved accuracy scores): "
        f"{attrs['scored_agreed']} of {attrs['scored']} "
        f"({_ratio(attrs['scored_agreed'], attrs['scored']):.3f})",
    ]
    if attrs.get("unmatched"):
        lines.append(f"{attrs['unmatched']} second-pass rows have no first-pass label")
    differ = agreement[~agreement["same"]]
    if len(differ):
        lines += ["", "disagreements (first pass type / second pass type):"]
    for kind, group in sorted(differ.groupby("disagreement"), key=lambda kg: -len(kg[1])):
        shown = "; ".join(f"{r.article[:24]} {r.attribution}: {r.first!r} vs {r.second!r}"
                          for r in group.head(examples).itertuples())
        lines.append(f"{len(group):>4}  {kind}: {shown}")
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
    labels: str | Path | pd.DataFrame | None = SPEAKER_LABELS,
    return_items: bool = False,
    only_labelled: bool = False,
    articles: Collection[str] | None = None,
) -> tuple[pd.DataFrame, ...]:
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
    labels : path or DataFrame or None
        Speaker labels (:func:`read_speaker_labels`) for resolved-speaker
        accuracy; default the committed labels (:data:`SPEAKER_LABELS`; skipped
        when the repository's ``tests/data`` is not there). Articles without labels
        are not in that figure; None skips it.
    return_items : bool
        Also return the resolved-speaker judgements, one per matched labelled quote.
    only_labelled : bool
        Score only the articles that have labels (all figures then cover just those).
    articles : collection of str, optional
        Score only the articles of these names (file stems), e.g. the tagger's
        held-out ones: ``load_tagger().training["held_out"]``.

    Returns
    -------
    summary : DataFrame
        See :func:`summarize`; ``summary.attrs`` holds ``articles``,
        ``extract_seconds`` and ``articles_per_second`` (extraction only).
    per_article : DataFrame
        One row per article: ``article``, the :data:`COUNT_COLUMNS`, with labels
        the :data:`RESOLVED_COLUMNS` (see :func:`summarize_resolved`), and
        ``seconds`` (extraction time).
    items : DataFrame, only with ``return_items``
        ``article`` and the columns of :func:`score_resolution`.

    Examples
    --------
    >>> summary, _ = evaluate_folder("tests/data/evaluate", extractor=naive_quote_pairs)
    >>> int(summary.set_index("scope").loc["DIRECT", "gold"])
    7
    """
    if extractor is None:
        from .quotes import extract_quotes as extractor
    if isinstance(labels, (str, Path)) and Path(labels) == SPEAKER_LABELS \
            and not SPEAKER_LABELS.is_file():
        labels = None  # a copy of the package without the repository's tests/data
    if labels is not None and not isinstance(labels, pd.DataFrame):
        labels = read_speaker_labels(labels)
    by_article: dict[str, dict[str, SpeakerLabel]] = {}
    if labels is not None:
        for (article_id, attribution), label in _label_index(labels).items():
            by_article.setdefault(article_id, {})[attribution] = label
    pairs = _annotated_pairs(Path(folder))
    if articles is not None:
        wanted = set(articles)
        pairs = [(text, ann) for text, ann in pairs if ann.stem in wanted]
        if not pairs:
            raise AnnotationError(f"{folder}: none of the {len(wanted)} articles asked for")
    if only_labelled:
        pairs = [(text, ann) for text, ann in pairs if ann.stem in by_article]
        if not pairs:
            raise AnnotationError(f"{folder}: no article has speaker labels")
    pairs = pairs[:limit]
    rows, items = [], []
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
        predicted_rows = _rows(predicted)
        counts, matched = _score(article.text, predicted_rows, gold)
        if labels is not None:
            resolved = _resolved_rows(article.text, predicted_rows, gold, matched,
                                      by_article.get(article.id, {}))
            counts.update(_resolved_counts(resolved))
            items.extend({"article": article.id, **item} for item in resolved)
        rows.append({"article": article.id, **counts, "seconds": seconds})
    resolved_columns = RESOLVED_COLUMNS if labels is not None else []
    per_article = pd.DataFrame(rows, columns=["article", *COUNT_COLUMNS, *resolved_columns,
                                              "seconds"])
    summary = summarize(per_article)
    total = float(per_article["seconds"].sum())
    summary.attrs.update(articles=len(per_article), extract_seconds=total,
                         articles_per_second=_ratio(len(per_article), total))
    if not return_items:
        return summary, per_article
    item_columns = ["article", "attribution", "quote_id", "kind", "mention", "speaker", "label",
                    "label_type", "right"]
    return summary, per_article, pd.DataFrame(items, columns=item_columns)


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
