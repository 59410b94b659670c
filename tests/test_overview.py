"""Reading statistics and structure tables of notebook 01, on real text."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_article
from analysis.overview import (
    collection_overview,
    paragraph_statistics,
    plot_paragraph_lengths,
    plot_quoted_word_shares,
    reading_statistics,
)
from analysis.tokenize import sentences


def _stats(article) -> pd.Series:
    return reading_statistics(article).set_index("statistic")["value"]


def test_counts_by_hand():
    # 3 sentences of 3, 4 and 4 words; long words (7+ letters): headline, Minister,
    # yesterday, meeting
    article = load_article("Short headline here\n\nThe Minister left yesterday. She missed "
                           "the meeting.")
    stats = _stats(article)
    assert stats["paragraphs"] == 2
    assert stats["sentences"] == 3
    assert stats["words"] == 11
    assert stats["distinct words"] == 10  # "the" twice, case folded
    assert stats["long words"] == pytest.approx(4 / 11, abs=1e-3)
    # LIX = words / sentences + 100 * long / words
    assert stats["LIX readability"] == pytest.approx(11 / 3 + 100 * 4 / 11, abs=1e-3)
    assert stats["longest sentence"] == 4
    assert stats["median sentence length"] == 4
    assert stats["reading time"] == pytest.approx(11 / 238, abs=1e-3)


def test_seed_article_statistics_agree_with_its_tables(seed_article):
    stats = _stats(seed_article)
    table = paragraph_statistics(seed_article)
    assert stats["paragraphs"] == len(seed_article.paragraphs) == len(table) == 14
    assert stats["sentences"] == len(sentences(seed_article)) == table["sentences"].sum()
    assert stats["words"] == table["words"].sum()
    assert 400 < stats["words"] < 520  # `wc -w` counts 469 on the file
    for row in table.itertuples():
        assert seed_article.text[row.start:row.end].split()[0] == row.opening.split()[0]
    caption = table.iloc[3]
    assert (caption.sentences, caption.words) == (1, 3)  # "Image: Vladimir Voronkov"
    assert "very difficult" in reading_statistics(seed_article).set_index("statistic").loc[
        "LIX readability", "note"]


def test_collection_overview_reads_a_folder_and_skips_bad_files(tmp_path, seed_article):
    (tmp_path / "a.txt").write_text("First\n\nOne two three.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    with pytest.warns(Warning, match="empty"):
        table = collection_overview(tmp_path)
    assert table["article"].tolist() == ["a"]
    assert table.loc[0, "words"] == 4
    both = collection_overview([seed_article, load_article("Title\n\nWords here.")])
    assert both["paragraphs"].tolist() == [14, 2]


def test_figures_render(seed_article):
    figure = plot_paragraph_lengths(seed_article)
    assert len(figure.axes[0].patches) == len(sentences(seed_article))
    shares = pd.DataFrame({"speaker": ["Ann", "Bob", "Cy"],
                           "share_of_quoted_words": [0.6, 0.4, 0.0]})
    bars = plot_quoted_word_shares(shares).axes[0]
    assert [t.get_text() for t in bars.get_yticklabels()] == ["Bob", "Ann"]
    empty = plot_quoted_word_shares(shares.iloc[:0]).axes[0]
    assert empty.texts[0].get_text() == "no quoted speaker"


def test_token_table_reads_as_kinds_and_is_summarised_past_the_size_limit(seed_article):
    from analysis.overview import token_overview
    from analysis.tokenize import tokens

    full = tokens(seed_article)
    table = token_overview(seed_article)
    assert list(table.columns) == ["token_id", "sentence_id", "start", "end", "text", "kind"]
    assert len(table) == len(full)
    assert table["kind"].tolist() == [
        "quote mark" if q else "punctuation" if p else "word" if a or not d else "number"
        for q, p, a, d in zip(full["is_quote_mark"], full["is_punct"],
                              full["text"].str.contains(r"[^\W\d_]"), full["is_digit"],
                              strict=True)]
    # past the limit: one row per kind, counts adding up to every token
    summary = token_overview(seed_article, max_chars=len(seed_article.text) - 1)
    assert list(summary.columns) == ["kind", "tokens", "distinct", "most_common"]
    assert summary["tokens"].sum() == len(full)
    counts = table["kind"].value_counts()
    assert summary.set_index("kind")["tokens"].to_dict() == counts.to_dict()
    words = summary.set_index("kind").loc["word", "most_common"]
    most = table[table.kind == "word"]["text"].str.lower().value_counts()
    assert words.startswith(f"{most.index[0]} ({most.iloc[0]})")
