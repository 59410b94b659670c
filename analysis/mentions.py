"""Mentions of people and organisations, and the entities they refer to.

No parser model: names are runs of capitalised words of any letters ("Gonzàlez",
"DeMarco"); a name's first word is checked against a first-name list (the
``gender-guesser`` package, extended by ``resources/first_names.tsv``) and titles
(``resources/titles.tsv``); organisations are recognised by their words
(``resources/organisation_words.txt``). Later mentions link to earlier entities by
surname ("Voronkov", "Mr. Voronkov"; a surname two people share to the one named in
its paragraph), by a first name or an inner surname the article used in full, and
"the Times" to the article's "New York Times" (``resources/publication_words.txt``).
A speaker's pronoun or description is resolved by :mod:`analysis.coref`;
:meth:`EntityIndex.resolve` is the simpler resolver the speaker profiles use for the
other pronouns and descriptions of an article.

Every resolution returns an evidence string saying which rule made the link.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import itemgetter

from .lexicons import read_table, read_word_list

__all__ = ["Entity", "EntityIndex", "build_entities", "first_name_gender", "first_name_is_sure",
           "NAME_PATTERN"]


def _letter_class(is_case) -> str:
    """A regex character class body for the Latin letters of one case, accented ones
    included (Latin-1, Extended-A and -B, Extended Additional): "Émile", "Gonzàlez"."""
    codes = [c for c in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)] if is_case(chr(c))]
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs)


_UP = "A-Z" + _letter_class(str.isupper)  # capitals, as the body of a character class
_LO = "a-z" + _letter_class(str.islower)
_CAMEL = rf"[{_LO}]+(?:[{_UP}][{_LO}]+)*"  # "cCain", "eMarco", "ouTube": after the capital
_WORD = (
    rf"(?:[{_UP}][{_LO}]*[’'][{_UP}]{_CAMEL}"  # O’Malley
    rf"|[{_UP}][{_LO}]+[’'][a-rt-z][{_LO}]+"  # Da’esh (not a possessive ’s)
    rf"|[{_UP}]{_CAMEL}(?:-[{_UP}]?{_CAMEL})*"  # Smith, McCain, DeMarco, Holtz-Eakin
    rf"|[{_UP}]{{2,}}s?"  # UN, GOP, CEOs
    rf"|[{_UP}]\.(?:[{_UP}]\.)*)"  # initials
)
# _WORD with the capital every alternative starts with taken out in front: a
# pattern that starts with a character class lets re skip ahead to capitals.
_FIRST_WORD = (
    rf"[{_UP}](?:[{_LO}]*[’'][{_UP}]{_CAMEL}|[{_LO}]+[’'][a-rt-z][{_LO}]+"
    rf"|{_CAMEL}(?:-[{_UP}]?{_CAMEL})*|[{_UP}]+s?|\.(?:[{_UP}]\.)*)"
)
# zero-width and other invisible characters a name may carry ("Smith\u200b")
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_INVISIBLE_RUN = f"[{INVISIBLE}]*"
_PARTICLE = r"(?:de|da|del|della|van|von|der|den|bin|al|la|le|du|dos|of|of the|and the|for)"
NAME_PATTERN = re.compile(
    rf"{_FIRST_WORD}\.?(?:{_INVISIBLE_RUN}[ \u00a0](?:{_PARTICLE}[ \u00a0])?{_WORD}\.?)*"
    r"(?:[ \u00a0](?:Jr|Sr|II|III)\.?)?"
)
_POSSESSIVE = re.compile(r"[’']s?$")
_DROP_INVISIBLE = {ord(char): None for char in INVISIBLE}
_HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")


@cache
def _titles() -> dict[str, str]:
    return {row[0].lower(): (row[1] if len(row) > 1 else "x") for row in read_table("titles.tsv")}


@cache
def _stop_starts() -> frozenset[str]:
    return read_word_list("speaker_stopwords.txt")


@cache
def _publication_words() -> frozenset[str]:
    return read_word_list("publication_words.txt")


@cache
def _surname_particles() -> frozenset[str]:
    """Particles that start surnames ("de", "le", "van": ``resources/name_parts.tsv``)."""
    return frozenset(row[0].lower() for row in read_table("name_parts.tsv")
                     if len(row) > 1 and row[1] == "particle")


@cache
def _organisation_words() -> frozenset[str]:
    return read_word_list("organisation_words.txt")


@cache
def _name_overrides() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in read_table("first_names.tsv") if len(row) > 1}


@cache
def _gender_detector():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


@cache
def first_name_gender(name: str) -> str:
    """``'m'``, ``'f'`` or ``''`` (unknown / not a first name) for a first name.

    >>> first_name_gender("Hillary"), first_name_gender("Security")
    ('f', '')
    """
    key = name.lower().strip(".")
    if key in _name_overrides():
        return _name_overrides()[key]
    if len(key) < 2 or not name[:1].isupper() or name.isupper():
        return ""
    verdict = _gender_verdict(name)
    if verdict == "andy" and key in read_word_list("stopwords.txt"):
        return ""  # "Than", "He", "So": a capitalised function word, no first name
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f",
            "andy": "x"}.get(verdict, "")


def _gender_verdict(name: str) -> str:
    """gender-guesser's verdict, for the name as written or, unknown so, without its
    accents ("Émile" as "Emile")."""
    verdict = _gender_detector().get_gender(name)
    if verdict == "unknown" and not name.isascii():
        plain = "".join(c for c in unicodedata.normalize("NFKD", name)
                        if not unicodedata.combining(c))
        verdict = _gender_detector().get_gender(plain)
    return verdict


@cache
def first_name_is_sure(name: str) -> bool:
    """Is a first name's gender sure (the list says "male" or "female", or
    ``first_names.tsv`` sets it), not only usual ("mostly_female": "Bernie")?

    >>> first_name_is_sure("Bill"), first_name_is_sure("Bernie")
    (True, False)
    """
    key = name.lower().strip(".")
    if key in _name_overrides():
        return True
    return bool(first_name_gender(name)) and _gender_verdict(name) in ("male", "female")


@dataclass
class Entity:
    """A person or organisation the article mentions."""

    id: int
    name: str
    kind: str = "unknown"  # person / organisation / group / document / unknown
    gender: str = ""  # m / f / '' (unknown)
    gender_titled: bool = False  # the gender comes from a title ("Mrs."), not a first name
    tag_kind: str = ""  # person / organisation / place by the tagger, for an unknown kind
    surname: str = ""
    first_name: str = ""
    mentions: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, text, how
    descriptors: list[tuple[int, int, str]] = field(default_factory=list)  # role phrases
    _head_cache: tuple | None = field(default=None, repr=False, compare=False)

    def head_words(self) -> set[str]:
        """Lower-case words of every description of the entity (cached; descriptions
        added since the last call are read alone, so an entity described a thousand
        times, asked after each, stays linear)."""
        done, words = self._head_cache or (0, set())
        if done > len(self.descriptors):  # descriptions were taken away: start again
            done, words = 0, set()
        for _, _, phrase in self.descriptors[done:]:
            words.update(w.lower() for w in _HEAD_WORD.findall(phrase))
        self._head_cache = (len(self.descriptors), words)
        return words


_HEAD_WORD = re.compile(r"[A-Za-z][\w\-]*")


def _keeps_period(surface: str) -> bool:
    """A name ending in '.' keeps it for an initial or a title ("J.", "Jr.", "Mr.")."""
    last = surface.rsplit(" ", 1)[-1].rstrip(".")
    return len(last) == 1 or last.lower() in _titles() or last in ("Jr", "Sr")


@cache
def _title_roles() -> dict[str, str]:
    return {row[0].lower(): row[2] if len(row) > 2 else "" for row in read_table("titles.tsv")}


def _has_role(title_tokens: Iterable[str]) -> bool:
    return any(_title_roles().get(t.rstrip(".").lower()) for t in title_tokens)


def _split_title(tokens: list[str]) -> tuple[int, str]:
    """Number of leading title tokens and the gender they imply."""
    titles = _titles()
    gender = ""
    n = 0
    while n < len(tokens) - 1:
        two = " ".join(t.rstrip(".") for t in tokens[n : n + 2]).lower()
        one = tokens[n].rstrip(".").lower()
        if two in titles:
            gender = gender or titles[two].replace("x", "")
            n += 2
        elif one in titles:
            gender = gender or titles[one].replace("x", "")
            n += 1
        else:
            break
    return n, gender


@lru_cache(maxsize=20000)
def _analyse_name(surface: str):
    """The parts of a capitalised run, cached: names recur within and across articles.

    Returns ``(chars skipped, tokens, is_organisation, n_title_tokens,
    title_gender, index of the first name in the name tokens or None,
    first-name gender)``, or None when the run names nobody.
    """
    raw = surface.replace("\u00a0", " ").split(" ")
    tokens = [token.translate(_DROP_INVISIBLE) for token in raw] if _HAS_INVISIBLE.search(
        surface) else raw
    stop = _stop_starts()
    skipped = 0
    while tokens and tokens[0] in stop:
        skipped += len(raw[len(raw) - len(tokens)]) + 1
        tokens = tokens[1:]
    if not tokens:
        return None
    is_organisation = any(t.rstrip(".") in _organisation_words() for t in tokens)
    if is_organisation:
        # "Police Commissioner Bill Bratton", "Secretary of State John Kerry": an
        # organisation word before a first name and surname titles a person
        for i in range(1, len(tokens) - 1):
            rest = tokens[i:]
            if len(rest) <= 3 and first_name_gender(rest[0]) and not any(
                t.rstrip(".") in _organisation_words() for t in rest
            ):
                return skipped, tuple(tokens), False, i, "", 0, first_name_gender(rest[0])
    n_title, title_gender = (0, "") if is_organisation else _split_title(tokens)
    if not is_organisation and not n_title:
        # "CBC Chairman G.K. Butterfield": a body's acronym, then a title, then the name
        for i in range(1, len(tokens) - 1):
            n, gender = _split_title(tokens[i:])
            if n and 1 <= len(tokens) - i - n <= 3 and all(
                    t[:1].isupper() for t in tokens[i + n :]):
                n_title, title_gender = i + n, gender
                break
    name_tokens = tokens[n_title:]
    if not is_organisation and (not name_tokens or (
        not n_title and len(name_tokens) == 1 and tokens[0].isupper() and len(tokens[0]) <= 4
    )):
        return None  # a bare acronym ("UN", "ISIL") is not a speaker name on its own
    first_gender = ""
    first_index = None
    if not is_organisation:
        for i, token in enumerate(name_tokens[:-1]):
            if token.lower() in _surname_particles():
                break  # "Le Pen", "De Blasio": a surname, not a first name "Le"
            first_gender = first_name_gender(token)
            if first_gender:
                first_index = i
                break
    return skipped, tuple(tokens), is_organisation, n_title, title_gender, first_index, (
        first_gender
    )


@lru_cache(maxsize=20000)
def _name_parts(surface: str):
    """What :meth:`EntityIndex.add_name` needs of a capitalised run, worked out once:
    ``(chars skipped, name tokens, name, descriptor, surname, is_organisation,
    n_title_tokens, first-name index or None, gender, whether a title gave the gender)``,
    or None."""
    analysis = _analyse_name(surface)
    if analysis is None:
        return None
    skipped, tokens, is_organisation, n_title, title_gender, first_index, first_gender = analysis
    name_tokens = tokens[n_title:]
    if first_index is not None:
        name_tokens = name_tokens[first_index:]
        descriptor = " ".join(tokens[: n_title + first_index])
    else:
        descriptor = " ".join(tokens[:n_title]) if _has_role(tokens[:n_title]) else ""
    surname = _POSSESSIVE.sub("", name_tokens[-1]).rstrip(".")
    return (skipped, name_tokens, " ".join(name_tokens), descriptor, surname, is_organisation,
            n_title, first_index, title_gender or first_gender, bool(title_gender))


@lru_cache(maxsize=20000)
def _run_parts(run: str):
    """:func:`_name_parts` of a run as the name pattern matched it, with what
    :meth:`EntityIndex.add_name` derives from them (the length left once a final
    '.' that is no initial or title is dropped, the name and surname in lower
    case, and the span of an "of ..." after a person's name in the run, or None), so a
    recurring run costs one look-up. None when it names nobody."""
    length = len(run)
    while length and run[length - 1] == "." and not _keeps_period(run[:length]):
        length -= 1
    rest = _person_before_of(run[:length])
    rest_span = (rest, length) if rest else None
    if rest:
        length = rest - 4  # "Sen. Bernie Sanders of Vermont": the name ends before " of "
    parts = _name_parts(run[:length])
    if parts is None:
        return None
    return (length, *parts[:-1], parts[2].lower(), parts[4].lower(), rest_span, parts[-1])


def _person_before_of(run: str) -> int:
    """Offset of what follows " of " when a person's name stands before it ("Tom Udall
    of New Mexico", "Marc Lasry of Avenue Capital Group"), else 0. "Secretary of State
    John Kerry" and "Bank of England" name no person before "of"."""
    cut = run.find(" of ")
    if cut < 0:
        cut = run.find("\u00a0of\u00a0")
    if cut < 0:
        return 0
    head = _analyse_name(run[:cut])
    if head is None or head[2] or _is_title(head[1][-1:]):
        return 0  # no person, or a title goes on: "Clinton Chief of Staff Cheryl Mills"
    _, tokens, _, n_title, _, first_index, _ = head
    is_person = first_index is not None or (n_title and len(tokens) > n_title)
    return cut + 4 if is_person else 0


def _is_title(tokens) -> bool:
    """Is this run of words a title ("Chief", "Secretary")?"""
    return bool(tokens) and " ".join(t.rstrip(".") for t in tokens).lower() in _titles()


# Any character but the openers that may precede a sentence's first word.
_NOT_OPENER = re.compile(r"[^ \u00a0\t\n“\"‘'(\[]")


# the tagger's entity types as entity kinds
_TAG_KINDS = {"PERSON": "person", "ORGANIZATION": "organisation", "LOCATION": "place"}


def tag_votes(tokens, entity_tags, start: int, end: int,
              tally: dict[str, int]) -> dict[str, int]:
    """Add to ``tally`` the entity types (PERSON, ORGANIZATION, LOCATION) the tagger
    gave the tokens (``(start, end, sentence)``) starting in ``[start, end)``."""
    index = bisect.bisect_left(tokens, start, key=_first)
    while index < len(tokens) and tokens[index][0] < end:
        label = entity_tags[index][2:]
        if label in _TAG_KINDS:
            tally[label] = tally.get(label, 0) + 1
        index += 1
    return tally


_first = itemgetter(0)
_WHICH_AFTER = re.compile(r",[ \u00a0]+which\b")


def tag_kind(tally: dict[str, int]) -> str:
    """The kind the most frequent type of a :func:`tag_votes` tally stands for, or ""."""
    return _TAG_KINDS[max(sorted(tally), key=tally.get)] if tally else ""


# recent_entities walks back this many named mentions before it reads a table of
# the last _RECENT_LIMIT distinct entities at each mention.
_RECENT_WALK = 64
_RECENT_LIMIT = 20


class EntityIndex:
    """Entities of one article and the mentions that name them, in text order.

    ``paragraph_starts`` (the start offset of every paragraph, sorted) lets a bare
    surname shared by several people go to the one named in its paragraph.
    """

    def __init__(self, text: str, paragraph_starts: list[int] | None = None) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self.paragraph_starts = paragraph_starts or [0]
        self._by_surname: dict[str, int] = {}
        self._by_name: dict[str, int] = {}
        # people named in full, by surname (in order of introduction), by first name,
        # and by an inner word of a longer name ("Melba Acosta Febo": "Acosta")
        self._surname_people: dict[str, list[int]] = {}
        self._by_first: dict[str, list[int]] = {}
        self._by_inner: dict[str, int] = {}
        self._by_publication: dict[str, int] = {}  # "Times" -> "New York Times"
        self._positions: list[int] = []  # start offsets of named mentions, sorted
        self._position_entity: list[int] = []
        self._position_end: list[int] = []  # end offsets of those mentions
        self._recent: list[tuple[int, ...]] = []  # see _recent_table

    # -- building -------------------------------------------------------
    def add_name(self, start: int, end: int, sentence_start: int) -> int | None:
        """Register a capitalised name at ``text[start:end]``; return its entity id.

        ``sentence_start`` is the start of the name's sentence: a capitalised word
        opening a sentence is a name only when the article already knows it. A
        negative ``sentence_start`` says the run is known to name someone (the
        subject of a reporting verb, say) wherever it stands.
        """
        text = self.text
        parts = _run_parts(text[start:end])
        if parts is None:
            return None
        (length, skipped, name_tokens, name, descriptor, surname, is_organisation, n_title,
         first_index, gender, name_key, surname_key, rest, titled_gender) = parts
        run_start = start
        end = start + length
        start += skipped
        name_start = text.find(name_tokens[0], start) if descriptor else start
        publication = self._by_publication.get(name) if len(name_tokens) == 1 else None
        if publication is not None:
            # "the Times" after "The New York Times": the paper named in full
            entity_id, how = publication, "publication"
        elif is_organisation:
            entity_id = self._by_name.get(name_key)
            if entity_id is None:
                entity_id = self._new_entity(name, "organisation")
                self._by_name[name_key] = entity_id
            how = "organisation-name"
            if len(name_tokens) > 1 and name_tokens[-1] in _publication_words():
                self._by_publication[name_tokens[-1]] = entity_id
        elif len(name_tokens) > 1 and first_index is not None:
            entity_id = self._link_full_name(name_tokens, surname, gender)
            how = "full-name"
        elif 1 < len(name_tokens) <= 3 and not n_title and all(
                t[:1].isupper() for t in name_tokens) and (
                name_tokens[0].lower() not in _surname_particles()) and self._names_another(
                name_tokens[0], surname_key):
            # "Khizr Khan" beside "Ghazala Khan": a first name the list lacks
            entity_id = self._link_full_name(name_tokens, surname, gender)
            how = "full-name"
        else:
            initial = not n_title and sentence_start >= 0 and not _NOT_OPENER.search(
                text, sentence_start, start)  # no word before it in its sentence
            entity_id, how = self._known_name(name_tokens, name_key, surname_key, start,
                                              titled=bool(n_title), initial=initial,
                                              title_gender=gender if titled_gender else "")
            if entity_id is None:
                if initial:
                    return None  # a sentence's first word: only a name if already known
                kind = "person" if n_title else "unknown"
                entity_id = self._new_entity(name, kind, gender=gender, surname=surname)
                self._by_surname.setdefault(surname_key, entity_id)
                self._by_name[name_key] = entity_id
                if len(name_tokens) > 1:  # "Khizr Khan": a first name the list lacks
                    self._surname_people.setdefault(surname_key, []).append(entity_id)
                how = "new-name"
            elif gender and not self.entities[entity_id].gender:
                self.entities[entity_id].gender = gender
        entity = self.entities[entity_id]
        if titled_gender:  # "Mr.", "Mrs.": surer than a first name's usual gender
            entity.gender, entity.gender_titled = gender, True
        if rest:
            # "Bernie Sanders of Vermont": the place describes him; the mention keeps
            # it (the stages read what follows a mention), the name does not
            entity.descriptors.append((end + 1, run_start + rest[1],
                                       text[end + 1 : run_start + rest[1]]))
            end = run_start + rest[1]
        entity.mentions.append((start, end, text[start:end], how))
        if descriptor:
            entity.descriptors.append((start, name_start, descriptor))
        self._add_position(start, end, entity_id)
        return entity_id

    def add_entity(self, start: int, end: int, name: str, kind: str, how: str) -> int:
        """Register a speaker that is no capitalised name ("officials", "Fox News poll",
        an unlisted name) at ``text[start:end]``: one entity per name and kind."""
        key = f"{kind}:{name.lower()}"
        entity_id = self._by_name.get(key)
        if entity_id is None:
            entity_id = self._new_entity(name, kind)
            self._by_name[key] = entity_id
        self.entities[entity_id].mentions.append((start, end, self.text[start:end], how))
        self._add_position(start, end, entity_id)
        return entity_id

    def _add_position(self, start: int, end: int, entity_id: int) -> None:
        positions = self._positions
        if not positions or positions[-1] <= start:
            # names are found in text order: the common case appends
            positions.append(start)
            self._position_entity.append(entity_id)
            self._position_end.append(end)
        else:
            index = bisect.bisect(positions, start)
            positions.insert(index, start)
            self._position_entity.insert(index, entity_id)
            self._position_end.insert(index, end)
            del self._recent[index:]  # the recent-entity rows from here on changed

    def _names_another(self, first: str, surname_key: str) -> bool:
        """Is there a person of this surname named with another first name?"""
        return any(self.entities[e].first_name not in ("", first)
                   for e in self._surname_people.get(surname_key, ()))

    def paragraph_of(self, position: int) -> int:
        """Index of the paragraph holding ``position``."""
        return bisect.bisect_right(self.paragraph_starts, position) - 1

    def _known_name(self, name_tokens, name_key: str, surname_key: str, position: int,
                    titled: bool, initial: bool = False,
                    title_gender: str = "") -> tuple[int | None, str]:
        """The entity a surname (or a title and surname, a first name, an inner word of
        a longer name) already names, with how it was found. A sentence's first word
        (``initial``) is looked up by surname only: "Bernie seemed ..." in a quote
        stays no mention of Bernie Sanders for the stages that read names."""
        people = self._surname_people.get(surname_key)
        if people and title_gender and len(people) > 1:
            # "Mr. Khan" beside Khizr and Ghazala Khan: not the one whose first name
            # surely says she is a woman; the one it says is a man, if any
            unlike = {e for e in people if self.entities[e].gender not in ("", title_gender)
                      and first_name_is_sure(self.entities[e].first_name)}
            alike = [e for e in people if self.entities[e].gender == title_gender]
            people = alike or [e for e in people if e not in unlike] or people
        if people:
            return self._salient_namesake(people, position), "surname"
        entity_id = self._by_surname.get(surname_key)
        if entity_id is None and len(name_tokens) > 1:
            entity_id = self._by_name.get(name_key)
        if entity_id is not None:
            return entity_id, "surname"
        if len(name_tokens) == 1 and not initial:
            inner = self._by_inner.get(surname_key)
            if inner is not None:
                words = self.entities[inner].name.split()
                if len(words) > 3 and words[1].lower() == surname_key:
                    # "Aaron Klein Investigative Radio", then "Klein": the name ends there
                    self.entities[inner].name = " ".join(words[:2])
                return inner, "inner-name"
            firsts = self._by_first.get(surname_key, ())
            if len(firsts) == 1:  # "Ana", "Coach Ana" where the article named "Ana Roe"
                return firsts[0], "first-name"
        return None, ""

    def _salient_namesake(self, people: list[int], position: int) -> int:
        """Of several people sharing a surname, the one a bare surname means: the one
        named in full latest in the same paragraph, else the one mentioned most."""
        if len(people) == 1:
            return people[0]
        paragraph = self.paragraph_starts[max(0, self.paragraph_of(position))]
        latest = (-1, -1)
        for entity_id in people:
            for start, _, _, how in reversed(self.entities[entity_id].mentions):
                if start < paragraph:
                    break  # mentions are in text order: none further back is nearer
                if start < position and how == "full-name" and start > latest[0]:
                    latest = (start, entity_id)
                    break
        if latest[1] >= 0:
            return latest[1]
        return max(people, key=lambda e: (len(self.entities[e].mentions), -e))

    def _new_entity(self, name: str, kind: str, gender: str = "", surname: str = "") -> int:
        entity = Entity(id=len(self.entities), name=name, kind=kind, gender=gender,
                        surname=surname)
        self.entities.append(entity)
        return entity.id

    def _link_full_name(self, tokens: list[str], surname: str, gender: str) -> int:
        first = tokens[0]
        name = _POSSESSIVE.sub("", " ".join(tokens))
        key = name.lower()
        known = self._by_name.get(key)
        if known is None:
            known = self._by_surname.get(surname.lower())
            entity = self.entities[known] if known is not None else None
            if entity is not None and entity.kind in ("person", "unknown") and (
                    entity.first_name == first or not entity.first_name and (
                        len(entity.name.split()) == 1 or entity.name.split()[0] == first)):
                # "Trump ... Donald Trump": the surname named first now has its full name
                entity.first_name = first
                entity.kind = "person"
                entity.gender = entity.gender or gender
                if len(name) > len(entity.name):
                    entity.name = name
            else:
                known = self._new_entity(name, "person", gender=gender, surname=surname)
                self.entities[known].first_name = first
            self._by_name[key] = known
            self._by_first.setdefault(first.lower(), [])
            if known not in self._by_first[first.lower()]:
                self._by_first[first.lower()].append(known)
            for inner in tokens[1:-1]:
                if len(inner) > 2 and "." not in inner:  # no initial
                    self._by_inner.setdefault(inner.lower(), known)
        people = self._surname_people.setdefault(surname.lower(), [])
        if known not in people:
            people.append(known)
        # the most recent full name wins the surname where one person bears it
        self._by_surname[surname.lower()] = known
        return known

    # -- queries --------------------------------------------------------
    def entity_of_name(self, surface: str, position: int | None = None) -> int | None:
        """Entity id for a name as written ("Mr. Voronkov", "Clinton", "the White House").

        ``position`` (where the name stands) decides between people who share a
        surname; without it the end of the article.
        """
        tokens = [t.translate(_DROP_INVISIBLE) for t in surface.replace("\u00a0", " ").split(" ")]
        tokens = [t for t in tokens if t]
        position = len(self.text) if position is None else position
        stop = _stop_starts()
        while tokens:
            joined = " ".join(tokens).lower()
            if joined in self._by_name:
                return self._by_name[joined]
            n_title, _ = _split_title(tokens)
            name_tokens = tokens[n_title:] or tokens
            name_key = " ".join(name_tokens).lower()
            if name_key in self._by_name:
                return self._by_name[name_key]
            surname = _POSSESSIVE.sub("", name_tokens[-1]).rstrip(".").lower()
            entity_id, _ = self._known_name(name_tokens, name_key, surname, position,
                                            titled=n_title > 0)
            if entity_id is not None or tokens[0] not in stop:
                return entity_id
            tokens = tokens[1:]  # "Rather Smith": a sentence's opening word is no name
        return None

    def type_from_tags(self, tokens, entity_tags) -> None:
        """Type the entities whose names alone do not say (``kind`` "unknown") by the
        tagger's entity tags over their mentions, the most frequent type winning:
        PERSON a person, ORGANIZATION an organisation, LOCATION a place ("Iowa",
        "Kazakhstan"), set as ``Entity.tag_kind`` (``kind`` stays what the name says:
        the rules that read it are unchanged). ``tokens`` are ``(start, end,
        sentence)`` and ``entity_tags`` their BIO tags (:func:`analysis.tag.article_tags`);
        linear in both."""
        votes: dict[int, dict[str, int]] = {}
        which: set[int] = set()  # named right before ", which": no person
        for position, end, entity_id in zip(self._positions, self._position_end,
                                            self._position_entity, strict=True):
            if self.entities[entity_id].kind == "unknown":
                tag_votes(tokens, entity_tags, position, end, votes.setdefault(entity_id, {}))
                if _WHICH_AFTER.match(self.text, end):
                    which.add(entity_id)
        for entity_id, tally in votes.items():
            kind = tag_kind(tally)
            if kind == "person" and entity_id in which:
                kind = "organisation"  # "Monsanto, which opposed the bill": a body
            self.entities[entity_id].tag_kind = kind

    def named_mentions(self):
        """``(start, end, entity id)`` of every named mention, in text order."""
        return zip(self._positions, self._position_end, self._position_entity, strict=True)

    def people_named(self, surname: str) -> list[int]:
        """The people named in full with this surname, in order of introduction."""
        return list(self._surname_people.get(surname.lower(), ()))

    def entity_named(self, name: str) -> int | None:
        """The entity of exactly this name (case aside), if the index holds one."""
        return self._by_name.get(name.lower())

    def entity_in(self, start: int, end: int) -> int | None:
        """Entity of the last named mention starting in ``[start, end)``, if any: how a
        speaker mention the index already holds ("former Gov. Jerry Brown") resolves."""
        index = bisect.bisect_left(self._positions, end) - 1
        if index >= 0 and self._positions[index] >= start:
            return self._position_entity[index]
        return None

    def last_mention(self, lo: int, hi: int) -> tuple[int, int] | None:
        """Span of the last named mention starting in ``[lo, hi)``, if any."""
        return self._mention_at(bisect.bisect_left(self._positions, hi) - 1, lo, hi)

    def first_mention(self, lo: int, hi: int) -> tuple[int, int] | None:
        """Span of the first named mention starting in ``[lo, hi)``, if any."""
        return self._mention_at(bisect.bisect_left(self._positions, lo), lo, hi)

    def _mention_at(self, index: int, lo: int, hi: int) -> tuple[int, int] | None:
        if not 0 <= index < len(self._positions) or not lo <= self._positions[index] < hi:
            return None
        return self._positions[index], self._position_end[index]

    def entity_at(self, start: int) -> int | None:
        """Entity of the named mention starting at ``start``."""
        index = bisect.bisect_left(self._positions, start)
        if index < len(self._positions) and self._positions[index] == start:
            return self._position_entity[index]
        return None

    def recent_entities(self, position: int, limit: int = 12):
        """Entity ids mentioned before ``position``, most recent first, unique."""
        before = index = bisect.bisect_left(self._positions, position)
        seen: list[int] = []
        while index > 0 and len(seen) < limit:
            index -= 1
            entity_id = self._position_entity[index]
            if entity_id not in seen:
                seen.append(entity_id)
            if before - index == _RECENT_WALK and len(seen) < limit <= _RECENT_LIMIT:
                # a name repeated many times (one speaker quoted a thousand times): the
                # walk back would grow with the article, so read the table instead
                return list(self._recent_table()[before - 1][:limit])
        return seen

    def _recent_table(self) -> list[tuple[int, ...]]:
        """For each named mention, the distinct entities named at or before it, most
        recent first, at most ``_RECENT_LIMIT``: O(mentions), extended as names are
        added (a name added out of text order cuts it at its place)."""
        table = self._recent
        previous = table[-1] if table else ()
        for entity_id in self._position_entity[len(table) :]:
            previous = (entity_id, *(e for e in previous if e != entity_id))[:_RECENT_LIMIT]
            table.append(previous)
        return table

    def resolve(
        self,
        mention: str,
        kind: str,
        position: int,
        preferred: int | None = None,
    ) -> tuple[int | None, str]:
        """Resolve a speaker mention to an entity id, with evidence.

        Parameters
        ----------
        mention : str
            The mention as written.
        kind : {'name', 'pronoun', 'description'}
        position : int
            Offset of the mention; only earlier entities are candidates
            (names resolve anywhere).
        preferred : int, optional
            The current speaker, preferred antecedent for pronouns and
            descriptions when compatible.
        """
        if kind == "name":
            entity_id = self.entity_of_name(mention)
            return entity_id, "name" if entity_id is not None else "name-unknown"
        if kind == "pronoun":
            return self._resolve_pronoun(mention.lower(), position, preferred)
        return self._resolve_description(mention, position, preferred)

    def _compatible(self, entity: Entity, gender: str, number: str) -> bool:
        if number == "pl":
            return entity.kind in ("organisation", "group")
        if gender in ("m", "f"):
            return entity.kind in ("person", "unknown") and entity.gender in ("", gender)
        if gender == "n":
            return entity.kind == "organisation"
        return True

    def _resolve_pronoun(self, pronoun: str, position: int, preferred: int | None):
        info = _pronouns().get(pronoun)
        if info is None or info[2] in ("1", "2"):
            return None, "pronoun-first-or-second-person"
        gender, number = info[0], info[1]
        if preferred is not None and self._compatible(self.entities[preferred], gender, number):
            return preferred, f"pronoun->{self.entities[preferred].name} (current speaker)"
        recent = self.recent_entities(position)
        if gender in ("m", "f"):
            # people of that gender first, then people of unknown gender, then
            # unknown single names ("Voronkov" before his full name is seen)
            tiers = [
                [e for e in recent if self.entities[e].gender == gender],
                [e for e in recent if self.entities[e].kind == "person"],
                recent,
            ]
        else:
            tiers = [recent]
        for tier in tiers:
            for entity_id in tier:
                if self._compatible(self.entities[entity_id], gender, number):
                    return entity_id, f"pronoun->{self.entities[entity_id].name} (nearest)"
        return None, "pronoun-unresolved"

    def _resolve_description(self, description: str, position: int, preferred: int | None):
        words = [w.lower() for w in re.findall(r"[A-Za-z][\w\-]*", description)]
        content = [w for w in words if w not in _DETERMINERS]
        if not content:
            return None, "description-empty"
        head = content[-1]
        recent = self.recent_entities(position, limit=20)
        for entity_id in recent:
            if head in self.entities[entity_id].head_words():
                name = self.entities[entity_id].name
                return entity_id, f"descriptor->{name} (described as {head})"
        role = _role_nouns().get(head)
        if words[0] in ("a", "an") or role is None:
            # "a spokesman" introduces someone new; "the forecast" is nobody's role
            return None, "description-unresolved"
        wanted = "person" if role[1] == "person" else "organisation"
        if preferred is not None and self.entities[preferred].kind in (wanted, "unknown"):
            return preferred, f"descriptor->{self.entities[preferred].name} (current speaker)"
        return None, "description-unresolved"


_VERBISH = frozenset("also has have had was is are were said says told and or but to of".split())
_DETERMINERS = frozenset(
    "the a an this that these those his her their its our one two three several many some "
    "other another both most all".split()
)


@cache
def _pronouns() -> dict[str, tuple[str, str, str]]:
    return {row[0]: (row[1], row[2], row[3]) for row in read_table("pronouns.tsv")}


@cache
def _role_nouns() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in read_table("role_nouns.tsv") if len(row) > 2}


