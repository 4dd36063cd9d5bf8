"""schema.org ClaimReview for an assessed claim, as an inert JSON-LD block."""

from __future__ import annotations

import json

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from sources import dates

from .models import ActorKind, Claim, EvidenceStatus

# The same escapes as Django's json_script: nothing inside can close the <script> element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# Our statuses on schema.org's 1 (false) to 5 (true) scale; unknowns carry no number.
_RATING = {EvidenceStatus.CONTRADICTED: 1, EvidenceStatus.CORROBORATED: 5}


def claim_review_data(request: HttpRequest, claim: Claim) -> dict | None:
    assessments = list(claim.assessments.all())
    if claim.evidence_status == EvidenceStatus.NOT_ASSESSED or not assessments:
        return None
    latest = assessments[0]
    url = request.build_absolute_uri(claim.get_absolute_url())
    author_type = "Person" if claim.speaker.kind == ActorKind.PERSON else "Organization"
    appearances = [
        {
            "@type": "CreativeWork",
            "url": a.document.url or request.build_absolute_uri(a.document.get_absolute_url()),
            "headline": a.document.title,
            **(
                {"publisher": {"@type": "Organization", "name": a.document.outlet.name}}
                if a.document.outlet
                else {}
            ),
        }
        for a in claim.appearances.all()
    ]
    item = {
        "@type": "Claim",
        "author": {"@type": author_type, "name": claim.speaker.name},
        "datePublished": dates.iso(claim.asserted_on, claim.asserted_precision) or None,
        "appearance": appearances,
    }
    if appearances:
        item["firstAppearance"] = appearances[0]
    rating = {
        "@type": "Rating",
        "alternateName": claim.get_evidence_status_display(),
        "ratingExplanation": latest.rationale,
    }
    if claim.evidence_status in _RATING:
        rating.update(ratingValue=_RATING[claim.evidence_status], bestRating=5, worstRating=1)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.proposition,
        "datePublished": latest.assessed_at.date().isoformat(),
        "author": {"@type": "Organization", "name": "Counterclaim"},
        "itemReviewed": {k: v for k, v in item.items() if v is not None},
        "reviewRating": rating,
    }


def claim_review(request: HttpRequest, claim: Claim) -> SafeString | None:
    data = claim_review_data(request, claim)
    if data is None:
        return None
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
