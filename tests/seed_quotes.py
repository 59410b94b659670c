"""A hand-built quotes table for the seed article (until quote extraction lands).

The seed article's five direct quotes are the stretches between “ and ”; all are
Vladimir Voronkov's. They are located by searching for the marks, not by offsets.
"""

from __future__ import annotations

import pandas as pd

SPEAKER = "Vladimir Voronkov"


def seed_quotes(text: str) -> pd.DataFrame:
    rows = []
    position = 0
    while (opening := text.find("“", position)) != -1:
        closing = text.find("”", opening + 1)
        assert closing != -1, "unbalanced quote marks in the seed article"
        rows.append(([[opening + 1, closing]], SPEAKER, f"q{len(rows)}", "direct"))
        position = closing + 1
    return pd.DataFrame(rows, columns=["spans", "speaker", "quote_id", "kind"])
