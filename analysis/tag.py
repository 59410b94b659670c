"""Part of speech and named entities for every token, offline.

Two greedy averaged perceptrons (NLTK's ``nltk.tag.perceptron``, trained by
:mod:`analysis.tag_train` on the silver CoreNLP layer of the PolNeAR train split)
tag the tokens of :mod:`analysis.tokenize`:

* ``pos``: a Penn Treebank tag (``NNP``, ``VBD``, ``IN``, ``,``, and quote marks
  as CoreNLP writes them, opening two backquotes and closing ``''``), with NLTK's own
  feature set and tag dictionary;
* ``entity``: ``B-`` / ``I-`` + ``PERSON``, ``ORGANIZATION``, ``LOCATION`` or
  ``MISC``, or ``O``, from a second perceptron that also reads the part of
  speech and the shape of the words (CoreNLP's number and date classes are ``O``).

Contract for the pipeline's stages
----------------------------------
``article_tags(article)`` returns a :class:`TokenTags` ``(pos, entity)``: two
tuples of strings, one entry per token of ``tokenize._article_tokens(article)``
(same order, same length), computed once per article and cached like the tokens.
An ``entity`` tag is never ``I-X`` unless the token before it in the same
sentence is ``B-X`` or ``I-X`` (a stray ``I-X`` is read as ``B-X``), so an
entity is a ``B-X`` token and the ``I-X`` tokens right after it.

One of our tokens can cover several of CoreNLP's (``Clinton’s`` is ``Clinton`` +
``’s``, ``don’t`` is ``do`` + ``n’t``): it carries the tags of the first
(``NNP``/``B-PERSON``; ``VBP``), the word the clitic leans on.

Speed
-----
Prediction is NLTK's ``AveragedPerceptron.predict`` (the best sum of feature
weights, ties to the alphabetically last tag) reorganised. Words of the tag
dictionary skip scoring. The features that do not depend on earlier tags are
looked up once per distinct word (integer rows, cached) and summed for a whole
article at once with ``numpy``. A token whose best static score leads the
runner-up by more than the previous tags could ever add to another label takes
that label at once; the others are chosen left to right, adding the weights
that depend on the previous tags. Weights are stored as integers (thousandths,
the precision NLTK rounds averaged weights to), so every sum is exact, ties are
true ties broken as NLTK breaks them, and the tags equal NLTK's prediction with
the same model (``tests/test_tag.py`` checks it on every held-out token).

Examples
--------
>>> table = tagged_tokens("Hillary Clinton said on Monday in Iowa that she would win.")
>>> table[["text", "pos", "entity"]].values.tolist()[:3]
[['Hillary', 'NNP', 'B-PERSON'], ['Clinton', 'NNP', 'I-PERSON'], ['said', 'VBD', 'O']]
"""

from __future__ import annotations

import gzip
import json
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from itertools import chain, filterfalse, pairwise, repeat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import tokenize as _tokenize
from .article import Article, as_article
from .lexicons import resource_path

__all__ = ["TokenTags", "Tagger", "article_tags", "tagged_tokens", "load_tagger",
           "read_model", "sentence_starts_of", "ENTITY_TYPES", "MODEL_FILE"]

#: The committed model, in ``analysis/resources``.
MODEL_FILE = "tagger.json.gz"
#: Its format; a model written by another version of the feature templates is refused.
MODEL_FORMAT = "analysis.tag/3"
ENTITY_TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "MISC")

START = ("-START-", "-START2-")
END = ("-END-", "-END2-")
#: What stands before and after a sentence, nearest last / first: NLTK's two on
#: each side, and two more for the templates that look four words away.
BEFORE = ("-START4-", "-START3-", *START)
AFTER = (*END, "-END3-", "-END4-")
PSEUDO_WORDS = BEFORE + AFTER
WIDTH = len(BEFORE)  # the farthest offset a template may read


class TokenTags(NamedTuple):
    """Tags of an article's tokens, aligned one to one with ``_article_tokens``."""

    pos: tuple[str, ...]
    entity: tuple[str, ...]


# ---------------------------------------------------------------------------
# Feature templates
#
# A template names a feature and says where its value comes from. The feature's
# string is "NAME VALUE" (NLTK's convention), looked up in the model's weights.
# ``offset`` is relative to the token; outside its sentence the word is one of
# the pseudo words of PSEUDO_WORDS, which the value function sees as they are.


def normalize(word: str) -> str:
    """NLTK's ``PerceptronTagger.normalize``: lower case, ``!HYPHEN``, ``!YEAR``, ``!DIGITS``."""
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word and word[0].isdigit():
        return "!DIGITS"
    return word.lower()


