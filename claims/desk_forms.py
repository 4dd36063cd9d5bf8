"""Forms of the editorial desk."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from sources import dates
from sources.models import Document
from sources.passages import PassageError, locate_passage

from .forms import SafeModelChoiceField, safe_formfield
from .models import (
    REVERSE_LABELS,
    Actor,
    ActorKind,
    Appearance,
    AppearanceMode,
    Claim,
    ClaimLink,
    EvidenceAssessment,
    EvidenceStatus,
    LinkType,
    ReviewState,
    SpeechAct,
    Story,
)
from .review import TRANSITIONS
from .search import BEST_FIRST
from .versioning import VersionedModelForm

# -- partial dates -------------------------------------------------------------------------


class PartialDateField(forms.CharField):
    """A date to the year, the month or the day: YYYY, YYYY-MM or YYYY-MM-DD."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", "YYYY, YYYY-MM or YYYY-MM-DD: only what is known.")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None, ""
        try:
            return dates.parse(value)
        except ValueError:
            raise ValidationError(
                "Give the date as YYYY, YYYY-MM or YYYY-MM-DD (for example 2017-09-20).",
                code="invalid",
            ) from None


class PartialDatesMixin:
    """Edits ``asserted_on``/``event_on`` and their precisions as two partial-date fields."""

    def _init_dates(self):
        instance = self.instance
        self.fields["asserted"].initial = dates.iso(
            instance.asserted_on, instance.asserted_precision
        )
        self.fields["event"].initial = dates.iso(instance.event_on, instance.event_precision)

    def _apply_dates(self, cleaned):
        for name in ("asserted", "event"):
            if name in cleaned:
                value, precision = cleaned[name]
                setattr(self.instance, f"{name}_on", value)
                setattr(self.instance, f"{name}_precision", precision)


# -- the queue -----------------------------------------------------------------------------

SORTS = {
    "relevance": BEST_FIRST,
    "-asserted": ("-asserted_on", "-pk"),
    "asserted": ("asserted_on", "pk"),
    "-updated": ("-updated_at", "-pk"),
    "speaker": ("speaker__name", "-asserted_on", "pk"),
}


class QueueFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search", max_length=200)
    story = SafeModelChoiceField(Story.objects.all(), required=False, empty_label="Any story")
    speaker = SafeModelChoiceField(Actor.objects.all(), required=False, empty_label="Any speaker")
    review_state = forms.ChoiceField(
        choices=[("", "Any review state"), *ReviewState.choices], required=False
    )
    evidence_status = forms.ChoiceField(
        choices=[("", "Any evidence status"), *EvidenceStatus.choices], required=False
    )
    speech_act = forms.ChoiceField(
        choices=[("", "Any speech act"), *SpeechAct.choices], required=False
    )
    unanswered = forms.BooleanField(required=False, label="Unanswered only")
    sort = forms.ChoiceField(
        choices=[
            ("relevance", "Best match (when searching)"),
            ("-asserted", "Newest asserted"),
            ("asserted", "Oldest asserted"),
            ("-updated", "Recently changed"),
            ("speaker", "Speaker"),
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else {}
        newest_stories = Story.objects.order_by("-created_at", "-pk")
        offer_choices(
            self.fields["story"],
            newest_stories.filter(pk__in=newest_stories.values("pk")[:OFFERED_STORIES]),
            data.get("story"),
        )
        recent = Claim.objects.order_by("-pk").values("speaker_id")[:SPEAKERS_OF_NEWEST_CLAIMS]
        offer_choices(
            self.fields["speaker"],
            Actor.objects.filter(pk__in=recent).order_by("name"),
            data.get("speaker"),
        )

    def filter(self, queryset):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("q"):
            queryset = queryset.search(data["q"])
        if data.get("story"):
            queryset = queryset.filter(stories=data["story"])
        if data.get("speaker"):
            queryset = queryset.filter(speaker=data["speaker"])
        for name in ("review_state", "evidence_status", "speech_act"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        if data.get("unanswered"):
            queryset = queryset.unanswered()
        sort = data.get("sort") or ("relevance" if data.get("q") else "-asserted")
        if sort == "relevance" and not data.get("q"):
            sort = "-asserted"
        return queryset.order_by(*SORTS[sort])


# -- editing a claim -----------------------------------------------------------------------


class ClaimForm(PartialDatesMixin, VersionedModelForm):
    asserted = PartialDateField(label="Asserted")
    event = PartialDateField(label="Event date", help_text="When the thing it is about happened.")

    class Meta:
        formfield_callback = safe_formfield
        model = Claim
        fields = [
            "proposition",
            "speech_act",
            "speaker",
            "role",
            "role_as_reported",
            "on_behalf_of",
            "stories",
        ]
        widgets = {
            "proposition": forms.Textarea(attrs={"rows": 3}),
            "stories": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_dates()
        self.fields["role"].queryset = self.fields["role"].queryset.select_related(
            "actor", "organisation"
        )

    def clean(self):
        cleaned = super().clean()
        self._apply_dates(cleaned)
        return cleaned


# -- a new claim, with its appearance found from a pasted passage ---------------------------


OFFERED_DOCUMENTS = 50
OFFERED_STORIES = 100
SPEAKERS_OF_NEWEST_CLAIMS = 2000  # the queue's speaker filter offers these claims' speakers


def offer_choices(field: forms.ModelChoiceField, offered, chosen=None) -> None:
    """Show a bounded list of choices, whatever the size of the ledger: ``offered`` (a
    queryset of candidates) and the one ``chosen`` already. Any object of the field's
    queryset is still accepted, since validation uses the whole queryset."""
    chosen = getattr(chosen, "pk", chosen)
    wanted = Q(pk__in=offered.values("pk"))
    if str(chosen or "").isdigit() and len(str(chosen)) < 19:
        wanted |= Q(pk=int(chosen))
    options = field.queryset.model.objects.filter(wanted).order_by(*offered.query.order_by)
    empty = field.empty_label
    # A callable, so the query runs only if the field is rendered (not for htmx fragments).
    field.widget.choices = lambda: [("", empty), *((o.pk, str(o)) for o in options)]


def offer_documents(field: forms.ModelChoiceField, claim: Claim | None = None, chosen=None):
    """The claim's own documents and the newest ones."""
    newest = Document.objects.order_by("-created_at", "-pk")
    offered = newest.filter(
        Q(pk__in=newest.values("pk")[:OFFERED_DOCUMENTS])
        | Q(pk__in=Appearance.objects.filter(claim=claim).values("document_id"))
    )
    offer_choices(field, offered.only("pk", "title"), chosen)


class NewClaimForm(forms.Form):
    speaker_name = forms.CharField(
        label="Speaker",
        max_length=200,
        help_text="A recorded speaker's name or alias; or a new name with its kind below.",
    )
    new_speaker_kind = forms.ChoiceField(
        label="Kind, if the speaker is new",
        choices=[("", "— not new —"), *ActorKind.choices],
        required=False,
    )
    role_as_reported = forms.CharField(label="Role as reported", max_length=300, required=False)
    speech_act = forms.ChoiceField(choices=SpeechAct.choices)
    proposition = forms.CharField(
        label="Wording",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The assertion in plain words.",
        max_length=5000,
    )
    asserted = PartialDateField(label="Asserted")
    event = PartialDateField(label="Event date")
    document = SafeModelChoiceField(
        Document.objects.only("pk", "title"), empty_label="Choose the document"
    )
    passage = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20000,
        help_text="Paste the words from the document; the server finds them.",
    )
    mode = forms.ChoiceField(choices=AppearanceMode.choices, initial=AppearanceMode.PARAPHRASE)

    def __init__(self, *args, claim: Claim | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        name = self.add_prefix("document")
        chosen = self.data.get(name) if self.is_bound else self.initial.get("document")
        offer_documents(self.fields["document"], claim, chosen)

    def clean_speaker_name(self):
        name = " ".join(self.cleaned_data["speaker_name"].split())
        if not name:
            raise ValidationError("Name the speaker.")
        return name

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("speaker_name")
        if name:
            speaker = (
                Actor.objects.filter(Q(name__iexact=name) | Q(aliases__name__iexact=name))
                .distinct()
                .first()
            )
            if speaker is None and not cleaned.get("new_speaker_kind"):
                self.add_error(
                    "speaker_name",
                    f"No speaker is recorded as “{name}”. Check the spelling, or choose the kind "
                    "of speaker to record a new one.",
                )
            cleaned["speaker"] = speaker
        document, passage = cleaned.get("document"), cleaned.get("passage")
        if document and passage:
            try:
                cleaned["span"] = locate_passage(document.text, passage)
            except PassageError as error:
                self.add_error("passage", error)
        return cleaned


# -- links ---------------------------------------------------------------------------------

RELATION_CHOICES = [
    ("This claim is …", [(f"in:{t.value}", REVERSE_LABELS[t]) for t in LinkType]),
    ("This claim …", [(f"out:{t.value}", t.label) for t in LinkType]),
]


def split_relation(relation: str) -> tuple[str, str]:
    direction, _, link_type = relation.partition(":")
    return direction, link_type


class RelationMixin(forms.Form):
    relation = forms.ChoiceField(
        choices=RELATION_CHOICES,
        initial="in:denies",
        help_text="Read it as a sentence: “This claim is denied by the chosen claim.”",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )

    def build_link(self, this: Claim, other: Claim, user) -> ClaimLink:
        direction, link_type = split_relation(self.cleaned_data["relation"])
        source, target = (other, this) if direction == "in" else (this, other)
        return ClaimLink(
            source=source,
            target=target,
            type=link_type,
            note=self.cleaned_data.get("note", ""),
            created_by=user if user is not None and user.is_authenticated else None,
        )


def check_link(link: ClaimLink) -> None:
    """Every rule a link must meet, as messages (the database holds the same rules)."""
    link.full_clean(validate_unique=False)


class LinkForm(RelationMixin):
    other = SafeModelChoiceField(
        Claim.objects.exclude(review_state=ReviewState.WITHDRAWN),
        label="The other claim",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the claim to link: search for it above.",
            "invalid_choice": "That claim cannot be linked (it does not exist or was withdrawn).",
        },
    )

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim
        self.fields["other"].queryset = self.fields["other"].queryset.only("pk")

    def clean(self):
        cleaned = super().clean()
        if "other" in cleaned and "relation" in cleaned:
            self.link = self.build_link(self.claim, cleaned["other"], None)
            try:
                check_link(self.link)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return cleaned


class CounterClaimForm(RelationMixin, NewClaimForm):
    """Record a claim that is not in the ledger yet and link it, in one step."""


class LinkEditForm(VersionedModelForm):
    class Meta:
        model = ClaimLink
        fields = ["type", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        if "type" in cleaned:
            self.instance.type = cleaned["type"]
            try:
                self.instance.validate_constraints()
                self.instance.clean()
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return cleaned


# -- evidence and review -------------------------------------------------------------------


class EvidenceForm(forms.ModelForm):
    class Meta:
        formfield_callback = safe_formfield
        model = EvidenceAssessment
        fields = ["status", "rationale", "evidence_url", "evidence_document"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 3})}
        labels = {"status": "New evidence status", "evidence_document": "Evidence document"}
        help_texts = {"evidence_url": "Optional: where the evidence is (http or https)."}

    def __init__(self, *args, claim: Claim | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rationale"].required = True
        self.fields["rationale"].error_messages["required"] = (
            "Explain the judgement: what the evidence is, or that there is none."
        )
        field = self.fields["evidence_document"]
        field.queryset = Document.objects.only("pk", "title")
        chosen = self.data.get(self.add_prefix("evidence_document")) if self.is_bound else None
        offer_documents(field, claim, chosen)


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, t.label) for a, t in TRANSITIONS.items()])
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self):
        cleaned = super().clean()
        transition = TRANSITIONS.get(cleaned.get("action", ""))
        if transition and transition.note and not cleaned.get("note", "").strip():
            self.add_error("note", f"Write the {transition.note}.")
        return cleaned
