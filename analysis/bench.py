"""``python -m analysis bench``: speed figures over a folder of articles.

Prints figures; never asserts them (machines are shared and noisy).
"""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

# the same place the tests look: ../shared beside the checkout, or $ANALYSIS_POLNEAR
POLNEAR = Path(os.environ.get(
    "ANALYSIS_POLNEAR", Path(__file__).resolve().parent.parent.parent / "shared" / "polnear-train"
))
DEFAULT_CORPUS = POLNEAR / "text"


def load_corpus(folder: str | Path | None = None, limit: int | None = None) -> list[str]:
    """Texts of the ``.txt`` files in ``folder`` (default: the PolNeAR train texts)."""
    folder = Path(folder) if folder else DEFAULT_CORPUS
    if not folder.is_dir():
        raise SystemExit(f"bench: no corpus folder at {folder} (pass --corpus DIR)")
    files = sorted(folder.glob("*.txt"))[:limit]
    return [f.read_text(encoding="utf-8") for f in files]


BOUNDARY_SUITE = (
    Path(__file__).resolve().parent.parent / "tests" / "data" / "sentence_boundaries.tsv"
)


def _timed(function, texts: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds to run ``function`` over every text, and its total count.

    CPU time is printed too because the machines are shared: wall time alone
    swings with whatever else is running.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    count = sum(function(text) for text in texts)
    return time.perf_counter() - wall, time.process_time() - cpu, count


def _boundary_suite(path: Path = BOUNDARY_SUITE) -> list[tuple[str, list[str]]]:
    """(text, expected sentences) rows of the hand-written sentence-boundary suite."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = [cell.replace("\\n", "\n") for cell in line.split("\t")]
            rows.append((cells[3], cells[4:]))
    return rows


def _stock_punkt(pretrained: bool):
    """NLTK's own PunktSentenceTokenizer: untrained, or with the English parameters."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    if not pretrained:
        return PunktSentenceTokenizer()
    from punkt.data import english

    params = PunktParameters()
    params.abbrev_types = set(english.ABBREV_TYPES)
    params.collocations = set(english.COLLOCATIONS)
    params.sent_starters = set(english.SENT_STARTERS)
    params.ortho_context.update(english.ORTHO_CONTEXT)
    return PunktSentenceTokenizer(params)


def bench_tokenize(texts: list[str]) -> None:
    """Throughput of analysis.tokenize beside a stock NLTK pipeline, and suite accuracy."""
    from nltk.tokenize.destructive import NLTKWordTokenizer

    from .tokenize import iter_sentence_spans, iter_token_spans, split_sentences

    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    def ours_sentences(text):
        return sum(1 for _ in iter_sentence_spans(text))

    def ours_words(text):
        return sum(1 for _ in iter_token_spans(text))

    punkt, words = _stock_punkt(pretrained=False), NLTKWordTokenizer()

    def nltk_sentences(text):
        return len(list(punkt.span_tokenize(text)))

    def nltk_words(text):
        return sum(len(list(words.span_tokenize(text[s:e]))) for s, e in punkt.span_tokenize(text))

    for name, sentence_fn, word_fn in [
        ("analysis.tokenize", ours_sentences, ours_words),
        ("NLTK Punkt() untrained + NLTKWordTokenizer", nltk_sentences, nltk_words),
    ]:
        t_sent, cpu_sent, n_sent = _timed(sentence_fn, texts)
        t_all, cpu_all, n_tok = _timed(word_fn, texts)
        print(f"tokenize [{name}]: sentences {size_mb / t_sent:.2f} MB/s "
              f"(CPU {size_mb / cpu_sent:.2f}; {n_sent} sentences); sentences+words "
              f"{size_mb / t_all:.2f} MB/s (CPU {size_mb / cpu_all:.2f}; {n_tok} tokens)")

    if not BOUNDARY_SUITE.is_file():
        return
    suite = _boundary_suite()
    stock = {pretrained: _stock_punkt(pretrained) for pretrained in (False, True)}
    for name, split in [
        ("analysis.tokenize", split_sentences),
        ("NLTK Punkt, pretrained English parameters", stock[True].tokenize),
        ("NLTK Punkt() untrained", stock[False].tokenize),
    ]:
        right = sum(split(text) == expected for text, expected in suite)
        print(f"sentence-boundary suite [{name}]: {right}/{len(suite)} = "
              f"{right / len(suite):.1%}")


def bench_tagger(texts: list[str], repeats: int = 5, reference_articles: int = 40) -> None:
    """The tagger: model size and load time, tokens/s of the fast path (POS alone and
    POS + entities, best and median of ``repeats`` CPU passes) against NLTK's own
    prediction with the same model, and its scores on the held-out articles."""
    from .article import article_from_text
    from .lexicons import resource_path
    from .tag import MODEL_FILE, Tagger, read_model, sentence_starts_of, word_types
    from .tag_train import ReferenceTagger, format_scores, read_silver, score_tagger
    from .tokenize import _article_tokens

    path = resource_path(MODEL_FILE)
    wall, cpu = time.perf_counter(), time.process_time()
    model = read_model(path)
    tagger = Tagger(model)
    load_wall, load_cpu = time.perf_counter() - wall, time.process_time() - cpu
    reference = ReferenceTagger(model)
    del model
    print(f"tagger: model {path.name} {path.stat().st_size / 1e6:.1f} MB, loaded in "
          f"{load_wall:.2f} s ({load_cpu:.2f} s CPU); {tagger.pos.n_features} POS and "
          f"{tagger.ner.n_features} entity features")
    documents = []
    for number, text in enumerate(texts):
        if text.strip():
            article = article_from_text(text, id=f"a{number}")
            spans = _article_tokens(article)
            documents.append(([text[s:e] for s, e, _ in spans], sentence_starts_of(spans)))
    n_tokens = sum(len(words) for words, _ in documents)

    def cpu_passes(tag) -> list[float]:
        passes = []
        for _ in range(max(1, repeats)):
            start = time.process_time()
            for words, starts in documents:
                tag(words, starts)
            passes.append(time.process_time() - start)
        return passes

    def pos_alone(words, starts):
        return tagger.pos.decode(*word_types(words), starts)

    for name, tag in [("POS + entities", tagger.tag_words), ("POS alone", pos_alone)]:
        passes = cpu_passes(tag)
        best, median = min(passes), sorted(passes)[len(passes) // 2]
        print(f"tagger [fast path, {name}]: {n_tokens / best:,.0f} tokens/s CPU "
              f"(best of {len(passes)} passes, median {n_tokens / median:,.0f}; first pass, "
              f"cold word cache, {n_tokens / passes[0]:,.0f}); "
              f"{1000 * best / max(len(documents), 1):.2f} ms/article over {len(documents)} "
              f"articles, {n_tokens} tokens")
    sample = documents[:reference_articles]
    sample_tokens = sum(len(words) for words, _ in sample)
    start = time.process_time()
    for words, starts in sample:
        reference.tag_words(words, starts)
    both = time.process_time() - start
    start = time.process_time()
    for words, starts in sample:
        bounds = [*starts, len(words)]
        for first, end in zip(bounds[:-1], bounds[1:], strict=True):
            reference.pos.tag(words[first:end])
    pos_only = time.process_time() - start
    print(f"tagger [NLTK's own prediction, same model, {len(sample)} articles]: POS + entities "
          f"{sample_tokens / both:,.0f} tokens/s CPU, POS alone (PerceptronTagger.tag) "
          f"{sample_tokens / pos_only:,.0f} tokens/s CPU")
    held_out = tagger.training.get("held_out", [])
    if (POLNEAR / "corenlp").is_dir() and held_out:
        print("tagger " + format_scores(score_tagger(tagger, read_silver(POLNEAR, held_out))))


def bench_terms(texts: list[str]) -> None:
    from .article import article_from_text
    from .terms import term_table, theme_summary

    articles = [article_from_text(t, id=f"a{i}") for i, t in enumerate(texts) if t.strip()]
    size_mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    t_terms = t_themes = 0.0
    n_terms = 0
    cpu_start = time.process_time()    # shared machines: CPU time says more than wall time
    for article in articles:
        start = time.perf_counter()
        n_terms += len(term_table(article))
        middle = time.perf_counter()
        theme_summary(article)     # reuses the article's cached tokens: the lexicon pass only
        t_terms += middle - start
        t_themes += time.perf_counter() - middle
    cpu = time.process_time() - cpu_start
    print(f"terms: term table {size_mb / t_terms:.2f} MB/s, "
          f"{1000 * t_terms / max(len(articles), 1):.1f} ms/article ({n_terms} term rows, "
          f"tokenizing included); themes on top {1000 * t_themes / max(len(articles), 1):.1f} "
          f"ms/article; CPU for both {1000 * cpu / max(len(articles), 1):.1f} ms/article")


def bench_quotes(texts: list[str], repeats: int = 3) -> None:
    """Quote extraction and attribution speed, with and without the DataFrame.

    The extraction pass is timed ``repeats`` times: the best pass (as ``timeit``
    advises: slower passes measure the machine's other load, not the code) and
    the median are printed. The first pass runs with cold name caches. Results are
    counted and dropped, as a collection run does: holding all of them would make
    the garbage collector walk an ever larger heap and time that instead.
    """
    from .article import article_from_text
    from .quotes import attribute, extract_quotes

    articles = [article_from_text(t, id=f"a{i}") for i, t in enumerate(texts) if t.strip()]
    attribute(articles[0])  # load lexicons and name lists once, outside the timing
    passes = []
    for _ in range(max(1, repeats)):
        wall = time.perf_counter()
        cpu = time.process_time()
        n_quotes = sum(len(attribute(article).quotes) for article in articles)
        passes.append((time.process_time() - cpu, time.perf_counter() - wall))
    cpu_extract, wall_extract = min(passes)
    cpu_median = sorted(cpu for cpu, _ in passes)[len(passes) // 2]
    wall = time.perf_counter()
    for article in articles:
        extract_quotes(article)
    wall_tables = time.perf_counter() - wall
    n = max(len(articles), 1)
    print(f"quotes: extraction {n / wall_extract:.0f} articles/s wall, "
          f"{n / cpu_extract:.0f} articles/s CPU ({1000 * cpu_extract / n:.1f} ms/article, "
          f"one core; best of {len(passes)} passes, median {n / cpu_median:.0f} articles/s "
          f"CPU); with the per-article DataFrame {n / wall_tables:.0f} "
          f"articles/s wall; {n_quotes} quotes")


def bench_speakers(texts: list[str]) -> None:
    from .article import article_from_text
    from .quotes import attribute
    from .speakers import speaker_profiles

    results = [attribute(article_from_text(t, id=f"a{i}")) for i, t in enumerate(texts)
               if t.strip()]
    start = time.perf_counter()
    n_rows = sum(len(speaker_profiles(result)) for result in results)
    elapsed = time.perf_counter() - start
    print(f"speakers: speaker_profiles on an attribution "
          f"{1000 * elapsed / max(len(results), 1):.1f} ms "
          f"an article ({n_rows} rows)")


_COLLECTION_RUN = """
import json, resource, sys, time
from analysis.collection import _warm_up, run_collection

def cpu():  # this process and its reaped workers
    return sum(getattr(resource.getrusage(who), field)
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for field in ("ru_utime", "ru_stime"))

# Once-per-process loading (the stages' lazy imports and lexicons), timed apart so
# the rate is the pipeline's, not the start-up's.
before, wall = cpu(), time.perf_counter()
_warm_up()
startup = {"startup_seconds": time.perf_counter() - wall, "startup_cpu": cpu() - before}
before = cpu()
summary = run_collection(sys.argv[1], sys.argv[2], workers=int(sys.argv[3]), resume=False,
                         progress=False)
summary["cpu_seconds"] = cpu() - before
print(json.dumps({**{k: summary[k] for k in ("articles", "errors", "seconds", "stages",
                                             "cpu_seconds")}, **startup}))
"""


def _write_replicated_jsonl(texts: list[str], copies: int, path: Path) -> int:
    """The texts ``copies`` times under new ids, one JSON line each; returns the count."""
    import json

    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for number, text in enumerate(texts):
                handle.write(json.dumps({"id": f"a{number:05d}-r{copy:03d}", "text": text}) + "\n")
    return copies * len(texts)


def _measure_run(jsonl: Path, out: Path, workers: int) -> dict:
    """Run a collection in a fresh process; its summary, wall seconds and peak memory.

    Memory is sampled every 50 ms over the process and all its children (the
    workers): ``peak_rss_mb`` is the largest sum of their resident set sizes,
    which counts the pages forked workers share with their parent once per
    process; ``peak_pss_mb`` the largest sum of their proportional set sizes,
    which shares such pages out (the machine's real footprint; Linux only).
    ``cpu_seconds`` is the CPU time of the run (imports excluded) in the process
    and its workers, which a busy machine does not inflate the way it inflates
    wall time. ``startup_seconds`` and ``startup_cpu`` are the warm-up before the
    run (the stages' lazy imports and lexicons), which neither figure counts.
    """
    import json
    import os
    import subprocess
    import sys

    import psutil

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(root), os.environ.get("PYTHONPATH", "")) if p)}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", _COLLECTION_RUN, str(jsonl), str(out),
                                str(workers)], stdout=subprocess.PIPE, env=env, cwd=root)
    watched = psutil.Process(process.pid)
    peak_rss = peak_pss = 0
    while process.poll() is None:
        rss = pss = 0
        try:
            tree = [watched, *watched.children(recursive=True)]
        except psutil.Error:
            tree = []
        for member in tree:
            try:
                info = member.memory_full_info()
            except psutil.Error:
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.05)
    wall = time.perf_counter() - start
    output = process.stdout.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"bench: collection run failed ({process.returncode})")
    summary = json.loads(output.strip().splitlines()[-1])
    summary.update(wall=wall, peak_rss_mb=peak_rss / 1e6, peak_pss_mb=peak_pss / 1e6)
    return summary


