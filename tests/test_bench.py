"""The bench's comparison with textacy on spaCy, run on stand-ins (spaCy's
en_core_web_sm is not on PyPI, so it is not installed here)."""

from __future__ import annotations

import re

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
    monkeypatch.setattr(bench, "_spacy_extractor", lambda: (_stand_in_nlp, _stand_in_quotes))
    bench._print_textacy_ratio(TEXTS, pipeline_rate=1e9)
    line = capsys.readouterr().out
    assert "over 2 articles (3 quotes, raised on 1 paragraphs)" in line
    assert re.search(r"our full pipeline x\d+ \(target >= 50x\)", line)


def test_ratio_is_skipped_with_a_reason_when_textacy_is_absent(monkeypatch, capsys):
    monkeypatch.setattr(bench, "_textacy_available", lambda: False)
    bench._print_textacy_ratio(TEXTS, pipeline_rate=50.0)
    assert "en_core_web_sm not installed" in capsys.readouterr().out
