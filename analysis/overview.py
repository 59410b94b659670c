"""The shape of an article: paragraphs, sentences, words and reading statistics.

These are the summary tables and figures of the notebooks: what an analyst
looks at before asking who said what, and how much voice each speaker gets.
Words are the alphanumeric tokens of :func:`analysis.tokenize.tokens`
(punctuation and quote marks are not words).

Readability is the LIX index (Björnsson 1968: words per sentence plus the
percentage of words longer than six letters), chosen because it needs no
syllable counts: syllable dictionaries would need a download (NLTK's cmudict)
and hyphenation patterns undercount syllables.
"""

from __future__ import annotations

import math

import pandas as pd

from .article import Article, as_article
from .tokenize import iter_token_spans, sentence_spans, token_spans

__all__ = ["reading_statistics", "paragraph_statistics", "plot_paragraph_lengths",
           "collection_overview", "plot_quoted_word_shares", "token_overview",
           "LARGE_ARTICLE_CHARS"]

# Silent reading speed of adults for non-fiction (Brysbaert 2019, "How many words
# do we read per minute?"): about 238 words a minute.
WORDS_PER_MINUTE = 238
LONG_WORD = 7  # LIX counts words of more than six letters as long
#: An article longer than this (characters) is large for the notebooks: ``python -m
#: analysis report`` warns and runs them one at a time, and :func:`token_overview`
#: summarises the tokens instead of listing each one (a 5 MB text made a 74 MB table).
LARGE_ARTICLE_CHARS = 1_000_000


def _word_spans(article: Article) -> tuple[list, list[tuple[int, int, int]]]:
    """Sentence spans and the spans of the tokens that contain a letter or digit."""
    sentences = sentence_spans(article)
    text = article.text
    words = [
        (start, end, sentence)
        for start, end, sentence in token_spans(article, sentences)
        if any(ch.isalnum() for ch in text[start:end])
    ]
    return sentences, words


def _lix(n_words: int, n_sentences: int, n_long: int) -> float:
    if not n_words or not n_sentences:
        return 0.0
    return n_words / n_sentences + 100 * n_long / n_words


def _lix_band(score: float) -> str:
    # Björnsson's bands, as commonly quoted for LIX.
    for limit, label in [(25, "very easy"), (35, "easy"), (45, "medium"), (55, "difficult")]:
        if score < limit:
            return label
    return "very difficult"


def reading_statistics(article: Article | str) -> pd.DataFrame:
    """Size and reading statistics of an article, one row per statistic.

    Parameters
    ----------
    article : Article or str
        The article (a string is read as article text, first line the headline).

    Returns
    -------
    pandas.DataFrame
        Columns ``statistic``, ``value`` (a number) and ``note`` (how it was
        counted). Statistics: characters, paragraphs, sentences, words, distinct
        words, type/token ratio, mean, median and longest sentence length in
        words, mean word length, share of long words, LIX readability, reading
        time in minutes.

    Examples
    --------
    >>> stats = reading_statistics("Headline\\n\\nShe said it. He left early.")
    >>> float(stats.set_index("statistic").loc["sentences", "value"])
    3.0
    """
    article = as_article(article)
    text = article.text
    sentences, words = _word_spans(article)
    n_words = len(words)
    n_sentences = len(sentences)
    lowered = [text[s:e].lower() for s, e, _ in words]
    counts = [0] * n_sentences
    for _, _, sentence in words:
        counts[sentence] += 1
    lengths = pd.Series(counts, dtype="int64")
    n_long = sum(1 for w in lowered if sum(ch.isalpha() for ch in w) >= LONG_WORD)
    lix = _lix(n_words, n_sentences, n_long)
    rows = [
        ("characters", len(text), "length of the text, headline and captions included"),
        ("paragraphs", len(article.paragraphs), "blocks separated by blank lines, or lines"),
        ("sentences", n_sentences, "NLTK Punkt sentences; never cross a paragraph"),
        ("words", n_words, "tokens with a letter or digit"),
        ("distinct words", len(set(lowered)), "lower-cased"),
        ("type/token ratio", len(set(lowered)) / n_words if n_words else 0.0,
         "distinct words / words (falls as texts get longer)"),
        ("mean sentence length", lengths.mean() if n_sentences else 0.0, "words"),
        ("median sentence length", lengths.median() if n_sentences else 0.0, "words"),
        ("longest sentence", lengths.max() if n_sentences else 0, "words"),
        ("mean word length", sum(map(len, lowered)) / n_words if n_words else 0.0,
         "characters"),
        ("long words", n_long / n_words if n_words else 0.0,
         f"share of words with {LONG_WORD} or more letters"),
        ("LIX readability", lix, f"{_lix_band(lix)} (<25 very easy ... >=55 very difficult)"),
        ("reading time", n_words / WORDS_PER_MINUTE,
         f"minutes at {WORDS_PER_MINUTE} words a minute"),
    ]
    table = pd.DataFrame(rows, columns=["statistic", "value", "note"])
    table["value"] = table["value"].astype(float).round(3)
    return table


