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

- no PATH: all of them, on the article in ``data/articles`` and on that folder;
- PATH is a file: the per-article notebooks (01-03) on it;
- PATH is a folder, or a file holding several articles (JSON Lines): the
  collection notebook (04) on it.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .article import ArticleError, MultipleArticlesError, iter_articles, load_article

__all__ = [
    "ReportError",
    "run_report",
    "execute_notebook",
    "inject_parameters",
    "notebook_paths",
    "default_article",
    "ARTICLE_NOTEBOOKS",
    "COLLECTION_NOTEBOOKS",
]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
DATA_DIR = ROOT / "data" / "articles"
ARTICLE_NOTEBOOKS = ("01_article_overview", "02_quotes_and_speakers", "03_themes_and_terms")
COLLECTION_NOTEBOOKS = ("04_collection",)
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
EXPORT_TAG = "report-export"
KERNEL_NAME = "python3"  # ipykernel's own kernel: runs in this interpreter (see README)
CELL_TIMEOUT = 1800  # seconds; a collection notebook over a big folder can be slow


class ReportError(RuntimeError):
    """A notebook could not be run; the message names the notebook and cell."""


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
    import nbformat
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    notebook_path = Path(notebook_path)
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
    # Immediate shutdown: a graceful one waits seconds per notebook for nothing.
    client = NotebookClient(notebook, kernel_name=KERNEL_NAME, timeout=timeout,
                            shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(notebook_path.parent)}})
    index = 0
    # The kernel's own log (start-up chatter) goes to a file, not the user's
    # terminal; its tail explains a kernel that dies.
    with tempfile.TemporaryFile("w+") as kernel_log:
        try:
            with client.setup_kernel(env=_kernel_env(), cwd=str(notebook_path.parent),
                                     stderr=kernel_log):
                for index, cell in enumerate(notebook.cells):
                    client.execute_cell(cell, index)
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
        except (NoSuchKernel, RuntimeError) as error:
            raise ReportError(
                f"{name}: the {KERNEL_NAME!r} Jupyter kernel could not start ({error}); "
                f"check `jupyter kernelspec list` and `pip install -r requirements.txt`"
                f"{_tail(kernel_log)}") from None
    if export_to is not None:
        export = notebook.cells[-1]
        _drop_export_cell(notebook)
        streams = [o.get("text", "") for o in export.outputs if o.get("output_type") == "stream"]
        lines = "".join(streams).strip().splitlines()
        notebook.metadata["report_files"] = json.loads(lines[-1]) if lines else []
    return notebook


