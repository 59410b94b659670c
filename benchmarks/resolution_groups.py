"""Resolved-speaker accuracy by labelling group, and where the speaker mention is right.

    python benchmarks/resolution_groups.py [POLNEAR_FOLDER]

The speaker labels (``tests/data/speaker_labels.tsv``) were written by three labellers,
28 articles each (``benchmarks/resolution_groups.tsv``). ``analysis.coref``'s first pass
was tuned on groups 1 and 2 and group 3 only measured; the later passes (coref2, coref3)
read the wrong judgements of all three, so group 3 is a check of generality, no longer
of unseen news.
The second table splits the judgements by whether our speaker mention overlaps the
annotated Source: where it does not, the quote's attribution is wrong before any
resolution (not a resolution error).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a file from anywhere

from analysis.evaluate import (  # noqa: E402
    SPEAKER_LABELS,
    evaluate_folder,
    read_brat,
    read_speaker_labels,
    summarize_resolved,
)

GROUPS = Path(__file__).resolve().parent / "resolution_groups.tsv"
KINDS = ["name", "pronoun", "description", "continuation", "none", "all"]


def _figures(summary: pd.DataFrame) -> str:
    table = summary.set_index("kind")
    return "  ".join(f"{kind} {int(table.loc[kind, 'right'])}/{int(table.loc[kind, 'quotes'])}"
                     f" {table.loc[kind, 'accuracy']:.3f}" for kind in KINDS
                     if table.loc[kind, "quotes"])


def _mention_on_source(folder: Path, items: pd.DataFrame, quotes: dict) -> pd.Series:
    """Whether each judgement's speaker mention overlaps its attribution's Source."""
    flags = []
    for item in items.itertuples():
        gold = {g.id: g for g in read_brat(folder / "attributions" / f"{item.article}.ann")}
        source = gold[item.attribution].source or ()
        row = quotes[item.article].loc[item.quote_id]
        start, end = row.speaker_start, row.speaker_end
        flags.append(pd.notna(start) and any(int(start) < b and a < int(end)
                                             for a, b in source))
    return pd.Series(flags, index=items.index)


def main(folder: Path) -> None:
    groups = pd.read_csv(GROUPS, sep="\t", comment="#", names=["article", "group"])
    labels = read_speaker_labels(SPEAKER_LABELS)
    quotes: dict[str, pd.DataFrame] = {}

    def keep_quotes(article):
        from analysis.quotes import extract_quotes
        table = extract_quotes(article)
        quotes[article.id] = table.set_index("quote_id")
        return table

    _, per_article, items = evaluate_folder(folder, extractor=keep_quotes, labels=labels,
                                            return_items=True, only_labelled=True)
    print("resolved-speaker accuracy by labelling group (right/quotes accuracy)")
    for name, members in (("groups 1+2 (tuned on)", {1, 2}), ("group 3 (checked)", {3})):
        articles = set(groups.article[groups.group.isin(members)])
        part = per_article[per_article.article.isin(articles)]
        print(f"  {name}: {_figures(summarize_resolved(part))}")
    print(f"  all 84: {_figures(summarize_resolved(per_article))}")

    scored = items[items.right.notna()].copy()
    scored["on_source"] = _mention_on_source(folder, scored, quotes)
    print("\nby whether our speaker mention overlaps the annotated Source")
    for on_source, part in scored.groupby("on_source"):
        by_kind = "  ".join(f"{kind} {int(g.right.sum())}/{len(g)}"
                            for kind, g in part.groupby("kind"))
        print(f"  {'on the Source' if on_source else 'elsewhere':14s} "
              f"{int(part.right.sum())}/{len(part)} {part.right.mean():.3f}  ({by_kind})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "polnear-train")
