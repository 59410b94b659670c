"""Reported speech: clauses a cue governs (``X said (that) ...``, ``..., X said.``,
``according to X, ...``), mixed quotes (a quoted phrase inside such a clause) and
``Speaker: statement`` headlines."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from ..lexicons import read_word_list
from .content import clause_after_aside
from .context import ArticleContext
from .cues import (
    _AUDIENCE_VERBS,
    _INVERTING_VERBS,
    CueLexicon,
    _complements,
    _cue_indexes,
    _cue_lemma,
    _cue_type,
    _cues_in,
    _is_passive,
    _lexicon,
    _phrase_kinds,
    _quote_cue_lemmas,
    _quote_cue_lexicon,
    _quote_only_cues_in,
    reporting_cues,
)
from .frames import title_case_cues
from .grammar import (
    FINITE,
    adverbial_before_that,
    after_adverbial,
    audience_before_that,
    audience_then_clause,
    clause_after_comma,
    content_class,
    follows_relative_word,
    follows_subordinator,
    has_finite_verb,
    is_verb_at,
    main_verb_after,
    next_clause,
    object_class,
    object_then_infinitive,
    opens_adverbial,
    opens_with_finite_verb,
    predicate_after_comma,
    tag_at,
    token_range,
)
from .marks import _MARK
from .model import Quote
from .subjects import (
    _audience,
    _clause_reporter,
    _speaker_after,
    document_author,
    is_document,
    is_progressive,
    noun_phrase_after,
    participle_subject,
    possessor_before,
    source_after,
    speaker_head,
    subject_before,
)
from .text import (
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
        # "TORONTO — The city's mayor said ...": a dateline is neither content nor speaker
        dateline = DATELINE.match(text, s_start, s_end)
        if dateline:
            s_start = dateline.end()
        sentence_end = None  # where its reported clauses end, worked out once if needed
        cues = _cues_in(text, s_start, s_end)
        # "he joked that ...": a quote-only verb reports a that-clause (see _indirect_at)
        quote_only = _quote_only_cues_in(text, s_start, s_end)
        if quote_only:
            cues = sorted(set(cues) | {c for c in quote_only if not any(
                c[0] <= other[0] < c[1] or other[0] <= c[0] < other[1] for other in cues)})
        opening = _lexicon().at_start.match(text[s_start : s_start + 40].lower())
        if opening and (_phrase_kinds().get(_SPACES.sub(" ", opening.group(1))) == "before" or (
            text[s_start + opening.start(1)].isupper()
            and tag_at(context, s_start + opening.start(1)) in ("VBN", "VBG")
        )):
            # "According to X, ...", "Asked whether ...", "Noting that ...": a capitalised
            # cue opening the sentence
            cues.insert(0, (s_start + opening.start(1), s_start + opening.end(1)))
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
            if cue_text[:1].isupper() and not title and cue_start != s_start:
                continue
            if sentence_end is None:
                sentence_end = _content_end(text, s_start, s_end)
            if not _is_verb_cue(context, cue_start, cue_text, title or p_index == 0):
                # "laid 15 charges", "the politically charged debate"; but "her claim
                # that ...", "his promise to build": a noun cue with its owner and clause
                quote = _noun_cue_at(context, s_start, s_end, sentence_end, (cue_start, cue_end))
            else:
                quote = _indirect_at(context, s_start, s_end, sentence_end, (cue_start, cue_end),
                                     title=title)
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


def _is_verb_cue(context: ArticleContext, cue_start: int, cue_text: str, title: bool) -> bool:
    """Whether a cue found in the text is used as a verb: a cue that starts with a
    reporting verb's form must be tagged as a verb there ("Police laid 15 charges"
    has the noun "charges"); phrases such as "according to" need no tag. In a
    headline or another Title Case line (``title``) a capitalised cue ("Clinton
    Says ...") is taken as it is: the tagger reads headline capitals as names."""
    first = cue_text.split(None, 1)[0].lower()
    if first not in reporting_cues() or _phrase_kinds().get(
            _SPACES.sub(" ", cue_text.lower())) == "before":
        return True
    if title and cue_text[:1].isupper():
        return True
    return is_verb_at(context, cue_start) or _closing_frame(context, cue_start, cue_text) or (
        _verb_after_subject(context, cue_start, cue_text)) or _after_auxiliary(context, cue_start)


_DO_FORMS = frozenset("do does did".split())


def _after_auxiliary(context: ArticleContext, cue_start: int) -> bool:
    """``did note that``, ``didn't report that``, ``will pledge to``: a cue the
    tagger read as a noun is a verb right after a modal or a form of "do" (perhaps
    with "not" or an adverb between)."""
    pos, words, text = context.tags.pos, context.tokens, context.text
    k = context.token_index(cue_start) - 1
    while k >= 0 and pos[k] in ("RB", "RBR"):
        k -= 1
    if k < 0:
        return False
    word = text[words[k][0] : words[k][1]].lower()
    return pos[k] == "MD" or word in _DO_FORMS or (
        word.endswith(("n't", "n’t")) and word[:-3] in _DO_FORMS)


# subjects right before a present-tense cue the tagger read as a noun ("It states
# that", "Many fear the plan will fail"), by the verb form they agree with
_SINGULAR_PRONOUNS = frozenset("he she it".split())
_PLURAL_PRONOUNS = frozenset("i you we they many some others".split())
_PERSONAL_PRONOUNS = frozenset("i you he she it we they".split())  # ("some state laws were")
_NOUN_OWNERS = frozenset("DT PRP$ POS JJ NN NNS NNP NNPS CD".split())
_POSSESSIVE = re.compile(r"(?:[’']s|s[’'])$")


def _verb_after_subject(context: ArticleContext, cue_start: int, cue_text: str) -> bool:
    """``It states that ...``, ``Obama announces that ...``, ``Some Republicans doubt
    that ...``, ``Many fear the plan will ...``: a present-tense cue tagged as a
    noun is a verb when a subject that agrees with it stands right before it (a
    pronoun, or a name or plural noun with no determiner or modifier of its own)
    and a that-clause follows it (any clause after a personal pronoun); not "the claims
    that", "Comey's remarks", "many states", "the DOJ demand that"."""
    index = context.token_index(cue_start)
    pos, words, text = context.tags.pos, context.tokens, context.text
    if index < 1 or " " in cue_text or pos[index] not in ("NN", "NNS"):
        return False
    before = text[words[index - 1][0] : words[index - 1][1]]
    third_person = cue_text.lower().endswith("s")
    pronoun = before.lower() in _SINGULAR_PRONOUNS | _PLURAL_PRONOUNS
    if pronoun:
        if third_person != (before.lower() in _SINGULAR_PRONOUNS):
            return False
    elif _POSSESSIVE.search(before) or third_person != (pos[index - 1] == "NNP") or (
        pos[index - 1] not in ("NNP", "NNS", "NNPS")
    ) or index >= 2 and pos[index - 2] in _NOUN_OWNERS and (
        text[words[index - 2][0] : words[index - 2][1]].lower() not in _PLURAL_PRONOUNS
    ):
        return False  # ("the DOJ demand that", "Republican calls for")
    end = words[index][1]
    kind = content_class(context, end, context.sentence_of(end)[1])
    return kind == "that" or kind == "finite" and before.lower() in _PERSONAL_PRONOUNS


# the end of a sentence right after a cue: "..., O'Keefe notes."
_SENTENCE_CLOSE = re.compile(r"[ \u00a0]*[.!?]")


def _closing_frame(context: ArticleContext, cue_start: int, cue_text: str) -> bool:
    """``..., O'Keefe notes.``, ``..., a USA TODAY analysis shows.``: a cue the tagger
    read as a plural noun is a verb when it closes the sentence right after a short
    noun phrase that a comma opens (the frame of the clause before it)."""
    text = context.text
    if not _SENTENCE_CLOSE.match(text, cue_start + len(cue_text)):
        return False
    index = context.token_index(cue_start)
    pos = context.tags.pos
    if index < 2 or pos[index - 1] not in ("NN", "NNS", "NNP", "NNPS", "PRP"):
        return False
    for k in range(index - 1, max(0, index - 7), -1):
        start, end, _ = context.tokens[k]
        if text[start:end] == ",":
            return k < index - 1
        if pos[k] not in ("NN", "NNS", "NNP", "NNPS", "PRP", "DT", "JJ", "POS", "CD"):
            return False
    return False


def _indirect_at(context: ArticleContext, s_start: int, s_end: int, sentence_end: int,
                 cue: tuple[int, int], title: bool = False) -> Quote | None:
    """The reported clause of the cue in ``text[s_start:s_end]``, with its speaker;
    ``sentence_end`` is where the sentence's content ends (:func:`_content_end`);
    ``title``: the cue is a Title Case line's (:func:`_title_case_clause`)."""
    text = context.text
    cue_start, cue_end = cue
    cue_text = text[cue_start:cue_end].lower()
    phrase_kind = _phrase_kinds().get(_SPACES.sub(" ", cue_text))
    participle = phrase_kind != "before" and cue_text.endswith("ing") and not (
        is_progressive(context, s_start, cue_start))  # "is telling", "she's hoping" are finite
    if phrase_kind == "before":
        return _according_to(context, s_start, s_end, sentence_end, cue)
    if participle:
        # ", saying that ...", "a statement saying ...": the participle's subject
        speaker = participle_subject(context, s_start, cue_start)
        if not tag_at(context, cue_start) == "VBG":
            return None
        if speaker is None:
            # "After saying he was nervous, the man ...": the main clause's subject
            return _opening_participle(context, s_start, sentence_end, cue)
    else:
        speaker = subject_before(context, s_start, cue_start) or _caused_speaker(
            context, s_start, cue_start)
    lemma = _cue_lemma(cue_text)
    inverted = speaker is None and (
        _cue_lemma(text[cue_start:cue_end]) in _INVERTING_VERBS
        and _TRAILING_COMMA.search(text, s_start, cue_start)  # "$" is at endpos
    )
    passive = None  # worked out once, when first needed
    if speaker is None and not inverted:
        # "When asked by a reporter whether ...": a participle clause with no subject
        passive = _is_passive(text, s_start, cue) or _REDUCED_PASSIVE_LEAD.fullmatch(
            text, s_start, cue_start) is not None and (
            _BY.match(text, cue_end, s_end) is not None or lemma == "ask")
        if not passive:
            return None  # no subject, no inversion, no passive: decided before the costly content
    if _BY.match(text, cue_end, s_end) and tag_at(context, cue_start) in ("VBN", "VBD"):
        return _passive_by(context, s_end, sentence_end, cue, lemma, speaker)
    audience, position = _audience(text, cue, s_end)
    if audience and has_finite_verb(context, cue_end, position):
        audience, position = "", cue_end  # "told the court he had been at": no addressee
    if not audience and lemma in _AUDIENCE_VERBS:
        # "told reporters the bill was dead": the addressee, then the clause
        split = audience_then_clause(context, position, sentence_end)
        if split is not None and audience_before_that(context, position, sentence_end) is None:
            audience = text[_strip_span(text, position, split[0])[0] : split[0]]
            position = split[1]
    if not audience and "to" in _complements(lemma):
        # "urged members to reject the offer": the addressee, then the to-infinitive
        split = object_then_infinitive(context, position, sentence_end)
        if split is not None:
            audience = text[_strip_span(text, position, split[0])[0] : split[0]]
            position = split[1]
    forward = _forward_content(context, position, s_end, sentence_end)
    if forward is not None and speaker is not None and "," in text[position : forward[0]] and (
        _object_gap(context, speaker[0])
    ):
        # "what he wrote in the speech, Cross said ...": the relative word is the
        # cue's object; what follows the comma is another clause, not reported
        forward = None
    kind = None  # of the content after the cue (see grammar.content_class), or "object"
    if forward is not None:
        if passive is None:
            passive = _is_passive(text, s_start, cue)
        # "urged him to resign", "was said to be": a to-infinitive reported; not
        # "declined to comment", "is expected to rise"
        complements = _complements(lemma)
        infinitive = "to" in complements or passive and _cue_type(lemma) == "speech"
        kind = content_class(context, *forward, infinitive=infinitive)
        if kind is None:
            # "acknowledged that Sanders, who won Ohio, would ...": the cut fell inside
            # the clause's subject, before its verb
            forward, kind = _past_asides(context, forward, sentence_end, infinitive)
        if kind is None and title and _title_case_clause(text, *forward):
            kind = "finite"
        if kind is None and not passive:
            # "called for a strong framework", "demanded an apology", "informed the
            # council of the threat": a noun phrase these cues report
            kind = object_class(context, *forward, complements)
        if participle and kind not in (None, "that") and _hangs_on_noun(context, speaker):
            # "a man claiming allegiance to ISIS gunned down ...": after a noun, a
            # participle reports only a that-clause, unless the noun is a document
            # ("a statement saying the plant would close")
            kind = None
        if kind is None:
            forward, audience = _other_clause(context, forward, sentence_end, lemma, speaker,
                                              audience, cue_end)
    if speaker is not None and forward is None and _opens_as_frame(context, speaker, position):
        # "As the Washington Post observed, Republicans now control ...": the clause
        # after the frame's comma is what was said
        start = _strip_span(text, position, sentence_end)[0]
        if content_class(context, start, sentence_end) is not None:
            forward, kind = (start, _clause_cut(text, start, sentence_end)), "as-frame"
    if forward is not None and passive:
        # "Priebus was said to be “furious”": reported, but by nobody named; "Asked
        # whether he would run, the mayor laughed": the question, its asker unnamed
        if lemma == "ask" and speaker is None and kind != "question":
            return None
        main = clause_after_comma(context, *forward)  # "..., the mayor shrugged"
        if main is not None:
            forward = (forward[0], _trim_end(text, forward[0], main))
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
    elif forward is None and not participle and _TRAILING_COMMA.search(
        text, s_start, (frame := _frame_start(text, s_start, speaker[0]))
    ) and _has_words(text, (s_start, frame), 1) and _frame_closes(
        context, position, sentence_end
    ):
        # "There is great need ..., he said, and ..." : the content precedes;
        # "In the long run, many economists say, this effect ..." : and follows;
        # "The solution, the partner said, was simple.": the frame splits a clause;
        # "..., as David Roe noted in The Intercept.": an as-frame closes it
        if _opening_participle_cue(context, s_start, frame):
            return None  # "After saying he was nervous, the man asked ...": the participle's
        pieces = [(s_start, _before_trailing_comma(text, s_start, frame))]
        rest = _CLAUSE_GOES_ON.match(text, position, s_end)
        if rest and (_has_words(text, (rest.end(), sentence_end), 3) or (
            opens_with_finite_verb(context, rest.end(), sentence_end, adverbs=True)
            and not has_finite_verb(context, *pieces[0])
        )):
            pieces.append((rest.end(), _clause_cut(text, rest.end(), sentence_end)))
        elif not _has_words(text, pieces[0], 4):
            return None
        evidence = "trailing-cue"
    elif forward is not None:
        # "While he has said that X, his administration continues ...": the reported
        # clause ends where the main clause starts; "... asked supporters to run, at
        # least 21,000 said they would": and where another speaker's clause starts
        verbs = None if follows_subordinator(context, speaker[0]) else reporting_cues()
        forward = (forward[0], _past_coordinated_verb(context, cue, forward[1], sentence_end))
        main = clause_after_comma(context, *forward, verbs=verbs)
        forward = forward if main is None else (forward[0], _trim_end(text, forward[0], main))
        main = next_clause(context, *forward)
        if main is None and follows_relative_word(context, speaker[1]):
            # "The mayor, who said the plan was dead, will resign": the main clause goes on
            main = predicate_after_comma(context, *forward)
        forward = forward if main is None else (forward[0], _trim_end(text, forward[0], main))
        forward = (forward[0], clause_after_aside(context, *forward))
        pieces = [forward]
        evidence = kind if kind in ("object", "about", "as-frame") else (
            "participle" if participle else "subject-cue")
    else:
        return None
    if kind != "that" and lemma in _quote_cue_lemmas() and lemma not in _lexicon().types:
        return None  # "continued to rise", "I laughed and laughed": a quote-only verb needs "that"
    if participle and is_document(speaker_head(context, speaker)):
        # "His office put out a statement saying ...": the document's author speaks
        speaker = document_author(context, s_start, speaker) or speaker
    pieces = [_strip_span(text, *piece) for piece in pieces]
    if sum(_word_count(text, piece, at_most=3) for piece in pieces) < (2 if kind else 3):
        return None  # a clause the tags vouch for may be short: "he would", "to resign"
    if evidence == "trailing-cue" and not any(has_finite_verb(context, *p) for p in pieces):
        return None  # "Later in the day, the FBI said": no clause before the cue
    if speaker[2] == "pronoun" and evidence == "subject-cue" and _MARK.search(
        text, pieces[0][0], pieces[-1][1]
    ):
        # "Adelson declared that he found Trump “very charming”": the quoted words
        # are reported by the outer speaker
        speaker = _clause_reporter(text, s_start, speaker) or speaker
    return Quote(pieces=pieces, kind="indirect", cue=cue, speaker=speaker[:2],
                 speaker_kind=speaker[2], audience=audience, evidence=[evidence])


# what may open a sentence before a reporting participle whose subject is the main
# clause's: "Saying ...", "After saying ...", "In addition to stating ..."
_PARTICIPLE_OPENING = re.compile(
    r"[\s“\"]*(?:(?:[Aa]fter|[Bb]efore|[Ww]hile|[Ww]hen|[Ss]ince|[Bb]esides|[Bb]y|"
    r"[Ii]n[ \u00a0]+addition[ \u00a0]+to|[Aa]part[ \u00a0]+from)[ \u00a0]+)?")


def _opening_participle_cue(context: ArticleContext, s_start: int, end: int) -> bool:
    """Whether ``text[s_start:end]`` opens with a subordinator and a reporting
    participle (``After saying ...``): what it reports is the participle's, not a
    trailing frame's (a bare "Finding ..." may be a gerund subject)."""
    opening = _PARTICIPLE_OPENING.match(context.text, s_start, end)
    if not _has_words(context.text, opening.span(), 1):
        return False
    word = _WORD.match(context.text, opening.end(), end)
    return word is not None and word.group().lower() in reporting_cues() and (
        tag_at(context, word.start()) == "VBG")


_WORD = re.compile(r"\w+")


def _opening_participle(context: ArticleContext, s_start: int, sentence_end: int,
                        cue: tuple[int, int]) -> Quote | None:
    """``After saying he was nervous, the man asked ...``, ``While insisting that
    she respects the coach, the player demanded ...``: a participle opening the
    sentence reports the clause up to the comma where the main clause starts; its
    speaker is that clause's subject. None if the participle does not open the
    sentence or no main clause follows; with no subordinator before it, a
    that-clause only ("Noting that ..., Smith said"; not a gerund subject:
    "Finding the puck is not easy, the coach said")."""
    text = context.text
    opening = _PARTICIPLE_OPENING.fullmatch(text, s_start, cue[0])
    if not opening:
        return None
    forward = _forward_content(context, cue[1], sentence_end, sentence_end)
    if forward is None:
        return None
    comma = clause_after_comma(context, forward[0], sentence_end)
    if comma is None:
        return None
    speaker = noun_phrase_after(context, _strip_span(text, comma + 1, sentence_end)[0],
                                sentence_end)
    piece = _strip_span(text, forward[0], comma)
    kind = content_class(context, *piece)
    if speaker is None or kind is None or kind != "that" and not _has_words(
        text, opening.span(), 1
    ):
        return None  # ("Finding the puck is not easy, the coach said": a gerund subject)
    return Quote(pieces=[piece], kind="indirect", cue=cue, speaker=speaker[:2],
                 speaker_kind=speaker[2], evidence=["participle"])


def _caused_speaker(context: ArticleContext, s_start: int, cue_start: int):
    """``The delay led some fans to say that ...``, ``leaving many to wonder
    whether ...``: the object of a causative verb (``resources/causative_verbs.txt``)
    right before the cue's "to" is its speaker; None otherwise."""
    words, text = context.tokens, context.text
    to = context.token_index(cue_start) - 1
    first = context.token_index(s_start)
    if to - 2 < first or text[words[to][0] : words[to][1]].lower() != "to":
        return None
    for k in range(to - 2, max(first - 1, to - 7), -1):
        if text[words[k][0] : words[k][1]].lower() in read_word_list("causative_verbs.txt"):
            speaker = noun_phrase_after(context, words[k + 1][0], words[to][0])
            return speaker if speaker is not None and speaker[1] == words[to - 1][1] else None
    return None


def _noun_cue_at(context: ArticleContext, s_start: int, s_end: int, sentence_end: int,
                 cue: tuple[int, int]) -> Quote | None:
    """``Mr. Roe's claim that the plan would fail``, ``her promise to cut taxes``: a
    cue used as a noun reports the that-clause right after it (or its to-infinitive,
    if the verb reports one: "promise", "pledge", "call") when a possessor owns it,
    who is the speaker. Without an owner ("the fear that", "charges that") or a
    clause ("his claim about the vote") it reports nothing."""
    text = context.text
    if " " in text[cue[0] : cue[1]].strip() or tag_at(context, cue[0]) not in ("NN", "NNS"):
        return None
    speaker = possessor_before(context, s_start, cue[0])
    if speaker is None:
        return None
    verb = context.token_index(speaker[0]) - 1
    if speaker[2] == "pronoun" and verb >= 0 and context.tags.pos[verb].startswith("VB"):
        # "the candidate repeated his promise to ...": the verb's subject owns it
        speaker = subject_before(context, s_start, context.tokens[verb][0]) or speaker
    lemma = _cue_lemma(text[cue[0] : cue[1]])
    start = _strip_span(text, cue[1], sentence_end)[0]
    kind = content_class(context, start, sentence_end, infinitive="to" in _complements(lemma))
    if kind not in ("that", "infinitive"):
        return None
    piece = _strip_span(text, start, _clause_cut(text, start, sentence_end))
    main = clause_after_comma(context, *piece)
    if main is not None:
        piece = (piece[0], _trim_end(text, piece[0], main))
    main = main_verb_after(context, *piece, own=1 if kind == "that" else 0)
    if main is not None:
        piece = (piece[0], _trim_end(text, piece[0], main))
    if _word_count(text, piece, at_most=3) < 3:
        return None
    return Quote(pieces=[piece], kind="indirect", cue=cue, speaker=speaker[:2],
                 speaker_kind=speaker[2], evidence=["noun-cue"])


# finite auxiliaries and modals: in a Title Case line they mark a clause the tags miss
_TITLE_FINITE = re.compile(
    r"[ \u00a0](?:Will|Would|Can|Could|May|Might|Must|Shall|Should|Has|Have|Had|Is|Are|Was|"
    r"Were|Does|Did)(?![\w’'-])")


def _title_case_clause(text: str, start: int, end: int) -> bool:
    """Whether the content of a Title Case line's cue is a clause: the tagger reads its
    capitals as names ("Coach Says The Team Will Fight On" has "Will" as a proper
    noun), so a capitalised auxiliary or modal after its first word vouches for it."""
    return _TITLE_FINITE.search(text, start, end) is not None


_FRAME_END = re.compile(r"[ \u00a0]*(?:[,;:.!?”\"]|''|$)")


def _frame_closes(context: ArticleContext, position: int, end: int) -> bool:
    """Whether a trailing frame ends at ``position``: the sentence or a comma
    follows (``..., he said.``, ``..., he said, ...``), perhaps after an
    adverbial with no verb in it (``he said on Monday.``, ``he told reporters in
    an interview,``); not an object (``..., whose leaders called for a vote``)."""
    text = context.text
    if _FRAME_END.match(text, position, end):
        return True
    if not _ADVERBIAL_START.match(text, position, end):
        return False
    comma = text.find(",", position, end)
    stop = end if comma < 0 else comma
    pos = context.tags.pos
    return not any(pos[i].startswith("VB") or pos[i] == "MD"
                   for i in token_range(context, position, stop))


def _according_to(context: ArticleContext, s_start: int, s_end: int, sentence_end: int,
                  cue: tuple[int, int]) -> Quote | None:
    """``According to X, ...``, ``..., according to X.``, ``A, according to X, B``:
    the source is the noun phrase after the cue, up to a comma or the sentence's
    end; the content is the clause around it (a clause: it has a finite verb)."""
    text = context.text
    speaker = source_after(context, cue[1], sentence_end)
    if speaker is None:
        return None
    pieces = []
    before = _strip_span(text, s_start, cue[0])
    if _has_words(text, before, 1):
        pieces.append(before)
    if text.startswith(",", speaker[1], s_end):
        after = _strip_span(text, speaker[1] + 1, sentence_end)
        # "X won 758 delegates, according to a CNN tally, but his path ...": the
        # words after are a clause of their own when those before are one
        # and "..., according to CrowdTangle, a social analytics tool that ...": the
        # words after a clause are the source's appositive, not more of what it said
        if _has_words(text, after, 1) and not (pieces and has_finite_verb(context, *before)):
            pieces.append((after[0], _clause_cut(text, after[0], after[1])))
    if not pieces or not any(has_finite_verb(context, *piece) or content_class(
        context, *piece
    ) is not None for piece in pieces):
        return None  # "the tallest tower, according to the city": no clause
    if sum(_word_count(text, piece, at_most=3) for piece in pieces) < 3:
        return None
    return Quote(pieces=pieces, kind="indirect", cue=cue, speaker=speaker[:2],
                 speaker_kind=speaker[2], evidence=["according-to"])


_BY = re.compile(r"[ \u00a0]+by[ \u00a0]+")


def _passive_by(context: ArticleContext, s_end: int, sentence_end: int, cue: tuple[int, int],
                lemma: str, subject) -> Quote | None:
    """``He was told by his doctor that ...``, ``asked by host John Dickerson
    whether ...``, ``was urged by colleagues to resign``: the agent after "by"
    is the speaker, the passive's subject the audience; the content is the
    clause after the agent. A passive with no clause after its agent ("the fire
    was reported by a passer-by") reports nothing."""
    text = context.text
    by = _BY.match(text, cue[1], s_end)
    agent = noun_phrase_after(context, by.end(), sentence_end)
    if agent is None:
        return None
    forward = _forward_content(context, agent[1], s_end, sentence_end)
    if forward is None or content_class(
        context, *forward, infinitive="to" in _complements(lemma)
    ) is None:
        return None
    main = clause_after_comma(context, *forward)
    if main is not None:  # "When asked by a reporter whether ..., the mayor shrugged"
        forward = (forward[0], _trim_end(text, forward[0], main))
    audience = text[subject[0] : subject[1]] if subject is not None else ""
    return Quote(pieces=[_strip_span(text, *forward)], kind="indirect", cue=cue,
                 speaker=agent[:2], speaker_kind=agent[2], audience=audience,
                 evidence=["passive-by"])


_AS_FRAME_END = re.compile(r"[ \u00a0]*,")
# what may open a sentence before a passive participle with no subject of its own
_REDUCED_PASSIVE_LEAD = re.compile(
    r"[\s“\"]*(?:(?:[Ww]hen|[Aa]fter|[Oo]nce|[Ii]f|[Ww]hile|[Bb]efore|[Uu]nless|[Aa]s)"
    r"[ \u00a0]+)?")


def _opens_as_frame(context: ArticleContext, speaker: tuple[int, int, str], position: int) -> bool:
    """``As X said, ...``: "as" right before the speaker, a comma right after the cue."""
    before = context.token_index(speaker[0]) - 1
    if before < 0 or not _AS_FRAME_END.match(context.text, position):
        return False
    start, end, _ = context.tokens[before]
    return context.text[start:end].lower() == "as"


def _object_gap(context: ArticleContext, position: int) -> bool:
    """Whether the word before ``position`` is a relative or free-relative word that
    stands for the object of the verb after it: "what", "which", "whom", a relative
    "that" (tagged WDT; not the complementizer of "said that he ...")."""
    index = context.token_index(position) - 1
    if index < 0:
        return False
    start, end, _ = context.tokens[index]
    word = context.text[start:end].lower()
    return word in ("what", "which", "whom") or word == "that" and (
        context.tags.pos[index] == "WDT")


def _hangs_on_noun(context: ArticleContext, speaker: tuple[int, int, str]) -> bool:
    """Whether a participle's speaker is the noun right before it that is not a
    document ("protesters chanting", not "a statement saying") nor the subject
    of "with" ("with 30 percent of voters saying they ...")."""
    following = context.token_index(speaker[1])
    before = context.token_index(speaker[0]) - 1
    if before >= 0 and context.text[context.tokens[before][0] : context.tokens[before][1]] in (
        "with", "With"
    ):
        return False
    return following < len(context.tokens) and context.tags.pos[following] == "VBG" and (
        not is_document(speaker_head(context, speaker)))


_TO = re.compile(r"to[ \u00a0]+")


def _other_clause(context: ArticleContext, forward: tuple[int, int], sentence_end: int,
                  lemma: str, speaker, audience: str, cue_end: int
                  ) -> tuple[tuple[int, int] | None, str]:
    """The reported clause after a cue whose next words are not one, and the
    audience: a relative clause's gap (``which Republicans say is overreach``:
    the clause has no subject of its own), or an addressee before "that"
    (``told ABC 7 that``, ``told friends since the spring that``, ``wrote to
    the senator's office that``)."""
    if speaker is not None and follows_relative_word(context, speaker[0]) and (
        opens_with_finite_verb(context, *forward)
    ):
        return forward, audience
    start = _strip_span(context.text, cue_end, forward[1])[0]
    to = _TO.match(context.text, start, forward[1])
    if lemma in _AUDIENCE_VERBS or to:
        # (from the cue: "told the board of directors that" is read past "the board";
        # any cue: "wrote to Sanders' office that", "complained to reporters that")
        start = to.end() if to else start
        found = audience_before_that(context, start, forward[1])
        if found is not None and content_class(context, found[1], sentence_end) in (
            "that", "question"
        ):
            clause = (found[1], _clause_cut(context.text, found[1], sentence_end))
            return clause, context.text[start : found[0]]
    that = adverbial_before_that(context, start, sentence_end)
    if that is not None:
        # "made clear over the weekend that ...", "explained through a spokesman that ..."
        return (that, _clause_cut(context.text, that, sentence_end)), audience
    return None, audience


# an aside inside a reported clause's subject: a relative clause (", who ...", closed
# by a comma) or words between dashes ("half — 55 percent — of voters")
_ASIDE_OPENING = re.compile(r",[ \u00a0]+(?:who|whose|which)\b|[ \u00a0](?:--|—|–)[ \u00a0]")
_DASH = re.compile(r"[ \u00a0](?:--|—|–)[ \u00a0]")


def _past_asides(context: ArticleContext, forward: tuple[int, int], sentence_end: int,
                 infinitive: bool, most: int = 3) -> tuple[tuple[int, int], str | None]:
    """``forward`` read on past the closed asides that cut it before its verb (``that
    Sanders, who won Ohio, would ...``, ``the plan — a tax on fuel — would ...``),
    with its :func:`content_class`; or ``forward`` and None. Without "that", the
    verb must follow the aside ("endorsed her – they appeared ..." is no clause)."""
    text = context.text
    start, end = forward
    that = text.startswith("that", start)
    for _ in range(most):
        aside = _ASIDE_OPENING.match(text, end, sentence_end)
        if aside is None:
            break
        if text[end] == ",":
            close = predicate_after_comma(context, aside.end(), sentence_end)
            resume = None if close is None else close + 1
        else:
            close = _DASH.search(text, aside.end(), sentence_end)
            resume = None if close is None else close.end()
        if resume is None or not that and not opens_with_finite_verb(
            context, resume, sentence_end, adverbs=True
        ):
            break
        end = _clause_cut(text, resume, sentence_end)
        kind = content_class(context, start, end, infinitive=infinitive)
        if kind is not None:
            return (start, end), kind
    return forward, None


_AS_FRAME_LEAD = re.compile(r"(,)[ \u00a0]+as[ \u00a0]+$")


def _frame_start(text: str, s_start: int, speaker_start: int) -> int:
    """Where a trailing frame starts: at its speaker, or at "as" before it
    (``..., as some have speculated.``), just after the comma either way."""
    lead = _AS_FRAME_LEAD.search(text, max(s_start, speaker_start - 8), speaker_start)
    return lead.end(1) if lead else speaker_start


# after "..., he said": the clause goes on ("he said, this effect ..."), not a new one
_CLAUSE_GOES_ON = re.compile(r"[ \u00a0]*,[ \u00a0]*+(?!and\b|but\b|adding\b|saying\b)")
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
# (", compared with 41 percent for ...", ", despite a court order": the writer's
# comparison or concession after a reported clause, not part of it)
_CLAUSE_BREAK_LOOSE = (
    r";|[ \u00a0](?:--|—|–)[ \u00a0]|,[ \u00a0]+(?:however|although|though|while|whereas|"
    r"adding|saying|according[ \u00a0]to|and[ \u00a0]added|and[ \u00a0]said|who|whose|which|where|"
    r"even[ \u00a0]as|except|compared|despite)"
)
_CLAUSE_BREAK = re.compile(_CLAUSE_BREAK_LOOSE + r"\b")


def _clause_cut(text: str, start: int, end: int) -> int:
    """End of a reported clause: before ``; but``, ``, adding``, a dash, or a
    second reporting verb (``... and called his standing “unheard of”``)."""
    if end - start > _LONG_CLAUSE:
        return _long_clause_cut(text, start, end)
    asides = _aside_dashes(text)
    match = _CLAUSE_BREAK.search(text, start, end)
    while match and match.start() in asides:  # "... -- the DNC -- to counterbalance ..."
        match = _CLAUSE_BREAK.search(text, match.start() + 1, end)
    if match:
        end = match.start()
    match = _quote_ends_clause(text, start, end)
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
            cue_start - start > 10 and _opens_report(text, cue_start, cue_end)
        ):
            return _trim_end(text, start, cue_start - len(_SECOND_CUE_LEAD.search(lead).group()))
    return end


