"""Speaker mentions around a cue: the noun phrase before or after it, appositives,
relative clauses, possessors, the subject a participle hangs on, and the audience."""

from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import islice

from ..lexicons import read_word_list
from ..mentions import EntityIndex, _stop_starts, role_noun_info
from .cues import (
    _AUDIENCE_VERBS,
    _INVERTING_VERBS,
    _cue_lemma,
    _cues_in,
    _frame_cues_in,
    reporting_cues,
)
from .grammar import _TIME_PARTS, hedges_quantity, is_share_word, time_words
from .marks import _MARK
from .text import (
    _CLAUSE_WORDS,
    _DETERMINERS,
    _PREPOSITIONS,
    _PRONOUNS,
    _SKIPPABLE,
    _abbreviations,
    _tokens,
)


def _classify_speaker(words: list[str]) -> str:
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return "pronoun"
    if words[0].lower() in _DETERMINERS:
        return "description"
    if any(w[:1].isupper() for w in words):
        return "name"
    return "description"


def _speaker_before(text: str, lo: int, cue_start: int) -> tuple[int, int, str] | None:
    """The subject noun phrase ending right before a cue: ``(start, end, kind)``."""
    tokens = _tokens(text, max(lo, cue_start - 150), cue_start)
    if tokens and name_read_as_word(text, tokens[-1], cue_start):
        return tokens[-1][0], tokens[-1][1], "name"
    while tokens and tokens[-1][2].lower() in _SKIPPABLE:
        tokens.pop()
    if len(tokens) > 2 and tokens[-1][2] == "to" and tokens[-2][2].isalpha() and (
        tokens[-2][2].islower()
    ):
        # "Mr. Trump was prompted to say": the verb before the infinitive
        del tokens[-2:]
        while tokens and tokens[-1][2].lower() in _SKIPPABLE:
            tokens.pop()
    if len(tokens) > 1 and tokens[-1][2][0] == "(" and _PARTY_TAG.fullmatch(
        tokens[-1][2].rstrip(",")
    ):
        tokens.pop()  # "Sen. Elizabeth Warren (D-MA) said": the name before the party tag
    if not tokens:
        return None
    last = tokens[-1][2]
    if last.endswith(",") and (aside := _pronoun_before_aside(tokens)) is not None:
        return aside
    if last.endswith(","):
        return _speaker_with_appositive(text, tokens)
    if last.lower() in _PRONOUNS:
        if last.lower() == "who" and not (len(tokens) > 1 and (tokens[-2][2].endswith(
                (",", "-", "—", "–")) or _names_antecedent(tokens[-2][2]))):
            # "those who say": no antecedent to resolve ("Roe - who said",
            # "Jane Roe who tweeted": one)
            return None
        return tokens[-1][0], tokens[-1][1], "pronoun"
    picked: list[tuple[int, int, str]] = []
    cues = reporting_cues()
    # "One tweet said", "the report said": a cue word after a determiner is a noun
    nouns = {tokens[k][0] for k in range(1, len(tokens))
             if tokens[k][2].lower() in cues and tokens[k - 1][2].lower() in _DETERMINERS}
    for token in reversed(tokens):
        word = token[2]
        bare = word.strip("“”\"‘’'()")
        if not bare or word != bare and not word.endswith(("’s", "'s", "’", ".")):
            break
        if word[-1] in ",;:":
            break
        low = bare.lower()
        if low in _CLAUSE_WORDS and low not in _DETERMINERS:
            if low == "of" and picked:
                picked.insert(0, token)
                continue
            break
        if low in _PRONOUNS or low in _SKIPPABLE or "’" in bare[1:-2] or (
                low in cues and token[0] not in nouns):
            break
        picked.insert(0, token)
        if low in _DETERMINERS or len(picked) >= 8:
            break
    while picked and picked[0][2].lower() == "of":
        picked.pop(0)
    if not picked or not picked[0][2][:1].isalnum():
        return None
    words = [t[2] for t in picked]
    if all(w.lower() in _DETERMINERS for w in words) and not (
        len(words) == 1 and words[0].lower() in ("another", "others", "some", "many", "several")
    ):
        return None  # "the support of": a determiner alone names nobody ("Another said" does)
    if words[-1].endswith(("’s", "'s", "’", "'")) or (
        words[0] in _stop_starts() and words[0].lower() not in _DETERMINERS
    ):
        return None  # "Ryan's comments", "Rather": no subject
    kind = _classify_speaker(words)
    if kind == "description" and words[0].lower() not in _DETERMINERS and not _is_group_noun(
        words[-1]
    ):
        return None  # "vehemently opposed", "flown back": not a noun phrase
    if kind == "description" and words[0].lower() not in _DETERMINERS and len(words) > 3:
        return None
    if kind == "name" and words[-1][:1].islower() and words[0].lower() not in _DETERMINERS:
        # "Republican presidential nominee" + lowercase head: a description
        kind = "description"
    who = _relative_clause_subject(text, lo, picked[0][0], cue_start)
    if who:
        return who
    before_np = [t for t in tokens if t[1] <= picked[0][0]]
    if before_np and before_np[-1][2].lower() in _PREPOSITIONS and not (
        before_np[-1][2].lower() in _CONJUNCTION_PREPOSITIONS
        and (kind != "description"
             or _cue_lemma(text[cue_start : cue_start + 20].split(" ")[0]) in _INVERTING_VERBS)
    ) and not (
        # "with Smith (angrily) calling it": an absolute phrase, the participle's subject
        before_np[-1][2].lower() == "with" and _PARTICIPLE_NEXT.match(text, picked[-1][1])
    ):
        # "among member states": the object of a preposition is no subject, but
        # "hours after Sanders said": the subject of a clause the word opens is
        return None
    return picked[0][0], picked[-1][1], kind


def name_read_as_word(text: str, token: tuple[int, int, str], cue_start: int,
                      any_word: bool = False) -> bool:
    """Whether a capitalised function word right before a cue is a surname ("...,” Will
    wrote", "...,” From said"): inside a sentence (after a comma or
    a closing mark) no modal, adverb or preposition is capitalised, and none of them is a
    verb's subject with nothing after it."""
    start, end, word = token
    low = word.lower()
    if not (word[:1].isupper() and word[1:].islower() and word.isalpha()) or (
        not any_word and low not in _SKIPPABLE and low not in _PREPOSITIONS
    ) or low in _PRONOUNS or low in _DETERMINERS or text[end:cue_start].strip():
        return False
    return text[max(0, start - 3) : start].rstrip()[-1:] in (",", "”", '"')


def _names_antecedent(word: str) -> bool:
    """Whether ``word`` right before "who" ends a name that a relative clause describes
    ("Jane Wells who tweeted"), not a determiner, a quantifier or a pronoun ("Those",
    "Anyone", "Many") of a generic relative. (A common noun, "a coach who wrote", is left
    out: its "who" rarely resolved, and the held-out split lost a speaker.)"""
    low = word.lower()
    return word.isalpha() and word[0].isupper() and low not in _DETERMINERS and (
        low not in _QUANTIFIERS and low not in _PRONOUNS and low not in (
            read_word_list("generic_antecedents.txt")))


# a party tag after a politician's name: "(D-MA)", "(R-S.C.)", "(R)"
_PARTY_TAG = re.compile(r"\([A-Z](?:-[A-Z][\w.]*)?\)")
# prepositions that also open a clause ("after Sanders said ...")
_CONJUNCTION_PREPOSITIONS = frozenset("after before since until".split())

_AGENT_PLURAL = re.compile(r"[a-z]{3,}(?:ists|ers|ans|ives|ents|ors|ics|ees|ans|ites)$")


def _is_group_noun(word: str) -> bool:
    """A bare noun that can report speech: a role noun or an agentive plural."""
    word = word.lower().strip(".,")
    return role_noun_info(word) is not None or role_noun_info(word.rstrip("s")) is not None or (
        _AGENT_PLURAL.match(word) is not None
    )


