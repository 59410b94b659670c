"""CPU milliseconds an article of each stage inside a real 1-worker collection run.

    python benchmarks/stage_split.py [CORPUS]     (default ../shared/polnear-train/text)

The stages' functions are wrapped with a CPU clock and the run is otherwise the one
``python -m analysis collection`` makes (garbage collector paused for a batch, Arrow
tables, Parquet parts, speaker merge). "run" is everything that is no stage: reading
the files, the batch's columns, Arrow, Parquet and the merge. It shows how much of the
10 ms an article that 100 articles/s allows the rule stages take before terms and
tables are counted. The clocks add a few microseconds a call, six calls an article.
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a file from anywhere
import analysis.collection as collection
import analysis.quotes as quotes
import analysis.speakers as speakers
import analysis.terms as terms

spent: dict[str, float] = {}


def clocked(module, name: str, label: str) -> None:
    function = getattr(module, name)

    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.process_time() - start

    setattr(module, name, wrapper)


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else
                  Path(__file__).resolve().parents[2] / "shared/polnear-train/text")
    # the collection splits the sentences first; terms asks for the tokens first
    clocked(collection, "sentence_spans", "sentences")
    clocked(terms, "token_spans", "words")
    clocked(quotes, "attribute", "attribution")
    clocked(quotes, "quote_records", "quote rows")
    clocked(speakers, "profile_records", "speakers")
    clocked(terms, "term_records", "terms")
    collection._warm_up()
    spent.clear()
    with tempfile.TemporaryDirectory() as out:
        start = time.process_time()
        summary = collection.run_collection(corpus, out, workers=1, progress=False)
        total = time.process_time() - start
    n = summary["articles"]
    spent["terms"] -= spent["words"]  # words are counted inside terms' clock
    parts = {**spent, "run": total - sum(spent.values())}
    print(f"CPU ms an article over {n} articles, 1 worker: total {total / n * 1000:.2f}")
    for label, seconds in parts.items():
        print(f"  {label:12s} {seconds / n * 1000:6.2f}")


if __name__ == "__main__":
    main()
