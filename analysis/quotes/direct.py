"""Direct quotes: the pieces in quotation marks joined into quotes, each given the
frame that attributes it, or the speaker of the quote it continues."""

from __future__ import annotations

import re

from .model import Quote
from .text import _clause_end, _paragraph_of

_OPENS_CLAUSE = re.compile(r"[,:—–][ \u00a0]*$")
_LOWER_WORD_NEXT = re.compile(r"[ \u00a0]+[a-z]")  # matched in place: no copy of the text after


def _adjacent_paragraph(previous: Quote, p_index: int, paragraph_starts) -> bool:
    prev_paragraph = _paragraph_of(paragraph_starts, previous.end)
    return p_index - prev_paragraph <= 1


def _resumes_after_frame(text: str, previous: Quote, q_start: int, p_end: int) -> bool:
    """True when the previous quote's frame (``,” said Smith, the mayor,``) runs
    on in the same sentence to the opening mark at ``q_start``."""
    if previous.cue is None or previous.speaker is None or previous.end > q_start:
        return False
    if not previous.end <= min(previous.cue[0], previous.speaker[0]) < q_start:
        return False
    gap = text[previous.end : q_start]
    if not re.search(r",[ \u00a0]*$", gap) or re.search(r"[“”\"\n;!?]", gap):
        return False
    return _clause_end(text, previous.end, p_end) >= q_start


def _follows(text: str, previous: Quote, q_start: int, paragraph_starts) -> bool:
    """True when only the previous quote's frame (or nothing) stands between them."""
    if previous.speaker is None and previous.cue is None:
        return False
    gap_start = max(previous.frame_end, previous.end)
    if gap_start > q_start:
        return False
    gap = text[gap_start:q_start]
    if re.search(r"\w", gap) and not _frame_tail(text, previous, gap_start, q_start):
        return False
    here = _paragraph_of(paragraph_starts, q_start)
    return here - _paragraph_of(paragraph_starts, previous.end) <= 1


def _frame_tail(text: str, previous: Quote, gap_start: int, q_start: int) -> bool:
    """True when the gap is only the rest of the previous quote's frame sentence.

    ``“A,” said Smith, who worked with her for years. “B.”``: the appositive or
    relative clause after the speaker ends the sentence; the next quote is
    still Smith's. A tail of more than one sentence, or a colon or semicolon
    in it, ends the run.
    """
    if previous.cue is None or previous.speaker is None or previous.cue[0] < previous.end:
        return False  # only a frame after the quote leaves a tail
    anchor = min(previous.cue[0], previous.speaker[0])
    end = _clause_end(text, anchor, q_start)
    tail = text[anchor:end]
    return end >= gap_start and not (
        text[end:q_start].strip() or re.search(r"[\n;:]", tail) or len(tail.split()) > 25
    )


def _attach(quote: Quote, cue, speaker, evidence: str) -> None:
    quote.cue = cue
    quote.speaker = (speaker[0], speaker[1])
    quote.speaker_kind = speaker[2]
    quote.evidence.append(evidence)
