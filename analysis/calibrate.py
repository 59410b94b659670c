"""The quote table's ``confidence``: each rule path's precision measured on annotated news.

``python -m analysis calibrate ../shared/polnear-train`` extracts the quotes of every
article of a PolNeAR-style folder but the tagger's held-out 10% (those stay unseen, to
check the figures on), scores each row against the hand annotation, and writes
``analysis/resources/quote_confidence.tsv``: for every rule path
(:func:`analysis.quotes.confidence.rule_path`) and each coarser level of it, the rows
it gave, how many were right and the confidence the extractor reads.

A row is right when it matches an annotated attribution (the mention definition of
:mod:`analysis.evaluate`: half the characters of each side) and its speaker mention
overlaps the annotated Source (or, with no Source, it names none): the end-to-end
judgement, since a user trusts a row for its content and its speaker together.

A path's confidence is its rate of right rows, smoothed towards its parent level's
(``(right + k * parent) / (rows + k)``, ``k`` = :data:`STRENGTH`): a path of a few
rows takes about its kind's figure, a path of hundreds its own. The levels are all
rows, the kind (direct / mixed / indirect), the kind and rule, then the full path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from .article import load_article
from .evaluate import _annotated_pairs, _rows, _score, _speaker_right, _speaker_span, read_brat
from .lexicons import resource_path
from .quotes.confidence import ALL_ROWS, CONFIDENCE_FILE, path_keys, rule_path
from .quotes.pipeline import attribute
from .quotes.table import extract_quotes

__all__ = ["STRENGTH", "row_outcomes", "confidence_table", "write_confidence_table",
           "calibration_bins", "tagger_held_out", "calibrate"]

#: How many rows of its parent level a path's figure is worth (the smoothing weight): at
#: 20 the two levels of shrinkage (path to rule, rule to kind) lifted the rarest, worst
#: paths (a quote with no cue, a passive with no agent) 0.08 over what they scored, at 10
#: still 0.056 once rarer paths came (noun cues). Chosen on the tagger's held-out
#: articles, which calibration never reads: their Brier score is the same at 3, 5, 7
#: and 10 (0.1263-0.1264), and their lowest bin is nearest its figure at 5 or below.
STRENGTH = 5
#: Confidence bins the calibration is reported (and tested) in.
BIN_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def tagger_held_out() -> frozenset[str]:
    """Names of the articles the tagger was not trained on (:mod:`analysis.tag`)."""
    from .tag import load_tagger

    return frozenset(load_tagger().training.get("held_out", ()))


def row_outcomes(folder: str | Path, names: Iterable[str] | None = None,
                 exclude: Iterable[str] = ()) -> pd.DataFrame:
    """Every quote row of the annotated articles of ``folder`` with its rule path and
    whether it is right.

    Parameters
    ----------
    folder : str or Path
        PolNeAR layout (``text/`` + ``attributions/``) or brat's (see
        :func:`analysis.evaluate.evaluate_folder`).
    names : iterable of str, optional
        Only these articles (file stems).
    exclude : iterable of str
        Leave these articles out.

    Returns
    -------
    pandas.DataFrame
        Columns ``article``, ``kind``, ``rule``, ``speaker`` (the rule path),
        ``confidence`` (the extractor's figure today) and ``right`` (bool).
    """
    keep = None if names is None else set(names)
    leave = set(exclude)
    records = []
    for text_file, ann_file in _annotated_pairs(Path(folder)):
        if text_file.stem in leave or keep is not None and text_file.stem not in keep:
            continue
        article = load_article(text_file)
        result = attribute(article)
        table = extract_quotes(result)
        rows = _rows(table)
        gold = read_brat(ann_file, text_file)
        _, pairs = _score(article.text, rows, gold)
        right = {row: _speaker_right(gold[g], _speaker_span(rows[row])) for g, row in pairs}
        for n, (quote, value) in enumerate(zip(result.quotes, table["confidence"], strict=True)):
            records.append((article.id, *rule_path(quote), value, right.get(n, False)))
    return pd.DataFrame(records, columns=["article", "kind", "rule", "speaker", "confidence",
                                          "right"])


def confidence_table(outcomes: pd.DataFrame, strength: float = STRENGTH) -> pd.DataFrame:
    """The confidence of every rule path and coarser level seen in ``outcomes``.

    Returns
    -------
    pandas.DataFrame
        ``key`` (``*``, ``direct``, ``direct after-cue``, ``direct after-cue
        pronoun``, ...), ``rows``, ``right`` and ``confidence``, coarse levels first.
    """
    counts: dict[str, list[int]] = {}
    for kind, rule, speaker, right in outcomes[["kind", "rule", "speaker", "right"]].itertuples(
            index=False):
        for key in path_keys((kind, rule, speaker)):
            count = counts.setdefault(key, [0, 0])
            count[0] += 1
            count[1] += bool(right)
    figures: dict[str, float] = {}
    records = []
    for key in sorted(counts, key=lambda k: (k != ALL_ROWS, len(k.split()), k)):
        rows, right = counts[key]
        parent = ALL_ROWS if len(key.split()) == 1 else key.rsplit(" ", 1)[0]
        prior = figures[parent] if key != ALL_ROWS else right / rows
        figures[key] = (right + strength * prior) / (rows + strength)
        records.append((key, rows, right, round(figures[key], 3)))
    return pd.DataFrame(records, columns=["key", "rows", "right", "confidence"])


def write_confidence_table(table: pd.DataFrame, path: str | Path, source: str = "") -> None:
    """Write ``table`` as the extractor's data file (tab-separated, a comment header)."""
    header = [
        "# Confidence of each rule path of the quote table (analysis.quotes.confidence):",
        "# the share of its rows that were right (content and speaker mention) on the",
        "# PolNeAR train split less the tagger's held-out articles, smoothed towards the",
        f"# coarser level (weight {STRENGTH} rows). Written by: python -m analysis calibrate "
        f"{source or 'FOLDER'}",
        "# key\trows\tright\tconfidence",
    ]
    lines = [f"{key}\t{rows}\t{right}\t{value:.3f}" for key, rows, right, value in
             table.itertuples(index=False)]
    Path(path).write_text("\n".join(header + lines) + "\n", encoding="utf-8")


def calibration_bins(outcomes: pd.DataFrame, edges: Sequence[float] = BIN_EDGES
                     ) -> pd.DataFrame:
    """Rows binned by ``confidence``: each bin's rows, mean confidence and the share
    that were right (calibrated when the two agree)."""
    binned = pd.cut(outcomes["confidence"], list(edges), include_lowest=True)
    grouped = outcomes.groupby(binned, observed=False)
    table = pd.DataFrame({
        "rows": grouped.size(),
        "confidence": grouped["confidence"].mean().round(3),
        "right": grouped["right"].mean().round(3),
    })
    return table.rename_axis("bin").reset_index().assign(bin=lambda t: t["bin"].astype(str))


def calibrate(folder: str | Path, out: str | Path | None = None) -> tuple[pd.DataFrame, ...]:
    """Measure the rule paths on ``folder`` less the tagger's held-out articles and write
    the data file (default: the committed ``resources/quote_confidence.tsv``).

    Returns
    -------
    (table, held_out_bins)
        The confidence table written; the calibration bins on the held-out articles
        of ``folder`` with the new figures (empty when it has none of them).
    """
    held_out = tagger_held_out()
    outcomes = row_outcomes(folder, exclude=held_out)
    table = confidence_table(outcomes)
    path = Path(out) if out is not None else resource_path(CONFIDENCE_FILE)
    write_confidence_table(table, path, source=str(folder))
    figures = dict(zip(table["key"], table["confidence"], strict=True))
    held = row_outcomes(folder, names=held_out)
    held["confidence"] = [next(figures[k] for k in path_keys(p) if k in figures)
                          for p in held[["kind", "rule", "speaker"]].itertuples(index=False)]
    return table, calibration_bins(held)
