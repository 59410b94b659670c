"""Coreference: which entity a speaker mention means (a name, a pronoun, a description).

No parser model. Built once per article over the entities of
:class:`analysis.mentions.EntityIndex`, :class:`Coreference` reads the article as
a sequence of mentions and keeps, for each entity, a *salience*: every mention adds
a weight that halves with each sentence since (a subject or a quote's speaker
weighs most, a name inside a direct quote almost nothing), and a paragraph break
costs more. Mentions are resolved in text order:

- **names** to the entity the index linked at that place (surnames, titles, first
  names, the inner word of a longer name), cleaned of invisible characters, party
  tags ("(D-N.Y.)") and "of <place>"; a name the index lacks becomes an entity,
  so a name never leaves the speaker empty; a capitalised common noun ("Polls",
  "Officials") is read as a description; a people with "the" ("the Saudis") is its
  country's government;
- **pronouns** to the most salient entity that agrees in gender and number: "he"
  and "she" to people (gender from titles and sure first names, from the article's
  own pronouns after a person's name, then from usual first names), "they" to
  groups and organisations, "it" to organisations, documents and countries; the
  current speaker (the speaker of the quote before) counts through its weight as a
  speaker, and gets a bonus when the cue says the speaker goes on ("he added");
  narrative pronouns ("He was charged ...") are resolved on the way, so a person the
  article keeps talking about stays salient;
- **descriptions** to the named entity they describe: "The Times" to "New York
  Times", "the institute" to "Public Policy Institute of California", "the
  Vermont senator" to a person described as a senator and from Vermont (an
  appositive, a title, "of Vermont", a party tag "(I-Vt.)"), "the company" to a
  named company (not a bare "company" before it, not the "Senate"; else the one the
  article named most); otherwise a body or group ("officials", "a poll") is a
  speaker of its own, named by its fullest form in the article ("Fox News poll");
- **mentions cut short** by the stages before, told by the words around them: a
  name before role words and a person's name ("Clinton’s campaign chairman, John
  Podesta"), a name inside an unnamed source ("a source familiar with Cruz’s
  thinking"), a possessor before the colon's speaker, a name before a gloss and a
  document noun ("the Vox Populi (Voice of the People) column"), "Others" after a group
  spoke, a group joined by "and" to the group before it.

Every decision returns an evidence string (``pronoun->Ann Lee (current speaker)``,
``descriptor->Ann Lee (described as senator)``, ``description (group)``).
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .lexicons import read_table, read_word_list, singular
from .mentions import (
    INVISIBLE,
    NAME_PATTERN,
    EntityIndex,
    _pronouns,
    _stop_starts,
    first_name_is_sure,
    role_noun_info,
    tag_kind,
    tag_votes,
)

__all__ = ["Coreference", "Resolution", "entity_kind", "clean_mention"]


@dataclass(frozen=True)
class Resolution:
    """What a speaker mention resolved to.

    Attributes
    ----------
    entity : int or None
        Id in the article's :class:`~analysis.mentions.EntityIndex`.
    name : str
        The canonical speaker ("" when nobody).
    evidence : str
        The rule that decided, e.g. ``pronoun->Ann Lee (subject)``.
    """

    entity: int | None
    name: str
    evidence: str


# Weights of one mention in its entity's salience (a subject weighs 1).
SUBJECT = 1.0
SPEAKER = 1.2  # the speaker mention of a quote: the subject of a reporting verb
OTHER = 0.5
POSSESSOR = 0.5  # "Clinton’s campaign"
PREPOSITION_OBJECT = 0.3  # "a forum hosted by Obama"
QUOTED = 0.05  # named inside a direct quote (what a speaker talks about) or a headline
SENTENCE_DECAY = 0.5  # salience halves with each sentence
PARAGRAPH_DECAY = 0.6  # and loses more at each paragraph break
GOING_ON = 1.0  # bonus of the current speaker when the cue says the speaker goes on ("added")
UNKNOWN_GENDER = 0.7  # a person whose gender nothing says, for "he" or "she"
UNSURE_GENDER = 0.2  # a person whose first name is usually of the other gender
UNKNOWN_KIND = 0.4  # a name that may not be a person's
WINDOW_PARAGRAPHS = 2  # how far back a pronoun looks for antecedents
WINDOW_MENTIONS = 40
FAR_MENTIONS = 200  # how far back "the company" looks when no paragraph near names one

_PREPOSITIONS = frozenset(
    "of by for with to from against about on at in into over under among between than "
    "after before since during without like toward towards upon via per".split()
)
_CONNECTIVES = frozenset(
    "but and so still yet meanwhile however instead also then now later earlier today "
    "separately similarly indeed nonetheless nevertheless moreover".split()
)
_DETERMINERS = frozenset(
    "the a an this that these those his her their its our my your some many several most "
    "all both each every other another one two three four five few any".split()
)
_TRAILING_WORDS = frozenset("overall alone together nationwide statewide too also "
                              "instead were was are is have has had".split())
_SUBORDINATORS = frozenset("as when while after before since although though if once "
                           "because despite unlike like".split())
_CLAUSE_START = frozenset("who whom whose which that where when while said says told "
                           "and but as".split())
_DEFINITE = frozenset("the this that these those".split())
_POSSESSIVE_PRONOUNS = frozenset("his her their its".split())
_HEAD_BOUNDARY = frozenset(
    "of at for in with on to from by under over among about between within without "
    "who whom whose which that where when while since after before close familiar "
    "including said says told".split()
)
_NOT_OPENER = re.compile(r"[^ \u00a0\t\n“\"‘'(\[—–-]")
# he, his, him, she, her as words (one first-letter class before the look-behind: the
# engine skips ahead to candidate letters, which it does not for two alternatives)
_GENDER_PRONOUN = re.compile(
    r"[HhSs](?<![\w’'-][HhSs])(?:(?<=[Hh])(?:e|is|im|er)|(?<=[Ss])he)(?![\w’'-])")
# "her" before a noun (possessive), not before a particle or preposition ("backed her up")
_POSSESSIVE_HER = re.compile(
    r"[ \u00a0]+(?!(?:up|out|down|off|in|on|to|for|with|by|at|as|and|or|that|the|a|an)\b)"
    r"[a-z][\w’'\-]*")
# cues that continue the speaker of the quote before: "he added", "she went on"
_CONTINUING_CUE = re.compile(
    r"(?:add(?:s|ed)?|continu(?:es|ed|e)|went[ \u00a0]+on|goes[ \u00a0]+on)\b")
_STRIP_INVISIBLE = {ord(char): None for char in INVISIBLE}
# "(D-N.Y.)", "(R)", "R-S.C.": a party and a state after a politician's name
_PARTY_TAG = re.compile(r"\(?\b([DRI])(?:-([A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*)?))?\)?\Z")
_PARTY_TAG_AFTER = re.compile(r"[ \u00a0]*\([DRI]-([A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*)?)\)")
_PARTY_TAG_IN_NAME = re.compile(r"[ \u00a0]*\([DRI](?:-[A-Z][\w. \u00a0]*)?\)")
_WORD = re.compile(r"[\w’'\-.]+")
_LOWER_WORD_RUN = re.compile(r"[a-z][a-z\-]*")
_WORD_CHAR = re.compile(r"[\w’'-]")
_CAPITALISED_WORD = re.compile(r"[A-Z][\w’'.&\-]*")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z]*(?![\w’'-])")
# "a poll by the Public Policy Institute of California": who made a document
_BY_NAME = re.compile(r",?[ \u00a0]+(?:\w+[ \u00a0]+){0,3}?(?:by|from|of|for)[ \u00a0]+"
                      r"(?:the[ \u00a0]+)?"
                      r"(?:[a-z][\w\-]*[ \u00a0]+){0,2}"
                      r"((?:[A-Z][\w’'.&\-]*)(?:[ \u00a0]+(?:of[ \u00a0]+)?[A-Z][\w’'.&\-]*)*)")
# where a document was published: "an editorial in The Des Moines Register"
_IN_NAME = re.compile(r"[ \u00a0]+in[ \u00a0]+(?:[Tt]he[ \u00a0]+)?"
                      r"([A-Z][\w’'.&\-]*(?:[ \u00a0]+[A-Z][\w’'.&\-]*){0,4})")
# who made a document, inside its mention: "... released on Friday by Acme Research",
# "compiled by Real Clear Politics", "by economists Ann Lee and Bob Roe"
_MAKER = re.compile(r"\b(?:by|from)[ \u00a0]+(?:[Tt]he[ \u00a0]+)?(?:[a-z][\w\-]*[ \u00a0]+){0,2}"
                    r"((?:[A-Z][\w’'.&\-]*)(?:[ \u00a0]+(?:of[ \u00a0]+)?[A-Z][\w’'.&\-]*)*)"
                    r"(?:[ \u00a0]+and[ \u00a0]+[A-Z][\w’'.&\- \u00a0]*)?\Z")
# "a spokesman for Platte River": a person's role (group 1) at a named body (group 2)
_ROLE_AT = re.compile(r"(?:[Aa]n?|[Tt]he)[ \u00a0]+(?:[a-z][\w\-]*[ \u00a0]+){0,2}?"
                      r"([a-z][\w\-]*)[ \u00a0]+(?:for|of|at|with)[ \u00a0]+(?:the[ \u00a0]+)?"
                      r"([A-Z][\w’'.&\-]*(?:[ \u00a0]+[A-Z][\w’'.&\-]*){0,4})")
# a number of people as a speaker: "Both", "All three candidates", "The two men"
_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
_COUNTED = re.compile(r"(?i:(?:all|the|these|those)[ \u00a0]+)?(?i:(both|two|three|four|five))"
                      r"(?:(?:[ \u00a0]+[a-z][\w\-]*){0,2}?[ \u00a0]+([a-z][\w\-]*(?:s|men)))?")
_LIST_OPEN = re.compile(r"[ \u00a0]*(?:,|--|—|–|[ \u00a0]-)[ \u00a0]*")
_LIST_JOINT = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*(?:and[ \u00a0]+)?|[ \u00a0]and[ \u00a0]+)")
# a share of the people a poll asked, as a speaker: "Two in three", "Thirty percent",
# "Almost half of respondents", "respondents", "Most of those polled"
_SHARE_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+ty(?:-[a-z]+)?)"
_SHARE_PART = r"(?:half|a[ \u00a0]+third|two-thirds|a[ \u00a0]+quarter|a[ \u00a0]+majority)"
_SHARE = re.compile(
    r"(?i:(?:about|almost|nearly|roughly|some|only|just|over|under|more[ \u00a0]+than|"
    r"fewer[ \u00a0]+than|another)[ \u00a0]+)?"
    r"(?i:" + _SHARE_NUMBER + r"[ \u00a0]+(?:percent|in[ \u00a0]+(?:\d+|three|four|five|ten))"
    r"|" + _SHARE_PART + r")"
    r"(?:[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?"
    r"(?:respondents|those[ \u00a0]+(?:polled|surveyed)))?"
    r"|(?i:(?:(?:most|many|some|all)[ \u00a0]+of[ \u00a0]+)?(?:the[ \u00a0]+)?respondents)"
    r"|(?i:(?:(?:most|many|some|all)[ \u00a0]+of[ \u00a0]+)?those[ \u00a0]+(?:polled|surveyed))")
# what a share or a poll before was of: "84 percent of Latino voters in Florida", "a poll
# of 400 registered Latino voters"
_SHARE_OF = re.compile(
    r"(?:percent|%|[ \u00a0]in[ \u00a0]+(?:\d+|three|four|five|ten)|half|thirds?|quarters?|"
    r"majority|poll|survey)[ \u00a0]+of[ \u00a0]+"
    r"((?:[\w\-]+[ \u00a0]+){0,4}?[a-z][\w\-]*s(?:[ \u00a0]+in[ \u00a0]+[A-Z][\w\-]*"
    r"(?:[ \u00a0]+[A-Z][\w\-]*)?)?)(?=[ \u00a0,.;:)])")
_SOURCE_PRONOUN = re.compile(r"(?<![\w’'-])(?:him|her|them|his|their)(?![\w’'-])")
_CLAUSE_END = re.compile(r"[,.;:()“”\"\n]")
# a noun with names before it ("FBI summary", "the Vox Populi (Voice of the People)
# column"): %s is the noun
_FULLER_FORM = (r"(?<![\w’'-])((?:[A-Z][\w’'.&\-]*[ \u00a0]+){1,4})"
                r"(?:\([^()\n]{1,40}\)[ \u00a0]+)?%s(?![\w’'-])")
_SIGNS = "(signs the letter)"
# a share of the people a pronoun means: "Most of them", "Half of them", "some of them"
_PARTITIVE_PRONOUN = re.compile(r"[ \u00a0]of[ \u00a0]+(them)\Z", re.IGNORECASE)
_WRITTEN_BEFORE = 3000  # characters: how far back "the summary" looks for "an FBI summary"
# "The former ambassador also ...": a description of a person opening a sentence
_SUBJECT_DESCRIPTION = re.compile(r"[ \u00a0\t\n“\"‘']*(The(?:[ \u00a0]+[\w’'\-]+){1,4})")
# a name set off after a description: "the F.B.I. director, James Roe, said"
_APPOSITIVE_OPEN = re.compile(r"[ \u00a0]*(?:,|--|—|–)[ \u00a0]*")
_SPACES = " \u00a0"
_SOURCE_LINKS = tuple(f"{word}{space}" for word in ("to", "with", "on", "of", "the")
                      for space in " \u00a0")  # what a source's words end with before a name
_BOTH_SIDES = re.compile(r"(?i:both|the[ \u00a0]+two)[ \u00a0]+(?i:sides|camps)")
# two names (or parties) joined by "and", with the plural noun they share
_NAMED_PAIR = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]+[ \u00a0]+and[ \u00a0]+[A-Z][\w’'-]+"
                         r"(?:[ \u00a0]+[a-z]+s(?![\w’'-]))?")
_OTHERS = re.compile(r"(?i:(?:some|many|most|two|three|four|five|several|a[ \u00a0]+few)"
                     r"[ \u00a0]+)?(?i:others)")
# a plural group noun and its premodifiers, then "and", ending where a mention starts
_CONJUNCT_BEFORE = re.compile(r"(?<![\w’'-])((?:[A-Za-z][\w\-]*[ \u00a0]+){0,3}([A-Za-z][\w\-]*s))"
                              r"[ \u00a0]+and[ \u00a0]+\Z")
_CONJUNCT_STARTS = frozenset("both but and or of the a an in among from by with for to "
                             "that who said says".split())
# a parenthesis glossing a name, then a common noun: "Vox Populi (Voice of the People) column"
_GLOSS_THEN_NOUN = re.compile(r"[ \u00a0]*\([^()\n]{1,60}\)[ \u00a0]+([a-z]+)(?![\w’'-])")
_POSSESSIVE_AFTER = re.compile(r"['’]s?(?![\w’'-])")
# an unnamed source told by what it knows, ending where a name starts: "a source close to "
_SOURCE_BEFORE = re.compile(r"(?:(?<![\w’'-])(?:[Aa]n?|[Aa]nother|[Tt]he)[ \u00a0]+)?([a-z]+)"
                            r"[ \u00a0]+(?:close[ \u00a0]+to|familiar[ \u00a0]+with|briefed"
                            r"[ \u00a0]+on|with[ \u00a0]+knowledge[ \u00a0]+of)"
                            r"(?:[ \u00a0]+the)?[ \u00a0]+\Z")
# after a speaker mention, the lower-case role words of the person named next ("Band
# member Flea", "Clinton’s campaign chairman, John Podesta,"): the mention only premodifies
_ROLE_BEFORE_NAME = re.compile(r"(?:['’]s)?((?:[ \u00a0]+[a-z][\w\-]*){1,3}),?[ \u00a0]+(?=[A-Z])")
_APPOSITIVE_CLOSE = re.compile(r"[ \u00a0]*(?:,|--|—|–|\))")
_DATELINE = re.compile(r"\A[A-Z][A-Z .,]+[ \u00a0]*[—―–-]+[ \u00a0]*")  # "PHILADELPHIA ― "


@cache
def _states() -> dict[str, str]:
    """State abbreviations as written in party tags ("Fla.", "N.Y.", "MA") -> state name."""
    table = {}
    for row in read_table("us_states.tsv"):
        for form in row[1:]:
            for variant in form.split(","):
                if variant.strip():
                    table[variant.strip().rstrip(".").lower()] = row[0]
        table[row[0].lower()] = row[0]
    return table


@cache
def _places() -> frozenset[str]:
    """Countries (``demonyms.tsv``, with their other names) and US states, lower case."""
    names = {row[0].lower() for row in read_table("us_states.tsv")}
    for row in read_table("demonyms.tsv"):
        names.add(row[0].lower())
        if len(row) > 2:
            names.update(n.strip().lower() for n in row[2].split(",") if n.strip())
    return frozenset(names)


@cache
def _dropped_nouns() -> frozenset[str]:
    """Nouns that only classify the name before them ("Family Circle magazine")."""
    return frozenset(row[0].lower() for row in read_table("speaker_nouns.tsv")
                     if len(row) > 2 and row[2] == "drop")


@cache
def _anonymous_nouns() -> frozenset[str]:
    """Nouns of people the article does not name ("a source", "the person")."""
    return frozenset(row[0].lower() for row in read_table("speaker_nouns.tsv")
                     if len(row) > 2 and row[2] == "anonymous")


@cache
def _noun_types() -> dict[str, str]:
    """Nouns that can stand for a speaker -> entity type (person, organisation, group,
    document): ``speaker_nouns.tsv``, and the person roles of ``role_nouns.tsv`` with
    their plurals as groups."""
    types: dict[str, str] = {}
    for row in read_table("role_nouns.tsv"):
        if len(row) > 2 and row[2] == "person":
            types[row[0].lower()] = "person"
            types.setdefault(_plural(row[0].lower()), "group")
    for row in read_table("speaker_nouns.tsv"):
        if len(row) > 1:
            types[row[0].lower()] = row[1]
    return types


@cache
def _speaker_noun_set() -> frozenset[str]:
    """The group, organisation and document nouns of :func:`_noun_types`, and the
    anonymous people's ("a source")."""
    return frozenset(n for n, kind in _noun_types().items()
                     if kind != "person" or n in _anonymous_nouns())


