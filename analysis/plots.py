"""Figures for terms, keyness, themes, quotes and collections (matplotlib).

Every function returns a :class:`matplotlib.figure.Figure` and never calls
``plt.show()``: in a notebook the figure displays itself, elsewhere call
``fig.savefig(path)``. Figures are built with the object API (no pyplot state),
so they are safe to make in loops and under the ``Agg`` backend.

Figures stay readable at any size: past :data:`MAX_BARS` paragraphs the
paragraph charts add up paragraphs in equal bins, tick labels are thinned to a
few, long labels and titles end in an ellipsis, and a figure with nothing to
draw says so. Text from articles is drawn as written: a ``$`` never starts
matplotlib's mathtext.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

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
    "speakers_chart",
    "outlet_chart",
    "stance_chart",
    "topic_chart",
    "save_readme_figures",
    "README_FIGURES",
    "plain",
    "short_label",
    "figure_title",
    "paragraph_bins",
    "MAX_BARS",
]

_BAR_COLOUR = "#3b6ea5"
_QUOTE_COLOUR = "#d9822b"
#: Paragraph charts draw one bar a paragraph up to this many paragraphs, and
#: equal bins of consecutive paragraphs past it.
MAX_BARS = 60
#: Rows (speakers, terms, outlets) a chart shows at most; the rest are named as a count.
MAX_ROWS = 25
#: Paragraph start lines in the dispersion plot up to this many paragraphs.
MAX_PARAGRAPH_LINES = 150


def plain(text: str) -> str:
    """Text that matplotlib draws as written: ``$`` escaped, so no mathtext.

    >>> plain("Fund pays $5 to savers, $6 to ...")
    'Fund pays \\\\$5 to savers, \\\\$6 to ...'
    """
    return str(text).replace("$", r"\$")


def short_label(text: str, width: int = 40) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis, drawable as written.

    >>> short_label("A very long headline about the council", 20)
    'A very long headli…'
    """
    text = " ".join(str(text).split())
    if len(text) > width:
        text = text[: width - 2].rstrip() + "…"
    return plain(text)


def figure_title(base: str, article=None, width: int = 70) -> str:
    """A figure title: ``base``, then the article's headline (ellipsised) on a second line."""
    if isinstance(article, Article) and (article.title or article.id):
        return f"{base}\n{short_label(article.title or article.id, width)}"
    return base


def _figure(size: tuple[float, float], title: str):
    """A figure of ``size`` inches with one axes titled ``title``."""
    fig = Figure(figsize=size, layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title)
    return fig, ax


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes,
            color="#555555", fontsize="medium")
    ax.set_xticks([])
    ax.set_yticks([])


def _tidy(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)


def paragraph_bins(n_paragraphs: int, max_bars: int = MAX_BARS) -> int:
    """Paragraphs a bar stands for: 1 up to ``max_bars`` paragraphs, more past it.

    >>> paragraph_bins(44), paragraph_bins(22_000)
    (1, 367)
    """
    return max(1, math.ceil(n_paragraphs / max_bars))


def _paragraph_axis(ax, n_paragraphs: int, size: int) -> None:
    """X axis of a paragraph chart: at most a dozen integer ticks, labelled in paragraphs."""
    ax.xaxis.set_major_locator(MaxNLocator(nbins=12, integer=True))
    if size == 1:
        ax.set_xlabel("paragraph (0 = headline)")
        ax.set_xlim(-0.6, max(n_paragraphs, 1) - 0.4)
    else:
        ax.set_xlabel(f"paragraph (bars: {size} paragraphs each)")
        ax.set_xlim(-size * 0.6, n_paragraphs)


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
    fig, ax = _figure((7, max(2.5, 0.3 * len(table) + 1)),
                      title or figure_title("Most frequent terms", article))
    if table.empty:
        _empty(ax, "no terms found")
        return fig
    ax.barh([short_label(t) for t in table["term"]], table["count"], color=_BAR_COLOUR)
    ax.set_xlabel("occurrences in the article")
    ax.xaxis.get_major_locator().set_params(integer=True)
    _tidy(ax)
    return fig


def _term_spans(article: Article, term: str, match: str) -> list[tuple[int, int]]:
    """Where ``term`` occurs: its row of the term table when it is one (so the count is
    the table's, aliases included and the defining parenthesis not), else a KWIC search."""
    table = term_table(article)
    row = table[table["term"].str.casefold() == term.casefold()]
    if len(row):
        return [(int(s), int(e)) for s, e in row["spans"].iloc[0]]
    hits = kwic(article, term, match=match, aliases=True)
    return list(zip(hits["start"], hits["end"], strict=True))


