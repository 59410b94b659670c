"""Quotation marks: each double mark classified as opening or closing, and paired
into the pieces of direct quotes."""

from __future__ import annotations

import re

from .text import _trim_end

OPENING = "“„‟«"
CLOSING = "”»"
_SPACE_BEFORE = " \t\n\r\u00a0([{—–-/"


# A double mark: '' or `` or one of “”"„‟«». Written to start with one character
# class (the second character checked by look-behind) rather than an alternation,
# so that re skips ahead to candidate characters: scans two to three times faster.
_MARK = re.compile(r"[“”\"„‟«»'`](?:(?<=')'|(?<=`)`|(?<=[“”\"„‟«»]))")


def _mark_role(text: str, i: int, length: int = 1) -> str:
    """'open', 'close' or '?' for the double quotation mark at ``text[i:i + length]``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + length] if i + length < len(text) else " "
    left_flanking = before in _SPACE_BEFORE or before in OPENING or before == "'"
    right_flanking = after.isspace() or after in ".,;:!?)]}—–-…’" or after in CLOSING
    if left_flanking and not right_flanking:
        return "open"
    if right_flanking and not left_flanking:
        return "close"
    mark = text[i]
    if mark in OPENING or mark == "`":
        return "open"
    if mark in CLOSING:
        return "close"
    return "?"


def quote_pieces(text: str, paragraphs) -> list[tuple[int, int, int, bool, bool]]:
    """Spans of text in double quotation marks, marks included.

    Returns ``(start, end, paragraph_index, closed, continues_previous)`` tuples:
    ``closed`` is False for a quote whose paragraph ended before its closing
    mark; ``continues_previous`` marks a paragraph that reopens such a quote.
    """
    pieces: list[tuple[int, int, int, bool, bool]] = []
    carrying = False
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        opened = -1
        continues = False
        for mark in _MARK.finditer(text, p_start, p_end):
            i = mark.start()
            role = _mark_role(text, i, mark.end() - i)
            if role == "?":
                role = "close" if opened >= 0 else "open"
            if role == "open":
                if opened >= 0:
                    # a second opening mark: the first quote lost its closing mark
                    end = _trim_end(text, opened, i)
                    pieces.append((opened, end, p_index, False, continues))
                    continues = False
                opened = i
                continues = carrying and not pieces_in_paragraph(pieces, p_index) and (
                    _opens_paragraph(text, p_start, i)
                )
            elif opened >= 0:
                pieces.append((opened, mark.end(), p_index, True, continues))
                opened = -1
                continues = False
            elif not pieces_in_paragraph(pieces, p_index) and _opens_paragraph(text, p_start, i):
                opened = i  # a closing-shaped mark opening a paragraph
                continues = carrying
        carrying = False
        if opened >= 0:
            end = _trim_end(text, opened, p_end)
            if end - opened > 1:
                pieces.append((opened, end, p_index, False, continues))
                carrying = True
    return pieces


def _opens_paragraph(text: str, p_start: int, i: int) -> bool:
    """Whether only whitespace stands before ``i`` in its paragraph, tested in place (a
    copy of ``text[p_start:i]`` for each mark would grow with a long paragraph)."""
    return _NON_SPACE.search(text, p_start, i) is None


_NON_SPACE = re.compile(r"\S")


def pieces_in_paragraph(pieces, p_index: int) -> bool:
    return bool(pieces) and pieces[-1][2] == p_index
