"""The claim ledger: who asserted what, in which role, for whom, where the words appear,
who answered it and how, and what the evidence says."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from simple_history.models import HistoricalRecords

from sources import dates
from sources.models import Document, Outlet, choices_constraint
from sources.passages import Span, locate_passage

from .search import BEST_FIRST, filter_and_rank

# ---------------------------------------------------------------------------
# Speakers
# ---------------------------------------------------------------------------


class ActorKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    STATE = "state", "State"
    GROUP = "group", "Group"


class Actor(models.Model):
    """A speaker: a person, an organisation, a state or a group."""

    Kind = ActorKind

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [choices_constraint("kind", ActorKind, "actor_kind_valid")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200] or "actor"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("actor", args=[self.slug])


class ActorAlias(models.Model):
    """Another name an actor goes by ("Pentagon" for the U.S. Department of Defense)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "actor aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "name"],
                name="alias_unique_per_actor",
                violation_error_message="This actor already has that alias.",
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="alias_name_not_empty",
                violation_error_message="An alias needs a name.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    """A position a person (or body) held in an organisation over a period."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300, help_text='For example "spokesman in Baghdad".')
    organisation = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="The organisation the role is held in.",
    )
    start_on = models.DateField("from", null=True, blank=True)
    start_precision = dates.precision_field("from precision")
    end_on = models.DateField("until", null=True, blank=True)
    end_precision = dates.precision_field("until precision")
    history = HistoricalRecords()

    class Meta:
        ordering = ["actor__name", "-start_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(organisation=F("actor")),
                name="role_not_in_itself",
                violation_error_message="An actor cannot hold a role in itself.",
            ),
            models.CheckConstraint(
                condition=Q(start_on__isnull=True)
                | Q(end_on__isnull=True)
                | Q(end_on__gte=F("start_on")),
                name="role_ends_after_start",
                violation_error_message="A role cannot end before it starts.",
            ),
            dates.partial_date_constraint("start_on", "start_precision", "role_start_partial"),
            dates.partial_date_constraint("end_on", "end_precision", "role_end_partial"),
        ]

    def __str__(self) -> str:
        if self.organisation_id:
            return f"{self.actor}: {self.title}, {self.organisation}"
        return f"{self.actor}: {self.title}"

    def save(self, *args, **kwargs):
        self.start_on = dates.normalise(self.start_on, self.start_precision)
        self.end_on = dates.normalise(self.end_on, self.end_precision)
        super().save(*args, **kwargs)


# ---------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------


class StoryQuerySet(models.QuerySet):
    def published(self):
        """Stories the public may see: those with at least one published claim."""
        return self.filter(
            Exists(Claim.objects.published().filter(stories=OuterRef("pk"))),
        )


