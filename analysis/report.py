"""The one-command report: run the notebooks headlessly, write HTML, CSV and PNG.

``python -m analysis report [PATH] [--out DIR]`` (or :func:`run_report`)
executes the numbered notebooks in ``notebooks/`` with nbclient, papermill
style: the cell tagged ``parameters`` keeps its defaults and a cell tagged
``injected-parameters`` after it overrides them (``ARTICLE`` for the
per-article notebooks, ``FOLDER`` for the collection notebook). Each executed
notebook becomes one HTML page (nbconvert, figures embedded) and every table
(pandas DataFrame) and figure (matplotlib Figure) the notebook leaves in named
variables is written as ``tables/NN-name.csv`` and ``figures/NN-name.png``.

Which notebooks run:

- no PATH: all of them, on the article in ``data/articles`` and on the folder
  ``data`` (that article and the invented ones of ``data/invented``);
- PATH is a file: the per-article notebooks (01-03) on it;
- PATH is a folder, or a file holding several articles (JSON Lines): the
  collection notebook (04) on it.

How the runner stays whole:

- the notebooks run side by side from one process (asyncio), each kernel
  talking over its own IPC socket files in a private folder, so two kernels can
  never pick the same port; a kernel that still fails to start is retried;
- ``index.html`` is always written, with each notebook's status (done,
  failed, interrupted), also when a notebook fails or the run is stopped with
  Ctrl-C; a rerun into the same folder keeps the pages of the notebooks it does
  not run (the index lists what is in the folder, from ``report.json``);
- past :data:`analysis.overview.LARGE_ARTICLE_CHARS` characters (or
  :data:`LARGE_COLLECTION_CHARS` for a folder) the runner warns, runs the
  notebooks one at a time to bound memory, and notebook 01 summarises its token
  table instead of listing every token.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import tempfile
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ._signals import signals_noted
from .article import (
    ArticleError,
    ArticleWarning,
    MultipleArticlesError,
    iter_articles,
    load_article,
)

__all__ = [
    "ReportError",
    "ReportInterrupted",
    "run_report",
    "execute_notebook",
    "inject_parameters",
    "notebook_paths",
    "default_article",
    "ARTICLE_NOTEBOOKS",
    "COLLECTION_NOTEBOOKS",
    "LARGE_COLLECTION_CHARS",
]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
DATA_DIR = ROOT / "data" / "articles"
COLLECTION_DIR = ROOT / "data"  # the seed article and the invented ones of data/invented
ARTICLE_NOTEBOOKS = ("01_article_overview", "02_quotes_and_speakers", "03_themes_and_terms")
COLLECTION_NOTEBOOKS = ("04_collection",)
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
EXPORT_TAG = "report-export"
KERNEL_NAME = "python3"  # ipykernel's own kernel: runs in this interpreter (see README)
CELL_TIMEOUT = 1800  # seconds; a collection notebook over a big folder can be slow
KERNEL_START_TIMEOUT = 120  # seconds; four kernels importing at once on a busy machine
KERNEL_START_ATTEMPTS = 3
#: A folder of more text than this (characters, all articles together) gets a
#: warning: notebook 04 holds every article, quote and profile in memory, and
#: ``python -m analysis collection`` is the tool for big folders.
LARGE_COLLECTION_CHARS = 20_000_000


class ReportError(RuntimeError):
    """A notebook could not be run; the message names the notebook and cell."""


class ReportInterrupted(KeyboardInterrupt):
    """The run was stopped (Ctrl-C); the message says what was finished and where."""


def default_article() -> Path:
    """The article shipped in ``data/articles`` (the first one, sorted by name)."""
    for article_path in sorted(DATA_DIR.glob("*")):
        if article_path.is_file() and not article_path.name.startswith("."):
            return article_path
    raise ArticleError(f"{DATA_DIR}: no article found; pass a PATH")


def notebook_paths(names: Sequence[str] | None = None) -> list[Path]:
    """Paths of the notebooks to run, by stem or number prefix (``"02"``).

    Raises
    ------
    ReportError
        When the notebooks folder or a named notebook is missing.
    """
    if not NOTEBOOK_DIR.is_dir():
        raise ReportError(f"no notebooks folder at {NOTEBOOK_DIR} (run from a clone of the repo)")
    available = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    if names is None:
        return available
    chosen = []
    for name in names:
        matches = [p for p in available if p.stem == name or p.stem.split("_", 1)[0] == name]
        if not matches:
            known = ", ".join(p.stem for p in available)
            raise ReportError(f"no notebook called {name!r} (known: {known})")
        chosen.extend(matches)
    return chosen


def parameters_cell_index(notebook) -> int:
    """Index of the cell tagged ``parameters``.

    Raises
    ------
    ReportError
        When the notebook has none.
    """
    for index, cell in enumerate(notebook.cells):
        if PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            return index
    raise ReportError("the notebook has no cell tagged 'parameters'")


def inject_parameters(notebook, parameters: dict):
    """A copy of ``notebook`` with a cell after its parameters cell setting ``parameters``.

    The cell is tagged ``injected-parameters`` (papermill's convention) so the
    HTML report shows what the notebook ran on.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    ...     "ARTICLE = 'a.txt'", metadata={"tags": ["parameters"]})])
    >>> inject_parameters(nb, {"ARTICLE": "b.txt"}).cells[1].source
    "# Parameters injected by the report\\nARTICLE = 'b.txt'"
    """
    import copy

    import nbformat

    notebook = copy.deepcopy(notebook)
    index = parameters_cell_index(notebook)
    lines = ["# Parameters injected by the report"]
    lines += [f"{name} = {value!r}" for name, value in parameters.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": [INJECTED_TAG]})
    notebook.cells.insert(index + 1, cell)
    return notebook


def _export_cell(out_dir: Path, prefix: str):
    import nbformat

    source = (f"from analysis.report import export_namespace as _export_namespace\n"
              f"_export_namespace(globals(), {str(out_dir)!r}, {prefix!r})")
    return nbformat.v4.new_code_cell(source, metadata={"tags": [EXPORT_TAG]})


def export_namespace(namespace: dict, out_dir: str | Path, prefix: str) -> list[str]:
    """Write the notebook's tables and figures; runs inside the notebook's kernel.

    Every public variable holding a pandas DataFrame (or named Series) becomes
    ``tables/{prefix}-{name}.csv``, every matplotlib Figure
    ``figures/{prefix}-{name}.png``, and a highlighted-quotes view
    ``{prefix}-{name}.html``. Prints the written paths as JSON for the runner.
    """
    import pandas as pd
    from matplotlib.figure import Figure

    from .display import HighlightedArticle

    out_dir = Path(out_dir)
    written = []
    for name, value in sorted(namespace.items()):
        if name.startswith("_"):
            continue
        if isinstance(value, pd.Series) and value.name is not None:
            value = value.to_frame()
        if isinstance(value, pd.DataFrame):
            target = out_dir / "tables" / f"{prefix}-{name}.csv"
            target.parent.mkdir(parents=True, exist_ok=True)
            # keep a meaningful index (a crosstab's row labels), drop a plain 0..n-1
            value.to_csv(target, index=not isinstance(value.index, pd.RangeIndex))
        elif isinstance(value, Figure):
            target = out_dir / "figures" / f"{prefix}-{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            value.savefig(target, dpi=150, bbox_inches="tight")
        elif isinstance(value, HighlightedArticle):
            target = out_dir / f"{prefix}-{name}.html"
            value.save(target)
        else:
            continue
        written.append(str(target))
    print(json.dumps(written))
    return written


def _kernel_env() -> dict[str, str]:
    # The kernel must import this checkout of `analysis` even when it is not
    # pip-installed, whatever folder the notebook runs in.
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def _tail(log, lines: int = 5) -> str:
    try:
        log.seek(0)
        text = log.read().strip().splitlines()[-lines:]
    except (OSError, ValueError):
        return ""
    return ("\nkernel log:\n  " + "\n  ".join(text)) if text else ""


def _drop_export_cell(notebook):
    if notebook.cells and EXPORT_TAG in notebook.cells[-1].metadata.get("tags", []):
        notebook.cells.pop()
    return notebook


def _cell_label(notebook, index: int) -> str:
    """'cell 4 of 9 ('first line')', counted as the HTML report shows the cells."""
    cell = notebook.cells[index]
    if EXPORT_TAG in cell.metadata.get("tags", []):
        _drop_export_cell(notebook)
        return "writing its tables and figures"
    source = cell.source.strip().splitlines()
    first = source[0] if source else ""
    shown = len(_drop_export_cell(notebook).cells)
    return f"cell {index + 1} of {shown} ({first[:70]!r})"


def _kernel_config(kernel_dir: Path):
    """Kernel manager settings: on POSIX, IPC sockets under a fresh name in ``kernel_dir``.

    Over TCP each kernel picks five free ports by binding and releasing them,
    so kernels started at the same moment by different processes can pick the
    same one ("Address already in use"); socket files named by a fresh id
    cannot collide.
    """
    from traitlets.config import Config

    if os.name != "posix":
        return Config()  # Windows has no IPC transport: TCP, with retries
    return Config({"KernelManager": {"transport": "ipc",
                                     "ip": str(kernel_dir / f"k{uuid.uuid4().hex[:12]}")}})


async def _execute_async(
    notebook_path: Path,
    parameters: dict | None,
    export_to: Path | None,
    progress: Callable[[int, int], None] | None,
    timeout: int,
    kernel_dir: Path,
    attempts: int = KERNEL_START_ATTEMPTS,
):
    """:func:`execute_notebook` in a running event loop (see there)."""
    import nbformat
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    name = notebook_path.name
    try:
        notebook = nbformat.read(notebook_path, as_version=4)
    except (OSError, ValueError) as error:
        raise ReportError(f"{name}: cannot be read as a notebook ({error})") from error
    try:
        notebook = inject_parameters(notebook, parameters or {})
    except ReportError as error:
        raise ReportError(f"{name}: {error}") from error
    if export_to is not None:
        prefix = notebook_path.stem.split("_", 1)[0]
        notebook.cells.append(_export_cell(Path(export_to).resolve(), prefix))
    for attempt in range(1, attempts + 1):
        # Immediate shutdown: a graceful one waits seconds per notebook for nothing.
        client = NotebookClient(notebook, kernel_name=KERNEL_NAME, timeout=timeout,
                                startup_timeout=KERNEL_START_TIMEOUT,
                                shutdown_kernel="immediate", config=_kernel_config(kernel_dir),
                                resources={"metadata": {"path": str(notebook_path.parent)}})
        index = 0
        started = False
        # The kernel's own log (start-up chatter) goes to a file, not the user's
        # terminal; its tail explains a kernel that dies.
        with tempfile.TemporaryFile("w+") as kernel_log:
            try:
                async with client.async_setup_kernel(env=_kernel_env(),
                                                     cwd=str(notebook_path.parent),
                                                     stderr=kernel_log):
                    started = True
                    for index, cell in enumerate(notebook.cells):
                        await client.async_execute_cell(cell, index)
                        if progress:
                            progress(index + 1, len(notebook.cells))
            except CellExecutionError as error:
                report = ReportError(f"{name}: {_cell_label(notebook, index)} failed: "
                                     f"{error.ename}: {error.evalue}")
                report.notebook = notebook
                raise report from None
            except (CellTimeoutError, DeadKernelError) as error:
                report = ReportError(f"{name}: {_cell_label(notebook, index)}: "
                                     f"{type(error).__name__}: {str(error).splitlines()[0]}"
                                     f"{_tail(kernel_log)}")
                report.notebook = notebook
                raise report from None
            except NoSuchKernel as error:
                raise ReportError(
                    f"{name}: no {KERNEL_NAME!r} Jupyter kernel ({error}); check `jupyter "
                    f"kernelspec list` and `pip install -r requirements.txt`") from None
            except (RuntimeError, TimeoutError, OSError, AssertionError) as error:
                if _cancelling():
                    raise asyncio.CancelledError from None  # Ctrl-C while the kernel started
                if started:
                    raise
                if attempt < attempts:
                    continue  # a kernel that did not start: a fresh one, fresh sockets
                raise ReportError(
                    f"{name}: the {KERNEL_NAME!r} Jupyter kernel could not start after "
                    f"{attempts} attempts ({error}); check `jupyter kernelspec list` and "
                    f"`pip install -r requirements.txt`{_tail(kernel_log)}") from None
        break
    if export_to is not None:
        export = notebook.cells[-1]
        _drop_export_cell(notebook)
        streams = [o.get("text", "") for o in export.outputs if o.get("output_type") == "stream"]
        lines = "".join(streams).strip().splitlines()
        notebook.metadata["report_files"] = json.loads(lines[-1]) if lines else []
    return notebook


def _cancelling() -> bool:
    """Whether the running task is being cancelled (the run was stopped)."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


