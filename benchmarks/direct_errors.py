"""Where the DIRECT points go: every miss, false positive and wrong speaker of the
DIRECT scope of ``python -m analysis evaluate``, sorted into classes, with examples.

    python benchmarks/direct_errors.py ../shared/polnear-train [--show CLASS] [--n 20]

Classes (the matching is the evaluation's: half the characters of each side):

- ``miss/none``: no direct row overlaps the annotated content at all (a quotation
  read as a title or scare quote, a cue the lexicon lacks); ``miss/none-short`` for a
  content of five words or fewer.
- ``miss/pred-short`` / ``miss/pred-long``: a row overlaps it but covers under half
  of it (``:gold-extends-past-marks`` when PolNeAR's content runs well past the
  quotation marks) or is more than twice as long (``:joined-pieces`` when the row
  joined several pieces); ``miss/taken`` when a better-matching row took it.
- ``fp/unannotated``: a direct row over text PolNeAR did not annotate;
  ``fp/short-of-gold``, ``fp/longer-than-gold``: boundary disagreements;
  ``fp/gold-taken``: the annotation joined this row's quote with another one that
  took the match; ``fp/over-indirect-gold``: the annotation has no quotation mark.
- ``spk/wrong``, ``spk/none``: a matched row whose speaker mention misses the Source.

Each class is keyed by the row's kind and first rule of evidence, e.g.
``fp/short-of-gold[mixed:mixed-clause]``.
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.article import load_article  # noqa: E402
from analysis.evaluate import (  # noqa: E402
    _annotated_pairs,
    _is_direct_prediction,
    _length,
    _overlap,
    _prediction_pieces,
    _rows,
    _speaker_right,
    _speaker_span,
    match_quotes,
    read_brat,
)
from analysis.quotes import extract_quotes  # noqa: E402

_MARK = re.compile("''|[\"“”]")


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _rule(row: dict) -> str:
    return f"{row['kind']}:{row['evidence'].split(';')[0]}"


def _miss_class(text, gold, rows, pieces, direct, taken) -> str:
    overlapping = [(p, _overlap(gold.content, pieces[p])) for p in direct
                   if _overlap(gold.content, pieces[p]) > 0]
    if not overlapping:
        return "miss/none-short" if _words(text[slice(*gold.hull)]) <= 5 else "miss/none"
    p, shared = max(overlapping, key=lambda item: item[1])
    gold_length, row_length = _length(gold.content), _length(pieces[p])
    if shared >= 0.5 * gold_length and shared >= 0.5 * row_length:
        return "miss/taken" if p in taken else "miss/?"
    if shared < 0.5 * gold_length:
        marks = [m.start() for s, e in gold.content for m in _MARK.finditer(text, s, e)]
        past = bool(marks) and marks[-1] + 1 - marks[0] < 0.5 * gold_length
        return "miss/pred-short" + (":gold-extends-past-marks" if past else "") + (
            f"[{_rule(rows[p])}]")
    return "miss/pred-long" + (":joined-pieces" if len(pieces[p]) > 1 else f"[{_rule(rows[p])}]")


def _false_positive_class(text, row, pieces, gold_items, matched_gold) -> str:
    overlapping = [(g, _overlap(g.content, pieces)) for g in gold_items
                   if _overlap(g.content, pieces) > 0]
    if not overlapping:
        short = "-short" if _words(text[pieces[0][0] : pieces[-1][1]]) <= 6 else ""
        return f"fp/unannotated{short}[{_rule(row)}]"
    gold, shared = max(overlapping, key=lambda item: item[1])
    if not gold.is_direct:
        return f"fp/over-indirect-gold[{_rule(row)}]"
    if id(gold) in matched_gold:
        return f"fp/gold-taken[{_rule(row)}]"
    if shared < 0.5 * _length(gold.content):
        return f"fp/short-of-gold[{_rule(row)}]"
    return f"fp/longer-than-gold[{_rule(row)}]"


def _preferring(gold, speakers, direct):
    """The evaluation's tie-break: pairs whose speaker is right first."""
    return lambda g, p: _speaker_right(gold[g], speakers[direct[p]])


