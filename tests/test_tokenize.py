"""Sentences, tokens and paragraphs: offsets, quote marks, streaming, properties."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import ArticleError, load_article
from analysis.tokenize import (
    NewsWordTokenizer,
    iter_sentence_spans,
    paragraphs,
    sentence_spans,
    sentences,
    split_sentences,
    token_spans,
    tokens,
)

ROOT = Path(__file__).resolve().parent.parent


def words_of(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in token_spans(text)]


# ---------------------------------------------------------------------------
# Tables


def test_sentence_table(seed_article):
    table = sentences(seed_article)
    assert list(table.columns) == ["sentence_id", "paragraph_id", "start", "end", "text"]
    assert table.sentence_id.tolist() == list(range(len(table)))
    for row in table.itertuples():
        assert row.text == seed_article.text[row.start:row.end]
        p_start, p_end = seed_article.paragraphs[row.paragraph_id]
        assert p_start <= row.start < row.end <= p_end


def test_paragraph_table(seed_article):
    table = paragraphs(seed_article)
    assert list(table.columns) == ["paragraph_id", "start", "end", "text"]
    assert len(table) == len(seed_article.paragraphs) == 14
    assert table.text[3] == "Image:\u00a0Vladimir Voronkov"


def test_token_table(seed_article):
    table = tokens(seed_article)
    for column in ["token_id", "sentence_id", "start", "end", "text", "lower", "is_punct",
                   "is_quote_mark", "is_alpha"]:
        assert column in table.columns
    text = seed_article.text
    assert all(row.text == text[row.start:row.end] for row in table.itertuples())
    assert (table.start.diff().dropna() > 0).all()
    spans = sentence_spans(seed_article)
    for row in table.itertuples():
        s_start, s_end, _ = spans[row.sentence_id]
        assert s_start <= row.start < row.end <= s_end
    # Da’esh is one word; its apostrophe is no quote mark.
    daesh = table[table.text == "Da’esh"]
    assert len(daesh) == 1 and not daesh.is_quote_mark.any()
    opening = table[table.text == "“"]
    closing = table[table.text == "”"]
    assert len(opening) == len(closing) == 5
    assert opening.is_quote_mark.all() and closing.is_quote_mark.all()
    assert table.loc[table.text == "Voronkov", "is_title"].all()


def test_string_input_is_wrapped_and_empty_input_is_an_article_error():
    assert sentences("One. Two.").text.tolist() == ["One.", "Two."]
    with pytest.raises(ArticleError):
        tokens("   \n ")
    assert split_sentences("") == [] and split_sentences(" \n\t") == []


# ---------------------------------------------------------------------------
# Words


def test_apostrophes_inside_words_stay_in_the_word():
    table = tokens("Da’esh fighters don’t agree, Clinton’s aides said; they didn't.")
    for word in ["Da’esh", "don’t", "Clinton’s", "didn't"]:
        row = table[table.text == word]
        assert len(row) == 1, word
        assert not row.is_quote_mark.any() and not row.is_punct.any()


@pytest.mark.parametrize("mark", ["“", "”", "‘", "’", '"', "'"])
def test_quote_marks_between_words_are_quote_mark_tokens(mark):
    text = f"He said {mark}we will go{mark} and left."
    table = tokens(text)
    marks = table[table.text == mark]
    assert len(marks) == 2 and marks.is_quote_mark.all() and marks.is_punct.all()


def test_curly_single_quotes_around_a_phrase():
    words = words_of("He called it ‘a disaster.’ Others agreed.")
    assert words == ["He", "called", "it", "‘", "a", "disaster", ".", "’", "Others", "agreed", "."]


def test_news_tokens():
    assert words_of("Mr. Lee paid $4.5 billion at 9:30 a.m. on Jan. 5.") == [
        "Mr.", "Lee", "paid", "$", "4.5", "billion", "at", "9:30", "a.m.", "on", "Jan.", "5", "."]
    assert words_of("See https://example.org/a/b.pdf, or write to j.doe@example.co.uk.") == [
        "See", "https://example.org/a/b.pdf", ",", "or", "write", "to", "j.doe@example.co.uk", "."]
    assert words_of("The U.S. Army -- and 2,000 anti-war protesters... won’t.") == [
        "The", "U.S.", "Army", "--", "and", "2,000", "anti-war", "protesters", "...", "won’t", "."]


def test_tokenizer_has_the_nltk_tokenizer_methods():
    tokenizer = NewsWordTokenizer()
    text = "“Hi,” said Dr. Ng."
    assert tokenizer.tokenize(text) == ["“", "Hi", ",", "”", "said", "Dr.", "Ng", "."]
    assert [text[s:e] for s, e in tokenizer.span_tokenize(text)] == tokenizer.tokenize(text)
    assert tokenizer.tokenize_sents([text, "Yes."]) == [tokenizer.tokenize(text), ["Yes", "."]]
    assert list(tokenizer.span_tokenize_sents(["No way."])) == [[(0, 2), (3, 6), (6, 7)]]


def test_quotes_and_speakers_start_without_importing_nltk():
    # importing nltk imports scipy and scikit-learn: seconds of start-up per command
    code = ("import sys, analysis\n"
            "from analysis.tokenize import token_spans\n"
            "analysis.extract_quotes('“We will,” she said.')\n"
            "analysis.speaker_profiles('“We will,” said Ann Lee.')\n"
            "print(sorted({'nltk', 'scipy', 'sklearn'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.strip() == "[]"


def test_tokens_never_cross_a_sentence_boundary():
    text = "It ended.”The next one began. (Yes.)Then more."
    spans = sentence_spans(text)
    for start, end, index in token_spans(text, spans):
        assert spans[index][0] <= start < end <= spans[index][1]


def _reference_word_regex() -> re.Pattern:
    """The word rules alone, without the tokenizer's speed-only parts (the leading
    whitespace group, the first "mark no later rule starts with" line, possessive
    quantifiers): the plain alternation the fast regex must agree with."""
    tokenizer = NewsWordTokenizer()
    pattern = tokenizer._regex.pattern
    rules = pattern[pattern.index("(") + 1 : pattern.rindex(")")]
    first_line, _, rest = rules.lstrip("\n").partition("\n")
    assert first_line.strip().startswith("[^\\w\\s"), first_line
    rest = rest.lstrip().removeprefix("|").replace("*+", "*").replace("++", "+")
    return re.compile(rest, re.UNICODE | re.VERBOSE)


def _reference_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple]:
    reference = _reference_word_regex()
    return [m.span() for m in reference.finditer(text, start, len(text) if end is None else end)]


_MARKS_AND_WORDS = st.lists(st.sampled_from(
    ["+1", "+tips@example.org", "a+b@x.io", "-", "--", "---", "'", "’", "'90s", "’80s", ".", "..",
     "...", "Mr", "Mr.", "No.", "3", "U.S.", "members’", "don't", "Da’esh", "www.x.org", "http://a.b/c",
     ",", ";", "“", "”", "(", ")", "—", "$", "%", "&", "said", "e.g.", "O'Brien", "-based", "x-ray",
     " ", " ", "  ", "\n", "\u00a0", "\t"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_MARKS_AND_WORDS, st.text(max_size=80)), st.integers(0, 10))
def test_fast_word_regex_finds_what_the_plain_rules_find(text, start):
    tokenizer = NewsWordTokenizer()
    assert list(tokenizer.span_tokenize(text)) == _reference_tokens(text)
    # a window, as iter_token_spans reads one sentence: the ends behave like the text's
    end = max(start, len(text) - start)
    assert list(tokenizer.span_tokenize(text, start, end)) == _reference_tokens(text, start, end)


def test_fast_word_regex_on_news(polnear_dir):
    for path in sorted((polnear_dir / "text").glob("*.txt"))[:120]:
        text = path.read_text(encoding="utf-8")
        spans = sentence_spans(text)
        expected = [(*span, index) for index, (s_start, s_end, _) in enumerate(spans)
                    for span in _reference_tokens(text, s_start, s_end)]
        assert token_spans(text, spans) == expected, path.name


def test_only_whitespace_lies_between_tokens():
    # The tokenizer's whitespace-first regex relies on this: every other character
    # starts a token.
    text = "A\u00a0b\u2029“c,”\td — e.g.\x0b$5 ’90s\u3000…+x"
    spans = token_spans(text)
    covered = set()
    for start, end, _ in spans:
        covered.update(range(start, end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


# ---------------------------------------------------------------------------
# Long texts


def _long_text(n_chars: int, seed: int = 7) -> str:
    """News-like text: plain sentences with the odd hard case, headline and list."""
    rng = random.Random(seed)
    vocabulary = ("the council said officials would meet again in June to discuss new "
                  "measures against terrorism and the threat from armed groups").split()
    specials = ["Mr. Smith said “the U.S. plan works.”", "It cost $4.5 billion.",
                "The U.N. met on Jan. 5…", "“Why?” she asked.", "Da’esh fighters don’t stop.",
                "No. 3 is next\n", "\n\nHeadline Without Period\n\n", "(See www.example.org.)"]
    out, size = [], 0
    while size < n_chars:
        if rng.random() < 0.1:
            piece = rng.choice(specials)
        else:
            words = rng.choices(vocabulary, k=rng.randint(6, 30))
            piece = " ".join(words).capitalize() + rng.choice([".", ".", "?", ","])
        out.append(piece)
        size += len(piece) + 1
    return " ".join(out)


def test_long_text_streams_in_bounded_memory_and_covers_the_text():
    # Run in a fresh interpreter so its peak resident memory measures only this job
    # (tracemalloc would make the run ten times slower).
    code = textwrap.dedent("""
        import resource
        from tests.test_tokenize import _checked, _long_text
        from analysis.tokenize import iter_sentence_spans, iter_token_spans
        text = _long_text(2_000_000)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        stream = iter_token_spans(text, _checked(text, iter_sentence_spans(text)))
        n_tokens = sum(1 for _ in stream)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(n_tokens, (after - before) * 1024)
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    n_tokens, growth = map(int, done.stdout.split())
    assert n_tokens > 300_000
    # A list of every token span alone would take over 40 MB.
    assert growth < 20_000_000, growth


