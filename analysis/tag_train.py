"""Training and measuring the tagger of :mod:`analysis.tag` on silver CoreNLP tags.

``python -m analysis train-tagger ../shared/polnear-train --out DIR`` runs
:func:`train_tagger`: it reads every article that has a ``corenlp/NAME.tsv``
file, aligns CoreNLP's tokens to the project's own (``tokenize._article_tokens``)
by character offsets, holds out a fixed 10% of the articles, trains the
part-of-speech perceptron and then the entity perceptron with NLTK's averaged
perceptron, and writes ``DIR/tagger.json.gz`` (plain JSON, no pickle).

Alignment (the silver label of each of our tokens)
--------------------------------------------------
* A token of ours that covers several CoreNLP tokens (``Clinton’s`` = ``Clinton``
  + ``’s``, ``don’t`` = ``do`` + ``n’t``, ``it’s``) takes the tags of the first:
  the word the clitic leans on (``NNP``, ``VBP``, ``PRP``).
* A token of ours that is part of a CoreNLP token takes its tags (``J`` of
  ``J.``, each ``'`` of CoreNLP's ``''``), except that a piece of punctuation cut
  from a CoreNLP word (the ``.`` of ``J.``, the ``<`` of an HTML tag) has no
  part-of-speech label: it is neither learned from nor scored. Its entity class
  is the CoreNLP token's, so ``John J. Smith`` stays one name.
* A token no CoreNLP token overlaps (control characters CoreNLP dropped) has no
  part-of-speech label and entity ``O``.
* Entity classes become BIO tags per sentence of ours: a run of tokens of one
  class is one entity (CoreNLP's own grouping of its token classes into entity
  mentions); its number, date, money... classes are ``O``.

Held-out articles
-----------------
Per publisher (``metadata.tsv``), the articles are ordered by the SHA-1 of their
name and the first 10% (rounded) are held out: a fixed, stratified split that
does not depend on the order of files or on the random generator. The list and
the rule are stored in the model (``training.held_out``).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .article import article_from_text
from .tag import (
    AFTER,
    BEFORE,
    END,
    ENTITY_TYPES,
    MODEL_FILE,
    MODEL_FORMAT,
    POS_TEMPLATES,
    START,
    Tagger,
    _Perceptron,
    int_array,
    int_text,
    repair_bio,
    sentence_starts_of,
    word_shape,
    word_types,
)
from .tokenize import _article_tokens

__all__ = ["Silver", "read_silver", "held_out_names", "train_tagger", "score_tagger",
           "ReferenceTagger", "ner_features", "HELD_OUT_RULE"]

HELD_OUT_SHARE = 0.10
HELD_OUT_RULE = ("per publisher (metadata.tsv), articles ordered by the SHA-1 hex digest of "
                 "their name; the first round(10% of the publisher's articles) are held out")
#: NLTK's thresholds for its tag dictionary: a word seen at least 20 times, with
#: one tag at least 97% of the time, is tagged without scoring.
TAGDICT_MIN_COUNT = 20
TAGDICT_MIN_SHARE = 0.97
#: Averaged weights smaller than this (in thousandths) are dropped from the model.
DEFAULT_PRUNE = 1
SCORED_TYPES = ("PERSON", "ORGANIZATION", "LOCATION")


@dataclass
class Silver:
    """One article's tokens with their silver labels (None: no label)."""

    name: str
    publisher: str
    words: list[str]
    sentence_starts: list[int]
    pos: list[str | None]
    entity: list[str]

    def sentences(self) -> Iterable[tuple[int, int]]:
        """(first, end) token indices of each sentence."""
        bounds = [*self.sentence_starts, len(self.words)]
        return zip(bounds[:-1], bounds[1:], strict=True)


# ---------------------------------------------------------------------------
# Reading and aligning


