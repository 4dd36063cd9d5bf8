"""Two editors never silently overwrite each other; every write is recorded with its user."""

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimLink, EvidenceAssessment
from tests.admin_forms import admin_form_data
from tests.desk import HX, ref, url

pytestmark = pytest.mark.django_db


def edit_data(response) -> dict:
    form = response.context["form"]
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list):
            data[field.html_name] = [str(v) for v in value]
        elif value is not None:
            data[field.html_name] = str(value)
    return data


def test_the_second_of_two_editors_sees_the_conflict_and_nothing_is_lost(
    client, editor, reviewer, seed, django_user_model
):
    from django.test import Client

    other = Client()
    claim = ref("konashenkov-sdf-with-us-special-forces")
    client.force_login(editor)
    other.force_login(reviewer)
    mine = edit_data(client.get(url("claim_edit", claim.pk)))
    theirs = edit_data(other.get(url("claim_edit", claim.pk)))

    theirs["proposition"] = "SDF fighters took positions on the east bank with U.S. forces."
    assert other.post(url("claim_edit", claim.pk), theirs).status_code == 302

    mine["role_as_reported"] = "Major General, ministry spokesman"
    response = client.post(url("claim_edit", claim.pk), mine, **HX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this claim after you opened it" in html
    assert "SDF fighters took positions on the east bank with U.S. forces." in html  # theirs
    assert "Major General, ministry spokesman" in html  # mine, kept in the form
    claim.refresh_from_db()
    assert claim.proposition == "SDF fighters took positions on the east bank with U.S. forces."
    assert claim.role_as_reported == "Russian Defense Ministry spokesman"

    # Re-applying from the conflict form saves on top of the current version.
    mine["base_version"] = str(claim.version)
    assert client.post(url("claim_edit", claim.pk), mine).status_code == 302
    claim.refresh_from_db()
    assert claim.role_as_reported == "Major General, ministry spokesman"
    assert claim.version == 3


def test_a_stale_link_edit_is_refused(client, editor, seed):
    client.force_login(editor)
    link = ClaimLink.objects.get(source__ref="konashenkov-raqqa-stopped")
    ClaimLink.objects.filter(pk=link.pk).update(version=5, note="Changed meanwhile.")
    response = client.post(
        url("link_update", link.pk),
        {"type": "denies", "note": "", "base_version": 1, "claim": link.target_id},
        **HX,
    )
    assert response.status_code == 409
    assert "Someone else saved this claim link" in response.content.decode()
    link.refresh_from_db()
    assert (link.type, link.note) == ("disputes", "Changed meanwhile.")


def test_the_admin_refuses_a_save_based_on_a_stale_copy(client, superuser, seed):
    client.force_login(superuser)
    claim = ref("mod-denies-jet-strike")
    change = reverse("admin:claims_claim_change", args=[claim.pk])
    data = admin_form_data(client.get(change))
    Claim.objects.filter(pk=claim.pk).update(proposition="Edited elsewhere.", version=2)
    data["proposition"] = "My edit."
    response = client.post(change, data)
    assert response.status_code == 200
    assert "Someone else saved this claim after you opened it" in response.content.decode()
    claim.refresh_from_db()
    assert claim.proposition == "Edited elsewhere."


def history_rows(model) -> int:
    return model.history.count()


def test_each_desk_write_leaves_exactly_one_history_row_naming_the_user(
    client, editor, reviewer, seed
):
    client.force_login(editor)
    claim = ref("konashenkov-two-villages-captured")

    before = history_rows(ClaimLink)
    client.post(
        url("link_create", claim.pk),
        {"other": ref("sdf-raqqa-80-percent").pk, "relation": "out:corroborates"},
    )
    assert history_rows(ClaimLink) == before + 1
    assert ClaimLink.history.first().history_user == editor

    before = history_rows(EvidenceAssessment)
    client.post(url("evidence", claim.pk), {"status": "unverified", "rationale": "Maps shown."})
    assert history_rows(EvidenceAssessment) == before + 1
    assert EvidenceAssessment.history.first().history_user == editor

    claim.refresh_from_db()
    before = claim.history.count()
    data = edit_data(client.get(url("claim_edit", claim.pk)))
    data["proposition"] = "Government troops took two villages west of the Euphrates."
    assert client.post(url("claim_edit", claim.pk), data).status_code == 302
    assert claim.history.count() == before + 1
    assert claim.history.first().history_user == editor

    before = claim.history.count()
    claim.refresh_from_db()
    client.post(url("review", claim.pk), {"action": "submit", "version": claim.version})
    assert claim.history.count() == before + 1
    assert claim.history.first().history_user == editor
    assert claim.history.first().review_state == "in_review"

    client.force_login(reviewer)
    link = ClaimLink.objects.get(source=claim)
    before = history_rows(ClaimLink)
    client.post(url("link_delete", link.pk), {"claim": claim.pk})
    assert history_rows(ClaimLink) == before + 1
    latest = ClaimLink.history.first()
    assert (latest.history_type, latest.history_user) == ("-", reviewer)
