"""Fault injection: a collection is analysed exactly once whatever stops or spoils a run.

A small corpus written by the test (text files in two folders with the same names,
an empty file, a JSON Lines file with a bad line and a repeated id) is run once
without faults; then runs are killed at random points (SIGKILL or SIGTERM of the run,
Ctrl-C, SIGKILL or SIGTERM of a worker, with both engines), parts are damaged
(truncated, emptied, overwritten), two runs are started at once, and a worker's late
commit is replayed. Each time the test checks that no process is left behind, that a
rerun finishes, and that the loaded tables equal the fault-free run's: nothing
duplicated, nothing lost.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from analysis.collection import CollectionDamagedError, load_collection, run_collection

ROOT = Path(__file__).resolve().parents[1]
BATCH = 2  # small batches: many commit points to stop between


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_article) -> Path:
    blocks = [seed_article.text[s:e] for s, e in seed_article.paragraphs]
    root = tmp_path_factory.mktemp("faults") / "news"

    def story(k: int) -> str:
        return "\n\n".join([f"{blocks[0]} ({k})", *blocks[1 + k % 12: 3 + k % 12]])

    for folder in ("a", "b"):  # the same file names: ids a/story-00 and b/story-00
        (root / folder).mkdir(parents=True)
        for k in range(10):
            offset = 0 if folder == "a" else 5
            (root / folder / f"story-{k:02d}.txt").write_text(story(k + offset),
                                                              encoding="utf-8")
    (root / "a" / "empty.txt").write_text("")
    lines = [json.dumps({"id": f"w{k}", "text": story(k + 3)}) for k in range(12)]
    lines[4] = "{not json"
    lines[9] = json.dumps({"id": "w2", "text": story(30)})  # an id used twice
    (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def expected(corpus, tmp_path_factory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("faults-expected") / "out"
    run_collection(corpus, out, workers=1, batch_size=BATCH, progress=False)
    tables = load_collection(out)
    assert len(tables["articles"]) == 30 and len(tables["errors"]) == 3
    return tables


def _assert_expected(out: Path, expected: dict[str, pd.DataFrame]) -> None:
    tables = load_collection(out)
    for name, table in expected.items():
        pd.testing.assert_frame_equal(tables[name], table, check_dtype=False, obj=name)
    assert not tables["articles"]["article"].duplicated().any()


def _start(corpus: Path, out: Path, *options: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    command = [sys.executable, "-m", "analysis", "collection", str(corpus), "--out", str(out),
               "--batch-size", str(BATCH), "--quiet", *options]
    # a session of its own: a signal to its process group reaches no test process
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _commits(out: Path) -> int:
    folder = out / "_done"
    return sum(1 for p in folder.iterdir() if p.suffix == ".json") if folder.is_dir() else 0


def _wait_for(condition, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"the run ended first: {process.communicate()}"
        assert time.monotonic() < deadline, "the run did not get there in time"
        time.sleep(0.002)


def _workers(process: subprocess.Popen) -> list[psutil.Process]:
    return psutil.Process(process.pid).children(recursive=True)


def _assert_all_gone(processes: list[psutil.Process], timeout: float = 10.0) -> None:
    """Every process has exited (a zombie waiting for init to reap it has exited)."""
    deadline = time.monotonic() + timeout
    while True:
        alive = []
        for process in processes:
            try:
                if process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(process)
            except psutil.NoSuchProcess:
                pass
        if not alive:
            return
        assert time.monotonic() < deadline, f"left behind: {alive}"
        time.sleep(0.02)


def _rerun(corpus: Path, out: Path) -> dict:
    return run_collection(corpus, out, workers=1, batch_size=BATCH, progress=False,
                          log=lambda line: None)


def _stop_at_random(corpus: Path, out: Path, seed: int, *options: str):
    """Start a run, let it commit a random number of batches and a few milliseconds
    more, and return it with its worker processes."""
    chance = random.Random(seed)
    process = _start(corpus, out, *options)
    workers = int(options[options.index("--workers") + 1]) if "--workers" in options else 1
    _wait_for(lambda: len(_workers(process)) >= workers and _commits(out) >= chance.randint(0, 8),
              process)
    time.sleep(chance.uniform(0, 0.03))
    return process, _workers(process)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_run_killed_at_a_random_point_leaves_no_worker_and_a_rerun_completes_it(
        corpus, expected, tmp_path, seed):
    out = tmp_path / "out"
    process, workers = _stop_at_random(corpus, out, seed, "--workers", "2")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    _assert_all_gone(workers)
    summary = _rerun(corpus, out)  # the lock was the dead run's: taken over
    assert summary["articles"] + summary["errors"] + summary["skipped"] >= 33
    _assert_expected(out, expected)


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_or_ctrl_c_stops_the_run_and_its_workers_with_one_line(
        corpus, expected, tmp_path, stop, code):
    out = tmp_path / "out"
    process, workers = _stop_at_random(corpus, out, 7, "--workers", "2")
    os.killpg(process.pid, stop)  # Ctrl-C reaches the whole process group
    _, err = process.communicate(timeout=30)
    assert process.returncode == code
    assert err.count("\n") == 1, err
    assert err.startswith(f"collection: interrupted ({signal.Signals(stop).name}); the batches")
    _assert_all_gone(workers)
    _rerun(corpus, out)
    _assert_expected(out, expected)


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM])
def test_a_worker_killed_stops_the_run_with_one_line_and_a_rerun_completes_it(
        corpus, expected, tmp_path, stop):
    out = tmp_path / "out"
    process, workers = _stop_at_random(corpus, out, 11, "--workers", "2")
    workers[0].send_signal(stop)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.count("\n") == 1, err
    assert err.startswith("collection: a worker process died in the middle of a batch")
    _assert_all_gone(workers)
    _rerun(corpus, out)
    _assert_expected(out, expected)


def test_the_dask_engine_killed_leaves_no_worker_and_a_rerun_completes_it(
        corpus, expected, tmp_path):
    out = tmp_path / "out"
    process = _start(corpus, out, "--engine", "dask", "--workers", "2")
    _wait_for(lambda: _commits(out) >= 1, process, timeout=120)
    workers = _workers(process)
    assert len(workers) >= 2
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    _assert_all_gone(workers)
    _rerun(corpus, out)
    _assert_expected(out, expected)


def test_a_killed_runs_dying_workers_are_waited_for_not_reported_as_a_run(
        corpus, expected, tmp_path):
    # The lock file names a run that is gone, while a process it forked (a worker,
    # dying with it) still holds the lock for a moment: the next run waits for it
    # instead of refusing with "another collection run is writing to it".
    import socket

    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    lock = out / ".lock"
    lock.write_text(json.dumps({"run": "killed", "pid": gone.pid, "host": socket.gethostname(),
                                "started": "2026-01-01 00:00:00"}), encoding="utf-8")
    worker = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(1.5)", str(lock)],
        stdout=subprocess.PIPE, text=True)
    assert worker.stdout.readline().strip() == "held"
    run_collection(corpus, out, workers=1, batch_size=BATCH, progress=False)
    assert worker.wait(timeout=10) == 0  # the run could only start once it had let go
    _assert_expected(out, expected)


def test_two_runs_at_once_one_is_refused_and_a_rerun_adds_nothing(corpus, expected, tmp_path,
                                                                  capsys):
    from analysis.cli import main as cli_main

    out = tmp_path / "out"
    first = _start(corpus, out, "--workers", "2")
    _wait_for(lambda: _commits(out) >= 1, first)
    # the second run starts from this process: no start-up time, the first is still on
    assert cli_main(["collection", str(corpus), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"another collection run is writing to it (pid {first.pid} on " in err
    assert err.count("\n") == 1
    assert first.poll() is None, "the first run ended before the second started"
    first.communicate(timeout=120)
    assert first.returncode == 0
    _assert_expected(out, expected)
    again = _start(corpus, out, "--workers", "2")
    printed, _ = again.communicate(timeout=60)
    assert again.returncode == 0
    assert "0 articles analysed, 0 errors, 33 skipped" in printed
    _assert_expected(out, expected)


@pytest.mark.parametrize("seed", [5, 6])
def test_damaged_parts_are_found_redone_with_one_line_each(corpus, expected, tmp_path, seed):
    out = tmp_path / "out"
    shutil.copytree(_finished(corpus, tmp_path), out)
    chance = random.Random(seed)
    parts = sorted((out / name / part) for name in ("articles", "quotes", "terms", "errors",
                                                    "_speakers_by_article")
                   for part in os.listdir(out / name) if part.startswith("part-2"))
    damaged = chance.sample(parts, 3)
    for path, how in zip(damaged, ("truncate", "zero", "overwrite"), strict=True):
        data = path.read_bytes()
        if how == "truncate":
            path.write_bytes(data[: chance.randint(1, len(data) - 1)])
        elif how == "zero":
            path.write_bytes(b"")
        else:
            at = chance.randint(0, len(data) - 4)
            path.write_bytes(data[:at] + bytes(b ^ 0x5A for b in data[at:at + 4])
                             + data[at + 4:])
    with pytest.raises(CollectionDamagedError):
        load_collection(out)
    lines: list[str] = []
    run_collection(corpus, out, workers=2, batch_size=BATCH, progress=False, log=lines.append)
    batches = {path.name.removesuffix(".parquet") for path in damaged}
    assert len(lines) == len(batches)
    assert all(" was damaged (" in line for line in lines)
    _assert_expected(out, expected)


def test_a_batch_a_dying_worker_committed_late_is_removed(corpus, expected, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(_finished(corpus, tmp_path), out)
    # a worker of a stopped run committed the same articles again, under its own name
    marker = sorted((out / "_done").glob("part-*.json"))[3]
    late = "part-19990101T000000-dead00-000003"
    manifest = json.loads(marker.read_text())
    for entry in manifest["tables"].values():
        source = out / entry["file"]
        entry["file"] = entry["file"].replace(marker.stem, late)
        shutil.copy(source, out / entry["file"])
    manifest["run"] = "19990101T000000-dead00"
    (out / "_done" / f"{late}.json").write_text(json.dumps(manifest))
    lines: list[str] = []
    summary = run_collection(corpus, out, workers=1, batch_size=BATCH, progress=False,
                             log=lines.append)
    assert len(lines) == 1 and "repeated articles of batch" in lines[0]
    assert summary["articles"] + summary["errors"] == 0  # nothing was lost
    _assert_expected(out, expected)


_FINISHED: dict[Path, Path] = {}


def _finished(corpus: Path, tmp_path: Path) -> Path:
    """A finished collection of the corpus to damage (made once, copied by each test)."""
    if corpus not in _FINISHED:
        out = tmp_path.parent / "finished"
        run_collection(corpus, out, workers=1, batch_size=BATCH, progress=False)
        _FINISHED[corpus] = out
    return _FINISHED[corpus]
