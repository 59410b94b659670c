"""Attribution frames around a direct quote: a cue and its speaker after the closing
mark, before the opening mark, before a colon, in the sentence before (a lead), in a
signature line, or after more words of the quote's sentence (trailing)."""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import read_word_list
from ..mentions import _stop_starts
from .context import ArticleContext
from .cues import (
    _INVERTING_VERBS,
    _cue_lemma,
    _frame_cues_in,
    _phrase_kinds,
    _quote_cue_lemmas,
    _quote_cue_lexicon,
    _quote_only_cues_in,
    reporting_cues,
)
from .grammar import FINITE, follows_subordinator, is_verb_at, token_range
from .marks import _MARK, CLOSING
from .subjects import (
    _AUDIENCE_VERBS,
    _classify_speaker,
    _clause_reporter,
    _clause_subject,
    _outer_speaker,
    _reporting_frame_subject,
    _speaker_after,
    _speaker_before,
    name_read_as_word,
    participle_subject,
    subject_before,
)
from .text import (
    _CLAUSE_WORDS,
    _DETERMINERS,
    _FULL_STOP,
    _PREPOSITIONS,
    _PRONOUNS,
    _SKIPPABLE,
    _abbreviations,
    _tokens,
)


def noun_phrase_speaker(context: ArticleContext, speaker):
    """``speaker`` (``(start, end, kind)``) as a noun phrase that can speak, read by
    its tags: trimmed of a relative clause or a verb it runs into ("a senior
    official who spoke", "a source involved", "the authors of the"), or None.

    A speaker is headed by a noun, a name, a pronoun or a number ("Smith", "the
    official", "45"; a lone determiner or quantifier: "another", "many"); it does
    not open with a verb, a preposition or a conjunction ("echoing some
    commentators", "displayed by the", "there and in"); a time expression ("this
    week", "Tuesday night") is a date, not a speaker.
    """
    if speaker is None or speaker[2] == "pronoun":
        return speaker
    text, tokens = context.text, context.tokens
    pos, entity = context.tags
    words = _speaker_words(context, speaker)
    if not words:
        return speaker
    first = words[0]
    if len(words) == 1 and first + 1 < len(tokens) and pos[first + 1].startswith("VB") and (
            name_read_as_word(text, (*tokens[first][:2], text[slice(*tokens[first][:2])]),
                              tokens[first + 1][0], any_word=True)):
        # "...,” Will wrote", ", Early described": a surname the tags read as a modal or
        # an adverb (inside a sentence, right before its verb)
        return speaker

    def nominal(i: int) -> bool:
        return _nominal(pos, entity, i) or _capitalised_adverb(context, i) or _age(context, i)

    if not nominal(first) and pos[first][:2] in _NOT_OPENING and not (
        # "retired Army Lt. Gen. Mick Bednarek", "co-host Mika Brzezinski": a modifier
        pos[first] in ("VBN", "VBP", "VBG") and len(words) > 1 and nominal(words[1])
        and not any(pos[i] in ("IN", "TO") for i in words)
    ):
        return None
    kept = words
    cut = next((n for n, i in enumerate(words) if n and (pos[i] in _CLAUSE_TAGS)), None)
    if cut is not None:
        kept = words[:cut]
    while len(kept) > 1 and not nominal(kept[-1]) and pos[kept[-1]] in _TRAILING:
        kept = kept[:-1]
    head = kept[-1]
    head_word = text[tokens[head][0] : tokens[head][1]].lower()
    if not (nominal(head) or len(kept) == 1 and head_word in _QUANTIFIERS):
        return None  # "another", "the 46-year-old" speak; "a", "the caustic", "Jewish" do not
    if entity[head] == "O" and text[tokens[head][0] : tokens[head][1]].lower() in _time_nouns():
        return None
    if entity[head].endswith("LOCATION") and _after_preposition(context, first):
        return None  # "in Birmingham, Alabama", "on the steps of the Illinois statehouse"
    if kept is words:
        return speaker
    return speaker[0], tokens[kept[-1]][1], speaker[2]


def _speaker_words(context: ArticleContext, speaker) -> list[int]:
    """The indexes of the word tokens (not punctuation) of ``speaker``."""
    pos = context.tags.pos
    # (a mention may end inside its last token: "Calif" of "Calif.", its period trimmed)
    last = context.token_index(max(speaker[0], speaker[1] - 1))
    return [i for i in range(context.token_index(speaker[0]), last + 1) if pos[i][:1].isalpha()]


def unless_place(context: ArticleContext, speaker):
    """``speaker``, or None when it is a place in a prepositional phrase ("killed in
    Aspen, Colo., the graduate": "Colo"): where something happened, not who spoke."""
    if speaker is None:
        return None
    words = _speaker_words(context, speaker)
    if words and context.tags.entity[words[-1]].endswith("LOCATION") and _after_preposition(
            context, words[0]):
        return None
    return speaker


def _noun_cue(context: ArticleContext, cue: tuple[int, int]) -> bool:
    """Whether a cue word is tagged as a noun ("the report said", "the use of executive
    orders"); a participle ("yelling", "saying") counts as a verb whatever its tag, and
    so does a plural after a singular noun (:func:`_verb_read_as_plural`)."""
    index = context.token_index(cue[0])
    pos = context.tags.pos
    return index < len(pos) and pos[index].startswith("NN") and not (
        context.text[cue[0] : cue[1]].split(None, 1)[0].endswith("ing")
        or _verb_read_as_plural(pos, index))


