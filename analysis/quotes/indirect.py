"""Reported speech: clauses a cue governs (``X said (that) ...``, ``..., X said.``,
``according to X, ...``), mixed quotes (a quoted phrase inside such a clause) and
``Speaker: statement`` headlines."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from .context import ArticleContext
from .cues import (
    _INVERTING_VERBS,
    CueLexicon,
    _cue_indexes,
    _cue_lemma,
    _cues_in,
    _is_passive,
    _lexicon,
    _noun_like_cues,
    _phrase_kinds,
    _quote_cue_lexicon,
)
from .frames import title_case_cues
from .marks import _MARK
from .model import Quote
from .subjects import (
    _audience,
    _clause_reporter,
    _speaker_after,
    _speaker_before,
)
from .text import (
    _DETERMINERS,
    _SPACES,
    _content_end,
    _has_words,
    _inside,
    _overlap,
    _spans_between,
    _strip_span,
    _trim_end,
    _word_count,
)


def indirect_quotes(context: ArticleContext, quotes: list[Quote], embedded, used_cues: set[int]
                    ) -> list[Quote]:
    """Reported speech: ``X said (that) ...``, ``..., X said.``, ``according to X, ...``.

    A cue the direct quotes' frames took (``used_cues``), or one inside a direct or
    embedded quote, reports nothing of its own. A clause that takes in an embedded
    quote is mixed. The cues of the quotes found are added to ``used_cues``.
    """
    text = context.text
    direct_spans = sorted(p for q in quotes for p in q.pieces)
    embedded = sorted(embedded)
    results: list[Quote] = []
    for s_start, s_end, p_index in context.windows:
        sentence_end = None  # where its reported clauses end, worked out once if needed
        cues = _cues_in(text, s_start, s_end)
        title = False
        if not cues and p_index == 0:
            # headlines are often in title case: "Sanders Says He Has Started ..."
            cues = [(start + s_start, end + s_start)
                    for start, end in _lexicon().finditer(text[s_start:s_end].lower())]
            title = True
        elif not cues:
            cues = title_case_cues(text, s_start, s_end)  # a list item: "Roe Joked About ..."
            title = True
        for cue_start, cue_end in cues:
            if cue_start in used_cues or _inside(direct_spans, cue_start):
                continue
            if _inside(embedded, cue_start):
                continue
            cue_text = text[cue_start:cue_end]
            if cue_text[:1].isupper() and not title:
                continue
            if sentence_end is None:
                sentence_end = _content_end(text, s_start, s_end)
            quote = _indirect_at(text, s_start, s_end, sentence_end, (cue_start, cue_end))
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


def _indirect_at(text: str, s_start: int, s_end: int, sentence_end: int, cue: tuple[int, int]
                 ) -> Quote | None:
    """The reported clause of the cue in ``text[s_start:s_end]``, with its speaker;
    ``sentence_end`` is where the sentence's content ends (:func:`_content_end`)."""
    cue_start, cue_end = cue
    cue_text = text[cue_start:cue_end].lower()
    phrase_kind = _phrase_kinds().get(_SPACES.sub(" ", cue_text))
    if phrase_kind != "before" and cue_text.endswith("ing"):
        return None  # participles ("saying", "hoping") are handled with their clause
    if phrase_kind == "before":
        speaker = _speaker_after(text, cue_end, s_end)
        if speaker is None:
            return None
        if text.startswith(",", speaker[1], s_end):
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
        rest = _CLAUSE_GOES_ON.match(text, position, s_end)
        if rest and _has_words(text, (rest.end(), sentence_end), 3):
            pieces.append((rest.end(), _clause_cut(text, rest.end(), sentence_end)))
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


# after "..., he said": the clause goes on ("he said, this effect ..."), not a new one
_CLAUSE_GOES_ON = re.compile(r"[ \u00a0]*,[ \u00a0]*(?!and\b|but\b|adding\b|saying\b)")
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
_CLAUSE_BREAK_LOOSE = (
    r";|[ \u00a0](?:--|—|–)[ \u00a0]|,[ \u00a0]+(?:but|however|although|though|while|whereas|"
    r"adding|saying|according[ \u00a0]to|and[ \u00a0]added|and[ \u00a0]said)"
)
_CLAUSE_BREAK = re.compile(_CLAUSE_BREAK_LOOSE + r"\b")