def _run_in_thread(make_coroutine: Callable[[], object]):
    """Run a coroutine to completion in a thread of its own, with its own event loop.

    Works inside Jupyter (whose loop is already running), and keeps Ctrl-C in the
    main thread: there it cancels the coroutine, whose clean-up shuts the kernels
    down, and then propagates.
    """
    state: dict = {}
    ready, finished = threading.Event(), threading.Event()

    async def main_task():
        state["task"] = asyncio.current_task()
        ready.set()
        return await make_coroutine()

    def target() -> None:
        # asyncio.Runner, unlike a bare loop, cancels and awaits the tasks left behind
        # on close (nbclient's kernel pollers after Ctrl-C), so none is destroyed pending.
        try:
            with asyncio.Runner() as runner:
                state["loop"] = runner.get_loop()
                state["value"] = runner.run(main_task())
        except BaseException as error:  # handed to the caller's thread
            state["error"] = error
        finally:
            ready.set()
            finished.set()

    # Waiting on an Event, not Thread.join: a join interrupted by Ctrl-C can leave
    # the thread marked as stopped while it still runs (CPython 3.11).
    # Ctrl-C is noted and checked here (analysis._signals): raised at random, it can
    # land in a finalizer of the kernel clients and be dropped.
    with signals_noted(signal.SIGINT) as stops:
        threading.Thread(target=target, name="analysis-report", daemon=True).start()
        try:
            while not finished.wait(0.2) and not stops:
                pass
            if stops:
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            ready.wait(5)
            if "task" in state:
                state["loop"].call_soon_threadsafe(state["task"].cancel)
            finished.wait(60)  # the kernels shut down (immediately) as the tasks unwind
            raise
    if "error" in state:
        raise state["error"]
    return state.get("value")


