"""The precision suite (tests/data/attribution_suite.tsv): sentences written in the style
of other news sections where a reporting word does not report speech (no row at all),
and sentences where it does (the row's kind, content and speaker mention)."""

from pathlib import Path

import pytest

from analysis.quotes import extract_quotes

SUITE = Path(__file__).parent / "data" / "attribution_suite.tsv"
HEADLINE = "Local news\n\n"


def _cases() -> list[tuple[str, str, str, str, str]]:
    lines = [line for line in SUITE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    header, *rows = (line.split("\t") for line in lines)
    assert header == ["sentence", "kind", "content", "speaker", "note"]
    return [tuple(row + [""] * (5 - len(row))) for row in rows]


CASES = _cases()


def test_the_suite_has_enough_sentences_of_each_side():
    kinds = [case[1] for case in CASES]
    assert kinds.count("none") >= 60
    assert len(kinds) - kinds.count("none") >= 40
    assert set(kinds) <= {"none", "indirect", "mixed", "direct"}
    assert len({case[0] for case in CASES}) == len(CASES), "a sentence is listed twice"


def _rows(sentence: str) -> list[tuple[str, str, str]]:
    table = extract_quotes(HEADLINE + sentence.replace("\\n", "\n"))
    return [(row.kind, row.text.strip(), row.speaker_mention) for row in table.itertuples()]


@pytest.mark.parametrize("sentence, note", [(c[0], c[4]) for c in CASES if c[1] == "none"])
def test_a_reporting_word_that_reports_no_speech_gives_no_row(sentence, note):
    assert _rows(sentence) == [], note


@pytest.mark.parametrize("sentence, kind, content, speaker, note",
                         [c for c in CASES if c[1] != "none"])
def test_reported_speech_gives_its_row(sentence, kind, content, speaker, note):
    rows = _rows(sentence)
    assert (kind, content, speaker) in rows, (note, rows)
