"""Reading the word lists and lexicons shipped in ``analysis/resources``.

Every lexicon is a plain-text file so an analyst can extend it; functions here
read them once and cache the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["resource_path", "read_word_list", "read_table", "regular_verb_forms",
           "prefix_tree", "tree_regex"]


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


def regular_verb_forms(lemma: str) -> list[str]:
    """Present, past and -ing forms of a regular verb ("quip": quipped, quipping).

    Irregular and stress-doubled verbs list their forms in the lexicon file.

    >>> regular_verb_forms("quip"), regular_verb_forms("deny")[:3]
    (['quip', 'quips', 'quipped', 'quipping'], ['deny', 'denies', 'denied'])
    """
    core = lemma.replace("qu", "q")  # the u of "qu" is no vowel: quip -> quipped
    vowel_groups = re.findall(r"[aeiou]+", core)
    if len(vowel_groups) == 1 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", core):
        doubled = lemma + lemma[-1]
        return [lemma, lemma + "s", doubled + "ed", doubled + "ing"]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    return [lemma, lemma + "s", lemma + "ed", lemma + "ing"]


def singular(word: str) -> str:
    """A plural noun's singular by the regular English endings (no dictionary: cheap, and
    the same rule wherever nouns are compared).

    >>> singular("spokeswomen"), singular("parties"), singular("churches"), singular("status")
    ('spokeswoman', 'party', 'church', 'status')
    """
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def prefix_tree(words: Iterable[str]) -> dict:
    """``words`` as a prefix tree: nested dicts keyed by character, ``""`` marking
    the end of a word (see :func:`tree_regex`)."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return tree


def tree_regex(node: dict, space: str | None = None) -> str:
    """A prefix tree (or one of its nodes) as a regex alternation, longer words tried
    first, so it matches what a longest-first alternation of the words matches. The
    regex engine follows one path through the tree instead of trying every word, which
    makes large lexicons fast to scan. ``space``, when given, is the regex a space in
    a word stands for (e.g. any run of spaces).

    >>> tree_regex(prefix_tree(["said", "say", "says"]))
    'sa(?:id|y(?:s)?)'
    """
    ends = "" in node
    branches = [(space if space is not None and char == " " else re.escape(char))
                + tree_regex(child, space) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
    return body + "?" if ends else body
