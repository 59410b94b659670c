"""CPU speed of sentence splitting alone, best of N, for one or more source trees.

    python benchmarks/sentence_speed.py [--rounds 7] [--corpus DIR] TREE [TREE ...]

Each TREE is a checkout of this repository (``.`` for this one; an older commit can
be unpacked with ``git archive COMMIT | tar -x -C DIR``). The trees take turns, one
fresh process a pass, so a busy minute on the shared machine hits them alike; the
figure is the best (least disturbed) CPU time of each, in MB/s over the corpus, with
the median beside it. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

# One pass in a fresh interpreter: split every text once to warm the caches and load
# the word lists, then time a second pass in CPU seconds.
_PASS = """
import sys, time
from pathlib import Path
from analysis.tokenize import iter_sentence_spans
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
for text in texts:
    sum(1 for _ in iter_sentence_spans(text))
start = time.process_time()
count = sum(sum(1 for _ in iter_sentence_spans(text)) for text in texts)
print(time.process_time() - start, count, sum(len(t.encode("utf-8")) for t in texts))
"""

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "polnear-train" / "text"


def one_pass(tree: Path, corpus: Path) -> tuple[float, int, int]:
    """CPU seconds, sentence count and corpus bytes of one timed pass with ``tree``'s code."""
    output = subprocess.run(
        [sys.executable, "-c", _PASS, str(corpus)], cwd=tree, check=True,
        capture_output=True, text=True,
    ).stdout.split()
    return float(output[0]), int(output[1]), int(output[2])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        raise SystemExit(f"sentence_speed: no corpus folder at {args.corpus}")
    times: dict[Path, list[float]] = {tree: [] for tree in args.trees}
    counts: dict[Path, int] = {}
    size = 0
    for _ in range(args.rounds):
        for tree in args.trees:
            seconds, counts[tree], size = one_pass(tree, args.corpus)
            times[tree].append(seconds)
    megabytes = size / 1e6
    print(f"corpus: {args.corpus} ({megabytes:.2f} MB); {args.rounds} passes a tree, CPU time")
    for tree, seconds in times.items():
        print(f"{tree}: sentences {megabytes / min(seconds):.2f} MB/s best, "
              f"{megabytes / statistics.median(seconds):.2f} MB/s median "
              f"({counts[tree]} sentences)")


if __name__ == "__main__":
    main()
