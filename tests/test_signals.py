"""analysis._signals: a stop signal inside signals_noted is noted, never raised or lost."""

import os
import signal

import pytest

from analysis._signals import signals_noted


def test_ctrl_c_and_sigterm_are_noted_in_order_and_the_old_handlers_come_back():
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with signals_noted() as stops:
        os.kill(os.getpid(), signal.SIGINT)  # would raise KeyboardInterrupt outside
        os.kill(os.getpid(), signal.SIGTERM)  # would end the test run outside
        for _ in range(1000):  # handlers run between bytecodes: let them
            if len(stops) == 2:
                break
    assert stops == [signal.SIGINT, signal.SIGTERM]
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):
            pass


def test_only_the_signals_named_are_noted():
    with signals_noted(signal.SIGINT) as stops:
        assert signal.getsignal(signal.SIGTERM) is not signal.getsignal(signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):
            if stops:
                break
    assert stops == [signal.SIGINT]