def _verb_read_as_plural(pos, index: int) -> bool:
    """Whether a plural noun after a proper noun is a verb and its subject ("Smith
    notes", "the Reform Party says"); "the two reports", "executive orders" are nouns."""
    return pos[index] == "NNS" and index > 0 and pos[index - 1] == "NNP"


def _after_preposition(context: ArticleContext, i: int) -> bool:
    """Whether token ``i`` opens the object of a preposition (``in Paris``, ``of the
    Ohio statehouse``; ``by`` names an agent and ``according to`` a source, so they do
    not count), or a place after such a place ("in Birmingham, Alabama"): a place there
    is where something happened, not who spoke."""
    text, tokens = context.text, context.tokens
    pos, entity = context.tags
    j = i - 1
    while j >= 0 and (entity[j].endswith("LOCATION") or pos[j] == "NNP"
                      or text[tokens[j][0] : tokens[j][1]] == ","):
        j -= 1  # "in Birmingham, Alabama": the place's own place ("Green Bay", a name)
    if j >= 0 and pos[j] == "DT":
        j -= 1  # "of the Ohio statehouse"
    return j >= 0 and pos[j] == "IN" and text[tokens[j][0] : tokens[j][1]].lower() not in (
        "by", "to")


def _capitalised_adverb(context: ArticleContext, i: int) -> bool:
    """Whether token ``i`` is a capitalised word tagged as an adverb inside its sentence:
    a name the tagger read by its "-ly" ending ("said Skelly", "Kelly Reilly said")."""
    text, tokens = context.text, context.tokens
    return (context.tags.pos[i] == "RB" and text[tokens[i][0]].isupper() and i > 0
            and tokens[i - 1][2] == tokens[i][2]
            and text[tokens[i - 1][0] : tokens[i - 1][1]] not in _SENTENCE_OPENERS)


_SENTENCE_OPENERS = frozenset("“ \" ‘ ' ( — – -".split())


def _age(context: ArticleContext, i: int) -> bool:
    """Whether token ``i`` is an adjective of age or number that heads a speaker ("the
    46-year-old", split by the tokenizer as "46", "-", "year-old")."""
    text, tokens = context.text, context.tokens
    if context.tags.pos[i] != "JJ":
        return False
    start = tokens[i - 2][0] if i >= 2 and text[tokens[i - 1][0] : tokens[i - 1][1]] == "-" \
        else tokens[i][0]
    return any(c.isdigit() for c in text[start : tokens[i][1]])


# a determiner or quantifier that stands for a speaker on its own ("Another said")
_QUANTIFIERS = frozenset("another others some many several both all each most few one either "
                         "neither none".split())


def _nominal(pos, entity, i: int) -> bool:
    return pos[i][:2] in ("NN", "PR", "CD", "FW") or entity[i] != "O"


# tags that do not open a speaker; that end it, a relative clause or a verb after its
# head; that a speaker does not end with
_NOT_OPENING = frozenset(("VB", "IN", "TO", "CC", "EX", "WP", "WD", "WR", "RB"))
_CLAUSE_TAGS = frozenset(("WP", "WDT", "WRB", "VBD", "VBZ", "VBP", "MD"))
_TRAILING = frozenset(("IN", "DT", "TO", "CC", "VBN", "VBG", "RB", "PRP$", "POS", "WP", "JJ"))


@cache
def _time_nouns() -> frozenset[str]:
    return read_word_list("time_nouns.txt")


def _after_frame(text: str, q_end: int, hi: int, strict: bool = False, context=None):
    """Attribution right after a closing mark: ``(cue, speaker, frame_end)`` or None.

    ``strict`` (for a quote that ends its own sentence, ``...evolve.” The UN``)
    accepts only a short frame (``?” Sanders replied.``), not a new sentence
    with its own reported clause.
    """
    frame = _after_frame_loose(text, q_end, hi, context)
    if frame is None or not strict:
        return frame
    rest = text[frame[2] if frame[2] < hi else frame[0][1] : hi]
    after_cue = text[max(frame[0][1], frame[1][1]) : hi]
    if _MARK.match(text, hi) and re.fullmatch(r"[^.!?;]*[,:][ \u00a0]*", after_cue):
        return None  # "“A.” He added, “B.”": the frame introduces the next quote
    if _MARK.match(text, hi) and not re.search(r"[.!?;]", after_cue) and _words_quoted_at(
            text, hi):
        # "“A.” Roe called the plan “a giveaway to the owners.”": the new sentence frames
        # the quotation it runs into (a title in it, “Meet the Press”, still leaves it ours)
        return None
    if not re.search(r"[“”\"]", after_cue) and not _ASIDE_THEN_THAT.match(after_cue) and (
        re.match(r",[ \u00a0]+(?!that\b)", after_cue)
        or _ADVERBIAL_TAIL.match(after_cue) and not re.search(r"\bthat\b", after_cue)
    ):
        # "?” said Susan Hennessey, a former NSA lawyer now at ...", "?” Mr. Trump
        # asked, repeating ...": an appositive or a participle ends the frame
        return frame
    if re.match(r"[ \u00a0]*that\b", after_cue) or len(after_cue.split()) > 6 or (
        rest.strip() and not frame[2] >= hi and len(rest.split()) > 6
    ):
        return frame if _audience_and_adverbials(context, frame[0], hi) else None
    return frame


