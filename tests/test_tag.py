"""The part-of-speech and entity tagger (analysis.tag) and its training (analysis.tag_train)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter

import numpy as np
import pytest
from conftest import ROOT

from analysis.article import article_from_text
from analysis.lexicons import resource_path
from analysis.tag import (
    MODEL_FILE,
    article_tags,
    load_tagger,
    read_model,
    repair_bio,
    tagged_tokens,
    word_shape,
)
from analysis.tag_train import (
    ReferenceTagger,
    _publishers,
    align,
    corpus_names,
    entity_spans,
    held_out_names,
    read_silver,
    score_tagger,
    to_bio,
)
from analysis.tokenize import _article_tokens, tokens


def _tags(text: str) -> list[tuple[str, str, str]]:
    table = tagged_tokens(text)
    return list(zip(table.text, table.pos, table.entity, strict=True))


# ---------------------------------------------------------------------------
# Behaviour on text written for these tests


def test_reporting_verbs_names_and_places():
    tags = _tags("Senator Elizabeth Warren said on Tuesday that the Federal Reserve in "
                 "Washington had raised rates.")
    by_word = {word: (pos, entity) for word, pos, entity in tags}
    assert by_word["said"][0] == "VBD"
    assert by_word["raised"][0] == "VBN"
    assert by_word["the"][0] == "DT"
    assert [by_word[w][1] for w in ("Elizabeth", "Warren")] == ["B-PERSON", "I-PERSON"]
    assert by_word["Washington"][1] == "B-LOCATION"
    assert [by_word[w][1] for w in ("Federal", "Reserve")] == ["B-ORGANIZATION",
                                                               "I-ORGANIZATION"]
    assert by_word["Tuesday"][1] == "O"  # CoreNLP's DATE class is not an entity here


def test_verbs_nouns_and_cities():
    tags = _tags("Police charged the driver in Chicago. The charges were dropped, "
                 "a spokeswoman for the city told reporters.")
    pos = [p for _, p, _ in tags]
    words = [w for w, _, _ in tags]
    assert pos[words.index("charged")] == "VBD"
    assert pos[words.index("charges")] == "NNS"
    assert pos[words.index("told")] == "VBD"
    assert tags[words.index("Chicago")][2] == "B-LOCATION"


def test_quote_marks_and_clitics():
    tags = _tags("“We won’t stop,” Clinton’s aide said.")
    assert [(w, p) for w, p, _ in tags[:2]] == [("“", "``"), ("We", "PRP")]
    by_word = {word: (pos, entity) for word, pos, entity in tags}
    assert by_word["won’t"][0] == "MD"        # the first of CoreNLP's "wo" + "n’t"
    assert by_word["Clinton’s"] == ("NNP", "B-PERSON")
    assert by_word["”"][0] == "''"


def test_table_columns_and_alignment(seed_article):
    table = tagged_tokens(seed_article)
    plain = tokens(seed_article)
    assert list(table.columns) == [*plain.columns, "pos", "entity"]
    assert table[plain.columns].equals(plain)
    spans = _article_tokens(seed_article)
    tags = article_tags(seed_article)
    assert len(tags.pos) == len(tags.entity) == len(spans) == len(table)
    assert list(zip(table.start, table.end, strict=True)) == [(s, e) for s, e, _ in spans]
    assert article_tags(seed_article) is tags  # cached per article
    assert set(tags.entity) <= {"O"} | {f"{p}-{t}" for p in "BI" for t in
                                        ("PERSON", "ORGANIZATION", "LOCATION", "MISC")}


def test_entities_are_well_formed_bio(seed_article):
    tags = article_tags(seed_article)
    sentence_of = [s for _, _, s in _article_tokens(seed_article)]
    for i, tag in enumerate(tags.entity):
        if tag.startswith("I-"):
            assert i > 0 and sentence_of[i - 1] == sentence_of[i]
            assert tags.entity[i - 1][2:] == tag[2:]


def test_odd_input_is_tagged_whole():
    for text in ("!!!", "x", "Ünïcödé — ☃ 42", "a\u00a0b\n\nc"):
        article = article_from_text(text)
        assert len(article_tags(article).pos) == len(_article_tokens(article)) > 0


def test_repair_bio_and_spans():
    assert repair_bio(["O", "I-PERSON", "I-PERSON", "I-LOCATION"], [0]) == [
        "O", "B-PERSON", "I-PERSON", "B-LOCATION"]
    # a new sentence ends an entity
    assert repair_bio(["B-PERSON", "I-PERSON"], [0, 1]) == ["B-PERSON", "B-PERSON"]
    assert entity_spans(["B-PERSON", "I-PERSON", "O", "B-LOCATION"]) == {
        (0, 2, "PERSON"), (3, 4, "LOCATION")}


def test_fast_path_repairs_stray_inside_tags_as_repair_bio_does(monkeypatch):
    tagger = load_tagger()
    labels = tagger.ner.labels
    crafted = ["I-PERSON", "I-PERSON", "O", "I-LOCATION", "B-PERSON", "I-LOCATION",
               "I-ORGANIZATION", "I-ORGANIZATION"]
    starts = [0, 6]
    monkeypatch.setattr(tagger.ner, "decode", lambda *args, **kwargs: np.array(
        [labels.index(tag) for tag in crafted]))
    _, entity = tagger.tag_indices(["w"] * len(crafted), starts)
    assert [labels[k] for k in entity] == repair_bio(list(crafted), starts) == [
        "B-PERSON", "I-PERSON", "O", "B-LOCATION", "B-PERSON", "B-LOCATION",
        "B-ORGANIZATION", "I-ORGANIZATION"]


def test_word_shape():
    assert [word_shape(w) for w in ("Clinton", "U.S.", "McCain", "2016", "$3.5", "NATO")] == [
        "Xx", "X.X.", "XxXx", "d", "$d.d", "X"]


# ---------------------------------------------------------------------------
# Aligning CoreNLP's tokens to ours


def _offsets(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    spans, position = [], 0
    for piece in pieces:
        start = text.index(piece, position)
        position = start + len(piece)
        spans.append((start, position))
    return spans


def test_alignment_rules():
    text = "Clinton’s aide J. Smith don’t <b>"
    ours = ["Clinton’s", "aide", "J", ".", "Smith", "don’t", "<", "b", ">"]
    spans = [(s, e, 0) for s, e in _offsets(text, ours)]
    theirs = [("Clinton", "NNP", "PERSON"), ("’s", "POS", "O"), ("aide", "NN", "O"),
              ("J.", "NNP", "PERSON"), ("Smith", "NNP", "PERSON"), ("do", "VBP", "O"),
              ("n’t", "RB", "O"), ("<b>", "NN", "DATE")]
    corenlp = [(s, e, pos, ner) for (s, e), (_, pos, ner) in
               zip(_offsets(text, [t[0] for t in theirs]), theirs, strict=True)]
    pos, classes = align(text, spans, corenlp)
    # several CoreNLP tokens: the first's tags; part of one: its tags, but no POS
    # label for punctuation cut from a word; number and date classes are O
    assert pos == ["NNP", "NN", "NNP", None, "NNP", "VBP", None, "NN", None]
    assert classes == ["PERSON", "O", "PERSON", "PERSON", "PERSON", "O", "O", "O", "O"]
    assert to_bio(classes, [0]) == ["B-PERSON", "O", "B-PERSON", "I-PERSON", "I-PERSON",
                                    "O", "O", "O", "O"]
    assert to_bio(["PERSON", "PERSON"], [0, 1]) == ["B-PERSON", "B-PERSON"]


# ---------------------------------------------------------------------------
# The model file


def test_model_is_plain_json_and_small():
    path = resource_path(MODEL_FILE)
    assert path.stat().st_size <= 10_000_000
    raw = path.read_bytes()
    assert raw[:2] == b"\x1f\x8b"  # gzip
    model = json.loads(gzip.decompress(raw))  # JSON, not a pickle
    assert model["format"] == "analysis.tag/3"
    assert {"classes", "tagdict", "features", "indptr", "columns", "weights"} <= set(
        model["pos"])
    assert "VBD" in model["pos"]["classes"] and "B-PERSON" in model["ner"]["classes"]
    for part in ("pos", "ner"):
        indptr, columns, weights = (np.array(model[part][key].split(), dtype=np.int64)
                                    for key in ("indptr", "columns", "weights"))
        assert len(indptr) == len(model[part]["features"]) + 1
        assert indptr[-1] == len(columns) == len(weights) and weights.all()
        assert 0 <= columns.min() and columns.max() < len(model[part]["classes"])


def test_model_loads_offline_without_nltk():
    code = (
        "import socket, sys\n"
        "def refuse(*args, **kwargs): raise OSError('no network in this test')\n"
        "socket.socket.connect = refuse\n"
        "sys.modules['nltk'] = None  # importing nltk now fails\n"
        "from analysis.tag import load_tagger\n"
        "print(load_tagger().tag([['Obama', 'said', 'so', '.']]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "('said', 'VBD', 'O')" in done.stdout


# ---------------------------------------------------------------------------
# On the PolNeAR data (skipped without ../shared)


@pytest.fixture(scope="module")
def held_out(polnear_dir):
    model = load_tagger()
    names = model.training["held_out"]
    return read_silver(polnear_dir, names)


def test_held_out_split_is_the_stored_rule(polnear_dir):
    names = held_out_names(polnear_dir)
    assert names == load_tagger().training["held_out"]
    # about a tenth of every publisher
    publisher_of = _publishers(polnear_dir)
    everyone = Counter(publisher_of[n] for n in corpus_names(polnear_dir))
    held = Counter(publisher_of[n] for n in names)
    assert set(held) == set(everyone)
    for publisher, count in everyone.items():
        assert abs(held[publisher] - count / 10) <= 0.5


def test_committed_model_meets_targets_on_held_out(held_out):
    scores = score_tagger(load_tagger(), held_out)
    assert scores["articles"] == len(held_out) >= 80
    assert scores["pos_accuracy"] >= 0.97
    assert scores["entities"]["overall"]["f1"] >= 0.85


def test_fast_path_equals_nltk_prediction(held_out):
    tagger = load_tagger()
    reference = ReferenceTagger(read_model(resource_path(MODEL_FILE)))
    tokens_compared = 0
    for article in held_out:
        fast = tagger.tag_words(article.words, article.sentence_starts)
        pos, entity = reference.tag_words(article.words, article.sentence_starts)
        assert list(fast.pos) == pos, article.name
        assert list(fast.entity) == entity, article.name
        tokens_compared += len(pos)
    assert tokens_compared > 50_000


def test_train_tagger_command_writes_a_model_that_tags(polnear_dir, tmp_path, capsys):
    from analysis.cli import main

    assert main(["train-tagger", str(polnear_dir), "--out", str(tmp_path), "--limit", "3",
                 "--iterations", "2"]) == 0
    path = tmp_path / MODEL_FILE
    model = json.loads(gzip.decompress(path.read_bytes()))
    assert model["training"]["articles"] == 3
    assert model["training"]["held_out"] == held_out_names(polnear_dir)
    tagger = load_tagger(path)
    [tagged] = tagger.tag([["The", "president", "said", "it", "."]])
    assert [word for word, _, _ in tagged] == ["The", "president", "said", "it", "."]
    assert {pos for _, pos, _ in tagged} <= set(model["pos"]["classes"])
    assert tagged[0][1] == "DT" and tagged[-1][1] == "."
    # the same data and settings give the same bytes
    again = tmp_path / "again"
    assert main(["train-tagger", str(polnear_dir), "--out", str(again), "--limit", "3",
                 "--iterations", "2"]) == 0
    assert (again / MODEL_FILE).read_bytes() == path.read_bytes()
    assert "training articles" in capsys.readouterr().out


def test_tokens_command_shows_tags(seed_article, capsys):
    from analysis.cli import main

    assert main(["tokens", str(seed_article.source), "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert header[-2:] == ["pos", "entity"]


def test_bench_prints_the_tagger_figures(polnear_dir, capsys):
    from analysis.bench import bench_tagger, load_corpus

    bench_tagger(load_corpus(polnear_dir / "text", limit=3), repeats=1, reference_articles=2)
    out = capsys.readouterr().out
    assert "tagger: model tagger.json.gz" in out
    assert "tagger [fast path, POS + entities]" in out and "tokens/s CPU" in out
    assert "tagger [NLTK's own prediction, same model, 2 articles]" in out
    assert "held-out: 84 articles, POS agreement with CoreNLP" in out
