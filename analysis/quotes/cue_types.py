"""Each quote's ``cue_type``: whether its cue reports speech, thought or a document."""

from __future__ import annotations

from .context import ArticleContext
from .cues import _cue_lemma, _cue_type
from .model import Quote
from .subjects import is_document, speaker_head


def type_cues(context: ArticleContext, quotes: list[Quote]) -> None:
    """Set each quote's ``cue_type``: ``speech``, ``thought`` or ``document``.

    The cue's lemma gives the type (the ``cue_type`` column of
    ``resources/reporting_verbs.tsv``, ``cue_phrases.tsv`` and ``quote_cues.tsv``:
    "said" speech, "believes" thought, "shows" document); a quote with no cue or
    a headline's colon is speech. Whatever the verb, a speaker mention headed by
    a document noun ("a poll", "the report", "an ad":
    ``resources/document_nouns.txt``) makes it document ("a poll says").
    """
    text = context.text
    for quote in quotes:
        cue = text[quote.cue[0] : quote.cue[1]] if quote.cue else ""
        quote.cue_type = _cue_type(_cue_lemma(cue)) if any(c.isalpha() for c in cue) else "speech"
        if quote.speaker is not None and is_document(
            speaker_head(context, (*quote.speaker, ""))
        ):
            quote.cue_type = "document"
