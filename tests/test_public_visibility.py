"""Drafts, claims in review and withdrawn claims never appear on any public surface."""

import json

import pytest
from django.urls import reverse

from claims.models import Claim, ReviewState
from tests import factories as f

pytestmark = pytest.mark.django_db

MARK = "Zanzibarian"  # a word found only in the hidden claims


@pytest.fixture
def hidden(seed):
    """One hidden claim in each unpublished state, each with a marker word, a speaker of its own,
    an appearance in its own document and a link to a published claim."""
    published = Claim.objects.get(ref="coalition-russian-jets-struck-sdf")
    story = published.stories.first()
    claims = []
    for state in (ReviewState.DRAFT, ReviewState.IN_REVIEW, ReviewState.WITHDRAWN):
        speaker = f.actor(f"{MARK} speaker {state}")
        claim = f.claim(
            speaker=speaker,
            proposition=f"{MARK} claim {state}",
            review_state=state,
            correction_note="Withdrawn." if state == ReviewState.WITHDRAWN else "",
        )
        claim.stories.add(story)
        doc = f.document(
            text=f"Only here: the {MARK} words for {state}.", title=f"{MARK} doc {state}"
        )
        f.appearance(claim, doc, f"the {MARK} words")
        f.link(claim, published, "denies")
        f.assessment(claim, "contradicted", rationale="Checked.")
        claims.append(claim)
    return claims


def public_urls(hidden) -> list[str]:
    story = hidden[0].stories.first()
    urls = [
        reverse("home"),
        story.get_absolute_url(),
        Claim.objects.get(ref="coalition-russian-jets-struck-sdf").get_absolute_url(),
        reverse("feed"),
        reverse("export", args=["json"]),
        reverse("export", args=["csv"]),
        reverse("story_export", args=[story.slug, "json"]),
        reverse("story_export", args=[story.slug, "csv"]),
        reverse("sitemap"),
    ]
    return urls


def body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_no_public_surface_shows_an_unpublished_claim(client, hidden):
    for url in public_urls(hidden):
        response = client.get(url)
        assert response.status_code == 200, url
        text = body(response)
        assert MARK not in text, url
        for claim in hidden:
            assert claim.get_absolute_url() not in text, url


def test_search_finds_nothing_unpublished(client, hidden):
    response = client.get(reverse("search"), {"q": MARK})
    ctx = response.context
    assert (ctx["claims"], ctx["speakers"], ctx["documents"]) == ([], [], [])
    text = response.content.decode()
    for claim in hidden:
        assert claim.proposition not in text and claim.get_absolute_url() not in text


def test_unpublished_claims_their_speakers_and_documents_have_no_page(client, hidden):
    for claim in hidden:
        assert client.get(claim.get_absolute_url()).status_code == 404
        assert client.get(claim.speaker.get_absolute_url()).status_code == 404
        assert client.get(claim.appearances.get().document.get_absolute_url()).status_code == 404


def test_the_json_export_has_no_link_to_a_hidden_claim(client, hidden):
    data = json.loads(body(client.get(reverse("export", args=["json"]))))
    ids = {c["id"] for c in data["claims"]}
    assert ids == set(Claim.objects.published().values_list("pk", flat=True))
    for link in data["links"]:
        assert link["source"] in ids and link["target"] in ids


def test_a_withdrawn_claim_disappears_from_every_surface(client, seed):
    claim = Claim.objects.get(ref="konashenkov-raqqa-stopped")
    url = claim.get_absolute_url()
    assert client.get(url).status_code == 200
    claim.review_state = ReviewState.WITHDRAWN
    claim.correction_note = "Misattributed."
    claim.save()
    assert client.get(url).status_code == 404
    for page in [
        reverse("home"),
        reverse("feed"),
        reverse("sitemap"),
        reverse("search") + "?q=Raqqa",
    ]:
        assert url not in body(client.get(page)), page
