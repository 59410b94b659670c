"""Which words speak a direct or mixed quote: each speaker rule on sentences written for
the purpose, in the styles of several news sections (sports, business, courts, culture)."""

from analysis.quotes import extract_quotes

# a first paragraph of its own, so that no quote below is read as the article's lead
_OPENING = "Storm season\n\nThe season opened on Friday.\n\n"


def _rows(text):
    table = extract_quotes(_OPENING + text)
    return table[["kind", "cue", "speaker_mention", "evidence"]].values.tolist()


# ------------------------------------------------------------ frames after a closing mark

def test_a_frame_after_a_question_may_name_its_audience_and_adverbials():
    # a quote ending its own sentence takes only a short frame; a told-type cue's
    # audience and adverbials ("asked reporters rhetorically during ...") keep it short
    rows = _rows('"You think I am going to retire?" Roe asked reporters rhetorically during '
                 'a news conference late last month.\n')
    assert [row[1:3] for row in rows] == [["asked", "Roe"]]
    rows = _rows("“Can we win it all this year?” the coach asked his players in the locker "
                 "room after the loss.\n")
    assert [row[1:3] for row in rows] == [["asked", "the coach"]]


def test_a_frame_after_a_question_may_say_what_it_was_said_of():
    # "?” Roe said of the league in February, when ...": "of" opens an adverbial, as
    # "in" or "about" do; the frame is short whatever follows it
    rows = _rows("The firm made its money on chips. “Who do they think they are?” Roe said of "
                 "the league in February, when the owners balked at a request from the union.\n")
    assert [row[1:3] for row in rows] == [["said", "Roe"]]


def test_a_new_sentence_reporting_its_own_content_is_no_frame():
    # the next sentence has a verb of its own after the audience: a report of its own
    rows = _rows("“We will appeal the ruling.” She told reporters on Monday the court had made "
                 "a grave error in its reading of the contract.\n")
    assert ["direct", "told", "She"] not in [row[:3] for row in rows]
    rows = _rows("“The deal is done.” He demands safeguards for any merger in the sector.\n")
    assert ["direct", "demands", "He"] not in [row[:3] for row in rows]


# ------------------------------------------------------------ relative pronouns

def test_who_after_a_dash_is_the_relative_subject_of_the_cue():
    # "Roe - who said": a parenthetical relative clause between dashes, as between
    # commas; its "who" speaks and resolves to the name before it (never "Team")
    for dash in ("-", "—"):
        table = extract_quotes(_OPENING + f'Team owner Jane Roe {dash} who previously said she '
                               f'would "never sell" the club {dash} agreed to the deal.\n')
        assert table[["cue", "speaker_mention", "speaker"]].values.tolist() == [
            ["said", "who", "Jane Roe"]]


def test_a_description_with_a_relative_aside_speaks_after_the_quote():
    # "a league source, who was not authorized to speak, told": the cue follows the aside
    # (the aside's own verb "speak" is no cue of the frame)
    rows = _rows("“The players are worn out and angry,” a league source, who was not "
                 "authorized to speak on the record, told the Herald.\n")
    assert [row[1:3] for row in rows] == [["told", "a league source"]]
    # a description with no relative aside is no speaker: the name after it is
    rows = _rows("“It is reminiscent of the 1970s,” the dawn of the modern game, Roe says.\n")
    assert [row[1:3] for row in rows] == [["says", "Roe"]]


def test_a_new_sentence_that_runs_into_a_quotation_frames_that_one():
    # "“A.” Roe called the plan “...”": the sentence after a quote frames the quotation it
    # runs into, not the quote before it
    rows = _rows("“We will fight this.” Roe called the new stadium deal “a giveaway to the "
                 "owners.”\n")
    assert ["direct", "called", "Roe"] not in [row[:3] for row in rows]
    assert ["mixed", "called", "Roe"] in [row[:3] for row in rows]
    rows = _rows("“Prices will rise again.” The analyst also said she has “never seen a market "
                 "like this one.”\n")
    assert [row[:3] for row in rows if row[1] == "also said"] == [
        ["mixed", "also said", "The analyst"]]
    # a title in the frame sentence leaves the frame to the quote before it
    rows = _rows("“We will fight this.” Roe told “Meet the Press.”\n")
    assert [row[:3] for row in rows] == [["direct", "told", "Roe"]]


def test_a_noun_cue_in_the_words_before_a_trailing_frame_is_no_frame():
    # "“...” in answer to the requests from the players, Lewis wrote": "requests" is a
    # noun there (by its tag), so the frame after the comma is the quote's
    rows = _rows('The club lost its appeal. "If the league obtains more records, it intends to '
                 'search them for records" in answer to the requests from the players, league '
                 'counsel Carol Lewis wrote in a court filing.\n')
    assert [row[1:3] for row in rows] == [["wrote", "league counsel Carol Lewis"]]


# ------------------------------------------------------------ colon frames