def execute_notebook(
    notebook_path: str | Path,
    parameters: dict | None = None,
    *,
    export_to: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    timeout: int = CELL_TIMEOUT,
):
    """Execute a notebook headlessly with injected parameters.

    Parameters
    ----------
    notebook_path : str or Path
    parameters : dict, optional
        Values overriding the ``parameters`` cell.
    export_to : str or Path, optional
        When given, the notebook's tables and figures are written there
        (see :func:`export_namespace`) and their paths stored in
        ``notebook.metadata["report_files"]``.
    progress : callable, optional
        Called as ``progress(cells_done, cells_total)`` after each cell.
    timeout : int
        Seconds one cell may run.

    Returns
    -------
    nbformat.NotebookNode
        The executed notebook (outputs filled in).

    Raises
    ------
    ReportError
        A cell failed: the message names the notebook and the cell and gives
        the error, not the traceback. The partly executed notebook is on the
        exception as ``.notebook``.
    """
    path = Path(notebook_path)
    with tempfile.TemporaryDirectory(prefix="analysis-kernels-") as kernel_dir:
        return _run_in_thread(lambda: _execute_async(
            path, parameters, None if export_to is None else Path(export_to), progress,
            timeout, Path(kernel_dir)))


def to_html(notebook, target: str | Path) -> Path:
    """Write an executed notebook as one HTML page (figures embedded as data URIs).

    JupyterLab's page layout, without the scripts it would fetch from a CDN
    (``resources/report_page.html.j2``): the page needs no network.
    """
    from nbconvert import HTMLExporter

    from .lexicons import resource_path

    exporter = HTMLExporter(template_name="lab", template_file="report_page.html.j2",
                            extra_template_paths=[str(resource_path(""))])
    body, _ = exporter.from_notebook_node(notebook)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


