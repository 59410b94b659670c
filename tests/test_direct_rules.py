"""Direct and mixed quotes: each rule class on sentences written for the purpose, in the
styles of several news sections (sports, business, courts, weather, culture)."""

import pytest

from analysis.article import as_article
from analysis.quotes import extract_quotes
from analysis.quotes.context import ArticleContext
from analysis.quotes.frames import noun_phrase_speaker, title_case_cues
from analysis.quotes.marks import quote_pieces, single_quote_pieces


def _rows(text, headline="Storm season"):
    table = extract_quotes(f"{headline}\n\n{text}")
    return table[["kind", "text", "cue", "speaker_mention", "evidence"]].values.tolist()


def _singles(text):
    return [text[s:e] for s, e, *_ in single_quote_pieces(text, [(0, len(text))])]


# ------------------------------------------------------------ single quotation marks

def test_single_quotation_marks_make_a_quote():
    # many outlets and every headline style use single marks
    (row,) = _rows("‘We are hopeful,’ a spokesperson for the port authority added.\n")
    assert row[:4] == ["direct", "‘We are hopeful,’", "added",
                       "a spokesperson for the port authority"]
    (row,) = _rows("The coach said: 'We played well in the second half and deserved it.'\n")
    assert row[1:4] == ["'We played well in the second half and deserved it.'", "said",
                        "The coach"]


@pytest.mark.parametrize("text", [
    "In the ‘90s, rock ’n’ roll was the club’s sound, and the players’ union agreed.",
    "The team's coach didn't say what the owners' plans were for 'em or the fans.",
    "Shares rose 3% in the ’20s rally, the firm’s analysts wrote in a note.",
])
def test_apostrophes_open_and_close_nothing(text):
    # elisions, possessives and contractions are no quotation marks
    assert _singles(text) == []


def test_a_plural_possessive_inside_a_single_quote_does_not_close_it():
    text = "‘We back the students’ union all the way,’ the dean said."
    assert _singles(text) == ["‘We back the students’ union all the way,’"]


def test_single_marks_nested_in_a_double_quote_are_part_of_it():
    rows = _rows("“He told me ‘never again’ and walked off the pitch,” said the referee.\n")
    assert [row[1] for row in rows] == [
        "“He told me ‘never again’ and walked off the pitch,”"]


# ------------------------------------------------------------ signature lines

def test_a_signature_after_the_quote_on_its_line():
    (row,) = _rows("“We will not give up on this harbour, not now and not ever.” — Jane Roe, "
                   "mayor of Port Alder\n")
    assert row[2:] == ["—", "Jane Roe", "signature"]


@pytest.mark.parametrize("text, name", [
    ("“Nothing good happens after midnight on the ice, and we knew it.”\n\n― Jane Roe\n",
     "Jane Roe"),
    ("“Nothing good happens after midnight on the ice, and we knew it.”\n"
     "- Coach Émile Ángel.\n", "Coach Émile Ángel"),
])
def test_a_signature_line_after_the_quote(text, name):
    (row,) = _rows(text)
    assert (row[3], row[4].split(";")[0]) == (name, "signature")


def test_a_dash_before_a_lower_case_clause_is_no_signature():
    rows = _rows("“Nothing good happens after midnight on the ice, and we knew it.”\n\n"
                 "- the team lost its third game in a row.\n")
    assert [row[4] for row in rows] == ["no-cue"]


# ------------------------------------------------------------ Title Case cues

def test_title_case_cues_in_a_list_item_and_a_headline():
    rows = _rows("The team's season in quotes.\n\nRoe Joked: “It Will Rain On The Parade”\n")
    assert rows[-1][1:4] == ["“It Will Rain On The Parade”", "Joked", "Roe"]
    rows = _rows("Highlights of the week.\n\nCoach Says The Team Will Fight On In Game Seven\n")
    assert rows[-1][2:4] == ["Says", "Coach"]


def test_a_name_the_article_writes_elsewhere_is_no_title_case_cue():
    text = ("Weather desk\n\nUnited States Warns Of Floods As River Rises\n\n"
            "The United States weather service issued the warning.")
    line_start = text.index("United")
    line_end = text.index("\n", line_start)
    cues = [text[s:e] for s, e in title_case_cues(text, line_start, line_end)]
    assert cues == ["Warns"]


def test_a_sentence_full_of_names_is_not_title_case():
    text = "Secretary of State John Kerry met Mayor Ann Lee in Ottawa."
    assert title_case_cues(text, 0, len(text)) == []


# ------------------------------------------------------------ who speaks in a frame