def test_a_colon_after_a_coordinated_clause_takes_that_clause_subject():
    # "Lee said ..., but he gave ... a compliment:": the colon ends the clause after "but"
    rows = _rows('Lee said both rookies are "non-factors in the league," but he gave the '
                 'Texan a back-handed compliment: "You never have to guess where he is on the '
                 'ice."\n')
    assert [row[:3] for row in rows if row[0] == "direct"] == [["direct", ":", "he"]]
    rows = _rows("The forwards struggled, but Coach Ann Lee saw a bright side: “We created more "
                 "chances than in any game this year.”\n")
    assert [row[2] for row in rows] == ["Coach Ann Lee"]
    # a coordinated verb with no subject of its own keeps the sentence's subject
    rows = _rows("Lee praised the defence, and added: “You never have to guess where they are "
                 "on the ice.”\n")
    assert [row[1:3] for row in rows] == [["added", "Lee"]]


def test_a_colon_after_a_verb_coordinated_with_a_cue_takes_that_cue_subject():
    # "he said at a news conference, and then predicted:": the subject of "said", never
    # the "We" inside the quote before
    rows = _rows("“We think those messages will resonate with the fans,” he said at a Sunday "
                 "news conference, and then predicted: “We do think our support is growing "
                 "in the city.”\n")
    assert [row[2] for row in rows] == ["he", "he"]


# ------------------------------------------------------------ mixed quotes

def test_an_infinitive_cue_after_for_takes_the_noun_phrase_after_for():
    # "it is common for sports writers to portray ... as “...”": the writers portray it
    rows = _rows('It has been extremely common for sports writers to portray the coach\'s '
                 'tenure as a "rebuilding" year.\n')
    assert [row[1:3] for row in rows] == [["portray", "sports writers"]]
    # "for the time being" is no noun phrase: the subject before stays
    rows = _rows('Mr. Roe is for the time being continuing to call the merger a "done deal" '
                 'in his columns.\n')
    assert [row[2] for row in rows] == ["Mr. Roe"]


# ------------------------------------------------------------ noun phrases

def test_a_cue_word_after_a_determiner_is_part_of_the_speaker():
    # "One tweet said:", "The State Department said": "tweet" and "State" are cue words
    # elsewhere, nouns here; the speaker is the whole noun phrase
    rows = _rows("Fans took to social media after the loss. One tweet said: “This is very very "
                 "sad. That is about all I can say about this team.”\n")
    assert [row[1:3] for row in rows] == [["said", "One tweet"]]
    rows = _rows("The files came out on Friday. Then a State Department official told "
                 "reporters: “We will not release them in full, not now and not later.”\n")
    assert [row[2] for row in rows] == ["a State Department official"]


# ------------------------------------------------------------ participles before a quote

def test_a_participle_in_a_sentence_of_its_own_takes_that_sentence_subject():
    # "Roe reacted to the news, saying: “...”": the previous quote's speaker (the group)
    # does not carry into a sentence with a subject of its own
    rows = _rows("“We need a full review of the deal and of its terms,” the players' group "
                 "said. In a statement released Thursday, Rep. Ann Jeffries (D-Ore.) reacted "
                 "to the news, saying: “The league should be ashamed of itself and its "
                 "owners.”\n")
    assert [row[1:3] for row in rows] == [["said", "the players' group"],
                                          ["saying", "Rep. Ann Jeffries"]]
    # in the previous quote's own sentence, its speaker goes on
    rows = _rows("“We need a full review,” the coach said, adding: “The league should be "
                 "ashamed of itself and its owners.”\n")
    assert [row[2] for row in rows] == ["the coach", "the coach"]


# ------------------------------------------------------------ a lead sentence before the quote

def test_a_lead_sentence_speaks_through_its_cue_not_a_cue_phrase_after_it():
    # "said in a statement.": the phrase "in a statement" is no cue of its own; the verb
    # before it has the sentence's subject, the quote that follows is its content
    rows = _rows("The club's owner said in a statement. “We regret the decision. The fans "
                 "deserve better.”\n")
    assert [row[1:] for row in rows] == [
        ["said", "The club's owner", "lead-sentence; description (person)"]]


def test_a_description_left_open_by_a_missing_comma_leaves_the_name_speaking():
    # "Jane Roe, the chief executive of the bakery chain said.": the comma that would close
    # the description is missing; the name opening the sentence still speaks
    rows = _rows("Jane Roe, the chief executive of the bakery chain said in a statement. "
                 "“Our stores will stay open through the holidays.”\n")
    assert [row[1:] for row in rows] == [["said", "Jane Roe", "lead-sentence"]]


# ------------------------------------------------------------ names the tagger reads as words