# --------------------------------------------------------------------------- input


@dataclass
class ReportInput:
    """What a report runs on: one article, or a folder (or JSON Lines file) of them."""

    kind: str                 # "article" or "collection"
    path: Path
    title: str = ""
    outlet: str = ""
    date: str = ""
    articles: int = 1
    chars: int = 0
    skipped: list[str] = field(default_factory=list)  # unreadable files, with the reason

    def as_dict(self) -> dict:
        return {"kind": self.kind, "path": str(self.path), "title": self.title,
                "outlet": self.outlet, "date": self.date, "articles": self.articles,
                "chars": self.chars, "skipped": self.skipped}

    @property
    def large(self) -> bool:
        from .overview import LARGE_ARTICLE_CHARS

        if self.kind == "article":
            return self.chars > LARGE_ARTICLE_CHARS
        return self.chars > LARGE_COLLECTION_CHARS


def _article_input(path: Path) -> ReportInput:
    article = load_article(path)  # a clear ArticleError now beats a failing cell later
    meta = article.metadata
    return ReportInput("article", path, article.title,
                       str(meta.get("outlet") or meta.get("sitename") or ""),
                       str(meta.get("date") or ""), 1, len(article.text))


def _collection_input(path: Path) -> ReportInput:
    """Every article of a folder or file read once: unreadable ones are listed, not fatal.

    Whichever position an unreadable file sorts to, it is reported and the rest go
    on; only a folder with no readable article is refused.
    """
    info = ReportInput("collection", path, title=path.name, articles=0)
    outlets: set[str] = set()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ArticleWarning)
        for article in iter_articles(path, errors="warn"):
            info.articles += 1
            info.chars += len(article.text)
            outlet = article.metadata.get("outlet") or article.metadata.get("sitename")
            if outlet:
                outlets.add(str(outlet))
    info.skipped = [str(w.message) for w in caught if issubclass(w.category, ArticleWarning)]
    if not info.articles:
        reason = f" ({info.skipped[0]})" if info.skipped else ""
        raise ArticleError(f"{path}: the folder holds no readable article (.txt, .html, .json, "
                           f".jsonl){reason}")
    info.outlet = ", ".join(sorted(outlets)[:5]) + (" ..." if len(outlets) > 5 else "")
    return info


