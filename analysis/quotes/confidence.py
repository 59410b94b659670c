"""How far to trust a row: the precision of its rule path, measured on annotated news.

A row's rule path is its kind, the rule that found it (the first item of its
evidence: ``after-cue``, ``colon``, ``subject-cue``, ...) and the kind of its speaker
mention (a name, a pronoun, a description, or none). ``resources/quote_confidence.tsv``
holds, for every path seen in the PolNeAR train split, how many rows it gave and how
many were right (content and speaker mention both; see :mod:`analysis.calibrate`,
which writes the file: ``python -m analysis calibrate ../shared/polnear-train``).
"""

from __future__ import annotations

from functools import cache

from ..lexicons import resource_path
from .model import Quote

#: The data file, in ``analysis/resources``.
CONFIDENCE_FILE = "quote_confidence.tsv"
#: The key of the figure every path falls back to (all rows).
ALL_ROWS = "*"


def rule_path(quote: Quote) -> tuple[str, str, str]:
    """``(kind, rule, speaker)`` of a quote: ``("direct", "after-cue", "pronoun")``.

    ``rule`` is the first item of the evidence (``no-cue+previous-speaker`` for a quote
    with no frame that took the speaker before it); ``speaker`` the kind of its speaker
    mention, ``none`` without one.

    >>> rule_path(Quote(pieces=[(0, 9)], evidence=["after-cue"], speaker=(10, 12),
    ...                 speaker_kind="pronoun"))
    ('direct', 'after-cue', 'pronoun')
    """
    rule = quote.evidence[0] if quote.evidence else "none"
    if rule == "no-cue" and "previous-speaker" in quote.evidence:
        rule = "no-cue+previous-speaker"
    speaker = (quote.speaker_kind or "name") if quote.speaker is not None else "none"
    return quote.kind, rule, speaker


def path_keys(path: tuple[str, str, str]) -> list[str]:
    """The keys of a path in the data file, finest first, then each coarser level:
    ``["direct after-cue pronoun", "direct after-cue", "direct", "*"]``."""
    return [" ".join(path[:n]) for n in range(len(path), 0, -1)] + [ALL_ROWS]


@cache
def _confidence_table() -> dict[str, float]:
    """``{key: confidence}`` from the committed data file (read once; empty without it,
    before a first calibration)."""
    path = resource_path(CONFIDENCE_FILE)
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return {row[0]: float(row[3]) for row in rows}


def confidence(quote: Quote) -> float:
    """The precision the train split measured for the quote's rule path.

    A path too rare to be measured on its own was smoothed towards its kind's figure
    when the file was written; a path never seen takes the figure of its nearest
    coarser level (its rule's, its kind's, or that of all rows).

    >>> 0 < confidence(Quote(pieces=[(0, 9)], evidence=["after-cue"], speaker=(10, 12),
    ...                      speaker_kind="name")) <= 1
    True
    """
    table = _confidence_table()
    for key in path_keys(rule_path(quote)):
        if key in table:
            return table[key]
    return float("nan")
