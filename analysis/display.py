"""Notebook HTML: the article with its quotes, cues and speaker mentions highlighted.

An analyst checks each attribution against the text: every quote is shaded in
its speaker's colour (one colour per speaker, with a legend), its reporting cue
is underlined and the mention that names the speaker is boxed in the same
colour. Hovering over a highlight shows the quote id, kind, speaker and the
rule's evidence.

Everything is drawn from the quote table's offsets (``spans`` or
``start``/``end``, ``cue_start``/``cue_end``, ``speaker_start``/``speaker_end``)
into ``article.text``; the text itself is HTML-escaped, never interpreted.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable

import pandas as pd

from .article import Article, as_article

__all__ = ["quotes_html", "show_quotes", "HighlightedArticle", "speaker_colours", "show_table",
           "TableView", "readable_value", "readable_table"]

# Colour-blind-safe qualitative palette (Okabe & Ito 2008), then Tableau 10 for
# articles with more speakers; cycled after that.
PALETTE = (
    "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#F0E442",
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1",
)
NO_SPEAKER = "(no speaker found)"
NO_SPEAKER_COLOUR = "#9E9E9E"


def _is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NA or value is pd.NaT


def _offset(value) -> int | None:
    """An offset from a table cell, or None for a missing one (NaN, None, -1)."""
    if _is_missing(value):
        return None
    number = int(value)
    return number if number >= 0 else None


def _speaker_name(value) -> str:
    if _is_missing(value) or not str(value).strip():
        return NO_SPEAKER
    return str(value)


def _pieces(row) -> list[tuple[int, int]]:
    """The quote's pieces: its ``spans`` cell (list or JSON text), else start/end."""
    spans = row.get("spans")
    if isinstance(spans, str) and spans.strip():
        spans = json.loads(spans)
    if spans is not None and not isinstance(spans, float) and len(spans):
        return [(int(s), int(e)) for s, e in spans]
    start, end = _offset(row.get("start")), _offset(row.get("end"))
    return [(start, end)] if start is not None and end is not None else []


def speaker_colours(speakers: Iterable[str]) -> dict[str, str]:
    """One colour per speaker, in order of first appearance.

    >>> speaker_colours(["B", "A", "B", ""])
    {'B': '#E69F00', 'A': '#56B4E9', '(no speaker found)': '#9E9E9E'}
    """
    colours: dict[str, str] = {}
    for raw in speakers:
        name = _speaker_name(raw)
        if name in colours:
            continue
        if name == NO_SPEAKER:
            colours[name] = NO_SPEAKER_COLOUR
        else:
            named = sum(1 for key in colours if key != NO_SPEAKER)
            colours[name] = PALETTE[named % len(PALETTE)]
    return colours


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


# Marks are (start, end, layer, payload); layers draw differently and may nest.
_QUOTE, _CUE, _MENTION = "quote", "cue", "mention"


def _marks(quotes: pd.DataFrame, text_length: int) -> list[tuple[int, int, str, dict]]:
    marks = []
    for row in quotes.to_dict("records"):
        speaker = _speaker_name(row.get("speaker"))
        info = {
            "quote_id": str(row.get("quote_id", "")),
            "kind": str(row.get("kind", "") or ""),
            "speaker": speaker,
            "evidence": "" if _is_missing(row.get("evidence")) else str(row.get("evidence")),
        }
        for number, (start, end) in enumerate(_pieces(row)):
            marks.append((start, end, _QUOTE, {**info, "first": number == 0}))
        for layer, start_key, end_key in [(_CUE, "cue_start", "cue_end"),
                                          (_MENTION, "speaker_start", "speaker_end")]:
            start, end = _offset(row.get(start_key)), _offset(row.get(end_key))
            if start is not None and end is not None:
                marks.append((start, end, layer, info))
    clipped = []
    for start, end, layer, info in marks:
        start, end = max(0, min(start, text_length)), max(0, min(end, text_length))
        if end > start:
            clipped.append((start, end, layer, info))
    return clipped


