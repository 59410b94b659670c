"""analysis._signals: a stop signal inside signals_noted is noted, never raised or lost."""

import signal
import threading
import time

import pytest

from analysis._signals import signals_noted


def _send(number: int, until=lambda: False) -> None:
    """Send ``number`` to this (the main) thread and give Python time to run its handler."""
    signal.pthread_kill(threading.get_ident(), number)
    deadline = time.monotonic() + 2
    while not until() and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.fixture
def ctrl_c_raises():
    """Python's own Ctrl-C handler for the test (an earlier test or library may have
    left another), the one found before back afterwards."""
    found = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, found)


def test_ctrl_c_and_sigterm_are_noted_in_order_and_the_old_handlers_come_back(ctrl_c_raises):
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with signals_noted() as stops:
        _send(signal.SIGINT, lambda: len(stops) == 1)  # would raise KeyboardInterrupt outside
        _send(signal.SIGTERM, lambda: len(stops) == 2)  # would end the test run outside
    assert stops == [signal.SIGINT, signal.SIGTERM]
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
    with pytest.raises(KeyboardInterrupt):
        _send(signal.SIGINT)


def test_only_the_signals_named_are_noted(ctrl_c_raises):
    with signals_noted(signal.SIGINT) as stops:
        assert signal.getsignal(signal.SIGTERM) is not signal.getsignal(signal.SIGINT)
        _send(signal.SIGINT, lambda: bool(stops))
    assert stops == [signal.SIGINT]