def _inputs(path: str | Path | None) -> list[ReportInput]:
    """The article and/or collection a report on ``path`` runs on.

    Raises
    ------
    ArticleError
        An empty or missing path, an unreadable article, a folder with no
        readable article.
    """
    if path is None:
        return [_article_input(default_article()), _collection_input(COLLECTION_DIR)]
    if not str(path).strip():
        raise ArticleError("the path is empty (''); give a file or folder, or no PATH for the "
                           "article in data/articles")
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"{path}: no such file or folder")
    if path.is_dir():
        return [_collection_input(path)]
    try:
        return [_article_input(path)]
    except MultipleArticlesError:  # a JSON Lines file of articles is a collection
        return [_collection_input(path)]


def _plan(path: str | Path | None, notebooks: Sequence[str] | None,
          inputs: list[ReportInput] | None = None) -> list[tuple[Path, dict]]:
    """(notebook, parameters) pairs for a report on ``path`` (``inputs``: its
    :func:`_inputs`, when already read)."""
    inputs = _inputs(path) if inputs is None else inputs
    article = next((i.path for i in inputs if i.kind == "article"), None)
    folder = next((i.path for i in inputs if i.kind == "collection"), None)
    selected = notebook_paths(notebooks)
    if notebooks is None and path is not None:  # the notebooks that fit the input
        selected = [nb for nb in selected
                    if (nb.stem in COLLECTION_NOTEBOOKS) == (article is None)]
    plan = []
    for notebook in selected:
        if notebook.stem in COLLECTION_NOTEBOOKS:
            if folder is None:
                raise ReportError(f"{notebook.name} needs a folder of articles, not a file")
            plan.append((notebook, {"FOLDER": str(Path(folder).resolve())}))
        else:
            if article is None:
                raise ReportError(f"{notebook.name} needs one article, not a folder")
            plan.append((notebook, {"ARTICLE": str(Path(article).resolve())}))
    return plan


# ------------------------------------------------------------------------ running


@dataclass
class NotebookRun:
    """One notebook of a report run and how it went."""

    path: Path
    parameters: dict
    status: str = "not run"   # then "running", and "done", "failed" or "interrupted"
    seconds: float = 0.0
    error: str = ""
    page: Path | None = None
    files: list[Path] = field(default_factory=list)
    cells: tuple[int, int] = (0, 0)

    @property
    def prefix(self) -> str:
        return self.path.stem.split("_", 1)[0]


