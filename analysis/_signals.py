"""Stop signals noted, not raised, while a runner waits on its workers.

Python turns Ctrl-C into a ``KeyboardInterrupt`` raised at whatever line the main
thread is running. While a runner waits on a pool of processes or kernels, that
line can be a finalizer or a weakref callback of their machinery, where Python
prints "Exception ignored" and drops the exception: the run then goes on and ends
as if nothing happened. Inside :func:`signals_noted` the signals are appended to a
list instead, which the runner's wait loop checks, so a stop is never lost; a
process forked meanwhile inherits the handler and only notes the signal too.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def signals_noted(*numbers: int) -> Iterator[list[int]]:
    """Note the signals ``numbers`` (default Ctrl-C and SIGTERM) in the list yielded.

    The previous handlers are back afterwards. Off the main thread, where Python
    cannot set handlers, the list stays empty and the signals act as before.

    Examples
    --------
    >>> with signals_noted() as stops:
    ...     stopped = bool(stops)
    >>> stopped
    False
    """
    if threading.current_thread() is not threading.main_thread():
        yield []
        return
    noted: list[int] = []

    def note(signum, frame):
        noted.append(signum)

    previous = {number: signal.signal(number, note)
                for number in (numbers or (signal.SIGINT, signal.SIGTERM))}
    try:
        yield noted
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
