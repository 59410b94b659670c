"""The highlighted-quotes view: built from a quote table's offsets, text escaped."""

from __future__ import annotations

import base64
import html
import io
import json
import re
from html.parser import HTMLParser

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import load_article
from analysis.display import (
    NO_SPEAKER,
    PALETTE,
    HighlightedArticle,
    quotes_html,
    show_quotes,
    show_table,
)

TEXT_DIV = re.compile(r'<div class="analysis-quotes-text"[^>]*>(.*)</div></div>$', re.S)


def _span(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    start = text.index(piece, after)
    return start, start + len(piece)


def _body_text(page: str) -> str:
    """The article text shown in the view: labels dropped, tags stripped, unescaped."""
    body = TEXT_DIV.search(page).group(1)
    body = re.sub(r"<sup[^>]*>.*?</sup>", "", body)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def _seed_table(article) -> pd.DataFrame:
    """Two real attributions of the seed article, offsets found in its text."""
    text = article.text
    q1 = _span(text, "“A unified effort is necessary if the UN is to address violent extremism "
                     "and bring those behind it to justice,”")
    cue1 = _span(text, "told", q1[1])
    who1 = _span(text, "Mr. Voronkov", q1[1])
    q2 = _span(text, "transnational threat from ISIL presents a difficult challenge")
    cue2 = _span(text, "insisted")
    who2 = (cue2[0] - 3, cue2[0] - 1)
    assert text[who2[0]:who2[1]] == "he"
    return pd.DataFrame([
        dict(article=article.id, quote_id="q1", kind="direct", start=q1[0], end=q1[1],
             spans=[list(q1)], cue="told", cue_start=cue1[0], cue_end=cue1[1],
             speaker_mention="Mr. Voronkov", speaker_start=who1[0], speaker_end=who1[1],
             speaker="Vladimir Voronkov", evidence="adjacent-cue"),
        dict(article=article.id, quote_id="q2", kind="indirect", start=q2[0], end=q2[1],
             spans=[list(q2)], cue="insisted", cue_start=cue2[0], cue_end=cue2[1],
             speaker_mention="he", speaker_start=who2[0], speaker_end=who2[1],
             speaker="Somebody Else", evidence="pronoun->Somebody Else"),
    ])


def test_quotes_cues_and_mentions_are_marked_in_speaker_colours(seed_article):
    table = _seed_table(seed_article)
    page = quotes_html(seed_article, table)
    first, second = PALETTE[0], PALETTE[1]
    # the legend gives each speaker their own colour, in order of appearance
    assert re.search(rf"background:{first}[^>]*></span> Vladimir Voronkov \(1 quote\)", page)
    assert re.search(rf"background:{second}[^>]*></span> Somebody Else \(1 quote\)", page)
    # the quote is shaded in its speaker's colour, the mention boxed in it, the cue underlined
    r, g, b = (int(first[i:i + 2], 16) for i in (1, 3, 5))
    quote_span = re.search(r'<span style="background:rgba\((\d+), (\d+), (\d+), [\d.]+\)"'
                           r'[^>]*>“A unified effort', page)
    assert quote_span and tuple(map(int, quote_span.groups())) == (r, g, b)
    assert re.search(rf'outline:2px solid {first}[^>]*>Mr\. Voronkov</span>', page)
    assert re.search(r'text-decoration:underline[^>]*>told</span>', page)
    assert re.search(rf'outline:2px solid {second}[^>]*>he</span>', page)
    # the evidence is in the hover text, and each quote is labelled with its id
    assert "evidence: pronoun-&gt;Somebody Else" in page
    assert ">q1</sup>" in page and ">q2</sup>" in page
    # no text is lost or altered
    assert _body_text(page) == seed_article.text


def test_html_in_the_article_is_escaped_not_interpreted():
    article = load_article("A <b>bold</b> headline\n\n“x < y & z,” said <script>alert(1)</script>.")
    start = article.text.index("“")
    end = article.text.index("”") + 1
    table = pd.DataFrame([dict(quote_id="q1", kind="direct", start=start, end=end,
                               speaker='Ann "<i>"', speaker_start=None, speaker_end=None)])
    page = quotes_html(article, table)
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "x &lt; y &amp; z" in page
    assert "Ann &quot;&lt;i&gt;&quot;" in page
    assert _body_text(page) == article.text


def test_table_read_back_from_csv_works(seed_article, tmp_path):
    table = _seed_table(seed_article)
    table.to_csv(tmp_path / "quotes.csv", index=False)
    from_csv = pd.read_csv(tmp_path / "quotes.csv")  # spans is JSON-like text, NaN for gaps
    from_csv.loc[1, ["cue_start", "cue_end"]] = float("nan")
    page = quotes_html(seed_article, from_csv)
    assert re.search(r'text-decoration:underline[^>]*>told</span>', page)
    assert not re.search(r'text-decoration:underline[^>]*>insisted</span>', page)
    assert ">q2</sup>" in page
    assert _body_text(page) == seed_article.text


def test_quotes_without_speaker_are_grey_and_counted(seed_article):
    table = _seed_table(seed_article).assign(speaker=["", None])
    page = quotes_html(seed_article, table)
    assert f"{NO_SPEAKER} (2 quotes)" in page
    assert "Vladimir Voronkov" not in page.split('class="analysis-quotes-text"')[0]


def test_empty_table_shows_the_article():
    article = load_article("Title\n\nNobody said anything here.")
    page = quotes_html(article, pd.DataFrame(columns=["quote_id", "start", "end", "speaker"]))
    assert "no quotes found" in page
    assert _body_text(page) == article.text


def test_wrapper_displays_in_a_notebook_and_saves(seed_article, tmp_path):
    view = show_quotes(seed_article, _seed_table(seed_article))
    assert isinstance(view, HighlightedArticle)
    assert view._repr_html_() == quotes_html(seed_article, _seed_table(seed_article))
    view.save(tmp_path / "view.html")
    saved = (tmp_path / "view.html").read_text(encoding="utf-8")
    assert saved.startswith("<!doctype html>") and "Mr. Voronkov" in saved


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'“”\n")), min_size=1, max_size=60),
    marks=st.lists(st.tuples(st.integers(-3, 70), st.integers(-3, 70),
                             st.sampled_from(["A", "B", ""])), max_size=6),
)
def test_any_marks_keep_the_text_intact(text, marks):
    if not text.strip():
        text = "x" + text
    article = load_article(text + "\n\nend")
    rows = []
    for number, (start, end, speaker) in enumerate(marks):
        rows.append(dict(quote_id=f"q{number}", kind="direct", spans=json.dumps([[start, end]]),
                         cue_start=end, cue_end=end + 2, speaker_start=start - 2,
                         speaker_end=start, speaker=speaker))
    page = quotes_html(article, pd.DataFrame(rows))
    assert _body_text(page) == article.text


