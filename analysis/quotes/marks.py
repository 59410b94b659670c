"""Quotation marks: each double mark classified as opening or closing, and paired
into the pieces of direct quotes; single marks (‘...’ and '...') paired outside them,
told apart from apostrophes."""

from __future__ import annotations

import re

from .text import _inside, _trim_end

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


def _in_markup(text: str, start: int, end: int) -> bool:
    """Whether the mark at ``text[start:end]`` delimits an attribute of markup left in
    the text (``<tweet author="@roe">``): after "=" or before ">", never in prose."""
    return text[start - 1 : start] == "=" or text[end : end + 1] == ">"


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
            if _in_markup(text, i, mark.end()):
                continue
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


def with_single_quotes(text: str, paragraphs, pieces) -> list[tuple[int, int, int, bool, bool]]:
    """``pieces`` (of :func:`quote_pieces`) and the quotations in single marks outside
    them, in text order: "‘We are hopeful,’ a spokesperson added." gives a piece; a
    quotation nested in double marks is part of its quote, and an apostrophe opens
    or closes nothing (see :func:`single_quote_pieces`)."""
    singles = single_quote_pieces(text, paragraphs, pieces)
    return sorted(pieces + singles) if singles else pieces


def single_quote_pieces(text: str, paragraphs, pieces=()) -> list[tuple[int, int, int, bool, bool]]:
    """Spans in single quotation marks (curly or straight), marks included, outside the
    double-quoted ``pieces``; each closed in its paragraph and of two words or more.

    A mark opens when a space, a bracket or a dash stands before it and a letter
    after it, unless it starts an elision ("‘90s", "'em", "'til"); it closes after
    a letter or punctuation when no letter follows ("Clinton’s", "don’t" close
    nothing). A plural possessive ("the students’ union") closes only a quotation
    that no later mark in the sentence closes.

    Examples
    --------
    >>> text = "‘We are hopeful,’ a spokesperson added of the students’ union."
    >>> [text[s:e] for s, e, *_ in single_quote_pieces(text, [(0, len(text))])]
    ['‘We are hopeful,’']
    """
    found = []
    inside = sorted((start, end) for start, end, *_ in pieces)
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        opened = -1
        possessive = -1  # a plural possessive seen since the mark opened
        for mark in _SINGLE.finditer(text, p_start, p_end):
            i = mark.start()
            if _inside(inside, i):
                continue
            before = text[i - 1] if i > p_start else " "
            after = text[i + 1] if i + 1 < p_end else " "
            can_open = (before in _SPACE_BEFORE or before in OPENING) and after.isalnum() and (
                not _ELISION.match(text, i + 1, p_end))
            if opened >= 0 and (before.isalnum() or before in ".,!?…") and not after.isalnum():
                if before == "s" and _NEXT_IS_WORD.match(text, i + 1, p_end):
                    possessive = i  # "the students’ union": closes only if nothing later does
                    continue
                _close(text, found, opened, i + 1, p_index)
                opened = -1
            elif can_open:
                opened, possessive = i, -1  # (a mark left open before it closes nothing)
        if opened >= 0 and possessive > 0:
            _close(text, found, opened, possessive + 1, p_index)
    return found


def _close(text: str, found: list, start: int, end: int, p_index: int) -> None:
    if len(_WORDS.findall(text, start, end)) >= 2:
        found.append((start, end, p_index, True, False))


_SINGLE = re.compile(r"[‘’']")
_WORDS = re.compile(r"\w+")
_NEXT_IS_WORD = re.compile(r"[ \u00a0]+[a-z]")
# the elisions a single mark may start: "‘90s", "'em", "'til", "’n’", "'cause", "'tis"
_ELISION = re.compile(r"(?:\d\ds?\b|em\b|til\b|n\b|cause\b|tis\b|twas\b|bout\b|round\b|s\b)",
                      re.IGNORECASE)


def _opens_paragraph(text: str, p_start: int, i: int) -> bool:
    """Whether only whitespace stands before ``i`` in its paragraph, tested in place (a
    copy of ``text[p_start:i]`` for each mark would grow with a long paragraph)."""
    return _NON_SPACE.search(text, p_start, i) is None


_NON_SPACE = re.compile(r"\S")


def pieces_in_paragraph(pieces, p_index: int) -> bool:
    return bool(pieces) and pieces[-1][2] == p_index
