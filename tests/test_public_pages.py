"""The public pages: a reader follows the seed story's disputes from the home page to every
claim, its denials and its sources."""

import pytest
from django.urls import reverse

from claims.models import Actor, Claim, Story
from sources.models import Document
from tests import factories as f

pytestmark = pytest.mark.django_db


def ref(name: str) -> Claim:
    return Claim.objects.get(ref=name)


def test_home_shows_stories_the_most_disputed_and_the_unanswered(client, seed):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    stories = [s.slug for s in response.context["stories"]]
    assert set(stories) == {"deir-al-zor-september-2017", "raqqa-stopped-or-80-percent"}
    disputed = [c.ref for c in response.context["disputed"]]
    assert disputed[0] == "konashenkov-twice-targeted"  # a denial and a counter-accusation
    assert {"coalition-russian-jets-struck-sdf", "sdf-raqqa-80-percent"} <= set(disputed)
    unanswered = {c.ref for c in response.context["unanswered"]}
    assert "mod-us-spies-sparked-offensive" in unanswered
    assert "coalition-russian-jets-struck-sdf" not in unanswered
    html = response.content.decode()
    assert ref("konashenkov-twice-targeted").get_absolute_url() in html


def test_the_claim_page_shows_speaker_role_words_chain_answers_and_evidence(client, seed):
    claim = ref("rudskoi-us-intelligence-initiated")
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "Sergei Rudskoi" in html and "Russian Colonel General" in html
    assert "Speaking for" in html and "Russian Defense Ministry" in html
    assert "“According to our information, U.S. intelligence services initiated" in html
    assert "How it reached us: Sergei Rudskoi quoted by Reuters." in html
    assert "Evidence claimed but not shown" in html and "our information" in html
    assert "It elaborates" in html


def test_the_claim_page_groups_the_answers_by_type(client, seed):
    html = client.get(ref("konashenkov-twice-targeted").get_absolute_url()).content.decode()
    assert "Denied by" in html and "Counter-accused by" in html
    assert "Ahmed Abu Khawla" in html
    assert "U.S. Special Forces" not in html  # the elaboration is still in review


def test_a_claim_address_with_an_old_slug_redirects_to_the_current_one(client, seed):
    claim = Claim.objects.published().first()
    response = client.get(reverse("claim", args=[claim.pk, "old-wording"]))
    assert response.status_code == 301
    assert response["Location"] == claim.get_absolute_url()


def test_a_correction_is_shown_on_the_corrected_claims_page(client, seed):
    claim = ref("sdf-raqqa-80-percent")
    fix = f.claim(speaker=claim.speaker, proposition="The SDF holds 70 percent of Raqqa.")
    f.link(fix, claim, "corrects", note="Revised figure.")
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "Corrections" in html and "The SDF holds 70 percent of Raqqa." in html
    assert "Revised figure." in html


def test_the_speaker_page_lists_claims_denials_disputes_and_an_evidence_breakdown(client, seed):
    konashenkov = Actor.objects.get(name="Igor Konashenkov")
    response = client.get(konashenkov.get_absolute_url())
    assert len(response.context["claims"]) == 4
    assert [c.ref for c in response.context["disputes"]] == ["konashenkov-raqqa-stopped"]
    assert dict(response.context["breakdown"]) == {"Not yet assessed": 3, "No evidence offered": 1}
    khawla = client.get(Actor.objects.get(name="Ahmed Abu Khawla").get_absolute_url())
    assert [c.ref for c in khawla.context["denials"]] == ["abu-khawla-denies-shelling"]


def test_the_story_page_shows_both_sides_links_timeline_counts_and_open_claims(client, seed):
    story = Story.objects.get(slug="deir-al-zor-september-2017")
    response = client.get(story.get_absolute_url())
    sides = {s["party"].name: len(s["claims"]) for s in response.context["sides"]}
    assert sides["Russian Defense Ministry"] == 7
    assert sides["Syrian Democratic Forces"] == 3
    assert len(response.context["links"]) == 10  # the two links to claims in review are hidden
    asserted = [c.asserted_on for c in response.context["timeline"]]
    assert asserted == sorted(asserted)
    unanswered = {c.ref for c in response.context["unanswered"]}
    assert "mod-us-spies-sparked-offensive" in unanswered
    assert "sdf-raqqa-80-percent" not in unanswered
    html = response.content.decode()
    assert "(7 claims)" in html and "Who answered whom" in html


def test_the_document_page_marks_published_spans_and_links_them(client, seed):
    document = Document.objects.get()
    response = client.get(document.get_absolute_url())
    html = response.content.decode()
    assert "".join(s.text for s in response.context["segments"]) == document.text
    marked = [s for s in response.context["segments"] if s.marked]
    assert len(marked) == 16  # the published claims' appearances
    assert ref("rudskoi-us-intelligence-initiated").get_absolute_url() in html
    assert ref("konashenkov-two-villages-captured").get_absolute_url() not in html


def test_search_finds_published_claims_speakers_and_documents(client, seed):
    response = client.get(reverse("search"), {"q": "Raqqa"})
    assert {c.ref for c in response.context["claims"]} == {
        "sdf-raqqa-80-percent",
        "konashenkov-raqqa-stopped",
    }
    speakers = client.get(reverse("search"), {"q": "Moscow"}).context["speakers"]
    assert [a.name for a in speakers] == ["Russia"]
    documents = client.get(reverse("search"), {"q": "generals meet"}).context["documents"]
    assert len(documents) == 1


def busy_story(n: int):
    """A story with ``n`` published claims, each with an appearance, an answer and an assessment."""
    doc = f.document(text=" ".join(f"Sentence number {i} is here." for i in range(n + 1)))
    reuters = f.outlet("Reuters")
    story = f.story()
    speaker = f.actor()
    target = f.claim(speaker=speaker)
    target.stories.add(story)
    for i in range(n):
        appearance = f.appearance(target, doc, f"Sentence number {i} is")
        appearance.attribution.create(kind="quoted_by", outlet=reuters)
        answer = f.claim(on_behalf_of=f.actor())
        answer.stories.add(story)
        f.appearance(answer, doc, f"Sentence number {i} is here.")
        f.link(answer, target, "denies")
        f.link(target, f.claim(), "disputes")
        f.assessment(target, rationale=f"Judgement {i}.")
        speaker.aliases.create(name=f"Alias {i}")
    return target, story, doc


@pytest.mark.parametrize("rows", [3, 6])
def test_public_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, rows):
    claim, story, doc = busy_story(rows)
    pages = {
        # revision; claim; appearances, hops, answers, answered, assessments
        claim.get_absolute_url(): 7,
        # revision; speaker; aliases, roles; claims; their links
        claim.speaker.get_absolute_url(): 6,
        # revision; story; claims; links
        story.get_absolute_url(): 4,
        # revision; document; appearances
        doc.get_absolute_url(): 3,
        # revision; stories, most disputed, unanswered
        reverse("home"): 4,
        # revision; search window, claims, speakers, documents
        reverse("search") + "?q=Sentence": 5,
        # revision; claims; links (streamed)
        reverse("export", args=["json"]): 3,
        reverse("export", args=["csv"]): 3,
        # revision; story; claims; links
        reverse("story_export", args=[story.slug, "json"]): 4,
        # revision; items
        reverse("feed"): 2,
    }
    for url, expected in pages.items():
        with django_assert_num_queries(expected, info=url):
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            assert response.status_code == 200, url
