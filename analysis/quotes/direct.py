"""Direct quotes: the pieces in quotation marks joined into quotes, each given the
frame that attributes it (:mod:`analysis.quotes.frames`), or the speaker of the quote
it continues. Short pieces inside a sentence are left to :mod:`analysis.quotes.mixed`."""

from __future__ import annotations

import re
from typing import NamedTuple

from .content import (
    _LOWER_WORD_NEXT,
    _WORD_CHAR,
    clause_after_cue,
    sentence_lead,
    sentence_tail,
    take_lead,
    take_tail,
)
from .context import ArticleContext
from .cues import _frame_cues_in
from .frames import (
    _after_frame,
    _after_frame_loose,
    _before_frame,
    _colon_frame,
    _lead_frame,
    _signature_after,
    _trailing_frame,
    noun_phrase_speaker,
)
from .grammar import time_words, token_range
from .model import Quote
from .subjects import _audience, _participle_subject, _sentence_subject
from .text import _clause_end, _paragraph_of, _word_count


class _Piece(NamedTuple):
    """A piece in quotation marks and the stretches where its frames may stand."""

    start: int
    end: int
    paragraph: int
    closed: bool  # False: its paragraph ended before a closing mark
    continues: bool  # it reopens a quote its paragraph's predecessor left open
    paragraph_start: int
    paragraph_end: int
    sentence_start: int
    previous_end: int | None  # end of the paragraph's piece before it, if any
    after_end: int  # end of the frame after it: its sentence's end or the next piece
    words: int  # its words, counted up to 6 (compared with 3, 4 and 6)

    @property
    def lead_start(self) -> int:
        """Where the text before the piece starts: the previous piece or the paragraph."""
        return self.paragraph_start if self.previous_end is None else self.previous_end


class _Frames(NamedTuple):
    """The frames found around a piece."""

    after: tuple | None  # (cue, speaker, frame_end) after the closing mark
    before: tuple | None  # (cue, speaker or None) before the opening mark or a colon
    via_colon: bool
    starts_sentence: bool
    ends_sentence: bool


def direct_quotes(context: ArticleContext, pieces) -> tuple[list[Quote], list, set[int]]:
    """Direct quotes from the pieces of :func:`~analysis.quotes.marks.quote_pieces`.

    A piece joins the quote before it when nothing but that quote's frame stands
    between them (``“A,” he said. “B.”``, a next paragraph reopening it); otherwise
    it is a quote of its own, attributed by the first frame that fits, or by the
    speaker of the quote before it.

    Returns
    -------
    (quotes, embedded, used_cues)
        The quotes in text order; the ``(start, end)`` of short pieces inside a
        sentence (scare quotes, titles, or parts of mixed quotes); the starts of
        the cues the quotes' frames took.
    """
    used_cues: set[int] = set()
    quotes: list[Quote] = []
    embedded: list[tuple[int, int]] = []  # short quotes inside sentences (maybe mixed)
    previous: Quote | None = None
    for n in range(len(pieces)):
        piece = _piece_at(context, pieces, n)
        if piece.continues and previous is not None and previous.end <= piece.start:
            _continue_paragraph(context, previous, piece, used_cues)
            continue
        if _titled_work(context, piece.start, piece.end):
            continue  # "“The Living Room to close,” by Ben Roe": a title, no one's words
        frames = _frames(context, piece)
        if previous is not None and _joins(context, previous, piece, frames):
            continue
        quote = _new_quote(context, piece, frames, previous)
        if quote is None:
            embedded.append((piece.start, piece.end))
            continue
        if previous is not None and _goes_on(context, previous, quote):
            # "“A,” Cuban said in an interview. “B.”": no cue of its own, nobody else
            # reported between: one more piece of the same quote
            previous.pieces.append((piece.start, piece.end))
            previous.frame_end = piece.end
            continue
        if quote.cue:
            used_cues.add(quote.cue[0])
        quotes.append(quote)
        previous = quote

    return quotes, embedded, used_cues