def _context(text: str, start: int, end: int, pad: int = 120) -> str:
    lo, hi = max(0, start - pad), min(len(text), end + pad)
    return (text[lo:start] + "[[" + text[start:end] + "]]" + text[end:hi]).replace("\n", " ¶ ")


def classify(folder: str | Path, limit: int | None = None):
    """``(counts, examples)``: a Counter of classes and a dict of example lines."""
    counts: collections.Counter = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for text_file, ann_file in _annotated_pairs(Path(folder))[:limit]:
        article = load_article(text_file)
        text = article.text
        gold_items = read_brat(ann_file, text_file)
        table = extract_quotes(article)
        rows = table[["kind", "evidence"]].to_dict("records")
        scored = _rows(table)
        pieces = [_prediction_pieces(row) for row in scored]
        speakers = [_speaker_span(row) for row in scored]
        direct = [i for i, p in enumerate(pieces) if _is_direct_prediction(text, p)]
        gold = [g for g in gold_items if g.is_direct]
        matches = match_quotes([g.content for g in gold], [pieces[i] for i in direct],
                               prefer=_preferring(gold, speakers, direct))
        by_gold = {g: direct[p] for g, p, _ in matches}
        taken = set(by_gold.values())
        matched_gold = {id(gold[g]) for g in by_gold}
        for g, item in enumerate(gold):
            source = "; ".join(text[s:e] for s, e in item.source) if item.source else None
            if g in by_gold:
                counts["matched"] += 1
                p = by_gold[g]
                if item.source is not None and not _speaker_right(item, speakers[p]):
                    label = "spk/wrong" if speakers[p] else "spk/none"
                    cls = f"{label}[{_rule(rows[p])}]"
                    counts[cls] += 1
                    mention = text[slice(*speakers[p])] if speakers[p] else None
                    examples[cls].append(f"{article.id}: ours {mention!r}, PolNeAR {source!r}\n"
                                         f"    {_context(text, *item.hull)}")
                continue
            cls = _miss_class(text, item, rows, pieces, direct, taken)
            counts[cls] += 1
            ours = " || ".join(" ... ".join(text[s:e] for s, e in pieces[p]) for p in direct
                               if _overlap(item.content, pieces[p]) > 0)
            examples[cls].append(f"{article.id}: Source {source!r}\n    "
                                 f"{_context(text, *item.hull)}" + (f"\n    OURS: {ours}" if ours
                                                                     else ""))
        for p in direct:
            if p in taken:
                continue
            cls = _false_positive_class(text, rows[p], pieces[p], gold_items, matched_gold)
            counts[cls] += 1
            theirs = " || ".join(" ... ".join(text[s:e] for s, e in g.content)
                                 for g in gold_items if _overlap(g.content, pieces[p]) > 0)
            examples[cls].append(
                f"{article.id}: {rows[p]['evidence']!r}\n    "
                f"{_context(text, pieces[p][0][0], pieces[p][-1][1])}"
                + (f"\n    POLNEAR: {theirs}" if theirs else ""))
    return counts, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--show", default=None, help="print examples of classes starting so")
    parser.add_argument("--n", type=int, default=15, help="examples a class (default: 15)")
    parser.add_argument("--limit", type=int, default=None, help="the first N articles only")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    counts, examples = classify(args.folder, args.limit)
    groups = collections.Counter()
    for cls, n in counts.items():
        groups[cls.split("[")[0]] += n
    for cls, n in sorted(groups.items()):
        print(f"{n:6d}  {cls}")
    print()
    for cls, n in sorted(counts.items()):
        if "[" in cls:
            print(f"{n:6d}  {cls}")
    if args.show:
        rng = random.Random(args.seed)
        for cls in sorted(examples):
            if cls.startswith(args.show):
                lines = examples[cls]
                print(f"\n=== {cls} ({len(lines)})")
                for line in rng.sample(lines, min(args.n, len(lines))):
                    print(" -", line)


if __name__ == "__main__":
    main()
