"""Headless Chromium for the report's screenshots and browser checks (not a dependency).

Debian's ``chromium`` (``apt-get install -y chromium``) is used when it is on the
PATH. It is started with a fresh profile and with every background service off:
on a machine without network, a default start waits on those and hangs.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["find_chromium", "run_chromium", "screenshot", "dump_dom", "INSTALL_HINT"]

INSTALL_HINT = "install it with `apt-get install -y chromium` (Debian) or put `chromium` on PATH"
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
          "--mute-audio", "--no-default-browser-check")


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def run_chromium(args: list[str], *, width: int = 1280, height: int = 900,
                 timeout: float = 120) -> str:
    """Run headless Chromium with ``args`` in a fresh profile; its standard output.

    Raises
    ------
    RuntimeError
        No Chromium found, or it failed or timed out.
    """
    executable = find_chromium()
    if executable is None:
        raise RuntimeError(f"headless Chromium not found: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="analysis-chromium-") as profile:
        command = [executable, *_FLAGS, f"--user-data-dir={profile}",
                   f"--window-size={width},{height}", *args]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as error:
            raise RuntimeError(f"chromium did not finish in {timeout:.0f} s") from error
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return done.stdout


def screenshot(page: str | Path, target: str | Path, *, width: int = 1100,
               height: int = 1400) -> Path:
    """A PNG of the top ``width`` x ``height`` pixels of an HTML page."""
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    run_chromium([f"--screenshot={target}", "--virtual-time-budget=5000",
                  Path(page).resolve().as_uri()], width=width, height=height)
    if not target.is_file():
        raise RuntimeError(f"chromium wrote no screenshot of {page}")
    return target


def dump_dom(page: str | Path, *, width: int = 1280, height: int = 900) -> str:
    """The page's DOM after it loaded and its scripts ran, as HTML."""
    return run_chromium(["--virtual-time-budget=10000", "--dump-dom",
                         Path(page).resolve().as_uri()], width=width, height=height)
