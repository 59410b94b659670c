"""Every stage grows about linearly with one article's length, on every shape of text
that has been found superlinear (issue 15), so that no article stalls a run.

Each shape's pipeline runs at two sizes, n and 4n, with every stage timed alone (best
CPU time of two passes, the garbage collector paused as in a collection;
``benchmarks/growth.py`` does the timing and prints the figures at more sizes), and
each stage must cost less than 6x at 4x the text: a linear stage costs ~4x, an
n log n one ~4.5x, a quadratic one ~16x, so the margin holds on a noisy machine
without any absolute time limit. Sizes are picked so that the smaller run of a stage
takes some ten milliseconds or more; a stage that takes a millisecond on a shape (one
sentence, or no names) is left out there.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "growth.py"
_spec = importlib.util.spec_from_file_location("growth", _PATH)
growth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(growth)

FACTOR = 4
MAX_RATIO = 6.0  # 4x the text: ~4x the time when linear, ~16x when quadratic

ALL = ("sentences", "tokens", "mentions", "quotes", "speakers", "terms")
# (shape, smaller size in characters, stages timed in one pass, passes)
RUNS = [
    ("mayor", 40_000, ALL, 2),  # speakers were cubic, quotes quadratic
    ("paragraphs", 100_000, ALL, 2),  # speakers were quadratic
    ("paragraphs", 1_000_000, ("load",), 2),
    ("seed-repeated", 100_000, ("mentions", "quotes", "speakers"), 2),  # quotes were quadratic
    ("one-paragraph", 100_000, ALL, 2),  # quotes were quadratic
    ("one-paragraph", 1_000_000, ("load",), 2),
    # one sentence: its split takes a millisecond
    ("he-said-that", 50_000, ("tokens", "mentions", "quotes", "speakers", "terms"), 2),
    ("smith-said", 50_000, ("tokens", "mentions", "quotes", "speakers", "terms"), 2),
    # few names: mentions take a millisecond
    ("rtl-emoji", 100_000, ("sentences", "tokens", "quotes", "speakers", "terms"), 2),
]

CASES = [pytest.param(shape, size, stages, repeat, stage, id=f"{shape}-{stage}")
         for shape, size, stages, repeat in RUNS for stage in stages]

_measured: dict[tuple, dict] = {}  # one pipeline run a shape and size serves its stages


@pytest.mark.parametrize(("shape", "size", "stages", "repeat", "stage"), CASES)
def test_four_times_the_text_costs_less_than_six_times_the_time(shape, size, stages, repeat,
                                                                 stage):
    key = (shape, size, stages, repeat)
    if key not in _measured:
        _measured[key] = growth.growth(shape, size, stages, FACTOR, repeat)
    small, large, ratio = _measured[key][stage]
    assert ratio < MAX_RATIO, (
        f"{stage} on {shape}: {small:.3f} s at {size:,} chars, {large:.3f} s at "
        f"{FACTOR * size:,} (x{ratio:.1f})")
