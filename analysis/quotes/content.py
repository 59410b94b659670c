"""A quote's content beyond its quotation marks: the unquoted words of its sentence
that report it (PolNeAR's mixed quotes, and what a reader takes as said): the
sentence before a quote framed after it, the clause between a cue and the quote,
the words that finish the quote's clause after its closing mark."""

from __future__ import annotations

import re

from .context import ArticleContext
from .cues import _frame_cues_in
from .grammar import content_class, is_verb_at
from .model import Quote
from .subjects import _audience
from .text import _clause_end

_WORD_CHAR = re.compile(r"\w")
_LOWER_WORD_NEXT = re.compile(r"[ \u00a0]+[a-z]")  # matched in place: no copy of the text after


def take_lead(quote: Quote, start: int | None) -> None:
    """The quote's content starts earlier, at ``start``, with the unquoted words that
    report it: a mixed quote."""
    if start is not None:
        quote.pieces[0] = (start, quote.pieces[0][1])
        quote.kind = "mixed"
        quote.evidence.append("reported-lead")


def take_tail(quote: Quote, end: int) -> None:
    """The quote's content ends later, at ``end`` (when past it), with the unquoted
    words that finish its clause: a mixed quote."""
    if end > quote.pieces[-1][1]:
        quote.pieces[-1] = (quote.pieces[-1][0], end)
        quote.kind = "mixed"
        quote.evidence.append("reported-tail")


def sentence_tail(context: ArticleContext, q_start: int, q_end: int, hi: int) -> int:
    """Where the content ends when the quote's clause goes on after its closing mark
    (``said “we have three weeks to go” until the caucuses``): at the first comma,
    semicolon, dash or quotation mark, or before a coordinated verb (``and shared
    a link``). ``q_end`` (no tail) when the quotation closes on punctuation
    (``“We'll see,” when asked``) or the sentence ends there."""
    text = context.text
    if text[q_start:q_end].rstrip("”\"'’» \u00a0")[-1:] in ",.!?;:" or not (
        _LOWER_WORD_NEXT.match(text, q_end)
    ):
        return q_end
    hi = _clause_end(text, q_end, hi)
    stop = _TAIL_STOP.search(text, q_end, hi)
    end = clause_cut(context, q_end, stop.start() if stop else hi)
    return q_end + len(text[q_end:end].rstrip(_TRAILING))


def clause_cut(context: ArticleContext, start: int, end: int) -> int:
    """``end``, or where another clause starts in ``text[start:end]`` by the tags: a
    conjunction or a subordinator that a verb follows ("and shared a link", "and
    Weingarten hugging her", "as he promised", "before reversing himself"; not "until
    the vote") or a relative pronoun ("which raised concerns")."""
    text, tokens, pos = context.text, context.tokens, context.tags.pos
    lo, last = context.token_index(start), context.token_index(end)
    for i in range(lo, last):
        word = text[tokens[i][0] : tokens[i][1]].lower()
        if pos[i] in ("WDT", "WP") or pos[i] in ("CC", "IN") and (
            pos[i] == "CC" or word in _TAIL_BREAKS) and _verb_follows(pos, i + 1, last):
            return start + len(text[start : tokens[i][0]].rstrip(_TRAILING))
    return end


_TRAILING = " \u00a0\t\n,:;"


def _verb_follows(pos, start: int, stop: int, within: int = 6) -> bool:
    """Whether a verb comes within ``within`` tokens of ``start`` (before ``stop`` or
    another conjunction): the conjunction coordinates a clause, not a noun phrase."""
    for i in range(start, min(stop, start + within)):
        if pos[i] == "CC":
            return False
        if pos[i].startswith("VB") or pos[i] == "MD":
            return True
    return False


_TAIL_STOP = re.compile(r"[,;:“”\"«»()]|''|[ \u00a0][—–-]|[.!?](?=[\s”\"’']|$)")


def sentence_lead(context: ArticleContext, lo: int, q_start: int) -> int | None:
    """Where the content starts when a quote framed after it opens mid-sentence:
    ``After the vote, “there is a sense of urgency,” Law said`` reports the whole
    sentence. None when the words before the quote introduce it (a colon, ``For
    example:``), hold another quotation or a verb cue of their own, or end in a dash;
    a cue the tags read as a noun frames nothing (``Trump's remarks were “...,” Ryan
    said``)."""
    first = _WORD_CHAR.search(context.text, lo, q_start)
    if first is None:
        return None
    lead = context.text[first.start() : q_start]
    if _LEAD_STOP.search(lead) or any(is_verb_at(context, cue[0]) for cue in
                                      _frame_cues_in(context.text, first.start(), q_start)):
        return None
    return first.start()


# a lead that introduces the quote rather than reports it
_LEAD_STOP = re.compile(
    r"[:;“”\"«»]|''|``|[—–-][ \u00a0]*$|(?<![\w’'])(?:[Aa]s|[Ll]ike)[ \u00a0]*$")


def clause_after_cue(context: ArticleContext, cue: tuple[int, int], q_start: int) -> int | None:
    """Where the content starts when a reported clause stands between the cue and the
    quote: ``He adds that Americans have two choices: “...”``, ``Swers said because
    Obama is popular, “he's ...”``. A prepositional phrase or an audience (``said of
    Congress:``, ``told the mayors who gathered in the city,``) is no clause: None."""
    text = context.text
    start = _audience(text, cue, q_start)[1]
    first = _WORD_CHAR.search(text, start, q_start)
    if first is None:
        return None
    tokens = context.tokens
    pos = context.tags.pos
    lo, hi = context.token_index(first.start()), context.token_index(q_start)
    word = text[tokens[lo][0] : tokens[lo][1]].lower()
    if word == "that" and lo + 1 == hi:
        return None  # "adding that “...”": the quotation is all that is reported
    if word == "that" or word in _SUBORDINATORS:
        return tokens[lo][0]
    for i in range(lo, hi):
        tag = pos[i]
        if tag in ("WP", "WDT", "WRB", "IN", "TO") or tag.startswith("VBG"):
            return None  # a relative clause, a prepositional or participle phrase
        if tag in _FINITE:
            return tokens[lo][0]
    return None


_SUBORDINATORS = frozenset("because if although though while whereas unless since whether".split())
# words that open another clause after a quotation ("as he promised", "before reversing")
_TAIL_BREAKS = _SUBORDINATORS | frozenset("as when before after until once".split())
_FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))


def clause_after_aside(context: ArticleContext, start: int, end: int) -> int:
    """``end``, or where a reported clause ends before an aside between dashes that
    another clause follows: in ``he will accept the verdict – the one the jury
    reached – but critics are still angry`` the report ends at the first dash; in
    ``the ban — 1.6 billion people — from entering`` it goes on past the aside."""
    text, tokens, pos = context.text, context.tokens, context.tags.pos
    lo, hi = context.token_index(start), context.token_index(end)
    opening = None
    for i in range(lo, hi):
        word = text[tokens[i][0] : tokens[i][1]]
        if word not in _DASHES:
            continue
        if opening is None or text[tokens[opening][0] : tokens[opening][1]] != word:
            opening = i
            continue
        after = i + 1
        if after < hi and pos[after] == "CC":
            after += 1
        if after < hi and any(pos[k] in _FINITE for k in range(lo, opening)) and content_class(
            context, tokens[after][0], end
        ) == "finite":
            return start + len(text[start : tokens[opening][0]].rstrip(_TRAILING))
        opening = None
    return end


_DASHES = frozenset(("--", "—", "–"))
