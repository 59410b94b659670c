"""What the part-of-speech tags say about a stretch of a sentence: whether a word is a
verb, whether reported content is a clause, where a noun phrase ends.

The attribution rules find cues, subjects and contents in the text; these small
tests read the tagger's tags (:attr:`ArticleContext.tags`) to tell a reporting
verb from a noun ("Police laid 15 charges"), and a reported clause ("said the
plan would fail") from a noun-phrase object ("denied the reports").
"""

from __future__ import annotations

from functools import cache

from ..lexicons import read_word_list
from .context import ArticleContext
from .cues import reporting_cues

# Penn Treebank tags of a finite verb (a modal counts: "would", "can")
FINITE = frozenset("VBD VBZ VBP MD".split())
# what a noun phrase (a clause's subject) may be made of before its verb
_NOMINAL = frozenset("NN NNS NNP NNPS PRP CD EX".split())
_SUBJECT_PARTS = _NOMINAL | frozenset(
    "DT PDT JJ JJR JJS PRP$ POS RB RBR RBS $ `` '' , HYPH FW SYM CC :".split())
# words that open an embedded question or a free relative: "asked whether ..."
_QUESTION_WORDS = frozenset("whether if why how what when where who whom which".split())
# question words that open a clause whatever follows ("what", "who" may open a noun phrase)
_CLAUSE_QUESTION_WORDS = frozenset("whether if why how when where".split())
_OPENING_MARKS = frozenset("`` “ \" ‘ '".split())
# demonstratives and quantifiers that can be a whole subject ("that won't happen")
_PRONOMINAL = frozenset("this that these those all both some none many most each".split())

# words that open an adverbial clause inside a would-be subject
_SUBORDINATORS = frozenset("after before because since until unless although though while "
                           "when whenever once if".split())

#: The clause classes :func:`content_class` tells apart; anything else is not content.
CLAUSE_CLASSES = ("that", "question", "finite", "infinitive")


def token_range(context: ArticleContext, start: int, end: int) -> range:
    """Indexes of the tokens that start in ``[start, end)``."""
    return range(context.token_index(start), context.token_index(end))


def tag_at(context: ArticleContext, position: int) -> str:
    """The part-of-speech tag of the token holding ``position`` ("" past the text)."""
    index = context.token_index(position)
    return context.tags.pos[index] if index < len(context.tokens) else ""


def is_verb_at(context: ArticleContext, position: int) -> bool:
    """Whether the word at ``position`` is tagged as a verb (``VB*``)."""
    return tag_at(context, position).startswith("VB")