def _past_coordinated_verb(context: ArticleContext, cue: tuple[int, int], end: int,
                           sentence_end: int) -> int:
    """``end``, or where the reported clause ends when :func:`_clause_cut` stopped
    before a second cue that is a bare verb ("she would do an about-face and support
    the deal", "would plead guilty and ask the judge"): after "would" or "to" it goes on
    with the reported clause; it cannot be the reporter's second verb, which would
    agree with a finite cue ("said ... and told"). Not after a cue that is itself a
    bare or present verb ("they say ... and tell"), where the forms agree."""
    tokens, pos, text = context.tokens, context.tags.pos, context.text
    i = context.token_index(end)
    while i < len(tokens) and text[tokens[i][0] : tokens[i][1]] == ",":
        i += 1
    if i + 1 >= len(tokens) or text[tokens[i][0] : tokens[i][1]] not in ("and", "or"):
        return end
    if pos[i + 1] != "VB" or tag_at(context, cue[0]) in ("VB", "VBP"):
        return end
    later = _clause_cut(text, tokens[i + 1][1], sentence_end)
    # (a quotation after the verb is a mixed quote of its own: "and tell him “...”")
    return end if _MARK.search(text, end, later) else later


# A clause longer than this (a sentence of hundreds of "said that") reads its breaks
# from an index of the whole article, built once: each cut costs O(log n), not a scan
# of the rest of the sentence. News clauses are shorter and are searched in place. The
# index gives what the searches give (tests/test_quotes.py compares them).
_LONG_CLAUSE = 1000
_MANY_CUES = 16  # and a clause with more cues than this reads them from an index too


