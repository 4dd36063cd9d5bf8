"""The queue: filters, sorting, pagination and search, updating only the results region."""

import pytest

from claims.models import Claim, Story
from tests import factories as f
from tests.desk import HX, fragment, url

pytestmark = pytest.mark.django_db


def refs(response) -> set[str]:
    return {c.ref for c in response.context["page"]}


def test_the_whole_page_without_htmx_and_the_results_region_with_it(client, editor, seed):
    client.force_login(editor)
    page = client.get(url("queue"), {"review_state": "draft"})
    assert "<html" in page.content.decode() and 'role="search"' in page.content.decode()
    assert refs(page) == {"dillon-phone-coordination", "konashenkov-two-villages-captured"}
    part = client.get(url("queue"), {"review_state": "draft"}, **HX)
    html = fragment(part, "results")
    assert 'role="search"' not in html
    assert "Russian and U.S. ground forces in Syria" in html
    assert part["Vary"] == "HX-Request" or "HX-Request" in part["Vary"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speech_act": "denial"}, {"mod-denies-jet-strike", "abu-khawla-denies-shelling"}),
        ({"evidence_status": "no_evidence"}, {"konashenkov-raqqa-stopped"}),
        (
            {"review_state": "in_review"},
            {"mod-military-police-rescued", "konashenkov-sdf-with-us-special-forces"},
        ),
        ({"q": "Raqqa"}, {"sdf-raqqa-80-percent", "konashenkov-raqqa-stopped"}),
        ({"q": "Khawla Moscow"}, {"abu-khawla-moscow-obstructs"}),
    ],
)
def test_filters_narrow_the_queue(client, editor, seed, params, expected):
    client.force_login(editor)
    assert refs(client.get(url("queue"), params)) == expected


def test_filtering_by_story_and_speaker(client, editor, seed):
    client.force_login(editor)
    story = Story.objects.get(slug="raqqa-stopped-or-80-percent")
    assert refs(client.get(url("queue"), {"story": story.pk})) == {
        "sdf-raqqa-80-percent",
        "konashenkov-raqqa-stopped",
    }
    speaker = Claim.objects.get(ref="mattis-not-worried").speaker
    assert refs(client.get(url("queue"), {"speaker": speaker.pk})) == {"mattis-not-worried"}


def test_unanswered_lists_claims_no_other_claim_answers(client, editor, seed):
    client.force_login(editor)
    found = refs(client.get(url("queue"), {"unanswered": "on"}))
    assert "mod-us-spies-sparked-offensive" in found  # only elaborated, never answered
    assert "coalition-russian-jets-struck-sdf" not in found  # denied
    assert "sdf-raqqa-80-percent" not in found  # disputed


def test_sorting_and_pagination(client, editor):
    client.force_login(editor)
    speaker = f.actor("Zed")
    for i in range(30):
        f.claim(speaker=speaker, proposition=f"Claim {i:02d}")
    first = client.get(url("queue"), {"sort": "speaker"})
    assert first.context["page"].paginator.num_pages == 2
    assert len(first.context["page"]) == 25
    second = client.get(url("queue"), {"sort": "speaker", "page": 2}, **HX)
    html = fragment(second, "results")
    assert "Page 2 of 2" in html
    assert 'href="?sort=speaker&amp;page=1"' in html


def test_a_bad_filter_value_is_ignored_not_a_500(client, editor, seed):
    client.force_login(editor)
    response = client.get(url("queue"), {"story": "nope", "sort": "drop table", "page": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [3, 8])
def test_the_queue_runs_a_fixed_number_of_queries(client, editor, django_assert_num_queries, rows):
    client.force_login(editor)
    for _ in range(rows):
        claim = f.claim()
        f.link(f.claim(), claim)
        claim.stories.add(f.story())
    # session, user, user and group permissions; search window, count and page; story and
    # speaker choices
    with django_assert_num_queries(9):
        client.get(url("queue"), {"q": "asserted"})
    with django_assert_num_queries(7):
        client.get(url("queue"), {"q": "asserted"}, **HX)
