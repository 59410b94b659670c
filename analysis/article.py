"""Articles: the text an analyst reads, with its paragraphs and metadata.

Every offset in this package is a Python ``str`` index into ``Article.text``, the
text exactly as decoded from the file (headline line, curly quotes, non-breaking
spaces and line endings included), so any row of any table can be traced back
with ``article.text[start:end]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Article",
    "ArticleError",
    "EmptyArticleError",
    "NotTextError",
    "load_article",
    "iter_articles",
    "find_paragraphs",
]

TEXT_SUFFIXES = {".txt", ".text", ".md"}

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_NON_SPACE = re.compile(r"\S")


class ArticleError(ValueError):
    """An article could not be read; the message names the file and the reason."""


class EmptyArticleError(ArticleError):
    """The article has no text (empty or whitespace only)."""


class NotTextError(ArticleError):
    """The file is binary or in an encoding that cannot be decoded."""


@dataclass(frozen=True)
class Article:
    """One news article.

    Attributes
    ----------
    id : str
        Identifier, the file stem for files.
    text : str
        The full text as the user sees it; all offsets index this string.
    title : str
        The headline (for ``.txt`` files: the first line).
    paragraphs : tuple of (start, end)
        Character spans of the paragraphs (blocks separated by blank lines),
        whitespace-trimmed, in text order.
    metadata : dict
        Whatever the source provided (author, date, url, outlet, ...).
    source : str or None
        The path the article was read from, if any.
    """

    id: str
    text: str
    title: str = ""
    paragraphs: tuple[tuple[int, int], ...] = ()
    metadata: dict = field(default_factory=dict, compare=False)
    source: str | None = None

    def __post_init__(self) -> None:
        if not self.paragraphs:
            object.__setattr__(self, "paragraphs", tuple(find_paragraphs(self.text)))

    def __repr__(self) -> str:
        return (
            f"Article(id={self.id!r}, title={self.title[:40]!r}, "
            f"chars={len(self.text)}, paragraphs={len(self.paragraphs)})"
        )


def find_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``: blocks separated by blank lines.

    A text with no blank line but several lines is read one paragraph a line.
    Each span is trimmed of surrounding whitespace; empty blocks are skipped.

    >>> find_paragraphs("Title\\n\\nFirst para.\\nstill first.\\n\\n\\nSecond.")
    [(0, 5), (7, 32), (35, 42)]
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans: list[tuple[int, int]] = []
    position = 0
    for match in separator.finditer(text):
        _append_trimmed(text, position, match.start(), spans)
        position = match.end()
    _append_trimmed(text, position, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    first = _NON_SPACE.search(text, start, end)
    if first is None:
        return
    start = first.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    spans.append((start, end))


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode article bytes: UTF-8 first (BOM dropped), then a detected encoding.

    Raises
    ------
    NotTextError
        For binary data or bytes no encoding explains.
    """
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotTextError(f"{name}: looks like a binary file (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise NotTextError(f"{name}: not UTF-8 and no text encoding could be detected")
    text = str(best)
    if _looks_binary(text):
        raise NotTextError(f"{name}: decodes only to control characters; not an article")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls / len(sample) > 0.05


def _check_not_empty(text: str, name: str) -> None:
    if not text.strip():
        raise EmptyArticleError(f"{name}: the article is empty (no text)")


def article_from_text(
    text: str,
    id: str = "article",
    *,
    title: str | None = None,
    metadata: dict | None = None,
    source: str | None = None,
) -> Article:
    """Build an :class:`Article` from a string; the first line is the headline.

    >>> art = article_from_text("Big news\\n\\nHe said so.", id="a1")
    >>> art.title, art.paragraphs
    ('Big news', ((0, 8), (10, 21)))
    """
    _check_not_empty(text, source or id)
    if title is None:
        first = find_paragraphs(text)[0]
        title = text[first[0] : first[1]].split("\n", 1)[0].strip()
    return Article(id=id, text=text, title=title, metadata=dict(metadata or {}), source=source)


def load_article(path_or_text: str | Path, *, id: str | None = None) -> Article:
    """Load one article from a file path, or wrap a string of text.

    Parameters
    ----------
    path_or_text : str or Path
        A path to a ``.txt`` file, or the article text itself (a string that
        names no existing file and contains a newline or is long).
    id : str, optional
        Override the identifier (default: the file stem, or ``"article"``).

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        Missing path, empty or binary file, undecodable bytes.

    Examples
    --------
    >>> art = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> art.id
    'voronkov-isil-un-security-council'
    """
    if isinstance(path_or_text, str) and not _looks_like_path(path_or_text):
        return article_from_text(path_or_text, id=id or "article")
    path = Path(path_or_text)
    if not path.exists():
        raise ArticleError(f"{path}: no such file or folder")
    if path.is_dir():
        raise ArticleError(f"{path}: is a folder; use iter_articles() or load_articles()")
    return _load_file(path, id=id)


def _looks_like_path(value: str) -> bool:
    if "\n" in value or len(value) > 1024:
        return False
    return Path(value).exists() or Path(value).suffix.lower() in _LOADERS or "/" in value


def _load_text_file(path: Path, id: str | None = None) -> Article:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror})") from error
    text = decode_bytes(data, str(path))
    return article_from_text(text, id=id or path.stem, source=str(path))


_LOADERS = {suffix: _load_text_file for suffix in TEXT_SUFFIXES}


def _load_file(path: Path, id: str | None = None) -> Article:
    loader = _LOADERS.get(path.suffix.lower(), _load_text_file)
    return loader(path, id=id)


def iter_articles(path: str | Path) -> Iterator[Article]:
    """Yield every article of a file or a folder (recursively, sorted by path)."""
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"{path}: no such file or folder")
    if path.is_file():
        yield _load_file(path)
        return
    for child in sorted(p for p in path.rglob("*") if p.is_file()):
        if child.suffix.lower() in _LOADERS and not child.name.startswith("."):
            yield _load_file(child)
