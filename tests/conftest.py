"""Shared fixtures: the seed article and the PolNeAR development data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "data" / "articles" / "voronkov-isil-un-security-council.txt"
# ANALYSIS_POLNEAR points elsewhere (e.g. from a git worktree one level deeper).
POLNEAR = Path(os.environ.get("ANALYSIS_POLNEAR", ROOT.parent / "shared" / "polnear-train"))


@pytest.fixture(scope="session")
def seed_article():
    from analysis import load_article

    return load_article(SEED_ARTICLE)


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    if not (POLNEAR / "text").is_dir():
        pytest.skip(f"PolNeAR development data not found at {POLNEAR} (../shared absent)")
    return POLNEAR


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory):
    """Every notebook run once on the seed article and its folder, as `report` does.

    Returns the output folder and the list of files written; shared by the
    notebook and report tests so the notebooks execute once per session.
    """
    from analysis.report import run_report

    out = tmp_path_factory.mktemp("seed-report")
    return out, run_report(None, out, verbose=False)


SINGLE_NEWLINE_ARTICLE = ROOT / "data" / "invented" / "port-alder-dock-strike-ends.txt"


@pytest.fixture(scope="session")
def single_newline_report(tmp_path_factory):
    """Notebooks 01-03 run once on the invented article whose body is one paragraph a
    line (a headline, one blank line, then single newlines)."""
    from analysis.report import run_report

    out = tmp_path_factory.mktemp("single-newline-report")
    return out, run_report(SINGLE_NEWLINE_ARTICLE, out, verbose=False)
