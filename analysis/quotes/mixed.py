"""Mixed quotes: a quoted phrase inside a sentence (an embedded piece) reported by the
cue that governs its clause (``calling her a “rising star”``, ``saying he “has ...”``);
a long one no cue governs is a quote of its own, given the sentence's subject."""

from __future__ import annotations

import bisect
import re
from functools import cache

from ..lexicons import read_table, regular_verb_forms
from .content import sentence_tail, take_tail
from .context import ArticleContext
from .cues import _cues_in, _is_passive, _quote_only_cues_in
from .frames import _verb_read_as_plural, noun_phrase_speaker, unless_place
from .grammar import FINITE, content_class, is_verb_at, token_range
from .indirect import _clause_cut
from .marks import _MARK
from .model import Quote
from .subjects import (
    _PARTICIPLE_NEXT,
    _absolute_subject,
    _classify_speaker,
    _clause_reporter,
    _clause_subject,
    _participle_subject,
    _possessor,
    _reporting_frame_subject,
    _sentence_subject,
    _speaker_before,
    participle_subject,
    subject_before,
)
from .text import _content_end, _has_words


def embedded_quotes(context: ArticleContext, embedded, reported: list[Quote],
                    used_cues: set[int]) -> tuple[list[Quote], list[Quote]]:
    """Quotes from the embedded pieces of :func:`~analysis.quotes.direct.direct_quotes`
    that no reported clause (``reported``, from
    :func:`~analysis.quotes.indirect.indirect_quotes`) takes in.

    Returns
    -------
    (unframed, mixed)
        Long pieces no cue governs, each a direct quote of its own (its speaker the
        sentence's subject, if any); and mixed quotes, whose cues are added to
        ``used_cues``.
    """
    text = context.text
    _finish_reported_clauses(context, embedded, reported)
    absorbed = sorted(p for q in reported for p in q.pieces)
    unframed: list[Quote] = []
    mixed: list[Quote] = []
    ends = {q.pieces[-1]: q for q in reported}
    for span in embedded:
        # clauses are sentence-bound, so a containing one starts within a few
        last = bisect.bisect_right(absorbed, (span[0], span[1]))
        near = absorbed[max(0, last - 8) : last]
        if any(a[0] <= span[0] and span[1] <= a[1] for a in near):
            continue
        cut = next((ends[a] for a in near if a[0] < span[0] < a[1] < span[1] and a in ends), None)
        if cut is not None:
            # a reported clause cut inside a quotation runs to its closing mark
            cut.pieces[-1] = (cut.pieces[-1][0], span[1])
            cut.kind = "mixed"
            continue
        latest = mixed[-1] if mixed else reported[-1] if reported else None
        if latest is not None and latest.start <= span[0] and span[1] <= latest.end:
            continue  # a second quoted phrase in the same clause
        # a short quote counts only right after its cue ("calling her a “rising star”")
        short = not _has_words(text, span, 8)
        s_start, s_end = context.sentence_of(span[0])
        quote = _mixed_clause(context, span, s_start, used_cues, near=short, s_end=s_end)
        if quote is not None:
            used_cues.add(quote.cue[0])
            mixed.append(quote)
        elif not short:
            unframed.append(_unframed_quote(context, span, s_start))
    return unframed, mixed


def _finish_reported_clauses(context: ArticleContext, embedded, reported: list[Quote]) -> None:
    """Where the reported clauses that hold a quotation end: before the writer's
    comment after it (:func:`_end_before_comment`); and, for one that ends at a
    quotation closing on a comma inside a fronted adverbial, at the end of its main
    clause ("warned that while “costs would fall,” prices rose", "said that by
    refusing to answer “the question,” the minister had ..."): the words before the
    comma are no clause of their own."""
    closing = {span[1]: span for span in embedded}
    for quote in reported:
        if quote.kind == "mixed" and quote.evidence[0] == "subject-cue":
            _end_before_comment(context, embedded, quote)
            _second_that_clause(context, quote)
        span = closing.get(quote.pieces[-1][1])
        if span is None or span[0] < quote.pieces[-1][0]:
            continue
        s_start, s_end = context.sentence_of(span[0])
        end = _main_clause_end(context, quote.pieces[-1][0], span,
                               _content_end(context.text, s_start, s_end))
        if end is not None:
            quote.pieces[-1] = (quote.pieces[-1][0], end)
            quote.kind = "mixed"


