"""Dictionary forms of words, for counting terms: "threats" is "threat", "said" is "say".

Lemmas come from ``lemminflect`` (its dictionary of English inflections, shipped
in the package: no download), by word class. A word's class is its
part-of-speech tag when one is given (Penn Treebank, as :mod:`analysis.tag`
gives, or universal tags); without one it is guessed from the word alone:

- a word the dictionary knows as a verb form ending in ``-ed`` is a verb
  ("stated" -> state, verb);
- an ``-ing`` form is a noun when the dictionary lists it as a noun of its own
  ("meeting", "funding"), else a verb;
- otherwise a noun if the word can be one, then a verb, an adjective, an adverb.

A term is grouped under :func:`term_key`: the lemma, marked ``.v`` for verbs,
so the verb "stated" and the noun "states" stay apart although both lemmatise to
"state". Possessive ``'s`` is dropped ("Clinton's" counts as "Clinton"); a word
the dictionary does not know keeps its form, except a lower-case plural or
verb form, which lemminflect's rules for unknown words reduce ("jihadists").
Capitalised unknown words (names) are never reduced.
"""

from __future__ import annotations

from functools import cache, lru_cache

__all__ = ["lemma", "term_key", "word_class", "VERB_MARK"]

#: Appended to a verb's lemma in a term key ("state.v"), keeping verbs and nouns apart.
VERB_MARK = ".v"

# Penn Treebank (and universal) tags -> the classes lemminflect knows.
_PENN = {"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "MD": "AUX",
         "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV"}
_UNIVERSAL = {"NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV"}
_GUESS_ORDER = ("NOUN", "VERB", "ADJ", "ADV", "AUX")


def word_class(tag: str | None) -> str | None:
    """The lemminflect class of a part-of-speech tag, or None (a function word,
    punctuation, a number, or no tag).

    >>> word_class("VBD"), word_class("NNS"), word_class("IN"), word_class("ADJ")
    ('VERB', 'NOUN', None, 'ADJ')
    """
    if not tag:
        return None
    if tag in _UNIVERSAL:
        return tag
    if tag.startswith("VB"):
        return "VERB"
    return _PENN.get(tag)


@cache
def _lemma_tables() -> tuple[dict, dict]:
    """lemminflect's lemma dictionary and its overrides (lower-case word -> {class:
    lemmas}), as its ``getAllLemmas`` reads them (lemminflect is pinned)."""
    from lemminflect import Lemmatizer

    lemmatizer = Lemmatizer()
    return lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict()


@lru_cache(maxsize=100_000)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's entries for a word, as ``getAllLemmas(word)`` gives them (read only:
    cached, as one word is looked up under several tags).

    Read from its tables directly: ``getAllLemmas`` deep-copies both entries on every
    call, which was a third of the cost of a word a collection meets for the first
    time (``tests/test_lemmas.py`` checks the two agree on every word of the tables).
    """
    if word.isupper() or word[:1].isupper():  # its capitalisation goes onto the lemmas
        from lemminflect import getAllLemmas

        return getAllLemmas(word)
    key = word.lower()
    lemmas, overrides = _lemma_tables()
    found = lemmas.get(key, {})
    if key in overrides:
        found = {**found, **overrides[key]}
    # lemminflect gives a word's lemmas the word's case: lower here
    return {cls: tuple(map(str.lower, forms)) for cls, forms in found.items()}


def _unknown_word(word: str, cls: str | None) -> str:
    """lemminflect's rules for a lower-case word its dictionary lacks."""
    from lemminflect import getAllLemmasOOV

    if cls is None:
        if word.endswith(("ed", "ing")) and len(word) > 5:
            cls = "VERB"
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            cls = "NOUN"
        else:
            return word
    if cls not in ("NOUN", "VERB"):
        return word
    found = getAllLemmasOOV(word, cls).get(cls)
    return found[0] if found else word


def _guess(word: str, lemmas: dict[str, tuple[str, ...]]) -> str:
    if "VERB" in lemmas and word.endswith("ed"):
        return "VERB"
    if "VERB" in lemmas and word.endswith("ing"):
        return "NOUN" if word in lemmas.get("NOUN", ()) else "VERB"
    return next(cls for cls in _GUESS_ORDER if cls in lemmas)


@lru_cache(maxsize=200_000)
def _lemma_and_class(word: str, tag_class: str | None, capitalised: bool) -> tuple[str, str]:
    base = word
    if base.endswith("'s") and len(base) > 2:
        base = base[:-2]
    elif base.endswith("s'") and len(base) > 2:
        base = base[:-1]
    lemmas = _lemmas(base)
    if not lemmas and "-" in base.strip("-"):   # "peace-keepers": the last part inflects
        head, _, last = base.rpartition("-")
        found, cls = _lemma_and_class(last, tag_class, capitalised)
        return f"{head}-{found}", cls
    cls = tag_class
    if cls == "PROPN":
        cls = "NOUN" if "NOUN" in lemmas else None
    if cls is None or cls not in lemmas:
        if not lemmas:
            return (base if capitalised else _unknown_word(base, tag_class)), (tag_class or "")
        cls = _guess(base, lemmas) if cls is None or tag_class is None else next(
            c for c in _GUESS_ORDER if c in lemmas)
    forms = lemmas[cls]
    return (base if base in forms else forms[0]), cls


def lemma(word: str, tag: str | None = None) -> str:
    """The dictionary form of a (lower-case) word.

    Parameters
    ----------
    word : str
        The word, lower case, straight apostrophes.
    tag : str, optional
        Its part-of-speech tag (Penn Treebank or universal); guessed when absent.

    Examples
    --------
    >>> lemma("threats"), lemma("said"), lemma("stated"), lemma("states")
    ('threat', 'say', 'state', 'state')
    >>> lemma("media"), lemma("clinton's"), lemma("jihadists"), lemma("left", "VBD")
    ('media', 'clinton', 'jihadist', 'leave')
    """
    return _lemma_and_class(word, word_class(tag), False)[0]


@lru_cache(maxsize=200_000)  # called once per word occurrence: most are repeats
def term_key(word: str, tag: str | None = None, capitalised: bool = False) -> str:
    """The key a word is counted under: its lemma, with :data:`VERB_MARK` for a verb.

    Parameters
    ----------
    word : str
        Lower case, straight apostrophes.
    tag : str, optional
        Part-of-speech tag; guessed from the word when absent.
    capitalised : bool
        The word was written capitalised: when the dictionary does not know it,
        it is a name and keeps its form.

    Examples
    --------
    >>> term_key("stated"), term_key("states"), term_key("meeting"), term_key("attacks", "VBZ")
    ('state.v', 'state', 'meeting', 'attack.v')
    >>> term_key("williams", capitalised=True), term_key("isil", capitalised=True)
    ('williams', 'isil')
    """
    found, cls = _lemma_and_class(word, word_class(tag), capitalised)
    return found + VERB_MARK if cls in ("VERB", "AUX") else found
