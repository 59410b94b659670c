"""Reporting cues: the lexicon (``resources/reporting_verbs.tsv``, ``cue_phrases.tsv``,
``quote_cues.tsv``), a cue's sense, and the article's cues found in one scan."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ..lexicons import prefix_tree, read_table, read_word_list, regular_verb_forms, tree_regex
from .text import _SPACES

# Verbs whose first object is the audience, not the content ("told reporters that").
_AUDIENCE_VERBS = frozenset(
    "tell inform assure reassure warn remind ask urge notify brief".split())
# Verbs that can have their speaker after them ("..., said Smith.").
_INVERTING_VERBS = frozenset(
    "say add write ask explain note continue recall reply respond tell insist declare".split()
)


CUE_TYPES = ("speech", "thought", "document")


COMPLEMENTS = ("to", "object", "about")


def _read_cue_rows(verbs, phrases) -> tuple[dict, dict, dict, dict]:
    """Rows of ``reporting_verbs.tsv`` (lemma, stance, forms, cue_type, complements)
    and of ``cue_phrases.tsv`` (phrase, kind, stance, cue_type, complements): the
    forms, the phrases' kinds, each lemma's cue type and what else than a clause
    it reports (a to-infinitive, a noun-phrase object)."""
    cues: dict[str, tuple[str, str]] = {}
    types: dict[str, str] = {}
    complements: dict[str, frozenset[str]] = {}

    def type_and_to(lemma: str, row, at: int) -> None:
        cue_type = row[at] if len(row) > at and row[at] else "speech"
        if cue_type not in CUE_TYPES:
            raise ValueError(f"cue {lemma!r}: cue_type {cue_type!r} is not one of {CUE_TYPES}")
        types[lemma] = cue_type
        kinds = frozenset(k.strip() for k in row[at + 1].split(",") if k.strip()) if (
            len(row) > at + 1) else frozenset()
        if not kinds <= set(COMPLEMENTS):
            raise ValueError(f"cue {lemma!r}: complements {row[at + 1]!r} are not among "
                             f"{COMPLEMENTS}")
        if kinds:
            complements[lemma] = kinds

    for row in verbs:
        lemma, stance = row[0], row[1] if len(row) > 1 and row[1] else "neutral"
        forms = row[2].split(",") if len(row) > 2 and row[2] else regular_verb_forms(lemma)
        for form in forms:
            cues.setdefault(form.strip(), (lemma, stance))
        type_and_to(lemma, row, 3)
    kinds: dict[str, str] = {}
    for row in phrases:
        cues[row[0]] = (row[0], row[2] if len(row) > 2 and row[2] else "neutral")
        kinds[row[0]] = row[1] if len(row) > 1 and row[1] else "verb"
        type_and_to(row[0], row, 3)
    return cues, kinds, types, complements


@dataclass(frozen=True, eq=False)
class CueLexicon:
    """The reporting cues the extractor looks for.

    ``forms`` maps every cue form (lower case) to ``(lemma, stance)``;
    ``phrase_kinds`` tells multi-word cues whose source follows them
    (``according to``: ``before``) from verb-like ones; ``types`` maps a lemma
    to its cue type (speech, thought, document); ``complements`` maps a lemma to
    what it reports besides a clause: ``to`` (its to-infinitive: "urged him to
    resign"), ``object`` (a noun phrase: "demanded an apology"), ``about`` ("of",
    "about" or "on" and a noun phrase: "informed the council of the threat").
    """

    forms: dict
    phrase_kinds: dict
    types: dict
    complements: dict
    pattern: re.Pattern  # a non-word character, then the longest cue form (see build)
    at_start: re.Pattern  # the longest cue form at the start of a text

    @classmethod
    def build(cls, forms: dict, phrase_kinds: dict, types: dict | None = None,
              complements: dict | None = None) -> CueLexicon:
        # One prefix-tree alternation of every form, tried after each character that
        # cannot be inside a word: the scan stays in the regex engine, which skips
        # ahead fast to such a character. The form sits in a look-ahead so a cue
        # starting inside a longer one is still found, as with a word-by-word scan.
        words = tree_regex(prefix_tree(forms), space=r"[ \u00a0]+")
        form = rf"(?=({words})(?![\w’'-]))"
        return cls(forms, phrase_kinds, types or {}, complements or {},
                   re.compile(r"[^\w’'-]" + form), re.compile(form))

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of every cue in ``text``, in text order: the longest
        form starting at each word ("called for" rather than "called")."""
        first = self.at_start.match(text)
        if first:
            yield first.span(1)
        for match in self.pattern.finditer(text):
            yield match.span(1)


