"""What an article is about: terms, phrases, keyness, collocations, KWIC and themes.

Words come from :mod:`analysis.tokenize`; every table that points at text carries
``start``/``end`` offsets into ``Article.text``. Terms are counted on lemmas
(:mod:`analysis.lemmas`: dictionary forms, verbs kept apart from nouns, from the
part-of-speech tags of :mod:`analysis.tag`) and shown under their most common
surface form, so "threat" and "threats" are one term labelled by the form the
article uses most, while the verb "stated" is not counted with the noun "states".

Building blocks
---------------
* **word units**: tokens with at least one letter or digit; a token such as
  ``ISIL/Da’esh`` is split at the slash into two units.
* **runs**: maximal stretches of adjacent units in one sentence (punctuation,
  quote marks and slashes end a run). N-grams, proper-noun phrases and theme
  phrases never cross a run boundary.
* **proper-noun phrases**: capitalised words joined by ``of``/``the``/``for``
  (and ``and`` after an ``of``), e.g. "Islamic State of Iraq and the Levant".
* **aliases**: a parenthesis right after a proper-noun phrase whose content
  includes an acronym of that phrase (``(ISIL/Da’esh)``) groups the phrase and
  every name in the parenthesis under the name the article uses most.

Quote-aware functions take a quotes table with columns ``spans`` (list of
``[start, end]`` pieces), ``speaker`` (name or ``""``), ``quote_id`` and ``kind``,
as returned by ``analysis.quotes.extract_quotes``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import pairwise, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ._gc import paused_gc
from .article import Article, as_article
from .lemmas import VERB_MARK, term_key
from .lexicons import read_table, read_word_list
from .tag import article_tags
from .tokenize import sentence_spans, token_spans

__all__ = [
    "term_table",
    "term_records",
    "TERM_RECORD_COLUMNS",
    "distinctive_terms",
    "collection_keyness",
    "collocations",
    "kwic",
    "load_themes",
    "theme_hits",
    "theme_shares",
    "theme_summary",
    "discover_topics",
    "quote_term_profiles",
    "quote_theme_profiles",
    "log_likelihood",
    "log_ratio",
]

# wordfreq gives relative frequencies, not counts; the reference is treated as a
# corpus of this many words so log-likelihood can be computed the usual way.
GENERAL_ENGLISH_SIZE = 1_000_000_000
# Frequency given to words wordfreq does not list (its floor is about 1e-8).
_UNSEEN_FREQUENCY = 1e-9
_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'"})
_HAS_ALNUM = re.compile(r"\w")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_QUERY_WORD = re.compile(r"[\w’'.\-]+")


# --------------------------------------------------------------------------- units

class _Unit(NamedTuple):   # built only for the less used functions (kwic, themes, ...)
    start: int
    end: int
    sentence: int
    paragraph: int
    surface: str
    norm: str       # lower case, straight apostrophes
    key: str        # what the unit is counted under: its lemma, ".v" for a verb
    lemma: str      # the lemma alone (themes and KWIC match any word class)
    is_cap: bool
    is_stop: bool
    has_letter: bool


class _Spelling(NamedTuple):
    """What a unit's spelling says, whatever the article: worked out once per
    spelling and shared by every unit written that way."""

    surface: str
    norm: str           # lower case, straight apostrophes
    is_cap: bool
    is_stop: bool
    has_letter: bool
    label: str          # the surface as a term label shows it (whitespace collapsed)
    is_clitic: bool     # "'s", "'ll": never inside an n-gram
    is_name_word: bool  # capitalised content word: can start or extend a proper noun


@dataclass(frozen=True)
class _Analysis:
    # One entry per unit in each of these parallel lists: a tuple per unit would
    # cost more than all the counting (hundreds of units per article).
    starts: list[int]
    ends: list[int]
    sentences: list[int]
    spellings: list[_Spelling]
    keys: list[str]                             # term key of each unit (tags applied)
    paragraph_of: list[int]                     # sentence index -> paragraph index
    runs: tuple[tuple[int, ...], ...]          # unit indices, adjacent, one sentence
    phrases: tuple[tuple[int, ...], ...]       # unit indices of proper-noun phrases
    aliases: Mapping[str, str]                  # member key -> group key
    alias_names: Mapping[str, str]              # member key -> name as defined
    definitions: tuple[tuple[int, int], ...]    # spans of defining parentheses

    @cached_property
    def units(self) -> tuple[_Unit, ...]:
        paragraph_of = self.paragraph_of
        return tuple(_Unit(start, end, sentence, paragraph_of[sentence], spelling.surface,
                           spelling.norm, key, lemma_, spelling.is_cap, spelling.is_stop,
                           spelling.has_letter)
                     for start, end, sentence, spelling, key, lemma_
                     in zip(self.starts, self.ends, self.sentences, self.spellings, self.keys,
                            self.lemmas, strict=True))

    @cached_property
    def lemmas(self) -> list[str]:
        """The lemma of each unit (its key without the verb mark): themes and KWIC
        read it, term counts do not."""
        return list(map(_lemma_only, self.keys))

    @cached_property
    def occurrences(self) -> tuple[tuple, ...]:
        """``(key, start, end, surface or None, n, kind)`` of every counted occurrence:
        the words and n-grams of each run, then the proper-noun phrases."""
        starts, ends, spellings = self.starts, self.ends, self.spellings
        return (*((key, starts[i], ends[j], spellings[i].surface if i == j else None,
                   j - i + 1, "word" if i == j else "ngram")
                  for key, (i, j) in _word_and_ngram_spans(self)),
                *((_key(self.keys, spellings, phrase, keep_stops=True), starts[phrase[0]],
                   ends[phrase[-1]], None, len(phrase), "proper_noun")
                  for phrase in self.phrases))

    @cached_property
    def words(self) -> int:
        """Units with a letter: the article's length in words."""
        return sum(map(attrgetter("has_letter"), self.spellings))


def _lemma_only(key: str) -> str:
    return key[:-len(VERB_MARK)] if key.endswith(VERB_MARK) else key


def _normalise(surface: str) -> str:
    return surface.translate(_STRAIGHTEN).lower()


def stop_words() -> frozenset[str]:
    """The shipped English stop words (``resources/stopwords.txt``)."""
    return read_word_list("stopwords.txt")


def _is_stop(norm: str, stops: frozenset[str], surface: str = "") -> bool:
    if len(surface) > 1 and surface.isupper():
        return False    # an acronym such as "US" or "IT" is a name, not a function word
    return norm in stops or norm.startswith("'") or not _HAS_LETTER.search(norm)


def _split_token(start: int, word: str) -> list[tuple[int, int, str, bool]]:
    """Pieces of one token: ``(start, end, surface, joined_to_previous)``."""
    if "/" not in word or len(word) < 3:
        return [(start, start + len(word), word, True)]
    pieces = []
    offset = 0
    for piece in word.split("/"):
        if piece:
            pieces.append((start + offset, start + offset + len(piece), piece, False))
        offset += len(piece) + 1
    return pieces


