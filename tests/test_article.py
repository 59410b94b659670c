from analysis import load_article
from analysis.article import find_paragraphs


def test_seed_article_has_headline_and_paragraphs(seed_article):
    assert seed_article.id == "voronkov-isil-un-security-council"
    assert seed_article.title.startswith("Vladimir Voronkov – ISIL")
    assert len(seed_article.paragraphs) == 14
    for start, end in seed_article.paragraphs:
        block = seed_article.text[start:end]
        assert block == block.strip() and "\n\n" not in block
    caption = seed_article.text[slice(*seed_article.paragraphs[3])]
    assert caption == "Image:\u00a0Vladimir Voronkov"


def test_text_is_kept_verbatim(seed_article):
    raw = seed_article.source and open(seed_article.source, encoding="utf-8", newline="").read()
    assert seed_article.text == raw
    assert "“" in seed_article.text and "\u00a0" in seed_article.text


def test_paragraphs_of_single_newline_text():
    assert find_paragraphs("a\nb\n") == [(0, 1), (2, 3)]
    assert find_paragraphs("a\nb\n  \nc") == [(0, 3), (7, 8)]


def test_text_input_is_wrapped():
    article = load_article("Headline here\n\nBody text.")
    assert article.title == "Headline here"
    assert article.text[slice(*article.paragraphs[1])] == "Body text."