def dispersion_plot(
    article: Article | str,
    terms: Sequence[str],
    quotes: pd.DataFrame | None = None,
    *,
    match: str = "stem",
    title: str | None = None,
    max_speakers: int = MAX_ROWS,
) -> Figure:
    """Where chosen terms, and each speaker's quotes, fall through the article.

    One row per term (a tick at every occurrence: a term of
    :func:`analysis.terms.term_table` at the table's occurrences, so its count
    matches the table; other words and phrases found with
    :func:`analysis.terms.kwic`) and, when a quotes table is given, one row per
    speaker with a bar over each quoted stretch. The x axis is the position in
    the text (character offset); grey lines mark paragraph starts (up to
    :data:`MAX_PARAGRAPH_LINES` paragraphs).

    Parameters
    ----------
    article : Article or str
    terms : sequence of str
        Words or phrases to place.
    quotes : DataFrame, optional
        Quotes table (``spans``, ``speaker``, ``quote_id``, ``kind``); direct
        quotes are drawn solid, other kinds (indirect, ...) pale.
    match : {"stem", "exact"}
        How words that are not a term of the table are matched (see
        :func:`analysis.terms.kwic`).
    title : str, optional
    max_speakers : int
        Speakers with the most quotes get a row each; the others are counted
        in the axis label.

    Returns
    -------
    Figure
    """
    article = as_article(article)
    rows: list[tuple[str, str, list[tuple]]] = []
    for term in terms:
        spans = _term_spans(article, term, match)
        rows.append((f"{short_label(term, 30)} ({len(spans)})", "term", spans))
    left_out = 0
    if quotes is not None and len(quotes):
        by_speaker: dict[str, list[tuple[int, int, bool]]] = {}
        kinds = quotes["kind"] if "kind" in quotes.columns else ["direct"] * len(quotes)
        for spans, speaker, kind in zip(quotes["spans"], quotes["speaker"], kinds, strict=True):
            name = speaker if isinstance(speaker, str) and speaker else "(unattributed)"
            by_speaker.setdefault(name, []).extend(
                (int(s), int(e), kind == "direct") for s, e in spans)
        ranked = sorted(by_speaker.items(), key=lambda item: -len(item[1]))
        left_out = max(0, len(ranked) - max_speakers)
        for name, spans in ranked[:max_speakers]:
            rows.append((f"quotes: {short_label(name, 30)}", "quote", sorted(spans)))
    length = max(len(article.text), 1)
    fig, ax = _figure((9, 0.45 * len(rows) + 1.6),
                      title or figure_title("Where terms and quotes occur", article))
    if not rows:
        _empty(ax, "no quotes found" if quotes is not None else "no terms given")
        return fig
    starts = [p_start for p_start, _ in article.paragraphs]
    lines = len(starts) <= MAX_PARAGRAPH_LINES
    if lines:
        ax.vlines(starts, -0.7, len(rows) - 0.3, color="#dddddd", linewidth=0.8, zorder=0)
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
    xlabel = "position in the article (characters"
    xlabel += "; grey lines: paragraph starts)" if lines else ")"
    if left_out:
        xlabel += f"\n{left_out} more speaker{'s' if left_out != 1 else ''} not shown"
    ax.set_xlabel(xlabel)
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        unique = dict(zip(labels, handles, strict=True))
        ax.legend(unique.values(), unique.keys(), loc="upper left", bbox_to_anchor=(1.01, 1),
                  fontsize="small", frameon=False)
    _tidy(ax)
    return fig


def theme_share_chart(
    article: Article | str,
    themes=None,
    *,
    title: str | None = None,
    max_bars: int = MAX_BARS,
) -> Figure:
    """Stacked bars: the share of each theme in each paragraph (or bin of paragraphs).

    Parameters
    ----------
    article : Article or str
    themes : mapping, optional
        Theme lexicon (default: :func:`analysis.terms.load_themes`).
    title : str, optional
    max_bars : int
        Past this many paragraphs each bar adds up an equal bin of consecutive
        paragraphs (:func:`paragraph_bins`).

    Returns
    -------
    Figure
    """
    import matplotlib

    article = as_article(article)
    shares = theme_shares(article, themes)
    n_paragraphs = len(article.paragraphs)
    size = paragraph_bins(n_paragraphs, max_bars)
    fig, ax = _figure((10, 5), title or figure_title("Themes by paragraph", article))
    if shares.empty:
        _empty(ax, "no theme term found")
        return fig
    shares = shares.assign(bin=shares["paragraph_id"] // size)
    hits = shares.pivot_table(index="bin", columns="theme", values="hits", aggfunc="sum",
                              fill_value=0)
    table = hits.div(hits.sum(axis=1), axis=0)
    order = shares.groupby("theme")["hits"].sum().sort_values(ascending=False).index
    colours = matplotlib.colormaps["tab10" if len(order) <= 10 else "tab20"]
    positions = [b * size for b in table.index]
    bottom = [0.0] * len(table)
    for k, theme in enumerate(order):
        values = table[theme].tolist()
        ax.bar(positions, values, bottom=bottom, color=colours(k % colours.N),
               label=short_label(theme, 40), width=0.8 * size, align="edge" if size > 1
               else "center")
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False,
              title="theme (most hits first)")
    _paragraph_axis(ax, n_paragraphs, size)
    ax.set_ylabel("share of the theme terms")
    ax.set_ylim(0, 1.02)
    _tidy(ax)
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
    fig, ax = _figure((7, max(2.5, 0.3 * len(table) + 1)),
                      title or figure_title("Distinctive terms", source))
    if table.empty:
        _empty(ax, "no distinctive term found")
        return fig
    labels = [short_label(t) + (" (+aliases)" if len(a) else "")
              for t, a in zip(table["term"], table["aliases"], strict=True)]
    bars = ax.barh(labels, table[value], color=_BAR_COLOUR)
    other = "log_ratio" if value == "log_likelihood" else "log_likelihood"
    ax.bar_label(bars, labels=[f"{v:.1f}" for v in table[other]], padding=3, fontsize="small")
    ax.set_xlabel(f"{value.replace('_', '-')} (numbers: {other.replace('_', ' ')})")
    _tidy(ax)
    ax.margins(x=0.12)
    return fig


