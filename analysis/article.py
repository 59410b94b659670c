"""Articles: the text an analyst reads, with its paragraphs and metadata.

Every offset in this package is a Python ``str`` index into ``Article.text``, the
text exactly as decoded from the file (headline line, curly quotes, non-breaking
spaces and line endings included), so any row of any table can be traced back
with ``article.text[start:end]``.

Formats read by :func:`load_article` and :func:`iter_articles`:

- ``.txt`` / ``.text``: the whole file is the text; its first line is the headline.
- ``.html`` / ``.htm`` / ``.xhtml``: main text, title, author and date extracted by
  trafilatura; the text is the title line then the paragraphs, separated by blank
  lines.
- ``.json`` (one record, or a list of records) and ``.jsonl`` / ``.ndjson`` (one
  record a line): the record's text field (``text``, ``body``, ``content``, ...) is
  the text, kept verbatim; the other fields go into ``metadata``.
- a folder: every file of those formats in it, recursively, sorted, hidden files
  and folders skipped.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Article",
    "ArticleError",
    "ArticleNotFoundError",
    "EmptyArticleError",
    "NotTextError",
    "BinaryFileError",
    "UndecodableError",
    "FileTooLargeError",
    "ArticleTooLongError",
    "NoArticleTextError",
    "RecordError",
    "MalformedJSONError",
    "MissingTextFieldError",
    "MultipleArticlesError",
    "ArticleWarning",
    "MAX_BYTES",
    "MAX_ARTICLE_CHARS",
    "SUPPORTED_SUFFIXES",
    "TEXT_FIELDS",
    "load_article",
    "load_articles",
    "iter_articles",
    "article_from_text",
    "as_article",
    "article_from_html",
    "iter_jsonl_articles",
    "decode_bytes",
    "find_paragraphs",
]

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: Suffixes picked up when reading a folder (any other file in it is ignored).
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

#: Files larger than this (in bytes) are refused rather than read whole into memory
#: (JSON Lines files are read a line at a time: for them it bounds one line).
MAX_BYTES = 200_000_000

#: An article longer than this (in characters) is refused by the readers (files,
#: records, text given to load_article) and collections: the longest news articles
#: are ~100,000 characters, and the whole pipeline takes ~2 s of CPU a million (a
#: book, a log or many articles run together are not one article). Building an
#: Article from a string in code (article_from_text) has no limit unless asked.
MAX_ARTICLE_CHARS = 2_000_000

#: Field names that hold an article's text in JSON records, tried in this order
#: (case-insensitive). ``maintext`` is news-please's name for it.
TEXT_FIELDS = ("text", "body", "content", "maintext", "article", "full_text")
#: Field names that hold the headline in JSON records.
TITLE_FIELDS = ("title", "headline")

#: An HTML page whose extracted text has fewer words than this holds only link
#: labels or boilerplate ("Home"), not an article.
MIN_HTML_WORDS = 3

_LINE_BREAK = r"(?:\r\n|\r(?!\n)|\n)"
# A blank line: two line breaks with only (non-breaking) spaces between them. Each
# alternative starts with a literal character, so the search skips to the next line
# break in C (the same matches as one line-break group first: five times faster).
_BLANK_LINE = re.compile("|".join(first + r"[ \t\f\v\u00a0]*" + _LINE_BREAK
                                  for first in (r"\r\n", r"\r(?!\n)", r"\n")) + "|\u2029")
#: A text of at most this many blank-line blocks (headline, byline, body) whose
#: blocks hold lines ending sentences is read one paragraph a line.
MAX_FRAME_BLOCKS = 2
# A line that ends a sentence (closing quotes and brackets may follow the mark).
_SENTENCE_END = re.compile(r"[.!?:…\"”’')\]]")
_ANY_LINE_BREAK = re.compile(_LINE_BREAK)
_NON_SPACE = re.compile(r"\S")
# Zero-width characters and BOMs are not whitespace to str.strip() but carry no text.
_VISIBLE = re.compile(r"[^\s\u200b-\u200d\u2060\ufeff]")
_WORD = re.compile(r"\w+")
# Control characters other than the whitespace ones (tab, line feed, vertical tab,
# form feed, carriage return): text has next to none, binary data many.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")
_HTML_DOCUMENT = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
# Markup pasted as text: starts with a block-level tag and ends with a closing tag.
_HTML_FRAGMENT_START = re.compile(
    r"\s*<(?:body|article|main|section|header|div|p|h[1-6]|table|ul|ol|blockquote)[\s>]",
    re.IGNORECASE,
)
_HTML_FRAGMENT_END = re.compile(r"</[a-z][a-z0-9]*\s*>\s*\Z", re.IGNORECASE)
_HTML_WRAPPER = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)

# Signatures of common binary formats people mistake for articles (first bytes).
_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document (extract its text first)"),
    (b"PK\x03\x04", "a ZIP archive or Office document (.docx/.xlsx; save it as text first)"),
    (b"\x1f\x8b", "a gzip archive (decompress it first)"),
    (b"\x7fELF", "an executable"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class ArticleError(ValueError):
    """An article could not be read; the message names the file and the reason."""


class ArticleNotFoundError(ArticleError):
    """The path does not exist."""


class EmptyArticleError(ArticleError):
    """The article has no text (empty or whitespace only)."""


class NotTextError(ArticleError):
    """The file is not text: binary, or in an encoding that cannot be decoded."""


class BinaryFileError(NotTextError):
    """The file is binary (an image, an archive, NUL bytes, ...)."""


class UndecodableError(NotTextError):
    """The bytes are not UTF-8 and no text encoding explains them."""


class FileTooLargeError(ArticleError):
    """The file is larger than the ``max_bytes`` limit."""


class ArticleTooLongError(FileTooLargeError):
    """The article's text is longer than the ``max_chars`` limit."""


