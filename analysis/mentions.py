"""Mentions of people and organisations, and the entities they refer to.

No parser model: names are runs of capitalised words; a name's first word is
checked against a first-name list (the ``gender-guesser`` package, extended by
``resources/first_names.tsv``) and honorifics (``resources/titles.tsv``);
organisations are recognised by their words (``resources/organisation_words.txt``).
Later mentions link to earlier entities by surname ("Voronkov", "Mr. Voronkov").
Pronouns and definite descriptions ("the Russian diplomat") are resolved by
:meth:`EntityIndex.resolve`, which the quote extractor calls with the current
speaker as its preferred antecedent.

Every resolution returns an evidence string saying which rule made the link.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .lexicons import read_table, read_word_list

__all__ = ["Entity", "EntityIndex", "build_entities", "first_name_gender", "NAME_PATTERN"]

_WORD = (
    r"(?:[A-Z][a-z]*[’'][A-Z][a-z]+"  # O’Malley
    r"|[A-Z][a-z]+[’'][a-rt-z][a-z]+"  # Da’esh (not a possessive ’s)
    r"|Mc[A-Z][a-z]+"
    r"|[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*"  # Smith, Holtz-Eakin
    r"|[A-Z]{2,}s?"  # UN, GOP, CEOs
    r"|[A-Z]\.(?:[A-Z]\.)*)"  # initials
)
# _WORD with the capital every alternative starts with taken out in front: a
# pattern that starts with a character class lets re skip ahead to capitals.
_FIRST_WORD = (
    r"[A-Z](?:[a-z]*[’'][A-Z][a-z]+|[a-z]+[’'][a-rt-z][a-z]+|(?<=M)c[A-Z][a-z]+"
    r"|[a-z]+(?:-[A-Z]?[a-z]+)*|[A-Z]+s?|\.(?:[A-Z]\.)*)"
)
_PARTICLE = r"(?:de|da|del|della|van|von|der|den|bin|al|la|le|du|dos|of|of the|and the|for)"
NAME_PATTERN = re.compile(
    rf"{_FIRST_WORD}\.?(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?{_WORD}\.?)*"
    r"(?:[ \u00a0](?:Jr|Sr|II|III)\.?)?"
)
_POSSESSIVE = re.compile(r"[’']s?$")


@cache
def _titles() -> dict[str, str]:
    return {row[0].lower(): (row[1] if len(row) > 1 else "x") for row in read_table("titles.tsv")}


@cache
def _stop_starts() -> frozenset[str]:
    return read_word_list("speaker_stopwords.txt")


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
    verdict = _gender_detector().get_gender(name)
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f",
            "andy": "x"}.get(verdict, "")


@dataclass
class Entity:
    """A person or organisation the article mentions."""

    id: int
    name: str
    kind: str = "unknown"  # person / organisation / group / unknown
    gender: str = ""  # m / f / '' (unknown)
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


_OPENERS = " \u00a0\t\n“\"‘'(["


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
    tokens = surface.replace("\u00a0", " ").split(" ")
    stop = _stop_starts()
    skipped = 0
    while tokens and tokens[0] in stop:
        skipped += len(tokens[0]) + 1
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
    name_tokens = tokens[n_title:]
    if not is_organisation and (not name_tokens or (
        not n_title and len(name_tokens) == 1 and tokens[0].isupper() and len(tokens[0]) <= 4
    )):
        return None  # a bare acronym ("UN", "ISIL") is not a speaker name on its own
    first_gender = ""
    first_index = None
    if not is_organisation:
        for i, token in enumerate(name_tokens[:-1]):
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
    n_title_tokens, first-name index or None, gender)``, or None."""
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
            n_title, first_index, title_gender or first_gender)


@lru_cache(maxsize=20000)
def _run_parts(run: str):
    """:func:`_name_parts` of a run as the name pattern matched it, with what
    :meth:`EntityIndex.add_name` derives from them (the length left once a final
    '.' that is no initial or title is dropped, the name and surname in lower
    case), so a recurring run costs one look-up. None when it names nobody."""
    length = len(run)
    while length and run[length - 1] == "." and not _keeps_period(run[:length]):
        length -= 1
    parts = _name_parts(run[:length])
    if parts is None:
        return None
    return (length, *parts, parts[2].lower(), parts[4].lower())


# Any character but the openers that may precede a sentence's first word.
_NOT_OPENER = re.compile(r"[^ \u00a0\t\n“\"‘'(\[]")


# recent_entities walks back this many named mentions before it reads a table of
# the last _RECENT_LIMIT distinct entities at each mention.
_RECENT_WALK = 64
_RECENT_LIMIT = 20