_RELATIVE_WHO = re.compile(r"(?:^|,\s)((?:[Tt]he|[Aa]n?)\s+[^,.;]{1,60}?)\s+who\s[^,;]*$")


def _relative_clause_subject(text: str, lo: int, np_start: int, cue_start: int):
    """``The UN Chief who serves as ... reiterated``: the subject before ``who``."""
    segment = text[lo:np_start]
    if "who" not in segment:
        return None  # the pattern below needs it; a cheap test first
    match = _RELATIVE_WHO.search(segment)
    if not match or "“" in segment or '"' in segment:
        return None
    if _cues_in(text, lo + match.end(1), cue_start):
        return None  # another cue stands between: "who" belongs to an earlier clause
    start = lo + match.start(1)
    words = match.group(1).split()
    return start, start + len(match.group(1)), _classify_speaker(words)


_NAME_BEFORE_COMMA = re.compile(
    r"(?<![\w’'.\-])([A-Z][\w’'.\-]*"  # a capitalised name of up to five words
    r"(?:[ \u00a0](?:of[ \u00a0]|de[ \u00a0])?[A-Z][\w’'.\-]*){0,4}),[ \u00a0]+"
)


def _pronoun_before_aside(tokens) -> tuple[int, int, str] | None:
    """``and he, once again, pledged``: a subject pronoun before an aside of up to three
    lower-case words between commas."""
    for k in range(len(tokens) - 2, max(-1, len(tokens) - 5), -1):
        word = tokens[k][2]
        if word.endswith(","):
            aside = [t[2].rstrip(",") for t in tokens[k + 1 :]]
            if word[:-1].lower() in _SUBJECT_PRONOUNS and all(
                    w.isalpha() and w.islower() for w in aside):
                return tokens[k][0], tokens[k][1] - 1, "pronoun"
            return None
    return None


_SUBJECT_PRONOUNS = frozenset("he she they we i".split())


def _speaker_with_appositive(text: str, tokens) -> tuple[int, int, str] | None:
    """``Samantha Phillips, the city's director, said``: the name before the comma.

    The rightmost name whose following words read as an appositive (a
    determiner or a lower-case word, no quotation) wins, so ``In posts Sunday,
    Mr. Frum, a former speechwriter, wrote`` gives "Mr. Frum".
    """
    lo = tokens[0][0]
    hi = tokens[-1][1]
    segment = text[lo:hi]
    # "In a statement to the Observer, her adviser, Jake Sullivan, said": a name that
    # ends an opening prepositional phrase is where or to whom, the appositive speaks
    addressed = None
    for match in reversed(list(_NAME_BEFORE_COMMA.finditer(segment))):
        rest = segment[match.end() :]
        if re.search(r"[“”\"]", rest) or len(rest.split()) > 25:
            continue
        first = rest.split(" ", 1)[0]
        if not (first[:1].islower() or first in ("A", "An", "The") or first[:1].isdigit()):
            continue
        name = match.group(1)
        if name.split()[0] in ("But", "And", "In", "On", "As", "When", "While", "After", "Or"):
            continue
        start = lo + match.start(1)
        if addressed is None and _OPENING_PREPOSITION.search(segment, 0, match.start(1)):
            addressed = start, start + len(name), "name"
            continue
        return start, start + len(name), "name"
    # "The mayor, Tom Ray, said": the name is itself the appositive
    last = re.search(
        r"(?:^|,[ \u00a0]+)([A-Z][\w’'.\-]*(?:[ \u00a0][A-Z][\w’'.\-]*){0,3}),[ \u00a0]*$", segment
    )
    if last and last.start() > 0:
        start = lo + last.start(1)
        return start, start + len(last.group(1)), "name"
    return addressed


# a preposition (not "of": "the head of Acme, a firm, said") and its determiner right
# before a name: the name is its object
_OPENING_PREPOSITION = re.compile(
    r"(?<![\w’'])(?:to|with|in|at|on|from|for)[ \u00a0]+(?:the[ \u00a0]+)?$",
    re.IGNORECASE)


def _premodified_name(tokens) -> bool:
    """``former Gov. Jim Doyle``, ``conservative activist Bob Klaus``: up to five
    lower-case words (no clause word but "of") before a capitalised name."""
    for n, token in enumerate(tokens[:6]):
        word = token[2]
        if word[:1].isupper():
            return n > 0
        bare = word.lower()
        if bare == "of" and n > 0:
            continue  # "former secretary of state Hillary Clinton"
        is_cue = bare in reporting_cues() and tokens[n - 1][2] != "of"  # "of state"
        if word != word.rstrip(",.;:!?”\"") or bare in _CLAUSE_WORDS or bare in _PRONOUNS or (
            bare in _SKIPPABLE or is_cue or not bare.isalpha()
        ):
            return False
    return False


def _speaker_after(text: str, position: int, hi: int) -> tuple[int, int, str] | None:
    """The noun phrase right after an inverted cue (``said Smith``, ``said the official``)."""
    tokens = _tokens(text, position, min(hi, position + 200))
    picked: list[tuple[int, int, str]] = []
    for token in tokens:
        word = token[2]
        bare = word.rstrip(",.;:!?")
        if not bare:
            break
        if not picked and bare.lower() in _PRONOUNS:
            return token[0], token[0] + len(bare), "pronoun"
        if not picked and not (bare[:1].isupper() or bare.lower() in _DETERMINERS):
            if not _premodified_name(tokens):
                return None
        if picked and (bare.lower() in _CLAUSE_WORDS and bare.lower() != "of" or bare[0] == "("):
            break  # a clause, or a party tag "(R-S.C.)" after the name
        if word == bare + "." and (len(bare) == 1 or bare.lower() in _abbreviations()):
            bare = word  # "Gov." or an initial: the name goes on
        picked.append((token[0], token[0] + len(bare), bare))
        if word != bare or len(picked) >= 8:
            break
    if not picked:
        return None
    return picked[0][0], picked[-1][1], _classify_speaker([t[2] for t in picked])


def _outer_speaker(text: str, lo: int, speaker):
    """``Trump said he responded: “...”``: the quote is reported by the outer
    speaker, whose cue stands right before the pronoun."""
    outer = re.search(r"(\S+)[ \u00a0]+(?:that[ \u00a0]+)?$", text[lo : speaker[0]])
    if outer is None:
        return None
    cue = next((c for c in _cues_in(text, lo + outer.start(1), lo + outer.end(1))
                if c[1] == lo + outer.end(1)), None)
    if cue is None or text[cue[0] : cue[1]].endswith("ing"):
        return None
    return _speaker_before(text, lo, cue[0])


def _clause_reporter(text: str, lo: int, pronoun):
    """``declared in an interview that he ...``, ``said, adding that he ...``: the
    speaker of the reporting cue whose "that" clause the pronoun opens."""
    that = re.search(r"\bthat[ \u00a0]+$", text[lo : pronoun[0]])
    if that is None:
        return None
    that_start = lo + that.start()
    cues = _cues_in(text, lo, that_start)
    if not cues:
        return None
    cue = cues[-1]
    between = text[cue[1] : that_start]
    if re.search(r"[.;:!?“”\"]", between) or len(between.split()) > 8:
        return None
    if text[cue[0] : cue[1]].endswith("ing"):
        return _reporting_frame_subject(text, lo, cue[0])
    return _speaker_before(text, lo, cue[0])
_POSSESSIVES = frozenset("his her their its our my".split())


