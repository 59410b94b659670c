"""The command line on the seed article."""

import io
import json
from contextlib import redirect_stdout

from analysis.cli import main
from tests.conftest import SEED_ARTICLE


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


def test_ctrl_c_while_the_libraries_load_ends_with_one_line():
    """Ctrl-C while pandas and the tagger still import (the first second of a command)
    is one line and exit status 130, not a traceback from inside pandas. The Ctrl-C is
    raised by the first ``import pandas``, where a keypress would land, so the test
    does not race the import."""
    import subprocess
    import sys

    child = f"""
import builtins, runpy, sys
real_import = builtins.__import__
def pressed(name, *args, **kwargs):
    if name == "pandas":
        raise KeyboardInterrupt
    return real_import(name, *args, **kwargs)
builtins.__import__ = pressed
sys.argv = ["analysis", "quotes", {str(SEED_ARTICLE)!r}]
runpy.run_module("analysis", run_name="__main__", alter_sys=True)
"""
    run = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 130, run.stderr
    assert run.stderr.strip() == "interrupted"