# ------------------------------------------------------------------------ collections


def _more_note(ax, shown: int, total: int, noun: str) -> None:
    if total > shown:
        ax.text(1.0, -0.08, f"{total - shown} more {noun} not shown", transform=ax.transAxes,
                ha="right", va="top", fontsize="small", color="#555555")


def speakers_chart(
    speakers: pd.DataFrame,
    *,
    top: int = 15,
    title: str = "Who is quoted most",
) -> Figure:
    """Horizontal bars: quotes per speaker across a collection, direct quotes darker.

    Parameters
    ----------
    speakers : DataFrame
        One row per speaker with ``speaker``, ``quotes`` and optional ``direct``
        and ``articles`` columns (as :func:`analysis.overview.speakers_across_articles`).
    top : int
    title : str

    Returns
    -------
    Figure
    """
    table = speakers.sort_values(["quotes", "speaker"], ascending=[False, True]).head(top)
    table = table.iloc[::-1]
    fig, ax = _figure((7, max(2.5, 0.32 * len(table) + 1.2)), title)
    if table.empty:
        _empty(ax, "nobody is quoted")
        return fig
    labels = _counted_labels(table, "speaker", "article", least=2)
    direct = table["direct"] if "direct" in table else table["quotes"]
    ax.barh(labels, direct, color=_QUOTE_COLOUR, label="direct or mixed")
    ax.barh(labels, table["quotes"] - direct, left=direct, color=_QUOTE_COLOUR, alpha=0.35,
            label="indirect")
    ax.set_xlabel("quotes")
    _finish_counts(ax, len(table), len(speakers), "speakers")
    return fig


def _counted_labels(table: pd.DataFrame, name_column: str, noun: str,
                    least: int = 1) -> list[str]:
    """Short names, each with "(n articles)" when the table has an ``articles`` column
    and n is at least ``least``."""
    counts = table["articles"] if "articles" in table else [0] * len(table)
    return [short_label(name, 34) + (f" ({n} {noun}{'s' if n != 1 else ''})"
                                     if "articles" in table and n >= least else "")
            for name, n in zip(table[name_column], counts, strict=True)]