def _clear_outputs(out: Path, prefix: str) -> None:
    """Remove a notebook's files of an earlier run, so none outlive the notebook's variables."""
    for pattern in (f"tables/{prefix}-*.csv", f"figures/{prefix}-*.png", f"{prefix}-*.html",
                    f"{prefix}_*.html"):
        for old in out.glob(pattern):
            old.unlink()


class _Progress:
    """Progress on the terminal: a line per finished notebook and, on a terminal, a
    status line redrawn in place with each running notebook's cell."""

    def __init__(self, runs: list[NotebookRun], verbose: bool) -> None:
        self.runs, self.verbose = runs, verbose
        self.live = verbose and sys.stdout.isatty()
        self.finished = 0

    def _status_line(self) -> None:
        running = [f"{r.prefix} cell {r.cells[0]}/{r.cells[1]}" if r.cells[1]
                   else f"{r.prefix} starting" for r in self.runs if r.status == "running"]
        if running:
            print(f"\r  running: {' · '.join(running)}\x1b[K", end="", flush=True)

    def cell(self, run: NotebookRun, done: int, total: int) -> None:
        run.cells = (done, total)
        if self.live:
            self._status_line()

    def started(self, run: NotebookRun) -> None:
        if self.live:
            self._status_line()

    def ended(self, run: NotebookRun) -> None:
        self.finished += 1
        if not self.verbose:
            return
        clear = "\r\x1b[K" if self.live else ""
        status = {"done": "done", "failed": "FAILED"}.get(run.status, run.status)
        print(f"{clear}[{self.finished}/{len(self.runs)}] {run.path.stem}: {status} in "
              f"{run.seconds:.1f} s", flush=True)
        if self.live:
            self._status_line()


def _record(run: NotebookRun, notebook, out: Path) -> None:
    """Write a finished (or failed) notebook's page; note its files."""
    if notebook is None:
        return
    run.page = to_html(notebook, out / f"{run.path.stem}.html")
    for written in notebook.metadata.get("report_files", []):
        run.files.append(out / Path(written).relative_to(out.resolve()))


async def _run_all(runs: list[NotebookRun], out: Path, jobs: int, progress: _Progress) -> None:
    gate = asyncio.Semaphore(jobs)
    with tempfile.TemporaryDirectory(prefix="analysis-kernels-") as kernel_dir:

        async def one(run: NotebookRun) -> None:
            async with gate:
                run.status = "running"
                progress.started(run)
                started = time.perf_counter()
                notebook = None
                try:
                    notebook = await _execute_async(
                        run.path, run.parameters, out.resolve(),
                        lambda done, total: progress.cell(run, done, total), CELL_TIMEOUT,
                        Path(kernel_dir))
                    run.status = "done"
                except ReportError as failure:
                    if not _cancelling():  # else a kernel stopped by Ctrl-C: interrupted
                        notebook = getattr(failure, "notebook", None)
                        run.status, run.error = "failed", str(failure)
                finally:
                    run.seconds = time.perf_counter() - started
                    if run.status == "running":  # cancelled (Ctrl-C) while it ran
                        run.status = "interrupted"
                    else:
                        _record(run, notebook, out)
                        progress.ended(run)

        await asyncio.gather(*(one(run) for run in runs))


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _warn_large(inputs: list[ReportInput], say: Callable[[str], None]) -> bool:
    from .overview import LARGE_ARTICLE_CHARS

    large = False
    for info in inputs:
        if not info.large:
            continue
        large = True
        if info.kind == "article":
            say(f"report: warning: {info.path} has {info.chars / 1e6:.1f} million characters "
                f"(over {LARGE_ARTICLE_CHARS / 1e6:g} million): the notebooks may take many "
                "minutes and several GB of memory; they run one at a time, and the token "
                "table is summarised")
        else:
            say(f"report: warning: {info.path} holds {info.articles:,} articles, "
                f"{info.chars / 1e6:.1f} million characters (over "
                f"{LARGE_COLLECTION_CHARS / 1e6:g} million): notebook 04 keeps them all in "
                "memory and may take a long time; `python -m analysis collection` is made for "
                "big folders")
    return large