def word_shape(word: str) -> str:
    """Letters and digits as ``X``/``x``/``d``, runs collapsed: ``Clinton`` Xx,
    ``U.S.`` X.X., ``McCain`` XxXx, ``2016`` d, ``$3.5`` $d.d."""
    shape = []
    last = ""
    for char in word:
        kind = ("X" if char.isupper() else "x") if char.isalpha() else (
            "d" if char.isdigit() else char)
        if kind != last:
            shape.append(kind)
            last = kind
    return "".join(shape)


# The value functions of the templates (and the contexts). Each has ``many(words)``: its
# values of a list of words, computed in C where a C method does it (no Python call a
# word: a collection meets new words by the thousand).

def _identity(word: str) -> str:
    return word


def _suffix3(word: str) -> str:
    return word[-3:]


def _first_char(word: str) -> str:
    return word[0]


def _lower(word: str) -> str:
    return word.lower()


normalize.many = lambda words: list(map(normalize, words))
word_shape.many = lambda words: list(map(word_shape, words))
_identity.many = list
_suffix3.many = lambda words: list(map(itemgetter(slice(-3, None)), words))
_first_char.many = lambda words: list(map(itemgetter(0), words))
_lower.many = lambda words: list(map(str.lower, words))


@cache
def _lower_prefix(length: int) -> Callable[[str], str]:
    def prefix(word: str) -> str:
        return word[:length].lower()
    prefix.many = lambda words: list(map(str.lower, map(itemgetter(slice(None, length)), words)))
    return prefix


@cache
def _lower_suffix(length: int) -> Callable[[str], str]:
    def suffix(word: str) -> str:
        return word[-length:].lower()
    suffix.many = lambda words: list(map(str.lower, map(itemgetter(slice(-length, None)),
                                                         words)))
    return suffix


class _Templates(NamedTuple):
    """The features of one perceptron, as the fast path computes them.

    context: maps a real word to its context form (NLTK's POS tagger lower-cases
    and folds numbers; the pseudo words are never mapped). word: (offset, name,
    reads_raw_word, value) static features of the words around the token.
    pos: (offset, name) static features of the part of speech around it.
    prev_word / prev_pos: (name, value) features joining the previous tag with a
    value of the token's own word / part of speech.
    """

    context: Callable[[str], str]
    word: tuple[tuple[int, str, bool, Callable[[str], str]], ...]
    pos: tuple[tuple[int, str], ...]
    prev_word: tuple[tuple[str, Callable[[str], str]], ...]
    prev_pos: tuple[str, ...]


# NLTK's PerceptronTagger._get_features, template for template (bias and the
# tag history, "i-1 tag", "i-2 tag", "i tag+i-2 tag", are common to both models).
POS_TEMPLATES = _Templates(
    context=normalize,
    word=(
        (0, "i suffix", True, _suffix3),
        (0, "i pref1", True, _first_char),
        (0, "i word", False, _identity),
        (-1, "i-1 word", False, _identity),
        (-1, "i-1 suffix", False, _suffix3),
        (-2, "i-2 word", False, _identity),
        (1, "i+1 word", False, _identity),
        (1, "i+1 suffix", False, _suffix3),
        (2, "i+2 word", False, _identity),
    ),
    pos=(),
    prev_word=(("i-1 tag+i word", _identity),),
    prev_pos=(),
)

# Entities: the word as written, its shape (case carries most of the signal) and
# its first and last letters (CoreNLP's CRF reads character n-grams up to 6); the
# words and shapes around it, and the words up to four away on either side
# whatever their place ("left word", "right word"); the parts of speech around
# it; the previous entity tag with the word, its shape and its part of speech.
NER_TEMPLATES = _Templates(
    context=_identity,
    word=(
        (0, "i word", False, _identity),
        (0, "i shape", False, word_shape),
        (0, "i prefix1", False, _first_char),
        *((0, f"i prefix{k}", False, _lower_prefix(k)) for k in (2, 3, 4, 5)),
        *((0, f"i suffix{k}", False, _lower_suffix(k)) for k in (1, 2, 3, 4, 5, 6)),
        (-1, "i-1 word", False, _lower),
        (-1, "i-1 shape", False, word_shape),
        (-1, "i-1 suffix", False, _lower_suffix(3)),
        (-2, "i-2 word", False, _lower),
        (-2, "i-2 shape", False, word_shape),
        (1, "i+1 word", False, _lower),
        (1, "i+1 shape", False, word_shape),
        (1, "i+1 suffix", False, _lower_suffix(3)),
        (2, "i+2 word", False, _lower),
        (2, "i+2 shape", False, word_shape),
        *((-k, "left word", False, _lower) for k in (1, 2, 3, 4)),
        *((k, "right word", False, _lower) for k in (1, 2, 3, 4)),
    ),
    pos=((0, "i pos"), (-1, "i-1 pos"), (1, "i+1 pos")),
    prev_word=(("i-1 tag+i shape", word_shape), ("i-1 tag+i word", _lower)),
    prev_pos=("i-1 tag+i pos",),
)

