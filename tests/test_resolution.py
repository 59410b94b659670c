"""Speaker resolution (analysis.coref, through the quote table): one kind of issue 18 each.

The texts are written for the tests in the style of news; each checks the ``speaker``
column (who said it), not only the speaker mention.
"""

from __future__ import annotations

import pytest

from analysis import extract_quotes, speaker_profiles
from analysis.coref import Coreference, clean_mention, entity_kind
from analysis.mentions import NAME_PATTERN, build_entities
from analysis.quotes import attribute
from analysis.tokenize import sentence_spans


def speakers(text: str) -> list[str]:
    return extract_quotes(text).speaker.tolist()


def coreference(text: str) -> Coreference:
    sentences = sentence_spans(text)
    return Coreference(text, sentences, build_entities(text, sentences))


def test_a_pronoun_goes_to_the_subject_not_to_the_nearest_name():
    text = ("Budget\n\nMayor Jane Roe met the press on Friday after a long meeting with "
            "Ann Lee, the finance minister. “The city cannot wait for the money,” she said.")
    quotes = extract_quotes(text)
    assert quotes.speaker.tolist() == ["Jane Roe"]
    assert quotes.evidence[0].endswith("pronoun->Jane Roe (salience)")


def test_a_pronoun_after_another_speaker_goes_to_who_the_paragraph_is_about():
    # the quote before is Lee's, but the sentence before the pronoun is about Roe
    text = ("Budget\n\n“We have no money left,” Ann Lee said.\n\n"
            "Jane Roe, the mayor, walked out of the meeting on Monday. “The money is there,” "
            "she told reporters.")
    assert speakers(text) == ["Ann Lee", "Jane Roe"]


def test_he_added_continues_the_speaker_across_a_caption():
    text = ("Trial\n\n“I did nothing wrong,” Tom Reed said.\n\n"
            "Police officer Dan Smith holds up the evidence during the trial.\n\n"
            "“The court will see that,” he added.")
    assert speakers(text) == ["Tom Reed", "Tom Reed"]


def test_the_owner_of_a_reported_call_does_not_take_the_speakers_next_pronoun():
    # "Ford's call to close ..." is a row of its own (a noun cue with an owner), but
    # Ford is only talked about: the next "he" is still Hill, who has been speaking
    text = ("Ann Lee met Tom Ford and Mark Hill at the hall on Monday.\n\n"
            "“We were not welcome there,” Mark Hill, 66, said on Monday. “Most people are "
            "kind, but some are not.”\n\n"
            "He says Ford's call to close the border -- a plan the senator has since "
            "changed -- made things worse. “The quiet ones have found courage,” he told "
            "reporters.")
    quotes = extract_quotes(text)
    assert "noun-cue" in quotes.evidence[1]
    assert quotes.speaker.tolist() == ["Mark Hill", "Tom Ford", "Mark Hill"]


def test_an_unnamed_source_is_named_by_what_it_knows_not_by_an_earlier_source():
    text = ("Report\n\nThe bank hid the attack for years, a source familiar with the "
            "Treasury’s internal review said on Monday.\n\nThe board knew nothing, a "
            "source close to the bank’s owners said on Tuesday.")
    assert speakers(text) == ["source familiar with the Treasury’s internal review",
                              "source close to the bank’s owners"]


def test_a_people_in_a_headline_is_its_countrys_government_as_with_the():
    # a headline drops "the": "Saudis say" there is the body's "the Saudis say"
    text = ("Saudis say oil output will stay high\n\n"
            "Saudi Arabia will keep pumping oil at record rates, officials said on Monday. "
            "The Saudis said the market would settle by spring.")
    assert speakers(text)[0] == "Saudi Arabia"
    assert speakers(text)[-1] == "Saudi Arabia"


def test_the_article_says_the_gender_a_first_name_usually_has_not():
    # gender-guesser calls "Bernie" mostly female; the article's own "he" decides
    text = ("Rally\n\nBernie Sanders spoke in Iowa on Monday, and he drew a large crowd. "
            "Sanders said he would win the state.\n\n"
            "Hillary Clinton spoke in Ohio. Sanders later promised more rallies. "
            "“We are just getting started,” he said.")
    assert speakers(text)[-1] == "Bernie Sanders"