def has_finite_verb(context: ArticleContext, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a finite verb (``VBD``, ``VBZ``, ``VBP``, ``MD``)."""
    pos = context.tags.pos
    return any(pos[i] in FINITE for i in token_range(context, start, end))


def content_class(context: ArticleContext, start: int, end: int,
                  infinitive: bool = False) -> str | None:
    """What kind of reported content ``text[start:end]`` opens with, or None.

    ``"that"`` (a that-clause), ``"question"`` (whether, if, why, how ...
    followed by a verb), ``"finite"`` (a subject, then a finite verb: "the plan
    would fail", "they had no preference"), ``"infinitive"`` ("to resign",
    only if ``infinitive``: the cue reports a to-infinitive, as "urged" does).
    None for a noun-phrase object ("the reports", "a loss of $3 million"), a
    preposition ("with the plan") or a bare verb: not a clause.
    """
    indexes = token_range(context, start, end)
    words, pos = context.tokens, context.tags.pos
    text = context.text
    first = indexes.start
    while first < indexes.stop and text[words[first][0] : words[first][1]] in _OPENING_MARKS:
        first += 1
    if first >= indexes.stop:
        return None
    word = text[words[first][0] : words[first][1]].lower()
    rest = range(first + 1, indexes.stop)
    if word == "that" and any(pos[i] in FINITE or pos[i].startswith("VB") for i in rest):
        return "that"  # (any verb: the tagger often reads a present verb as VB or VBN)
    if word in _QUESTION_WORDS and (any(pos[i] in FINITE or pos[i] == "TO" for i in rest) or (
        word in _CLAUSE_QUESTION_WORDS and len(rest) >= 2
    )):
        return "question"  # ("how sleep affects memory": the tagger may miss the verb)
    if pos[first] == "CC":
        return None  # "..., he said in an interview, and the board knows it"
    if word == "to":
        return "infinitive" if infinitive and first + 1 < indexes.stop and (
            pos[first + 1] == "VB") else None
    return "finite" if _subject_then_verb(context, range(first, indexes.stop)) is not None else None


def _subject_then_verb(context: ArticleContext, indexes: range, longest: int = 20) -> int | None:
    """A noun phrase, then a finite verb: "the plan would fail", "21 percent had";
    the index of the verb, or None.

    Read left to right over at most ``longest`` words. The noun phrase may hold
    modifiers that are verbs ("the four Americans killed in the attack might",
    "the decision to forgo the money had") and a relative clause, which then needs
    a second finite verb ("the hit that used to be legal now draws"; "the
    reports that surfaced Monday" has none). A bare verb or a preposition before
    any noun ("agreed with the plan", "to close at $71") is no clause.
    """
    words, pos, text = context.tokens, context.tags.pos, context.text
    noun = False
    relative = False  # inside a relative clause of the subject, before its verb
    comma = False
    absolute = False  # after "with": "a timeout with 40 seconds left" has no finite verb
    past = None  # a past participle right after the noun, with an object: maybe the verb
    for i in indexes[:longest]:
        tag = pos[i]
        word = text[words[i][0] : words[i][1]].lower()
        if past is None and tag == "VBN" and noun and not relative and not absolute and (
            pos[i - 1] in _NOMINAL and i + 1 < indexes.stop and pos[i + 1] in _OBJECT_STARTS
        ):
            past = i
        if absolute and tag == "VBD" and pos[i - 1] in _NOMINAL and word not in _PAST_ONLY:
            continue  # (the participle of "with 40 seconds left", read as a past tense)
        if _is_finite(tag, word, pos[i - 1] if i > indexes.start else "", noun):
            if tag in _NOMINAL or tag in ("DT", "WP"):
                noun = True  # "it’s", "they'd": the subject and its verb in one word
            if not noun or comma and word in reporting_cues():
                return None  # ("Trump during the primaries, last week said": another clause)
            if not relative:
                return i
            relative = False  # the relative clause's own verb; the main verb is still to come
            continue
        if word == ",":
            comma = True
        if noun and not relative and tag in ("DT", "PRP$", "PRP") and i > indexes.start and (
            pos[i - 1] in ("NN", "NNS", "NNP", "NNPS")
        ) and not _opens_time_expression(context, i, indexes.stop):
            relative = True  # "ways this goal can be achieved": a noun and its relative clause
        if word == "with":
            absolute = True
        if tag == "CC" and i + 1 < indexes.stop and (
            pos[i + 1] in FINITE or pos[i + 1] == "VB"
        ):
            return None  # "her rhythm in the second set and won 6-2": a second verb, no clause
        if tag in _NOMINAL or word in _PRONOMINAL and not noun:
            noun = True
        elif tag == "VBG" and i == indexes.start:
            noun = True  # a gerund subject: "visiting hours would be", "running for office is"
        elif tag in ("VBG", "VBN") and pos[i - 1] in ("DT", "PRP$", "POS"):
            noun = True  # "the increased focus", "his dealing powers", "the questioning will"
        elif not noun and hedges_quantity(context, i):
            noun = True  # "about half of the adjustment", "about a third of", "more than 1"
        elif word == "that" or tag in ("WDT", "WP", "WP$"):
            if not noun:
                return None
            relative = True
        elif word in _SUBORDINATORS:
            return None  # "the race ... after polls closed": the verb is another clause's
        elif tag in ("VBN", "VBG", "TO", "VB", "IN", "RP"):
            if not noun:
                return None  # "agreed with the plan", "to close at $71"
        elif tag not in _SUBJECT_PARTS:
            return None
    # no finite verb came: the tagger read a past tense with its object as a participle
    # ("donors made contributions", "half of it reflected revenue losses")
    return past


def hedges_quantity(context: ArticleContext, k: int) -> bool:
    """Whether token ``k`` hedges the number or share after it, inside a noun phrase:
    "about half", "about a third", "roughly 40 percent", "more than 20" ("than" after
    a comparative), "at least 30" (the approximators in ``quantity_approximators.txt``)."""
    pos, tokens, text = context.tags.pos, context.tokens, context.text

    def lower(i: int) -> str:
        return text[tokens[i][0] : tokens[i][1]].lower()

    word = lower(k)
    if word == "at" and k + 1 < len(pos) and lower(k + 1) == "least":
        word, k = "at least", k + 1  # (the pair hedges what follows)
    after = k + 2 if k + 2 < len(pos) and lower(k + 1) in ("a", "an") else k + 1  # "about a third"
    if not (after < len(pos) and (pos[after] == "CD" or is_share_word(lower(after)))):
        return False
    if word in ("than", "least"):
        return k > 0 and (pos[k - 1] in ("JJR", "RBR") or lower(k - 1) == "at")
    return word == "at least" or word in _quantity_approximators()


@cache
def _quantity_words() -> frozenset[str]:
    return read_word_list("quantity_words.txt")


def is_share_word(word: str) -> bool:
    """Whether a lower-case word names a number or share of something ("half",
    "third", "majority"; "two-thirds" by its last part)."""
    return word.rpartition("-")[2] in _quantity_words()


@cache
def _quantity_approximators() -> frozenset[str]:
    return read_word_list("quantity_approximators.txt")


# past tenses that are never a participle: "the meeting with Trump was" is a clause
_PAST_ONLY = frozenset("was were did".split())


@cache
def _time_nouns() -> frozenset[str]:
    return read_word_list("time_nouns.txt")


def _opens_time_expression(context: ArticleContext, i: int, stop: int) -> bool:
    """Whether token ``i`` (a determiner) opens a time adverbial: "the attention on the
    race this time helped", "the plan last week was": not a relative clause."""
    words, text = context.tokens, context.text
    return i + 1 < stop and context.tags.pos[i] == "DT" and (
        text[words[i + 1][0] : words[i + 1][1]].lower() in _time_nouns())


# tags that open a verb's object ("made contributions", "reflected the losses")
_OBJECT_STARTS = frozenset("DT PRP$ NN NNS CD JJ JJR".split())


# a pronoun or "there" with a verb run into it: "it’s", "there's", "she'll", "they’d"
_VERB_CLITICS = ("’s", "'s", "’ll", "'ll", "’d", "'d", "’re", "'re", "’ve", "'ve", "’m", "'m")
_PERSONAL = frozenset("i you he she we they".split())


def _is_finite(tag: str, word: str, previous: str, after_noun: bool) -> bool:
    """Whether a word is a finite verb: by its tag, a pronoun with a verb run into
    it ("it’s", "they'd"), or a base-form verb right after a noun or pronoun
    ("they hear": the tagger often gives VB for VBP there)."""
    if tag in FINITE:
        return True
    if word.endswith(_VERB_CLITICS):
        return tag in ("PRP", "EX", "DT", "WP") or not word.endswith(("’s", "'s"))
    return tag == "VB" and after_noun and previous in _NOMINAL


_AUDIENCE_PARTS = frozenset("DT PRP PRP$ NN NNS NNP NNPS CD JJ POS , IN CC RB".split())


def audience_before_that(context: ArticleContext, start: int, end: int,
                         longest: int = 15) -> tuple[int, int] | None:
    """``told ABC 7 that ...``, ``told friends since the spring, at fundraisers,
    that ...``, ``asked Trump how high ...``: the addressee (a noun phrase,
    perhaps with adverbials) and the offset of the "that" or question word that
    opens the reported clause; None if a verb or anything but a noun phrase
    comes first."""
    words, pos, text = context.tokens, context.tags.pos, context.text
    indexes = token_range(context, start, end)
    if not indexes or pos[indexes.start] not in ("DT", "PRP", "PRP$", "NN", "NNS", "NNP",
                                                 "NNPS", "CD", "JJ"):
        return None
    addressee_end = None
    for i in indexes[:longest]:
        word = text[words[i][0] : words[i][1]].lower()
        if (word == "that" or word in _QUESTION_WORDS) and i > indexes.start:
            return (addressee_end or words[i - 1][1]), words[i][0]
        if pos[i] not in _AUDIENCE_PARTS:
            return None
        if addressee_end is None and pos[i] in ("IN", ",", "RB", "CC"):
            addressee_end = words[i - 1][1]
    return None


# what an adverbial between a cue and its "that" may hold: no verb
_ADVERBIAL_PARTS = frozenset("IN DT NN NNS NNP NNPS JJ JJR JJS CD RB RBR PRP PRP$ POS , :".split())


def adverbial_before_that(context: ArticleContext, start: int, end: int,
                          longest: int = 12) -> int | None:
    """``made clear over the weekend that ...``, ``explained through a spokesman
    that ...``, ``argued for years that ...``: an adverbial with no verb in it (a
    preposition, an adverb or a dash first, at most ``longest`` words), then a
    that-clause; the offset of its "that", or None. A relative "that" ("complained
    about the rule that requires ...": a verb right after it) opens no clause."""
    words, pos, text = context.tokens, context.tags.pos, context.text
    indexes = token_range(context, start, end)
    if len(indexes) < 3 or pos[indexes.start] not in ("IN", "RB", ":") or text[
        words[indexes.start][0] : words[indexes.start][1]
    ].lower() in ("that", "to", "by"):
        return None
    for i in indexes[1:longest]:
        if text[words[i][0] : words[i][1]].lower() == "that":
            if pos[i] != "IN" or i + 1 >= indexes.stop or pos[i + 1] in FINITE or (
                pos[i + 1].startswith("VB")
            ):
                return None
            return words[i][0] if content_class(context, words[i][0], end) == "that" else None
        if pos[i] not in _ADVERBIAL_PARTS:
            return None
    return None


def opens_with_finite_verb(context: ArticleContext, start: int, end: int,
                           adverbs: bool = False) -> bool:
    """Whether ``text[start:end]`` starts with a finite verb ("... had sent money"),
    with ``adverbs`` perhaps after adverbs ("never happened")."""
    indexes = token_range(context, start, end)
    first = indexes.start
    while adverbs and first < indexes.stop and context.tags.pos[first] in ("RB", "RBR"):
        first += 1
    return first < indexes.stop and context.tags.pos[first] in FINITE


# the relative words that leave a gap for the reported clause's subject:
# "the rule, which Republicans say is overreach", "immigrants who he said had sent"
_GAP_WORDS = frozenset("which who whom that what".split())


def follows_relative_word(context: ArticleContext, position: int) -> bool:
    """Whether the word before ``position`` is a relative word ("which", "who", "what")."""
    index = context.token_index(position) - 1
    if index < 0:
        return False
    start, end, _ = context.tokens[index]
    return context.text[start:end].lower() in _GAP_WORDS


_NOUN_PHRASE_STARTS = frozenset("DT PDT PRP$ JJ JJR JJS NN NNS NNP NNPS CD".split())
_TOPIC_WORDS = frozenset("of about on".split())


def object_class(context: ArticleContext, start: int, end: int,
                 complements: frozenset[str]) -> str | None:
    """``"object"`` if ``text[start:end]`` opens with a noun phrase and the cue
    reports one (``complements`` holds "object"), ``"about"`` if it opens with
    "of", "about" or "on" and a noun phrase and the cue reports that; else None."""
    indexes = token_range(context, start, end)
    if not indexes:
        return None
    pos, first = context.tags.pos, indexes.start
    if "object" in complements and pos[first] in _NOUN_PHRASE_STARTS:
        return "object"
    word = context.text[context.tokens[first][0] : context.tokens[first][1]].lower()
    if "about" in complements and word in _TOPIC_WORDS and len(indexes) > 1 and (
        pos[first + 1] in _NOUN_PHRASE_STARTS
    ):
        return "about"
    return None


# conjunctions that join two clauses of their own after a comma (", and the board ...")
_CLAUSE_CONJUNCTIONS = frozenset("and but yet so".split())


def next_clause(context: ArticleContext, start: int, end: int) -> int | None:
    """Offset of the first comma in ``text[start:end]`` after which the sentence goes
    on with a clause of its own, not the reported one: a conjunction then a subject
    and a finite verb (", and the hashtag was soon trending", ", but officials
    say"), or None. A coordinated verb with no subject of its own (", but found
    him too objectionable") and a second that-clause (", and that ...") go on
    with the reported clause."""
    words, text, pos = context.tokens, context.text, context.tags.pos
    indexes = token_range(context, start, end)
    for i in indexes:
        if text[words[i][0] : words[i][1]] != "," or i + 2 >= indexes.stop:
            continue
        if text[words[i + 1][0] : words[i + 1][1]].lower() in _CLAUSE_CONJUNCTIONS and (
            pos[i + 2] in _CLAUSE_STARTS
        ) and _subject_then_verb(context, range(i + 2, indexes.stop)) is not None:
            return words[i][0]
    return None


# a finite verb after one of these is in its verb group ("has been", "did say")
_AUXILIARY_WORDS = frozenset("is are was were be been being am has have had do does did".split())


def main_verb_after(context: ArticleContext, start: int, end: int, own: int) -> int | None:
    """Offset of the finite verb in ``text[start:end]`` that goes on past a clause
    standing in a subject ("her promise [to cut taxes] won votes", "his claim [that
    the vote was rigged] drew criticism"): the first verb group after the clause's
    ``own`` ones (1 for a that-clause, 0 for a to-infinitive), not counting a verb
    that a relative word, a conjunction or another verb precedes ("companies that
    ship jobs", "lied and cheated"); None if there is none."""
    words, pos, text = context.tokens, context.tags.pos, context.text
    indexes = token_range(context, start, end)
    groups = 0
    for i in indexes:
        if i == indexes.start:
            continue
        word = text[words[i][0] : words[i][1]].lower()
        if word == "that" and pos[i - 1] == "CC":
            own += 1  # "that the vote was rigged and that officials lied"
        if pos[i] not in FINITE:
            continue
        k = i - 1
        while k > indexes.start and pos[k] == "RB":
            k -= 1  # "has also said": one verb group; "overseas won": the word before
        before = text[words[k][0] : words[k][1]].lower()
        if before in _AUXILIARY_WORDS or pos[k] in ("MD", "WDT", "WP", "CC", ",") or (
            before == "that"
        ):
            continue  # "would close", "has been", "that ship", "and cheated"
        groups += 1
        if groups > own:
            return words[i][0]
    return None


def clause_after_comma(context: ArticleContext, start: int, end: int,
                       verbs: frozenset[str] | dict | None = None) -> int | None:
    """Offset of the first comma in ``text[start:end]`` that a new clause follows
    (a subject and a finite verb: ", his administration continues"), or None;
    with ``verbs``, only a clause whose verb is one of them (", 21,000 said")."""
    words, text = context.tokens, context.text
    indexes = token_range(context, start, end)
    for i in indexes:
        if text[words[i][0] : words[i][1]] != ",":
            continue
        verb = _subject_then_verb(context, range(i + 1, indexes.stop))
        if verb is not None and (verbs is None or text[words[verb][0] : words[verb][1]].lower()
                                 in verbs):
            return words[i][0]
    return None


def predicate_after_comma(context: ArticleContext, start: int, end: int) -> int | None:
    """Offset of the first comma in ``text[start:end]`` that a finite verb follows
    with no subject of its own: where a relative clause inside a subject ends and
    the main clause's predicate starts ("The mayor, who said the plan was dead, will
    resign"), or None."""
    words, text, pos = context.tokens, context.text, context.tags.pos
    indexes = token_range(context, start, end)
    for i in indexes:
        if text[words[i][0] : words[i][1]] == "," and i + 1 < indexes.stop and (
            pos[i + 1] in FINITE
        ):
            return words[i][0]
    return None


def follows_subordinator(context: ArticleContext, position: int, with_as: bool = True) -> bool:
    """Whether the word before ``position`` opens an adverbial clause ("While he
    has said ...", "Although officials said ..."); ``with_as=False`` leaves out "as",
    which also opens a frame ("As Roe said, ...")."""
    index = context.token_index(position) - 1
    if index < 0:
        return False
    start, end, _ = context.tokens[index]
    word = context.text[start:end].lower()
    return word in _SUBORDINATORS or word == "whereas" or (with_as and word == "as")


_AUDIENCE_STARTS = frozenset("PRP NNP NNPS NN NNS DT PRP$ CD JJ".split())
_AUDIENCE_ENDS = frozenset("PRP NNP NNPS NN NNS".split())
_CLAUSE_STARTS = frozenset("DT PRP NNP NNPS NN NNS CD PRP$ EX JJ".split())


def audience_then_clause(context: ArticleContext, start: int, end: int,
                         longest: int = 5) -> tuple[int, int] | None:
    """``told reporters the bill was dead``: a short noun phrase (the addressee,
    at most ``longest`` words) then a clause with its own subject; the end of the
    addressee and the start of the clause, or None."""
    words, pos = context.tokens, context.tags.pos
    indexes = token_range(context, start, end)
    if not indexes or pos[indexes.start] not in _AUDIENCE_STARTS:
        return None
    for k in range(indexes.start + 1, min(indexes.start + longest + 1, indexes.stop)):
        if pos[k - 1] not in _AUDIENCE_STARTS:
            return None
        if pos[k - 1] in _AUDIENCE_ENDS and pos[k] in _CLAUSE_STARTS and _subject_then_verb(
            context, range(k, indexes.stop)
        ) is not None:
            return words[k - 1][1], words[k][0]
    return None


@cache
def time_words() -> frozenset[str]:
    """Nouns that head a time expression (``resources/time_words.txt``)."""
    return read_word_list("time_words.txt")


# what a time expression holds besides its time word ("earlier this month", "on Tuesday")
_TIME_PARTS = frozenset("this last next that each every early late earlier later previous past "
                        "recent on in at during over the".split())
# prepositions of an adverbial phrase between a cue and its clause ("said in an interview")
_ADVERBIAL_PREPOSITIONS = frozenset("in on at during over via through from with after before "
                                    "to".split())
_PHRASE_PARTS = frozenset("DT PDT PRP$ JJ JJR JJS NN NNS NNP NNPS CD POS".split())


def after_adverbial(context: ArticleContext, start: int, end: int) -> int | None:
    """Where the words after a cue go on past an adverbial with no comma and no
    "that" to close it: a time ("said Thursday he would", "said last week the
    plan"), a prepositional phrase ("said in an interview the plan would fail")
    or an adverb; None if no adverbial starts at ``start``."""
    words, pos, text = context.tokens, context.tags.pos, context.text
    indexes = token_range(context, start, end)
    i = indexes.start
    while i < indexes.stop:
        word = text[words[i][0] : words[i][1]].lower()
        if pos[i] in ("RB", "RBR") and word != "not":
            i += 1
        elif word in time_words() and context.tags.entity[i] == "O":
            i += 1
        elif word in _TIME_PARTS and i + 1 < indexes.stop and (
            text[words[i + 1][0] : words[i + 1][1]].lower() in time_words()
        ):
            i += 1
        elif word in _ADVERBIAL_PREPOSITIONS and pos[i] in ("IN", "TO"):
            j = i + 1
            while j < indexes.stop and j - i <= 8 and pos[j] in _PHRASE_PARTS and not (
                pos[j] in ("DT", "PDT", "PRP$") and j > i + 1  # "in an interview the plan"
            ):
                j += 1
            if j == i + 1:
                break
            i = j
        elif word == "for" and opens_adverbial(context, words[i][0], end):
            # "for weeks", "for the past decade": a span of time
            j = i + 1
            while j < indexes.stop and j - i <= 4 and (
                text[words[j - 1][0] : words[j - 1][1]].lower() not in time_words()
            ):
                j += 1
            i = j
        else:
            break
    return words[i][0] if indexes.start < i < indexes.stop else None


def opens_adverbial(context: ArticleContext, start: int, end: int) -> bool:
    """Whether the words after a cue open with an adverb ("argued emphatically that",
    "recognized long ago that"; not "not") or a span of time ("has said for years
    that", "for several weeks"), read from the tags."""
    words, pos, text = context.tokens, context.tags.pos, context.text
    indexes = token_range(context, start, end)
    if not indexes:
        return False
    first = indexes.start
    word = text[words[first][0] : words[first][1]].lower()
    if pos[first] in ("RB", "RBR") or word == "long" and first + 1 < indexes.stop and (
        text[words[first + 1][0] : words[first + 1][1]].lower() == "ago"
    ):
        return word not in ("not", "n't", "so", "too", "also")
    if word != "for":
        return False
    # "for years", "for several weeks", "for the past decade"
    for k in range(first + 1, min(first + 4, indexes.stop)):
        if text[words[k][0] : words[k][1]].lower() in time_words():
            return True
        if pos[k] not in ("DT", "JJ", "CD"):
            return False
    return False


def object_then_infinitive(context: ArticleContext, start: int, end: int,
                           longest: int = 5) -> tuple[int, int] | None:
    """``urged members to reject the offer``: a short noun phrase (whom the
    speech was addressed to) then "to" and a verb; the end of the noun phrase
    and the start of the to-infinitive, or None."""
    words, pos = context.tokens, context.tags.pos
    indexes = token_range(context, start, end)
    if not indexes or pos[indexes.start] not in _AUDIENCE_STARTS:
        return None
    for k in range(indexes.start + 1, min(indexes.start + longest + 1, indexes.stop - 1)):
        if pos[k] == "TO" and pos[k + 1] == "VB" and pos[k - 1] in _AUDIENCE_ENDS:
            return words[k - 1][1], words[k][0]
        if pos[k] not in _AUDIENCE_STARTS:
            return None
    return None