class NoArticleTextError(ArticleError):
    """An HTML page in which no article text was found."""


class RecordError(ArticleError):
    """A JSON / JSON Lines file whose records cannot be read as articles."""


class MalformedJSONError(RecordError):
    """The file is not valid JSON (or a line of a JSON Lines file is not)."""


class MissingTextFieldError(RecordError):
    """A JSON record has none of the text fields (``TEXT_FIELDS``)."""


class MultipleArticlesError(ArticleError):
    """:func:`load_article` was given a file that holds several articles."""


class ArticleWarning(UserWarning):
    """A file skipped by ``iter_articles(..., errors="warn")``; the message says why."""


@dataclass(frozen=True)
class Article:
    """One news article.

    Attributes
    ----------
    id : str
        Identifier: the file stem for files, the record's ``id`` for JSON records.
    text : str
        The full text as the user sees it; all offsets index this string.
    title : str
        The headline (for ``.txt`` files: the first line).
    paragraphs : tuple of (start, end)
        Character spans of the paragraphs (blocks separated by blank lines),
        whitespace-trimmed, in text order.
    metadata : dict
        Whatever the source provided (author, date, url, outlet, ...), plus
        ``format`` and, for files, the ``encoding`` they were decoded with.
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


# --------------------------------------------------------------------------- paragraphs


def find_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``: blocks separated by blank lines.

    Texts whose paragraphs are lines are read one paragraph a line:

    - a text with no blank line (or a paragraph separator ``\\u2029``);
    - a text whose body has no blank line, under a headline (and perhaps a
      byline) set off by one: at most :data:`MAX_FRAME_BLOCKS` blocks, and a
      block of several lines most of which end a sentence is split at its line
      breaks (a hard-wrapped block, whose lines stop mid-sentence, stays whole).

    In a hard-wrapped block with no blank lines, a line indented under an
    unindented one starts a paragraph (the typewriter layout). Each span is
    trimmed of surrounding whitespace; empty blocks are skipped. Line breaks
    may be ``\\n``, ``\\r\\n`` or ``\\r``.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of (start, end)

    Examples
    --------
    >>> find_paragraphs("Title\\n\\nFirst para.\\nstill first.\\n\\n\\nSecond.")
    [(0, 5), (7, 31), (34, 41)]
    >>> text = "Port reopens\\n\\nShips docked on Tuesday.\\n“At last,” a pilot said."
    >>> [text[s:e] for s, e in find_paragraphs(text)]
    ['Port reopens', 'Ships docked on Tuesday.', '“At last,” a pilot said.']
    """
    blocks = _split_trimmed(text, 0, len(text), _BLANK_LINE)
    if len(blocks) > MAX_FRAME_BLOCKS:
        return blocks   # blank lines separate the paragraphs: the usual layout
    spans: list[tuple[int, int]] = []
    for start, end in blocks:
        lines = _split_trimmed(text, start, end, _ANY_LINE_BREAK)
        breaks = _paragraph_breaks(text, lines)
        if len(lines) < 2:
            spans.append((start, end))
        elif 2 * len(breaks) >= len(lines) - 1:
            spans.extend(_join_lines(lines, breaks))
        else:  # hard-wrapped: paragraphs start at indented lines, if any
            spans.extend(_indented_paragraphs(text, lines)
                         or (lines if len(blocks) == 1 else [(start, end)]))
    return spans


def _split_trimmed(text: str, start: int, end: int, separator) -> list[tuple[int, int]]:
    """Trimmed, non-empty spans of ``text[start:end]`` between matches of ``separator``."""
    spans: list[tuple[int, int]] = []
    position = start
    for match in separator.finditer(text, start, end):
        _append_trimmed(text, position, match.start(), spans)
        position = match.end()
    _append_trimmed(text, position, end, spans)
    return spans


def _paragraph_breaks(text: str, lines: list[tuple[int, int]]) -> list[int]:
    """Indices of the lines that start a paragraph: the line before ends a sentence and
    this one does not start in lower case (a wrapped line continues its sentence)."""
    return [k for k in range(1, len(lines))
            if _SENTENCE_END.match(text, lines[k - 1][1] - 1) and not text[lines[k][0]].islower()]


def _join_lines(lines: list[tuple[int, int]], breaks: list[int]) -> list[tuple[int, int]]:
    """One span per paragraph: the lines from each break to the next."""
    firsts = [0, *breaks]
    return [(lines[first][0], lines[following - 1][1])
            for first, following in zip(firsts, [*breaks, len(lines)], strict=True)]


