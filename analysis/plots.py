"""Figures for terms, keyness, themes and quotes (matplotlib).

Every function returns a :class:`matplotlib.figure.Figure` and never calls
``plt.show()``: in a notebook the figure displays itself, elsewhere call
``fig.savefig(path)``. Figures are built with the object API (no pyplot state),
so they are safe to make in loops and under the ``Agg`` backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .article import Article, as_article
from .terms import (
    distinctive_terms,
    kwic,
    term_table,
    theme_shares,
)

__all__ = [
    "top_terms_chart",
    "dispersion_plot",
    "theme_share_chart",
    "keyness_chart",
    "save_readme_figures",
]

_BAR_COLOUR = "#3b6ea5"
_QUOTE_COLOUR = "#d9822b"


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def top_terms_chart(
    article: Article | str | pd.DataFrame,
    *,
    top: int = 20,
    kinds: Iterable[str] | None = None,
    title: str | None = None,
) -> Figure:
    """Horizontal bar chart of the most frequent terms.

    Parameters
    ----------
    article : Article, str or DataFrame
        An article, or a table from :func:`analysis.terms.term_table`.
    top : int
        How many terms.
    kinds : iterable of str, optional
        Term kinds to show (default: all).
    title : str, optional

    Returns
    -------
    Figure

    Examples
    --------
    >>> fig = top_terms_chart(article, top=15)   # doctest: +SKIP
    """
    table = article if isinstance(article, pd.DataFrame) else term_table(article, kinds=kinds)
    if kinds is not None and isinstance(article, pd.DataFrame):
        table = table[table["kind"].isin(set(kinds))]
    table = table.head(top).iloc[::-1]
    fig = Figure(figsize=(7, max(2.5, 0.3 * len(table) + 1)), layout="constrained")
    ax = fig.add_subplot()
    ax.barh([_short(t) for t in table["term"]], table["count"], color=_BAR_COLOUR)
    ax.set_xlabel("occurrences in the article")
    ax.set_title(title or _title("Most frequent terms", article))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _title(base: str, article) -> str:
    if isinstance(article, Article) and article.title:
        return f"{base}\n{_short(article.title, 70)}"
    return base


def dispersion_plot(
    article: Article | str,
    terms: Sequence[str],
    quotes: pd.DataFrame | None = None,
    *,
    match: str = "stem",
    title: str | None = None,
) -> Figure:
    """Where chosen terms, and each speaker's quotes, fall through the article.

    One row per term (a tick at every occurrence, found with
    :func:`analysis.terms.kwic`) and, when a quotes table is given, one row per
    speaker with a bar over each quoted stretch. The x axis is the position in
    the text (character offset); grey lines mark paragraph starts.

    Parameters
    ----------
    article : Article or str
    terms : sequence of str
        Words or phrases to place.
    quotes : DataFrame, optional
        Quotes table (``spans``, ``speaker``, ``quote_id``, ``kind``); direct
        quotes are drawn solid, other kinds (indirect, ...) pale.
    match : {"stem", "exact"}
        How terms are matched (see :func:`analysis.terms.kwic`).
    title : str, optional

    Returns
    -------
    Figure
    """
    article = as_article(article)
    rows: list[tuple[str, str, list[tuple]]] = []
    for term in terms:
        hits = kwic(article, term, match=match, aliases=True)
        rows.append((f"{term} ({len(hits)})", "term", list(zip(hits["start"], hits["end"],
                                                              strict=True))))
    if quotes is not None and len(quotes):
        by_speaker: dict[str, list[tuple[int, int, bool]]] = {}
        kinds = quotes["kind"] if "kind" in quotes.columns else ["direct"] * len(quotes)
        for spans, speaker, kind in zip(quotes["spans"], quotes["speaker"], kinds, strict=True):
            name = speaker if isinstance(speaker, str) and speaker else "(unattributed)"
            by_speaker.setdefault(name, []).extend(
                (int(s), int(e), kind == "direct") for s, e in spans)
        for name, spans in by_speaker.items():
            rows.append((f"quotes: {_short(name, 30)}", "quote", sorted(spans)))
    length = max(len(article.text), 1)
    fig = Figure(figsize=(9, 0.45 * len(rows) + 1.6), layout="constrained")
    ax = fig.add_subplot()
    for p_start, _ in article.paragraphs:
        ax.axvline(p_start, color="#dddddd", linewidth=0.8, zorder=0)
    for y, (_, kind, spans) in enumerate(reversed(rows)):
        if kind == "term":
            ax.vlines([s for s, _ in spans], y - 0.35, y + 0.35, color=_BAR_COLOUR, linewidth=2)
        else:
            for direct in (True, False):
                bars = [(s, max(e - s, length / 400)) for s, e, d in spans if d == direct]
                if bars:
                    ax.broken_barh(bars, (y - 0.3, 0.6), facecolor=_QUOTE_COLOUR,
                                   alpha=1.0 if direct else 0.35,
                                   label="direct quote" if direct else "reported speech")
    ax.set_yticks(range(len(rows)), [label for label, _, _ in reversed(rows)])
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlim(0, length)
    ax.set_xlabel("position in the article (characters; grey lines: paragraph starts)")
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        unique = dict(zip(labels, handles, strict=True))
        ax.legend(unique.values(), unique.keys(), loc="upper left", bbox_to_anchor=(1.01, 1),
                  fontsize="small", frameon=False)
    ax.set_title(title or _title("Where terms and quotes occur", article))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def theme_share_chart(
    article: Article | str,
    themes=None,
    *,
    title: str | None = None,
) -> Figure:
    """Stacked bars: the share of each theme in each paragraph.

    Parameters
    ----------
    article : Article or str
    themes : mapping, optional
        Theme lexicon (default: :func:`analysis.terms.load_themes`).
    title : str, optional

    Returns
    -------
    Figure
    """
    import matplotlib

    article = as_article(article)
    shares = theme_shares(article, themes)
    paragraphs = list(range(len(article.paragraphs)))
    fig = Figure(figsize=(10, 5), layout="constrained")
    ax = fig.add_subplot()
    if shares.empty:
        ax.text(0.5, 0.5, "no theme term found", ha="center", va="center",
                transform=ax.transAxes)
    else:
        table = shares.pivot_table(index="paragraph_id", columns="theme", values="share",
                                   aggfunc="sum", fill_value=0.0).reindex(paragraphs,
                                                                          fill_value=0.0)
        order = shares.groupby("theme")["hits"].sum().sort_values(ascending=False).index
        colours = matplotlib.colormaps["tab10" if len(order) <= 10 else "tab20"]
        bottom = [0.0] * len(paragraphs)
        for k, theme in enumerate(order):
            values = table[theme].tolist()
            ax.bar(paragraphs, values, bottom=bottom, color=colours(k % colours.N), label=theme,
                   width=0.8)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False,
                  title="theme (most hits first)")
    ax.set_xticks(paragraphs)
    ax.set_xlabel("paragraph (0 = headline)")
    ax.set_ylabel("share of the paragraph's theme terms")
    ax.set_ylim(0, 1.02)
    ax.set_title(title or _title("Themes by paragraph", article))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def keyness_chart(
    keyness: pd.DataFrame | Article | str,
    *,
    top: int = 20,
    value: str = "log_likelihood",
    title: str | None = None,
) -> Figure:
    """Bar chart of distinctive terms, labelled with their log ratio.

    Parameters
    ----------
    keyness : DataFrame, Article or str
        A table from :func:`analysis.terms.distinctive_terms` or
        :func:`analysis.terms.collection_keyness`, or an article (then
        compared with general English).
    top : int
    value : {"log_likelihood", "log_ratio"}
        Bar length.
    title : str, optional

    Returns
    -------
    Figure
    """
    if value not in ("log_likelihood", "log_ratio"):
        raise ValueError(f"keyness_chart: value must be 'log_likelihood' or 'log_ratio', "
                         f"not {value!r}")
    source = keyness
    table = keyness if isinstance(keyness, pd.DataFrame) else distinctive_terms(keyness, top=top)
    table = table.head(top).iloc[::-1]
    fig = Figure(figsize=(7, max(2.5, 0.3 * len(table) + 1)), layout="constrained")
    ax = fig.add_subplot()
    labels = [_short(t) + (" (+aliases)" if len(a) else "")
              for t, a in zip(table["term"], table["aliases"], strict=True)]
    bars = ax.barh(labels, table[value], color=_BAR_COLOUR)
    other = "log_ratio" if value == "log_likelihood" else "log_likelihood"
    ax.bar_label(bars, labels=[f"{v:.1f}" for v in table[other]], padding=3, fontsize="small")
    ax.set_xlabel(f"{value.replace('_', '-')} (numbers: {other.replace('_', ' ')})")
    ax.set_title(title or _title("Distinctive terms", source))
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.12)
    return fig


def save_readme_figures(
    article: Article,
    folder: str | Path,
    quotes: pd.DataFrame | None = None,
    *,
    terms: Sequence[str] | None = None,
    dpi: int = 110,
) -> list[Path]:
    """Draw one figure of each kind for ``article`` and save them as PNG files.

    Parameters
    ----------
    article : Article
    folder : str or Path
        Created if missing.
    quotes : DataFrame, optional
        Quotes table for the speaker rows of the dispersion plot.
    terms : sequence of str, optional
        Terms for the dispersion plot (default: the five most distinctive).
    dpi : int

    Returns
    -------
    list of Path
        The files written: top_terms.png, keyness.png, dispersion.png,
        themes_by_paragraph.png.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    key = distinctive_terms(article, top=20)
    chosen = list(terms) if terms is not None else key["term"].head(5).tolist()
    figures = {
        "top_terms.png": top_terms_chart(article, top=20),
        "keyness.png": keyness_chart(key, title=_title("Distinctive terms vs general English",
                                                       article)),
        "dispersion.png": dispersion_plot(article, chosen, quotes),
        "themes_by_paragraph.png": theme_share_chart(article),
    }
    paths = []
    for name, fig in figures.items():
        path = folder / name
        fig.savefig(path, dpi=dpi)
        paths.append(path)
    return paths
