"""Terms, keyness, collocations, KWIC, themes and quote profiles on real text."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from analysis import ArticleError
from analysis.article import article_from_text, iter_articles
from analysis.terms import (
    collection_keyness,
    collocations,
    discover_topics,
    distinctive_terms,
    kwic,
    load_themes,
    log_likelihood,
    log_ratio,
    quote_term_profiles,
    quote_theme_profiles,
    term_table,
    theme_hits,
    theme_shares,
    theme_summary,
)
from tests.seed_quotes import SPEAKER, seed_quotes

TERRORISM = "terrorism and violent extremism"
COOPERATION = "international cooperation and law"
TECHNOLOGY = "technology and communication"


@pytest.fixture(scope="module")
def quotes(seed_article):
    table = seed_quotes(seed_article.text)
    assert len(table) == 5
    return table


@pytest.fixture(scope="module")
def terms(seed_article):
    return term_table(seed_article)


@pytest.fixture(scope="module")
def sample(polnear_dir):
    return list(iter_articles(polnear_dir / "text"))[:30]


def _quoted(table: pd.DataFrame, start: int, end: int) -> bool:
    return any(s <= start and end <= e for spans in table["spans"] for s, e in spans)


# ------------------------------------------------------------------ term table

def test_phrases_of_the_seed_article_are_terms(terms):
    by_term = {t.lower(): row for t, row in zip(terms["term"], terms.itertuples(), strict=True)}
    for phrase in ["counter-terrorism", "security council", "violent extremism",
                   "international cooperation"]:
        assert phrase in by_term, phrase
    assert by_term["security council"].kind == "proper_noun"
    assert by_term["security council"].count == 3
    assert by_term["violent extremism"].n == 2
    assert by_term["violent extremism"].count == 2


def test_proper_noun_phrases_are_kept_whole(terms):
    names = set(terms.loc[terms["kind"] == "proper_noun", "term"])
    assert {"Vladimir Voronkov", "General Assembly", "United Nations",
            "UN Counter-Terrorism Office"} <= names
    # a sentence-initial capital is not a name
    assert not any(name.startswith(("Speaking", "Notably", "The ")) for name in names)


def test_aliases_defined_in_parentheses_are_grouped(terms, seed_article):
    isil = terms[terms["term"] == "ISIL"].iloc[0]
    assert isil["kind"] == "alias_group"
    assert set(isil["aliases"]) == {"Islamic State of Iraq and the Levant", "Da’esh"}
    assert "Da’esh" not in set(terms["term"])
    assert isil["forms"] == {"ISIL": 7, "Islamic State of Iraq and the Levant": 1}
    found = {seed_article.text[s:e] for s, e in isil["spans"]}
    assert found == {"ISIL", "Islamic State of Iraq and the Levant"}
    # ISIL is used 7 times beyond its definition; the long name once
    assert isil["count"] == len(re.findall(r"\bISIL\b", seed_article.text)) - 1 + 1


def test_aliases_generalise_and_need_an_acronym():
    art = article_from_text(
        "Agency news\n\nThe Environmental Protection Agency (EPA) issued rules. Sen. Bernie "
        "Sanders (I-Vt.) objected. Later the EPA said the rules stand, and the EPA left.")
    table = term_table(art)
    epa = table[table["term"] == "EPA"].iloc[0]
    assert epa["kind"] == "alias_group"
    assert epa["aliases"] == ["Environmental Protection Agency"]
    assert epa["count"] == 3
    sanders = table[table["term"] == "Bernie Sanders"].iloc[0]
    assert sanders["kind"] == "proper_noun" and sanders["aliases"] == []


def test_term_rows_trace_back_to_the_text(terms, seed_article):
    text = seed_article.text
    for row in terms.itertuples():
        assert (row.first_start, row.first_end) == row.spans[0]
        assert row.count == len(row.spans) == sum(row.forms.values())
        for start, end in row.spans:
            written = " ".join(text[start:end].split())
            if row.kind == "proper_noun":
                assert written.lower() == row.term.lower()
            elif row.kind in ("word", "ngram"):
                # lemmas group inflections: word by word, forms of one lemma
                assert len(written.split()) == len(row.term.split())
                for word, label in zip(written.split(), row.term.split(), strict=True):
                    assert _lemmas_of(word) & _lemmas_of(label), (word, label)


def _lemmas_of(word: str) -> set[str]:
    """Every lemma a word can have, whatever its class (and the word itself)."""
    from lemminflect import getAllLemmas

    word = word.lower().replace("’", "'")
    return {word, *(lemma for forms in getAllLemmas(word).values() for lemma in forms)}


def test_stop_words_are_left_out_and_rates_are_per_thousand_words(terms, seed_article):
    assert not {"the", "and", "of", "has", "said"} & set(terms["term"].str.lower())
    words = len(re.findall(r"[A-Za-z0-9’'-]+(?:/[A-Za-z’']+)?", seed_article.text))
    implied_words = (terms["count"] / terms["per_1000"] * 1000).round(6)
    assert implied_words.nunique() == 1
    assert abs(implied_words.iloc[0] - words) / words < 0.05


def test_inflections_share_a_term_but_unrelated_words_do_not():
    table = term_table("The organization said its organizations and organs were fine. "
                       "International rules bind interns. The threat grew; threats multiply.")
    counts = dict(zip(table["term"], table["count"], strict=True))
    assert counts["organization"] == 2 and counts["threat"] == 2
    # NLTK's older Snowball rules stem these pairs alike ("organ", "intern")
    assert counts["organs"] == 1 and counts["interns"] == 1 and counts["International"] == 1


def test_text_without_words_gives_an_empty_table_and_bad_input_a_clear_error():
    assert term_table(article_from_text("!!! ... ???")).empty
    with pytest.raises(ArticleError):
        term_table("   ")
    with pytest.raises(TypeError):
        term_table(42)


# ------------------------------------------------------------------ keyness

def test_isil_is_among_the_most_distinctive_terms(seed_article):
    key = distinctive_terms(seed_article, top=10)
    assert "ISIL" in key["term"].head(5).tolist()
    assert "Voronkov" in key["term"].tolist()
    assert (key["count"] > key["expected"]).all()
    assert (key["count"] >= 2).all()
    assert key["log_likelihood"].is_monotonic_decreasing
    assert not {"the", "said", "also"} & set(key["term"])


def test_keyness_statistics_match_worked_values():
    # 10 in 1,000 words vs 10 in 100,000: expected 20*1000/101000 = 0.198 and 19.802,
    # G2 = 2 * (10 ln(10/0.198) + 10 ln(10/19.802)) = 64.78
    assert log_likelihood(10, 10, 1000, 100000) == pytest.approx(64.78, abs=0.01)
    assert log_likelihood(5, 500, 1000, 100000) == pytest.approx(0.0, abs=1e-9)
    assert log_ratio(8, 1, 1000, 1000) == pytest.approx(3.0)
    assert log_ratio(4, 0, 1000, 1000) == pytest.approx(3.0)   # zero smoothed to 0.5


def test_collection_keyness_returns_terms_overused_in_the_article(sample):
    target, reference = sample[0], sample[1:]
    key = collection_keyness(target, reference, top=25)
    assert len(key) >= 5
    reference_words = sum(len(re.findall(r"\w+", a.text)) for a in reference)
    target_words = len(re.findall(r"\w+", target.text))
    lowered = target.text.lower().replace("’", "'")
    for row in key.itertuples():
        assert row.count > row.expected
        assert row.log_ratio > 0
        assert row.count / target_words > row.reference_count / reference_words
        assert target.text[row.first_start:row.first_end]
        if row.kind == "word":
            occurrences = len(re.findall(rf"(?<!\w){re.escape(row.term.lower())}(?!\w)", lowered))
            assert occurrences >= 1


def test_collection_keyness_needs_a_reference(seed_article):
    with pytest.raises(ValueError, match="reference"):
        collection_keyness(seed_article, [seed_article])


def test_topics_are_discovered_in_a_collection(sample):
    topics, documents = discover_topics(sample, n_topics=4, top_terms=8)
    assert sorted(topics["topic"].unique()) == [0, 1, 2, 3]
    assert (topics.groupby("topic").size() == 8).all()
    assert (topics["weight"] >= 0).all()
    assert len(documents) == 4 * len(sample)
    assert not {"the", "and", "said"} & set(topics["term"].str.lower())
    lda, _ = discover_topics(sample, n_topics=3, method="lda", top_terms=5)
    assert len(lda) == 15


# ------------------------------------------------------------------ collocations

def test_collocations_find_fixed_pairs(seed_article):
    found = collocations(seed_article, top=None)
    assert {"security council", "violent extremism", "vladimir voronkov"} <= set(
        found["collocation"])
    assert (found["count"] >= 2).all()
    for row in found.itertuples():
        assert seed_article.text[row.first_start:row.first_end].lower() == row.collocation
    by_pmi = collocations(seed_article, measure="pmi")
    assert by_pmi["pmi"].is_monotonic_decreasing
    with pytest.raises(ValueError):
        collocations(seed_article, n=4)


# ------------------------------------------------------------------ KWIC

def test_kwic_marks_hits_inside_voronkovs_quotes(seed_article, quotes):
    hits = kwic(seed_article, "ISIL", quotes)
    text = seed_article.text
    assert (hits["keyword"] == "ISIL").all()
    assert len(hits) == len(re.findall(r"\bISIL\b", text))
    for row in hits.itertuples():
        assert text[row.start:row.end] == "ISIL"
        assert row.in_quote == _quoted(quotes, row.start, row.end)
        assert row.speaker == (SPEAKER if row.in_quote else "")
    assert 2 <= hits["in_quote"].sum() < len(hits)
    assert set(hits.loc[hits["in_quote"], "quote_kind"]) == {"direct"}
    first = hits.iloc[0]
    assert first["left"] == " ".join(text[max(0, first["start"] - 50):first["start"]].split())


def test_kwic_phrases_stems_and_aliases(seed_article):
    assert len(kwic(seed_article, "violent extremism")) == 2
    assert len(kwic(seed_article, "Violent  Extremism")) == 2
    exact, stemmed = kwic(seed_article, "threat"), kwic(seed_article, "threat", match="stem")
    assert len(stemmed) > len(exact) and "threats" in set(stemmed["keyword"])
    with_aliases = set(kwic(seed_article, "ISIL", aliases=True)["keyword"])
    assert {"Da’esh", "Islamic State of Iraq and the Levant"} <= with_aliases
    assert kwic(seed_article, "zeppelin").empty


def test_kwic_rejects_bad_queries_and_quote_tables(seed_article):
    with pytest.raises(ValueError, match="no word"):
        kwic(seed_article, " -- ")
    with pytest.raises(ValueError, match="spans"):
        kwic(seed_article, "ISIL", pd.DataFrame({"speaker": ["x"]}))
    outside = pd.DataFrame({"spans": [[[0, 10**6]]], "speaker": ["x"], "quote_id": ["q"],
                            "kind": ["direct"]})
    with pytest.raises(ValueError, match="outside the text"):
        kwic(seed_article, "ISIL", outside)


# ------------------------------------------------------------------ themes

def test_terrorism_and_cooperation_dominate(seed_article):
    summary = theme_summary(seed_article)
    assert set(summary["theme"].head(2)) == {TERRORISM, COOPERATION}
    assert summary["share"].sum() == pytest.approx(1.0)
    assert summary.set_index("theme").loc[TERRORISM, "triggers"]["isil"] >= 7


def test_technology_appears_in_the_last_paragraphs(seed_article):
    shares = theme_shares(seed_article)
    last = len(seed_article.paragraphs) - 1
    technology = shares[shares["theme"] == TECHNOLOGY]
    assert last in set(technology["paragraph_id"])
    assert technology["paragraph_id"].min() >= last - 3
    words = set(theme_hits(seed_article).query("theme == @TECHNOLOGY")["text"].str.lower())
    assert {"encryption", "dark web", "social media"} <= words
    assert shares.groupby("paragraph_id")["share"].sum().round(9).eq(1).all()


def test_theme_hits_trace_back_and_longest_trigger_wins(seed_article):
    hits = theme_hits(seed_article)
    for row in hits.itertuples():
        assert seed_article.text[row.start:row.end] == row.text
    council = hits[hits["text"] == "Security Council"]
    assert set(council["theme"]) == {COOPERATION}      # not "security" on its own


def test_theme_lexicon_is_extendable(tmp_path):
    art = article_from_text("Match report\n\nThe football match ended in a penalty shoot-out.")
    assert theme_hits(art).query("theme == 'sport'").empty
    themes = load_themes(extra={"sport": ["football", "penalty shoot-out"]})
    assert set(theme_hits(art, themes).query("theme == 'sport'")["text"]) == {
        "football", "penalty shoot-out"}
    lexicon = tmp_path / "themes.tsv"
    lexicon.write_text("# theme\tterm\nsport\tfootball match\n", encoding="utf-8")
    assert theme_hits(art, load_themes(lexicon))["text"].tolist() == ["football match"]
    lexicon.write_text("sport football\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        load_themes(lexicon)


# ------------------------------------------------------------------ quoted vs narration

def test_quote_profiles_split_quoted_speech_from_narration(seed_article, quotes):
    profiles = quote_term_profiles(seed_article, quotes, top=50)
    groups = profiles.drop_duplicates("group").set_index("group")["group_words"]
    assert set(groups.index) == {"narration", "all quotes", SPEAKER}
    assert groups["all quotes"] == groups[SPEAKER]
    total = len(re.findall(r"[A-Za-z0-9’'-]+(?:/[A-Za-z’']+)?", seed_article.text))
    assert abs(groups["narration"] + groups["all quotes"] - total) / total < 0.05
    for row in profiles.itertuples():
        inside = _quoted(quotes, row.first_start, row.first_end)
        assert inside == (row.group != "narration")
    quoted = profiles[profiles["group"] == SPEAKER]
    assert "ISIL" in set(quoted["term"])
    # "Voronkov" is only ever named by the narration
    assert "Voronkov" in set(profiles.query("group == 'narration'")["term"])
    assert "Voronkov" not in set(quoted["term"])


def test_quote_theme_profiles(seed_article, quotes):
    themes = quote_theme_profiles(seed_article, quotes)
    quoted = themes[themes["group"] == SPEAKER].set_index("theme")
    assert TERRORISM in quoted.index and TECHNOLOGY in quoted.index
    assert themes.groupby("group")["share"].sum().round(9).eq(1).all()


def test_profiles_accept_the_quote_extractors_table(seed_article):
    from analysis.quotes import extract_quotes

    quotes = extract_quotes(seed_article)
    direct = quotes[quotes["kind"] == "direct"]
    hits = kwic(seed_article, "ISIL", quotes)
    assert hits["in_quote"].all()                      # reported speech counts as quoted
    marked = kwic(seed_article, "ISIL", direct)
    assert 0 < marked["in_quote"].sum() < len(marked)
    profiles = quote_term_profiles(seed_article, direct)
    assert {"narration", "all quotes"} <= set(profiles["group"])


def test_cli_terms_and_kwic(capsys):
    from analysis.cli import main
    from tests.conftest import SEED_ARTICLE

    assert main(["terms", str(SEED_ARTICLE), "--top", "5", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(table) == 5 and table["term"].iloc[0] == "ISIL"
    assert main(["kwic", str(SEED_ARTICLE), "ISIL", "--direct-only", "--format", "csv"]) == 0
    hits = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert (hits["keyword"] == "ISIL").all() and hits["in_quote"].any()
    assert main(["kwic", str(SEED_ARTICLE), "..."]) == 2
    assert "no word" in capsys.readouterr().err


def test_term_records_are_the_term_table_without_occurrences(seed_article, polnear_dir):
    from analysis import load_article
    from analysis.terms import term_records

    files = sorted((polnear_dir / "text").glob("*.txt"))
    for article in [seed_article, *(load_article(p) for p in files[:: max(1, len(files) // 20)])]:
        table = term_table(article).drop(columns=["spans", "forms"])
        assert term_records(article) == list(table.itertuples(index=False, name=None)), article.id


_PLAIN_SNIPPET = (
    "Rule of Law at the United Nations\n\n"
    "The Security Council met on Monday. Security Council members said the rule of law "
    "must hold, and the council's rule of law review was \u201cgonna\u201d wait. "
    "Islamic State of Iraq and the Levant fighters and ISIL/Da\u2019esh recruits left; "
    "the threats grew. A threat is a threat, she said.\n\n"
    "New  York\nofficials met New York police."
)


def _general_rows(article, max_n, min_count, occurrences):
    from analysis import terms

    analysis = terms._analyse(article)
    return terms._term_rows(terms._grouped(analysis, article.text), terms._word_count(analysis),
                            max_n, min_count, occurrences=occurrences)


def test_term_rows_without_aliases_match_the_general_grouping(polnear_dir):
    """term_records and term_table count an article without alias groups straight from
    its units; that fast path must give exactly the rows of the general grouping
    (occurrences merged per key, spans deduplicated, labels, kinds, order)."""
    from analysis import load_article
    from analysis.terms import term_records

    snippet = article_from_text(_PLAIN_SNIPPET)
    files = sorted((polnear_dir / "text").glob("*.txt"))
    articles = [snippet, *(load_article(p) for p in files[:: max(1, len(files) // 25)])]
    checked = 0
    for article in articles:
        if term_table(article, kinds=["alias_group"]).shape[0]:
            continue   # alias groups always take the general path
        checked += 1
        for max_n, min_count in ((3, 1), (2, 2), (1, 1)):
            table = term_table(article, max_n=max_n, min_count=min_count)
            assert list(table.itertuples(index=False, name=None)) == _general_rows(
                article, max_n, min_count, True), article.id
            assert term_records(article, max_n=max_n, min_count=min_count) == _general_rows(
                article, max_n, min_count, False), article.id
    assert checked >= 20
    table = term_table(snippet).set_index("term")
    # a proper noun that is also a bigram is one term, counted once per place
    assert table.loc["Security Council", ["kind", "count"]].tolist() == ["proper_noun", 2]
    assert table.loc["rule of law", "count"] == 3
    assert table.loc["New York", "count"] == 2   # "New  York\n" is labelled with one space
    assert table.loc["threat", "forms"] == {"threat": 2, "threats": 1}


def test_term_counting_pauses_the_collector_only_because_it_makes_no_cycles(seed_article):
    """term_records and term_table run with the cyclic collector paused (analysis._gc):
    only free if they leave no reference cycles, and the caller's setting comes back."""
    import gc

    from analysis.terms import term_records

    term_records(seed_article)  # lexicons, lemmatiser and caches load here
    gc.collect()
    gc.disable()
    try:
        for number in range(2):   # a new id: the article's analysis is not cached
            article = article_from_text(seed_article.text, id=f"copy-{number}")
            assert term_records(article) and not term_table(article).empty
        assert term_records(article_from_text(_PLAIN_SNIPPET))
        assert gc.collect() == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
    term_records(article_from_text(_PLAIN_SNIPPET, id="again"))
    assert gc.isenabled()