@pytest.mark.parametrize("text, mention", [
    # a place, a medium or a date before the name is never the speaker
    ("In a Bloomberg interview, Smith declared, “We will not sell the team.”\n", "Smith"),
    ("In Washington, Jane Roe told reporters, “The bill will pass next week.”\n", "Jane Roe"),
    ("Last year, the mayor said, “We will rebuild the bridge.”\n", "the mayor"),
    # a time expression between subject and verb is passed over
    ("The fund this week said, “Our returns beat the market again.”\n", "The fund"),
    ("Smith on Tuesday told the court, “I never signed that contract.”\n", "Smith"),
    ("The company late last month said: “Sales will recover by spring.”\n", "The company"),
    ("“Sales will recover by spring,” the chief executive said Tuesday.\n",
     "the chief executive"),
    # a relative clause is no part of the speaker mention
    ("“The defence has no case,” said a senior prosecutor who spoke on condition of "
     "anonymity.\n", "a senior prosecutor"),
])
def test_the_frame_speaker_is_a_noun_phrase(text, mention):
    (row,) = _rows(text)
    assert row[3] == mention, row


def test_a_sentence_that_is_no_frame_gives_no_speaker():
    # the next sentence has a verb of its own: "The stadium is one of ..." names nobody
    rows = _rows("“We played our hearts out tonight.” The stadium is one of the oldest in the "
                 "league.\n")
    assert rows[0][3:] == ["", "no-cue"]


def test_noun_phrase_speaker_reads_the_tags():
    article = as_article("The ruling came late. A source involved in the case said it was "
                         "expected. Echoing some critics, he said the court had erred.")
    context = ArticleContext(article)
    text = article.text

    def checked(words):
        start = text.index(words)
        result = noun_phrase_speaker(context, (start, start + len(words), "description"))
        return result and text[result[0] : result[1]]

    assert checked("A source involved") == "A source"
    assert checked("Echoing some critics") is None
    assert checked("late") is None


# ------------------------------------------------------------ a mixed quote's content

def test_the_sentence_before_a_quote_framed_after_it_is_reported_too():
    # PolNeAR's convention, and what the sentence says: the farmer said all of it
    (row,) = _rows("After the storm passed, “we had nothing left to harvest,” the farmer "
                   "said.\n")
    assert row[0] == "mixed" and row[1].startswith("After the storm passed, “we had")
    assert row[4].startswith("after-cue; reported-lead; description")  # coref adds the type


def test_a_colon_introduces_the_quote_rather_than_reports_it():
    (row,) = _rows("For example: “We cut costs by a third,” the chief financial officer "
                   "said.\n")
    assert row[:2] == ["direct", "“We cut costs by a third,”"]


def test_a_reported_clause_between_cue_and_quote():
    (row,) = _rows("The coach said because the pitch was wet, “we kept the ball on the "
                   "ground.”\n")
    assert row[0] == "mixed" and row[1].startswith("because the pitch was wet, “we kept")
    # an audience or a prepositional phrase is no clause: the quotation is the content
    (row,) = _rows("The judge told the jurors in the crowded courtroom, “You may not discuss "
                   "the case.”\n")
    assert row[:2] == ["direct", "“You may not discuss the case.”"]
    (row,) = _rows("The coach said that “we kept the ball on the ground all game.”\n")
    assert row[0] == "direct"


def test_the_words_that_finish_the_quotes_clause():
    (row,) = _rows("The minister said, “we have three weeks to go” until the budget vote.\n")
    assert row[1].endswith("until the budget vote")
    # not into a second predicate
    (row,) = _rows("The minister said, “we have three weeks to go” and left the chamber.\n")
    assert row[1] == "“we have three weeks to go”"


def test_a_trailing_frames_content_runs_to_its_comma():
    (row,) = _rows("“Rates will stay high” for most of the year, said the bank's chief "
                   "economist.\n")
    assert row[1] == "“Rates will stay high” for most of the year"


# ------------------------------------------------------------ one quote, several pieces

def test_a_quote_with_no_cue_of_its_own_continues_the_one_before():
    (row,) = _rows("“We will appeal,” the lawyer said in an interview on “Court Watch.” "
                   "“The ruling ignores the evidence.”\n", headline="Court")
    assert row[3] == "the lawyer" and row[1].endswith("ignores the evidence.”")


def test_a_quote_after_another_speakers_words_is_not_joined():
    rows = _rows("“We will appeal,” the lawyer said.\n\nThe judge said the hearing was over."
                 " “The ruling ignores the evidence.”\n", headline="Court")
    direct = [row for row in rows if row[0] == "direct"]
    assert len(direct) == 2


# ------------------------------------------------------------ nouns and participles as cues

@pytest.mark.parametrize("text", [
    # a noun the quotation follows names a title or a slogan, not speech
    "The singer, who hosts the weekly radio show “Saturday Night Jukebox,” will tour in May.\n",
    "She discussed the plan during a call to the station's “Morning Drive” program.\n",
])
def test_a_noun_cue_without_a_complement_reports_no_quote(text):
    # a cue tagged as a noun reports the quotation only through "that", "of", "as" ...
    assert [row for row in _rows(text) if row[0] == "mixed"] == []