def _tooltip(info: dict) -> str:
    parts = [info["quote_id"], info["kind"], f"speaker: {info['speaker']}"]
    if info["evidence"]:
        parts.append(f"evidence: {info['evidence']}")
    return " · ".join(p for p in parts if p)


def _segment_html(piece: str, active: list[tuple[int, int, str, dict]],
                  colours: dict[str, str]) -> str:
    escaped = html.escape(piece, quote=True)
    if not active:
        return escaped
    styles, tips = [], []
    quote = next((info for _, _, layer, info in active if layer == _QUOTE), None)
    cue = next((info for _, _, layer, info in active if layer == _CUE), None)
    mention = next((info for _, _, layer, info in active if layer == _MENTION), None)
    if quote:
        colour = colours[quote["speaker"]]
        alpha = 0.16 if quote["kind"] == "indirect" else 0.38
        styles.append(f"background:{_rgba(colour, alpha)}")
        if quote["kind"] == "indirect":
            styles.append(f"border-bottom:2px dotted {colour}")
        tips.append(_tooltip(quote))
    if cue:
        styles.append("font-weight:bold;text-decoration:underline;text-underline-offset:3px")
        tips.append(f"cue of {_tooltip(cue)}")
    if mention:
        styles.append(f"outline:2px solid {colours[mention['speaker']]};border-radius:3px;"
                      "font-weight:bold")
        tips.append(f"speaker mention of {_tooltip(mention)}")
    title = html.escape("\n".join(dict.fromkeys(tips)), quote=True)
    return f'<span style="{";".join(styles)}" title="{title}">{escaped}</span>'


def _label_html(info: dict, colours: dict[str, str]) -> str:
    colour = colours[info["speaker"]]
    return (f'<sup style="color:{colour};font-weight:bold;font-size:0.7em;'
            f'margin-right:1px">{html.escape(info["quote_id"])}</sup>')


def _legend_html(quotes: pd.DataFrame, colours: dict[str, str]) -> str:
    counts = quotes["speaker"].map(_speaker_name).value_counts() if len(quotes) else {}
    items = []
    for name, colour in colours.items():
        n = int(counts.get(name, 0))
        items.append(
            f'<span style="display:inline-block;margin:2px 10px 2px 0">'
            f'<span style="display:inline-block;width:0.9em;height:0.9em;'
            f'background:{colour};border-radius:2px;vertical-align:middle"></span> '
            f"{html.escape(name)} ({n} quote{'s' if n != 1 else ''})</span>"
        )
    key = (
        f'<span style="background:{_rgba("#777777", 0.38)}">direct or mixed quote</span> · '
        f'<span style="background:{_rgba("#777777", 0.16)};border-bottom:2px dotted #777">'
        "indirect (reported) speech</span> · "
        '<span style="font-weight:bold;text-decoration:underline">reporting cue</span> · '
        '<span style="outline:2px solid #777;border-radius:3px;font-weight:bold">'
        "speaker mention</span> · hover for the evidence"
    )
    speakers = "".join(items) if items else "<em>no quotes found</em>"
    return (f'<div style="margin-bottom:0.6em"><div>{speakers}</div>'
            f'<div style="font-size:0.85em;color:#555;margin-top:0.3em">{key}</div></div>')