def read_corenlp(path: Path) -> list[tuple[int, int, str, str]]:
    """``(start, end, pos, ner)`` of every CoreNLP token of a ``corenlp/NAME.tsv`` file."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        next(handle)  # header
        for line in handle:
            line = line.rstrip("\n")
            if line:
                start, end, _word, pos, ner, _lemma = line.split("\t")
                rows.append((int(start), int(end), pos, ner))
    rows.sort()
    return rows


def align(text: str, spans: Sequence[tuple[int, int, int]],
          corenlp: Sequence[tuple[int, int, str, str]]) -> tuple[list, list]:
    """Silver part of speech (or None) and entity class of each token (module docstring)."""
    pos: list[str | None] = []
    classes: list[str] = []
    j = 0
    for start, end, _ in spans:
        while j < len(corenlp) and corenlp[j][1] <= start:
            j += 1
        if j == len(corenlp) or corenlp[j][0] >= end:
            pos.append(None)
            classes.append("O")
            continue
        c_start, c_end, tag, ner = corenlp[j]
        if (c_start < start or c_end > end) and not _has_word_char(text[start:end]) and (
                _has_word_char(text[c_start:c_end])):
            tag = None
        pos.append(tag)
        classes.append(ner if ner in ENTITY_TYPES else "O")
    return pos, classes


def _has_word_char(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def to_bio(classes: Sequence[str], sentence_starts: Sequence[int]) -> list[str]:
    """Entity classes per token as BIO tags: a run of one class in a sentence is one entity."""
    starts = set(sentence_starts)
    tags = []
    previous = "O"
    for i, cls in enumerate(classes):
        if i in starts:
            previous = "O"
        tags.append("O" if cls == "O" else ("I-" if cls == previous else "B-") + cls)
        previous = cls
    return tags


def _publishers(folder: Path) -> dict[str, str]:
    path = folder / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row.get("publisher", "") for row in
                csv.DictReader(handle, delimiter="\t")}


def corpus_names(folder: str | Path) -> list[str]:
    """Names of the articles that have both a text and a CoreNLP file, sorted."""
    folder = Path(folder)
    return sorted(p.stem for p in (folder / "corenlp").glob("*.tsv")
                  if (folder / "text" / f"{p.stem}.txt").is_file())


def held_out_names(folder: str | Path, share: float = HELD_OUT_SHARE) -> list[str]:
    """The articles kept out of training (:data:`HELD_OUT_RULE`), sorted."""
    folder = Path(folder)
    publishers = _publishers(folder)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in corpus_names(folder):
        groups[publishers.get(name, "")].append(name)
    held = []
    for names in groups.values():
        names.sort(key=lambda name: hashlib.sha1(name.encode("utf-8")).hexdigest())
        held += names[:round(share * len(names))]
    return sorted(held)


def read_silver(folder: str | Path, names: Iterable[str]) -> list[Silver]:
    """Tokens and aligned silver labels of the named articles of a PolNeAR-style folder."""
    folder = Path(folder)
    publishers = _publishers(folder)
    out = []
    for name in names:
        # the text exactly as the offsets of corenlp/NAME.tsv index it (UTF-8, as is)
        with (folder / "text" / f"{name}.txt").open(encoding="utf-8", newline="") as handle:
            raw = handle.read()
        article = article_from_text(raw, id=name)
        spans = _article_tokens(article)
        text = article.text
        starts = sentence_starts_of(spans)
        pos, classes = align(text, spans, read_corenlp(folder / "corenlp" / f"{name}.tsv"))
        out.append(Silver(name, publishers.get(name, ""), [text[s:e] for s, e, _ in spans],
                          starts, pos, to_bio(classes, starts)))
    return out


# ---------------------------------------------------------------------------
# Features for NLTK's prediction (the fast path in analysis.tag computes the same)


def _nltk_pos_tagger():
    from nltk.tag.perceptron import PerceptronTagger

    return PerceptronTagger(load=False)


def ner_features(i: int, words: Sequence[str], pos: Sequence[str], prev: str, prev2: str,
                 ) -> dict[str, int]:
    """The entity model's features of token ``i``, as NLTK's ``_get_features`` builds
    a POS tagger's: a ``{"NAME VALUE": 1}`` dict (templates: ``tag.NER_TEMPLATES``)."""
    features: dict[str, int] = defaultdict(int)

    def add(name, *args):
        features[" ".join((name, *args))] += 1

    context = [*BEFORE, *words, *AFTER]
    tags = [*BEFORE, *pos, *AFTER]
    i += len(BEFORE)
    word = context[i]
    lower = word.lower()
    add("bias")
    add("i word", word)
    add("i shape", word_shape(word))
    add("i prefix1", word[0])
    for k in (2, 3, 4, 5):
        add(f"i prefix{k}", word[:k].lower())
    for k in (1, 2, 3, 4, 5, 6):
        add(f"i suffix{k}", word[-k:].lower())
    add("i-1 word", context[i - 1].lower())
    add("i-1 shape", word_shape(context[i - 1]))
    add("i-1 suffix", context[i - 1][-3:].lower())
    add("i-2 word", context[i - 2].lower())
    add("i-2 shape", word_shape(context[i - 2]))
    add("i+1 word", context[i + 1].lower())
    add("i+1 shape", word_shape(context[i + 1]))
    add("i+1 suffix", context[i + 1][-3:].lower())
    add("i+2 word", context[i + 2].lower())
    add("i+2 shape", word_shape(context[i + 2]))
    for k in (1, 2, 3, 4):
        add("left word", context[i - k].lower())
        add("right word", context[i + k].lower())
    add("i pos", tags[i])
    add("i-1 pos", tags[i - 1])
    add("i+1 pos", tags[i + 1])
    add("i-1 tag", prev)
    add("i-2 tag", prev2)
    add("i tag+i-2 tag", prev, prev2)
    add("i-1 tag+i shape", prev, word_shape(word))
    add("i-1 tag+i word", prev, lower)
    add("i-1 tag+i pos", prev, tags[i])
    return features