class EntityIndex:
    """Entities of one article and the mentions that name them, in text order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self._by_surname: dict[str, int] = {}
        self._by_name: dict[str, int] = {}
        self._positions: list[int] = []  # start offsets of named mentions, sorted
        self._position_entity: list[int] = []
        self._recent: list[tuple[int, ...]] = []  # see _recent_table

    # -- building -------------------------------------------------------
    def add_name(self, start: int, end: int, sentence_start: int) -> int | None:
        """Register a capitalised name at ``text[start:end]``; return its entity id."""
        text = self.text
        parts = _run_parts(text[start:end])
        if parts is None:
            return None
        (length, skipped, name_tokens, name, descriptor, surname, is_organisation, n_title,
         first_index, gender, name_key, surname_key) = parts
        end = start + length
        start += skipped
        name_start = text.find(name_tokens[0], start) if descriptor else start
        if is_organisation:
            entity_id = self._by_name.get(name_key)
            if entity_id is None:
                entity_id = self._new_entity(name, "organisation")
                self._by_name[name_key] = entity_id
            how = "organisation-name"
        else:
            if len(name_tokens) > 1 and first_index is not None:
                entity_id = self._link_full_name(name_tokens, surname, gender)
                how = "full-name"
            elif n_title or (
                # a word before the name in its sentence (regex: no slice of the sentence)
                _NOT_OPENER.search(text, sentence_start, start) if sentence_start >= 0
                else text[sentence_start:start].strip(_OPENERS)
            ):
                entity_id = self._by_surname.get(surname_key)
                if entity_id is None and len(name_tokens) > 1:
                    entity_id = self._by_name.get(name_key)
                if entity_id is None:
                    kind = "person" if n_title else "unknown"
                    entity_id = self._new_entity(name, kind, gender=gender, surname=surname)
                    self._by_surname.setdefault(surname_key, entity_id)
                    self._by_name[name_key] = entity_id
                    how = "new-name"
                else:
                    how = "surname"
                    if gender and not self.entities[entity_id].gender:
                        self.entities[entity_id].gender = gender
            else:
                # sentence-initial capitalised word: only a name if already known
                entity_id = self._by_surname.get(surname_key)
                if entity_id is None:
                    entity_id = self._by_name.get(name_key)
                if entity_id is None:
                    return None
                how = "surname"
        entity = self.entities[entity_id]
        entity.mentions.append((start, end, text[start:end], how))
        if descriptor:
            entity.descriptors.append((start, name_start, descriptor))
        positions = self._positions
        if not positions or positions[-1] <= start:
            # names are found in text order: the common case appends
            positions.append(start)
            self._position_entity.append(entity_id)
        else:
            index = bisect.bisect(positions, start)
            positions.insert(index, start)
            self._position_entity.insert(index, entity_id)
            del self._recent[index:]  # the recent-entity rows from here on changed
        return entity_id

    def _new_entity(self, name: str, kind: str, gender: str = "", surname: str = "") -> int:
        entity = Entity(id=len(self.entities), name=name, kind=kind, gender=gender,
                        surname=surname)
        self.entities.append(entity)
        return entity.id

    def _link_full_name(self, tokens: list[str], surname: str, gender: str) -> int:
        first = tokens[0]
        name = " ".join(tokens)
        name = _POSSESSIVE.sub("", name)
        if name.lower() in self._by_name:
            known = self._by_name[name.lower()]
            self._by_surname[surname.lower()] = known  # a later "Clinton" means this one
            return known
        known = self._by_surname.get(surname.lower())
        if known is not None:
            entity = self.entities[known]
            if not entity.first_name or entity.first_name == first:
                entity.first_name = first
                entity.kind = "person"
                entity.gender = entity.gender or gender
                if len(name) > len(entity.name) or not entity.first_name:
                    entity.name = name
                self._by_name[name.lower()] = known
                return known
        entity_id = self._new_entity(name, "person", gender=gender, surname=surname)
        self.entities[entity_id].first_name = first
        # the most recent full name wins the surname (a later "Clinton" means her)
        self._by_surname[surname.lower()] = entity_id
        self._by_name[name.lower()] = entity_id
        return entity_id

    # -- queries --------------------------------------------------------
    def entity_of_name(self, surface: str) -> int | None:
        """Entity id for a name as written ("Mr. Voronkov", "Clinton", "the White House")."""
        tokens = [t for t in surface.replace("\u00a0", " ").split(" ") if t]
        while tokens and tokens[0] in _stop_starts():
            tokens = tokens[1:]
        if not tokens:
            return None
        joined = " ".join(tokens).lower()
        if joined in self._by_name:
            return self._by_name[joined]
        n_title, _ = _split_title(tokens)
        name_tokens = tokens[n_title:] or tokens
        surname = _POSSESSIVE.sub("", name_tokens[-1]).rstrip(".").lower()
        return self._by_name.get(" ".join(name_tokens).lower(), self._by_surname.get(surname))

    def last_mention(self, lo: int, hi: int) -> tuple[int, int] | None:
        """Span of the last named mention starting in ``[lo, hi)``, if any."""
        return self._mention_at(bisect.bisect_left(self._positions, hi) - 1, lo, hi)

    def first_mention(self, lo: int, hi: int) -> tuple[int, int] | None:
        """Span of the first named mention starting in ``[lo, hi)``, if any."""
        return self._mention_at(bisect.bisect_left(self._positions, lo), lo, hi)

    def _mention_at(self, index: int, lo: int, hi: int) -> tuple[int, int] | None:
        if not 0 <= index < len(self._positions) or not lo <= self._positions[index] < hi:
            return None
        start = self._positions[index]
        for m_start, m_end, _, _ in self.entities[self._position_entity[index]].mentions:
            if m_start == start:
                return m_start, m_end
        return None

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
    index = EntityIndex(text)
    entities = index.entities
    for s_start, s_end, _ in sentences:
        for match in NAME_PATTERN.finditer(text, s_start, s_end):
            m_start, m_end = match.span()
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
