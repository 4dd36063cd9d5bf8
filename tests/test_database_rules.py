"""Each ledger rule holds in the database (IntegrityError) and gives a clear form message."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

from claims.models import (
    Appearance,
    AttributionStep,
    Claim,
    ClaimLink,
    EvidenceAssessment,
    Role,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def refused_by_database(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def form_errors(model, data, fields, instance=None) -> list[str]:
    form = modelform_factory(model, fields=fields)(data=data, instance=instance)
    assert not form.is_valid()
    return [message for messages in form.errors.values() for message in messages]


# -- links -----------------------------------------------------------------------------------


def test_database_refuses_a_claim_linked_to_itself():
    claim = f.claim()
    refused_by_database(lambda: ClaimLink.objects.create(source=claim, target=claim, type="denies"))
    assert ClaimLink.objects.count() == 0


def test_form_explains_that_a_claim_cannot_link_to_itself():
    claim = f.claim()
    errors = form_errors(
        ClaimLink,
        {"source": claim.pk, "target": claim.pk, "type": "denies"},
        ["source", "target", "type"],
    )
    assert "A claim cannot be linked to itself." in errors


def test_database_refuses_the_same_typed_link_twice():
    a, b = f.claim(), f.claim()
    f.link(a, b, "denies")
    refused_by_database(lambda: ClaimLink.objects.create(source=a, target=b, type="denies"))
    f.link(a, b, "disputes")  # another type between the same claims is a different link
    assert ClaimLink.objects.count() == 2


def test_form_explains_a_duplicate_link():
    a, b = f.claim(), f.claim()
    f.link(a, b, "denies")
    errors = form_errors(
        ClaimLink, {"source": a.pk, "target": b.pk, "type": "denies"}, ["source", "target", "type"]
    )
    assert "These two claims are already linked with this type." in errors


def test_only_the_same_speaker_can_retract_a_claim():
    a, b = f.claim(), f.claim()
    with pytest.raises(ValidationError) as raised:
        ClaimLink(source=a, target=b, type="retracts").full_clean()
    assert "Only a claim's own speaker can retract or correct it." in raised.value.messages
    own = f.claim(speaker=a.speaker)
    ClaimLink(source=own, target=a, type="retracts").full_clean()


# -- closed vocabularies ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("speech_act", "rumour"),
        ("review_state", "archived"),
        ("evidence_status", "false"),
    ],
)
def test_database_refuses_a_claim_value_outside_its_vocabulary(field, value):
    claim = f.claim()
    refused_by_database(lambda: Claim.objects.filter(pk=claim.pk).update(**{field: value}))
    claim.refresh_from_db()
    assert getattr(claim, field) != value


def test_database_refuses_an_unknown_link_type():
    a, b = f.claim(), f.claim()
    refused_by_database(lambda: ClaimLink.objects.create(source=a, target=b, type="rates_false"))


def test_form_lists_the_allowed_speech_acts():
    speaker = f.actor()
    errors = form_errors(
        Claim,
        {
            "speaker": speaker.pk,
            "proposition": "x",
            "speech_act": "rumour",
            "review_state": "draft",
        },
        ["speaker", "proposition", "speech_act", "review_state"],
    )
    assert any("Select a valid choice" in e for e in errors)


# -- appearances -----------------------------------------------------------------------------


def test_database_refuses_an_empty_or_backwards_span():
    claim, doc = f.claim(), f.document()
    refused_by_database(
        lambda: Appearance.objects.create(claim=claim, document=doc, start=5, end=5, exact="")
    )
    refused_by_database(
        lambda: Appearance.objects.create(claim=claim, document=doc, start=9, end=4, exact="abcde")
    )


def test_database_refuses_offsets_that_do_not_cover_the_words():
    claim, doc = f.claim(), f.document()
    refused_by_database(
        lambda: Appearance.objects.create(
            claim=claim, document=doc, start=0, end=20, exact="The ministry"
        )
    )


def test_database_refuses_a_negative_offset():
    claim, doc = f.claim(), f.document()
    refused_by_database(
        lambda: Appearance.objects.create(claim=claim, document=doc, start=-3, end=1, exact="abcd")
    )


def test_validation_refuses_words_that_are_not_the_document_text_at_the_offsets():
    claim, doc = f.claim(), f.document()
    appearance = Appearance(claim=claim, document=doc, start=4, end=12, exact="ministry")
    appearance.full_clean()  # the real words: accepted
    appearance.exact = "minister"
    with pytest.raises(ValidationError) as raised:
        appearance.full_clean()
    assert "do not match the document's text" in raised.value.messages[0]


def test_database_refuses_the_same_span_twice_for_a_claim():
    claim, doc = f.claim(), f.document()
    f.appearance(claim, doc, "the convoy was struck")
    with pytest.raises(IntegrityError), transaction.atomic():
        f.appearance(claim, doc, "the convoy was struck")


def test_database_refuses_a_quoted_by_hop_without_its_outlet():
    appearance = f.appearance(f.claim(), f.document(), "the convoy was struck")
    refused_by_database(
        lambda: AttributionStep.objects.create(appearance=appearance, kind="quoted_by")
    )
    refused_by_database(lambda: AttributionStep.objects.create(appearance=appearance, kind="told"))
    step = AttributionStep.objects.create(
        appearance=appearance, kind="quoted_by", outlet=f.outlet("Reuters")
    )
    assert str(step) == "quoted by Reuters"


# -- claims, roles, evidence -----------------------------------------------------------------


def test_database_refuses_a_withdrawn_claim_without_a_correction_note():
    claim = f.claim()
    refused_by_database(lambda: Claim.objects.filter(pk=claim.pk).update(review_state="withdrawn"))


def test_form_asks_for_a_correction_note_when_withdrawing():
    claim = f.claim()
    errors = form_errors(
        Claim,
        {
            "speaker": claim.speaker_id,
            "proposition": claim.proposition,
            "speech_act": "statement",
            "review_state": "withdrawn",
            "correction_note": "",
        },
        ["speaker", "proposition", "speech_act", "review_state", "correction_note"],
        instance=claim,
    )
    assert "A withdrawn claim needs a public correction note." in errors


def test_database_refuses_a_published_claim_without_a_publication_time():
    claim = f.claim(review_state="draft")
    refused_by_database(lambda: Claim.objects.filter(pk=claim.pk).update(review_state="published"))


def test_database_refuses_a_claim_spoken_on_behalf_of_its_own_speaker():
    speaker = f.actor()
    refused_by_database(lambda: f.claim(speaker=speaker, on_behalf_of=speaker))


def test_database_refuses_a_date_without_its_precision():
    refused_by_database(lambda: f.claim(asserted_on=dt.date(2017, 9, 20)))
    refused_by_database(lambda: f.claim(asserted_precision="day"))
    refused_by_database(lambda: f.claim(asserted_on=dt.date(2017, 9, 1), asserted_precision="week"))


def test_partial_dates_are_stored_as_the_first_day_of_what_is_known():
    claim = f.claim(asserted_on=dt.date(2017, 9, 20), asserted_precision="month")
    claim.refresh_from_db()
    assert claim.asserted_on == dt.date(2017, 9, 1)
    assert claim.asserted_display == "September 2017"


def test_database_refuses_two_claims_with_the_same_reference():
    f.claim(ref="seed-1")
    refused_by_database(lambda: f.claim(ref="seed-1"))
    f.claim(), f.claim()  # claims without a reference are many


def test_database_refuses_a_role_held_in_itself_or_ending_before_it_starts():
    person = f.actor()
    refused_by_database(lambda: Role.objects.create(actor=person, title="x", organisation=person))
    refused_by_database(
        lambda: Role.objects.create(
            actor=person,
            title="x",
            start_on=dt.date(2017, 1, 1),
            start_precision="year",
            end_on=dt.date(2016, 1, 1),
            end_precision="year",
        )
    )


def test_form_explains_a_role_held_in_itself():
    person = f.actor()
    errors = form_errors(
        Role,
        {"actor": person.pk, "title": "spokesman", "organisation": person.pk},
        ["actor", "title", "organisation"],
    )
    assert "An actor cannot hold a role in itself." in errors


def test_a_role_must_belong_to_the_claims_speaker():
    claim = f.claim()
    other = Role.objects.create(actor=f.actor(), title="spokesman")
    claim.role = other
    with pytest.raises(ValidationError) as raised:
        claim.full_clean()
    assert "This role belongs to another actor than the speaker." in raised.value.messages


def test_database_refuses_an_assessment_without_a_rationale():
    claim = f.claim()
    refused_by_database(
        lambda: EvidenceAssessment.objects.create(claim=claim, status="no_evidence", rationale="")
    )


def test_form_asks_for_the_assessment_rationale():
    claim = f.claim()
    errors = form_errors(
        EvidenceAssessment,
        {"claim": claim.pk, "status": "no_evidence", "rationale": ""},
        ["claim", "status", "rationale"],
    )
    assert "This field is required." in errors


def test_database_refuses_a_document_without_text():
    refused_by_database(lambda: f.document(text=""))


def test_database_refuses_deleting_a_speaker_who_has_claims():
    claim = f.claim()
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError), transaction.atomic():
        claim.speaker.delete()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_an_assessment_becomes_the_claims_current_evidence_status():
    claim = f.claim()
    f.assessment(claim, "claimed", rationale="Says it has intelligence; shows none.")
    f.assessment(claim, "corroborated", rationale="Satellite images confirm it.")
    claim.refresh_from_db()
    assert claim.evidence_status == "corroborated"
    assert list(claim.assessments.values_list("status", flat=True)) == [
        "corroborated",
        "claimed",
    ]


def test_evidence_status_is_not_an_editable_form_field():
    form_class = modelform_factory(Claim, exclude=[])
    assert "evidence_status" not in form_class.base_fields
    assert isinstance(form_class.base_fields["speech_act"], forms.TypedChoiceField)