def role_noun_info(noun: str) -> tuple[str, str] | None:
    """(category, entity type) of a role noun from ``resources/role_nouns.tsv``."""
    return _role_nouns().get(noun.lower())


_APPOSITIVE = re.compile(r"\A,[ \u00a0]+((?:the|a|an)[ \u00a0][^,.;:“”\"()]{2,80}?)(?=,|\.|;|$)")
# Possessive quantifiers and the look-behind only cut the search short: a match
# never starts right after a letter (one starting there would be leftmost).
_PREMODIFIER = re.compile(r"(?<![A-Za-z])((?:[A-Za-z][\w’'\-]*+[ \u00a0]){1,5}+)\Z")


def build_entities(text: str, sentences: list[tuple[int, int, int]]) -> EntityIndex:
    """Find the named entities of an article and link their later mentions.

    Parameters
    ----------
    text : str
        The article text.
    sentences : list of (start, end, paragraph_index)
        Sentence spans from :func:`analysis.tokenize.sentence_spans`.

    Returns
    -------
    EntityIndex
    """
    paragraph_starts: list[int] = []
    last_paragraph = None
    for s_start, _, paragraph in sentences:
        if paragraph != last_paragraph:
            paragraph_starts.append(s_start)
            last_paragraph = paragraph
    index = EntityIndex(text, paragraph_starts)
    entities = index.entities
    has_body = len(paragraph_starts) > 1
    for s_start, s_end, paragraph in sentences:
        for match in NAME_PATTERN.finditer(text, s_start, s_end):
            m_start, m_end = match.span()
            if paragraph == 0 and has_body:
                skip, length = _headline_name_span(text[m_start:m_end])
                m_start, m_end = m_start + skip, m_start + skip + length
            entity_id = index.add_name(m_start, m_end, s_start)
            if entity_id is None:
                continue
            entity = entities[entity_id]
            appositive = text.startswith(",", m_end) and _APPOSITIVE.match(
                text[m_end : min(s_end, m_end + 90)]
            )
            if appositive:
                a_start = m_end + appositive.start(1)
                entity.descriptors.append((a_start, a_start + len(appositive.group(1)),
                                           appositive.group(1)))
            before = entity.kind == "person" and m_start - s_start > 2 and (
                text[m_start - 1] in " \u00a0"  # the pattern ends in a space
            ) and (
                _PREMODIFIER.search(text[max(s_start, m_start - 60) : m_start])
            )
            if before:
                phrase = _role_premodifier(before.group(1))
                if phrase:
                    p_end = m_start - 1
                    entity.descriptors.append((p_end - len(phrase), p_end, phrase))
    return index


