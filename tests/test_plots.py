"""Figures render (Agg backend) with titles, labels and the data asked for."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

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
    assert labels[0] == "ISIL (10)"      # 8 "ISIL" plus the long name and Da’esh it defines
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