def _piece_info(piece: str) -> _Spelling:
    """The article-independent fields of a unit (its term key depends on its tag)."""
    norm = _normalise(piece)
    is_cap, is_stop = piece[:1].isupper(), _is_stop(norm, stop_words(), piece)
    has_letter = bool(_HAS_LETTER.search(norm))
    return _Spelling(piece, norm, is_cap, is_stop, has_letter,
                     " ".join(piece.split()), norm.startswith("'"),
                     is_cap and has_letter and not is_stop)


@lru_cache(maxsize=50_000)
def _word_pieces(word: str):
    """A token's pieces ``(offset, end offset, joined, spelling or None)``, or None
    for a token with no letter or digit. Worked out once per spelling: a collection
    repeats the same few tens of thousands of words."""
    if not _HAS_ALNUM.search(word):
        return None
    return tuple((p_start, p_end, joined, _piece_info(piece) if _HAS_ALNUM.search(piece) else None)
                 for p_start, p_end, piece, joined in _split_token(0, word))


def _article_pos(article: Article) -> Sequence[str]:
    """Part-of-speech tags of the article's tokens (shared with the other stages:
    :func:`analysis.tag.article_tags` tags an article once)."""
    return article_tags(article).pos


def _analyse_uncached(article: Article, pos: Sequence[str] | None = None) -> _Analysis:
    """The units of ``article``; ``pos``: a part-of-speech tag per token of
    :func:`analysis.tokenize.token_spans`, for the lemmas (None: guessed)."""
    text = article.text
    sentences = sentence_spans(article)
    starts: list[int] = []
    ends: list[int] = []
    unit_sentences: list[int] = []
    spellings: list[_Spelling] = []
    unit_tags: list[str | None] = []
    run_firsts: list[int] = []   # index of the first unit of each run
    breaks = True                # the next unit starts a new run
    previous_sentence = -1
    for token, (start, end, sentence) in enumerate(token_spans(article, sentences)):
        if sentence != previous_sentence:
            breaks = True
            previous_sentence = sentence
        pieces = _word_pieces(text[start:end])
        if pieces is None:
            breaks = True
            continue
        for offset, end_offset, joined, spelling in pieces:
            if not joined:
                breaks = True
            if spelling is None:
                continue
            p_start = start + offset
            if (not breaks and ends[-1] == p_start and spelling.surface[0].isalnum()
                    and spellings[-1].surface[-1].isalnum()):
                # NLTK splits "gonna"/"wanna" into two tokens: they are one word
                ends[-1] = start + end_offset
                spellings[-1] = _piece_info(text[starts[-1]:ends[-1]])
                continue
            if breaks:
                run_firsts.append(len(starts))
                breaks = False
            starts.append(p_start)
            ends.append(start + end_offset)
            unit_sentences.append(sentence)
            spellings.append(spelling)
            if pos is not None:
                unit_tags.append(pos[token])
    # a unit's key: term_key is cached, so this is a lookup a unit (mapped: no Python
    # step a unit); with no tags, the word class is guessed from the word alone
    keys = list(map(term_key, map(attrgetter("norm"), spellings),
                    repeat(None, len(spellings)) if pos is None else unit_tags,
                    map(attrgetter("is_cap"), spellings)))
    runs = tuple(tuple(range(first, last)) for first, last in pairwise([*run_firsts, len(starts)]))
    phrases = _proper_noun_phrases(spellings, unit_sentences, runs)
    aliases, names, definitions = _alias_groups(text, starts, ends, spellings, keys, runs,
                                                phrases)
    return _Analysis(starts, ends, unit_sentences, spellings, keys,
                     [paragraph for _, _, paragraph in sentences], runs, tuple(phrases),
                     aliases, names, tuple(definitions))


@lru_cache(maxsize=16)  # about half a megabyte each
def _analyse(article: Article) -> _Analysis:
    return _analyse_uncached(article, _article_pos(article))


# ------------------------------------------------------------- proper nouns, aliases

def _written_forms(spellings: list[_Spelling]) -> set[str]:
    """Every written form: a norm (lower case, straight apostrophes, its own norm) is in
    it exactly when the article writes that word in lower case somewhere."""
    return set(map(attrgetter("surface"), spellings))


