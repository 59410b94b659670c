"""Speaker profiles on real text: the seed article, PolNeAR invariants, lexicon extension."""

import json

import pytest

from analysis import ArticleError, attribute, extract_quotes, load_article, speaker_profiles
from analysis.article import as_article as load_article_text
from analysis.cli import main
from analysis.speakers import (
    PROFILE_COLUMNS,
    _mention_ends,
    _Row,
    _subject_of,
    _verb_first_letters,
    _verb_matches,
    profile_lexicons,
)


@pytest.fixture(scope="module")
def seed_attribution(seed_article):
    return attribute(seed_article)


@pytest.fixture(scope="module")
def seed_profiles(seed_attribution):
    return speaker_profiles(seed_attribution)


@pytest.fixture(scope="module")
def voronkov(seed_profiles):
    rows = seed_profiles[seed_profiles.speaker == "Vladimir Voronkov"]
    assert len(rows) == 1
    return rows.iloc[0]


def _roles(row):
    return [role["role"] for role in row.roles]


def test_columns(seed_profiles):
    assert list(seed_profiles.columns) == PROFILE_COLUMNS


def test_one_speaker_holds_every_quote(seed_profiles, seed_attribution):
    quoted = seed_profiles[seed_profiles.n_quotes > 0]
    assert quoted.speaker.tolist() == ["Vladimir Voronkov"]
    row = quoted.iloc[0]
    assert row.n_quotes == len(seed_attribution.quotes) == 14
    assert row.n_direct == 5 and row.n_indirect == 9
    assert row.share_of_quoted_words == 1.0
    assert row.first_mention_offset == 0


def test_description_words_are_not_separate_entities(seed_profiles):
    # "UN Chief" and "Russian" are words of Voronkov's descriptions, not other people
    assert "UN Chief" not in seed_profiles.speaker.tolist()
    assert "Russian" not in seed_profiles.speaker.tolist()
    assert {"United Nations", "Security Council", "UN Counter-Terrorism Office"} <= set(
        seed_profiles.speaker
    )


def test_roles_of_voronkov(voronkov):
    roles = _roles(voronkov)
    for expected in ["UN Chief", "Russian diplomat", "security expert", "UN official",
                     "top member of the United Nations counter-terrorism department"]:
        assert expected in roles
    director = [r for r in voronkov.roles if r["role"].startswith("director of")]
    assert [r["role"] for r in director] == ["director of the UN Counter-Terrorism Office"]
    assert director[0]["text"] == "directs the UN\u00a0Counter-Terrorism Office"
    assert director[0]["source"] == "verb"
    # "UN official" is used twice: one role, both occurrences
    official = next(r for r in voronkov.roles if r["role"] == "UN official")
    assert len(official["spans"]) == 2


def test_nationality_affiliation_category(voronkov):
    assert voronkov.nationality == ["Russian"]
    assert "United Nations" in voronkov.affiliation
    assert "UN Counter-Terrorism Office" in voronkov.affiliation
    assert {"official", "diplomat", "expert/academic"} <= set(voronkov.role_category)


def test_reporting_verbs_and_stance(voronkov):
    verbs = voronkov.reporting_verbs
    assert {"tell", "add", "stress", "say", "insist", "emphasize"} <= set(verbs)
    assert verbs["add"] == 2 and verbs["say"] == 2
    assert voronkov.verb_stance["emphatic"] >= 3  # stressed, insisted, emphasized (+ reiterated)
    assert sum(voronkov.verb_stance.values()) == sum(verbs.values())


def test_mentions_cover_names_pronouns_descriptions(seed_article, voronkov):
    texts = [m["text"] for m in voronkov.mentions]
    assert "Mr. Voronkov" in texts and "he" in texts
    assert "the Russian diplomat and security expert" in texts
    assert "His" in texts  # a pronoun outside any attribution
    starts = [m["start"] for m in voronkov.mentions]
    assert starts == sorted(starts)
    for mention in voronkov.mentions:
        assert seed_article.text[mention["start"] : mention["end"]] == mention["text"]
        assert mention["how"]


def test_audience_in_quote_table(seed_attribution):
    assert "the Security Council" in extract_quotes(seed_attribution).audience.tolist()


