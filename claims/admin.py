from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from simple_history.admin import SimpleHistoryAdmin

from . import search
from .admin_widgets import SafeAutocompleteMixin
from .forms import AppearanceForm, ConstrainedInlineFormSet
from .models import (
    Actor,
    ActorAlias,
    Appearance,
    AttributionStep,
    Claim,
    ClaimLink,
    EvidenceAssessment,
    Role,
    Story,
)
from .versioning import VersionedModelForm


class LedgerInline(SafeAutocompleteMixin):
    formset = ConstrainedInlineFormSet


class AliasInline(LedgerInline, admin.TabularInline):
    model = ActorAlias
    extra = 1


class RoleInline(LedgerInline, admin.TabularInline):
    model = Role
    fk_name = "actor"
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(Actor)
class ActorAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, RoleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_claims=Count("claims", distinct=True))

    @admin.display(description="claims", ordering="n_claims")
    def claim_count(self, obj):
        return obj.n_claims


@admin.register(ActorAlias)
class ActorAliasAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "actor"]
    list_select_related = ["actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]


@admin.register(Role)
class RoleAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    list_display = ["actor", "title", "organisation", "start_on", "end_on"]
    list_select_related = ["actor", "organisation"]
    list_filter = ["organisation__kind"]
    search_fields = ["title", "actor__name", "organisation__name"]
    autocomplete_fields = ["actor", "organisation"]


@admin.register(Story)
class StoryAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    list_display = ["title", "claim_count", "created_at"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_claims=Count("claims", distinct=True))

    @admin.display(description="claims", ordering="n_claims")
    def claim_count(self, obj):
        return obj.n_claims


class AppearanceInline(LedgerInline, admin.StackedInline):
    model = Appearance
    form = AppearanceForm
    extra = 0
    autocomplete_fields = ["document"]
    readonly_fields = ["exact", "start", "end", "orphaned", "chain"]
    show_change_link = True
    verbose_name_plural = "appearances (edit the attribution chain from each appearance's page)"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("document")
            .prefetch_related("attribution__outlet")
        )


class LinksOutInline(LedgerInline, admin.TabularInline):
    model = ClaimLink
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    fields = ["type", "target", "note"]
    verbose_name = "link from this claim"
    verbose_name_plural = "this claim answers (links out)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("target__speaker")


class LinksInInline(LedgerInline, admin.TabularInline):
    model = ClaimLink
    fk_name = "target"
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "type", "note"]
    verbose_name = "link to this claim"
    verbose_name_plural = "answered by (links in)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source__speaker")


class AssessmentHistoryInline(LedgerInline, admin.TabularInline):
    """The evidence history: read-only, newest first."""

    model = EvidenceAssessment
    extra = 0
    can_delete = False
    fields = ["assessed_at", "status", "rationale", "evidence", "assessed_by"]
    readonly_fields = fields
    verbose_name_plural = "evidence history"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("assessed_by", "evidence_document", "evidence_link")
        )

    @admin.display(description="evidence")
    def evidence(self, obj):
        return obj.evidence_link or obj.evidence_document or obj.evidence_url or "—"


class NewAssessmentInline(LedgerInline, admin.StackedInline):
    """Changing the evidence status means adding an assessment, with its rationale."""

    model = EvidenceAssessment
    extra = 0
    max_num = 1
    can_delete = False
    fields = ["status", "rationale", "evidence_link", "evidence_document", "evidence_url"]
    autocomplete_fields = ["evidence_document"]
    raw_id_fields = ["evidence_link"]
    verbose_name = "new evidence assessment"
    verbose_name_plural = "change the evidence status"

    def get_queryset(self, request):
        return super().get_queryset(request).none()


