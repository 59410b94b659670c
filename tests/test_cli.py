"""The command line on the seed article."""

import io
import json
from contextlib import redirect_stdout

import pytest

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
    """Ctrl-C in the first second (pandas, the tagger still importing) is one line and
    exit status 130, not a traceback from inside pandas."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    maps = Path("/proc/self/maps")
    if not maps.exists():
        pytest.skip("needs Linux's /proc to see when pandas is loading")
    run = subprocess.Popen([sys.executable, "-m", "analysis", "quotes", str(SEED_ARTICLE)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    loading = Path(f"/proc/{run.pid}/maps")
    for _ in range(600):  # until pandas' compiled modules are mapped: mid-import
        if run.poll() is not None or "pandas/_libs" in loading.read_text():
            break
        time.sleep(0.005)
    run.send_signal(signal.SIGINT)
    err = run.communicate(timeout=60)[1]
    assert run.returncode == 130, err
    assert err.strip() == "interrupted"