def test_a_zero_width_space_after_a_name_leaves_no_speaker_empty():
    text = ("Harbour\n\nTom Smith runs the harbour board. "
            "“We will rebuild the pier by May,” Smith\u200b said.")
    quotes = extract_quotes(text)
    assert quotes.speaker.tolist() == ["Tom Smith"]
    assert clean_mention("Smith\u200b") == "Smith"


def test_a_camel_case_surname_is_one_name():
    text = ("Trade\n\nSen. Ron DeMarco said on Tuesday that the tariff would hurt farmers. "
            "“It is a tax on bread,” DeMarco said.")
    assert speakers(text) == ["Ron DeMarco", "Ron DeMarco"]
    assert [m.group() for m in NAME_PATTERN.finditer("DeMarco met McCain at YouTube")] == [
        "DeMarco", "McCain", "YouTube"]


@pytest.mark.parametrize("name", ["Azucena Gonzàlez", "Émile Zola", "Ángel Di María",
                                  "Mesut Özil", "Zoë Ørsted"])
def test_names_take_any_letters(name):
    assert NAME_PATTERN.fullmatch(name), name
    text = f"Vote\n\n{name} spoke at the rally. “We will win,” {name.split()[-1]} said."
    assert speakers(text) == [name]


def test_a_description_is_resolved_to_the_name_two_sentences_before():
    text = ("Goalkeeper\n\nSam Roe signed a new contract on Monday. The club announced the "
            "deal after weeks of talks. Fans had waited since March. "
            "“I am happy to stay,” the veteran goalkeeper said.")
    quotes = extract_quotes(text)
    assert quotes.speaker.tolist()[-1] == "Sam Roe"
    assert quotes.evidence.tolist()[-1].endswith("descriptor->Sam Roe (described as goalkeeper)")


def test_a_state_in_a_party_tag_describes_the_senator():
    text = ("Senate\n\nSen. Marco Rubio (R-Fla.) and Sen. Ted Cruz (R-Texas) met donors on "
            "Monday. Cruz left early. “We have the votes,” the Florida senator said.")
    assert speakers(text)[-1] == "Marco Rubio"


def test_a_first_name_alone_joins_the_full_name():
    text = ("Art fair\n\nAna Roe opened the fair on Saturday with a speech about local "
            "artists. “We sold every painting,” Ana said.")
    assert speakers(text) == ["Ana Roe"]


def test_a_title_is_peeled_off_the_name():
    text = ("Football\n\nDana Holgorsen coached his last game on Saturday. "
            "“I will miss these players,” Coach Dana said.")
    assert speakers(text) == ["Dana Holgorsen"]


def test_a_party_tag_is_no_name():
    text = ("Senate\n\nThe bill passed on Thursday. “It was a long night,” said "
            "Sen. Ann Lee (D-Mich.). Sen. Ron Roe (R-S.C.) voted against it.")
    assert speakers(text) == ["Ann Lee"]
    coref = coreference(text)
    tag = text.index("R-S.C.")
    assert coref.resolve(tag, tag + len("R-S.C."), "name").name == "Ron Roe"
    assert clean_mention("Chuck Schumer (D-N.Y.)") == "Chuck Schumer"


def test_of_a_place_after_a_name_is_not_the_name():
    text = ("Senate\n\nSen. Tom Udall of New Mexico voted no. "
            "“This bill fails the West,” Udall said.")
    assert speakers(text) == ["Tom Udall"]


def test_a_body_speaks_under_its_own_name():
    text = ("Storm\n\nThe storm flooded the coastal road overnight. "
            "Officials said the road would stay closed until Friday.")
    quotes = extract_quotes(text)
    assert quotes.speaker.tolist() == ["officials"]
    profiles = speaker_profiles(text)
    assert profiles.set_index("speaker").loc["officials", "entity_type"] == "group"


def test_a_document_takes_its_fullest_name():
    text = ("Poll\n\nA new poll released on Wednesday by the Public Policy Institute of "
            "California found the race tied. The poll found that voters want change.")
    names = speakers(text)
    assert names and set(names) == {"Public Policy Institute of California poll"}
    profiles = speaker_profiles(text).set_index("speaker")
    assert profiles.loc["Public Policy Institute of California poll", "entity_type"] == (
        "document")


def test_the_times_is_the_paper_the_article_named():
    text = ("Emails\n\nThe New York Times reported the emails on Tuesday. "
            "The Times said the messages were sent in 2015.")
    assert speakers(text)[-1] == "New York Times"