def _second_that_clause(context: ArticleContext, quote: Quote) -> None:
    """A reported clause that ends at a quotation closing on a comma goes on through
    "and that" and the second that-clause of the same cue ("said that their father
    “could be unyielding,” and that his brother had struggled")."""
    text, end = context.text, quote.pieces[-1][1]
    match = _AND_THAT.match(text, end)
    if match is None or text[max(0, end - 3) : end].rstrip("”\"'")[-1:] != ",":
        return
    if context.tags.pos[context.token_index(match.start(1))] != "IN":
        return  # "and that was the end of it": a pronoun, a sentence of the writer's
    s_start, s_end = context.sentence_of(end - 1)
    sentence_end = _content_end(text, s_start, s_end)
    if match.end() < sentence_end:
        quote.pieces[-1] = (quote.pieces[-1][0],
                            _clause_cut(text, match.end(), sentence_end))


_AND_THAT = re.compile(r"[ \u00a0]+and[ \u00a0]+(that)[ \u00a0,]+")


def _end_before_comment(context: ArticleContext, embedded, quote: Quote) -> None:
    """A reported clause with a quotation in it ends before the writer's words after
    its last quotation: a noun phrase that a comma sets after it to comment on the
    whole clause ("the vote had been “rigged,” a charge that officials denied"), or
    a contrast or circumstance ("accused him of an “artful smear” while Roe suggests
    ...", "is “excited” as he faces a test")."""
    start, end = quote.pieces[-1]
    last = bisect.bisect_right(embedded, (end, end)) - 1
    if last >= 0 and start <= embedded[last][0]:
        q_end = embedded[last][1]
        quote.pieces[-1] = (start, min(_appositive_cut(context, q_end, end),
                                       _contrast_cut(context, q_end, end)))


def _contrast_cut(context: ArticleContext, position: int, end: int) -> int:
    """``end``, or earlier where "while", "whereas" or "as" opens a clause of its own
    (a subject and a finite verb: "as he faces a test") between ``position`` and
    ``end``, by the tags; not "as" before a noun phrase ("as the old one")."""
    tokens, text = context.tokens, context.text
    first, last = context.token_index(position), context.token_index(end)
    for i in range(first, last - 1):
        if text[tokens[i][0] : tokens[i][1]].lower() in ("while", "whereas", "as") and (
                content_class(context, tokens[i + 1][0], end) == "finite"):
            cut = tokens[i][0]
            while cut > position and text[cut - 1] in " \u00a0,":
                cut -= 1
            return cut
    return end


def _appositive_cut(context: ArticleContext, position: int, end: int) -> int:
    """``end``, or earlier where ", a/an" opens a noun phrase with a relative clause
    between ``position`` and ``end`` (", a charge that ...", ", a move which ..."; not
    "who": ", a Sanders supporter who ..." describes a person named before), by the
    tags of the tokens between."""
    tokens, pos, text = context.tokens, context.tags.pos, context.text
    first, last = context.token_index(position), context.token_index(end)
    for i in range(first, last - 2):
        if text[tokens[i][0] : tokens[i][1]] == "," and text[
                tokens[i + 1][0] : tokens[i + 1][1]].lower() in ("a", "an") and any(
                pos[k] == "WDT" or pos[k] == "IN" and text[
                    tokens[k][0] : tokens[k][1]].lower() == "that"
                for k in range(i + 3, min(last, i + 3 + _APPOSITIVE_HEAD_WORDS))):
            cut = tokens[i][0]
            while cut > position and text[cut - 1] in " \u00a0":
                cut -= 1
            return cut
    return end


# how many words the head of an appositive noun phrase may have before its relative word
_APPOSITIVE_HEAD_WORDS = 4


