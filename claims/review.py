"""The review workflow: draft -> in review -> published, sent back with a comment, withdrawn
with a public correction note. Never a silent delete."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from .models import Claim, ReviewState


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    source: str
    target: str
    permission: str
    note: str = ""  # what the required text is called; empty when none is needed


TRANSITIONS = {
    t.action: t
    for t in [
        Transition(
            "submit",
            "Submit for review",
            ReviewState.DRAFT,
            ReviewState.IN_REVIEW,
            "claims.submit_claim",
        ),
        Transition(
            "publish",
            "Publish",
            ReviewState.IN_REVIEW,
            ReviewState.PUBLISHED,
            "claims.publish_claim",
        ),
        Transition(
            "send_back",
            "Send back to draft",
            ReviewState.IN_REVIEW,
            ReviewState.DRAFT,
            "claims.publish_claim",
            note="comment for the editor",
        ),
        Transition(
            "withdraw",
            "Withdraw",
            ReviewState.PUBLISHED,
            ReviewState.WITHDRAWN,
            "claims.publish_claim",
            note="public correction note",
        ),
    ]
}


def allowed_transitions(user, claim: Claim) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS.values()
        if t.source == claim.review_state and user.has_perm(t.permission)
    ]


def apply(claim: Claim, transition: Transition, note: str) -> None:
    """Move ``claim`` (already locked and version-checked by the caller) and save it once."""
    claim.review_state = transition.target
    if transition.action == "publish":
        claim.published_at = timezone.now()
    if transition.action == "withdraw":
        claim.correction_note = note
    claim.version += 1
    claim._change_reason = f"{transition.label}" + (f": {note}" if note else "")
    claim.save()