def _long_clause_cut(text: str, start: int, end: int) -> int:
    """:func:`_clause_cut` by the article's indexes of breaks and second cues."""
    index = _clause_breaks(text)
    # "; however": the first break that a search in text[start:end] would find
    first = _first_fitting(index.breaks, start, end)
    dangling = index.cut_words.get(end)  # ", who" cut from "whoever" by the end
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
    that a search stopping at or after ``end`` finds; ``cut_words``: for ``, who``
    followed by more letters ("whoever"), which only a search stopping right after
    "who" finds, ``{end: position}``; ``quote_ends``: ``(position, match end, end)``
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
    asides = _aside_dashes(text)
    for match in _CLAUSE_BREAK_ANYWHERE.finditer(text):
        position, end = match.start(), match.end(1)
        if position in asides:
            continue
        if text[position] != "," or end == len(text) or not _WORD_CHAR.match(text, end):
            breaks.append((position, position, end))
        else:
            cut_words[end] = position
    quote_ends = [(m.start(), m.start() + len(m.group(2)) + 1, m.end(1))
                  for m in _QUOTE_ENDS_CLAUSE_ANYWHERE.finditer(text)
                  if not _quote_goes_on(text, m.start() + len(m.group(2)) + 1)]
    return _ClauseBreaks(breaks, cut_words, quote_ends)