def _possessor(text: str, s_start: int, cue: tuple[int, int]):
    """``her remark``, ``Donald Trump’s claim``, ``his March comment``: a cue
    after a possessive (up to two words between) is a noun; its possessor."""
    # a participle is a noun only right after the possessive ("his warning that")
    tokens = _tokens(text, max(s_start, cue[0] - 80), cue[0])[
        -1 if text[cue[0] : cue[1]].endswith("ing") else -3 :]
    for n in range(len(tokens) - 1, -1, -1):
        start, end, word = tokens[n]
        if n < len(tokens) - 1 and not re.fullmatch(r"[\w\-]+", tokens[n + 1][2]):
            return None
        owner = re.fullmatch(r"([A-Z][\w.\-]*)(?:’s|'s|’)", word)
        if word.lower() not in _POSSESSIVES and not owner:
            continue
        # "over her remark", "—his warning": a possessive after a verb ("repeated
        # his claim") leaves the speaker to the verb's subject
        name = re.search(r"(?:[A-Z][\w.\-]*[ \u00a0]+){0,3}$",
                         text[max(s_start, start - 40) : start])
        lead = text[max(s_start, start - 40) : start - len(name.group())].split()
        if lead and not (lead[-1].lower() in _CLAUSE_WORDS or lead[-1][-1] in ",;:—–-"):
            return None
        if owner:
            return start - len(name.group()), start + len(owner.group(1)), "name"
        return start, end, "pronoun"
    return None


def _absolute_subject(text: str, s_start: int, cue_start: int):
    """``with Sen. John McCain calling it``, ``and Trump calling it``: the noun
    phrase right before a participle, after "with", "and" or a dash, is its subject,
    an adverb between them or not ("with Cruz recently promising")."""
    adverbs = _ADVERBS_BEFORE.search(text, max(s_start, cue_start - 40), cue_start)
    cue_start = adverbs.start() if adverbs else cue_start
    speaker = _speaker_before(text, s_start, cue_start)
    if speaker is None or speaker[2] == "pronoun" or text[speaker[1] : cue_start].strip():
        return None
    lead = text[max(s_start, speaker[0] - 12) : speaker[0]].rstrip(" \u00a0")
    if re.search(r"(?:\b(?:with|and)|[—–―])$", lead):
        return speaker
    return None


_PARTICIPLE_NEXT = re.compile(r"[ \u00a0]+(?:[a-z]{2,}ly[ \u00a0]+)*[a-z]{2,}ing\b")
_ADVERBS_BEFORE = re.compile(r"(?<=[ \u00a0])(?:[a-z]{2,}ly[ \u00a0]+)+$")


def _reporting_frame_subject(text: str, s_start: int, cue_start: int):
    """``“A,” Anderson said, adding that ...``, ``said Mr. Burr, adding``: a
    participle after a reporting frame in its sentence shares the frame's speaker
    (the sentence's first words may be inside the quote: not the subject)."""
    if not re.search(r",(?:[”\"]|'')?[ \u00a0]*$", text[s_start:cue_start]):
        return None
    marks = [m.end() for m in _MARK.finditer(text, s_start, cue_start)]
    # cues outside the sentence's quotations (an even number of marks before them)
    cues = [c for c in _frame_cues_in(text, s_start, cue_start)
            if not text[c[0] : c[1]].endswith("ing")
            and bisect.bisect_right(marks, c[0]) % 2 == 0]
    if not cues:
        return None
    cue = cues[-1]
    between = _MARK.sub(" ", re.sub(r"[“\"](?:[^”\"]*)[”\"]", " ", text[cue[1] : cue_start]))
    if re.search(r"\bthat\b|[.;!?]", between) or len(between.split()) > 15:
        return None  # the frame ends in a clause of its own
    before = [m for m in marks if m <= cue[0]]
    lo = before[-1] if before else s_start
    if not text[lo : cue[0]].strip(" \u00a0,") and (
        _cue_lemma(text[cue[0] : cue[1]]) in _INVERTING_VERBS
    ):
        return _speaker_after(text, cue[1], cue_start)  # "said Mr. Burr, adding"
    speaker = _speaker_before(text, lo, cue[0])
    if speaker is None or text[lo : speaker[0]].strip(" \u00a0") and not re.search(
        r"[,—–][ \u00a0]*$", text[lo : speaker[0]]
    ):
        return None  # "Bush offered a retort, tweeting": the frame's subject opens its clause
    return speaker


_SUBJECT_PRONOUN = re.compile(r"(?<![\w’'])(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)(?![\w’'])")


def _participle_subject(text: str, s_start: int, cue_start: int, index: EntityIndex,
                        reported_ok: bool = False):
    """The subject a participle cue (``, saying``) hangs on: the last name or
    pronoun before it that a lower-case word (its verb) follows and no
    preposition precedes ("as Mrs. Clinton echoed the criticism, saying").
    Names of unknown kind ("Dallas police", "Democratic state") are no subjects,
    but a capitalised word opening the sentence is ("Carson took the stage")."""
    candidates = [(m.start(), m.end(), "pronoun")
                  for m in _SUBJECT_PRONOUN.finditer(text, s_start, cue_start)]
    hi = cue_start
    while (mention := index.last_mention(s_start, hi)) is not None and len(candidates) < 12:
        entity = index.entity_at(mention[0])
        if entity is None or index.entities[entity].kind != "unknown":
            candidates.append((mention[0], min(mention[1], cue_start), "name"))
        hi = mention[0]
    lead = re.match(r"[ \u00a0“\"]*([A-Z][\w’'.-]*(?:[ \u00a0][A-Z][\w’'.-]*)*)",
                    text[s_start:cue_start])
    if lead and lead.group(1).split()[0] not in _stop_starts() and (
        lead.group(1).split()[0].lower() not in _DETERMINERS
    ):
        # "Carson took the stage ...": a name opening the sentence, known or not
        candidates.append((s_start + lead.start(1), s_start + lead.end(1), "name"))
    reported = None
    for start, end, kind in sorted(set(candidates), reverse=True):
        after = re.match(r"[ \u00a0]+([a-z][\w’'\-]*)", text[end:cue_start])
        before = text[max(s_start, start - 20) : start].split()
        if after is None or after.group(1) in _PREPOSITIONS or after.group(1) in _CLAUSE_WORDS:
            continue
        if before and before[-1].lower() in _PREPOSITIONS:
            continue
        opener = before[:-1] if before and before[-1].lower() == "the" else before
        if opener and (opener[-1] == "that" or opener[-1] in reporting_cues()):
            # "confirmed she had been", "said that he imagined": a reported clause's
            # subject, taken (if ``reported_ok``) only when no other subject is found
            reported = reported or ((start, end, kind) if reported_ok else None)
            continue
        return start, end, kind
    return reported


def _sentence_subject(text: str, s_start: int, hi: int, index: EntityIndex):
    """The subject at the start of a sentence: a pronoun or the first name in it."""
    lead = _LEAD_PRONOUN.match(text, s_start, hi)
    if lead:
        return lead.start(1), lead.end(1), "pronoun"
    mention = index.first_mention(s_start, hi)
    if mention is not None and mention[0] - s_start < 40:
        return mention[0], mention[1], "name"
    return None


def _clause_subject(text: str, s_start: int, hi: int, index: EntityIndex, speaks=None):
    """The subject of the clause a mid-sentence quote sits in: the sentence's, or
    the one after an opening phrase ("In the depths of the recession, Paul Ryan").
    ``speaks`` (a speaker to a speaker or None) may reject a name, so that the
    next start is read: "killed in Aspen, Colo., a familiar voice" (the place's
    state is the end of the opening phrase)."""
    # (the commas' ends are offsets from s_start, as the loop below reads them)
    starts = [s_start] + [m.end() - s_start for m in islice(_COMMA.finditer(text, s_start, hi), 2)]
    first = _FIRST_WORD.match(text, s_start, hi)
    if first and first.group(1).lower() in _CLAUSE_WORDS and len(starts) > 1:
        starts.pop(0)  # "In the depths of the Great Recession, Paul Ryan ...": not the lead
    for start in starts:
        start = start if start == s_start else s_start + start
        lower = start > s_start and _LOWER_PRONOUN.match(text, start, hi)
        if lower:  # "But back on American soil, he returned to his familiar lines:"
            return lower.start(1), lower.end(1), "pronoun"
        subject = _sentence_subject(text, start, hi, index)
        if subject is not None and subject[0] - start < 25 and not _EXPLETIVE_IT.match(
            text, subject[0], hi
        ) and not _NAME_LIST_TAIL.match(text, subject[1], hi):
            if speaks is None:
                return subject
            if (subject := speaks(subject)) is not None:
                return subject
            continue
        subject = _description_subject(text, start, hi)
        if subject is not None:
            return subject
    return None


