"""The report's front page: ``index.html``, rebuilt from what is in the output folder.

The page shows what the report ran on (title, outlet, date), the key numbers
read back from the tables the notebooks wrote (quotes, speakers, top speakers,
top themes), each notebook with its status and a one-line description, a
thumbnail of every figure, and every table and page with what it holds.

Statuses and inputs of earlier runs into the same folder are kept in
``report.json``, so a rerun of one notebook leaves the others in the index.
Descriptions come from ``analysis/resources/report_outputs.tsv``.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Sequence
from pathlib import Path

from .lexicons import read_table, resource_path

__all__ = ["write_index", "descriptions", "stylesheet"]

MANIFEST = "report.json"
_PAGE = re.compile(r"^(\d\d)_[\w-]+\.html$")
_VIEW = re.compile(r"^(\d\d)-[\w-]+\.html$")


def descriptions() -> dict[str, str]:
    """One-line descriptions of the report's pages, tables and figures, by name
    (``02-quotes``, ``02_quotes_and_speakers``), from ``report_outputs.tsv``."""
    return {row[0]: row[1] for row in read_table("report_outputs.tsv") if len(row) >= 2}


def stylesheet() -> str:
    """The report's one stylesheet (``analysis/resources/report.css``)."""
    return resource_path("report.css").read_text(encoding="utf-8")


def _read_manifest(out: Path) -> dict:
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"notebooks": {}, "inputs": {}}
    if not isinstance(manifest, dict):
        return {"notebooks": {}, "inputs": {}}
    manifest.setdefault("notebooks", {})
    manifest.setdefault("inputs", {})
    return manifest


def _update_manifest(out: Path, runs: Sequence, inputs: Sequence) -> dict:
    manifest = _read_manifest(out)
    now = time.strftime("%Y-%m-%d %H:%M")
    for run in runs:
        if run.status == "not run" and run.path.stem in manifest["notebooks"]:
            continue  # stopped before it started: the earlier run's entry still holds
        manifest["notebooks"][run.path.stem] = {
            "status": run.status, "seconds": round(run.seconds, 1), "error": run.error,
            "input": next(iter(run.parameters.values()), ""), "when": now}
    for info in inputs:
        manifest["inputs"][info.kind] = info.as_dict()
    temporary = out / f".{MANIFEST}.tmp"
    temporary.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    temporary.replace(out / MANIFEST)
    return manifest


def _csv(path: Path):
    import pandas as pd

    try:
        return pd.read_csv(path)
    except (OSError, ValueError):
        return None


def _top(table, name_column: str, count_column: str, n: int = 3) -> str:
    if table is None or name_column not in table or count_column not in table or not len(table):
        return ""
    table = table[table[name_column].notna() & (table[name_column].astype(str) != "")]
    table = table.sort_values(count_column, ascending=False, kind="stable").head(n)
    return ", ".join(f"{name} ({int(count)})"
                     for name, count in zip(table[name_column], table[count_column], strict=True))


def _article_numbers(tables: Path) -> list[tuple[str, str]]:
    numbers = []
    reading = _csv(tables / "01-reading_table.csv")
    if reading is not None and {"statistic", "value"} <= set(reading.columns):
        values = dict(zip(reading["statistic"], reading["value"], strict=True))
        if "words" in values:
            numbers.append(("words", f"{int(values['words']):,}"))
        if "paragraphs" in values:
            numbers.append(("paragraphs", f"{int(values['paragraphs']):,}"))
    quotes = _csv(tables / "02-quotes.csv")
    if quotes is not None:
        kinds = quotes["kind"].value_counts() if "kind" in quotes else {}
        detail = ", ".join(f"{int(kinds[k])} {k}" for k in ("direct", "mixed", "indirect")
                           if k in kinds)
        numbers.append(("quotes", f"{len(quotes):,}" + (f" ({detail})" if detail else "")))
    numbers += _speakers_and_themes(tables / "02-voice.csv", "n_quotes", tables / "03-themes.csv")
    return [(label, value) for label, value in numbers if value]


def _collection_numbers(tables: Path) -> list[tuple[str, str]]:
    numbers = []
    articles = _csv(tables / "04-article_table.csv")
    if articles is not None:
        numbers.append(("articles", f"{len(articles):,}"))
    quotes = _csv(tables / "04-quotes.csv")
    if quotes is not None:
        numbers.append(("quotes", f"{len(quotes):,}"))
    numbers += _speakers_and_themes(tables / "04-speakers_across_articles.csv", "quotes",
                                    tables / "04-collection_theme_table.csv")
    return [(label, value) for label, value in numbers if value]