def _indented_paragraphs(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs of a hard-wrapped text that starts each one with an indented line,
    or [] when no line is indented under an unindented one."""
    def indented(start: int) -> bool:
        return text[start - 1:start] in (" ", "\t", "\u00a0") if start else False

    breaks = [k for k in range(1, len(lines))
              if indented(lines[k][0]) and not indented(lines[k - 1][0])]
    return _join_lines(lines, breaks) if breaks else []


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    first = _NON_SPACE.search(text, start, end)
    if first is None:
        return
    start = first.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    spans.append((start, end))


# --------------------------------------------------------------------------- decoding


def _cp1252_for_stray_bytes(error: UnicodeError) -> tuple[str, int]:
    # One invalid byte at a time, read as Windows-1252 (Latin-1 where it is undefined).
    assert isinstance(error, UnicodeDecodeError)
    byte = error.object[error.start : error.start + 1]
    try:
        return byte.decode("cp1252"), error.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), error.start + 1


codecs.register_error("analysis.cp1252", _cp1252_for_stray_bytes)


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode article bytes: UTF-8 first (BOM dropped), then Windows-1252, then detection.

    Characters are kept as they are (no normalisation, line endings untouched).
    Bytes that are not UTF-8 are read as Windows-1252, the legacy encoding of
    English news, in one of two ways: text with UTF-8 characters and a few stray
    Windows-1252 bytes (a common scraping accident) keeps its UTF-8 characters; other
    text is Windows-1252 throughout. Whichever reads as cleaner text wins
    (charset-normalizer's "mess" measure). Only when neither reads as text is the
    encoding detected, with an :class:`ArticleWarning` naming it, so that a short text
    is never silently read in an unlikely code page (``mac_iceland``).

    Parameters
    ----------
    data : bytes
    name : str
        The file name used in error messages.

    Returns
    -------
    str

    Raises
    ------
    BinaryFileError
        For images, archives and other binary data.
    UndecodableError
        For bytes no text encoding explains.

    Examples
    --------
    >>> decode_bytes("“Yes,” he said.".encode("cp1252"))
    '“Yes,” he said.'
    >>> decode_bytes("“Hello,” he said. ".encode() + "Café, naïve".encode("cp1252"))
    '“Hello,” he said. Café, naïve'
    """
    return _decode(data, name)[0]


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise BinaryFileError(f"{name}: looks like {kind}, not an article")
    text, encoding = _decode_text(data, name)
    if _looks_binary(text):
        raise BinaryFileError(f"{name}: is mostly control characters; not an article")
    return text, encoding


def _decode_text(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise UndecodableError(
                f"{name}: starts with a UTF-16 mark but is not UTF-16 ({error})"
            ) from None
    if b"\x00" in data[:8192]:
        raise BinaryFileError(
            f"{name}: looks like a binary file (NUL bytes), not an article "
            "(if it is UTF-16 text without a byte-order mark, save it as UTF-8)"
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, name)


# A Windows-1252 reading messier than this (charset-normalizer's measure: 0 for clean
# text, ~0.3 for UTF-8 read as Windows-1252, ~1 for Cyrillic or Polish code pages read
# as it) is not taken: the encoding is detected instead.
MAX_LEGACY_MESS = 0.2
# UTF-8 characters of two to four bytes (lead byte, continuation bytes)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    """Bytes that are not UTF-8: the cleaner of the two Windows-1252 readings, or the
    detected encoding (with a warning) when neither reads as text."""
    from charset_normalizer.md import mess_ratio

    readings = [(data.decode("cp1252", errors="analysis.cp1252"), "cp1252")]
    if _UTF8_SEQUENCE.search(data):  # some UTF-8: the other bytes may be strays
        readings.insert(0, (data.decode("utf-8-sig", errors="analysis.cp1252"), "utf-8+cp1252"))
    mess, _, text, encoding = min((mess_ratio(text, 1.0), i, text, encoding)
                                  for i, (text, encoding) in enumerate(readings))
    if mess <= MAX_LEGACY_MESS:
        return text, encoding
    return _detect_encoding(data, name)


def _detect_encoding(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UndecodableError(
            f"{name}: not UTF-8, and no text encoding explains its bytes; "
            "is it really a text article?"
        )
    warnings.warn(
        f"{name}: not UTF-8 and not Windows-1252 text; read as {best.encoding}, the "
        "encoding its bytes suggest: check the text (or save the file as UTF-8)",
        ArticleWarning, stacklevel=4)
    return str(best), best.encoding


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = len(_CONTROL_CHARS.findall(sample))  # one C pass, not a Python loop a character
    return controls / len(sample) > 0.05


def _check_not_empty(text: str, name: str) -> None:
    if not _VISIBLE.search(text):
        raise EmptyArticleError(f"{name}: the article is empty (no text, only whitespace)")


def _check_length(text: str, name: str, max_chars: int | None) -> None:
    if max_chars is not None and len(text) > max_chars:
        raise _too_long(name, f"the article is {len(text):,} characters long, over the limit "
                        f"of {max_chars:,} characters for one article")


def _too_long(name: str, what: str) -> ArticleTooLongError:
    """``what``: how long it is against the limit, as a clause."""
    return ArticleTooLongError(
        f"{name}: {what} (a book, a log, or several articles run together?); split it into "
        "articles, or pass a larger max_chars= (collections: --max-chars) to analyse it whole"
    )


# --------------------------------------------------------------------------- builders


def as_article(article: Article | str) -> Article:
    """An :class:`Article` as it is, or a string of text wrapped as one.

    Every public function over a document accepts either, through this.
    """
    if isinstance(article, Article):
        return article
    if isinstance(article, str):
        return article_from_text(article)
    raise TypeError(f"expected an Article or a string of text, got {type(article).__name__}")


def article_from_text(
    text: str,
    id: str = "article",
    *,
    title: str | None = None,
    metadata: dict | None = None,
    source: str | None = None,
    max_chars: int | None = None,
) -> Article:
    """Build an :class:`Article` from a string; the first line is the headline.

    The text is kept verbatim, whatever it looks like.

    Parameters
    ----------
    text : str
        The article text.
    id : str
        The identifier.
    title : str, optional
        The headline (default: the first non-blank line of ``text``).
    metadata : dict, optional
    source : str, optional
        Where the text came from, for messages.
    max_chars : int or None
        Refuse a text longer than this (default: no limit; the readers pass
        :data:`MAX_ARTICLE_CHARS`).

    Returns
    -------
    Article

    Raises
    ------
    EmptyArticleError
        If the text is empty or whitespace only.
    ArticleTooLongError
        If the text is longer than ``max_chars``.

    Examples
    --------
    >>> art = article_from_text("Big news\\n\\nHe said so.", id="a1")
    >>> art.title, art.paragraphs
    ('Big news', ((0, 8), (10, 21)))
    """
    _check_not_empty(text, source or id)
    _check_length(text, source or id, max_chars)
    paragraphs = find_paragraphs(text)
    if title is None:
        start, end = paragraphs[0]
        title = text[start:end].splitlines()[0].strip()
    return Article(
        id=id,
        text=text,
        title=title,
        paragraphs=tuple(paragraphs),
        metadata=dict(metadata or {}),
        source=source,
    )


def article_from_html(
    html: str,
    id: str = "article",
    *,
    source: str | None = None,
    metadata: dict | None = None,
    max_chars: int | None = None,
) -> Article:
    """Extract the article of an HTML page with trafilatura.

    Navigation, footers, cookie banners and the like are left out. The text is the
    title line followed by the article's paragraphs (headings, paragraphs, lists,
    block quotes), separated by blank lines so that ``Article.paragraphs`` matches
    them. Title, author, date, site name, url, ... go into ``metadata``.

    Parameters
    ----------
    html : str
        The page's markup.
    id : str
        The identifier.
    source : str, optional
        Where the page came from, for messages.
    metadata : dict, optional
        Extra metadata (added to what the page declares).
    max_chars : int or None
        Refuse an extracted text longer than this (default: no limit; the readers
        pass :data:`MAX_ARTICLE_CHARS`).

    Returns
    -------
    Article

    Raises
    ------
    NoArticleTextError
        If the page holds no article text (navigation only, an empty body, a
        page rendered by JavaScript).

    Examples
    --------
    >>> page = ("<html><head><title>Minister quits</title></head><body><article>"
    ...         "<p>The minister resigned on Friday, aides said.</p></article></body></html>")
    >>> article_from_html(page).text
    'Minister quits\\n\\nThe minister resigned on Friday, aides said.'
    """
    name = source or id
    _check_not_empty(html, name)
    if not _HTML_WRAPPER.search(html):
        # A fragment ("<p>...</p><p>...</p>"): trafilatura reads it only inside a body.
        html = f"<html><body>{html}</body></html>"
    document = _trafilatura_extract(html, len(html.encode("utf-8", "replace")) + 1, name=name)
    blocks = _html_blocks(document)
    if len(_WORD.findall(" ".join(blocks))) < MIN_HTML_WORDS or not _has_article_text(html, name):
        raise NoArticleTextError(
            f"{name}: no article text found in the HTML page (only navigation, "
            "boilerplate or an empty body)"
        )
    title = " ".join((document.title or "").split())
    if title and _normalised(blocks[0]) != _normalised(title):
        blocks.insert(0, title)
    page_metadata = {
        key: value
        for key, value in document.as_dict().items()
        if key in _HTML_METADATA and value not in (None, "", [])
    }
    if _copyright_date(page_metadata.get("date"), html):
        del page_metadata["date"]
    if page_metadata.get("sitename"):
        page_metadata.setdefault("outlet", page_metadata["sitename"])
    page_metadata.update(metadata or {})
    page_metadata.setdefault("format", "html")
    return article_from_text(
        "\n\n".join(blocks),
        id=id,
        title=title or None,
        metadata=page_metadata,
        source=source,
        max_chars=max_chars,
    )


_COPYRIGHT_YEAR = re.compile(r"(?:©|&copy;|&#169;|\bcopyright\b)\D{0,20}?((?:19|20)\d\d)",
                             re.IGNORECASE)
_MONTHS = "jan(?:uary)?"


def _copyright_date(date: str | None, html: str) -> bool:
    """Whether ``date`` is only a copyright notice's year: trafilatura's date search
    turns "Copyright 2024" into 2024-01-01. Such a date is dropped unless the page
    writes that first of January itself."""
    if not date or not date.endswith("-01-01"):
        return False
    year = date[:4]
    if year not in {match.group(1) for match in _COPYRIGHT_YEAR.finditer(html)}:
        return False
    written = re.compile(rf"{year}-01-01|{_MONTHS}\.?\s+0?1(?:st)?,?\s+{year}|"
                         rf"\b0?1(?:st)?\s+{_MONTHS}\.?,?\s+{year}", re.IGNORECASE)
    return not written.search(html)


# What of trafilatura's metadata is kept (its ``filedate`` is today's date: left out).
_HTML_METADATA = (
    "title", "author", "date", "url", "hostname", "sitename", "description",
    "categories", "tags", "language", "license", "pagetype",
)


def _trafilatura_extract(html: str, max_size: int, precision: bool = False,
                         name: str = "article") -> Any:
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    # trafilatura's own size cap (20 MB) would silently return nothing; ours is max_bytes.
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max(max_size, 1)))
    return trafilatura.bare_extraction(
        _html_tree(html, name),
        with_metadata=not precision,  # the precision pass only checks; metadata is slow
        include_comments=False,
        favor_precision=precision,
        config=config,
    )


def _html_blocks(document: Any) -> list[str]:
    if document is None or document.body is None:
        return []
    from trafilatura.xml import xmltotxt

    # One block per top-level element of trafilatura's output: headings,
    # paragraphs, lists, quotes, tables.
    blocks = (xmltotxt(element, False).strip() for element in document.body)
    return [block for block in blocks if block]


def _has_article_text(html: str, name: str = "article") -> bool:
    # trafilatura's default pass falls back to any text on the page (menus, a
    # "please enable JavaScript" notice); its precision pass keeps those out.
    document = _trafilatura_extract(html, len(html.encode("utf-8", "replace")) + 1, True, name)
    return bool(_html_blocks(document))


# libxml2 reads elements nested this deep with its "huge" option (256 without it)
HTML_MAX_DEPTH = 2048


def _html_tree(html: str, name: str) -> Any:
    """The page parsed as trafilatura parses it, but with libxml2's ``huge_tree`` option:
    without it, elements nested more than 256 deep are dropped with their text (an
    article in 300 nested ``<div>`` came out as "only navigation"). Deeper than
    :data:`HTML_MAX_DEPTH` even that parser stops: an error that says so."""
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                        remove_comments=True, remove_pis=True, huge_tree=True)
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    try:
        tree = fromstring(html, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        raise NoArticleTextError(
            f"{name}: the HTML page nests its elements more than {HTML_MAX_DEPTH} levels "
            "deep, beyond what the HTML parser reads, so the text inside them cannot be "
            "extracted (is the page broken? save its text as .txt instead)"
        )
    if is_dubious_html(beginning) and len(tree) < 2:
        return html  # not HTML at all: trafilatura decides, as it always did
    return tree


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def _records_from_json(value: Any, name: str) -> list[dict]:
    """The records of a parsed JSON document: one object, a list, or a wrapper."""
    if isinstance(value, dict):
        if _find_field(value, TEXT_FIELDS) is None:
            # {"status": "ok", "articles": [{...}, ...]}: one list of objects inside.
            lists = [v for v in value.values() if _is_record_list(v)]
            if len(lists) == 1:
                return lists[0]
        return [value]
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return value
    if isinstance(value, list) and not value:
        raise EmptyArticleError(f"{name}: the JSON file holds an empty list, no records")
    raise RecordError(
        f"{name}: expected a JSON object or a list of objects with a text field, "
        f"found {type(value).__name__}"
    )


def _is_record_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _find_field(record: dict, names: tuple[str, ...]) -> str | None:
    by_lower = {str(key).lower(): key for key in record}
    for name in names:
        if name.lower() in by_lower:
            return by_lower[name.lower()]
    return None


def _article_from_record(
    record: dict,
    id: str,
    name: str,
    *,
    text_field: str | None = None,
    metadata: dict | None = None,
    source: str | None = None,
    max_chars: int | None = MAX_ARTICLE_CHARS,
) -> Article:
    fields = (text_field,) if text_field else TEXT_FIELDS
    key = _find_field(record, fields)
    if key is None:
        raise MissingTextFieldError(
            f"{name}: no text field in the JSON record (looked for "
            f"{', '.join(fields)}; found {', '.join(map(str, record)) or 'no fields'}); "
            "pass text_field= to name it"
        )
    text = record[key]
    if isinstance(text, list) and all(isinstance(part, str) for part in text):
        text = "\n\n".join(text)  # a list of paragraphs
    if not isinstance(text, str):
        raise RecordError(f"{name}: the {key!r} field is {type(text).__name__}, not text")
    _check_not_empty(text, name)
    _check_length(text, name, max_chars)  # named by record, not only by file
    title_key = _find_field(record, TITLE_FIELDS)
    title = record[title_key] if title_key is not None else None
    id_key = _find_field(record, ("id",))
    if id_key is not None and record[id_key] not in (None, ""):
        id = str(record[id_key])
    record_metadata = {k: v for k, v in record.items() if k != key and k != id_key}
    record_metadata.update(metadata or {})
    return article_from_text(
        text,
        id=id,
        title=" ".join(str(title).split()) if title else None,
        metadata=record_metadata,
        source=source,
        max_chars=max_chars,
    )


# --------------------------------------------------------------------------- files

#: One article of ``max_chars`` characters takes at most this many bytes a character
#: in a file (UTF-8: 4) or a JSON line (``\uXXXX`` escapes: 6, 12 for a surrogate pair).
_BYTES_PER_CHAR = {"file": 4, "json line": 12}

# (id, where it was read, the article or why it could not be): what every reader yields
Item = tuple[str, str, "Article | ArticleError"]


def _read_file(path: Path, max_bytes: int, max_chars: int | None = None) -> tuple[str, str]:
    """The decoded text of a file and its encoding, after the size and binary checks
    (``max_chars``: the file is one article, refused unread when its size says it is
    longer than that)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(
                f"{path}: is {_format_size(size)}, over the {_format_size(max_bytes)} limit; "
                "split it, or pass a larger max_bytes= if it really is one article"
            )
        if max_chars is not None and size > _BYTES_PER_CHAR["file"] * max_chars:
            raise _too_long(str(path), f"the file is {_format_size(size)}, too big for one "
                            f"article of at most {max_chars:,} characters")
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror or error})") from error
    if not data:
        raise EmptyArticleError(f"{path}: the file is empty (0 bytes)")
    return _decode(data, str(path))


