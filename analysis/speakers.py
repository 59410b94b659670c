"""Speaker profiles: who is mentioned or quoted, how each is described, with which verbs.

Built on :func:`analysis.quotes.attribute` (quotes and the entity index of
:mod:`analysis.mentions`), with plain-Python passes and one DataFrame at the end:

1. **Rows.** One row per entity of the index. An ``unknown`` entity whose every
   mention sits inside one other entity's description ("Russian" inside "the
   Russian diplomat") or in parentheses right after it ("Islamic State (ISIL/Da'esh)")
   is the same row. A quote whose speaker is a description that names nobody
   known ("the poll") gets its own row.
2. **Mentions.** Names from the index; the speaker mentions of the quotes
   (pronouns, descriptions); other ``he``/``she`` pronouns and ``the``-descriptions
   outside quotation marks, resolved by :meth:`EntityIndex.resolve`. Each keeps
   the index's evidence in ``how``.
3. **Roles.** Descriptions from the index (appositives, titles before names,
   descriptions used as speaker mentions), appositives without an article
   ("Smith, director of the agency,"), and roles read from verbs
   (``resources/role_verbs.tsv``: "X directs the Office" -> "director of the
   Office"). Roles are normalised (article dropped, title abbreviations
   expanded, relative clauses cut, "diplomat and security expert" split) and
   deduplicated, keeping every occurrence's offsets.
4. **Affiliation, nationality, role category** are read from the roles with
   ``resources/acronyms.tsv``, ``resources/demonyms.tsv``,
   ``resources/role_nouns.tsv`` and ``resources/role_titles.tsv``.
5. **Voice.** Quote counts, words, reporting-verb lemmas and stance classes
   (``resources/reporting_verbs.tsv`` via :func:`analysis.quotes.reporting_cues`).

Every lexicon can be extended per call (``role_nouns=``, ``role_verbs=``,
``demonyms=``, ``acronyms=``: a dict or a path to a file in the shipped format).
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate
from operator import itemgetter
from pathlib import Path

import pandas as pd

from ._gc import paused_gc
from .article import Article
from .coref import entity_kind
from .lexicons import prefix_tree, read_table, read_word_list, regular_verb_forms, tree_regex
from .mentions import NAME_PATTERN, EntityIndex
from .quotes import Attribution, Quote, attribute, cue_sense, reporting_cues

__all__ = ["speaker_profiles", "profile_records", "PROFILE_COLUMNS", "ProfileLexicons",
           "profile_lexicons"]

PROFILE_COLUMNS = [
    "article", "speaker", "entity_type", "mentions", "roles", "affiliation", "nationality",
    "role_category", "n_quotes", "n_direct", "n_indirect", "words_quoted",
    "share_of_quoted_words", "reporting_verbs", "verb_stance", "first_mention_offset",
    "aliases",
]

_SPACE = re.compile(r"[\s\u00a0]+")
_WORDS = re.compile(r"\w+")
_DETERMINER = re.compile(r"(?:the|a|an)[ \u00a0]+", re.I)
# articles, conjunctions and demonstratives a description can start with
_LEADING_WORDS = frozenset("the a an and or but that this these those".split())
# finite verbs and subject pronouns: an appositive with one is a clause, not a role
_CLAUSE_WORDS = re.compile(
    r"(?<![\w’'-])(?:is|was|are|were|be|been|has|have|had|will|would|can|could|should|may|might|"
    r"must|do|does|did|became|become|said|says|told|I|he|she|we|they|you|it|[Yy]ou[’']re|"
    r"[Ii]t[’']s|[Hh]e[’']s|[Ss]he[’']s)(?![\w’'-])")
_LEADING_FILLER = re.compile(r"(?:the|a|an|and|or|but|that|this|these|those)[ \u00a0]+", re.I)
_RELATIVE = re.compile(r"(?:,|[ \u00a0](?:who|whom|whose|which|that|where|when)[ \u00a0])")
_COORDINATION = re.compile(r"(?:,?[ \u00a0]+and[ \u00a0]+|[ \u00a0]*&[ \u00a0]*)")
_HEAD_BOUNDARY = frozenset(
    "of at for in with on to from by under over among amongst throughout during against since "
    "after before about between across within without into than".split()
)
_CONDITIONAL = re.compile(r"\b(?:[Ii]f|[Uu]nless|[Ww]hether|[Ww]hen|[Oo]nce)[ \u00a0]+\Z")
_NEGATIONS = frozenset("not never no".split())
# adverbs between a copula and its complement ("is now a fellow", "is not the nominee")
_COMPLEMENT_ADVERB = re.compile(
    r"(not|never|no[ \u00a0]+longer|now|also|still|currently|perhaps|probably|once|already|"
    r"formerly|only|just|arguably|reportedly|likely)[ \u00a0]+", re.I)
# words that may stand between a subject and its role verb ("X, who also heads")
_SUBJECT_GLUE = frozenset("who also currently now still formerly previously once later then "
                          "has had now".split())
_OBJECT_STOP = frozenset(
    "who whom whose which that where when while since until because but or as after before "
    "than if though although so yet nor said says".split()
)
_DETERMINERS = frozenset("the a an".split())
_PRONOUN_WORDS = frozenset("i we you he she they it this that these those there".split())
# he/she pronouns and "the" descriptions at a word start; one set of first letters comes
# before the look-behind so that the regex engine skips ahead to candidate letters
_PRONOUN = re.compile(r"[HhSs](?<![\w’'-][HhSs])(?:(?<=[Hh])(?:e|im|is|imself|er|ers|erself)|"
                      r"(?<=[Ss])he)(?![\w’'-])")
_DESCRIPTION = re.compile(r"[Tt](?<![\w’'-][Tt])he[ \u00a0]+((?:[\w’'.\-]+[ \u00a0]+){0,3}?)"
                          r"([a-z][a-z\-]+)(?![\w’'-])")
_APPOSITION_BARE = re.compile(r"\A,[ \u00a0]+((?![Tt]he |[Aa]n? )[^,.;:“”\"()]{3,90}?)"
                              r"(?=,|\.(?:\s|$)|;|$)")
_APPOSITION_BEFORE = re.compile(r"(?:^|[\s“\"(])((?:[Tt]he|[Aa]n?|[A-Z][\w.\-]*[’']s)[ \u00a0]"
                                r"[^,.;:“”\"()]{1,70}?),"
                                r"[ \u00a0]*\Z")


# ---------------------------------------------------------------------------
# lexicons
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ProfileLexicons:
    """The lexicons one call of :func:`speaker_profiles` uses.

    Attributes
    ----------
    role_nouns : dict
        Role noun (lower case) -> ``(category, entity type)``.
    titles : dict
        Title or role head (lower case, no final period) -> ``(full form, category)``.
    role_verbs : list of (form, role noun, preposition, check)
        Every verb form with the role it implies.
    demonyms : dict
        Country, short form or demonym as written -> demonym ("Russia" -> "Russian").
    acronyms : dict
        Short form as written -> organisation ("UN" -> "United Nations").
    """

    role_nouns: dict[str, tuple[str, str]]
    titles: dict[str, tuple[str, str]]
    role_verbs: list[tuple[str, str, str, str]]
    demonyms: dict[str, str]
    acronyms: dict[str, str]
    _patterns: dict = field(default_factory=dict, compare=False, repr=False)
    _memos: dict = field(default_factory=dict, compare=False, repr=False)

    def _memoised(self, function, phrase: str):
        """``function(phrase, self)`` for a pure function of a phrase and these lexicons,
        remembered: the same role words come back in every article. A memo is emptied
        when full, so memory stays flat over a long collection run."""
        memo = self._memos.get(function)
        if memo is None:
            memo = self._memos[function] = {}
        value = memo.get(phrase, _MISSING)
        if value is _MISSING:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            value = memo[phrase] = function(phrase, self)
        return value

    def pattern(self, name: str) -> re.Pattern:
        """Compiled alternation of the surface forms of one lexicon (longest first)."""
        if name not in self._patterns:
            if name == "role_verbs":
                forms = [row[0] for row in self.role_verbs]
            else:
                forms = list(getattr(self, name))
            self._patterns[name] = _form_pattern(forms)
        return self._patterns[name]

    def role_info(self, word: str) -> tuple[str, str] | None:
        """``(category, entity type)`` of a role word or title, or None."""
        return self._memoised(_role_info, word)


def _role_info(word: str, lex: ProfileLexicons) -> tuple[str, str] | None:
    key = word.lower().strip(".’'")
    # a capitalised title ("Representative Smith", "Father Hamel") reads as in
    # role_titles.tsv; a lower-case noun ("a representative") as in role_nouns.tsv
    title_first = word[:1].isupper()
    for candidate in (key, key[:-1] if key.endswith("s") else key, _POSSESSIVE_S.sub("", key)):
        title = lex.titles.get(candidate)
        if title_first and title and title[1]:
            return title[1], "person"
        if candidate in lex.role_nouns:
            return lex.role_nouns[candidate]
        if title and title[1]:
            return title[1], "person"
    return None


_POSSESSIVE_S = re.compile(r"[’']s$")
_MISSING = object()
_MEMO_SIZE = 20_000
_SPACES = r"[ \u00a0]+"  # what a space in a lexicon form matches


def _form_pattern(forms) -> re.Pattern:
    """The longest of ``forms`` starting at a word start, as a regex.

    The forms make a prefix tree, each first character written before the
    look-behind: the regex engine then skips ahead to candidate letters instead of
    trying every form at every position. The tree tries longer forms first, so the
    matches are those of a plain longest-first alternation of the forms.
    """
    forms = set(forms)
    if any(not f or f[0].isspace() or re.search(r"[^\S ]", f) for f in forms):
        # an empty form, a leading space, a tab or no-break space (only ever in a user's
        # lexicon) breaks the one-path-per-text premise of the tree: plain alternation
        plain = "|".join(map(_form_regex, sorted(forms, key=len, reverse=True)))
        return re.compile(rf"(?<![\w’'.-])(?:{plain})(?![\w-]|\.\w)")
    tree = prefix_tree(forms)
    branches = [rf"{re.escape(first)}(?<![\w’'.-]{re.escape(first)})"
                + tree_regex(node, space=_SPACES) for first, node in sorted(tree.items())]
    body = "|".join(branches) or "(?!)"
    return re.compile(rf"(?:{body})(?![\w-]|\.\w)")


def _form_regex(form: str) -> str:
    """A form as a regex: its spaces match any run of spaces and no-break spaces."""
    return re.escape(form).replace(r"\ ", _SPACES)


def _role_verb_forms(lemma: str) -> list[str]:
    """Present and past forms of a role verb, phrase included ("serve as" -> "served as")."""
    first, _, rest = lemma.partition(" ")
    return [f"{form} {rest}".strip() for form in regular_verb_forms(first)[:3]]


def _table_rows(source) -> list[tuple[str, ...]]:
    """Rows of a tab-separated lexicon file (comments and blank lines skipped)."""
    rows = []
    for raw in Path(source).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("#") else ""
        if line.strip():
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return rows


def _cell(row: tuple[str, ...], i: int, default: str = "") -> str:
    return row[i] if len(row) > i and row[i] else default


def _role_noun_rows(rows) -> dict[str, tuple[str, str]]:
    return {r[0].lower(): (_cell(r, 1), _cell(r, 2, "person")) for r in rows if r and r[0]}


def _title_rows(rows) -> dict[str, tuple[str, str]]:
    return {r[0].lower().rstrip("."): (_cell(r, 1), _cell(r, 2)) for r in rows if r and r[0]}


def _verb_rows(rows) -> list[tuple[str, str, str, str]]:
    verbs = []
    for r in rows:
        if not r or not r[0]:
            continue
        forms = [f.strip() for f in _cell(r, 3).split(",") if f.strip()] or _role_verb_forms(r[0])
        verbs.extend((form, _cell(r, 1), _cell(r, 2), _cell(r, 4)) for form in forms)
    return verbs


def _demonym_rows(rows) -> dict[str, str]:
    table: dict[str, str] = {}
    for r in rows:
        if len(r) < 2:
            continue
        demonym = r[1]
        for surface in [r[0], demonym, *_cell(r, 2).split(",")]:
            if surface.strip():
                table.setdefault(surface.strip(), demonym)
    return table


def _acronym_rows(rows) -> dict[str, str]:
    return {r[0]: r[1] for r in rows if len(r) > 1}


_PARSERS = {
    "role_nouns": _role_noun_rows,
    "role_verbs": _verb_rows,
    "demonyms": _demonym_rows,
    "acronyms": _acronym_rows,
}


def _dict_rows(name: str, extra: dict) -> list[tuple[str, ...]]:
    """A user dict as lexicon rows ("apiarist": "expert/academic" or a tuple of cells)."""
    rows = []
    for key, value in extra.items():
        cells = value if isinstance(value, (tuple, list)) else (value,)
        if name == "role_verbs":
            # {"curates": ("curator", "of")}: the key is the form itself
            cells = (*cells, "", "")[:2]
            rows.append((key, cells[0], cells[1], key, ""))
        elif name == "demonyms":
            rows.append((key, str(cells[0])))
        else:
            rows.append((key, *map(str, cells)))
    return rows


@cache
def _default_lexicons() -> ProfileLexicons:
    return ProfileLexicons(
        role_nouns=_role_noun_rows(read_table("role_nouns.tsv")),
        titles=_title_rows(read_table("role_titles.tsv")),
        role_verbs=_verb_rows(read_table("role_verbs.tsv")),
        demonyms=_demonym_rows(read_table("demonyms.tsv")),
        acronyms=_acronym_rows(read_table("acronyms.tsv")),
    )


def profile_lexicons(
    role_nouns: dict | str | Path | None = None,
    role_verbs: dict | str | Path | None = None,
    demonyms: dict | str | Path | None = None,
    acronyms: dict | str | Path | None = None,
) -> ProfileLexicons:
    """The shipped lexicons, extended by the given dicts or files (extra entries win).

    Parameters
    ----------
    role_nouns : dict or path, optional
        ``{"apiarist": "expert/academic"}`` or ``{"apiarist": ("expert/academic",
        "person")}``, or a file in the format of ``resources/role_nouns.tsv``.
    role_verbs : dict or path, optional
        ``{"curates": ("curator", "of")}`` (a form and the role it implies), or a
        file in the format of ``resources/role_verbs.tsv``.
    demonyms : dict or path, optional
        ``{"Ruritania": "Ruritanian"}``, or a file like ``resources/demonyms.tsv``.
    acronyms : dict or path, optional
        ``{"WFP": "World Food Programme"}``, or a file like ``resources/acronyms.tsv``.

    Returns
    -------
    ProfileLexicons

    Examples
    --------
    >>> lex = profile_lexicons(role_nouns={"apiarist": "expert/academic"})
    >>> lex.role_info("apiarist")
    ('expert/academic', 'person')
    """
    base = _default_lexicons()
    extras = {"role_nouns": role_nouns, "role_verbs": role_verbs, "demonyms": demonyms,
              "acronyms": acronyms}
    if all(v is None for v in extras.values()):
        return base
    values = {"role_nouns": dict(base.role_nouns), "role_verbs": list(base.role_verbs),
              "demonyms": dict(base.demonyms), "acronyms": dict(base.acronyms)}
    for name, extra in extras.items():
        if extra is None:
            continue
        if isinstance(extra, dict):
            rows = _dict_rows(name, extra)
        else:
            rows = _table_rows(extra)
        parsed = _PARSERS[name](rows)
        if isinstance(parsed, list):
            values[name] = parsed + values[name]
        else:
            values[name].update(parsed)
    return ProfileLexicons(titles=base.titles, **values)


@cache
def _organisation_words() -> frozenset[str]:
    return read_word_list("organisation_words.txt")


# ---------------------------------------------------------------------------
# rows: entities, merged
# ---------------------------------------------------------------------------
class _Row:
    """One row of the profile table while it is built (a plain class with slots: an
    article makes a few dozen, and a dataclass's default factories cost more)."""

    __slots__ = ("name", "kind", "entity_ids", "mentions", "descriptions", "roles", "role_spans",
                 "quotes", "aliases")

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        self.entity_ids: list[int] = []
        self.mentions: dict[tuple[int, int], str] = {}  # span -> how
        self.descriptions: list[tuple[int, int, str]] = []  # span, source
        self.roles: dict[str, dict] = {}
        self.role_spans: dict[str, set[tuple[int, int]]] = {}  # each role's spans, as a set
        self.quotes: list[Quote] = []
        self.aliases: list[str] = []


def _merge_targets(text: str, index: EntityIndex, quote_spans) -> tuple[dict[int, int], set[int]]:
    """Entity id -> id of the entity it is part of (itself when it stands alone).

    Also returns the ids merged as aliases (named in parentheses after their
    owner), as opposed to words of the owner's descriptions.
    """
    entities = index.entities
    described = [(s, t, e.id) for e in entities for s, t, _ in e.descriptors]
    described += [(s, t, entity_id) for entity_id, spans in quote_spans.items() for s, t in spans]
    candidates = [e for e in entities if e.kind in ("unknown", "organisation") and e.mentions]
    enclosing = _enclosing_owners(described, [(s, t) for e in candidates
                                              for s, t, _, _ in e.mentions])
    mention_ends = None  # built at the first "(" before a mention: most articles have none
    target = {e.id: e.id for e in entities}
    aliases: set[int] = set()
    for entity in candidates:
        owners = set()
        for start, end, _, _ in entity.mentions:
            holders = enclosing.get((start, end), set()) - {entity.id}
            if text.rfind("(", max(0, start - 40), start) >= 0:
                if mention_ends is None:
                    mention_ends = {end: e.id for e in entities for _, end, _, _ in e.mentions}
                holders |= _parenthesis_owner(text, mention_ends, start, entity.id)
            if not holders:
                owners = set()
                break
            owners |= holders
        if len(owners) != 1:
            continue
        in_parentheses = _in_parentheses_only(text, entity)
        if entity.kind == "unknown" or in_parentheses:
            target[entity.id] = owners.pop()
            if in_parentheses:
                aliases.add(entity.id)
    # one name, one row: the index may hold "Bill Clinton" twice
    by_name: dict[str, int] = {}
    for entity in entities:
        key = _name_key(entity.name)
        if key in by_name and target[entity.id] == entity.id:
            target[entity.id] = by_name[key]
        else:
            by_name.setdefault(key, entity.id)
    # follow chains (a -> b -> c)
    for entity_id in target:
        if target[entity_id] == entity_id:
            continue  # most entities stand alone
        seen = {entity_id}
        while target[target[entity_id]] not in seen:
            seen.add(target[target[entity_id]])
            target[entity_id] = target[target[entity_id]]
    return target, aliases


def _enclosing_owners(described: list[tuple[int, int, int]],
                      spans: list[tuple[int, int]]) -> dict[tuple[int, int], set[int]]:
    """For each span held by at least one ``described`` span ``(start, end, owner)``,
    the owners of the spans that hold it.

    One sweep in start order: the described spans still open at a span's start are
    the only candidates, and those are a handful (a pass over every described span
    for every mention was quadratic on long articles).
    """
    described = sorted(described)
    found: dict[tuple[int, int], set[int]] = {}
    open_spans: list[tuple[int, int]] = []  # heap of (end, owner)
    next_described = 0
    for start, end in sorted(set(spans)):
        while next_described < len(described) and described[next_described][0] <= start:
            _, d_end, owner = described[next_described]
            heapq.heappush(open_spans, (d_end, owner))
            next_described += 1
        while open_spans and open_spans[0][0] < start:
            heapq.heappop(open_spans)  # ended before this span starts: holds no later one
        owners = {owner for d_end, owner in open_spans if d_end >= end}
        if owners:
            found[(start, end)] = owners
    return found


def _in_parentheses_only(text: str, entity) -> bool:
    return all(text.rfind("(", max(0, s - 40), s) > text.rfind(")", max(0, s - 40), s)
               for s, _, _, _ in entity.mentions)


def _parenthesis_owner(text: str, mention_ends: dict[int, int], start: int,
                       entity_id: int) -> set[int]:
    """``Islamic State (ISIL/Da'esh)``: the entity named right before the parenthesis."""
    open_at = text.rfind("(", max(0, start - 40), start)
    if open_at < 0 or ")" in text[open_at:start] or not re.fullmatch(
        r"[\w’'.\-/, \u00a0]*", text[open_at + 1 : start]
    ):
        return set()
    owner = mention_ends.get(len(text[:open_at].rstrip(" \u00a0")))
    return {owner} if owner is not None and owner != entity_id else set()


# ---------------------------------------------------------------------------
# role normalisation
# ---------------------------------------------------------------------------
def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \u00a0\t\n,;:“”\"‘’'()—–-":
        start += 1
    while end > start and text[end - 1] in " \u00a0\t\n,;:.“”\"‘’'()—–-":
        if text[end - 1] == "." and _keeps_final_period(text[start:end]):
            break
        end -= 1
    return start, end


@lru_cache(maxsize=20_000)
def _keeps_final_period(phrase: str) -> bool:
    """A final period that belongs to the word: "U.S.", "Gov.", "J." (not a sentence end)."""
    last = phrase.rsplit(None, 1)[-1] if phrase.split() else ""
    bare = last[:-1]
    return bool(bare) and ("." in bare or len(bare) == 1 or bool(
        _default_lexicons().titles.get(bare.lower(), ("", ""))[0]
    ) or bare.lower() in _name_titles())


@cache
def _name_titles() -> frozenset[str]:
    """Honorifics of ``resources/titles.tsv`` ("Mr", "Gov"): their period is not a sentence end."""
    return frozenset(row[0].lower() for row in read_table("titles.tsv"))


@lru_cache(maxsize=20_000)
def _head_word(phrase: str) -> str:
    """The head noun of a role phrase: the last word before its first preposition."""
    words = [w for w in _SPACE.split(phrase) if w]
    head_words = []
    for word in words:
        if word.lower() in _HEAD_BOUNDARY and head_words:
            break
        head_words.append(word)
    return head_words[-1].strip(",.;:’'") if head_words else ""


def _role_category(phrase: str, lex: ProfileLexicons) -> str:
    """Category of a role from its head noun ("press secretary": two-word heads first)."""
    return lex._memoised(_phrase_category, phrase)


def _phrase_category(phrase: str, lex: ProfileLexicons) -> str:
    words = [w.strip(",.;:’'") for w in _SPACE.split(phrase) if w]
    head = _head_word(phrase)
    if not head:
        return ""
    index = max((i for i, w in enumerate(words) if w == head), default=len(words) - 1)
    if index >= 1:
        two = f"{words[index - 1]} {words[index]}".lower()
        if lex.titles.get(two, ("", ""))[1]:
            return lex.titles[two][1]
    info = lex.role_info(head)
    return info[0] if info else ""


def _has_role_word(phrase: str, lex: ProfileLexicons) -> bool:
    return bool(_role_category(phrase, lex))


def _expand_titles(phrase: str, lex: ProfileLexicons) -> str:
    """``Former Florida Gov.`` -> ``Former Florida Governor`` (role_titles.tsv full forms)."""
    expanded = []
    for word in phrase.split(" "):
        full = lex.titles.get(word.lower().rstrip("."), ("", ""))[0]
        expanded.append(full if full and word[:1].isupper() else word)
    return " ".join(expanded)


_DOTTED = re.compile(r"\.(?:[A-Z]\.)+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _role_parts(text: str, start: int, end: int, lex: ProfileLexicons):
    """Normalised role phrases in ``text[start:end]``: ``(start, end, role)`` each."""
    start, end = _trim(text, start, end)
    clause = _RELATIVE.search(text, start, end)
    if clause:
        start, end = _trim(text, start, clause.start())
    while True:
        lead = _LEADING_FILLER.match(text, start, end)
        if not lead:
            break
        start = lead.end()
    dotted = _DOTTED.match(text[end : end + 8])
    if dotted and text[end - 1 : end].isupper():
        end += dotted.end()  # "deputy chief of mission for the U.S." cut at "U"
    # "... Association stated": a last word that is a cue goes (the phrase ends in no space)
    segment = text[start:end]
    cut = max(segment.rfind(" "), segment.rfind("\u00a0"))
    if cut > 0 and segment[cut + 1 :].lower() in reporting_cues():
        before = segment[:cut].rstrip(" \u00a0")
        if before:
            start, end = _trim(text, start, start + len(before))
    if end - start < 2:
        return []
    # "the Russian diplomat and security expert": two roles when both halves have one
    pieces = [(start, end)]
    for match in _COORDINATION.finditer(text, start, end):
        left = (pieces[-1][0], match.start())
        right = (match.end(), end)
        if _has_role_word(text[left[0] : left[1]], lex) and _has_role_word(
            text[right[0] : right[1]], lex
        ):
            pieces[-1] = left
            pieces.append(right)
    parts = []
    for p_start, p_end in pieces:
        p_start, p_end = _trim(text, p_start, p_end)
        determiner = _DETERMINER.match(text, p_start, p_end)
        if determiner:
            p_start = determiner.end()
        phrase = _SPACE.sub(" ", text[p_start:p_end]).strip()
        if not _LATIN_LETTER.search(phrase) or len(phrase.split()) > 15:
            continue
        parts.append((p_start, p_end, _expand_titles(phrase, lex)))
    return parts


def _descriptor_source(text: str, row: _Row, mentions: _SpanSet, start: int, end: int) -> str:
    """title (before or inside a name), description (a speaker mention) or appositive.

    ``mentions`` are the entity's mention spans: a descriptor inside one, or followed
    by one with only spaces between, is a title. Looked up by bisection (an entity
    named a thousand times with a thousand descriptors was quadratic, and slicing the
    text between them cubic)."""
    if (start, end) in row.mentions:
        return "description"
    if mentions.contains(start, end):
        return "title"
    # the first mention at or after the descriptor's end: if only spaces come between
    # them, so they do for any later one, and the other way round
    j = bisect.bisect_left(mentions.starts, end)
    if j < len(mentions.starts) and _SPACE_RUN.match(text, end).end() >= mentions.starts[j]:
        return "title"
    return "appositive"


_SPACE_RUN = re.compile(r"[ \u00a0]*")


_INNER_LOWER_WORD = re.compile(r"(?<=[ \u00a0])([a-z]+)(?=[ \u00a0])")


def _premodifier_start(text: str, start: int, end: int, source: str, lex) -> int:
    """``excerpts from bestselling author Dinesh D'Souza``: the role after the last preposition."""
    if source != "title":
        return start
    for match in reversed(list(_INNER_LOWER_WORD.finditer(text[start:end]))):
        if match.group(1) in _HEAD_BOUNDARY:
            rest = start + match.end()
            if _role_category(text[rest:end], lex):
                return rest
            break
    return start


_DESCRIPTION_WORD = re.compile(r"[\w’'\-]+")
_LIST_GOES_ON = re.compile(r"[ \u00a0]*,?[ \u00a0]*(?:and|or)[ \u00a0]")


def _plausible_description(text: str, start: int, end: int, source: str, lex,
                           kind: str = "person", person_ends: frozenset = frozenset()) -> bool:
    """Keep titles with a known role word, and appositives that are roles, not list items."""
    phrase = text[start:end]
    words = _DESCRIPTION_WORD.findall(phrase)
    if not words:
        return False
    if source == "title":
        return bool(_role_category(phrase.strip(" \u00a0"), lex))
    if source == "description":
        # "that Clinton", "Mr. Trump": a name, not a description
        return any(w[:1].islower() for w in words if w.lower() not in _LEADING_WORDS) or bool(
            _role_category(phrase, lex))
    if _CLAUSE_WORDS.search(phrase) or _trimmed_end(text, start, end) in person_ends:
        return False  # a clause, or another person's name ("Deputy Chief of Staff Jake Sullivan")
    if any(lex.role_info(w) for w in words):
        return True
    if _LIST_GOES_ON.match(text[end : end + 8]):
        return False  # "Obama, the liberals, and the judge": a list
    return kind == "organisation" and words[0].lower() in ("a", "an")  # "a global event"


def _trimmed_end(text: str, start: int, end: int) -> int:
    return _trim(text, start, end)[1]


def _add_role(row: _Row, text: str, span: tuple[int, int], role: str, source: str,
              lex: ProfileLexicons) -> None:
    key = role.casefold()
    if key == row.name.casefold():
        return
    entry = row.roles.get(key)
    if entry is None:
        row.roles[key] = {
            "role": role, "text": text[span[0] : span[1]], "start": span[0], "end": span[1],
            "source": source, "category": _role_category(role, lex), "spans": [list(span)],
        }
        row.role_spans[key] = {tuple(span)}
    elif tuple(span) not in row.role_spans[key]:  # a set: a role said 1,000 times stays linear
        row.role_spans[key].add(tuple(span))
        entry["spans"].append(list(span))


def _collapse_roles(roles: dict[str, dict], role_spans: dict[str, set]) -> list[dict]:
    """Drop a role that ends another one ("official" inside "UN official"), keeping its spans.

    ``role_spans`` holds each role's spans as a set (see :func:`_add_role`)."""
    keys = sorted(roles, key=len, reverse=True)
    kept: list[str] = []
    # every word-boundary ending of a kept role -> the first kept role it ends
    endings: dict[str, str] = {}
    for key in keys:
        longer = endings.get(key)
        if longer:
            for span in roles[key]["spans"]:
                if tuple(span) not in role_spans[longer]:
                    role_spans[longer].add(tuple(span))
                    roles[longer]["spans"].append(span)
            continue
        kept.append(key)
        space = key.find(" ")
        while space != -1:
            endings.setdefault(key[space + 1 :], key)
            space = key.find(" ", space + 1)
    result = [roles[k] for k in kept]
    for entry in result:
        entry["spans"].sort()
    return sorted(result, key=lambda r: r["start"])


# ---------------------------------------------------------------------------
# passes
# ---------------------------------------------------------------------------
def _direct_pieces(quotes: list[Quote]) -> list[tuple[int, int]]:
    return [p for q in quotes if q.kind == "direct" for p in q.pieces]


def _evidence_of(quote: Quote, kind: str) -> str:
    for item in quote.evidence:
        if "->" in item:
            return item
    return kind


def _collect_mentions(text: str, result: Attribution, rows: dict, row_of: dict) -> None:
    index = result.entities
    for entity in index.entities:
        row = rows[row_of[entity.id]]
        for start, end, _, how in entity.mentions:
            row.mentions.setdefault((start, end), how)
    for quote in result.quotes:
        key = _quote_row_key(quote, row_of)
        if key is None or quote.speaker is None:
            continue
        row = rows[key]
        span = quote.speaker
        if quote.speaker_entity is None:
            how = ("description naming an entity" if isinstance(key, int)
                   else "description (names nobody known)")
            row.mentions.setdefault(span, how)
            row.descriptions.append((span[0], span[1], "description"))
        elif quote.speaker_kind != "name" or span not in row.mentions:
            how = _evidence_of(quote, quote.speaker_kind)
            row.mentions.setdefault(span, how)
            if quote.speaker_kind == "description":
                row.descriptions.append((span[0], span[1], "description"))


class _SpanSet:
    """Sorted spans answering "does [a, b) overlap any?" in O(log n)."""

    def __init__(self, spans) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end = list(accumulate((end for _, end in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        j = bisect.bisect_left(self.starts, end) - 1
        return j >= 0 and self.max_end[j] > start

    def contains(self, start: int, end: int) -> bool:
        """Does one span hold all of [start, end)?"""
        j = bisect.bisect_right(self.starts, start) - 1
        return j >= 0 and self.max_end[j] >= end


def _resolve_other_mentions(text: str, result: Attribution, rows: dict, row_of: dict,
                            lex: ProfileLexicons) -> None:
    """He/she pronouns and ``the`` + role-noun descriptions outside quotation marks."""
    index = result.entities
    quoted = _SpanSet(_direct_pieces(result.quotes))
    taken = _SpanSet(span for row in rows.values() for span in row.mentions)
    # the speaker of the latest quote before each position is the preferred antecedent
    speaker_starts = [q.start for q in result.quotes if q.speaker_entity is not None]
    speakers = [q.speaker_entity for q in result.quotes if q.speaker_entity is not None]
    for match in _PRONOUN.finditer(text):
        span = (match.start(), match.end())
        if taken.overlaps(*span) or quoted.contains(*span):
            continue
        latest = bisect.bisect_left(speaker_starts, span[0]) - 1
        preferred = speakers[latest] if latest >= 0 else None
        entity_id, how = index.resolve(match.group(), "pronoun", span[0], preferred=preferred)
        if entity_id is not None:
            rows[row_of[entity_id]].mentions.setdefault(span, how)
    for match in _DESCRIPTION.finditer(text):
        head = match.group(2)
        if not lex.role_nouns.get(head.lower()):
            continue  # the cheap test first: most heads are no role noun
        info = lex.role_info(head)
        if info is None or info[1] != "person":
            continue
        span = (match.start(), match.end())
        if taken.overlaps(*span) or quoted.contains(*span):
            continue
        modifiers = match.group(1).split()
        if any(m.lower() in _OBJECT_STOP or m.lower() in _DETERMINERS for m in modifiers):
            continue
        entity_id, how = index.resolve(match.group(), "description", span[0])
        if entity_id is None:
            continue
        row = rows[row_of[entity_id]]
        row.mentions.setdefault(span, how)
        row.descriptions.append((span[0], span[1], "description"))


def _extra_appositives(text: str, index: EntityIndex, lex: ProfileLexicons):
    """Appositives the index leaves out: ``(entity_id, start, end)`` each.

    ``Brent Bozell, founder of the Media Research Center, said`` (no article)
    and ``The Ruritanian ambassador, Max Moritz, said`` (the role first). The
    phrase's head must be a person role noun or title.
    """
    found = []
    for entity in index.entities:
        if entity.kind not in ("person", "unknown"):
            continue
        for start, end, _, _ in entity.mentions:
            if not text.startswith(",", end):
                continue  # both forms need the comma after the name
            after = _APPOSITION_BARE.match(text[end : end + 100])
            if after and text[end + after.end(1) : end + after.end(1) + 1] == "." and (
                _keeps_final_period(after.group(1) + ".")
            ):
                after = None  # ", met Rep. Gabbard": the period is an abbreviation's
            if after and _is_person_role(after.group(1), lex):
                a_start = end + after.start(1)
                found.append((entity.id, a_start, a_start + len(after.group(1))))
            window = text[max(0, start - 90) : start]
            if not window.rstrip(" \u00a0").endswith(","):
                continue  # the searched form ends in a comma: skip the scan
            before = _APPOSITION_BEFORE.search(window)
            if before and _is_person_role(before.group(1), lex):
                b_start = max(0, start - 90) + before.start(1)
                found.append((entity.id, b_start, b_start + len(before.group(1))))
    return found


def _is_person_role(phrase: str, lex: ProfileLexicons) -> bool:
    words = phrase.split()
    if words and words[0].islower() and words[0] in reporting_cues():
        return False  # "said the ..." (the cues in use may change between calls: not memoised)
    return lex._memoised(_names_person_role, phrase)


def _names_person_role(phrase: str, lex: ProfileLexicons) -> bool:
    words = phrase.split()
    if not words or _before_apostrophe(words[0]).lower() in _NOT_A_ROLE_START or (
        words[0].lower() in ("and", "or", "but", "adding", "saying")
    ) or _CLAUSE_WORDS.search(phrase):
        return False
    info = lex.role_info(_head_word(_LEADING_FILLER.sub("", phrase, count=1)))
    return info is not None and info[1] == "person"


_NOT_A_ROLE_START = _PRONOUN_WORDS | _OBJECT_STOP


def _before_apostrophe(word: str) -> str:
    """``It’s`` -> ``It``: the word up to its first apostrophe, if any."""
    return word.replace("’", "'").split("'", 1)[0]


_WORD_RUN = re.compile(r"[^\s\u00a0]+")
_NAME_FOLLOWS = re.compile(r"[ \u00a0]+(?:(?:the|a|an)[ \u00a0]+)?[A-Z]")
_LAST_WORD = re.compile(r"[\w’']+\Z")


def _object_end(text: str, start: int, hi: int, cues: dict) -> int:
    """End of the noun phrase object starting at ``start`` (at most 12 words).

    A title in quotation marks ("founder of “Indian Americans for Hillary”")
    is kept whole; trailing prepositions and articles are dropped.
    """
    ends: list[tuple[int, str]] = []
    quoted = False
    for match in _WORD_RUN.finditer(text[start:hi]):
        word = match.group()
        bare = word.strip(",.;:!?()“”\"")
        lower = bare.lower()
        opens = word[0] in "“\""
        if not bare or word[0] == "(" or opens and ends:
            break
        quoted = quoted or opens
        if not quoted and (lower in _OBJECT_STOP or lower in cues or (
            lower in ("and", "in", "at", "for", "on", "to", "from", "with", "by")
            and not _names_follow(text, start + match.end(), hi)
        )):
            break
        closes = word.rstrip(",.;:!?").endswith(("”", '"'))
        cut = word.rstrip(",;:!?)") if closes else word.rstrip(",;:!?)”\"")
        if cut.endswith(".") and not _keeps_final_period(cut):
            cut = cut[:-1]
        ends.append((start + match.start() + len(cut), lower))
        if closes or word[-1] in ",;:!?)" or word.endswith(".") and not _keeps_final_period(word):
            break
        if len(ends) >= 12:
            break
    while ends and ends[-1][1] in _HEAD_BOUNDARY | _DETERMINERS | {"and", "or"}:
        ends.pop()
    return ends[-1][0] if ends else start


def _names_follow(text: str, position: int, hi: int) -> bool:
    """A capitalised word follows, maybe after an article: "at (the) Hive Institute"."""
    return _NAME_FOLLOWS.match(text[position:hi]) is not None


def _mention_ends(rows: dict) -> dict[int, tuple]:
    """End offset of every mention and description -> ``(row key, start)``."""
    ends: dict[int, tuple] = {}
    for key, row in rows.items():
        for start, end in row.mentions:
            ends.setdefault(end, (key, start))
        for start, end, _source in row.descriptions:
            ends.setdefault(end, (key, start))
    return ends


def _subject_of(text: str, verb_start: int, lo: int, ends: dict[int, tuple]):
    """``(row key, start)`` of the mention right before a verb, across ``who``, commas
    and adverbs; None when something else stands there or the clause is conditional."""
    position = verb_start
    for _ in range(4):
        while position > lo and text[position - 1] in " \u00a0,":
            position -= 1
        if position in ends:
            key, start = ends[position]
            if _CONDITIONAL.search(text[max(lo, start - 12) : start]):
                return None  # "if Trump is president": no role
            return key, start
        word = _LAST_WORD.search(text[max(lo, position - 20) : position])
        if not word or word.group().lower() not in _SUBJECT_GLUE:
            return None
        position -= len(word.group())
    return None


def _verb_roles(text: str, result: Attribution, rows: dict, lex: ProfileLexicons) -> None:
    """Roles from verbs: "X directs the Office" -> "director of the Office"."""
    verbs = lex._memoised(_role_verb_table, "role_verbs")
    ends = _mention_ends(rows)
    cues = reporting_cues()
    not_organisation = None
    for match, s_start, s_end in _verb_matches(text, result.sentences, ends, lex):
        subject = _subject_of(text, match.start(), s_start, ends)
        if subject is None:
            continue
        row = rows[subject[0]]
        form = _SPACE.sub(" ", match.group())
        noun, prep, check = verbs.get(form, ("", "", ""))
        if check == "role-noun" and row.kind not in ("person", "group"):
            continue  # copulas after places and organisations are mostly misreadings
        o_start = match.end()
        while o_start < s_end and text[o_start] in " \u00a0":
            o_start += 1
        lead = _COMPLEMENT_ADVERB.match(text, o_start, s_end)
        if lead and lead.group(1).split()[0].lower() in _NEGATIONS:
            continue
        if lead:
            o_start = lead.end()
        o_end = _object_end(text, o_start, s_end, cues)
        if not_organisation is None:
            not_organisation = {s for e in result.entities.entities
                                if e.kind != "organisation" for s, _, _, _ in e.mentions}
        if o_end <= o_start or o_start in not_organisation:
            continue
        obj = _SPACE.sub(" ", text[o_start:o_end])
        first = obj.split()[0]
        if first.lower() in _HEAD_BOUNDARY or _MARKUP.search(obj):
            continue  # "was named on Wednesday", links and markup
        if noun:
            if not (first.lower() in _DETERMINERS or first[:1].isupper()):
                continue
            # "leads the polls" is no role; "heads the committee", "runs Acme" are
            if not (_names_organisation(obj, lex) or _has_role_word(obj, lex)
                    or _CAPITAL_WORD.search(obj.split(" ", 1)[-1])):
                continue
            span = (match.start(), o_end)
            role = f"{noun} {prep} {obj}".replace("  ", " ").strip()
            _add_role(row, text, span, role, "verb", lex)
        else:
            for p_start, p_end, role in _role_parts(text, o_start, o_end, lex):
                if check == "role-noun" and not _has_role_word(role, lex):
                    continue
                _add_role(row, text, (p_start, p_end), role, "verb", lex)


_MARKUP = re.compile(r"[@/<>]")
_CAPITAL_WORD = re.compile(r"\b[A-Z]")
_SEPARATORS_AND_WORD = re.compile(r"[ \u00a0,]*([\w’']*)")


def _verb_matches(text: str, sentences, ends: dict[int, tuple], lex: ProfileLexicons):
    """The role-verb matches of a scan of every sentence, as ``(match, sentence start,
    sentence end)`` in text order, or those of them that may have a subject.

    A role verb counts only right after a mention (:func:`_subject_of`), and an
    article has a few dozen mentions but thousands of letters a verb could start
    at: so the verb is matched only where a mention ends, after any commas, spaces
    and up to three glue words ("X, who also heads"), the places :func:`_subject_of`
    walks back across. Those matches are the scan's as long as no form can match
    inside another's match (:func:`_forms_nest_free`), as in the shipped lexicon.
    """
    forms = lex.pattern("role_verbs")
    in_order = all(a[1] <= b[0] for a, b in zip(sentences, sentences[1:], strict=False))
    first_letters = lex._memoised(_verb_first_letters, "role_verbs")
    if not (in_order and first_letters):
        for s_start, s_end, _ in sentences:
            for match in forms.finditer(text, s_start, s_end):
                yield match, s_start, s_end
        return
    positions = set()
    for end in ends:
        position = end
        for _ in range(4):
            after = _SEPARATORS_AND_WORD.match(text, position)
            word = after.group(1)
            if word[:1] in first_letters:
                positions.add(after.start(1))
            if word.lower() not in _SUBJECT_GLUE:
                break
            position = after.end()
    starts = [s for s, _, _ in sentences]
    for position in sorted(positions):
        k = bisect.bisect_right(starts, position) - 1
        if k < 0 or position >= sentences[k][1]:
            continue
        match = forms.match(text, position, sentences[k][1])
        if match:
            yield match, starts[k], sentences[k][1]


def _verb_first_letters(_: str, lex: ProfileLexicons) -> frozenset[str]:
    """The first letters of the role-verb forms, when no form can match at a word
    start inside another form's match ("has been named"): then matching at chosen
    positions finds what a scan finds (:func:`_verb_matches`). Empty otherwise
    (conservative: when in doubt)."""
    forms = [row[0] for row in lex.role_verbs]
    if any(not _FORM_WORDS.fullmatch(f) or "  " in f for f in forms):
        return frozenset()  # other characters could start a word inside a form
    firsts = {f.split(" ")[0] for f in forms}
    inner = {w for f in forms for w in f.split(" ")[1:]}

    def clash(short: str, long: str) -> bool:
        # the shorter word can end where the longer goes on only before a non-word character
        return long.startswith(short) and (
            len(long) == len(short) or not re.match(r"[\w-]", long[len(short)]))

    if any(clash(a, b) or clash(b, a) for a in firsts for b in inner):
        return frozenset()
    return frozenset(f[0] for f in forms)


# a form the fast path understands: words of \w ’ ' . - (starting with \w ’ ') and spaces
_FORM_WORDS = re.compile(r"[\w’'][\w’'.\- ]*(?<! )")


def _role_verb_table(_: str, lex: ProfileLexicons) -> dict[str, tuple[str, str, str]]:
    """Verb form -> ``(role noun, preposition, check)``, built once per lexicons."""
    return {form: (noun, prep, check) for form, noun, prep, check in lex.role_verbs}


_CAPITALISED = re.compile(r"[A-Z][\w\-]*")


def _names_organisation(phrase: str, lex: ProfileLexicons) -> bool:
    if lex.pattern("acronyms").search(phrase):
        return True
    words = set(_CAPITALISED.findall(phrase))
    return bool(words & _organisation_words())


# ---------------------------------------------------------------------------
# affiliation and nationality
# ---------------------------------------------------------------------------
class _Organisations:
    """Organisation mentions ``(start, end, name)`` sorted by start, so a role finds
    those inside it by bisection, not by a pass over all of them (a long article's
    roles times its organisation mentions was quadratic)."""

    __slots__ = ("mentions", "starts")

    def __init__(self, mentions: list[tuple[int, int, str]]) -> None:
        self.mentions = sorted(mentions, key=itemgetter(0))
        self.starts = [start for start, _, _ in self.mentions]


def _affiliations(text: str, roles: list[dict], organisations, own_name: str,
                  lex: ProfileLexicons) -> tuple[list[str], list[str]]:
    """Organisations and nationalities named in the roles, in text order."""
    if not roles:
        return [], []
    found: list[tuple[float, str]] = []
    nationalities: list[tuple[int, str]] = []
    for entry in roles:
        for start, end in entry["spans"]:
            named: list[tuple[int, int]] = []  # organisation names inside this role
            first = bisect.bisect_left(organisations.starts, start)
            last = bisect.bisect_left(organisations.starts, end, first)
            for o_start, o_end, name in organisations.mentions[first:last]:
                if o_end <= end:
                    found.append((o_start, lex._memoised(_organisation_name, name)))
                    named.append((o_start - start, o_end - start))
            # what the words of the role name: the same role phrases recur, so memoised
            names, acronyms, demonyms = lex._memoised(_named_in_role, text[start:end])
            for offset, name, span in names:
                found.append((start + offset, name))
                named.append(span)
            for offset, name in acronyms:
                found.append((start + offset, name))
            for offset, demonym in demonyms:
                if any(s <= offset < e for s, e in named):
                    continue  # "president of the American Action Network": not a nationality
                nationalities.append((start + offset, demonym))
    affiliation = _unique(name for _, name in sorted(found)
                          if name not in lex.demonyms and name.casefold() != own_name.casefold())
    return affiliation, _unique(name for _, name in sorted(nationalities))


def _named_in_role(raw: str, lex: ProfileLexicons) -> tuple[tuple, tuple, tuple]:
    """Organisation names, acronyms and demonyms in a role phrase, by offset in it:
    ``(offset, name, (start, end))``, ``(offset + 0.5, organisation)``, ``(offset, demonym)``."""
    names = []
    for match in NAME_PATTERN.finditer(raw):
        name = _organisation_name(match.group(), lex)
        if len(name.split()) > 1 and set(name.split()) & _organisation_words():
            names.append((match.start(), name, (match.start(), match.end())))
    acronyms = [(match.start() + 0.5, lex.acronyms[match.group()])
                for match in lex.pattern("acronyms").finditer(raw)]
    demonyms = [(match.start(), lex.demonyms[_SPACE.sub(" ", match.group())])
                for match in lex.pattern("demonyms").finditer(raw, 0, _head_part_end(raw))]
    return tuple(names), tuple(acronyms), tuple(demonyms)  # shared by the memo: read-only


def _head_part_end(phrase: str) -> int:
    """End of a role's head part: "former American ambassador | to Syria" (Syria is
    where, not who)."""
    for match in _INNER_LOWER_WORD.finditer(phrase):
        if match.group(1) in _HEAD_BOUNDARY:
            return match.start()
    return len(phrase)


def _organisation_name(name: str, lex: ProfileLexicons) -> str:
    """``CEO of Washington Restaurant Association`` -> ``Washington Restaurant Association``."""
    words = _SPACE.sub(" ", name).strip().split(" ")
    while len(words) > 2 and (lex.role_info(words[0]) or words[0] in ("of", "the", "The")):
        words.pop(0)
    return _clean_name(" ".join(words))


@lru_cache(maxsize=20_000)
def _clean_name(name: str) -> str:
    name = _SPACE.sub(" ", name).strip()
    return _LEADING_THE.sub("", name)


_LEADING_THE = re.compile(r"^The ")


@lru_cache(maxsize=20_000)
def _one_spaced(name: str) -> str:
    """A name with each run of spaces as one space, as the lexicons write it."""
    return _SPACE.sub(" ", name)


@lru_cache(maxsize=20_000)
def _name_key(name: str) -> str:
    """A name as compared between entities and quotes: spaces and case evened out."""
    return _SPACE.sub(" ", name).casefold()


def _unique(items) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return list(seen.values())


# ---------------------------------------------------------------------------
# the profile table
# ---------------------------------------------------------------------------
def _quote_row_key(quote: Quote, row_of: dict) -> str | int | None:
    """The row of a quote's speaker: its entity's, or (a speaker only described) the
    entity of the same name ("the New York Times"), else a row of its own."""
    if quote.speaker_entity is not None:
        return row_of[quote.speaker_entity]
    if quote.speaker_name:
        key = "description:" + _name_key(quote.speaker_name)
        return row_of.get(key, key)
    return None


def _description_type(name: str, lex: ProfileLexicons) -> str:
    info = lex.role_info(_head_word(name))
    return info[1] if info else "unknown"


def speaker_profiles(
    article: Article | str | Attribution,
    *,
    role_nouns: dict | str | Path | None = None,
    role_verbs: dict | str | Path | None = None,
    demonyms: dict | str | Path | None = None,
    acronyms: dict | str | Path | None = None,
) -> pd.DataFrame:
    """One row per person, organisation or group the article mentions, quoted or not.

    Parameters
    ----------
    article : Article, str or Attribution
        An article, its text, or the result of :func:`analysis.quotes.attribute`
        (reused, so quotes are not extracted twice).
    role_nouns, role_verbs, demonyms, acronyms : dict or path, optional
        Extra lexicon entries for this call; see :func:`profile_lexicons`.

    Returns
    -------
    pandas.DataFrame
        Columns (:data:`PROFILE_COLUMNS`):

        - article: the article id.
        - speaker: canonical name ("Vladimir Voronkov"), or the description of a
          speaker who is only described ("poll"); spelled exactly as the
          ``speaker`` column of :func:`analysis.extract_quotes`.
        - entity_type: person / organisation / group / unknown.
        - mentions: list of ``{start, end, text, how}``, every mention in text
          order (names, pronouns, descriptions); ``how`` is the linking evidence.
        - roles: list of ``{role, text, start, end, source, category, spans}``:
          ``role`` normalised, ``text == article.text[start:end]`` its first
          occurrence, ``spans`` all occurrences, ``source`` one of title /
          appositive / description / verb.
        - affiliation, nationality: lists of organisations and demonyms read
          from the roles.
        - role_category: list of categories of the roles (role_nouns.tsv classes).
        - n_quotes, n_direct, n_indirect: quote counts; a mixed quote counts
          as direct (it carries the speaker's own words).
        - words_quoted: words in the speaker's quote spans (all kinds).
        - share_of_quoted_words: words_quoted over the words of all quotes of
          the article (attributed or not); 0.0 when there are none.
        - reporting_verbs: ``{lemma: count}``, most used first.
        - verb_stance: ``{stance class: count}`` from reporting_verbs.tsv.
        - first_mention_offset: start of the first mention.
        - aliases: other names the row goes by (merged entities, the names a
          quote row shows when they differ).

        Countries and demonyms (``demonyms.tsv``) get a row only when quoted.

        Rows are ordered by n_quotes, then words_quoted (descending), then
        first_mention_offset.

    Examples
    --------
    >>> table = speaker_profiles("Vote\\n\\n“We will win,” said Ann Lee, a Green Party candidate.")
    >>> row = table.iloc[0]
    >>> row.speaker, int(row.n_quotes), [r["role"] for r in row.roles], row.affiliation
    ('Ann Lee', 1, ['Green Party candidate'], ['Green Party'])
    """
    records = profile_records(article, role_nouns=role_nouns, role_verbs=role_verbs,
                              demonyms=demonyms, acronyms=acronyms)
    # column by column: pandas infers list-of-record rows slowly
    columns = {name: [r[i] for r in records] for i, name in enumerate(PROFILE_COLUMNS)}
    columns["first_mention_offset"] = pd.array(columns["first_mention_offset"], dtype="Int64")
    return pd.DataFrame(columns, columns=PROFILE_COLUMNS)


def profile_records(
    article: Article | str | Attribution,
    *,
    role_nouns: dict | str | Path | None = None,
    role_verbs: dict | str | Path | None = None,
    demonyms: dict | str | Path | None = None,
    acronyms: dict | str | Path | None = None,
) -> list[tuple]:
    """The rows of :func:`speaker_profiles` as plain tuples (columns ``PROFILE_COLUMNS``,
    in the same order), for callers that build one table over many articles."""
    result = article if isinstance(article, Attribution) else attribute(article)
    lex = profile_lexicons(role_nouns, role_verbs, demonyms, acronyms)
    with paused_gc():  # many short-lived dicts and tuples, no cycles (see analysis._gc)
        return _profile_rows(result, lex)


def _profile_rows(result: Attribution, lex: ProfileLexicons) -> list[tuple]:
    text = result.article.text
    index = result.entities

    quote_spans: dict[int, list[tuple[int, int]]] = {}
    for quote in result.quotes:
        if quote.speaker_entity is not None and quote.speaker is not None:
            quote_spans.setdefault(quote.speaker_entity, []).append(quote.speaker)
    extra = _extra_appositives(text, index, lex)
    for entity_id, start, end in extra:
        quote_spans.setdefault(entity_id, []).append((start, end))
    target, alias_ids = _merge_targets(text, index, quote_spans)

    rows: dict = {}
    row_of: dict = {}  # entity id -> row key; "description:<name>" -> row of that name
    for entity in index.entities:
        owner = target[entity.id]
        row_of[entity.id] = owner
        if owner not in rows:
            owner_entity = index.entities[owner]
            rows[owner] = _Row(owner_entity.name, entity_kind(owner_entity))
        rows[owner].entity_ids.append(entity.id)
        if rows[owner].kind == "unknown" and entity_kind(entity) != "unknown" and (
            entity.name == rows[owner].name
        ):
            rows[owner].kind = entity_kind(entity)  # the same name, better typed
        if entity.id in alias_ids:
            rows[owner].aliases.append(entity.name)
        row_of.setdefault("description:" + _name_key(entity.name), owner)
    for quote in result.quotes:
        if quote.speaker_entity is None and quote.speaker_name:
            key = _quote_row_key(quote, row_of)
            if key not in rows:
                rows[key] = _Row(quote.speaker_name, _description_type(quote.speaker_name, lex))

    _collect_mentions(text, result, rows, row_of)
    for entity in index.entities:
        if not entity.descriptors:
            continue
        row = rows[row_of[entity.id]]
        mentions = _SpanSet((s, e) for s, e, _, _ in entity.mentions)
        for start, end, _ in entity.descriptors:
            row.descriptions.append((start, end, _descriptor_source(text, row, mentions, start,
                                                                    end)))
    for entity_id, start, end in extra:
        rows[row_of[entity_id]].descriptions.append((start, end, "appositive"))
    _resolve_other_mentions(text, result, rows, row_of, lex)
    person_ends = frozenset(e for ent in index.entities if ent.kind == "person"
                            for _, e, _, _ in ent.mentions)
    for row in rows.values():
        if not row.descriptions:
            continue  # most rows
        for start, end, source in sorted(set(row.descriptions)):
            start = _premodifier_start(text, start, end, source, lex)
            if not _plausible_description(text, start, end, source, lex, row.kind, person_ends):
                continue
            for p_start, p_end, role in _role_parts(text, start, end, lex):
                _add_role(row, text, (p_start, p_end), role, source, lex)
    _verb_roles(text, result, rows, lex)

    organisations = _Organisations([(s, e, _clean_name(ent.name)) for ent in index.entities
                                    if ent.kind == "organisation" for s, e, _, _ in ent.mentions])
    quote_words = {id(q): _words(text, q) for q in result.quotes}  # counted once, used twice
    total_words = sum(quote_words.values())
    for quote in result.quotes:
        key = _quote_row_key(quote, row_of)
        if key is not None:
            rows[key].quotes.append(quote)
            if quote.speaker_name and quote.speaker_name != rows[key].name:
                rows[key].aliases.append(quote.speaker_name)

    cues = reporting_cues()
    records = []
    for row in rows.values():
        if not row.quotes and (row.kind == "place" or row.kind != "person" and (
                _one_spaced(row.name) in lex.demonyms)):
            continue  # a place ("Iowa", "Syria", "Russian") is a row only when it speaks
        records.append(_record(result.article.id, text, row, organisations, quote_words,
                               total_words, cues, lex))
    records.sort(key=lambda r: (-r[8], -r[11], r[15] if r[15] is not None else len(text)))
    return records


def _words(text: str, quote: Quote) -> int:
    return sum(len(_WORDS.findall(text[s:e])) for s, e in quote.pieces)


def _record(article_id, text, row: _Row, organisations, quote_words, total_words, cues, lex):
    mentions = [{"start": s, "end": e, "text": text[s:e], "how": how}
                for (s, e), how in _nested_free(row.mentions)]
    first = mentions[0]["start"] if mentions else None
    aliases = _unique(a for a in row.aliases if a != row.name) if row.aliases else []
    if not row.roles and not row.quotes:
        # most rows (a name neither quoted nor described): every role, quote and
        # verb column is empty, so skip working them out
        return (article_id, row.name, row.kind, mentions, [], [], [],
                _name_category(row, lex), 0, 0, 0, 0, 0.0, {}, {}, first, aliases)
    roles = _collapse_roles(row.roles, row.role_spans) if row.roles else []
    affiliation, nationality = _affiliations(text, roles, organisations, row.name, lex)
    categories = _unique(r["category"] for r in roles if r["category"]) if roles else []
    if not categories:
        categories = _name_category(row, lex)
    n_direct = sum(1 for q in row.quotes if q.kind in ("direct", "mixed"))
    words = sum(quote_words[id(q)] for q in row.quotes)
    lemmas, stances = _verb_counts(text, row.quotes) if row.quotes else ({}, {})
    return (
        article_id, row.name, row.kind, mentions, roles, affiliation,
        nationality, categories, len(row.quotes), n_direct, len(row.quotes) - n_direct, words,
        round(words / total_words, 4) if total_words else 0.0,
        lemmas, stances, first, aliases,
    )


def _name_category(row: _Row, lex: ProfileLexicons) -> list[str]:
    """An organisation's or group's category from the last word of its name ("Party")."""
    if row.kind not in ("organisation", "group"):
        return []
    words = row.name.split()
    info = lex.role_info(words[-1]) if words else None
    return [info[0]] if info and info[0] else []


def _verb_counts(text: str, quotes: list[Quote]) -> tuple[dict[str, int], dict[str, int]]:
    """``{lemma: count}`` and ``{stance: count}`` of the quotes' cues, most used first."""
    lemmas: dict[str, int] = {}
    stances: dict[str, int] = {}
    for quote in quotes:
        if quote.cue is None:
            continue
        sense = cue_sense(text[quote.cue[0] : quote.cue[1]])
        if sense:
            lemma, stance = sense
            lemmas[lemma] = lemmas.get(lemma, 0) + 1
            stances[stance] = stances.get(stance, 0) + 1
    # as Counter.most_common: by count, ties in first-seen order (a stable sort)
    return _by_count(lemmas), _by_count(stances)


def _by_count(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=itemgetter(1), reverse=True))


def _nested_free(mentions: dict[tuple[int, int], str]) -> list[tuple[tuple[int, int], str]]:
    """Mentions in text order, without those inside a longer mention of the same row."""
    if len(mentions) == 1:
        return list(mentions.items())
    spans = sorted(mentions, key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int]] = []
    for span in spans:
        if kept and kept[-1][0] <= span[0] and span[1] <= kept[-1][1]:
            continue
        kept.append(span)
    return [(span, mentions[span]) for span in kept]