def test_a_place_is_never_a_speaker():
    text = ("Summit\n\nIn Washington, Jane Roe told reporters the summit would go ahead. "
            "China said the summit was a success.")
    coref = coreference(text)
    place = text.index("Washington")
    cue = text.index("told")
    result = coref.resolve(place, place + len("Washington"), "name", cue=cue)
    assert result.name == "Jane Roe"
    # a country that speaks speaks for its government
    result = attribute(text)
    china = [q for q in result.quotes if q.speaker_name == "China"]
    assert china and entity_kind(result.entities.entities[china[0].speaker_entity]) == (
        "organisation")
    profiles = speaker_profiles(result)
    assert "place" not in set(profiles.entity_type)


def test_a_surname_two_people_share_goes_to_the_one_named_in_its_paragraph():
    text = ("Convention\n\nKhizr Khan spoke on Thursday. Ghazala Khan stood beside him.\n\n"
            "Khizr Khan later told reporters he was proud. “We love this country,” "
            "Khan said.\n\nGhazala Khan stayed home on Sunday. Khan said she had been "
            "too upset to speak.")
    assert speakers(text) == ["Khizr Khan", "Khizr Khan", "Ghazala Khan"]


def test_a_family_is_the_people_of_that_surname():
    text = ("Convention\n\nOn Thursday, Khizr Khan and Ghazala Khan attended. "
            "The Khans said the speech was true.")
    assert speakers(text) == ["Khizr Khan and Ghazala Khan"]


def test_they_goes_to_a_group_not_to_a_person():
    text = ("Senate\n\nSen. Ann Lee met White House officials on Monday. "
            "“We will not move on this,” they told her.")
    assert speakers(text) == ["White House officials"]


def test_profiles_type_names_by_the_tagger():
    text = ("Leak\n\nThe emails were published by WikiLeaks on Friday. Jane Roe, who lives "
            "in Iowa, said the leak was a crime.")
    profiles = speaker_profiles(text).set_index("speaker")
    assert profiles.loc["WikiLeaks", "entity_type"] == "organisation"
    assert profiles.loc["Jane Roe", "entity_type"] == "person"
    assert "Iowa" not in profiles.index  # a place that does not speak gets no row


def test_the_company_is_the_named_company_not_a_bare_noun_before_it():
    # "company history" mentions the noun, not a company: Acme is the one meant
    text = ("Strike\n\nAcme Industries said on Monday that the strike had ended. "
            "The walk-off was the longest in company history. "
            "“We are glad to have everyone back,” the company said.")
    assert speakers(text)[-1] == "Acme Industries"


def test_the_company_is_no_legislature():
    # the Senate is the more salient organisation, but a company it is not
    text = ("Vote\n\nThe bill drew criticism from employers such as Acme Industries. "
            "The Ohio Senate debated it for hours on Tuesday. "
            "“We oppose discrimination of every kind,” the company said.")
    assert speakers(text)[-1] == "Acme Industries"


def test_the_company_is_no_foundation():
    # the foundation is named last, but a company it is not
    text = ("Grants\n\nAcme Industries Inc. has disputed the study. The researchers worked with "
            "foundations including the Harbour Brothers Fund on the study. "
            "Last month, the company wrote to the university, calling it “misleading.”")
    assert speakers(text)[-1] == "Acme Industries Inc"


def test_a_headline_poll_is_the_poll_the_body_names():
    # "Poll" in the headline and "a poll" in the lead are the one named two paragraphs
    # on, whose name the index holds with a capital ("Research Poll"); the reports are
    # clauses, as indirect speech needs ("shows Roe leading" is no reported content)
    text = ("Poll: Jane Roe Leads Ann Lee For The First Time\n\n"
            "For the first time, a poll shows that Mayor Jane Roe leads Ann Lee in the race "
            "for governor.\n\n"
            "The Harbor Research Poll, conducted by telephone last week, found that Roe was "
            "ahead by four points. Harbor Research Poll numbers are watched closely in the "
            "state.\n\n"
            "“This is a real shift,” said Tom Reed, who ran the survey.")
    assert speakers(text) == ["Harbor Research Poll"] * 3 + ["Tom Reed"]


def test_a_number_of_a_group_is_the_group():
    text = ("Harbour\n\nThe council meets on Monday. A growing number of Labour "
            "councillors say the harbour plan should wait until next year.")
    assert speakers(text) == ["Labour councillors"]