def _format_size(n_bytes: int) -> str:
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1e6:.3g} MB"
    return f"{n_bytes / 1e3:.3g} kB" if n_bytes >= 1000 else f"{n_bytes} bytes"


def file_items(
    path: str | Path,
    id_prefix: str | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    text_field: str | None = None,
) -> Iterator[Item]:
    """``(id, where, article or error)`` for every article of one file, bad ones included.

    The one reading path of :func:`iter_articles` and of collections, so both read the
    same bytes the same way and give the same ids: ``id_prefix`` (default the file's
    stem) for a file holding one article, ``<id_prefix>-<n>`` for the n-th record of a
    JSON list and ``<id_prefix>-<line>`` for a JSON Lines record, unless the record has
    an ``id``. ``where`` is the path, ``path#n`` for the n-th record of a JSON list,
    ``path:line`` for a line of JSON Lines: unique for every article read.
    """
    path = Path(path)
    prefix = id_prefix or path.stem
    source = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_items(path, prefix, max_chars=max_chars, text_field=text_field)
        return
    try:
        one_article = suffix not in JSON_SUFFIXES | HTML_SUFFIXES
        text, encoding = _read_file(path, max_bytes, max_chars if one_article else None)
        metadata = {"encoding": encoding}
        if suffix in HTML_SUFFIXES:
            article = article_from_html(text, id=prefix, source=source, metadata=metadata,
                                        max_chars=max_chars)
        elif one_article:
            article = _article_from_string(text, prefix, metadata, source=source,
                                           text_format="txt", max_chars=max_chars)
        else:
            yield from _json_file_items(text, path, prefix, metadata, text_field, max_chars)
            return
    except ArticleError as error:
        yield prefix, source, error
        return
    yield article.id, source, article