_CLAUSE_BREAK_ANYWHERE = re.compile(f"(?=({_CLAUSE_BREAK_LOOSE}))")
_DASH = re.compile(r"[ \u00a0](--|—|–)[ \u00a0]")
_ASIDE_STOP = re.compile(r"[.!?;:\n“”\"]")
# after a closing dash, a subordinate clause ("— its first in two years — as sales
# rose") is the sentence's own, not the rest of a clause the aside interrupted
_SUBORDINATE_NEXT = re.compile(
    r"(?:as|while|because|after|before|when|since|until|although|though|if|unless)\b")


@lru_cache(maxsize=4)
def _aside_dashes(text: str) -> frozenset[int]:
    """Where (the space before) the dashes stand that enclose an aside inside a
    sentence: ``some -- perhaps even more so -- than``, ``the ban — 1.6 billion
    people — from entering``. A pair of like dashes with no sentence or quotation
    punctuation between them sets off words the clause goes on past, so neither ends
    a reported clause; a lone dash still does, and so does a pair that a subordinate
    clause follows. Read once for the whole article."""
    paired = []
    opening = None  # (position, dash, end) of a dash waiting for its pair
    for match in _DASH.finditer(text):
        if opening is not None and opening[1] == match.group(1) and not (
            _ASIDE_STOP.search(text, opening[2], match.start())
        ) and not _SUBORDINATE_NEXT.match(text, match.end()):
            paired += (opening[0], match.start())
            opening = None
        else:
            opening = (match.start(), match.group(1), match.end())
    return frozenset(paired)


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
            _opens_report(text, cue_start, cue_end)
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
        if match and _opens_report(text, cue_start, cue_end):
            found.append((cue_start, cue_end, len(match.group())))
    return found


