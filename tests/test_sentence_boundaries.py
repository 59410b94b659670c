"""Sentence splitting measured on hand-written hard cases (tests/data/sentence_boundaries.tsv).

The cases were written for this project from published lists of sentence-boundary
pitfalls (abbreviations, titles, initials, numbers, quotes, parentheses, lists,
ellipses, URLs, headlines, captions); each row gives the text and the sentences a
careful reader would cut it into.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.tokenize import _sentence_tokenizer, sentence_spans, split_sentences

SUITE = Path(__file__).resolve().parent / "data" / "sentence_boundaries.tsv"


def load_suite(path: Path = SUITE) -> list[dict]:
    """Rows of the suite: id, category, must, text, expected (list of sentences)."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.replace("\\n", "\n") for cell in line.split("\t")]
        cases.append({"id": cells[0], "category": cells[1], "must": cells[2] == "1",
                      "text": cells[3], "expected": cells[4:]})
    return cases


CASES = load_suite()


def test_suite_is_well_formed():
    assert len(CASES) >= 60
    assert len({case["id"] for case in CASES}) == len(CASES)
    for case in CASES:
        # Expected sentences appear in the text in order, with only space between.
        position = 0
        for sentence in case["expected"]:
            found = case["text"].find(sentence, position)
            assert found >= 0 and not case["text"][position:found].strip(), case["id"]
            position = found + len(sentence)
        assert not case["text"][position:].strip(), case["id"]


def test_suite_accuracy_is_at_least_95_percent():
    failures = [(case["id"], split_sentences(case["text"])) for case in CASES
                if split_sentences(case["text"]) != case["expected"]]
    accuracy = 1 - len(failures) / len(CASES)
    assert accuracy >= 0.95, f"accuracy {accuracy:.3f}; failures: {failures}"


@pytest.mark.parametrize("case", [c for c in CASES if c["must"]], ids=lambda c: c["id"])
def test_must_have_case(case):
    assert split_sentences(case["text"]) == case["expected"]


def test_comma_inside_closing_quote_continues_the_sentence():
    text = ("“A unified effort is necessary if the UN is to bring those behind it to "
            "justice,” Mr. Voronkov told the Security Council today.")
    assert split_sentences(text) == [text]


def test_period_inside_closing_quote_ends_the_sentence():
    text = "He said it “continues to adapt and evolve.” The UN official left."
    assert split_sentences(text) == ["He said it “continues to adapt and evolve.”",
                                     "The UN official left."]


def test_seed_article_sentences(seed_article):
    text = seed_article.text
    found = [text[s:e] for s, e, _ in sentence_spans(seed_article)]
    assert len(found) == 15
    assert found[0] == ("Vladimir Voronkov – ISIL is no longer focused on conquering and "
                        "holding territory")
    assert found[3] == "Image:\u00a0Vladimir Voronkov"
    assert found[4].startswith("“A unified effort") and found[4].endswith("Council today.")
    assert found[7] == "Mr. Voronkov directs the UN\u00a0Counter-Terrorism Office."
    assert found[9].endswith("as it continues to adapt and evolve.”")
    assert found[10].startswith("Notably, Mr. Voronkov called")


def test_shortcut_makes_punkts_own_decisions(polnear_dir):
    # The fast path in _FastPunkt must never change a decision Punkt would make.
    plain, fast = _sentence_tokenizer(fast=False), _sentence_tokenizer(fast=True)
    texts = [case["text"] for case in CASES]
    files = sorted((polnear_dir / "text").glob("*.txt"))[:150]
    texts += [path.read_text(encoding="utf-8") for path in files]
    for text in texts:
        assert list(fast.span_tokenize(text)) == list(plain.span_tokenize(text))


@pytest.mark.parametrize("text", [
    "Wait . . . what? Yes.", "Hi... there. Ok!!! Then?! no", "a.. b. . . c .",
    "U.S. Army. The U.N. met.", "He said “no.” Then (Hi.) Bye.", "...", "!!!", "",
    "a . . . . b. C", "Mr. X. Dr. Y! «Z.» “A.”", "a.\tB. c.\nD\x0b.E. F.",
    # found by fuzzing: each breaks a variant of the loop that differs from Punkt's
    ' …“..."Dr. . .aU.S”\t(,.?1?', '\n.“. ,Mrsaid', "\x0b.),,-said...?U.S.  \rDr!'",
    # closing marks realigned onto the sentence before (the fused absorb/realign loop)
    "One.” -- Two.", "x.”--y", "He left.) She stayed.'' Then.", "“Yes.”\n\nNo.)\n", "A!!! ” B.",
])
def test_fast_candidate_loop_makes_punkts_own_decisions(text):
    # _FastPunkt re-implements Punkt's candidate loop (ellipses, runs of marks,
    # the word before a mark): same spans as the unpatched tokenizer.
    plain, fast = _sentence_tokenizer(fast=False), _sentence_tokenizer(fast=True)
    assert list(fast.span_tokenize(text)) == list(plain.span_tokenize(text))
