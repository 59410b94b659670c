"""``python -m analysis``: see :mod:`analysis.cli`."""

import sys

try:
    from .cli import main

    status = main()
except KeyboardInterrupt:  # Ctrl-C before a command catches it (while pandas etc. import)
    print("\ninterrupted", file=sys.stderr)
    status = 130
raise SystemExit(status)
