from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Q
from simple_history.admin import SimpleHistoryAdmin

from claims.admin_widgets import SafeAutocompleteMixin
from claims.versioning import VersionedModelForm

from .models import Document, Outlet


@admin.register(Outlet)
class OutletAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "url", "document_count"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_documents=Count("documents"))

    @admin.display(description="documents", ordering="n_documents")
    def document_count(self, obj):
        return obj.n_documents


@admin.register(Document)
class DocumentAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    form = VersionedModelForm
    list_display = ["title", "outlet", "published_on", "appearance_count", "orphaned_count"]
    list_select_related = ["outlet"]
    list_filter = ["outlet", "published_precision"]
    search_fields = ["title", "url", "outlet__name"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["content_hash", "created_at", "updated_at"]
    fields = [
        "title",
        "outlet",
        "url",
        ("published_on", "published_precision"),
        "text",
        "base_version",
        "content_hash",
        "created_at",
        "updated_at",
    ]
    date_hierarchy = "published_on"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_appearances=Count("appearances"),
                n_orphaned=Count("appearances", filter=Q(appearances__orphaned=True)),
            )
        )

    @admin.display(description="appearances", ordering="n_appearances")
    def appearance_count(self, obj):
        return obj.n_appearances

    @admin.display(description="orphaned", ordering="n_orphaned")
    def orphaned_count(self, obj):
        return obj.n_orphaned

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and obj.text_changed:
            orphaned = obj.appearances.filter(orphaned=True).count()
            if orphaned:
                messages.warning(
                    request,
                    f"The text changed: {orphaned} appearance(s) no longer match their words "
                    "and are flagged orphaned. Re-anchor them from each appearance's page.",
                )
