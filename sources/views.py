"""Documents on the editorial desk: add by pasting or uploading, read with spans marked."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_http_methods

from claims.access import Forbidden, require_perm
from claims.desk import respond
from claims.models import Appearance

from .forms import DocumentForm
from .highlight import segments
from .models import Document


@require_http_methods(["GET", "POST"])
@require_perm("sources.view_document")
def document_list(request: HttpRequest) -> HttpResponse:
    status = 200
    form = DocumentForm()
    if request.method == "POST":
        if not request.user.has_perm("sources.add_document"):
            raise Forbidden("Your account may not add documents.")
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            document = form.save()
            messages.success(request, f"Document added: {document}.")
            return redirect("desk:document", pk=document.pk)
        status = 422
    documents = Paginator(
        Document.objects.with_outlet()
        .defer("text")
        .annotate(n_appearances=Count("appearances"))
        .order_by("-created_at"),
        25,
    ).get_page(request.GET.get("page"))
    return respond(
        request,
        "sources/desk/documents.html",
        "add",
        {"form": form, "documents": documents},
        status,
    )


@require_GET
@require_perm("sources.view_document")
def document_read(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.with_outlet(), pk=pk)
    appearances = list(
        Appearance.objects.filter(document=document, orphaned=False)
        .select_related("claim__speaker")
        .order_by("start")
    )
    orphaned = Appearance.objects.filter(document=document, orphaned=True).select_related(
        "claim__speaker"
    )
    return respond(
        request,
        "sources/desk/document.html",
        None,
        {
            "document": document,
            "segments": segments(document.text, [(a.start, a.end, a) for a in appearances]),
            "appearances": appearances,
            "orphaned": orphaned,
        },
    )