def _title_case_sentences(spellings: list[_Spelling], sentences: list[int]) -> set[int]:
    """Headline-style sentences (nearly every content word capitalised) say nothing
    about which words are names."""
    content: dict[int, list[bool]] = defaultdict(list)
    for spelling, sentence in zip(spellings, sentences, strict=True):
        if not spelling.is_stop and spelling.has_letter:
            content[sentence].append(spelling.is_cap)
    return {sentence for sentence, caps in content.items()
            if len(caps) >= 4 and caps.count(False) <= len(caps) // 10}


def _proper_noun_phrases(spellings: list[_Spelling], sentences: list[int],
                         runs: tuple[tuple[int, ...], ...]) -> list[tuple[int, ...]]:
    """Unit-index tuples of proper-noun phrases of two or more words."""
    written = _written_forms(spellings)
    first_of_sentence = {run[0] for k, run in enumerate(runs)
                         if k == 0 or sentences[runs[k - 1][0]] != sentences[run[0]]}
    connectors = read_word_list("name_connectors.txt")
    headlines = _title_case_sentences(spellings, sentences)
    run_firsts = [run[0] for run in runs]
    phrases: list[tuple[int, ...]] = []
    taken = 0  # units before this one are in a phrase already
    # a phrase starts at a name word: only those are walked from (a tenth of the units)
    for i in [i for i, spelling in enumerate(spellings) if spelling.is_name_word]:
        if i < taken or sentences[i] in headlines or (
                i in first_of_sentence and spellings[i].norm in written):
            continue
        run = runs[bisect_right(run_firsts, i) - 1]   # runs hold consecutive units
        phrase = [i]
        seen_of = False
        pending: list[int] = []
        for j in range(i + 1, run[-1] + 1):
            nxt = spellings[j]
            if nxt.is_name_word:
                phrase.extend(pending)
                phrase.append(j)
                pending = []
            elif nxt.norm in connectors and (nxt.norm != "and" or seen_of) and (
                    nxt.norm != "the" or pending):
                seen_of = seen_of or nxt.norm == "of"
                pending.append(j)
            else:
                break
        if len(phrase) >= 2:
            phrases.append(tuple(phrase))
            taken = phrase[-1] + 1
    return phrases


def _initials(spellings: list[_Spelling], phrase: tuple[int, ...]) -> str:
    return "".join(spellings[i].surface[0].upper() for i in phrase if spellings[i].is_cap)


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


def _looks_like_acronym(surface: str) -> bool:
    letters = surface.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _alias_groups(text, unit_starts, unit_ends, spellings, keys, runs, phrases):
    """Map member keys to the key of their alias group (see module docstring)."""
    if not phrases:
        return {}, {}, []
    member_sets: list[list[tuple[int, ...]]] = []   # unit indices of each name, per group
    definitions: list[tuple[int, int]] = []
    opening = re.compile(r"[ \t\u00a0]*\(([^()\n]{1,80})\)")
    for phrase in phrases:
        end = unit_ends[phrase[-1]]
        match = opening.match(text, end)
        if not match:
            continue
        p_start, p_end = match.span(1)
        first = bisect_right(unit_starts, p_start - 1)
        last = bisect_right(unit_starts, p_end - 1)
        inside = set(range(first, last))
        candidates = [run_part for run in _runs_between(runs, first, last)
                      if (run_part := tuple(i for i in run if i in inside))]
        names = [c for c in candidates if len(c) <= 4 and spellings[c[0]].is_cap]
        initials = _initials(spellings, phrase)
        if not any(len(c) == 1 and _looks_like_acronym(spellings[c[0]].surface)
                   and _is_subsequence(spellings[c[0]].surface.replace(".", "").upper(), initials)
                   for c in names):
            continue
        member_sets.append([phrase, *names])
        definitions.append((match.start(), match.end()))
    aliases: dict[str, str] = {}
    alias_names: dict[str, str] = {}
    for members in member_sets:
        member_keys = [_key(keys, spellings, m, keep_stops=True) for m in members]
        for key, member in zip(member_keys, members, strict=True):
            # the group's reported name (the most used one) is chosen when counting
            aliases[key] = member_keys[0]
            alias_names[key] = text[unit_starts[member[0]]:unit_ends[member[-1]]]
    return aliases, alias_names, definitions


def _runs_between(runs, first: int, last: int):
    """Runs holding any unit index in ``range(first, last)``."""
    run_firsts = [run[0] for run in runs]
    k = max(bisect_right(run_firsts, first) - 1, 0)
    while k < len(runs) and runs[k][0] < last:
        yield runs[k]
        k += 1


def _key(keys: list[str], spellings, indices, keep_stops: bool = False) -> str:
    """Term keys of the units ``indices`` (``spellings`` say which are stop words)."""
    return " ".join(keys[i] for i in indices if keep_stops or not spellings[i].is_stop)


# ---------------------------------------------------------------------- occurrences

def _word_and_ngram_spans(analysis: _Analysis, max_n: int = 3):
    """``(key, (first unit, last unit))`` of each word and n-gram counted, run by run:
    a word, then the n-grams it begins. Stop words are no words and do not end an
    n-gram, though one may sit inside ("rule of law"); a clitic is in none."""
    spellings = analysis.spellings
    stems = analysis.keys
    is_stop = list(map(attrgetter("is_stop"), spellings))
    is_clitic = list(map(attrgetter("is_clitic"), spellings))
    for run in analysis.runs:
        last_unit = run[-1]
        for i in run:
            if is_stop[i]:
                continue
            # an n-gram's key grows by one lemma at a time ("rule", "rule of", "rule of law")
            key = stems[i]
            yield key, (i, i)
            if is_clitic[i]:
                continue
            for j in range(i + 1, min(i + max_n - 1, last_unit) + 1):
                if is_clitic[j]:
                    break
                key = f"{key} {stems[j]}"
                if not is_stop[j]:
                    yield key, (i, j)


def _grouped(analysis: _Analysis, text: str, regions=None):
    """Occurrences merged per term, alias groups applied.

    Returns ``{key: {"spans": set, "surfaces": {form: count}, "n": int, "kind": str,
    "members": set}}`` for occurrences that lie inside ``regions`` (a list of
    sorted ``(start, end)`` spans) when given.
    """
    inside = _region_test(regions)
    aliases, definitions = analysis.aliases, analysis.definitions
    terms: dict[str, dict] = {}
    for key, start, end, surface, n, kind in analysis.occurrences:
        if inside is not None and not inside(start, end):
            continue
        if key in aliases and any(d_start <= start and end <= d_end
                                  for d_start, d_end in definitions):
            continue   # the definition itself is not a use of the name
        entry = terms.get(key)
        if entry is None:
            entry = terms[key] = {"spans": set(), "surfaces": {}, "n": n, "kind": kind,
                                  "members": {key}}
        spans = entry["spans"]
        if (start, end) not in spans:
            spans.add((start, end))
            if surface is None:
                surface = text[start:end]
            surfaces = entry["surfaces"]
            surfaces[surface] = surfaces.get(surface, 0) + 1
        if kind == "proper_noun":
            entry["kind"] = "proper_noun"
    return _merge_aliases(terms, analysis.aliases, analysis.alias_names)


def _merge_aliases(terms: dict[str, dict], aliases: Mapping[str, str],
                   names: Mapping[str, str]) -> dict[str, dict]:
    """Fold the terms of each alias group into its most used name."""
    groups: dict[str, list[str]] = defaultdict(list)
    for member, group in aliases.items():
        groups[group].append(member)
    for members in groups.values():
        present = [m for m in members if m in terms]
        if not present:
            continue
        head = max(present, key=lambda m: (len(terms[m]["spans"]), -terms[m]["n"], m))
        merged = terms[head]
        for member in present:
            if member != head:
                other = terms.pop(member)
                merged["spans"] |= other["spans"]
                surfaces = merged["surfaces"] = dict(merged["surfaces"])
                for surface, count in other["surfaces"].items():
                    surfaces[surface] = surfaces.get(surface, 0) + count
                merged["members"] |= other["members"]
        merged["members"] |= set(members)
        merged["aliases"] = [names[m] for m in members if m != head]
        merged["kind"] = "alias_group"
    return terms


def _forms(surfaces: Mapping[str, int]) -> dict[str, int]:
    """Written forms of a term with their counts, whitespace collapsed, most common first."""
    if len(surfaces) == 1:  # most terms have one spelling: skip the sorting
        (surface, count), = surfaces.items()
        return {" ".join(surface.split()): count}
    forms: dict[str, int] = {}   # a plain dict: a Counter costs more to make than to fill
    for surface, count in surfaces.items():
        form = " ".join(surface.split())
        forms[form] = forms.get(form, 0) + count
    return dict(sorted(forms.items(), key=lambda item: (-item[1], item[0])))


def _label(forms: dict[str, int]) -> str:
    """The form to show (``forms`` from :func:`_forms`): the most common spelling
    ignoring case, in lower case unless the article never writes it so."""
    if len(forms) == 1:
        return next(iter(forms))
    folded: dict[str, int] = {}
    for form, count in forms.items():
        lower = form.lower()
        folded[lower] = folded.get(lower, 0) + count
    best = min(folded.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]
    if best in forms:
        return best
    return max((f for f in forms if f.lower() == best), key=lambda f: forms[f])


def _region_test(regions):
    if regions is None:
        return None
    starts = [s for s, _ in regions]

    def inside(start: int, end: int) -> bool:
        k = bisect_right(starts, start) - 1
        return k >= 0 and regions[k][0] <= start and end <= regions[k][1]

    return inside


def _word_count(analysis: _Analysis, regions=None) -> int:
    inside = _region_test(regions)
    if inside is None:
        return analysis.words
    return sum(1 for u in analysis.units if u.has_letter and inside(u.start, u.end))


# ------------------------------------------------------------------------ term table

#: Columns of :func:`term_records`: the term table's, without ``spans`` and ``forms``.
TERM_RECORD_COLUMNS = ["term", "n", "kind", "count", "per_1000", "aliases", "key",
                       "first_start", "first_end"]
_TERM_COLUMNS = [*TERM_RECORD_COLUMNS, "spans", "forms"]


def _term_rows(terms: dict[str, dict], words: int, max_n: int, min_count: int,
               occurrences: bool = True):
    """Rows of :data:`_TERM_COLUMNS`, sorted; without ``spans`` and ``forms`` (the
    last two columns) when ``occurrences`` is False."""
    rows = []
    for key, entry in terms.items():
        count = len(entry["spans"])
        if count < min_count or (entry["n"] > max_n and entry["kind"] == "ngram"):
            continue
        forms = _forms(entry["surfaces"])
        row = (_label(forms), entry["n"], entry["kind"], count,
               1000.0 * count / words if words else 0.0, entry.get("aliases", []), key)
        if occurrences:
            spans = sorted(entry["spans"])
            rows.append((*row, spans[0][0], spans[0][1], spans, forms))
        else:
            rows.append((*row, *min(entry["spans"])))
    rows.sort(key=lambda r: (-r[3], -r[1], r[0]))
    return rows


def term_table(
    article: Article | str,
    *,
    max_n: int = 3,
    min_count: int = 1,
    kinds: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Counts of the words, n-grams and proper-noun phrases of an article.

    Stop words (``resources/stopwords.txt``) are left out of words and cannot
    begin or end an n-gram. Terms are grouped by lemma (:mod:`analysis.lemmas`;
    verbs apart from nouns: "stated" is not "states") and labelled by
    their most common form (lower case unless the article always capitalises it).

    Parameters
    ----------
    article : Article or str
    max_n : int
        Longest n-gram counted (proper-noun phrases are kept whole at any length).
    min_count : int
        Drop terms seen fewer times.
    kinds : iterable of str, optional
        Keep only these kinds: ``word``, ``ngram``, ``proper_noun``, ``alias_group``.

    Returns
    -------
    DataFrame
        Columns: term, n (words), kind, count, per_1000 (per 1,000 words of the
        article), aliases (other names grouped under this term), key (lemma key:
        the lemmas of its words, ``.v`` marking verbs),
        first_start, first_end (first occurrence), spans (all occurrences),
        forms (each written form grouped under the lemma, with its count).
        Sorted by count, longest terms first on ties.

    Examples
    --------
    >>> from analysis import load_article
    >>> art = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> table = term_table(art)
    >>> table.set_index("term").loc["Security Council", "kind"]
    'proper_noun'
    """
    article = as_article(article)
    with paused_gc():  # many short-lived lists and tuples, no cycles (see analysis._gc)
        analysis = _analyse(article)
        if analysis.aliases:  # alias groups fold terms together: the general path
            rows = _term_rows(_grouped(analysis, article.text), _word_count(analysis), max_n,
                              min_count)
        else:
            rows = _plain_term_rows(analysis, article.text, _word_count(analysis), max_n,
                                    min_count)
    table = pd.DataFrame(rows, columns=_TERM_COLUMNS)
    if kinds is not None:
        table = table[table["kind"].isin(set(kinds))].reset_index(drop=True)
    return table


def term_records(article: Article | str, *, max_n: int = 3, min_count: int = 1) -> list[tuple]:
    """The rows of :func:`term_table` as plain tuples, without ``spans`` and ``forms``
    (columns :data:`TERM_RECORD_COLUMNS`), for callers that build one table over many
    articles.

    Examples
    --------
    >>> term_records("The mayor spoke. The mayor left.")[0][:4]
    ('mayor', 1, 'word', 2)
    """
    article = as_article(article)
    with paused_gc():  # many short-lived lists and tuples, no cycles (see analysis._gc)
        analysis = _analyse(article)
        if analysis.aliases:  # alias groups fold terms together: the general path
            return _term_rows(_grouped(analysis, article.text), _word_count(analysis), max_n,
                              min_count, occurrences=False)
        return _plain_term_rows(analysis, article.text, _word_count(analysis), max_n,
                                min_count, occurrences=False)


def _plain_term_rows(analysis: _Analysis, text: str, words: int, max_n: int, min_count: int,
                     occurrences: bool = True):
    """``_term_rows(_grouped(...), ...)`` for an article without alias groups, counted
    straight from the units: no occurrence tuples, no per-term dicts and sets. Most
    terms occur once, and this is a collection's hot path."""
    starts, ends, spellings = analysis.starts, analysis.ends, analysis.spellings
    # key -> (first unit, last unit) of each occurrence; keys in order of first occurrence
    found: dict[str, list[tuple[int, int]]] = {}
    for key, span in _word_and_ngram_spans(analysis):
        spans = found.get(key)
        if spans is None:
            found[key] = [span]
        else:
            spans.append(span)
    proper_nouns = set()
    for phrase in analysis.phrases:
        key = _key(analysis.keys, spellings, phrase, keep_stops=True)
        proper_nouns.add(key)
        found.setdefault(key, []).append((phrase[0], phrase[-1]))
    once = 1000.0 / words if words else 0.0
    rows = []
    for key, spans in found.items():
        i, j = spans[0]
        n = j - i + 1
        kind = "proper_noun" if key in proper_nouns else "word" if n == 1 else "ngram"
        if n > max_n and kind == "ngram":
            continue
        if len(spans) == 1:
            if min_count > 1:
                continue
            start, end = starts[i], ends[j]
            label = spellings[i].label if n == 1 else " ".join(text[start:end].split())
            row = (label, n, kind, 1, once, [], key, start, end)
            rows.append((*row, [(start, end)], {label: 1}) if occurrences else row)
            continue
        if kind == "proper_noun":  # spans are in text order, but a phrase may be an n-gram too
            spans = sorted(set(spans))
        count = len(spans)
        if count < min_count:
            continue
        surfaces: dict[str, int] = {}
        for a, b in spans:
            surface = spellings[a].surface if a == b else text[starts[a]:ends[b]]
            surfaces[surface] = surfaces.get(surface, 0) + 1
        forms = _forms(surfaces)
        i, j = spans[0]
        row = (_label(forms), n, kind, count, 1000.0 * count / words if words else 0.0, [], key,
               starts[i], ends[j])
        rows.append((*row, [(starts[a], ends[b]) for a, b in spans], forms) if occurrences
                    else row)
    # by count, then n, then label, as _term_rows: two stable sorts on plain fields cost
    # less than one on a made-up key, and rows that tie on all three keep their order
    rows.sort(key=itemgetter(0))
    rows.sort(key=itemgetter(3, 1), reverse=True)
    return rows


# ---------------------------------------------------------------------------- keyness

def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """Dunning's log-likelihood (G2) of ``a`` hits in ``c`` words vs ``b`` in ``d``.

    The form used by AntConc and Rayson's calculator.

    >>> round(log_likelihood(10, 10, 1000, 100000), 2)
    64.78
    """
    total = a + b
    if total == 0:
        return 0.0
    e1 = c * total / (c + d)
    e2 = d * total / (c + d)
    value = 0.0
    if a > 0:
        value += a * math.log(a / e1)
    if b > 0:
        value += b * math.log(b / e2)
    return 2.0 * value


def log_ratio(a: float, b: float, c: float, d: float, smoothing: float = 0.5) -> float:
    """Hardie's log ratio: log2 of the ratio of relative frequencies.

    Zero counts are replaced by ``smoothing`` so the ratio stays finite.

    >>> log_ratio(8, 1, 1000, 1000)
    3.0
    """
    a = a if a > 0 else smoothing
    b = b if b > 0 else smoothing
    return math.log2((a / c) / (b / d))


_KEYNESS_COLUMNS = ["term", "n", "kind", "count", "per_1000", "expected", "reference_count",
                    "reference_per_1000", "log_likelihood", "log_ratio", "aliases",
                    "first_start", "first_end"]


def _keyness_rows(target_rows, words, reference_counts, reference_size, min_ll):
    rows = []
    for label, n, kind, count, per_1000, aliases, key, first_start, first_end, *_ in target_rows:
        b = reference_counts(key, label, aliases)
        expected = words * (count + b) / (words + reference_size)
        if count <= expected:
            continue
        ll = log_likelihood(count, b, words, reference_size)
        if ll < min_ll:
            continue
        rows.append((label, n, kind, count, per_1000, expected, b,
                     1000.0 * b / reference_size, ll,
                     log_ratio(count, b, words, reference_size), aliases, first_start, first_end))
    rows.sort(key=lambda r: (-r[8], r[0]))
    return rows


@lru_cache(maxsize=100_000)
def _general_frequency(label: str) -> float:
    from wordfreq import word_frequency

    return word_frequency(_normalise(label), "en")


def distinctive_terms(
    article: Article | str,
    *,
    top: int | None = 20,
    min_count: int = 2,
    max_n: int = 1,
    min_log_likelihood: float = 15.13,
) -> pd.DataFrame:
    """Terms unusually frequent in an article compared with general English.

    The reference is the wordfreq frequency list (many genres of English),
    treated as a corpus of ``GENERAL_ENGLISH_SIZE`` words. An alias group's
    reference frequency is the sum of its names' frequencies. Only terms more
    frequent than expected are returned, ranked by log-likelihood.

    Parameters
    ----------
    article : Article or str
    top : int or None
        How many terms to return (None: all that pass the filters).
    min_count : int
        Terms seen fewer times in the article are skipped (one-off rare words
        otherwise fill the list).
    max_n : int
        Longest n-gram considered; wordfreq estimates phrase frequencies, so
        single words (and alias groups) are the default.
    min_log_likelihood : float
        Significance cut-off; 15.13 is p < 0.0001 (one degree of freedom).

    Returns
    -------
    DataFrame
        Columns: term, n, kind, count, per_1000, expected (count expected from
        the reference), reference_count, reference_per_1000, log_likelihood,
        log_ratio, aliases, first_start, first_end.

    Examples
    --------
    >>> from analysis import load_article
    >>> art = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> "ISIL" in distinctive_terms(art, top=5)["term"].tolist()
    True
    """
    article = as_article(article)
    analysis = _analyse(article)
    words = _word_count(analysis)
    terms = _grouped(analysis, article.text)
    target_rows = [r for r in _term_rows(terms, words, max_n, min_count)
                   if r[1] <= max_n or r[2] == "alias_group"]

    def reference_count(key, label, aliases):
        frequency = sum(_general_frequency(name) for name in [label, *aliases])
        return max(frequency, _UNSEEN_FREQUENCY) * GENERAL_ENGLISH_SIZE

    rows = _keyness_rows(target_rows, words, reference_count, GENERAL_ENGLISH_SIZE,
                         min_log_likelihood)
    return pd.DataFrame(rows[:top] if top else rows, columns=_KEYNESS_COLUMNS)


def _member_keys(analysis: _Analysis) -> dict[str, str]:
    """Member key -> the key its alias group is reported under in this article."""
    terms = _grouped(analysis, "")
    mapping = {}
    for key, entry in terms.items():
        for member in entry["members"]:
            mapping[member] = key
    return mapping


def _key_counts(article: Article, alias_map: Mapping[str, str]) -> tuple[Counter, int]:
    analysis = _analyse(article)
    counts: Counter = Counter()
    seen = set()
    for key, start, end, _, _, _ in analysis.occurrences:
        if (key, start, end) in seen:
            continue
        seen.add((key, start, end))
        counts[alias_map.get(key, key)] += 1
    return counts, _word_count(analysis)


def collection_keyness(
    article: Article,
    reference: Iterable[Article],
    *,
    top: int | None = 20,
    min_count: int = 2,
    max_n: int = 3,
    min_log_likelihood: float = 6.63,
) -> pd.DataFrame:
    """Terms unusually frequent in one article compared with other articles.

    Counts in ``article`` are compared with the summed counts of the
    ``reference`` articles (an article with the same id as the target is
    skipped) by log-likelihood and log ratio, as AntConc and Voyant rank
    keywords. The target's alias groups are applied to the reference counts.

    Parameters
    ----------
    article : Article
    reference : iterable of Article
        The rest of the collection.
    top, min_count, max_n
        As in :func:`distinctive_terms`.
    min_log_likelihood : float
        Significance cut-off; 6.63 is p < 0.01.

    Returns
    -------
    DataFrame
        Same columns as :func:`distinctive_terms`; reference columns count the
        reference articles.

    Examples
    --------
    >>> key = collection_keyness(articles[0], articles[1:])   # doctest: +SKIP
    """
    article = as_article(article)
    analysis = _analyse(article)
    words = _word_count(analysis)
    alias_map = _member_keys(analysis)
    reference_counts: Counter = Counter()
    reference_size = 0
    for other in reference:
        if other.id == article.id and other.text == article.text:
            continue
        counts, size = _key_counts(as_article(other), alias_map)
        reference_counts.update(counts)
        reference_size += size
    if reference_size == 0:
        raise ValueError("collection_keyness needs at least one reference article with words")
    target_rows = _term_rows(_grouped(analysis, article.text), words, max_n, min_count)
    rows = _keyness_rows(target_rows, words, lambda key, *_: reference_counts.get(key, 0),
                         reference_size, min_log_likelihood)
    return pd.DataFrame(rows[:top] if top else rows, columns=_KEYNESS_COLUMNS)


# ----------------------------------------------------------------------- collocations

def collocations(
    article: Article | str,
    *,
    n: int = 2,
    min_count: int = 2,
    top: int | None = 20,
    measure: str = "likelihood_ratio",
) -> pd.DataFrame:
    """Word pairs (or triples) that occur together more than chance, by NLTK.

    Uses ``BigramCollocationFinder``/``TrigramCollocationFinder`` over the
    article's runs (so no pair crosses punctuation or a sentence), with stop
    words and numbers filtered out and a minimum frequency.

    Parameters
    ----------
    article : Article or str
    n : {2, 3}
    min_count : int
        Frequency filter applied before scoring (PMI overrates rare pairs).
    top : int or None
    measure : {"likelihood_ratio", "pmi"}
        Sort order; both scores are returned.

    Returns
    -------
    DataFrame
        Columns: collocation, words (tuple of lower-case words), count, pmi,
        likelihood_ratio, first_start, first_end.

    Examples
    --------
    >>> from analysis import load_article
    >>> art = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> "security council" in collocations(art)["collocation"].tolist()
    True
    """
    from nltk.collocations import (
        BigramAssocMeasures,
        BigramCollocationFinder,
        TrigramAssocMeasures,
        TrigramCollocationFinder,
    )

    if n not in (2, 3):
        raise ValueError(f"collocations: n must be 2 or 3, got {n}")
    if measure not in ("likelihood_ratio", "pmi"):
        raise ValueError("collocations: measure must be 'likelihood_ratio' or 'pmi', "
                         f"not {measure!r}")
    article = as_article(article)
    analysis = _analyse(article)
    units = analysis.units
    documents = [[units[i].norm for i in run] for run in analysis.runs]
    finder_class, measures = ((BigramCollocationFinder, BigramAssocMeasures) if n == 2
                              else (TrigramCollocationFinder, TrigramAssocMeasures))
    finder = finder_class.from_documents(documents)
    stops = stop_words()
    finder.apply_word_filter(lambda w: _is_stop(w, stops))
    finder.apply_freq_filter(min_count)
    pmi = dict(finder.score_ngrams(measures.pmi))
    likelihood = dict(finder.score_ngrams(measures.likelihood_ratio))
    first: dict[tuple, tuple[int, int]] = {}
    for run in analysis.runs:
        for k in range(len(run) - n + 1):
            gram = tuple(units[i].norm for i in run[k:k + n])
            first.setdefault(gram, (units[run[k]].start, units[run[k + n - 1]].end))
    rows = [(" ".join(g), g, finder.ngram_fd[g], pmi[g], likelihood[g], *first[g]) for g in pmi]
    column = 4 if measure == "likelihood_ratio" else 3
    rows.sort(key=lambda r: (-r[column], r[0]))
    return pd.DataFrame(rows[:top] if top else rows,
                        columns=["collocation", "words", "count", "pmi", "likelihood_ratio",
                                 "first_start", "first_end"])


# ---------------------------------------------------------------------- quote regions

_QUOTE_COLUMNS = ("spans", "speaker", "quote_id")


def _quote_pieces(quotes: pd.DataFrame | None, text_length: int):
    """Sorted ``(start, end, quote_id, speaker, kind)`` pieces of a quotes table."""
    if quotes is None:
        return []
    missing = [c for c in _QUOTE_COLUMNS if c not in quotes.columns]
    if missing:
        raise ValueError(f"quotes table lacks column(s) {missing}; expected the columns of "
                         "extract_quotes(): spans, speaker, quote_id, kind")
    pieces = []
    kinds = quotes["kind"] if "kind" in quotes.columns else [""] * len(quotes)
    for spans, speaker, quote_id, kind in zip(quotes["spans"], quotes["speaker"],
                                              quotes["quote_id"], kinds, strict=True):
        for start, end in spans:
            if not 0 <= start <= end <= text_length:
                raise ValueError(f"quote {quote_id}: span [{start}, {end}] is outside the text")
            pieces.append((int(start), int(end), quote_id,
                           speaker if isinstance(speaker, str) else "",
                           kind if isinstance(kind, str) else ""))
    pieces.sort()
    return pieces


def _quote_lookup(pieces):
    starts = [p[0] for p in pieces]

    def find(start: int, end: int):
        # pieces rarely nest, so a few steps back always reach the enclosing one
        k = bisect_right(starts, start) - 1
        for index in range(k, max(k - 8, -1), -1):
            p_start, p_end, quote_id, speaker, kind = pieces[index]
            if p_start <= start and end <= p_end:
                return quote_id, speaker, kind
        return None

    return find


# ------------------------------------------------------------------------------- KWIC

def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def kwic(
    article: Article | str,
    term: str,
    quotes: pd.DataFrame | None = None,
    *,
    window: int = 50,
    match: str = "exact",
    aliases: bool = False,
) -> pd.DataFrame:
    """Keyword in context: every occurrence of a word or phrase, with its context.

    Parameters
    ----------
    article : Article or str
    term : str
        A word or a phrase; matched on whole words, case-insensitively.
    quotes : DataFrame, optional
        A quotes table (``spans``, ``speaker``, ``quote_id``); marks hits inside quotes.
    window : int
        Characters of context on each side (whitespace collapsed).
    match : {"exact", "lemma"}
        ``"lemma"`` also finds inflected forms ("threat" finds "threats",
        "attack" finds "attacked"); ``"stem"``, its former name, still works.
    aliases : bool
        Also find the names grouped with ``term`` by a definition in the
        article (``ISIL`` also finds ``Da’esh``).

    Returns
    -------
    DataFrame
        Columns: left, keyword, right, start, end, sentence_id, paragraph_id,
        in_quote, quote_id, speaker, quote_kind (the quotes table's ``kind``:
        direct, indirect, ...; pass ``quotes[quotes.kind == "direct"]`` to mark
        only words in quotation marks).

    Examples
    --------
    >>> from analysis import load_article
    >>> art = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> kwic(art, "dark web")["keyword"].tolist()
    ['dark web']
    """
    if match not in ("exact", "lemma", "stem"):
        raise ValueError(f"kwic: match must be 'exact' or 'lemma', not {match!r}")
    article = as_article(article)
    written = [w for w in _QUERY_WORD.findall(term) if _HAS_ALNUM.search(w)]
    if not written:
        raise ValueError(f"kwic: {term!r} contains no word to look for")
    query_keys = [term_key(_normalise(w), capitalised=w[:1].isupper()) for w in written]
    analysis = _analyse(article)
    units = analysis.units
    field = "norm" if match == "exact" else "lemma"
    patterns = {tuple(_normalise(w) for w in written) if match == "exact"
                else tuple(map(_lemma_only, query_keys))}
    if aliases:
        group = analysis.aliases.get(" ".join(query_keys))
        if group is not None:
            for member, head in analysis.aliases.items():
                if head == group:
                    words = _member_words(analysis, member, field)
                    if words:
                        patterns.add(tuple(words))
    find_quote = _quote_lookup(_quote_pieces(quotes, len(article.text)))
    text = article.text
    rows = []
    for run in analysis.runs:
        values = [getattr(units[i], field) for i in run]
        for pattern in patterns:
            size = len(pattern)
            for k in range(len(run) - size + 1):
                if tuple(values[k:k + size]) != pattern:
                    continue
                first, last = units[run[k]], units[run[k + size - 1]]
                found = find_quote(first.start, last.end)
                rows.append((_context(text, max(0, first.start - window), first.start),
                             text[first.start:last.end],
                             _context(text, last.end, min(len(text), last.end + window)),
                             first.start, last.end, first.sentence, first.paragraph,
                             found is not None, found[0] if found else None,
                             found[1] if found else "", found[2] if found else ""))
    rows.sort(key=lambda r: r[3])
    return pd.DataFrame(rows, columns=["left", "keyword", "right", "start", "end", "sentence_id",
                                       "paragraph_id", "in_quote", "quote_id", "speaker",
                                       "quote_kind"])


def _member_words(analysis: _Analysis, member_key: str, field: str) -> list[str]:
    """The ``field`` ("norm" or "lemma") of the words of an alias member's first occurrence."""
    keys = analysis.keys
    size = len(member_key.split(" "))
    for run in analysis.runs:
        for k in range(len(run) - size + 1):
            if " ".join(keys[i] for i in run[k:k + size]) == member_key:
                return [getattr(analysis.units[i], field) for i in run[k:k + size]]
    return []


# ----------------------------------------------------------------------------- themes

def load_themes(
    path: str | Path | None = None, extra: Mapping[str, Iterable[str]] | None = None
) -> dict[str, tuple[str, ...]]:
    """The theme lexicon: theme name -> trigger words and phrases.

    Parameters
    ----------
    path : str or Path, optional
        A ``theme<TAB>term`` file to use instead of ``resources/themes.tsv``.
    extra : mapping, optional
        More triggers, e.g. ``{"sport": ["football", "world cup"]}``; added to
        (not replacing) the file's.

    Returns
    -------
    dict

    Examples
    --------
    >>> "dark web" in load_themes()["technology and communication"]
    True
    """
    if path is None:
        rows = read_table("themes.tsv")
    else:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"theme lexicon {path} not found")
        rows = tuple(tuple(c.strip() for c in line.split("\t"))
                     for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))
    themes: dict[str, list[str]] = defaultdict(list)
    for number, row in enumerate(rows, 1):
        if len(row) < 2 or not row[0] or not row[1]:
            raise ValueError(f"theme lexicon line {number}: expected 'theme<TAB>term', got {row!r}")
        themes[row[0]].append(row[1])
    for theme, triggers in (extra or {}).items():
        themes[theme].extend(triggers)
    return {theme: tuple(dict.fromkeys(t)) for theme, t in themes.items()}


