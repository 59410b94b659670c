"""Speaker attribution of direct quotes: which local mention is the speaker.

Small hand-written news-style snippets, one per rule; each would lose its
speaker without the rule it shows.
"""

import pytest

from analysis.quotes import extract_quotes


def _speakers(text):
    """(quote text, speaker mention, evidence) of each direct quote."""
    table = extract_quotes("Budget talks\n\n" + text)
    direct = table[table.kind == "direct"]
    return list(zip(direct.text, direct.speaker_mention, direct.evidence, strict=True))


@pytest.mark.parametrize(
    "text, mention",
    [
        ("The senator paused.\n\nHe continued, “I believe it is not about turnout, "
         "it is about the message.”\n", "He"),
        ("“We will not give up on this fight for the workers,” she joked.\n", "she"),
        ("The email went on to say, “Today, because we worked hard, we won the vote.”\n",
         "The email"),
        ("At the bottom, the letter reads: “You can further support our campaign today.”\n",
         "the letter"),
    ],
)
def test_quote_only_verbs_frame_a_quote(text, mention):
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == mention, evidence


def test_quote_only_verbs_make_no_indirect_speech():
    table = extract_quotes("Budget talks\n\nPrices continued to rise for the third month.\n")
    assert table.empty


@pytest.mark.parametrize(
    "text, mention",
    [
        # lower-case role words before the name after an inverted cue
        ("“It is a mistake to go down this road,” said former Wisconsin Gov. Jim Doyle.\n",
         "former Wisconsin Gov. Jim Doyle"),
        ("“We stand behind the secretary and the department,” said spokesman John Kirby, "
         "referring to the review.\n", "spokesman John Kirby"),
        # a title's period does not end the name; a party tag does
        ("“The deal is dead on arrival in the Senate,” said Sen. Lindsey O. Graham (R-S.C.), "
         "a former candidate.\n", "Sen. Lindsey O. Graham"),
        # a question that ends its sentence, then the speaker and an appositive
        ("“Who will pay for the violations of international law?” said Susan Hennessey, a "
         "former National Security Agency lawyer now at the Brookings Institution.\n",
         "Susan Hennessey"),
        ("“Do you think he kept the country safe after that?” Mr. Trump asked, repeating a "
         "broadside that he has used for months on the campaign trail.\n", "Mr. Trump"),
    ],
)
def test_speaker_after_an_inverted_cue(text, mention):
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == mention, evidence


@pytest.mark.parametrize(
    "text, mention, pieces",
    [
        # the sentence resumes the quote after a long frame
        ("“This used to be Russia’s back yard,” said Raffaello Pantucci, director of "
         "International Security Studies at a London institute, “but it is increasingly "
         "coming into China’s thrall.”\n", "Raffaello Pantucci", 2),
        # a short opening quote whose frame goes on: one attribution, two pieces
        ("“The risk,” said Edward Leamer, an economist who directs the UCLA Anderson "
         "Forecast, “is that we are going to be attacked.”\n", "Edward Leamer", 2),
        ("“Elections matter,” Kelly said. “Look at the records. There is a clear "
         "difference.”\n", "Kelly", 2),
    ],
)
def test_quote_resumed_after_its_frame(text, mention, pieces):
    table = extract_quotes("Budget talks\n\n" + text)
    (row,) = table.itertuples()
    assert (row.speaker_mention, len(row.spans)) == (mention, pieces), row.evidence


def test_a_short_quotation_is_a_quote_only_with_a_frame_after_it():
    # a one-word answer is what its speaker said ("“Denver,” he answered."; PolNeAR
    # annotates them all); the same words inside a sentence with no frame are a title or
    # a scare quote
    table = extract_quotes("Big game\n\nAsked to pick a winner, the coach paused. "
                           "“Denver,” he answered.\n\nThe hearing went on.\n")
    assert table[["kind", "text", "speaker_mention"]].values.tolist() == [
        ["direct", "“Denver,”", "he"]]
    table = extract_quotes("Big game\n\nThe coach likes “Denver” more than any team.\n")
    assert not (table.kind == "direct").any()


