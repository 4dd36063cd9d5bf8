"""Who may open each desk page and make each change: anonymous visitors are sent to log in,
a role without the permission gets a 403 page that says what it lacks."""

import pytest
from django.contrib.auth.models import User

from claims.models import ClaimLink
from tests.desk import csrf_post, ref, url

pytestmark = pytest.mark.django_db

PAGES = [
    ("queue", ()),
    ("claim", ("pk",)),
    ("claim_edit", ("pk",)),
    ("claim_new", ()),
    ("documents", ()),
    ("story", ("deir-al-zor-september-2017",)),
]


def resolve(args, claim):
    return tuple(claim.pk if a == "pk" else a for a in args)


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, seed, name, args):
    claim = ref("konashenkov-two-villages-captured")
    response = client.get(url(name, *resolve(args, claim)))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/desk/")


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_logged_in_user_without_a_role_gets_a_403_that_says_what_is_missing(
    client, seed, name, args
):
    client.force_login(User.objects.create_user("nobody", password="x"))
    claim = ref("konashenkov-two-villages-captured")
    response = client.get(url(name, *resolve(args, claim)))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your account may not" in html and "role gives" in html


@pytest.mark.parametrize("role", ["contributor", "editor", "reviewer"])
@pytest.mark.parametrize(("name", "args"), [p for p in PAGES if p[0] != "claim_edit"])
def test_every_role_reads_the_desk(client, seed, request, role, name, args):
    client.force_login(request.getfixturevalue(role))
    claim = ref("konashenkov-two-villages-captured")
    assert client.get(url(name, *resolve(args, claim))).status_code == 200


@pytest.mark.parametrize(
    ("role", "draft", "in_review", "published"),
    [
        ("contributor", 403, 403, 403),
        ("editor", 200, 200, 403),
        ("reviewer", 200, 200, 200),
    ],
)
def test_editing_a_claim_depends_on_role_and_state(
    client, seed, request, role, draft, in_review, published
):
    client.force_login(request.getfixturevalue(role))
    for claim_ref, expected in [
        ("konashenkov-two-villages-captured", draft),
        ("konashenkov-sdf-with-us-special-forces", in_review),
        ("mod-denies-jet-strike", published),
    ]:
        assert client.get(url("claim_edit", ref(claim_ref).pk)).status_code == expected, claim_ref


def test_a_contributor_may_edit_their_own_draft(client, seed, contributor):
    draft = ref("konashenkov-two-villages-captured")
    draft.created_by = contributor
    draft.save()
    client.force_login(contributor)
    assert client.get(url("claim_edit", draft.pk)).status_code == 200


def test_a_contributor_may_not_link_an_editors_claim(client, seed, contributor):
    client.force_login(contributor)
    target = ref("coalition-russian-jets-struck-sdf")
    before = ClaimLink.objects.count()
    response = client.post(
        url("link_create", target.pk),
        {"other": ref("abu-khawla-denies-shelling").pk, "relation": "in:disputes"},
    )
    assert response.status_code == 403
    assert "linking this claim needs an editor" in response.content.decode()
    assert ClaimLink.objects.count() == before


@pytest.mark.parametrize(
    ("role", "expected"), [("contributor", 403), ("editor", 403), ("reviewer", 302)]
)
def test_only_reviewers_publish(client, seed, request, role, expected):
    claim = ref("konashenkov-sdf-with-us-special-forces")
    client.force_login(request.getfixturevalue(role))
    response = client.post(url("review", claim.pk), {"action": "publish", "version": claim.version})
    assert response.status_code == expected
    claim.refresh_from_db()
    assert claim.review_state == ("published" if expected == 302 else "in_review")


def test_every_write_needs_the_csrf_token(seed, editor, csrf_client):
    csrf_client.force_login(editor)
    target = ref("coalition-russian-jets-struck-sdf")
    other = ref("abu-khawla-denies-shelling")
    data = {"other": other.pk, "relation": "in:disputes"}
    assert csrf_client.post(url("link_create", target.pk), data).status_code == 403
    assert not ClaimLink.objects.filter(source=other, target=target).exists()
    response = csrf_post(csrf_client, url("link_create", target.pk), data)
    assert response.status_code == 302
    assert ClaimLink.objects.filter(source=other, target=target, type="disputes").exists()


@pytest.mark.parametrize("name", ["link_create", "counter_claim", "evidence", "review"])
def test_writes_refuse_get(client, seed, editor, name):
    client.force_login(editor)
    assert client.get(url(name, ref("mod-denies-jet-strike").pk)).status_code == 405
