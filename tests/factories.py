"""Small builders for ledger rows, used across the tests."""

from __future__ import annotations

import itertools

from claims.models import (
    Actor,
    Appearance,
    Claim,
    ClaimLink,
    EvidenceAssessment,
    ReviewState,
    SpeechAct,
    Story,
)
from sources.models import Document, Outlet

_seq = itertools.count(1)

ARTICLE = (
    "The ministry said the convoy was struck at dawn. "
    "A rebel commander denied that his fighters fired on the convoy. "
    "Officials said “the strike was deliberate” — and promised an inquiry."
)


def outlet(name: str | None = None, **fields) -> Outlet:
    return Outlet.objects.create(name=name or f"Outlet {next(_seq)}", **fields)


def document(text: str = ARTICLE, **fields) -> Document:
    fields.setdefault("title", f"Report {next(_seq)}")
    return Document.objects.create(text=text, **fields)


def actor(name: str | None = None, kind: str = Actor.Kind.PERSON, **fields) -> Actor:
    return Actor.objects.create(name=name or f"Speaker {next(_seq)}", kind=kind, **fields)


def claim(
    speaker: Actor | None = None,
    *,
    proposition: str | None = None,
    review_state: str = ReviewState.PUBLISHED,
    speech_act: str = SpeechAct.STATEMENT,
    **fields,
) -> Claim:
    return Claim.objects.create(
        speaker=speaker or actor(),
        proposition=proposition or f"Something asserted, number {next(_seq)}.",
        review_state=review_state,
        speech_act=speech_act,
        **fields,
    )


def appearance(claim_: Claim, doc: Document, passage: str, **fields) -> Appearance:
    item = Appearance(claim=claim_, document=doc, **fields)
    item.anchor(passage)
    item.save()
    return item


def link(source: Claim, target: Claim, type: str = "denies", **fields) -> ClaimLink:
    return ClaimLink.objects.create(source=source, target=target, type=type, **fields)


def assessment(claim_: Claim, status: str = "no_evidence", **fields) -> EvidenceAssessment:
    fields.setdefault("rationale", "No evidence was offered.")
    return EvidenceAssessment.objects.create(claim=claim_, status=status, **fields)


def story(title: str | None = None) -> Story:
    return Story.objects.create(title=title or f"Story {next(_seq)}")