@admin.register(Claim)
class ClaimAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    list_display = [
        "id",
        "short_proposition",
        "speaker",
        "speech_act",
        "asserted_display",
        "review_state",
        "evidence_status",
    ]
    list_display_links = ["id", "short_proposition"]
    list_select_related = ["speaker"]
    list_filter = ["review_state", "evidence_status", "speech_act", "stories"]
    # Searched with the full-text index (see get_search_results), plus an exact reference.
    search_fields = ["proposition", "speaker__name", "speaker__aliases__name", "ref"]
    autocomplete_fields = ["speaker", "role", "on_behalf_of", "stories"]
    form = VersionedModelForm
    readonly_fields = ["evidence_status", "published_at", "created_by"]

    def get_search_results(self, request, queryset, search_term):
        """Full-text search (as on the desk) or an exact reference: a scan of a million
        propositions with LIKE is not an option. The changelist keeps its own ordering."""
        term = search_term.strip()
        if not term:
            return queryset, False
        groups = search.parse(term)
        wanted = Q(ref=term)
        if groups:
            wanted |= Q(search.Matches(groups))
        return queryset.filter(wanted), False

    fieldsets = [
        (None, {"fields": ["proposition", "speech_act", "stories", "ref"]}),
        ("Speaker", {"fields": ["speaker", "role", "role_as_reported", "on_behalf_of"]}),
        (
            "Dates",
            {
                "fields": [
                    ("asserted_on", "asserted_precision"),
                    ("event_on", "event_precision"),
                ]
            },
        ),
        (
            "Review and evidence",
            {
                "fields": [
                    "review_state",
                    "published_at",
                    "correction_note",
                    "evidence_status",
                    "created_by",
                    "base_version",
                ]
            },
        ),
    ]
    inlines = [
        AppearanceInline,
        LinksOutInline,
        LinksInInline,
        AssessmentHistoryInline,
        NewAssessmentInline,
    ]

    def get_readonly_fields(self, request, obj=None):
        # Publishing and withdrawing are a reviewer's; others move claims through the desk.
        if request.user.has_perm("claims.publish_claim"):
            return self.readonly_fields
        return [*self.readonly_fields, "review_state"]

    @admin.display(description="claim", ordering="proposition")
    def short_proposition(self, obj):
        return obj.proposition[:90]

    @admin.display(description="asserted", ordering="asserted_on")
    def asserted_display(self, obj):
        return obj.asserted_display

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, EvidenceAssessment) and not instance.pk:
                instance.assessed_by = request.user
            if isinstance(instance, ClaimLink) and not instance.pk:
                instance.created_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


class AttributionInline(LedgerInline, admin.TabularInline):
    model = AttributionStep
    extra = 1
    autocomplete_fields = ["outlet"]


@admin.register(Appearance)
class AppearanceAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    form = AppearanceForm
    list_display = ["short_exact", "claim", "document", "mode", "orphaned"]
    list_select_related = ["claim__speaker", "document"]
    list_filter = ["mode", "orphaned"]
    search_fields = ["exact", "claim__proposition", "document__title"]
    autocomplete_fields = ["claim", "document"]
    readonly_fields = ["exact", "prefix", "suffix", "start", "end", "orphaned"]
    inlines = [AttributionInline]

    def get_fields(self, request, obj=None):
        return ["claim", "document", "passage", "mode", *self.readonly_fields]

    @admin.display(description="exact words", ordering="exact")
    def short_exact(self, obj):
        return obj.exact[:80]


@admin.register(AttributionStep)
class AttributionStepAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "appearance", "position", "kind", "outlet"]
    list_select_related = ["appearance__document", "outlet"]
    list_filter = ["kind", "outlet"]
    search_fields = ["venue", "wording", "outlet__name", "appearance__exact"]
    autocomplete_fields = ["outlet"]
    raw_id_fields = ["appearance"]


@admin.register(ClaimLink)
class ClaimLinkAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    form = VersionedModelForm
    list_display = ["id", "source", "type", "target", "created_by", "created_at"]
    list_select_related = ["source__speaker", "target__speaker", "created_by"]
    list_filter = ["type"]
    search_fields = ["source__proposition", "target__proposition", "note"]
    autocomplete_fields = ["source", "target"]
    readonly_fields = ["created_by", "created_at"]
    fields = ["source", "type", "target", "note", "base_version", "created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(EvidenceAssessment)
class EvidenceAssessmentAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    list_display = ["claim", "status", "assessed_at", "assessed_by"]
    list_select_related = ["claim__speaker", "assessed_by"]
    list_filter = ["status"]
    search_fields = ["claim__proposition", "rationale"]
    autocomplete_fields = ["claim", "evidence_document"]
    raw_id_fields = ["evidence_link"]
    readonly_fields = ["assessed_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assessed_by = request.user
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        # An assessment is history: once recorded it is not rewritten.
        if obj is not None:
            return [f.name for f in self.model._meta.fields]
        return self.readonly_fields
