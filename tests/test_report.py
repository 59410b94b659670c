"""`python -m analysis report`: HTML per notebook, tables as CSV, figures as PNG."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from analysis.cli import main
from analysis.report import ReportError, execute_notebook, inject_parameters, run_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_report_on_the_seed_article_writes_html_tables_and_figures(seed_report, seed_article):
    out, written = seed_report
    assert all(path.exists() for path in written)
    names = {path.relative_to(out).as_posix() for path in written}
    assert {"01_article_overview.html", "02_quotes_and_speakers.html",
            "03_themes_and_terms.html", "04_collection.html", "index.html"} <= names

    overview = (out / "01_article_overview.html").read_text(encoding="utf-8")
    # tables are rendered as HTML tables, figures embedded (no side files needed)
    assert re.search(r"<table[^>]*class=\"dataframe", overview)
    assert "LIX readability" in overview
    assert re.search(r'<img[^>]+src="data:image/png;base64,[A-Za-z0-9+/]{1000}', overview)
    # the report shows which article it ran on (the injected parameters cell)
    assert "voronkov-isil-un-security-council.txt" in overview

    sentences = pd.read_csv(out / "tables" / "01-sentence_table.csv")
    assert sentences["text"].iloc[1].startswith("Vladimir Voronkov has stated that")
    reading = pd.read_csv(out / "tables" / "01-reading_table.csv").set_index("statistic")
    assert reading.loc["paragraphs", "value"] == 14
    figure = out / "figures" / "01-paragraph_lengths.png"
    assert figure.read_bytes().startswith(PNG_MAGIC) and figure.stat().st_size > 5000

    # the quote table, in the HTML page and as CSV, traceable to the text
    page = (out / "02_quotes_and_speakers.html").read_text(encoding="utf-8")
    for column in ("quote_id", "kind", "cue", "speaker_mention", "speaker", "evidence"):
        assert f"<th>{column}</th>" in page
    assert "Mr. Voronkov" in page and "Vladimir Voronkov" in page
    assert 'class="analysis-quotes-text"' in page  # the highlighted article, inline
    quotes = pd.read_csv(out / "tables" / "02-quotes.csv")
    text = seed_article.text
    assert len(quotes) >= 5
    for row in quotes.itertuples():
        assert text[row.start:row.end] == row.text
    assert "Vladimir Voronkov" in set(quotes["speaker"])
    per_speaker = pd.read_csv(out / "tables" / "02-quotes_per_speaker.csv", index_col=0)
    assert per_speaker.loc["Vladimir Voronkov", "all"] == (quotes["speaker"] ==
                                                           "Vladimir Voronkov").sum()
    profiles = pd.read_csv(out / "tables" / "02-voice.csv").set_index("speaker")
    assert profiles.loc["Vladimir Voronkov", "share_of_quoted_words"] > 0.9
    assert (out / "figures" / "02-share_of_quoted_words.png").read_bytes().startswith(PNG_MAGIC)
    view = (out / "02-quotes_view.html").read_text(encoding="utf-8")
    assert view.startswith("<!doctype html>") and 'class="analysis-quotes-text"' in view

    index = (out / "index.html").read_text(encoding="utf-8")
    for name in names - {"index.html"}:
        assert f'href="{name}"' in index


def test_parameters_are_injected_after_the_parameters_cell():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("ARTICLE = 'default.txt'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(ARTICLE)"),
    ])
    injected = inject_parameters(notebook, {"ARTICLE": "/data/it's.txt"})
    assert [c.source for c in notebook.cells][1] == "ARTICLE = 'default.txt'"  # not mutated
    cell = injected.cells[2]
    assert cell.metadata["tags"] == ["injected-parameters"]
    namespace: dict = {}
    exec(cell.source, namespace)
    assert namespace["ARTICLE"] == "/data/it's.txt"
    assert injected.cells[3].source == "print(ARTICLE)"


def test_notebook_without_parameters_cell_is_refused(tmp_path):
    path = tmp_path / "05_bad.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), path)
    with pytest.raises(ReportError, match="05_bad.ipynb: .*no cell tagged 'parameters'"):
        execute_notebook(path, {"ARTICLE": "x"})


def test_cli_report_on_missing_path_is_one_clear_line(capsys, tmp_path):
    assert main(["report", str(tmp_path / "nope.txt"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"error: {tmp_path / 'nope.txt'}: no such file or folder"


def test_cli_report_on_empty_folder_is_refused(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    assert main(["report", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 2
    assert "no article" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_notebook_is_named(tmp_path):
    with pytest.raises(ReportError, match="no notebook called '07'"):
        run_report(None, tmp_path, notebooks=["07"], verbose=False)


def test_help_lists_every_subcommand_with_examples(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    from analysis.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices
    assert "report" in commands
    for name in commands:
        assert re.search(rf"^\s+{name}\b", text, re.M), f"{name} not listed"
        assert f"python -m analysis {name}" in text, f"no example for {name}"
    for name in commands:
        with pytest.raises(SystemExit) as exit_:
            main([name, "--help"])
        assert exit_.value.code == 0
        assert capsys.readouterr().out.startswith(f"usage: python -m analysis {name}")
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "--out DIR" in capsys.readouterr().out


def test_report_with_a_failing_notebook_names_it_and_keeps_the_partial_page(
        monkeypatch, tmp_path, capsys):
    import analysis.report as report

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("ARTICLE = 'a.txt'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("from analysis import load_article\n"
                                  "article = load_article(ARTICLE)"),
        nbformat.v4.new_code_cell("article.no_such_attribute"),
    ]), notebooks / "01_article_overview.ipynb")
    monkeypatch.setattr(report, "NOTEBOOK_DIR", notebooks)
    out = tmp_path / "out"
    assert main(["report", "tests/data/two-speakers-harbour-bridge.txt", "--out", str(out),
                 "--notebooks", "01"]) == 1
    first, second = capsys.readouterr().err.strip().splitlines()
    # cell 4 of 4: the injected parameters cell counts, as in the HTML page
    assert first == ("report failed: 01_article_overview.ipynb: cell 4 of 4 "
                     "('article.no_such_attribute') failed: AttributeError: "
                     "'Article' object has no attribute 'no_such_attribute'")
    assert second == f"  (the notebook up to the failing cell: {out / '01_article_overview.html'})"
    partial = (out / "01_article_overview.html").read_text(encoding="utf-8")
    assert "no_such_attribute" in partial and "AttributeError" in partial


def test_which_notebooks_run_follows_the_input(tmp_path):
    from analysis.report import _plan

    def stems(plan):
        return [(notebook.stem, sorted(parameters)) for notebook, parameters in plan]

    article = "tests/data/two-speakers-harbour-bridge.txt"
    assert stems(_plan(article, None)) == [
        ("01_article_overview", ["ARTICLE"]), ("02_quotes_and_speakers", ["ARTICLE"]),
        ("03_themes_and_terms", ["ARTICLE"])]
    assert stems(_plan("tests/data", None)) == [("04_collection", ["FOLDER"])]
    assert [s for s, _ in stems(_plan(None, None))] == [
        "01_article_overview", "02_quotes_and_speakers", "03_themes_and_terms", "04_collection"]
    # a JSON Lines file holding several articles is a collection
    lines = tmp_path / "day.jsonl"
    lines.write_text('{"id": "a", "text": "One\\n\\nShe said yes."}\n'
                     '{"id": "b", "text": "Two\\n\\nHe said no."}\n', encoding="utf-8")
    assert stems(_plan(lines, None)) == [("04_collection", ["FOLDER"])]
    with pytest.raises(ReportError, match="04_collection.ipynb needs a folder"):
        _plan(article, ["04"])