def _audience_and_adverbials(context, cue: tuple[int, int], hi: int) -> bool:
    """Whether a frame sentence goes on after its ``told``-type cue with only the cue's
    audience (a noun phrase by its tags) and adverbials ("?” Roe asked reporters
    rhetorically during a news conference late last month."): no finite verb, ``that``
    or ``to``, no quotation mark. A new sentence that reports something of its own
    ("” He demands safeguards for ...", "” She told him he would ...") is no frame."""
    if context is None or _cue_lemma(context.text[cue[0] : cue[1]]) not in _AUDIENCE_VERBS:
        return False
    text, pos, tokens = context.text, context.tags.pos, context.tokens
    indexes = token_range(context, cue[1], hi)
    audience = 0
    while audience < min(len(indexes), 6) and pos[indexes[audience]] in _AUDIENCE_TAGS:
        audience += 1
    rest = indexes[audience:]
    return 0 < audience < 6 and (not rest or pos[rest[0]] in ("IN", "RB", ".")) and not (
        _MARK.search(text, cue[1], hi) or any(
            pos[i] in FINITE or text[tokens[i][0] : tokens[i][1]].lower() in ("that", "to")
            for i in rest))


_AUDIENCE_TAGS = frozenset("DT PRP PRP$ JJ NN NNS NNP NNPS CD POS".split())


def _words_quoted_at(text: str, mark: int) -> bool:
    """Whether the quotation opening at ``mark`` quotes words (a lowercase word that is
    not a function word), not a title such as “Meet the Press”."""
    closing = _MARK.search(text, mark + 1, mark + 300)
    words = text[mark + 1 : closing.start() if closing else mark + 300].split()
    return len(words) >= 2 and any(
        word[:1].islower() and word.strip(".,!?") not in _function_words() for word in words)


# "He said, twice, that ...": a short aside, then the frame's own that-clause
_ASIDE_THEN_THAT = re.compile(r",[^,.;:]{1,40},[ \u00a0]*that\b")
# "wrote in a September email to officials", "said from his office": no new clause
_ADVERBIAL_TAIL = re.compile(
    r"[ \u00a0]+(?:in|on|at|during|from|after|before|with|while|as|when|about|of|via|through|"
    r"outside|inside|later|earlier|last|this|on)[ \u00a0]"
)


_SIGNATURE = re.compile(
    r"[ \u00a0]*([-—–―])[ \u00a0]*"  # the dash, then a name of up to four words (any letters:
    r"([^\W\d_][\w’'.\-]*(?:[ \u00a0][^\W\d_][\w’'.\-]*){0,3})"  # capitals checked after)
    r"(?=[,.]|[ \u00a0]*$)"
)


def _signature_after(text: str, q_end: int, paragraphs, p_index: int):
    """``(cue, speaker)`` when a signature line signs the quote: after it on its line
    (``“...” — Jane Roe, mayor of Springfield``) or as the next paragraph when the
    quote ends its own (``- Sanders.``, ``―President Obama, tweeting after the speech.``).
    The dash is the cue."""
    p_end = paragraphs[p_index][1]
    line_end = _line_end(text, q_end, p_end)
    match = _SIGNATURE.match(text, q_end, line_end)
    if match is None and line_end < p_end and not _NOT_SPACE_OR_DOT.search(text, q_end, line_end):
        match = _SIGNATURE.match(text, line_end + 1, _line_end(text, line_end + 1, p_end))
    if match is None and line_end >= p_end and p_index + 1 < len(paragraphs) and (
        not _NOT_SPACE_OR_DOT.search(text, q_end, p_end)  # (in place: no copy of the rest)
    ):
        n_start, n_end = paragraphs[p_index + 1]
        match = _SIGNATURE.match(text, n_start, _line_end(text, n_start, n_end))
    if match is None or not all(word[0].isupper() for word in match.group(2).split()):
        return None  # "- the team lost": no name
    name = match.group(2).rstrip(".") if not _keeps_name_period(match.group(2)) else match.group(2)
    return match.span(1), (match.start(2), match.start(2) + len(name), "name")


_NOT_SPACE_OR_DOT = re.compile(r"[^ .\u00a0]")


def _line_end(text: str, start: int, end: int) -> int:
    newline = text.find("\n", start, end)
    return end if newline < 0 else newline


def _keeps_name_period(name: str) -> bool:
    last = name.rsplit(" ", 1)[-1]
    return len(last.rstrip(".")) == 1 or last.rstrip(".").lower() in _abbreviations()


def _trailing_frame(text: str, q_end: int, hi: int, context: ArticleContext | None = None):
    """A frame closing the quote's sentence after more words: ``“...” about the
    decision, said Smith.`` or ``“...” for Clinton, Sanders said.`` (with ``context``, a
    cue word tagged as a noun in those words, "requests", is no frame of its own)."""
    tail = text[q_end:hi]
    if re.search(r"[“”\"]|''", tail) or len(tail.split()) > 40:
        return None
    for comma in [q_end + m.start() for m in re.finditer(r",[ \u00a0]", tail)][:3]:
        if any(context is None or not _noun_cue(context, cue)
               for cue in _frame_cues_in(text, q_end, comma)):
            return None
        frame = _after_frame_loose(text, comma, hi)
        if frame is not None and not _THAT_NEXT.match(text, max(frame[0][1], frame[1][1])):
            # ("..., Sanders said that ...": a clause of its own; a "that" further on
            # opens a relative clause of the speaker's appositive: "a union that has")
            return frame
    return None


