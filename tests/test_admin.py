"""Data entry in the Django admin: every page renders, changelists run a fixed number of queries,
and passages are pasted rather than typed as offsets."""

import pytest
from django.contrib import admin
from django.urls import reverse

from claims.models import (
    Appearance,
    AttributionStep,
    Claim,
    ClaimLink,
    EvidenceAssessment,
)
from sources.models import Document
from tests import factories as f
from tests.admin_forms import admin_form_data

LEDGER_MODELS = [
    model for model in admin.site._registry if model._meta.app_label in {"claims", "sources"}
]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def extra_rows():
    """Top every ledger table up to at least three rows beyond the seed story."""
    doc = f.document()
    f.document(text="Another report entirely, with its own words.")
    for _ in range(2):
        f.outlet()
        f.story()
    claims = [f.claim() for _ in range(3)]
    for c in claims:
        f.assessment(c)
        appearance = f.appearance(c, doc, doc.text.split(". ")[claims.index(c)])
        AttributionStep.objects.create(appearance=appearance, kind="told", venue="reporters")


def test_every_ledger_model_is_registered():
    names = {model.__name__ for model in LEDGER_MODELS}
    assert names == {
        "Actor",
        "ActorAlias",
        "Role",
        "Story",
        "Claim",
        "Appearance",
        "AttributionStep",
        "ClaimLink",
        "EvidenceAssessment",
        "Outlet",
        "Document",
    }


@pytest.mark.parametrize("model", LEDGER_MODELS, ids=lambda m: m.__name__)
def test_staff_sees_every_changelist_add_and_change_page(client, superuser, seed, model):
    extra_rows()
    client.force_login(superuser)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "changelist"), {"q": "Russia"}).status_code == 200
    assert client.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first()
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert client.get(admin_url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", LEDGER_MODELS, ids=lambda m: m.__name__)
def test_an_editor_with_staff_status_can_browse_the_ledger_in_the_admin(
    client, editor, seed, model
):
    client.force_login(editor)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200


# Queries per changelist page: session and user, the count and the page of rows, plus one per
# related-object filter (Claim: stories; AttributionStep: outlets; Document: outlets and dates).
CHANGELIST_QUERIES = {
    "Actor": 5,
    "ActorAlias": 5,
    "Role": 5,
    "Story": 5,
    "Claim": 6,
    "Appearance": 5,
    "AttributionStep": 6,
    "ClaimLink": 5,
    "EvidenceAssessment": 5,
    "Outlet": 5,
    "Document": 8,
}


@pytest.mark.parametrize("model", LEDGER_MODELS, ids=lambda m: m.__name__)
def test_each_changelist_runs_a_fixed_number_of_queries(
    client, superuser, seed, model, django_assert_num_queries
):
    client.force_login(superuser)
    url = admin_url(model, "changelist")
    client.get(url)  # warm caches (content types, permissions)
    expected = CHANGELIST_QUERIES[model.__name__]
    with django_assert_num_queries(expected):
        client.get(url)
    extra_rows()
    assert model.objects.count() >= 3
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.context["cl"].result_count == model.objects.count()


@pytest.mark.django_db
def test_claim_page_shows_speaker_appearances_links_both_ways_and_evidence(client, superuser, seed):
    client.force_login(superuser)
    claim = Claim.objects.get(ref="konashenkov-twice-targeted")
    response = client.get(admin_url(Claim, "change", claim.pk))
    html = response.content.decode()
    assert "Igor Konashenkov" in html
    assert "twice targeted with massive fire from mortar launchers and rocket artillery" in html
    assert "answered by (links in)" in html.lower() or "Answered by (links in)" in html
    inlines = {fs.formset.prefix: fs.formset for fs in response.context["inline_admin_formsets"]}
    assert {form.instance.source.ref for form in inlines["links_in"].forms} >= {
        "abu-khawla-denies-shelling",
        "abu-khawla-moscow-obstructs",
    }
    raqqa = Claim.objects.get(ref="konashenkov-raqqa-stopped")
    response = client.get(admin_url(Claim, "change", raqqa.pk))
    html = response.content.decode()
    assert "No evidence offered" in html and "He did not provide evidence" in html
    outgoing = {fs.formset.prefix: fs.formset for fs in response.context["inline_admin_formsets"]}
    assert [form.instance.target.ref for form in outgoing["links_out"].forms] == [
        "sdf-raqqa-80-percent"
    ]


def add_appearance_by_passage(client, claim, document, passage, mode="direct"):
    url = admin_url(Claim, "change", claim.pk)
    data = admin_form_data(client.get(url))
    data.update(
        {
            "appearances-TOTAL_FORMS": str(int(data["appearances-TOTAL_FORMS"]) + 1),
        }
    )
    index = int(data["appearances-TOTAL_FORMS"]) - 1
    data.update(
        {
            f"appearances-{index}-document": str(document.pk),
            f"appearances-{index}-passage": passage,
            f"appearances-{index}-mode": mode,
            f"appearances-{index}-claim": str(claim.pk),
        }
    )
    return client.post(url, data)


@pytest.mark.django_db
def test_staff_adds_an_appearance_by_pasting_the_passage(client, superuser):
    doc = f.document()
    claim = f.claim()
    client.force_login(superuser)
    response = add_appearance_by_passage(client, claim, doc, 'said "the strike was deliberate"')
    assert response.status_code == 302, response.context["errors"]
    appearance = Appearance.objects.get(claim=claim)
    assert appearance.exact == "said “the strike was deliberate”"
    assert doc.text[appearance.start : appearance.end] == appearance.exact
    assert appearance.prefix.endswith("Officials ")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("passage", "message"),
    [
        ("the strike was accidental", "was not found in the document"),
        ("the convoy", "appears 2 times"),
        ("", "Paste the passage in which the claim appears."),
    ],
)
def test_a_bad_passage_is_refused_with_a_clear_message_and_nothing_saved(
    client, superuser, passage, message
):
    doc = f.document()
    claim = f.claim()
    client.force_login(superuser)
    before = claim.proposition
    response = add_appearance_by_passage(client, claim, doc, passage)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Appearance.objects.exists()
    claim.refresh_from_db()
    assert claim.proposition == before


