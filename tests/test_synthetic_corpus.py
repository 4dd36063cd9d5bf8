"""The synthetic corpus behind `make bench`: realistic, bulk-written, and within every rule."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from claims import corpus, search
from claims.models import (
    Actor,
    Appearance,
    AttributionStep,
    Claim,
    ClaimLink,
    EvidenceAssessment,
    ReviewState,
    Role,
    Story,
)
from sources.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    return corpus.generate(400, seed=3)


def test_the_corpus_has_every_kind_of_ledger_row(generated):
    assert Claim.objects.count() == 400
    assert generated.rows["claims_claim"] == 400
    assert Story.objects.count() == 8
    assert Document.objects.count() == 40
    assert Appearance.objects.count() == 400
    assert AttributionStep.objects.count() == 400
    assert Role.objects.exists() and Actor.objects.filter(kind="state").exists()
    assert ClaimLink.objects.filter(type="denies").exists()
    assert ClaimLink.objects.filter(type__in=["disputes", "counter_accuses"]).exists()
    assert EvidenceAssessment.objects.exists()
    states = set(Claim.objects.values_list("review_state", flat=True))
    assert states == {"published", "in_review", "draft", "withdrawn"}


def test_every_generated_row_passes_the_models_own_validation(generated):
    for model in (Claim, Appearance, AttributionStep, ClaimLink, EvidenceAssessment, Role):
        for obj in model.objects.all()[:60]:
            obj.full_clean()


def test_appearances_hold_the_exact_words_of_their_documents(generated):
    for appearance in Appearance.objects.select_related("document"):
        assert appearance.matches(appearance.document.text)
        assert (
            appearance.prefix
            == appearance.document.text[max(0, appearance.start - 60) : appearance.start]
        )


def test_each_claims_evidence_status_is_its_latest_assessment(generated):
    for claim in Claim.objects.prefetch_related("assessments"):
        assessments = list(claim.assessments.all())  # newest first
        expected = assessments[0].status if assessments else "not_assessed"
        assert claim.evidence_status == expected
    assert not Claim.objects.filter(
        review_state=ReviewState.PUBLISHED, published_at__isnull=True
    ).exists()


def test_the_search_index_is_filled_and_the_triggers_are_back(generated):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {search.TABLE}")
        assert cursor.fetchone()[0] == 400
    place = Story.objects.first().title.split(" near ")[-1]
    assert Claim.objects.search(place).exists()
    claim = Claim.objects.first()
    claim.proposition = "Quartermaster zeppelin"
    claim.save()  # the triggers work again after the bulk load
    assert list(Claim.objects.search("zeppelin")) == [claim]


def test_the_same_seed_gives_the_same_corpus():
    corpus.generate(60, seed=5)
    first = list(Claim.objects.order_by("pk").values_list("proposition", flat=True))
    Claim.objects.all().delete()
    corpus.generate(60, seed=5)
    again = list(Claim.objects.order_by("pk").values_list("proposition", flat=True))
    assert first == again


def test_the_command_refuses_a_ledger_that_holds_claims_unless_appending(capsys):
    call_command("generate_corpus", claims=100)
    assert "Generated in" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already holds claims"):
        call_command("generate_corpus", claims=100)
    call_command("generate_corpus", claims=100, append=True)
    assert Claim.objects.count() == 200
    # ids continue after the bulk load: an ordinary save gets a fresh key
    new = Claim.objects.create(
        speaker=Actor.objects.first(), proposition="After the load.", speech_act="statement"
    )
    assert new.pk > max(Claim.objects.exclude(pk=new.pk).values_list("pk", flat=True))


def test_a_claim_count_below_one_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_corpus", claims=0)