def _sentence_features(kind: str, nltk_tagger) -> Callable:
    """``(words, pos) -> features(i, prev, prev2)`` for one sentence."""
    if kind == "pos":
        def for_sentence(words, _pos):
            context = [*START, *(nltk_tagger.normalize(w) for w in words), *END]
            return lambda i, prev, prev2: nltk_tagger._get_features(
                i, words[i], context, prev, prev2)
    else:
        def for_sentence(words, pos):
            return lambda i, prev, prev2: ner_features(i, words, pos, prev, prev2)
    return for_sentence


# ---------------------------------------------------------------------------
# Training


def _tag_dictionary(sentences) -> dict[str, str]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for words, labels, _ in sentences:
        for word, label in zip(words, labels, strict=True):
            if label is not None:
                counts[word][label] += 1
    tagdict = {}
    for word, tags in counts.items():
        tag, mode = tags.most_common(1)[0]
        total = sum(tags.values())
        if total >= TAGDICT_MIN_COUNT and mode / total >= TAGDICT_MIN_SHARE:
            tagdict[word] = tag
    return dict(sorted(tagdict.items()))


def _train_perceptron(sentences: list, features_for: Callable, tagdict: dict[str, str],
                      iterations: int, seed: int, log: Callable[[str], None]):
    """NLTK's ``PerceptronTagger.train`` loop (greedy, tag dictionary first), on
    sentences ``(words, labels, pos)`` whose unlabelled tokens (None) are tagged
    for the history but never learned from; a seeded shuffle between passes."""
    from nltk.tag.perceptron import AveragedPerceptron

    model = AveragedPerceptron()
    model.classes = {label for _, labels, _ in sentences for label in labels if label}
    rng = random.Random(seed)
    sentences = list(sentences)
    for iteration in range(iterations):
        right = total = 0
        for words, labels, pos in sentences:
            features_of = features_for(words, pos)
            prev, prev2 = START
            for i, word in enumerate(words):
                guess = tagdict.get(word)
                if not guess:
                    features = features_of(i, prev, prev2)
                    guess, _ = model.predict(features)
                    if labels[i] is not None:
                        model.update(labels[i], guess, features)
                prev2, prev = prev, guess
                if labels[i] is not None:
                    right += guess == labels[i]
                    total += 1
        rng.shuffle(sentences)
        log(f"  pass {iteration + 1}/{iterations}: {right / max(total, 1):.2%} of "
            f"{total} training tokens right")
    model.average_weights()
    return model


def _model_data(model, tagdict: dict[str, str], prune: int) -> dict:
    """Weights as integer thousandths in sparse rows, features sorted, tiny ones pruned."""
    classes = sorted(model.classes)
    column = {c: k for k, c in enumerate(classes)}
    features, indptr, columns, weights = [], [0], [], []
    for feature in sorted(model.weights):
        row = sorted((column[c], round(w * 1000)) for c, w in model.weights[feature].items())
        row = [(c, w) for c, w in row if abs(w) >= prune]
        if not row:
            continue
        features.append(feature)
        columns += [c for c, _ in row]
        weights += [w for _, w in row]
        indptr.append(len(columns))
    return {"classes": classes, "tagdict": tagdict, "features": features,
            "indptr": int_text(indptr), "columns": int_text(columns), "weights": int_text(weights)}


def _sentences_of(articles: list[Silver], labels_of: Callable, pos_of: Callable) -> list:
    out = []
    for article in articles:
        labels, pos = labels_of(article), pos_of(article)
        for first, end in article.sentences():
            if any(label is not None for label in labels[first:end]):
                out.append((article.words[first:end], labels[first:end],
                            pos[first:end] if pos is not None else None))
    return out


