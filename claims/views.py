"""Public, read-only pages. Every query starts from ``Claim.objects.published()``."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from sources.models import Document

from .models import Actor, Appearance, AttributionStep, Claim, ClaimLink, Story


def _published_claims():
    return Claim.objects.published().with_speakers()


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    claims = _published_claims().order_by("asserted_on", "pk")
    return render(request, "claims/home.html", {"claims": claims})


def get_public_claim(pk: int) -> Claim:
    """A published claim with everything its page shows, in a fixed number of queries."""
    published = Claim.objects.published()
    queryset = _published_claims().prefetch_related(
        Prefetch(
            "appearances",
            queryset=Appearance.objects.select_related("document__outlet").prefetch_related(
                Prefetch("attribution", AttributionStep.objects.select_related("outlet"))
            ),
        ),
        Prefetch(
            "links_in",
            queryset=ClaimLink.objects.filter(source__in=published).select_related(
                "source__speaker"
            ),
        ),
        Prefetch(
            "links_out",
            queryset=ClaimLink.objects.filter(target__in=published).select_related(
                "target__speaker"
            ),
        ),
        "assessments",
    )
    return get_object_or_404(queryset, pk=pk)


@require_safe
def claim_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    claim = get_public_claim(pk)
    if slug != claim.slug:
        return redirect(claim, permanent=True)
    return render(request, "claims/claim_detail.html", {"claim": claim})


@require_safe
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor, slug=slug)
    claims = _published_claims().filter(speaker=actor)
    return render(request, "claims/actor_detail.html", {"actor": actor, "claims": claims})


@require_safe
def story_detail(request: HttpRequest, slug: str) -> HttpResponse:
    story = get_object_or_404(Story.objects.published(), slug=slug)
    claims = _published_claims().filter(stories=story).order_by("asserted_on", "pk")
    return render(request, "claims/story_detail.html", {"story": story, "claims": claims})


@require_safe
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.with_outlet(), pk=pk)
    appearances = (
        Appearance.objects.filter(document=document, claim__in=Claim.objects.published())
        .select_related("claim__speaker")
        .order_by("start")
    )
    return render(
        request,
        "claims/document_detail.html",
        {"document": document, "appearances": appearances},
    )