def quotes_html(article: Article | str, quotes: pd.DataFrame) -> str:
    """The article as HTML with quotes, cues and speaker mentions highlighted.

    Parameters
    ----------
    article : Article or str
        The article the quote table was built from (its offsets index
        ``article.text``).
    quotes : pandas.DataFrame
        A quote table (see :func:`analysis.quotes.extract_quotes`). Used
        columns: ``quote_id``, ``kind``, ``spans`` (or ``start``/``end``),
        ``cue_start``, ``cue_end``, ``speaker_start``, ``speaker_end``,
        ``speaker``, ``evidence``; missing offsets (NaN, None, -1) are skipped.

    Returns
    -------
    str
        A self-contained HTML fragment (inline styles, no scripts): a legend
        with one colour per speaker, then the escaped article text with
        line breaks kept.

    Examples
    --------
    >>> table = pd.DataFrame([{"quote_id": "q1", "kind": "direct", "start": 4, "end": 11,
    ...                        "speaker": "Ann", "speaker_start": 17, "speaker_end": 20}])
    >>> "Ann (1 quote)" in quotes_html("Hi\\n\\n“Go <now>” said Ann.", table)
    True
    """
    article = as_article(article)
    text = article.text
    if quotes is None:
        quotes = pd.DataFrame(columns=["quote_id", "speaker"])
    if "speaker" not in quotes.columns:
        quotes = quotes.assign(speaker="")
    colours = speaker_colours(quotes["speaker"].tolist())
    marks = _marks(quotes, len(text))
    boundaries = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    starting: dict[int, list] = {}
    for mark in marks:
        starting.setdefault(mark[0], []).append(mark)
    active: list[tuple[int, int, str, dict]] = []
    parts = []
    for left, right in zip(boundaries, boundaries[1:], strict=False):
        active = [m for m in active if m[1] > left] + starting.get(left, [])
        for _, _, layer, info in starting.get(left, []):
            if layer == _QUOTE and info["first"]:
                parts.append(_label_html(info, colours))
        parts.append(_segment_html(text[left:right], active, colours))
    speakers = sum(1 for k in colours if k != NO_SPEAKER)
    header = (f'<div style="font-size:0.85em;color:#555">{html.escape(article.id)}: '
              f"{_plural(len(quotes), 'quote')}, {_plural(speakers, 'speaker')}</div>")
    body = ('<div class="analysis-quotes-text" style="white-space:pre-wrap;line-height:1.7;'
            f'font-family:Georgia,serif;max-width:52em">{"".join(parts)}</div>')
    return f'<div class="analysis-quotes">{header}{_legend_html(quotes, colours)}{body}</div>'


class HighlightedArticle:
    """Wraps the highlighted HTML so Jupyter displays it (``_repr_html_``).

    ``title`` and ``subtitle`` head the standalone page written by :meth:`save`.
    """

    def __init__(self, html_text: str, title: str = "", subtitle: str = "") -> None:
        self.html = html_text
        self.title = title
        self.subtitle = subtitle

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def save(self, path) -> None:
        """Write a standalone HTML page: a heading, the legend and the highlighted text."""
        from pathlib import Path

        from .report_index import stylesheet

        title = html.escape(self.title or "Quotes and speakers")
        subtitle = (f'<p class="meta">{html.escape(self.subtitle)}</p>' if self.subtitle
                    else "")
        Path(path).write_text(
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title><style>{stylesheet()}</style></head>"
            '<body><main class="analysis-report analysis-quotes-page">'
            f'<div class="kind">Quotes and speakers</div><h1>{title}</h1>{subtitle}'
            f"{self.html}</main></body></html>",
            encoding="utf-8",
        )


def show_quotes(article: Article | str, quotes: pd.DataFrame | None = None) -> HighlightedArticle:
    """Display the article with its quotes highlighted, in a notebook.

    Parameters
    ----------
    article : Article or str
    quotes : pandas.DataFrame, optional
        The quote table; default: ``extract_quotes(article)``.

    Returns
    -------
    HighlightedArticle
        Shown as HTML when it is the last expression of a notebook cell.

    Examples
    --------
    >>> view = show_quotes(article, quotes)   # doctest: +SKIP
    >>> view.save("quotes.html")              # doctest: +SKIP
    """
    article = as_article(article)
    if quotes is None:
        from .quotes import extract_quotes

        quotes = extract_quotes(article)
    meta = article.metadata
    about = [str(v) for v in (meta.get("outlet") or meta.get("sitename"), meta.get("date"))
             if v]
    return HighlightedArticle(quotes_html(article, quotes), title=article.title or article.id,
                              subtitle=" · ".join([*about, article.id]))


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


# ------------------------------------------------------------------- readable tables