def _main_clause_end(context: ArticleContext, start: int, span: tuple[int, int],
                     sentence_end: int) -> int | None:
    """Where the main clause ends when the content from ``start`` is a fronted
    adverbial whose quotation ``span`` closes on a comma: the content is a
    that-clause that opens with a subordinator or a preposition ("while", "if", "by
    refusing", "thanks to"), no comma closes it before the quotation, and a subject
    and a finite verb follow the closing mark. None otherwise; read by the tags."""
    text, tokens, pos = context.text, context.tokens, context.tags.pos
    if text[span[0] : span[1]].rstrip("”\"'’ \u00a0")[-1:] != ",":
        return None
    i, opening = context.token_index(start), context.token_index(span[0])
    if text[tokens[i][0] : tokens[i][1]].lower() != "that":
        return None  # ("asked why he had not ..., Roe said": a question, not an adverbial)
    i += 1 + (text[tokens[i + 1][0] : tokens[i + 1][1]] == ",")  # "that, thanks to ..."
    if i >= opening or not (
        pos[i] in _ADVERBIAL_LEADS and text[tokens[i][0] : tokens[i][1]].lower() != "that"
        or i + 1 < opening and pos[i + 1] in ("TO", "IN") and pos[i] in ("NNS", "RB", "JJ")
    ):
        return None
    if any(text[tokens[k][0] : tokens[k][1]] == "," for k in range(i + 1, opening)):
        return None  # "that if he wins, “we will ...,”": the main clause came first
    k, last, noun = context.token_index(span[1]), context.token_index(sentence_end), False
    while k < min(last, context.token_index(span[1]) + _SUBJECT_WORDS) and (
            pos[k] in _SUBJECT_TAGS or pos[k] in ("``", "''")):
        noun = noun or pos[k] in _SUBJECT_HEADS
        k += 1
    while k < last and pos[k] == "RB":
        k += 1
    if not noun or k >= last or pos[k] not in FINITE:
        return None
    main = context.tokens[context.token_index(span[1])][0]
    return max(span[1], _predicate_cut(context, main, _clause_cut(text, main, sentence_end)))


# what opens a fronted adverbial: a subordinator or preposition ("while", "by"),
# "when", an infinitive of purpose ("to win the seat, ...")
_ADVERBIAL_LEADS = frozenset(("IN", "WRB", "TO"))
# a main clause's subject after the closing mark: "the attacks", "Democrats", "he"
_SUBJECT_TAGS = frozenset("DT PDT PRP PRP$ NNP NNPS NN NNS JJ CD POS".split())
_SUBJECT_HEADS = frozenset("PRP NNP NNPS NN NNS CD".split())
_SUBJECT_WORDS = 8


def _unframed_quote(context: ArticleContext, span: tuple[int, int], s_start: int) -> Quote:
    text, index = context.text, context.entities
    quote = Quote(pieces=[span], evidence=["no-cue"], frame_end=span[1])
    # a sentence that opens with a quotation has its subject after it: a name quoted
    # there is someone's words ("“The applicant is ...,” the board said, ...")
    marks = _MARK.finditer(text, s_start, span[0])
    opening = next(marks, None)
    if opening is not None and not text[s_start : opening.start()].strip():
        closing = next(marks, None)
        s_start = closing.end() if closing is not None else s_start
    subject = _clause_subject(text, s_start, span[0], index,
                              lambda found: unless_place(context, found))
    if subject is not None and subject[2] == "name" and not re.match(
        r"[ \u00a0]+[a-z]", text[subject[1] : span[0]]
    ):
        # "..., a testimonial to John Kerry, the nominee, Mr. Obama decried": a
        # name no verb follows is no subject; the one a verb follows is
        subject = _participle_subject(text, s_start, span[0], index) or subject
    if subject is not None and not text[subject[1] : span[0]].strip():
        # "Roe “kind of misspoke.”": the quotation is said of its subject, not by it
        subject = None
    if subject is not None:
        # "Moore thanked him for “...”": with no cue, the sentence's subject
        quote.speaker, quote.speaker_kind = subject[:2], subject[2]
        quote.evidence = ["sentence-subject"]
    take_tail(quote, sentence_tail(context, span[0], span[1], context.sentence_of(span[0])[1]))
    return quote