def test_a_surname_that_is_a_modal_or_a_preposition_speaks_inside_a_sentence():
    # after a quote's comma, a capitalised "Will" or "From" right before the cue is no
    # modal or preposition (those are lowercase inside a sentence): a columnist's surname
    rows = _rows("“The stadium deal is a giveaway to the owners,” Will wrote in his Sunday "
                 "column.\n")
    assert [row[1:3] for row in rows] == [["wrote", "Will"]]
    rows = _rows("“The merger will cut prices for shoppers across the region,” From said.\n")
    assert [row[1:3] for row in rows] == [["said", "From"]]
    # an adverb the tags read ("Early"), inside a sentence and right before its verb
    rows = _rows("Told of the district's lean toward the challenger, Early described it as "
                 "“news to me and to my staff.”\n")
    assert [row[1:3] for row in rows] == [["described", "Early"]]
    # a lowercase modal is none: the quote's speaker is the one named after it
    rows = _rows("“The merger will cut prices,” the analyst said, and will not change her "
                 "forecast.\n")
    assert [row[1:3] for row in rows] == [["said", "the analyst"]]


# ------------------------------------------------------------ colon leads

def test_a_colon_lead_from_a_document_names_the_document():
    # "From the report:": the quotation is taken from the document the lead names
    rows = _rows("The panel studied the budget for a year. From the report: “In general, the "
                 "cities with larger reserves weathered the downturn better.”\n")
    assert [row[1:3] for row in rows] == [[":", "the report"]]
    # a longer lead with a clause of its own is no source ("the club struggled")
    rows = _rows("From the start of the season the club struggled: “We were never in it and "
                 "we knew it.”\n")
    assert [row[2] for row in rows] != ["the start of the season the club struggled"]


def test_who_right_after_a_name_is_the_relative_subject_of_the_cue():
    # "a post from Jane Wells who tweeted, “...”": with no comma, a name before "who" is
    # still its antecedent (a generic "those who said" has none, and gives no speaker)
    table = extract_quotes(_OPENING + "Among the many posts was this one from Jane Wells who "
                           "tweeted, “The referees never pay attention to the rules. They break "
                           "them and nothing is ever done.”\n")
    assert table[["cue", "speaker_mention", "speaker"]].values.tolist() == [
        ["tweeted", "who", "Jane Wells"]]
    table = extract_quotes(_OPENING + "Those who said, “The team is finished and the coach "
                           "must go now,” were wrong.\n")
    assert "who" not in table["speaker_mention"].tolist()


# ------------------------------------------------------------ a report of a report

def test_a_source_with_no_determiner_after_according_to_reports_the_quote():
    # "“...,” the owner told the manager, according to officials with knowledge of the
    # meeting": the quote reaches the reader through its source, a bare plural noun phrase
    rows = _rows("“You have been very critical of me,” the owner told the manager, according "
                 "to officials with knowledge of the meeting.\n")
    assert [row[1:3] for row in rows] == [["according to", "officials"]]
    rows = _rows("“We will sell the stadium within a year,” the owner said, according to court "
                 "records.\n")
    assert [row[1:3] for row in rows] == [["according to", "court records"]]


def test_an_adverb_between_the_speaker_and_the_verb_of_a_frame_is_skipped():
    # "it now says", "they now say", "she earlier told": the adverb is no speaker word
    rows = _rows("The league's website changed on Monday. “This is your season,” it now "
                 "says under a photo of the champions.\n")
    assert [row[1:3] for row in rows] == [["says", "it"]]
    rows = _rows("The players' union met on Sunday. “We will not play under these rules,” "
                 "they now say.\n")
    assert [row[1:3] for row in rows] == [["say", "they"]]


def test_verbs_that_frame_only_a_quotation_read_reacted_shrugged_and_whispered():
    # quote-only cues (resources/quote_cues.tsv): beside a quotation mark they frame it,
    # inverted or not; elsewhere they report nothing
    rows = _rows("“Why would we trade him now?” reacted the general manager.\n")
    assert [row[1:3] for row in rows] == [["reacted", "the general manager"]]
    rows = _rows("“It is what it is,” the coach shrugged after the loss.\n")
    assert [row[1:3] for row in rows] == [["shrugged", "the coach"]]
    rows = _rows("As the crowd cheered, his wife whispered to him: “They are still with you.”\n")
    assert [row[1:3] for row in rows] == [["whispered", "his wife"]]
    assert _rows("Markets reacted calmly to the rate cut on Tuesday.\n") == []


def test_a_colon_frame_reads_its_verbs_subject_past_a_postmodifier_and_a_modal():
    # the colon's cue is a verb whose subject stands past "for the team" and "could
    # only": that subject speaks, not the sentence's first noun phrase
    rows = _rows("The schedule was so odd that a spokesman for the team could only quip: "
                 "“I guess the holiday was booked.”\n")
    assert [row[1:3] for row in rows] == [["quip", "a spokesman for the team"]]
    rows = _rows("Officials familiar with the talks said: “Nothing is agreed.”\n")
    assert [row[1:3] for row in rows] == [["said", "Officials familiar with the talks"]]
    # a verb of a relative clause is not the colon's: the main clause's subject speaks
    rows = _rows("Ann Roe tweeted back at the mayor, pointing out the irony of a leader who "
                 "promised lower fares: “Fares went up twice.”\n")
    assert rows[0][2] == "Ann Roe"
