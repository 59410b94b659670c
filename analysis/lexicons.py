"""Reading the word lists and lexicons shipped in ``analysis/resources``.

Every lexicon is a plain-text file so an analyst can extend it; functions here
read them once and cache the result.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["resource_path", "read_word_list", "read_table"]


def resource_path(name: str) -> Path:
    """Path of a file in ``analysis/resources``."""
    return Path(str(resources.files("analysis") / "resources" / name))


def _lines(path: Path):
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("#") else ""
        if line.strip():
            yield line


@cache
def read_word_list(name: str) -> frozenset[str]:
    """A one-entry-a-line word list as a frozenset (comments and blanks skipped)."""
    return frozenset(line.strip() for line in _lines(resource_path(name)))


@cache
def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated lexicon as a tuple of rows (comments and blanks skipped)."""
    rows = _lines(resource_path(name))
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in rows)