def test_a_title_inside_a_run_is_peeled_off_with_the_body_before_it():
    # no first name to find the person by: the title inside the run ("Chairman") does
    text = ("Caucus\n\nThe caucus met on Tuesday. NAACP Chairman J.R. Doyle of Ohio said he "
            "was “outraged” by the plan.")
    assert speakers(text) == ["J.R. Doyle"]


def test_the_people_of_a_country_as_a_speaker_is_its_government():
    text = ("Talks\n\nThe memo reached Congress on Friday. The Norwegians say the talks "
            "will resume in May.")
    assert speakers(text) == ["Norway"]


def test_a_people_without_the_is_a_group():
    # a poll's "Norwegians say" is the people, not the government
    text = ("Poll\n\nThe survey came out on Friday. Norwegians say the economy is "
            "getting better.")
    assert speakers(text) == ["Norwegians"]


def test_a_description_cut_inside_a_name_takes_the_name():
    # the speaker mention stops at "the Center"; the name runs on past it
    text = ("Money\n\nA super PAC called Forward45 spent heavily in Iowa. The senator has "
            "raised the most from hedge funds, according to the Center for Public Money.")
    quotes = extract_quotes(text)
    assert "Center for Public Money" in quotes.speaker.tolist()


def test_a_party_before_a_surname_is_a_title():
    text = ("Jobs\n\nAnn Lee and Tom Reed spoke in Ohio on Monday. Democrat Lee said the "
            "plant should stay open.")
    assert speakers(text) == ["Ann Lee"]


def test_a_sure_first_name_outweighs_the_womans_pronouns_in_his_sentences():
    # "her" after Roe as subject is about Lee each time: Donald Roe stays a man
    text = ("Debate\n\nDonald Roe attacked Ann Lee on Monday over her record. Roe mocked "
            "her speech and her plan. Roe called her weak.\n\n"
            "“She is not up to the job,” he said on the radio.")
    assert speakers(text) == ["Donald Roe"]


def test_the_company_far_from_its_name_is_the_company_the_article_is_about():
    text = ("Layoffs\n\nAcme Corporation will cut 600 jobs at its Chicago bakery. Acme Corporation "
            "makes crackers there.\n\nThe union asked the mayor for help.\n\n"
            "The mayor wrote to the governor.\n\nThe governor called a meeting.\n\n"
            "The company says it considered keeping the lines in Chicago.")
    assert speakers(text)[-1] == "Acme Corporation"


def test_a_name_before_which_is_no_person():
    # the tagger may call a one-word company a person; ", which" says it is not
    text = ("Vote\n\nThe Ohio Senate passed the bill on Tuesday. The vote drew criticism from "
            "employers such as Gordon, which opposed the bill. “We stand against "
            "discrimination,” the company said.")
    assert speakers(text)[-1] == "Gordon"


def test_a_preposition_opening_a_sentence_is_no_part_of_a_name():
    # "Following Reed's loss" names Tom Reed (a man), not someone called "Following Reed"
    text = ("Primary\n\nAnn Lee beat Tom Reed in the primary on Tuesday.\n\nFollowing "
            "Reed's loss in Ohio, the party met in Dayton. “We will unite the party now,” "
            "she said.")
    assert speakers(text) == ["Ann Lee"]


def test_a_description_with_a_name_in_apposition_is_that_person():
    text = ("Harbour\n\nThe port reopened on Monday after a week of storms. "
            "The harbour director, Tom Reed, said “the ships are coming back.” "
            "A former mayor -- Ann Lee, who ran the city for a decade -- said "
            "“the port should never have closed.”")
    assert speakers(text) == ["Tom Reed", "Ann Lee"]


def test_a_title_case_headline_does_not_run_a_name_into_the_words_after_it():
    # "Ann Lee Praises Bob Roe" is no person surnamed Roe: the body's "Roe" is Bob Roe
    text = ("Ann Lee Praises Roe’s Plan For The Harbour\n\n"
            "Mayor Ann Lee on Monday praised the harbour plan of Bob Roe, a city engineer.\n\n"
            "The council will vote on it in June.\n\n"
            "“The pier will be ready by May,” Roe said.")
    assert speakers(text) == ["Bob Roe"]
    # a run with the first name inside and the headline's period: "Nine Things Tom Roe
    # Has Said About Piers." names Tom Roe, and a later "Piers" is nobody's surname
    headline = ("Nine Things Tom Roe Has Said About Piers.\n\nTom Roe builds piers. "
                "Piers are his trade.")
    index = build_entities(headline, sentence_spans(headline))
    assert [entity.name for entity in index.entities if entity.kind == "person"] == ["Tom Roe"]