def _checked(text: str, spans):
    """Pass spans through, asserting order and that only whitespace lies between them."""
    previous_end = 0
    for start, end, paragraph in spans:
        assert previous_end <= start < end
        assert not text[previous_end:start].strip()
        previous_end = end
        yield start, end, paragraph
    assert not text[previous_end:].strip()


# ---------------------------------------------------------------------------
# Properties

QUOTES = "\"'“”‘’«»"
_pieces = st.one_of(
    st.sampled_from(["Mr.", "U.S.", "said", "The", "it", "No.", "3.5", "...", "…", "?", "!", ".",
                     "e.g.", "J.", "Da’esh", "don’t", "(", ")", "—", "1.", "•", "www.x.org"]),
    st.sampled_from(list(QUOTES)),
    st.sampled_from([" ", " ", "\n", "\n\n", "\u00a0", "\t", "\u2029"]),
    st.text(max_size=6),
)
news_like = st.lists(_pieces, max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), news_like)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_spans_are_ordered_exact_and_cover_the_text(text):
    spans = list(_checked(text, iter_sentence_spans(text)))
    for start, end, _ in spans:
        assert text[start:end] == text[start:end].strip()
    previous = -1
    for start, end, index in token_spans(text, spans):
        assert spans[index][0] <= start < end <= spans[index][1]
        assert start >= previous
        previous = end
        assert not text[start:end].isspace()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_tables_trace_back_to_the_text(text):
    try:
        article = load_article(text)
    except ArticleError:
        return
    for table in (sentences(article), tokens(article)):
        assert all(row.text == article.text[row.start:row.end] for row in table.itertuples())
    assert split_sentences(text) == sentences(text).text.tolist() if text.strip() else True


def test_number_abbreviations_keep_their_period_only_before_a_number():
    assert words_of("He said no. Item No. 3 is next.") == [
        "He", "said", "no", ".", "Item", "No.", "3", "is", "next", "."]


def test_doc_examples_hold():
    # The docstring examples of the public functions, checked here as plain asserts.
    assert split_sentences("Dr. Lee arrived at 3 p.m. on Jan. 5. The U.N. met.") == [
        "Dr. Lee arrived at 3 p.m. on Jan. 5.", "The U.N. met."]
    assert list(iter_sentence_spans("Mr. Lee left. He was tired.\n\nThe end")) == [
        (0, 13, 0), (14, 27, 0), (29, 36, 1)]
