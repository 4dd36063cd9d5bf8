"""Hypothesis drives every form and HTMX endpoint with arbitrary text, junk field names, bad
and foreign ids, very long values and odd Unicode: never a 5xx, and a refused request changes
nothing. 200 examples per endpoint (HYPOTHESIS_EXAMPLES overrides)."""

from __future__ import annotations

import os

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.models import Actor, Claim, ClaimLink, Story
from sources.models import Document
from tests.db_state import fingerprint

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "200"))

NEW_CLAIM = [
    "speaker_name",
    "new_speaker_kind",
    "role_as_reported",
    "speech_act",
    "proposition",
    "asserted",
    "event",
    "document",
    "passage",
    "mode",
]

# name: (method, path template with {} for an id or None, the form's own field names)
ENDPOINTS = {
    "claim_new": ("post", "/desk/claims/new/", NEW_CLAIM),
    "claim_edit": (
        "post",
        "/desk/claims/{}/edit/",
        [
            "proposition",
            "speech_act",
            "speaker",
            "role",
            "role_as_reported",
            "on_behalf_of",
            "stories",
            "asserted",
            "event",
            "base_version",
        ],
    ),
    "link_create": ("post", "/desk/claims/{}/links/", ["other", "relation", "note"]),
    "counter_claim": ("post", "/desk/claims/{}/links/new-claim/", [*NEW_CLAIM, "relation", "note"]),
    "evidence": (
        "post",
        "/desk/claims/{}/evidence/",
        ["status", "rationale", "evidence_url", "evidence_document"],
    ),
    "review": ("post", "/desk/claims/{}/review/", ["action", "note", "version"]),
    "link_update": ("post", "/desk/links/{}/", ["type", "note", "base_version", "claim"]),
    "link_delete": ("post", "/desk/links/{}/delete/", ["claim"]),
    "document_add": ("post", "/desk/documents/", ["title", "outlet", "url", "published", "text"]),
    "candidates": ("get", "/desk/claims/{}/candidates/", ["q"]),
    "queue": (
        "get",
        "/desk/",
        [
            "q",
            "story",
            "speaker",
            "review_state",
            "evidence_status",
            "speech_act",
            "unanswered",
            "sort",
            "page",
        ],
    ),
    "speaker_options": ("get", "/desk/speakers/options/", ["speaker_name"]),
    "workspace": ("get", "/desk/claims/{}/", ["q"]),
    "public_search": ("get", "/search/", ["q"]),
    "login": ("post", "/accounts/login/", ["username", "password"]),
    "admin_claim_add": (
        "post",
        "/admin/claims/claim/add/",
        [
            "proposition",
            "speech_act",
            "speaker",
            "review_state",
            "asserted_on",
            "asserted_precision",
            "appearances-TOTAL_FORMS",
            "appearances-INITIAL_FORMS",
            "appearances-0-document",
            "appearances-0-passage",
        ],
    ),
    "admin_claim_change": (
        "post",
        "/admin/claims/claim/{}/change/",
        [
            "proposition",
            "speech_act",
            "speaker",
            "base_version",
            "links_out-TOTAL_FORMS",
            "links_out-INITIAL_FORMS",
            "links_out-0-target",
            "links_out-0-type",
        ],
    ),
    "admin_document_change": (
        "post",
        "/admin/sources/document/{}/change/",
        ["title", "text", "url", "published_on", "published_precision", "base_version"],
    ),
    "admin_link_add": (
        "post",
        "/admin/claims/claimlink/add/",
        ["source", "target", "type", "note"],
    ),
    "public_claim": ("get", "/claims/{}-x/", []),
}

odd_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
long_text = st.sampled_from(["x" * 5000, "é" * 30000, "word " * 20000, "\u202e" * 1000])
numbers = st.integers(min_value=-(10**20), max_value=10**20).map(str)
choices = st.sampled_from(
    [
        "draft",
        "published",
        "denies",
        "in:denies",
        "out:retracts",
        "statement",
        "no_evidence",
        "publish",
        "withdraw",
        "person",
        "2017",
        "2017-02-30",
        "9999-99",
        "javascript:alert(1)",
        "on",
        "-asserted",
    ]
)


def values(ids: list[str]):
    return st.one_of(odd_text, long_text, numbers, choices, st.sampled_from(ids))


def path_ids(ids: list[str]):
    return st.one_of(st.sampled_from(ids), numbers, st.sampled_from(["0", "1" * 30]))


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_no_input_makes_an_endpoint_fail(endpoint, seed, reviewer, superuser):
    method, template, fields = ENDPOINTS[endpoint]
    # Real ids of every kind, so that "foreign" ids (a story's id where a claim's is due) occur.
    ids = [
        str(pk)
        for model in (Claim, ClaimLink, Actor, Document, Story)
        for pk in model.objects.values_list("pk", flat=True)[:5]
    ]
    client = Client()
    client.force_login(superuser if endpoint.startswith("admin") else reviewer)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        path_id=path_ids(ids),
        body=st.dictionaries(
            st.one_of(st.sampled_from(fields or ["q"]), odd_text), values(ids), max_size=12
        ),
        htmx=st.booleans(),
    )
    def run(path_id, body, htmx):
        path = template.format(path_id) if "{}" in template else template
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        with transaction.atomic():
            before = fingerprint()
            response = getattr(client, method)(path, body, **headers)
            assert response.status_code < 500, (path, body)
            if response.status_code >= 400 or method == "get":
                assert fingerprint() == before, (path, body, response.status_code)
            transaction.set_rollback(True)

    run()


def test_query_text_drops_control_characters_and_caps_length():
    from claims.query_text import query_text

    assert query_text("  Raqqa\x00 \n 80\u200b%\t") == "Raqqa 80%"
    assert query_text("\x00\x01") == ""
    assert len(query_text("a" * 1000)) == 200


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809", "1" * 40])
def test_an_id_no_database_key_can_hold_is_refused_not_a_500(csrf_client, editor, value):
    """Found by the fuzzing above: 2**63 as a story id crashed SQLite's driver."""
    from tests import factories as f
    from tests.desk import csrf_post, url

    claim = f.claim(review_state="draft")
    csrf_client.force_login(editor)
    edit = csrf_post(
        csrf_client,
        url("claim_edit", claim.pk),
        {"proposition": "x", "speech_act": "statement", "stories": [value], "version": "1"},
    )
    assert edit.status_code == 422
    evidence = csrf_post(
        csrf_client,
        url("evidence", claim.pk),
        {"status": "unverified", "rationale": "r", "evidence_document": value},
    )
    assert evidence.status_code == 422
    assert csrf_client.get(url("queue"), {"story": value, "speaker": value}).status_code == 200
