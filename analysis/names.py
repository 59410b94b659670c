"""Person names across articles: parse, normalise and merge conservatively.

A collection mentions the same person as "Hillary Clinton", "Hillary Rodham
Clinton", "Mrs. Clinton" or just "Clinton". :func:`merge_speaker_names` gives
each such group one collection-level id, and stays conservative:

- full names merge only when first name, surname and generational suffix agree
  ("Donald Trump" and "Donald Trump Jr." stay apart) and their middle names do
  not conflict ("George W. Bush" and "George H. W. Bush" stay apart, and a bare
  "George Bush" joins neither while both exist);
- two different first names never merge ("Bill Clinton" / "Hillary Clinton");
- a surname alone ("Clinton", "Mrs. Clinton") joins a full name only when exactly
  one candidate fits: first among the full names of the same article, and only
  when none there fits, among the whole collection; a title's gender
  ("Mrs.") rules out candidates whose first name has the other gender;
- anything that does not look like a person's name (organisations,
  descriptions) merges only with exactly the same normalised text.

A name of several words counts as a person's only when it has a title or its
first word is a known first name (:func:`analysis.mentions.first_name_gender`:
the ``gender-guesser`` list extended by ``resources/first_names.tsv``), so
"New York Times" and "Central America" never absorb a bare "Times" or
"America". Titles come from ``resources/titles.tsv``, also after capitalised
modifiers ("House Speaker Paul Ryan"); generational suffixes and surname
particles from ``resources/name_parts.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from .lexicons import read_table
from .mentions import first_name_gender

__all__ = ["PersonName", "parse_person_name", "normalize_name", "merge_speaker_names"]

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s?$")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'\-]*$")
_DOTTED_INITIALS = re.compile(r"^(?:[^\W\d_]\.){2,}$")
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class PersonName:
    """A person's name split into parts, each normalised (accents dropped, casefolded).

    Attributes
    ----------
    first : str or None
        First name; None when only a surname was given ("Mrs. Clinton").
    middles : tuple of str
        Middle names or initials, in order.
    last : str
        Surname, with its particles ("van buren").
    suffix : str
        Generational suffix ("jr", "iii") or "".
    title_gender : str or None
        "m" or "f" when a title says so ("Mrs.", "Mr."), else None.
    titled : bool
        Whether the name came with a title.
    """

    first: str | None
    middles: tuple[str, ...]
    last: str
    suffix: str = ""
    title_gender: str | None = None
    titled: bool = False


def fold(text: str) -> str:
    """Casefold and drop accents, so "José" and "Jose" compare equal."""
    if text.isascii():  # most names: no accent to drop, NFKD leaves them as they are
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1 << 16)  # merging asks for the same names again and again
def normalize_name(name: str) -> str:
    """Text of a name reduced for exact comparison: folded, punctuation to spaces.

    >>> normalize_name("The White House’s")
    'white house'
    """
    text = _POSSESSIVE.sub("", name.strip().translate(_APOSTROPHES))
    words = _NOT_WORD.sub(" ", fold(text)).split()
    if len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


@cache
def _titles() -> dict[tuple[str, ...], str | None]:
    titles: dict[tuple[str, ...], str | None] = {}
    for row in read_table("titles.tsv"):
        gender = row[1] if len(row) > 1 and row[1] in ("m", "f") else None
        titles[tuple(fold(row[0]).split())] = gender
    return titles


@cache
def _longest_title() -> int:
    return max((len(title) for title in _titles()), default=0)


@cache
def _title_starts() -> frozenset[str]:
    """First words of the titles: where a title can start."""
    return frozenset(title[0] for title in _titles())


@cache
def _name_parts(kind: str) -> frozenset[str]:
    return frozenset(fold(row[0]) for row in read_table("name_parts.tsv") if row[1] == kind)


def _words(name: str) -> list[str]:
    text = _POSSESSIVE.sub("", name.strip().translate(_APOSTROPHES))
    words: list[str] = []
    for raw in text.replace(",", " ").split():
        if _DOTTED_INITIALS.match(raw):  # "H.W." -> "H", "W"
            words.extend(raw.rstrip(".").split("."))
        else:
            words.append(raw.rstrip("."))
    return [w for w in words if w]


def _strip_titles(words: list[str]) -> tuple[list[str], str | None, bool]:
    """Drop everything up to the last title that leaves a word ("House Speaker Paul Ryan")."""
    titles = _titles()
    longest = _longest_title()
    folded = [fold(w) for w in words]
    cut, gender = 0, None
    starts = _title_starts()
    for start in range(len(words)):
        if folded[start] not in starts:  # most words start no title: no slices to try
            continue
        for size in range(min(longest, len(words) - start), 0, -1):
            key = tuple(folded[start:start + size])
            if key in titles:
                if size == len(words):  # a title alone ("Mr.") names nobody
                    return [], titles[key], True
                if cut < start + size < len(words):  # "Martin Luther King" keeps King
                    cut, gender = start + size, titles[key] or gender
                break
    return words[cut:], gender, cut > 0


def parse_person_name(name: str) -> PersonName | None:
    """Split a person's name into parts, or None when it does not look like one.

    A person's name is one to six capitalised words after any titles, with
    lowercase surname particles ("van", "de") allowed inside. Descriptions
    ("a senior official"), acronyms ("ISIL") and texts with digits are not.

    Examples
    --------
    >>> parse_person_name("Mrs. Clinton")
    PersonName(first=None, middles=(), last='clinton', suffix='', title_gender='f', titled=True)
    >>> parse_person_name("Sen. Hillary Rodham Clinton").middles
    ('rodham',)
    >>> parse_person_name("the White House") is None
    True
    """
    words = _words(name)
    suffixes, particles = _name_parts("suffix"), _name_parts("particle")
    suffix = ""
    if len(words) > 1 and fold(words[-1]) in suffixes:
        suffix = fold(words.pop())
    words, gender, titled = _strip_titles(words)
    if not 1 <= len(words) <= 6:
        return None
    for position, word in enumerate(words):
        if not _NAME_WORD.match(word):
            return None
        inner = 0 < position < len(words) - 1
        if not word[0].isupper() and not (inner and fold(word) in particles):
            return None
    if len(words) == 1 and len(words[0]) > 1 and words[0].isupper():
        return None  # an acronym, not a surname
    folded = [fold(w) for w in words]
    if len(folded) == 1:
        return PersonName(None, (), folded[0], suffix, gender, titled)
    if not titled and first_name_gender(words[0]) == "":
        return None  # "New York Times", "Central America": no first name, no title
    surname_start = len(folded) - 1
    while surname_start > 1 and folded[surname_start - 1] in particles:
        surname_start -= 1
    return PersonName(folded[0], tuple(folded[1:surname_start]),
                      " ".join(folded[surname_start:]), suffix, gender, titled)


def _middles_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same number of middle names, each equal or an initial of the other."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if not ((len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))):
            return False
    return True


def _cluster_full_names(parsed: dict[str, PersonName]) -> dict[str, str]:
    """Cluster key for every name with a first name."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for name, person in parsed.items():
        if person.first is not None:
            groups[(person.first, person.last, person.suffix)].append(name)
    keys: dict[str, str] = {}
    for (first, last, suffix), names in sorted(groups.items()):
        base = "|".join((first, last, suffix))
        variants = sorted({parsed[n].middles for n in names if parsed[n].middles},
                          key=lambda m: (-sum(map(len, m)), m))
        clusters: list[list[tuple[str, ...]]] = []
        for middles in variants:
            fits = [c for c in clusters if all(_middles_compatible(middles, m) for m in c)]
            if len(fits) == 1:
                fits[0].append(middles)
            else:
                clusters.append([middles])
        label_of = {m: f"{base}|{' '.join(c[0])}" for c in clusters for m in c}
        for name in names:
            middles = parsed[name].middles
            if middles:
                keys[name] = label_of[middles]
            elif len(clusters) == 1:
                keys[name] = label_of[clusters[0][0]]
            else:  # no middle name known, or several people share first and last name
                keys[name] = f"{base}|" if not clusters else f"{base}|?"
    return keys