# ------------------------------------------------------------------------- lemmas

def test_verbs_stay_apart_from_nouns_of_the_same_lemma(seed_article):
    """"stated" (a verb) is not counted with "states" (a noun); inflections still share."""
    table = term_table(seed_article).set_index("term")
    assert table.loc["states", "forms"] == {"State": 1, "States": 1, "states": 1}
    assert table.loc["stated", "forms"] == {"stated": 1}
    assert table.loc["threat", "forms"] == {"threat": 3, "threats": 3}
    assert table.loc["stated", "key"] == "state.v" and table.loc["states", "key"] == "state"
    warned = term_table("The mayor warned them. She warns often. Warnings differ.")
    warned = warned.set_index("key")
    assert warned.loc["warn.v", "forms"] == {"warned": 1, "warns": 1}
    assert warned.loc["warning", "forms"] == {"Warnings": 1}


def test_part_of_speech_tags_decide_the_word_class_when_given(monkeypatch):
    """With the tagger's tags (analysis.tag), "attacks" as a verb and as a noun are two
    terms; without tags both are guessed nouns and count together."""
    import analysis.terms as terms_module
    from analysis.tokenize import token_spans

    text = "Raids\n\nThe attacks worried officials. The militia attacks towns, officials said."
    untagged = term_table(article_from_text(text, id="untagged")).set_index("term")
    assert untagged.loc["attacks", "count"] == 2
    article = article_from_text(text, id="tagged")
    words = [article.text[s:e] for s, e, _ in token_spans(article)]
    penn = {"Raids": "NNS", "The": "DT", "attacks": "NNS", "worried": "VBD",
            "officials": "NNS", ".": ".", "militia": "NN", "towns": "NNS", ",": ",",
            "said": "VBD"}
    tags = [penn[w] for w in words]
    tags[words.index("attacks", 3)] = "VBZ"    # "The militia attacks towns"
    monkeypatch.setattr(terms_module, "_article_pos", lambda a: tags)
    tagged = term_table(article)
    attacks = tagged[tagged["term"] == "attacks"]
    assert sorted(attacks["key"]) == ["attack", "attack.v"]
    assert attacks["count"].tolist() == [1, 1]
    # KWIC by lemma still finds every form of the word, whatever its class
    assert len(kwic(article, "attack", match="lemma")) == 2


def test_theme_triggers_follow_the_sense_not_just_the_word(seed_article):
    """Longest triggers win ("military campaigns" is security, not elections), and words
    with a common other sense need a phrase ("primary focus" is no primary election)."""
    hits = theme_hits(seed_article)
    campaign = hits[hits["text"] == "military campaigns"]
    assert campaign["theme"].tolist() == ["security and military"]
    assert not hits["text"].str.contains("primary").any()
    party = theme_hits("Convention\n\nDelegates met at the Republican convention. The party "
                       "platform was read. Britain signed the Geneva Convention.")
    assert dict(zip(party["text"], party["theme"], strict=True)) == {
        "Delegates": "elections and politics",
        "Republican convention": "elections and politics",
        "party platform": "elections and politics",
        "Geneva Convention": "international cooperation and law"}
    generic = theme_hits("Rally\n\nThe speech inspired voters and prevented a split; a veteran "
                         "lobbyist and his allies won territory.")
    assert set(generic["theme"]) == {"elections and politics"}    # "voters" only
    summary = theme_summary(seed_article).set_index("theme")
    # triggers counted by lexicon entry: "threat" and "threats" are one trigger
    assert summary.loc["security and military", "triggers"]["threat"] == 6
