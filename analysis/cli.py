"""Command line: ``python -m analysis SUBCOMMAND ...``.

Each subcommand is a thin call into the library; tables are printed as an
aligned table, CSV or JSON lines.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .article import ArticleError

DEFAULT_ARTICLE = Path(__file__).resolve().parent.parent / "data" / "articles"

EPILOG = """examples:
  python -m analysis sentences data/articles/voronkov-isil-un-security-council.txt
  python -m analysis tokens data/articles/voronkov-isil-un-security-council.txt --format csv
  python -m analysis quotes data/articles/voronkov-isil-un-security-council.txt --format csv
  python -m analysis terms data/articles/voronkov-isil-un-security-council.txt --top 20
  python -m analysis kwic data/articles/voronkov-isil-un-security-council.txt ISIL
  python -m analysis speakers data/articles/voronkov-isil-un-security-council.txt
  python -m analysis report                       # notebooks on the articles in data/ -> reports/
  python -m analysis report my-article.txt --out my-report/
  python -m analysis report my-folder/            # the collection notebook on a folder
  python -m analysis collection ../shared/polnear-train/text --out polnear-tables
  python -m analysis bench
  python -m analysis evaluate ../shared/polnear-train --baseline naive
  python -m analysis evaluate ../shared/polnear-train --items resolved.csv
  python -m analysis evaluate --agreement
  python -m analysis train-tagger ../shared/polnear-train --out tagger-model
  python -m analysis calibrate ../shared/polnear-train