def test_a_document_by_its_maker_is_the_document_not_the_maker():
    text = ("Race\n\nLee leads Roe by 12 seats, according to a count by The Harbour Gazette. "
            "The pier will cost more than the council said, according to a 2014 study by "
            "economists Ann Bell and Tom Ford.\n\nThe mayor's plan has cost him support among "
            "older voters, according to a poll of 500 voters released on Monday by Acme "
            "Research.")
    assert speakers(text) == ["Harbour Gazette count", "Ann Bell 2014 study",
                              "Acme Research poll"]


def test_a_new_subject_of_unknown_gender_takes_the_pronoun_from_the_current_speaker():
    # the nearest candidate is Ford's quote, but Kang became the subject since
    text = ("Hack\n\nTom Ford, a security expert, has studied the breaches. He said he saw "
            "no evidence of it. “The report proves nothing,” Ford said. “It is a guess,” "
            "he added.\n\n"
            "Speaking in Beijing, foreign ministry spokesman Jo Kang repeated that the "
            "country opposed hacking. People should provide evidence for their claims, he "
            "told reporters.")
    assert speakers(text)[-1] == "Jo Kang"


def test_a_description_takes_the_fuller_form_written_sentences_before():
    # "the memo" two sentences after "a Harbour Board memo"; "The worker" after "The
    # Acme Marine worker": neither fuller form spoke, and neither noun is in a lexicon
    text = ("Pier\n\nReporters were shown a Harbour Board memo on Monday. The council has "
            "not yet replied. The builder was paid in full, according to the memo.\n\n"
            "The Acme Marine worker was fired in May after the pier sank. "
            "The worker said he was told to keep quiet.")
    assert speakers(text) == ["Harbour Board memo", "Acme Marine worker"]


def test_a_surname_misspelt_once_is_the_person_named_in_full():
    text = ("Band\n\nThe singer Anthony Kledis said the album was nearly done. "
            "“We wrote two dozen songs,” Kledis said. “We kept three,” Keldis continued.\n\n"
            "Mayor Al Rubio and Tom Rubin spoke later. “No,” Rubin said.")
    assert speakers(text) == ["Anthony Kledis", "Anthony Kledis", "Anthony Kledis",
                              "Tom Rubin"]


@pytest.mark.parametrize("slip", ["Kleidis", "Kleds", "Kldeis"])
def test_a_surname_with_a_letter_more_less_or_swapped_is_the_person_named_in_full(slip):
    # one letter more, one less, two neighbours swapped
    text = ("Band\n\nThe singer Anthony Kledis said the album was nearly done. "
            f"“We kept three,” {slip} said.")
    assert speakers(text) == ["Anthony Kledis", "Anthony Kledis"]


def test_a_slip_two_people_could_have_made_is_no_ones():
    # "Kleds" is "Kledis" or "Kledas" with a letter left out: no one in full
    text = ("Band\n\nThe singer Anthony Kledis said the album was nearly done, and Ann "
            "Kledas agreed. “We kept three,” Kleds said.")
    assert speakers(text)[-1] == "Kleds"


def test_short_forms_of_an_organisation_name_the_organisation():
    # "Gazette" opens "Gazette News" and "Gazette News Poll": the shortest is meant
    text = ("Pier\n\nThe Gazette News Poll was released on Monday by Gazette News, and "
            "Gazette News said it asked 900 voters.\n\n"
            "The mayor has kept his support among older voters and those without a degree, "
            "Gazette found.\n\n"
            "The National Harbour Council met on Monday. The NHC says the pier will open "
            "in May.")
    assert speakers(text)[-2:] == ["Gazette News", "National Harbour Council"]


def test_the_head_name_after_a_possessor_and_a_role_at_a_body_speak():
    text = ("Trade\n\nThe Harbour Board’s investment arm Acme Capital runs an oil field "
            "there and says it will invest more.\n\n"
            "A spokesman for Harbour Marine Company said the company would not comment.")
    assert speakers(text) == ["Acme Capital", "Harbour Marine Company spokesman"]


