"""A story seen whole: its claims grouped by party, and the links among them.
Shared by the desk's story board and the public story page."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Actor, Claim, ClaimLink


def party_of(claim: Claim) -> Actor:
    """The side a claim speaks for: whom the speaker spoke for, or the speaker."""
    return claim.on_behalf_of or claim.speaker


def sides(claims: list[Claim]) -> list[dict]:
    """Claims grouped by party, the largest side first."""
    parties: dict[int, dict] = {}
    for claim in claims:
        party = party_of(claim)
        parties.setdefault(party.pk, {"party": party, "claims": []})["claims"].append(claim)
    return sorted(parties.values(), key=lambda p: (-len(p["claims"]), p["party"].name))


def links_among(claims: list[Claim], links: QuerySet[ClaimLink]) -> list[ClaimLink]:
    ids = [claim.pk for claim in claims]
    return list(
        links.filter(source_id__in=ids, target_id__in=ids)
        .select_related("source__speaker", "target__speaker")
        .order_by("target__asserted_on", "pk")
    )
