"""Editors link each assertion to its counter-assertions without leaving the claim page."""

import pytest

from claims.models import Actor, Appearance, Claim, ClaimLink
from sources.models import Document
from tests.desk import HX, fragment, ref, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition_claim(seed):
    """The coalition's air-strike claim, with the seed's denial link taken away."""
    claim = ref("coalition-russian-jets-struck-sdf")
    ClaimLink.objects.filter(target=claim).delete()
    return claim


def test_candidates_come_from_the_same_story_and_other_speakers_first(
    client, editor, coalition_claim
):
    client.force_login(editor)
    response = client.get(url("candidates", coalition_claim.pk), {"q": "denied"}, **HX)
    assert response.status_code == 200
    html = fragment(response, "candidates")
    assert "Russian Defense Ministry" in html and "not yet assessed" in html
    assert "HX-Request" in response["Vary"]
    page = client.get(url("claim", coalition_claim.pk), {"q": "denied"})
    candidates = page.context["candidates"]
    found = [c.ref for c in candidates]
    assert "mod-denies-jet-strike" in found and coalition_claim.ref not in found
    assert candidates[0].same_story and not candidates[0].same_speaker


def test_candidate_search_finds_speakers_by_alias(client, editor, coalition_claim):
    client.force_login(editor)
    response = client.get(url("claim", coalition_claim.pk), {"q": "Pentagon"})
    assert [c.ref for c in response.context["candidates"]] == ["pentagon-generals-met"]


def test_without_javascript_the_search_is_a_plain_get_of_the_claim_page(
    client, editor, coalition_claim
):
    client.force_login(editor)
    response = client.get(url("claim", coalition_claim.pk), {"q": "denied"})
    html = response.content.decode()
    assert "<html" in html and 'name="other"' in html
    assert "The Russian Defense Ministry" in html or "Russian jets did not strike" in html
    redirect = client.get(url("candidates", coalition_claim.pk), {"q": "denied"})
    assert redirect.status_code == 302 and "?q=denied" in redirect["Location"]


def test_editor_can_link_a_denial(client, editor, coalition_claim):
    client.force_login(editor)
    denial = ref("mod-denies-jet-strike")
    response = client.post(
        url("link_create", coalition_claim.pk),
        {"other": denial.pk, "relation": "in:denies", "note": "Flat denial."},
        **HX,
    )
    assert response.status_code == 200
    link = ClaimLink.objects.get(target=coalition_claim)
    assert (link.source, link.type, link.note, link.created_by) == (
        denial,
        "denies",
        "Flat denial.",
        editor,
    )
    html = fragment(response, "links")
    assert "This claim is denied by" in html and "Russian jets did not strike" in html
    # The unanswered badge is updated in place, out of band.
    assert 'id="answered-state" hx-swap-oob="true"' in html and "Answered" in html