def _headline_name_span(run: str) -> tuple[int, int]:
    """A title-case headline runs a name into the words around it ("Ann Lee Praises
    Bob Roe’s Plan", "Nine Things Ann Lee Has Said"): the run is cut to two words from
    its first first name (not a number: "Nine") when more than three follow it and none
    is an initial, a particle or a suffix (names of four plain words are rare; the body
    names people in full). Returns (characters skipped, length)."""
    words = run.rstrip(".").replace("\u00a0", " ").split(" ")  # (a headline's period)
    first = next((i for i, word in enumerate(words[:-1]) if first_name_gender(word)
                  and word.lower() not in read_word_list("quantity_words.txt")), None)
    if first is None or len(words) - first <= 3 or any(
            "." in word or word.lower() in _surname_particles() or len(word) < 2
            for word in words):
        return 0, len(run)
    skip = len(" ".join(words[:first])) + (1 if first else 0)
    return skip, len(" ".join(words[first : first + 2]))


@lru_cache(maxsize=8192)
def _role_premodifier(words_before: str) -> str:
    """The role phrase ending ``words_before`` (the words right before a person's
    name, "the Republican presidential nominee "), or "". Cached: the same
    phrases recur before names."""
    words = words_before.split()
    keep: list[str] = []
    for word in reversed(words):
        if word.lower() in _DETERMINERS or word in _stop_starts() or not (
            word.lower() in _role_nouns() or word[0].isupper() or keep
        ):
            break
        if word[0].islower() and word.lower() not in _role_nouns() and (
            word.endswith(("ed", "ing", "ly")) or word in _VERBISH
        ):
            break  # "also attacked billionaire X": a verb ends the role
        keep.insert(0, word)
    if keep and any(w.lower().strip("’'s") in _role_nouns() for w in keep):
        return " ".join(keep)
    return ""