@cache
def default_cue_lexicon() -> CueLexicon:
    """Cues from ``resources/reporting_verbs.tsv`` and ``resources/cue_phrases.tsv``."""
    return CueLexicon.build(*_read_cue_rows(read_table("reporting_verbs.tsv"),
                                            read_table("cue_phrases.tsv")))


def cue_lexicon(extra: str | Path | Mapping[str, str] | None = None) -> CueLexicon:
    """The default cue lexicon, extended by a file or a mapping.

    Parameters
    ----------
    extra : path or mapping, optional
        A TSV file in the format of ``resources/reporting_verbs.tsv`` (lemma,
        stance, optional forms, cue_type and to), or a mapping ``{lemma or
        phrase: stance}`` (cue type speech); a key with a space is a multi-word
        cue used like a verb.

    Examples
    --------
    >>> lexicon = cue_lexicon({"quip": "neutral"})
    >>> lexicon.forms["quipped"]
    ('quip', 'neutral')
    """
    if extra is None:
        return default_cue_lexicon()
    base = default_cue_lexicon()
    if isinstance(extra, Mapping):
        verbs = [(k, v) for k, v in extra.items() if " " not in k.strip()]
        phrases = [(k, "verb", v) for k, v in extra.items() if " " in k.strip()]
    else:
        rows = [line.split("\t") for line in Path(extra).read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
        verbs = [[c.strip() for c in row] for row in rows]
        phrases = []
    forms, kinds, types, complements = _read_cue_rows(verbs, phrases)
    return CueLexicon.build({**base.forms, **forms}, {**base.phrase_kinds, **kinds},
                            {**base.types, **types}, {**base.complements, **complements})


_ACTIVE_LEXICON: ContextVar[CueLexicon | None] = ContextVar("cue_lexicon", default=None)


def _lexicon() -> CueLexicon:
    return _ACTIVE_LEXICON.get() or default_cue_lexicon()


def reporting_cues() -> dict[str, tuple[str, str]]:
    """Map of every cue form (lower case) to ``(lemma, stance)`` in use."""
    return _lexicon().forms


def _phrase_kinds() -> dict[str, str]:
    return _lexicon().phrase_kinds


@cache
def _noun_like_cues() -> frozenset[str]:
    return read_word_list("noun_like_cues.txt")


def cue_sense(cue_text: str) -> tuple[str, str] | None:
    """``(lemma, stance)`` of a cue as written ("has also stressed" -> stress, emphatic).

    >>> cue_sense("has stated")
    ('state', 'neutral')
    """
    return _cue_sense(_lexicon(), cue_text)


@lru_cache(maxsize=4096)
def _cue_sense(lexicon: CueLexicon, cue_text: str) -> tuple[str, str] | None:
    # cached per lexicon: the frames ask about the same few cues again and again
    key = _SPACES.sub(" ", cue_text.lower()).strip()
    cues = lexicon.forms
    while key not in cues and " " in key:
        key = key.split(" ", 1)[1]  # drop an auxiliary or adverb: "also said"
    return cues.get(key)


def _cue_type(lemma: str) -> str:
    """Speech, thought or document: the lexicon's ``cue_type`` of a lemma (speech if unlisted)."""
    return _lexicon().types.get(lemma) or _quote_cue_lexicon().types.get(lemma, "speech")


def _complements(lemma: str) -> frozenset[str]:
    """What the lemma reports besides a clause: ``to`` ("urged him to resign"),
    ``object`` ("demanded an apology"), ``about`` ("warned of a recession"); see
    ``reporting_verbs.tsv``."""
    return _lexicon().complements.get(lemma, frozenset())


def _cue_lemma(cue_text: str) -> str:
    return _cue_lemma_in(_lexicon(), cue_text)


@lru_cache(maxsize=4096)
def _cue_lemma_in(lexicon: CueLexicon, cue_text: str) -> str:
    sense = _cue_sense(lexicon, cue_text) or _quote_cue_lexicon().forms.get(
        re.sub(r"\s+", " ", cue_text.lower()).strip())
    return sense[0] if sense else cue_text


@cache
def _quote_cue_lexicon() -> CueLexicon:
    """Verbs that frame a direct quote only (``resources/quote_cues.tsv``):
    "“...,” he continued", "the sign read: “...”"; never used for indirect speech."""
    return CueLexicon.build(*_read_cue_rows(read_table("quote_cues.tsv"), ()))


@cache
def _quote_cue_lemmas() -> frozenset[str]:
    return frozenset(lemma for lemma, _ in _quote_cue_lexicon().forms.values())


# a form of "be" (and an adverb) before a cue: "was said to be", "is widely known as"
_PASSIVE_LEAD = re.compile(
    r"(?<![\w’'])(?:is|was|were|are|be|been|being)(?:[ \u00a0]+[a-z]+ly)?[ \u00a0]+$",
    re.IGNORECASE,
)


def _is_passive(text: str, lo: int, cue: tuple[int, int]) -> bool:
    """True for a cue in the passive (``Priebus was said to be “furious”``, ``the
    island was known as``): its subject is what is spoken of, not the speaker."""
    word = text[cue[0] : cue[1]].split()[0].lower()
    sense = _cue_sense(_lexicon(), word)
    if sense is None or word == sense[0] or word.endswith(("s", "ing")):
        return False  # only a past participle ("said", "known") can be passive
    if _TO_HAVE.match(text[cue[1] : cue[1] + 12]):
        return False  # "Obama is reported to have called": he did the calling
    return _PASSIVE_LEAD.search(text, max(lo, cue[0] - 30), cue[0]) is not None


_TO_HAVE = re.compile(r"[ \u00a0]+to[ \u00a0]+have\b")


@lru_cache(maxsize=8)
def _cue_indexes(text: str, lexicon: CueLexicon, quote_lexicon: CueLexicon):
    """The cue indexes of the reporting and the quote-only lexicons, found in one
    pass (the frames ask many times): one scan finds where a form of either
    starts, and there each lexicon's own longest form is matched, as its own
    scan (:meth:`CueLexicon.finditer`) would have found it."""
    union = _union_lexicon(lexicon, quote_lexicon)
    indexes = (([], []), ([], []))
    first = union.at_start.match(text)
    positions = ([0] if first else []) + [match.end() for match in union.pattern.finditer(text)]
    for position in positions:
        for one, (starts, spans) in zip((lexicon, quote_lexicon), indexes, strict=True):
            match = one.at_start.match(text, position)
            if match:
                starts.append(position)
                spans.append(match.span(1))
    return indexes


@lru_cache(maxsize=4)
def _union_lexicon(lexicon: CueLexicon, other: CueLexicon) -> CueLexicon:
    return CueLexicon.build({**lexicon.forms, **other.forms}, {}, {**other.types, **lexicon.types})


def _cues_in(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return _spans_in(_cue_indexes(text, _lexicon(), _quote_cue_lexicon())[0], lo, hi)


def _quote_only_cues_in(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The quote-only verbs ("joked", "boasted") in ``[lo, hi)``, as found by the frames."""
    return _spans_in(_cue_indexes(text, _lexicon(), _quote_cue_lexicon())[1], lo, hi)


def _spans_in(index, lo: int, hi: int) -> list[tuple[int, int]]:
    """The cues of one index of :func:`_cue_indexes` that lie in ``[lo, hi)``."""
    starts, spans = index
    return [span for span in spans[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
            if span[1] <= hi]


def _frame_cues_in(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Cues in ``[lo, hi)`` for a frame beside quote marks: the reporting cues and
    the quote-only verbs ("continued", "joked"); a cue inside a longer one
    ("say" in "went on to say") gives way to it."""
    reporting, quote_only = _cue_indexes(text, _lexicon(), _quote_cue_lexicon())
    extra = _spans_in(quote_only, lo, hi)
    cues = _spans_in(reporting, lo, hi)
    if not extra:
        return cues
    # a cue's container starts at most the longest extra's length before it: only those
    # few are compared (all of them, for every cue, grew with the square of the stretch)
    longest = max(e[1] - e[0] for e in extra)
    starts = [e[0] for e in extra]
    kept = []
    for cue in cues:
        near = extra[bisect.bisect_left(starts, cue[0] - longest) :
                     bisect.bisect_right(starts, cue[0])]
        if not any(e[0] <= cue[0] and cue[1] <= e[1] and cue != e for e in near):
            kept.append(cue)
    return sorted(set(kept + extra))