_LEAD_PRONOUN = re.compile(r"[ \u00a0“\"]*(He|She|They|We|I|It)\b")
_COMMA = re.compile(r",[ \u00a0]+")
_FIRST_WORD = re.compile(r"[ \u00a0“\"]*(\w+)")
_LOWER_PRONOUN = re.compile(r"[ \u00a0]*(he|she|they|we)\b")
# "in Salem, New Hampshire, Donald Trump went": a name followed by a comma and
# another name ends an opening phrase; it is not the clause's subject
_NAME_LIST_TAIL = re.compile(r",[ \u00a0]+[A-Z]")
# "It was a potent punch ...": an expletive, no speaker
_EXPLETIVE_IT = re.compile(r"[Ii]t(?:’s|'s|[ \u00a0]+(?:is|was|has[ \u00a0]+been|seems|remains)\b)")
_SUBJECT_DETERMINERS = frozenset("the a an this one another her his its their".split())


def _description_subject(text: str, start: int, hi: int):
    """``The ad targets a “...”``, ``the FBI lists “...”``: a determiner and the
    words up to the verb, the word right before an object (a determiner, a
    preposition or the quote)."""
    tokens = _tokens(text, start, hi, limit=7)  # the words the rule reads
    if len(tokens) < 3 or tokens[0][2].lower().lstrip("“\"") not in _SUBJECT_DETERMINERS:
        return None
    end = None
    for n, (_, t_end, word) in enumerate(tokens[1:6], start=1):
        bare = word.lower()
        if not re.fullmatch(r"[\w’'\-]+", word) or bare in _CLAUSE_WORDS or bare in _SKIPPABLE or (
            bare in reporting_cues() or bare in _PRONOUNS
        ):
            break
        following = tokens[n + 1][2].lower() if n + 1 < len(tokens) else "“"
        if n > 1 and (following in _DETERMINERS or following in _PREPOSITIONS or following in (
            "that", "as") or following[:1] in "“\"'"):
            break  # this word is the verb: "targets" in "The ad targets a"
        end = t_end
    if end is None:
        return None
    return tokens[0][0] + (1 if tokens[0][2][0] in "“\"" else 0), end, "description"


def _audience(text: str, cue: tuple[int, int], hi: int) -> tuple[str, int]:
    """The addressee of a ``told``-type cue and where the content starts after it."""
    lemma = _cue_lemma(text[cue[0] : cue[1]])
    position = cue[1]
    if lemma not in _AUDIENCE_VERBS:
        return "", position
    match = re.compile(
        r"[ \u00a0]+((?:him|her|them|us|me|you|reporters|"
        r"[A-Z][\w’'.\-]*(?:[ \u00a0][A-Z][\w’'.\-]*)*|"
        r"(?:the|a|an|his|her|their)(?:[ \u00a0][\w’'\-]+){1,4}?))"
        r"(?=[ \u00a0]+(?:that|of|about|on|in|to|at|during|,)|[,:.]|$)"
    ).match(text, position, hi)
    if not match:
        return "", position
    audience, end = match.group(1), match.end()
    last = audience.rsplit(None, 1)[-1].rstrip(".")
    if audience.endswith(".") and "." not in last and len(last) > 1 and (
        last.lower() not in _abbreviations()
    ):
        # "..., officials told Politico.": the period ends the sentence, not a name
        audience, end = audience[:-1], end - 1
    return audience, end


# ---------------------------------------------------------------------------
# Subjects read from the tags


# auxiliaries and negation between a subject and its verb ("has also said", "did not say")
_AUXILIARIES = frozenset(
    "has have had is was were are be been being do does did will would can could may might "
    "must shall should not n't never".split())
_NOUN_TAGS = frozenset("NN NNS NNP NNPS".split())
# reflexive pronouns that can stress the noun phrase before them ("the mayor herself")
_INTENSIVES = frozenset("himself herself itself themselves".split())
# tags a noun phrase is built of (read right to left from its head)
_PHRASE_TAGS = _NOUN_TAGS | frozenset("JJ JJR JJS CD POS HYPH".split())
_EDGE_TAGS = frozenset("DT PDT PRP$".split())
# prepositions inside a noun phrase ("a spokesman for the police", "one in three")
_PHRASE_PREPOSITIONS = frozenset("of for in at from with on among by".split())
_OBJECT_PRONOUNS = frozenset("him her them us me".split())
# prepositions a verb takes as its own ("heard from", "met with", "thought of")
_VERB_PARTICLES = frozenset("from with of".split())
# quantifiers that can be a subject on their own ("Many say", "Some said")
_QUANTIFIERS = frozenset(
    "some many both all several few others another most each none much one".split())
# words that open a clause: a noun phrase right after one is its subject
_OPENERS = frozenset("after before since until because although though while if as when "
                     "whereas once unless that where".split())
_MAX_PHRASE = 14
_EXPLETIVES = frozenset("it it’s it's".split())
# lower-case words inside a name ("Correio de Manha", "Guy van Dyke")
_NAME_PARTICLES = frozenset("de du la le del della da van von der den al bin ibn".split())


def _auxiliary(word: str) -> bool:
    """Whether a (lower-case) word is an auxiliary or a negation, contracted or not
    ("has", "not", "hasn't", "don’t", "won't")."""
    if word.endswith(("n't", "n’t")):
        return word[:-3] in _AUXILIARIES or word[:-3] in _NEGATED_STEMS
    return word in _AUXILIARIES


# what is left of an auxiliary whose negation is contracted: "do" of "don't", "wo" of "won't"
_NEGATED_STEMS = frozenset("wo ca sha are were is was".split())


class _Words:
    """The tokens of an article with their words and tags, for right-to-left reading."""

    __slots__ = ("context", "text", "tokens", "pos", "entity")

    def __init__(self, context) -> None:
        self.context = context
        self.text = context.text
        self.tokens = context.tokens
        self.pos = context.tags.pos
        self.entity = context.tags.entity

    def word(self, i: int) -> str:
        start, end, _ = self.tokens[i]
        return self.text[start:end]

    def lower(self, i: int) -> str:
        return self.word(i).lower()


def subject_before(context, lo: int, cue_start: int) -> tuple[int, int, str] | None:
    """The subject of the verb at ``cue_start``, read from the tags: ``(start, end,
    kind)`` with kind pronoun, name or description, or None.

    Between subject and verb, auxiliaries, adverbs and a time expression are
    skipped ("The fund this week said"); a party tag ("Sen. Ron Roe (R-Wis.)
    said") and an appositive between commas ("Ina Kirsch, the group's director,
    said") are stepped over; a second verb after "and" takes the subject of the
    clause's first verb ("Smith met the board and said"). The subject is a noun
    phrase ("A spokesman for the police", "One in three", "Large majorities of
    voters in six states") or a pronoun; never a place, a time ("Last year
    said") or the object of a preposition ("among member states said").
    """
    words = _Words(context)
    first = context.token_index(lo)
    i = _skip_to_subject(words, first, context.token_index(cue_start) - 1)
    if i < first:
        return None
    word = words.lower(i)
    if word in _EXPLETIVES and any(words.pos[k] in ("JJ", "JJR") for k in range(
        i + 1, context.token_index(cue_start)
    )):
        return None  # "it's important to remember that": no one is speaking
    if word in ("and", "but") and words.pos[i] == "CC":
        return _main_subject(words, first, i)
    k = i
    while k > first and words.word(k) in _CLOSING_MARKS:
        k -= 1  # 'Joe Roe, host of “Morning Show,” said': the comma inside the mark
    if k < i and words.word(k) == ",":
        i, word = k, ","
    if word == "," or word in _DASHES:
        return _appositive_subject(words, first, i)
    return _phrase_subject(words, first, i)


_CLOSING_MARKS = frozenset(("”", "''", '"', "’", "'"))