def _json_file_items(text: str, path: Path, prefix: str, metadata: dict,
                     text_field: str | None, max_chars: int | None) -> Iterator[Item]:
    source = str(path)
    _check_not_empty(text, source)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        # "Extra data" after a complete first line: JSON Lines saved as .json, a common slip.
        if error.msg == "Extra data" and "\n" in text[: error.pos]:
            for number, line in enumerate(text.split("\n"), start=1):
                if line.strip():
                    yield _jsonl_item(line, number, prefix, source, metadata, text_field,
                                      max_chars)
            return
        raise MalformedJSONError(
            f"{source}: malformed JSON at line {error.lineno}, column {error.colno}: "
            f"{error.msg}"
        ) from None
    except RecursionError:
        raise _too_deep(source) from None
    records = _records_from_json(value, source)
    if len(records) == 1:
        article = _article_from_record(
            records[0], prefix, source, text_field=text_field,
            metadata={**metadata, "format": "json"}, source=source, max_chars=max_chars)
        yield article.id, source, article
        return
    for number, record in enumerate(records, start=1):
        default_id = f"{prefix}-{number}"
        try:
            article = _article_from_record(
                record, default_id, f"{source} (record {number})", text_field=text_field,
                metadata={**metadata, "format": "json", "record": number}, source=source,
                max_chars=max_chars)
        except ArticleError as error:
            yield _record_id(record, default_id), f"{source}#{number}", error
            continue
        yield article.id, f"{source}#{number}", article


