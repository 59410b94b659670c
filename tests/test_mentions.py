"""Name finding in analysis.mentions."""

from __future__ import annotations

import re

from analysis.mentions import _INVISIBLE_RUN, _PARTICLE, _WORD, NAME_PATTERN, build_entities
from analysis.tokenize import sentence_spans

# NAME_PATTERN as first written, every word the same: the compiled pattern
# factors the first word's capital out for speed and must find the same names.
PLAIN_NAME_PATTERN = re.compile(
    rf"{_WORD}\.?(?:{_INVISIBLE_RUN}[ \u00a0](?:{_PARTICLE}[ \u00a0])?{_WORD}\.?)*"
    r"(?:[ \u00a0](?:Jr|Sr|II|III)\.?)?"
)

NAMES_TEXT = (
    "O’Malley met Da’esh envoys and McConnell in Washington. Holtz-Eakin, the CEOs "
    "of GOP donors, J. R. R. Tolkien and Martin Luther King Jr. spoke; Ludwig van "
    "Beethoven and the Bank of England did not. Mcdonald, MacKenzie and UN staff said "
    "Ms. de la Cruz’s aide, U.S. officials, and AT&T’s Ann Lee-Smith agreed. Azucena "
    "Gonzàlez, Émile Zola\u200b and Ángel Di María met DeMarco, LeBlanc and Özil."
)


def test_name_pattern_finds_what_the_plain_pattern_finds(seed_article):
    for text in (NAMES_TEXT, seed_article.text):
        found = [m.span() for m in NAME_PATTERN.finditer(text)]
        assert found == [m.span() for m in PLAIN_NAME_PATTERN.finditer(text)]
    assert "Martin Luther King Jr." in [m.group() for m in NAME_PATTERN.finditer(NAMES_TEXT)]


def test_premodifier_role_becomes_a_descriptor():
    text = "The UN said so. Russian diplomat Vladimir Voronkov told the council it was over."
    index = build_entities(text, sentence_spans(text))
    voronkov = index.entities[index.entity_of_name("Voronkov")]
    assert voronkov.name == "Vladimir Voronkov"
    assert [d[2] for d in voronkov.descriptors] == ["Russian diplomat"]


def test_a_name_added_out_of_text_order_keeps_mentions_in_order():
    # build_entities finds names in text order (add_name appends); a name added
    # later at an earlier offset (as the quote extractor may) is inserted in place.
    text = "Mr. Smith left. The mayor, Ann Lee, spoke. Later Mr. Smith returned."
    sentences = sentence_spans(text)
    index = build_entities(text, sentences[1:])  # the first sentence left out
    before = list(index._positions)
    assert before == sorted(before) and 0 not in before
    smith = index.add_name(0, len("Mr. Smith"), 0)
    assert smith is not None and index.entity_of_name("Smith") == smith
    assert index._positions == sorted(before + [0])
    assert index.entity_at(0) == smith
    assert index.first_mention(0, len(text)) == (0, len("Mr. Smith"))
    assert index.last_mention(0, len(text)) == (text.rindex("Mr. Smith"), len(text) - 10)