# what stands between a clause and a participle that hangs on its subject:
# ", saying", "and adding", "while insisting", "before noting"
_PARTICIPLE_LEADS = frozenset(", and but while before after by when as — – --".split())


def participle_subject(context, lo: int, cue_start: int) -> tuple[int, int, str] | None:
    """The subject of a reporting participle, read from the tags: the clause's
    subject after a comma or a conjunction ("Smith defended the plan, saying
    ...", "“...,” Smith said, adding that ..."), or the noun right before it
    ("a statement saying", "protesters chanting that"); None otherwise."""
    words = _Words(context)
    first = context.token_index(lo)
    i = context.token_index(cue_start) - 1
    while i >= first and (words.pos[i] in ("RB", "RBR", "''") or words.lower(i) in (
        "also", "then"
    )):
        i -= 1  # (and the closing mark of a quote before ", saying")
    if i < first:
        return None
    if words.lower(i) in _PARTICIPLE_LEADS:
        if words.lower(i) != "," and i - 1 >= first and words.word(i - 1) == ",":
            i -= 1
        return _main_subject(words, first, i)
    # "filed a lawsuit in 2013 alleging that": a time between noun and participle
    while i - 1 >= first and (words.pos[i] == "CD" or words.lower(i) in time_words()) and (
        words.pos[i - 1] in ("IN", "CD", "DT") or words.lower(i - 1) in _TIME_PARTS
    ):
        i -= 2 if words.pos[i - 1] == "IN" else 1
    if i >= first and words.pos[i] in _NOUN_TAGS:
        return _phrase_subject(words, first, i, as_object=True)
    return None


_OWNER_CLITIC = re.compile(r"(?:[’']s|s[’'])$", re.IGNORECASE)


def possessor_before(context, lo: int, cue_start: int) -> tuple[int, int, str] | None:
    """The owner of a noun cue, read from the tags: a possessive pronoun ("her
    claim") or a noun phrase in the possessive ("The mayor's promise", "Mr. Roe's
    by-now-familiar claims", "the union's repeated warnings"), at most two modifiers
    before the cue; None if the cue has no owner ("the claim", "a promise")."""
    words = _Words(context)
    first = context.token_index(lo)
    k = context.token_index(cue_start) - 1
    for _ in range(3):
        if k < first:
            return None
        word, tag = words.word(k), words.pos[k]
        if tag == "PRP$" and word.lower() in _POSSESSIVES:
            start, end, _ = words.tokens[k]
            return start, end, "pronoun"
        clitic = _OWNER_CLITIC.search(word)
        if clitic and tag in _NOUN_TAGS:
            start_i = _phrase_start(words, first, k)
            if start_i is None or not _can_speak(words, k):
                return None
            kind = "name" if tag in ("NNP", "NNPS") and words.pos[start_i] not in _EDGE_TAGS else (
                "description")
            cut = 1 if clitic.group().lower().startswith("s") else len(clitic.group())
            return words.tokens[start_i][0], words.tokens[k][1] - cut, kind
        if tag not in ("JJ", "NN", "NNP", "CD", "VBN", "RB"):
            return None
        k -= 1
    return None


def document_author(context, lo: int, document: tuple[int, int, str]
                    ) -> tuple[int, int, str] | None:
    """The author of a document a participle hangs on: the subject of the verb whose
    object the document is ("His office put out a statement saying", "The league
    issued a ruling stating", "Forbes shot back in an article stating"); None when
    the document is no verb's object ("A statement released Monday said")."""
    words = _Words(context)
    first = context.token_index(lo)
    i = context.token_index(document[0]) - 1
    if i >= first and words.lower(i) in ("in", "with", "through"):
        i -= 1
    while i >= first and words.pos[i] in ("RP", "RB"):
        i -= 1  # "put out", "shot back"
    if i < first or words.pos[i] not in ("VBD", "VBZ", "VBP", "VB", "VBN"):
        return None
    return subject_before(context, lo, words.tokens[i][0])


_CLITIC = re.compile(r"[’'](?:s|re|m|ll|d|ve)$", re.IGNORECASE)
_BE = frozenset("is are was were be been being am ’s 's ’re 're ’m 'm".split())


def is_progressive(context, lo: int, cue_start: int) -> bool:
    """Whether an -ing cue is a finite progressive ("is telling", "she's hoping",
    "has been warning"): a form of "be" before it (adverbs between)."""
    words = _Words(context)
    first = context.token_index(lo)
    i = context.token_index(cue_start) - 1
    while i >= first and words.pos[i] in ("RB", "RBR"):
        i -= 1
    if i < first:
        return False
    word = words.lower(i)
    return word in _BE or word.endswith(("’s", "'s", "’re", "'re", "’m", "'m")) and (
        words.pos[i] == "PRP")


# what a source after "according to" may open with: a noun phrase or a pronoun
_SOURCE_STARTS = _PHRASE_TAGS | _EDGE_TAGS | frozenset("PRP NNP NNPS".split())
_MAX_SOURCE = 25


def source_after(context, position: int, end: int) -> tuple[int, int, str] | None:
    """The source after "according to": the noun phrase from ``position`` to the
    next comma or ``end`` ("a 2015 Pew Research survey", "officials familiar
    with the system", "him"), at most 25 words; None if no noun phrase opens
    there or a finite verb comes before the comma (a clause, not a source)."""
    words = _Words(context)
    indexes = range(context.token_index(position), context.token_index(end))
    if not indexes or words.pos[indexes.start] not in _SOURCE_STARTS and not (
        # "according to exit polls", "to press reports": the tagger reads a noun
        # after "to" as a verb when a noun follows it
        words.pos[indexes.start] == "VB" and len(indexes) > 1
        and words.pos[indexes.start + 1] in _NOUN_TAGS
    ):
        return None
    last = None
    for i in indexes[:_MAX_SOURCE]:
        if words.word(i) in (",", ";", "(", "—", "–", "--"):
            break
        if words.pos[i] in ("VBD", "VBZ", "VBP", "MD") and not (
            words.pos[i] == "VBD" and words.pos[i - 1] in _NOUN_TAGS
        ):
            return None  # (but "a poll released Sunday": a participle read as VBD)
        last = i
    else:
        if len(indexes) > _MAX_SOURCE:
            return None
    if last is None:
        return None
    while last > indexes.start and words.pos[last] in ("''", "``", "."):
        last -= 1
    first = indexes.start
    if words.pos[first] == "PRP" and last == first:
        kind = "pronoun"
    elif words.pos[first] in _EDGE_TAGS:
        kind = "description"
    else:
        kind = "name" if words.pos[_head(words, first, last)] in ("NNP", "NNPS") else "description"
    return words.tokens[first][0], words.tokens[last][1], kind


def noun_phrase_after(context, position: int, end: int) -> tuple[int, int, str] | None:
    """The noun phrase that starts at ``position`` ("host John Dickerson" in
    "asked by host John Dickerson whether ..."), read from the tags: its words,
    prepositional parts between nouns and name particles; None if none starts there."""
    words = _Words(context)
    indexes = range(context.token_index(position), context.token_index(end))
    if not indexes or words.pos[indexes.start] not in _SOURCE_STARTS:
        return None
    first = last = indexes.start
    if words.pos[first] == "PRP":
        return words.tokens[first][0], words.tokens[first][1], "pronoun"
    for i in indexes[1:_MAX_SOURCE]:
        tag, word = words.pos[i], words.lower(i)
        nxt = words.pos[i + 1] if i + 1 < indexes.stop else ""
        if tag in _PHRASE_TAGS and not (tag == "POS" and words.pos[i - 1] not in _NOUN_TAGS):
            last = i
        elif tag in _EDGE_TAGS and words.pos[i - 1] == "IN":
            continue  # "of the"
        elif (word in _PHRASE_PREPOSITIONS or word in _NAME_PARTICLES) and words.pos[
            i - 1
        ] in _NOUN_TAGS and (nxt in _PHRASE_TAGS or nxt in _EDGE_TAGS):
            continue
        else:
            break
    head = _head(words, first, last)
    if not _can_speak(words, head):
        return None
    kind = "description" if words.pos[first] in _EDGE_TAGS or not (
        words.pos[head] in ("NNP", "NNPS") or words.word(head)[:1].isupper()) else "name"
    return words.tokens[first][0], words.tokens[last][1], kind


