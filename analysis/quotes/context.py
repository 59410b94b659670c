"""One article as every attribution stage reads it, built once per article."""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from .. import tokenize as _tokenize
from ..article import Article
from ..mentions import EntityIndex, build_entities
from ..tag import TokenTags, article_tags
from ..tokenize import Span, sentence_spans
from .text import _paragraph_of, _trim_end

# No sentence of news is this long (the longest of the 840 PolNeAR texts has 1,094
# characters). The rules read back from a cue to its sentence's start, so a run of
# text with no full stop (a sentence of thousands of "he said that") is read in
# windows of at most this many characters, cut at a space: no rule then reads more
# than this, and the stages stay linear in the article's length.
MAX_SENTENCE = 2000
_NON_SPACE = re.compile(r"\S")


class ArticleContext:
    """The article's text and its splits, shared by the stages of :func:`attribute`.

    Attributes
    ----------
    article : Article
    text : str
    paragraphs : tuple of (start, end)
    paragraph_starts : list of int
    sentences : list of (start, end, paragraph_index), in text order
        The sentences of :func:`analysis.tokenize.sentence_spans`.
    windows : list of (start, end, paragraph_index), in text order
        What the rules read as sentences: the sentences, one longer than
        :data:`MAX_SENTENCE` characters cut into windows (:func:`_windows`).
    entities : EntityIndex
        The named mentions of :func:`analysis.mentions.build_entities`; speaker
        resolution adds to it.
    tokens : tuple of (start, end, sentence_index)
        The words of :func:`analysis.tokenize.token_spans`, split on first use and
        shared with the other stages through its cache.
    tags : TokenTags
        ``tags.pos[i]`` and ``tags.entity[i]`` are the tags of ``tokens[i]``;
        :meth:`token_index` finds the token at a character offset.

    Examples
    --------
    >>> from analysis.article import as_article
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
        self.windows = _windows(self.text, self.sentences)
        self._window_starts = [start for start, _, _ in self.windows]
        self.entities: EntityIndex = build_entities(self.text, self.sentences)

    @cached_property
    def tokens(self) -> tuple[Span, ...]:
        # through the module, as analysis.tag does: a cache or clock set on it holds here
        return _tokenize._article_tokens(self.article)

    @cached_property
    def tags(self) -> TokenTags:
        """Part of speech and entity tags of :attr:`tokens`, one per token
        (:func:`analysis.tag.article_tags`), tagged on first use."""
        return article_tags(self.article)

    @cached_property
    def token_starts(self) -> list[int]:
        return [start for start, _, _ in self.tokens]

    def token_index(self, position: int) -> int:
        """Index of the token holding ``position``, or of the first token after it
        (``len(tokens)`` past the last); by bisection."""
        index = bisect.bisect_right(self.token_starts, position) - 1
        if index >= 0 and position < self.tokens[index][1]:
            return index
        return index + 1

    def sentence_of(self, position: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence (window) holding ``position``, or
        ``(position, position)`` between sentences; by bisection (they never overlap)."""
        index = bisect.bisect_right(self._window_starts, position) - 1
        if index >= 0 and position < self.windows[index][1]:
            return self.windows[index][0], self.windows[index][1]
        return position, position

    def paragraph_of(self, position: int) -> int:
        """Index of the paragraph holding ``position`` (the one before, between two)."""
        return _paragraph_of(self.paragraph_starts, position)


def _windows(text: str, sentences: list[Span]) -> list[Span]:
    """The sentences, each longer than :data:`MAX_SENTENCE` characters cut into
    windows that end at the last space before the limit (or at the limit, if the
    second half of the window has no space)."""
    if all(end - start <= MAX_SENTENCE for start, end, _ in sentences):
        return sentences
    windows = []
    for start, end, p_index in sentences:
        while end - start > MAX_SENTENCE:
            limit = start + MAX_SENTENCE
            space = max(text.rfind(" ", limit - MAX_SENTENCE // 2, limit),
                        text.rfind("\n", limit - MAX_SENTENCE // 2, limit))
            cut = space if space > start else limit
            windows.append((start, _trim_end(text, start, cut), p_index))
            following = _NON_SPACE.search(text, cut, end)
            start = following.start() if following else end
        if end > start:
            windows.append((start, end, p_index))
    return windows