# ------------------------------------------------------------ attributes, headings, plurals

class _Attributes(HTMLParser):
    """Every attribute of every element, as the browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.attributes.extend((tag, name, value) for name, value in attrs)


def test_a_speaker_name_with_quotes_cannot_open_an_attribute_in_the_tooltip(seed_article):
    name = 'X" onmouseover="alert(1)'
    table = _seed_table(seed_article).assign(speaker=[name, "Y' onclick='alert(2)"],
                                             evidence=['"> <img src=x onerror=alert(3)>', ""])
    for page in (quotes_html(seed_article, table), show_quotes(seed_article, table).html):
        parser = _Attributes()
        parser.feed(page)
        names = {attribute for _, attribute, _ in parser.attributes}
        assert names <= {"style", "title", "class"}, names   # no onmouseover, onclick, src
        titles = [value for _, attribute, value in parser.attributes if attribute == "title"]
        assert any(f"speaker: {name}" in t for t in titles)   # shown whole, as text
        assert not any(tag == "img" for tag, _, _ in parser.attributes)


def test_counts_in_the_view_read_in_the_singular_when_one(seed_article):
    one = _seed_table(seed_article).head(1)
    page = quotes_html(seed_article, one)
    assert f"{seed_article.id}: 1 quote, 1 speaker</div>" in page
    two = quotes_html(seed_article, _seed_table(seed_article))
    assert f"{seed_article.id}: 2 quotes, 2 speakers</div>" in two


def test_the_standalone_view_has_a_heading_with_the_article(tmp_path):
    from analysis.article import article_from_html

    page = ("<html><head><title>Harbour deal agreed</title><meta property='og:site_name' "
            "content='Coastal Daily'><meta property='article:published_time' "
            "content='2024-03-14'></head><body><article><p>“It is a fair deal,” the mayor "
            "said on Monday.</p></article></body></html>")
    article = article_from_html(page, id="deal")
    view = show_quotes(article)
    view.save(tmp_path / "view.html")
    saved = (tmp_path / "view.html").read_text(encoding="utf-8")
    assert "<h1>Harbour deal agreed</h1>" in saved
    assert '<p class="meta">Coastal Daily · 2024-03-14 · deal</p>' in saved
    assert "<style>" in saved and "analysis-quotes-text" in saved


# ------------------------------------------------------------------- readable tables

def test_show_table_puts_the_reading_columns_first_and_names_the_rest(seed_article):
    from analysis import extract_quotes

    quotes = extract_quotes(seed_article)
    view = show_table(quotes, "quotes", columns=["quote_id", "text", "speaker", "kind", "cue"])
    headings = re.findall(r'<th [^>]*class="col_heading[^"]*"[^>]*>([^<]*)</th>', view.html)
    assert headings == ["quote_id", "text", "speaker", "kind", "cue"]
    caption = re.search(r'<div class="analysis-table-caption">(.*?)</div>', view.html).group(1)
    assert caption.startswith(f"{len(quotes)} rows × {len(quotes.columns)} columns · not shown: "
                              "article, start, end")
    # the whole table (every column) is there to download as CSV
    data = re.search(r'download="quotes.csv" href="data:text/csv;charset=utf-8;base64,([^"]+)"',
                     view.html).group(1)
    full = pd.read_csv(io.StringIO(base64.b64decode(data).decode("utf-8")))
    assert full.shape == quotes.shape and full["text"].tolist() == quotes["text"].tolist()
    # the quote column gets room, a plain row index is hidden
    assert re.search(r'<td [^>]*class="data row0 col1 wide"', view.html)
    assert re.search(r'<td [^>]*class="data row0 col0 id"', view.html)
    assert 'class="row_heading' not in view.html
    # the rule trail may break inside "pronoun->Vladimir": the table fits the page
    trail = show_table(quotes, "quotes", columns=["quote_id", "text", "evidence"])
    assert re.search(r'<td [^>]*class="data row0 col2 rules"', trail.html)
    assert re.search(r"td\.rules \{[^}]*overflow-wrap: anywhere", trail.html)
    # default order: the reading columns first, in the reading order
    default = show_table(quotes, "quotes")
    first = re.findall(r'<th [^>]*class="col_heading[^"]*"[^>]*>([^<]*)</th>', default.html)[:5]
    assert first == ["quote_id", "text", "speaker", "kind", "cue"]


def test_show_table_formats_numbers_and_turns_lists_and_dicts_into_text(seed_article):
    from analysis import speaker_profiles
    from analysis.overview import reading_statistics

    reading = show_table(reading_statistics(seed_article), "reading").html
    cells = re.findall(r'<td [^>]*class="data row\d+ col1 num"[^>]*>([^<]*)</td>', reading)
    assert cells[0] == f"{len(seed_article.text):,}" == "3,155"   # not 3155.000
    assert all(re.fullmatch(r"[\d,]+(\.\d\d)?", c) for c in cells)
    profiles = speaker_profiles(seed_article)
    view = show_table(profiles, "profiles",
                      columns=["speaker", "roles", "mentions", "reporting_verbs",
                               "share_of_quoted_words"]).html
    assert "{'role'" not in view and "[{" not in view
    assert "UN Chief (description)" in view
    assert "Mr. Voronkov (" in view and "say (2)" in view
    assert ">100.0%</td>" in view or ">1</td>" in view
    shares = show_table(pd.DataFrame({"share": [0.5, 0.125]}), "s").html
    assert ">50.0%</td>" in shares and ">12.5%</td>" in shares


def test_show_table_caps_rows_and_says_so():
    table = pd.DataFrame({"term": [f"w{k}" for k in range(120)], "count": range(120)})
    view = show_table(table, "terms", max_rows=10).html
    assert view.count('<tr>') == 11          # heading + ten rows
    assert "120 rows × 2 columns · showing the first 10" in view