@pytest.mark.parametrize("text", [
    "The troupe is staging a comedy called “Rain Delay in Regina” at the Orpheum this week.\n",
    "Fans filled the arena for a rivalry known as “the Battle of Alberta” on Saturday night.\n",
])
def test_a_participle_naming_the_noun_before_it_reports_nothing(text):
    # "a comedy called “...”" is a reduced relative that names the comedy: a title
    assert _rows(text) == []


def test_a_noun_cue_with_a_complement_still_reports():
    # "her remark that “...”": the noun's clause is the reported content
    rows = _rows("Her comments that the referees were “simply out of their depth” drew a "
                 "fine from the league.\n", headline="Sports")
    assert [row[2:4] for row in rows if row[0] == "mixed"] == [["comments", "Her"]]


def test_a_participle_after_the_quote_has_no_speaker_after_it():
    # ",” referring to the league's final": the participle's object is no speaker; the
    # frame before the quote gives it
    (row,) = _rows("The captain also vowed, “We are going to win it this time and we are "
                   "going to win it in style,” referring to the league's final.\n",
                   headline="Sports")
    assert row[3] == "The captain"
    # "according to" names its source
    (row,) = _rows("“We expect the river to crest on Thursday night,” according to the "
                   "regional flood office.\n", headline="Weather")
    assert row[2:4] == ["according to", "the regional flood office"]


@pytest.mark.parametrize("text, speaker", [
    # a name the tagger reads as an adverb by its "-ly" ending
    ("“We expect the shares to recover by spring,” said Skelly, explaining the forecast.\n",
     "Skelly"),
    # an age split by the tokenizer ("52", "-", "year-old") heads the speaker
    ("“We will not change course,” the 52-year-old said after the game.\n",
     "the 52-year-old"),
])
def test_a_name_or_an_age_the_tagger_misreads_still_speaks(text, speaker):
    (row,) = _rows(text, headline="Business")
    assert row[2:4] == ["said", speaker]


def test_a_quote_only_verb_takes_the_quotation_as_its_object():
    # "chanted", "shouting" frame quotations only; right before one, it is their verb
    (row,) = _rows("As they marched down Main Street, the fans chanted “we want the cup” and "
                   "“one more year.”\n", headline="Sports")
    assert row[:4] == ["mixed", "“we want the cup” and “one more year.”", "chanted",
                       "the fans"]


def test_a_participles_subject_read_from_the_tags():
    # "Hundreds of demonstrators marched ..., chanting “...”": the clause's subject
    (row,) = _rows("Hundreds of demonstrators marched through the square on Monday, chanting "
                   "“No more cuts, no more lies,” before the council vote.\n", headline="City")
    assert row[2:4] == ["chanting", "Hundreds of demonstrators"]


def test_a_place_in_a_prepositional_phrase_is_no_speaker():
    # "in Red Deer, Alberta": where it happened; the participle's noun speaks
    (row,) = _rows("At a rally in Red Deer, Alberta, on Saturday, the crowd turned on the "
                   "visiting coach, with one fan yelling: “Go back to Calgary where you "
                   "belong!”\n", headline="Sports")
    assert row[2:4] == ["yelling", "one fan"]
    # the same sentence with nobody named before the colon has no place as speaker
    rows = _rows("At a rally in Red Deer, Alberta, on Saturday, the crowd turned on the "
                 "visiting coach: “Go back to Calgary where you belong!”\n", headline="Sports")
    assert all(row[3] not in ("Alberta", "Red Deer") for row in rows)


@pytest.mark.parametrize("text, cue, speaker", [
    # "report" is a cue word, but here a noun by its tag: the speaker's head, not the cue
    ("“Current immigrants and their descendants are integrating into Canadian society,” "
     "the report concluded.\n", "concluded", "the report"),
    ("“Rates will stay high for most of the year,” the bank’s quarterly report said.\n",
     "said", "the bank’s quarterly report"),
])
def test_a_cue_word_read_as_a_noun_after_the_quote_is_the_speaker(text, cue, speaker):
    (row,) = _rows(text, headline="Business")
    assert row[2:4] == [cue, speaker]


def test_a_noun_cue_stands_aside_for_the_verb_before_it():
    # "orders" is a noun here: the verb "called" reports the quoted words, not "orders"
    (row,) = _rows("The former premier called the use of executive orders “quite dangerous "
                   "for any province.”\n", headline="Politics")
    assert row[0] == "mixed" and row[2:4] == ["called", "The former premier"]


