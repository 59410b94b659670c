"""CPU time of each pipeline stage as one article grows: linear, or not?

    python benchmarks/growth.py [SHAPE ...] [--stages STAGE,...] [--repeat N]

For every shape of text (below) and every stage, the article is built at a base size
and at 2x and 4x that size, each stage is timed alone (best CPU time of ``--repeat``
runs, the stages it needs done beforehand and untimed) and the ratio of each size's
time to the one before is printed: ~2 is linear, ~4 quadratic. ``tests/test_growth.py``
asserts such ratios (4x the text must cost < 6x).

Shapes (the issue that found them measured each one superlinear somewhere):

- ``mayor``: ``“We will win,” said John Smith, the mayor. `` repeated (one speaker
  described a thousand times: speaker profiles were cubic);
- ``he-said-that``: ``He said that `` repeated (one sentence of cues);
- ``smith-said``: ``Smith said: `` repeated;
- ``paragraphs``: real news text with its paragraphs (PolNeAR when present, else the
  seed article repeated);
- ``seed-repeated``: the seed article over and over (the same people described again
  and again: the entity index re-read every description each time it was asked);
- ``one-paragraph``: the same text run together as one paragraph;
- ``rtl-emoji``: Arabic, Hebrew, emoji with skin tones and combining accents in one
  paragraph, with a quote now and then.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a file from anywhere

from analysis import mentions, quotes, speakers, terms, tokenize  # noqa: E402
from analysis._gc import paused_gc  # noqa: E402
from analysis.article import article_from_text  # noqa: E402

SEED = ROOT / "data" / "articles" / "voronkov-isil-un-security-council.txt"
POLNEAR = ROOT.parent / "shared" / "polnear-train" / "text"

STAGES = ("load", "sentences", "tokens", "mentions", "quotes", "speakers", "terms")


def _real_text(n_chars: int, polnear: bool = True) -> str:
    """Real news paragraphs, ``n_chars`` long: PolNeAR articles in file order when
    present (and ``polnear``), else the seed article over and over."""
    files = sorted(POLNEAR.glob("*.txt")) if polnear and POLNEAR.is_dir() else [SEED]
    pieces: list[str] = []
    total = 0
    while total < n_chars:
        for path in files:
            piece = path.read_text(encoding="utf-8")
            pieces.append(piece)
            total += len(piece) + 2
            if total >= n_chars:
                break
    return "\n\n".join(pieces)[:n_chars]


def _repeated(unit: str, n_chars: int, headline: str = "Headline\n\n") -> str:
    return headline + unit * max(1, (n_chars - len(headline)) // len(unit))


RTL_EMOJI = ("مرحبا بالعالم 😀👍🏽 e\u0301e\u0301 שלום עולם 🇺🇳 n\u0303a\u0308. "
             "“Hi,” he said. ")

SHAPES: dict[str, Callable[[int], str]] = {
    "mayor": lambda n: _repeated("“We will win,” said John Smith, the mayor. ", n),
    "he-said-that": lambda n: _repeated("He said that ", n),
    "smith-said": lambda n: _repeated("Smith said: ", n),
    "paragraphs": lambda n: _real_text(n),
    "seed-repeated": lambda n: _real_text(n, polnear=False),
    "one-paragraph": lambda n: " ".join(_real_text(n).split()),
    "rtl-emoji": lambda n: _repeated(RTL_EMOJI, n),
}

# base sizes (characters) at which the stages take long enough to time, per shape
BASE_SIZES = {"mayor": 40_000, "he-said-that": 25_000, "smith-said": 25_000,
              "paragraphs": 250_000, "seed-repeated": 250_000, "one-paragraph": 250_000,
              "rtl-emoji": 50_000}


@lru_cache(maxsize=8)
def shape_text(shape: str, n_chars: int) -> str:
    """The text of ``shape`` at ``n_chars``, one string object per size: a cache keyed
    by a text (quotes keeps one) compares a new equal string whole on every look-up,
    which would time that comparison, not the stage."""
    return SHAPES[shape](n_chars)


def _clear_caches() -> None:
    """The per-article caches the stages share, so each timed pass does its own work."""
    tokenize._article_sentences.cache_clear()
    tokenize._article_tokens.cache_clear()
    terms._analyse.cache_clear()


def _clocked(seconds: dict[str, float], stage: str, function, *args, **kwargs):
    # the collector paused, as in a collection's batches (analysis._gc): its full passes
    # walk whatever the test process holds, a cost of the process, not of the stage
    gc.collect()
    with paused_gc():
        start = time.process_time()
        result = function(*args, **kwargs)
        spent = time.process_time() - start
    seconds[stage] = min(seconds.get(stage, spent), spent)
    return result


def stage_seconds(text: str, stages=STAGES, repeat: int = 2) -> dict[str, float]:
    """Best CPU seconds of each stage on ``text`` over ``repeat`` passes of the pipeline.

    Each pass starts from the text with the shared caches cleared and times every
    stage alone, in pipeline order: ``load`` (the Article and its paragraphs),
    ``sentences``, ``tokens`` (given the sentences), ``mentions`` (the entity index,
    given the sentences), ``quotes`` (quotes and speakers resolved, mentions
    included), ``speakers`` (profiles from those quotes), ``terms`` (given sentences
    and tokens). A stage needed by a later one runs untimed when not asked for.
    """
    wanted = set(stages)
    if wanted & {"quotes", "speakers"}:
        wanted.add("quotes")  # the speakers' input
    seconds: dict[str, float] = {}
    for _ in range(repeat):
        _clear_caches()
        article = _clocked(seconds, "load", article_from_text, text, id="grown")
        if wanted == {"load"}:
            continue
        sentences = _clocked(seconds, "sentences", tokenize.sentence_spans, article)
        _clocked(seconds, "tokens", tokenize.token_spans, article, sentences)
        if "mentions" in wanted:
            _clocked(seconds, "mentions", mentions.build_entities, text, sentences)
        if "quotes" in wanted:
            found = _clocked(seconds, "quotes", quotes.attribute, article)
        if "speakers" in wanted:
            _clocked(seconds, "speakers", speakers.profile_records, found)
        if "terms" in wanted:
            _clocked(seconds, "terms", terms.term_records, article)
    return {stage: seconds[stage] for stage in stages}


def growth(shape: str, size: int, stages=STAGES, factor: int = 4,
           repeat: int = 2) -> dict[str, tuple[float, float, float]]:
    """``{stage: (seconds at size, seconds at factor * size, their ratio)}`` for one
    shape: the ratio is ~factor when a stage is linear, ~factor**2 when quadratic."""
    small = stage_seconds(shape_text(shape, size), stages, repeat)
    large = stage_seconds(shape_text(shape, factor * size), stages, repeat)
    return {stage: (small[stage], large[stage], large[stage] / max(small[stage], 1e-9))
            for stage in stages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shapes", nargs="*", default=list(SHAPES), help="shapes to run")
    parser.add_argument("--stages", default=",".join(STAGES), help="stages, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best counts)")
    parser.add_argument("--steps", type=int, default=3, help="sizes: base, 2x, 4x, ...")
    args = parser.parse_args(argv)
    stages = args.stages.split(",")
    print(f"CPU seconds, best of {args.repeat}; ratio = time / time at half the size "
          "(2 linear, 4 quadratic)")
    for shape in args.shapes:
        sizes = [BASE_SIZES[shape] * 2**i for i in range(args.steps)]
        texts = [shape_text(shape, n) for n in sizes]
        print(f"\n{shape}: " + " / ".join(f"{len(t) / 1000:,.0f} K" for t in texts) + " chars")
        by_size = [stage_seconds(text, stages, args.repeat) for text in texts]
        for stage in stages:
            seconds = [found[stage] for found in by_size]
            ratios = [b / max(a, 1e-9) for a, b in zip(seconds, seconds[1:], strict=False)]
            print(f"  {stage:<10} " + " / ".join(f"{s:7.3f}" for s in seconds) + "   x"
                  + " x".join(f"{r:.1f}" for r in ratios), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