# a quote closing on a comma mid-sentence ends the reported clause: 'that is a
# “distortion,” describing ...', 'called it “an attack,” but he also noted ...'
# but not before a preposition or subordinator that goes on with the clause ('is
# “peanuts,” compared to ...', 'is “unfair,” because ...': quote_continuations.txt)
_QUOTE_ENDS_CLAUSE = re.compile(r",(?:[”\"]|'')(?=[ \u00a0]+\w)")
_QUOTE_ENDS_CLAUSE_ANYWHERE = re.compile(r"(?=(,([”\"]|'')[ \u00a0]+\w))")
_NEXT_WORD = re.compile(r"[ \u00a0]+(\w+)")


def _quote_goes_on(text: str, quote_end: int) -> bool:
    """Whether the whole word after a quotation's ``,”`` goes on with the clause;
    read from the whole text, so that a search and the index decide alike."""
    word = _NEXT_WORD.match(text, quote_end)
    return word is not None and word.group(1) in read_word_list("quote_continuations.txt")


def _quote_ends_clause(text: str, start: int, end: int):
    """The first :data:`_QUOTE_ENDS_CLAUSE` match in ``text[start:end]`` that ends the
    clause, or None."""
    for match in _QUOTE_ENDS_CLAUSE.finditer(text, start, end):
        if not _quote_goes_on(text, match.end()):
            return match
    return None


