"""When a document's text changes, appearances that no longer match are flagged, never moved."""

import pytest

from claims.models import Appearance
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_editing_the_text_flags_a_span_whose_words_moved_and_keeps_its_offsets():
    doc = f.document()
    appearance = f.appearance(f.claim(), doc, "A rebel commander denied")
    start, end, exact = appearance.start, appearance.end, appearance.exact

    doc.text = "Breaking: " + doc.text
    doc.save()

    appearance.refresh_from_db()
    assert appearance.orphaned is True
    assert (appearance.start, appearance.end, appearance.exact) == (start, end, exact)


def test_a_span_untouched_by_the_edit_stays_anchored():
    doc = f.document()
    early = f.appearance(f.claim(), doc, "The ministry said")
    late = f.appearance(f.claim(), doc, "promised an inquiry")

    doc.text = doc.text.replace("promised an inquiry", "promised nothing")
    doc.save()

    early.refresh_from_db()
    late.refresh_from_db()
    assert early.orphaned is False
    assert late.orphaned is True


def test_restoring_the_text_clears_the_flag():
    doc = f.document()
    original = doc.text
    appearance = f.appearance(f.claim(), doc, "the convoy was struck")
    doc.text = original.replace("convoy", "column")
    doc.save()
    doc.text = original
    doc.save()
    appearance.refresh_from_db()
    assert appearance.orphaned is False


def test_saving_a_document_without_changing_its_text_rechecks_nothing(django_assert_num_queries):
    doc = f.document()
    f.appearance(f.claim(), doc, "the convoy was struck")
    doc.title = "A better title"
    with django_assert_num_queries(3):  # the update, its history row, the ledger revision
        doc.save()
    assert not Appearance.objects.filter(orphaned=True).exists()


def test_the_content_hash_follows_the_text():
    doc = f.document()
    first = doc.content_hash
    doc.text += " Later addition."
    doc.save()
    assert doc.content_hash != first and len(doc.content_hash) == 64


def test_each_recheck_is_recorded_in_the_appearance_history():
    doc = f.document()
    appearance = f.appearance(f.claim(), doc, "A rebel commander denied")
    doc.text = doc.text.replace("rebel", "militia")
    doc.save()
    latest = appearance.history.first()
    assert latest.orphaned is True
    assert latest.history_change_reason == "Document text changed: span re-checked"
