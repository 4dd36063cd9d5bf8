"""Full-text search: one interface over SQLite FTS5 and PostgreSQL tsvector, kept in step by
database triggers, used by the public search, the desk queue and the counter-claim picker."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from claims import search
from claims.models import ActorAlias, Appearance, Claim, ReviewState

from . import factories as f
from .desk import HX, fragment, url

pytestmark = pytest.mark.django_db


def found(text: str) -> list[Claim]:
    return list(Claim.objects.search(text))


def index_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {search.TABLE}")
        return cursor.fetchone()[0]


@pytest.fixture
def convoy():
    """A claim whose words are spread over its wording, its quote and its speaker's names."""
    speaker = f.actor("Igor Konashenkov")
    ActorAlias.objects.create(actor=speaker, name="Defence Ministry spokesman")
    claim = f.claim(speaker, proposition="Rebels shelled the convoy at dawn.")
    f.appearance(claim, f.document(), "the strike was deliberate")
    return claim


def test_search_finds_wording_quoted_words_and_speaker_names(convoy):
    assert found("shelled") == [convoy]
    assert found("deliberate") == [convoy]
    assert found("Konashenkov") == [convoy]
    assert found("spokesman") == [convoy]
    assert found("convoy deliberate konashenkov") == [convoy]
    assert found("convoy submarine") == []


def test_words_are_stemmed_and_folded(convoy):
    assert found("SHELLING") == [convoy]
    assert found("Rebel") == [convoy]


def test_the_last_word_matches_as_a_prefix_while_typing(convoy):
    assert found("Konash") == [convoy]
    assert found("convoy delib") == [convoy]
    assert found("Konash ") == []  # a finished word is a whole word
    assert found("Ko") == []  # two letters are too few to stand for a prefix


def test_web_search_syntax_phrases_exclusions_and_alternatives(convoy):
    other = f.claim(proposition="The convoy reached the city at noon.")
    assert set(found("convoy")) == {convoy, other}
    assert found('"dawn the convoy"') == []
    assert found('"shelled the convoy"') == [convoy]
    assert found("convoy -dawn") == [other]
    assert set(found("noon or deliberate")) == {convoy, other}
    assert found("-convoy") == []  # exclusions alone select nothing


def test_results_are_ranked_wording_before_quoted_words():
    doc = f.document()
    for _ in range(6):  # a word in every claim tells nothing: rank needs a few without it
        f.claim()
    in_wording = f.claim(proposition="The ministry promised an inquiry into the strike.")
    quoted_only = f.claim(proposition="A statement about something else.")
    f.appearance(quoted_only, doc, "promised an inquiry")
    results = found("inquiry")
    assert results == [in_wording, quoted_only]
    assert results[0].search_rank > results[1].search_rank


@pytest.mark.parametrize(
    "text", ["", "   ", "-", '"', "&|!", ":*", "'", "\\", "a\x00b", "(((", "OR or", "—"]
)
def test_unusable_queries_match_nothing_and_never_fail(convoy, text):
    assert isinstance(found(text), list)


def test_the_index_follows_every_edit(convoy):
    convoy.proposition = "Rebels mined the bridge."
    convoy.save()
    assert found("shelled") == []
    assert found("bridge") == [convoy]

    speaker = convoy.speaker
    speaker.name = "Igor Y. Konashenko"
    speaker.save()
    assert found("Konashenkov") == []
    assert found("Konashenko") == [convoy]

    ActorAlias.objects.create(actor=speaker, name="Major General")
    assert found("general") == [convoy]
    ActorAlias.objects.filter(actor=speaker).delete()
    assert found("general") == []

    Appearance.objects.filter(claim=convoy).delete()
    assert found("deliberate") == []

    before = index_rows()
    Claim.objects.filter(pk=convoy.pk).delete()
    assert index_rows() == before - 1


def test_bulk_updates_reach_the_index_too(convoy):
    Claim.objects.filter(pk=convoy.pk).update(proposition="Rebels seized the airfield.")
    assert found("airfield") == [convoy]


def test_rebuild_command_refills_an_emptied_index(convoy, capsys):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {search.TABLE}")
    assert found("convoy") == []
    call_command("rebuild_search_index")
    assert "Search index rebuilt: 1 claims." in capsys.readouterr().out
    assert found("convoy") == [convoy]


def test_public_search_shows_published_claims_only(client):
    shown = f.claim(proposition="Troops shelled the granary.")
    f.claim(proposition="Troops shelled the granary twice.", review_state=ReviewState.DRAFT)
    f.claim(proposition="Troops shelled the granary again.", review_state=ReviewState.IN_REVIEW)
    response = client.get(reverse("search"), {"q": "granary"})
    assert response.status_code == 200
    assert response.context["claims"] == [shown]


def test_public_search_lists_the_best_match_first(client):
    for _ in range(6):
        f.claim()
    strong = f.claim(proposition="Dam dam dam: the dam was breached, the dam failed.")
    weak = f.claim(proposition="The report mentions a dam in passing.")
    response = client.get(reverse("search"), {"q": "dam"})
    assert response.context["claims"] == [strong, weak]


def test_desk_queue_search_is_ranked_unless_another_sort_is_chosen(client, editor):
    client.force_login(editor)
    for _ in range(6):
        f.claim()
    strong = f.claim(
        proposition="Port port port: the port was mined.",
        asserted_on="2019-01-01",
        asserted_precision="day",
    )
    weak = f.claim(proposition="Port closed.", asserted_on="2020-01-02", asserted_precision="day")
    ranked = client.get(url("queue"), {"q": "port"}).context["page"].object_list
    assert list(ranked) == [strong, weak]
    newest = client.get(url("queue"), {"q": "port", "sort": "-asserted"}).context["page"]
    assert list(newest.object_list) == [weak, strong]


def test_picker_puts_the_same_story_first_then_relevance(client, editor):
    client.force_login(editor)
    for _ in range(6):
        f.claim()
    story = f.story()
    claim = f.claim(proposition="Rebels shelled the depot.")
    claim.stories.add(story)
    best_elsewhere = f.claim(proposition="Depot depot depot: the depot burned.")
    in_story = f.claim(proposition="Nobody shelled the depot.")
    in_story.stories.add(story)
    f.claim(proposition="The depot was moved.", review_state=ReviewState.WITHDRAWN,
            correction_note="Misattributed.")  # fmt: skip
    response = client.get(url("candidates", claim.pk), {"q": "depot"}, **HX)
    html = fragment(response, "candidates")
    assert html.index(f'value="{in_story.pk}"') < html.index(f'value="{best_elsewhere.pk}"')
    assert "moved" not in html  # withdrawn claims are never offered
    assert f'value="{claim.pk}"' not in html  # nor the claim itself


def test_search_ranks_a_bounded_window_and_still_matches_everything(convoy, monkeypatch):
    monkeypatch.setattr(search, "WINDOW", 2)
    claims = [f.claim(proposition=f"Convoy sighted, report {n}.") for n in range(4)]
    everything = found("convoy")
    assert set(everything) == {convoy, *claims}  # the queue still sees every match
    assert sum(c.search_rank is not None for c in everything) == 2
    assert [c.search_rank is not None for c in everything] == [True, True, False, False, False]
    picked = list(Claim.objects.search("convoy", exhaustive=False))
    assert set(picked) == set(claims[-2:])  # the picker: the newest matches, ranked


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_truncating_the_claims_empties_the_index(convoy):
    """Django's test flush truncates every table: the index goes with the claims."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE claims_claim CASCADE")
    assert index_rows() == 0
