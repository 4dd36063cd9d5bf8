from __future__ import annotations

import os
import shutil

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def seed(db):
    """The seed story, loaded through the management command."""
    call_command("load_seed", verbosity=0)


def _user(django_user_model, username: str, group: str | None = None, **fields):
    user = django_user_model.objects.create_user(
        username=username, password="pw-" + username, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def contributor(db, django_user_model):
    return _user(django_user_model, "carol", "contributor", is_staff=True)


@pytest.fixture
def editor(db, django_user_model):
    return _user(django_user_model, "edith", "editor", is_staff=True)


@pytest.fixture
def reviewer(db, django_user_model):
    return _user(django_user_model, "rita", "reviewer", is_staff=True)


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "pw-root")


@pytest.fixture
def csrf_client():
    from django.test import Client

    return Client(enforce_csrf_checks=True)


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Skips where there is none, unless
    REQUIRE_BROWSER is set (as .ci/run does), in which case a missing Chromium fails."""
    chromium = shutil.which("chromium")
    if chromium is None:
        message = (
            "No Chromium found on PATH: install Debian's package (apt-get install chromium) "
            "to run the browser tests."
        )
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message + " REQUIRE_BROWSER is set, so they are required.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