@cache
def document_nouns() -> frozenset[str]:
    """Nouns for documents and studies (``resources/document_nouns.txt``)."""
    return read_word_list("document_nouns.txt")


def is_document(word: str) -> bool:
    """Whether a noun (singular or plural) names a document: "poll", "reports"."""
    word = word.lower()
    return word in document_nouns() or word.endswith("s") and word[:-1] in document_nouns()


def speaker_head(context, speaker: tuple[int, int, str]) -> str:
    """The head word of a speaker mention ("spokesman" in "A spokesman for the
    police", "poll" in "A Bloomberg poll"), read from the tags."""
    words = _Words(context)
    start, end = context.token_index(speaker[0]), context.token_index(speaker[1]) - 1
    if end < start:
        return ""
    return words.word(_head(words, start, end))


def _skip_to_subject(words: _Words, first: int, i: int) -> int:
    """From the word before a verb, back past auxiliaries, adverbs, a time
    expression and a party tag, to the last word of the subject."""
    while i >= first:
        word, tag = words.lower(i), words.pos[i]
        if tag in ("RB", "RBR", "MD") or _auxiliary(word) and (
            tag.startswith("VB") or tag in ("RB", "MD")
        ):
            i -= 1
        elif word in time_words() and words.entity[i] == "O":
            i -= 1
            while i >= first and (words.lower(i) in _TIME_PARTS or words.pos[i] == "CD" or (
                words.lower(i) in time_words() and words.entity[i] == "O"
            )):
                i -= 1
        elif word == "to" and i - 1 >= first and (
            tag == "TO" and words.pos[i - 1][:2] in ("VB", "JJ")
        ):
            i -= 2  # "continue to show", "was quick to add", "plans to call for"
        elif tag in ("VBN", "VBD") and i - 1 >= first and (
            words.pos[i - 1] in _NOUN_TAGS or words.lower(i - 1) == "those"
        ):
            i -= 1  # "A poll released this week found", "Those surveyed said"
        elif word in ("since", "long") and i - 1 >= first and _auxiliary(words.lower(i - 1)):
            i -= 1  # "She has since stressed", "They have long complained"
        elif word == ")":
            opening = _opening_parenthesis(words, first, i)
            if opening is None:
                return i
            i = opening - 1  # "(R-Wis.)", "(who has 25 delegates)": after a name
        else:
            return i
    return i


def _opening_parenthesis(words: _Words, first: int, i: int) -> int | None:
    """Index of the "(" of a parenthesis of at most 15 words ending at ``i``."""
    for j in range(i - 1, max(first - 1, i - 16), -1):
        if words.word(j) == "(":
            return j
        if words.word(j) == ")":
            return None
    return None


def _phrase_subject(words: _Words, first: int, i: int, as_object: bool = False,
                    relative: bool = True):
    """The noun phrase (or pronoun) ending at token ``i`` as a subject, or None;
    ``as_object``: also after a verb or preposition ("issued a statement saying");
    ``relative``: a phrase after a verb gives the relative clause's antecedent."""
    word, tag = words.lower(i), words.pos[i]
    if word in _INTENSIVES and i - 1 >= first and words.pos[i - 1] in _NOUN_TAGS:
        # "Cruz himself said": the pronoun stresses the noun phrase, which speaks
        return _phrase_subject(words, first, i - 1, as_object, relative)
    if word == "those" and i + 1 < len(words.pos) and words.pos[i + 1] in ("VBN", "VBD"):
        # "Those surveyed say", "those polled said": the participle says who they are
        first_word = i - 2 if i - 2 >= first and words.lower(i - 1) == "of" and (
            words.lower(i - 2) in _QUANTIFIERS) else i  # "Most of those polled"
        return words.tokens[first_word][0], words.tokens[i + 1][1], "description"
    noun = i - 2 if i - 2 >= first and words.pos[i - 2] in _NOUN_TAGS else i - 3
    if word in _OBJECT_PRONOUNS and noun >= first and words.pos[noun] in _NOUN_TAGS and (
        words.lower(noun) not in _QUANTIFIERS and _joins(words, first, i - 1)
    ):
        # "a source close to him said", "aides to her say": the pronoun ends a
        # postmodifier; the noun phrase before it speaks, and the mention runs to it
        head = _phrase_subject(words, first, noun, as_object, relative)
        return None if head is None else (head[0], words.tokens[i][1], head[2])
    if word in _OBJECT_PRONOUNS and i - 2 >= first and words.lower(i - 1) == "of" and (
        words.lower(i - 2) in _QUANTIFIERS
    ):
        # "Most of them said", "Some of us": the quantifier speaks, a share of the group
        # the pronoun means (coref reads it through the pronoun)
        return words.tokens[i - 2][0], words.tokens[i][1], "description"
    if tag == "PRP" or word in _PRONOUNS:
        if word == "who":
            return _relative_antecedent(words, first, i)
        start, end, _ = words.tokens[i]
        clitic = _CLITIC.search(words.word(i))
        return start, end - (len(clitic.group()) if clitic else 0), "pronoun"  # "She" of "She's"
    start_i = _phrase_start(words, first, i)
    if start_i is None:
        return None
    before = start_i - 1
    if not as_object and before >= first and (words.pos[before].startswith("VB") or (
        words.pos[before] in ("IN", "TO") and not _opens_clause(words, first, before)
    )):
        # "among member states said", "Officials who spoke to reporters said": the
        # phrase is an object; the subject may be a relative clause's antecedent
        return _relative_antecedent(words, first, before) if relative else None
    head = _head(words, start_i, i)
    if words.entity[head].endswith("LOCATION") and before - 1 >= first and (
        words.word(before) == "," and words.entity[before - 1].endswith("LOCATION")
    ):
        # "Stacy Baker of Columbia, South Carolina, says": the state closes an address
        return _phrase_subject(words, first, before - 1)
    if not _can_speak(words, head):
        return None
    if words.pos[start_i] in _EDGE_TAGS or words.pos[head] not in ("NNP", "NNPS"):
        kind = "description"  # "The UN Chief" is read by its role, as before
    else:
        kind = "name"
    for k in range(head + 1, i + 1):
        if words.pos[k] in _POSTMODIFIER_TAGS - {"JJ", "RB"} and words.pos[k - 1] in _NOUN_TAGS:
            # "A survey conducted by Elena Roe found": the mention is the survey, not
            # the participle phrase with its agent (a name a resolver would take)
            i = k - 1
            break
    return words.tokens[start_i][0], words.tokens[i][1], kind


