"""Markup in claim text, quotes, names, notes and URLs is inert on the desk and in the admin,
and javascript: URLs are refused wherever a URL is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.models import EvidenceAssessment
from sources.models import Document
from tests import factories as f
from tests.admin_forms import admin_form_data
from tests.desk import url

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.fixture
def hostile(db):
    story = f.story(f"Story {PAYLOAD}")
    speaker = f.actor(f"Speaker {PAYLOAD}")
    doc = f.document(
        text=f"Intro. He said {PAYLOAD} loudly.",
        title=f"Doc {PAYLOAD}",
        outlet=f.outlet(f"Outlet {PAYLOAD}"),
    )
    claim = f.claim(
        speaker=speaker,
        proposition=f"Claim {PAYLOAD}",
        role_as_reported=PAYLOAD,
        review_state="draft",
    )
    claim.stories.add(story)
    f.appearance(claim, doc, PAYLOAD).attribution.create(kind="told", venue=f"venue {PAYLOAD}")
    f.link(f.claim(proposition=f"Answer {PAYLOAD}"), claim, "denies", note=f"Note {PAYLOAD}")
    f.assessment(claim, "contradicted", rationale=f"Because {PAYLOAD}")
    return claim, story, doc


def test_markup_is_inert_on_every_desk_page(client, reviewer, hostile):
    claim, story, doc = hostile
    client.force_login(reviewer)
    for path in [
        url("queue"),
        url("queue") + "?q=Claim",
        url("claim", claim.pk),
        url("claim", claim.pk) + "?q=Answer",
        url("claim_edit", claim.pk),
        url("story", story.slug),
        url("documents"),
        url("document", doc.pk),
    ]:
        html = client.get(path).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert ESCAPED in html, path


def test_markup_is_inert_in_the_admin(client, superuser, hostile):
    claim, _, doc = hostile
    client.force_login(superuser)
    for path in [
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_actor_changelist"),
        reverse("admin:sources_document_change", args=[doc.pk]),
        reverse("admin:claims_claimlink_changelist"),
        reverse("admin:claims_evidenceassessment_changelist"),
        reverse("admin:claims_claim_history", args=[claim.pk]),
    ]:
        html = client.get(path).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;" in html, path


def test_javascript_urls_are_refused_wherever_urls_are_stored(client, superuser):
    client.force_login(superuser)
    doc = f.document()
    change = reverse("admin:sources_document_change", args=[doc.pk])
    data = admin_form_data(client.get(change))
    data["url"] = "javascript:alert(1)"
    response = client.post(change, data)
    assert response.status_code == 200 and "Enter a valid URL." in response.content.decode()
    doc.refresh_from_db()
    assert doc.url == ""
    for model_object in [
        Document(title="t", text="x", url="javascript:alert(1)"),
        EvidenceAssessment(
            claim=f.claim(), status="unverified", rationale="r", evidence_url="javascript:alert(1)"
        ),
    ]:
        with pytest.raises(ValidationError):
            model_object.full_clean()
