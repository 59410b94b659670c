"""The attribution pipeline: an article's stages in order, run once per article."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .._gc import paused_gc
from ..article import Article, as_article
from ..mentions import EntityIndex, build_entities
from ..tokenize import sentence_spans
from .cues import _ACTIVE_LEXICON, CueLexicon, cue_lexicon
from .direct import (
    _LOWER_WORD_NEXT,
    _OPENS_CLAUSE,
    _adjacent_paragraph,
    _attach,
    _follows,
    _resumes_after_frame,
)
from .frames import (
    _after_frame,
    _after_frame_loose,
    _before_frame,
    _colon_frame,
    _lead_frame,
    _signature_after,
    _trailing_frame,
)
from .indirect import _headline_quotes, _indirect_quotes, _mixed_clause
from .marks import quote_pieces
from .merge import _widen_cue, _without_overlaps
from .model import Quote
from .resolve import _carry_speakers, _resolve_speakers
from .subjects import _audience, _clause_subject, _participle_subject, _sentence_subject
from .text import _clause_end, _has_words, _paragraph_of, _word_count


@dataclass
class Attribution:
    """Everything the extractor found in one article, as plain Python objects.

    ``quotes`` in text order; ``sentences`` as ``(start, end, paragraph_index)``;
    ``entities`` the :class:`~analysis.mentions.EntityIndex` whose entities the
    quotes' speakers were resolved to (``Quote.speaker_entity``).
    """

    article: Article
    quotes: list[Quote]
    sentences: list[tuple[int, int, int]]
    entities: EntityIndex


def attribute(article: Article | str, *, cues: CueLexicon | str | Path | Mapping | None = None
              ) -> Attribution:
    """Run quote extraction and speaker resolution, returning plain objects.

    Downstream modules (speaker profiles, collections) use this to get the
    quotes and the entity index in one pass; :func:`extract_quotes` builds
    the table from it. ``cues`` extends the reporting-cue lexicon (see
    :func:`cue_lexicon`).
    """
    article = as_article(article)
    lexicon = cues if isinstance(cues, CueLexicon) else cue_lexicon(cues)
    token = _ACTIVE_LEXICON.set(lexicon)
    try:
        with paused_gc():  # many short-lived tuples, no cycles (see analysis._gc)
            quotes, sentences, index = _extract(article)
    finally:
        _ACTIVE_LEXICON.reset(token)
    return Attribution(article, quotes, sentences, index)


def _extract(article: Article):
    text = article.text
    paragraphs = article.paragraphs
    paragraph_starts = [start for start, _ in paragraphs]
    sentences = sentence_spans(article)
    index = build_entities(text, sentences)
    pieces = quote_pieces(text, paragraphs)

    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for s_start, s_end, p_index in sentences:
        by_paragraph.setdefault(p_index, []).append((s_start, s_end))

    def sentence_of(position: int) -> tuple[int, int]:
        for span in by_paragraph.get(_paragraph_of(paragraph_starts, position), []):
            if span[0] <= position < span[1]:
                return span
        return position, position

    used_cues: set[int] = set()
    quotes: list[Quote] = []
    embedded: list[tuple[int, int]] = []  # short quotes inside sentences (maybe mixed)
    previous: Quote | None = None
    for n, (q_start, q_end, p_index, closed, continues) in enumerate(pieces):
        has_next = n + 1 < len(pieces) and pieces[n + 1][2] == p_index
        next_start = pieces[n + 1][0] if has_next else None
        p_end = paragraphs[p_index][1]
        s_lo, _ = sentence_of(q_start)
        _, s_hi = sentence_of(max(q_start, q_end - 1))
        prev_end = pieces[n - 1][1] if n and pieces[n - 1][2] == p_index else paragraphs[p_index][0]
        lo = max(s_lo, prev_end)
        # the frame after a quote runs to the end of its sentence or the next quote;
        # a quote that closes its sentence has none
        after_hi = _clause_end(text, q_end, next_start if next_start is not None else p_end)
        words = _word_count(text, (q_start, q_end), at_most=6)  # compared with 3, 4, 6

        if continues and previous is not None and previous.end <= q_start:
            previous.pieces.append((q_start, q_end))
            frame = _after_frame(text, q_end, after_hi)
            if frame and previous.cue is None:
                _attach(previous, frame[0], frame[1], "after-cue")
                previous.frame_end = frame[2]
                used_cues.add(frame[0][0])
            continue

        before_text = text[lo:q_start]
        ends_sentence = text[q_start:q_end].rstrip("”\"'’ ")[-1:] in (".", "!", "?")
        frame_after = (
            _after_frame(text, q_end, after_hi, strict=ends_sentence)
            if closed or q_end >= p_end
            else None
        )
        frame_before = _before_frame(text, lo, q_start)
        if frame_before is not None and not re.search(
            r"[,:]", text[frame_before[0][1] : q_start]
        ) and _LOWER_WORD_NEXT.match(text, q_end):
            # "the candidate boasted that “everyone” is now following his lead": the
            # quote is part of the reported clause, a mixed quote
            frame_before = None

        starts_sentence = not before_text.strip(" \u00a0\t\n(—–-")
        via_colon = False
        if frame_before is None and frame_after is None:
            frame_before = _colon_frame(text, q_start, paragraphs, sentence_of, index)
            via_colon = frame_before is not None
        if frame_before is None and frame_after is None and not starts_sentence and (
            previous is not None and _resumes_after_frame(text, previous, q_start, p_end)
        ):
            # "“A,” said Smith, the mayor of X, “but B.”": the sentence resumes the quote
            previous.pieces.append((q_start, q_end))
            previous.frame_end = q_end
            previous.lead_only = False
            continue
        if (
            previous is not None
            and starts_sentence
            and frame_before is None
            and frame_after is None
            and _follows(text, previous, q_start, paragraph_starts)
        ):
            previous.lead_only = False
            previous.pieces.append((q_start, q_end))
            if frame_after and previous.cue is None:
                _attach(previous, frame_after[0], frame_after[1], "after-cue")
            if frame_after:
                previous.frame_end = frame_after[2]
                used_cues.add(frame_after[0][0])
            else:
                previous.frame_end = q_end
            continue

        if (
            previous is not None
            and frame_before is not None
            and frame_after is None
            and previous.cue == frame_before[0]
        ):
            # "“A,” Podesta added, “B.”": the cue between the pieces frames both
            previous.pieces.append((q_start, q_end))
            previous.frame_end = q_end
            continue

        quote = Quote(pieces=[(q_start, q_end)])
        if words < 3 and frame_before is None:
            # "“Judge,” Brafman said": a vocative or a title, not a statement of its own,
            # unless the quote goes on after its frame ("“The risk,” said X, “is ...”")
            if frame_after and starts_sentence and closed:
                _attach(quote, frame_after[0], frame_after[1], "after-cue")
                quote.frame_end = frame_after[2]
                quote.lead_only = True
                quotes.append(quote)
                previous = quote
                continue
            embedded.append((q_start, q_end))
            continue
        opens_clause = _OPENS_CLAUSE.search(before_text) is not None
        if frame_after and (starts_sentence or words >= 6 or opens_clause and words >= 3):
            _attach(quote, frame_after[0], frame_after[1], "after-cue")
            quote.frame_end = frame_after[2]
            quote.audience = _audience(text, quote.cue, after_hi)[0]
        elif frame_before and frame_before[1] is not None:
            _attach(quote, frame_before[0], frame_before[1], "colon" if via_colon else "before-cue")
            quote.frame_end = q_end
        elif frame_before and previous is not None and previous.speaker is not None and (
            _paragraph_of(paragraph_starts, previous.end) == p_index
        ):
            _attach(quote, frame_before[0], (*previous.speaker, previous.speaker_kind),
                    "participle-cue")
            quote.evidence.append("previous-speaker")
            quote.frame_end = q_end
        elif frame_before and (subject := _participle_subject(
                text, s_lo, frame_before[0][0], index) or _sentence_subject(
                text, s_lo, frame_before[0][0], index)):
            # "Flea shared the news, writing “...”": the sentence's subject speaks
            _attach(quote, frame_before[0], subject, "participle-cue")
            quote.evidence.append("sentence-subject")
            quote.frame_end = q_end
        elif starts_sentence and words >= 4 and closed and (
            trailing := _trailing_frame(text, q_end, after_hi)
        ):
            # "“This will be a challenge” for Clinton, said Kunin."
            _attach(quote, trailing[0], trailing[1], "trailing-frame")
            quote.frame_end = trailing[2]
        elif starts_sentence and words >= 4 and (
            signed := _signature_after(text, q_end, paragraphs, p_index)
        ):
            # a quotation signed in the next paragraph: "— Bernie Sanders."
            _attach(quote, signed[0], signed[1], "signature")
            quote.frame_end = signed[1][1]
        elif not starts_sentence:
            embedded.append((q_start, q_end))  # scare quote, title, or part of a mixed quote
            continue
        elif words >= 4 and (
            lead := _lead_frame(text, max(paragraphs[p_index][0], prev_end), q_start)
        ):
            # "Iowa State University's Dianne Bystrom agreed. “...”": the sentence just
            # before is a frame with no content of its own
            _attach(quote, lead[0], lead[1], "lead-sentence")
            quote.frame_end = q_end
        elif words >= 4 and starts_sentence and previous is not None and _adjacent_paragraph(
            previous, p_index, paragraph_starts
        ):
            quote.speaker = previous.speaker
            quote.speaker_kind = previous.speaker_kind
            if n and pieces[n - 1][2] == p_index and (
                latest := _after_frame_loose(text, pieces[n - 1][1], q_start)
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
            embedded.append((q_start, q_end))
            continue
        if quote.cue:
            used_cues.add(quote.cue[0])
        quotes.append(quote)
        previous = quote

    for quote in quotes:
        if quote.lead_only:  # no piece joined the short quote: back to a scare quote
            embedded.append(quote.pieces[0])
    if any(quote.lead_only for quote in quotes):
        quotes = [quote for quote in quotes if not quote.lead_only]
        embedded.sort()
    indirect = _indirect_quotes(text, sentences, quotes, embedded, used_cues)
    absorbed = sorted(p for q in indirect for p in q.pieces)
    for span in embedded:
        # clauses are sentence-bound, so a containing one starts within a few
        last = bisect.bisect_right(absorbed, (span[0], span[1]))
        if any(a[0] <= span[0] and span[1] <= a[1] for a in absorbed[max(0, last - 8) : last]):
            continue
        if indirect and indirect[-1].start <= span[0] and span[1] <= indirect[-1].end:
            continue  # a second quoted phrase in the same clause
        # a short quote counts only right after its cue ("calling her a “rising star”")
        short = not _has_words(text, span, 8)
        s_start, s_end = sentence_of(span[0])
        mixed = _mixed_clause(text, span, s_start, index, used_cues, near=short, s_end=s_end)
        if mixed is not None:
            used_cues.add(mixed.cue[0])
            indirect.append(mixed)
        elif not short:
            quote = Quote(pieces=[span], evidence=["no-cue"], frame_end=span[1])
            subject = _clause_subject(text, s_start, span[0], index)
            if subject is not None and subject[2] == "name" and not re.match(
                r"[ \u00a0]+[a-z]", text[subject[1] : span[0]]
            ):
                # "..., a testimonial to John Kerry, the nominee, Mr. Obama decried": a
                # name no verb follows is no subject; the one a verb follows is
                subject = _participle_subject(text, s_start, span[0], index) or subject
            if subject is not None:
                # "Moore thanked him for “...”": with no cue, the sentence's subject
                quote.speaker, quote.speaker_kind = subject[:2], subject[2]
                quote.evidence = ["sentence-subject"]
            quotes.append(quote)
    quotes.extend(indirect)
    quotes.extend(_headline_quotes(text, paragraphs, quotes))
    quotes = _without_overlaps(text, quotes)
    _carry_speakers(quotes, paragraph_starts)
    for quote in quotes:
        _widen_cue(text, quote)
    _resolve_speakers(text, quotes, index)
    return quotes, sentences, index