def _phrase_start(words: _Words, first: int, head: int) -> int | None:
    """Index of the first word of the noun phrase whose last word is ``head``."""
    pos = words.pos
    if not (pos[head] in _PHRASE_TAGS - {"POS", "HYPH", "JJ", "JJR", "JJS"} or (
        words.lower(head) in _QUANTIFIERS or _in_name(words, head) or _plural_noun(words, head)
        or _nominal_adjective(words, first, head)
    )):
        return None
    start = head
    k = head - 1
    while k >= first and head - k < _MAX_PHRASE:
        tag, word = pos[k], words.lower(k)
        if tag in _PHRASE_TAGS or word == "/" or words.entity[k + 1].startswith("I-") or (
            pos[k + 1] == "NNP" and words.word(k)[:1].isupper()
            and words.word(k) not in _stop_starts()
        ):
            # (a word inside a name, whatever its tag: "Patrick F. Kennedy", "Win Htein")
            start = k
        elif word == "that" and pos[k + 1] in ("NNS", "NNPS", "NNP"):
            break  # "is that Republicans think": "that" opens the clause, no determiner
        elif tag in _EDGE_TAGS:
            start = k
            # "the director of the Centre": the phrase goes on past "of the"; "Residents
            # trying to rebuild their homes": past an infinitive's object
            if not (k - 1 > first and (
                _joins(words, first, k - 1) or _infinitive_in_phrase(words, first, k - 1)
            )):
                break
        elif _joins(words, first, k):
            start = k  # "voters in six states", "One in three", "People close to"
        elif word in _NAME_PARTICLES and k - 1 >= first and pos[k - 1] == "NNP" and (
            pos[k + 1] == "NNP"
        ):
            start = k  # "Correio de Manha", "Ludwig van Beethoven"
        elif word in ("and", "&") and k - 1 >= first and pos[k - 1] in _NOUN_TAGS and (
            pos[k + 1] in _NOUN_TAGS or pos[k + 1] in _EDGE_TAGS
            or words.lower(k + 1) in _QUANTIFIERS
        ):
            start = k  # "Smith and Jones", "Democrats and Republicans"
        elif word in ("and", "or") and k - 1 >= first and pos[k - 1] == "JJ" and (
            pos[k + 1] == "JJ"
        ):
            start = k  # "current and former officials", "local and provincial police"
        elif tag in ("VBN", "VBG") and pos[k + 1] in _PHRASE_TAGS and (
            k == first or pos[k - 1] in _EDGE_TAGS or words.word(k - 1) in (",", "—")
            or pos[k - 1] in ("JJ", "CD") or k - 1 > first and _joins(words, first, k - 1)
        ):
            # "the elected officials", "Retired neurosurgeon Ben Carson", "Democratic
            # registered voters", "52 percent of registered voters"
            start = k
        elif hedges_quantity(words.context, k):
            start = k  # "about half of the voters", "About three in 10", "more than 40"
        elif tag in ("JJ", "RB") and k - 1 >= first and pos[k - 1] in _NOUN_TAGS and (
            words.lower(k + 1) in ("to", "with")
        ) or tag in _POSTMODIFIER_TAGS - {"JJ", "RB"} and k - 1 >= first and (
            pos[k - 1] in _NOUN_TAGS and _joins(words, first, k + 1)
        ):
            start = k  # "close" in "People close to the Clintons", "relating" in "relating to"
        elif k == first and tag in ("VB", "VBP") and pos[k + 1] in _NOUN_TAGS and (
            words.word(k)[:1].isupper()
        ):
            start = k  # "Protest groups say": a sentence's first word, a noun read as a verb
        elif _infinitive_in_phrase(words, first, k):
            start = k  # "regain" in "Democrats trying to regain control of the Senate say"
        elif word in _QUANTIFIERS and words.lower(k + 1) == "of":
            start = k  # "Some of Clinton's allies", "much of the media"
        elif tag == "RB" and pos[k + 1] == "CD" and (k == first or pos[k - 1] not in _NOUN_TAGS):
            start = k  # "Nearly nine out of 10", "Only 24 percent"
        else:
            break
        k -= 1
    while start < head and (pos[start] in ("IN", "CC", "HYPH", "POS", "TO")) and not (
        hedges_quantity(words.context, start)
    ):
        start += 1
    return start


def _infinitive_in_phrase(words: _Words, first: int, k: int) -> bool:
    """Whether token ``k`` is the verb of a to-infinitive that a participle after a
    noun takes, inside one noun phrase: "regain" in "Democrats trying to regain"."""
    return k - 3 >= first and words.pos[k] == "VB" and words.lower(k - 1) == "to" and (
        words.pos[k - 2] == "VBG" and words.pos[k - 3] in _NOUN_TAGS)


def _nominal_adjective(words: _Words, first: int, i: int) -> bool:
    """An adjective or participle used as a noun after "the": "The accused told",
    "the injured", "the deceased"; or a noun the tagger read as an adjective after
    "the" and other adjectives ("The Republican incumbent said")."""
    if words.pos[i] not in ("JJ", "VBN"):
        return False
    k = i - 1
    while words.pos[i] == "JJ" and k >= first and i - k <= 3 and words.pos[k] in ("JJ", "NNP"):
        k -= 1
    return k >= first and words.lower(k) == "the"


def _plural_noun(words: _Words, i: int) -> bool:
    """A plural noun the tagger read as a verb: "scholars" (VBZ) in "Election
    scholars caution", a word in -s after a noun or a determiner and right
    before the verb the subject is sought for."""
    return words.pos[i] in ("VBZ", "VBP") and words.lower(i).endswith("s") and i > 0 and (
        words.pos[i - 1] in _PHRASE_TAGS or words.pos[i - 1] in _EDGE_TAGS)


def _joins(words: _Words, first: int, k: int) -> bool:
    """Whether the word at ``k`` joins two parts of one noun phrase: a preposition
    after a noun ("voters in six states", "One in three", "nine out of 10") or
    after an adjective that a noun precedes ("People close to", "officials
    familiar with")."""
    word, pos = words.lower(k), words.pos
    if k - 1 < first:
        return False
    if word in _PHRASE_PREPOSITIONS and (pos[k - 1] in _PHRASE_TAGS or words.lower(k - 1) == "out"
                                         or word == "of" and words.lower(k - 1) in _QUANTIFIERS):
        return True  # ("Some of Clinton's allies", "much of the media")
    if (word in _PHRASE_PREPOSITIONS | {"to"} and pos[k - 1] == "VBG" or (
        word == "by" and pos[k - 1] == "VBN"
    )) and k - 2 >= first and pos[k - 2] in _NOUN_TAGS:
        # "A newly released email relating to Benghazi", "a survey conducted by", "a
        # panel of reporters led by" (not "The council heard from": a verb read as VBN)
        return True
    if word in _PHRASE_PREPOSITIONS and pos[k - 1] in ("VBN", "VBD") and k - 2 >= first and (
        pos[k - 2] in ("NNS", "NNPS") or pos[k - 2] in _NOUN_TAGS and word not in _VERB_PARTICLES
    ):
        # "People briefed on the talks", "A notice posted at city hall": a noun, its
        # participle (often tagged as a past tense) and a place or topic; but "The
        # council heard from residents who say", "The mayor met with": a verb's own
        return True
    if pos[k] == "TO" and pos[k - 1] in _NOUN_TAGS and k + 1 < len(pos) and (
        pos[k + 1] in ("NNP", "NNPS", "DT", "PRP$")
    ):
        return True  # "Aides to Clinton", "an adviser to the mayor"
    if word == "out" and k + 1 < len(pos) and words.lower(k + 1) == "of":
        return pos[k - 1] == "CD"
    return word in ("to", "with") and k - 2 >= first and pos[k - 1] in ("JJ", "RB") and (
        pos[k - 2] in _NOUN_TAGS)


def _opens_clause(words: _Words, first: int, k: int) -> bool:
    """Whether the word at ``k`` opens a clause ("after Smith said", "as Smith
    said"), not a prepositional phrase ("serves as head", "among states")."""
    word = words.lower(k)
    if word not in _OPENERS:
        return False
    return not (word == "as" and k - 1 >= first and words.pos[k - 1].startswith("VB"))


def _head(words: _Words, start: int, end: int) -> int:
    """The head of the noun phrase ``start..end``: its last word before a
    preposition ("spokesman" in "A spokesman for the police")."""
    for k in range(start + 1, end + 1):
        if words.lower(k) in _PHRASE_PREPOSITIONS or words.lower(k) == "out" or (
            words.pos[k] == "TO"
        ):
            # "officials familiar with", "a poll conducted by": the noun before the
            # adjective or participle that the preposition follows
            if k - 2 >= start and words.pos[k - 1] in _POSTMODIFIER_TAGS and (
                words.pos[k - 2] in _NOUN_TAGS
            ):
                return k - 2
            return k - 1
    return end


# an adjective or participle after a noun, before its preposition ("familiar with");
# the tagger reads many participles as past tenses ("People briefed on the talks")
_POSTMODIFIER_TAGS = frozenset("JJ RB VBN VBG VBD".split())


