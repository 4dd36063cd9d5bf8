from __future__ import annotations

import hashlib

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from . import dates


def choices_constraint(field: str, choices: type[models.Choices], name: str):
    """Keep a closed vocabulary closed in the database, not only in forms."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}),
        name=name,
        violation_error_message=f"{field} must be one of: {', '.join(choices.values)}.",
    )


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class OutletKind(models.TextChoices):
    WIRE = "wire", "Wire agency"
    NEWSPAPER = "newspaper", "Newspaper"
    BROADCASTER = "broadcaster", "Broadcaster"
    ONLINE = "online", "Online publication"
    OFFICIAL = "official", "Official channel"
    OTHER = "other", "Other"


class Outlet(models.Model):
    """Who publishes or relays words: a wire agency, newspaper, broadcaster, ministry channel."""

    Kind = OutletKind

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    url = models.URLField("website", blank=True, max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [choices_constraint("kind", OutletKind, "outlet_kind_valid")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200] or "outlet"
        super().save(*args, **kwargs)


class DocumentQuerySet(models.QuerySet):
    def with_outlet(self):
        return self.select_related("outlet")


class Document(models.Model):
    """One source text, stored in full as the copy every appearance quotes from."""

    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    title = models.CharField(max_length=300)
    url = models.URLField("URL", blank=True, max_length=1000)
    published_on = models.DateField("publication date", null=True, blank=True)
    published_precision = dates.precision_field("publication date precision")
    text = models.TextField(help_text="The full text as published: the copy claims quote from.")
    content_hash = models.CharField(
        max_length=64, editable=False, help_text="SHA-256 of the stored text."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="document_text_not_empty",
                violation_error_message="A document needs its text.",
            ),
            dates.partial_date_constraint(
                "published_on", "published_precision", "document_published_partial_date"
            ),
        ]
        indexes = [models.Index(fields=["content_hash"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.published_on = dates.normalise(self.published_on, self.published_precision)
        self.content_hash = content_hash(self.text)
        # Read by the post_save receiver that re-checks this document's appearances.
        self.text_changed = getattr(self, "_loaded_hash", None) != self.content_hash
        super().save(*args, **kwargs)
        self._loaded_hash = self.content_hash

    def get_absolute_url(self) -> str:
        return reverse("document", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_hash = instance.__dict__.get("content_hash")
        return instance

    @property
    def published_display(self) -> str:
        return dates.display(self.published_on, self.published_precision)
