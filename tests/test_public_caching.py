"""Public pages are cacheable: validators, 304 on revalidation, invalidation on change,
and no method but GET and HEAD."""

import pytest
from django.urls import reverse

from claims.models import Claim, LedgerRevision

pytestmark = pytest.mark.django_db


def public_urls():
    claim = Claim.objects.get(ref="konashenkov-raqqa-stopped")
    return [
        reverse("home"),
        claim.get_absolute_url(),
        claim.speaker.get_absolute_url(),
        claim.stories.first().get_absolute_url(),
        claim.appearances.first().document.get_absolute_url(),
        reverse("search") + "?q=Raqqa",
        reverse("feed"),
        reverse("sitemap"),
        reverse("export", args=["json"]),
        reverse("export", args=["csv"]),
    ]


def test_revalidation_with_the_etag_answers_304(client, seed):
    for url in public_urls():
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["Cache-Control"] == "public, max-age=0, must-revalidate", url
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert again.content == b""


def test_revalidation_with_the_date_answers_304(client, seed):
    first = client.get(reverse("home"))
    again = client.get(reverse("home"), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_a_change_to_the_ledger_invalidates_the_cached_pages(client, seed):
    claim = Claim.objects.get(ref="konashenkov-raqqa-stopped")
    url = claim.get_absolute_url()
    etag = client.get(url)["ETag"]
    before = LedgerRevision.current().number
    claim.proposition = "Russian intelligence shows the Raqqa operation stopped."
    claim.save()
    assert LedgerRevision.current().number == before + 1
    response = client.get(claim.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "the Raqqa operation stopped" in response.content.decode()


def test_each_page_has_its_own_etag(client, seed):
    tags = {client.get(url)["ETag"] for url in public_urls()}
    assert len(tags) == len(public_urls())


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_no_public_url_accepts_a_write_method(client, seed, method):
    for url in public_urls():
        response = getattr(client, method)(url)
        assert response.status_code == 405, (method, url)
        assert "GET" in response["Allow"] and "HEAD" in response["Allow"]


def test_head_answers_like_get_without_a_body(client, seed):
    for url in public_urls()[:5]:
        response = client.head(url)
        assert response.status_code == 200
        assert response.content == b""


def test_public_pages_are_the_same_for_every_reader(client, seed, editor):
    url = Claim.objects.get(ref="konashenkov-raqqa-stopped").get_absolute_url()
    anonymous = client.get(url)
    client.force_login(editor)
    logged_in = client.get(url)
    assert anonymous["ETag"] == logged_in["ETag"]
    assert "edith" not in logged_in.content.decode()
    assert "csrfmiddlewaretoken" not in logged_in.content.decode()
    assert "Cookie" not in anonymous.get("Vary", "")