def _opens_report(text: str, cue_start: int, cue_end: int) -> bool:
    """Whether a second cue starts an attribution of its own (``... and called his
    standing “unheard of”``): a lower-case cue that reports speech; a verb of
    thought or a document's ("and wanted a candidate who ...", "and supports
    candidates") goes on with the reported clause's subject."""
    cue_text = text[cue_start:cue_end]
    return not cue_text[:1].isupper() and _cue_type(_cue_lemma(cue_text)) == "speech"


# what stands before a second cue that starts a new clause: ", and also", ", claiming"
_SECOND_CUE_LEAD = re.compile(
    r"(?:,?[ \u00a0]+(?:and|but)(?:[ \u00a0]+(?:also|then|later))?|,)[ \u00a0]+"
    r"(?:(?:he|she|they|we|[A-Z][\w’'.-]*(?:[ \u00a0][A-Z][\w’'.-]*){0,2})[ \u00a0]+)?$"
)


_CONTENT_LEAD = re.compile(r"[ \u00a0]*(?:(,|:)[ \u00a0]*)?(that[ \u00a0]+)?")


def _forward_content(context: ArticleContext, position: int, s_end: int, sentence_end: int):
    """The reported clause after a cue (``said (that) ...``), or None.

    Adverbials between cue and clause are skipped: closed by a comma or "that"
    (``said on Tuesday that``, ``said in an interview, ``), or, read from the
    tags, followed by a clause (``said Thursday he would``); so is a
    parenthetical adverbial between commas (``believes, for example, that``).
    Otherwise the words after the cue need ``that``, a colon or two words and
    no comma before them.
    """
    text = context.text
    # (matched in place: a copy of the rest of the sentence for every cue adds up)
    if _ADVERBIAL_START.match(text, position, s_end) or opens_adverbial(context, position, s_end):
        bridge = _ADVERBIAL_BRIDGE.match(text, position, s_end)
        if bridge and bridge.group().endswith(("that ", "that\u00a0")) and tag_at(
            context, bridge.end()
        ) in FINITE:
            return None  # "noted in her ruling the delays that plagued ...": a relative "that"
        if bridge:
            start = bridge.end()
            if bridge.group().endswith(("that ", "that\u00a0")):
                start -= 5  # PolNeAR's contents keep the complementizer
            if not _has_words(text, (start, sentence_end), 3):
                return None
            return start, _reported_clause_end(context, start, sentence_end)
        start = after_adverbial(context, _strip_span(text, position, s_end)[0], sentence_end)
        if start is not None and content_class(context, start, sentence_end) is not None:
            return start, _reported_clause_end(context, start, sentence_end)
        # (or the words are the clause's own: "told reporters this was the only chance")
    lead = _CONTENT_LEAD.match(text, position, s_end)
    start = lead.end() - (len(lead.group(2)) if lead.group(2) else 0)
    if lead.group(1) == ",":
        aside = _ASIDE.match(text, lead.end(), s_end)
        if aside and (aside.group(1) or content_class(context, aside.end(), sentence_end)):
            # "believes, for example, that ...", "can now say, with hindsight, that ..."
            start = aside.end() - len(aside.group(1) or "")
            return start, _reported_clause_end(context, start, sentence_end)
    # (how many words a clause needs is left to the tags: grammar.content_class)
    if lead.group(2) or (lead.group(1) != "," and _has_words(text, (start, sentence_end), 2)):
        return start, _reported_clause_end(context, start, sentence_end)
    return None