_THAT_NEXT = re.compile(r"[ \u00a0,]*that\b")


def _after_frame_loose(text: str, q_end: int, hi: int, context=None):
    frame = _after_frame_core(text, q_end, hi, context)
    if frame is None:
        return None
    according = _ACCORDING_TO.match(text, max(frame[0][1], frame[1][1]), hi)
    if according is not None and (source := _speaker_after(text, according.end(), hi) or (
            _bare_source(context, according.end(), hi))):
        # "“...,” Hewitt said, according to a transcript of the show.": the quote is
        # attributed to the source that reports it (the corpus's Source)
        cue = (according.start(1), according.end(1))
        return cue, source, _frame_end(text, source[1], hi)
    return frame


def _bare_source(context, start: int, hi: int):
    """A source with no determiner after "according to" ("officials with knowledge of
    the meeting", "court records", "excerpts of his speech"): one or two
    lowercase words, the last a noun by its tags, before a preposition, a participle or the
    end of the clause."""
    if context is None:
        return None
    match = _BARE_SOURCE.match(context.text, start, hi)
    if match is None or match.group(1).split()[0] in _DETERMINERS or match.group(
            1).split()[0] in _PRONOUNS:
        return None
    head = context.token_index(match.end(1) - 1)
    if not context.tags.pos[head].startswith("NN"):
        return None
    return match.start(1), match.end(1), "description"


_BARE_SOURCE = re.compile(
    r"([a-z][\w’'\-]*(?:[ \u00a0][a-z][\w’'\-]*)??)(?=[ \u00a0]+(?:of|with|from|by|to|in|on|"
    r"at|provided|released|obtained|published|posted|seen|reviewed)\b|[ \u00a0]*[,.;])")


# ", according to": a source reporting the frame before it ("Smith said, according to")
_ACCORDING_TO = re.compile(
    r"[^.;:!?“”\"]{0,60}?,[ \u00a0]+(according[ \u00a0]+to)[ \u00a0]+(?=\S)")


# "“...,” the editorial read.": a quote-only verb that ends its sentence is no noun,
# whatever its tag, for a noun phrase there would have no verb
_ENDS_SENTENCE = re.compile(r"[ \u00a0]*[.!?]")
_FRAME_LEAD = re.compile(r"[\s,\u00a0—–'-]*")
_FRAME_GAP_BREAK = re.compile(r"[;:!?“”\"]|\.\s+[a-z]")
_APPOSITIVE_BREAK = re.compile(r"[;:!?]|\.\s+[a-z]")
_DASH = re.compile(r"[—–-]")  # a dash after the quote: no "Trump shot back" frame


def _after_frame_core(text: str, q_end: int, hi: int, context=None):
    # a single closing mark left before the double one (NYT's 'Lyin' Ted.''') is no word
    lead = _FRAME_LEAD.match(text[q_end:hi])
    start = q_end + lead.end()
    if start >= hi or "\n" in lead.group():
        return None  # a line break ends the quote's sentence: the next line is its own
    cues = _frame_cues_in(text, start, min(hi, start + 250))
    if context is not None:
        # "“...,” the report said": a cue word the tags read as a noun is the speaker's
        quote_only = _quote_only_cues_in(text, start, min(hi, start + 250))
        cues = [cue for cue in cues if not _noun_cue(context, cue) or (
            cue in quote_only and _ENDS_SENTENCE.match(text, cue[1]))]
    if text[max(0, q_end - 4) : q_end].rstrip("”\"'’»")[-1:] in (",", "?", "!"):
        # ",” Trump shot back.": after a quote that leaves its sentence open, a
        # speaker and any verb make the frame
        verb = None if _DASH.search(lead.group()) else _VERB_FRAME.match(text, start, hi)
        if verb and not any(c[0] < verb.end() for c in cues) and (
            frame := _verb_frame(text, verb, hi)
        ):
            return frame
    aside = _DESCRIPTION_ASIDE.match(text, start, hi)
    if aside is not None:
        # "a league source, who was not authorized to speak on the record, told": a
        # description with a relative clause aside; the cue follows the aside
        cues = [cue for cue in cues if cue[0] >= aside.end()]
    if not cues:
        return None
    cue_start, cue_end = cues[0]
    if cue_start == start:
        if _opens_participle_phrase(text, cue_start, cue_end):
            return None  # ",” referring to the Islamic State.": the phrase's object speaks not
        lemma = _cue_lemma(text[cue_start:cue_end])
        if lemma not in _INVERTING_VERBS and lemma not in _quote_cue_lemmas() and (
            text[max(0, q_end - 4) : q_end].rstrip("”\"'’»")[-1:] not in (",", "?", "!")
        ):
            return None  # ",” tweeted Smith": after a comma any reporting verb inverts
        speaker = _speaker_after(text, cue_end, hi)
        if speaker is None:
            return None
        return (cue_start, cue_end), speaker, _frame_end(text, speaker[1], hi)
    between = text[start:cue_start]
    head, _, appositive = between.partition(",")
    if _FRAME_GAP_BREAK.search(head) or _APPOSITIVE_BREAK.search(appositive) or len(
        between.split()) > 25:
        return None  # (an appositive may quote: "Bill Eastland, wearing “Cruz” pins, said")
    tokens = _tokens(text, start, cue_start)
    if len(tokens) == 1 and name_read_as_word(text, tokens[0], cue_start):
        return (cue_start, cue_end), (*tokens[0][:2], "name"), _frame_end(text, cue_end, hi)
    while tokens and tokens[-1][2].lower() in _SKIPPABLE:
        tokens.pop()
    if tokens and "," in between:
        # "Brent Bozell III, founder of the Media Research Center, tells"
        head = between.split(",", 1)[0]
        if len(head.split()) > 8 or not (re.search(r"[A-Z]", head) or aside) or len(
                tokens) > 25:
            return None
        tokens = _tokens(text, start, start + len(head.rstrip()))
    if not tokens or tokens[-1][2].endswith(","):
        return None
    words = [t[2] for t in tokens]
    first = words[0].lower()
    if first in _CLAUSE_WORDS and first not in _DETERMINERS or first in _PREPOSITIONS:
        return None
    kind = "pronoun" if len(words) == 1 and first in _PRONOUNS else _classify_speaker(words)
    if first in _PRONOUNS and len(words) > 1:
        return None
    speaker = (tokens[0][0], tokens[-1][1], kind)
    return (cue_start, cue_end), speaker, _frame_end(text, cue_end, hi)