class Story(models.Model):
    """A dispute an editor follows: a group of claims and counter-claims."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-created_at", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:200] or "story"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("story", args=[self.slug])


# ---------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------


class SpeechAct(models.TextChoices):
    STATEMENT = "statement", "Statement"
    ACCUSATION = "accusation", "Accusation"
    DENIAL = "denial", "Denial"
    WARNING = "warning", "Warning"
    THREAT = "threat", "Threat"
    ADMISSION = "admission", "Admission"
    PREDICTION = "prediction", "Prediction"
    PROMISE = "promise", "Promise"


class ReviewState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class EvidenceStatus(models.TextChoices):
    NOT_ASSESSED = "not_assessed", "Not yet assessed"
    NO_EVIDENCE = "no_evidence", "No evidence offered"
    CLAIMED = "claimed", "Evidence claimed but not shown"
    UNVERIFIED = "unverified", "Evidence shown but unverified"
    CORROBORATED = "corroborated", "Corroborated"
    CONTRADICTED = "contradicted", "Contradicted"


class LinkType(models.TextChoices):
    """How an answering claim relates to the claim it answers."""

    DENIES = "denies", "denies"
    DISPUTES = "disputes", "disputes"
    COUNTER_ACCUSES = "counter_accuses", "counter-accuses"
    CORROBORATES = "corroborates", "corroborates"
    ELABORATES = "elaborates", "elaborates"
    RESPONDS_TO = "responds_to", "responds to"
    RETRACTS = "retracts", "retracts"
    CORRECTS = "corrects", "corrects"

    @property
    def reverse_label(self) -> str:
        return REVERSE_LABELS[self]


REVERSE_LABELS = {
    LinkType.DENIES: "denied by",
    LinkType.DISPUTES: "disputed by",
    LinkType.COUNTER_ACCUSES: "counter-accused by",
    LinkType.CORROBORATES: "corroborated by",
    LinkType.ELABORATES: "elaborated by",
    LinkType.RESPONDS_TO: "responded to by",
    LinkType.RETRACTS: "retracted by",
    LinkType.CORRECTS: "corrected by",
}

# A claim is "answered" once another claim takes a position on it or replies to it.
# Elaborations restate the same side; retractions and corrections are the speaker's own.
ANSWERING_TYPES = (
    LinkType.DENIES,
    LinkType.DISPUTES,
    LinkType.COUNTER_ACCUSES,
    LinkType.CORROBORATES,
    LinkType.RESPONDS_TO,
)
# Types whose answering claim must come from the same speaker as the claim it answers.
SAME_SPEAKER_TYPES = (LinkType.RETRACTS, LinkType.CORRECTS)


class ClaimQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may see."""
        return self.filter(review_state=ReviewState.PUBLISHED)

    def with_speakers(self):
        return self.select_related("speaker", "role__organisation", "on_behalf_of")

    def search(self, text: str, *, exhaustive: bool = True):
        """Claims matching ``text`` (web-search syntax) in their wording, quoted words or
        speaker's names, best first, annotated with ``search_rank`` (see ``claims.search``)."""
        return filter_and_rank(self, text, exhaustive=exhaustive)

    def candidates_for(self, claim: Claim, text: str):
        """Claims that may answer or be answered by ``claim``: those of the same story and of
        other speakers first, then the most relevant."""
        same_story = Claim.stories.through.objects.filter(
            claim_id=OuterRef("pk"), story_id__in=claim.stories.values("pk")
        )
        return (
            self.exclude(pk=claim.pk)
            .exclude(review_state=ReviewState.WITHDRAWN)
            .search(text, exhaustive=False)
            .annotate(
                same_story=Exists(same_story),
                same_speaker=ExpressionWrapper(
                    Q(speaker_id=claim.speaker_id), output_field=models.BooleanField()
                ),
            )
            .order_by("-same_story", "same_speaker", *BEST_FIRST)
        )

    def unanswered(self, *, published_answers_only: bool = False):
        answers = ClaimLink.objects.filter(target=OuterRef("pk"), type__in=ANSWERING_TYPES)
        if published_answers_only:
            answers = answers.filter(source__review_state=ReviewState.PUBLISHED)
        return self.filter(~Exists(answers))