def paragraph_statistics(article: Article | str) -> pd.DataFrame:
    """One row per paragraph with its size, so structure and outliers show.

    Parameters
    ----------
    article : Article or str

    Returns
    -------
    pandas.DataFrame
        Columns ``paragraph_id``, ``start``, ``end`` (offsets into
        ``article.text``), ``sentences``, ``words``, ``mean_sentence_length``
        and ``opening`` (the paragraph's first words, for orientation).

    Examples
    --------
    >>> paragraph_statistics("Title\\n\\nOne. Two three.")[["sentences", "words"]].values.tolist()
    [[1, 1], [2, 3]]
    """
    article = as_article(article)
    text = article.text
    sentences, words = _word_spans(article)
    n_paragraphs = len(article.paragraphs)
    sentence_count = [0] * n_paragraphs
    word_count = [0] * n_paragraphs
    for _, _, paragraph in sentences:
        sentence_count[paragraph] += 1
    for _, _, sentence in words:
        word_count[sentences[sentence][2]] += 1
    rows = []
    for index, (start, end) in enumerate(article.paragraphs):
        opening = " ".join(text[start:end].split()[:8])
        mean = word_count[index] / sentence_count[index] if sentence_count[index] else 0.0
        rows.append((index, start, end, sentence_count[index], word_count[index],
                     round(mean, 1), opening))
    return pd.DataFrame(rows, columns=["paragraph_id", "start", "end", "sentences", "words",
                                       "mean_sentence_length", "opening"])