def test_a_colon_frame_skips_cue_words_read_as_nouns():
    # "questions" is no cue here; the verb before it is the colon frame's cue
    (row,) = _rows("Speaking after the match, the coach answered questions about the team's "
                   "poor form and its travel schedule: “We have to be better on the road, and "
                   "we will be.”\n", headline="Sports")
    assert row[2:4] == ["answered", "the coach"]


def test_no_speaker_is_read_inside_an_earlier_quotation_of_the_sentence():
    # "The applicant" is the board's quoted words; the second quote's subject is after them
    rows = _rows("“The applicant is a lawful resident by virtue of being born in Halifax to a "
                 "mother who was a citizen,” the board said, reasoning that she met the criteria "
                 "because she “did not have to take any steps to become a resident.”\n",
                 headline="Courts")
    assert [row[3] for row in rows] == ["the board", "the board"]


def test_a_plural_after_a_name_is_a_verb():
    # "Statistics Canada notes:" the tagger reads "notes" as a plural noun after a name
    (row,) = _rows("In its latest release, Statistics Canada notes: “Employment rose in every "
                   "province except Alberta last month.”\n", headline="Business")
    assert row[2:4] == ["notes", "Statistics Canada"]


def test_a_participle_after_a_clause_is_not_spoken_by_its_object():
    # "Smith" is the object of "turned on": the participle's subject is the clause's
    rows = _rows("Then the mayor turned on Councillor Smith, calling him a “reckless spender” "
                 "in front of the crowd.\n", headline="Council")
    assert [row[3] for row in rows] == ["the mayor"]
    rows = _rows("Then he cut into Jones at the rally, calling him a “stiff.”\n",
                 headline="Politics")
    assert [row[3] for row in rows] == ["he"]


def test_as_someone_puts_it_frames_the_quote():
    # "puts it" is the present tense of the listed "put it": the quote is hers, not the subject's
    rows = _rows("That is because, as the coach puts it, “the best thing we have going for us” "
                 "is the defence.\n", headline="Sports")
    assert [row[2:4] for row in rows] == [["puts it", "the coach"]]


def test_a_pronoun_in_a_reported_clause_gives_way_to_its_reporter():
    # "he" opens the that-clause of "told": the quoted words were said by the coach
    (row,) = _rows("The coach told reporters on Friday that he believes the rookie, “has earned "
                   "every minute he gets.”\n", headline="Sports")
    assert row[2:4] == ["believes", "The coach"]


def test_a_quote_only_verb_that_ends_the_frame_is_a_verb():
    # the tagger reads "read" after a noun as a noun; with nothing after it, it is the verb
    (row,) = _rows("“If she wants to be the next premier, she should come to Sudbury,” the "
                   "editorial read.\n", headline="Opinion")
    assert row[2:4] == ["read", "the editorial"]


def test_a_relative_that_in_the_speakers_appositive_keeps_a_trailing_frame():
    # "that" after "a union" opens a relative clause, not a clause reported by "said"
    rows = _rows("“We are extremely happy” about the decision, said Rose Martin, executive "
                 "director of the nurses union, a union that has left the labour council.\n",
                 headline="Labour")
    assert [row[2:4] for row in rows] == [["said", "Rose Martin"]]


@pytest.mark.parametrize("text, speaker", [
    ("After the final whistle in Green Bay, Wis., the veteran coach summed up the season "
     "in one line: “We ran out of legs and out of luck in the last ten minutes.”",
     "the veteran coach"),
    ("At a trade fair last spring in Boulder, Colo., the founder closed her pitch by quoting "
     "her grandmother: “Never sell the cow to buy the milk, and never sell the farm.”",
     "the founder"),
])
def test_a_states_abbreviation_ending_an_opening_phrase_is_no_speaker(text, speaker):
    # "Colo." ends a place in a prepositional phrase (its period trimmed off the mention):
    # the subject after it speaks, wherever the outlet puts its datelines
    (row,) = _rows(text)
    assert row[3] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("In an interview with the Herald, the club's new owner, Jane Roe, said: “We want the "
     "stadium full every night of the season.”", "Jane Roe"),
    ("In a letter to the Gazette, the school board's chair, Amir Patel, wrote: “The budget "
     "leaves us no room for new teachers this year.”", "Amir Patel"),
])
def test_a_medium_ending_an_opening_phrase_gives_way_to_the_appositive(text, speaker):
    # "to the Herald" names to whom, not who: the name in the appositive speaks
    (row,) = _rows(text)
    assert row[3] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("The union and the board traded blows all week, with Smith angrily calling the offer "
     "“an insult to every nurse in this province.”", "Smith"),
    ("The coach played down the rivalry, with Okafor quietly calling Saturday's derby “just "
     "another game on a long and hard schedule.”", "Okafor"),
])
def test_the_subject_of_an_absolute_with_phrase_speaks(text, speaker):
    # "with Smith (angrily) calling": Smith is the participle's subject, not an object
    # of "with", and an adverb between them changes nothing
    (row,) = _rows(text)
    assert row[3] == speaker


