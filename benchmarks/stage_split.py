"""CPU milliseconds an article of each stage inside a real 1-worker collection run.

    python benchmarks/stage_split.py [CORPUS]     (default ../shared/polnear-train/text)

The stages' functions are wrapped with a CPU clock and the run is otherwise the one
``python -m analysis collection`` makes (garbage collector paused for a batch, Arrow
tables, Parquet parts, speaker merge). Each clock counts its own time only: the
sentences and words an article's first stage asks for are counted as sentences and
words, whichever stage asks. "run" is everything that is no stage: reading the files,
the batch's columns, Arrow, Parquet and the merge. It shows how much of the 10 ms an
article that 100 articles/s allows the rule stages take before terms and tables are
counted. The clocks add a few microseconds a call, about ten calls an article.
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a file from anywhere
import analysis.collection as collection
import analysis.quotes as quotes
import analysis.speakers as speakers
import analysis.tag as tag
import analysis.terms as terms
import analysis.tokenize as tokenize

# the per-article splits and tags every stage shares (cached: only an article's first
# call works; the tagger is clocked on its class, since stages import article_tags by
# name), then the stages as the collection calls them
STAGES = [(tokenize, "_article_sentences", "sentences"), (tokenize, "_article_tokens", "words"),
          (tag.Tagger, "tag_words", "tags"), (quotes, "attribute", "attribution"),
          (quotes, "quote_records", "quote rows"),
          (speakers, "profile_records", "speakers"), (terms, "term_records", "terms")]
spent: dict[str, float] = {}
_inner: list[float] = []  # per clocked call in progress: CPU time of the clocked calls inside it


def clocked(module, name: str, label: str) -> None:
    function = getattr(module, name)

    def wrapper(*args, **kwargs):
        start = time.process_time()
        _inner.append(0.0)
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.process_time() - start
            spent[label] = spent.get(label, 0.0) + elapsed - _inner.pop()
            if _inner:
                _inner[-1] += elapsed

    setattr(module, name, wrapper)


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else
                  Path(__file__).resolve().parents[2] / "shared/polnear-train/text")
    for module, name, label in STAGES:
        clocked(module, name, label)
    collection._warm_up()
    spent.clear()
    with tempfile.TemporaryDirectory() as out:
        start = time.process_time()
        summary = collection.run_collection(corpus, out, workers=1, progress=False)
        total = time.process_time() - start
    n = summary["articles"]
    parts = {label: spent.get(label, 0.0) for _, _, label in STAGES}
    parts["run"] = total - sum(parts.values())
    print(f"CPU ms an article over {n} articles, 1 worker: total {total / n * 1000:.2f}")
    for label, seconds in parts.items():
        print(f"  {label:12s} {seconds / n * 1000:6.2f}")


if __name__ == "__main__":
    main()