# The tag-history features of both models (NLTK's names): previous tag, the one
# before, both.
HISTORY = ("i-1 tag", "i-2 tag", "i tag+i-2 tag")


# ---------------------------------------------------------------------------
# One perceptron, fast


def _features_by_template(features: list[str]) -> Callable[[str], dict[str, int]]:
    """``template(name)``: ``{value: row}`` of the features ``"NAME VALUE"`` (rows count
    from 1 in the order of ``features``), found by bisection in the sorted names."""
    order = sorted(range(len(features)), key=features.__getitem__)
    ordered = [features[k] for k in order]

    @cache
    def template(name: str) -> dict[str, int]:
        prefix = name + " "
        # the names "NAME VALUE" sort between "NAME " and "NAME!" (the next character)
        first = bisect_left(ordered, prefix)
        last = bisect_left(ordered, name + "!", first)
        return {ordered[k][len(prefix):]: order[k] + 1 for k in range(first, last)}

    return template


def int_array(text: str) -> np.ndarray:
    """A model's integer array, stored as decimal numbers separated by spaces (parsed
    by numpy: a list of a million JSON numbers would be a million Python objects)."""
    return np.fromstring(text, dtype=np.int64, sep=" ") if text else np.zeros(0, np.int64)


def int_text(values: Sequence[int]) -> str:
    """The stored form of an integer array (see :func:`int_array`)."""
    return " ".join(map(str, values))


class _PrevFeatures:
    """The features joining the previous tag with one value of the token
    (``i-1 tag+i word``), by value.

    ``rows[v, s]`` is the feature row (0: none) of value id ``v`` after previous
    state ``s``; ``gap[v, c]`` bounds how much those features can raise any label
    over label ``c`` (over every previous state, 0 included: a state with no
    feature adds nothing). The last value id stands for "a value with no feature".
    """

    def __init__(self, features: dict[str, int], states: Sequence[str], weights: np.ndarray):
        state_index = {state: k for k, state in enumerate(states)}
        values: dict[str, int] = {}
        triples = []
        for feature, row in features.items():  # "STATE VALUE"
            state, value = feature.split(" ", 1)
            if state in state_index:
                triples.append((values.setdefault(value, len(values)), state_index[state], row))
        self.values = values
        self.none = len(values)
        self.rows = np.zeros((len(values) + 1, len(states)), dtype=np.int32)
        self.gap = np.zeros((len(values) + 1, weights.shape[1]), dtype=np.int32)
        # in slices: a whole model's worth of rows at once is tens of MB the
        # allocator may keep
        for first in range(0, len(triples), 4096):
            value_ids, state_ids, rows = np.array(triples[first:first + 4096],
                                                  dtype=np.int64).reshape(-1, 3).T
            self.rows[value_ids, state_ids] = rows
            block = weights[rows]
            np.maximum.at(self.gap, value_ids, block.max(axis=1, keepdims=True) - block)

    def value_ids(self, values: Sequence[str]) -> list[int]:
        # map over a C method: no Python-level step a value (a word's first sight)
        return list(map(self.values.get, values, repeat(self.none, len(values))))


