"""The command line on the seed article."""

import io
import json
from contextlib import redirect_stdout

from analysis.cli import main


def _run(*argv: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(argv)) == 0
    return out.getvalue()


def test_quotes_jsonl_has_every_column_and_voronkov(seed_article):
    lines = _run("quotes", str(seed_article.source), "--format", "jsonl").strip().splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) >= 10
    assert {row["speaker"] for row in rows} == {"Vladimir Voronkov"}
    for row in rows:
        assert seed_article.text[row["start"] : row["end"]] == row["text"]


def test_quotes_on_a_folder_lists_article_ids(seed_article):
    output = _run("quotes", str(seed_article.source.rsplit("/", 1)[0]), "--format", "csv")
    assert output.splitlines()[0].startswith("article,quote_id,kind,text")
    assert "voronkov-isil-un-security-council,q1," in output


def test_missing_path_is_a_clear_error(capsys, tmp_path):
    assert main(["quotes", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