def test_a_place_after_a_preposition_and_its_article_is_no_speaker():
    # "on the steps of the Ohio statehouse": "Ohio" is where, whatever words follow it
    article = as_article("Late on Friday, on the steps of the Ohio statehouse, the governor "
                         "spoke to the crowd about the flood.")
    context = ArticleContext(article)
    start = article.text.index("Ohio")
    assert noun_phrase_speaker(context, (start, start + 4, "name")) is None


def test_a_pronoun_before_an_aside_between_commas_is_the_subject():
    # "and she, once again, pledged": the aside does not hide the verb's own subject
    # (the second "she", not the sentence's first "She")
    rows = _rows("She promised to fix the city's “broken” transit system and she, once again, "
                 "pledged a “new bus for every neighbourhood before the next winter”.")
    assert [row[2:4] for row in rows][-1] == ["pledged", "she"]


# ------------------------------------------------------------ naming frames

@pytest.mark.parametrize("text, content, cue, speaker", [
    # business: a verb that names its object with the quoted words (no reporting verb)
    ("The union branded the final offer “an insult to every worker.”",
     "the final offer “an insult to every worker.”", "branded", "The union"),
    # courts: "dismissed ... as"
    ("Defence lawyer Ann Cole dismissed the Crown's theory as “pure speculation.”",
     "the Crown's theory as “pure speculation.”", "dismissed", "Defence lawyer Ann Cole"),
    # weather: "blamed ... on", a gerund in the object
    ("Mayor Tom Ridley blamed the flooding on “decades of neglect.”",
     "the flooding on “decades of neglect.”", "blamed", "Mayor Tom Ridley"),
    # sports: the quotation right after the verb; a noun cue ("report") in the object
    # stands aside for the verb before it
    ("The coach dismissed the report as “nonsense.”",
     "the report as “nonsense.”", "dismissed", "The coach"),
    ("Fans at the rink decried “years of neglect” by the owners.",
     "“years of neglect” by the owners", "decried", "Fans at the rink"),
    # a past tense the tagger reads as a participle after a noun: its object shows it
    ("The opposition leader called Premier Ann Lee “a puppet of the builders.”",
     "Premier Ann Lee “a puppet of the builders.”", "called", "The opposition leader"),
])
def test_a_naming_verb_puts_the_quoted_words_in_its_subjects_mouth(text, content, cue,
                                                                  speaker):
    # a quotation that is a naming verb's object or object complement is the subject's
    # words, as a newsroom reads "Smith called the deal “a disaster”"
    (row,) = _rows(text)
    assert row[:4] == ["mixed", content, cue, speaker]
    assert row[4].startswith("naming-frame")


@pytest.mark.parametrize("text", [
    # a title or a name the participle gives a noun: nobody's words
    "A new cafe dubbed “The Daily Grind” opened on Main Street.",
    # a passive with no agent: nobody named said it
    "The new arena was dubbed “the Fortress” last season.",
    # another verb between the naming verb and the quotation
    "The council labeled the bylaw and then watched “Hockey Night” together.",
])
def test_a_naming_verb_without_its_object_frame_gives_no_quote(text):
    assert [row for row in _rows(text) if row[4].startswith("naming-frame")] == []


# ------------------------------------------------------------ a second predicate ends the clause

@pytest.mark.parametrize("text, content", [
    ("The premier called the budget “a road map” and cut the ribbon on the new bridge.",
     "the budget “a road map”"),
    ("Roe called the ruling “a disgrace,” and then walked out of the courthouse.",
     "the ruling “a disgrace,”"),
    ("The manager called the loss “a wake-up call”, blaming the defence for lapses.",
     "the loss “a wake-up call”"),
    # a dash opens an aside, not more of the quoted words' clause
    ("Roe called the trade “a mistake” - the third this season - on Friday.",
     "the trade “a mistake”"),
])
def test_a_coordinated_verb_after_a_short_quote_ends_its_content(text, content):
    # "and cut", ", blaming", a dash: a new predicate of the subject or an aside, not
    # the quoted words' clause, which the content otherwise follows past the closing mark
    assert [row[1] for row in _rows(text) if row[0] == "mixed"] == [content]


@pytest.mark.parametrize("text, content", [
    ("Lee called the plan a “blueprint” for how the city would grow.",
     "the plan a “blueprint” for how the city would grow"),
    # a long quotation too: the reported clause does not end with the quoted words
    ("The mayor toured the site, calling the new plant “the biggest investment this town "
     "has seen in fifty years” because of the jobs it brings.",
     "the new plant “the biggest investment this town has seen in fifty years” because of "
     "the jobs it brings"),
])
def test_the_clause_of_a_mixed_quote_runs_on_past_its_closing_mark(text, content):
    (row,) = _rows(text)
    assert row[1] == content