def _mixed_clause(context: ArticleContext, span, s_start: int, used_cues,
                  near: bool = False, s_end: int | None = None):
    """A long quote inside a sentence whose cue governs it (``saying he “has ...”``).

    The content runs from after the cue to the end of the quote: a mixed quote.
    ``near`` (for a short quote) asks for the cue within _NEAR_CUE_WORDS words of it, with
    no other quotation between (``calling her a “rising star”``).
    """
    text = context.text
    naming = _naming_cue(context, s_start, span[0])
    if naming is not None and naming[0] not in used_cues:
        # the quotation is a naming verb's object or its complement, whatever noun
        # cue stands in the object ("dismissed the report as “fake news”")
        return _with_cue(context, span, s_start, naming, ["naming-frame"], near, s_end)
    cues = [c for c in _cues_in(text, s_start, span[0]) if c[0] not in used_cues]
    # a verb that frames only quotations ("chanted", "shouting", "reads") takes the
    # quotation as its object when it stands right before it: "they chanted “...”"
    cues += [c for c in _quote_only_cues_in(text, s_start, span[0])
             if c[0] not in used_cues and _OBJECT_GAP.fullmatch(text, c[1], span[0])
             and is_verb_at(context, c[0])]
    # a noun that only names something stands aside for the verb before it ("called the
    # use of executive orders “quite dangerous”")
    cues = sorted(c for c in cues if _cue_governs(context, c, span[0]))
    if not cues:
        return None
    cue = cues[-1]
    if near and (_has_words(text, (cue[1], span[0]), _NEAR_CUE_WORDS + 1)
                 or _MARK.search(text, cue[1], span[0])):
        return None
    return _with_cue(context, span, s_start, cue, ["mixed-clause"], near, s_end)


def _with_cue(context: ArticleContext, span, s_start: int, cue: tuple[int, int],
              evidence: list[str], near: bool, s_end: int | None):
    """The mixed quote of ``span`` reported by ``cue``: its speaker the cue's subject
    (None when there is none and the cue is not passive; ``near`` for a short quote,
    whose cue's subject may stand after the verb). Its content runs from the
    cue to the quotation's end, and on to the end of the reported clause in the
    sentence ending at ``s_end``."""
    text, index = context.text, context.entities
    speaker = None
    # "what had been called the “Golden Week”": reported, but by nobody named
    passive = _is_passive(text, s_start, cue)
    # the candidates in turn, each read as a noun phrase by its tags (frames.noun_phrase_speaker)
    candidates = []
    if not text[cue[0] : cue[1]].endswith("ing"):
        # "it is common for sports writers to portray ... as “...”": the infinitive's
        # subject is the noun phrase after "for", never the "it" before
        candidates.append(lambda: _for_subject(context, s_start, cue[0]))
    if re.match(r"[ \u00a0]*(?:that\b|[,:]|[“\"]|'')", text[cue[1] : span[0]]):
        candidates.append(lambda: _possessor(text, s_start, cue))  # "her remark that “...”"
    if _PROGRESSIVE.search(text, s_start, cue[0]):
        # "the Florida senator is telling reporters": a finite verb, its subject before it
        candidates.append(lambda: _speaker_before(text, s_start, cue[0]))
    if text[cue[0] : cue[1]].endswith("ing"):
        # "Mrs. Clinton echoed the criticism, saying ...": the clause's subject
        candidates += [lambda: _absolute_subject(text, s_start, cue[0]),
                       lambda: _reporting_frame_subject(text, s_start, cue[0]),
                       lambda: _clause_subject(text, s_start, cue[0], index),
                       lambda: _participle_subject(text, s_start, cue[0], index)]
    candidates.append(lambda: _speaker_before(text, s_start, cue[0]))
    if near:
        # "Sen. Elizabeth Warren (D-MA) said": the subject the verb follows
        candidates.append(lambda: _participle_subject(text, s_start, cue[0], index,
                                                      reported_ok=True))
    candidates.append(lambda: _sentence_subject(text, s_start, cue[0], index))
    # the tag-read subjects last ("Hundreds of demonstrators marched ..., chanting “...”")
    if text[cue[0] : cue[1]].endswith("ing"):
        candidates.append(lambda: participle_subject(context, s_start, cue[0]))
    else:
        candidates.append(lambda: subject_before(context, s_start, cue[0]))
    found = (speaker for candidate in candidates
             if (speaker := noun_phrase_speaker(context, candidate())) is not None)
    speaker = next(found, None)
    if speaker is not None and (text[cue[0] : cue[1]].endswith("ing") or _COORDINATED.search(
            text, max(s_start, cue[0] - 12), cue[0])) and _is_object(context, speaker):
        # a participle's subject is no verb's or preposition's object: a later
        # candidate that is not one, if any ("Then he turned on Smith, calling him")
        speaker = next((f for f in found if not _is_object(context, f)), speaker)
    if speaker is None and not passive:
        return None
    if speaker is not None and speaker[2] == "pronoun":
        speaker = _clause_reporter(text, s_start, speaker) or speaker
    start = cue[1] + re.match(r"[ \u00a0,:]*(?:that[ \u00a0]+)?", text[cue[1] : span[0]]).end()
    end = span[1]
    if s_end is not None:
        # the reported clause goes on after the quoted words: "calling it a “paperwork
        # error” that was reported in a hit piece"
        sentence_end = _content_end(text, s_start, s_end)
        end = max(end, _predicate_cut(context, span[1], _clause_cut(text, start, sentence_end)),
                  _main_clause_end(context, cue[1], span, sentence_end) or end)
        end = _appositive_cut(context, span[1], end)
    kind = "mixed"
    that = _that_after_adverbial(context, start, span, end)
    if that is not None:
        # the quotation only named the show or the paper: mixed if another one follows
        start = that
        kind = "mixed" if _MARK.search(text, start, end) else "indirect"
    if passive:
        return Quote(pieces=[(start, end)], kind=kind, cue=cue,
                     evidence=[*evidence, "passive"], frame_end=span[1])
    return Quote(pieces=[(start, end)], kind=kind, cue=cue, speaker=speaker[:2],
                 speaker_kind=speaker[2], evidence=evidence, frame_end=span[1])


