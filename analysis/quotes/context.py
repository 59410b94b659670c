"""One article as every attribution stage reads it, built once per article."""

from __future__ import annotations

import bisect
from functools import cached_property

from ..article import Article
from ..mentions import EntityIndex, build_entities
from ..tokenize import Span, _article_tokens, sentence_spans
from .text import _paragraph_of


class ArticleContext:
    """The article's text and its splits, shared by the stages of :func:`attribute`.

    Attributes
    ----------
    article : Article
    text : str
    paragraphs : tuple of (start, end)
    paragraph_starts : list of int
    sentences : list of (start, end, paragraph_index), in text order
    entities : EntityIndex
        The named mentions of :func:`analysis.mentions.build_entities`; speaker
        resolution adds to it.
    tokens : tuple of (start, end, sentence_index)
        The words of :func:`analysis.tokenize.token_spans`, split on first use (no
        rule reads them yet) and shared with the other stages through its cache.
        Per-token tags (part of speech, entity) belong beside them, as one more
        field read the same way.

    Examples
    --------
    >>> context = ArticleContext(as_article("Vote\\n\\nAnn Lee spoke. She left."))
    >>> context.sentence_of(8), context.sentence_of(4)
    ((6, 20), (4, 4))
    """

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.paragraphs = article.paragraphs
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.sentences = sentence_spans(article)
        self._sentence_starts = [start for start, _, _ in self.sentences]
        self.entities: EntityIndex = build_entities(self.text, self.sentences)

    @cached_property
    def tokens(self) -> tuple[Span, ...]:
        return _article_tokens(self.article)

    def sentence_of(self, position: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding ``position``, or ``(position,
        position)`` between sentences; by bisection (sentences never overlap)."""
        index = bisect.bisect_right(self._sentence_starts, position) - 1
        if index >= 0 and position < self.sentences[index][1]:
            return self.sentences[index][0], self.sentences[index][1]
        return position, position

    def paragraph_of(self, position: int) -> int:
        """Index of the paragraph holding ``position`` (the one before, between two)."""
        return _paragraph_of(self.paragraph_starts, position)
