"""`python -m analysis report`: HTML per notebook, tables as CSV, figures as PNG."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.article import ArticleError
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
    # tables are rendered for reading, figures embedded (no side files needed)
    assert re.search(r'<table[^>]*class="analysis-table"', overview)
    assert "LIX readability" in overview and ">3,155</td>" in overview   # not 3155.000
    assert re.search(r'<img[^>]+src="data:image/png;base64,[A-Za-z0-9+/]{1000}', overview)
    # the report shows which article it ran on (the injected parameters cell)
    assert "voronkov-isil-un-security-council.txt" in overview
    assert "cdnjs" not in overview and "<script src=" not in overview   # reads offline

    sentences = pd.read_csv(out / "tables" / "01-sentence_table.csv")
    assert sentences["text"].iloc[1].startswith("Vladimir Voronkov has stated that")
    reading = pd.read_csv(out / "tables" / "01-reading_table.csv").set_index("statistic")
    assert reading.loc["paragraphs", "value"] == 14
    figure = out / "figures" / "01-paragraph_lengths.png"
    assert figure.read_bytes().startswith(PNG_MAGIC) and figure.stat().st_size > 5000

    # the quote table: the reading columns in the page, every column in the CSV
    page = (out / "02_quotes_and_speakers.html").read_text(encoding="utf-8")
    quote_table = page[page.index("14 rows × 20 columns"):]
    headings = re.findall(r'<th [^>]*class="col_heading[^"]*"[^>]*>([^<]*)</th>', quote_table)
    assert headings[:8] == ["quote_id", "text", "speaker", "kind", "cue", "speaker_mention",
                            "audience", "evidence"]
    assert "not shown: article, start, end" in quote_table
    assert "Mr. Voronkov" in page and "Vladimir Voronkov" in page
    assert 'class="analysis-quotes-text"' in page  # the highlighted article, inline
    assert "{&#x27;role&#x27;" not in page and "[{" not in page   # profiles read as text
    quotes = pd.read_csv(out / "tables" / "02-quotes.csv")
    text = seed_article.text
    assert len(quotes) >= 5 and len(quotes.columns) == 20
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
    assert f"<h1>{html.escape(seed_article.title)}</h1>" in view

    index = (out / "index.html").read_text(encoding="utf-8")
    for name in names - {"index.html"}:
        assert f'href="{name}"' in index


def test_the_index_gives_the_key_numbers_thumbnails_and_a_line_on_every_file(seed_report):
    from analysis.report_index import descriptions

    out, written = seed_report
    index = (out / "index.html").read_text(encoding="utf-8")
    quotes = pd.read_csv(out / "tables" / "02-quotes.csv")
    kinds = quotes["kind"].value_counts()
    article_block = index[:index.index('<div class="kind">Collection</div>')]
    numbers = dict(re.findall(r'<div class="label">([^<]+)</div><div class="value">([^<]+)</div>',
                              article_block))
    assert numbers["quotes"] == (f"{len(quotes)} ({kinds['direct']} direct, "
                                 f"{kinds['indirect']} indirect)")
    assert numbers["top speakers"].startswith("Vladimir Voronkov (14)")
    themes = pd.read_csv(out / "tables" / "03-themes.csv")
    assert numbers["top themes"].startswith(f"{themes['theme'][0]} ({themes['hits'][0]})")
    # the collection block: data/ holds the seed and the invented articles
    assert "Collection</div><h2>data: 6 articles</h2>" in index
    assert "Harbour Wire" in index and "Coastal Daily" in index
    # every figure has a thumbnail, every page, table and figure a one-line description
    about = descriptions()
    for path in written:
        if path.name == "index.html":
            continue
        assert about.get(path.stem), f"no description of {path.stem} in report_outputs.tsv"
        assert html.escape(about[path.stem]) in index
        if path.suffix == ".png":
            assert f'<img src="figures/{path.name}"' in index
    assert index.count('class="status done"') == 4


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
    first, second, third = capsys.readouterr().err.strip().splitlines()
    # cell 4 of 4: the injected parameters cell counts, as in the HTML page
    assert first == ("report failed: 01_article_overview.ipynb: cell 4 of 4 "
                     "('article.no_such_attribute') failed: AttributeError: "
                     "'Article' object has no attribute 'no_such_attribute'")
    assert second == f"  (the notebook up to the failing cell: {out / '01_article_overview.html'})"
    assert third == f"  (index of the report: {out / 'index.html'})"
    partial = (out / "01_article_overview.html").read_text(encoding="utf-8")
    assert "no_such_attribute" in partial and "AttributeError" in partial
    # the index is written anyway, with the notebook's status and error
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="status failed"' in index and "no_such_attribute" in index


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


# ------------------------------------------------------------------ runner robustness
# Small stand-in notebooks (a kernel start and a cell or two each) keep these fast.

def _tiny_notebooks(monkeypatch, tmp_path, bodies: dict[str, str]):
    """Notebooks named ``stem -> code of its one cell`` in a folder the runner reads."""
    import analysis.report as report

    folder = tmp_path / "notebooks"
    folder.mkdir(parents=True)
    for stem, body in bodies.items():
        variable = "FOLDER" if stem.startswith("04") else "ARTICLE"
        nbformat.write(nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_markdown_cell(f"# {stem}"),
                   nbformat.v4.new_code_cell(f"{variable} = 'x'",
                                             metadata={"tags": ["parameters"]}),
                   nbformat.v4.new_code_cell(body)],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}}),
            folder / f"{stem}.ipynb")
    monkeypatch.setattr(report, "NOTEBOOK_DIR", folder)
    return folder


ARTICLE = "tests/data/two-speakers-harbour-bridge.txt"
TABLE_AND_FIGURE = ("import pandas as pd\nfrom matplotlib.figure import Figure\n"
                    "table = pd.DataFrame({'a': [1, 2]})\nfigure = Figure()\n"
                    "figure.add_subplot().plot([1, 2])")


def test_kernels_talk_over_private_socket_files_never_shared_ports(tmp_path):
    from analysis.report import _kernel_config

    first, second = _kernel_config(tmp_path), _kernel_config(tmp_path)
    assert first.KernelManager.transport == second.KernelManager.transport == "ipc"
    assert first.KernelManager.ip != second.KernelManager.ip
    assert Path(first.KernelManager.ip).parent == tmp_path


def test_notebooks_run_side_by_side_all_finish(monkeypatch, tmp_path):
    bodies = {f"0{n}_nb{n}": "import os\npid = pd = os.getpid()" for n in (1, 2, 3)}
    _tiny_notebooks(monkeypatch, tmp_path, bodies)
    for attempt in range(2):  # kernels started at the same moment, twice
        written = run_report(ARTICLE, tmp_path / f"out{attempt}", jobs=3, verbose=False)
        assert sorted(p.name for p in written if p.suffix == ".html") == [
            "01_nb1.html", "02_nb2.html", "03_nb3.html", "index.html"]


def test_a_kernel_that_fails_to_start_is_retried(monkeypatch, tmp_path):
    from nbclient import NotebookClient

    _tiny_notebooks(monkeypatch, tmp_path, {"01_one": "x = 1"})
    real_start = NotebookClient.async_start_new_kernel
    calls = []

    async def flaky_start(self, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")  # as ZMQ's clash
        return await real_start(self, **kwargs)

    monkeypatch.setattr(NotebookClient, "async_start_new_kernel", flaky_start)
    written = run_report(ARTICLE, tmp_path / "out", verbose=False)
    assert len(calls) == 2
    assert (tmp_path / "out" / "01_one.html") in written


def test_index_keeps_every_notebook_status_and_a_rerun_keeps_earlier_pages(
        monkeypatch, tmp_path, capsys):
    _tiny_notebooks(monkeypatch, tmp_path, {"01_first": TABLE_AND_FIGURE,
                                            "02_second": "raise ValueError('broken on purpose')"})
    out = tmp_path / "out"
    run_report(ARTICLE, out, notebooks=["01"], verbose=False)
    with pytest.raises(ReportError, match="broken on purpose"):
        run_report(ARTICLE, out, notebooks=["02"], verbose=False)
    index = (out / "index.html").read_text(encoding="utf-8")
    # the first run's page, table and figure stay listed after the second run
    assert re.search(r'href="01_first.html">01 · First</a> <span class="status done">', index)
    assert 'class="status failed"' in index and "broken on purpose" in index
    assert 'href="tables/01-table.csv"' in index and 'src="figures/01-figure.png"' in index
    manifest = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {k: v["status"] for k, v in manifest["notebooks"].items()} == {
        "01_first": "done", "02_second": "failed"}
    # a notebook rerun drops its own files of the earlier run, not the others'
    _tiny_notebooks(monkeypatch, tmp_path / "v2", {"01_first": "x = 1"})
    run_report(ARTICLE, out, notebooks=["01"], verbose=True)
    assert not (out / "tables" / "01-table.csv").exists()
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    # no table or figure this time: the summary names no folder it did not write to
    assert summary == f"wrote 1 HTML page; start at {out / 'index.html'}"


def test_summary_names_the_folders_it_wrote(monkeypatch, tmp_path, capsys):
    _tiny_notebooks(monkeypatch, tmp_path, {"01_first": TABLE_AND_FIGURE})
    run_report(ARTICLE, tmp_path / "r2", verbose=True)
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary == (f"wrote 1 HTML page, 1 table (CSV) in {tmp_path / 'r2' / 'tables'}, "
                       f"1 figure (PNG) in {tmp_path / 'r2' / 'figures'}; "
                       f"start at {tmp_path / 'r2' / 'index.html'}")
    assert (tmp_path / "r2" / "figures" / "01-figure.png").read_bytes().startswith(PNG_MAGIC)


def test_ctrl_c_ends_with_one_line_writes_the_index_and_leaves_no_kernel(
        monkeypatch, tmp_path, capsys, caplog):
    import _thread
    import gc
    import logging
    import threading

    import psutil

    _tiny_notebooks(monkeypatch, tmp_path, {"01_slow": "import time\ntime.sleep(120)"})
    before = {p.pid for p in psutil.Process().children(recursive=True)}

    def press_ctrl_c_once_the_kernel_runs():
        import time

        for _ in range(600):
            kernels = [p for p in psutil.Process().children(recursive=True)
                       if p.pid not in before]
            if kernels:
                break
            time.sleep(0.1)
        time.sleep(2)
        _thread.interrupt_main()

    threading.Thread(target=press_ctrl_c_once_the_kernel_runs, daemon=True).start()
    out = tmp_path / "out"
    assert main(["report", ARTICLE, "--out", str(out)]) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"report interrupted: 0 of 1 notebook(s) finished; see {out / 'index.html'}"]
    assert 'class="status interrupted"' in (out / "index.html").read_text(encoding="utf-8")
    # nbclient's kernel pollers are cancelled with the run, not destroyed pending later
    # ("Task was destroyed but it is pending!" lines printed after the one line)
    caplog.set_level(logging.ERROR, logger="asyncio")
    gc.collect()
    assert [r.getMessage() for r in caplog.records if r.name == "asyncio"] == []
    import time

    for _ in range(50):
        left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
        if not left:
            break
        time.sleep(0.1)
    assert not left, f"processes left running: {left}"


def test_an_empty_path_is_an_error_not_the_current_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["report", "", "--out", str(tmp_path / "out")]) == 2
    assert "the path is empty" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    with pytest.raises(ArticleError, match="empty"):
        run_report("", tmp_path / "out", verbose=False)


@pytest.mark.parametrize("bad_name", ["000-unreadable.txt", "zzz-unreadable.txt"],
                         ids=["sorts-first", "sorts-last"])
def test_an_unreadable_file_is_skipped_with_a_warning_wherever_it_sorts(
        monkeypatch, tmp_path, capsys, bad_name):
    from analysis.report import _inputs

    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(ARTICLE, folder / "m-good.txt")
    (folder / bad_name).write_bytes(b"\x00\x01\x02binary\x00" * 20)
    info, = _inputs(folder)
    assert info.articles == 1 and len(info.skipped) == 1 and bad_name in info.skipped[0]
    _tiny_notebooks(monkeypatch, tmp_path, {"04_collection": "x = FOLDER"})
    assert main(["report", str(folder), "--out", str(tmp_path / "out")]) == 0
    output = capsys.readouterr().out
    assert f"report: skipped an unreadable file: {folder / bad_name}" in output
    assert "1 unreadable file skipped" in (tmp_path / "out" / "index.html").read_text(
        encoding="utf-8")
    # a folder of unreadable files only is refused, whatever the order
    (folder / "m-good.txt").unlink()
    with pytest.raises(ArticleError, match="no readable article"):
        _inputs(folder)


def test_a_large_article_is_warned_about_and_runs_alone(monkeypatch, tmp_path, capsys):
    from analysis.overview import LARGE_ARTICLE_CHARS

    big = tmp_path / "big.txt"
    paragraph = "The minister said the plan would work. " * 40 + "\n\n"
    big.write_text("Headline\n\n" + paragraph * (LARGE_ARTICLE_CHARS // len(paragraph) + 1),
                   encoding="utf-8")
    _tiny_notebooks(monkeypatch, tmp_path, {"01_a": "x = 1", "02_b": "x = 2"})
    run_report(big, tmp_path / "out", verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"report: warning: {big} has 1.0 million characters (over 1 "
                               "million): the notebooks may take many minutes")
    assert lines[1].startswith("report: running 2 notebook(s), 1 at a time")


def test_a_large_folder_is_warned_about_and_pointed_at_the_collection_command(tmp_path):
    from analysis.report import LARGE_COLLECTION_CHARS, ReportInput, _warn_large

    said = []
    small = ReportInput("collection", tmp_path, articles=3, chars=10_000)
    assert not _warn_large([small], said.append) and said == []
    big = ReportInput("collection", tmp_path, articles=12_000, chars=LARGE_COLLECTION_CHARS + 1)
    assert _warn_large([big], said.append)
    assert said == [f"report: warning: {tmp_path} holds 12,000 articles, 20.0 million "
                    "characters (over 20 million): notebook 04 keeps them all in memory and "
                    "may take a long time; `python -m analysis collection` is made for big "
                    "folders"]
