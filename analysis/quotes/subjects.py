"""Speaker mentions around a cue: the noun phrase before or after it, appositives,
relative clauses, possessors, the subject a participle hangs on, and the audience."""

from __future__ import annotations

import bisect
import re
from itertools import islice

from ..mentions import EntityIndex, _stop_starts, role_noun_info
from .cues import (
    _AUDIENCE_VERBS,
    _INVERTING_VERBS,
    _cue_lemma,
    _cues_in,
    _frame_cues_in,
    reporting_cues,
)
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
    if last.endswith(","):
        return _speaker_with_appositive(text, tokens)
    if last.lower() in _PRONOUNS:
        if last.lower() == "who" and not (len(tokens) > 1 and tokens[-2][2].endswith(",")):
            return None  # "those who say": no antecedent to resolve
        return tokens[-1][0], tokens[-1][1], "pronoun"
    picked: list[tuple[int, int, str]] = []
    cues = reporting_cues()
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
        if low in _PRONOUNS or low in _SKIPPABLE or "’" in bare[1:-2] or low in cues:
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
    ):
        # "among member states": the object of a preposition is no subject, but
        # "hours after Sanders said": the subject of a clause the word opens is
        return None
    return picked[0][0], picked[-1][1], kind


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


def _speaker_with_appositive(text: str, tokens) -> tuple[int, int, str] | None:
    """``Samantha Phillips, the city's director, said``: the name before the comma.

    The rightmost name whose following words read as an appositive (a
    determiner or a lower-case word, no quotation) wins, so ``In posts Sunday,
    Mr. Frum, a former speechwriter, wrote`` gives "Mr. Frum".
    """
    lo = tokens[0][0]
    hi = tokens[-1][1]
    segment = text[lo:hi]
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
        return start, start + len(name), "name"
    # "The mayor, Tom Ray, said": the name is itself the appositive
    last = re.search(
        r"(?:^|,[ \u00a0]+)([A-Z][\w’'.\-]*(?:[ \u00a0][A-Z][\w’'.\-]*){0,3}),[ \u00a0]*$", segment
    )
    if last and last.start() > 0:
        start = lo + last.start(1)
        return start, start + len(last.group(1)), "name"
    return None


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
    phrase right before a participle, after "with", "and" or a dash, is its subject."""
    speaker = _speaker_before(text, s_start, cue_start)
    if speaker is None or speaker[2] == "pronoun" or text[speaker[1] : cue_start].strip():
        return None
    lead = text[max(s_start, speaker[0] - 12) : speaker[0]].rstrip(" \u00a0")
    if re.search(r"(?:\b(?:with|and)|[—–―])$", lead):
        return speaker
    return None


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


def _clause_subject(text: str, s_start: int, hi: int, index: EntityIndex):
    """The subject of the clause a mid-sentence quote sits in: the sentence's, or
    the one after an opening phrase ("In the depths of the recession, Paul Ryan")."""
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
            return subject
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
        r"[ \u00a0]+((?:him|her|them|us|me|reporters|[A-Z][\w’'.\-]*(?:[ \u00a0][A-Z][\w’'.\-]*)*|"
        r"(?:the|a|an|his|her|their)(?:[ \u00a0][\w’'\-]+){1,4}?))"
        r"(?=[ \u00a0]+(?:that|of|about|on|in|to|at|during|,)|[,:.]|$)"
    ).match(text, position, hi)
    if not match:
        return "", position
    return match.group(1), match.end()