# ------------------------------------------------------------ cues in adverbial clauses

@pytest.mark.parametrize("text, speaker", [
    # the cue of an opening adverbial clause ("After ... criticized ...,") is not the
    # frame of a quotation that follows the main clause
    ("After Gov. Tom Brown criticized the budget during a debate, Ann Lee shot back, "
     "“We balanced it without raising a single fee.”", "Ann Lee"),
    # she said that, once the Senate is in recess, ...: "goes on" is not her frame
    ("Sen. Ann Lee said that once the Senate goes on recess, “I intend to campaign "
     "wherever I can.”", "Ann Lee"),
])
def test_a_cue_inside_an_adverbial_clause_does_not_frame_the_quote(text, speaker):
    rows = [row for row in _rows(text) if row[0] != "indirect"]
    assert len(rows) == 1
    assert speaker in rows[0][3]


def test_a_quote_that_is_the_adverbial_clauses_own_content_keeps_its_speaker():
    # "when the minister insists that “...”": the quotation is what the minister insists
    (row,) = [row for row in _rows("Farmers cheer when the minister insists that “the "
                                   "dairy quota stays.”") if row[0] != "indirect"]
    assert row[3] == "the minister"


def test_a_quotation_that_is_the_predicate_of_a_name_is_not_said_by_it():
    # no cue: "Ann Lee “...”" is words said of the mayor by the one quoted before
    text = ("Budget\n\n“The mayor was caught off guard,” said Tom Ford, a council member. "
            "Ann Lee “simply did not read the figures before the vote.”")
    rows = extract_quotes(text)[["text", "speaker_mention", "speaker"]].values.tolist()
    assert rows[-1][0] == "“simply did not read the figures before the vote.”"
    assert rows[-1][2] == "Tom Ford"


def test_a_cue_coordinated_with_an_earlier_verb_takes_that_verbs_subject_not_its_object():
    # "... called Tom Ford a “bully,” and said ...": Ford is the object of "called"
    rows = _rows("Mayor Ann Lee, speaking on WXYZ, called Tom Ford a “blowhard,” and said his "
                 "remarks were priceless “propaganda” for the gangs in the harbour district.")
    assert [row[3] for row in rows if row[2] == "said"] == ["Mayor Ann Lee"]
    # "sit Tom Ford down and tell him “...”": the mayor would tell him
    rows = _rows("The mayor said she would sit Tom Ford down and tell him “no more delays” "
                 "and tells the council the same.")
    assert [row[3] for row in rows if row[2] == "tell"] == ["The mayor"]


# ------------------------------------------------------------ fronted adverbials in that-clauses

@pytest.mark.parametrize("text, content", [
    # sports: a subordinate clause quoted up to its comma, the main clause after the mark
    ("The coach warned that while “the first half was the best we have played all year,” "
     "the defence still needs work before the final.",
     "that while “the first half was the best we have played all year,” the defence still "
     "needs work before the final"),
    # business: a preposition with a gerund ("by cutting ...")
    ("The analyst wrote that by cutting “the dividend for the third straight quarter,” "
     "the board has lost the trust of small investors.",
     "that by cutting “the dividend for the third straight quarter,” the board has lost the "
     "trust of small investors"),
    # courts: a comma after "that", then "thanks to"
    ("The defence argued that, thanks to “a chain of custody full of gaps,” the jury "
     "could not rely on the sample.",
     "that, thanks to “a chain of custody full of gaps,” the jury could not rely on the "
     "sample"),
])
def test_a_quoted_fronted_adverbial_runs_on_to_its_main_clause(text, content):
    # the that-clause cannot end inside its opening adverbial: its subject and verb
    # come after the closing mark
    assert [row[1] for row in _rows(text) if row[0] == "mixed"] == [content]


@pytest.mark.parametrize("text, content", [
    # the main clause came before the quotation: the comma does end the clause
    ("The coach said that if the rain holds off, “we will play the full nine innings,” "
     "and the crowd cheered.",
     "that if the rain holds off, “we will play the full nine innings,”"),
    # no "that": a question after "asked", its own row; the main clause reports its own
    ("Asked why the plant was closing during an interview on “Morning Business,” the "
     "manager said the orders had dried up.", None),
])
def test_a_quote_closing_a_clause_of_its_own_does_not_run_on(text, content):
    rows = _rows(text)
    if content is not None:
        assert content in [row[1] for row in rows]
    assert not any("the crowd cheered" in row[1] or "“Morning Business,” the manager" in row[1]
                   for row in rows)