#: Columns shown first in a table, in this order, when present: what an analyst
#: reads before any offset.
READING_ORDER = ("quote_id", "text", "speaker", "kind", "cue", "speaker_mention", "audience",
                 "evidence", "term", "theme", "statistic", "value", "note")
_WIDE_COLUMNS = {"text", "opening", "left", "right", "roles", "mentions", "triggers", "note",
                 "title", "most_common", "distinctive terms", "terms", "forms", "collocation",
                 "keyword", "description"}
_ID_COLUMNS = {"article", "source", "quote_id", "key"}
# rule trails ("pronoun->Vladimir Voronkov"): long unbroken tokens that may break
_RULE_COLUMNS = {"evidence"}
#: Tables whose CSV is larger than this are not embedded in the page as a download.
MAX_EMBEDDED_CSV = 1_000_000
_MAX_CELL = 600


def _count_text(counts) -> str:
    return ", ".join(f"{key} ({_number(value)})" for key, value in counts)


def _number(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _is_span(value) -> bool:
    return (isinstance(value, list | tuple) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value))


def readable_value(value) -> str:
    """A table cell as text a reader takes in at a glance.

    Numbers get thousands separators (and two decimals when not whole); a
    ``{name: count}`` mapping reads "said (3), told (1)"; roles read "UN Chief
    (description)"; mentions are counted by their text ("he (3)"); spans read
    "12–40"; other lists are joined with commas; missing values are empty.

    Examples
    --------
    >>> readable_value({"say": 2, "tell": 1})
    'say (2), tell (1)'
    >>> readable_value([{"role": "envoy", "source": "appositive"}])
    'envoy (appositive)'
    >>> readable_value([{"text": "he"}, {"text": "Mr. Lee"}, {"text": "he"}])
    'he (2), Mr. Lee'
    >>> readable_value([[12, 40], [50, 61]]), readable_value(3155.0), readable_value(0.4567)
    ('12–40, 50–61', '3,155', '0.46')
    """
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()   # numpy arrays and scalars (spans read back from Parquet)
    if _is_missing(value):
        return ""
    if isinstance(value, bool | int | float):
        return _number(value)
    if isinstance(value, dict):
        if all(isinstance(v, int | float) for v in value.values()):
            return _count_text(value.items())
        return "; ".join(f"{k}: {readable_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        if not value:
            return ""
        if all(isinstance(v, dict) for v in value):
            if all("role" in v for v in value):
                return "; ".join(f"{v['role']} ({v['source']})" if v.get("source") else
                                 str(v["role"]) for v in value)
            if all("text" in v for v in value):
                counts: dict[str, int] = {}
                for v in value:
                    counts[str(v["text"])] = counts.get(str(v["text"]), 0) + 1
                return ", ".join(f"{k} ({n})" if n > 1 else k for k, n in counts.items())
        if all(_is_span(v) for v in value):
            return ", ".join(f"{s}–{e}" for s, e in value)
        return ", ".join(readable_value(v) for v in value)
    text = str(value)
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def readable_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table with list and mapping cells as readable text (see :func:`readable_value`).

    Numeric columns are kept as numbers; only object columns are rewritten.
    """
    table = table.copy()
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].map(readable_value)
    return table


def _float_format(series: pd.Series, name: str):
    """How a float column reads: whole numbers without decimals, two decimals
    otherwise (per value in a column that mixes both, as a statistics table's
    ``value``), a percentage for a share between 0 and 1."""
    values = series.dropna()
    whole = (values % 1 == 0) if len(values) else values
    if "share" in name and len(values) and values.between(0, 1).all() and not whole.all():
        return "{:.1%}"
    if whole.all():
        return "{:,.0f}"
    if not whole.any():
        return "{:,.2f}"
    return _number


class TableView:
    """A table shown for reading (``_repr_html_``): chosen columns first, numbers
    formatted, text wrapped and left-aligned, with a caption saying what is left
    out and a link to the full table as CSV. Made by :func:`show_table`."""

    def __init__(self, html_text: str) -> None:
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def show_table(
    table: pd.DataFrame,
    name: str = "table",
    *,
    columns: Iterable[str] | None = None,
    max_rows: int = 50,
    caption: str | None = None,
) -> TableView:
    """Display a DataFrame for reading in a notebook (and the report's pages).

    Parameters
    ----------
    table : pandas.DataFrame
        The table; it is not changed (the report still writes all of it as CSV).
    name : str
        Its name, for the CSV file offered for download (``name.csv``).
    columns : iterable of str, optional
        Columns to show, in this order (default: all, those of
        :data:`READING_ORDER` first). The caption names those left out.
    max_rows : int
        Rows shown; the caption says how many there are.
    caption : str, optional
        A line above the table.

    Returns
    -------
    TableView
        Rendered by pandas' Styler: thousands separators, two decimals (or a
        percentage for shares between 0 and 1, whole numbers without decimals),
        lists and mappings as text (:func:`readable_value`), a plain 0..n-1
        index hidden.

    Examples
    --------
    >>> view = show_table(pd.DataFrame({"speaker": ["Ann"], "n_quotes": [3]}), "voice")
    >>> "Ann" in view.html and 'class="analysis-table"' in view.html
    True
    """
    import base64

    from .report_index import stylesheet

    all_columns = [str(c) for c in table.columns]
    if columns is None:
        first = [c for c in READING_ORDER if c in all_columns]
        chosen = first + [c for c in all_columns if c not in first]
    else:
        chosen = [c for c in columns if c in all_columns]
    hidden = [c for c in all_columns if c not in chosen]
    shown = readable_table(table.head(max_rows)[chosen] if chosen else table.head(max_rows))
    styler = shown.style
    formats = {}
    for column in chosen:
        series = table[column]
        if pd.api.types.is_bool_dtype(series):
            formats[column] = lambda v: "yes" if v else "no"
        elif pd.api.types.is_float_dtype(series):
            formats[column] = _float_format(series, column)
        elif pd.api.types.is_integer_dtype(series):
            formats[column] = "{:,}"
    styler = styler.format(formats, na_rep="")
    classes = pd.DataFrame("", index=shown.index, columns=shown.columns)
    for column in chosen:
        series = table[column]
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            classes[column] = "num"
        elif column in _ID_COLUMNS:
            classes[column] = "id"
        elif column in _RULE_COLUMNS:
            classes[column] = "rules"
        elif column in _WIDE_COLUMNS or shown[column].astype(str).str.len().mean() > 40:
            classes[column] = "wide"
    styler = styler.set_td_classes(classes).set_table_attributes('class="analysis-table"')
    if isinstance(table.index, pd.RangeIndex):
        styler = styler.hide(axis="index")
    notes = [f"{_plural(len(table), 'row')} × {_plural(len(all_columns), 'column')}"]
    if len(table) > max_rows:
        notes.append(f"showing the first {max_rows:,}")
    if hidden:
        notes.append(f"not shown: {html.escape(', '.join(hidden))}")
    # a table far past the limit is not written out just to measure it
    small = table.size <= MAX_EMBEDDED_CSV // 4
    csv_text = table.to_csv(index=not isinstance(table.index, pd.RangeIndex)) if small else ""
    if small and len(csv_text) <= MAX_EMBEDDED_CSV:
        data = base64.b64encode(csv_text.encode("utf-8")).decode("ascii")
        notes.append(f'<a download="{html.escape(name)}.csv" '
                     f'href="data:text/csv;charset=utf-8;base64,{data}">full table (CSV)</a>')
    else:
        notes.append(f"full table: <code>tables/NN-{html.escape(name)}.csv</code> in the report")
    head = (f'<div class="analysis-table-caption">{html.escape(caption)}</div>' if caption
            else "")
    return TableView(f'<div class="analysis-table-view"><style>{stylesheet()}</style>{head}'
                     f'<div class="analysis-table-caption">{" · ".join(notes)}</div>'
                     f"{styler.to_html()}</div>")
