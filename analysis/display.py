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

__all__ = ["quotes_html", "show_quotes", "HighlightedArticle", "speaker_colours"]

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
    header = (f'<div style="font-size:0.85em;color:#555">{html.escape(article.id)}: '
              f"{len(quotes)} quotes, {sum(1 for k in colours if k != NO_SPEAKER)} speakers</div>")
    body = ('<div class="analysis-quotes-text" style="white-space:pre-wrap;line-height:1.7;'
            f'font-family:Georgia,serif;max-width:52em">{"".join(parts)}</div>')
    return f'<div class="analysis-quotes">{header}{_legend_html(quotes, colours)}{body}</div>'


class HighlightedArticle:
    """Wraps the highlighted HTML so Jupyter displays it (``_repr_html_``)."""

    def __init__(self, html_text: str) -> None:
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def save(self, path) -> None:
        """Write a standalone HTML page."""
        from pathlib import Path

        Path(path).write_text(
            f'<!doctype html><meta charset="utf-8"><body style="margin:2em">{self.html}</body>',
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
    if quotes is None:
        from .quotes import extract_quotes

        quotes = extract_quotes(article)
    return HighlightedArticle(quotes_html(article, quotes))
