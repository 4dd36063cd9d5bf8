"""The claim workspace shows everything about a claim on one page."""

import pytest

from claims.models import ClaimLink
from tests import factories as f
from tests.desk import HX, ref, url

pytestmark = pytest.mark.django_db


def test_the_workspace_shows_the_claim_whole(client, editor, seed):
    client.force_login(editor)
    claim = ref("konashenkov-raqqa-stopped")
    html = client.get(url("claim", claim.pk)).content.decode()
    assert "Igor Konashenkov" in html and "Russian Defense Ministry spokesman" in html
    assert "Speaking for" in html
    assert "<mark" in html and "Russian intelligence shows the coalition" in html
    assert "This claim disputes" in html
    assert "No evidence offered" in html and "He did not provide evidence" in html
    assert "Change history" in html and "load_seed" in html


def test_links_show_both_directions_with_note_and_author(client, editor, seed):
    client.force_login(editor)
    target = ref("konashenkov-twice-targeted")
    ClaimLink.objects.filter(source__ref="abu-khawla-denies-shelling").update(
        note="AP report.", created_by=editor
    )
    html = client.get(url("claim", target.pk)).content.decode()
    assert "This claim is denied by" in html and "This claim is counter-accused by" in html
    assert "This claim is elaborated by" in html
    assert "AP report." in html and "linked by edith" in html


def test_review_actions_offered_follow_the_role(client, editor, reviewer, seed):
    claim = ref("konashenkov-sdf-with-us-special-forces")  # in review
    client.force_login(editor)
    assert [t.action for t in client.get(url("claim", claim.pk)).context["transitions"]] == []
    client.force_login(reviewer)
    actions = [t.action for t in client.get(url("claim", claim.pk)).context["transitions"]]
    assert actions == ["publish", "send_back"]


@pytest.mark.parametrize("rows", [3, 6])
def test_the_workspace_runs_a_fixed_number_of_queries(
    client, editor, django_assert_num_queries, rows
):
    client.force_login(editor)
    doc = f.document(text=" ".join(f"Sentence {i} here." for i in range(rows)))
    claim = f.claim()
    claim.stories.add(f.story(), f.story())
    for i in range(rows):
        f.appearance(claim, doc, f"Sentence {i} here").attribution.create(
            kind="told", venue="reporters"
        )
        f.link(f.claim(), claim, "denies", created_by=editor)
        f.link(claim, f.claim(), "disputes")
        f.assessment(claim, rationale=f"Reason {i}", assessed_by=editor)
    # session, user, user and group permissions (4); the claim and its 6 prefetches (7);
    # claim and link history (2); the document choices of the counter-claim and evidence forms (2)
    with django_assert_num_queries(15):
        client.get(url("claim", claim.pk))
    # with a search: two more, the search window and the candidates
    with django_assert_num_queries(17):
        client.get(url("claim", claim.pk), {"q": "asserted"})


def test_candidates_fragment_runs_a_fixed_number_of_queries(
    client, editor, django_assert_num_queries
):
    client.force_login(editor)
    claim = f.claim()
    for _ in range(5):
        f.claim()
    # session, user, user and group permissions, the claim, its stories, the search window,
    # the candidates
    with django_assert_num_queries(8):
        client.get(url("candidates", claim.pk), {"q": "asserted"}, **HX)