def _speakers_and_themes(speakers_file: Path, quotes_column: str,
                         themes_file: Path) -> list[tuple[str, str]]:
    """Speakers quoted, the top three of them and the top three themes."""
    numbers = []
    speakers = _csv(speakers_file)
    if speakers is not None:
        numbers.append(("speakers quoted", f"{len(speakers):,}"))
        numbers.append(("top speakers", _top(speakers, "speaker", quotes_column)))
    themes = _csv(themes_file)
    if themes is not None:
        numbers.append(("top themes", _top(themes, "theme", "hits")))
    return numbers


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _input_block(info: dict, numbers: list[tuple[str, str]]) -> str:
    if info.get("kind") == "article":
        heading = info.get("title") or Path(info.get("path", "")).name
        label = "Article"
    else:
        count = info.get("articles", 0)
        heading = f"{Path(info.get('path', '')).name}: {count} article{'s' if count != 1 else ''}"
        label = "Collection"
    meta = [m for m in (info.get("outlet"), info.get("date")) if m]
    skipped = info.get("skipped") or []
    cards = "".join(f'<div class="number"><div class="label">{_e(k)}</div>'
                    f'<div class="value">{_e(v)}</div></div>' for k, v in numbers)
    note = ""
    if skipped:
        items = "".join(f"<li>{_e(s)}</li>" for s in skipped[:20])
        more = f"<li>... and {len(skipped) - 20} more</li>" if len(skipped) > 20 else ""
        note = (f'<details class="skipped"><summary>{len(skipped)} unreadable '
                f"file{'s' if len(skipped) != 1 else ''} skipped</summary>"
                f"<ul>{items}{more}</ul></details>")
    return (f'<section class="input"><div class="kind">{label}</div><h2>{_e(heading)}</h2>'
            f'<p class="meta">{" · ".join(map(_e, meta))}'
            f'{" · " if meta else ""}<code>{_e(info.get("path", ""))}</code></p>'
            f'<div class="numbers">{cards}</div>{note}</section>')


def _status_badge(entry: dict | None) -> str:
    if not entry:
        return '<span class="status unknown">earlier run</span>'
    status = entry.get("status", "unknown")
    seconds = entry.get("seconds")
    timing = f" in {seconds:.1f} s" if isinstance(seconds, int | float) and seconds else ""
    return f'<span class="status {_e(status)}">{_e(status)}{_e(timing)}</span>'


def _notebook_title(stem: str) -> str:
    number, _, words = stem.partition("_")
    return f"{number} · {words.replace('_', ' ').capitalize()}"


def write_index(out: str | Path, runs: Sequence = (), inputs: Sequence = ()) -> Path:
    """Write ``index.html`` (and ``report.json``) for the report folder ``out``.

    Parameters
    ----------
    out : str or Path
        The report folder.
    runs : sequence of NotebookRun
        The notebooks of this run (their status goes into ``report.json``).
    inputs : sequence of ReportInput
        What this run read.

    Returns
    -------
    Path
        The index page.
    """
    out = Path(out)
    manifest = _update_manifest(out, runs, inputs)
    about = descriptions()
    entries = manifest["notebooks"]
    stems = sorted({p.stem for p in out.glob("[0-9][0-9]_*.html") if _PAGE.match(p.name)}
                   | set(entries))
    notebook_items = []
    for stem in stems:
        entry = entries.get(stem)
        page = out / f"{stem}.html"
        title = _e(_notebook_title(stem))
        link = f'<a href="{_e(page.name)}">{title}</a>' if page.exists() else title
        error = (f'<div class="error">{_e(entry["error"].splitlines()[0])}</div>'
                 if entry and entry.get("error") else "")
        notebook_items.append(f'<li>{link} {_status_badge(entry)}'
                              f'<div class="about">{_e(about.get(stem, ""))}</div>{error}</li>')
    views = sorted(p for p in out.glob("[0-9][0-9]-*.html") if _VIEW.match(p.name))
    view_items = [f'<li><a href="{_e(p.name)}">{_e(_notebook_title(p.stem.replace("-", "_", 1)))}'
                  "</a>"
                  f'<div class="about">{_e(about.get(p.stem, ""))}</div></li>' for p in views]
    figures = sorted((out / "figures").glob("*.png"))
    figure_items = [
        f'<figure><a href="figures/{_e(p.name)}"><img src="figures/{_e(p.name)}" '
        f'alt="{_e(about.get(p.stem, p.stem))}" loading="lazy"></a>'
        f'<figcaption><b>{_e(p.stem)}</b> {_e(about.get(p.stem, ""))}</figcaption></figure>'
        for p in figures]
    table_rows = []
    for p in sorted((out / "tables").glob("*.csv")):
        table_rows.append(f'<tr><td><a href="tables/{_e(p.name)}">{_e(p.name)}</a></td>'
                          f'<td>{_e(about.get(p.stem, ""))}</td>'
                          f'<td class="num">{_size(p)}</td></tr>')
    blocks = []
    tables = out / "tables"
    for kind, numbers in (("article", _article_numbers), ("collection", _collection_numbers)):
        info = manifest["inputs"].get(kind)
        if info:
            blocks.append(_input_block(info, numbers(tables)))
    title = "Who said what: the report"
    sections = [f'<header><h1>{_e(title)}</h1><p class="meta">Made by '
                f'<code>python -m analysis report</code>, {_e(time.strftime("%Y-%m-%d %H:%M"))}'
                "</p></header>", *blocks,
                f'<section><h2>Notebooks</h2><ul class="pages">{"".join(notebook_items)}</ul>'
                "</section>"]
    if view_items:
        sections.append(f'<section><h2>Pages</h2><ul class="pages">{"".join(view_items)}</ul>'
                        "</section>")
    if figure_items:
        sections.append(f'<section><h2>Figures</h2><div class="thumbnails">'
                        f'{"".join(figure_items)}</div></section>')
    if table_rows:
        sections.append('<section><h2>Tables (CSV)</h2><table class="analysis-table files">'
                        "<thead><tr><th>file</th><th>what it holds</th><th>size</th></tr>"
                        f'</thead><tbody>{"".join(table_rows)}</tbody></table></section>')
    index = out / "index.html"
    index.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{stylesheet()}</style></head>"
        f'<body><main class="analysis-report">{"".join(sections)}</main></body></html>',
        encoding="utf-8")
    return index


def _size(path: Path) -> str:
    size = path.stat().st_size
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1000
    return ""