def _titled_work(context: ArticleContext, q_start: int, q_end: int) -> bool:
    """Whether the quotation is the title of a work followed by its author's byline
    (``“The Goldfinch,” by Donna Tartt``, ``“Mayor to resign,” by the Star's Ann
    Lee``): it closes on a comma, then "by" and a name, read by the tags; not a date
    ("by Monday")."""
    text = context.text
    if text[q_start:q_end].rstrip("”\"'’ \u00a0")[-1:] != "," or not _BY_NEXT.match(text, q_end):
        return False
    name = context.token_index(q_end) + 1
    tokens, pos = context.tokens, context.tags.pos
    if name < len(tokens) and pos[name] == "DT":
        name += 1  # "by the Herald's Tom Ford"
    return name < len(tokens) and pos[name] in ("NNP", "NNPS") and text[
        tokens[name][0] : tokens[name][1]].lower() not in time_words()


_BY_NEXT = re.compile(r"[ \u00a0]+by[ \u00a0]+")


def _piece_at(context: ArticleContext, pieces, n: int) -> _Piece:
    q_start, q_end, p_index, closed, continues = pieces[n]
    p_start, p_end = context.paragraphs[p_index]
    has_next = n + 1 < len(pieces) and pieces[n + 1][2] == p_index
    previous_end = pieces[n - 1][1] if n and pieces[n - 1][2] == p_index else None
    # the frame after a quote runs to the end of its sentence or the next quote;
    # a quote that closes its sentence has none
    after_end = _clause_end(context.text, q_end, pieces[n + 1][0] if has_next else p_end)
    return _Piece(q_start, q_end, p_index, closed, continues, p_start, p_end,
                  context.sentence_of(q_start)[0], previous_end, after_end,
                  _word_count(context.text, (q_start, q_end), at_most=6))


def _continue_paragraph(context: ArticleContext, previous: Quote, piece: _Piece,
                        used_cues: set[int]) -> None:
    """A paragraph reopening the previous quote: one more piece of it, whose frame
    attributes the quote if nothing did yet."""
    previous.pieces.append((piece.start, piece.end))
    frame = _after_frame(context.text, piece.end, piece.after_end, context=context)
    if frame and previous.cue is None:
        _attach(previous, frame[0], frame[1], "after-cue")
        previous.frame_end = frame[2]
        used_cues.add(frame[0][0])


def _frames(context: ArticleContext, piece: _Piece) -> _Frames:
    text = context.text
    q_start, q_end = piece.start, piece.end
    lo = max(piece.sentence_start, piece.lead_start)
    ends_sentence = text[q_start:q_end].rstrip("”\"'’ ")[-1:] in (".", "!", "?")
    after = (
        _after_frame(text, q_end, piece.after_end, strict=ends_sentence, context=context)
        if piece.closed or q_end >= piece.paragraph_end
        else None
    )
    if after is not None:
        # "“...” The Buckeye State is one of 45 states": no speaker, no frame
        speaker = noun_phrase_speaker(context, after[1])
        after = None if speaker is None else (after[0], speaker, after[2])
    before = _before_frame(text, lo, q_start, context)
    if before is not None:
        before = before[0], noun_phrase_speaker(context, before[1])
    if before is not None and not re.search(r"[,:]", text[before[0][1] : q_start]) and (
        _LOWER_WORD_NEXT.match(text, q_end) or _in_reported_clause(context, lo, before[0][0])
    ):
        # "the candidate boasted that “everyone” is now following his lead": the
        # quote is part of the reported clause, a mixed quote; so is the object of
        # a cue inside another's that-clause ("he said that the fans wanted “a new
        # goalie.”")
        before = None
    starts_sentence = not text[lo:q_start].strip(" \u00a0\t\n(—–-")
    via_colon = False
    if before is None and after is None:
        before = _colon_frame(context, q_start)
        via_colon = before is not None
        if before is not None:
            before = before[0], noun_phrase_speaker(context, before[1])
    return _Frames(after, before, via_colon, starts_sentence, ends_sentence)


def _joins(context: ArticleContext, previous: Quote, piece: _Piece, frames: _Frames) -> bool:
    """Whether the piece is one more piece of the previous quote (appended to it)."""
    text = context.text
    unframed = frames.before is None and frames.after is None
    # "“A,” said Smith, the mayor of X, “but B.”": the sentence resumes the quote;
    # "“A,” Smith said. “B.”": only the previous quote's frame stands between them;
    # "“A,” Podesta added, “B.”": the cue between the pieces frames both
    resumes = unframed and not frames.starts_sentence and _resumes_after_frame(
        text, previous, piece.start, piece.paragraph_end)
    follows = unframed and frames.starts_sentence and _follows(
        text, previous, piece.start, context.paragraph_starts)
    shared_cue = frames.before is not None and frames.after is None and (
        previous.cue == frames.before[0])
    if not (resumes or follows or shared_cue):
        return False
    previous.pieces.append((piece.start, piece.end))
    previous.frame_end = piece.end
    return True


