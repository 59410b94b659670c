"""Regenerate the figures shown in the README section "Themes and terms".

    python docs/make_figures.py [ARTICLE] [FOLDER]

Defaults: the seed article and docs/figures/. Quotes (for the speaker rows of
the dispersion plot) come from ``analysis.quotes.extract_quotes``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import extract_quotes, load_article  # noqa: E402
from analysis.plots import save_readme_figures  # noqa: E402


def main(argv: list[str]) -> int:
    article_path = argv[0] if argv else ROOT / "data/articles/voronkov-isil-un-security-council.txt"
    folder = argv[1] if len(argv) > 1 else ROOT / "docs" / "figures"
    article = load_article(article_path)
    for path in save_readme_figures(article, folder, extract_quotes(article)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
