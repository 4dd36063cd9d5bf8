"""Public, read-only pages. Every query starts from ``Claim.objects.published()`` (or the
public speakers and documents derived from it), and every page answers GET and HEAD only,
with an ETag and Last-Modified taken from the ledger revision."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter, defaultdict
from functools import wraps

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from sources import dates
from sources.highlight import segments
from sources.models import Document

from . import jsonld
from .boards import links_among, sides
from .models import (
    REVERSE_LABELS,
    Actor,
    ActorAlias,
    Appearance,
    AttributionStep,
    Claim,
    ClaimLink,
    EvidenceStatus,
    LedgerRevision,
    LinkType,
    ReviewState,
    Role,
    Story,
)
from .query_text import query_text

COUNTER_TYPES = (LinkType.DENIES, LinkType.DISPUTES, LinkType.COUNTER_ACCUSES)

# -- what the public may see ----------------------------------------------------------------


def published_claims():
    return Claim.objects.published().with_speakers()


def published_links():
    """Links whose two ends are both published."""
    return ClaimLink.objects.filter(
        source__review_state=ReviewState.PUBLISHED, target__review_state=ReviewState.PUBLISHED
    )


def public_speakers():
    return Actor.objects.filter(Exists(Claim.objects.published().filter(speaker=OuterRef("pk"))))


def public_documents():
    return Document.objects.filter(
        Exists(
            Appearance.objects.filter(
                document=OuterRef("pk"), claim__review_state=ReviewState.PUBLISHED
            )
        )
    )


# -- caching --------------------------------------------------------------------------------


def public_page(view):
    """GET and HEAD only; ETag and Last-Modified from the ledger revision (304 when the reader
    already has this version); shared caches may keep the page but must revalidate it."""

    @require_safe
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        revision = LedgerRevision.current()
        digest = hashlib.sha256(f"{revision.number}:{request.get_full_path()}".encode())
        etag = quote_etag(digest.hexdigest()[:32])
        last_modified = int(revision.changed_at.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                response["ETag"] = etag
                response["Last-Modified"] = http_date(last_modified)
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response

    return wrapped


# -- pages ----------------------------------------------------------------------------------


@public_page
def home(request: HttpRequest) -> HttpResponse:
    is_published = Q(claims__review_state=ReviewState.PUBLISHED)
    stories = (
        Story.objects.published()
        .annotate(
            n_claims=Count("claims", filter=is_published),
            latest=Max("claims__published_at", filter=is_published),
        )
        .order_by("-latest", "title")[:8]
    )
    disputed = (
        published_claims()
        .annotate(
            n_counter=Count(
                "links_in",
                filter=Q(
                    links_in__type__in=COUNTER_TYPES,
                    links_in__source__review_state=ReviewState.PUBLISHED,
                ),
            )
        )
        .filter(n_counter__gt=0)
        .order_by("-n_counter", "-published_at", "-pk")[:10]
    )
    unanswered = (
        published_claims()
        .unanswered(published_answers_only=True)
        .order_by("-published_at", "-pk")[:10]
    )
    return render(
        request,
        "claims/home.html",
        {"stories": stories, "disputed": disputed, "unanswered": unanswered},
    )


def get_public_claim(pk: int) -> Claim:
    """A published claim with everything its page shows, in a fixed number of queries.

    The other end of each link is checked by its key (``EXISTS``), not against the set of
    all published claims, which at a million claims is most of the table."""
    published = Claim.objects.published()
    queryset = published_claims().prefetch_related(
        Prefetch(
            "appearances",
            queryset=Appearance.objects.select_related("document__outlet").prefetch_related(
                Prefetch("attribution", AttributionStep.objects.select_related("outlet"))
            ),
        ),
        Prefetch(
            "links_in",
            queryset=ClaimLink.objects.filter(
                Exists(published.filter(pk=OuterRef("source_id")))
            ).select_related("source__speaker", "source__on_behalf_of"),
        ),
        Prefetch(
            "links_out",
            queryset=ClaimLink.objects.filter(
                Exists(published.filter(pk=OuterRef("target_id")))
            ).select_related("target__speaker", "target__on_behalf_of"),
        ),
        "assessments",
    )
    return get_object_or_404(queryset, pk=pk)


def grouped(links, label_of, other_of) -> list[dict]:
    groups: dict[str, list] = defaultdict(list)
    for link in links:
        groups[label_of(link)].append((link, other_of(link)))
    return [{"label": label, "items": items} for label, items in groups.items()]


@public_page
def claim_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    claim = get_public_claim(pk)
    if slug != claim.slug:
        return redirect(claim, permanent=True)
    links_in = list(claim.links_in.all())
    corrections = [link for link in links_in if link.type in (LinkType.CORRECTS, LinkType.RETRACTS)]
    context = {
        "claim": claim,
        "answered_by": grouped(
            links_in, lambda link: REVERSE_LABELS[LinkType(link.type)], lambda link: link.source
        ),
        "answers": grouped(
            claim.links_out.all(), lambda link: LinkType(link.type).label, lambda link: link.target
        ),
        "corrections": corrections,
        "jsonld": jsonld.claim_review(request, claim),
        "canonical": request.build_absolute_uri(claim.get_absolute_url()),
    }
    return render(request, "claims/claim_detail.html", context)


@public_page
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(
        public_speakers().prefetch_related(
            Prefetch("aliases", ActorAlias.objects.order_by("name")),
            Prefetch("roles", Role.objects.select_related("organisation")),
        ),
        slug=slug,
    )
    claims = list(
        published_claims()
        .filter(speaker=actor)
        .prefetch_related(
            Prefetch(
                "links_out",
                ClaimLink.objects.filter(target__review_state=ReviewState.PUBLISHED).select_related(
                    "target__speaker"
                ),
            )
        )
        .order_by("-asserted_on", "-pk")
    )
    denials = [
        c
        for c in claims
        if c.speech_act == "denial" or any(link.type == "denies" for link in c.links_out.all())
    ]
    disputes = [c for c in claims if any(link.type == "disputes" for link in c.links_out.all())]
    counts = Counter(c.evidence_status for c in claims)
    breakdown = [(label, counts[value]) for value, label in EvidenceStatus.choices if counts[value]]
    return render(
        request,
        "claims/actor_detail.html",
        {
            "actor": actor,
            "claims": claims,
            "denials": denials,
            "disputes": disputes,
            "breakdown": breakdown,
            "canonical": request.build_absolute_uri(actor.get_absolute_url()),
        },
    )


@public_page
def story_detail(request: HttpRequest, slug: str) -> HttpResponse:
    story = get_object_or_404(Story.objects.published(), slug=slug)
    answers = ClaimLink.objects.filter(
        target=OuterRef("pk"),
        type__in=[*COUNTER_TYPES, LinkType.CORROBORATES, LinkType.RESPONDS_TO],
        source__review_state=ReviewState.PUBLISHED,
    )
    claims = list(
        published_claims()
        .filter(stories=story)
        .annotate(answered=Exists(answers))
        .order_by("asserted_on", "pk")
    )
    links = links_among(claims, published_links())
    return render(
        request,
        "claims/story_detail.html",
        {
            "story": story,
            "sides": sides(claims),
            "links": links,
            "timeline": claims,
            "unanswered": [c for c in claims if not c.answered],
            "canonical": request.build_absolute_uri(story.get_absolute_url()),
        },
    )


@public_page
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(public_documents().select_related("outlet"), pk=pk)
    appearances = list(
        Appearance.objects.filter(
            document=document, claim__review_state=ReviewState.PUBLISHED, orphaned=False
        )
        .select_related("claim__speaker", "claim__on_behalf_of")
        .order_by("start")
    )
    return render(
        request,
        "claims/document_detail.html",
        {
            "document": document,
            "appearances": appearances,
            "segments": segments(document.text, [(a.start, a.end, a) for a in appearances]),
            "canonical": request.build_absolute_uri(document.get_absolute_url()),
        },
    )


@public_page
def search(request: HttpRequest) -> HttpResponse:
    q = query_text(request.GET.get("q"))
    claims = speakers = documents = []
    if q:
        claims = list(published_claims().search(q, exhaustive=False)[:50])
        speakers = list(
            public_speakers()
            .filter(Q(name__icontains=q) | Q(aliases__name__icontains=q))
            .distinct()
            .order_by("name")[:20]
        )
        documents = list(
            public_documents().filter(title__icontains=q).select_related("outlet")[:20]
        )
    return render(
        request,
        "claims/search.html",
        {"q": q, "claims": claims, "speakers": speakers, "documents": documents},
    )


# -- machine-readable -----------------------------------------------------------------------

EXPORT_FIELDS = [
    "id",
    "url",
    "proposition",
    "speaker",
    "on_behalf_of",
    "role_as_reported",
    "speech_act",
    "asserted",
    "event",
    "evidence_status",
    "published_at",
]


def export_row(request: HttpRequest, claim: Claim) -> dict:
    return {
        "id": claim.pk,
        "url": request.build_absolute_uri(claim.get_absolute_url()),
        "proposition": claim.proposition,
        "speaker": claim.speaker.name,
        "on_behalf_of": claim.on_behalf_of.name if claim.on_behalf_of else "",
        "role_as_reported": claim.role_as_reported,
        "speech_act": claim.speech_act,
        "asserted": dates.iso(claim.asserted_on, claim.asserted_precision),
        "event": dates.iso(claim.event_on, claim.event_precision),
        "evidence_status": claim.evidence_status,
        "published_at": claim.published_at.isoformat() if claim.published_at else "",
    }


def export_querysets(story: Story | None):
    claims = Claim.objects.published().select_related("speaker", "on_behalf_of").order_by("pk")
    links = published_links().order_by("pk")
    if story is not None:
        claims = claims.filter(stories=story)
        in_story = Claim.objects.filter(stories=story).values("pk")
        links = links.filter(source__in=in_story, target__in=in_story)
    return claims, links


def link_row(link: ClaimLink) -> dict:
    return {
        "source": link.source_id,
        "type": link.type,
        "reads": f"{link.source_id} {LinkType(link.type).label} {link.target_id}",
        "target": link.target_id,
        "note": link.note,
    }


class _Echo:
    def write(self, value):
        return value


def stream_json(request, claims, links, meta: dict):
    yield json.dumps(meta)[:-1] + ', "claims": ['
    for i, claim in enumerate(claims.iterator(chunk_size=2000)):
        yield ("," if i else "") + json.dumps(export_row(request, claim))
    yield '], "links": ['
    for i, link in enumerate(links.iterator(chunk_size=5000)):
        yield ("," if i else "") + json.dumps(link_row(link))
    yield "]}"


def stream_csv(request, claims, links):
    """One row per claim, its typed links in two columns (answers, answered by)."""
    writer = csv.writer(_Echo())
    answers: dict[int, list[str]] = defaultdict(list)
    answered_by: dict[int, list[str]] = defaultdict(list)
    for link in links.iterator(chunk_size=5000):
        answers[link.source_id].append(f"{link.type}:{link.target_id}")
        answered_by[link.target_id].append(f"{link.type}:{link.source_id}")
    yield writer.writerow([*EXPORT_FIELDS, "answers", "answered_by"])
    for claim in claims.iterator(chunk_size=2000):
        row = export_row(request, claim)
        yield writer.writerow(
            [
                *(safe_cell(str(row[f])) for f in EXPORT_FIELDS),
                " ".join(answers.get(claim.pk, [])),
                " ".join(answered_by.get(claim.pk, [])),
            ]
        )


def safe_cell(value: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@public_page
def export(request: HttpRequest, fmt: str, slug: str | None = None) -> HttpResponse:
    if fmt not in ("json", "csv"):
        raise Http404("Exports come as .json or .csv.")
    story = get_object_or_404(Story.objects.published(), slug=slug) if slug else None
    claims, links = export_querysets(story)
    name = f"counterclaim-{slug or 'all'}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            stream_csv(request, claims, links), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    meta = {"source": request.build_absolute_uri("/"), "story": slug or None}
    return StreamingHttpResponse(
        stream_json(request, claims, links, meta), content_type="application/json"
    )