class Claim(models.Model):
    """One actor's assertion, as a proposition in plain words."""

    ref = models.CharField(
        "reference",
        max_length=100,
        blank=True,
        default="",
        help_text="Optional stable key for imported claims (the seed story uses these).",
    )
    proposition = models.TextField(help_text="What was asserted, in plain words.")
    slug = models.SlugField(max_length=80, blank=True, editable=False)
    speaker = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="claims")
    role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="The role the speaker held when speaking.",
    )
    role_as_reported = models.CharField(
        max_length=300,
        blank=True,
        help_text="The speaker's role in the document's own words, at the time.",
    )
    on_behalf_of = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_on_behalf",
        help_text="Whom the speaker spoke for (a spokesman speaks for a ministry).",
    )
    speech_act = models.CharField(max_length=12, choices=SpeechAct.choices)
    asserted_on = models.DateField("asserted", null=True, blank=True)
    asserted_precision = dates.precision_field("asserted precision")
    event_on = models.DateField(
        "event date", null=True, blank=True, help_text="When the thing the claim is about happened."
    )
    event_precision = dates.precision_field("event date precision")
    review_state = models.CharField(
        max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    correction_note = models.TextField(
        blank=True, help_text="Shown publicly when a published claim is withdrawn."
    )
    evidence_status = models.CharField(
        max_length=12,
        choices=EvidenceStatus.choices,
        default=EvidenceStatus.NOT_ASSESSED,
        editable=False,
        help_text="The latest evidence assessment; change it by adding an assessment.",
    )
    stories = models.ManyToManyField(Story, blank=True, related_name="claims")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[stories])

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-asserted_on", "-pk"]
        permissions = [
            ("submit_claim", "Can submit a claim for review"),
            ("publish_claim", "Can publish, send back and withdraw claims"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(proposition=""),
                name="claim_proposition_not_empty",
                violation_error_message="State the claim in plain words.",
            ),
            choices_constraint("speech_act", SpeechAct, "claim_speech_act_valid"),
            choices_constraint("review_state", ReviewState, "claim_review_state_valid"),
            choices_constraint("evidence_status", EvidenceStatus, "claim_evidence_status_valid"),
            models.CheckConstraint(
                condition=~Q(review_state=ReviewState.PUBLISHED) | Q(published_at__isnull=False),
                name="claim_published_has_date",
                violation_error_message="A published claim needs its publication time.",
            ),
            models.CheckConstraint(
                condition=~Q(review_state=ReviewState.WITHDRAWN) | ~Q(correction_note=""),
                name="claim_withdrawn_has_note",
                violation_error_message="A withdrawn claim needs a public correction note.",
            ),
            models.CheckConstraint(
                condition=~Q(on_behalf_of=F("speaker")),
                name="claim_not_on_behalf_of_self",
                violation_error_message=(
                    "Leave 'on behalf of' empty when the speaker speaks for itself."
                ),
            ),
            models.UniqueConstraint(
                fields=["ref"],
                condition=~Q(ref=""),
                name="claim_ref_unique",
                violation_error_message="Another claim already has this reference.",
            ),
            dates.partial_date_constraint("asserted_on", "asserted_precision", "claim_asserted"),
            dates.partial_date_constraint("event_on", "event_precision", "claim_event"),
        ]
        indexes = [
            models.Index(fields=["review_state", "-asserted_on"]),
            models.Index(fields=["evidence_status"]),
            # The desk queue's sort orders: a page of 25 without sorting a million rows.
            models.Index(fields=["-asserted_on", "-id"], name="claim_newest_asserted"),
            models.Index(fields=["-updated_at", "-id"], name="claim_recently_changed"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {Truncator(self.proposition).chars(80)}"

    def save(self, *args, **kwargs):
        self._derive()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("claim", args=[self.pk, self.slug or "claim"])

    def clean(self):
        super().clean()
        self._derive()
        if self.role_id and self.speaker_id and self.role.actor_id != self.speaker_id:
            raise ValidationError({"role": "This role belongs to another actor than the speaker."})

    def _derive(self) -> None:
        """Fields that follow from others; set before validation and before saving."""
        self.slug = slugify(Truncator(self.proposition).words(10, truncate=""))[:80]
        self.asserted_on = dates.normalise(self.asserted_on, self.asserted_precision)
        self.event_on = dates.normalise(self.event_on, self.event_precision)
        if self.review_state == ReviewState.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def asserted_display(self) -> str:
        return dates.display(self.asserted_on, self.asserted_precision)

    @property
    def event_display(self) -> str:
        return dates.display(self.event_on, self.event_precision)

    @property
    def is_public(self) -> bool:
        return self.review_state == ReviewState.PUBLISHED


# ---------------------------------------------------------------------------
# Appearances: where the words are, and how they reached us
# ---------------------------------------------------------------------------

CONTEXT_CHARS = 60


class AppearanceMode(models.TextChoices):
    DIRECT = "direct", "Direct quote"
    PARAPHRASE = "paraphrase", "Paraphrase"


class Appearance(models.Model):
    """An exact span of a document's stored text in which a claim appears."""

    Mode = AppearanceMode

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="appearances")
    start = models.PositiveIntegerField(editable=False)
    end = models.PositiveIntegerField(editable=False)
    exact = models.TextField("exact words", editable=False)
    prefix = models.CharField(max_length=CONTEXT_CHARS, blank=True, editable=False)
    suffix = models.CharField(max_length=CONTEXT_CHARS, blank=True, editable=False)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.PARAPHRASE)
    orphaned = models.BooleanField(
        default=False,
        editable=False,
        help_text="The document's text no longer holds these words at these offsets.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="appearance_span_not_empty",
                violation_error_message="A span must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("exact")),
                name="appearance_span_matches_words",
                violation_error_message="The span's offsets must cover exactly its words.",
            ),
            choices_constraint("mode", AppearanceMode, "appearance_mode_valid"),
            models.UniqueConstraint(
                fields=["claim", "document", "start", "end"],
                name="appearance_unique_span",
                violation_error_message="This claim already appears at this span.",
            ),
        ]

    def __str__(self) -> str:
        return f"“{Truncator(self.exact).chars(60)}” in {self.document}"

    def anchor(self, passage: str) -> Span:
        """Locate ``passage`` in the document and set the span from it."""
        span = locate_passage(self.document.text, passage)
        self.set_span(span.start, span.end)
        return span

    def set_span(self, start: int, end: int) -> None:
        text = self.document.text
        self.start, self.end = start, end
        self.exact = text[start:end]
        self.prefix = text[max(0, start - CONTEXT_CHARS) : start]
        self.suffix = text[end : end + CONTEXT_CHARS]
        self.orphaned = False

    def matches(self, text: str) -> bool:
        return text[self.start : self.end] == self.exact

    def clean(self):
        super().clean()
        if self.document_id and not self.orphaned and not self.matches(self.document.text):
            raise ValidationError(
                "The exact words do not match the document's text at these offsets."
            )

    @property
    def chain(self) -> str:
        return ", ".join(str(step) for step in self.attribution.all())


class AttributionKind(models.TextChoices):
    TOLD = "told", "told (a venue or audience)"
    STATEMENT = "statement", "said in a statement"
    QUOTED_BY = "quoted_by", "quoted by (an outlet)"
    REPORTED_BY = "reported_by", "reported by (an outlet)"