_DESCRIPTION_ASIDE = re.compile(
    r"(?:[Aa]n?|[Tt]he)[ \u00a0][^\W\d][^,;:.!?“”\"]{0,60},"  # the description,
    r"[ \u00a0]+who[ \u00a0][^,;:!?“”\"]{1,150},[ \u00a0]*")  # its relative clause


def _opens_participle_phrase(text: str, cue_start: int, cue_end: int) -> bool:
    """Whether a cue right after a closing mark is a participle opening a phrase of the
    sentence (``“...,” referring to the party's convention``, ``“...,” promising ...``):
    a speaker never follows such a verb, so it frames nothing after the quote. A phrase
    that names its source (``according to``) is no participle."""
    cue = text[cue_start:cue_end]
    return cue.split(None, 1)[0].endswith("ing") and (
        _phrase_kinds().get(" ".join(cue.lower().split())) != "before")


# a speaker (a pronoun, a name, "an angry Hollande", "the crowd") and a verb that ends
# the clause: "he mocks.", "Trump shot back.", "he urged them, as ..."
_VERB_FRAME = re.compile(
    r"(?:(?P<pronoun>he|she|they|we|I)"
    r"|(?P<speaker>(?:(?:[Tt]he|an?|[Aa]n?)[ \u00a0]+(?:[a-z][\w’'\-]*[ \u00a0]+){0,2})?"
    r"[A-Z][\w’'.\-]*(?:[ \u00a0]+[A-Z][\w’'.\-]*){0,3})"
    r"|(?P<description>[Tt]he[ \u00a0]+(?:[a-z][\w’'\-]*[ \u00a0]+){0,2}[a-z][\w’'\-]*))"
    r"[ \u00a0]+(?P<verb>[a-z]+(?:ed|s)|[a-z]+(?=[ \u00a0]+(?:back|on|up|out|off)\b))"
    r"(?:[ \u00a0]+(?:back|on|up|out|off|them|him|her|us|me|reporters))?(?=[.,;!?])"
)


def _verb_frame(text: str, match: re.Match, hi: int):
    verb = match.group("verb")
    if verb in _SKIPPABLE or verb in _CLAUSE_WORDS or verb in _PRONOUNS or verb in (
        "us", "its", "his", "this", "yes", "news"
    ):
        return None
    kind = next(k for k in ("pronoun", "speaker", "description") if match.group(k))
    speaker = match.span(kind)
    words = text[speaker[0] : speaker[1]].split()
    if kind == "speaker":
        if words[0] in _stop_starts():
            return None  # "But", "Then": no name
        kind = _classify_speaker(words)
    return match.span("verb"), (*speaker, kind), _frame_end(text, match.end("verb"), hi)


_FRAME_STOP = re.compile(r"[.;!?:“”\"]")


def _frame_end(text: str, position: int, hi: int) -> int:
    """End of an attribution frame: the next sentence punctuation or quote mark."""
    match = _FRAME_STOP.search(text, position, hi)
    return match.end() if match else hi