def _new_quote(context: ArticleContext, piece: _Piece, frames: _Frames,
               previous: Quote | None) -> Quote | None:
    """The piece as a quote of its own, attributed by the first frame that fits; None
    for a short piece inside a sentence (a scare quote, a title, part of a mixed quote)."""
    text = context.text
    q_start, q_end, p_index, words = piece.start, piece.end, piece.paragraph, piece.words
    frame_after, frame_before = frames.after, frames.before
    starts_sentence = frames.starts_sentence
    quote = Quote(pieces=[(q_start, q_end)])
    if words < 3 and frame_before is None:
        # "“Denver,” he answered.": a short quotation is a quote when a frame follows it
        # at the start of its sentence; elsewhere a title or a scare quote
        if frame_after and starts_sentence and piece.closed:
            _attach(quote, frame_after[0], frame_after[1], "after-cue")
            quote.frame_end = frame_after[2]
            return quote
        return None
    s_lo = piece.sentence_start
    opens_clause = _OPENS_CLAUSE.search(text, max(s_lo, piece.lead_start), q_start) is not None
    introduced = frame_before is not None and frames.ends_sentence and not starts_sentence
    if frame_after and (starts_sentence or words >= 6 or opens_clause and words >= 3) and not (
        introduced  # "Roe told her, “You will win.” She replied ...": the frame before
    ):
        _attach(quote, frame_after[0], frame_after[1], "after-cue")
        quote.frame_end = frame_after[2]
        quote.audience = _audience(text, quote.cue, piece.after_end)[0]
        if not starts_sentence:
            take_lead(quote, sentence_lead(context, max(s_lo, piece.lead_start), q_start))
    elif frame_before and frame_before[1] is not None:
        _attach(quote, frame_before[0], frame_before[1],
                "colon" if frames.via_colon else "before-cue")
        quote.frame_end = q_end
        take_lead(quote, clause_after_cue(context, frame_before[0], q_start))
        take_tail(quote, sentence_tail(context, q_start, q_end, piece.after_end))
    elif frame_before and previous is not None and previous.speaker is not None and (
        context.paragraph_of(previous.end) == p_index
    ) and (previous.end > s_lo or not _sentence_subject_of(context, s_lo, frame_before[0])):
        # "“A,” he said, adding: “B.”": the participle of the previous quote's sentence;
        # a sentence of its own ("Roe reacted to the news, saying: “B.”") has its subject
        _attach(quote, frame_before[0], (*previous.speaker, previous.speaker_kind),
                "participle-cue")
        quote.evidence.append("previous-speaker")
        quote.frame_end = q_end
    elif frame_before and (subject := _sentence_subject_of(context, s_lo, frame_before[0])):
        # "Flea shared the news, writing “...”": the sentence's subject speaks
        _attach(quote, frame_before[0], subject, "participle-cue")
        quote.evidence.append("sentence-subject")
        quote.frame_end = q_end
    elif starts_sentence and words >= 4 and piece.closed and (
        trailing := _trailing_frame(text, q_end, piece.after_end, context)
    ):
        # "“This will be a challenge” for Clinton, said Kunin."
        _attach(quote, trailing[0], trailing[1], "trailing-frame")
        quote.frame_end = trailing[2]
        # the words between the quote and the frame are reported too
        take_tail(quote, text.rfind(",", q_end, min(trailing[0][0], trailing[1][0])))
    elif starts_sentence and words >= 4 and (
        signed := _signature_after(text, q_end, context.paragraphs, p_index)
    ):
        # a quotation signed in the next paragraph: "— Bernie Sanders."
        _attach(quote, signed[0], signed[1], "signature")
        quote.frame_end = signed[1][1]
    elif not starts_sentence:
        return None  # scare quote, title, or part of a mixed quote
    elif words >= 4 and (lead := _lead_frame(text, piece.lead_start, q_start)):
        # "Iowa State University's Dianne Bystrom agreed. “...”": the sentence just
        # before is a frame with no content of its own
        _attach(quote, lead[0], lead[1], "lead-sentence")
        quote.frame_end = q_end
    elif words >= 4 and previous is not None and _adjacent_paragraph(
        previous, p_index, context.paragraph_starts
    ):
        quote.speaker = previous.speaker
        quote.speaker_kind = previous.speaker_kind
        if piece.previous_end is not None and (
            latest := _after_frame_loose(text, piece.previous_end, q_start)
        ) and latest[1][1] <= q_start:
            # "“...,” Obama said. “...”": the mention in the frame just before
            quote.speaker, quote.speaker_kind = latest[1][:2], latest[1][2]
            quote.evidence.append("previous-frame")
        else:
            quote.evidence.append("previous-speaker")
        quote.frame_end = q_end
    elif words >= 4:
        quote.evidence.append("no-cue")
        quote.frame_end = q_end
    else:
        return None
    return quote


