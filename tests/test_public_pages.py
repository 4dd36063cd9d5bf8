"""Until the public pages grow, the home page lists the published claims with their speakers."""

import pytest
from django.urls import reverse

from claims.models import Actor, Claim, Story
from sources.models import Document
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_home_lists_the_seed_storys_published_claims_with_speakers(client, seed):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    for claim in Claim.objects.published().select_related("speaker"):
        assert claim.get_absolute_url() in html
        assert claim.speaker.name in html
    assert len(response.context["claims"]) == 15


def test_home_never_lists_drafts_or_claims_in_review(client, seed):
    html = client.get(reverse("home")).content.decode()
    for claim in Claim.objects.exclude(review_state="published"):
        assert claim.proposition not in html
        assert claim.get_absolute_url() not in html


def test_home_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for _ in range(3):
        f.claim()
    with django_assert_num_queries(1):
        client.get(reverse("home"))
    for _ in range(5):
        f.claim(on_behalf_of=f.actor())
    with django_assert_num_queries(1):
        response = client.get(reverse("home"))
    assert len(response.context["claims"]) == 8


def test_every_public_object_has_a_working_address(client, seed):
    claim = Claim.objects.published().first()
    for obj in [claim, claim.speaker, Story.objects.first(), Document.objects.first()]:
        url = obj.get_absolute_url()
        assert client.get(url).status_code == 200, url


def test_a_draft_claims_address_is_not_found(client, seed):
    draft = Claim.objects.get(ref="konashenkov-two-villages-captured")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_claim_address_with_an_old_slug_redirects_to_the_current_one(client, seed):
    claim = Claim.objects.published().first()
    response = client.get(reverse("claim", args=[claim.pk, "old-wording"]))
    assert response.status_code == 301
    assert response["Location"] == claim.get_absolute_url()


def test_the_claim_page_shows_both_directions_of_its_links(client, seed):
    claim = Claim.objects.get(ref="konashenkov-twice-targeted")
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "Denied by" in html and "Counter-accused by" in html
    assert "Ahmed Abu Khawla" in html
    # The elaboration is still in review: not shown to the public.
    assert "U.S. Special Forces" not in html


def test_public_pages_answer_only_get_and_head(client, seed):
    response = client.post(reverse("home"))
    assert response.status_code == 405
    assert client.head(reverse("home")).status_code == 200


def test_a_speaker_page_lists_only_published_claims(client, seed):
    konashenkov = Actor.objects.get(name="Igor Konashenkov")
    response = client.get(konashenkov.get_absolute_url())
    assert {c.review_state for c in response.context["claims"]} == {"published"}
    assert len(response.context["claims"]) == 4


def busy_claim(n: int):
    """A published claim with ``n`` appearances, answers, answered claims and assessments."""
    doc = f.document(text=" ".join(f"Sentence number {i} is here." for i in range(n + 1)))
    reuters = f.outlet("Reuters")
    target = f.claim()
    story = f.story()
    target.stories.add(story)
    for i in range(n):
        appearance = f.appearance(target, doc, f"Sentence number {i} is")
        appearance.attribution.create(kind="quoted_by", outlet=reuters)
        answer = f.claim()
        answer.stories.add(story)
        f.link(answer, target, "denies")
        f.link(target, f.claim(), "disputes")
        f.assessment(target, rationale=f"Judgement {i}.")
        f.appearance(answer, doc, f"Sentence number {i} is here.")
    return target, story, doc


@pytest.mark.parametrize("rows", [3, 6])
def test_public_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, rows):
    claim, story, doc = busy_claim(rows)
    pages = {
        claim.get_absolute_url(): 6,  # claim, appearances, hops, answers, answered, assessments
        claim.speaker.get_absolute_url(): 2,  # speaker, claims
        story.get_absolute_url(): 2,  # story, claims
        doc.get_absolute_url(): 2,  # document, appearances
    }
    for url, expected in pages.items():
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
