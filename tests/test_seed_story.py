"""The seed story loads completely, validly and idempotently."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Count

from claims.models import (
    Actor,
    Appearance,
    Claim,
    ClaimLink,
    EvidenceAssessment,
    ReviewState,
    Story,
)
from sources.models import Document, Outlet

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"


def claim(ref: str) -> Claim:
    return Claim.objects.get(ref=ref)


def row_counts() -> dict[str, int]:
    """Every table of the project's apps, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for app in ("claims", "sources")
        for model in apps.get_app_config(app).get_models()
    }


def test_the_seed_story_is_recorded_in_full(seed):
    assert Document.objects.count() == 1
    assert Claim.objects.count() == 19
    assert Appearance.objects.count() == 20
    assert ClaimLink.objects.count() == 12
    assert Actor.objects.count() == 11
    assert Outlet.objects.count() == 2
    assert Story.objects.count() == 2
    states = dict(Claim.objects.values_list("review_state").annotate(n=Count("pk")))
    assert states == {"published": 15, "draft": 2, "in_review": 2}


def test_the_seed_document_is_the_stored_article(seed):
    doc = Document.objects.get()
    assert doc.text == (SEEDS / "000_41903e8dc306907d.txt").read_text(encoding="utf-8")
    assert doc.published_display == "September 2017"


def test_every_span_matches_its_document_text(seed):
    for appearance in Appearance.objects.select_related("document"):
        assert appearance.document.text[appearance.start : appearance.end] == appearance.exact
        assert appearance.orphaned is False
        appearance.full_clean()


def test_a_second_load_changes_nothing(seed):
    before = row_counts()
    call_command("load_seed", verbosity=0)
    assert row_counts() == before


def test_the_command_says_when_nothing_changed(seed, capsys):
    call_command("load_seed")
    assert "nothing to change" in capsys.readouterr().out


def test_a_reload_keeps_an_editors_later_change(seed):
    Claim.objects.filter(ref="konashenkov-two-villages-captured").update(review_state="in_review")
    call_command("load_seed", verbosity=0)
    assert claim("konashenkov-two-villages-captured").review_state == "in_review"


def test_update_mode_resets_seed_objects_to_the_annotation(seed):
    Claim.objects.filter(ref="mod-denies-jet-strike").update(proposition="Edited.")
    call_command("load_seed", "--update", verbosity=0)
    assert claim("mod-denies-jet-strike").proposition.startswith("Russian jets did not strike")


@pytest.mark.parametrize(
    ("source", "link_type", "target"),
    [
        ("mod-denies-jet-strike", "denies", "coalition-russian-jets-struck-sdf"),
        ("abu-khawla-denies-shelling", "denies", "konashenkov-twice-targeted"),
        ("abu-khawla-moscow-obstructs", "counter_accuses", "konashenkov-twice-targeted"),
        ("konashenkov-raqqa-stopped", "disputes", "sdf-raqqa-80-percent"),
        ("rudskoi-us-intelligence-initiated", "elaborates", "mod-us-spies-sparked-offensive"),
        ("dillon-maps-and-graphics", "elaborates", "pentagon-generals-met"),
        ("mattis-not-worried", "responds_to", "russia-warns-retaliation"),
        ("mattis-not-worried", "responds_to", "konashenkov-fire-positions-suppressed"),
    ],
)
def test_the_named_links_exist_with_their_type_and_direction(seed, source, link_type, target):
    assert ClaimLink.objects.filter(source__ref=source, type=link_type, target__ref=target).exists()
    assert not ClaimLink.objects.filter(source__ref=target, target__ref=source).exists()


def test_speakers_roles_and_affiliations_are_recorded(seed):
    dillon = claim("dillon-maps-and-graphics")
    assert dillon.speaker.name == "Ryan Dillon"
    assert dillon.role.title == "spokesman in Baghdad"
    assert dillon.role.organisation.name == "U.S.-led coalition against IS"
    assert dillon.on_behalf_of.name == "U.S.-led coalition against IS"
    assert dillon.role_as_reported.startswith("U.S. Army Colonel")
    konashenkov = claim("konashenkov-twice-targeted")
    assert konashenkov.on_behalf_of.name == "Russian Defense Ministry"
    assert Actor.objects.get(aliases__name="Pentagon").name == "U.S. Department of Defense"
    assert Actor.objects.get(aliases__name="Moscow").name == "Russia"


def test_attribution_chains_name_the_carrier_not_the_speaker(seed):
    rudskoi = claim("rudskoi-us-intelligence-initiated").appearances.get()
    assert rudskoi.chain == "quoted by Reuters"
    assert rudskoi.mode == "direct"
    assert claim("rudskoi-us-intelligence-initiated").speaker.name == "Sergei Rudskoi"
    abu = claim("abu-khawla-denies-shelling").appearances.get()
    assert abu.chain == "reported by Associated Press"
    dillon = claim("dillon-maps-and-graphics").appearances.get()
    assert dillon.chain == "told a Pentagon briefing"
    assert dillon.exact == "They had a face-to-face discussion, laid down maps and graphics"


def test_the_raqqa_claim_carries_the_no_evidence_remark(seed):
    raqqa = claim("konashenkov-raqqa-stopped")
    assert raqqa.evidence_status == "no_evidence"
    assessment = EvidenceAssessment.objects.get(claim=raqqa)
    assert "He did not provide evidence" in assessment.rationale
    assert assessment.evidence_document == Document.objects.get()


def test_asserted_and_event_dates_differ_where_the_article_says_so(seed):
    spies = claim("mod-us-spies-sparked-offensive")
    assert spies.asserted_display == "20 September 2017"
    assert spies.event_display == "19 September 2017"
    assert claim("coalition-russian-jets-struck-sdf").asserted_display == "September 2017"


def test_some_claims_wait_in_draft_and_in_review(seed):
    assert claim("konashenkov-two-villages-captured").review_state == ReviewState.DRAFT
    assert claim("konashenkov-sdf-with-us-special-forces").review_state == ReviewState.IN_REVIEW
    assert Claim.objects.published().filter(ref="dillon-phone-coordination").count() == 0


def test_a_passage_missing_from_the_text_stops_the_load_with_nothing_saved(tmp_path):
    text = (SEEDS / "000_41903e8dc306907d.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        "passage: The Russian Defense Ministry denied the accusation.",
        "passage: The Russian Defense Ministry welcomed the accusation.",
    )
    assert broken != text
    (tmp_path / "000_41903e8dc306907d.txt").write_text(
        (SEEDS / "000_41903e8dc306907d.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("load_seed", str(tmp_path / "broken.yaml"), verbosity=0)
    assert "mod-denies-jet-strike" in str(raised.value)
    assert "not found" in str(raised.value)
    assert Claim.objects.count() == 0 and Document.objects.count() == 0


def test_an_ambiguous_passage_stops_the_load(tmp_path):
    text = (SEEDS / "000_41903e8dc306907d.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        "passage: twice targeted with massive fire from mortar launchers and rocket artillery",
        "passage: Konashenkov",
    )
    (tmp_path / "000_41903e8dc306907d.txt").write_text(
        (SEEDS / "000_41903e8dc306907d.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CommandError, match="appears 4 times"):
        call_command("load_seed", str(tmp_path / "broken.yaml"), verbosity=0)
    assert Claim.objects.count() == 0