def _summary(out: Path, runs: list[NotebookRun], index: Path) -> str:
    pages = [r for r in runs if r.status == "done"]
    files = [f for r in pages for f in r.files]
    tables = sum(f.suffix == ".csv" for f in files)
    figures = sum(f.suffix == ".png" for f in files)
    parts = [f"wrote {len(pages)} HTML page{'s' if len(pages) != 1 else ''}"]
    if tables:
        parts.append(f"{tables} table{'s' if tables != 1 else ''} (CSV) in {out / 'tables'}")
    if figures:
        parts.append(f"{figures} figure{'s' if figures != 1 else ''} (PNG) in "
                     f"{out / 'figures'}")
    return ", ".join(parts) + f"; start at {index}"


def run_report(
    path: str | Path | None = None,
    out: str | Path = "reports/",
    notebooks: Sequence[str] | None = None,
    *,
    jobs: int | None = None,
    verbose: bool = True,
) -> list[Path]:
    """Execute the notebooks on an article or folder and write the report.

    Parameters
    ----------
    path : str or Path, optional
        An article file (runs notebooks 01-03), a folder of articles (runs 04),
        or None for the article in ``data/articles`` and the folder ``data``
        (runs all).
    out : str or Path
        Output folder (created). A notebook's files of an earlier run are
        replaced; other notebooks' pages stay and stay in the index.
    notebooks : sequence of str, optional
        Run only these notebooks (stems or number prefixes such as ``"02"``).
    jobs : int, optional
        Notebooks run at once, each in its own kernel (default: up to 4; 1 for
        an input past the size limits).
    verbose : bool
        Print progress and where the files are.

    Returns
    -------
    list of Path
        Every file written: one HTML page per notebook, ``tables/*.csv``,
        ``figures/*.png``, highlighted-quotes pages and ``index.html``.

    Raises
    ------
    ArticleError
        The input path is empty, missing or unreadable.
    ReportError
        A notebook cell failed (the message names notebook and cell; the
        partly run notebook is still written as HTML, and the index too).
    ReportInterrupted
        Ctrl-C: the notebooks that finished and the index are written first.

    Examples
    --------
    >>> written = run_report("data/articles/voronkov-isil-un-security-council.txt",
    ...                      out="reports/")   # doctest: +SKIP
    """
    from .report_index import write_index

    def say(message: str) -> None:
        if verbose:
            print(message, flush=True)

    out = Path(out)
    inputs = _inputs(path)
    plan = _plan(path, notebooks, inputs)
    large = _warn_large(inputs, say)
    for info in inputs:
        for reason in info.skipped:
            say(f"report: skipped an unreadable file: {reason}")
    out.mkdir(parents=True, exist_ok=True)
    jobs = 1 if large and jobs is None else max(1, min(len(plan), jobs or 4))
    source = " and ".join(_shown(i.path) for i in inputs)
    say(f"report: running {len(plan)} notebook(s), {jobs} at a time, on {source}")
    runs = [NotebookRun(notebook, parameters) for notebook, parameters in plan]
    for run in runs:
        _clear_outputs(out, run.prefix)
    progress = _Progress(runs, verbose)
    interrupted = False
    try:
        _run_in_thread(lambda: _run_all(runs, out, jobs, progress))
    except KeyboardInterrupt:
        interrupted = True
    index = write_index(out, runs, inputs)
    if interrupted:
        finished = sum(r.status in ("done", "failed") for r in runs)
        raise ReportInterrupted(f"report interrupted: {finished} of {len(runs)} notebook(s) "
                                f"finished; see {index}")
    failures = [f"{r.error}\n  (the notebook up to the failing cell: {r.page})"
                for r in runs if r.status == "failed"]
    if failures:
        raise ReportError("\n".join(failures) + f"\n  (index of the report: {index})")
    for run in runs:
        say(f"  {run.page}")
    say(_summary(out, runs, index))
    return [*(r.page for r in runs), *(f for r in runs for f in r.files), index]


def main(path: str | None, out: str, notebooks: Sequence[str] | None = None) -> int:
    """CLI entry: run the report, turn failures into one clear line on stderr."""
    try:
        run_report(path, out, notebooks)
    except ReportError as error:
        print(f"\nreport failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:
        message = str(stop) if isinstance(stop, ReportInterrupted) else "report interrupted"
        print(f"\n{message}", file=sys.stderr)
        return 130
    return 0