def _reported_clause_end(context: ArticleContext, start: int, end: int) -> int:
    """:func:`_clause_cut` of the clause at ``start``, read with the tags: past a lone
    dash that a preposition or participle follows (an elaboration), and not inside
    the clause's subject: a comma break with no finite verb before it ("that the
    driver, who was not hurt, had been speeding", "the goalie, however tired, would
    start") opens an aside of the subject; the clause is cut again after the aside's
    closing comma, if the words after it hold a verb."""
    text = context.text
    cut = _clause_cut(text, start, end)
    dash = _DASH.match(text, cut, end)
    if dash and tag_at(context, dash.end()) in ("IN", "VBG") and (
        has_finite_verb(context, start, cut)
    ):
        # "has had successes — for instance, spotlighting ...", "— including the cost":
        # after a lone dash, a preposition or participle elaborates the clause
        cut = _clause_cut(text, dash.end(), end)
    while cut < end and text[cut] == "," and not has_finite_verb(context, start, cut):
        close = text.find(",", cut + 1, end)
        if close < 0:
            break
        after = _clause_cut(text, close + 1, end)
        if not has_finite_verb(context, close + 1, after):
            break
        cut = after
    return cut


# a short aside between commas before a reported clause: ", for example, (that)"
_ASIDE = re.compile(r"[^,;:.!?“”\"]{1,60},[ \u00a0]*(that[ \u00a0]+)?")


