"""Quotes and who said them: direct, mixed and indirect speech with speakers.

The extractor is rule-based and needs no parser model. Its stages, in the order
:func:`analysis.quotes.pipeline._extract` runs them over one
:class:`~analysis.quotes.context.ArticleContext` (``context.py``: the text, its
paragraphs and sentences, the entity index, built once per article):

1. ``marks.py``: double quotation marks are classified as opening or closing from
   their context (curly marks are often wrong in scraped text) and paired within a
   paragraph. A quote left open at a paragraph's end continues only when the
   next paragraph reopens with a mark (the news convention); otherwise it is
   closed there, so a missing mark never swallows the rest of the article.
2. ``direct.py`` with ``frames.py``: each quote looks for an attribution frame: a
   reporting cue (``cues.py``: ``resources/reporting_verbs.tsv``,
   ``resources/cue_phrases.tsv``) with its speaker (``subjects.py``) right after
   the closing mark (``,” the official said``, ``,” said Smith``) or right before
   the opening mark (``Smith said: “``). Quotes that follow an attributed quote
   with no cue of their own (``“A,” he said. “B.”``, a next paragraph of
   quotation) join it as further pieces. Short quotes inside a sentence are scare
   quotes or titles: not speech on their own, but part of a mixed quote when a cue
   governs their clause (``mixed.py``).
3. ``indirect.py``: sentences with a cue and a subject (``X insisted that ...``,
   ``..., he said.``, ``according to X, ...``) give indirect (or mixed) quotes.
4. ``merge.py`` puts them in text order without overlaps; ``resolve.py`` resolves
   speaker mentions (names, pronouns, descriptions) to entities by
   :mod:`analysis.coref` (salience over the article's mentions).

Every row carries the rule that made it in ``evidence``; ``table.py`` builds the rows.
"""

from __future__ import annotations

from .cues import CueLexicon, cue_lexicon, cue_sense, reporting_cues
from .model import Quote
from .pipeline import Attribution, attribute
from .table import QUOTE_COLUMNS, extract_quotes, iter_quotes, quote_records

__all__ = [
    "extract_quotes", "quote_records", "attribute", "Attribution", "iter_quotes", "Quote",
    "QUOTE_COLUMNS",
    "reporting_cues", "cue_lexicon", "CueLexicon", "cue_sense",
]
