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
    table = extract_quotes("Budget talks\n\nPrices continued to rise for the third month in a row.\n")
    assert table.empty
