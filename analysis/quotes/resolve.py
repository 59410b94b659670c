"""Speakers linked to entities: a quote with no frame takes the nearest speaker, and
every speaker mention is resolved through :mod:`analysis.mentions`."""

from __future__ import annotations

import re

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
    """Each quote's speaker mention linked to an entity of ``context.entities`` (a new
    one for an unknown name), preferring the current speaker; the quote's
    ``speaker_name`` and ``speaker_entity`` are set and the linking noted in its evidence."""
    text, index = context.text, context.entities
    current: int | None = None
    for quote in quotes:
        if quote.speaker is None:
            continue
        start, end = quote.speaker
        mention = text[start:end]
        if "previous-speaker" in quote.evidence:
            if current is not None:
                quote.speaker_name = index.entities[current].name
                quote.speaker_entity = current
            continue
        kind = quote.speaker_kind
        if mention.lower() == "who":
            # "Smith, who said ...": the name right before the relative pronoun
            antecedent = index.last_mention(max(0, start - 60), start)
            entity_id = index.entity_at(antecedent[0]) if antecedent else None
            how = "relative-pronoun" if entity_id is not None else "relative-unresolved"
        else:
            entity_id, how = index.resolve(mention, kind, start, preferred=current)
        if entity_id is None and kind == "name":
            entity_id = index.add_name(start, end, -1)
            how = "name (new)"
        if entity_id is None and kind == "description":
            # a description that names nobody known is its own speaker ("the poll")
            quote.speaker_name = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I)
            quote.evidence.append("description")
            continue
        if entity_id is None:
            quote.evidence.append(how)
            continue
        entity = index.entities[entity_id]
        quote.speaker_name = entity.name
        quote.speaker_entity = entity_id
        if kind != "name":
            quote.evidence.append(how)
            if kind == "description":
                entity.descriptors.append((start, end, mention))
        current = entity_id
