"""The README's figures are what the code draws today, and every image it shows exists.

`python docs/make_figures.py` redraws them (and takes the screenshots); the
figures carry no date or version, so the same code gives the same bytes.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "docs" / "figures"


def _make_figures():
    spec = importlib.util.spec_from_file_location("make_figures", ROOT / "docs" / "make_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_figures_are_not_stale(tmp_path):
    drawn = _make_figures().draw_figures(tmp_path)
    assert len(drawn) >= 9
    stale = [path.name for path in drawn
             if not (FIGURES / path.name).is_file()
             or (FIGURES / path.name).read_bytes() != path.read_bytes()]
    assert not stale, (f"docs/figures is stale for {stale}: run `python docs/make_figures.py` "
                       "and commit the figures")


def test_every_image_the_readme_shows_exists_and_every_screenshot_is_made_by_the_script():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\]\((docs/figures/[^)]+\.png)\)", readme))
    assert shown, "the README shows no figure"
    missing = [path for path in shown if not (ROOT / path).is_file()]
    assert not missing, f"README shows missing images: {missing}"
    screenshots = _make_figures().SCREENSHOTS
    for name in screenshots:
        assert f"docs/figures/{name}" in shown, f"{name} is made but the README does not show it"
        assert (FIGURES / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
