"""The quote table: one row per quote, with character offsets into the article."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from ..article import Article
from .confidence import confidence
from .cues import CueLexicon
from .model import Quote
from .pipeline import Attribution, attribute

QUOTE_COLUMNS = [
    "article", "quote_id", "kind", "text", "start", "end", "cue", "cue_start", "cue_end",
    "cue_type", "speaker_mention", "speaker_start", "speaker_end", "speaker", "audience", "spans",
    "sentence_id", "paragraph_id", "evidence", "confidence",
]


def iter_quotes(article: Article | str | Attribution) -> Iterator[tuple[Quote, int, int]]:
    """Yield ``(Quote, sentence_index, paragraph_index)`` in text order."""
    result = article if isinstance(article, Attribution) else attribute(article)
    starts = [s for s, _, _ in result.sentences]
    for quote in result.quotes:
        s_index = max(0, bisect.bisect_right(starts, quote.start) - 1)
        yield quote, s_index, result.sentences[s_index][2] if result.sentences else 0


def extract_quotes(
    article: Article | str | Attribution,
    *,
    cues: CueLexicon | str | Path | Mapping | None = None,
) -> pd.DataFrame:
    """Who said what: one row per quote (direct, mixed or indirect).

    Parameters
    ----------
    article : Article or str
        An article (see :func:`analysis.load_article`) or its text.
    cues : path or mapping, optional
        Extra reporting cues, added to ``resources/reporting_verbs.tsv`` (see
        :func:`cue_lexicon`), e.g. ``{"quip": "neutral"}``.

    Returns
    -------
    pandas.DataFrame
        Columns: article, quote_id (q1, q2, ... in text order), kind
        (direct/mixed/indirect), text, start, end (the hull of the pieces; a
        direct quote includes its marks), cue, cue_start, cue_end, cue_type
        (speech, thought or document),
        speaker_mention, speaker_start, speaker_end (the local mention, e.g.
        "he"), speaker (the resolved name, "" when unknown), audience (who was
        told, e.g. "the Security Council"), spans (the pieces as [[start, end],
        ...]), sentence_id, paragraph_id, evidence (the rules that decided),
        confidence (the share of right rows its rule path gave on annotated
        news, see :mod:`analysis.quotes.confidence`). Missing offsets are <NA>.

    Examples
    --------
    >>> table = extract_quotes("Budget vote\\n\\n“We will win,” Ann Lee said.")
    >>> table[["kind", "text", "speaker"]].values.tolist()
    [['direct', '“We will win,”', 'Ann Lee']]
    """
    result = article if isinstance(article, Attribution) else attribute(article, cues=cues)
    table = pd.DataFrame(quote_records(result), columns=QUOTE_COLUMNS)
    for column in ("cue_start", "cue_end", "speaker_start", "speaker_end"):
        table[column] = table[column].astype("Int64")
    return table


def quote_records(result: Attribution) -> list[tuple]:
    """The rows of :func:`extract_quotes` as plain tuples (columns ``QUOTE_COLUMNS``,
    missing offsets ``None``), for callers that build one table over many articles."""
    article = result.article
    text = article.text
    rows = []
    for number, (quote, s_index, p_index) in enumerate(iter_quotes(result), start=1):
        cue = quote.cue
        speaker = quote.speaker
        rows.append((
            article.id, f"q{number}", quote.kind, text[quote.start : quote.end],
            quote.start, quote.end,
            text[cue[0] : cue[1]] if cue else "", cue[0] if cue else None, cue[1] if cue else None,
            quote.cue_type,
            text[speaker[0] : speaker[1]] if speaker else "",
            speaker[0] if speaker else None, speaker[1] if speaker else None,
            quote.speaker_name, quote.audience, [list(p) for p in quote.pieces],
            s_index, p_index, "; ".join(quote.evidence), confidence(quote),
        ))
    return rows
