"""Speakers linked to entities: a quote with no frame takes the nearest speaker, and
every speaker mention is resolved through :mod:`analysis.mentions`."""

from __future__ import annotations

from ..coref import POSSESSOR, SPEAKER, Coreference
from .context import ArticleContext
from .model import Quote


def carry_speakers(context: ArticleContext, quotes: list[Quote]) -> None:
    """A direct quote with no frame at all takes the speaker of the nearest
    attributed quote (direct, mixed or indirect) in its paragraph or the one
    before: "Axelrod said. “This is ...”" (``no-cue; previous-speaker``)."""
    last: Quote | None = None
    for quote in quotes:
        near = last is not None and (
            context.paragraph_of(quote.start) - context.paragraph_of(last.end) <= 1
        )
        if near and quote.speaker is None and quote.evidence == ["no-cue"]:
            quote.speaker, quote.speaker_kind = last.speaker, last.speaker_kind
            quote.evidence.append("previous-speaker")
        elif near and quote.evidence in (["previous-speaker"], ["previous-frame"]) and (
            last.kind != "direct"
        ):
            # "..., dos Santos says. “If ...”": reported speech came after the last quote
            quote.speaker, quote.speaker_kind = last.speaker, last.speaker_kind
        if quote.speaker is not None:
            last = quote


def resolve_speakers(context: ArticleContext, quotes: list[Quote]) -> None:
    """Each quote's speaker mention linked to an entity of ``context.entities`` by
    :class:`analysis.coref.Coreference` (names, pronouns by salience with the
    current speaker preferred when its quote is near, descriptions to the entity
    they describe or a speaker of their own); the quote's ``speaker_name`` and
    ``speaker_entity`` are set and the linking noted in its evidence."""
    quoted = [piece for quote in quotes if quote.kind == "direct" for piece in quote.pieces]
    # the stages before read names as the index typed them; from here on the tagger
    # types the names it left unknown ("Iowa" a place, "WikiLeaks" an organisation)
    coref = Coreference(context.text, context.sentences, context.entities, quoted,
                        context.tokens, context.tags.entity)
    current: tuple[int, int] | None = None  # the speaker of the quote before, and its end
    for quote in quotes:
        if quote.speaker is None:
            continue
        if "previous-speaker" in quote.evidence:
            if current is not None:
                quote.speaker_name = context.entities.entities[current[0]].name
                quote.speaker_entity = current[0]
                current = (current[0], quote.end)
            continue
        start, end = quote.speaker
        # "He says Lee's call to ban ... ": the owner of a reported call, promise or
        # warning is talked about, not speaking now; the next "he" is still who spoke
        owned_noun = "noun-cue" in quote.evidence
        reported = (quote.start, quote.end) if quote.kind == "indirect" else None
        result = coref.resolve(start, end, quote.speaker_kind, current=current,
                               cue=quote.cue[0] if quote.cue else None,
                               weight=POSSESSOR if owned_noun else SPEAKER, reported=reported)
        if result.evidence != "name":
            quote.evidence.append(result.evidence)
        quote.speaker_name = result.name
        if result.entity is None:
            continue
        quote.speaker_entity = result.entity
        if quote.speaker_kind == "description" and result.evidence.startswith("descriptor") and (
                context.entities.entities[result.entity].kind == "person"):
            context.entities.entities[result.entity].descriptors.append(
                (start, end, context.text[start:end]))
        if not owned_noun:
            current = (result.entity, quote.end)