def _textacy_available() -> bool:
    from importlib.util import find_spec

    if find_spec("textacy") is None or find_spec("spacy") is None:
        return False
    return find_spec("en_core_web_sm") is not None


def _spacy_extractor() -> tuple:
    """``(nlp, direct_quotations, versions)`` from spaCy's ``en_core_web_sm`` and textacy."""
    from ._textacy_child import load_pipeline

    return load_pipeline()


def _paragraph_lists(texts: list[str]) -> list[list[str]]:
    from .article import find_paragraphs

    return [[text[start:end] for start, end in find_paragraphs(text)] for text in texts]


def textacy_rate(texts: list[str], nlp, extract) -> tuple[float, int, int]:
    """Articles per CPU second of spaCy + ``extract`` run per paragraph, as the
    quote-extraction issue measured it (per article it raises on about a quarter of
    articles); also the quotes found and the paragraphs it raised on.

    ``nlp`` is a spaCy pipeline and ``extract`` textacy's ``direct_quotations``;
    any callables of the same shape work (the tests pass stand-ins).
    """
    from ._textacy_child import count_quotes

    seconds, quotes, failures = count_quotes(_paragraph_lists(texts), nlp, extract)
    return len(texts) / seconds if seconds else float("inf"), quotes, failures


def textacy_rate_in(python: str | Path, texts: list[str]) -> tuple[float, int, int, dict]:
    """:func:`textacy_rate` run by another Python interpreter (an environment with
    spaCy, ``en_core_web_sm`` and textacy, which may not install beside this
    package); also the versions it ran. Model loading is not timed.

    Raises
    ------
    RuntimeError
        When the interpreter cannot run the measurement (the reason is its last
        line of error output).
    """
    import json
    import subprocess
    import tempfile

    from . import _textacy_child

    request = json.dumps({"articles": _paragraph_lists(texts)})
    source = Path(_textacy_child.__file__).read_text(encoding="utf-8")
    # Its source as -c, from an empty folder: run as a file, its own folder would come
    # first on sys.path and this package's tokenize.py would shadow the standard one.
    try:
        with tempfile.TemporaryDirectory() as empty:
            done = subprocess.run([str(python), "-c", source], input=request, cwd=empty,
                                  capture_output=True, text=True, encoding="utf-8")
    except OSError as error:
        raise RuntimeError(f"cannot run {python}: {error}") from error
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{python} failed: {reason}")
    result = json.loads(lines[-1])
    seconds = result.pop("cpu_seconds")
    rate = result.pop("articles") / seconds if seconds else float("inf")
    return rate, result.pop("quotes"), result.pop("failures"), result