def _theme_patterns(themes: Mapping[str, Iterable[str]]):
    """Lemma tuple -> (themes, trigger) for every trigger."""
    patterns: dict[tuple[str, ...], tuple[set[str], str]] = {}
    for theme, triggers in themes.items():
        for trigger in triggers:
            words = tuple(_lemma_only(term_key(_normalise(w), capitalised=w[:1].isupper()))
                          for w in _QUERY_WORD.findall(trigger)
                          if _HAS_ALNUM.search(w))
            if words:
                patterns.setdefault(words, (set(), trigger))[0].add(theme)
    return patterns


@cache
def _default_theme_patterns():
    return _theme_patterns(load_themes())


def _hits(article: Article, themes) -> list[tuple]:
    """``(theme, trigger, start, end, sentence, paragraph)`` by longest match."""
    analysis = _analyse(article)
    units = analysis.units
    patterns = _default_theme_patterns() if themes is None else _theme_patterns(themes)
    longest = max((len(p) for p in patterns), default=0)
    hits = []
    for run in analysis.runs:
        stems = [units[i].lemma for i in run]
        k = 0
        while k < len(run):
            for size in range(min(longest, len(run) - k), 0, -1):
                found = patterns.get(tuple(stems[k:k + size]))
                if found:
                    first, last = units[run[k]], units[run[k + size - 1]]
                    for theme in sorted(found[0]):
                        hits.append((theme, found[1], first.start, last.end, first.sentence,
                                     first.paragraph))
                    k += size
                    break
            else:
                k += 1
    return hits


