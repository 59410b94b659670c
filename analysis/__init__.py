"""analysis: who said what in English news articles, offline.

Pipeline (data flows one way)::

    load_article -> tokenize -> mentions -> quotes -> speakers -> terms / plots
"""

from .article import Article, ArticleError, iter_articles, load_article, load_articles
from .quotes import attribute, extract_quotes
from .speakers import speaker_profiles
from .terms import distinctive_terms, kwic, term_table, theme_summary
from .tokenize import split_sentences

__all__ = [
    "Article",
    "ArticleError",
    "load_article",
    "load_articles",
    "iter_articles",
    "split_sentences",
    "extract_quotes",
    "attribute",
    "term_table",
    "distinctive_terms",
    "kwic",
    "theme_summary",
    "speaker_profiles",
    "analyze_collection",
]


def __getattr__(name: str):
    # analyze_collection is imported on first use: it loads pyarrow, which a
    # single-article session does not need
    if name == "analyze_collection":
        from .collection import analyze_collection

        return analyze_collection
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


__version__ = "0.1.0"