def test_they_goes_to_the_group_the_sentence_before_is_about():
    text = ("Pier\n\nMayor Ann Lee spoke about the pier on Monday. Several Lee associates "
            "have named the harbour as one place where she could help. She could turn out "
            "the vote for the council, they’ve suggested.\n\n"
            "“So I just want to ask you now, shall we build it?” Lee said.\n\n"
            "She then asked the buzzing crowd, “Can we build it? Can we?”\n\n"
            "They said she could.")
    assert speakers(text)[0] == "Lee associates"
    assert speakers(text)[-1] == "crowd"


def test_a_share_of_those_polled_is_the_group_polled():
    text = ("Poll\n\nThe pier has cost the mayor support, according to a poll of 500 "
            "residents released on Monday by Acme Research.\n\n"
            "Sixty percent of harbour residents oppose the pier, the poll found. Two in "
            "three said they would vote against the mayor. Almost half of respondents said "
            "the pier was too costly.")
    assert speakers(text)[-2:] == ["harbour residents", "harbour residents"]


def test_a_description_is_not_the_subject_earlier_in_its_own_sentence():
    # "Lee leads Roe ..., but the former judge has vowed": Lee would have been "she"
    text = ("Race\n\nAnn Lee spoke in Ohio on Monday. Tom Roe spoke in Iowa.\n\n"
            "Lee leads Roe by 40 delegates, but the former judge has vowed to fight on "
            "until the convention.")
    assert speakers(text)[-1] == "Tom Roe"


def test_an_office_of_a_named_place_is_no_salient_person():
    text = ("Pier\n\nTom Roe has built piers for 30 years. The attorney general of the state "
            "of Ohio is suing Roe for $4 million, claiming the pier is unsafe.")
    assert speakers(text) == ["attorney general of the state of Ohio"]


def test_a_letters_signature_signs_its_i_and_is_nobody_talked_about_after():
    text = ("Letters\n\nMayor Tom Roe says the pier is safe. I claim the pier is not safe "
            "and the council will pay for it.\n\n"
            "Roe is such a liar. It amazes me that more people cannot see it.\n\n"
            "Ben Bell.\n\n"
            "Everyone can see this man is a fraud except his friends. He knows this pier "
            "will cost him the election.")
    assert speakers(text) == ["Tom Roe", "Ben Bell", "Tom Roe"]


def test_a_title_picks_the_namesake_of_its_gender():
    # "Mr. Roe" beside Tom and Mary Roe is not Mary, so "she" stays free for her
    text = ("Pier\n\nTom Roe and his wife, Mary Roe, run the harbour cafe. "
            "Mr. Roe said he would sue the council. Mary Roe stood beside him.\n\n"
            "Mr. Roe spoke for an hour. The mayor asked why Mary Roe had not spoken. "
            "“The pier took our cafe,” she said.")
    assert speakers(text)[-1] == "Mary Roe"


def test_a_number_of_people_is_the_people_named_with_it_or_just_before():
    text = ("Pier\n\nMayor Ann Lee and Councillor Tom Roe have criticised the builder. Both "
            "have promised to sue him if the pier sinks.\n\n"
            "The two senators - Ms. Bell and Mr. Ford - said they would vote against it.\n\n"
            "Ms. Bell and Mr. Ford are new. The two camps said the vote would be close.")
    assert speakers(text)[:2] == ["Ann Lee and Tom Roe", "Bell and Ford"]
    assert speakers(text)[-1] != "Bell and Ford"  # camps are no number of people


def test_the_magazine_is_the_name_written_with_magazine():
    text = ("Cookies\n\nAnn Lee and Tom Roe sent recipes to Harbour Living magazine’s "
            "Great Cookie Poll on Friday.\n\n"
            "The magazine said the winning cookie has picked the mayor five times.")
    assert speakers(text) == ["Harbour Living"]


def test_a_headline_description_is_the_person_the_body_opens_with():
    # resolved later, in the body: no one before it in the headline is a judge
    text = ("Lee sorry for Roe remarks; Judge vows to be more careful with her words.\n\n"
            "Ann Lee regrets her remarks about Tom Roe. The judge has been in a row with Roe "
            "for a week.")
    assert speakers(text)[0] == "Ann Lee"


def test_the_states_role_is_the_role_of_the_state_named_before():
    text = ("Bills\n\nAnd in Ohio, a harbour bill faced poor prospects after the state's "
            "Republican governor suggested he would not sign it.")
    assert speakers(text) == ["Ohio Republican governor"]


