"""The editorial desk: the queue, the claim workspace, linking, evidence, review, story boards.

Every page is one template with named partials. An htmx request gets the partial it targets;
any other request gets the whole page, so every URL works without JavaScript and every action
is also a plain form post (answered with a redirect on success, or the page with its errors).
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .access import Forbidden, can_edit_claim, can_link, check_can_edit, require_perm
from .boards import links_among, sides
from .desk_forms import (
    ClaimForm,
    CounterClaimForm,
    EvidenceForm,
    LinkEditForm,
    LinkForm,
    NewClaimForm,
    QueueFilterForm,
    ReviewForm,
)
from .models import (
    ANSWERING_TYPES,
    REVERSE_LABELS,
    Actor,
    ActorAlias,
    Appearance,
    AttributionStep,
    Claim,
    ClaimLink,
    EvidenceAssessment,
    LinkType,
    ReviewState,
    Story,
)
from .query_text import query_text
from .review import TRANSITIONS, allowed_transitions, apply
from .versioning import lock_current

WORKSPACE = "claims/desk/claim.html"
UNPROCESSABLE = 422
CONFLICT = 409


def respond(request: HttpRequest, template: str, partial: str | None, context, status=200):
    """The partial for htmx, the whole page otherwise; caches keep the two apart."""
    name = f"{template}#{partial}" if request.htmx and partial else template
    response = render(request, name, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


# -- the queue -----------------------------------------------------------------------------


def queue_rows():
    answered = ClaimLink.objects.filter(target=OuterRef("pk"), type__in=ANSWERING_TYPES)
    return Claim.objects.select_related("speaker").annotate(answered=Exists(answered))


@require_GET
@require_perm("claims.view_claim")
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    claims = form.filter(queue_rows())  # an unbound or invalid form filters nothing
    page = Paginator(claims, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return respond(
        request,
        "claims/desk/queue.html",
        "results",
        {"form": form, "page": page, "query": query.urlencode()},
    )


# -- the claim workspace -------------------------------------------------------------------


def get_desk_claim(pk: int) -> Claim:
    """A claim with everything the workspace shows, in a fixed number of queries."""
    return get_object_or_404(
        Claim.objects.with_speakers()
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "appearances",
                Appearance.objects.select_related("document__outlet").prefetch_related(
                    Prefetch("attribution", AttributionStep.objects.select_related("outlet"))
                ),
            ),
            Prefetch(
                "links_in",
                ClaimLink.objects.select_related("source__speaker", "created_by").order_by(
                    "type", "pk"
                ),
            ),
            Prefetch(
                "links_out",
                ClaimLink.objects.select_related("target__speaker", "created_by").order_by(
                    "type", "pk"
                ),
            ),
            Prefetch(
                "assessments",
                EvidenceAssessment.objects.select_related(
                    "assessed_by", "evidence_document", "evidence_link"
                ),
            ),
            "stories",
        ),
        pk=pk,
    )


def link_groups(claim: Claim) -> list[dict]:
    """Links in both directions, grouped by how they read from this claim."""
    groups: dict[str, list] = defaultdict(list)
    for link in claim.links_in.all():
        groups[f"is {REVERSE_LABELS[LinkType(link.type)]}"].append((link, link.source))
    for link in claim.links_out.all():
        groups[LinkType(link.type).label].append((link, link.target))
    return [{"label": label, "items": items} for label, items in groups.items()]


def is_unanswered(claim: Claim) -> bool:
    return not any(link.type in ANSWERING_TYPES for link in claim.links_in.all())


def change_history(claim: Claim):
    """The claim's own history and that of its links, newest first."""
    claim_rows = list(claim.history.select_related("history_user")[:25])
    link_rows = list(
        ClaimLink.history.filter(Q(source_id=claim.pk) | Q(target_id=claim.pk))
        .select_related("history_user")
        .order_by("-history_date")[:25]
    )
    rows = [("claim", r) for r in claim_rows] + [("link", r) for r in link_rows]
    return sorted(rows, key=lambda row: row[1].history_date, reverse=True)[:30]