def test_frame_after_a_closed_sentence_may_end_in_an_adverbial():
    text = ("“Pat Kennedy is the greatest!!!” McDonough wrote in a September 16, 2012 email "
            "to top State officials.\n")
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == "McDonough", evidence


def test_a_new_sentence_with_its_own_clause_is_no_frame():
    text = ("The vote was close.\n\n“We have to let the process evolve.” The official said "
            "in a statement that the council would meet again.\n")
    (quote, speaker, evidence), = _speakers(text)
    assert speaker != "The official", evidence


@pytest.mark.parametrize(
    "text, mention",
    [
        ("The actress Julianne Moore was there.\n\nMoore thanked him for “stepping up and "
         "taking action when Congress won’t act on guns.”\n", "Moore"),
        # ("worried" is a thought cue now: a verb that is no cue keeps the quote unframed)
        ("In the depths of the Great Recession, Paul Ryan compared the safety net to "
         "“a hammock that lulls able-bodied people to lives of dependency.”\n",
         "Paul Ryan"),
        ("He offered “my thoughts and prayers for all the families who lost someone "
         "this week.”\n", "He"),
    ],
)
def test_mid_sentence_quote_without_cue_goes_to_the_subject(text, mention):
    (quote, speaker, evidence), = _speakers(text)
    assert (speaker, evidence.split(";")[0]) == (mention, "sentence-subject")


@pytest.mark.parametrize(
    "text, mention",
    [
        ("“This will be a real challenge” for Clinton, said Kunin.\n", "Kunin"),
        ("“We are extremely happy with it” about the decision, said RoseAnn DeMoro, "
         "executive director of the union.\n", "RoseAnn DeMoro"),
        ("“Boots on the ground in the region” would be appropriate, Republican candidate "
         "Ben Carson said after the attacks.\n", "Republican candidate Ben Carson"),
    ],
)
def test_frame_closing_the_quotes_sentence(text, mention):
    (row,) = extract_quotes("Budget talks\n\n" + text).itertuples()
    assert (row.speaker_mention, row.evidence) == (mention, "trailing-frame; reported-tail")
    # the words between the quotation and the frame are reported too: a mixed quote
    assert row.kind == "mixed" and text.startswith(row.text) and text[len(row.text)] == ","


def test_any_reporting_verb_inverts_after_a_comma():
    text = ("“You base your statements on fear and ignorance, and that is a shame,” tweeted "
            "Prince Alwaleed, the nephew of the late king.\n")
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == "Prince Alwaleed", evidence


@pytest.mark.parametrize(
    "text, mention",
    [
        ("\"The idea that I would dismantle health care in America is just not accurate.\"\n\n"
         "- Sanders.\n\nSanders exaggerates when he says so.\n", "Sanders"),
        ("\"I have never been happier in my whole life.\"\n\n—President Obama, tweeting after "
         "the speech.\n", "President Obama"),
    ],
)
def test_quote_signed_in_the_next_paragraph(text, mention):
    (quote, speaker, evidence), = _speakers(text)
    assert (speaker, evidence) == (mention, "signature")


@pytest.mark.parametrize(
    "text, mention",
    [
        ("The ad targets a “corrupt political system that is rigged against working "
         "families.”\n", "The ad"),
        ("On its official website, the FBI lists “public corruption as the top criminal "
         "investigative priority of the bureau.”\n", "the FBI"),
    ],
)
def test_mid_sentence_quote_goes_to_a_described_subject(text, mention):
    (quote, speaker, evidence), = _speakers(text)
    assert (speaker, evidence.split(";")[0]) == (mention, "sentence-subject")


def test_frameless_quote_takes_the_speaker_of_the_reported_speech_before_it():
    text = ("Obama felt a moral obligation to act on climate change, Axelrod said. “This is "
            "not just a cosmetic issue for him, it is a legacy.”\n")
    table = extract_quotes("Budget talks\n\n" + text)
    direct = table[table.kind == "direct"]
    assert direct.speaker_mention.tolist() == ["Axelrod"]
    assert direct.evidence.tolist() == ["no-cue; previous-speaker"]