def _clause_cut(text: str, start: int, end: int) -> int:
    """End of a reported clause: before ``; but``, ``, adding``, a dash, or a
    second reporting verb (``... and called his standing “unheard of”``)."""
    if end - start > _LONG_CLAUSE:
        return _long_clause_cut(text, start, end)
    match = _CLAUSE_BREAK.search(text, start, end)
    if match:
        end = match.start()
    match = _QUOTE_ENDS_CLAUSE.search(text, start, end)
    if match:
        end = match.end()
    starts, spans = _cue_indexes(text, _lexicon(), _quote_cue_lexicon())[0]
    first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    if last - first > _MANY_CUES:
        cut = _second_cue_cut(text, start, end)
        return end if cut is None else cut
    for cue_start, cue_end in spans[first:last]:
        if cue_end > end:
            continue
        lead = text[max(start, cue_start - 25) : cue_start]
        if _SECOND_CUE_LEAD.search(lead) and (
            cue_start - start > 10 and not text[cue_start:cue_end][:1].isupper()
        ):
            return _trim_end(text, start, cue_start - len(_SECOND_CUE_LEAD.search(lead).group()))
    return end


# A clause longer than this (a sentence of hundreds of "said that") reads its breaks
# from an index of the whole article, built once: each cut costs O(log n), not a scan
# of the rest of the sentence. News clauses are shorter and are searched in place. The
# index gives what the searches give (tests/test_quotes.py compares them).
_LONG_CLAUSE = 1000
_MANY_CUES = 16  # and a clause with more cues than this reads them from an index too


def _long_clause_cut(text: str, start: int, end: int) -> int:
    """:func:`_clause_cut` by the article's indexes of breaks and second cues."""
    index = _clause_breaks(text)
    # "; but": the first break that a search in text[start:end] would find
    first = _first_fitting(index.breaks, start, end)
    dangling = index.cut_words.get(end)  # ", but" cut from "butter" by the end
    if dangling is not None and dangling >= start and (first is None or dangling < first[0]):
        first = (dangling, end)
    if first is not None:
        end = first[0]
    quote_end = _first_fitting(index.quote_ends, start, end)
    if quote_end is not None:
        end = quote_end[1]
    cut = _second_cue_cut(text, start, end)
    return end if cut is None else cut


def _first_fitting(spans, start: int, end: int):
    """The first ``(position, end, limit)`` at or after ``start`` whose ``limit`` (the
    text its match reads) is at most ``end``: the limits grow with the positions."""
    i = bisect.bisect_left(spans, (start,))
    if i < len(spans) and spans[i][2] <= end:
        return spans[i][0], spans[i][1]
    return None


class _ClauseBreaks(NamedTuple):
    """Where the patterns that end a reported clause match, in the whole article.

    ``breaks``: ``(position, position, end)`` of every :data:`_CLAUSE_BREAK` match
    that a search stopping at or after ``end`` finds; ``cut_words``: for ``, but``
    followed by more letters ("butter"), which only a search stopping right after
    "but" finds, ``{end: position}``; ``quote_ends``: ``(position, match end, end)``
    of every :data:`_QUOTE_ENDS_CLAUSE` match, ``end`` past the word its look-ahead
    reads.
    """

    breaks: list[tuple[int, int, int]]
    cut_words: dict[int, int]
    quote_ends: list[tuple[int, int, int]]


@lru_cache(maxsize=4)
def _clause_breaks(text: str) -> _ClauseBreaks:
    # every position (a look-ahead: matches may overlap), without the final \b: at most
    # one alternative matches at a position, so the \b is tested here
    breaks, cut_words = [], {}
    for match in _CLAUSE_BREAK_ANYWHERE.finditer(text):
        position, end = match.start(), match.end(1)
        if text[position] != "," or end == len(text) or not _WORD_CHAR.match(text, end):
            breaks.append((position, position, end))
        else:
            cut_words[end] = position
    quote_ends = [(m.start(), m.start() + len(m.group(2)) + 1, m.end(1))
                  for m in _QUOTE_ENDS_CLAUSE_ANYWHERE.finditer(text)]
    return _ClauseBreaks(breaks, cut_words, quote_ends)


