"""Worker processes that die with the process that started them.

A collection's workers write part files into the output folder. If the parent is
killed (SIGKILL cannot be caught, so it cannot stop them), orphaned workers would go
on committing batches while a rerun does the same work again. On Linux the kernel
kills a worker when its parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread
polls the parent and exits the worker. Both engines use it: the process pool as its
initializer, Dask's workers as a preload module (:func:`dask_setup`). A batch a worker
commits in the instant before it dies is caught by the next run
(``analysis.collection._drop_foreign_batches``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.1


def die_with_parent(parent_pid: int | None = None) -> None:
    """Make this process exit when ``parent_pid`` (default: its parent now) exits."""
    parent_pid = parent_pid or os.getppid()
    if not _kernel_kills_orphan():
        threading.Thread(target=_watch, args=(parent_pid,), daemon=True,
                         name="parent-watch").start()
    if os.getppid() != parent_pid:  # the parent died before the above took effect
        os._exit(1)


def _kernel_kills_orphan() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)  # the process's own symbols: libc's among them
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(_POLL_SECONDS)
    os._exit(1)


def dask_setup(worker) -> None:
    """Dask preload: a worker of a LocalCluster dies with the process that made it."""
    die_with_parent()
