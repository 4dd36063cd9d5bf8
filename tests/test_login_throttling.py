"""Five failed logins for one user from one address pause that pair for 15 minutes (429)."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-42"


@pytest.fixture
def rita(django_user_model):
    return django_user_model.objects.create_user("rita", password=PASSWORD, is_staff=True)


def attempt(client, path: str, password: str, username: str = "rita", address="10.0.0.1"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("login", ["login", "admin:login"])
def test_the_sixth_try_after_five_failures_is_refused_with_429(client, rita, login):
    path = reverse(login)
    for _ in range(4):
        assert attempt(client, path, "wrong").status_code == 200
    fifth = attempt(client, path, "wrong")
    assert fifth.status_code == 429
    refused = attempt(client, path, PASSWORD)  # even the right password
    assert refused.status_code == 429
    assert "Too many failed logins" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_only_for_that_user_and_address(client, rita, django_user_model):
    django_user_model.objects.create_user("other", password=PASSWORD)
    path = reverse("login")
    for _ in range(5):
        attempt(client, path, "wrong")
    assert attempt(client, path, PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert attempt(client, path, PASSWORD, username="other").status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client, rita):
    path = reverse("login")
    for _ in range(5):
        attempt(client, path, "wrong")
    assert attempt(client, path, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert attempt(client, path, PASSWORD).status_code == 302


def test_a_success_clears_the_failures(client, rita):
    path = reverse("login")
    for _ in range(4):
        attempt(client, path, "wrong")
    assert attempt(client, path, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, path, "wrong").status_code == 200


@pytest.mark.parametrize("username", ["x" * 5000, "rita\x00", "r\u202eita"])
def test_an_odd_or_overlong_username_is_refused_without_an_error(client, rita, username):
    response = attempt(client, reverse("login"), "wrong", username=username)
    assert response.status_code == 200
    assert all(
        len(a.username) <= 150 and "\x00" not in a.username for a in AccessAttempt.objects.all()
    )
