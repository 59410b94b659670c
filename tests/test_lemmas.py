"""Lemmas for counting terms: dictionary forms, verbs apart from nouns, names kept."""

from __future__ import annotations

import re

import pytest

from analysis.lemmas import VERB_MARK, lemma, term_key, word_class


@pytest.mark.parametrize("word, expected", [
    ("threats", "threat"), ("said", "say"), ("told", "tell"), ("organizations", "organization"),
    ("media", "media"), ("data", "data"),            # a plural that is a lemma itself stays
    ("clinton's", "clinton"), ("voters'", "voter"),  # possessives
    ("peace-keepers", "peace-keeper"), ("counter-terrorism", "counter-terrorism"),
    ("jihadists", "jihadist"),                       # unknown to the dictionary: its rules
    ("news", "news"), ("2016", "2016"), ("isil", "isil"),
])
def test_lemma_is_the_dictionary_form(word, expected):
    assert lemma(word) == expected


def test_the_guessed_class_keeps_verbs_and_nouns_apart():
    assert term_key("stated") == "state" + VERB_MARK and term_key("states") == "state"
    assert term_key("attacked") == "attack.v" and term_key("attacks") == "attack"
    # an -ing word the dictionary lists as a noun is one; else a verb form
    assert term_key("meeting") == "meeting" and term_key("evolving") == "evolve.v"


def test_tags_decide_the_class():
    assert term_key("attacks", "VBZ") == "attack.v" and term_key("attacks", "NNS") == "attack"
    assert term_key("left", "VBD") == "leave.v" and term_key("left", "JJ") == "left"
    assert term_key("states", "NNPS") == "state"       # a proper noun's plural
    assert term_key("the", "DT") == "the"               # function words keep their form
    assert [word_class(t) for t in ("VBG", "MD", "NNP", "RBR", "CD", None)] == [
        "VERB", "AUX", "PROPN", "ADV", None, None]


def test_capitalised_unknown_words_are_names_and_keep_their_form():
    assert term_key("jones", capitalised=True) == "jones"
    assert term_key("jones") == "jone"    # lower case: read as a plural by the rules
    assert term_key("voronkov", capitalised=True) == "voronkov"


def test_lemmas_read_from_lemminflects_tables_are_what_its_api_gives(seed_article):
    # the fast path reads lemminflect's tables without its deep copies: it must give
    # getAllLemmas's answer for every word of those tables and every word of an article
    from lemminflect import getAllLemmas

    from analysis.lemmas import _lemma_tables, _lemmas

    lemmas, overrides = _lemma_tables()
    article_words = {w.replace("’", "'") for w in re.findall(r"\S+", seed_article.text)}
    words = {*lemmas, *overrides, *article_words, *(w.lower() for w in article_words)}
    assert len(words) > 60_000
    differ = [w for w in sorted(words) if _lemmas.__wrapped__(w) != getAllLemmas(w)]
    assert not differ, differ[:10]