def theme_hits(
    article: Article | str, themes: Mapping[str, Iterable[str]] | None = None
) -> pd.DataFrame:
    """Every place a theme trigger occurs (the longest trigger wins where they overlap).

    Parameters
    ----------
    article : Article or str
    themes : mapping, optional
        Theme lexicon (default: :func:`load_themes`).

    Returns
    -------
    DataFrame
        Columns: theme, trigger (lexicon entry), text (as written), start, end,
        sentence_id, paragraph_id.

    Examples
    --------
    >>> from analysis import load_article
    >>> art = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> "encryption" in theme_hits(art)["text"].tolist()
    True
    """
    article = as_article(article)
    rows = [(theme, trigger, article.text[s:e], s, e, sentence, paragraph)
            for theme, trigger, s, e, sentence, paragraph in _hits(article, themes)]
    return pd.DataFrame(rows, columns=["theme", "trigger", "text", "start", "end", "sentence_id",
                                       "paragraph_id"])


def theme_shares(
    article: Article | str, themes: Mapping[str, Iterable[str]] | None = None
) -> pd.DataFrame:
    """Share of each theme in each paragraph.

    Returns
    -------
    DataFrame
        One row per paragraph and theme present: paragraph_id, start, end,
        theme, hits, share (of the paragraph's theme hits), per_100_words,
        triggers (the words that triggered it, as written).

    Examples
    --------
    >>> from analysis import load_article
    >>> art = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> shares = theme_shares(art)
    >>> shares.query("theme == 'technology and communication'")["paragraph_id"].tolist()
    [10, 12, 13]
    """
    article = as_article(article)
    analysis = _analyse(article)
    words_per_paragraph = Counter(u.paragraph for u in analysis.units if u.has_letter)
    counts: dict[tuple[int, str], list[str]] = defaultdict(list)
    for theme, _, s, e, _, paragraph in _hits(article, themes):
        counts[(paragraph, theme)].append(article.text[s:e])
    totals = Counter()
    for (paragraph, _), found in counts.items():
        totals[paragraph] += len(found)
    rows = []
    for (paragraph, theme), found in sorted(counts.items()):
        p_start, p_end = article.paragraphs[paragraph]
        rows.append((paragraph, p_start, p_end, theme, len(found), len(found) / totals[paragraph],
                     100.0 * len(found) / max(words_per_paragraph[paragraph], 1),
                     sorted(set(found))))
    return pd.DataFrame(rows, columns=["paragraph_id", "start", "end", "theme", "hits", "share",
                                       "per_100_words", "triggers"])