def test_a_frame_sentence_with_its_own_that_clause_after_an_aside_does_not_frame_the_quote():
    # '“B.” He said, twice, that ...': the next sentence reports a clause of its own, so
    # the quote that ends its sentence goes on with the one before it
    rows = _rows("“Our players are being pushed out of the league,” Mr. Smith said. “One of "
                 "the big problems is money, and that is my area.” He said, twice, that he was "
                 "ready to lead the union.")
    (row,) = [row for row in rows if row[0] == "direct"]
    assert row[1].startswith("“Our players") and row[1].endswith("that is my area.”")
    assert row[3] == "Mr. Smith"


@pytest.mark.parametrize("text, content", [
    # sports: "plans" is a noun here, no frame of its own
    ("The club’s stadium plans “will not fix the parking problem, but they are a start,” "
     "the mayor said.",
     "The club’s stadium plans “will not fix the parking problem, but they are a start,”"),
    # courts: "ruling" names the decision; the lawsuit is the speaker
    ("Since that ruling, the county has engaged in “a pattern of ignoring its inspectors,” "
     "the lawsuit says.",
     "Since that ruling, the county has engaged in “a pattern of ignoring its inspectors,”"),
])
def test_a_noun_cue_in_the_lead_of_a_quote_framed_after_it_is_part_of_the_content(text, content):
    # the words before a mid-sentence quote are reported with it; a reporting word
    # there that is a noun frames nothing of its own
    (row,) = _rows(text)
    assert row[:2] == ["mixed", content]


def test_a_verb_cue_in_the_lead_still_keeps_it_out():
    # "the coach said the team was “...,” the captain added": the lead has its own frame
    rows = _rows("The coach said the defence was “the best in the league this year,” the "
                 "captain added.")
    assert not any(row[1].startswith("The coach said") and row[2] == "added" for row in rows)


@pytest.mark.parametrize("text, content", [
    # sports
    ("The coach complained that the schedule had been “stacked” against his team, a charge "
     "that league officials denied.",
     "that the schedule had been “stacked” against his team"),
    # business
    ("The chief executive said the merger would create “a national champion” in steel, a "
     "move which could cost hundreds of jobs in the east.",
     "the merger would create “a national champion” in steel"),
])
def test_an_appositive_comment_after_the_quotation_is_not_reported(text, content):
    # ", a charge that ...", ", a move which ...": the writer's comment on the whole clause
    (row,) = [row for row in _rows(text) if row[0] == "mixed"]
    assert row[1] == content


def test_an_appositive_to_a_person_after_the_quotation_stays():
    # ", a former player who ...": it describes the person named, inside the clause
    (row,) = [row for row in _rows("The coach said he would call “the best people” like Ann "
                                   "Lee, a former player who won two titles.")
              if row[0] == "mixed"]
    assert row[1].endswith("who won two titles")


def test_quotation_marks_of_markup_attributes_pair_nothing():
    # scraped pages keep markup: '<tweet author="@roe"' delimits attributes, not words
    text = ('<tweet tweet-author="@cityhall" tweet-date="May 2, 2016\n\n">Crews are out '
            "on every main road tonight. Stay home if you can.<tweet/>.")
    paragraphs = [(0, text.index("\n")), (text.index(">"), len(text))]
    assert quote_pieces(text, paragraphs) == []
    assert _rows(text) == []


@pytest.mark.parametrize("text", [
    # culture: a book and its author
    "Her favourite this winter is “The Long Road Home to the Northern Coast,” by Ann Lee, "
    "which won the prize.",
    # business newsletter: a headline, then the outlet's reporter
    "MOVING SHOP — “High-end gallery opening across from the old harbour market,” by the "
    "Herald's Tom Ford: the gallery will open in June.",
])
def test_a_title_with_its_byline_is_not_a_quote(text):
    # "“Title,” by Author": the quotation names a work; nobody says it
    assert not any("“" in row[1] for row in _rows(text))


def test_a_date_after_by_keeps_the_quote():
    # "by Monday" is a time: the quote before it is words spoken
    rows = _rows("“We will finish the roof before the snow comes,” by Monday the crew "
                 "had finished it, the foreman said.")
    assert any(row[1].startswith("“We will finish the roof") for row in rows)


@pytest.mark.parametrize("text, content", [
    # sports: the quotation closes the inner cue's clause inside the outer report
    ("The coach said he intends to rest every starter possible, so the team will have "
     "enough legs in March to make “the deepest playoff run this club has ever seen.”",
     "he intends to rest every starter possible, so the team will have enough legs in March "
     "to make “the deepest playoff run this club has ever seen.”"),
    # business
    ("The chair said the board intends to sell the plant this year, so the firm will have "
     "the cash to build “a new line of electric trucks for the spring.”",
     "the board intends to sell the plant this year, so the firm will have the cash to "
     "build “a new line of electric trucks for the spring.”"),
])
def test_an_outer_reported_clause_runs_on_to_the_quotation_of_a_cue_it_holds(text, content):
    # nested reported speech stays part of the outer clause, quotation and all
    rows = _rows(text)
    assert [row[:2] for row in rows] == [["mixed", content]]


