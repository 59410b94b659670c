"""Collections: streaming input, both engines, errors, resume, cross-article speakers."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import collection
from analysis.cli import main as cli_main
from analysis.collection import (
    analyze_article,
    analyze_collection,
    iter_jsonl_articles,
    load_collection,
    merge_speakers,
    run_collection,
)
from analysis.names import fold, merge_speaker_names, parse_person_name

# ----------------------------------------------------------------------------- fixtures

@pytest.fixture()
def seed_jsonl(seed_article, tmp_path):
    """A JSONL of 12 small real articles cut from the seed article (a headline + 2 paragraphs)."""
    text = seed_article.text
    blocks = [text[s:e] for s, e in seed_article.paragraphs]
    path = tmp_path / "day.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(12):
            body = "\n\n".join(blocks[1 + i % 10: 3 + i % 10])
            record = {"id": f"seed-{i:02d}", "text": f"{blocks[0]}\n\n{body}",
                      "outlet": "UN News", "date": f"2018-06-{i + 1:02d}"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _tables_equal(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert set(left) == set(right)
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], check_dtype=False, obj=name)


# ----------------------------------------------------------------------------- one article

def test_analyze_article_counts_match_the_tokenizer(seed_article):
    from analysis.tokenize import sentence_spans

    tables = analyze_article(seed_article)
    row = tables["articles"].iloc[0]
    assert row["article"] == seed_article.id
    assert row["title"] == seed_article.title
    assert row["n_paragraphs"] == 14
    assert row["n_sentences"] == len(sentence_spans(seed_article))
    assert row["n_chars"] == len(seed_article.text)


def _records_equal_public_tables(article) -> None:
    """The batch path's rows (written to Parquet) equal the public per-article tables."""
    columns = collection.article_columns()
    records = collection.article_records(article)
    tables = analyze_article(article)
    for name, rows in records.items():
        fast = collection._columns_table(collection._by_column(rows), columns[name])
        public = collection._to_arrow(tables[name])
        assert fast.column_names == public.column_names, name
        assert fast.to_pylist() == public.to_pylist(), f"{article.id}: {name}"


def test_article_records_equal_the_public_tables_on_the_seed_article(seed_article):
    _records_equal_public_tables(seed_article)


def test_article_records_equal_the_public_tables_on_polnear_articles(polnear_dir):
    from analysis import load_article

    files = sorted((polnear_dir / "text").glob("*.txt"))
    for path in files[:: max(1, len(files) // 25)]:  # 25 articles spread over the corpus
        _records_equal_public_tables(load_article(path))


# ----------------------------------------------------------------------------- input

def test_jsonl_is_streamed_with_ids_titles_and_metadata(seed_jsonl):
    articles = iter_jsonl_articles(seed_jsonl)
    first = next(articles)  # a generator: nothing beyond the first line is parsed yet
    assert first.id == "seed-00"
    assert first.title.startswith("Vladimir Voronkov")
    # the reader of every other path (load_articles, the CLI): the same metadata
    assert first.metadata == {"outlet": "UN News", "date": "2018-06-01", "encoding": "utf-8",
                              "format": "jsonl", "record": 1}
    assert [a.id for a in articles] == [f"seed-{i:02d}" for i in range(1, 12)]


def test_jsonl_ranges_cover_every_line_once(seed_jsonl):
    data = seed_jsonl.read_bytes()
    units = list(collection._jsonl_units(seed_jsonl, "day", 5, None))
    assert [(unit[3], len(items)) for unit, items in units] == [(1, 5), (6, 5), (11, 2)]
    assert b"".join(data[unit[4]:unit[5]] for unit, _ in units) == data
    assert [i for _, items in units for i, _ in items] == [f"seed-{i:02d}" for i in range(12)]
    assert units[1][1][0][1] == f"{seed_jsonl}:6"  # where: the path and the line


def test_jsonl_without_ids_gets_line_numbered_ids_and_bad_lines_become_errors(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "First headline\\n\\nThe mayor spoke on Monday."}\n'
        "this is not json\n"
        '{"title": "no text field"}\n'
        '{"text": "   "}\n'
        '{"text": "Last headline\\n\\nThe council met."}',  # no final newline
        encoding="utf-8")
    tables = analyze_collection(path, workers=1, progress=False)
    assert tables["articles"]["article"].tolist() == ["feed-1", "feed-5"]
    errors = tables["errors"].set_index("article")
    assert errors.index.tolist() == ["feed-2", "feed-3", "feed-4"]
    assert "malformed JSON" in errors.loc["feed-2", "reason"]  # load_articles' own words
    assert "no text field" in errors.loc["feed-3", "reason"]
    assert errors.loc["feed-4", "reason"].startswith("EmptyArticleError")


# ----------------------------------------------------------------------------- errors

def test_an_article_that_raises_is_an_error_row_and_the_rest_complete(
        seed_jsonl, tmp_path, monkeypatch):
    real = collection._article_rows  # what a batch calls for each article

    def flaky(article):
        if article.id == "seed-03":
            raise RuntimeError("stage blew up")
        return real(article)

    monkeypatch.setattr(collection, "_article_rows", flaky)
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "empty.txt").write_text("  \n", encoding="utf-8")
    tables = analyze_collection([seed_jsonl, tmp_path / "folder"], workers=2, batch_size=4,
                                progress=False)
    expected = sorted(f"seed-{i:02d}" for i in range(12) if i != 3)
    assert tables["articles"]["article"].tolist() == expected
    errors = tables["errors"].set_index("article")
    assert sorted(errors.index) == ["empty", "seed-03"]
    assert errors.loc["seed-03", "reason"] == "RuntimeError: stage blew up"
    assert errors.loc["seed-03", "stage"] == "analyze"
    assert errors.loc["empty", "stage"] == "load"