def theme_summary(
    article: Article | str, themes: Mapping[str, Iterable[str]] | None = None
) -> pd.DataFrame:
    """Themes over the whole article, most present first.

    Returns
    -------
    DataFrame
        Columns: theme, hits, share (of all theme hits), per_1000_words,
        paragraphs (how many paragraphs it appears in), triggers (lexicon entry
        -> count, most frequent first: "threats" and "threat" count as
        "threat"), first_start, first_end.

    Examples
    --------
    >>> from analysis import load_article
    >>> art = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> theme_summary(art)["theme"].head(2).tolist()
    ['international cooperation and law', 'terrorism and violent extremism']
    """
    article = as_article(article)
    hits = _hits(article, themes)
    words = _word_count(_analyse(article))
    by_theme: dict[str, list[tuple]] = defaultdict(list)
    for hit in hits:
        by_theme[hit[0]].append(hit)
    rows = []
    for theme, found in by_theme.items():
        triggers = Counter(h[1] for h in found)   # by lexicon entry: "threats" is "threat"
        first = min(found, key=lambda h: h[2])
        rows.append((theme, len(found), len(found) / len(hits),
                     1000.0 * len(found) / max(words, 1), len({h[5] for h in found}),
                     dict(triggers.most_common()), first[2], first[3]))
    rows.sort(key=lambda r: (-r[1], r[0]))
    return pd.DataFrame(rows, columns=["theme", "hits", "share", "per_1000_words", "paragraphs",
                                       "triggers", "first_start", "first_end"])