def _finish_counts(ax, shown: int, total: int, noun: str) -> None:
    """Integer ticks, a legend, the note on rows left out, no top and right frame."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="lower right", fontsize="small", frameon=False)
    _more_note(ax, shown, total, noun)
    _tidy(ax)


def outlet_chart(outlets: pd.DataFrame, *, title: str = "Quotes and speakers per outlet",
                 top: int = MAX_ROWS) -> Figure:
    """Paired horizontal bars: quotes and quoted speakers per outlet.

    Parameters
    ----------
    outlets : DataFrame
        ``outlet``, ``quotes`` and ``speakers`` columns (as
        :func:`analysis.overview.outlet_summary`), optionally ``articles``.
    title : str
    top : int
        Outlets shown (most quotes first).

    Returns
    -------
    Figure
    """
    table = outlets.sort_values("quotes", ascending=False).head(top).iloc[::-1]
    fig, ax = _figure((7, max(2.5, 0.5 * len(table) + 1.2)), title)
    if table.empty:
        _empty(ax, "no article")
        return fig
    ys = list(range(len(table)))
    ax.barh([y + 0.2 for y in ys], table["quotes"], height=0.4, color=_QUOTE_COLOUR,
            label="quotes")
    ax.barh([y - 0.2 for y in ys], table["speakers"], height=0.4, color=_BAR_COLOUR,
            label="speakers quoted")
    ax.set_yticks(ys, _counted_labels(table, "outlet", "article"))
    _finish_counts(ax, len(table), len(outlets), "outlets")
    return fig


def stance_chart(stance: pd.DataFrame, *, title: str = "Reporting-verb stance by outlet",
                 top: int = MAX_ROWS) -> Figure:
    """100% stacked bars: each outlet's reporting verbs by stance class.

    Parameters
    ----------
    stance : DataFrame
        One row per outlet (the index), one column per stance class, counts.
    title : str
    top : int
        Outlets shown (most verbs first).

    Returns
    -------
    Figure
    """
    import matplotlib

    totals = stance.sum(axis=1)
    table = stance[totals > 0]
    table = table.loc[table.sum(axis=1).sort_values(ascending=False).index[:top]].iloc[::-1]
    fig, ax = _figure((8, max(2.5, 0.45 * len(table) + 1.4)), title)
    if table.empty:
        _empty(ax, "no reporting verb found")
        return fig
    classes = table.sum().sort_values(ascending=False).index
    shares = table[classes].div(table.sum(axis=1), axis=0)
    colours = matplotlib.colormaps["tab10"]
    left = [0.0] * len(shares)
    labels = [f"{short_label(o, 30)} ({int(n)})"
              for o, n in zip(shares.index, table.sum(axis=1), strict=True)]
    for k, stance_class in enumerate(classes):
        values = shares[stance_class].tolist()
        ax.barh(labels, values, left=left, color=colours(k % colours.N),
                label=short_label(stance_class, 24))
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the outlet's reporting verbs (in brackets: verbs)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False,
              title="stance")
    _more_note(ax, len(table), int((totals > 0).sum()), "outlets")
    _tidy(ax)
    return fig


def topic_chart(documents: pd.DataFrame, topics: pd.DataFrame, *,
                title: str = "Topics over the collection", max_articles: int = 40) -> Figure:
    """Heat map: each article's mixture of the topics found in the collection.

    Parameters
    ----------
    documents, topics : DataFrame
        The two tables of :func:`analysis.terms.discover_topics` (``article``,
        ``topic``, ``weight``; ``topic``, ``rank``, ``term``, ``weight``).
    title : str
    max_articles : int
        Articles drawn one a row up to this many; past it, the rows are not
        labelled.

    Returns
    -------
    Figure
    """
    fig_height = 2.5 if documents.empty else min(12, max(2.5, 0.3 * documents["article"]
                                                         .nunique() + 2))
    fig, ax = _figure((9, fig_height), title)
    if documents.empty or topics.empty:
        _empty(ax, "too few articles or shared terms for topics")
        return fig
    matrix = documents.pivot_table(index="article", columns="topic", values="weight",
                                   aggfunc="sum", fill_value=0.0)
    totals = matrix.sum(axis=1).replace(0, 1)
    matrix = matrix.div(totals, axis=0)
    names = (topics.sort_values(["topic", "rank"]).groupby("topic")["term"]
             .apply(lambda terms: ", ".join(_distinct_terms(terms.tolist())[:3])))
    image = ax.imshow(matrix.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=1,
                      interpolation="nearest")
    ax.set_xticks(range(matrix.shape[1]),
                  [f"{t}: {short_label(names.get(t, ''), 28)}" for t in matrix.columns],
                  rotation=30, ha="right")
    if len(matrix) <= max_articles:
        ax.set_yticks(range(len(matrix)), [short_label(a, 36) for a in matrix.index])
    else:
        ax.set_yticks([])
        ax.set_ylabel(f"{len(matrix):,} articles")
    fig.colorbar(image, ax=ax, label="share of the article", shrink=0.8)
    return fig


def _distinct_terms(terms: list[str]) -> list[str]:
    """``terms`` without those that are a word of another ("Bay" beside "Kestrel Bay")."""
    words = {word.casefold() for term in terms if " " in term for word in term.split()}
    return [term for term in terms if " " in term or term.casefold() not in words]


#: The README's figures: file name -> what is drawn, from the seed article.
README_FIGURES = ("top_terms.png", "keyness.png", "dispersion.png", "themes_by_paragraph.png")


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
        The files written: :data:`README_FIGURES`. The PNG files carry no date
        or software version, so the same figure gives the same bytes.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    key = distinctive_terms(article, top=20)
    chosen = list(terms) if terms is not None else key["term"].head(5).tolist()
    figures = dict(zip(README_FIGURES, [
        top_terms_chart(article, top=20),
        keyness_chart(key, title=figure_title("Distinctive terms vs general English", article)),
        dispersion_plot(article, chosen, quotes),
        theme_share_chart(article),
    ], strict=True))
    paths = []
    for name, fig in figures.items():
        path = folder / name
        fig.savefig(path, dpi=dpi, metadata={"Software": None})
        paths.append(path)
    return paths