_CLAUSE_BREAK_ANYWHERE = re.compile(f"(?=({_CLAUSE_BREAK_LOOSE}))")
_WORD_CHAR = re.compile(r"\w")


def _second_cue_cut(text: str, start: int, end: int) -> int | None:
    """Where a second cue in ``text[start:end]`` starts a new clause (``, and also
    said``), the clause before it trimmed; None if none does. The cues more than 25
    characters after ``start`` are read from an index of the article's cues."""
    starts, spans = _cue_indexes(text, _lexicon(), _quote_cue_lexicon())[0]
    near_end = min(end, start + 25)
    for cue_start, cue_end in spans[bisect.bisect_left(starts, start + 11) :
                                    bisect.bisect_left(starts, near_end)]:
        lead = text[start:cue_start]
        if cue_end <= end and (match := _SECOND_CUE_LEAD.search(lead)) and (
            not text[cue_start:cue_end][:1].isupper()
        ):
            return _trim_end(text, start, cue_start - len(match.group()))
    second = _second_cues(text, _lexicon())
    i = bisect.bisect_left(second, (near_end,))
    while i < len(second) and second[i][0] < end:
        cue_start, cue_end, lead_length = second[i]
        if cue_end <= end:
            return _trim_end(text, start, cue_start - lead_length)
        i += 1  # a cue running past the end: only the few that overlap it
    return None


@lru_cache(maxsize=4)
def _second_cues(text: str, lexicon: CueLexicon) -> list[tuple[int, int, int]]:
    """``(start, end, lead length)`` of every lower-case cue of the article that
    :data:`_SECOND_CUE_LEAD` precedes (in the 25 characters before it)."""
    starts, spans = _cue_indexes(text, lexicon, _quote_cue_lexicon())[0]
    found = []
    for cue_start, cue_end in spans[bisect.bisect_left(starts, 25) :]:
        match = _SECOND_CUE_LEAD.search(text, cue_start - 25, cue_start)
        if match and not text[cue_start:cue_end][:1].isupper():
            found.append((cue_start, cue_end, len(match.group())))
    return found


# a quote closing on a comma mid-sentence ends the reported clause: 'that is a
# “distortion,” describing ...', 'called it “an attack,” but he also noted ...'
_QUOTE_ENDS_CLAUSE = re.compile(r",(?:[”\"]|'')(?=[ \u00a0]+\w)")
_QUOTE_ENDS_CLAUSE_ANYWHERE = re.compile(r"(?=(,([”\"]|'')[ \u00a0]+\w))")


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
    # (matched in place: a copy of the rest of the sentence for every cue adds up)
    if _ADVERBIAL_START.match(text, position, s_end):
        bridge = _ADVERBIAL_BRIDGE.match(text, position, s_end)
        if not bridge:
            return None
        start = bridge.end()
        if bridge.group().endswith(("that ", "that\u00a0")):
            start -= 5  # PolNeAR's contents keep the complementizer
        if not _has_words(text, (start, sentence_end), 3):
            return None
        return start, _clause_cut(text, start, sentence_end)
    lead = _CONTENT_LEAD.match(text, position, s_end)
    start = lead.end() - (len(lead.group(2)) if lead.group(2) else 0)
    words = _word_count(text, (start, sentence_end), at_most=4)  # compared with 3, 4
    if lead.group(2) or (not lead.group(1) and words >= 4) or (lead.group(1) == ":" and words >= 3):
        return start, _clause_cut(text, start, sentence_end)
    return None


_HEADLINE = re.compile(
    r"((?:[A-Z][\w’'.\-]*[ \u00a0]?){1,4})[ \u00a0]*"  # the speaker's name
    r"(?:[:–—]|[ \u00a0]-[ \u00a0])[ \u00a0]*(\S.{8,})"  # a colon or dash, the statement
)


def headline_quotes(context: ArticleContext, quotes: list[Quote]) -> list[Quote]:
    """``Speaker – statement`` or ``Speaker: statement`` headlines (when no quote
    found so far stands in the first line)."""
    text, paragraphs = context.text, context.paragraphs
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