class _Perceptron:
    """An averaged perceptron's weights as an integer matrix, and its greedy decoder.

    Parameters
    ----------
    data : dict
        ``classes``, ``tagdict`` (word -> tag), ``features`` (strings), and the
        weights in compressed sparse rows: ``indptr``, ``columns`` (indices into
        ``classes``), ``weights`` (integers, thousandths), each a string of
        space-separated integers (:func:`int_array`).
    templates : _Templates
    pos_classes : sequence of str
        The part-of-speech tags an entity model reads (empty for the POS model).
    """

    # distinct words whose feature rows are kept (a long collection meets many)
    CACHE_WORDS = 200_000

    def __init__(self, data: dict, templates: _Templates, pos_classes: Sequence[str] = ()):
        self.templates = templates
        stored = list(data["classes"])
        # Columns in descending label order: argmax takes the first maximum, which
        # is then NLTK's tie-break (the alphabetically last label among the best).
        self.labels = tuple(sorted(stored, reverse=True))
        column_of_stored = np.array([self.labels.index(c) for c in stored], dtype=np.int64)
        features = data["features"]
        indptr, columns, values = (int_array(data[key]) for key in ("indptr", "columns",
                                                                      "weights"))
        rows = np.repeat(np.arange(1, len(features) + 1), np.diff(indptr))
        weights = np.zeros((len(features) + 1, len(self.labels)), dtype=np.int32)
        weights[rows, column_of_stored[columns]] = values
        self.weights = weights  # row 0 stays zero: "no such feature"
        # a token's static score sums one weight per template: int32 is exact (and
        # faster) unless that many of the largest weights could overflow it
        largest = int(np.abs(weights).max()) if weights.size else 0
        n_static = len(templates.word) + len(templates.pos) + 1
        self.sum_dtype = np.int32 if largest * n_static < 2**31 else np.int64
        self.n_features = len(features)
        template = _features_by_template(features)
        # each word template's {value: row}, read without building "NAME VALUE" strings
        self._word_lookups = [(offset, name, template(name), raw, value)
                              for offset, name, raw, value in templates.word]
        # A model with few labels keeps, for each word and each offset its templates
        # read, the sum of those templates' weights (one label vector): a token's
        # static score then adds one vector an offset, not one a template (the entity
        # model: 9 for 31). The vectors take no more than twice the memory of the
        # feature rows they replace; with many labels (the POS model) they would.
        offsets = sorted({t[0] for t in templates.word})
        self.grouped = 4 * len(self.labels) * len(offsets) <= 2 * 8 * len(templates.word)
        self.group_offsets = np.array(offsets if self.grouped else [], dtype=np.int64)
        # the word templates in order of their group, and where each group starts
        groups = [[k for k, t in enumerate(templates.word) if t[0] == offset]
                  for offset in self.group_offsets.tolist()]
        self._group_order = [k for group in groups for k in group]
        self._group_starts = np.cumsum([0] + [len(group) for group in groups[:-1]])
        # the templates whose feature rows the word table keeps (see _word_rows)
        row_templates = [] if self.grouped else templates.word
        self.n_row_templates = len(row_templates)
        label_index = {label: k for k, label in enumerate(self.labels)}
        self.tagdict = {word: label_index[tag] for word, tag in data["tagdict"].items()}
        n = len(self.labels)
        self.START, self.START2 = n, n + 1  # history states before a sentence's first tag
        self.states = self.labels + START
        self.bias = next((row for row, f in enumerate(features, start=1) if f == "bias"), 0)
        self.history = self._history_scores(template)
        # how much the tag history can raise any label over each label
        self.history_gap = (self.history.max(axis=2, keepdims=True)
                            - self.history).max(axis=(0, 1))
        self.prev_word = [_PrevFeatures(template(name), self.states, weights)
                          for name, _ in templates.prev_word]
        self.pos_states = tuple(pos_classes) + PSEUDO_WORDS
        self.pos_rows = np.array([[template(name).get(tag, 0)
                                   for tag in self.pos_states] for _, name in templates.pos],
                                 dtype=np.int64).reshape(len(templates.pos), len(self.pos_states))
        # the offset each static template reads: word templates, then POS templates
        self.offsets = np.array([t[0] for t in row_templates] + [t[0] for t in templates.pos],
                                dtype=np.int64)
        self.prev_pos = [_PrevFeatures(template(name), self.states, weights)
                         for name in templates.prev_pos]
        # value id of each part of speech, for each prev_pos template
        self.prev_pos_values = [np.array(table.value_ids(self.pos_states), dtype=np.int64)
                                for table in self.prev_pos]
        self._clear_words()

    def _history_scores(self, template: Callable[[str], dict[str, int]]) -> np.ndarray:
        """Scores of the tag-history features for every (previous, one before) pair."""
        previous, before, both = (template(name) for name in HISTORY)
        n = len(self.states)
        table = np.zeros((n, n, len(self.labels)), dtype=np.int64)
        for a, prev in enumerate(self.states):
            for b, prev2 in enumerate(self.states):
                rows = [previous.get(prev, 0), before.get(prev2, 0),
                        both.get(f"{prev} {prev2}", 0)]
                table[a, b] = self.weights[rows].sum(axis=0)
        return table

    def _word_rows(self, words: Sequence[str], pseudo: bool = False,
                   ) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the word table for ``words`` and their score vectors.

        The table's row of a word: the feature row of every word template the model
        does not group, the value id of every previous-tag word template, the
        tag-dictionary label or -1. Its vectors (grouped models): for each offset of
        :attr:`group_offsets`, the summed weights of the templates at that offset.
        A template's row is the feature the word gives when it stands at that
        template's offset; pseudo words only fill the templates of neighbours.
        Built a template at a time (one value function over all the words).
        """
        templates = self.templates
        contexts = list(words) if pseudo else templates.context.many(words)
        values: dict[tuple, list[str]] = {}
        rows: dict[tuple, list[int]] = {}

        def values_of(function: Callable[[str], str], raw: bool) -> list[str]:
            key = (function, raw)
            if key not in values:
                values[key] = function.many(words if raw else contexts)
            return values[key]

        def rows_of(name: str, lookup: dict[str, int], function: Callable[[str], str],
                    raw: bool) -> list[int]:
            # templates of one name at several offsets ("left word" at -1 to -4) give
            # a word the same row: looked up once
            key = (name, function, raw)
            if key not in rows:
                found = values_of(function, raw)
                rows[key] = list(map(lookup.get, found, repeat(0, len(found))))
            return rows[key]

        feature_rows = [[0] * len(words) if pseudo and offset == 0 else
                        rows_of(name, lookup, function, raw)
                        for offset, name, lookup, raw, function in self._word_lookups]
        if self.grouped:  # each group's rows summed: (groups, words, labels) -> by word
            ids = _int_rows([feature_rows[k] for k in self._group_order], len(words))
            gathered = np.take(self.weights, ids, axis=0)
            vectors = np.empty((len(words), len(self._group_starts), len(self.labels)),
                               dtype=self.sum_dtype)
            for g, (first, last) in enumerate(pairwise([*self._group_starts.tolist(), len(ids)])):
                vectors[:, g] = gathered[first:last].sum(axis=0, dtype=self.sum_dtype)
        else:
            vectors = np.zeros((len(words), 0, len(self.labels)), dtype=self.sum_dtype)
        columns = feature_rows[:self.n_row_templates]
        columns += [table.value_ids(values_of(function, False))
                    for table, (_, function) in zip(self.prev_word, templates.prev_word,
                                                    strict=True)]
        columns.append([-1] * len(words) if pseudo else
                        list(map(self.tagdict.get, words, repeat(-1, len(words)))))
        return _int_rows(columns, len(words)).T, vectors

    def _clear_words(self) -> None:
        """Start the word table afresh with the pseudo words (its first rows)."""
        self._word_row: dict[str, int] = {}
        self._word_table, self._word_vectors = self._word_rows(PSEUDO_WORDS, pseudo=True)
        self._word_count = len(PSEUDO_WORDS)

    def word_rows(self, words: Sequence[str]) -> np.ndarray:
        """Indices into the word table (see :meth:`_word_rows`) of distinct words,
        cached: a word's features are looked up once, however many articles it is in.
        The pseudo words are the first rows."""
        if len(self._word_row) >= self.CACHE_WORDS:
            self._clear_words()
        known = self._word_row
        missing = list(filterfalse(known.__contains__, words))
        if missing:
            count = self._word_count
            needed = count + len(missing)
            if needed > len(self._word_table):
                size = max(needed, 2 * len(self._word_table))
                table = np.zeros((size, self._word_table.shape[1]), dtype=np.int64)
                table[:count] = self._word_table[:count]
                vectors = np.zeros((size, *self._word_vectors.shape[1:]), dtype=self.sum_dtype)
                vectors[:count] = self._word_vectors[:count]
                self._word_table, self._word_vectors = table, vectors
            self._word_table[count:needed], self._word_vectors[count:needed] = (
                self._word_rows(missing))
            known.update(zip(missing, range(count, needed), strict=True))
            self._word_count = needed
        return np.fromiter(map(known.__getitem__, words), dtype=np.int64, count=len(words))

    def decode(self, words: Sequence[str], word_type: np.ndarray, sentence_starts: Sequence[int],
               pos: np.ndarray | None = None) -> np.ndarray:
        """Label indices (into ``self.labels``) of the tokens, greedily left to right.

        Parameters
        ----------
        words : sequence of str
            The distinct words of the tokens.
        word_type : numpy array of int
            For each token of consecutive sentences, the index of its word in ``words``.
        sentence_starts : sequence of int
            Index of each sentence's first token (the first is 0).
        pos : numpy array of int, optional
            Indices into ``pos_states`` of the tokens' part of speech (entity model).
        """
        n = len(word_type)
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        # each word's row of the word table; the pseudo words (its first rows) come
        # after the distinct words, in the order of PSEUDO_WORDS
        row = np.append(self.word_rows(words), np.arange(len(PSEUDO_WORDS)))
        table = self._word_table[row]
        n_word, n_prev = self.n_row_templates, len(self.prev_word)
        labels = table[word_type, -1]
        to_score = np.flatnonzero(labels < 0)
        if not len(to_score):
            return labels

        starts = np.asarray(sentence_starts, dtype=np.int64)
        lengths = np.diff(np.append(starts, n))
        sentence = np.repeat(np.arange(len(starts)), lengths)
        position = (np.arange(n) - starts[sentence])[to_score]
        length = lengths[sentence][to_score]
        word_type = np.append(word_type, len(words) + np.arange(len(PSEUDO_WORDS)))
        pos_context = None if pos is None else np.append(
            pos, len(self.pos_states) - len(PSEUDO_WORDS) + np.arange(len(PSEUDO_WORDS)))

        # Gathers are laid out a template (or offset) a row, a scored token a column:
        # the sums then add whole contiguous blocks (a sum across the middle axis of
        # (tokens, templates, labels) costs numpy twice the instructions).
        def read(offsets: np.ndarray) -> np.ndarray:
            # the index of the token (or n + pseudo word) each offset reads
            where = offsets[:, None] + position
            return np.where(where < 0, n + WIDTH + where,
                            np.where(where >= length, n + WIDTH + where - length,
                                     offsets[:, None] + to_score))

        # every ungrouped template's row for every scored token, in one gather
        index = read(self.offsets)
        ids = np.empty((len(self.offsets) + 1, len(to_score)), dtype=np.int64)
        ids[:n_word] = table[word_type[index[:n_word]], np.arange(n_word)[:, None]]
        if self.templates.pos:
            ids[n_word:-1] = self.pos_rows[np.arange(len(self.templates.pos))[:, None],
                                           pos_context[index[n_word:]]]
        ids[-1] = self.bias
        scores = np.take(self.weights, ids, axis=0).sum(axis=0, dtype=self.sum_dtype)
        if self.grouped:  # and one word vector an offset (rows of the flattened table)
            groups = len(self.group_offsets)
            vectors = self._word_vectors.reshape(-1, len(self.labels))
            at = row[word_type[read(self.group_offsets)]] * groups + np.arange(groups)[:, None]
            scores += np.take(vectors, at, axis=0).sum(axis=0, dtype=self.sum_dtype)

        # previous-tag features: value ids (word templates, then POS templates)
        value_ids = [table[word_type[to_score], n_word + k] for k in range(n_prev)]
        value_ids += [values[pos[to_score]] for values in self.prev_pos_values]
        tables = self.prev_word + self.prev_pos

        # A token whose best static score leads the runner-up by more than the
        # previous tags could ever add to another label gets that label now.
        best = scores.argmax(axis=1)
        top2 = np.partition(scores, -2, axis=1)[:, -2:] if scores.shape[1] > 1 else scores
        margin = top2[:, -1] - top2[:, 0]
        bound = self.history_gap[best] + sum(
            (table.gap[ids, best] for table, ids in zip(tables, value_ids, strict=True)),
            np.zeros(len(to_score), dtype=np.int64))
        settled = margin > bound
        labels[to_score[settled]] = best[settled]
        undecided = self._waves(labels, to_score, position, scores, value_ids, tables,
                                np.flatnonzero(~settled))
        return self._greedy(labels, to_score[undecided], position[undecided],
                            scores[undecided], [ids[undecided] for ids in value_ids], tables)

    # a wave costs tens of microseconds: below this many tokens the loop is cheaper
    MIN_WAVE = 16

    def _waves(self, labels, to_score, position, scores, value_ids, tables, pending,
               ) -> np.ndarray:
        """Tag at once every pending token whose two previous tags are known, again
        while that is worth it; return the tokens still pending (``to_score`` rows)."""
        while len(pending) >= self.MIN_WAVE:
            tokens, where = to_score[pending], position[pending]
            prev = np.where(where >= 1, labels[np.maximum(tokens - 1, 0)], self.START)
            prev2 = np.where(where >= 2, labels[np.maximum(tokens - 2, 0)],
                             np.where(where == 1, self.START, self.START2))
            ready = (prev >= 0) & (prev2 >= 0)
            if ready.sum() < self.MIN_WAVE:
                break
            rows, prev = pending[ready], prev[ready]
            total = scores[rows] + self.history[prev, prev2[ready]]
            for table, ids in zip(tables, value_ids, strict=True):
                total += self.weights[table.rows[ids[rows], prev]]
            labels[to_score[rows]] = total.argmax(axis=1)
            pending = pending[~ready]
        return pending

    def _greedy(self, labels: np.ndarray, tokens: np.ndarray, position: np.ndarray,
                scores: np.ndarray, value_ids: list[np.ndarray], tables: list[_PrevFeatures],
                ) -> np.ndarray:
        """Choose the tags of ``tokens`` in text order: static scores + tag-history
        scores + the token's previous-tag features, argmax (ties: the last label)."""
        out = labels.tolist()
        history = self.history
        weights = self.weights
        start, start2 = self.START, self.START2
        # each token's feature row after each previous state, per table (plain lists)
        rows_per_token = list(zip(*[table.rows[ids].tolist()
                                    for table, ids in zip(tables, value_ids, strict=True)],
                                  strict=True)) if tables else [()] * len(tokens)
        for k, (i, where) in enumerate(zip(tokens.tolist(), position.tolist(), strict=True)):
            prev = out[i - 1] if where >= 1 else start
            prev2 = out[i - 2] if where >= 2 else (start if where == 1 else start2)
            total = scores[k] + history[prev, prev2]
            for rows in rows_per_token[k]:
                row = rows[prev]
                if row:
                    total += weights[row]
            out[i] = int(total.argmax())
        return np.array(out, dtype=np.int64)


