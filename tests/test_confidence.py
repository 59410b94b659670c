"""The quote table's confidence column: its rule paths, the committed figures and their
calibration on the PolNeAR train split."""

import math

import pandas as pd
import pytest

from analysis.calibrate import (
    calibration_bins,
    confidence_table,
    row_outcomes,
    tagger_held_out,
    write_confidence_table,
)
from analysis.lexicons import resource_path
from analysis.quotes import extract_quotes
from analysis.quotes.confidence import CONFIDENCE_FILE, path_keys, rule_path
from analysis.quotes.model import Quote


def _rows(text):
    return extract_quotes("Council vote\n\n" + text)


def test_every_row_has_a_confidence_between_zero_and_one(seed_article):
    table = extract_quotes(seed_article)
    assert table["confidence"].between(0, 1).all()


def test_a_named_quote_framed_after_it_is_trusted_more_than_one_with_no_frame():
    # the commonest shape of news is also its most reliable; a quotation with nothing
    # around it says nothing of who spoke it
    framed = _rows("“We will rebuild the arena before the season opens,” said Mayor Ann Lee.\n")
    bare = _rows("The arena burned.\n\n“Nobody saw it coming and nobody could stop it.”\n")
    assert framed.evidence.tolist() == ["after-cue"]
    assert bare.evidence.tolist() == ["no-cue"]
    assert framed.confidence[0] > 0.9 > 0.5 > bare.confidence[0]


def test_the_rule_path_is_the_kind_the_first_rule_and_the_speaker_mention():
    quote = Quote(pieces=[(0, 5)], kind="mixed", evidence=["mixed-clause", "pronoun->Lee"],
                  speaker=(6, 8), speaker_kind="pronoun")
    assert rule_path(quote) == ("mixed", "mixed-clause", "pronoun")
    carried = Quote(pieces=[(0, 5)], evidence=["no-cue", "previous-speaker"], speaker=(6, 8))
    assert rule_path(carried) == ("direct", "no-cue+previous-speaker", "name")
    assert rule_path(Quote(pieces=[(0, 5)], evidence=["no-cue"]))[2] == "none"
    assert path_keys(("direct", "colon", "name")) == [
        "direct colon name", "direct colon", "direct", "*"]


def test_a_rare_path_is_smoothed_towards_its_kind_and_an_unseen_one_takes_it():
    outcomes = pd.DataFrame(
        [("a", "direct", "after-cue", "name", math.nan, True)] * 90
        + [("a", "direct", "after-cue", "name", math.nan, False)] * 10
        + [("a", "direct", "colon", "name", math.nan, False)] * 2,
        columns=["article", "kind", "rule", "speaker", "confidence", "right"])
    table = confidence_table(outcomes, strength=20).set_index("key")
    assert table.loc["direct after-cue name", "rows"] == 100
    # two wrong rows of a path do not make it worthless: it leans on its kind's figure
    colon = table.loc["direct colon name", "confidence"]
    assert 0.5 < colon < table.loc["direct", "confidence"]


def test_the_data_file_round_trips(tmp_path):
    outcomes = pd.DataFrame([("a", "indirect", "subject-cue", "pronoun", math.nan, True),
                             ("a", "indirect", "subject-cue", "pronoun", math.nan, False)],
                            columns=["article", "kind", "rule", "speaker", "confidence", "right"])
    table = confidence_table(outcomes)
    path = tmp_path / "figures.tsv"
    write_confidence_table(table, path)
    rows = [line.split("\t") for line in path.read_text().splitlines()
            if not line.startswith("#")]
    assert [row[0] for row in rows] == table["key"].tolist()
    assert [float(row[3]) for row in rows] == table["confidence"].tolist()


@pytest.fixture(scope="module")
def train_outcomes(polnear_dir):
    """Every row of the train split (less the tagger's held-out articles), scored."""
    return row_outcomes(polnear_dir, exclude=tagger_held_out())


def test_committed_figures_are_what_calibrate_writes_today(train_outcomes):
    # a change of the rules that moves a path's precision must come with a rerun of
    # python -m analysis calibrate ../shared/polnear-train
    fresh = confidence_table(train_outcomes)
    committed = pd.read_csv(resource_path(CONFIDENCE_FILE), sep="\t", comment="#",
                            names=["key", "rows", "right", "confidence"])
    assert committed.to_dict("records") == fresh.to_dict("records")


def test_confidence_is_calibrated_on_the_train_split(train_outcomes):
    bins = calibration_bins(train_outcomes)
    full = bins[bins["rows"] >= 100]
    assert len(full) >= 4, bins
    for row in full.itertuples():
        assert abs(row.confidence - row.right) <= 0.05, bins