@pytest.mark.django_db
def test_the_admin_refuses_a_self_link_with_a_message(client, superuser):
    claim = f.claim()
    client.force_login(superuser)
    url = admin_url(Claim, "change", claim.pk)
    data = admin_form_data(client.get(url))
    data.update(
        {
            "links_out-TOTAL_FORMS": "1",
            "links_out-0-type": "denies",
            "links_out-0-target": str(claim.pk),
            "links_out-0-source": str(claim.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A claim cannot be linked to itself." in response.content.decode()
    assert not ClaimLink.objects.exists()


@pytest.mark.django_db
def test_staff_changes_the_evidence_status_by_adding_an_assessment(client, superuser):
    claim = f.claim()
    client.force_login(superuser)
    url = admin_url(Claim, "change", claim.pk)
    data = admin_form_data(client.get(url))
    prefix = next(
        fs.formset.prefix
        for fs in client.get(url).context["inline_admin_formsets"]
        if fs.formset.prefix.startswith("assessments")
        and fs.formset.extra == 0
        and fs.opts.__class__.__name__ == "NewAssessmentInline"
    )
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-status": "contradicted",
            f"{prefix}-0-rationale": "Satellite images show no strike.",
            f"{prefix}-0-claim": str(claim.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.evidence_status == "contradicted"
    assessment = EvidenceAssessment.objects.get(claim=claim)
    assert assessment.assessed_by == superuser


@pytest.mark.django_db
def test_changing_a_documents_text_in_the_admin_warns_about_orphans(client, superuser):
    doc = f.document()
    f.appearance(f.claim(), doc, "A rebel commander denied")
    client.force_login(superuser)
    url = admin_url(Document, "change", doc.pk)
    data = admin_form_data(client.get(url))
    data["text"] = doc.text.replace("rebel", "militia")
    response = client.post(url, data, follow=True)
    assert "1 appearance(s) no longer match" in response.content.decode()
    assert Appearance.objects.get().orphaned is True


@pytest.mark.django_db
def test_every_admin_edit_is_recorded_with_its_user(client, superuser):
    claim = f.claim()
    client.force_login(superuser)
    url = admin_url(Claim, "change", claim.pk)
    data = admin_form_data(client.get(url))
    data["proposition"] = "A corrected wording."
    assert client.post(url, data).status_code == 302
    latest = claim.history.first()
    assert latest.history_user == superuser
    assert latest.proposition == "A corrected wording."
    assert latest.prev_record.proposition != "A corrected wording."


@pytest.mark.django_db
def test_the_admin_refuses_a_duplicate_link_with_a_message(client, superuser):
    claim, other = f.claim(), f.claim()
    f.link(claim, other, "denies")
    client.force_login(superuser)
    url = admin_url(Claim, "change", claim.pk)
    data = admin_form_data(client.get(url))
    data.update(
        {
            "links_out-TOTAL_FORMS": "2",
            "links_out-1-type": "denies",
            "links_out-1-target": str(other.pk),
            "links_out-1-source": str(claim.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200, response.context["errors"]
    assert "Please correct the duplicate data for target and type" in str(
        response.context["errors"]
    )
    assert ClaimLink.objects.count() == 1


def test_only_a_reviewer_can_change_the_review_state_in_the_admin(client, editor, reviewer):
    claim = f.claim(review_state="draft")
    url = admin_url(Claim, "change", claim.pk)
    client.force_login(editor)
    data = admin_form_data(client.get(url))
    assert "review_state" not in data
    data["review_state"] = "published"
    assert client.post(url, data).status_code == 302
    claim.refresh_from_db()
    assert claim.review_state == "draft"

    client.force_login(reviewer)
    data = admin_form_data(client.get(url))
    data["review_state"] = "published"
    assert client.post(url, data).status_code == 302
    claim.refresh_from_db()
    assert claim.review_state == "published"


def test_the_claim_changelist_searches_the_full_text_index_and_references(client, superuser):
    client.force_login(superuser)
    speaker = f.actor("Igor Konashenkov")
    wanted = f.claim(speaker, proposition="Rebels shelled the convoy.", ref="seed-7")
    other = f.claim(proposition="A quiet day in the capital.")
    changelist = reverse("admin:claims_claim_changelist")

    def shown(term: str) -> set[int]:
        response = client.get(changelist, {"q": term})
        assert response.status_code == 200
        return {c.pk for c in response.context["cl"].result_list}

    assert shown("shelling convoy") == {wanted.pk}
    assert shown("Konash") == {wanted.pk}
    assert shown("seed-7") == {wanted.pk}
    assert shown("capital") == {other.pk}
    assert shown("-") == set()
