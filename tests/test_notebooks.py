"""The notebooks: stored clean, one `parameters` cell, and they run end to end.

Every notebook is executed headlessly (nbclient, the `python3` kernel that
ipykernel installs) on the seed article, on a PolNeAR article and on a short
two-speaker article written for the tests; any cell error fails the test.
"""

from __future__ import annotations

import ast
import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.report import (
    ARTICLE_NOTEBOOKS,
    COLLECTION_NOTEBOOKS,
    NOTEBOOK_DIR,
    run_report,
)

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
TWO_SPEAKERS = Path(__file__).parent / "data" / "two-speakers-harbour-bridge.txt"
# A PolNeAR article with direct and indirect quotes from several speakers.
POLNEAR_ARTICLE = "breitbart_2015-11-16_o-malley-campaign-to-shift-staff.txt"


def _notebook_pages(written: list[Path]) -> list[str]:
    stems = {p.stem for p in NOTEBOOKS}
    return sorted(p.name for p in written if p.suffix == ".html" and p.stem in stems)


def test_the_four_numbered_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == [*ARTICLE_NOTEBOOKS, *COLLECTION_NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_clean_with_one_parameters_cell(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, cell.source
    tagged = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    # the parameters cell only assigns the input path, and it comes first
    assigned = [node.targets[0].id for node in ast.parse(tagged[0].source).body]
    expected = "FOLDER" if path.stem in COLLECTION_NOTEBOOKS else "ARTICLE"
    assert assigned == [expected]
    assert code[0] is tagged[0]
    # thin notebooks: no helper functions or classes defined in cells
    for cell in code:
        source = "\n".join(line for line in cell.source.splitlines() if not line.startswith("%"))
        tree = ast.parse(source)
        defined = [n for n in ast.walk(tree)
                   if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)]
        assert not defined, f"{path.name} defines helpers: {cell.source[:80]}"


def test_default_parameters_point_at_the_seed_article():
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
        value = ast.literal_eval(ast.parse(cell.source).body[0].value)
        target = (path.parent / value).resolve()
        assert target.exists(), f"{path.name}: default {value} does not exist"
        if path.stem in COLLECTION_NOTEBOOKS:   # the seed article and the invented ones
            assert target.name == "data" and len(list(target.rglob("*.txt"))) >= 2
        else:
            assert target.parent.name == "articles"


def test_every_notebook_runs_on_the_seed_article(seed_report):
    out, written = seed_report
    pages = _notebook_pages(written)
    assert pages == [f"{p.stem}.html" for p in NOTEBOOKS]
    for page in pages:
        body = (out / page).read_text(encoding="utf-8")
        # run_report raises on a failing cell; here: no error output slipped through
        assert "Traceback (most recent call last)" not in body
        assert "voronkov-isil-un-security-council" in body


def test_article_notebooks_run_on_a_two_speaker_article(tmp_path):
    written = run_report(TWO_SPEAKERS, tmp_path, verbose=False)
    pages = _notebook_pages(written)
    assert pages == [f"{stem}.html" for stem in ARTICLE_NOTEBOOKS]
    for page in pages:
        body = (tmp_path / page).read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in body
        assert "Council and shipping firm clash over harbour bridge repairs" in body
    paragraphs = pd.read_csv(tmp_path / "tables" / "01-paragraph_table.csv")
    assert paragraphs["words"].tolist()[:2] == [9, 27]
    # both speakers get a voice, and a colour of their own in the highlighted view
    voice = pd.read_csv(tmp_path / "tables" / "02-voice.csv").set_index("speaker")
    assert {"Helen Okafor", "Daniel Reyes"} <= set(voice.index)
    assert voice.loc[["Helen Okafor", "Daniel Reyes"], "n_direct"].tolist() == [1, 1]
    view = (tmp_path / "02-quotes_view.html").read_text(encoding="utf-8")
    legend = view.split('class="analysis-quotes-text"')[0]
    colours = {name: re.search(rf"background:(#[0-9A-F]{{6}})[^>]*></span> {name} \(", legend)
               for name in ("Helen Okafor", "Daniel Reyes")}
    assert all(colours.values())
    assert colours["Helen Okafor"].group(1) != colours["Daniel Reyes"].group(1)


@pytest.fixture(scope="module")
def polnear_article(polnear_dir) -> Path:
    path = polnear_dir / "text" / POLNEAR_ARTICLE
    if not path.exists():
        pytest.skip(f"{path} not found in the PolNeAR data")
    return path


def test_article_notebooks_run_on_a_polnear_article(polnear_article, tmp_path):
    written = run_report(polnear_article, tmp_path, verbose=False)
    pages = _notebook_pages(written)
    assert pages == [f"{stem}.html" for stem in ARTICLE_NOTEBOOKS]
    title = polnear_article.read_text(encoding="utf-8").splitlines()[0].strip()
    for page in pages:
        body = (tmp_path / page).read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in body
    overview = (tmp_path / "01_article_overview.html").read_text(encoding="utf-8")
    assert html.escape(title, quote=False) in overview


def test_collection_notebook_runs_on_a_folder_of_different_articles(polnear_article, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(TWO_SPEAKERS, folder)
    shutil.copy(polnear_article, folder)  # a temporary copy, never into the repo
    records = [
        {"id": "wire-1", "outlet": "Daily Wire Test", "text": "Port strike ends\n\n"
         "“We have a deal,” union leader Maria Santos said on Friday."},
        {"id": "post-1", "outlet": "Evening Post Test", "text": "Port strike ends\n\n"
         "The port authority insisted that the deal was fair, spokesman Tom Hale said."},
    ]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n",
                                       encoding="utf-8")
    out = tmp_path / "out"
    written = run_report(folder, out, verbose=False)
    assert _notebook_pages(written) == ["04_collection.html"]
    tables = out / "tables"
    articles = pd.read_csv(tables / "04-article_table.csv")
    assert sorted(articles["article"]) == sorted(
        [TWO_SPEAKERS.stem, polnear_article.stem, "wire-1", "post-1"])
    speakers = pd.read_csv(tables / "04-speakers_across_articles.csv").set_index("speaker")
    assert {"Helen Okafor", "Daniel Reyes", "Maria Santos"} <= set(speakers.index)
    assert speakers.loc["Maria Santos", "articles"] == 1
    # reporting verbs are counted per outlet when the records name one
    verbs = pd.read_csv(tables / "04-reporting_verbs.csv", index_col=0)
    assert {"Daily Wire Test", "Evening Post Test", "(outlet not given)"} <= set(verbs.columns)
    assert verbs.loc["said", "Daily Wire Test"] == 1


def test_article_notebooks_read_an_article_of_single_newline_paragraphs(single_newline_report):
    from analysis import load_article
    from tests.conftest import SINGLE_NEWLINE_ARTICLE

    out, written = single_newline_report
    assert _notebook_pages(written) == [f"{stem}.html" for stem in ARTICLE_NOTEBOOKS]
    lines = [line for line in SINGLE_NEWLINE_ARTICLE.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    paragraphs = pd.read_csv(out / "tables" / "01-paragraph_table.csv")
    assert len(paragraphs) == len(lines) == 8     # one paragraph a line, not one of 150 words
    article = load_article(SINGLE_NEWLINE_ARTICLE)
    assert [article.text[s:e] for s, e in zip(paragraphs["start"], paragraphs["end"],
                                              strict=True)] == lines
    # themes paragraph by paragraph, quotes in more than one paragraph
    by_paragraph = pd.read_csv(out / "tables" / "03-themes_by_paragraph.csv")
    assert by_paragraph["paragraph_id"].nunique() >= 3
    quotes = pd.read_csv(out / "tables" / "02-quotes.csv")
    assert quotes["paragraph_id"].nunique() >= 3 and "Tom Hale" in set(quotes["speaker"])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Port Alder dock strike ends after nine days" in index


def test_a_headline_with_dollar_signs_is_drawn_as_written(tmp_path):
    """"$\\x$" in a headline is text, not matplotlib mathtext (which failed notebook 01)."""
    article = tmp_path / "fund.txt"
    article.write_text("Fund pays $5 to savers, $6 to $\\x$ holders\n\n"
                       "The fund said it would pay $5 to each saver on Monday.\n",
                       encoding="utf-8")
    written = run_report(article, tmp_path / "out", notebooks=["01"], verbose=False)
    assert _notebook_pages(written) == ["01_article_overview.html"]
    assert (tmp_path / "out" / "figures" / "01-paragraph_lengths.png").stat().st_size > 5000