@pytest.mark.parametrize("text, content, kind", [
    # sports radio: the quotation names the show in an adverbial before "that"
    ("The coach said on CBC's “Hockey Night” on Saturday that the team would trade its "
     "captain before the deadline.",
     "that the team would trade its captain before the deadline", "indirect"),
    # business television: a quotation inside the clause keeps it mixed
    ("The minister said in an interview on “Power Play” that the budget was “nearly "
     "balanced” this year.",
     "that the budget was “nearly balanced” this year", "mixed"),
])
def test_a_quoted_show_in_an_adverbial_before_that_is_not_content(text, content, kind):
    rows = [row for row in _rows(text) if row[1].endswith(content.split()[-1])]
    assert [row[:2] for row in rows] == [[kind, content]]


def test_a_relative_that_after_a_quotation_keeps_it_in_the_content():
    # "as a “riveting book” that takes readers ...": "that" opens a relative clause
    rows = _rows("The publisher described on its website as a “riveting book” that takes "
                 "readers into the heart of the storm.")
    assert not any(row[1].startswith("that takes") for row in rows)


def test_a_contrast_after_the_quotation_is_not_reported():
    # courts: "while the defence argues ...": the writer sets another view beside it
    rows = _rows("The prosecutor said the driver had shown “a reckless disregard for life” "
                 "while the defence argues the brakes had failed.")
    assert [row[1] for row in rows if row[0] == "mixed"] == [
        "the driver had shown “a reckless disregard for life”"]


@pytest.mark.parametrize("text, content, speaker", [
    # sports: a criticism's reason after "for" and a gerund ("for not calling")
    ("The coach slammed the referees for not calling a “blatant trip” in overtime.",
     "the referees for not calling a “blatant trip” in overtime", "The coach"),
    # business: a verb of criticism the naming list holds ("ripped", "attacked")
    ("The union ripped the airline for offering “insulting” raises to its pilots.",
     "the airline for offering “insulting” raises to its pilots", "The union"),
    ("The senator attacked the minister for being “asleep at the wheel.”",
     "the minister for being “asleep at the wheel.”", "The senator"),
])
def test_a_criticism_for_a_gerund_with_a_quotation_is_a_mixed_quote(text, content, speaker):
    rows = _rows(text)
    assert [[row[0], row[1], row[3]] for row in rows] == [["mixed", content, speaker]]


@pytest.mark.parametrize("text, content, speaker", [
    # sports: the fans' words are the coach's report, the cue inside his that-clause
    ("The coach said that the fans wanted “a new goalie.” The team lost again.",
     "that the fans wanted “a new goalie.”", "The coach"),
    # courts: a nested cue after the complementizer
    ("The judge ruled that the landlord had demanded “rent in cash.” The case goes on.",
     "that the landlord had demanded “rent in cash.”", "The judge"),
])
def test_a_quotation_after_a_cue_inside_a_that_clause_is_part_of_it(text, content, speaker):
    rows = _rows(text)
    assert [[row[0], row[1], row[3]] for row in rows] == [["mixed", content, speaker]]


@pytest.mark.parametrize("text, content", [
    # sports: "as" and a clause of its own is the writer's circumstance
    ("The striker said the club was “in a real crisis” as it prepared for the derby.",
     "the club was “in a real crisis”"),
    # business: "as" before a noun phrase stays in the clause
    ("The minister said the new tax was “just as fair” as the old one.",
     "the new tax was “just as fair” as the old one"),
])
def test_an_as_clause_after_the_quotation_is_not_reported(text, content):
    assert [row[1] for row in _rows(text) if row[0] == "mixed"] == [content]


@pytest.mark.parametrize("text, content", [
    # courts: a second that-clause of the same cue after the quotation's ",”"
    ("The judge said that the landlord “could be unyielding,” and that the tenants had "
     "struggled with his demands. The case goes on.",
     "that the landlord “could be unyielding,” and that the tenants had struggled with "
     "his demands"),
    # weather: "that" as a pronoun opens the writer's own words
    ("The forecaster said the storm was “the worst in a decade,” and that was before the "
     "floods. Crews worked all night.",
     "the storm was “the worst in a decade,”"),
])
def test_a_second_that_clause_after_the_quotation_is_reported_too(text, content):
    assert [row[1] for row in _rows(text) if row[0] == "mixed"] == [content]