def _noun_spans(text: str) -> list[tuple[int, int]]:
    """Where :func:`_speaker_noun_set` nouns stand as words, in lower case or capitalised
    opening a sentence ("Officials said"), in text order. The nouns the article holds
    are found first (a set of its words), then each is found with ``str.find``."""
    lowered = text.lower()
    spans = []
    for noun in _speaker_noun_set().intersection(_LOWER_WORD_RUN.findall(lowered)):
        at = lowered.find(noun)
        while at >= 0:
            end = at + len(noun)
            if not (at and _WORD_CHAR.match(text, at - 1) or _WORD_CHAR.match(text, end)) and (
                    text[at + 1 : end].islower()):
                spans.append((at, end))
            at = lowered.find(noun, end)
    spans.sort()
    return spans


# what identifies an anonymous source or group after the noun: "close to Cruz",
# "familiar with her thinking", "briefed on the reshuffling"
_IDENTIFIED_BY = re.compile(
    r"[ \u00a0]+(?:close[ \u00a0]+to|familiar[ \u00a0]+with|briefed[ \u00a0]+on|"
    r"with[ \u00a0]+knowledge[ \u00a0]+of)"
    r"(?:[ \u00a0]+(?:the|his|her|their|its|him|them|[A-Z][\w’'.\-]*)){1,3}"
    r"(?:[ \u00a0]+(?!said\b|says\b|told\b|who\b)[a-z][\w’'\-]*){0,2}(?![\w’'-])")


def _plural(noun: str) -> str:
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"



def clean_mention(mention: str) -> str:
    """A speaker mention as a name: invisible characters, a party tag, quotation
    marks and a possessive taken off ("Chuck Schumer (D-N.Y.)" -> "Chuck Schumer")."""
    mention = mention.translate(_STRIP_INVISIBLE)
    mention = _DATELINE.sub("", _PARTY_TAG_IN_NAME.sub("", mention))
    mention = mention.strip(" \u00a0\t\n“”\"‘’'(),;:—–-")
    return re.sub(r"[’']s?\Z", "", mention)