def to_html(notebook, target: str | Path) -> Path:
    """Write an executed notebook as one HTML page (figures embedded as data URIs)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(notebook)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def _plan(path: str | Path | None, notebooks: Sequence[str] | None) -> list[tuple[Path, dict]]:
    """(notebook, parameters) pairs for a report on ``path``."""
    if path is None:
        article, folder = default_article(), DATA_DIR
        load_article(article)
        selected = notebook_paths(notebooks)
    else:
        path = Path(path)
        if not path.exists():
            raise ArticleError(f"{path}: no such file or folder")
        if path.is_dir():
            folder, article = path, None
            if next(iter_articles(path), None) is None:
                raise ArticleError(f"{path}: the folder holds no article (.txt, .md, ...)")
            selected = notebook_paths(notebooks or COLLECTION_NOTEBOOKS)
        else:
            try:
                load_article(path)  # a clear ArticleError now beats a failing cell later
                folder, article = None, path
                selected = notebook_paths(notebooks or ARTICLE_NOTEBOOKS)
            except MultipleArticlesError:  # a JSON Lines file of articles is a collection
                folder, article = path, None
                selected = notebook_paths(notebooks or COLLECTION_NOTEBOOKS)
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


def _write_index(out: Path, pages: list[Path], files: list[Path], source: str) -> Path:
    import html

    def link(p: Path) -> str:
        rel = p.relative_to(out).as_posix()
        return f'<li><a href="{html.escape(rel)}">{html.escape(rel)}</a></li>'

    index = out / "index.html"
    index.write_text(
        "<!doctype html><meta charset='utf-8'><title>analysis report</title>"
        "<body style='font-family:sans-serif;margin:2em'>"
        f"<h1>analysis report</h1><p>Input: {html.escape(source)}</p>"
        f"<h2>Notebooks</h2><ul>{''.join(map(link, pages))}</ul>"
        f"<h2>Tables and figures</h2><ul>{''.join(map(link, files))}</ul></body>",
        encoding="utf-8",
    )
    return index


def _progress_line(label: str, verbose: bool):
    """Show ``label: cell 3/12`` in place on a terminal; just the label in a log."""
    if not verbose:
        return None
    if not sys.stdout.isatty():
        print(f"{label}:", end="", flush=True)
        return None

    def show(done: int, total: int) -> None:
        print(f"\r{label}: cell {done}/{total}\x1b[K", end="", flush=True)  # clear the rest

    print(f"{label}: starting the kernel", end="", flush=True)
    return show


def _run_one(notebook_path: Path, parameters: dict, out: Path, progress=None):
    """Run one notebook (in a worker process): (notebook, error message or None, seconds)."""
    started = time.perf_counter()
    try:
        notebook = execute_notebook(notebook_path, parameters, export_to=out, progress=progress)
        error = None
    except ReportError as failure:
        notebook, error = getattr(failure, "notebook", None), str(failure)
    return notebook, error, time.perf_counter() - started


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
        or None for the article in ``data/articles`` and that folder (runs all).
    out : str or Path
        Output folder (created; existing files of the same name are replaced).
    notebooks : sequence of str, optional
        Run only these notebooks (stems or number prefixes such as ``"02"``).
    jobs : int, optional
        Notebooks run at once, each in its own kernel (default: up to 4).
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
        The input path is missing or unreadable.
    ReportError
        A notebook cell failed (the message names notebook and cell; the
        partly run notebook is still written as HTML for inspection).

    Examples
    --------
    >>> written = run_report("data/articles/voronkov-isil-un-security-council.txt",
    ...                      out="reports/")   # doctest: +SKIP
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed

    def say(message: str) -> None:
        if verbose:
            print(message, flush=True)

    out = Path(out)
    plan = _plan(path, notebooks)
    out.mkdir(parents=True, exist_ok=True)
    jobs = max(1, min(len(plan), jobs or 4))
    source = str(path) if path is not None else f"{default_article()} and {DATA_DIR}"
    say(f"report: running {len(plan)} notebook(s), {jobs} at a time, on {source}")
    results: dict[Path, tuple] = {}
    if jobs == 1:
        # One at a time: run here, showing each cell as it finishes (a
        # collection notebook over a big folder can take minutes).
        for number, (notebook_path, parameters) in enumerate(plan, start=1):
            cells = _progress_line(f"[{number}/{len(plan)}] {notebook_path.stem}", verbose)
            results[notebook_path] = _run_one(notebook_path, parameters, out.resolve(), cells)
            _, error, seconds = results[notebook_path]
            say(f" {'FAILED' if error else 'done'} in {seconds:.1f} s")
    else:
        # Kernels are separate processes; running notebooks side by side mostly
        # overlaps their start-up (imports), which dominates a short article.
        with ProcessPoolExecutor(jobs) as pool:
            futures = {pool.submit(_run_one, nb, params, out.resolve()): nb
                       for nb, params in plan}
            for done, future in enumerate(as_completed(futures), start=1):
                notebook_path = futures[future]
                results[notebook_path] = future.result()
                _, error, seconds = results[notebook_path]
                status = "FAILED" if error else "done"
                say(f"[{done}/{len(plan)}] {notebook_path.stem}: {status} in {seconds:.1f} s")
    pages: list[Path] = []
    files: list[Path] = []
    failures = []
    for notebook_path, _ in plan:
        executed, error, _ = results[notebook_path]
        target = out / f"{notebook_path.stem}.html"
        if executed is not None:
            to_html(executed, target)
        if error:
            failures.append(f"{error}\n  (the notebook up to the failing cell: {target})")
            continue
        pages.append(target)
        for written in executed.metadata.get("report_files", []):
            files.append(out / Path(written).relative_to(out.resolve()))
    if failures:
        raise ReportError("\n".join(failures))
    index = _write_index(out, pages, files, source)
    for page in pages:
        say(f"  {page}")
    say(f"wrote {len(pages)} HTML report(s), "
        f"{sum(p.suffix == '.csv' for p in files)} tables (CSV) in {out / 'tables'}, "
        f"{sum(p.suffix == '.png' for p in files)} figures (PNG) in {out / 'figures'}; "
        f"start at {index}")
    return [*pages, *files, index]


def main(path: str | None, out: str, notebooks: Sequence[str] | None = None) -> int:
    """CLI entry: run the report, turn failures into one clear line on stderr."""
    try:
        run_report(path, out, notebooks)
    except ReportError as error:
        print(f"\nreport failed: {error}", file=sys.stderr)
        return 1
    return 0