def train_tagger(folder: str | Path, out: str | Path | None = None, *, iterations: int = 8,
                 seed: int = 1, prune: int = DEFAULT_PRUNE, limit: int | None = None,
                 log: Callable[[str], None] = print) -> dict:
    """Train the part-of-speech and entity perceptrons; write ``out/tagger.json.gz``.

    Parameters
    ----------
    folder : str or Path
        A PolNeAR-style folder: ``text/NAME.txt``, ``corenlp/NAME.tsv``, and
        ``metadata.tsv`` (publisher, for the held-out split).
    out : str or Path, optional
        Output folder (created); nothing is written when None.
    iterations : int
        Passes over the training sentences (NLTK's default is 5; 8 scored better
        for entities on the held-out articles: F1 0.859 against 0.854).
    seed : int
        Seed of the shuffle between passes (the result is reproducible).
    prune : int
        Drop averaged weights smaller than this many thousandths.
    limit : int, optional
        Train on the first ``limit`` training articles only (a quick check).

    Returns
    -------
    dict
        The model (what :class:`analysis.tag.Tagger` takes).

    Examples
    --------
    >>> model = train_tagger("../shared/polnear-train", "tagger-model")  # doctest: +SKIP
    """
    folder = Path(folder)
    names = corpus_names(folder)
    if not names:
        raise ValueError(f"{folder}: no article has both text/NAME.txt and corenlp/NAME.tsv")
    held_out = held_out_names(folder)
    kept_out = set(held_out)
    train_names = [n for n in names if n not in kept_out][:limit]
    started = time.perf_counter()
    articles = read_silver(folder, train_names)
    log(f"train-tagger: {len(articles)} training articles "
        f"({sum(len(a.words) for a in articles)} tokens), {len(held_out)} held out")
    nltk_tagger = _nltk_pos_tagger()

    pos_sentences = _sentences_of(articles, lambda a: a.pos, lambda a: None)
    pos_tagdict = _tag_dictionary(pos_sentences)
    log(f"part of speech: {len(pos_sentences)} sentences, tag dictionary of "
        f"{len(pos_tagdict)} words")
    pos_model = _train_perceptron(pos_sentences, _sentence_features("pos", nltk_tagger),
                                  pos_tagdict, iterations, seed, log)
    pos_data = _model_data(pos_model, pos_tagdict, prune)

    # The entity model learns from the part of speech the tagger will give it.
    pos_fast = _Perceptron(pos_data, POS_TEMPLATES)
    predicted = {a.name: [pos_fast.labels[k] for k in
                          pos_fast.decode(*word_types(a.words), a.sentence_starts).tolist()]
                 for a in articles}
    ner_sentences = _sentences_of(articles, lambda a: a.entity, lambda a: predicted[a.name])
    log(f"entities: {len(ner_sentences)} sentences")
    ner_model = _train_perceptron(ner_sentences, _sentence_features("ner", nltk_tagger),
                                  {}, iterations, seed, log)
    model = {
        "format": MODEL_FORMAT,
        "training": {
            "corpus": folder.name,
            "labels": "Stanford CoreNLP tokens, POS and 4-class NER as shipped with PolNeAR "
                      "(corenlp/NAME.tsv), aligned to analysis.tokenize tokens",
            "articles": len(articles),
            "tokens": sum(len(a.words) for a in articles),
            "held_out_rule": HELD_OUT_RULE,
            "held_out": held_out,
            "iterations": iterations,
            "seed": seed,
            "prune": prune,
            "tagdict": {"min_count": TAGDICT_MIN_COUNT, "min_share": TAGDICT_MIN_SHARE},
        },
        "pos": pos_data,
        "ner": _model_data(ner_model, {}, prune),
    }
    log(f"trained in {time.perf_counter() - started:.0f} s: {len(pos_data['features'])} POS "
        f"features, {len(model['ner']['features'])} entity features")
    if out is not None:
        path = write_model(model, out)
        log(f"model written to {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return model


def write_model(model: dict, out: str | Path) -> Path:
    """Write ``out/tagger.json.gz`` (byte-for-byte the same for the same model)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / MODEL_FILE
    payload = json.dumps(model, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                mtime=0, compresslevel=9) as handle:
        handle.write(payload)
    return path


# ---------------------------------------------------------------------------
# Reference prediction and scores


class ReferenceTagger:
    """A model run through NLTK's own code, slowly: ``PerceptronTagger.tag`` for the
    part of speech, ``AveragedPerceptron.predict`` on :func:`ner_features` for
    entities. The fast path of :class:`analysis.tag.Tagger` must give the same tags.

    Parameters
    ----------
    model : dict
        A model as :func:`train_tagger` returns it or :func:`analysis.tag.read_model` reads it.
    """

    def __init__(self, model: dict):
        from nltk.tag.perceptron import AveragedPerceptron

        self.pos = _nltk_pos_tagger()
        self.pos.decode_json_params((_weight_dicts(model["pos"]), model["pos"]["tagdict"],
                                     model["pos"]["classes"]))
        self.ner = AveragedPerceptron(_weight_dicts(model["ner"]))
        self.ner.classes = set(model["ner"]["classes"])

    def tag_sentence(self, words: Sequence[str]) -> tuple[list[str], list[str]]:
        """POS and entity tags of one sentence (entities as predicted, not repaired)."""
        pos = [tag for _, tag in self.pos.tag(list(words))]
        entity = []
        prev, prev2 = START
        for i in range(len(words)):
            guess, _ = self.ner.predict(ner_features(i, words, pos, prev, prev2))
            entity.append(guess)
            prev2, prev = prev, guess
        return pos, entity

    def tag_words(self, words: Sequence[str], sentence_starts: Sequence[int],
                  ) -> tuple[list[str], list[str]]:
        """POS and entity tags of consecutive sentences, as ``Tagger.tag_words`` gives them."""
        pos, entity = [], []
        bounds = [*sentence_starts, len(words)]
        for first, end in zip(bounds[:-1], bounds[1:], strict=True):
            sentence_pos, sentence_entity = self.tag_sentence(words[first:end])
            pos += sentence_pos
            entity += sentence_entity
        return pos, repair_bio(entity, sentence_starts)


def _weight_dicts(data: dict) -> dict[str, dict[str, int]]:
    classes = data["classes"]
    indptr, columns, weights = (int_array(data[key]).tolist()
                                for key in ("indptr", "columns", "weights"))
    return {feature: {classes[columns[k]]: weights[k] for k in range(indptr[row], indptr[row + 1])}
            for row, feature in enumerate(data["features"])}


def entity_spans(tags: Sequence[str], sentence_starts: Sequence[int] = ()) -> set:
    """``(first, end, type)`` of every entity of BIO tags (a stray ``I-X`` starts one)."""
    spans = set()
    starts = set(sentence_starts)
    first, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        inside = tag[:2] == "I-" and kind == tag[2:] and i not in starts
        if first is not None and not inside:
            spans.add((first, i, kind))
            first, kind = None, None
        if tag != "O" and not inside:
            first, kind = i, tag[2:]
    return spans


def score_tagger(tagger: Tagger, articles: Sequence[Silver]) -> dict:
    """Agreement with the silver labels: POS accuracy, entity P/R/F1 per type and overall.

    Entities count when span and type are exact. ``overall`` is the micro
    average over PERSON, ORGANIZATION and LOCATION (:data:`SCORED_TYPES`).
    """
    right = total = 0
    counts = {kind: Counter() for kind in ENTITY_TYPES}
    for article in articles:
        tags = tagger.tag_words(article.words, article.sentence_starts)
        for gold, guess in zip(article.pos, tags.pos, strict=True):
            if gold is not None:
                right += gold == guess
                total += 1
        gold_spans = entity_spans(article.entity, article.sentence_starts)
        guess_spans = entity_spans(tags.entity, article.sentence_starts)
        for span in gold_spans | guess_spans:
            counts[span[2]]["tp" if span in gold_spans and span in guess_spans else
                            "fn" if span in gold_spans else "fp"] += 1
    entities = {kind: _prf(counts[kind]) for kind in ENTITY_TYPES}
    entities["overall"] = _prf(sum((counts[k] for k in SCORED_TYPES), Counter()))
    return {"articles": len(articles), "pos_tokens": total,
            "pos_accuracy": right / max(total, 1), "entities": entities}


def _prf(count: Counter) -> dict:
    tp, fp, fn = count["tp"], count["fp"], count["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": tp + fn}


def format_scores(scores: dict) -> str:
    """Scores as a few lines of text."""
    lines = [f"held-out: {scores['articles']} articles, POS agreement with CoreNLP "
             f"{scores['pos_accuracy']:.2%} of {scores['pos_tokens']} tokens"]
    for kind, s in scores["entities"].items():
        lines.append(f"  entities {kind:<12} P {s['precision']:.3f} R {s['recall']:.3f} "
                     f"F1 {s['f1']:.3f} ({s['gold']} gold)")
    return "\n".join(lines)
