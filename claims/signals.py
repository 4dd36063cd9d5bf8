"""Keep appearances honest when a document's stored text changes, and count every change
the public pages may show (the ledger revision behind their ETags)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from sources.models import Document, Outlet

from .models import (
    Actor,
    ActorAlias,
    Appearance,
    AttributionStep,
    Claim,
    ClaimLink,
    EvidenceAssessment,
    LedgerRevision,
    Role,
    Story,
)

PUBLIC_MODELS = [
    Actor,
    ActorAlias,
    Role,
    Story,
    Claim,
    Appearance,
    AttributionStep,
    ClaimLink,
    EvidenceAssessment,
    Outlet,
    Document,
]


def recheck_appearances(document: Document) -> int:
    """Flag the appearances whose words no longer stand at their offsets; clear the flag on
    those that match again. Spans are never moved. Returns how many are orphaned now."""
    orphaned, restored = [], []
    for appearance in document.appearances.all():
        matches = appearance.matches(document.text)
        if appearance.orphaned and matches:
            restored.append(appearance)
        elif not appearance.orphaned and not matches:
            orphaned.append(appearance)
    for appearance, flag in [(a, True) for a in orphaned] + [(a, False) for a in restored]:
        appearance.orphaned = flag
        appearance._change_reason = "Document text changed: span re-checked"
        appearance.save(update_fields=["orphaned"])
    return document.appearances.filter(orphaned=True).count()


@receiver(post_save, sender=Document, dispatch_uid="claims.recheck_appearances")
def _document_saved(sender, instance: Document, created: bool, raw: bool = False, **kwargs):
    if created or raw or not getattr(instance, "text_changed", False):
        return
    recheck_appearances(instance)


def _bump(sender, raw: bool = False, **kwargs):
    if not raw:
        LedgerRevision.bump()


for _model in PUBLIC_MODELS:
    post_save.connect(_bump, sender=_model, dispatch_uid=f"revision-save-{_model.__name__}")
    post_delete.connect(_bump, sender=_model, dispatch_uid=f"revision-delete-{_model.__name__}")
m2m_changed.connect(_bump, sender=Claim.stories.through, dispatch_uid="revision-stories")