def test_a_headline_poll_is_the_poll_a_long_phrase_names_after():
    text = ("Poll: Mayor a big turnoff for harbour voters.\n\n"
            "The mayor's pier plan has cost him support, according to a poll of 500 "
            "residents released on Monday by Acme Research, a polling firm.")
    assert speakers(text)[0] == "Acme Research poll"


def test_an_unnamed_source_keeps_its_name_through_that_person_and_the_source():
    text = ("Pier\n\nMayor Tom Roe will rethink how he deals with the council, a source "
            "close to him said. That person said the row had cost Roe support.\n\n"
            "“He wants peace,” the source said.")
    # (the first "said" is found too since its subject's postmodifier may end in a
    # pronoun: "a source close to him"; the two after it name the same source)
    assert speakers(text) == ["source close to Tom Roe"] * 3


def test_an_indefinite_owner_no_one_is_described_by_is_not_the_salient_person():
    # "a Provincial Treasury director" names no one the article has named: the report is
    # the director's, not the mayor's (the most salient person)
    text = ("Audit\n\nMayor Ann Lee has said for a year that the harbour accounts were in "
            "order. A Provincial Treasury director's report issued in March said three "
            "payments could not be explained.")
    assert speakers(text) == ["Ann Lee", "Provincial Treasury director's report"]


def test_a_mention_cut_before_a_role_and_a_name_is_the_named_person():
    # the speaker mention stops at "Acme" or "Former Liberal"; the person who spoke is
    # the name the role words lead to
    cor = coreference("Plant\n\nAcme’s plant manager, Tom Ford, said in a statement: "
                      "“We are ready.” Former Liberal leadership candidate Mark Hill told "
                      "the Post: “They were careless.”")
    text = cor.text
    acme = text.index("Acme")
    assert cor.resolve(acme, acme + 4, "name").name == "Tom Ford"
    former = text.index("Former Liberal")
    assert cor.resolve(former, former + len("Former Liberal"), "name").name == "Mark Hill"


def test_a_document_in_a_paper_is_named_by_the_paper():
    # "Harbour Register" is a paper by its last word; Halifax is no paper
    text = ("Pier\n\nThe mayor has been taking heat at home.\n\n"
            "“The mayor has shown less spine than a jellyfish,” reads a Monday editorial in "
            "The Harbour Register.\n\n"
            "“The pier will cost twice as much,” says a study in Halifax.")
    assert speakers(text) == ["Harbour Register Monday editorial", "study"]


def test_a_noun_of_a_group_that_names_no_speaker_is_the_group():
    # "the anger of residents who": the residents spoke, not the anger
    text = ("Pier\n\nThe pier plan drew the anger of residents who said it would block "
            "the view.")
    assert speakers(text) == ["residents"]


def test_a_name_inside_an_unnamed_source_is_not_the_speaker():
    # the speaker mention is "Lee" of "a source familiar with Lee's thinking": the source
    cor = coreference("Pier\n\nMayor Ann Lee will not run again. Another source familiar "
                      "with Lee’s thinking said she was tired.")
    at = cor.text.index("Lee’s")
    assert cor.resolve(at, at + 3, "name").name == "source familiar with Lee’s thinking"


def test_a_group_joined_by_and_to_a_group_before_it_is_both():
    # the speaker mention is the second group only; both groups spoke
    cor = coreference("Road\n\nThe survey counts both farmers and local shop owners who "
                      "said the road would hurt trade. But foreign companies and small "
                      "traders say it will help.")
    text = cor.text
    owners = text.index("local shop owners")
    assert cor.resolve(owners, owners + len("local shop owners"), "description").name == (
        "farmers and local shop owners")
    traders = text.index("small traders")
    assert cor.resolve(traders, traders + len("small traders"), "description").name == (
        "foreign companies and small traders")


def test_a_name_cut_before_its_gloss_and_document_noun_is_the_document():
    text = ("Pier\n\nA column in the Harbour Gazette attacked the plan.\n\n"
            "“The mayor has lost her way,” said the Vox Civium (Voice of the Citizens) "
            "column.")
    cor = coreference(text)
    at = text.index("the Vox Civium")
    assert cor.resolve(at, at + len("the Vox Civium"), "name").name == "Vox Civium column"


