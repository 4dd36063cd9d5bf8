"""Helpers for desk tests."""

from __future__ import annotations

from django.urls import reverse

from claims.models import Claim

HX = {"HTTP_HX_REQUEST": "true"}


def ref(name: str) -> Claim:
    return Claim.objects.get(ref=name)


def url(name: str, *args) -> str:
    return reverse(f"desk:{name}", args=args)


def csrf_post(client, path: str, data: dict, **extra):
    """POST as a browser would: first GET a page for the CSRF cookie, then send the token."""
    client.get(reverse("desk:queue"))
    token = client.cookies["csrftoken"].value
    return client.post(path, data, HTTP_X_CSRFTOKEN=token, **extra)


def fragment(response, region: str) -> str:
    """The HTML of an htmx answer, checked to be just the named region, not a whole page."""
    html = response.content.decode()
    assert "<html" not in html, "expected a fragment, got a whole page"
    assert f'id="{region}"' in html, f"expected the #{region} region"
    return html