def workspace_context(request: HttpRequest, claim: Claim, **forms) -> dict:
    user = request.user
    q = query_text(request.GET.get("q"))
    candidates = (
        list(Claim.objects.select_related("speaker").candidates_for(claim, q)[:10]) if q else []
    )
    for appearance in claim.appearances.all():
        appearance.before = appearance.document.text[: appearance.start]
        appearance.after = appearance.document.text[appearance.end :]
    context = {
        "claim": claim,
        "link_types": LinkType.choices,
        "groups": link_groups(claim),
        "unanswered": is_unanswered(claim),
        "can_edit": can_edit_claim(user, claim),
        "can_link": can_link(user, claim),
        "can_change_links": user.has_perm("claims.change_claimlink"),
        "can_assess": user.has_perm("claims.add_evidenceassessment")
        and claim.review_state != ReviewState.WITHDRAWN,
        "transitions": allowed_transitions(user, claim),
        "history": change_history(claim),
        "q": q,
        "candidates": candidates,
        "link_form": forms.get("link_form") or LinkForm(claim=claim),
        "counter_form": forms.get("counter_form") or CounterClaimForm(claim=claim),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(claim=claim),
        "review_form": forms.get("review_form") or ReviewForm(initial={"version": claim.version}),
    }
    return context


@require_GET
@require_perm("claims.view_claim")
def claim_workspace(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_desk_claim(pk)
    return respond(request, WORKSPACE, None, workspace_context(request, claim))


@require_GET
@require_perm("claims.view_claim")
def candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """Candidate claims for the link form, as the editor types."""
    claim = get_object_or_404(Claim.objects.prefetch_related("stories"), pk=pk)
    q = query_text(request.GET.get("q"))
    found = list(Claim.objects.select_related("speaker").candidates_for(claim, q)[:10]) if q else []
    if not request.htmx:
        return redirect(f"{reverse('desk:claim', args=[pk])}?q={q}#link")
    return respond(request, WORKSPACE, "candidates", {"claim": claim, "candidates": found, "q": q})


def workspace_redirect(claim: Claim, anchor: str) -> HttpResponse:
    return redirect(f"{reverse('desk:claim', args=[claim.pk])}#{anchor}")


def workspace_errors(request, claim: Claim, partial: str, status: int, **forms) -> HttpResponse:
    fresh = get_desk_claim(claim.pk)
    return respond(request, WORKSPACE, partial, workspace_context(request, fresh, **forms), status)


def links_updated(request, claim: Claim, message: str) -> HttpResponse:
    if request.htmx:
        fresh = get_desk_claim(claim.pk)
        context = workspace_context(request, fresh)
        context["link_message"] = message
        return respond(request, WORKSPACE, "links", context)
    messages.success(request, message)
    return workspace_redirect(claim, "links")


def check_may_link(user, claim: Claim) -> None:
    if not can_link(user, claim):
        raise Forbidden(
            "You may link claims only from your own drafts; linking this claim needs an editor."
        )


@require_POST
@require_perm("claims.add_claimlink")
def link_create(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    check_may_link(request.user, claim)
    form = LinkForm(request.POST, claim=claim)
    if not form.is_valid():
        return workspace_errors(request, claim, "links", UNPROCESSABLE, link_form=form)
    link = form.link
    link.created_by = request.user
    link.save()
    other = link.source if link.target_id == claim.pk else link.target
    return links_updated(request, claim, f"Linked: {other.speaker} — {link}.")


@require_POST
@require_perm("claims.add_claimlink")
def counter_claim_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a claim not yet in the ledger, with its appearance, and link it in one step."""
    claim = get_object_or_404(Claim, pk=pk)
    check_may_link(request.user, claim)
    form = CounterClaimForm(request.POST, claim=claim)
    if not valid_new_claim(form, request.user):
        return workspace_errors(request, claim, "links", UNPROCESSABLE, counter_form=form)
    with transaction.atomic():
        new_claim = create_claim(request.user, form.cleaned_data)
        link = form.build_link(claim, new_claim, request.user)
        link.full_clean()
        link.save()
    return links_updated(request, claim, f"Recorded and linked: {new_claim}.")


def valid_new_claim(form: NewClaimForm, user) -> bool:
    """Validate a new claim's form; a new speaker also needs the right to add speakers."""
    if not form.is_valid():
        return False
    if form.cleaned_data["speaker"] is None and not user.has_perm("claims.add_actor"):
        form.add_error("speaker_name", "You may not record new speakers; ask an editor.")
        return False
    return True


def create_claim(user, data: dict) -> Claim:
    """A new draft claim with its speaker (created if new) and its located appearance."""
    speaker = data["speaker"]
    if speaker is None:
        speaker = Actor(name=data["speaker_name"], kind=data["new_speaker_kind"])
        speaker.full_clean()
        speaker.save()
    asserted, asserted_precision = data["asserted"]
    event, event_precision = data["event"]
    claim = Claim(
        speaker=speaker,
        proposition=" ".join(data["proposition"].split()),
        role_as_reported=data.get("role_as_reported", ""),
        speech_act=data["speech_act"],
        asserted_on=asserted,
        asserted_precision=asserted_precision,
        event_on=event,
        event_precision=event_precision,
        created_by=user,
    )
    claim.full_clean()
    claim.save()
    appearance = Appearance(claim=claim, document=data["document"], mode=data["mode"])
    appearance.set_span(data["span"].start, data["span"].end)
    appearance.full_clean()
    appearance.save()
    return claim


def get_link_for_change(request, link_pk: int) -> tuple[ClaimLink, Claim]:
    link = get_object_or_404(ClaimLink.objects.select_related("source", "target"), pk=link_pk)
    anchor_pk = request.POST.get("claim") or request.GET.get("claim")
    anchor = link.target if str(link.target_id) == str(anchor_pk) else link.source
    if anchor.review_state == "withdrawn" and not request.user.has_perm("claims.publish_claim"):
        raise Forbidden("Links of a withdrawn claim are kept as they were.")
    return link, anchor


@require_POST
@require_perm("claims.change_claimlink")
def link_update(request: HttpRequest, link_pk: int) -> HttpResponse:
    link, claim = get_link_for_change(request, link_pk)
    with transaction.atomic():
        form = LinkEditForm(request.POST, instance=link)
        if form.is_valid():
            form.save()
            return links_updated(request, claim, f"Link changed: {link}.")
    status = CONFLICT if form.is_stale else UNPROCESSABLE
    context_form = {"edit_form": form, "edit_link": link}
    fresh = get_desk_claim(claim.pk)
    context = workspace_context(request, fresh)
    context.update(context_form)
    return respond(request, WORKSPACE, "links", context, status=status)


@require_POST
@require_perm("claims.delete_claimlink")
def link_delete(request: HttpRequest, link_pk: int) -> HttpResponse:
    link, claim = get_link_for_change(request, link_pk)
    if link.assessments.exists():
        messages.error(request, "An evidence assessment rests on this link; it stays.")
        fresh = get_desk_claim(claim.pk)
        context = workspace_context(request, fresh)
        context["link_error"] = "An evidence assessment rests on this link, so it cannot go."
        return respond(request, WORKSPACE, "links", context, status=CONFLICT)
    text = str(link)
    link.delete()
    return links_updated(request, claim, f"Link removed: {text}.")


# -- editing, evidence and review ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_perm("claims.view_claim")
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.with_speakers(), pk=pk)
    check_can_edit(request.user, claim)
    status = 200
    if request.method == "POST":
        with transaction.atomic():
            form = ClaimForm(request.POST, instance=claim)
            if form.is_valid():
                form.save()
                messages.success(request, "Claim saved.")
                return workspace_redirect(claim, "summary")
        status = CONFLICT if form.is_stale else UNPROCESSABLE
    else:
        form = ClaimForm(instance=claim)
    return respond(
        request, "claims/desk/claim_edit.html", "form", {"claim": claim, "form": form}, status
    )


@require_POST
@require_perm("claims.add_evidenceassessment")
def evidence_create(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    if claim.review_state == ReviewState.WITHDRAWN:
        raise Forbidden("This claim was withdrawn: its evidence record is kept as it was.")
    form = EvidenceForm(request.POST, claim=claim)
    if not form.is_valid():
        return workspace_errors(request, claim, "evidence", UNPROCESSABLE, evidence_form=form)
    assessment = form.save(commit=False)
    assessment.claim = claim
    assessment.assessed_by = request.user
    assessment.save()
    if request.htmx:
        return respond(
            request, WORKSPACE, "evidence", workspace_context(request, get_desk_claim(pk))
        )
    messages.success(request, f"Evidence status: {assessment.get_status_display()}.")
    return workspace_redirect(claim, "evidence")


@require_POST
@require_perm("claims.view_claim")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return workspace_errors(request, claim, "review", UNPROCESSABLE, review_form=form)
    transition = TRANSITIONS[form.cleaned_data["action"]]
    if not request.user.has_perm(transition.permission):
        raise Forbidden(f"Your role may not “{transition.label.lower()}”: that is a reviewer's.")
    with transaction.atomic():
        current = lock_current(claim)
        if current.version != form.cleaned_data["version"]:
            form.add_error(
                None,
                "Someone else changed this claim after you opened it. Look at its current state "
                "below, then choose again.",
            )
            return workspace_errors(request, claim, "review", CONFLICT, review_form=form)
        if current.review_state != transition.source:
            form.add_error(
                None,
                f"This claim is {current.get_review_state_display().lower()}; "
                f"“{transition.label}” applies only to claims "
                f"{dict(Claim._meta.get_field('review_state').choices)[transition.source].lower()}.",
            )
            return workspace_errors(request, claim, "review", CONFLICT, review_form=form)
        apply(current, transition, form.cleaned_data["note"].strip())
    messages.success(request, f"{transition.label}: done.")
    return workspace_redirect(claim, "summary")


# -- new claims, speakers, story boards ----------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_perm("claims.add_claim")
def claim_create(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = NewClaimForm(request.POST)
        if valid_new_claim(form, request.user):
            with transaction.atomic():
                claim = create_claim(request.user, form.cleaned_data)
            messages.success(request, "Claim recorded as a draft.")
            return workspace_redirect(claim, "summary")
        status = UNPROCESSABLE
    else:
        form = NewClaimForm(
            initial={
                "document": request.GET.get("document"),
                "passage": request.GET.get("passage", "")[:20000],
            }
        )
    return respond(request, "claims/desk/claim_new.html", "form", {"form": form}, status)


@require_GET
@require_perm("claims.view_claim")
def speaker_options(request: HttpRequest) -> HttpResponse:
    """Speaker names and aliases for the autocomplete list, as the editor types."""
    q = query_text(request.GET.get("speaker_name"), limit=100)
    names: list[str] = []
    if len(q) >= 2:
        names = list(
            Actor.objects.filter(name__icontains=q)
            .order_by("name")
            .values_list("name", flat=True)[:10]
        ) + list(
            ActorAlias.objects.filter(name__icontains=q)
            .order_by("name")
            .values_list("name", flat=True)[:10]
        )
    response = render(request, "claims/desk/speaker_options.html", {"names": names})
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@require_perm("claims.view_claim")
def story_board(request: HttpRequest, slug: str) -> HttpResponse:
    story = get_object_or_404(Story, slug=slug)
    answered = ClaimLink.objects.filter(target=OuterRef("pk"), type__in=ANSWERING_TYPES)
    claims = list(
        story.claims.with_speakers()
        .annotate(answered=Exists(answered))
        .order_by("asserted_on", "pk")
    )
    links = links_among(claims, ClaimLink.objects.all())
    columns = sides(claims)
    return respond(
        request,
        "claims/desk/story_board.html",
        None,
        {
            "story": story,
            "columns": columns,
            "links": links,
            "unanswered": [c for c in claims if not c.answered],
            "stories": Story.objects.order_by("title"),
        },
    )