# ----------------------------------------------------------------------------- resume

def test_resume_after_interruption_equals_one_uninterrupted_run(seed_jsonl, tmp_path, monkeypatch):
    whole = analyze_collection(seed_jsonl, tmp_path / "whole", workers=1, batch_size=3,
                               progress=False)

    real = collection._article_rows  # what a batch calls for each article
    seen = []

    def interrupted(article):
        seen.append(article.id)
        if len(seen) == 8:  # Ctrl-C in the middle of the third batch
            raise KeyboardInterrupt
        return real(article)

    out = tmp_path / "resumed"
    monkeypatch.setattr(collection, "_article_rows", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_collection(seed_jsonl, out, workers=1, batch_size=3, progress=False)
    kept = load_collection(out)["articles"]["article"].tolist()
    assert kept == [f"seed-{i:02d}" for i in range(6)]  # the two finished batches
    # a part file a crash left behind without its commit marker must not count
    stray = out / "articles" / "part-crashed-000000.parquet"
    pd.read_parquet(next((out / "articles").glob("*.parquet"))).to_parquet(stray)

    monkeypatch.setattr(collection, "_article_rows", real)
    # batches of another size: a unit holds done and new articles, each counted once
    summary = run_collection(seed_jsonl, out, workers=1, batch_size=4, progress=False)
    assert (summary["articles"], summary["skipped"]) == (6, 6)
    assert not stray.exists()
    _tables_equal(load_collection(out), whole)


def test_a_batch_makes_no_reference_cycles(seed_jsonl, tmp_path):
    """process_batch turns the garbage collector off while it runs: that is only free
    if analysing and writing a batch leaves no cycles for it to find."""
    import gc

    unit = ("jsonl", str(seed_jsonl), "day", 1, 0, seed_jsonl.stat().st_size)
    batch = ((unit,), frozenset(), {})
    collection.process_batch(batch, str(tmp_path), "part-0")  # lexicons and caches load here
    gc.collect()
    gc.disable()
    try:
        counts = collection.process_batch(batch, str(tmp_path), "part-1")
        assert counts["articles"] == 12
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_merging_speakers_makes_no_reference_cycles(seed_jsonl, tmp_path):
    """run_collection merges speakers with the collector off: free only without cycles."""
    import gc

    run_collection(seed_jsonl, tmp_path, workers=1, progress=False)
    committed = collection._committed(tmp_path)
    collection._write_merged_speakers(tmp_path, committed)  # lexicons load here
    gc.collect()
    gc.disable()
    try:
        assert collection._write_merged_speakers(tmp_path, committed) > 0
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_columns_table_writes_dicts_as_json_wherever_they_are_in_a_column():
    from collections import Counter

    rows = [("a1", None, {"say": 2, "add": 1}, 1, ["x"]),
            ("a2", {"é": 1}, "already text", 2, []),
            ("a3", Counter(b=1, a=2), None, 3, None),
            ("a4", {}, {"tell": 1}, 4, ["y", "z"])]
    columns = ["article", "first_none", "mixed", "n", "aliases"]
    table = collection._columns_table(collection._by_column(rows), columns)
    assert table.column("first_none").to_pylist() == [None, '{"é": 1}', '{"a": 2, "b": 1}', "{}"]
    assert table.column("mixed").to_pylist() == ['{"add": 1, "say": 2}', "already text", None,
                                                '{"tell": 1}']
    # the same Arrow table as the public path (a DataFrame through pandas) writes
    public = collection._to_arrow(pd.DataFrame(rows, columns=columns))
    assert table.schema == public.schema
    assert table.to_pylist() == public.to_pylist()
    with pytest.raises(pa.ArrowException):  # a column of no single type is still an error
        collection._columns_table([("a1", "a2"), (1, "two")], ["article", "n"])


def test_restart_recomputes_everything(seed_jsonl, tmp_path):
    run_collection(seed_jsonl, tmp_path, workers=1, progress=False)
    summary = run_collection(seed_jsonl, tmp_path, workers=1, resume=False, progress=False)
    assert (summary["articles"], summary["skipped"]) == (12, 0)
    assert len(load_collection(tmp_path)["articles"]) == 12


# ----------------------------------------------------------------------------- dask

def test_dask_engine_on_a_local_cluster_equals_the_local_engine(seed_jsonl, seed_article, tmp_path):
    from distributed import LocalCluster

    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "seed.txt").write_text(seed_article.text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    sources = [seed_jsonl, folder]
    local = analyze_collection(sources, tmp_path / "local", workers=2, batch_size=5,
                               progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        distributed = analyze_collection(sources, tmp_path / "dask", engine="dask",
                                         scheduler=cluster.scheduler_address, batch_size=5,
                                         progress=False)
    assert len(distributed["articles"]) == 13 and len(distributed["errors"]) == 1
    # partitioned: the JSONL's 5 + 5 + 2 lines, then the two files with those 2
    assert len(list((tmp_path / "dask" / "articles").glob("*.parquet"))) == 3
    _tables_equal(distributed, local)


# ----------------------------------------------------------------------------- cli

def test_cli_collection_writes_parquet_and_prints_a_summary(seed_jsonl, tmp_path, capsys):
    assert cli_main(["collection", str(seed_jsonl), "--out", str(tmp_path / "t"),
                     "--workers", "1", "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "12 articles analysed, 0 errors" in printed
    assert pd.read_parquet(tmp_path / "t" / "articles")["outlet"].eq("UN News").all()
    quotes = pd.read_parquet(tmp_path / "t" / "quotes")
    assert set(quotes["article"]) <= {f"seed-{i:02d}" for i in range(12)} and len(quotes)
    assert pd.read_parquet(tmp_path / "t" / "errors").empty


# ----------------------------------------------------------------------------- names

def test_parse_person_name_strips_titles_possessives_and_keeps_suffixes():
    clinton = parse_person_name("Mrs. Clinton’s")
    assert (clinton.first, clinton.last, clinton.title_gender) == (None, "clinton", "f")
    kerry = parse_person_name("Secretary of State John F. Kerry")
    assert (kerry.first, kerry.middles, kerry.last) == ("john", ("f",), "kerry")
    assert parse_person_name("George H.W. Bush").middles == ("h", "w")
    assert parse_person_name("Donald Trump Jr.").suffix == "jr"
    assert parse_person_name("Martin van Buren").last == "van buren"
    for not_a_person in ("a senior official", "ISIL", "the Trump campaign", "Mr.", "2016"):
        assert parse_person_name(not_a_person) is None, not_a_person


def _ids(pairs):
    return {pair: speaker_id for pair, (speaker_id, _) in merge_speaker_names(pairs).items()}


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_fold_of_ascii_text_is_its_casefold_as_through_unicode_decomposition(text):
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    slow = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    assert fold(text) == slow
    assert fold("José Ñúñez") == "jose nunez"


def test_clinton_variants_merge_into_one_id():
    ids = _ids([("a1", "Hillary Clinton"), ("a2", "Hillary Rodham Clinton"),
                ("a3", "Mrs. Clinton"), ("a4", "Clinton"), ("a5", "Hillary R. Clinton")])
    assert len(set(ids.values())) == 1


def test_different_first_names_never_merge():
    ids = _ids([("a1", "Hillary Clinton"), ("a2", "Bill Clinton"), ("a3", "Chelsea Clinton"),
                ("a4", "Clinton")])
    assert len({ids[("a1", "Hillary Clinton")], ids[("a2", "Bill Clinton")],
                ids[("a3", "Chelsea Clinton")]}) == 3
    # a bare surname with several candidates in the collection stays on its own
    assert ids[("a4", "Clinton")] not in {ids[("a1", "Hillary Clinton")],
                                          ids[("a2", "Bill Clinton")]}


def test_surname_resolves_within_its_article_first():
    ids = _ids([("a1", "Hillary Clinton"), ("a1", "Clinton"), ("a2", "Bill Clinton"),
                ("a2", "Clinton")])
    assert ids[("a1", "Clinton")] == ids[("a1", "Hillary Clinton")]
    assert ids[("a2", "Clinton")] == ids[("a2", "Bill Clinton")]


def test_title_gender_rules_out_candidates():
    ids = _ids([("a1", "Bill Clinton"), ("a1", "Mrs. Clinton"), ("a2", "Hillary Clinton"),
                ("a3", "Donald Trump"), ("a3", "Mrs. Trump")])
    assert ids[("a1", "Mrs. Clinton")] == ids[("a2", "Hillary Clinton")]
    assert ids[("a3", "Mrs. Trump")] != ids[("a3", "Donald Trump")]


def test_conflicting_middle_names_and_suffixes_stay_apart():
    ids = _ids([("a1", "George W. Bush"), ("a2", "George H. W. Bush"), ("a3", "George Bush"),
                ("a4", "Donald Trump"), ("a5", "Donald Trump Jr."), ("a6", "Donald J. Trump")])
    assert len({ids[("a1", "George W. Bush")], ids[("a2", "George H. W. Bush")],
                ids[("a3", "George Bush")]}) == 3
    assert ids[("a4", "Donald Trump")] == ids[("a6", "Donald J. Trump")]
    assert ids[("a4", "Donald Trump")] != ids[("a5", "Donald Trump Jr.")]


def test_non_person_speakers_merge_only_on_the_same_text():
    ids = _ids([("a1", "the White House"), ("a2", "White House"), ("a3", "the State Department"),
                ("a4", "a senior official"), ("a5", "a senior aide")])
    assert ids[("a1", "the White House")] == ids[("a2", "White House")]
    assert len({ids[("a3", "the State Department")], ids[("a4", "a senior official")],
                ids[("a5", "a senior aide")], ids[("a1", "the White House")]}) == 4


def test_merge_speakers_names_groups_by_their_most_quoted_form():
    table = pd.DataFrame({"article": ["a1", "a2", "a3"],
                          "speaker": ["Hillary Rodham Clinton", "Hillary Clinton", "Clinton"],
                          "n_quotes": [5, 1, 2]})
    merged = merge_speakers(table)
    assert merged["speaker_id"].nunique() == 1
    assert set(merged["canonical_name"]) == {"Hillary Rodham Clinton"}
    assert merged["speaker"].tolist() == table["speaker"].tolist()


def test_titles_after_modifiers_are_stripped_but_a_surname_that_is_a_title_stays():
    assert parse_person_name("House Speaker Paul Ryan").first == "paul"
    king = parse_person_name("Martin Luther King Jr.")
    assert (king.first, king.last, king.suffix) == ("martin", "king", "jr")
    ids = _ids([("a1", "House Speaker Paul Ryan"), ("a2", "Paul Ryan"), ("a3", "Ryan")])
    assert len(set(ids.values())) == 1


def test_names_without_a_first_name_or_title_do_not_absorb_surnames():
    ids = _ids([("a1", "New York Times"), ("a1", "Times"), ("a2", "Central America"),
                ("a2", "America")])
    assert ids[("a1", "Times")] != ids[("a1", "New York Times")]
    assert ids[("a2", "America")] != ids[("a2", "Central America")]


def test_parts_with_all_empty_lists_or_missing_values_load_as_one_table(tmp_path):
    full = pd.DataFrame({"article": ["a1"], "aliases": [["Mr. Trump"]], "cue": ["said"],
                         "forms": [{"Trump": 2}]})
    empty = pd.DataFrame({"article": ["a2"], "aliases": [[]], "cue": [None], "forms": [{}]})
    collection._write_parquet(empty, tmp_path / "terms", "part-a")
    collection._write_parquet(full, tmp_path / "terms", "part-b")
    table = pd.read_parquet(tmp_path / "terms").sort_values("article")
    assert [list(x) for x in table["aliases"]] == [["Mr. Trump"], []]
    assert table["forms"].map(json.loads).tolist() == [{"Trump": 2}, {}]
    assert table["cue"].isna().tolist() == [False, True]


def test_organisations_from_the_profiles_merge_only_on_the_same_text():
    table = pd.DataFrame({
        "article": ["a1", "a1", "a2", "a3"],
        "speaker": ["Chelsea Manning", "Manning", "Chelsea Manning", "Manning"],
        "entity_type": ["person", "person", "person", "organisation"],
        "n_quotes": [2, 1, 1, 1]})
    ids = merge_speakers(table)["speaker_id"].tolist()
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[0]  # "Manning" the company is not resolved to the person


def test_merged_ids_do_not_depend_on_the_order_of_the_pairs():
    """The merge works per distinct name and pair; the order they come in changes no id."""
    import random

    pairs = [("a1", "Hillary Clinton"), ("a1", "Clinton"), ("a2", "Bill Clinton"),
             ("a2", "Clinton"), ("a3", "Mrs. Clinton"), ("a3", "the White House"),
             ("a4", "White House"), ("a4", "Secretary of State John F. Kerry"),
             ("a5", "John Kerry"), ("a5", "Kerry"), ("a6", "Mr. Kerry"), ("a6", "Clinton"),
             ("a1", "Hillary Clinton")]
    counts = {("a2", "Bill Clinton"): 3, ("a5", "John Kerry"): 2}
    expected = merge_speaker_names(pairs, counts)
    assert expected[("a5", "Kerry")] == expected[("a4", "Secretary of State John F. Kerry")]
    assert expected[("a3", "the White House")] == expected[("a4", "White House")]
    shuffled = list(pairs)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert merge_speaker_names(shuffled, counts) == expected


def test_parts_keep_article_statistics_so_a_reader_skips_parts_by_article(seed_jsonl, tmp_path):
    import pyarrow.parquet as pq

    run_collection(seed_jsonl, tmp_path, workers=1, batch_size=5, progress=False)
    for name in ("articles", "quotes", "speakers", "terms"):
        parts = sorted((tmp_path / name).glob("*.parquet"))
        assert len(parts) == 3, name
        for part in parts:
            articles = pq.read_table(part, columns=["article"])["article"].to_pylist()
            metadata = pq.read_metadata(part)
            index = metadata.schema.names.index("article")
            stats = metadata.row_group(0).column(index).statistics
            assert (stats.min, stats.max) == (min(articles), max(articles)), part
    filtered = pd.read_parquet(tmp_path / "terms", filters=[("article", "==", "seed-07")])
    terms = load_collection(tmp_path)["terms"]
    expected = terms[terms["article"] == "seed-07"].reset_index(drop=True)
    pd.testing.assert_frame_equal(filtered.reset_index(drop=True), expected)


# ----------------------------------------------------------------------------- ids

def _story(seed_article, first: int) -> str:
    blocks = [seed_article.text[s:e] for s, e in seed_article.paragraphs]
    return "\n\n".join([blocks[0], *blocks[first:first + 2]])


def test_ids_are_paths_below_the_input_folder(
        seed_article, tmp_path):
    for name, first in (("a/x.txt", 1), ("b/x.txt", 3), ("x.txt", 5)):
        (tmp_path / "stem" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "stem" / name).write_text(_story(seed_article, first), encoding="utf-8")
    tables = analyze_collection(tmp_path / "stem", tmp_path / "out", workers=2, batch_size=1,
                                progress=False)
    assert tables["articles"]["article"].tolist() == ["a/x", "b/x", "x"]
    # one article a part, one of them with no roles at all: still one table for pandas
    speakers = pd.read_parquet(tmp_path / "out" / "speakers").sort_values("article",
                                                                          kind="stable")
    assert speakers["speaker_id"].tolist() == tables["speakers"]["speaker_id"].tolist()
    assert not tables["quotes"][["article", "quote_id"]].duplicated().any()
    from analysis import load_articles
    assert [a.id for a in load_articles(tmp_path / "stem")] == ["a/x", "b/x", "x"]  # as the CLI


def test_a_folder_inside_one_an_earlier_run_read_is_refused(seed_article, tmp_path, capsys):
    for name in ("a/x.txt", "b/x.txt"):
        (tmp_path / "stem" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "stem" / name).write_text(_story(seed_article, 1), encoding="utf-8")
    out = tmp_path / "out"
    run_collection(tmp_path / "stem" / "a", out, workers=1, progress=False)
    # "x" for stem/a/x.txt; from stem it would be "a/x": the same article twice
    for folder in (tmp_path / "stem", tmp_path / "stem" / "a" / "x.txt"):
        with pytest.raises(collection.CollectionInputError, match="other ids"):
            run_collection(folder, out, workers=1, progress=False)
    assert cli_main(["collection", str(tmp_path / "stem"), "--out", str(out), "--quiet"]) == 2
    assert "would get other ids" in capsys.readouterr().err
    assert load_collection(out)["articles"]["article"].tolist() == ["x"]
    other = tmp_path / "other"
    other.mkdir()
    (other / "y.txt").write_text(_story(seed_article, 3), encoding="utf-8")
    run_collection(other, out, workers=1, progress=False)  # an unrelated folder: fine
    assert load_collection(out)["articles"]["article"].tolist() == ["x", "y"]


def test_a_duplicate_json_id_is_an_errors_row_not_a_merge(seed_article, tmp_path):
    lines = [{"id": "s1", "text": _story(seed_article, 1)},
             {"id": "s2", "text": _story(seed_article, 3)},
             {"id": "s1", "text": _story(seed_article, 5)}]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    tables = analyze_collection(path, out, workers=1, batch_size=2, progress=False)
    assert tables["articles"]["article"].tolist() == ["s1", "s2"]
    assert tables["articles"]["source"].tolist() == [f"{path}:1", f"{path}:2"]
    first = analyze_article(load_article_text(lines[0]["text"], "s1"))["articles"]
    assert tables["articles"].loc[0, "n_chars"] == first.loc[0, "n_chars"]  # not merged
    error = tables["errors"].iloc[0]
    assert (error["article"], error["source"], error["stage"]) == ("s1", f"{path}:3", "id")
    assert error["reason"].startswith("DuplicateIdError: id 's1' is also the id of")
    summary = run_collection(path, out, workers=1, batch_size=2, progress=False)
    assert (summary["articles"], summary["errors"], summary["skipped"]) == (0, 0, 3)
    _tables_equal(load_collection(out), tables)


def load_article_text(text: str, article_id: str):
    from analysis.article import article_from_text

    return article_from_text(text, id=article_id)


# ----------------------------------------------------------------------------- reading

def test_collection_and_cli_read_the_same_jsonl_bytes_the_same_way(tmp_path, capsys):
    from analysis import load_articles

    path = tmp_path / "feed.jsonl"
    line = ('{"id": "cafe", "text": "Caf\xe9 reopens\\n\\n\xe2\x80\x9cWe are back,\xe2\x80\x9d '
            'the owner said on Monday."}')
    path.write_bytes(line.encode("latin-1") + b"\n")  # UTF-8 quotes, a cp1252 byte
    [article] = load_articles(path)
    assert article.text.startswith("Café reopens") and "\ufffd" not in article.text
    tables = analyze_collection(path, workers=1, progress=False)
    assert tables["articles"].loc[0, "title"] == "Café reopens"
    assert tables["articles"].loc[0, "n_chars"] == len(article.text)
    assert cli_main(["quotes", str(path), "--format", "csv"]) == 0
    cli_quotes = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert len(tables["quotes"]) == len(cli_quotes) == 1
    assert tables["quotes"].loc[0, "text"] == cli_quotes.loc[0, "text"]


# ----------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("kind", ["missing", "empty folder", "empty jsonl"])
def test_missing_or_empty_input_is_an_error_that_creates_nothing(tmp_path, capsys, kind):
    if kind == "missing":
        source = tmp_path / "nowhere"
    elif kind == "empty folder":
        source = tmp_path / "empty"
        source.mkdir()
        (source / "notes.md").write_text("not an article", encoding="utf-8")
    else:
        source = tmp_path / "feed.jsonl"
        source.write_text("\n  \n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli_main(["collection", str(source), "--out", str(out), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("collection: ") and error.count("\n") == 1
    assert not out.exists()
    with pytest.raises(collection.CollectionInputError):
        run_collection(source, out, progress=False)
    assert not out.exists()


def test_a_run_whose_every_article_fails_says_why(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    (source / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02 binary body")
    assert cli_main(["collection", str(source), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    error = capsys.readouterr().err
    assert "error: scan (load): BinaryFileError" in error and "scan.txt" in error


def test_an_article_over_the_size_limit_is_an_errors_row(seed_jsonl, tmp_path):
    from analysis import load_articles

    lengths = sorted(len(a.text) for a in load_articles(seed_jsonl))
    limit = lengths[5]  # the six shortest are analysed
    tables = analyze_collection(seed_jsonl, workers=1, max_chars=limit, progress=False)
    long = tables["errors"]
    assert len(long) == sum(n > limit for n in lengths) > 0
    assert long["reason"].str.startswith("ArticleTooLongError").all()
    assert long["reason"].str.contains(f"over the limit of {limit:,} characters").all()
    assert (tables["articles"]["n_chars"] <= limit).all() and len(tables["articles"]) >= 6


def test_an_article_that_runs_too_long_is_an_errors_row(seed_jsonl, monkeypatch):
    real = collection._article_rows

    def stuck(article):
        if article.id == "seed-04":
            while True:  # a stage that never ends
                pass
        return real(article)

    monkeypatch.setattr(collection, "_article_rows", stuck)
    tables = analyze_collection(seed_jsonl, workers=1, batch_size=5, article_timeout=0.5,
                                progress=False)
    assert len(tables["articles"]) == 11
    error = tables["errors"].iloc[0]
    assert (error["article"], error["stage"]) == ("seed-04", "analyze")
    assert error["reason"].startswith("ArticleTimeoutError: analysing it took more than 0.5 s")


# ----------------------------------------------------------------------------- resume

def test_resume_skips_articles_in_the_errors_table_too(seed_jsonl, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(seed_jsonl.read_bytes() + b"not json\n" + b'{"title": "no text"}\n')
    out = tmp_path / "out"
    first = analyze_collection(path, out, workers=1, batch_size=5, progress=False)
    assert len(first["errors"]) == 2
    summary = run_collection(path, out, workers=1, batch_size=5, progress=False)
    assert (summary["articles"], summary["errors"], summary["skipped"]) == (0, 0, 14)
    again = load_collection(out)
    assert len(again["errors"]) == 2  # not each error row twice
    _tables_equal(again, first)


def test_load_collection_reads_committed_batches_only(seed_jsonl, tmp_path, monkeypatch):
    out = tmp_path / "out"
    whole = analyze_collection(seed_jsonl, out, workers=1, batch_size=4, progress=False)
    # a batch that wrote its parts but stopped before its commit marker
    real = collection._write_json_atomically

    def stop_before_marker(path, value):
        if path.parent.name == "_done":
            raise KeyboardInterrupt
        return real(path, value)

    monkeypatch.setattr(collection, "_write_json_atomically", stop_before_marker)
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "late", "text": "Late news\n\nNothing."}) + "\n")
    with pytest.raises(KeyboardInterrupt):
        run_collection([seed_jsonl, other], out, workers=1, batch_size=4, progress=False)
    assert list((out / "articles").glob(".part-*.parquet"))  # written, not committed
    _tables_equal(load_collection(out), whole)
    assert pd.read_parquet(out / "articles")["article"].tolist() == whole["articles"][
        "article"].tolist()  # pandas on the folder does not see it either


def test_a_batch_committed_but_not_yet_made_visible_counts(seed_jsonl, tmp_path, monkeypatch):
    out = tmp_path / "out"
    whole = analyze_collection(seed_jsonl, tmp_path / "whole", workers=1, batch_size=4,
                               progress=False)
    monkeypatch.setattr(collection, "_publish", lambda visible: None)  # stops after the marker
    run_collection(seed_jsonl, out, workers=1, batch_size=4, progress=False)
    assert not list((out / "articles").glob("part-*.parquet"))
    _tables_equal(load_collection(out), whole)  # read from the hidden files
    monkeypatch.undo()
    summary = run_collection(seed_jsonl, out, workers=1, batch_size=4, progress=False)
    assert (summary["articles"], summary["skipped"]) == (0, 12)
    assert len(list((out / "articles").glob("part-*.parquet"))) == 3
    _tables_equal(load_collection(out), whole)


# ----------------------------------------------------------------------------- damage

@pytest.mark.parametrize("damage", ["truncate", "zero bytes", "overwrite", "delete"])
def test_a_damaged_part_is_found_and_its_batch_redone(seed_jsonl, tmp_path, damage):
    out = tmp_path / "out"
    whole = analyze_collection(seed_jsonl, out, workers=1, batch_size=4, progress=False)
    part = sorted((out / "quotes").glob("part-*.parquet"))[1]
    data = part.read_bytes()
    if damage == "truncate":
        part.write_bytes(data[: len(data) // 2])
    elif damage == "zero bytes":
        part.write_bytes(b"")
    elif damage == "overwrite":  # same size, a few bytes changed in the middle
        middle = len(data) // 2
        part.write_bytes(data[:middle] + bytes(b ^ 0xFF for b in data[middle:middle + 8])
                         + data[middle + 8:])
    else:
        part.unlink()
    with pytest.raises(collection.CollectionDamagedError, match=f"batch {part.stem}"):
        load_collection(out)
    lines = []
    summary = run_collection(seed_jsonl, out, workers=1, batch_size=4, progress=False,
                             log=lines.append)
    assert len(lines) == 1 and lines[0].startswith(f"collection: batch {part.stem} was damaged")
    assert (summary["articles"], summary["skipped"]) == (4, 8)  # that batch, again
    _tables_equal(load_collection(out), whole)


def test_a_damaged_part_on_the_cli_is_one_line_and_no_traceback(seed_jsonl, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli_main(["collection", str(seed_jsonl), "--out", str(out), "--workers", "1",
                     "--batch-size", "4", "--quiet"]) == 0
    capsys.readouterr()
    sorted((out / "articles").glob("part-*.parquet"))[0].write_bytes(b"")
    assert cli_main(["collection", str(seed_jsonl), "--out", str(out), "--workers", "1",
                     "--batch-size", "4", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "was damaged" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert "4 articles analysed" in captured.out


# ----------------------------------------------------------------------------- disk full

def test_a_full_disk_is_one_clear_message_and_a_rerun_goes_on(seed_jsonl, tmp_path, capsys,
                                                              monkeypatch):
    import errno

    out = tmp_path / "out"
    real = collection._write_table
    written = []

    def fills_up(table, path):
        if len(written) == 7:  # the second batch's third table
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        return real(table, path)

    monkeypatch.setattr(collection, "_write_table", fills_up)
    assert cli_main(["collection", str(seed_jsonl), "--out", str(out), "--workers", "1",
                     "--batch-size", "4", "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("collection: no space left on the disk holding")
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert len(load_collection(out)["articles"]) == 4  # the batch committed before
    monkeypatch.undo()
    summary = run_collection(seed_jsonl, out, workers=1, batch_size=4, progress=False)
    assert (summary["articles"], summary["skipped"]) == (8, 4)
    _tables_equal(load_collection(out),
                  analyze_collection(seed_jsonl, workers=1, batch_size=4, progress=False))


# ----------------------------------------------------------------------------- lock

def test_a_second_run_on_a_locked_folder_is_refused(seed_jsonl, tmp_path, capsys):
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "w") as holder:  # a run holding the folder
        fcntl.flock(holder, fcntl.LOCK_EX)
        holder.write(json.dumps({"run": "r1", "pid": 4242, "host": "here", "started": "then"}))
        holder.flush()
        assert cli_main(["collection", str(seed_jsonl), "--out", str(out), "--quiet"]) == 2
        error = capsys.readouterr().err
        assert "another collection run is writing to it (pid 4242 on here" in error
        assert error.count("\n") == 1
        with pytest.raises(collection.CollectionLockedError):
            run_collection(seed_jsonl, out, progress=False)
    assert not list((out / "articles").glob("*")) if (out / "articles").exists() else True


def test_a_lock_left_by_a_dead_run_is_taken_over(seed_jsonl, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".lock").write_text(json.dumps({"run": "gone", "pid": 999999, "host": "here",
                                           "started": "yesterday"}))
    lines = []
    summary = run_collection(seed_jsonl, out, workers=1, progress=False, log=lines.append)
    assert summary["articles"] == 12
    assert lines == [f"collection: taking over {out} from a run that stopped without finishing "
                     "(pid 999999 on here, started yesterday); its unfinished batches are redone"]
    assert (out / ".lock").read_text() == ""  # a finished run leaves nothing to take over


def test_input_roots_are_checked_without_comparing_every_pair(tmp_path, monkeypatch):
    """Many files given by name are many roots: the nesting check must not compare every
    pair (it did, and 840 files cost 350,000 path comparisons before the first article)."""
    from analysis import collection

    calls = 0
    parents, is_relative_to = Path.parents, Path.is_relative_to

    def counted_parents(self):
        nonlocal calls
        calls += 1
        return parents.__get__(self)

    def counted_is_relative_to(self, *other):
        nonlocal calls
        calls += 1
        return is_relative_to(self, *other)

    # the path steps a nesting check can take: walking up, or testing a pair
    monkeypatch.setattr(Path, "parents", property(counted_parents))
    monkeypatch.setattr(Path, "is_relative_to", counted_is_relative_to)
    roots = [tmp_path / f"in/{i}.txt" for i in range(400)]
    collection._record_roots(tmp_path, roots)
    assert calls <= 3 * len(roots)
    with pytest.raises(collection.CollectionInputError, match="inside"):
        collection._record_roots(tmp_path, [*roots, tmp_path / "in"])
    with pytest.raises(collection.CollectionInputError, match="holds articles read from"):
        collection._record_roots(tmp_path, [tmp_path])
