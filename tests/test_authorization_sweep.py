"""Every URL pattern (the admin's included), every method, every role, CSRF checks off (the
stricter case): no 5xx, and no write unless it is on the reviewed allow-list below."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from claims.models import Claim, ClaimLink, Story
from sources.models import Document
from tests.db_state import fingerprint

pytestmark = pytest.mark.django_db

METHODS = ["get", "post", "put", "patch", "delete"]
ROLES = ["anonymous", "contributor", "editor", "reviewer"]

# Reviewed allow-list: (role, URL name, method) that may write with the sweep's body
# ({"post": "yes"}, which confirms admin deletions). Editors and reviewers (staff) may delete,
# in the admin, the objects their role may delete, and may remove a link on the desk (a POST
# that needs no form). Contributors and anonymous visitors write nothing; nothing else writes
# with an empty form.
ALLOWED_WRITES = {
    (role, f"admin:{name}_delete", "post")
    for role in ("editor", "reviewer")
    for name in (
        "claims_actoralias",
        "claims_appearance",
        "claims_attributionstep",
        "claims_claimlink",
    )
} | {("editor", "desk:link_delete", "post"), ("reviewer", "desk:link_delete", "post")}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else ""


def fill(route: str, values: dict[str, str]) -> str | None:
    """A concrete path for a route, or None when it has a part we cannot fill."""
    path = route.lstrip("^").rstrip("$").replace("\\Z", "")
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m.group(1), "\0"), path)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values.get(m.group(1), "\0"), path)
    if "\0" in path or "(" in path or "\\" in path:
        return None
    return "/" + path


def admin_values(name: str) -> dict[str, str]:
    from django.contrib import admin

    for model in admin.site._registry:
        if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            first = model.objects.order_by("pk").first()
            if first is None:
                return {}
            return {"object_id": str(first.pk), "id": str(first.pk)}
    return {}


def targets(seed_values: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    for route, name in walk(get_resolver().url_patterns):
        if name.startswith("admin:") and "app_list" in name:
            values = {"app_label": "claims"}
        elif name.startswith("admin:"):
            values = admin_values(name)
        else:
            values = seed_values
        path = fill(route, values)
        if path is not None and not path.startswith("/static"):
            found.append((name, path))
    return found


def test_no_role_writes_where_it_may_not_and_nothing_answers_5xx(
    seed, contributor, editor, reviewer
):
    claim = Claim.objects.get(ref="konashenkov-two-villages-captured")
    seed_values = {
        "pk": str(claim.pk),
        "slug": "deir-al-zor-september-2017",
        "link_pk": str(ClaimLink.objects.first().pk),
        "fmt": "json",
    }
    users = {"contributor": contributor, "editor": editor, "reviewer": reviewer}
    paths = targets(seed_values)
    assert len(paths) > 80  # the admin's and ours
    before = fingerprint()
    problems, writes, requests = [], set(), 0
    for role in ROLES:
        client = Client()  # CSRF checks off
        if role != "anonymous":
            client.force_login(users[role])
        for name, path in paths:
            if name.endswith("logout"):
                continue  # ends the session (so the rest would run anonymous); no record changes
            for method in METHODS:
                with transaction.atomic():
                    response = getattr(client, method)(path, {"post": "yes"})
                    requests += 1
                    after = fingerprint()
                    if response.status_code >= 500:
                        problems.append(f"{role} {method.upper()} {path}: {response.status_code}")
                    if after != before:
                        writes.add((role, name, method))
                    transaction.set_rollback(True)
    assert problems == []
    print(f"sweep: {len(paths)} paths, {requests} requests, writes: {sorted(writes)}")
    assert writes <= ALLOWED_WRITES, sorted(writes - ALLOWED_WRITES)
    # The sweep is able to see a write: the allowed admin deletions did happen.
    assert ("editor", "admin:claims_claimlink_delete", "post") in writes
    assert requests > 1500
    assert Story.objects.count() == 2 and Document.objects.count() == 1


def test_public_views_accept_get_and_head_only(seed):
    client = Client()
    for name, path in targets(
        {
            "pk": str(Claim.objects.published().first().pk),
            "slug": "deir-al-zor-september-2017",
            "fmt": "json",
        }
    ):
        if name in {
            "home",
            "claim",
            "story",
            "document",
            "search",
            "feed",
            "sitemap",
            "export",
            "story_export",
        }:
            for method in ["post", "put", "patch", "delete"]:
                assert getattr(client, method)(path).status_code in (301, 405), (method, path)