def _check_offsets(text, table):
    for row in table.itertuples():
        for mention in row.mentions:
            assert 0 <= mention["start"] < mention["end"] <= len(text)
            assert text[mention["start"] : mention["end"]] == mention["text"]
        for role in row.roles:
            assert text[role["start"] : role["end"]] == role["text"]
            assert [role["start"], role["end"]] in role["spans"]
            for start, end in role["spans"]:
                assert 0 <= start < end <= len(text)


def test_offsets_point_at_their_text(seed_article, seed_profiles):
    _check_offsets(seed_article.text, seed_profiles)


def test_polnear_invariants(polnear_dir):
    files = sorted((polnear_dir / "text").glob("*.txt"))
    sample = files[:: max(1, len(files) // 25)][:25]
    quoted_rows = 0
    for path in sample:
        article = load_article(path)
        result = attribute(article)
        profiles = speaker_profiles(result)
        quotes = extract_quotes(result)
        names = set(profiles.speaker) | {a for aliases in profiles.aliases for a in aliases}
        for speaker in quotes.speaker:
            assert not speaker or speaker in names, (path.name, speaker)
        assert profiles.n_quotes.sum() == (quotes.speaker != "").sum(), path.name
        assert (profiles.n_direct + profiles.n_indirect == profiles.n_quotes).all()
        _check_offsets(article.text, profiles)
        quoted_rows += int((profiles.n_quotes > 0).sum())
    assert quoted_rows >= 25


def test_role_noun_extension_dict_and_file(tmp_path):
    text = ("Hives\n\nJane Doe is an apiarist at the Hive Institute. "
            "“Bees are dying all over the county this year,” Doe said.")
    before = speaker_profiles(text)
    doe = before[before.speaker == "Jane Doe"].iloc[0]
    assert doe.n_quotes == 1 and doe.roles == [] and doe.role_category == []

    added = speaker_profiles(text, role_nouns={"apiarist": "expert/academic"})
    doe = added[added.speaker == "Jane Doe"].iloc[0]
    assert _roles(doe) == ["apiarist at the Hive Institute"]
    assert doe.role_category == ["expert/academic"]
    assert doe.affiliation == ["Hive Institute"]

    lexicon = tmp_path / "my_roles.tsv"
    lexicon.write_text("# noun\tcategory\ttype\napiarist\tbeekeeping\tperson\n", encoding="utf-8")
    from_file = speaker_profiles(text, role_nouns=lexicon)
    assert from_file[from_file.speaker == "Jane Doe"].iloc[0].role_category == ["beekeeping"]


def test_role_verb_and_demonym_extension():
    text = ("Museum\n\nAnn Lee curates the City Museum. "
            "The Ruritanian ambassador, Max Moritz, praised the show.")
    plain = speaker_profiles(text)
    lee = plain[plain.speaker == "Ann Lee"].iloc[0]
    assert lee.roles == []
    extended = speaker_profiles(text, role_verbs={"curates": ("curator", "of")},
                                demonyms={"Ruritanian": "Ruritanian"})
    lee = extended[extended.speaker == "Ann Lee"].iloc[0]
    assert _roles(lee) == ["curator of the City Museum"]
    moritz = extended[extended.speaker == "Max Moritz"].iloc[0]
    assert _roles(moritz) == ["Ruritanian ambassador"]
    assert moritz.nationality == ["Ruritanian"] and moritz.role_category == ["diplomat"]


def test_mixed_quote_counts_as_direct():
    text = ("Budget\n\nTom Ray said the plan was “a disaster for the city” and should be "
            "dropped at once.")
    row = speaker_profiles(text).iloc[0]
    assert (row.speaker, row.n_quotes, row.n_direct, row.n_indirect) == ("Tom Ray", 1, 1, 0)
    assert row.reporting_verbs == {"say": 1} and row.verb_stance == {"neutral": 1}


def test_description_only_speaker_gets_a_row():
    text = "Turnout\n\n“Turnout will be low this year in every district,” the poll said."
    table = speaker_profiles(text)
    poll = table[table.speaker == "poll"].iloc[0]
    assert poll.n_quotes == 1 and poll.entity_type == "document"
    assert poll.mentions[0]["text"] == "the poll"


def test_article_without_quotes_and_bad_input():
    table = speaker_profiles("Visit\n\nAnn Lee, a senator from Ohio, visited Paris on Monday.")
    assert table.n_quotes.sum() == 0 and (table.share_of_quoted_words == 0.0).all()
    lee = table[table.speaker == "Ann Lee"].iloc[0]
    assert _roles(lee) == ["senator from Ohio"] and lee.role_category == ["politician"]
    with pytest.raises(ArticleError):
        speaker_profiles("   \n ")


def test_cli_speakers_jsonl(capsys, seed_article):
    assert main(["speakers", seed_article.source, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert rows[0]["speaker"] == "Vladimir Voronkov" and rows[0]["n_quotes"] == 14
    assert main(["speakers", seed_article.source]) == 0
    assert "director of the UN Counter-Terrorism Office" in capsys.readouterr().out


def test_role_rules_on_a_written_paragraph():
    text = ("Talks\n\nRobert Ford, the former American ambassador to Syria, met Rep. Tulsi "
            "Gabbard and Ann Lee, a representative of the firm. If Gabbard is president, "
            "nothing changes. Lee is not the nominee. Ford is a senior fellow at the Middle "
            "East Institute.")
    table = speaker_profiles(text).set_index("speaker")
    ford = table.loc["Robert Ford"]
    assert _roles(ford) == ["former American ambassador to Syria",
                            "senior fellow at the Middle East Institute"]
    # Syria is where he served, not his nationality
    assert ford.nationality == ["American"] and ford.affiliation == ["Middle East Institute"]
    assert ford.role_category == ["diplomat", "expert/academic"]
    # a capitalised title before a name is a title; a lower-case noun is a role noun
    gabbard = table.loc["Tulsi Gabbard"]
    assert _roles(gabbard) == ["Representative"] and gabbard.role_category == ["politician"]
    lee = table.loc["Ann Lee"]
    # "if Gabbard is president" and "is not the nominee" are no roles
    assert _roles(lee) == ["representative of the firm"]
    assert lee.role_category == ["spokesperson"]


def test_one_row_per_name():
    text = ("Clintons\n\nBill Clinton spoke first. Then Hillary Clinton spoke. Bill Clinton said "
            "the campaign was going well in every state.")
    table = speaker_profiles(text)
    assert sorted(table.speaker) == ["Bill Clinton", "Hillary Clinton"]
    bill = table[table.speaker == "Bill Clinton"].iloc[0]
    assert [m["start"] for m in bill.mentions] == [
        i for i in range(len(text)) if text.startswith("Bill Clinton", i)
    ]
    assert bill.n_quotes == 1


def test_countries_are_rows_only_when_quoted():
    text = ("Trip\n\nAnn Lee visited Syria and Jordan on Monday. Syria said the visit was "
            "welcome in every way.")
    table = speaker_profiles(text)
    # Jordan is only visited; Syria speaks, so it keeps its row
    assert table.speaker.tolist() == ["Syria", "Ann Lee"]
    assert table.n_quotes.tolist() == [1, 0]


def test_lexicon_patterns_find_the_longest_form_at_word_starts():
    """The prefix-tree pattern of a lexicon finds what a plain longest-first
    alternation finds: longest form first, whole words, spaces as any run of
    spaces or no-break spaces, a longer form given up when a word goes on."""
    import re

    from analysis.speakers import _form_pattern

    forms = ["U.S.", "US", "UN", "U.N.", "has been named", "has been", "has become", "is",
             "Russia", "Russian", "co-founded", "New York"]
    text = ("The U.S. envoy, who has been named to the UN post, is Russian-born; "
            "US-led talks in New\u00a0York has  been held. Russians, co-founded, DUN, isn't, "
            "U.N.-backed, has been namedly, has becomes.")
    plain = "|".join(re.escape(f).replace(r"\ ", r"[ \u00a0]+")
                     for f in sorted(forms, key=len, reverse=True))
    reference = re.compile(rf"(?<![\w’'.-])(?:{plain})(?![\w-]|\.\w)")
    found = [(m.start(), m.group()) for m in _form_pattern(forms).finditer(text)]
    assert found == [(m.start(), m.group()) for m in reference.finditer(text)]
    assert [group for _, group in found] == [
        "U.S.", "has been named", "UN", "is", "New\u00a0York", "has  been", "co-founded",
        "has been"]
    # a no-break space written inside a form (a user's lexicon) is matched literally
    odd = ["New\u00a0York City", "New York", "New"]
    assert [m.group() for m in _form_pattern(odd).finditer("New\u00a0York City, New York")] == [
        "New\u00a0York City", "New York"]
    # searching inside a sentence sees the characters before its start, as before
    start = text.index("S. envoy")
    assert [m.group() for m in _form_pattern(forms).finditer(text, start, start + 8)] == []


def test_lexicon_memos_stay_bounded(monkeypatch):
    """Role-word lookups are memoised per lexicon, and a full memo starts over
    (flat memory over a long run) without changing the answers."""
    from analysis import speakers

    lexicons = speakers.profile_lexicons(role_nouns={"apiarist": "expert/academic"})
    words = ["apiarist", "spokesman", "Senator", "table", "ambassadors", "Gov.", "apiarists"]
    expected = [lexicons.role_info(w) for w in words]
    assert expected[0] == ("expert/academic", "person") and expected[3] is None
    monkeypatch.setattr(speakers, "_MEMO_SIZE", 3)
    fresh = speakers.profile_lexicons(role_nouns={"apiarist": "expert/academic"})
    assert [fresh.role_info(w) for w in words] == expected
    assert [fresh.role_info(w) for w in reversed(words)] == expected[::-1]
    assert all(len(memo) <= 3 for memo in fresh._memos.values())


def test_profiles_pause_the_collector_only_because_they_make_no_cycles(seed_attribution):
    """profile_records runs with the cyclic collector paused (analysis._gc): that is
    only free if it leaves no reference cycles, and it must give the caller's setting
    back. An extended lexicon (built per call) makes none either."""
    import gc

    from analysis.speakers import profile_records

    profile_records(seed_attribution)  # lexicons and memos load here
    gc.collect()
    gc.disable()
    try:
        assert any(row[8] for row in profile_records(seed_attribution))
        profile_records(seed_attribution, role_nouns={"apiarist": "expert/academic"})
        assert gc.collect() == 0
        assert not gc.isenabled()  # a caller's disabled collector stays disabled
    finally:
        gc.enable()
    profile_records(seed_attribution)
    assert gc.isenabled()  # and an enabled one is enabled again


def _scanned_verbs(text, result, ends, lex):
    """Role-verb matches with a subject, found by a scan of every sentence."""
    forms = lex.pattern("role_verbs")
    return [(m.span(), s) for s, e, _ in result.sentences for m in forms.finditer(text, s, e)
            if _subject_of(text, m.start(), s, ends) is not None]


def _fast_verbs(text, result, ends, lex):
    return [(m.span(), s) for m, s, _ in _verb_matches(text, result.sentences, ends, lex)
            if _subject_of(text, m.start(), s, ends) is not None]


def _verb_inputs(article, lex):
    result = attribute(article)
    rows = {}
    for entity in result.entities.entities:
        row = rows.setdefault(entity.id, _Row(entity.name, entity.kind))
        for start, end, _, how in entity.mentions:
            row.mentions[(start, end)] = how
        row.descriptions.extend((s, e, "appositive") for s, e, _ in entity.descriptors)
    return article.text, result, _mention_ends(rows), lex


def test_role_verbs_matched_at_mention_ends_as_a_scan_finds_them(polnear_dir, seed_article):
    # the fast path looks for role verbs only after mentions (and glue words): it must
    # find exactly the verbs with a subject that a scan of every sentence finds
    lex = profile_lexicons()
    assert _verb_first_letters("role_verbs", lex)  # the shipped forms allow the fast path
    articles = [seed_article] + [load_article(p) for p in
                                 sorted((polnear_dir / "text").glob("*.txt"))[:80]]
    found = 0
    for article in articles:
        inputs = _verb_inputs(article, lex)
        scanned = _scanned_verbs(*inputs)
        assert _fast_verbs(*inputs) == scanned, article.id
        found += len(scanned)
    assert found > 100


def test_nesting_role_verb_forms_fall_back_to_a_scan():
    # "named" can match inside "was named": matching at chosen places could then differ
    lex = profile_lexicons(role_verbs={"named": ("nominee", "for")})
    assert not _verb_first_letters("role_verbs", lex)
    text = "Vote\n\nAnn Lee, who was named chair of the Budget Committee, spoke on Monday."
    inputs = _verb_inputs(load_article_text(text), lex)
    assert _fast_verbs(*inputs) == _scanned_verbs(*inputs) != []
    table = speaker_profiles(text, role_verbs={"named": ("nominee", "for")})
    lee = table[table.speaker == "Ann Lee"].iloc[0]
    assert "chair of the Budget Committee" in _roles(lee)