def bench_collection(texts: list[str], scales: list[int], textacy_python: str | None = None,
                     ) -> None:
    """Articles/s of the full pipeline on 1 worker and all cores; time and memory 1x..Nx;
    the ratio to textacy on spaCy (run by ``textacy_python`` when given)."""
    import os
    import tempfile

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as folder:
        folder = Path(folder)
        base = folder / "x1.jsonl"
        _write_replicated_jsonl(texts, 1, base)
        one = _measure_run(base, folder / "out-1", 1)
        one_rate = one["articles"] / one["seconds"]
        print(f"collection: stages {', '.join(one['stages'])}; {one['articles']} articles "
              f"({one['errors']} errors); load average before {os.getloadavg()[0]:.1f} "
              f"on {cores} cores")
        print(f"collection: 1 worker  {one_rate:7.1f} articles/s (target >= 100 per core); "
              f"{one['articles'] / one['cpu_seconds']:.1f} articles per CPU second; "
              f"peak {one['peak_pss_mb']:.0f} MB PSS, "
              f"{one['peak_rss_mb']:.0f} MB RSS")
        print(f"collection: not counted above: each run's start-up (imports, then the "
              f"stages' lazy imports and lexicons: {one['startup_seconds']:.1f} s, "
              f"{one['startup_cpu']:.1f} s CPU)")
        runs = {}
        for scale in sorted(set(scales) | {1}):
            path = base if scale == 1 else folder / f"x{scale}.jsonl"
            if scale != 1:
                _write_replicated_jsonl(texts, scale, path)
            runs[scale] = _measure_run(path, folder / f"out-{cores}-{scale}", cores)
            if scale != 1:
                path.unlink()
        rate = runs[1]["articles"] / runs[1]["seconds"]
        print(f"collection: {cores} workers {rate:7.1f} articles/s ({rate / cores:.1f} per core, "
              f"x{rate / one_rate:.2f} the 1-worker rate)")
        print(f"collection scaling on {cores} workers (texts replicated under new ids; "
              "memory of the process + its workers):")
        print("  input  articles  seconds  time/1x  articles/s  CPU s  CPU/1x  peak PSS MB"
              "  peak RSS MB")
        for scale, run in runs.items():
            print(f"  {scale:>4}x {run['articles']:>9} {run['seconds']:8.1f} "
                  f"{run['seconds'] / runs[1]['seconds']:8.2f} "
                  f"{run['articles'] / run['seconds']:11.1f} {run['cpu_seconds']:6.0f} "
                  f"{run['cpu_seconds'] / runs[1]['cpu_seconds']:7.2f} "
                  f"{run['peak_pss_mb']:12.0f} {run['peak_rss_mb']:12.0f}")
        largest = max(runs)
        print(f"collection: peak memory at {largest}x {runs[largest]['peak_pss_mb']:.0f} MB PSS "
              f"(target < 500 MB for 10x); load average after {os.getloadavg()[0]:.1f}")
        _print_textacy_ratio(texts, one["articles"] / one["cpu_seconds"],
                             python=textacy_python)