def _in_reported_clause(context: ArticleContext, lo: int, cue_start: int) -> bool:
    """Whether a cue at ``cue_start`` stands in the that-clause of an earlier cue of
    its sentence (from ``lo``): a cue, then "that" as a complementizer (by its tag),
    with no comma or colon between "that" and ``cue_start``."""
    text = context.text
    earlier = _frame_cues_in(text, lo, cue_start)
    if not earlier:
        return False
    tokens, pos = context.tokens, context.tags.pos
    for i in token_range(context, earlier[0][1], cue_start):
        if pos[i] == "IN" and text[tokens[i][0] : tokens[i][1]].lower() == "that":
            return not re.search(r"[,:;]", text[tokens[i][1] : cue_start])
    return False


def _sentence_subject_of(context: ArticleContext, s_lo: int, cue: tuple[int, int]):
    """The subject of a participle cue's sentence: the participle's own, or the
    sentence's (None when it has none)."""
    text, index = context.text, context.entities
    return noun_phrase_speaker(context, _participle_subject(text, s_lo, cue[0], index)) or (
        noun_phrase_speaker(context, _sentence_subject(text, s_lo, cue[0], index)))


_OPENS_CLAUSE = re.compile(r"[,:—–][ \u00a0]*$")
_NON_SPACE = re.compile(r"\S")


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
    if _clause_end(text, previous.end, p_end) < q_start:
        return False  # (tested first: it reads a bounded stretch, the gap may be long)
    gap = text[previous.end : q_start]
    return bool(re.search(r",[ \u00a0]*$", gap)) and not re.search(r"[“”\"\n;!?]", gap)


def _follows(text: str, previous: Quote, q_start: int, paragraph_starts) -> bool:
    """True when only the previous quote's frame (or nothing) stands between them."""
    if previous.speaker is None and previous.cue is None:
        return False
    gap_start = max(previous.frame_end, previous.end)
    if gap_start > q_start:
        return False
    # (searched in place: the previous quote may be far back in a long paragraph)
    if _WORD_CHAR.search(text, gap_start, q_start) and not _frame_tail(
        text, previous, gap_start, q_start
    ):
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
        _NON_SPACE.search(text, end, q_start) or re.search(r"[\n;:]", tail)
        or len(tail.split()) > 25
    )


def _goes_on(context: ArticleContext, previous: Quote, quote: Quote) -> bool:
    """Whether a quote with no cue of its own, given the previous quote's speaker,
    continues it: no reporting cue stands between them (outside quotation marks)."""
    if quote.evidence[0] not in ("previous-speaker", "previous-frame") or previous.cue is None:
        return False
    gap_start = max(previous.end, previous.frame_end)
    return not any(not _in_pieces(cue[0], previous.pieces)
                   for cue in _frame_cues_in(context.text, gap_start, quote.start))


def _in_pieces(position: int, pieces) -> bool:
    return any(start <= position < end for start, end in pieces)


def _attach(quote: Quote, cue, speaker, evidence: str) -> None:
    quote.cue = cue
    quote.speaker = (speaker[0], speaker[1])
    quote.speaker_kind = speaker[2]
    quote.evidence.append(evidence)
