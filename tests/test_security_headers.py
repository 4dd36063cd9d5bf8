"""A strict CSP on every HTML response, deploy checks, Argon2, and idle staff sessions."""

import os
import secrets
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from claims.middleware import KEY
from tests.desk import ref, url

pytestmark = pytest.mark.django_db

REQUIRED = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"]


def csp_of(response) -> str:
    return response["Content-Security-Policy"]


def html_pages(client_for_staff, seed_claim):
    return [
        reverse("home"),
        seed_claim.get_absolute_url(),
        reverse("search") + "?q=x",
        reverse("login"),
        url("queue"),
        url("claim", seed_claim.pk),
        url("documents"),
        reverse("admin:index"),
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_change", args=[seed_claim.pk]),
    ]


def test_every_html_response_carries_a_strict_csp(client, seed, superuser):
    claim = ref("konashenkov-raqqa-stopped")
    client.force_login(superuser)
    for path in html_pages(client, claim):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = csp_of(response)
        for directive in REQUIRED:
            assert directive in policy, (path, directive)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path


def test_login_and_error_pages_carry_the_csp_too(client, seed):
    assert "object-src 'none'" in csp_of(client.get(reverse("admin:login")))
    assert "object-src 'none'" in csp_of(client.get("/claims/999999-nothing/"))


def test_the_deploy_check_passes_with_production_settings():
    test_only = {"DEBUG", "TESTING", "SECURE_COOKIES", "SECURE_SSL_REDIRECT"}
    test_only.add("DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="claims.example.org",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_passwords_are_hashed_with_argon2(django_user_model):
    user = django_user_model.objects.create_user("ann", password="a-long-password-1")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_an_idle_staff_session_is_ended(client, editor, seed):
    client.force_login(editor)
    assert client.get(url("queue")).status_code == 200
    session = client.session
    session[KEY] = int(time.time()) - int(settings.STAFF_IDLE_TIMEOUT.total_seconds()) - 5
    session.save()
    response = client.get(url("queue"))
    assert response.status_code == 302
    assert "idle=1" in response["Location"]
    assert client.get(url("queue")).status_code == 302  # logged out for good
    assert "_auth_user_id" not in client.session


def test_an_active_staff_session_stays(client, editor, seed):
    client.force_login(editor)
    session = client.session
    session[KEY] = int(time.time()) - 120
    session.save()
    assert client.get(url("queue")).status_code == 200
    assert client.session[KEY] >= int(time.time()) - 5  # refreshed
