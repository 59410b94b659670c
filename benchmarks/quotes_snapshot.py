"""Snapshot of the attribution's output, to show that a refactoring changes nothing.

    python benchmarks/quotes_snapshot.py write [FILE]    record today's output
    python benchmarks/quotes_snapshot.py check [FILE]    compare with the recording

FILE defaults to /tmp/quotes-snapshot.json.gz: outside the repository, since the rows
quote PolNeAR texts, which are never copied into it. The snapshot holds, for every text
of ``../shared/polnear-train/text`` (or ``$ANALYSIS_POLNEAR/text``), the seed article and
the texts under ``tests/data/``: the quote rows (:func:`analysis.quotes.quote_records`),
the sentence spans and the speaker-profile rows (:func:`analysis.speakers.profile_records`,
which read the entity index that speaker resolution extends). It also holds the shapes of
issue 15 at small sizes (a sentence repeated, a paragraph of PolNeAR articles run
together), so that a change of algorithm is checked on them too. ``check`` prints the
first differences and exits 1 when there are any.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a file from anywhere

from analysis import load_article  # noqa: E402
from analysis.article import Article  # noqa: E402
from analysis.quotes import attribute, quote_records  # noqa: E402
from analysis.speakers import profile_records  # noqa: E402

POLNEAR = Path(os.environ.get("ANALYSIS_POLNEAR", ROOT.parent / "shared" / "polnear-train"))
DEFAULT = Path("/tmp/quotes-snapshot.json.gz")

# issue 15's quote shapes, each at a size small enough to run in well under a second
SHAPES = {
    "said-that": "He said that " * 200,
    "said-colon": "Smith said: " * 200,
    "quote-said": "“We will win,” said John Smith, the mayor. " * 60,
    "mixed-scripts": ("مرحبا بالعالم “שלום” 👋🏽 said e\u0301te\u0301 “x,” he said. " * 40),
}


def _articles() -> list[Article]:
    paths = sorted((POLNEAR / "text").glob("*.txt"))
    if not paths:
        raise SystemExit(f"no PolNeAR texts at {POLNEAR / 'text'} (set ANALYSIS_POLNEAR)")
    paths += sorted((ROOT / "data" / "articles").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "data").rglob("*.txt"))
    articles = [load_article(path) for path in paths]
    for name, text in SHAPES.items():
        articles.append(Article(id=f"shape-{name}", title="", text=text.strip()))
    # a real article run together as one paragraph (blank lines become spaces)
    joined = " ".join(" ".join(a.text.split()) for a in articles[:8])
    articles.append(Article(id="shape-one-paragraph", title="", text=joined))
    return articles


def snapshot() -> dict[str, list]:
    out = {}
    for article in _articles():
        result = attribute(article)
        key = f"{article.id}:{len(out)}"
        out[key] = [quote_records(result), result.sentences, profile_records(result)]
    # one round trip through JSON, so that a recording and a fresh run compare alike
    return json.loads(json.dumps(out, default=repr))


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT
    start = time.process_time()
    current = snapshot()
    seconds = time.process_time() - start
    if command == "write":
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            json.dump(current, handle)
        print(f"wrote {len(current)} articles to {path} ({seconds:.1f} s CPU)")
        return 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        recorded = json.load(handle)
    differences = [key for key in recorded.keys() | current.keys()
                   if recorded.get(key) != current.get(key)]
    for key in sorted(differences)[:10]:
        for part, name in enumerate(("quotes", "sentences", "profiles")):
            old = recorded.get(key, [[]] * 3)[part]
            new = current.get(key, [[]] * 3)[part]
            if old != new:
                changed = [(a, b) for a, b in zip(old, new, strict=False) if a != b][:1]
                print(f"{key} {name}: {len(old)} -> {len(new)} rows; first change "
                      f"{str(changed)[:300]}")
    print(f"{len(current)} articles, {len(differences)} differ ({seconds:.1f} s CPU)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
