"""Regenerate the figures shown in the README section "Themes and terms".

    python docs/make_figures.py [ARTICLE] [FOLDER]

Defaults: the seed article and docs/figures/. Quotes come from
``analysis.quotes.extract_quotes`` when that module is present; without it the
dispersion plot shows terms only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import load_article  # noqa: E402
from analysis.plots import save_readme_figures  # noqa: E402


def main(argv: list[str]) -> int:
    article_path = argv[0] if argv else ROOT / "data/articles/voronkov-isil-un-security-council.txt"
    folder = argv[1] if len(argv) > 1 else ROOT / "docs" / "figures"
    article = load_article(article_path)
    try:
        from analysis.quotes import extract_quotes
    except ImportError:
        print("note: analysis.quotes not available; dispersion plot drawn without quotes")
        quotes = None
    else:
        quotes = extract_quotes(article)
    for path in save_readme_figures(article, folder, quotes):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