class Coreference:
    """Resolve the speaker mentions of one article, in text order.

    Parameters
    ----------
    text : str
    sentences : list of (start, end, paragraph_index)
        The article's sentences (:func:`analysis.tokenize.sentence_spans`).
    index : EntityIndex
        The article's named entities; new speakers are added to it.
    quoted : list of (start, end)
        The direct quotes' pieces: names inside them weigh little, and pronouns
        inside them are not the narrator's.
    tokens, entity_tags : optional
        The article's tokens (``(start, end, sentence)``) and their BIO entity tags
        (:func:`analysis.tag.article_tags`): they type the names the index left
        unknown (``Entity.tag_kind``: a place is no "he", a place never speaks).

    Examples
    --------
    >>> from analysis.mentions import build_entities
    >>> from analysis.tokenize import sentence_spans
    >>> text = ("Vote\\n\\nMayor Jane Roe met Ann Lee, a minister. Roe spoke first. "
    ...         "She said the city would win.")
    >>> sentences = sentence_spans(text)
    >>> coref = Coreference(text, sentences, build_entities(text, sentences))
    >>> coref.resolve(text.index("She"), text.index("She") + 3, "pronoun").name
    'Jane Roe'
    """

    def __init__(self, text: str, sentences: list[tuple[int, int, int]], index: EntityIndex,
                 quoted: list[tuple[int, int]] = (), tokens=None, entity_tags=None) -> None:
        self.text = text
        self.index = index
        # the tagger's entity types type names the index left unknown, and new ones
        self._tokens = tokens or ()
        self._entity_tags = entity_tags or ()
        if tokens and entity_tags:
            index.type_from_tags(tokens, entity_tags)
        self.sentences = sentences or [(0, len(text), 0)]
        # the first paragraph is a headline when paragraphs follow it
        self._has_body = any(paragraph > 0 for _, _, paragraph in self.sentences)
        self._sentence_starts = [start for start, _, _ in self.sentences]
        self._quoted = sorted(quoted)
        self._quoted_starts = [start for start, _ in self._quoted]
        # the discourse, in text order: [start, key, sentence index, paragraph, weight,
        # end], the key an entity id, or (kind, name) for a group or document the article
        # names with a common noun ("White House officials") that no quote has made an
        # entity yet; a weight is worked out when a resolution first reads it
        self._key_starts: dict = {}  # key -> its mentions' starts, sorted
        self._lower_words: frozenset[str] | None = None  # the article's lower-case words
        self._name_words: dict[str, list[int]] = {}  # word -> bodies and documents named so
        self._name_words_done = 0  # entities read into _name_words
        self._states_done: dict[int, tuple[int, set[str]]] = {}  # see _state_words
        self._spellings: dict = {}  # what _misspelt, _short_form and _acronym found
        self._slip_keys: dict[str, list[int]] = {}  # a surname's one-slip keys -> entities
        self._slip_keys_done = 0  # entities read into _slip_keys
        self._written_nouns: dict[tuple[int, str], tuple[int, bool]] = {}  # _written_with
        self._noun_spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self._nouns_read = False  # the common-noun mentions join when "they", "it" or a
        # description first needs them (:meth:`_read_nouns`)
        self._mentions: list[list] = []
        self._merge_mentions(index.named_mentions())
        pronouns = [m.span() for m in _GENDER_PRONOUN.finditer(text)
                    if not self._in_quote(m.start())]
        self._genders = self._article_genders(pronouns)
        # narrative pronouns, and descriptions of people opening sentences ("The former
        # ambassador also discussed"), are resolved lazily in text order, up to each speaker
        narrative = [(start, end, "pronoun") for start, end in pronouns]
        narrative += self._subject_descriptions()
        self._narrative = sorted(narrative)
        self._next_narrative = 0

    # -- the discourse -----------------------------------------------------
    def _sentence_of(self, position: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, position) - 1)

    def _in_quote(self, position: int) -> bool:
        index = bisect.bisect_right(self._quoted_starts, position) - 1
        return index >= 0 and position < self._quoted[index][1]

    def _merge_mentions(self, spans) -> None:
        """Add ``(start, end, key)`` spans to the discourse in one sorted merge (a name
        the discourse holds at a place keeps its place first)."""
        items = list(self._mentions)
        for start, end, key in spans:
            sentence = self._sentence_of(start)
            items.append([start, key, sentence, self.sentences[sentence][2], None, end])
        items.sort(key=lambda item: item[0])  # stable
        self._mentions = []
        for item in items:
            last = self._mentions[-1] if self._mentions else None
            if last and last[0] == item[0] and last[1] == item[1]:
                continue  # one name registered twice at one place counts once
            self._mentions.append(item)
        self._mention_starts = [item[0] for item in self._mentions]
        self._key_starts = {}
        for item in self._mentions:
            self._key_starts.setdefault(item[1], []).append(item[0])

    def _read_nouns(self) -> None:
        """The groups, organisations and documents named with a common noun join the
        discourse (once, when a resolution first needs them)."""
        if self._nouns_read:
            return
        self._nouns_read = True
        spans = []
        for start, end, name, kind in self._noun_mentions():
            named = self.index.entity_named(name)
            if named is None:
                self._noun_spans.setdefault((kind, name), []).append((start, end))
            spans.append((start, end, named if named is not None else (kind, name)))
        self._merge_mentions(spans)

    def _add_mention(self, start: int, end: int, key, weight: float | None = None) -> None:
        at = bisect.bisect_left(self._mention_starts, start)
        if at < len(self._mentions) and self._mentions[at][0] == start and (
                self._mentions[at][1] == key):
            # a name the index holds, now known to be a quote's speaker: weighed once
            if weight is not None and weight > self._weight(self._mentions[at]):
                self._mentions[at][4] = weight
            return
        sentence = self._sentence_of(start)
        item = [start, key, sentence, self.sentences[sentence][2], weight, end]
        bisect.insort(self._key_starts.setdefault(key, []), start)
        at = bisect.bisect_right(self._mention_starts, start)
        self._mention_starts.insert(at, start)
        self._mentions.insert(at, item)

    def _weight(self, item: list) -> float:
        """A discourse mention's weight, worked out on first use: a name inside a quote
        weighs little, a subject most (:func:`_position_weight`)."""
        if item[4] is None:
            start = item[0]
            if self._signature(item[2]) == (start, item[5]):
                item[4] = 0.0  # a letter's signature or a photo credit: no one talked about
            elif self._in_quote(start) or item[3] == 0 and self._has_body:
                item[4] = QUOTED  # quoted, or in the headline: "Than Electing Obama"
            else:
                item[4] = _position_weight(self.text, self.sentences[item[2]][0], start,
                                           item[5])
        return item[4]

    def _signature(self, sentence: int) -> tuple[int, int] | None:
        """The span of the name when a sentence is a paragraph of a name alone
        ("Ernie Roe."), else None."""
        s_start, s_end, paragraph = self.sentences[sentence]
        if sentence > 0 and self.sentences[sentence - 1][2] == paragraph or (
                sentence + 1 < len(self.sentences)
                and self.sentences[sentence + 1][2] == paragraph):
            return None
        found = self.index.first_mention(s_start, s_end)
        if found is None or self.text[s_start:s_end].strip(" \u00a0\n.") != (
                self.text[found[0]:found[1]]):
            return None
        return found

    def _signer(self, position: int) -> int | None:
        """The person who signs the letter holding ``position``: the next paragraph of a
        name alone, a few paragraphs on ("... I claim he is wrong. ¶ Ann Roe."), if it is
        a person's."""
        sentence = self._sentence_of(position)
        paragraph = self.sentences[sentence][2]
        for following in range(sentence + 1, min(len(self.sentences), sentence + 40)):
            if self.sentences[following][2] - paragraph > 4:
                break
            found = self._signature(following)
            if found is not None:
                entity_id = self.index.entity_at(found[0])
                if entity_id is not None and self._kind(entity_id) in ("person", "unknown"):
                    return entity_id
                return None
        return None

    def _noun_mentions(self):
        """``(start, end, name, kind)`` of the groups, organisations and documents the
        article names with a common noun ("officials", "Cruz’s allies", "a Fox News
        poll"), outside quotes; the name keeps the capitalised words before the noun."""
        text = self.text
        for start, head_end in _noun_spans(text):
            if self._in_quote(start):
                continue
            head = text[start:head_end]
            written = _capitalised_before(text, start)
            # the name before the noun starts after any determiner or sentence end in it
            cut = max((i + 1 for i, w in enumerate(written) if w.lower() in _DETERMINERS
                       or w in _stop_starts() or _ends_sentence(w)), default=0)
            written = written[cut:]
            words = [w[:-2] if w.endswith(("’s", "'s")) else w for w in written]
            if words:
                start = text.rindex(written[0], 0, start)
            if head[0].isupper() and words:
                continue  # "Democratic Party": a name the index holds
            noun = head.lower()
            kind = _noun_types()[noun]
            if words and kind == "document" and singular(noun) != noun:
                continue  # "Obama polls well", "CNN reports": a verb after its subject
            maker = _BY_NAME.match(text, head_end) if kind == "document" else None
            if kind == "document" and maker is None and not words:
                # "a poll of 400 voters released on Friday by Acme Research, a ..."
                clause = _CLAUSE_END.search(text, head_end, head_end + 160)
                maker = _MAKER.search(text[head_end : clause.start() if clause else head_end])
            if maker and not _is_date(maker.group(1)):  # "The poll, released by the Institute"
                yield start, head_end, " ".join([*words, _name_end(maker.group(1)), noun]), kind
            elif words and noun in _dropped_nouns():
                yield start, head_end, " ".join(words), kind  # "Family Circle magazine"
            else:
                after = _IDENTIFIED_BY.match(text, head_end)
                phrase = " ".join([*words, noun, *(after.group().split() if after else ())])
                yield start, after.end() if after else head_end, phrase, kind

    def _article_genders(self, pronouns: list[tuple[int, int]]) -> dict[int, str]:
        """Each person's gender as the article itself says it: "he", "his", "she"
        or "her" right after the person was the subject (in the same sentence, or
        opening the next in the same paragraph) vote; a title ("Mrs.") or a sure
        first name ("Donald", not "Bernie") decides alone; a first name's usual
        gender counts when the article says nothing."""
        votes: dict[int, list[int]] = {}
        text = self.text
        for start, end in pronouns:
            word = text[start:end].lower()
            if word == "him" or word == "her" and not _POSSESSIVE_HER.match(text, end):
                continue  # an object pronoun never means its clause's subject
            subject = self._subject_before(start)
            if subject is not None:
                tally = votes.setdefault(subject, [0, 0])
                tally[word in ("she", "her")] += 1
        genders = {}
        for entity in self.index.entities:
            tally = votes.get(entity.id)
            sure = entity.gender and entity.first_name and first_name_is_sure(entity.first_name)
            if entity.gender_titled or sure or not tally:
                # a title or a sure first name ("Donald") outweighs the article's votes,
                # which a woman named in the same sentences casts too ("Trump attacked
                # Clinton ... her")
                genders[entity.id] = entity.gender
            elif max(tally) >= 2 * min(tally) and max(tally) > min(tally):
                genders[entity.id] = "m" if tally[0] > tally[1] else "f"
            else:
                genders[entity.id] = entity.gender
        return genders

    def _words_before(self, start: int, position: int) -> bool:
        """Is there more than opening marks in ``text[start:position]``? (A search that
        stops at the first word: a long sentence costs nothing more.)"""
        return _NOT_OPENER.search(self.text, start, position) is not None

    def _subject_before(self, position: int) -> int | None:
        """The person subject of the sentence holding ``position``, before it, or of
        the sentence before in the same paragraph (for a pronoun opening a sentence)."""
        sentence = self._sentence_of(position)
        s_start, _, paragraph = self.sentences[sentence]
        lo = s_start
        if not self._words_before(s_start, position) and sentence > 0 and (
                self.sentences[sentence - 1][2] == paragraph):
            lo = self.sentences[sentence - 1][0]
        starts = self._mention_starts
        first = bisect.bisect_left(starts, lo)
        # the subject comes first: a few mentions are enough, however long the sentence
        for item in self._mentions[first : min(first + 4, bisect.bisect_left(starts, position))]:
            key = item[1]
            if isinstance(key, int) and self._weight(item) >= SUBJECT and (
                    self.index.entities[key].kind in ("person", "unknown")):
                return key
        return None

    # -- resolution --------------------------------------------------------
    def resolve(self, start: int, end: int, kind: str, *,
                current: tuple[int, int] | None = None, cue: int | None = None,
                weight: float = SPEAKER, reported: tuple[int, int] | None = None) -> Resolution:
        """The entity a speaker mention at ``text[start:end]`` means.

        Parameters
        ----------
        start, end : int
            The mention's offsets.
        kind : {'name', 'pronoun', 'description'}
        current : (entity id, position), optional
            The current speaker (the speaker of the quote before) and where its
            quote ends.
        cue : int, optional
            Where the quote's cue starts.
        weight : float, default SPEAKER
            The salience the resolved mention adds: a speech verb's subject is the
            person speaking now; the owner of a noun cue ("Lee's call to ...") is
            only talked about, like any possessor (``POSSESSOR``).
        reported : (start, end), optional
            The reported (not quoted) words of the quote: a pronoun inside or after
            them does not mean a name among them before it ("Russia is stalling, they
            say": not Russia).

        Returns
        -------
        Resolution
            With ``entity`` None and ``name`` "" when nobody fits.
        """
        if kind != "name":
            self._advance(start)  # a name needs no salience: narrative mentions can wait
        mention = self.text[start:end]
        if kind == "pronoun":
            adds = cue is not None and _CONTINUING_CUE.match(self.text, cue) is not None
            result = self._resolve_pronoun(mention, start, current, speaker=True, adds=adds,
                                           reported=reported)
        elif (cut := self._cut_short(start, end, kind, cue, current)) is not None:
            result = cut
        elif kind == "description" and (
            partitive := _PARTITIVE_PRONOUN.search(self.text, start, end)
        ) is not None:
            result = self._resolve_pronoun(partitive.group(1), partitive.start(1), current,
                                           speaker=True, reported=reported)
        elif kind == "description":
            result = self._resolve_description(start, end)
        else:
            result = self._resolve_name(start, end, cue)
        if result.entity is not None and not result.evidence.endswith(_SIGNS):
            # (a letter's "I" is no one the next letter's "he" can mean)
            self._add_mention(start, end, result.entity, weight)
        return result

    def _cut_short(self, start: int, end: int, kind: str, cue: int | None,
                   current: tuple[int, int] | None) -> Resolution | None:
        """A speaker mention whose words are not all of who spoke, told by the words
        around it (each rule tested on a character or two first: most mentions pass
        through at the cost of a few string tests)."""
        text = self.text
        after = text[end : end + 2]
        if kind == "name" and text.endswith(_SOURCE_LINKS, max(0, start - 6), start):
            source = self._source_around(start, end)
            if source is not None:
                return self._resolve_description(*source)
        if after[1:] == "(" and after[:1] in _SPACES:
            document = self._glossed_document(start, end)
            if document is not None:
                return document
        elif after[:1] in "’'" and kind == "name":
            person = self._person_after_possessor(end, cue)
            if person is not None:
                return self._named(person, "name (not the possessor before it)")
        role = _ROLE_BEFORE_NAME.match(text, end)  # (in C: a name must follow)
        if role is not None:
            person = self._named_after_role(role)
            if person is not None:
                return self._named(person, f"{kind} (premodifies a role and a name)")
        if text[end - 5 : end].lower() in ("sides", "camps") and (
                _BOTH_SIDES.fullmatch(clean_mention(text[start:end]))):
            pair = self._pair_before(start)
            if pair:
                entity_id = self.index.entity_named(pair)
                if entity_id is None:
                    entity_id = self.index.add_entity(start, end, pair, "group", "coordination")
                return self._named(entity_id, f"description (both sides: {pair})")
        if text[end - 6 : end].lower() == "others":
            group = self._others_of(text[start:end], start, current)
            if group is not None:
                return self._named(group, "description (others of the group before)")
        return None

    def _pair_before(self, position: int) -> str:
        """The last pair of names joined by "and" (with the plural they share: "Sanders
        and Clinton supporters") in the paragraph before ``position``, or "", for
        "the two camps" and "both sides"."""
        s_start = self.sentences[self._sentence_of(position)][0]
        lo = self.sentences[self._sentence_of(max(0, s_start - 1))][0]
        found = ""
        for match in _NAMED_PAIR.finditer(self.text, max(lo, position - _LOOK_BACK * 3),
                                          position):
            found = match.group().strip()
        return found

    def _source_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of the unnamed source a name is what it knows of ("Another source
        familiar with Cruz’s thinking": not Cruz), else None."""
        before = _SOURCE_BEFORE.search(self.text, max(0, start - 60), start)
        if before is None or before.group(1).lower() not in _anonymous_nouns():
            return None
        after = _IDENTIFIED_BY.match(self.text, before.end(1))
        if after is None or after.end() < end:
            return None
        return before.start(), after.end()

    def _others_of(self, mention: str, position: int,
                   current: tuple[int, int] | None) -> int | None:
        """"Many watchers are wondering if ... Others wonder how": "others" (with a
        number or "some") is more of the group that spoke just before, if a group did."""
        if current is None or not _OTHERS.fullmatch(clean_mention(mention)) or not (
                self._near(current[1], position)):
            return None
        return current[0] if self._kind(current[0]) == "group" else None

    def _glossed_document(self, start: int, end: int) -> Resolution | None:
        """"the Vox Populi (Voice of the People) column": a mention cut before a gloss
        in parentheses and the document noun it names, the document."""
        glossed = _GLOSS_THEN_NOUN.match(self.text, end)
        if glossed is None or _noun_kind(glossed.group(1)) != "document":
            return None
        words = _without_trailing(clean_mention(self.text[start:end]).split())
        if words and words[0].lower() in _DETERMINERS:
            words = words[1:]
        if not words:
            return None
        name = " ".join([*words, glossed.group(1)])
        entity_id = self.index.entity_named(name)
        if entity_id is None:
            entity_id = self.index.add_entity(start, glossed.end(), name, "document", "name")
        return self._named(entity_id, "name (a document glossed in parentheses)")

    def _person_after_possessor(self, end: int, cue: int | None) -> int | None:
        """A possessor as the speaker mention ("The timing of Sanders’ surge does not
        surprise pollster Daron Shaw: “...”"): the person named last, right before the
        cue, else None."""
        if cue is None or cue <= end or not _POSSESSIVE_AFTER.match(self.text, end):
            return None
        found = self.index.last_mention(end, cue)
        entity_id = self.index.entity_at(found[0]) if found else None
        if entity_id is None or self._kind(entity_id) != "person" or (
                self.text[found[1]:cue].strip()):
            return None  # the person ends the frame, right before its cue (the colon)
        return entity_id

    def _named_after_role(self, match: re.Match) -> int | None:
        """The person named right after a speaker mention and the role words between
        (``match`` of ``_ROLE_BEFORE_NAME`` at its end: "Band member Flea", "Former
        Republican presidential candidate Jeb Bush", "Clinton’s campaign chairman, John
        Podesta,"): the mention was cut short of its head, the name."""
        role = role_noun_info(match.group(1).split()[-1])
        if role is None or role[1] != "person":
            return None
        found = self.index.first_mention(match.end(), match.end() + 1)
        # (a name the index left untyped after a person's role is a person's, whatever
        # the tagger guessed: "Band member Flea")
        entity_id = self.index.entity_at(found[0]) if found else None
        return entity_id if entity_id is not None and (
            self.index.entities[entity_id].kind in ("person", "unknown")) else None

    def _advance(self, position: int) -> None:
        """Resolve the narrative mentions before ``position`` (each adds salience)."""
        narrative = self._narrative
        paragraph = self.sentences[self._sentence_of(position)][2]
        while self._next_narrative < len(narrative) and (
                narrative[self._next_narrative][0] < position):
            m_start, m_end, kind = narrative[self._next_narrative]
            self._next_narrative += 1
            if paragraph - self.sentences[self._sentence_of(m_start)][2] > WINDOW_PARAGRAPHS:
                continue  # too far back to count for the mention at ``position``
            word = self.text[m_start:m_end]
            if kind == "pronoun":
                entity_id = self._resolve_pronoun(word, m_start, None, speaker=False).entity
                s_start = self.sentences[self._sentence_of(m_start)][0]
                weight = SUBJECT if word.lower() in ("he", "she") and not (
                    self._words_before(s_start, m_start)) else OTHER
            else:
                words = word.split()
                key = self._described_entity(words[-1].lower(), words[1:-1], m_start, "person")
                entity_id = key if isinstance(key, int) else None
                weight = SUBJECT
            if entity_id is not None:
                self._add_mention(m_start, m_end, entity_id, weight)

    def _subject_descriptions(self) -> list[tuple[int, int, str]]:
        """"The former ambassador", "The Texas senator" opening a sentence: a person
        the article goes on about, named by a role noun (``role_nouns.tsv``)."""
        found = []
        for s_start, s_end, _ in self.sentences:
            match = _SUBJECT_DESCRIPTION.match(self.text, s_start, s_end)
            if match is None or self._in_quote(match.start()):
                continue
            words = match.group(1).split()
            for n, word in enumerate(words[1:], start=1):
                info = role_noun_info(word.lower())
                if info is not None and info[1] == "person":
                    end = match.start(1) + len(" ".join(words[: n + 1]))
                    found.append((match.start(1), end, "description"))
                    break
                if not word.isalpha():
                    break
        return found

    def _entity_for(self, key, position: int) -> int:
        """The entity of a salience key: a noun mention becomes one when it speaks (its
        mentions so far become the entity's, and count for it from now on)."""
        if isinstance(key, int):
            return key
        kind, name = key
        spans = [span for span in self._noun_spans.pop(key, ()) if span[0] < position]
        if spans:
            name = self._pronoun_named(name, *spans[0])
        entity_id = None
        for start, end in spans:
            entity_id = self.index.add_entity(start, end, name, kind, "description")
        if entity_id is None:
            entity_id = self.index.add_entity(position, position + 1, name, kind, "description")
        moved = self._key_starts.pop(key, [])
        for start in moved:  # the noun's own mentions only: no pass over the discourse
            at = bisect.bisect_left(self._mention_starts, start)
            while at < len(self._mentions) and self._mentions[at][0] == start:
                if self._mentions[at][1] == key:
                    self._mentions[at][1] = entity_id
                at += 1
        starts = self._key_starts.setdefault(entity_id, [])
        starts.extend(moved)
        starts.sort()
        return entity_id

    # names ----------------------------------------------------------------
    def _resolve_name(self, start: int, end: int, cue: int | None) -> Resolution:
        index = self.index
        mention = self.text[start:end]
        if _PARTY_TAG.fullmatch(mention.strip()) and len(mention.strip()) <= 12:
            # the party tag itself as the mention ("R-S.C."): the name right before it
            before = index.last_mention(max(0, start - 80), start)
            if before is not None and index.entity_at(before[0]) is not None:
                return self._named(index.entity_at(before[0]), "name (before its party tag)")
        document = self._document_by_maker(start, end) or self._role_at(start, end)
        if document is not None:
            return document
        words = _without_trailing(clean_mention(mention).split())
        name = " ".join(words)
        if len(words) > 1 and words[-1][:1].islower():
            # "Federal Election Commission filings", "Mondelez executives": a description
            return self._resolve_description(start, end)
        government = self._people_government(start, end)
        if government is not None:
            return government
        entity_id = self._indexed_entity(start, end)
        if entity_id is None:
            if not name:
                return Resolution(None, "", "name-empty")
            entity_id = index.entity_of_name(name, start)
        if (entity_id is None or index.entities[entity_id].kind != "person") and (
                self._common_noun(name, strict=entity_id is not None)):
            return self._resolve_description(start, end, named=False)  # "Polls"
        family = self._family(name)
        if family is not None:
            return self._named(index.add_entity(start, end, family, "group", "family"),
                               "name (family)")
        if entity_id is not None:
            entity_id = self._short_form(self._misspelt(entity_id))
            spokesperson = self._appositive_owner(start, end, cue, entity_id)
            if spokesperson is not None:
                return self._named(spokesperson, "name (the person it describes)")
            return self._speaking(entity_id, end, cue, "name")
        run = NAME_PATTERN.search(mention)
        entity_id = None
        if run is not None:
            entity_id = index.add_name(start + run.start(), start + run.end(), -1)
            if entity_id is not None:
                self._add_mention(start + run.start(), start + run.end(), entity_id)
        if entity_id is None:
            entity_id = index.add_entity(start, end, name, "unknown", "name (new)")
        entity = index.entities[entity_id]
        if entity.kind == "unknown" and not entity.tag_kind and self._tokens:
            entity.tag_kind = tag_kind(tag_votes(self._tokens, self._entity_tags,
                                                 start, end, {}))
        return self._speaking(entity_id, end, cue, "name (new)")

    def _document_by_maker(self, start: int, end: int) -> Resolution | None:
        """"a count by The Associated Press", "a poll of 400 voters released on Friday by
        Acme Research", "a 2013 study by economists Ann Lee and Bob Roe": a document,
        not its maker, is the source; it is named by its maker, its capitalised or
        numeric premodifiers and its noun ("Acme Research poll", "Ann Lee 2013 study")."""
        words = clean_mention(self.text[start:end]).split()
        if len(words) < 4 or words[0].lower() not in ("a", "an", "the"):
            return None
        noun_at = next((i for i, word in enumerate(words[1:4], start=1)
                        if word[:1].islower() and _noun_kind(word.lower()) == "document"), 0)
        if not noun_at or any(word[:1].islower() and not word[:1].isdigit()
                              for word in words[1:noun_at]):
            return None  # "a new poll": only names and numbers premodify the noun kept
        maker = _MAKER.search(" ".join(words[noun_at + 1 :]))
        if maker is None or _is_date(maker.group(1)):
            return None
        name = " ".join([_name_end(maker.group(1)), *words[1:noun_at],
                         singular(words[noun_at].lower())])
        entity_id = self.index.entity_named(name)
        if entity_id is None:
            entity_id = self.index.add_entity(start, end, name, "document", "description")
        return self._named(entity_id, "name (a document by its maker)")

    def _short_form(self, entity_id: int) -> int:
        """A one-word organisation that opens the names of longer ones, each holding
        the shortest ("Fox" of "Fox News" and "Fox News Poll"): the shortest, else
        itself."""
        entity = self.index.entities[entity_id]
        if entity.kind != "organisation" or " " in entity.name:
            return entity_id
        if ("short", entity_id) not in self._spellings:  # one pass over the entities a name
            longer = sorted((other for other in self.index.entities
                             if other.kind == "organisation"
                             and other.name.startswith(entity.name + " ")),
                            key=lambda other: len(other.name))
            self._spellings["short", entity_id] = longer[0].id if longer and all(
                other.name.startswith(longer[0].name) for other in longer) else entity_id
        return self._spellings["short", entity_id]

    def _acronym(self, phrase: list[str]) -> int | None:
        """"the RNC": the one organisation whose capitalised words' initials spell it
        ("Republican National Committee")."""
        if len(phrase) != 1 or not (2 <= len(phrase[0]) <= 6) or not phrase[0].isupper() or (
                not phrase[0].isalpha()):
            return None
        if ("acronym", phrase[0]) not in self._spellings:  # one pass an acronym
            found = {other.id for other in self.index.entities if other.kind == "organisation"
                     and "".join(w[0] for w in other.name.split() if w[:1].isupper())
                     == phrase[0]}
            self._spellings["acronym", phrase[0]] = found.pop() if len(found) == 1 else None
        return self._spellings["acronym", phrase[0]]

    def _role_at(self, start: int, end: int) -> Resolution | None:
        """"A spokesman for Platte River", "the treasurer of Acme Corp.": an unnamed
        person of a named organisation, named "Platte River spokesman"."""
        match = _ROLE_AT.fullmatch(clean_mention(self.text[start:end]))
        if match is None:
            return None
        info = role_noun_info(match.group(1).lower())
        if (info is None or info[1] != "person") and (
                match.group(1).lower() not in _anonymous_nouns()):
            return None
        organisation = self.index.entity_in(start + match.start(2), start + match.end(2))
        if organisation is None or self._kind(organisation) != "organisation":
            return None
        name = f"{_name_end(match.group(2))} {match.group(1).lower()}"
        entity_id = self.index.entity_named(name)
        if entity_id is None:
            entity_id = self.index.add_entity(start, end, name, "person", "description")
        return self._named(entity_id, "name (a role at an organisation)")

    def _misspelt(self, entity_id: int) -> int:
        """A one-word name the article writes once more in another spelling: the one
        person whose surname it is with two letters swapped or one letter more or less
        ("Keidis" for Anthony Kiedis, "Sharption" for Al Sharpton), else itself."""
        entity = self.index.entities[entity_id]
        word = entity.name
        if entity.first_name or " " in word or len(word) < 5 or entity.kind not in (
                "unknown", "person"):
            return entity_id
        if entity_id not in self._spellings:
            near = {other.id for other in self._slip_candidates(word.lower())
                    if other.kind in ("person", "unknown") and 2 <= len(other.name.split()) <= 3
                    and _one_slip(word.lower(), other.surname.lower())}
            self._spellings[entity_id] = near.pop() if len(near) == 1 else entity_id
        return self._spellings[entity_id]

    def _slip_candidates(self, word: str) -> list:
        """The entities whose surname may be ``word`` with one slip, looked up by keys
        (a surname, its one-letter deletions and neighbour swaps; ``word`` and its
        deletions) so that a name costs its length, not a pass over every entity.
        Entities added since the last call are read in first."""
        entities, keys = self.index.entities, self._slip_keys
        for position in range(self._slip_keys_done, len(entities)):
            surname = entities[position].surname.lower()
            if surname:
                for key in {surname, *_deletions(surname), *_neighbour_swaps(surname)}:
                    keys.setdefault(key, []).append(position)
        self._slip_keys_done = len(entities)
        found = {position for key in {word, *_deletions(word)} for position in keys.get(key, ())}
        return [entities[position] for position in sorted(found)]

    def _people_government(self, start: int, end: int) -> Resolution | None:
        """"The Saudis said": a people named with "the" as a speaker (or in a headline,
        which drops "the") is its country's government (:func:`_people_country`)."""
        words = clean_mention(self.text[start:end]).split()
        headline = self._has_body and self.sentences[self._sentence_of(start)][2] == 0
        if words and words[0].lower() != "the" and (headline or re.search(
                r"\b[Tt]he[ \u00a0]+\Z", self.text[max(0, start - 5) : start])):
            # the mention may start after its article, and a headline drops it ("Saudis
            # insist ...": the article's "the Saudis")
            words = ["the", *words]
        country = _people_country(words)
        if country is None:
            return None
        entity_id = self.index.entity_named(country)
        if entity_id is None:
            entity_id = self.index.add_entity(start, end, country, "organisation", "demonym")
        elif self._kind(entity_id) == "place":
            self.index.entities[entity_id].kind = "organisation"
        return self._named(entity_id, "name (a people's government)")

    def _speaking(self, entity_id: int, end: int, cue: int | None, how: str) -> Resolution:
        """A name as a speaker: a place never speaks, but the person named after it
        before the cue does ("In Washington, Jane Roe told"), else its government
        ("China said": an organisation from now on)."""
        if self._kind(entity_id) != "place":
            return self._named(entity_id, how)
        person = self._person_between(end, cue)
        if person is not None:
            return self._named(person, "name (not the place before it)")
        self.index.entities[entity_id].kind = "organisation"
        return self._named(entity_id, "name (a place's government)")

    def _indexed_entity(self, start: int, end: int) -> int | None:
        """The entity of a name the index found inside the mention (and not running
        past it): the last person ("Pfizer chief executive Ian Read"), else the first."""
        index = self.index
        first = last_person = last = None
        first_end = start
        position = start
        while (found := index.first_mention(position, end)) is not None:
            entity_id = index.entity_at(found[0])
            if entity_id is not None and found[1] <= end + 1:
                if first is None:
                    first, first_end = entity_id, found[1]
                last = entity_id
                if index.entities[entity_id].kind == "person":
                    last_person = entity_id
            position = found[0] + 1
        if last_person is None and last != first and (
                self.text.startswith(("’s", "'s"), first_end)):
            return last  # "China’s investment giant CITIC": the possessor is not the head
        return last_person if last_person is not None else first

    def _appositive_owner(self, start: int, end: int, cue: int | None,
                          entity_id: int) -> int | None:
        """"Gustav Ando, research director for IHS Life Sciences, a consulting company,
        said": an organisation or place inside a person's appositive did not speak;
        the person did."""
        if cue is None or cue <= end or self.index.entities[entity_id].kind == "person":
            return None
        s_start = self.sentences[self._sentence_of(start)][0]
        if "," not in self.text[end:cue] or re.search(r"[.;:“”\"]", self.text[end:cue]):
            return None
        position = max(s_start, start - _LOOK_BACK)
        while (found := self.index.first_mention(position, start)) is not None:
            owner = self.index.entity_at(found[0])
            between = self.text[found[1]:start]
            if owner is not None and self.index.entities[owner].kind == "person" and (
                    between.lstrip().startswith(",") and not re.search(r"[.;:“”\"]", between)):
                return owner
            position = found[0] + 1
        return None

    def _person_between(self, end: int, cue: int | None) -> int | None:
        """The first person named after ``end`` and before the cue, in its sentence."""
        if cue is None or cue <= end:
            return None
        position = end
        while (found := self.index.first_mention(position, min(cue, end + _LOOK_BACK))):
            entity_id = self.index.entity_at(found[0])
            if entity_id is not None and self._kind(entity_id) == "person":
                return entity_id
            position = found[0] + 1
        return None

    def _common_noun(self, name: str, strict: bool = False) -> bool:
        """A capitalised word that is a common noun: "Polls", "Officials" (a speaker
        noun of the lexicons, or, unless ``strict``, a word the article also writes in
        lower case)."""
        words = name.split()
        if len(words) != 1 or not words[0][:1].isupper() or words[0].isupper():
            return False
        word = words[0].lower()
        if word in _noun_types() or singular(word) in _noun_types():
            return True
        if strict:
            return False
        if self._lower_words is None:
            self._lower_words = frozenset(_LOWER_WORD.findall(self.text))
        return word in self._lower_words

    def _family(self, name: str) -> str | None:
        """"The Khans": the people the article names with that surname, as one speaker."""
        words = name.split()
        if words and words[0].lower() == "the":
            words = words[1:]
        if len(words) != 1 or not words[0].endswith("s") or not words[0][:1].isupper():
            return None
        people = self.index.people_named(words[0][:-1])
        if len(people) < 2:
            return None
        return " and ".join(self.index.entities[e].name for e in people)

    def _named(self, entity_id: int, how: str) -> Resolution:
        return Resolution(entity_id, self.index.entities[entity_id].name, how)

    # pronouns -------------------------------------------------------------
    def _resolve_pronoun(self, pronoun: str, position: int, current: tuple[int, int] | None,
                         speaker: bool, adds: bool = False,
                         reported: tuple[int, int] | None = None) -> Resolution:
        word = pronoun.lower()
        if word == "who":
            before = self.index.last_mention(max(0, position - 60), position)
            entity_id = self.index.entity_at(before[0]) if before else None
            if entity_id is None:
                return Resolution(None, "", "relative-unresolved")
            return self._named(entity_id, "relative-pronoun")
        info = _pronouns().get(word)
        if info is None or info[2] in ("1", "2"):
            signer = self._signer(position) if speaker and word in ("i", "me") else None
            if signer is not None:  # a letter's "I": who signs it
                return self._named(signer, f"pronoun->{self.index.entities[signer].name} "
                                           f"{_SIGNS}")
            return Resolution(None, "", "pronoun-first-or-second-person")
        gender, number = info[0], info[1]
        if gender not in ("m", "f"):
            self._read_nouns()  # "they", "it": groups, bodies and documents
        scores = self._salience(position)
        if reported is not None and reported[0] < position:
            for key in self._named_in(reported[0], position):
                scores.pop(key, None)  # "Russia is stalling, they say": not Russia
        near_current = None
        if current is not None and speaker and (adds or self._near(current[1], position)):
            near_current = current[0]
            if adds:  # "he added": the speaker goes on
                scores[near_current] = scores.get(near_current, 0.0) + GOING_ON
        best, best_score, best_fit = None, 0.0, 0.0
        for key, score in scores.items():
            fit = self._agreement(key, gender, number)
            if score * fit > best_score:
                best, best_score, best_fit = key, score * fit, fit
        why = "current speaker" if best == near_current else "salience"
        if best == near_current and best is not None and not adds:
            # "Lee said: “...” Speaking in Beijing, Jo Kang repeated ... , he told
            # reporters": a person made the subject since the speaker's quote ended takes
            # the pronoun, even when nothing says that person's gender
            newer = self._subject_since(current[1], position, gender, number, best)
            if newer is not None:
                best, why = newer, "new subject"
        if best_fit < UNKNOWN_GENDER and gender in ("m", "f"):
            # nobody before fits well: "A woman who ... said. She ... / Juanita Roe, who"
            later = self._named_after(position, gender)
            if later is not None:
                best, why = later, "named after"
        if best is None:
            return Resolution(None, "", "pronoun-unresolved")
        entity_id = self._entity_for(best, position)
        name = self.index.entities[entity_id].name
        return Resolution(entity_id, name, f"pronoun->{name} ({why})")

    def _named_in(self, start: int, end: int) -> set[int]:
        """The entities named between ``start`` and ``end``."""
        lo = bisect.bisect_left(self._mention_starts, start)
        hi = bisect.bisect_left(self._mention_starts, end)
        return {item[1] for item in self._mentions[lo:hi] if isinstance(item[1], int)}

    def _subject_since(self, since: int, position: int, gender: str, number: str,
                       speaker: int) -> int | None:
        """The last person (another than ``speaker``) who is a subject between ``since``
        and ``position``, in the pronoun's paragraph or the one before, when the
        pronoun can mean them."""
        if gender not in ("m", "f"):
            return None
        paragraph = self.sentences[self._sentence_of(position)][2]
        lo = bisect.bisect_right(self._mention_starts, since)
        hi = bisect.bisect_left(self._mention_starts, position)
        for item in reversed(self._mentions[max(lo, hi - WINDOW_MENTIONS) : hi]):
            key = item[1]
            if paragraph - item[3] > 1:
                break
            if not isinstance(key, int) or self._weight(item) < SUBJECT:
                continue
            if key == speaker:
                return None  # the speaker was the subject again since: they go on
            if self._kind(key) == "person" and (
                    self._agreement(key, gender, number) >= UNKNOWN_GENDER):
                return key
        return None

    def _first_subject_after(self, position: int) -> int | None:
        """The first person named as a subject after ``position``, in the next two
        paragraphs."""
        paragraph = self.sentences[self._sentence_of(position)][2]
        at = bisect.bisect_right(self._mention_starts, position)
        for item in self._mentions[at : at + WINDOW_MENTIONS]:
            if item[3] - paragraph > 2:
                break
            if item[3] > paragraph and isinstance(item[1], int) and (
                    self._weight(item) >= SUBJECT and self._kind(item[1]) == "person"):
                return item[1]
        return None

    def _first_of_sector_after(self, position: int, noun: str) -> int | None:
        """The first organisation named after ``position`` (in the next two paragraphs)
        whose name marks the sector of ``noun`` ("Times" for "newspaper")."""
        sector = _noun_sector(singular(noun))
        if not sector:
            return None
        paragraph = self.sentences[self._sentence_of(position)][2]
        at = bisect.bisect_right(self._mention_starts, position)
        for item in self._mentions[at : at + WINDOW_MENTIONS]:
            if item[3] - paragraph > 2:
                break
            key = item[1]
            if isinstance(key, int) and self._kind(key) == "organisation" and sector in {
                    _noun_sector(w) for w in self.index.entities[key].name.lower().split()}:
                return key
        return None

    def _named_after(self, position: int, gender: str) -> int | None:
        """The first person of that gender named as a subject after ``position``, in its
        paragraph or the next."""
        paragraph = self.sentences[self._sentence_of(position)][2]
        at = bisect.bisect_right(self._mention_starts, position)
        for item in self._mentions[at : at + WINDOW_MENTIONS]:
            key, m_paragraph = item[1], item[3]
            if m_paragraph - paragraph > 1:
                break
            if isinstance(key, int) and self._weight(item) >= SUBJECT and (
                    self._kind(key) == "person") and (
                    self._agreement(key, gender, "sg") == 1.0):
                return key
        return None

    def _near(self, quote_end: int, position: int) -> bool:
        """Is a quote ending at ``quote_end`` in the paragraph of ``position`` or the one
        before?"""
        here = self.sentences[self._sentence_of(position)][2]
        there = self.sentences[self._sentence_of(max(0, quote_end - 1))][2]
        return here - there <= 1

    def _salience(self, position: int) -> dict:
        """Salience of the entities mentioned before ``position`` (a few paragraphs back)."""
        sentence = self._sentence_of(position)
        paragraph = self.sentences[sentence][2]
        scores: dict = {}
        at = bisect.bisect_left(self._mention_starts, position)
        weight = self._weight
        for item in reversed(self._mentions[max(0, at - WINDOW_MENTIONS) : at]):
            key, m_sentence, m_paragraph = item[1], item[2], item[3]
            if paragraph - m_paragraph > WINDOW_PARAGRAPHS:
                break
            # the weight worked out before, as most are (:meth:`_weight`)
            value = (item[4] if item[4] is not None else weight(item)) * _decay(
                sentence - m_sentence, paragraph - m_paragraph)
            scores[key] = scores.get(key, 0.0) + value
        return scores

    def _kind(self, key) -> str:
        """The kind of an entity (:func:`entity_kind`) or of a noun mention."""
        if not isinstance(key, int):
            return key[0]
        return entity_kind(self.index.entities[key])

    def _agreement(self, key, gender: str, number: str) -> float:
        """How well an entity (or a noun mention) fits a pronoun: 0 (never) to 1."""
        kind = self._kind(key)
        if number == "pl":
            return {"group": 1.0, "organisation": 0.5}.get(kind, 0.0)
        if gender == "n":
            return {"organisation": 1.0, "document": 1.0, "place": 0.8}.get(kind, 0.0)
        if gender in ("m", "f"):
            if kind not in ("person", "unknown") or not isinstance(key, int):
                return 0.0
            entity = self.index.entities[key]
            known = self._genders.get(key, entity.gender)
            known = known if known in ("m", "f") else ""
            if known == gender:
                return 1.0
            if known:
                # a gender the article or a title gave, or a sure first name, rules out;
                # a first name's usual gender ("Bernie": mostly female) does not
                unsure = known == entity.gender and not entity.gender_titled and not (
                    entity.first_name and first_name_is_sure(entity.first_name))
                return UNSURE_GENDER if unsure else 0.0
            return UNKNOWN_GENDER if kind == "person" else UNKNOWN_KIND
        return 1.0

    # descriptions ---------------------------------------------------------
    def _resolve_description(self, start: int, end: int, named: bool = True) -> Resolution:
        """A description: the entity it describes, or a speaker of its own. ``named``:
        a name the index found in it may be what it says ("the columnist Ann Lee")."""
        self._read_nouns()
        government = self._people_government(start, end)
        if government is not None:
            return government
        document = self._document_by_maker(start, end) or self._role_at(start, end)
        if document is not None:
            return document
        named = self._indexed_entity(start, end) if named else None
        if named is not None and self._names_head(named, start, end):
            # "the Hollywood columnist Louella Parsons", "The Hollywood Chamber of Commerce"
            return self._named(named, "name")
        several = self._coordinated(start, end)
        if several is not None:
            return several
        if _SHARE.fullmatch(clean_mention(self.text[start:end])):
            population = self._population(start)
            if population is not None:
                return population
        words = _WORD.findall(clean_mention(self.text[start:end]))
        words = _group_of_quantity(words)  # "58 percent of Florida voters": the voters
        determiner = words[0].lower() if words and words[0].lower() in _DETERMINERS else ""
        body = words[1:] if determiner else words
        head_at = next((i for i, w in enumerate(body) if i and w.lower() in _HEAD_BOUNDARY
                        and not (w == "of" and body[i - 1][:1].isupper()
                                 and body[i + 1 : i + 2] and body[i + 1][:1].isupper())),
                       len(body))  # "Chamber of Commerce" goes on
        if not head_at:
            return Resolution(None, "", "description-empty")
        phrase = _without_trailing(body[:head_at])
        acronym = self._acronym(phrase) if determiner in ("the", "") else None
        if acronym is not None:
            return self._named(acronym, "name (its acronym)")
        noun = phrase[-1].lower()
        kind = _noun_kind(noun)
        appositive = self._appositive_name(end, kind)
        if appositive is not None:
            return self._named(appositive, "name (its appositive)")
        owner_at = next((i for i, w in enumerate(phrase[:-1]) if w.endswith(("’s", "'s"))), -1)
        if noun in _dropped_nouns() and phrase[0][:1].isupper() and len(phrase) > 1:
            # "the People's Daily newspaper": the paper's name
            name = " ".join(phrase[:-1])
            entity_id = self.index.entity_named(name)
            if entity_id is None:
                entity_id = self.index.add_entity(start, end, name, kind, "description")
            return self._described(entity_id, noun)
        owned = owner_at >= 0 or determiner in _POSSESSIVE_PRONOUNS
        if owned:
            # "the Texas senator’s allies", "her campaign": whose they are
            owner = self._possessor(determiner, phrase[: owner_at + 1], start)
            if owner is not None:
                name = " ".join([self.index.entities[owner].name, *phrase[owner_at + 1 :]])
                entity_id = self.index.add_entity(start, end, name, kind or "unknown",
                                                  "description")
                return Resolution(entity_id, name, f"description ({kind or 'unknown'}, owner)")
        family = self._family(" ".join(phrase)) if determiner in ("the", "") else None
        if family is not None:
            entity_id = self.index.add_entity(start, end, family, "group", "family")
            return Resolution(entity_id, family, "description (family)")
        if phrase[-1][:1].isupper() and determiner in ("the", ""):
            # "the Center", "the Institute": an organisation the article names with it
            # (before, or right here: "the Center" cut off "for Responsive Politics")
            entity_id = self._organisation_named(phrase[-1], end)
            if entity_id is not None:
                return self._described(entity_id, phrase[-1])
        if determiner in ("the", "this", "that") and kind in ("organisation", "document"):
            # "the institute", "the poll": the one of that word named before, however far
            entity_id = self._named_with(noun, kind, start)
            if entity_id is not None:
                return self._described(entity_id, noun)
        if kind and not owned and (determiner in _DEFINITE or not determiner and kind in (
                "person", "organisation")):
            # "the attorney general of the state of New York": an office its words name
            # whole; someone described so, else a speaker of its own, not the most salient
            office = kind == "person" and body[head_at : head_at + 1] == ["of"] and any(
                word[:1].isupper() for word in body[head_at + 1 : head_at + 6])
            headline = self._has_body and self.sentences[self._sentence_of(start)][2] == 0
            key = self._described_entity(noun, phrase[:-1], start, kind,
                                         match_only=office or headline)
            if key is None and headline and kind == "person":
                # "Justice vows to be more careful" over "Ann Lee regrets her words.":
                # a headline's person is the first the body makes a subject
                key = self._first_subject_after(start)
            elif key is None and headline and kind == "organisation":
                # "Newspaper: ..." over "The New York Times reported": the first body
                # of the noun's sector the article names
                key = self._first_of_sector_after(start, noun)
            if key is None and kind == "organisation" and determiner in _DEFINITE and (
                    len(phrase) == 1):
                key = self._main_organisation(noun, start)
            if key is not None:
                entity_id = self._entity_for(key, start)
                fuller = self._written_before(noun, start) if (
                    self.index.entities[entity_id].name.lower() == noun) else ""
                if fuller:  # a bare "column" before: "the Vox Populi column" is fuller
                    entity_id = self.index.add_entity(start, end, fuller, kind, "description")
                return self._described(entity_id, noun)
        elif not kind and not owned and determiner in _DEFINITE:
            # a noun no lexicon lists ("the veteran goalkeeper"): someone the article
            # described so, if anyone
            key = self._described_entity(noun, phrase[:-1], start, "person", match_only=True)
            if isinstance(key, int):
                return self._described(key, noun)
        if phrase[0][:1].isupper() and _noun_kind(phrase[0].lower()):
            phrase = [phrase[0].lower(), *phrase[1:]]  # "Officials said": a sentence's capital
        # a speaker of its own keeps what follows its noun up to a clause ("the chamber of
        # commerce", "a shop owner in Almaty"), but not a verb the mention ran into
        rest = _without_trailing(body[head_at : next(
            (i for i in range(head_at, len(body)) if body[i].lower() in _CLAUSE_START),
            len(body))])
        rest = rest if rest and rest[0].lower() in _PREPOSITIONS and len(rest) > 1 else []
        if not kind and noun.isalpha() and noun.islower() and noun.endswith("s") and (
                not noun.endswith("ss") and singular(noun) != noun):
            kind = "group"  # "old Iowa political hands say": speaking people, a group
        identified = self._identified_by(noun, start, end) if kind == "person" else ""
        # "a source familiar with the agency's review": told by what it knows, one
        # unnamed person of its own, not an earlier source's fuller name
        name = identified or self._fullest([*phrase, *rest], noun, kind, start, end)
        first = self._first_conjunct(start) if kind == "group" and not determiner else ""
        if first:
            # "both Democrats and independent voters who": the group is both
            name = f"{first} and {name}"
        if not kind and determiner in ("a", "an") and self._opens_body(start):
            # "A woman who has accused ... said Sunday" in the lead, "Jane Roe, who ..."
            # the paragraph after: news names the person it introduced so
            later = self._first_subject_after(start)
            if later is not None:
                return self._named(later, "description (named in the next paragraph)")
        if not kind:
            return Resolution(None, name, "description")
        entity_id = self.index.add_entity(start, end, name, kind, "description")
        return Resolution(entity_id, name, f"description ({kind})")

    def _opens_body(self, position: int) -> bool:
        """Is ``position`` in the first sentence of the article's body (after the
        headline, and a dateline)?"""
        sentence = self._sentence_of(position)
        paragraph = self.sentences[sentence][2]
        first_body = 1 if self._has_body else 0
        return paragraph == first_body and (
            sentence == 0 or self.sentences[sentence - 1][2] < paragraph)

    def _first_conjunct(self, start: int) -> str:
        """The group joined by "and" to a group mention at ``start`` ("private Chinese
        companies and ordinary Chinese traders"): up to three premodifiers and a
        plural group noun, else ""."""
        if not self.text.endswith(("and ", "and\u00a0"), max(0, start - 4), start):
            return ""
        match = _CONJUNCT_BEFORE.search(self.text, max(0, start - 80), start)
        noun = match.group(2).lower() if match else ""
        if not noun or _noun_kind(noun) != "group" and not (
                _noun_kind(noun) == "organisation" and singular(noun) != noun):
            return ""  # a group, or many bodies ("companies")
        words = match.group(1).split()
        kept = list(itertools.takewhile(lambda w: w.lower() not in _CONJUNCT_STARTS,
                                        reversed(words)))  # not "both", "the", "of"
        return " ".join(reversed(kept))

    def _coordinated(self, start: int, end: int) -> Resolution | None:
        """"Both", "All three candidates", "The three scholars - Mr. Roe, Ms. Lee and Mr.
        Ford -": that many people, named in a list right after the mention, else the
        only ones of that number named in the sentences just before it (most recent
        first, whole sentences at a time)."""
        match = _COUNTED.fullmatch(clean_mention(self.text[start:end]))
        if match is None:
            return None
        noun = (match.group(2) or "").lower()
        role = role_noun_info(singular(noun)) if noun else None
        if noun and (role is None or role[1] != "person") and noun not in ("men", "women"):
            return None  # "the two camps", "two in three": no number of people
        count = _COUNTS[match.group(1).lower()]
        people = self._listed_after(end)
        if len(people) != count:
            people = []
            sentence = self._sentence_of(start)
            lo = self.sentences[sentence][0]
            for back in range(sentence, max(-1, sentence - 3), -1):
                s_start = self.sentences[back][0]
                position = s_start
                found = []
                while (mention := self.index.first_mention(position, lo if back < sentence
                                                           else start)) is not None:
                    entity_id = self.index.entity_at(mention[0])
                    if entity_id is not None and self._kind(entity_id) == "person" and (
                            entity_id not in people and entity_id not in found):
                        found.append(entity_id)
                    position = mention[0] + 1
                people = found + people
                lo = s_start
                if len(people) >= count:
                    break
        if len(people) != count:
            return None
        *most, last = [self.index.entities[e].name for e in people]
        names = f"{', '.join(most)} and {last}"
        entity_id = self.index.add_entity(start, end, names, "group", "coordination")
        return Resolution(entity_id, names, f"description (group, {count} people: {names})")

    def _listed_after(self, end: int) -> list[int]:
        """The people listed in an appositive right after ``end`` ("- Mr. Roe, Ms. Lee
        and Mr. Ford -")."""
        opening = _LIST_OPEN.match(self.text, end)
        if opening is None:
            return []
        people, position = [], opening.end()
        while (found := self.index.first_mention(position, position + 1)) is not None:
            entity_id = self.index.entity_at(found[0])
            if entity_id is None or self._kind(entity_id) != "person":
                return []
            people.append(entity_id)
            joint = _LIST_JOINT.match(self.text, found[1])
            if joint is None:
                break
            position = joint.end()
        return people

    def _population(self, position: int) -> Resolution | None:
        """The people a share ("Two in three", "Thirty percent", "Almost half of
        respondents") is a share of: the group the last share or poll before it (a few
        paragraphs back) was of ("84 percent of Latino voters in Florida", "a poll of
        400 registered voters")."""
        window = self.text[max(0, position - _WRITTEN_BEFORE) : position]
        found = None
        for match in _SHARE_OF.finditer(window):
            words = match.group(1).split()
            while words and (words[0].lower() in _DETERMINERS or words[0][:1].isdigit()):
                words = words[1:]  # "of 400 registered voters", "of the voters"
            head = next((w for w in words if _noun_kind(w.lower()) == "group"), "")
            if head and head.lower() != "respondents":
                found = " ".join(words)
        if found is None:
            return None
        entity_id = self.index.entity_named(found)
        if entity_id is None:
            entity_id = self.index.add_entity(position, position + 1, found, "group",
                                              "description")
        return Resolution(entity_id, found, f"description (group, share of {found})")

    def _appositive_name(self, end: int, kind: str) -> int | None:
        """The person (or organisation) named in an appositive right after a description
        of that ``kind`` ("the F.B.I. director, James Roe, said"; "A former candidate --
        Ann Lee, who lost -- said"): the description is only its role."""
        opening = _APPOSITIVE_OPEN.match(self.text, end)
        if kind not in ("person", "organisation") or opening is None:
            return None
        found = self.index.first_mention(opening.end(), opening.end() + 1)
        entity_id = self.index.entity_at(found[0]) if found else None
        if entity_id is None or self._kind(entity_id) != kind or (
                _APPOSITIVE_CLOSE.match(self.text, found[1]) is None):
            return None
        return entity_id

    def _names_head(self, entity_id: int, start: int, end: int) -> bool:
        """Does the name the index found in a description end it (a person's name, or an
        organisation's name holding the head: not "Senate" of "Senate Republicans")?"""
        entity = self.index.entities[entity_id]
        last = max((m_end for m_start, m_end, _, _ in entity.mentions
                    if start <= m_start < end), default=-1)
        rest = self.text[last:end].strip(" \u00a0,.-—–").split()
        if last < 0 or len(_without_trailing(["Name", *rest])) > 1:
            return False
        head = self.text[start:last].split()[-1:] or [""]
        # "The UN Chief": a person's role, capitalised, is no organisation's name
        role = role_noun_info(head[0].lower())
        kind = entity_kind(entity)
        return kind == "person" or kind == "organisation" and not (
            role is not None and role[1] == "person")

    def _possessor(self, determiner: str, words: list[str], position: int) -> int | None:
        """The entity a possessive names: "his" (a pronoun), "Cruz’s", "the senator’s"."""
        if determiner in _POSSESSIVE_PRONOUNS:
            result = self._resolve_pronoun(determiner, position, None, speaker=False)
            return result.entity
        last = words[-1][:-2]
        if last[:1].isupper():
            return self.index.entity_of_name(" ".join([*words[:-1], last]), position)
        if last.lower() in read_word_list("place_nouns.txt"):
            return self._place_before(position)  # "in Georgia, ... the state’s governor"
        kind = _noun_kind(last.lower())
        # "a State Department inspector general’s report": an indefinite owner whose
        # capitalised words no one carries is new, not the most salient person
        key = self._described_entity(last.lower(), words[:-1], position, kind,
                                     guess=determiner not in ("a", "an")) if kind else None
        return key if isinstance(key, int) else None

    def _place_before(self, position: int) -> int | None:
        """The last place named before ``position`` in its paragraph."""
        paragraph = self.sentences[self._sentence_of(position)][2]
        at = bisect.bisect_left(self._mention_starts, position)
        for item in reversed(self._mentions[max(0, at - WINDOW_MENTIONS) : at]):
            if item[3] != paragraph:
                break
            if isinstance(item[1], int) and self._kind(item[1]) == "place":
                return item[1]
        return None

    def _described(self, entity_id: int, noun: str) -> Resolution:
        name = self.index.entities[entity_id].name
        return Resolution(entity_id, name, f"descriptor->{name} (described as {noun})")

    def _organisation_named(self, head: str, position: int) -> int | None:
        """The one organisation named before ``position`` with ``head`` among its words
        but not last ("the Center" for "Center for Responsive Politics"; "the House" is
        no "White House")."""
        key = head.lower()
        found = {e for e in self._named_by(key) if self.index.entities[e].kind == "organisation"
                 and self._first_before(e, position)
                 and key in self.index.entities[e].name.lower().split()[:-1]}
        return found.pop() if len(found) == 1 else None

    def _named_with(self, noun: str, kind: str, position: int) -> int | None:
        """The organisation (or document) named last before ``position`` with ``noun``
        among its words and more ("the institute": "Public Policy Institute of
        California"; "the poll": "Fox News poll")."""
        best, latest = None, -1
        for entity_id in self._named_by(noun):
            entity = self.index.entities[entity_id]
            if entity.kind != kind or len(entity.name.split()) < 2:
                continue
            starts = self._key_starts.get(entity_id, ())
            at = bisect.bisect_left(starts, position)
            if at and starts[at - 1] > latest:
                best, latest = entity_id, starts[at - 1]
        return best

    def _named_by(self, word: str) -> list[int]:
        """The organisations and documents with ``word`` in their names (lower case)."""
        entities = self.index.entities
        for entity in entities[self._name_words_done :]:
            if entity.kind in ("organisation", "document"):
                for name_word in set(entity.name.lower().split()):
                    self._name_words.setdefault(name_word, []).append(entity.id)
        self._name_words_done = len(entities)
        return self._name_words.get(word, [])

    def _first_before(self, key, position: int) -> bool:
        starts = self._key_starts.get(key)
        return bool(starts) and starts[0] < position

    def _state_words(self, entity_id: int) -> set[str]:
        """The states a politician's party tags name ("Sen. Ann Lee (R-Fla.)" ->
        florida), read once per mention."""
        entity = self.index.entities[entity_id]
        done, words = self._states_done.get(entity_id, (0, set()))
        for _, end, _, _ in entity.mentions[done:]:
            tag = _PARTY_TAG_AFTER.match(self.text, end)
            state = _states().get(tag.group(1).rstrip(".").lower()) if tag else None
            if state:
                words.update(state.lower().split())
        self._states_done[entity_id] = (len(entity.mentions), words)
        return words

    def _described_entity(self, noun: str, modifiers: list[str], position: int, kind: str,
                          match_only: bool = False, guess: bool = True):
        """The entity a definite description means, among the salient ones of a kind
        that fits the noun: one described with the noun (or named so: "the poll" after
        "a Fox News poll") whose words include the description's capitalised ones, but
        not its own name ("the Cruz adviser" is not Cruz); failing that, for a person's
        or an organisation's role ("the company", "the UN official"), the most salient
        of that kind. Anonymous nouns ("the source") only match. Without ``guess``, a
        person described with capitalised words no one carries ("UN official") is
        no one, not the most salient person."""
        one = singular(noun)
        capitals = {m.lower() for m in modifiers if m[:1].isupper()}
        anonymous = match_only or noun in _anonymous_nouns()
        sector = _noun_sector(one) if kind == "organisation" else ""
        best = fallback = loose = bare = None
        best_score = fallback_score = loose_score = bare_score = 0.0
        described = False  # does any candidate carry the description's capitalised words?
        # the subject earlier in the description's own sentence would have been "he" or
        # "she": "Clinton leads Sanders, but the socialist has vowed" is not Clinton
        subject = self._sentence_subject(position) if kind == "person" else None
        for key, score in self._salience(position).items():
            key_kind = self._kind(key)
            if not _kinds_fit(kind, key_kind):
                continue
            if sector and isinstance(key, int) and _other_sector(
                    self.index.entities[key].name, sector):
                continue  # "the company" is no "Senate", "the newspaper" no "Department"
            if isinstance(key, int):
                entity = self.index.entities[key]
                own = {w.lower() for w in entity.name.split()}
                words = own
                if key_kind in ("person", "unknown"):  # people are described; bodies named
                    words = own | entity.head_words() | self._state_words(key)
                if kind == "organisation" and self._written_with(entity, noun):
                    words = words | {noun}  # "Family Circle magazine": "the magazine"
                if capitals & own and key_kind in ("person", "unknown"):
                    described = True
                    continue  # "the senior Cruz adviser" is someone close to Cruz
            else:
                words = set(key[1].lower().split())
            fits = capitals <= words
            described = described or bool(capitals & words)
            if noun != one and isinstance(key, int) and key_kind != "group":
                continue  # a plural is no one person or body ("the Khans", "the companies")
            if anonymous and noun in _anonymous_nouns() and self._unnamed_source(key):
                # "a source close to him said. That person said": one unnamed source
                words = words | {noun}
            if noun in words or one in words:
                if words <= {noun, one}:
                    # only the noun itself ("company history", a "Company" opening a
                    # sentence): an antecedent when no named one fits
                    if score > bare_score:
                        bare, bare_score = key, score
                elif fits and score > best_score:
                    best, best_score = key, score
            elif anonymous or not isinstance(key, int) or kind not in (
                    "person", "organisation") or key_kind != kind:
                continue  # no group or document stands for another noun's
            elif key == subject:
                continue
            elif fits and score > fallback_score:
                fallback, fallback_score = key, score
            elif kind == "person" and score > loose_score:
                loose, loose_score = key, score  # "the UN official": no one is "UN" here
        if best is None and fallback is None and capitals and not described and not anonymous:
            return loose if guess else None
        if best is None and fallback is None:
            return bare
        return best if best is not None else fallback

    def _pronoun_named(self, name: str, start: int, end: int) -> str:
        """An unnamed source's name with the pronoun of what it is close to resolved:
        "source close to him" -> "source close to Ted Cruz"."""
        found = _SOURCE_PRONOUN.search(self.text, start, end)
        if found is None or not self._unnamed_source(("person", name)):
            return name
        word = found.group()
        entity_id = self._resolve_pronoun(word, found.start(), None, speaker=False).entity
        if entity_id is None:
            return name
        who = self.index.entities[entity_id].name
        who = f"{who}’s" if word.lower() in ("his", "her", "their") else who
        return re.sub(rf"\b{word}\b", who, name, count=1)

    def _identified_by(self, noun: str, start: int, end: int) -> str:
        """The name of an unnamed person told by what they are close to, when the
        mention at ``text[start:end]`` goes on so after ``noun`` ("a source familiar with
        the Treasury’s internal review" -> "source familiar with the Treasury’s internal
        review"), else ""."""
        head = re.search(rf"(?<![\w’'-]){re.escape(noun)}(?![\w’'-])", self.text[start:end],
                         re.IGNORECASE)
        after = _IDENTIFIED_BY.match(self.text, start + head.end()) if head else None
        if after is None or after.end() > end:
            return ""
        return self._pronoun_named(" ".join([noun, *after.group().split()]), start, end)

    def _unnamed_source(self, key) -> bool:
        """Is a salience key a person the article leaves unnamed, told by what they are
        close to ("source close to him", "person familiar with the talks")?"""
        name = key[1] if not isinstance(key, int) else self.index.entities[key].name
        words = name.split()
        return len(words) > 2 and words[0].lower() in _anonymous_nouns() and (
            _IDENTIFIED_BY.match(" " + " ".join(words[1:])) is not None)

    def _written_with(self, entity, noun: str) -> bool:
        """Is the entity written with ``noun`` right after its name somewhere ("Family
        Circle magazine", "the Asahi newspaper")?"""
        done, found = self._written_nouns.get((entity.id, noun), (0, False))
        if not found:  # each mention read once per noun: many descriptions stay linear
            pattern = re.compile(rf"[ \u00a0]+{re.escape(noun)}\b", re.IGNORECASE)
            found = any(pattern.match(self.text, end, end + len(noun) + 8)
                        for _, end, _, _ in entity.mentions[done:])
        self._written_nouns[(entity.id, noun)] = (len(entity.mentions), found)
        return found

    def _sentence_subject(self, position: int) -> int | None:
        """The person subject of the sentence holding ``position``, before it (None when
        ``position`` opens its sentence)."""
        s_start = self.sentences[self._sentence_of(position)][0]
        if not self._words_before(s_start, position):
            return None
        first = bisect.bisect_left(self._mention_starts, s_start)
        last = bisect.bisect_left(self._mention_starts, position)
        for item in self._mentions[first : min(first + 4, last)]:
            if isinstance(item[1], int) and self._weight(item) >= SUBJECT and (
                    self._kind(item[1]) == "person"):
                return item[1]
        return None

    def _main_organisation(self, noun: str, position: int) -> int | None:
        """"The company" with no organisation in the last paragraphs: the one the
        article has named most (of the noun's sector) among the last few hundred
        mentions; the latest named on a tie."""
        at = bisect.bisect_left(self._mention_starts, position)
        sector = _noun_sector(singular(noun))
        counts: dict[int, tuple[int, int]] = {}  # entity -> (mentions, last one's start)
        for item in self._mentions[max(0, at - FAR_MENTIONS) : at]:
            key = item[1]
            if isinstance(key, int) and self._kind(key) == "organisation" and not (
                    sector and _other_sector(self.index.entities[key].name, sector)):
                counts[key] = (counts.get(key, (0, 0))[0] + 1, item[0])
        return max(counts, key=counts.get) if counts else None

    def _fullest(self, words: list[str], noun: str, kind: str, start: int, end: int) -> str:
        """A description's fullest form: "poll" -> "Fox News poll" when the article
        names it so before, or right after ("a poll by the Public Policy Institute",
        "a spokesman for Acme"); else the description without its determiner. A form
        that drops a capitalised word of the description ("a CBS poll") is not it."""
        phrase = " ".join(words)
        after = _BY_NAME.match(self.text, end) if kind in ("document", "person") else None
        if after and not _is_date(after.group(1)):
            return f"{_name_end(after.group(1))} {phrase}"
        publication = self._published_in(end) if kind == "document" else ""
        if publication:
            return f"{publication} {phrase}"
        capitals = {w.lower() for w in words if w[:1].isupper()}
        at = bisect.bisect_left(self._mention_starts, start)
        paragraph = self.sentences[self._sentence_of(start)][2]
        before = reversed(self._mentions[max(0, at - WINDOW_MENTIONS) : at])
        # a headline's noun is named in the first paragraphs of the body
        ahead = 2 if paragraph == 0 and self._has_body else 1
        after_items = (item for item in self._mentions[at : at + WINDOW_MENTIONS]
                       if item[3] - paragraph <= ahead
                       and self._noun_name(item[1], noun)[:1].isupper())
        for items in (before, after_items):  # named after: "Poll: ..." in a headline
            for item in items:
                # a noun mention, or a name the index holds with the noun in it ("Fox
                # News Poll" written once with a capital)
                name = self._noun_name(item[1], noun)
                if not name or not isinstance(item[1], int) and noun not in name.split():
                    continue  # (an entity's name ends with the noun: _noun_name)
                if kind and name.lower() == phrase.lower():
                    continue  # a common noun's bare mention says no more: look on
                if len(name) > len(phrase) and capitals <= set(name.lower().split()):
                    return name
                break
        if len(words) == 1 and words[0][:1].islower():
            return self._written_before(words[0], start) or phrase
        return phrase

    def _published_in(self, end: int) -> str:
        """The paper a document whose mention ends at ``end`` appeared in ("an editorial
        in The Des Moines Register"): an organisation the index holds, or a name with a
        media word ("Times"); else "" ("a poll in Iowa" names no paper)."""
        match = _IN_NAME.match(self.text, end)
        if match is None:
            return ""
        name = _name_end(match.group(1))
        entity_id = self.index.entity_in(match.start(1), match.end(1) + 1)
        media = any(_noun_sector(word) == "media" for word in name.lower().split())
        known = entity_id is not None and self._kind(entity_id) == "organisation"
        return name if media or known else ""

    def _written_before(self, noun: str, position: int) -> str:
        """The last fuller form of a bare noun written before ``position`` (a few
        paragraphs back): names before the noun, a parenthesis between allowed ("the
        summary" after "an FBI summary", "the column" after "the Vox Populi (Voice of the
        People) column"), or ""."""
        window = self.text[max(0, position - _WRITTEN_BEFORE) : position]
        found = ""
        for match in re.finditer(_FULLER_FORM % re.escape(noun), window):
            names = match.group(1).split()
            while names and (names[0] in _stop_starts() or names[0].lower() in _DETERMINERS):
                names = names[1:]  # "The Platte River employee": a sentence's "The"
            if names:
                found = " ".join([*(_name_end(w) for w in names), noun])
        return found

    def _noun_name(self, key, noun: str) -> str:
        """The name of a noun mention's key, or of an organisation or document entity
        named with ``noun`` last ("Fox News Poll" for "poll"; else "")."""
        if not isinstance(key, int):
            return key[1]
        entity = self.index.entities[key]
        last = entity.name.rsplit(" ", 1)[-1].lower()
        return entity.name if entity.kind in ("organisation", "document") and (
            singular(last) == singular(noun)) else ""


def entity_kind(entity) -> str:
    """What an entity is: person, organisation, group, document or place (or unknown).

    The kind its name gave it (a title, a first name, an organisation word, a
    speaker's noun), else the tagger's entity type (``Entity.tag_kind``), else a
    name that is a group noun ("Republicans") or a country or US state.
    """
    if entity.kind != "unknown":
        return entity.kind
    if entity.tag_kind:
        return entity.tag_kind
    name = entity.name.lower()
    if _noun_types().get(name) == "group":
        return "group"
    return "place" if name in _places() else "unknown"


@cache
def _countries_by_people() -> dict[str, str]:
    """A people as a plural noun ("Saudis", "Russians", "Chinese") -> its country
    (``demonyms.tsv``)."""
    table = {}
    for row in read_table("demonyms.tsv"):
        if len(row) > 1 and row[1]:
            demonym = row[1]
            table[demonym if demonym.endswith(("ese", "sh", "ch")) else demonym + "s"] = row[0]
    return table


def _people_country(words: list[str]) -> str | None:
    """The country of "the Saudis", "The Chinese": a people, with "the", as a speaker
    (its government). Without "the" ("Americans say") a people is a group."""
    if len(words) != 2 or words[0].lower() != "the":
        return None
    return _countries_by_people().get(words[1])


def _without_trailing(words: list[str]) -> list[str]:
    """A mention's words without what trails its head: "voters overall", "Biden
    implicitly", "the justice sounded", "the candidates themselves"."""
    while len(words) > 1 and words[-1][:1].islower() and not _noun_kind(words[-1].lower()) and (
            words[-1].endswith(("ed", "ly", "self", "selves"))
            or words[-1].lower() in _TRAILING_WORDS):
        words = words[:-1]
    return words


def _capitalised_before(text: str, position: int) -> list[str]:
    """The capitalised words (up to four) right before ``position`` and a space:
    "White House" of "White House officials", "Cruz’s" of "Cruz’s allies"."""
    if position < 2 or text[position - 1] not in " \u00a0":
        return []
    words = text[max(0, position - 80) : position].split()
    if position > 80:
        words = words[1:]  # the first may be cut
    taken: list[str] = []
    for word in reversed(words[-4:]):
        if not (word[:1].isupper() and _CAPITALISED_WORD.fullmatch(word)):
            break
        taken.insert(0, word)
    return taken


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that is no initialism's ("Monday." not "U.S.")."""
    return word.endswith(".") and "." not in word[:-1] and len(word) > 2


def _name_end(name: str) -> str:
    """A name without a sentence's final period ("Pew Research Center." -> ...)."""
    last = name.rsplit(" ", 1)[-1]
    if name.endswith(".") and len(last) > 2 and "." not in last[:-1]:
        return name[:-1]
    return name


@lru_cache(maxsize=1024)
def _decay(sentences: int, paragraphs: int) -> float:
    """What a mention's weight keeps that many sentences and paragraphs later."""
    return SENTENCE_DECAY ** sentences * PARAGRAPH_DECAY ** paragraphs


def _one_slip(a: str, b: str) -> bool:
    """Is ``a`` ``b`` with two neighbouring letters swapped, or with one letter more or
    less (not a plural's final "s", nor a different letter: "Rubin" is no "Rubio")?"""
    if a == b or abs(len(a) - len(b)) > 1 or a.rstrip("s") == b or b.rstrip("s") == a:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and (
            a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    at = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return short[at:] == long[at + 1 :]


def _deletions(word: str) -> list[str]:
    """``word`` with one letter left out, at each place."""
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _neighbour_swaps(word: str) -> list[str]:
    """``word`` with two neighbouring letters swapped, at each place."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]


def _is_date(name: str) -> bool:
    """Does a capitalised run start with a month or a weekday ("from March")?"""
    first = name.split()[0].rstrip(".").lower()
    return first in _CALENDAR_WORDS


_CALENDAR_WORDS = frozenset(
    [m.lower() for m in calendar.month_name[1:]] + [m.lower() for m in calendar.month_abbr[1:]]
    + [d.lower() for d in calendar.day_name] + [d.lower() for d in calendar.day_abbr])


def _noun_kind(noun: str) -> str:
    types = _noun_types()
    return types.get(noun) or types.get(singular(noun), "")


@cache
def _name_sectors() -> dict[str, str]:
    """Words of organisations' names -> the sector they mark (``organisation_sectors.tsv``)."""
    return {row[0].lower(): row[1] for row in read_table("organisation_sectors.tsv")}


def _noun_sector(noun: str) -> str:
    """The sector of an organisation noun ("company": business), by the same table."""
    return _name_sectors().get(noun, "")


def _other_sector(name: str, sector: str) -> bool:
    """Does an organisation's name mark it as of a sector other than ``sector``
    ("Missouri Senate" for "the company")?"""
    sectors = _name_sectors()
    found = {sectors[w] for w in name.lower().split() if w in sectors}
    return bool(found) and sector not in found


def _kinds_fit(noun_kind: str, kind: str) -> bool:
    """Can an entity of ``kind`` be what a noun of ``noun_kind`` describes?"""
    if noun_kind == "person":
        return kind in ("person", "unknown")
    if noun_kind == "organisation":
        return kind in ("organisation", "unknown")
    return kind == noun_kind


def _group_of_quantity(words: list[str]) -> list[str]:
    """"58 percent of Florida Latino voters", "Almost half of respondents": the
    words after "of" name the group that spoke."""
    if "of" not in words[1:6]:
        return words
    at = words.index("of")
    before = words[at - 1].lower() if at else ""
    if before in read_word_list("quantity_words.txt") or before[:1].isdigit():
        return words[at + 1 :] or words  # not "one owner of a shop"
    after = list(itertools.takewhile(lambda w: w.lower() not in _CLAUSE_START, words[at + 1 :]))
    if before.isalpha() and before.islower() and not _noun_kind(before) and after and (
            after[-1].islower() and _noun_kind(after[-1]) == "group"):
        # "the ire of lawmakers who": a noun that names no speaker, of a group that does
        return words[at + 1 :]
    return words


def _position_weight(text: str, s_start: int, start: int, end: int) -> float:
    """How salient a name is where it stands: a subject (nothing before it in its
    sentence but connectives, an opening phrase closed by a comma, or a role: "Speaking
    in Beijing, Foreign Ministry spokesman Lu Kang") weighs most, a possessor or the
    object of a preposition less."""
    after = text[end : end + 2]
    if after in ("’s", "'s") or after[:1] in ("’", "'") and text[end - 1 : end] == "s":
        return POSSESSOR
    lo = max(s_start, start - _LOOK_BACK)  # what a subject can have before it, no more
    before = text[lo:start].split()
    if not before:
        return SUBJECT if lo == s_start else OTHER
    if lo > s_start:
        before = ["…", *before[1:]]  # cut: no opening phrase starts the window
    last = [w.lower().strip("“\"(") for w in before[-3:]]
    if last[-2:] == ["as", "for"] or last == ["as", "for", "the"]:
        return SUBJECT  # "As for Trump, he said": the topic
    if last[-1] in _PREPOSITIONS:
        return PREPOSITION_OBJECT
    comma = next((i for i in range(len(before) - 1, -1, -1) if before[i][-1] == ","), -1)
    if comma >= 0 and not _opening_phrase(before[: comma + 1]):
        return OTHER
    lead = before[comma + 1 :]
    if all(w.lower() in _CONNECTIVES for w in lead):
        return SUBJECT  # "But Sanders", "In her speech, Rhimes"
    if len(lead) <= 6 and not any(w.endswith((";", ":")) for w in lead) and (
        role_noun_info(lead[-1].lower()) is not None or lead[-1][:1].isupper()
    ) and all(w[:1].isupper() or w.lower() in _CONNECTIVES or w.lower() in _DETERMINERS
              or not w.lower().endswith(("ed", "ing", "s")) for w in lead):
        return SUBJECT  # "Democratic presidential candidate Bernie Sanders"
    return OTHER


_LOOK_BACK = 160  # characters: ten words of an opening phrase and a role before a name


def _opening_phrase(words: list[str]) -> bool:
    """Words up to a comma that open a sentence before its subject: a prepositional
    phrase, a connective, a participle ("Speaking in Beijing,"), a time clause."""
    if len(words) > 10:
        return False
    first = words[0].lower().strip("“\"(").rstrip(",")
    return first in _PREPOSITIONS or first in _CONNECTIVES or first in _SUBORDINATORS or (
        first.endswith("ing") and len(first) > 4)
