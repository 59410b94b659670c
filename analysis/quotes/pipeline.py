"""The attribution pipeline: an article's stages in order, run once per article."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .._gc import paused_gc
from ..article import Article, as_article
from ..mentions import EntityIndex
from .context import ArticleContext
from .cue_types import type_cues
from .cues import _ACTIVE_LEXICON, CueLexicon, cue_lexicon
from .direct import direct_quotes
from .indirect import headline_quotes, indirect_quotes
from .marks import quote_pieces, with_single_quotes
from .merge import widen_cues, without_overlaps
from .mixed import embedded_quotes
from .model import Quote
from .resolve import carry_speakers, resolve_speakers


@dataclass
class Attribution:
    """Everything the extractor found in one article, as plain Python objects.

    ``quotes`` in text order; ``sentences`` as ``(start, end, paragraph_index)``;
    ``entities`` the :class:`~analysis.mentions.EntityIndex` whose entities the
    quotes' speakers were resolved to (``Quote.speaker_entity``).
    """

    article: Article
    quotes: list[Quote]
    sentences: list[tuple[int, int, int]]
    entities: EntityIndex


def attribute(article: Article | str, *, cues: CueLexicon | str | Path | Mapping | None = None
              ) -> Attribution:
    """Run quote extraction and speaker resolution, returning plain objects.

    Downstream modules (speaker profiles, collections) use this to get the
    quotes and the entity index in one pass; :func:`extract_quotes` builds
    the table from it. ``cues`` extends the reporting-cue lexicon (see
    :func:`cue_lexicon`).

    Examples
    --------
    >>> result = attribute("Vote\\n\\n“We will win,” Ann Lee said.")
    >>> [(quote.kind, quote.speaker_name) for quote in result.quotes]
    [('direct', 'Ann Lee')]
    """
    article = as_article(article)
    lexicon = cues if isinstance(cues, CueLexicon) else cue_lexicon(cues)
    token = _ACTIVE_LEXICON.set(lexicon)
    try:
        with paused_gc():  # many short-lived tuples, no cycles (see analysis._gc)
            context = ArticleContext(article)
            quotes = _extract(context)
    finally:
        _ACTIVE_LEXICON.reset(token)
    return Attribution(article, quotes, context.sentences, context.entities)


def _extract(context: ArticleContext) -> list[Quote]:
    """The stages in order, each reading the article's context and the quotes before it
    (like Citron's ``get_quotes``: cues, contents, sources, then coreference)."""
    pieces = quote_pieces(context.text, context.paragraphs)  # quotation marks paired
    pieces = with_single_quotes(context.text, context.paragraphs, pieces)  # ‘...’ too
    # direct quotes with their frames; short pieces inside sentences set aside
    direct, embedded, used_cues = direct_quotes(context, pieces)
    # reported clauses of the cues no frame took
    reported = indirect_quotes(context, direct, embedded, used_cues)
    # the pieces set aside: mixed quotes of a cue's clause, or quotes of their own
    unframed, mixed = embedded_quotes(context, embedded, reported, used_cues)
    quotes = direct + unframed + reported + mixed  # (the order breaks ties below)
    quotes += headline_quotes(context, quotes)  # "Speaker: statement" headlines
    quotes = without_overlaps(context, quotes)  # text order, each character once
    carry_speakers(context, quotes)  # a quote with no frame: the speaker before it
    widen_cues(context, quotes)  # "has stated"
    type_cues(context, quotes)  # speech, thought or document
    resolve_speakers(context, quotes)  # speaker mentions linked to entities
    return quotes