def _int_rows(lists: list[list[int]], width: int) -> np.ndarray:
    """Lists of ``width`` ints as the rows of an int64 array, read in one pass
    (``np.array`` of nested lists first works out every element's type and shape)."""
    return np.fromiter(chain.from_iterable(lists), dtype=np.int64,
                       count=len(lists) * width).reshape(len(lists), width)


def word_types(words: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct words, and for each token the index of its word among them."""
    # in C (no Python step a token): the words in order of first sight, then a lookup
    distinct = list(dict.fromkeys(words))
    index = dict(zip(distinct, range(len(distinct)), strict=True))
    return distinct, np.fromiter(map(index.__getitem__, words), dtype=np.int64,
                                 count=len(words))


def repair_bio(tags: list[str], sentence_starts: Sequence[int]) -> list[str]:
    """``I-X`` not after ``B-X``/``I-X`` of the same sentence becomes ``B-X``."""
    starts = set(sentence_starts)
    previous = "O"
    for i, tag in enumerate(tags):
        if i in starts:
            previous = "O"
        if tag[:2] == "I-" and previous[2:] != tag[2:]:
            tag = tags[i] = "B-" + tag[2:]
        previous = tag
    return tags


class Tagger:
    """Part of speech and entity tagger (two averaged perceptrons).

    Parameters
    ----------
    model : dict
        A model as :mod:`analysis.tag_train` writes it (``pos``, ``ner``, ``training``).

    Examples
    --------
    >>> tagger = load_tagger()
    >>> tagger.tag([["Obama", "said", "it", "."]])
    [[('Obama', 'NNP', 'B-PERSON'), ('said', 'VBD', 'O'), ('it', 'PRP', 'O'), ('.', '.', 'O')]]
    """

    def __init__(self, model: dict):
        if model.get("format") != MODEL_FORMAT:
            raise ValueError(f"not a tagger model of format {MODEL_FORMAT!r} "
                             f"(found {model.get('format')!r}): retrain it with train-tagger")
        #: How the model was trained: corpus, held-out articles and their rule, settings.
        self.training: dict = model.get("training", {})
        self.pos = _Perceptron(model["pos"], POS_TEMPLATES)
        # the entity model reads the POS model's label indices (its pos_states start so)
        self.ner = _Perceptron(model["ner"], NER_TEMPLATES, pos_classes=self.pos.labels)
        # for repair_bio on label indices: each label's entity type (-1: O), whether
        # it is an I- label, and the B- label of its type
        labels = self.ner.labels
        kinds = sorted({label[2:] for label in labels if label != "O"})
        self._entity_type = np.array([kinds.index(label[2:]) if label != "O" else -1
                                      for label in labels], dtype=np.int64)
        self._inside = np.array([label.startswith("I-") for label in labels])
        self._begin = np.array([labels.index("B-" + label[2:]) if "B-" + label[2:] in labels
                                else k for k, label in enumerate(labels)], dtype=np.int64)

    def tag_indices(self, words: Sequence[str], sentence_starts: Sequence[int],
                    ) -> tuple[np.ndarray, np.ndarray]:
        """Label indices of the POS tags (``self.pos.labels``) and entity tags
        (``self.ner.labels``, repaired as :func:`repair_bio` does) of consecutive sentences."""
        distinct_words, word_type = word_types(words)
        pos = self.pos.decode(distinct_words, word_type, sentence_starts)
        entity = self.ner.decode(distinct_words, word_type, sentence_starts, pos=pos)
        if len(entity):
            kind = self._entity_type[entity]
            before = np.append(-1, kind[:-1])
            before[np.asarray(sentence_starts, dtype=np.int64)] = -1
            # repairing changes I-X to B-X, never a type: one pass over the types is enough
            stray = self._inside[entity] & (before != kind)
            entity[stray] = self._begin[entity[stray]]
        return pos, entity

    def tag_words(self, words: Sequence[str], sentence_starts: Sequence[int],
                  ) -> TokenTags:
        """:class:`TokenTags` of the tokens of consecutive sentences."""
        pos, entity = self.tag_indices(words, sentence_starts)
        pos_labels, entity_labels = self.pos.labels, self.ner.labels
        return TokenTags(tuple(map(pos_labels.__getitem__, pos.tolist())),
                         tuple(map(entity_labels.__getitem__, entity.tolist())))

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str, str]]]:
        """``(word, pos, entity)`` of every word of every sentence (lists of words).

        NLTK's ``TaggerI.tag`` shape, with the entity tag as a third element.
        """
        words = [w for sentence in sentences for w in sentence]
        starts, offset = [], 0
        for sentence in sentences:
            if sentence:
                starts.append(offset)
            offset += len(sentence)
        tags = self.tag_words(words, starts)
        out, k = [], 0
        for sentence in sentences:
            out.append([(w, tags.pos[k + j], tags.entity[k + j]) for j, w in enumerate(sentence)])
            k += len(sentence)
        return out


def read_model(path: str | Path) -> dict:
    """A model file (JSON, gzip-compressed when the name ends in ``.gz``)."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def load_tagger(path: str | Path | None = None) -> Tagger:
    """The tagger of a model file (default: the committed model, loaded once).

    Parameters
    ----------
    path : str or Path, optional
        A model written by ``python -m analysis train-tagger`` (``tagger.json.gz``
        in its ``--out`` folder). Plain JSON: no pickle, no download.

    Returns
    -------
    Tagger
    """
    if path is None:
        return _default_tagger()
    return Tagger(read_model(path))


@cache
def _default_tagger() -> Tagger:
    return Tagger(read_model(resource_path(MODEL_FILE)))


# ---------------------------------------------------------------------------
# Articles


def sentence_starts_of(spans: Sequence[tuple[int, int, int]]) -> list[int]:
    """Index of the first token of each sentence in token spans ``(start, end, sentence)``."""
    starts = []
    previous = None
    for i, (_, _, sentence) in enumerate(spans):
        if sentence != previous:
            starts.append(i)
            previous = sentence
    return starts


@lru_cache(maxsize=4)
def article_tags(article: Article) -> TokenTags:
    """Part of speech and entity tags of ``_article_tokens(article)``, one per token.

    Cached per article (like the tokens): the pipeline's stages share one tagging.

    Parameters
    ----------
    article : Article

    Returns
    -------
    TokenTags
        ``pos`` and ``entity``, tuples of str as long as ``_article_tokens(article)``.
    """
    # through the module: the article's token spans are the ones every stage shares
    spans = _tokenize._article_tokens(article)
    text = article.text
    return _default_tagger().tag_words([text[s:e] for s, e, _ in spans],
                                       sentence_starts_of(spans))


def tagged_tokens(article: Article | str) -> pd.DataFrame:
    """The token table of :func:`analysis.tokenize.tokens` with ``pos`` and ``entity``.

    Parameters
    ----------
    article : Article or str

    Returns
    -------
    pandas.DataFrame
        The columns of ``tokenize.tokens``, then ``pos`` (Penn Treebank tag) and
        ``entity`` (BIO tag: ``B-PERSON``, ``I-PERSON``, ... ``O``).

    Examples
    --------
    >>> table = tagged_tokens("Smith flew to Paris.")
    >>> list(zip(table.text, table.pos, table.entity))[::3]
    [('Smith', 'NNP', 'B-PERSON'), ('Paris', 'NNP', 'B-LOCATION')]
    """
    article = as_article(article)
    table = _tokenize.tokens(article)
    tags = article_tags(article)
    table["pos"] = tags.pos
    table["entity"] = tags.entity
    return table
