"""Regenerate every figure and screenshot the README shows, in docs/figures/.

    python docs/make_figures.py                 # figures, then screenshots
    python docs/make_figures.py --figures-only  # the matplotlib figures alone

Figures are drawn by the functions the notebooks call, from the data in data/:
the seed article (terms, keyness, dispersion, themes, who speaks where), the
folder data/ (who is quoted most, outlets, stance, topics) and the invented
article with single-newline paragraphs (words per paragraph). They carry no date
or version, so the same code draws the same bytes: tests/test_docs_figures.py
redraws them and fails when a file here is stale.

Screenshots are the pages `python -m analysis report` writes, rendered by
headless Chromium (`apt-get install -y chromium`): the default run (the seed
article and the folder data/) and a run on the single-newline article.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIGURES = ROOT / "docs" / "figures"
SEED = ROOT / "data" / "articles" / "voronkov-isil-un-security-council.txt"
COLLECTION = ROOT / "data"
SINGLE_NEWLINES = ROOT / "data" / "invented" / "port-alder-dock-strike-ends.txt"
DPI = 110

#: Screenshot file -> (report run, page, window width, height).
SCREENSHOTS = {
    "report-index.png": ("default", "index.html", 1100, 1250),
    "report-01-article-overview.png": ("default", "01_article_overview.html", 1100, 1300),
    "report-02-quotes-and-speakers.png": ("default", "02_quotes_and_speakers.html", 1100, 1300),
    "highlighted-quotes.png": ("default", "02-quotes_view.html", 900, 1020),
    "report-03-themes-and-terms.png": ("default", "03_themes_and_terms.html", 1100, 1300),
    "report-04-collection.png": ("default", "04_collection.html", 1100, 1300),
    "single-newline-index.png": ("single", "index.html", 1100, 900),
    "single-newline-01-article-overview.png": ("single", "01_article_overview.html", 1100, 1700),
    "single-newline-quotes-view.png": ("single", "02-quotes_view.html", 900, 700),
}


def draw_figures(folder: Path = FIGURES) -> list[Path]:
    """Draw the README's matplotlib figures into ``folder``; the files written."""
    import pandas as pd

    from analysis import attribute, extract_quotes, load_article, load_articles
    from analysis.overview import (
        article_outlets,
        collection_topics,
        plot_paragraph_lengths,
        quoted_speakers,
        verb_stance_by_outlet,
    )
    from analysis.plots import (
        dispersion_plot,
        figure_title,
        save_readme_figures,
        speakers_chart,
        stance_chart,
        topic_chart,
    )
    from analysis.speakers import speaker_profiles

    folder.mkdir(parents=True, exist_ok=True)
    seed = load_article(SEED)
    quotes = extract_quotes(seed)
    paths = save_readme_figures(seed, folder, quotes, dpi=DPI)
    articles = load_articles(COLLECTION)
    outlets = article_outlets(articles)
    profiles = pd.concat([speaker_profiles(attribute(a)) for a in articles], ignore_index=True)
    topics, weights = collection_topics(articles)
    figures = {
        "who-speaks-where.png": dispersion_plot(seed, [], quotes,
                                                title=figure_title("Who speaks where", seed)),
        "quoted-most.png": speakers_chart(quoted_speakers(profiles, outlets)),
        "stance-by-outlet.png": stance_chart(verb_stance_by_outlet(profiles, outlets)),
        "topics.png": topic_chart(weights, topics),
        "paragraphs-single-newline.png": plot_paragraph_lengths(load_article(SINGLE_NEWLINES)),
    }
    for name, figure in figures.items():
        path = folder / name
        figure.savefig(path, dpi=DPI, metadata={"Software": None})
        paths.append(path)
    return paths


def take_screenshots(folder: Path = FIGURES) -> list[Path]:
    """Run the report (default input, and the single-newline article) and screenshot
    each page with headless Chromium; the files written."""
    from analysis._chromium import screenshot
    from analysis.report import run_report

    paths = []
    with tempfile.TemporaryDirectory(prefix="analysis-figures-") as work:
        runs = {"default": Path(work) / "default", "single": Path(work) / "single"}
        run_report(None, runs["default"], verbose=False)
        run_report(SINGLE_NEWLINES, runs["single"], verbose=False)
        for name, (run, page, width, height) in SCREENSHOTS.items():
            paths.append(screenshot(runs[run] / page, folder / name, width=width,
                                    height=height))
    return paths


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures-only", action="store_true",
                        help="draw the matplotlib figures, take no screenshot")
    parser.add_argument("--out", type=Path, default=FIGURES, help="folder (default: docs/figures)")
    args = parser.parse_args(argv)
    written = draw_figures(args.out)
    if not args.figures_only:
        from analysis._chromium import INSTALL_HINT, find_chromium

        if find_chromium() is None:
            print(f"no screenshots: headless Chromium not found ({INSTALL_HINT})",
                  file=sys.stderr)
            return 1
        written += take_screenshots(args.out)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
