from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from sources.passages import PassageError

from .models import Appearance

ID_RANGE = range(-(2**63), 2**63)  # what a database integer key can hold


def out_of_range(value) -> bool:
    """A whole number no database key can hold: asking the database about it would crash
    the driver (SQLite: OverflowError) instead of answering "no such row"."""
    try:
        return int(str(value).strip()) not in ID_RANGE
    except ValueError:
        return False


class SafeModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and out_of_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if out_of_range(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


def safe_formfield(db_field, **kwargs):
    """``formfield_callback`` for model forms: relation fields that refuse impossible ids."""
    if db_field.many_to_many:
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
    elif db_field.is_relation:
        kwargs.setdefault("form_class", SafeModelChoiceField)
    return db_field.formfield(**kwargs)


class AppearanceForm(forms.ModelForm):
    """An appearance is entered by pasting the passage; the server finds its offsets."""

    passage = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=(
            "Paste the words exactly as they stand in the document. Differences in spacing, "
            "quotes and dashes are tolerated; the passage must occur once."
        ),
    )

    class Meta:
        model = Appearance
        fields = ["document", "passage", "mode"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[
                "passage"
            ].help_text = "Leave empty to keep the current span; paste a passage to re-anchor it."

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document")
        passage = cleaned.get("passage", "")
        if not passage.strip():
            if not self.instance.pk:
                self.add_error("passage", "Paste the passage in which the claim appears.")
            elif document and document.pk != self.instance.document_id:
                self.add_error("passage", "Paste the passage from the newly chosen document.")
            return cleaned
        if document is None:
            return cleaned
        self.instance.document = document
        try:
            self.instance.anchor(passage)
        except PassageError as error:
            self.add_error("passage", error)
        return cleaned


class ConstrainedInlineFormSet(BaseInlineFormSet):
    """Inline formsets leave the parent's key out of model validation, so database constraints
    that involve it (no self-link, no duplicate link or span) would only fail at the database.
    Check every constraint here, once the key is set, so the editor gets the message instead."""

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or form.errors:
                continue
            try:
                form.instance.validate_constraints()
            except ValidationError as error:
                form.add_error(None, error.messages)