def _can_speak(words: _Words, head: int) -> bool:
    """Whether a noun phrase with this head can be a speaker: a noun, a number
    ("One in three"), a quantifier ("Many") or a name whatever its tag; not a
    time ("Last year said"). A place in subject position speaks for its
    government or office ("China said", "The White House says"); a place in an
    opening phrase ("In Washington, ...") or a dateline is never read as one."""
    if is_share_word(words.lower(head)) and head + 1 < len(words.pos) and (
        words.lower(head + 1) == "of"
    ):
        return True  # "A third of independents say", "a quarter of the players": a share
    if words.lower(head) in time_words() and words.entity[head] == "O":
        return False
    return words.pos[head] in _NOUN_TAGS or words.pos[head] == "CD" or (
        words.lower(head) in _QUANTIFIERS) or _in_name(words, head) or (
        _plural_noun(words, head)) or _nominal_adjective(words, 0, head) or (
        words.pos[head] == "JJ" and words.word(head)[:1].isupper() and head > 0
        and words.tokens[head - 1][2] == words.tokens[head][2]  # (a surname read as JJ)
        and words.word(head - 1) not in (".", "!", "?"))


def _in_name(words: _Words, i: int) -> bool:
    """Whether token ``i`` is tagged as part of a person or organisation name."""
    return words.entity[i].endswith(("PERSON", "ORGANIZATION"))


_DASHES = frozenset("— – -- -".split())


def _appositive_subject(words: _Words, first: int, closing: int):
    """``Ina Kirsch, the group's director, said``, ``Several candidates, including
    Trump, said``, ``Sen. Ann Roe (R-Wis.), who leads the panel, said``,
    ``Deborah Reynolds - Santilli's co-host - told``: the noun phrase before the
    comma or dash that opens the parenthesis (the name, if the parenthesis is
    itself a name: ``The director, Ina Kirsch, said``). A parenthesis may hold
    commas of its own ("Beck, who supported Cruz, R-Texas, and opposed Trump,
    said"): up to three openings are tried, nearest first."""
    dash = words.word(closing) in _DASHES
    j = closing
    limit = max(first, closing - 50)
    for _ in range(3):
        j -= 1
        while j >= limit and not (words.word(j) in _DASHES if dash else words.word(j) in (
            ",", "(", "—", "–"
        )):
            j -= 1
        if j < limit or not dash and words.word(j) != ",":
            return None
        subject = _subject_before_parenthesis(words, first, j, closing)
        if subject is not None:
            return subject
        if dash:
            return None
    return None


def _subject_before_parenthesis(words: _Words, first: int, j: int, closing: int):
    """The subject before a parenthesis that opens at token ``j`` and closes at
    ``closing`` (see :func:`_appositive_subject`), or None."""
    inside = range(j + 1, closing)
    if not inside or not _opens_parenthesis(words, inside.start):
        return None
    if all(words.pos[k] in ("NNP", "NNPS") for k in inside) and words.entity[inside.start] in (
        "B-PERSON", "I-PERSON"
    ):
        end = _skip_to_subject(words, first, j - 1)
        before = _phrase_subject(words, first, end) if end >= first else None
        if before is None or before[2] == "description":
            # "The director of the Centre, Ina Kirsch, said": the name is the mention
            return words.tokens[inside.start][0], words.tokens[closing - 1][1], "name"
        return before
    if all(words.entity[k].endswith("LOCATION") for k in inside):
        # "Rachel Berg, a philanthropist from Monsey, New York, said": a place closes
        # the parenthesis; the subject is before the comma that opened it
        return _appositive_subject(words, first, j)
    end = _skip_to_subject(words, first, j - 1)
    if end < first or words.word(end) == ",":
        return None
    subject = _phrase_subject(words, first, end, relative=False)
    if subject is not None and subject[2] == "description":
        # "Rachel Berg, a philanthropist from Monsey, said": the name before it
        k = words.context.token_index(subject[0]) - 1
        if k > first and words.word(k) == ",":
            name = _phrase_subject(words, first, _skip_to_subject(words, first, k - 1))
            if name is not None and name[2] == "name":
                return name
    return subject


def _opens_parenthesis(words: _Words, k: int) -> bool:
    """Whether token ``k`` can open an appositive or a parenthetical clause:
    a noun phrase ("the group's director", "one of the few"), a relative clause
    ("who leads"), "including", a participle ("reached by phone"), a
    preposition ("in a statement") or an adverb ("however")."""
    tag = words.pos[k]
    return tag in _PHRASE_TAGS or tag in _EDGE_TAGS or tag in (
        "WP", "WP$", "WDT", "VBN", "VBG", "IN", "RB", "NNP")


def _main_subject(words: _Words, first: int, conjunction: int):
    """``Smith met the board and said``, ``as Mrs. Clinton echoed the criticism,
    saying``: the subject of the nearest finite verb before ``conjunction`` whose
    clause is not itself reported (``Smith said the plan was sound, adding``:
    "the plan" follows a cue, so Smith). Quoted words are skipped."""
    pos = words.pos
    quoted = False
    for k in range(conjunction - 1, max(first - 1, conjunction - 60), -1):
        if pos[k] == "''":
            quoted = True
        elif pos[k] == "``":
            quoted = False
        elif not quoted and pos[k] in ("VBD", "VBZ", "VBP", "MD"):
            end = _skip_to_subject(words, first, k - 1)
            if end < first or words.word(end) in ("and", "but"):
                continue
            subject = _appositive_subject(words, first, end) if (
                words.word(end) == ",") else _phrase_subject(words, first, end)
            if subject is None and words.lower(k) in reporting_cues() and (
                words.word(end) == "," or words.pos[end] == "''"
            ):
                # "“...,” said Devine, suggesting that": the frame's inverted subject
                return noun_phrase_after(words.context, words.tokens[k][1] + 1,
                                         words.tokens[conjunction][0])
            if subject is None:
                continue
            if _inside_reported(words, first, words.context.token_index(subject[0])):
                continue  # the subject of a reported clause
            return subject
    return None


# words that open a clause whose subject is not the main clause's: "asked who Roe
# would pick", "said that the plan", "told the AP her group"
_CLAUSE_OPENERS = frozenset("that who what whether how why which if".split())


def _inside_reported(words: _Words, first: int, start: int) -> bool:
    """Whether the noun phrase starting at token ``start`` is the subject of a
    reported or embedded clause: "that" or a question word right before it, or a
    reporting verb up to three words before it ("told the AP her group never
    worked", "said Tuesday the plan")."""
    for k in range(start - 1, max(first - 1, start - 4), -1):
        word = words.lower(k)
        if k == start - 1 and word in _CLAUSE_OPENERS:
            return True
        if words.pos[k].startswith("VB") and word in reporting_cues():
            return True
        if words.word(k) in (",", ";", "(", ")"):
            return False
    return False


def _relative_antecedent(words: _Words, first: int, i: int):
    """The subject of a verb whose clause has a relative clause in it: ``those,
    who ..., said`` (the "who", resolved later), ``Officials who spoke to
    reporters said`` (the noun phrase before "who", if no comma or verb stands
    between it and ``i``); None for a bare ``those who say``."""
    for k in range(i, max(first - 1, i - 15), -1):
        word = words.lower(k)
        if word == "," and k < i:
            return None
        if word in ("who", "that") and words.pos[k] in ("WP", "WDT", "IN"):
            if k - 1 >= first and words.word(k - 1) == ",":
                start, end, _ = words.tokens[k]
                return (start, end, "pronoun") if word == "who" else None
            if k - 1 < first or words.pos[k - 1] not in _NOUN_TAGS:
                return None
            start_i = _phrase_start(words, first, k - 1)
            if start_i is None or not _can_speak(words, _head(words, start_i, k - 1)):
                return None
            kind = "name" if words.pos[k - 1] in ("NNP", "NNPS") and (
                words.pos[start_i] not in _EDGE_TAGS) else "description"
            # "voters who say": the relative word is the verb's own subject; the
            # mention runs to it (PolNeAR marks the "who"), the antecedent heads it
            end = k if k == i else k - 1
            return words.tokens[start_i][0], words.tokens[end][1], kind
    return None