def plot_paragraph_lengths(article: Article | str, *, ax=None, max_bars: int | None = None):
    """Bar chart of words per paragraph, split into sentences.

    Each bar is one paragraph; its segments are its sentences, so long
    sentences and one-line paragraphs (headline, captions) stand out. Past
    ``max_bars`` paragraphs (default :data:`analysis.plots.MAX_BARS`) a bar is
    an equal bin of consecutive paragraphs, its height their mean length.

    Parameters
    ----------
    article : Article or str
    ax : matplotlib.axes.Axes, optional
        Draw into these axes (default: a new figure).
    max_bars : int, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    from .plots import MAX_BARS, _empty, _paragraph_axis, _tidy, figure_title, paragraph_bins

    article = as_article(article)
    sentences, words = _word_spans(article)
    per_sentence = [0] * len(sentences)
    for _, _, sentence in words:
        per_sentence[sentence] += 1
    if ax is None:
        figure = Figure(figsize=(8, 3.5), layout="constrained")
        ax = figure.add_subplot()
    else:
        figure = ax.figure
    ax.set_title(figure_title("Words per paragraph", article))
    n_paragraphs = len(article.paragraphs)
    if not sentences:
        _empty(ax, "no sentence found")
        return figure
    size = paragraph_bins(n_paragraphs, max_bars or MAX_BARS)
    if size == 1:
        # one rectangle a sentence, stacked per paragraph, drawn in one call
        filled = [0] * n_paragraphs
        bottoms = []
        for (_, _, paragraph), count in zip(sentences, per_sentence, strict=True):
            bottoms.append(filled[paragraph])
            filled[paragraph] += count
        ax.bar([p for _, _, p in sentences], per_sentence, bottom=bottoms, color="#4c72b0",
               edgecolor="white", linewidth=1)
        ax.set_ylabel("words (segments: sentences)")
    else:
        totals = [0] * math.ceil(n_paragraphs / size)
        for (_, _, paragraph), count in zip(sentences, per_sentence, strict=True):
            totals[paragraph // size] += count
        sizes = [min(size, n_paragraphs - k * size) for k in range(len(totals))]
        ax.bar([k * size for k in range(len(totals))],
               [t / n for t, n in zip(totals, sizes, strict=True)], width=0.9 * size,
               align="edge", color="#4c72b0")
        ax.set_ylabel("mean words per paragraph")
    _paragraph_axis(ax, n_paragraphs, size)
    _tidy(ax)
    return figure


def collection_overview(articles) -> pd.DataFrame:
    """One row per article of a collection: its size and readability.

    Parameters
    ----------
    articles : iterable of Article, or a path to a file or folder
        A path is read with :func:`analysis.article.iter_articles`; files that
        cannot be read are skipped with an ``ArticleWarning``.

    Returns
    -------
    pandas.DataFrame
        Columns ``article``, ``title``, ``paragraphs``, ``sentences``,
        ``words``, ``mean_sentence_length``, ``lix`` (readability) and
        ``source`` (the file it came from).

    Examples
    --------
    >>> collection_overview("data/articles")[["article", "words"]]  # doctest: +SKIP
    """
    from pathlib import Path

    from .article import iter_articles

    if isinstance(articles, str | Path):
        # a bad file is reported as a warning and skipped, not fatal to the rest
        articles = iter_articles(articles, errors="warn")
    rows = []
    for article in articles:
        stats = reading_statistics(article).set_index("statistic")["value"]
        rows.append((article.id, article.title, int(stats["paragraphs"]),
                     int(stats["sentences"]), int(stats["words"]),
                     stats["mean sentence length"], stats["LIX readability"], article.source))
    return pd.DataFrame(rows, columns=["article", "title", "paragraphs", "sentences", "words",
                                       "mean_sentence_length", "lix", "source"])


def plot_quoted_word_shares(profiles: pd.DataFrame, *, ax=None):
    """Horizontal bars: each quoted speaker's share of the article's quoted words.

    Parameters
    ----------
    profiles : pandas.DataFrame
        A speaker table with ``speaker`` and ``share_of_quoted_words`` columns
        (see :func:`analysis.speakers.speaker_profiles`); rows with no share
        are left out.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        With a note instead of bars when nobody is quoted.
    """
    from matplotlib.figure import Figure

    from .plots import MAX_ROWS, _empty, _more_note, _tidy, short_label

    quoted = profiles[profiles["share_of_quoted_words"] > 0]
    shares = quoted.sort_values("share_of_quoted_words", ascending=False).head(MAX_ROWS)
    shares = shares.iloc[::-1]
    if ax is None:
        figure = Figure(figsize=(7, 0.4 * len(shares) + 1.4), layout="constrained")
        ax = figure.add_subplot()
    else:
        figure = ax.figure
    ax.set_title("Share of quoted words per speaker")
    if len(shares):
        labels = [short_label(name, 40) if str(name) else "(no speaker)"
                  for name in shares["speaker"]]
        ax.barh(labels, shares["share_of_quoted_words"], color="#d9822b")
        ax.set_xlim(0, max(1.0, float(shares["share_of_quoted_words"].max())))
        ax.set_xlabel("share of all quoted words")
        _more_note(ax, len(shares), len(quoted), "speakers")
    else:
        _empty(ax, "no quoted speaker")
    _tidy(ax)
    return figure


def _token_kind(word: str) -> str:
    from .tokenize import QUOTE_MARKS

    if len(word) == 1 and word in QUOTE_MARKS:
        return "quote mark"
    if not any(ch.isalnum() for ch in word):
        return "punctuation"
    if not any(ch.isalpha() for ch in word):
        return "number"
    return "word"


def token_overview(article: Article | str, *, max_chars: int = LARGE_ARTICLE_CHARS
                   ) -> pd.DataFrame:
    """The article's tokens as an analyst reads them, or a summary of them past a size.

    Parameters
    ----------
    article : Article or str
    max_chars : int
        Articles longer than this get the summary (default
        :data:`LARGE_ARTICLE_CHARS`); :func:`analysis.tokenize.tokens` always
        gives every token with all its flags.

    Returns
    -------
    pandas.DataFrame
        Up to ``max_chars``: one row per token, columns ``token_id``,
        ``sentence_id``, ``start``, ``end``, ``text`` and ``kind`` (word,
        number, punctuation or quote mark: the quote extractor works from the
        quote marks). Past it: one row per kind, columns ``kind``, ``tokens``,
        ``distinct`` and ``most_common`` (the ten most frequent, with counts).

    Examples
    --------
    >>> token_overview("Headline\\n\\n“Yes,” she said.")["kind"].tolist()[:4]
    ['word', 'quote mark', 'word', 'punctuation']
    >>> token_overview("One, two.", max_chars=5)["kind"].tolist()
    ['word', 'punctuation']
    """
    from collections import Counter

    article = as_article(article)
    text = article.text
    if len(text) <= max_chars:
        rows = [(token_id, sentence, start, end, text[start:end], _token_kind(text[start:end]))
                for token_id, (start, end, sentence) in enumerate(token_spans(article))]
        return pd.DataFrame(rows, columns=["token_id", "sentence_id", "start", "end", "text",
                                           "kind"])
    # streamed: a table of every token of a big text is what the summary avoids
    counts: dict[str, Counter] = {}
    for start, end, _ in iter_token_spans(article):
        word = text[start:end]
        counts.setdefault(_token_kind(word), Counter())[word.lower()] += 1
    rows = [(kind, sum(found.values()), len(found),
             ", ".join(f"{w} ({n:,})" for w, n in found.most_common(10)))
            for kind, found in sorted(counts.items(), key=lambda item: -sum(item[1].values()))]
    return pd.DataFrame(rows, columns=["kind", "tokens", "distinct", "most_common"])


# ------------------------------------------------------------------------ collections

#: The outlet shown for an article whose source names none.
NO_OUTLET = "(outlet not given)"


def article_outlets(articles) -> dict[str, str]:
    """``{article id: outlet}``: the ``outlet`` of a JSON record or the site name of an
    HTML page, :data:`NO_OUTLET` when the source names none.

    >>> from analysis.article import article_from_text
    >>> article_outlets([article_from_text("T\\n\\nx", id="a", metadata={"outlet": "Post"}),
    ...                  article_from_text("T\\n\\ny", id="b")])
    {'a': 'Post', 'b': '(outlet not given)'}
    """
    return {a.id: str(a.metadata.get("outlet") or a.metadata.get("sitename") or NO_OUTLET)
            for a in articles}


def quoted_speakers(profiles: pd.DataFrame, outlets: dict[str, str] | None = None
                    ) -> pd.DataFrame:
    """Who is quoted most across a collection, one row per person merged by ``speaker_id``.

    Names are merged as the ``collection`` command merges them
    (:func:`analysis.collection.merge_speakers`): "Maria L. Santos" and "Maria
    Santos" are one row, under the name quoted most.

    Parameters
    ----------
    profiles : DataFrame
        Speaker profiles of several articles stacked (``article``, ``speaker``,
        ``entity_type``, ``n_quotes``, ``n_direct``, ``n_indirect``,
        ``share_of_quoted_words``), as :func:`analysis.speakers.speaker_profiles`.
    outlets : dict, optional
        ``{article id: outlet}`` (:func:`article_outlets`), to count outlets.

    Returns
    -------
    DataFrame
        Columns ``speaker_id``, ``speaker`` (the canonical name),
        ``other_names``, ``entity_type``, ``quotes``, ``direct``, ``indirect``,
        ``articles``, ``outlets`` and ``share_of_quoted_words`` (the mean of
        the speaker's share within the articles that quote them); quoted
        speakers only, most quotes first.
    """
    from .collection import merge_speakers

    columns = ["speaker_id", "speaker", "other_names", "entity_type", "quotes", "direct",
               "indirect", "articles", "outlets", "share_of_quoted_words"]
    quoted = profiles[(profiles["n_quotes"] > 0) & (profiles["speaker"].astype(str) != "")]
    if quoted.empty:
        return pd.DataFrame(columns=columns)
    merged = merge_speakers(quoted)
    outlets = outlets or {}
    merged = merged.assign(outlet=merged["article"].map(lambda a: outlets.get(a, NO_OUTLET)))
    rows = []
    for speaker_id, group in merged.groupby("speaker_id", sort=False):
        name = group["canonical_name"].iloc[0]
        others = sorted(set(group["speaker"]) - {name})
        rows.append((speaker_id, name, ", ".join(others), group["entity_type"].mode().iloc[0],
                     int(group["n_quotes"].sum()), int(group["n_direct"].sum()),
                     int(group["n_indirect"].sum()), group["article"].nunique(),
                     group["outlet"].nunique(), float(group["share_of_quoted_words"].mean())))
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["quotes", "articles", "speaker"],
                             ascending=[False, False, True]).reset_index(drop=True)


def outlet_summary(articles, quotes: pd.DataFrame, profiles: pd.DataFrame) -> pd.DataFrame:
    """Articles, quotes and quoted speakers per outlet.

    Parameters
    ----------
    articles : iterable of Article
    quotes : DataFrame
        The quote tables of those articles stacked (an ``article`` column).
    profiles : DataFrame
        Their speaker profiles stacked; speakers are counted once per outlet
        after merging names (:func:`quoted_speakers`).

    Returns
    -------
    DataFrame
        Columns ``outlet``, ``articles``, ``quotes``, ``speakers``, most quotes first.
    """
    outlets = article_outlets(articles)
    rows = []
    for outlet in sorted(set(outlets.values())):
        ids = {a for a, o in outlets.items() if o == outlet}
        in_outlet = profiles[profiles["article"].isin(ids)]
        rows.append((outlet, len(ids), int(quotes["article"].isin(ids).sum()),
                     len(quoted_speakers(in_outlet)) if len(in_outlet) else 0))
    table = pd.DataFrame(rows, columns=["outlet", "articles", "quotes", "speakers"])
    return table.sort_values(["quotes", "outlet"], ascending=[False, True]).reset_index(drop=True)


def verb_stance_by_outlet(profiles: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """The stance classes of the reporting verbs, counted per outlet.

    Parameters
    ----------
    profiles : DataFrame
        Speaker profiles stacked (``article``, ``verb_stance``).
    outlets : dict
        ``{article id: outlet}`` (:func:`article_outlets`).

    Returns
    -------
    DataFrame
        One row per outlet (the index, named ``outlet``), one column per stance
        class (``reporting_verbs.tsv``), counts of cues.
    """
    stances = pd.DataFrame(profiles["verb_stance"].tolist(), index=profiles.index)
    if stances.empty:
        return pd.DataFrame(index=pd.Index([], name="outlet"))
    by_outlet = profiles["article"].map(lambda a: outlets.get(a, NO_OUTLET)).rename("outlet")
    return stances.fillna(0).groupby(by_outlet).sum().astype(int)


def collection_themes(articles) -> pd.DataFrame:
    """The themes of the theme lexicon over a whole collection.

    Returns
    -------
    DataFrame
        Columns ``theme``, ``hits`` (all articles), ``articles`` (how many
        mention it), ``share`` (of all theme hits), ``triggers`` (the words
        that triggered it, most frequent first, with counts); most hits first.
    """
    from collections import Counter

    from .terms import theme_summary

    hits: Counter = Counter()
    present: Counter = Counter()
    triggers: dict[str, Counter] = {}
    for article in articles:
        for theme, count, found in theme_summary(article)[["theme", "hits", "triggers"]] \
                .itertuples(index=False):
            hits[theme] += count
            present[theme] += 1
            triggers.setdefault(theme, Counter()).update(found)
    total = sum(hits.values())
    rows = [(theme, count, present[theme], count / total, dict(triggers[theme].most_common(8)))
            for theme, count in sorted(hits.items(), key=lambda item: (-item[1], item[0]))]
    return pd.DataFrame(rows, columns=["theme", "hits", "articles", "share", "triggers"])


def collection_topics(articles, *, n_topics: int = 5, top_terms: int = 8
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Topics found in a collection (:func:`analysis.terms.discover_topics`, NMF), or
    two empty tables when it has fewer than two articles or too few shared terms.

    Returns
    -------
    topics : DataFrame
        Columns ``topic``, ``rank``, ``term``, ``weight``.
    documents : DataFrame
        Columns ``article``, ``topic``, ``weight``.
    """
    from .terms import discover_topics

    articles = list(articles)
    empty = (pd.DataFrame(columns=["topic", "rank", "term", "weight"]),
             pd.DataFrame(columns=["article", "topic", "weight"]))
    if len(articles) < 2:
        return empty
    try:
        return discover_topics(articles, n_topics=min(n_topics, len(articles)),
                               top_terms=top_terms)
    except ValueError:   # scikit-learn: no term left after the document-frequency filters
        return empty
