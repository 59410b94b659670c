"""Quotes and who said them: direct, mixed and indirect speech with speakers.

The extractor is rule-based and needs no parser model:

1. Double quotation marks are classified as opening or closing from their
   context (curly marks are often wrong in scraped text) and paired within a
   paragraph. A quote left open at a paragraph's end continues only when the
   next paragraph reopens with a mark (the news convention); otherwise it is
   closed there, so a missing mark never swallows the rest of the article.
2. Each quote looks for an attribution frame: a reporting cue
   (``resources/reporting_verbs.tsv``, ``resources/cue_phrases.tsv``) with its
   speaker right after the closing mark (``,” the official said``,
   ``,” said Smith``) or right before the opening mark (``Smith said: “``).
   Quotes that follow an attributed quote with no cue of their own (``“A,” he
   said. “B.”``, a next paragraph of quotation) join it as further pieces.
   Short quotes inside a sentence are scare quotes or titles: not speech on
   their own, but part of a mixed quote when a cue governs their clause.
3. Sentences with a cue and a subject (``X insisted that ...``,
   ``..., he said.``, ``according to X, ...``) give indirect (or mixed) quotes.
4. Speaker mentions (names, pronouns, descriptions) are resolved to entities
   by :mod:`analysis.mentions`, preferring the current speaker.

Every row carries the rule that made it in ``evidence``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._gc import paused_gc
from ..article import Article, as_article
from ..mentions import EntityIndex, build_entities
from ..tokenize import sentence_spans
from .cues import (
    _ACTIVE_LEXICON,
    _INVERTING_VERBS,
    CueLexicon,
    _cue_lemma,
    _cues_in,
    _is_passive,
    _lexicon,
    _noun_like_cues,
    _phrase_kinds,
    cue_lexicon,
    cue_sense,
    reporting_cues,
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
from .marks import _MARK, CLOSING, OPENING, quote_pieces
from .model import Quote
from .subjects import (
    _absolute_subject,
    _audience,
    _clause_reporter,
    _clause_subject,
    _participle_subject,
    _possessor,
    _reporting_frame_subject,
    _sentence_subject,
    _speaker_after,
    _speaker_before,
)
from .text import (
    _DETERMINERS,
    _SPACES,
    _clause_end,
    _content_end,
    _has_words,
    _inside,
    _overlap,
    _paragraph_of,
    _spans_between,
    _strip_span,
    _trim_end,
    _word_count,
)

__all__ = [
    "extract_quotes", "quote_records", "attribute", "Attribution", "iter_quotes", "Quote",
    "QUOTE_COLUMNS",
    "reporting_cues", "cue_lexicon", "CueLexicon", "cue_sense",
]

QUOTE_COLUMNS = [
    "article", "quote_id", "kind", "text", "start", "end", "cue", "cue_start", "cue_end",
    "speaker_mention", "speaker_start", "speaker_end", "speaker", "audience", "spans",
    "sentence_id", "paragraph_id", "evidence",
]
DOUBLE_MARKS = OPENING + CLOSING + '"'
_WORD_CHAR = re.compile(r"\w")


def _mixed_clause(text: str, span, s_start: int, index: EntityIndex, used_cues,
                  near: bool = False, s_end: int | None = None):
    """A long quote inside a sentence whose cue governs it (``saying he “has ...”``).

    The content runs from after the cue to the end of the quote: a mixed quote.
    ``near`` (for a short quote) asks for the cue within _NEAR_CUE_WORDS words of it, with
    no other quotation between (``calling her a “rising star”``).
    """
    cues = [c for c in _cues_in(text, s_start, span[0]) if c[0] not in used_cues]
    if not cues:
        return None
    cue = cues[-1]
    if near and (_has_words(text, (cue[1], span[0]), _NEAR_CUE_WORDS + 1)
                 or _MARK.search(text, cue[1], span[0])):
        return None
    speaker = None
    # "what had been called the “Golden Week”": reported, but by nobody named
    passive = _is_passive(text, s_start, cue)
    if re.match(r"[ \u00a0]*(?:that\b|[,:]|[“\"]|'')", text[cue[1] : span[0]]):
        speaker = _possessor(text, s_start, cue)  # "her remark that “...”": its possessor
    if speaker is None and _PROGRESSIVE.search(text, s_start, cue[0]):
        # "the Florida senator is telling reporters": a finite verb, its subject before it
        speaker = _speaker_before(text, s_start, cue[0])
    if speaker is None and text[cue[0] : cue[1]].endswith("ing"):
        # "Mrs. Clinton echoed the criticism, saying ...": the clause's subject
        speaker = _absolute_subject(text, s_start, cue[0]) or _reporting_frame_subject(
            text, s_start, cue[0]) or _clause_subject(
            text, s_start, cue[0], index) or _participle_subject(text, s_start, cue[0], index)
    if speaker is None:
        speaker = _speaker_before(text, s_start, cue[0])
    if speaker is None and near:
        # "Sen. Elizabeth Warren (D-MA) said": the subject the verb follows
        speaker = _participle_subject(text, s_start, cue[0], index, reported_ok=True)
    if speaker is None:
        speaker = _sentence_subject(text, s_start, cue[0], index)
    if speaker is None and not passive:
        return None
    if speaker is not None and speaker[2] == "pronoun":
        speaker = _clause_reporter(text, s_start, speaker) or speaker
    start = cue[1] + re.match(r"[ \u00a0,:]*(?:that[ \u00a0]+)?", text[cue[1] : span[0]]).end()
    end = span[1]
    if near and s_end is not None:
        # the reported clause goes on after the quoted words: "calling it a “paperwork
        # error” that was reported in a hit piece"
        end = max(end, _clause_cut(text, start, _content_end(text, s_start, s_end)))
    if passive:
        return Quote(pieces=[(start, end)], kind="mixed", cue=cue,
                     evidence=["mixed-clause", "passive"], frame_end=span[1])
    return Quote(pieces=[(start, end)], kind="mixed", cue=cue, speaker=speaker[:2],
                 speaker_kind=speaker[2], evidence=["mixed-clause"], frame_end=span[1])


# "is already claiming": a participle after a form of "be" is a finite verb
_PROGRESSIVE = re.compile(
    r"(?<![\w’'])(?:is|was)(?:[ \u00a0]+(?:\w+ly|already|also|still|now))?[ \u00a0]+$")


# how far before a short quote its governing cue may stand, in words
_NEAR_CUE_WORDS = 25


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


def iter_quotes(article: Article | str | Attribution) -> Iterator[tuple[Quote, int, int]]:
    """Yield ``(Quote, sentence_index, paragraph_index)`` in text order."""
    result = article if isinstance(article, Attribution) else attribute(article)
    starts = [s for s, _, _ in result.sentences]
    for quote in result.quotes:
        s_index = max(0, bisect.bisect_right(starts, quote.start) - 1)
        yield quote, s_index, result.sentences[s_index][2] if result.sentences else 0


_OPENS_CLAUSE = re.compile(r"[,:—–][ \u00a0]*$")
_LOWER_WORD_NEXT = re.compile(r"[ \u00a0]+[a-z]")  # matched in place: no copy of the text after


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


def _carry_speakers(quotes: list[Quote], paragraph_starts: list[int]) -> None:
    """A direct quote with no frame at all takes the speaker of the nearest
    attributed quote (direct, mixed or indirect) in its paragraph or the one
    before: "Axelrod said. “This is ...”" (``no-cue; previous-speaker``)."""
    last: Quote | None = None
    for quote in quotes:
        near = last is not None and (
            _paragraph_of(paragraph_starts, quote.start)
            - _paragraph_of(paragraph_starts, last.end) <= 1
        )
        if near and quote.speaker is None and quote.evidence == ["no-cue"]:
            quote.speaker, quote.speaker_kind = last.speaker, last.speaker_kind
            quote.evidence.append("previous-speaker")
        elif near and quote.evidence in (["previous-speaker"], ["previous-frame"]) and (
            last.kind != "direct"
        ):
            # "..., dos Santos says. “If ...”": reported speech came after the last quote
            quote.speaker, quote.speaker_kind = last.speaker, last.speaker_kind
        if quote.speaker is not None:
            last = quote


_AUXILIARIES = re.compile(
    r"(?:(?:has|have|had|also|will|would|did|does|do|is|was|were|later|then|again|once)"
    r"[ \u00a0]+)+$"
)


def _widen_cue(text: str, quote: Quote) -> None:
    """Let the cue take the auxiliaries between speaker and verb: "has stated"."""
    if quote.cue is None or quote.speaker is None or quote.speaker[1] > quote.cue[0]:
        return
    gap = text[quote.speaker[1] : quote.cue[0]]
    match = _AUXILIARIES.search(gap)
    if match and not gap[: match.start()].strip(" \u00a0"):
        quote.cue = (quote.speaker[1] + match.start(), quote.cue[1])


def _without_overlaps(text: str, quotes: list[Quote]) -> list[Quote]:
    """Quotes in text order, no two sharing a character.

    A reported clause that runs into a direct quote is cut before it; reported
    speech nested in another clause ("She said the council would ask ...")
    stays part of the outer one.
    """
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
                continue  # nested reported speech stays part of the outer clause
        if _overlaps_any(quote.pieces, [o for other in kept[-3:] for o in other.pieces]):
            continue
        kept.append(quote)
    return kept


def _overlaps_any(pieces, others) -> bool:
    """Whether a span of ``pieces`` shares a character with one of ``others``
    (the test of :func:`_overlap`, inline: it runs for every pair)."""
    return any(max(a[0], b[0]) < min(a[1], b[1]) for a in pieces for b in others)


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


def _indirect_quotes(text, sentences, quotes, embedded, used_cues) -> list[Quote]:
    """Reported speech: ``X said (that) ...``, ``..., X said.``, ``according to X, ...``."""
    direct_spans = sorted(p for q in quotes for p in q.pieces)
    embedded = sorted(embedded)
    results: list[Quote] = []
    for s_start, s_end, p_index in sentences:
        cues = _cues_in(text, s_start, s_end)
        if p_index == 0 and not cues:
            # headlines are often in title case: "Sanders Says He Has Started ..."
            cues = [(start + s_start, end + s_start)
                    for start, end in _lexicon().finditer(text[s_start:s_end].lower())]
        for cue_start, cue_end in cues:
            if cue_start in used_cues or _inside(direct_spans, cue_start):
                continue
            if _inside(embedded, cue_start):
                continue
            cue_text = text[cue_start:cue_end]
            if cue_text[:1].isupper() and p_index != 0:
                continue
            quote = _indirect_at(text, s_start, s_end, (cue_start, cue_end))
            if quote is None:
                continue
            q_start, q_end = quote.pieces[0]
            nearby = _spans_between(direct_spans, q_start, q_end)
            if any(_overlap((q_start, q_end), span) > 0.5 * (span[1] - span[0])
                   for span in nearby):
                continue
            if any(q_start <= span[0] and span[1] <= q_end
                   for span in _spans_between(embedded, q_start, q_end)):
                quote.kind = "mixed"
            used_cues.add(cue_start)
            results.append(quote)
    return results


def _indirect_at(text: str, s_start: int, s_end: int, cue: tuple[int, int]) -> Quote | None:
    cue_start, cue_end = cue
    cue_text = text[cue_start:cue_end].lower()
    phrase_kind = _phrase_kinds().get(_SPACES.sub(" ", cue_text))
    if phrase_kind != "before" and cue_text.endswith("ing"):
        return None  # participles ("saying", "hoping") are handled with their clause
    sentence_end = _content_end(text, s_start, s_end)
    if phrase_kind == "before":
        speaker = _speaker_after(text, cue_end, s_end)
        if speaker is None:
            return None
        after = text[speaker[1]:s_end]
        if after.startswith(","):
            content = (speaker[1] + 1, sentence_end)
        else:
            content = (s_start, _trim_end(text, s_start, cue_start))
            content = (content[0], content[1] - 1 if text[content[1] - 1] == "," else content[1])
        quote = Quote(pieces=[_strip_span(text, *content)], kind="indirect", cue=cue,
                      speaker=speaker[:2], speaker_kind=speaker[2], evidence=["according-to"])
        return quote if _has_words(text, quote.pieces[0], 3) else None

    speaker = _speaker_before(text, s_start, cue_start)
    lemma = _cue_lemma(cue_text)
    if speaker is not None and lemma in _noun_like_cues() and cue_text in (lemma, lemma + "s"):
        words = text[speaker[0] : speaker[1]].split()
        if speaker[2] == "description" or words[0].lower() in _DETERMINERS:
            return None  # "the jobs report", "demands for change": a noun, not a cue
    inverted = speaker is None and (
        _cue_lemma(text[cue_start:cue_end]) in _INVERTING_VERBS
        and _TRAILING_COMMA.search(text, s_start, cue_start)  # "$" is at endpos
    )
    passive = None  # worked out once, when first needed
    if speaker is None and not inverted:
        passive = _is_passive(text, s_start, cue)
        if not passive:
            return None  # no subject, no inversion, no passive: decided before the costly content
    audience, position = _audience(text, cue, s_end)
    forward = _forward_content(text, position, s_end, sentence_end)
    after_cue = text[position:s_end]
    if forward is not None and (_is_passive(text, s_start, cue) if passive is None else passive):
        # "Priebus was said to be “furious”": reported, but by nobody named
        piece = _strip_span(text, *forward)
        return Quote(pieces=[piece], kind="indirect", cue=cue, evidence=["passive"]) if (
            _has_words(text, piece, 3)) else None
    pieces: list[tuple[int, int]]
    if inverted:
        # "..., said Smith." : the speaker follows, the content precedes
        speaker = _speaker_after(text, cue_end, s_end)
        if speaker is None or forward is not None and text[speaker[1] : speaker[1] + 1] != ",":
            return None  # "Smith, Ryan's aide, said the campaign would ...": no inversion
        pieces = [(s_start, _before_trailing_comma(text, s_start, cue_start))]
        evidence = "trailing-cue"
    elif speaker is None:
        return None
    elif forward is None and _TRAILING_COMMA.search(text, s_start, speaker[0]) and (
        _has_words(text, (s_start, speaker[0]), 2)
    ):
        # "There is great need ..., he said, and ..." : the content precedes;
        # "In the long run, many economists say, this effect ..." : and follows
        pieces = [(s_start, _before_trailing_comma(text, s_start, speaker[0]))]
        rest = re.match(r"[ \u00a0]*,[ \u00a0]*(?!and\b|but\b|adding\b|saying\b)", after_cue)
        if rest and _has_words(text, (position + rest.end(), sentence_end), 3):
            pieces.append((position + rest.end(), _clause_cut(text, position + rest.end(),
                                                             sentence_end)))
        elif not _has_words(text, pieces[0], 4):
            return None
        evidence = "trailing-cue"
    elif forward is not None:
        pieces = [forward]
        evidence = "subject-cue"
    else:
        return None
    pieces = [_strip_span(text, *piece) for piece in pieces]
    if sum(_word_count(text, piece, at_most=3) for piece in pieces) < 3:
        return None
    if speaker[2] == "pronoun" and evidence == "subject-cue" and _MARK.search(
        text, pieces[0][0], pieces[-1][1]
    ):
        # "Adelson declared that he found Trump “very charming”": the quoted words
        # are reported by the outer speaker
        speaker = _clause_reporter(text, s_start, speaker) or speaker
    return Quote(pieces=pieces, kind="indirect", cue=cue, speaker=speaker[:2],
                 speaker_kind=speaker[2], audience=audience, evidence=[evidence])


# a comma ending a reported clause, inside the closing mark of a quote that ends it
_TRAILING_COMMA = re.compile(r",((?:[”\"]|'')*)[ \u00a0]*$")


def _before_trailing_comma(text: str, start: int, end: int) -> int:
    """End of the clause before a trailing comma: ``need, he said`` -> before the
    comma; ``was “heartbreaking,” she said`` -> after the closing mark."""
    match = _TRAILING_COMMA.search(text, start, end)
    return match.end(1) if match.group(1) else match.start()


_ADVERBIAL_START = re.compile(
    r"[ \u00a0]*(?:in|on|at|during|after|before|from|last|this|earlier|later|late|early|"
    r"yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"recently|previously|again|also|repeatedly|afterward|afterwards|privately|publicly)\b",
    re.IGNORECASE,
)
_ADVERBIAL_BRIDGE = re.compile(
    r"[^,;:.!?“”\"]{0,80}?(?:,[ \u00a0]*(?:that[ \u00a0]+)?|[ \u00a0]that[ \u00a0]+)"
)
_CLAUSE_BREAK = re.compile(
    r";|[ \u00a0](?:--|—|–)[ \u00a0]|,[ \u00a0]+(?:but|however|although|though|while|whereas|"
    r"adding|saying|according[ \u00a0]to|and[ \u00a0]added|and[ \u00a0]said)\b"
)


def _clause_cut(text: str, start: int, end: int) -> int:
    """End of a reported clause: before ``; but``, ``, adding``, a dash, or a
    second reporting verb (``... and called his standing “unheard of”``)."""
    match = _CLAUSE_BREAK.search(text, start, end)
    if match:
        end = match.start()
    match = _QUOTE_ENDS_CLAUSE.search(text, start, end)
    if match:
        end = match.end()
    for cue_start, cue_end in _cues_in(text, start, end):
        lead = text[max(start, cue_start - 25) : cue_start]
        if _SECOND_CUE_LEAD.search(lead) and (
            cue_start - start > 10 and not text[cue_start:cue_end][:1].isupper()
        ):
            return _trim_end(text, start, cue_start - len(_SECOND_CUE_LEAD.search(lead).group()))
    return end


# a quote closing on a comma mid-sentence ends the reported clause: 'that is a
# “distortion,” describing ...', 'called it “an attack,” but he also noted ...'
_QUOTE_ENDS_CLAUSE = re.compile(r",(?:[”\"]|'')(?=[ \u00a0]+\w)")


# what stands before a second cue that starts a new clause: ", and also", ", claiming"
_SECOND_CUE_LEAD = re.compile(
    r"(?:,?[ \u00a0]+and(?:[ \u00a0]+(?:also|then|later))?|,)[ \u00a0]+"
    r"(?:(?:he|she|they|we|[A-Z][\w’'.-]*(?:[ \u00a0][A-Z][\w’'.-]*){0,2})[ \u00a0]+)?$"
)


_CONTENT_LEAD = re.compile(r"[ \u00a0]*(?:(,|:)[ \u00a0]*)?(that[ \u00a0]+)?")


def _forward_content(text: str, position: int, s_end: int, sentence_end: int):
    """The reported clause after a cue (``said (that) ...``), or None.

    Adverbials between cue and clause (``said on Tuesday that``, ``said in an
    interview, ``) are skipped; a clause needs ``that``, a colon, or four words.
    """
    tail = text[position:s_end]
    if _ADVERBIAL_START.match(tail):
        bridge = _ADVERBIAL_BRIDGE.match(tail)
        if not bridge:
            return None
        start = position + bridge.end()
        if bridge.group().endswith(("that ", "that\u00a0")):
            start -= 5  # PolNeAR's contents keep the complementizer
        if not _has_words(text, (start, sentence_end), 3):
            return None
        return start, _clause_cut(text, start, sentence_end)
    lead = _CONTENT_LEAD.match(tail)
    start = position + lead.end() - (len(lead.group(2)) if lead.group(2) else 0)
    words = _word_count(text, (start, sentence_end), at_most=4)  # compared with 3, 4
    if lead.group(2) or (not lead.group(1) and words >= 4) or (lead.group(1) == ":" and words >= 3):
        return start, _clause_cut(text, start, sentence_end)
    return None


_HEADLINE = re.compile(
    r"((?:[A-Z][\w’'.\-]*[ \u00a0]?){1,4})[ \u00a0]*"  # the speaker's name
    r"(?:[:–—]|[ \u00a0]-[ \u00a0])[ \u00a0]*(\S.{8,})"  # a colon or dash, the statement
)


def _headline_quotes(text: str, paragraphs, quotes) -> list[Quote]:
    """``Speaker – statement`` or ``Speaker: statement`` headlines."""
    if not paragraphs:
        return []
    p_start, p_end = paragraphs[0]
    line_end = text.find("\n", p_start, p_end)
    line_end = p_end if line_end < 0 else line_end
    if any(q.start < line_end for q in quotes):
        return []
    match = _HEADLINE.fullmatch(text, p_start, line_end)
    if not match:
        return []
    name_end = p_start + len(match.group(1).rstrip())
    cue_start = name_end + (len(text[name_end:match.start(2)]) - len(
        text[name_end:match.start(2)].lstrip(" \u00a0")))
    cue_end = cue_start + 1
    content = _strip_span(text, match.start(2), line_end)
    return [Quote(pieces=[content], kind="indirect", cue=(cue_start, cue_end),
                  speaker=(p_start, name_end), speaker_kind="name", evidence=["headline"])]


def _resolve_speakers(text: str, quotes: list[Quote], index: EntityIndex) -> None:
    current: int | None = None
    for quote in quotes:
        if quote.speaker is None:
            continue
        start, end = quote.speaker
        mention = text[start:end]
        if "previous-speaker" in quote.evidence:
            if current is not None:
                quote.speaker_name = index.entities[current].name
                quote.speaker_entity = current
            continue
        kind = quote.speaker_kind
        if mention.lower() == "who":
            # "Smith, who said ...": the name right before the relative pronoun
            antecedent = index.last_mention(max(0, start - 60), start)
            entity_id = index.entity_at(antecedent[0]) if antecedent else None
            how = "relative-pronoun" if entity_id is not None else "relative-unresolved"
        else:
            entity_id, how = index.resolve(mention, kind, start, preferred=current)
        if entity_id is None and kind == "name":
            entity_id = index.add_name(start, end, -1)
            how = "name (new)"
        if entity_id is None and kind == "description":
            # a description that names nobody known is its own speaker ("the poll")
            quote.speaker_name = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I)
            quote.evidence.append("description")
            continue
        if entity_id is None:
            quote.evidence.append(how)
            continue
        entity = index.entities[entity_id]
        quote.speaker_name = entity.name
        quote.speaker_entity = entity_id
        if kind != "name":
            quote.evidence.append(how)
            if kind == "description":
                entity.descriptors.append((start, end, mention))
        current = entity_id


def extract_quotes(
    article: Article | str | Attribution,
    *,
    cues: CueLexicon | str | Path | Mapping | None = None,
) -> pd.DataFrame:
    """Who said what: one row per quote (direct, mixed or indirect).

    Parameters
    ----------
    article : Article or str
        An article (see :func:`analysis.load_article`) or its text.
    cues : path or mapping, optional
        Extra reporting cues, added to ``resources/reporting_verbs.tsv`` (see
        :func:`cue_lexicon`), e.g. ``{"quip": "neutral"}``.

    Returns
    -------
    pandas.DataFrame
        Columns: article, quote_id (q1, q2, ... in text order), kind
        (direct/mixed/indirect), text, start, end (the hull of the pieces; a
        direct quote includes its marks), cue, cue_start, cue_end,
        speaker_mention, speaker_start, speaker_end (the local mention, e.g.
        "he"), speaker (the resolved name, "" when unknown), audience (who was
        told, e.g. "the Security Council"), spans (the pieces as [[start, end],
        ...]), sentence_id, paragraph_id, evidence (the rules that decided).
        Missing offsets are <NA>.

    Examples
    --------
    >>> table = extract_quotes("Budget vote\\n\\n“We will win,” Ann Lee said.")
    >>> table[["kind", "text", "speaker"]].values.tolist()
    [['direct', '“We will win,”', 'Ann Lee']]
    """
    result = article if isinstance(article, Attribution) else attribute(article, cues=cues)
    table = pd.DataFrame(quote_records(result), columns=QUOTE_COLUMNS)
    for column in ("cue_start", "cue_end", "speaker_start", "speaker_end"):
        table[column] = table[column].astype("Int64")
    return table


def quote_records(result: Attribution) -> list[tuple]:
    """The rows of :func:`extract_quotes` as plain tuples (columns ``QUOTE_COLUMNS``,
    missing offsets ``None``), for callers that build one table over many articles."""
    article = result.article
    text = article.text
    rows = []
    for number, (quote, s_index, p_index) in enumerate(iter_quotes(result), start=1):
        cue = quote.cue
        speaker = quote.speaker
        rows.append((
            article.id, f"q{number}", quote.kind, text[quote.start : quote.end],
            quote.start, quote.end,
            text[cue[0] : cue[1]] if cue else "", cue[0] if cue else None, cue[1] if cue else None,
            text[speaker[0] : speaker[1]] if speaker else "",
            speaker[0] if speaker else None, speaker[1] if speaker else None,
            quote.speaker_name, quote.audience, [list(p) for p in quote.pieces],
            s_index, p_index, "; ".join(quote.evidence),
        ))
    return rows