def _record_id(record: Any, default: str) -> str:
    """A record's ``id`` field as text, else ``default``."""
    key = _find_field(record, ("id",)) if isinstance(record, dict) else None
    if key is None or record[key] in (None, ""):
        return default
    return str(record[key])


def jsonl_items(
    path: str | Path,
    id_prefix: str | None = None,
    *,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    text_field: str | None = None,
) -> Iterator[Item]:
    """:func:`file_items` of a JSON Lines file, read a line at a time, or of the lines
    in its byte range ``[start, end)`` (``first_line``: the number of the line at
    ``start``). Each line is decoded on its own by the rules of :func:`decode_bytes`
    (JSON Lines is UTF-8; a line scraped from elsewhere may not be), so one odd line
    changes nothing for the others, wherever a range starts."""
    path = Path(path)
    prefix = id_prefix or path.stem
    source = str(path)
    try:
        with open(path, "rb") as handle:
            if start == 0 and handle.read(2) in _UTF16_BOMS:  # UTF-16 cannot be cut by line
                yield from _utf16_jsonl_items(path, prefix, max_chars, text_field)
                return
            handle.seek(start)
            number = first_line
            while end is None or handle.tell() < end:
                raw = handle.readline()
                if not raw:
                    break
                if raw.strip():
                    yield _jsonl_bytes_item(raw, number, prefix, source, text_field, max_chars)
                number += 1
    except OSError as error:
        yield prefix, source, ArticleError(f"{path}: cannot be read ({error.strerror or error})")


def _jsonl_bytes_item(raw: bytes, number: int, prefix: str, source: str,
                      text_field: str | None, max_chars: int | None) -> Item:
    name = f"{source}, line {number}"
    if max_chars is not None and len(raw) > _BYTES_PER_CHAR["json line"] * max_chars:
        error = _too_long(name, f"the line is {_format_size(len(raw))}, too big for one "
                          f"article of at most {max_chars:,} characters")
        return f"{prefix}-{number}", f"{source}:{number}", error
    try:
        line, encoding = _decode(raw, name)
    except ArticleError as error:
        return f"{prefix}-{number}", f"{source}:{number}", error
    return _jsonl_item(line, number, prefix, source, {"encoding": encoding}, text_field,
                       max_chars)


def _utf16_jsonl_items(path: Path, prefix: str, max_chars: int | None,
                       text_field: str | None) -> Iterator[Item]:
    try:
        text, encoding = _read_file(path, MAX_BYTES)
    except ArticleError as error:
        yield prefix, str(path), error
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _jsonl_item(line, number, prefix, str(path), {"encoding": encoding},
                              text_field, max_chars)


def _jsonl_item(line: str, number: int, prefix: str, source: str, metadata: dict,
                text_field: str | None, max_chars: int | None) -> Item:
    """One JSON Lines record (``line`` decoded): its article, or the error of that line.
    Split on "\\n" only: JSON strings may hold a raw U+2028, which splitlines() breaks on."""
    name = f"{source}, line {number}"
    where = f"{source}:{number}"
    default_id = f"{prefix}-{number}"
    value = None
    try:
        value = _parse_json(line, name)
        if not isinstance(value, dict):
            raise RecordError(f"{name}: expected a JSON object, found {type(value).__name__}")
        article = _article_from_record(
            value, default_id, name, text_field=text_field,
            metadata={**metadata, "format": "jsonl", "record": number}, source=source,
            max_chars=max_chars)
    except ArticleError as error:
        return _record_id(value, default_id), where, error
    return article.id, where, article


