"""The quote the attribution stages build, in plain Python (a table row is built from it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Quote:
    """One attribution, in plain Python (the table row is built from it)."""

    pieces: list[tuple[int, int]]
    kind: str = "direct"
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    speaker_kind: str = ""
    speaker_name: str = ""
    speaker_entity: int | None = None  # id in the article's EntityIndex
    audience: str = ""
    cue_type: str = ""  # speech, thought or document (cues.type_cues)
    evidence: list[str] = field(default_factory=list)
    frame_end: int = -1  # end of the attribution frame following the last piece

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]