def _that_after_adverbial(context: ArticleContext, start: int, span: tuple[int, int],
                          end: int) -> int | None:
    """Where the reported clause starts when the quotation stands in an adverbial
    between the cue and "that" ("said on ABC's “This Week” on Sunday that ..."): at
    "that", if the content opens with a preposition, "that" follows the closing mark
    within a few words, no verb or comma stands in the adverbial and a subject and a
    finite verb follow "that"; None otherwise."""
    tokens, pos, text = context.tokens, context.tags.pos, context.text
    first = context.token_index(start)
    if pos[first] != "IN" or text[tokens[first][0] : tokens[first][1]].lower() == "that":
        return None
    last, opening, k = (context.token_index(end), context.token_index(span[0]),
                        context.token_index(span[1]))
    for i in range(first + 1, min(last, k + _ADVERBIAL_TAIL_WORDS)):
        if opening <= i < k:
            continue  # the quoted words themselves
        word = text[tokens[i][0] : tokens[i][1]].lower()
        if word == "that" and i >= k:
            # a complementizer, not a relative pronoun: its clause has a subject
            # ("that Mr. Roe was", not "a “riveting book” that takes readers")
            after = tokens[i + 1][0] if i + 1 < last else end
            return tokens[i][0] if content_class(context, after, end) == "finite" else None
        if pos[i].startswith("VB") or pos[i] == "MD" or word in ",;:":
            return None
    return None


# how many words may stand between an adverbial's quotation and "that"
_ADVERBIAL_TAIL_WORDS = 5


# a cue coordinated with an earlier verb of its subject ("called Trump a “blowhard,” and
# said ..."): its speaker is that verb's subject, never its object
_COORDINATED = re.compile(r"\b(?:and|but)[ \u00a0]+\Z")


def _predicate_cut(context: ArticleContext, position: int, end: int) -> int:
    """``end``, or earlier where a second predicate of the subject starts between
    ``position`` (a quotation's closing mark) and ``end``: "and" or "but" before a
    verb ("called her “third-rate” and boycotted the debate"), a comma before a
    participle (", applauding the vote"), or a dash (an aside: "posted two words -
    “So sad” - with a link"). What the quoted words' clause says ends there; by the
    tags of the tokens between."""
    tokens, pos, text = context.tokens, context.tags.pos, context.text
    i = context.token_index(position)
    while i + 1 < len(tokens) and tokens[i + 1][0] < end:
        tag, following = pos[i], pos[i + 1]
        word = text[tokens[i][0] : tokens[i][1]]
        if word == "," and following == "CC":
            i += 1
            continue  # ", and called": the "and" decides
        if (tag == "CC" and word.lower() in ("and", "but") and _verb_follows(pos, i + 1)) \
                or (word == "," and following == "VBG") or word in _DASHES:
            cut = tokens[i][0]
            while cut > position and text[cut - 1] in " \u00a0,":
                cut -= 1
            return cut
        i += 1
    return end


