from __future__ import annotations

import os

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