def test_a_link_the_other_way_round_makes_this_claim_the_answering_one(
    client, editor, coalition_claim
):
    client.force_login(editor)
    denial = ref("mod-denies-jet-strike")
    response = client.post(
        url("link_create", denial.pk), {"other": coalition_claim.pk, "relation": "out:denies"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/desk/claims/{denial.pk}/#links")
    assert ClaimLink.objects.filter(source=denial, target=coalition_claim, type="denies").exists()


def test_the_unanswered_state_follows_the_links(client, editor, coalition_claim):
    client.force_login(editor)
    before = client.get(url("claim", coalition_claim.pk))
    assert before.context["unanswered"] is True
    client.post(
        url("link_create", coalition_claim.pk),
        {"other": ref("mod-denies-jet-strike").pk, "relation": "in:denies"},
    )
    assert client.get(url("claim", coalition_claim.pk)).context["unanswered"] is False


def test_a_duplicate_link_is_refused_with_an_inline_message(client, editor, seed):
    client.force_login(editor)
    target = ref("coalition-russian-jets-struck-sdf")
    data = {"other": ref("mod-denies-jet-strike").pk, "relation": "in:denies"}
    response = client.post(url("link_create", target.pk), data, **HX)
    assert response.status_code == 422
    assert "already linked with this type" in fragment(response, "links")
    assert ClaimLink.objects.filter(target=target).count() == 1


def test_a_self_link_is_refused_with_an_inline_message(client, editor, seed):
    client.force_login(editor)
    claim = ref("coalition-russian-jets-struck-sdf")
    before = ClaimLink.objects.count()
    response = client.post(
        url("link_create", claim.pk), {"other": claim.pk, "relation": "in:disputes"}
    )
    assert response.status_code == 422
    assert "A claim cannot be linked to itself." in response.content.decode()
    assert "<html" in response.content.decode()  # without htmx: the whole page, with the error
    assert ClaimLink.objects.count() == before


def test_a_link_without_a_chosen_claim_asks_for_one(client, editor, seed):
    client.force_login(editor)
    claim = ref("coalition-russian-jets-struck-sdf")
    response = client.post(url("link_create", claim.pk), {"relation": "in:denies"}, **HX)
    assert response.status_code == 422
    assert "Choose the claim to link" in response.content.decode()


def test_an_editor_changes_a_links_type_and_note(client, editor, seed):
    client.force_login(editor)
    link = ClaimLink.objects.get(source__ref="konashenkov-raqqa-stopped")
    response = client.post(
        url("link_update", link.pk),
        {
            "type": "denies",
            "note": "Reads as a flat denial.",
            "base_version": link.version,
            "claim": link.target_id,
        },
        **HX,
    )
    assert response.status_code == 200
    link.refresh_from_db()
    assert (link.type, link.note, link.version) == ("denies", "Reads as a flat denial.", 2)
    assert "Link changed" in response.content.decode()


def test_changing_a_link_into_a_duplicate_is_refused(client, editor, seed):
    client.force_login(editor)
    target = ref("konashenkov-twice-targeted")
    counter = ClaimLink.objects.get(source__ref="abu-khawla-moscow-obstructs", target=target)
    ClaimLink.objects.create(source=counter.source, target=target, type="denies")
    response = client.post(
        url("link_update", counter.pk),
        {"type": "denies", "note": "", "base_version": counter.version, "claim": target.pk},
        **HX,
    )
    assert response.status_code == 422
    assert "already linked with this type" in response.content.decode()
    counter.refresh_from_db()
    assert counter.type == "counter_accuses"


def test_an_editor_removes_a_link(client, editor, seed):
    client.force_login(editor)
    link = ClaimLink.objects.get(source__ref="mod-denies-jet-strike")
    response = client.post(url("link_delete", link.pk), {"claim": link.target_id}, **HX)
    assert response.status_code == 200
    assert not ClaimLink.objects.filter(pk=link.pk).exists()
    assert "Link removed" in response.content.decode()
    assert 'hx-swap-oob="true"' in response.content.decode()


def test_a_contributor_cannot_change_or_remove_links(client, contributor, seed):
    client.force_login(contributor)
    link = ClaimLink.objects.get(source__ref="mod-denies-jet-strike")
    assert client.post(url("link_delete", link.pk), {}).status_code == 403
    assert client.post(url("link_update", link.pk), {"type": "disputes"}).status_code == 403
    assert ClaimLink.objects.filter(pk=link.pk, type="denies").exists()


def counter_claim_data(**overrides):
    data = {
        "relation": "in:denies",
        "speaker_name": "Moscow",
        "speech_act": "denial",
        "proposition": "Russian jets did not strike the SDF on September 16.",
        "asserted": "2017-09",
        "event": "2017-09-16",
        "document": Document.objects.get().pk,
        "passage": "The Russian Defense  Ministry denied the accusation.",
        "mode": "paraphrase",
        "note": "",
    }
    data.update(overrides)
    return data


def test_an_editor_records_the_counter_claim_inline_and_links_it(client, editor, coalition_claim):
    client.force_login(editor)
    before = Claim.objects.count()
    response = client.post(url("counter_claim", coalition_claim.pk), counter_claim_data(), **HX)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert Claim.objects.count() == before + 1
    new = Claim.objects.latest("pk")
    assert new.speaker.name == "Russia"  # found by its alias
    assert (new.review_state, new.created_by, new.asserted_display) == (
        "draft",
        editor,
        "September 2017",
    )
    appearance = Appearance.objects.get(claim=new)
    assert appearance.exact == "The Russian Defense Ministry denied the accusation."
    assert ClaimLink.objects.filter(source=new, target=coalition_claim, type="denies").exists()
    assert "Recorded and linked" in response.content.decode()


def test_a_new_speaker_is_recorded_on_the_spot(client, editor, coalition_claim):
    client.force_login(editor)
    data = counter_claim_data(speaker_name="Kremlin press office", new_speaker_kind="organisation")
    assert client.post(url("counter_claim", coalition_claim.pk), data).status_code == 302
    assert Actor.objects.get(name="Kremlin press office").kind == "organisation"


def test_an_unknown_speaker_without_a_kind_is_refused(client, editor, coalition_claim):
    client.force_login(editor)
    data = counter_claim_data(speaker_name="Nobody Known")
    response = client.post(url("counter_claim", coalition_claim.pk), data, **HX)
    assert response.status_code == 422
    assert "No speaker is recorded as “Nobody Known”" in response.content.decode()


@pytest.mark.parametrize(
    ("passage", "message"),
    [
        ("The Russian Defense Ministry welcomed the accusation.", "was not found in the document"),
        ("Konashenkov said", "appears 2 times"),
    ],
)
def test_inline_creation_refuses_a_passage_not_found_or_found_twice(
    client, editor, coalition_claim, passage, message
):
    client.force_login(editor)
    claims, links, actors = Claim.objects.count(), ClaimLink.objects.count(), Actor.objects.count()
    response = client.post(
        url("counter_claim", coalition_claim.pk), counter_claim_data(passage=passage), **HX
    )
    assert response.status_code == 422
    assert message in fragment(response, "links")
    assert (Claim.objects.count(), ClaimLink.objects.count(), Actor.objects.count()) == (
        claims,
        links,
        actors,
    )


def test_speaker_options_offer_names_and_aliases(client, editor, seed):
    client.force_login(editor)
    response = client.get(url("speaker_options"), {"speaker_name": "mosc"}, **HX)
    assert '<option value="Moscow">' in response.content.decode()
