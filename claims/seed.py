"""Load a hand-checked annotation (YAML) of a source document into the ledger.

The load is one transaction: every passage is located in the stored text first, and any
passage that is missing or ambiguous stops the load with nothing saved. It is idempotent:
objects are found by their natural keys (names, slugs, claim ``ref``) and only missing ones are
created, so a second run writes nothing and leaves editors' later changes alone. With
``update=True`` the fields of existing seed objects are reset to the annotation's values.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from sources import dates
from sources.models import Document, Outlet, content_hash
from sources.passages import PassageError, locate_passage

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

CHANGE_REASON = "load_seed"


class SeedError(Exception):
    """The annotation cannot be loaded as it stands; nothing was saved."""


@dataclass
class SeedReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        if not self.changed:
            return "Seed story already loaded: nothing to change."
        parts = [f"{n} {name}" for name, n in sorted(self.created.items())]
        text = "Created " + (", ".join(parts) if parts else "nothing")
        if self.updated:
            text += "; updated " + ", ".join(f"{n} {k}" for k, n in sorted(self.updated.items()))
        return text + "."


class _Loader:
    def __init__(self, data: dict[str, Any], base: Path, update: bool):
        self.data = data
        self.base = base
        self.update = update
        self.report = SeedReport()

    # -- generic find-or-create --------------------------------------------------------------

    def upsert(self, model: type[models.Model], lookup: dict, values: dict | None = None):
        values = values or {}
        label = model._meta.verbose_name_plural
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj._change_reason = CHANGE_REASON
            obj.full_clean()
            obj.save()
            self.report.created[label] += 1
            return obj
        if self.update:
            changed = [name for name, value in values.items() if getattr(obj, name) != value]
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                obj._change_reason = CHANGE_REASON
                obj.full_clean()
                obj.save()
                self.report.updated[label] += 1
        return obj

    # -- sections ----------------------------------------------------------------------------

    def run(self) -> SeedReport:
        self.outlets = {
            o["name"]: self.upsert(
                Outlet,
                {"name": o["name"]},
                {"kind": o.get("kind", "other"), "url": o.get("url", "")},
            )
            for o in self.data.get("outlets", [])
        }
        self.document = self.load_document(self.data["document"])
        self.actors = {}
        for spec in self.data.get("actors", []):
            self.actors[spec["name"]] = self.upsert(
                Actor,
                {"name": spec["name"]},
                {"kind": spec["kind"], "description": spec.get("description", "")},
            )
        self.roles = {}
        for spec in self.data.get("actors", []):
            actor = self.actors[spec["name"]]
            for alias in spec.get("aliases", []):
                self.upsert(ActorAlias, {"actor": actor, "name": alias})
            for role in spec.get("roles", []):
                organisation = self.actor(role.get("organisation"))
                self.roles[(actor.name, role["title"])] = self.upsert(
                    Role, {"actor": actor, "title": role["title"], "organisation": organisation}
                )
        self.stories = {
            s["slug"]: self.upsert(
                Story, {"slug": s["slug"]}, {"title": s["title"], "summary": s.get("summary", "")}
            )
            for s in self.data.get("stories", [])
        }
        self.claims = {}
        for spec in self.data.get("claims", []):
            self.claims[spec["ref"]] = self.load_claim(spec)
        for spec in self.data.get("links", []):
            self.load_link(spec)
        return self.report

    def actor(self, name: str | None) -> Actor | None:
        if not name:
            return None
        try:
            return self.actors[name]
        except KeyError:
            raise SeedError(f"Unknown actor {name!r}: list it under 'actors'.") from None

    def load_document(self, spec: dict) -> Document:
        path = self.base / spec["file"]
        if not path.is_file():
            raise SeedError(f"The document text {path} is missing.")
        text = path.read_text(encoding="utf-8")
        published_on, precision = (
            dates.parse(str(spec["published"])) if spec.get("published") else (None, "")
        )
        values = {
            "text": text,
            "title": spec["title"],
            "url": spec.get("url", ""),
            "outlet": self.outlets[spec["outlet"]] if spec.get("outlet") else None,
            "published_on": published_on,
            "published_precision": precision,
        }
        return self.upsert(Document, {"content_hash": content_hash(text)}, values)

    def load_claim(self, spec: dict) -> Claim:
        ref = spec["ref"]
        speaker = self.actor(spec["speaker"])
        role = None
        if spec.get("role"):
            try:
                role = self.roles[(speaker.name, spec["role"])]
            except KeyError:
                raise SeedError(f"{ref}: {speaker} has no role {spec['role']!r}.") from None
        asserted, asserted_precision = self.partial(ref, spec.get("asserted"))
        event, event_precision = self.partial(ref, spec.get("event"))
        claim = self.upsert(
            Claim,
            {"ref": ref},
            {
                "proposition": " ".join(spec["proposition"].split()),
                "speaker": speaker,
                "role": role,
                "role_as_reported": " ".join(spec.get("role_as_reported", "").split()),
                "on_behalf_of": self.actor(spec.get("on_behalf_of")),
                "speech_act": spec["speech_act"],
                "asserted_on": asserted,
                "asserted_precision": asserted_precision,
                "event_on": event,
                "event_precision": event_precision,
                "review_state": spec.get("review_state", "draft"),
            },
        )
        stories = {self.stories[slug] for slug in spec.get("stories", [])}
        current = set(claim.stories.all())
        missing = stories - current
        if missing and (self.update or not current):
            claim.stories.add(*missing)
            self.report.created["story memberships"] += len(missing)
        for position, appearance in enumerate(spec.get("appearances", []), start=1):
            self.load_appearance(claim, appearance, position)
        for assessment in spec.get("evidence", []):
            self.upsert(
                EvidenceAssessment,
                {
                    "claim": claim,
                    "status": assessment["status"],
                    "rationale": " ".join(assessment["rationale"].split()),
                },
                {"evidence_document": self.document if assessment.get("document") else None},
            )
        return claim

    def partial(self, ref: str, value) -> tuple:
        if not value:
            return None, ""
        try:
            return dates.parse(str(value))
        except ValueError as error:
            raise SeedError(f"{ref}: {error}") from None

    def load_appearance(self, claim: Claim, spec: dict, position: int) -> None:
        passage = " ".join(spec["passage"].split())
        try:
            span = locate_passage(self.document.text, passage)
        except PassageError as error:
            raise SeedError(f"{claim.ref}, appearance {position}: {error.messages[0]}") from None
        appearance = Appearance.objects.filter(
            claim=claim, document=self.document, start=span.start, end=span.end
        ).first()
        if appearance is None:
            appearance = Appearance(claim=claim, document=self.document, mode=spec["mode"])
            appearance.set_span(span.start, span.end)
            appearance._change_reason = CHANGE_REASON
            appearance.full_clean()
            appearance.save()
            self.report.created["appearances"] += 1
        for hop, step in enumerate(spec.get("attribution", []), start=1):
            outlet = None
            if step.get("outlet"):
                try:
                    outlet = self.outlets[step["outlet"]]
                except KeyError:
                    raise SeedError(f"{claim.ref}: unknown outlet {step['outlet']!r}.") from None
            self.upsert(
                AttributionStep,
                {"appearance": appearance, "position": hop},
                {
                    "kind": step["kind"],
                    "outlet": outlet,
                    "venue": step.get("venue", ""),
                    "wording": step.get("wording", ""),
                },
            )

    def load_link(self, spec: dict) -> None:
        try:
            source, target = self.claims[spec["from"]], self.claims[spec["to"]]
        except KeyError as error:
            raise SeedError(f"Link names an unknown claim {error.args[0]!r}.") from None
        self.upsert(
            ClaimLink,
            {"source": source, "target": target, "type": spec["type"]},
            {"note": " ".join(spec.get("note", "").split())},
        )


def load_seed(path: Path, *, update: bool = False) -> SeedReport:
    """Load the annotation at ``path`` (YAML) in one transaction and report what changed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SeedError(f"Cannot read {path}: {error}") from None
    try:
        with transaction.atomic():
            return _Loader(data, path.parent, update).run()
    except ValidationError as error:
        raise SeedError(
            f"The annotation breaks a ledger rule: {'; '.join(error.messages)}"
        ) from None
    except (KeyError, TypeError) as error:
        raise SeedError(f"The annotation is missing a required field: {error}") from None
