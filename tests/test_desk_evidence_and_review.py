"""Evidence judgements with a rationale; the review workflow with its notes."""

import pytest

from claims.models import Claim, EvidenceAssessment
from sources.models import Document
from tests.desk import HX, fragment, ref, url

pytestmark = pytest.mark.django_db


def test_an_editor_changes_the_evidence_status_with_a_rationale(client, editor, seed):
    client.force_login(editor)
    claim = ref("coalition-russian-jets-struck-sdf")
    response = client.post(
        url("evidence", claim.pk),
        {
            "status": "claimed",
            "rationale": "The coalition cites strike reports it has not released.",
            "evidence_document": Document.objects.get().pk,
        },
        **HX,
    )
    assert response.status_code == 200
    html = fragment(response, "evidence")
    assert "Evidence claimed but not shown" in html and "edith" in html
    assert 'id="evidence-badge" class="badge evidence" hx-swap-oob="true"' in html
    claim.refresh_from_db()
    assert claim.evidence_status == "claimed"
    assessment = EvidenceAssessment.objects.get(claim=claim)
    assert assessment.assessed_by == editor
    assert assessment.evidence_document == Document.objects.get()


def test_a_judgement_without_a_rationale_is_refused(client, editor, seed):
    client.force_login(editor)
    claim = ref("coalition-russian-jets-struck-sdf")
    response = client.post(url("evidence", claim.pk), {"status": "contradicted"}, **HX)
    assert response.status_code == 422
    assert "Explain the judgement" in fragment(response, "evidence")
    claim.refresh_from_db()
    assert claim.evidence_status == "not_assessed"


def test_a_javascript_url_is_refused_as_evidence(client, editor, seed):
    client.force_login(editor)
    claim = ref("coalition-russian-jets-struck-sdf")
    response = client.post(
        url("evidence", claim.pk),
        {"status": "unverified", "rationale": "See link.", "evidence_url": "javascript:alert(1)"},
    )
    assert response.status_code == 422
    assert not EvidenceAssessment.objects.filter(claim=claim).exists()


def test_a_contributor_may_not_judge_evidence(client, contributor, seed):
    client.force_login(contributor)
    claim = ref("coalition-russian-jets-struck-sdf")
    response = client.post(url("evidence", claim.pk), {"status": "corroborated", "rationale": "x"})
    assert response.status_code == 403
    assert "judge the evidence" in response.content.decode()


def review(client, claim: Claim, action: str, note: str = ""):
    claim.refresh_from_db()
    return client.post(
        url("review", claim.pk), {"action": action, "note": note, "version": claim.version}
    )


def test_a_claim_goes_from_draft_to_review_to_published(client, editor, reviewer, seed):
    claim = ref("konashenkov-two-villages-captured")
    client.force_login(editor)
    assert review(client, claim, "submit").status_code == 302
    claim.refresh_from_db()
    assert claim.review_state == "in_review"
    client.force_login(reviewer)
    assert review(client, claim, "publish").status_code == 302
    claim.refresh_from_db()
    assert claim.review_state == "published" and claim.published_at is not None
    assert Claim.objects.published().filter(pk=claim.pk).exists()


def test_a_reviewer_sends_a_claim_back_with_a_comment(client, reviewer, seed):
    client.force_login(reviewer)
    claim = ref("konashenkov-sdf-with-us-special-forces")
    refused = review(client, claim, "send_back")
    assert refused.status_code == 422
    assert "Write the comment for the editor." in refused.content.decode()
    assert review(client, claim, "send_back", "Which positions? Quote him.").status_code == 302
    claim.refresh_from_db()
    assert claim.review_state == "draft"
    latest = claim.history.first()
    assert latest.history_user == reviewer
    assert latest.history_change_reason == "Send back to draft: Which positions? Quote him."


def test_a_published_claim_is_withdrawn_with_a_public_note_never_deleted(client, reviewer, seed):
    client.force_login(reviewer)
    claim = ref("mod-denies-jet-strike")
    assert review(client, claim, "withdraw").status_code == 422
    response = review(client, claim, "withdraw", "The denial was misattributed.")
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.review_state == "withdrawn"
    assert claim.correction_note == "The denial was misattributed."
    assert not Claim.objects.published().filter(pk=claim.pk).exists()


def test_a_step_that_does_not_fit_the_state_is_refused(client, reviewer, seed):
    client.force_login(reviewer)
    claim = ref("konashenkov-two-villages-captured")  # a draft
    response = review(client, claim, "publish")
    assert response.status_code == 409
    assert "applies only to claims in review" in response.content.decode()
    claim.refresh_from_db()
    assert claim.review_state == "draft"


def test_a_review_step_based_on_a_stale_page_is_refused(client, reviewer, seed):
    client.force_login(reviewer)
    claim = ref("konashenkov-sdf-with-us-special-forces")
    stale = claim.version
    Claim.objects.filter(pk=claim.pk).update(version=stale + 1)
    response = client.post(url("review", claim.pk), {"action": "publish", "version": stale})
    assert response.status_code == 409
    assert "Someone else changed this claim" in response.content.decode()
    claim.refresh_from_db()
    assert claim.review_state == "in_review"
