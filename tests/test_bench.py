"""The bench's comparison with textacy on spaCy, run on stand-ins: textacy and a
spaCy model do not install beside this package's dependencies (the measured figure
comes from another environment; see README, "Speed and memory")."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import textwrap
import time
import types
from pathlib import Path

from analysis import bench

TEXTS = [
    "Headline\n\n“We will win,” she said.\n\nHe disagreed. “No,” he said. “Never.”",
    "One paragraph, no quotes.\n\nA RAISING paragraph.",
]


def _stand_in_nlp(text: str) -> str:
    return text


def _stand_in_quotes(doc: str):
    if "RAISING" in doc:
        raise ValueError("textacy raises on some paragraphs")
    return iter(re.findall(r"“[^”]*”", doc))


def test_textacy_rate_counts_quotes_per_paragraph_and_survives_raising_paragraphs():
    rate, quotes, failures = bench.textacy_rate(TEXTS, _stand_in_nlp, _stand_in_quotes)
    assert (quotes, failures) == (3, 1)
    assert rate > 0


def test_ratio_line_is_printed_when_textacy_is_installed(monkeypatch, capsys):
    monkeypatch.setattr(bench, "_textacy_available", lambda: True)
    versions = {"textacy": "0.0", "spacy": "0.1", "model": "core_web_sm 0.2"}
    monkeypatch.setattr(bench, "_spacy_extractor",
                        lambda: (_stand_in_nlp, _stand_in_quotes, versions))
    bench._print_textacy_ratio(TEXTS, pipeline_rate=1e9)
    line = capsys.readouterr().out
    assert "textacy 0.0 direct_quotations on spaCy 0.1 core_web_sm 0.2" in line
    assert "over 2 articles (3 quotes, raised on 1 paragraphs)" in line
    assert re.search(r"our full pipeline x\d+ \(target >= 50x\)", line)


def test_ratio_is_skipped_with_a_reason_when_textacy_is_absent(monkeypatch, capsys):
    monkeypatch.setattr(bench, "_textacy_available", lambda: False)
    bench._print_textacy_ratio(TEXTS, pipeline_rate=50.0)
    assert "en_core_web_sm not installed" in capsys.readouterr().out


STAND_IN_MODULES = {
    # spaCy 2 does not find a model installed under another distribution name by name
    "spacy/__init__.py": """
        __version__ = "stand-in-spacy"
        def load(name):
            raise OSError("no model called " + name)
        """,
    "en_core_web_sm/__init__.py": """
        class _Pipeline:
            meta = {"name": "core_web_sm", "version": "stand-in"}
            def __call__(self, text):
                return text
        def load():
            return _Pipeline()
        """,
    "textacy/__init__.py": """
        __version__ = "stand-in-textacy"
        """,
    "textacy/extract.py": """
        import re
        def direct_quotations(doc):
            if "RAISING" in doc:
                raise ValueError("textacy raises on some paragraphs")
            return iter(re.findall("\u201c[^\u201d]*\u201d", doc))
        """,
}


def test_ratio_is_measured_by_another_interpreter_that_has_spacy_and_textacy(
        tmp_path, monkeypatch, capsys):
    for name, code in STAND_IN_MODULES.items():
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(code), encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    rate, quotes, failures, versions = bench.textacy_rate_in(sys.executable, TEXTS)
    assert (quotes, failures) == (3, 1)
    assert rate > 0
    assert versions == {"spacy": "stand-in-spacy", "textacy": "stand-in-textacy",
                        "model": "core_web_sm stand-in"}
    bench._print_textacy_ratio(TEXTS, pipeline_rate=1e9, python=sys.executable)
    line = capsys.readouterr().out
    assert "on spaCy stand-in-spacy core_web_sm stand-in" in line
    assert "over 2 articles (3 quotes, raised on 1 paragraphs)" in line


def test_ratio_is_skipped_with_the_reason_when_the_other_interpreter_fails(tmp_path, capsys):
    missing = tmp_path / "no-such-python"
    bench._print_textacy_ratio(TEXTS, pipeline_rate=50.0, python=str(missing))
    line = capsys.readouterr().out
    assert "direct_quotations was skipped: cannot run" in line
    assert str(missing) in line


def test_ratio_is_skipped_with_the_error_the_other_interpreter_raised(
        tmp_path, monkeypatch, capsys):
    (tmp_path / "spacy").mkdir()
    (tmp_path / "spacy" / "__init__.py").write_text('raise ImportError("stand-in is broken")')
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    bench._print_textacy_ratio(TEXTS, pipeline_rate=50.0, python=sys.executable)
    line = capsys.readouterr().out
    assert "skipped: " in line and "failed: ImportError: stand-in is broken" in line


def test_stage_split_script_accounts_for_the_whole_run(tmp_path):
    root = Path(__file__).resolve().parents[1]
    corpus = tmp_path / "texts"
    corpus.mkdir()
    seed = next((root / "data" / "articles").glob("*.txt")).read_text(encoding="utf-8")
    for k, text in enumerate([*TEXTS, seed]):
        (corpus / f"a{k}.txt").write_text(text.replace("RAISING", "plain"), encoding="utf-8")
    done = subprocess.run([sys.executable, str(root / "benchmarks/stage_split.py"), str(corpus)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("CPU ms an article over 3 articles, 1 worker: total ")
    total = float(lines[0].rsplit(None, 1)[1])
    parts = {label.strip(): float(value)
             for label, value in (line.rsplit(None, 1) for line in lines[1:])}
    assert set(parts) == {"sentences", "words", "tags", "attribution", "quote rows",
                          "speakers", "terms", "run"}
    assert all(value > 0 for value in parts.values())
    assert total > parts["attribution"] + parts["terms"]


def _stage_split_module():
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "stage_split.py"
    spec = importlib.util.spec_from_file_location("stage_split", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _busy(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_stage_split_clocks_count_their_own_time_only():
    # a stage that triggers the shared sentence split must not be charged for it
    stage_split = _stage_split_module()
    work = types.SimpleNamespace(split=lambda: _busy(0.05))
    work.stage = lambda: (work.split(), _busy(0.02))
    stage_split.clocked(work, "split", "split")
    stage_split.clocked(work, "stage", "stage")
    work.stage()
    work.split()
    assert 0.1 <= stage_split.spent["split"] < 0.13
    assert 0.02 <= stage_split.spent["stage"] < 0.04