def test_participle_cue_goes_to_the_clause_subject():
    text = ("It was a potent punch by the two women in the Democratic Party, as Mrs. Clinton "
            "echoed the criticism, saying Mr. Trump “reminds us every day that he is not in "
            "it for the American people.”\n")
    table = extract_quotes("Budget talks\n\n" + text)
    (row,) = table.itertuples()
    assert (row.kind, row.cue, row.speaker_mention) == ("mixed", "saying", "Mrs. Clinton")


@pytest.mark.parametrize(
    "text, mention",
    [
        ("But the debate was so subdued that Mr. Trump was prompted to say, “So far, I "
         "cannot believe how civil it has been up here.”\n", "Mr. Trump"),
        ("“The first line of defense against terror is our own people,” said former "
         "secretary of state Hillary Clinton, who praised Bush.\n",
         "former secretary of state Hillary Clinton"),
        ("“And it is a bit concerning to me, frankly,” she went on.\n", "she"),
        ("“It is about time that we had a woman in charge,” exhorted the actress.\n",
         "the actress"),
    ],
)
def test_more_frames(text, mention):
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == mention, evidence


def test_colon_without_cue_goes_to_the_subject_not_the_last_name():
    text = ("Mr. Trump spoke for an hour.\n\nHe returned to his familiar lines about Iowa: "
            "“We are going to win so much, you will get tired of winning.”\n")
    (quote, speaker, evidence), = _speakers(text)
    assert (speaker, evidence.split(";")[0]) == ("He", "colon")


def test_follow_on_quote_takes_the_latest_reported_speaker():
    text = ("“We will fight this in every court,” said Ann Lee, a lawyer for the group.\n\n"
            "The group will not represent him but plans to watch the case closely, dos Santos "
            "says. “If the government is allowed to do this, nobody is safe.”\n")
    (first, second) = _speakers(text)
    assert second[1] == "dos Santos", second[2]


def test_follow_on_quote_takes_the_mention_in_the_frame_just_before_it():
    text = ("“There is no magic to the phrase. It is a political talking point,” the president "
            "said in a speech. “It is not a strategy.\n\n“Calling a threat by a different name "
            "does not make it go away,” Obama said. “Not once has an adviser of mine said so.”\n")
    quotes = _speakers(text)
    assert quotes[-1][1:] == ("Obama", "previous-frame")


def test_participle_cue_after_a_nested_clause_goes_to_the_main_subject():
    text = ("Mr. Trump spoke first.\n\nShe escalated her criticism on Tuesday, telling CNN "
            "that Trump is a faker and questioning how he has “gotten away with not releasing "
            "his tax returns for so long.”\n")
    table = extract_quotes("Budget talks\n\n" + text)
    row = table[table.cue == "questioning"].iloc[0]
    assert row.speaker_mention == "She", row.evidence


def test_quote_reported_by_an_outer_speaker():
    text = ("His advisers urged restraint, but Trump said he responded: “I will not change, "
            "I am who I am.”\n")
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == "Trump", evidence


def test_participle_cue_object_is_no_speaker():
    text = ("The comedian Sarah Silverman spoke next.\n\nSilverman, herself a Sanders supporter "
            "during the primary, incurred a wave of boos upon saying, “Hillary heard the "
            "passion of the people and it changed her.”\n")
    table = extract_quotes("Budget talks\n\n" + text)
    (row,) = table.itertuples()
    assert row.speaker_mention == "Silverman", row.evidence


def test_colon_frame_subject_after_an_opening_phrase():
    text = ("Mr. Trump toured Mexico.\n\nBut back on American soil, he returned to his "
            "familiar lines: “We are going to build a wall, and Mexico will pay for it.”\n")
    (quote, speaker, evidence), = _speakers(text)
    assert (speaker, evidence.split(";")[0]) == ("he", "colon")


def test_a_bare_quantifier_can_speak():
    text = ("“Clinton thinks she is above the rules and always has,” one supporter wrote.\n\n"
            "Another tweeted, “Two of a kind who think they are above the law, as usual.”\n")
    quotes = _speakers(text)
    assert quotes[-1][1] == "Another", quotes[-1][2]


def _rows(text):
    """(kind, cue, speaker mention) of every quote in a snippet."""
    table = extract_quotes("Budget talks\n\n" + text)
    return list(zip(table.kind, table.cue, table.speaker_mention, strict=True))