#: A dateline opening a story: a place in capitals (two letters or more), perhaps a
#: region ("HALIFAX, N.S.", "SPRINGFIELD, Ill.") and an agency ("(CP)", "(AP)"),
#: then a dash: "TORONTO — ", "PHOENIX – ", "OTTAWA (CP) -- ".
DATELINE = re.compile(
    r"[ \u00a0]*[A-Z][A-Z’'.\-]+(?:[ \u00a0][A-Z][A-Z’'.\-]+)*"
    r"(?:,[ \u00a0][A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*)*)?"
    r"(?:[ \u00a0]\([A-Za-z. ]{1,20}\))?[ \u00a0]*(?:—|–|--?)[ \u00a0]*(?=\S)"
)


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
    if not match or DATELINE.match(text, p_start, line_end):
        return []  # ("PHOENIX – There is ...": a dateline, not a speaker and a cue)
    name_end = p_start + len(match.group(1).rstrip())
    if not _names_a_speaker(context, p_start, name_end):
        return []  # "Breaking: ...", "The Latest: ...", "Big Win For Bernie: ...": a label
    cue_start = name_end + (len(text[name_end:match.start(2)]) - len(
        text[name_end:match.start(2)].lstrip(" \u00a0")))
    cue_end = cue_start + 1
    content = _strip_span(text, match.start(2), line_end)
    return [Quote(pieces=[content], kind="indirect", cue=(cue_start, cue_end),
                  speaker=(p_start, name_end), speaker_kind="name", evidence=["headline"])]


def _names_a_speaker(context: ArticleContext, start: int, end: int) -> bool:
    """Whether the words before a headline's colon or dash can name who speaks: a noun
    phrase ending in a noun ("Clinton", "Poll", "Insiders", "Delegate Update"), not a
    participle, adjective or interjection ("Breaking", "Revealed", "Exclusive", "Wow",
    "The Latest") nor a phrase with a preposition ("Big Win For Bernie")."""
    indexes = token_range(context, start, end)
    pos = context.tags.pos
    return bool(indexes) and pos[indexes[-1]] in _SPEAKER_HEADS and not any(
        pos[i] == "IN" for i in indexes)


_SPEAKER_HEADS = frozenset("NN NNS NNP NNPS PRP".split())