def title_case_cues(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Cues of a Title Case stretch (a headline, a list item): ``Clinton Said She Would
    Win``, ``Roe Joked: “...”``, ``Zoe Saldana Asked Men To ...``.

    The stretch is Title Case when its words of four letters or more are all
    capitalised (three at least) and so is one of its function words ("She", "To",
    "About": a run of names alone is not a title). A capitalised word after the
    first is a cue when its lower case is an inflected cue form ("Says", "Joked",
    not "Hope" or "Mark") and the article never writes it after the word before
    it in running text ("United States" is a name the article uses elsewhere).
    """
    # a line longer than _TITLE_LINE_MAX is running text: both searches stop there
    floor = max(0, hi - _TITLE_LINE_MAX - 1)
    line_start = text.rfind("\n", floor, lo) + 1 or floor
    line_end = text.find("\n", hi, line_start + _TITLE_LINE_MAX + 1)
    if line_start > 0 and text[line_start - 1] != "\n" or line_end < 0 and (
            len(text) > line_start + _TITLE_LINE_MAX):
        return []
    line_end = len(text) if line_end < 0 else line_end
    words = []
    for match in _TITLE_WORD.finditer(text, line_start, line_end):
        if len(match.group()) >= 4 and not match.group()[0].isupper():
            return []  # read only up to the first long word in lower case
        words.append((match.start(), match.end(), match.group()))
    long = [w for _, _, w in words if len(w) >= 4]
    if len(long) < 3 or not any(
        w[0].isupper() and w.lower() in _function_words() for _, _, w in words[1:]
    ):
        return []
    forms, quote_forms = reporting_cues(), _quote_cue_lexicon().forms
    cues = []
    for (_, _, previous), (start, end, word) in zip(words, words[1:], strict=False):
        if start < lo or end > hi:
            continue
        low = word.lower()
        sense = forms.get(low) or quote_forms.get(low)
        if not word[0].isupper() or sense is None or sense[0] == low:
            continue
        if _written_elsewhere(text, previous, word, line_start, line_end):
            continue  # the pair is a name the article writes elsewhere
        cues.append((start, end))
    return cues


def _written_elsewhere(text: str, previous: str, word: str, line_start: int,
                       line_end: int) -> bool:
    """Does the article write ``previous word`` (as words of their own) outside the line
    ``text[line_start:line_end]``? The literal is found by ``str.find`` and only its hits
    are matched, so a headline costs one fast scan of the text, not a regex at every
    character of a copy of it (which made many headlines quadratic)."""
    pair = re.compile(rf"(?<![\w’'-]){re.escape(previous)}[ \u00a0]+{re.escape(word)}(?![\w’'-])")
    for lo, hi in ((0, line_start), (line_end, len(text))):
        at = text.find(previous, lo, hi)
        while at >= 0:
            if pair.match(text, at, hi):
                return True
            at = text.find(previous, at + 1, hi)
    return False


_TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# a headline or a list item is short: a longer line is not read as Title Case (each
# quote and sentence asks about its line, so reading a long one is quadratic)
_TITLE_LINE_MAX = 300


@cache
def _function_words() -> frozenset[str]:
    return read_word_list("stopwords.txt")


def _before_frame(text: str, lo: int, q_start: int, context=None):
    """Attribution right before an opening mark (``X said: “``): ``(cue, speaker)``.
    With the ``context``, a cue word tagged as a noun is no cue ("called the use of
    executive orders “quite dangerous”")."""
    cues = _frame_cues_in(text, lo, q_start)
    if context is not None:
        cues = [cue for cue in cues if not _noun_cue(context, cue)]
    cues = cues or title_case_cues(text, lo, q_start)
    for cue in reversed(cues):
        frame = _frame_from_cue(text, lo, q_start, cue)
        if frame is None or context is None or not _in_adverbial_clause(
                context, text, frame, q_start):
            return frame
        # "After Gov. Roe criticized the plan, Lee shot back, “...”", "said that once the
        # Senate goes on recess, “...”": that cue's clause ended before the quotation
    return None


def _in_adverbial_clause(context: ArticleContext, text: str, frame, q_start: int) -> bool:
    """Whether a frame's speaker opens an adverbial clause ("once the Senate goes on
    recess") that words after its cue close before the quotation."""
    (_, cue_end), speaker = frame
    if speaker is None or not follows_subordinator(context, speaker[0], with_as=False):
        return False
    tail = text[cue_end:q_start]
    return re.search(r"\w", tail) is not None and not re.fullmatch(r"\s*that\s*", tail)


def _frame_from_cue(text: str, lo: int, q_start: int, cue: tuple[int, int]):
    """``(cue, speaker)`` for one cue before an opening mark, or None."""
    cue_start, cue_end = cue
    tail = text[cue_end:q_start]
    if not re.fullmatch(r"(?:\s+that)?\s*[,:]?\s*", tail) and not (
        re.search(r"[,:]\s*$", tail) and len(tail.split()) <= 10 and not re.search(r"[.;!?]", tail)
        and not re.search(r"[ \u00a0][-–—][ \u00a0]", tail)  # "agree - Carl Bialik:"
    ):
        return None
    if _phrase_kinds().get(text[cue_start:cue_end].lower()) == "before":
        speaker = _speaker_after(text, cue_end, q_start)
    elif text[cue_start:cue_end].endswith("ing") and (
        frame_speaker := _reporting_frame_subject(text, lo, cue_start)
    ):
        speaker = frame_speaker  # "Nefzi said, adding, “...”"
    else:
        speaker = _speaker_before(text, lo, _before_time(text, lo, cue_start))
        if speaker is not None and speaker[2] == "pronoun":
            speaker = _outer_speaker(text, lo, speaker) or _clause_reporter(
                text, lo, speaker) or speaker
        elif speaker is not None and speaker[2] == "description" and (
            text[cue_start:cue_end].endswith("ing")
        ):
            speaker = None  # "incurred a wave of boos upon saying": the object speaks not
    if speaker is None and (
        text[cue_start:cue_end].endswith("ing") and re.search(r",[ \u00a0]*$", text[lo:cue_start])
        or re.search(r"[ \u00a0]and[ \u00a0]+$", text[lo:cue_start])
    ):
        # "..., adding that “...”" or "shook her head and said, “...”": the speaker is
        # the previous one or the sentence's subject
        return (cue_start, cue_end), None
    if speaker is None:
        return None
    return (cue_start, cue_end), speaker


def _before_time(text: str, lo: int, position: int) -> int:
    """Where a time expression ending at ``position`` starts (``The fund this week|``,
    ``Smith on Tuesday|``): the subject stands before it. ``position`` if none does."""
    match = _TIME_TAIL.search(text, lo, position)
    if match is None or match.group("head").lower() not in _time_nouns():
        return position
    return match.start()


_TIME_TAIL = re.compile(
    r"(?:[ \u00a0]+(?:on|in|at|during|early|late|last|this|next|earlier|later|that))+"
    r"(?:[ \u00a0]+[A-Za-z]+)?[ \u00a0]+(?P<head>[A-Za-z]+\.?)[ \u00a0]*$")


def _lead_frame(text: str, lo: int, q_start: int):
    """``(cue, speaker)`` when the sentence right before ``q_start`` is a speaker and a
    cue with nothing reported after it (``Dianne Bystrom agreed.``)."""
    gap = text[lo:q_start]
    if not re.search(r"[.!?][ \u00a0]*$", gap) or re.search(r"[“”\"]", gap):
        return None
    # the verb, not a cue phrase among its adverbials ("said in a statement.")
    cue = next((cue for cue in _frame_cues_in(text, lo, q_start) if _LEAD_TAIL.fullmatch(
        text, cue[1], q_start)), None)
    if cue is None:
        return None
    s_start = max([lo] + [lo + m.end() for m in _FULL_STOP.finditer(gap, 0, cue[0] - lo)])
    if s_start == lo and text[lo - 1 : lo] in CLOSING + '"':
        return None  # "“A,” Obama said. “B.”": the previous quote's own frame
    speaker = _speaker_before(text, s_start, cue[0]) or _unclosed_appositive(
        text, s_start, cue[0])
    if speaker is None or re.search(r"[,;:]", text[s_start : speaker[0]]) or len(
        text[s_start : speaker[0]].split()) > 3:
        return None  # only a sentence that opens with its speaker
    return cue, speaker


_LEAD_TAIL = re.compile(r"(?:[ \u00a0]+[a-z][\w’'\-]*){0,3}[ \u00a0]*[.!?][ \u00a0]*")


# "Sam Roe, the director of the agency said": a name, then a description that a missing
# comma leaves open up to the cue
_UNCLOSED_APPOSITIVE = re.compile(
    r"([A-Z][\w’'.\-]*(?:[ \u00a0][A-Z][\w’'.\-]*){0,3}),[ \u00a0]+(?:the|an?)[ \u00a0]"
    r"[^,;:.!?“”\"]{1,80}?[ \u00a0]+$")


def _unclosed_appositive(text: str, s_start: int, cue_start: int):
    """The name opening a sentence whose description runs into the cue unclosed."""
    match = _UNCLOSED_APPOSITIVE.fullmatch(text, s_start, cue_start)
    if match is None or match.group(1).split()[0] in _stop_starts():
        return None
    return (*match.span(1), "name")


# "Headline of the item - Source:" before a quotation (news digests); "More from" a
# source already named
_DIGEST_SOURCE = re.compile(
    r"\w[ \u00a0]+[-–—][ \u00a0]+(?:[Mm]ore[ \u00a0]+from[ \u00a0]+)?"
    r"((?:[A-Z]|the[ \u00a0])[^:;.!?\-–—“”\"]{1,60}?)[ \u00a0]*$"
)


# "From the report:", "From Roe's Facebook post:": a lead naming the quotation's source
_SOURCE_LEAD = re.compile(
    r"[ \u00a0]*From[ \u00a0]+((?:the|a|an|[A-Z][\w.\-]*(?:’s|'s))"
    r"(?:[ \u00a0][^\s,;:.!?“”\"]+){1,3})[ \u00a0]*")  # (a short noun phrase, no clause)


_NAME_BEFORE_COLON = re.compile(
    r"[ \u00a0“\"]*([A-Z][\w’'.\-]*(?:[ \u00a0][A-Z][\w’'.\-]*){0,3})[ \u00a0]*")


# "said at a news conference, and then predicted": a verb coordinated with a cue before
_COORDINATED_CUE = re.compile(
    r"[^.;:!?“”\"]{0,80}?,?[ \u00a0]+(?:and|but)(?:[ \u00a0]+(?:then|also|later))?[ \u00a0]+")


# ", but he", ", and Smith": a coordinated clause with a subject of its own
_COORDINATED_CLAUSE = re.compile(
    r",[”\"’']?[ \u00a0]+(?:but|and|yet|so)[ \u00a0]+"
    r"(he|she|they|we|I|[A-Z][\w’'.\-]*(?:[ \u00a0][A-Z][\w’'.\-]*){0,2})(?=[ \u00a0]+[a-z])")


def _last_coordinated_clause(text: str, lo: int, colon: int) -> re.Match | None:
    """The last coordinated clause with a subject of its own (group 1) before ``colon``."""
    matches = list(_COORDINATED_CLAUSE.finditer(text, lo, colon))
    return matches[-1] if matches else None


_RELATIVE_OR_MARK = re.compile(r"\b(?:who|which)\b|[“”\"]")


def _colon_frame(context: ArticleContext, q_start: int):
    """A quote introduced by a colon: ``Cruz continued:``, ``Stated Stone:``,
    ``doesn't surprise pollster Daron Shaw:``, possibly in the paragraph before.
    """
    text, index = context.text, context.entities
    before = text[max(0, q_start - 3) : q_start]
    colon = q_start - 1
    while colon >= 0 and text[colon] in " \u00a0\t\n\r":
        colon -= 1
    if colon < 0 or text[colon] != ":" or q_start - colon > 6 or not before:
        return None
    s_lo, _ = context.sentence_of(colon)
    s_lo = min(s_lo, colon)
    named = _NAME_BEFORE_COLON.fullmatch(text, s_lo, colon)
    coordinated = None if named else _last_coordinated_clause(text, s_lo, colon)
    if coordinated is not None:
        # "Reid said ..., but he gave the Texan a back-handed compliment:": the colon
        # ends the clause after the coordinator, whose own subject speaks
        s_lo = coordinated.start(1)
    if named and not title_case_cues(text, s_lo, colon) and (
        named.group(1).split()[0] not in _stop_starts()
    ):
        # "Kasich: ‘We are going all the way.’" (a headline's or a transcript's speaker)
        return (colon, colon + 1), (*named.span(1), "name")
    source = _SOURCE_LEAD.fullmatch(text, s_lo, colon)
    if source:
        # "From the report: “...”": the document the quotation is taken from speaks
        return (colon, colon + 1), (*source.span(1), _classify_speaker(source.group(1).split()))
    digest = _DIGEST_SOURCE.search(text, s_lo, colon)
    if digest:
        # "Pollsters agree - Carl Bialik: “...”": a digest item quoting its source
        return (colon, colon + 1), (*digest.span(1), _classify_speaker(digest.group(1).split()))
    cues = [cue for cue in _frame_cues_in(text, s_lo, colon)
            if not _noun_cue(context, cue)] or title_case_cues(text, s_lo, colon)
    if cues and not re.search(r",[ \u00a0]+(?:[A-Z]\w*|he|she|they|we)[ \u00a0]+[a-z]+ed\b",
                              text[cues[-1][1] : colon]):
        # (a cue in an opening clause, "When Trump suggested ..., Rubio fired back:", is
        # not the colon's)
        cue = cues[-1]
        first = next((c for c in cues[:-1] if _COORDINATED_CUE.fullmatch(text, c[1], cue[0])),
                     None)
        # "he said at a news conference, and then predicted:": the first verb's subject
        speaker = _speaker_before(text, s_lo, (first or cue)[0])
        if speaker is None and first is None and is_verb_at(context, cue[0]) and not (
            _RELATIVE_OR_MARK.search(text, s_lo, cue[0])
        ):
            # "a spokesman for the team could only quip:": a subject past a postmodifier
            # (not a relative clause's verb nor a cue inside a quoted headline)
            speaker = subject_before(context, s_lo, cue[0])
        if speaker is None and text[cue[0] : cue[1]].endswith("ing"):
            speaker = participle_subject(context, s_lo, cue[0])  # "with one fan yelling:"
        if speaker is None and not text[s_lo : cue[0]].strip(" \u00a0,"):
            speaker = _speaker_after(text, cue[1], colon)
        if speaker is not None:
            return cue, speaker
    opener = re.match(r"([A-Z][a-z]+)[ \u00a0]+", text[s_lo:colon])
    if opener and opener.group(1).lower() in reporting_cues():
        # "Stated Stone:" / "Continued Stone:"
        speaker = _speaker_after(text, s_lo + opener.end(), colon)
        if speaker is not None:
            return (s_lo, s_lo + len(opener.group(1))), speaker
    # "..., he demurred:", "..., Rubio fired back forcefully:": the main clause's subject
    main = re.search(r",[ \u00a0]+((?:[A-Z][\w’'.\-]*[ \u00a0]+){1,3}|(?:he|she|they|we)[ \u00a0]+)"
                     r"(?:[a-z]+ly[ \u00a0]+)?[a-z]+ed\b[^,;]*$", text[s_lo:colon])
    if main:
        start = s_lo + main.start(1)
        words = main.group(1).split()
        if words[0] not in _stop_starts():
            return (colon, colon + 1), (start, start + len(main.group(1).rstrip()),
                                        _classify_speaker(words))
    if coordinated is not None and coordinated.group(1).split()[0] not in _stop_starts():
        words = coordinated.group(1).split()
        return (colon, colon + 1), (*coordinated.span(1), _classify_speaker(words))
    # "He returned to his familiar lines:": the subject, not the last name ("Iowa")
    subject = _clause_subject(text, s_lo, colon, index,
                              lambda found: unless_place(context, found))
    if subject is not None:
        return (colon, colon + 1), subject
    mention = index.last_mention(s_lo, colon)
    if mention is not None:
        return (colon, colon + 1), (mention[0], mention[1], "name")
    return None