def _print_textacy_ratio(texts: list[str], pipeline_rate: float, sample: int = 100,
                         python: str | None = None) -> None:
    """The full pipeline's articles per CPU second against textacy's quotes on spaCy,
    measured in this environment or, with ``python``, by that interpreter."""
    texts = texts[:sample]
    if python:
        try:
            rate, quotes, failures, versions = textacy_rate_in(python, texts)
        except RuntimeError as error:
            print(f"collection: the ratio to textacy.extract.direct_quotations was skipped: "
                  f"{error}")
            return
    elif not _textacy_available():
        print("collection: textacy + spaCy en_core_web_sm not installed; "
              "the ratio to textacy.extract.direct_quotations was skipped "
              "(--textacy-python names an environment that has them)")
        return
    else:
        nlp, extract, versions = _spacy_extractor()
        rate, quotes, failures = textacy_rate(texts, nlp, extract)
    print(f"collection: textacy {versions['textacy']} direct_quotations on spaCy "
          f"{versions['spacy']} {versions['model']}, per paragraph: "
          f"{rate:.2f} articles per CPU second over {len(texts)} articles "
          f"({quotes} quotes, raised on {failures} paragraphs); our full pipeline "
          f"x{pipeline_rate / rate:.0f} (target >= 50x)")


def main(args) -> int:
    texts = load_corpus(args.corpus, args.limit)
    print(f"corpus: {len(texts)} articles, {sum(map(len, texts)) / 1e6:.2f} M chars; "
          f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}")
    bench_tokenize(texts)
    bench_tagger(texts)
    bench_quotes(texts)
    bench_terms(texts)
    bench_speakers(texts)
    if not getattr(args, "skip_collection", False):
        scales = [int(s) for s in str(getattr(args, "scales", "1,5,10")).split(",") if s.strip()]
        bench_collection(texts, scales, getattr(args, "textacy_python", None))
    return 0