def _verb_follows(pos, index: int) -> bool:
    """A verb at ``index``, or after one adverb ("and then called")."""
    if index < len(pos) and pos[index] == "RB":
        index += 1
    return index < len(pos) and pos[index] in _PREDICATE_TAGS


_DASHES = frozenset(("-", "--", "—", "–"))
# the tags of a verb that starts a predicate (not a participle modifying a noun)
_PREDICATE_TAGS = frozenset("VBD VBZ VBP MD VBG".split())


def _naming_cue(context: ArticleContext, s_start: int, q_start: int) -> tuple[int, int] | None:
    """The naming verb (``resources/naming_verbs.tsv``) whose object or object
    complement is the quotation at ``q_start``: the verb stands right before it
    ("decried “years of neglect”") or before a short noun phrase and at most "as",
    "on", "for", "of", "to" or "against" ("called the deal “a disaster”", "dismissed
    the report as “fake news”", "blamed the crash on “reckless drivers”"), read by
    the tags of the few tokens between. None when another word stands between, when
    the verb is a participle that names the noun before it ("a website dubbed
    “X”") or a passive one ("was dubbed “X”": nobody's words), or when it is no
    naming verb."""
    tokens, pos, text = context.tokens, context.tags.pos, context.text
    quote_token = context.token_index(q_start)
    first = max(context.token_index(s_start), quote_token - _NAMING_GAP - 1)
    for i in range(quote_token - 1, first - 1, -1):
        tag = pos[i]
        word = text[tokens[i][0] : tokens[i][1]].lower()
        if tag == "VBG" and i and pos[i - 1] in _GERUND_LEADS:
            continue  # a gerund read as a noun: "blamed the flooding on"
        if tag == "VBG" and _word_before(context, i) == "for":
            continue  # the reason named: "slammed him for (not) using the term “X”"
        if tag.startswith("VB"):
            if word not in _naming_forms():
                return None
            if tag == "VBN" and not _after_have(context, i) and (
                    _after_be(context, i) or i + 1 == quote_token
                    or pos[i + 1] not in _OBJECT_STARTS):
                return None  # a name given ("a website dubbed “X”") or a passive
            return tokens[i][0], tokens[i][1]
        if tag not in _OBJECT_TAGS and word not in _OBJECT_LINKS:
            return None
    return None


@cache
def _naming_forms() -> frozenset[str]:
    """Every form of the verbs in ``resources/naming_verbs.tsv``."""
    forms = set()
    for row in read_table("naming_verbs.tsv"):
        listed = row[1].split(",") if len(row) > 1 and row[1] else regular_verb_forms(row[0])
        forms.update(form.strip() for form in listed)
    return frozenset(forms)


# how many tokens a naming verb's object may have before the quotation
_NAMING_GAP = 8
# the tags of a short noun phrase: "the deal", "Mr. Smith's plan", "it", "him"
_OBJECT_TAGS = frozenset("DT PDT PRP PRP$ NNP NNPS NN NNS JJ JJR JJS CD POS RB".split())
# what stands before a gerund used as a noun ("the flooding", "their spending")
_GERUND_LEADS = frozenset("DT PRP$ POS JJ".split())
# the words that link a naming verb's object to the quotation
_OBJECT_LINKS = frozenset("as on for of to against".split())
# a past participle after these is active ("has dubbed")
_HAVE = frozenset("have has had having ’ve 've".split())
# a past participle after these is passive ("was dubbed")
_BE = frozenset("be is are was were been being ’s 's".split())
# what opens a naming verb's object: a participle the tagger read for a past tense
# ("one lawmaker called Trump “...”") has one, a name given ("a cafe dubbed “X”") not
_OBJECT_STARTS = frozenset("DT PDT PRP PRP$ NNP NNPS NN NNS JJ CD".split())


def _after_have(context: ArticleContext, index: int) -> bool:
    """Whether the token before ``index`` (past adverbs) is a form of "have"."""
    return _word_before(context, index) in _HAVE


def _after_be(context: ArticleContext, index: int) -> bool:
    """Whether the token before ``index`` (past adverbs) is a form of "be"."""
    return _word_before(context, index) in _BE