"""


def emit(table: pd.DataFrame, fmt: str = "table", out=None) -> None:
    """Print a DataFrame as an aligned table, CSV or JSON lines."""
    out = out or sys.stdout
    if fmt == "csv":
        table.to_csv(out, index=False)
    elif fmt == "jsonl":
        if len(table):
            lines = table.to_json(orient="records", lines=True, force_ascii=False)
            out.write(lines if lines.endswith("\n") else lines + "\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            out.write(table.to_string(index=False) + "\n")


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["table", "csv", "jsonl"], default="table",
                        help="output format (default: table)")


def _articles(path: str):
    from .article import iter_articles

    return list(iter_articles(path))


def _per_article(table_of, path: str, fmt: str) -> int:
    """Print ``table_of(article)`` for every article of a file or folder, with its id."""
    tables = []
    for article in _articles(path):
        table = table_of(article)
        table.insert(0, "article", article.id)
        tables.append(table)
    emit(pd.concat(tables, ignore_index=True), fmt)
    return 0


def _cmd_sentences(args) -> int:
    from .tokenize import sentences

    return _per_article(sentences, args.path, args.format)


def _cmd_tokens(args) -> int:
    from .tag import tagged_tokens

    return _per_article(tagged_tokens, args.path, args.format)


def _cmd_train_tagger(args) -> int:
    from .tag import Tagger
    from .tag_train import format_scores, read_silver, score_tagger, train_tagger

    folder = Path(args.folder)
    if not (folder / "corenlp").is_dir() or not (folder / "text").is_dir():
        print(f"error: {folder} has no corenlp/ and text/ folders (a PolNeAR-style folder "
              "with CoreNLP tags is needed)", file=sys.stderr)
        return 2
    options = {} if args.prune is None else {"prune": args.prune}
    model = train_tagger(folder, args.out, iterations=args.iterations, seed=args.seed,
                         limit=args.limit, **options)
    if args.limit is None:
        held_out = read_silver(folder, model["training"]["held_out"])
        print(format_scores(score_tagger(Tagger(model), held_out)))
    return 0


def _cmd_terms(args) -> int:
    from . import terms

    tables = []
    for article in _articles(args.path):
        if args.kind == "distinctive":
            table = terms.distinctive_terms(article, top=args.top)
        elif args.kind == "themes":
            table = terms.theme_summary(article)
        elif args.kind == "collocations":
            table = terms.collocations(article, top=args.top)
        else:
            table = terms.term_table(article, min_count=args.min_count).head(args.top)
            table = table.drop(columns=["spans", "key", "forms"])
        table.insert(0, "article", article.id)
        tables.append(table)
    emit(pd.concat(tables, ignore_index=True), args.format)
    return 0


def _cmd_kwic(args) -> int:
    from .quotes import extract_quotes
    from .terms import kwic

    if not any(ch.isalnum() for ch in args.term):
        print(f"error: {args.term!r} contains no word to look for", file=sys.stderr)
        return 2
    tables = []
    for article in _articles(args.path):
        quotes = extract_quotes(article)
        if args.direct_only:
            quotes = quotes[quotes["kind"] == "direct"]
        table = kwic(article, args.term, quotes, window=args.window, match=args.match,
                     aliases=args.aliases)
        table.insert(0, "article", article.id)
        tables.append(table)
    emit(pd.concat(tables, ignore_index=True), args.format)
    return 0


def _cmd_quotes(args) -> int:
    from .quotes import QUOTE_COLUMNS, extract_quotes

    tables = [extract_quotes(article) for article in _articles(args.path)]
    tables = [t for t in tables if len(t)]
    emit(pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=QUOTE_COLUMNS),
         args.format)
    return 0


def _cmd_speakers(args) -> int:
    from .speakers import speaker_profiles

    tables = [speaker_profiles(article) for article in _articles(args.path)]
    table = pd.concat(tables, ignore_index=True)
    emit(_flatten_profiles(table, args.format), args.format)
    return 0


def _flatten_profiles(table: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """Lists and dicts as JSON for CSV, as short text for the aligned table."""
    import json

    if fmt == "jsonl":
        return table
    table = table.copy()
    nested = ["mentions", "roles", "affiliation", "nationality", "role_category",
              "reporting_verbs", "verb_stance", "aliases"]
    if fmt == "csv":
        for column in nested:
            table[column] = [json.dumps(v, ensure_ascii=False) for v in table[column]]
        return table
    table["mentions"] = [len(v) for v in table["mentions"]]
    table["roles"] = ["; ".join(r["role"] for r in v) for v in table["roles"]]
    for column in ("affiliation", "nationality", "role_category", "aliases"):
        table[column] = [", ".join(v) for v in table[column]]
    for column in ("reporting_verbs", "verb_stance"):
        table[column] = [", ".join(f"{k} {n}" for k, n in v.items()) for v in table[column]]
    return table


def _cmd_collection(args) -> int:
    import signal

    from .collection import CollectionError, run_collection

    try:
        summary = run_collection(args.input, args.out, workers=args.workers, engine=args.engine,
                                 scheduler=args.scheduler, resume=not args.restart,
                                 batch_size=args.batch_size, progress=not args.quiet,
                                 max_chars=args.max_chars or None,
                                 article_timeout=args.article_timeout or None)
    except CollectionError as error:
        print(f"collection: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt as stop:  # Ctrl-C or SIGTERM: the workers are stopped already
        number = getattr(stop, "signal_number", signal.SIGINT)
        print(f"collection: interrupted ({signal.Signals(number).name}); the batches "
              f"committed so far are kept in {args.out}: rerun the same command to go on",
              file=sys.stderr)
        return 128 + number
    tables = summary["tables"]
    rate = summary["articles"] / summary["seconds"] if summary["seconds"] else 0.0
    print(f"collection: {summary['articles']} articles analysed, {summary['errors']} errors, "
          f"{summary['skipped']} skipped (done before) in {summary['seconds']:.1f} s "
          f"({rate:.1f} articles/s, {args.engine} engine); stages: {', '.join(summary['stages'])}")
    print(f"tables in {summary['out']}: " + ", ".join(
        f"{name} {tables[name]}" for name in ("articles", "quotes", "speakers", "terms", "errors"))
        + f"; {tables['speaker_ids']} speakers after merging across articles")
    if summary["errors"]:
        _print_errors(Path(summary["out"]) / "errors")
    return 1 if summary["errors"] and not summary["articles"] else 0


def _print_errors(folder: Path, shown: int = 3) -> None:
    """Say why articles failed (the first few rows of the errors table), so that a run
    whose every article failed does not end on a count alone."""
    errors = pd.read_parquet(folder, columns=["article", "stage", "reason"])
    for row in errors.head(shown).itertuples(index=False):
        print(f"  error: {row.article} ({row.stage}): {row.reason}", file=sys.stderr)
    if len(errors) > shown:
        print(f"  ... {len(errors) - shown} more in the errors table ({folder})", file=sys.stderr)


def _cmd_bench(args) -> int:
    from .bench import main as bench_main

    return bench_main(args)


def _cmd_evaluate(args) -> int:
    from .evaluate import (
        RESOLVED_COLUMNS,
        SPEAKER_LABELS,
        SPEAKER_LABELS_SECOND_PASS,
        evaluate_folder,
        format_agreement,
        format_resolved,
        format_summary,
        label_agreement,
        naive_quote_pairs,
        summarize_resolved,
    )

    labels = args.labels or SPEAKER_LABELS
    if args.agreement:
        second = args.second_labels or SPEAKER_LABELS_SECOND_PASS
        print(format_agreement(label_agreement(labels, second)))
        if args.folder is None:
            return 0
        print()
    elif args.folder is None:
        print("error: give a FOLDER of annotated articles (or --agreement)", file=sys.stderr)
        return 2
    extractor = naive_quote_pairs if args.baseline == "naive" else None
    if extractor is None:
        try:
            from .quotes import extract_quotes as extractor
        except ImportError as error:
            print(f"error: the quote extractor is not available ({error}); "
                  "try --baseline naive", file=sys.stderr)
            return 2
    held_out = None
    if args.held_out:
        from .tag import load_tagger

        held_out = load_tagger().training["held_out"]
    summary, per_article, items = evaluate_folder(
        args.folder, extractor=extractor, limit=args.limit,
        labels=None if args.no_labels else labels, return_items=True,
        only_labelled=args.labelled_only and not args.no_labels, articles=held_out)
    name = "naive quote-mark pairing" if args.baseline == "naive" else "analysis.extract_quotes"
    print(format_summary(summary, title=f"{name} on {args.folder}"))
    resolved = set(RESOLVED_COLUMNS) <= set(per_article.columns)
    if resolved:
        print()
        print(format_resolved(summarize_resolved(per_article)))
    if args.per_article:
        per_article.to_csv(args.per_article, index=False)
        print(f"per-article counts written to {args.per_article}")
    if args.items and resolved:
        items.to_csv(args.items, index=False)
        print(f"resolved-speaker judgements written to {args.items}")
    return 0


def _cmd_calibrate(args) -> int:
    from .calibrate import calibrate

    table, held_out = calibrate(args.folder, args.out)
    emit(table, args.format)
    if len(held_out) and held_out["rows"].sum():
        print("\ncalibration on the tagger's held-out articles (not measured on):")
        emit(held_out, args.format)
    return 0


def _cmd_report(args) -> int:
    from .report import main as report_main

    return report_main(args.path, args.out, args.notebooks)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Who said what in English news articles: quotes, speakers, roles, themes.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    for name, handler, help_text in [
        ("sentences", _cmd_sentences, "sentences with offsets"),
        ("tokens", _cmd_tokens, "word tokens with offsets, part of speech and entity tags"),
        ("quotes", _cmd_quotes, "who said what: one row per quote, with cue and speaker"),
        ("speakers", _cmd_speakers, "one row per speaker: mentions, roles, quotes, verbs"),
    ]:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("path", nargs="?", default=str(DEFAULT_ARTICLE),
                         help="article file or folder (default: data/articles)")
        _add_format(sub)
        sub.set_defaults(handler=handler)

    terms = commands.add_parser(
        "terms", help="term counts, distinctive terms, collocations or themes",
        description="Terms of each article: counts (default), distinctive terms vs general "
                    "English, collocations, or themes.")
    terms.add_argument("path", help="article file or folder")
    terms.add_argument("--top", type=int, default=30, help="rows per article (default: 30)")
    terms.add_argument("--kind", choices=["counts", "distinctive", "collocations", "themes"],
                       default="counts", help="which table (default: counts)")
    terms.add_argument("--min-count", type=int, default=1, help="drop rarer terms (counts)")
    _add_format(terms)
    terms.set_defaults(handler=_cmd_terms)

    kwic = commands.add_parser("kwic", help="keyword in context",
                               description="Every occurrence of a word or phrase, in context.")
    kwic.add_argument("path", help="article file or folder")
    kwic.add_argument("term", help="word or phrase to find")
    kwic.add_argument("--window", type=int, default=50, help="context characters per side")
    kwic.add_argument("--match", choices=["exact", "stem"], default="exact",
                      help="exact words (default) or any inflection")
    kwic.add_argument("--aliases", action="store_true",
                      help="also find names the article defines as aliases (ISIL/Da'esh)")
    kwic.add_argument("--direct-only", action="store_true",
                      help="mark only hits inside direct quotes (not reported speech)")
    _add_format(kwic)
    kwic.set_defaults(handler=_cmd_kwic)
    collection = commands.add_parser(
        "collection", help="analyse many articles into Parquet tables",
        description="Analyse a folder of articles or a JSONL file (one article a line) into "
                    "Parquet tables (articles, quotes, speakers, terms, errors) in --out. "
                    "Rerunning with the same --out skips articles already done; each article "
                    "is analysed once however a run is stopped, one run at a time.")
    collection.add_argument("input", nargs="+", help="article files, folders or JSONL files")
    collection.add_argument("--out", required=True, help="output folder for the Parquet tables")
    collection.add_argument("--workers", type=int, default=None,
                            help="worker processes (default: all cores)")
    collection.add_argument("--engine", choices=["local", "dask"], default="local",
                            help="local process pool (default) or a dask.distributed cluster")
    collection.add_argument("--scheduler", default=None,
                            help="dask scheduler address (default: a new local cluster)")
    collection.add_argument("--batch-size", type=int, default=100,
                            help="articles per part file (default: 100)")
    collection.add_argument("--restart", action="store_true",
                            help="start afresh instead of skipping articles already in --out")
    collection.add_argument("--max-chars", type=int, default=2_000_000, metavar="N",
                            help="an article longer than N characters is an errors row "
                                 "(default: 2000000; 0: no limit)")
    collection.add_argument("--article-timeout", type=float, default=120.0, metavar="SECONDS",
                            help="an article whose analysis takes more CPU seconds is an "
                                 "errors row (default: 120; 0: no limit; local engine)")
    collection.add_argument("--quiet", action="store_true", help="no progress bar")
    collection.set_defaults(handler=_cmd_collection)

    train = commands.add_parser(
        "train-tagger", help="train the part-of-speech and entity tagger on CoreNLP tags",
        description="Train the tagger of analysis.tag on a PolNeAR-style folder (text/, "
                    "corenlp/, metadata.tsv), holding out a fixed 10%% of the articles, and "
                    "write DIR/tagger.json.gz; then print its scores on the held-out articles.")
    train.add_argument("folder", help="folder with text/NAME.txt and corenlp/NAME.tsv")
    train.add_argument("--out", required=True, metavar="DIR", help="output folder")
    train.add_argument("--iterations", type=int, default=8, help="training passes (default: 8)")
    train.add_argument("--seed", type=int, default=1, help="shuffle seed (default: 1)")
    train.add_argument("--prune", type=int, default=None,
                       help="drop weights below this many thousandths (default: the module's)")
    train.add_argument("--limit", type=int, default=None,
                       help="train on the first N training articles only (a quick check; "
                            "no held-out scores)")
    train.set_defaults(handler=_cmd_train_tagger)

    bench = commands.add_parser("bench", help="print speed figures",
                                description="Print speed and memory figures.")
    bench.add_argument("--corpus", default=None,
                       help="folder of .txt articles (default: ../shared/polnear-train/text)")
    bench.add_argument("--limit", type=int, default=None, help="use at most N articles")
    bench.add_argument("--scales", default="1,5,10",
                       help="collection input sizes as multiples of the corpus (default: 1,5,10)")
    bench.add_argument("--skip-collection", action="store_true",
                       help="leave out the collection figures (they take minutes)")
    bench.add_argument("--textacy-python", default=None, metavar="PYTHON",
                       help="a Python interpreter with spaCy, en_core_web_sm and textacy, "
                            "to measure the ratio to textacy's direct_quotations "
                            "(default: this environment, when it has them)")
    bench.set_defaults(handler=_cmd_bench)

    evaluate = commands.add_parser(
        "evaluate", help="score quote extraction against brat annotations",
        description="Score quotes and speakers against hand annotations (brat standoff): "
                    "P/R/F1 for direct and all quotes, speaker accuracy, end-to-end F1; "
                    "resolved-speaker accuracy on the articles with speaker labels.")
    evaluate.add_argument("folder", nargs="?", default=None,
                          help="annotated articles: text/ + attributions/ "
                               "(PolNeAR layout) or NAME.txt beside NAME.ann")
    evaluate.add_argument("--limit", type=int, default=None, help="score at most N articles")
    evaluate.add_argument("--baseline", choices=["naive"], default=None,
                          help="score a baseline instead of the extractor "
                               "(naive: pair quote marks in turn, no speaker)")
    evaluate.add_argument("--per-article", metavar="CSV", default=None,
                          help="also write per-article counts to this CSV file")
    evaluate.add_argument("--labels", metavar="TSV", default=None,
                          help="speaker labels for resolved-speaker accuracy (default: the "
                               "committed tests/data/speaker_labels.tsv)")
    evaluate.add_argument("--no-labels", action="store_true",
                          help="skip resolved-speaker accuracy")
    evaluate.add_argument("--labelled-only", action="store_true",
                          help="score only the articles the labels cover (faster; the "
                               "mention scores then cover just those)")
    evaluate.add_argument("--held-out", action="store_true",
                          help="score only the tagger's held-out articles (the 10%% of "
                               "PolNeAR train it was not trained on)")
    evaluate.add_argument("--items", metavar="CSV", default=None,
                          help="also write each resolved-speaker judgement to this CSV file")
    evaluate.add_argument("--agreement", action="store_true",
                          help="report the agreement of two labelling passes (the labels "
                               "and --second-labels); FOLDER is then optional")
    evaluate.add_argument("--second-labels", metavar="TSV", default=None,
                          help="the second pass for --agreement (default: the committed "
                               "tests/data/speaker_labels_second_pass.tsv)")
    evaluate.set_defaults(handler=_cmd_evaluate)

    calibrate = commands.add_parser(
        "calibrate", help="measure the quote table's confidence on annotated articles",
        description="Score every quote row of an annotated folder (less the tagger's "
                    "held-out articles) and write each rule path's precision, the "
                    "quote table's confidence column (default: the committed "
                    "analysis/resources/quote_confidence.tsv); then print the table and "
                    "the calibration on the held-out articles.")
    calibrate.add_argument("folder", help="annotated articles: text/ + attributions/")
    calibrate.add_argument("--out", default=None, metavar="TSV",
                           help="write the table here instead of the committed file")
    _add_format(calibrate)
    calibrate.set_defaults(handler=_cmd_calibrate)

    report = commands.add_parser(
        "report", help="run the notebooks headlessly: HTML report, tables (CSV), figures (PNG)",
        description="Execute the notebooks in notebooks/ on an article (01-03) or a folder (04) "
                    "and write one HTML page per notebook, the tables as CSV and the figures "
                    "as PNG, with an index.html. With no PATH: notebooks 01-03 on the article "
                    "in data/articles and 04 on the folder data/.",
        epilog="examples:\n  python -m analysis report\n"
               "  python -m analysis report data/articles/voronkov-isil-un-security-council.txt"
               " --out reports/\n  python -m analysis report ../shared/polnear-train/text"
               " --out polnear-report/\n  python -m analysis report my-article.txt --notebooks 02",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    report.add_argument("path", nargs="?", default=None,
                        help="article file or folder (default: the article in data/articles "
                             "and the folder data/)")
    report.add_argument("--out", default="reports", metavar="DIR",
                        help="output folder (default: reports/)")
    report.add_argument("--notebooks", nargs="+", default=None, metavar="NN",
                        help="run only these notebooks, e.g. 01 02 (default: by PATH)")
    report.set_defaults(handler=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        return args.handler(args)
    except ArticleError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