# ------------------------------------------------------------------ topic discovery

def discover_topics(
    articles: Iterable[Article],
    *,
    n_topics: int = 5,
    method: str = "nmf",
    top_terms: int = 10,
    max_n: int = 1,
    min_df: int = 2,
    max_df: float = 0.5,
    random_state: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Themes found in a collection by NMF over TF-IDF or LDA over counts (scikit-learn).

    Documents are represented by the same terms as :func:`term_table` (lemmas,
    stop words removed, n-grams up to ``max_n``).

    Parameters
    ----------
    articles : iterable of Article
    n_topics : int
    method : {"nmf", "lda"}
    top_terms : int
        Terms listed per topic.
    max_n : int
    min_df, max_df
        Passed to the scikit-learn vectorizer (drop rare and ubiquitous terms).
    random_state : int
        Fixed for repeatable topics.

    Returns
    -------
    topics : DataFrame
        Columns: topic, rank, term, weight.
    documents : DataFrame
        Columns: article, topic, weight (each article's topic mixture).

    Examples
    --------
    >>> topics, documents = discover_topics(articles, n_topics=8)   # doctest: +SKIP
    """
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    if method not in ("nmf", "lda"):
        raise ValueError(f"discover_topics: method must be 'nmf' or 'lda', not {method!r}")
    articles = [as_article(a) for a in articles]
    if len(articles) < 2:
        raise ValueError("discover_topics needs at least two articles")
    labels: dict[str, Counter] = defaultdict(Counter)

    def analyzer(article: Article) -> list[str]:
        analysis = _analyse_uncached(article)
        keys = []
        for key, entry in _grouped(analysis, article.text).items():
            if entry["n"] > max_n and entry["kind"] == "ngram":
                continue
            labels[key].update(entry["surfaces"])
            keys.extend([key] * len(entry["spans"]))
        return keys

    vectorizer_class = TfidfVectorizer if method == "nmf" else CountVectorizer
    vectorizer = vectorizer_class(analyzer=analyzer, min_df=min_df, max_df=max_df)
    matrix = vectorizer.fit_transform(articles)
    n_topics = max(1, min(n_topics, matrix.shape[0], matrix.shape[1]))
    if method == "nmf":
        model = NMF(n_components=n_topics, init="nndsvd", random_state=random_state, max_iter=400)
    else:
        model = LatentDirichletAllocation(n_components=n_topics, random_state=random_state,
                                          learning_method="batch")
    weights = model.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    topic_rows = []
    for topic, row in enumerate(model.components_):
        order = row.argsort()[::-1][:top_terms]
        for rank, column in enumerate(order, 1):
            key = vocabulary[column]
            topic_rows.append((topic, rank, _label(_forms(labels[key])), float(row[column])))
    document_rows = [(article.id, topic, float(weights[i, topic]))
                     for i, article in enumerate(articles) for topic in range(n_topics)]
    return (pd.DataFrame(topic_rows, columns=["topic", "rank", "term", "weight"]),
            pd.DataFrame(document_rows, columns=["article", "topic", "weight"]))


# ------------------------------------------------------------- quoted vs narration

def _profile_regions(article: Article, quotes: pd.DataFrame):
    """``[(group, kind, regions)]``: narration, all quotes, then each speaker."""
    pieces = _quote_pieces(quotes, len(article.text))
    quoted = _merge_spans([(s, e) for s, e, *_ in pieces])
    narration = _complement(quoted, len(article.text))
    groups = [("narration", "narration", narration), ("all quotes", "quotes", quoted)]
    speakers = sorted({piece[3] for piece in pieces})
    for speaker in speakers:
        spans = _merge_spans([(s, e) for s, e, _, who, _ in pieces if who == speaker])
        groups.append((speaker or "(unattributed)", "speaker", spans))
    return groups


def _merge_spans(spans):
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _complement(spans, length):
    result, position = [], 0
    for start, end in spans:
        if start > position:
            result.append((position, start))
        position = max(position, end)
    if position < length:
        result.append((position, length))
    return result


def quote_term_profiles(
    article: Article | str,
    quotes: pd.DataFrame,
    *,
    top: int = 15,
    max_n: int = 2,
    min_count: int = 1,
) -> pd.DataFrame:
    """Top terms of the narration, of all quoted text and of each speaker.

    Each group's terms are compared with the rest of the article by
    log-likelihood and log ratio (positive log ratio: more frequent in the
    group than outside it).

    Parameters
    ----------
    article : Article or str
    quotes : DataFrame
        Quotes table (``spans``, ``speaker``, ``quote_id``, ``kind``).
    top : int
        Terms kept per group, most frequent first.
    max_n, min_count
        As in :func:`term_table`.

    Returns
    -------
    DataFrame
        Columns: group, group_kind (narration, quotes or speaker), group_words,
        term, n, kind, count, per_1000, log_likelihood, log_ratio, first_start,
        first_end.
    """
    article = as_article(article)
    analysis = _analyse(article)
    all_terms = _grouped(analysis, article.text)
    total_words = _word_count(analysis)
    rows = []
    for group, kind, regions in _profile_regions(article, quotes):
        words = _word_count(analysis, regions)
        if words == 0:
            continue
        terms = _grouped(analysis, article.text, regions)
        for label, n, term_kind, count, per_1000, _, key, first_start, first_end, *_ in \
                _term_rows(terms, words, max_n, min_count)[:top]:
            rest = len(all_terms[key]["spans"]) - count if key in all_terms else 0
            rest_words = max(total_words - words, 1)
            rows.append((group, kind, words, label, n, term_kind, count, per_1000,
                         log_likelihood(count, rest, words, rest_words),
                         log_ratio(count, rest, words, rest_words), first_start, first_end))
    return pd.DataFrame(rows, columns=["group", "group_kind", "group_words", "term", "n", "kind",
                                       "count", "per_1000", "log_likelihood", "log_ratio",
                                       "first_start", "first_end"])


def quote_theme_profiles(
    article: Article | str,
    quotes: pd.DataFrame,
    themes: Mapping[str, Iterable[str]] | None = None,
) -> pd.DataFrame:
    """Theme shares of the narration, of all quoted text and of each speaker.

    Returns
    -------
    DataFrame
        Columns: group, group_kind, theme, hits, share (of the group's theme
        hits), triggers (as written).
    """
    article = as_article(article)
    hits = _hits(article, themes)
    rows = []
    for group, kind, regions in _profile_regions(article, quotes):
        inside = _region_test(regions)
        found: dict[str, list[str]] = defaultdict(list)
        for theme, _, s, e, _, _ in hits:
            if inside(s, e):
                found[theme].append(article.text[s:e])
        total = sum(len(v) for v in found.values())
        for theme, triggers in sorted(found.items(), key=lambda item: (-len(item[1]), item[0])):
            rows.append((group, kind, theme, len(triggers), len(triggers) / total,
                         sorted(set(triggers))))
    return pd.DataFrame(rows, columns=["group", "group_kind", "theme", "hits", "share", "triggers"])