def test_party_tag_between_name_and_cue():
    text = ("At the state party convention on Saturday, Sen. Elizabeth Warren (D-MA) said the "
            "presumptive nominee was a “proven failure” in business.\n")
    (kind, cue, speaker), = _rows(text)
    assert (kind, cue) == ("mixed", "said")
    assert speaker.endswith("Sen. Elizabeth Warren")


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Clinton weighed in with her support on Tuesday evening, hours after Sanders said he "
         "was “encouraged” by the plan.\n", "Sanders"),
        ("Mr. Trump took on Mrs. Clinton on Sunday after the Democratic front-runner had said "
         "that he was “becoming the best recruiter” for the group.\n",
         "the Democratic front-runner"),
    ],
)
def test_clause_opened_by_after_has_its_own_subject(text, mention):
    (kind, cue, speaker), = _rows(text)
    assert speaker == mention, cue


@pytest.mark.parametrize(
    "text, mention",
    [
        ("“He stands for the middle class,” Anderson said, adding that Sanders is "
         "“definitely the most trustworthy of the candidates.”\n", "Anderson"),
        ("Mateen did not mingle but left as soon as prayers were finished, Nefzi said, adding, "
         "“He was not very religious, he never talked to anyone.”\n", "Nefzi"),
    ],
)
def test_participle_after_a_reporting_frame_shares_its_speaker(text, mention):
    rows = _rows(text)
    assert [speaker for kind, cue, speaker in rows if cue.endswith("ing")] == [mention]


def test_cue_noun_after_a_possessive():
    text = ("Madeleine Albright fanned controversy earlier this year over her remark that “there "
            "is a special place in hell for women who do not help each other.”\n")
    (kind, cue, speaker), = _rows(text)
    assert (cue, speaker) == ("remark", "her")


def test_absolute_participle_subject():
    text = ("Both men issued a statement expressing optimism about working together – Ryan "
            "saying he was “very encouraged” and Trump calling it a “great meeting.”\n")
    rows = _rows(text)
    assert ("calling", "Trump") in [(cue, speaker) for kind, cue, speaker in rows], rows


def test_and_said_goes_to_the_subject_of_the_verb_before():
    text = ("Asked on Monday whether Mr. Clinton would hold a cabinet position, Mrs. Clinton "
            "shook her head and said, “No, that is not going to happen.”\n")
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == "Mrs. Clinton", evidence


def test_frame_reported_according_to_a_source():
    text = ("“I don’t care. He was the founder of the group,” Hewitt said on the show, according "
            "to a transcript of the interview.\n")
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == "a transcript of the interview", evidence


def test_single_closing_mark_before_a_double_one_is_no_speaker():
    text = ("''He keeps calling him 'Lyin' Ted,''' said Senator John McCain of Arizona, "
            "referring to the vow.\n")
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == "Senator John McCain of Arizona", evidence


def test_party_tag_and_comma_before_the_cue():
    text = ("Speaking in Berea, OH, after winning the Republican primary, Gov. John Kasich "
            "(R-OH), said, “We are going to go all the way to Cleveland.”\n")
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == "Gov. John Kasich", evidence


def test_progressive_cue_takes_the_subject_before_it():
    text = ("The final results are not in, but John Kasich’s campaign is already claiming "
            "victory in the so-called “governor’s bracket.”\n")
    (kind, cue, speaker), = _rows(text)
    assert (cue, speaker) == ("claiming", "John Kasich’s campaign")


def test_quoted_words_in_a_that_clause_go_to_the_outer_speaker():
    text = ("“He is a hater,” Trump said at a campaign rally in San Diego, adding that he "
            "believed the Indiana-born judge was “Mexican.”\n")
    rows = _rows(text)
    assert rows[-1][2] == "Trump", rows


def test_mid_sentence_quote_skips_a_name_in_an_appositive():
    text = ("In his 2004 convention speech, a testimonial to John Kerry, the Democratic nominee "
            "that year, Mr. Obama decried the “spin masters and negative-ad peddlers who "
            "embrace the politics of anything goes.”\n")
    # "decried" frames the quotation as its object (a naming frame: a mixed row)
    assert _rows(text) == [("mixed", "decried", "Mr. Obama")]


