from __future__ import annotations

from pathlib import Path

import trafilatura
from django import forms
from django.core.exceptions import ValidationError

from claims.forms import safe_formfield

from . import dates
from .models import Document, Outlet

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
ALLOWED_SUFFIXES = {".txt", ".html", ".htm"}


def plain_text(upload) -> str:
    """The article text of an uploaded .txt or .html file."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ValidationError("Upload a .txt or .html file.", code="type")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError("The file is larger than 2 MB.", code="size")
    raw = upload.read()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError("The file is not UTF-8 text.", code="encoding") from None
    if suffix in {".html", ".htm"}:
        content = trafilatura.extract(content, include_comments=False, include_tables=False) or ""
        if not content.strip():
            raise ValidationError(
                "No article text could be found in this HTML file. Paste the text instead.",
                code="empty",
            )
    return content


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class DocumentForm(forms.ModelForm):
    published = forms.CharField(
        label="Publication date",
        required=False,
        max_length=10,
        help_text="YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    file = forms.FileField(
        label="…or upload a file",
        required=False,
        help_text=".txt, or .html (the article text is extracted), up to 2 MB.",
    )

    class Meta:
        formfield_callback = safe_formfield
        model = Document
        fields = ["title", "outlet", "url", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}
        labels = {"text": "Paste the text"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = False
        self.fields["outlet"].queryset = Outlet.objects.order_by("name")

    def clean_published(self):
        value = self.cleaned_data["published"].strip()
        if not value:
            return None, ""
        try:
            return dates.parse(value)
        except ValueError:
            raise ValidationError("Give the date as YYYY, YYYY-MM or YYYY-MM-DD.") from None

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text", ""), cleaned.get("file")
        if upload and text.strip():
            raise ValidationError("Paste the text or upload a file, not both.")
        if upload:
            try:
                text = plain_text(upload)
            except ValidationError as error:
                self.add_error("file", error)
                return cleaned
        if not text.strip():
            self.add_error("text", "Paste the document's text or upload a file.")
            return cleaned
        cleaned["text"] = normalise_newlines(text).strip()
        self.instance.text = cleaned["text"]
        if "published" in cleaned:
            self.instance.published_on, self.instance.published_precision = cleaned["published"]
        return cleaned
