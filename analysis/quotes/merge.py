"""The stages' quotes as one list: text order, no two sharing a character, each cue
widened to its auxiliaries."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from .context import ArticleContext
from .model import Quote
from .text import _strip_span, _word_count

# the whole gap between speaker and cue: spaces, then auxiliaries (a line break may end
# it); matched from the speaker, so a long gap (a speaker taken from a quote far back)
# is read only as far as its first word that is no auxiliary
_AUXILIARIES = re.compile(
    r"[ \u00a0]*((?:(?:has|have|had|also|will|would|did|does|do|is|was|were|later|then|again|"
    r"once)[ \u00a0]+)+)\n?"
)


def widen_cues(context: ArticleContext, quotes: list[Quote]) -> None:
    """Each cue widened to the auxiliaries before it (see :func:`_widen_cue`)."""
    for quote in quotes:
        _widen_cue(context.text, quote)


def _widen_cue(text: str, quote: Quote) -> None:
    """Let the cue take the auxiliaries between speaker and verb: "has stated"."""
    if quote.cue is None or quote.speaker is None or quote.speaker[1] > quote.cue[0]:
        return
    match = _AUXILIARIES.fullmatch(text, quote.speaker[1], quote.cue[0])
    if match:
        quote.cue = (match.start(1), quote.cue[1])


def without_overlaps(context: ArticleContext, quotes: list[Quote]) -> list[Quote]:
    """Quotes in text order, no two sharing a character.

    A reported clause that runs into a direct quote is cut before it; reported
    speech nested in another clause ("She said the council would ask ...")
    stays part of the outer one, which runs on to the nested one's quotation.
    """
    text = context.text
    kept: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: (q.start, -q.end)):
        quote.pieces.sort()
        if kept and quote.start < kept[-1].end:
            previous = kept[-1]
            if quote.kind == "direct" and previous.kind != "direct":
                # a reported clause that runs into a direct quote stops before it
                trimmed = [p for p in previous.pieces if p[1] <= quote.start]
                cut = [p for p in previous.pieces if p[0] < quote.start < p[1]]
                if cut:
                    trimmed.append(_strip_span(text, cut[0][0], quote.start))
                if not trimmed or sum(_word_count(text, p, at_most=3) for p in trimmed) < 3:
                    continue
                previous.pieces = trimmed
            else:
                _take_in_nested(previous, quote)
                continue  # nested reported speech stays part of the outer clause
        if _overlaps_any(quote.pieces, [o for other in kept[-3:] for o in other.pieces]):
            continue
        kept.append(quote)
    return kept


def _take_in_nested(outer: Quote, inner: Quote) -> None:
    """A mixed quote whose cue stands in an outer reported clause is nested in it: when
    its quotation runs past the outer clause's end, so does the outer clause ("said
    he intends to win every delegate, so he will have “...”"), a mixed quote."""
    if inner.kind != "mixed" or outer.kind == "direct" or inner.cue is None:
        return
    start, end = outer.pieces[-1]
    if start <= inner.cue[0] < end < inner.end:
        outer.pieces[-1] = (start, inner.end)
        outer.kind = "mixed"


def _overlaps_any(pieces, others) -> bool:
    """Whether a span of ``pieces`` shares a character with one of ``others``
    (the test of :func:`_overlap`, inline: it runs for every pair)."""
    if len(pieces) * len(others) <= _FEW_PAIRS:
        return any(max(a[0], b[0]) < min(a[1], b[1]) for a in pieces for b in others)
    # long quotes (hundreds of pieces joined): each piece against the others that start
    # before its end, by bisection; of those, the one reaching furthest decides
    others = sorted(b for b in others if b[0] < b[1])
    starts = [b[0] for b in others]
    reach = list(accumulate((b[1] for b in others), max))
    for start, end in pieces:
        i = bisect.bisect_left(starts, end) - 1
        if start < end and i >= 0 and reach[i] > start:
            return True
    return False


_FEW_PAIRS = 64  # compared pair by pair: cheaper than sorting for the usual few pieces