def _gender_fits(title_gender: str | None, first: str) -> bool:
    if title_gender is None:
        return True
    gender = first_name_gender(first.capitalize())
    return gender not in ("m", "f") or gender == title_gender


def merge_speaker_names(
    pairs: Iterable[tuple[str, str]],
    counts: dict[tuple[str, str], int] | None = None,
    not_persons: Iterable[tuple[str, str]] = (),
) -> dict[tuple[str, str], tuple[str, str]]:
    """Collection-level ids for speaker names seen in articles.

    Parameters
    ----------
    pairs : iterable of (article_id, name)
        Every speaker name with the article it appears in.
    counts : dict, optional
        How often each pair occurs (e.g. its number of quotes), used to choose
        the canonical name of a group; default 1 each.
    not_persons : iterable of (article_id, name), optional
        Pairs known to name an organisation or group (e.g. from the speaker
        profiles' ``entity_type``): they merge only on the same text.

    Returns
    -------
    dict
        ``(article_id, name) -> (speaker_id, canonical_name)``. Ids are readable
        slugs of the canonical name ("hillary-clinton"), unique in the result
        and the same for the same input whatever its order.

    Examples
    --------
    >>> ids = merge_speaker_names([("a1", "Hillary Clinton"), ("a2", "Hillary Rodham Clinton"),
    ...                            ("a3", "Mrs. Clinton"), ("a3", "Bill Clinton")])
    >>> sorted({speaker_id for speaker_id, _ in ids.values()})
    ['bill-clinton', 'hillary-clinton']
    """
    pairs = list(dict.fromkeys(pairs))  # distinct; their order changes no id
    counts = counts or {}
    not_persons = set(not_persons)
    # a name is parsed as a person's unless every article calls it something else
    names = {name for article, name in pairs if (article, name) not in not_persons}
    parsed = {name: p for name in names if (p := parse_person_name(name)) is not None}
    full_keys = _cluster_full_names(parsed)

    # surname -> cluster keys of full names (any suffix), collection-wide and per article
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_article: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, name in pairs:
        if name in full_keys and (article, name) not in not_persons:
            person = parsed[name]
            by_surname[person.last].add(full_keys[name])
            by_article[(article, person.last)].add(full_keys[name])

    def fitting(candidates: set[str], gender: str | None) -> list[str]:
        return sorted(k for k in candidates if _gender_fits(gender, k.split("|", 1)[0]))

    # "the White House" is not parsed as a person but "White House" is: same text, same group
    by_text: dict[str, set[str]] = defaultdict(set)
    for name, key in full_keys.items():
        by_text[normalize_name(name)].add(key)

    # Only a bare surname's group depends on its article; every other name's group is
    # worked out once per distinct name (or surname and title gender), not once a pair.
    other_key: dict[str, str] = {}
    surname_key: dict[tuple[str, str | None], str | None] = {}

    def group_of_other(name: str) -> str:
        if name not in other_key:
            text = normalize_name(name)
            same = by_text.get(text, set())
            other_key[name] = next(iter(same)) if len(same) == 1 else "other:" + text
        return other_key[name]

    def group_in_collection(person: PersonName) -> str | None:
        key = (person.last, person.title_gender)
        if key not in surname_key:
            pool = fitting(by_surname.get(person.last, set()), person.title_gender)
            surname_key[key] = pool[0] if len(pool) == 1 else None
        return surname_key[key]

    cluster_of: dict[tuple[str, str], str] = {}
    for pair in pairs:
        article, name = pair
        person = None if pair in not_persons else parsed.get(name)
        if person is None:
            cluster_of[pair] = group_of_other(name)
        elif person.first is not None:
            cluster_of[pair] = full_keys[name]
        else:
            # the article's own full names first; the collection's only if none fits
            candidates = by_article.get((article, person.last))
            pool = fitting(candidates, person.title_gender) if candidates else None
            group = (pool[0] if len(pool) == 1 else None) if pool else \
                group_in_collection(person)
            if group is None:  # unknown or ambiguous: a group of its own, kept apart by gender
                group = f"surname:{person.last}|{person.suffix}|{person.title_gender or ''}"
            cluster_of[pair] = group
    return _name_clusters(cluster_of, parsed, counts)


def _name_clusters(
    cluster_of: dict[tuple[str, str], str],
    parsed: dict[str, PersonName],
    counts: dict[tuple[str, str], int],
) -> dict[tuple[str, str], tuple[str, str]]:
    weight: dict[str, dict[str, int]] = defaultdict(dict)
    for pair, key in cluster_of.items():
        names = weight[key]
        names[pair[1]] = names.get(pair[1], 0) + counts.get(pair, 1)

    def preference(item: tuple[str, int]) -> tuple:
        name, count = item
        person = parsed.get(name)
        is_full = person is not None and person.first is not None
        return (not is_full, -count, len(name), name)

    result_for_key: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for key in sorted(weight):
        names = weight[key]
        # most groups hold one spelling: nothing to choose between
        canonical = next(iter(names)) if len(names) == 1 else \
            min(names.items(), key=preference)[0]
        slug = "-".join(normalize_name(canonical).split()) or "speaker"
        speaker_id, n = slug, 1
        while speaker_id in used:
            n += 1
            speaker_id = f"{slug}-{n}"
        used.add(speaker_id)
        result_for_key[key] = (speaker_id, canonical)
    return {pair: result_for_key[key] for pair, key in cluster_of.items()}
