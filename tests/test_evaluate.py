"""The evaluator, on tiny hand-made brat files whose scores were worked out by hand.

tests/data/evaluate holds five articles (offsets checked by hand):

- basic: two direct items (one a mixed quote) and one indirect, all with a Source;
- split: an interrupted quote annotated as one item with two pieces, and an
  indirect item with no Source;
- nyt: the NYT convention of two apostrophes as a double quote mark, and an
  item with single quotes that is not direct;
- shared: one content attributed twice (Smith and Jones said ...);
- bom: a text starting with a byte-order mark, which brat counts as a character.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import load_article
from analysis.evaluate import (
    AnnotationError,
    evaluate_folder,
    match_quotes,
    naive_quote_pairs,
    read_brat,
    score_article,
    summarize,
)

DATA = Path(__file__).resolve().parent / "data" / "evaluate"
ROOT = Path(__file__).resolve().parent.parent


def text_of(name: str) -> str:
    return load_article(DATA / f"{name}.txt").text


def quote(spans, speaker=None):
    """A predicted quote-table row."""
    start, end = speaker if speaker else (None, None)
    return {"spans": [list(s) for s in spans], "start": spans[0][0], "end": spans[-1][1],
            "speaker_start": start, "speaker_end": end}


# ---------------------------------------------------------------- read_brat


def test_read_brat_basic_items_and_roles():
    text = text_of("basic")
    items = read_brat(DATA / "basic.ann")
    assert [g.id for g in items] == ["E1", "E2", "E3"]
    first, mixed, indirect = items
    assert text[slice(*first.content[0])] == "“We will fix the roads,”"
    assert text[slice(*first.source[0])] == "Mayor Ann Lee"
    assert text[slice(*first.cue[0])] == "said"
    assert text[slice(*mixed.content[0])] == "the plan is “a fantasy.”"
    assert text[slice(*indirect.content[0])] == "the budget was tight"
    assert [g.is_direct for g in items] == [True, True, False]


def test_read_brat_discontinuous_content_and_missing_source():
    text = text_of("split")
    quote_item, belief = read_brat(DATA / "split.ann")
    assert quote_item.content == ((0, 10), (21, 32))
    assert [text[s:e] for s, e in quote_item.content] == ["“Yes, we,”", "“will win.”"]
    assert quote_item.hull == (0, 32)
    assert quote_item.is_direct
    assert belief.source is None
    assert text[slice(*belief.cue[0])] == "widely believed"
    assert not belief.is_direct


def test_two_apostrophes_are_a_double_quote_but_single_quotes_are_not():
    text = text_of("nyt")
    ready, plan = read_brat(DATA / "nyt.ann")
    assert text[slice(*ready.content[0])] == "''We are ready,''"
    assert ready.is_direct
    assert text[slice(*plan.content[0])] == "the 'plan' works"
    assert not plan.is_direct


def test_byte_order_mark_offsets_are_moved_onto_article_text():
    text = text_of("bom")
    assert not text.startswith("\ufeff")
    (item,) = read_brat(DATA / "bom.ann")
    assert text[slice(*item.content[0])] == "“Go,”"
    assert text[slice(*item.source[0])] == "he"


def test_read_brat_without_text_judges_direct_from_the_annotated_fragments(tmp_path):
    ann = tmp_path / "alone.ann"
    ann.write_text("T1\tContent 4 10\t“Hi!”\nT2\tCue 11 15\tsaid\nT3\tAttribution 11 15\tsaid\n"
                   "E1\tAttribution:T3 Content:T1 Cue:T2\n"
                   "T4\tContent 30 40\tthat it's ok\nE2\tAttribution:T3 Content:T4 Cue:T2\n",
                   encoding="utf-8")
    items = read_brat(ann)
    assert [(g.content, g.is_direct, g.source) for g in items] == [
        (((4, 10),), True, None), (((30, 40),), False, None)]


def test_read_brat_fragment_running_over_a_line_break_and_notes(tmp_path):
    (tmp_path / "a.txt").write_text("He said “one\ntwo” today.\n", encoding="utf-8")
    (tmp_path / "a.ann").write_text(
        "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 17\t“one\ntwo”\n"
        "#1\tAnnotatorNotes T3\tcheck this\nT4\tAttribution 3 7\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "E2\tAttribution:T4 Cue:T2 Source:T1\n",  # no Content: nothing to score
        encoding="utf-8")
    (item,) = read_brat(tmp_path / "a.ann")
    assert item.content == ((8, 17),) and item.source == ((0, 2),) and item.is_direct


def test_read_brat_content2_joins_the_content(tmp_path):
    (tmp_path / "b.txt").write_text("He said “one” and then “two” too.\n", encoding="utf-8")
    (tmp_path / "b.ann").write_text(
        "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 13\t“one”\nT4\tContent 23 28\t“two”\n"
        "T5\tAttribution 3 7\tsaid\nE1\tAttribution:T5 Content:T3 Cue:T2 Source:T1 Content2:T4\n",
        encoding="utf-8")
    (item,) = read_brat(tmp_path / "b.ann")
    assert item.content == ((8, 13), (23, 28))
    assert item.hull == (8, 28)


@pytest.mark.parametrize(
    ("ann_text", "message"),
    [
        ("T1\tContent 0 5\tHello\nE1\tAttribution:T9 Content:T7\n", "T7, not found"),
        ("T1\tContent 0 500\tHello\nE1\tAttribution:T1 Content:T1\n", "past the end"),
        ("T1\tContent zero 5\tHello\n", "bad span line"),
        ("stray words before any span\n", "not a brat annotation line"),
    ],
)
def test_read_brat_bad_files_give_clear_errors(tmp_path, ann_text, message):
    (tmp_path / "c.txt").write_text("Hello there.\n", encoding="utf-8")
    (tmp_path / "c.ann").write_text(ann_text, encoding="utf-8")
    with pytest.raises(AnnotationError, match=message):
        read_brat(tmp_path / "c.ann")


# ---------------------------------------------------------------- matching and scoring


def test_match_quotes_is_one_to_one_and_greedy_by_largest_overlap():
    gold = [[(0, 10)], [(0, 12)]]
    # The wider prediction goes to the wider gold item, leaving the other for p1.
    assert match_quotes(gold, [[(0, 12)], [(0, 10)]]) == [(1, 0, 12), (0, 1, 10)]
    # One prediction never matches two gold items.
    assert match_quotes(gold, [[(0, 12)]]) == [(1, 0, 12)]
    # Taking gold items in order would give gold 0 the first prediction (10 chars
    # shared) and leave gold 1 with an 8-char overlap; greedy takes the 12 first.
    assert match_quotes([[(0, 10)], [(0, 12)]], [[(0, 11)], [(2, 12)]]) == [
        (1, 0, 11), (0, 1, 8)]


def test_match_quotes_needs_half_of_each_side():
    gold = [[(0, 20)]]
    assert match_quotes(gold, [[(0, 10)]]) == [(0, 0, 10)]  # exactly half of gold
    assert match_quotes(gold, [[(0, 9)]]) == []  # under half of gold
    assert match_quotes(gold, [[(0, 41)]]) == []  # under half of the prediction
    assert match_quotes(gold, [[(0, 40)]]) == [(0, 0, 20)]


def test_score_article_counts_worked_by_hand():
    text = text_of("basic")
    gold = read_brat(DATA / "basic.ann")
    lee, mayor = (109, 112), (42, 55)
    predicted = pd.DataFrame([
        quote([(17, 41)], mayor),  # exact, right speaker
        quote([(96, 108)], lee),  # “a fantasy.”: half of the mixed quote, wrong speaker
        quote([(113, 144)]),  # "added that the budget was tight": no speaker
        quote([(0, 15)], mayor),  # the headline: spurious
    ])
    assert text[96:108] == "“a fantasy.”" and text[113:144] == "added that the budget was tight"
    counts = score_article(text, predicted, gold)
    assert counts == {
        "gold_direct": 2, "gold_all": 3, "pred_direct": 2, "pred_all": 4,
        "matched_direct": 2, "matched_all": 3,
        "with_source_direct": 2, "with_source_all": 3,
        "speaker_right_direct": 1, "speaker_right_all": 1,
        "e2e_direct": 1, "e2e_all": 1,
    }
    figures = summarize(pd.DataFrame([counts])).set_index("scope")
    assert figures.loc["DIRECT", ["precision", "recall", "f1"]].tolist() == [1.0, 1.0, 1.0]
    assert figures.loc["ALL", "precision"] == pytest.approx(3 / 4)
    assert figures.loc["ALL", "f1"] == pytest.approx(6 / 7)
    assert figures.loc["ALL", "speaker_accuracy"] == pytest.approx(1 / 3)
    assert figures.loc["DIRECT", "e2e_f1"] == pytest.approx(1 / 2)
    assert figures.loc["ALL", "e2e_f1"] == pytest.approx(2 / 7)


def test_score_article_one_exact_one_under_threshold_one_spurious():
    text = text_of("basic")
    gold = read_brat(DATA / "basic.ann")[:2]  # the two direct items
    assert text[97:107] == "a fantasy."
    predicted = [quote([(17, 41)]), quote([(97, 107)]), quote([(0, 15)])]
    counts = score_article(text, predicted, gold)
    assert (counts["pred_all"], counts["matched_all"], counts["gold_all"]) == (3, 1, 2)
    figures = summarize(pd.DataFrame([counts])).set_index("scope")
    assert figures.loc["ALL", "precision"] == pytest.approx(1 / 3)
    assert figures.loc["ALL", "recall"] == pytest.approx(1 / 2)
    assert figures.loc["ALL", "f1"] == pytest.approx(2 / 5)
    # "a fantasy." sits inside quote marks, so it counts as a direct prediction.
    assert counts["pred_direct"] == 2


def test_interrupted_quote_pieces_hull_and_half_pieces():
    text = text_of("split")
    gold = read_brat(DATA / "split.ann")
    she = (11, 14)
    both_pieces = score_article(text, [quote([(0, 10), (21, 32)], she)], gold)
    assert both_pieces["matched_direct"] == 1 and both_pieces["e2e_direct"] == 1
    # The hull has 21 of its 32 characters in the content: still a match.
    hull_only = score_article(text, [{"start": 0, "end": 32, "speaker_start": 11,
                                      "speaker_end": 14}], gold)
    assert hull_only["matched_direct"] == 1
    # The first piece alone is 10 of the 21 content characters: under half.
    first_piece = score_article(text, [quote([(0, 10)], she)], gold)
    assert first_piece["matched_direct"] == 0 and first_piece["pred_direct"] == 1


def test_gold_without_source_is_right_only_without_a_predicted_speaker():
    text = text_of("split")
    gold = read_brat(DATA / "split.ann")
    assert text[60:75] == "taxes will rise"
    silent = score_article(text, [quote([(60, 75)])], gold)
    assert (silent["matched_all"], silent["with_source_all"], silent["e2e_all"]) == (1, 0, 1)
    guessed = score_article(text, [quote([(60, 75)], (33, 35))], gold)
    assert (guessed["matched_all"], guessed["with_source_all"], guessed["e2e_all"]) == (1, 0, 0)


@pytest.mark.parametrize("missing", [None, float("nan"), -1])
def test_missing_speaker_spellings(missing):
    text = text_of("basic")
    gold = read_brat(DATA / "basic.ann")
    row = {"spans": [[17, 41]], "start": 17, "end": 41,
           "speaker_start": missing, "speaker_end": missing}
    counts = score_article(text, pd.DataFrame([row]), gold)
    assert (counts["matched_direct"], counts["speaker_right_direct"]) == (1, 0)


def test_nullable_integer_speaker_columns():
    text = text_of("split")
    gold = read_brat(DATA / "split.ann")
    table = pd.DataFrame({"spans": [[[0, 10], [21, 32]], [[60, 75]]], "start": [0, 60],
                          "end": [32, 75]})
    table["speaker_start"] = pd.array([11, pd.NA], dtype="Int64")
    table["speaker_end"] = pd.array([14, pd.NA], dtype="Int64")
    counts = score_article(text, table, gold)
    assert (counts["matched_all"], counts["e2e_all"]) == (2, 2)


def test_spans_read_back_from_csv_as_json_text():
    text = text_of("split")
    gold = read_brat(DATA / "split.ann")
    row = {"spans": "[[0, 10], [21, 32]]", "start": 0, "end": 32,
           "speaker_start": 11, "speaker_end": 14}
    assert score_article(text, [row], gold)["e2e_direct"] == 1


def test_shared_content_tie_goes_to_the_attribution_whose_speaker_is_right():
    text = text_of("shared")
    smith, jones = read_brat(DATA / "shared.ann")
    assert smith.content == jones.content
    counts = score_article(text, [quote([(21, 51)], (10, 15))], [smith, jones])
    assert text[10:15] == "Jones"
    assert (counts["gold_direct"], counts["matched_direct"], counts["e2e_direct"]) == (2, 1, 1)


def test_prediction_enclosed_by_quote_marks_is_direct():
    text = text_of("shared")
    assert text[35:50] == "fair and final."
    counts = score_article(text, [quote([(35, 50)])], read_brat(DATA / "shared.ann"))
    assert counts["pred_direct"] == 1 and counts["matched_direct"] == 1  # 15 of 30: half
    plain = score_article(text, [quote([(0, 15)])], read_brat(DATA / "shared.ann"))
    assert plain["pred_direct"] == 0


def test_text_between_two_quotes_is_not_enclosed_by_them():
    text = "“A,” he said, “B.”"
    assert text[5:12] == "he said"
    counts = score_article(text, [quote([(5, 12)])], [])
    assert counts["pred_direct"] == 0 and counts["pred_all"] == 1


def test_quote_table_without_offsets_is_a_clear_error():
    with pytest.raises(ValueError, match="'spans' column or 'start' and 'end'"):
        score_article("Some text.", pd.DataFrame({"text": ["Some"]}), [])


# ---------------------------------------------------------------- baseline and folder


def test_naive_quote_pairs_alternates_marks():
    table = naive_quote_pairs(text_of("split"))
    assert table.text.tolist() == ["“Yes, we,”", "“will win.”"]
    assert table.spans.tolist() == [[[0, 10]], [[21, 32]]]
    assert table.speaker_start.isna().all()
    assert naive_quote_pairs(text_of("nyt")).text.tolist() == ["''We are ready,''"]
    # An unbalanced mark shifts every later pair: that is what "naive" means.
    assert naive_quote_pairs('“A” b “c d “e”').text.tolist() == ["“A”", "“c d “"]


def test_evaluate_folder_naive_baseline_worked_by_hand():
    summary, per_article = evaluate_folder(DATA, extractor=naive_quote_pairs)
    assert per_article.article.tolist() == ["basic", "bom", "nyt", "shared", "split"]
    figures = summary.set_index("scope")
    # DIRECT: gold 2+1+1+2+1, predicted 2+1+1+1+2, matched 2+1+1+1+1.
    assert figures.loc["DIRECT", ["gold", "predicted", "matched"]].tolist() == [7, 7, 6]
    assert figures.loc["DIRECT", "f1"] == pytest.approx(6 / 7)
    assert figures.loc["ALL", ["gold", "predicted", "matched"]].tolist() == [10, 7, 6]
    assert figures.loc["ALL", "f1"] == pytest.approx(12 / 17)
    # No speakers: every matched item has a Source, so nothing is right end to end.
    assert figures.loc["DIRECT", "speaker_accuracy"] == 0.0
    assert figures.loc["ALL", "e2e_f1"] == 0.0
    assert summary.attrs["articles"] == 5
    assert evaluate_folder(DATA, extractor=naive_quote_pairs, limit=2)[1].shape[0] == 2


def test_evaluate_folder_without_annotations_says_so(tmp_path):
    with pytest.raises(AnnotationError, match="no .ann files"):
        evaluate_folder(tmp_path, extractor=naive_quote_pairs)
    (tmp_path / "lonely.ann").write_text("", encoding="utf-8")
    with pytest.raises(AnnotationError, match="missing"):
        evaluate_folder(tmp_path, extractor=naive_quote_pairs)


def test_summary_ratios_with_nothing_to_count_are_nan():
    empty = summarize(pd.DataFrame([score_article("No quotes here.", [], [])]))
    assert math.isnan(empty.set_index("scope").loc["ALL", "precision"])


def test_cli_evaluate_prints_figures_and_writes_per_article(tmp_path):
    out = tmp_path / "per.csv"
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "evaluate", str(DATA), "--baseline", "naive",
         "--per-article", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    direct = next(line for line in lines if line.startswith("DIRECT")).split()
    assert direct[1:4] == ["7", "7", "6"]
    assert "5 articles" in result.stdout and "articles/s" in result.stdout
    assert pd.read_csv(out).shape[0] == 5


def test_cli_evaluate_bad_folder_is_a_clear_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "evaluate", str(tmp_path), "--baseline", "naive"],
        capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 2
    assert "no .ann files" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- real PolNeAR files


def _content_fragments(ann: Path) -> dict[tuple[int, int], str]:
    """Single-piece Content spans of a .ann file with the text written beside them."""
    fragments = {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and fields[1].startswith("Content ") and ";" not in fields[1]:
            _, start, end = fields[1].split()
            fragments[int(start), int(end)] = fields[2]
    return fragments


def test_real_polnear_annotations_fit_their_texts(polnear_dir):
    ann_files = sorted((polnear_dir / "attributions").glob("*.ann"))
    # First and last article of each outlet, plus the texts with a stray U+FEFF inside
    # (a character like any other there: brat and Article.text both keep it).
    picks = {}
    for ann in ann_files:
        picks.setdefault(ann.name.split("_")[0], []).append(ann)
    chosen = {f for files in picks.values() for f in (files[0], files[-1])}
    for ann in ann_files:
        if b"\xef\xbb\xbf" in (polnear_dir / "text" / (ann.stem + ".txt")).read_bytes():
            chosen.add(ann)
    assert len(chosen) >= 14
    directness = set()
    for ann in sorted(chosen):
        text_file = polnear_dir / "text" / (ann.stem + ".txt")
        text = load_article(text_file).text
        bom = len(text_file.read_text(encoding="utf-8")) - len(text)  # a leading BOM only
        fragments = {(s - bom, e - bom): frag for (s, e), frag in _content_fragments(ann).items()}
        items = read_brat(ann)
        assert items, ann.name
        for item in items:
            assert item.content and all(0 <= s < e <= len(text) for s, e in item.content)
            assert item.hull == (item.content[0][0], item.content[-1][1])
            for s, e in item.cue + (item.source or ()):
                assert 0 <= s < e <= len(text)
            pieces = [text[s:e] for s, e in item.content]
            assert "".join(pieces).strip()
            marks = ('"', "“", "”", "''")
            assert item.is_direct == any(m in piece for piece in pieces for m in marks)
            if len(item.content) == 1:
                # The offsets land on the text the annotator saw.
                assert pieces[0] == fragments[item.content[0]]
            directness.add(item.is_direct)
    assert directness == {True, False}
