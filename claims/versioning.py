"""Optimistic locking: a save based on a stale copy is refused, never silently applied.

Each versioned row carries a ``version`` number. A form sends back the version it was based on
(``base_version``);
inside the saving transaction the row is locked (``SELECT ... FOR UPDATE`` on PostgreSQL; on
SQLite ``BEGIN IMMEDIATE`` already holds the write lock) and its version compared. A mismatch
raises :class:`StaleVersion`, naming what changed since, so the editor can look and re-apply.
The same form base serves the desk and the admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    theirs: str
    yours: str


class StaleVersion(ValidationError):
    def __init__(self, current: models.Model, changes: list[Change]):
        self.current = current
        self.changes = changes
        what = "; ".join(f"{c.label} is now “{c.theirs}”" for c in changes) or (
            "its links, evidence or review state changed"
        )
        super().__init__(
            "Someone else saved this %(name)s after you opened it (%(what)s). Your changes are "
            "still in the form: check them against the current version and save again to "
            "apply them.",
            code="stale",
            params={"name": current._meta.verbose_name, "what": what},
        )


def _display(form: forms.BaseForm, name: str, value) -> str:
    field = form.fields[name]
    if isinstance(field, forms.ModelChoiceField):
        return str(value) if value is not None else "—"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value) or "—")
    return "—" if value in (None, "") else str(value)


def lock_current(instance: models.Model) -> models.Model:
    """The row as it is now, locked for the rest of the transaction."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to save over a newer version of its row.

    Call it inside ``transaction.atomic()`` (the admin's change view already is one): ``clean``
    locks the row, so the check and the save cannot be interleaved with another editor's.
    """

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
            self.fields["base_version"].required = True

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or cleaned.get("base_version") is None:
            return cleaned
        current = lock_current(self.instance)
        if current.version != cleaned["base_version"]:
            changes = []
            for name in self._meta.fields or []:
                if name == "base_version" or name not in self.fields or name not in cleaned:
                    continue
                theirs = getattr(current, name)
                if isinstance(theirs, models.Manager):
                    continue
                if theirs != cleaned[name]:
                    changes.append(
                        Change(
                            name,
                            str(self.fields[name].label or name),
                            _display(self, name, theirs),
                            _display(self, name, cleaned[name]),
                        )
                    )
            self.stale = StaleVersion(current, changes)
            # Let the editor re-apply: the next submit is based on the current version.
            self.data = self.data.copy()
            self.data[self.add_prefix("base_version")] = str(current.version)
            raise self.stale
        self.instance.version = current.version + 1
        return cleaned

    @property
    def is_stale(self) -> bool:
        return getattr(self, "stale", None) is not None