def test_a_pronoun_after_reported_words_is_no_name_among_them():
    # "they" reports what the farmers say about the board: the pronoun cannot mean it
    text = ("Quotas\n\nThe new quotas have angered local farmers. Meanwhile, the Harbour "
            "Fisheries Board is stalling the talks, they say, to keep its own boats at sea.")
    assert speakers(text) == ["farmers"]


@pytest.mark.parametrize("name", ["Flea", "Slash"])
def test_a_one_word_name_after_a_persons_role_is_a_person_whatever_the_tagger_says(name):
    # the speaker mention stops at "Band"; the tagger types these one-word names as
    # organisations, but "member" says a person follows
    text = (f"Tour news\n\nThe Harbour Kings announced a charity show in Halifax on Monday."
            f"\n\nBand member {name} shared the news on social media last week, writing "
            "“This is a man with integrity.”")
    assert speakers(text) == [name]


def test_a_possessor_as_speaker_mention_gives_way_to_the_person_before_the_colon():
    # the frame picked "Lee" of "Lee’s surge"; the one speaking is named right before ":"
    text = ("Poll\n\nMayor Ann Lee has gained ten points since May. The timing of Lee’s "
            "surge does not surprise pollster Dana Price: “Mayors gain when the harbour "
            "is busy.”")
    cor = coreference(text)
    at = text.index("Lee’s")
    result = cor.resolve(at, at + 3, "name", cue=text.index(": “"))
    assert result.name == "Dana Price"


def test_a_plural_no_lexicon_knows_is_a_group_that_they_can_mean():
    # "hands" is in no word list, but plural people who speak are a group
    text = ("Race\n\nWhile old harbour political hands say the tour brings attention to the "
            "mayor — known here as “the full tour” after former mayor Tom Ford, who did it "
            "for 30 years — they say it would have made more sense to start earlier.")
    assert speakers(text) == ["old harbour political hands"] * 2


def test_others_after_a_group_spoke_are_more_of_that_group():
    text = ("Pier\n\nMany harbour residents are wondering if the mayor will pay the money "
            "back. Others wonder how the pier will affect her campaign.")
    assert speakers(text) == ["harbour residents"] * 2


def test_a_headline_newspaper_is_the_first_paper_the_body_names():
    # the mayor's office is named first, but no paper
    text = ("Newspaper: Mayor used personal email at city hall.\n\n"
            "HALIFAX — The Mayor's Office declined to comment on Wednesday.\n\n"
            "The Harbour Times reported it obtained 72 emails that the mayor sent.")
    assert speakers(text)[0] == "Harbour Times"


def test_a_woman_introduced_in_the_lead_is_the_person_named_in_the_next_paragraph():
    # the delayed identification of news leads: "A woman who ..." then her name
    text = ("Harbour claim\n\nA woman who has sued the harbour board said Monday that the "
            "board ignored her letters for a year.\n\n"
            "Jane Roe, who owns a boat shop on the pier, filed the suit in March. She has "
            "said the pier blocks her shop.")
    assert speakers(text)[0] == "Jane Roe"


def test_the_two_camps_are_the_pair_named_before():
    text = ("Pier\n\nThe plan that Lee and Roe supporters agreed on is the biggest in the "
            "city's history. The two camps also said the pier should open in May.")
    assert speakers(text) == ["Lee and Roe supporters"]


def test_a_share_of_them_is_a_share_of_the_group_the_pronoun_means():
    # the mention is the whole partitive, and the speaker is the group "them" means,
    # never the word "them"
    text = ("Strike\n\nThe nurses at Harbour General walked out on Monday. Most of them "
            "said the hospital had ignored them for years. “We are tired,” some of them said.")
    quotes = extract_quotes(text)
    assert quotes.speaker_mention.tolist() == ["Most of them", "some of them"]
    assert quotes.speaker.tolist() == ["nurses", "nurses"]


@pytest.mark.parametrize("subject", ["Those polled", "Most of those polled", "Respondents",
                                     "Many of the respondents"])
def test_the_people_a_poll_asked_are_the_group_it_polled(subject):
    text = ("Poll\n\nA Harbour Poll survey of 900 voters was released on Monday. "
            f"{subject} said the economy was weak.")
    quotes = extract_quotes(text)
    assert quotes.speaker_mention.tolist() == [subject]
    assert quotes.speaker.tolist() == ["voters"]