def _word_before(context: ArticleContext, index: int) -> str:
    """The word before token ``index``, past up to two adverbs, in lower case."""
    tokens, pos, text = context.tokens, context.tags.pos, context.text
    i = index - 1
    while i > 0 and pos[i] == "RB" and index - i < 3:
        i -= 1
    return text[tokens[i][0] : tokens[i][1]].lower() if i >= 0 else ""


def _is_object(context: ArticleContext, mention: tuple) -> bool:
    """True for a mention right after a verb or a preposition other than "by": an
    object ("Then he turned on Smith, calling him ..."), never the subject of the
    participle that follows its clause."""
    index = context.token_index(mention[0])
    if index == 0:
        return False
    before = context.tags.pos[index - 1]
    word = context.text[context.tokens[index - 1][0] : context.tokens[index - 1][1]].lower()
    if word == "with" and _PARTICIPLE_NEXT.match(context.text, mention[1]):
        return False  # "with Smith (angrily) calling it": an absolute phrase's subject
    return (before.startswith("VB") or before in ("IN", "TO")) and word not in ("by", "to")


def _cue_governs(context: ArticleContext, cue: tuple[int, int], q_start: int) -> bool:
    """False for a participle that names the noun before it (a reduced relative:
    "a play called “Sons of Trump”", "a genre known as “chick lit”"), and for a cue
    tagged as a noun that has no complement before the quotation:
    a noun reports the quoted words only through "that", "of", "about", "on" or "as"
    ("her remark that “...”", "his claims of “breakthroughs”", "his remarks as
    “hurtful”"). A noun the quotation follows directly or after other words names
    something ("the reality show “The Apprentice”", "Nixon's appeal for “law and
    order”", "a call to ABC's “This Week”"): a title or a scare quote, no speech."""
    index = context.token_index(cue[0])
    pos = context.tags.pos
    if pos[index] == "VBN" and index and pos[index - 1].startswith("NN"):
        return False  # "a book called “Women Who Work”", "the hacker known as “X”": a name
    if not pos[index].startswith("NN") or index == 0 or pos[index - 1] not in _NOUN_MODIFIERS \
            or _verb_read_as_plural(pos, index):
        return True  # (a verb the tagger read as a plural noun, "Yang, a professor, calls")
    return _NOUN_COMPLEMENT.match(context.text, cue[1], q_start) is not None


# what stands before a noun in its noun phrase: "the", "his", "Trump's", "radio", "new"
_NOUN_MODIFIERS = frozenset("DT PRP$ POS JJ JJR JJS NN NNS CD".split())
# "that", "of" ... after the noun, or after one word between ("his comment Monday that")
_NOUN_COMPLEMENT = re.compile(r"[ \u00a0]*(?:\w+[ \u00a0]+)?(?:that|of|about|on|as)\b")


_OBJECT_GAP = re.compile(r"[ \u00a0]*,?[ \u00a0]*")


# "for sports writers to (publicly) portray": the subject of an infinitive cue
_FOR_SUBJECT = re.compile(
    r"\bfor[ \u00a0]+((?:[^\W\d][\w’'.\-]*[ \u00a0]+){1,5}?)to[ \u00a0]+(?:\w+ly[ \u00a0]+)?\Z")


def _for_subject(context: ArticleContext, s_start: int, cue_start: int):
    """``(start, end, kind)`` of the noun phrase after "for" whose infinitive is the cue
    (its words tagged as a noun phrase's: "for the time being continuing to" is none)."""
    text = context.text
    found = _FOR_SUBJECT.search(text, max(s_start, cue_start - 80), cue_start)
    if found is None:
        return None
    start, end = found.start(1), found.start(1) + len(found.group(1).rstrip())
    words = found.group(1).split()
    pos = context.tags.pos
    if words[0].lower() in ("it", "this", "that") or not all(
            pos[i] in _NOUN_PHRASE_TAGS for i in token_range(context, start, end)):
        return None
    return start, end, _classify_speaker(words)


_NOUN_PHRASE_TAGS = frozenset("DT PRP$ JJ JJS JJR NN NNS NNP NNPS CD POS".split())


# "is already claiming": a participle after a form of "be" is a finite verb
_PROGRESSIVE = re.compile(
    r"(?<![\w’'])(?:is|was)(?:[ \u00a0]+(?:\w+ly|already|also|still|now))?[ \u00a0]+$")


# how far before a short quote its governing cue may stand, in words
_NEAR_CUE_WORDS = 25