@pytest.mark.parametrize(
    "text, mention",
    [
        ("“Jeb wants to be a tough guy tonight,” Trump shot back.\n", "Trump"),
        ("“The marketplace has not failed the working class,” he mocks.\n", "he"),
        ("“France will always be France,” an angry Hollande retaliated.\n", "an angry Hollande"),
    ],
)
def test_any_verb_after_a_quote_left_open_makes_a_frame(text, mention):
    (quote, speaker, evidence), = _speakers(text)
    assert (speaker, evidence.split(";")[0]) == (mention, "after-cue")


def test_passive_cue_names_no_speaker():
    text = ("The interview set off a panic this week, and party chairman Reince Priebus was "
            "said to be “furious” with Trump for dividing the party.\n")
    table = extract_quotes("Budget talks\n\n" + text)
    (row,) = table.itertuples()
    assert (row.cue, row.speaker_mention) == ("said", ""), row.evidence
    assert "passive" in row.evidence


def test_digest_item_quotes_the_source_after_its_dash():
    text = ("Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one: keep "
            "on polling until the very end.”\n")
    (quote, speaker, evidence), = _speakers(text)
    assert (speaker, evidence.split(";")[0]) == ("Carl Bialik", "colon")


def test_quote_after_a_frame_sentence_with_no_content():
    text = ("“Trump is ahead with the caucus voters,” said Craig Robinson, an editor.\n\n"
            "Professor Dianne Bystrom agreed. “Mainstream Republicans are running out of time "
            "to find an alternative.”\n")
    quotes = _speakers(text)
    assert quotes[-1][1:] == ("Professor Dianne Bystrom", "lead-sentence")


def test_follow_on_quote_after_reported_speech_goes_to_its_speaker_not_the_frame():
    text = ("“It is about time we stopped focusing on gender,” says Gloria Garcia, 34, a nurse "
            "from Texas. She says people should be able to use the bathroom they prefer. “It is "
            "their life; they are not hurting anybody at all.”\n")
    quotes = _speakers(text)
    assert quotes[-1][1] == "She", quotes[-1][2]


@pytest.mark.parametrize(
    "text, mention",
    [
        ("When Trump suggested that Cuba would sue over the deal, Rubio fired back forcefully: "
         "“If they sue us in a court in Miami, they are going to lose.”\n", "Rubio"),
        ("Asked which Iowa county was his favorite, he demurred: “Whichever one I am in at "
         "the moment.”\n", "he"),
    ],
)
def test_colon_frame_takes_the_main_clause_subject(text, mention):
    (quote, speaker, evidence), = _speakers(text)
    assert (speaker, evidence.split(";")[0]) == (mention, "colon")


def test_nested_single_quote_closing_with_the_double_one():
    text = ("''I would use the word 'old-school,''' said Gregory W. Slayton, a former diplomat "
            "who now supports Senator Marco Rubio.\n")
    (quote, speaker, evidence), = _speakers(text)
    assert speaker == "Gregory W. Slayton", evidence


@pytest.mark.parametrize("headline, rows", [
    ("Breaking: Storm closes the highway near Moncton", []),
    ("Revealed: What the city paid for the new arena", []),
    ("Exclusive – Goalie signs a three-year deal with Winnipeg", []),
    ("The Latest: Flood waters rise along the Red River", []),
    ("Big Win For Oilers: Captain returns for the playoffs", []),
    ("Mayor: Budget will not raise taxes", [("Mayor", "Budget will not raise taxes")]),
    ("Police: Driver was not impaired", [("Police", "Driver was not impaired")]),
])
def test_a_headline_label_before_a_colon_is_no_speaker(headline, rows):
    """``Speaker: statement`` headlines need a noun phrase before the colon: a label
    ("Breaking", "Revealed", "Exclusive", "The Latest") or a phrase with a preposition
    names nobody who speaks."""
    table = extract_quotes(headline + "\n\nThe council met on Monday.")
    assert [(r.speaker_mention, r.text) for r in table.itertuples()] == rows