def iter_jsonl_articles(path: str | Path, *, max_chars: int | None = MAX_ARTICLE_CHARS,
                        text_field: str | None = None) -> Iterator[Article]:
    """Stream the articles of a JSON Lines file, one line at a time.

    Each line is an object with a text field (``text``, ``body``, ...) and optional
    ``id`` (default: ``<stem>-<line number>``), ``title``, ``outlet``, ``date`` and any
    other fields (kept in ``Article.metadata``).

    Raises
    ------
    ArticleError
        On a line that is not JSON, not an object, or has no text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "day.jsonl"
    >>> line = {"id": "a1", "text": "Big news\\n\\nShe said so.", "outlet": "AP"}
    >>> _ = path.write_text(json.dumps(line) + "\\n")
    >>> [(a.id, a.title, a.metadata["outlet"]) for a in iter_jsonl_articles(path)]
    [('a1', 'Big news', 'AP')]
    """
    for _, _, item in jsonl_items(path, max_chars=max_chars, text_field=text_field):
        if isinstance(item, ArticleError):
            raise item
        yield item


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedJSONError(
            f"{name}: malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:  # Python's parser recurses once a level
        raise _too_deep(name) from None


def _too_deep(name: str) -> MalformedJSONError:
    return MalformedJSONError(
        f"{name}: the JSON is nested too deeply to read (arrays or objects more than "
        f"~{sys.getrecursionlimit()} levels inside each other); no article is that shape"
    )


def _raise_or_warn(error: ArticleError, errors: str) -> None:
    if errors == "raise":
        raise error
    warnings.warn(str(error), ArticleWarning, stacklevel=3)


# --------------------------------------------------------------------------- public API


def load_article(
    path_or_text: str | Path | bytes,
    *,
    id: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    text_field: str | None = None,
) -> Article:
    """Load one article from a file, or wrap a string of text.

    Parameters
    ----------
    path_or_text : str, Path or bytes
        A path to a ``.txt``, ``.html``/``.htm``, ``.json`` or ``.jsonl`` file
        holding one article, or the article text itself (``bytes`` are decoded
        like a file's content). A ``str`` is read as a path when it names an
        existing file, ends with a supported suffix (``report.txt``), or is one
        word with a ``/`` and a letter in it (``data/articles/story``, not
        ``50/50`` or ``<p>No.</p>``); anything else is the text. Text that is
        an HTML page or pasted markup is extracted as HTML.
    id : str, optional
        Override the identifier (default: the file stem, the JSON record's
        ``id``, or ``"article"`` for text).
    max_bytes : int
        Refuse files larger than this (default :data:`MAX_BYTES`, 200 MB).
    max_chars : int or None
        Refuse an article longer than this many characters (default
        :data:`MAX_ARTICLE_CHARS`, 2 million; None: no limit).
    text_field : str, optional
        For JSON records: the field holding the text (default: the first of
        :data:`TEXT_FIELDS` present).

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        One of its subclasses, with the file and the reason in the message:
        missing path, folder, empty, binary or undecodable file, file too large,
        article too long, HTML page without article text, malformed JSON, JSON
        without a text field, a file holding several articles.

    Examples
    --------
    >>> art = load_article("data/articles/voronkov-isil-un-security-council.txt")
    >>> art.id
    'voronkov-isil-un-security-council'
    >>> load_article("“We are ready,” the minister said.").title
    '“We are ready,” the minister said.'
    """
    if isinstance(path_or_text, bytes | bytearray):  # content, never a file name
        text, encoding = _decode(bytes(path_or_text), id or "<bytes>")
        return _article_from_string(text, id or "article", {"encoding": encoding},
                                    max_chars=max_chars)
    if not isinstance(path_or_text, str | os.PathLike):
        raise TypeError(
            f"load_article() takes a path or the article text, not {type(path_or_text).__name__}"
        )
    if isinstance(path_or_text, str) and not _looks_like_path(path_or_text):
        return _article_from_string(path_or_text, id or "article", max_chars=max_chars)
    path = _existing_path(path_or_text)
    if path.is_dir():
        raise ArticleError(f"{path}: is a folder; use load_articles() or iter_articles()")
    articles = []
    for _, _, item in file_items(path, id, max_bytes=max_bytes, max_chars=max_chars,
                                 text_field=text_field):
        if isinstance(item, ArticleError):
            raise item
        articles.append(item)
    if len(articles) > 1:
        raise MultipleArticlesError(
            f"{path}: holds {len(articles)} articles; use iter_articles() or "
            "load_articles() to read them all"
        )
    return articles[0]


def _article_from_string(
    text: str,
    id: str,
    metadata: dict | None = None,
    *,
    source: str | None = None,
    text_format: str = "text",
    max_chars: int | None = MAX_ARTICLE_CHARS,
) -> Article:
    """Text, unless it is HTML markup: a whole page, or a fragment of block elements."""
    if _HTML_DOCUMENT.match(text):
        return article_from_html(text, id=id, source=source, metadata=metadata,
                                 max_chars=max_chars)
    if _HTML_FRAGMENT_START.match(text) and _HTML_FRAGMENT_END.search(text[-100:]):
        try:
            return article_from_html(text, id=id, source=source, metadata=metadata,
                                     max_chars=max_chars)
        except NoArticleTextError:
            pass  # too little for the extractor: keep the text as it is
    metadata = {**(metadata or {}), "format": text_format}
    return article_from_text(text, id=id, source=source, metadata=metadata, max_chars=max_chars)


def iter_articles(
    path: str | Path,
    *,
    max_bytes: int = MAX_BYTES,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    text_field: str | None = None,
    errors: str = "raise",
) -> Iterator[Article]:
    """Yield every article of a file or a folder.

    A folder is read recursively, in sorted path order, skipping hidden files
    and folders and files whose suffix is not in :data:`SUPPORTED_SUFFIXES`.
    Articles in subfolders get ids with the relative folder (``2017/jan/story``)
    so that ids stay distinct. A JSON file yields one article per record, with the
    record's ``id`` or ``<stem>-<n>`` (n counts from 1); a JSON Lines file one per
    line, with the record's ``id`` or ``<stem>-<line number>``.

    Parameters
    ----------
    path : str or Path
        A file or a folder.
    max_bytes : int
        Refuse files larger than this (default :data:`MAX_BYTES`).
    max_chars : int or None
        Refuse articles longer than this (default :data:`MAX_ARTICLE_CHARS`).
    text_field : str, optional
        For JSON records: the field holding the text.
    errors : {"raise", "warn"}
        On a bad file in a folder, or a bad record or line of a JSON file:
        raise its :class:`ArticleError`, or emit an :class:`ArticleWarning`
        with the same message and go on.

    Yields
    ------
    Article

    Examples
    --------
    >>> [a.id for a in iter_articles("data/articles")]
    ['voronkov-isil-un-security-council']
    """
    if errors not in ("raise", "warn"):
        raise ValueError(f"errors must be 'raise' or 'warn', not {errors!r}")
    root = _existing_path(path)
    files = [root] if root.is_file() else _article_files(root)
    if not files:
        raise ArticleError(
            f"{root}: no article files in this folder (looked for "
            f"{', '.join(sorted(SUPPORTED_SUFFIXES))})"
        )
    seen_ids: dict[str, Path] = {}
    for file in files:
        prefix = None if file is root else article_id_of(file, root)
        for article_id, _, item in file_items(file, prefix, max_bytes=max_bytes,
                                              max_chars=max_chars, text_field=text_field):
            if isinstance(item, ArticleError):
                _raise_or_warn(item, errors)
                continue
            if article_id in seen_ids:
                # Kept (no text is dropped), but tables keyed by id would mix them up.
                warnings.warn(
                    f"{file}: article id {article_id!r} is also used by {seen_ids[article_id]}",
                    ArticleWarning,
                    stacklevel=2,
                )
            seen_ids.setdefault(article_id, file)
            yield item


def article_id_of(file: Path, root: Path) -> str:
    """The id of the article in ``file`` read from the folder ``root``: its path below
    ``root`` without the suffix (``2017/march/talks``); a file named on its own (``root``
    is the file): its stem."""
    if file == root:
        return file.stem
    return file.relative_to(root).with_suffix("").as_posix()


def load_articles(
    path: str | Path,
    *,
    max_bytes: int = MAX_BYTES,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    text_field: str | None = None,
    errors: str = "raise",
) -> list[Article]:
    """Every article of a file or a folder, as a list (see :func:`iter_articles`).

    Parameters
    ----------
    path : str or Path
        A file or a folder.
    max_bytes, max_chars, text_field, errors
        As for :func:`iter_articles`.

    Returns
    -------
    list of Article

    Examples
    --------
    >>> len(load_articles("data/articles"))
    1
    """
    return list(iter_articles(path, max_bytes=max_bytes, max_chars=max_chars,
                              text_field=text_field, errors=errors))


def _article_files(root: Path) -> list[Path]:
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(Path(folder) / name)
    return sorted(found, key=lambda file: file.relative_to(root).parts)


def _existing_path(value: str | Path) -> Path:
    if isinstance(value, str):
        value = value.strip()
    path = _expand_home(Path(value))
    if isinstance(value, str) and _URL.match(value):
        raise ArticleNotFoundError(
            f"{value}: is a web address; nothing is downloaded here: save the page "
            "and load the file"
        )
    if not path.exists():
        raise ArticleNotFoundError(
            f"{value}: no such file or folder (to analyse a string as text, use "
            "article_from_text())"
        )
    return path


def _looks_like_path(value: str) -> bool:
    """Whether a string given to :func:`load_article` names a file rather than being text."""
    candidate = value.strip()
    if not candidate or "\n" in candidate or "\r" in candidate or len(candidate) > 4096:
        return False
    if _URL.match(candidate):
        return True  # refused with a clear message by _existing_path
    try:
        if _expand_home(Path(candidate)).exists():
            return True
    except (OSError, ValueError):  # a name too long for the file system, NUL bytes
        return False
    if Path(candidate).suffix.lower() in SUPPORTED_SUFFIXES:
        return True
    # Spaces, or characters file names avoid (markup, quotes): text.
    if any(ch.isspace() or ch in '<>"|?*' for ch in candidate):
        return False
    # One word with a folder separator and a letter: "data/articles/story", not "50/50".
    has_separator = "/" in candidate or "\\" in candidate
    return has_separator and any(ch.isalpha() for ch in candidate)


def _expand_home(path: Path) -> Path:
    # Only "~/..." means the home folder; "~0" or "~user" in text is not a path.
    if path.parts and path.parts[0] == "~":
        try:
            return path.expanduser()
        except RuntimeError:  # no home folder known
            return path
    return path