class AttributionStep(models.Model):
    """One hop in the chain by which an appearance's words reached us.

    Reported-by never means asserted-by: the outlet that carries a claim is not its speaker.
    """

    Kind = AttributionKind

    appearance = models.ForeignKey(Appearance, on_delete=models.CASCADE, related_name="attribution")
    position = models.PositiveSmallIntegerField(
        default=1, help_text="1 is nearest the speaker; higher numbers are further along."
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="relayed"
    )
    venue = models.CharField(
        max_length=200, blank=True, help_text='For "told": "a Pentagon briefing", "reporters".'
    )
    wording = models.CharField(
        max_length=300, blank=True, help_text="The document's own words for this hop."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["appearance", "position"]
        constraints = [
            choices_constraint("kind", AttributionKind, "attribution_kind_valid"),
            models.UniqueConstraint(
                fields=["appearance", "position"],
                name="attribution_position_unique",
                violation_error_message="Two hops of one chain cannot share a position.",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["quoted_by", "reported_by"]) | Q(outlet__isnull=False),
                name="attribution_outlet_required",
                violation_error_message="'Quoted by' and 'reported by' name the outlet.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="told") | ~Q(venue=""),
                name="attribution_venue_required",
                violation_error_message="'Told' names the venue or audience.",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.TOLD:
            return f"told {self.venue}"
        if self.kind == self.Kind.QUOTED_BY:
            return f"quoted by {self.outlet}"
        if self.kind == self.Kind.REPORTED_BY:
            return f"reported by {self.outlet}"
        return f"in a statement carried by {self.outlet}" if self.outlet_id else "in a statement"


# ---------------------------------------------------------------------------
# Links between claims
# ---------------------------------------------------------------------------


class ClaimLink(models.Model):
    """A typed, directed link from an answering claim to the claim it answers.

    A link never carries a rating from one claim to the other.
    """

    source = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="links_out",
        verbose_name="answering claim",
    )
    target = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="links_in",
        verbose_name="answered claim",
    )
    type = models.CharField(max_length=16, choices=LinkType.choices)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["type", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="link_not_to_itself",
                violation_error_message="A claim cannot be linked to itself.",
            ),
            models.UniqueConstraint(
                fields=["source", "target", "type"],
                name="link_unique_typed_pair",
                violation_error_message="These two claims are already linked with this type.",
            ),
            choices_constraint("type", LinkType, "link_type_valid"),
        ]

    def __str__(self) -> str:
        return f"#{self.source_id} {self.get_type_display()} #{self.target_id}"

    @property
    def reverse_label(self) -> str:
        return REVERSE_LABELS[LinkType(self.type)]

    def clean(self):
        super().clean()
        if (
            self.type in SAME_SPEAKER_TYPES
            and self.source_id
            and self.target_id
            and self.source.speaker_id != self.target.speaker_id
        ):
            raise ValidationError({"type": "Only a claim's own speaker can retract or correct it."})


# ---------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------


class EvidenceAssessment(models.Model):
    """A dated, explained judgement of the evidence behind a claim.

    Assessments are appended, never edited: together they are the claim's evidence history,
    and the newest one is the claim's current ``evidence_status``.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="assessments")
    status = models.CharField(max_length=12, choices=EvidenceStatus.choices)
    rationale = models.TextField(help_text="Why: what the evidence is, or that there is none.")
    evidence_link = models.ForeignKey(
        ClaimLink,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        help_text="A link to another claim this judgement rests on.",
    )
    evidence_document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    evidence_url = models.URLField("evidence URL", blank=True, max_length=1000)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assessed_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        get_latest_by = ["assessed_at", "pk"]
        constraints = [
            choices_constraint("status", EvidenceStatus, "assessment_status_valid"),
            models.CheckConstraint(
                condition=~Q(rationale=""),
                name="assessment_rationale_required",
                violation_error_message="Explain the judgement.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.assessed_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            latest = (
                EvidenceAssessment.objects.filter(claim_id=self.claim_id)
                .order_by("-assessed_at", "-pk")
                .values_list("status", flat=True)
                .first()
            )
            Claim.objects.filter(pk=self.claim_id).update(
                evidence_status=latest, version=F("version") + 1
            )


# ---------------------------------------------------------------------------
# Public cache validation
# ---------------------------------------------------------------------------


class LedgerRevision(models.Model):
    """One row counting changes to anything the public pages show.

    Every save or delete of a ledger object bumps it (see ``claims.signals``). Public pages take
    their ETag and Last-Modified from it, so a revalidating reader gets 304 until something
    changes, and a change invalidates every cached public page at once.
    """

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="ledger_revision_single_row")]

    def __str__(self) -> str:
        return f"revision {self.number}"

    @classmethod
    def current(cls) -> LedgerRevision:
        revision, _ = cls.objects.get_or_create(pk=1)
        return revision

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now()):
            cls.objects.get_or_create(pk=1)
