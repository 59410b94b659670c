"""Figures render (Agg backend) with titles, labels and the data asked for."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis.article import article_from_text  # noqa: E402
from analysis.plots import (  # noqa: E402
    dispersion_plot,
    keyness_chart,
    save_readme_figures,
    theme_share_chart,
    top_terms_chart,
)
from analysis.terms import distinctive_terms, term_table  # noqa: E402
from tests.seed_quotes import SPEAKER, seed_quotes  # noqa: E402


def _labels(fig: Figure) -> list[str]:
    return [tick.get_text() for tick in fig.axes[0].get_yticklabels()]


def _render(fig: Figure) -> None:
    fig.canvas.draw()     # raises if anything cannot be drawn


def test_top_terms_chart(seed_article):
    fig = top_terms_chart(seed_article, top=10)
    _render(fig)
    ax = fig.axes[0]
    assert "Most frequent terms" in ax.get_title()
    assert ax.get_xlabel()
    labels = _labels(fig)
    assert len(labels) == 10
    assert labels[-1] == term_table(seed_article)["term"].iloc[0]    # largest bar on top
    only_names = top_terms_chart(term_table(seed_article), kinds=["proper_noun"], top=3)
    assert set(_labels(only_names)) <= set(term_table(seed_article, kinds=["proper_noun"])["term"])


def test_keyness_chart(seed_article):
    key = distinctive_terms(seed_article, top=8)
    fig = keyness_chart(key)
    _render(fig)
    assert "ISIL (+aliases)" in _labels(fig)
    assert "log-likelihood" in fig.axes[0].get_xlabel()
    assert len(fig.axes[0].patches) == 8
    _render(keyness_chart(seed_article, value="log_ratio", top=5))
    with pytest.raises(ValueError):
        keyness_chart(key, value="size")


def test_dispersion_plot_shows_terms_and_each_speakers_quotes(seed_article):
    quotes = seed_quotes(seed_article.text)
    fig = dispersion_plot(seed_article, ["ISIL", "counter-terrorism"], quotes)
    _render(fig)
    labels = _labels(fig)[::-1]          # y ticks run bottom-up; read them top-down
    # the count is the term table's: "ISIL" with its aliases, the defining "(ISIL/Da’esh)" not
    table = term_table(seed_article).set_index("term")
    assert labels[0] == f"ISIL ({table.loc['ISIL', 'count']})" == "ISIL (8)"
    assert labels[1] == f"counter-terrorism ({table.loc['counter-terrorism', 'count']})"
    assert labels[-1] == f"quotes: {SPEAKER}"
    bars = [c for c in fig.axes[0].collections if isinstance(c, PolyCollection)]
    assert len(bars) == 1 and len(bars[0].get_paths()) == len(quotes)
    assert fig.axes[0].get_xlim() == (0, len(seed_article.text))


def test_theme_share_chart(seed_article):
    fig = theme_share_chart(seed_article)
    _render(fig)
    ax = fig.axes[0]
    assert "Themes by paragraph" in ax.get_title()
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend[:2] == ["international cooperation and law", "terrorism and violent extremism"]
    heights = {}
    for bar in ax.patches:
        x = round(bar.get_x() + bar.get_width() / 2)
        heights[x] = heights.get(x, 0) + bar.get_height()
    assert all(abs(h - 1) < 1e-9 for h in heights.values() if h)
    empty = theme_share_chart(article_from_text("Quiet day\n\nNothing happened at all."))
    _render(empty)
    assert "no theme term found" in [t.get_text() for t in empty.axes[0].texts]


def test_save_readme_figures_writes_pngs(seed_article, tmp_path):
    paths = save_readme_figures(seed_article, tmp_path / "figs", seed_quotes(seed_article.text))
    assert [p.name for p in paths] == ["top_terms.png", "keyness.png", "dispersion.png",
                                       "themes_by_paragraph.png"]
    for path in paths:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 10_000


# ------------------------------------------------------------------ figures that scale

def _article_of(paragraphs: int, title: str = "Council debates the harbour budget"):
    body = "\n\n".join(
        f"The council voted on the election budget and the army campaign, item {k}. "
        f"Taxes and the economy came up again." for k in range(paragraphs))
    return article_from_text(f"{title}\n\n{body}")


def _visible_tick_boxes(fig: Figure, axis: str):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    low, high = ax.get_xlim() if axis == "x" else ax.get_ylim()
    ticks = ax.xaxis.get_major_ticks() if axis == "x" else ax.yaxis.get_major_ticks()
    locations = ax.get_xticks() if axis == "x" else ax.get_yticks()
    return [tick.label1.get_window_extent(renderer) for tick, where in zip(ticks, locations,
                                                                           strict=False)
            if low <= where <= high and tick.label1.get_text()]


def _overlapping(boxes) -> bool:
    boxes = sorted(boxes, key=lambda b: b.x0)
    return any(a.x1 > b.x0 for a, b in zip(boxes, boxes[1:], strict=False))


@pytest.mark.parametrize("paragraphs", [44, 300])
def test_paragraph_charts_keep_their_labels_apart(paragraphs):
    from analysis.overview import plot_paragraph_lengths

    article = _article_of(paragraphs)
    for fig in (theme_share_chart(article), plot_paragraph_lengths(article)):
        boxes = _visible_tick_boxes(fig, "x")
        assert 2 <= len(boxes) <= 13
        assert not _overlapping(boxes)


def test_a_huge_article_is_drawn_in_bins_not_a_black_bar():
    from analysis.overview import plot_paragraph_lengths
    from analysis.plots import MAX_BARS, paragraph_bins

    article = _article_of(22_000)
    size = paragraph_bins(22_000)
    fig = plot_paragraph_lengths(article)
    bars = fig.axes[0].patches
    assert len(bars) <= MAX_BARS and len(bars) == -(-22_000 // size)
    assert f"bars: {size} paragraphs each" in fig.axes[0].get_xlabel()
    # 20 words a paragraph; the first bin holds the 5-word headline too
    assert all(b.get_height() == pytest.approx(20) for b in bars[1:-1])
    themes = theme_share_chart(article)
    positions = {round(b.get_x()) for b in themes.axes[0].patches}
    assert len(positions) <= MAX_BARS
    _render(themes)


def test_long_titles_end_in_an_ellipsis_and_dollars_are_not_mathtext():
    from analysis.overview import plot_paragraph_lengths

    title = "Fund pays $5 to savers, $6 to pensioners and $\\x$ to " + "everyone else " * 10
    article = _article_of(3, title=title)
    for fig in (plot_paragraph_lengths(article), theme_share_chart(article),
                dispersion_plot(article, ["budget"]), top_terms_chart(article)):
        _render(fig)                        # "$\\x$" as mathtext would raise here
        shown = fig.axes[0].get_title().splitlines()[1]
        assert shown.endswith("…") and len(shown.replace("\\$", "$")) <= 70
        assert shown.startswith("Fund pays \\$5 to savers, \\$6")
    terms = _labels(top_terms_chart(article_from_text("Prices\n\n$x$ and $y$ cost $5 and $6.")))
    assert all("$" not in t.replace("\\$", "") for t in terms)


def test_empty_figures_say_why():
    from analysis.plots import outlet_chart, speakers_chart, stance_chart, topic_chart

    quiet = article_from_text("Quiet day\n\nNothing happened at all.")
    empty_quotes = pd.DataFrame(columns=["spans", "speaker", "quote_id", "kind"])
    cases = {
        "no quotes found": dispersion_plot(quiet, [], empty_quotes),
        "no terms found": top_terms_chart(term_table(quiet).head(0)),
        "no distinctive term found": keyness_chart(distinctive_terms(quiet)),
        "nobody is quoted": speakers_chart(pd.DataFrame(columns=["speaker", "quotes"])),
        "no article": outlet_chart(pd.DataFrame(columns=["outlet", "quotes", "speakers"])),
        "no reporting verb found": stance_chart(pd.DataFrame({"neutral": [0]}, index=["Post"])),
        "too few articles or shared terms for topics": topic_chart(
            pd.DataFrame(columns=["article", "topic", "weight"]),
            pd.DataFrame(columns=["topic", "rank", "term", "weight"])),
    }
    for message, fig in cases.items():
        _render(fig)
        assert [t.get_text() for t in fig.axes[0].texts] == [message]


def test_collection_charts_draw_their_numbers():
    from analysis.plots import outlet_chart, speakers_chart, stance_chart, topic_chart

    speakers = pd.DataFrame({"speaker": ["Ana Ruiz", "Tom Hale", "Lee Park"],
                             "quotes": [5, 2, 1], "direct": [3, 0, 1], "articles": [2, 1, 1]})
    fig = speakers_chart(speakers, top=2)
    _render(fig)
    assert _labels(fig) == ["Tom Hale", "Ana Ruiz (2 articles)"]
    assert [t.get_text() for t in fig.axes[0].texts] == ["1 more speakers not shown"]
    widths = [round(p.get_width()) for p in fig.axes[0].patches]
    assert widths == [0, 3, 2, 2]            # direct bars, then the indirect rest
    outlets = pd.DataFrame({"outlet": ["Post", "Wire"], "quotes": [4, 7], "speakers": [2, 3],
                            "articles": [1, 2]})
    fig = outlet_chart(outlets)
    _render(fig)
    assert _labels(fig) == ["Post (1 article)", "Wire (2 articles)"]
    stance = pd.DataFrame({"neutral": [3, 1], "emphatic": [1, 1]}, index=["Post", "Wire"])
    fig = stance_chart(stance)
    _render(fig)
    assert _labels(fig) == ["Wire (2)", "Post (4)"]
    assert [round(p.get_width(), 2) for p in fig.axes[0].patches] == [0.5, 0.75, 0.5, 0.25]
    documents = pd.DataFrame({"article": ["a", "a", "b", "b"], "topic": [0, 1, 0, 1],
                              "weight": [0.9, 0.1, 0.0, 0.4]})
    topics = pd.DataFrame({"topic": [0, 0, 1], "rank": [1, 2, 1],
                           "term": ["budget", "tax", "army"], "weight": [1.0, 0.5, 1.0]})
    fig = topic_chart(documents, topics)
    _render(fig)
    image = fig.axes[0].images[0].get_array()
    assert image.tolist() == [[0.9, 0.1], [0.0, 1.0]]   # each article's mixture, rows add to 1
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["0: budget, tax", "1: army"]
