"""analysis: who said what in English news articles, offline.

Pipeline (data flows one way)::

    load_article -> tokenize -> mentions -> quotes -> speakers -> terms / plots
"""

from importlib import import_module

# The public names, each imported from its module on first use (PEP 562): importing
# the package stays cheap, so ``python -m analysis`` reaches its own Ctrl-C handling
# before pandas and the tagger load, and a session that only reads articles does not
# load pyarrow (analyze_collection).
_PUBLIC = {
    "Article": "article",
    "ArticleError": "article",
    "load_article": "article",
    "load_articles": "article",
    "iter_articles": "article",
    "split_sentences": "tokenize",
    "extract_quotes": "quotes",
    "attribute": "quotes",
    "term_table": "terms",
    "distinctive_terms": "terms",
    "kwic": "terms",
    "theme_summary": "terms",
    "speaker_profiles": "speakers",
    "analyze_collection": "collection",
}

__all__ = list(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        value = getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
        globals()[name] = value  # the next lookup is a plain attribute
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})


__version__ = "0.1.0"
