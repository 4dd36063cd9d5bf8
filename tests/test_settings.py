"""Settings come from the environment, with safe defaults."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": db["ENGINE"],
    "name": str(db["NAME"]),
    "options": db.get("OPTIONS", {}),
    "hosts": settings.ALLOWED_HOSTS,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "hsts": getattr(settings, "SECURE_HSTS_SECONDS", 0),
}))
"""


def probe(**env) -> tuple[int, dict | str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "TESTING"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env})
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode:
        return result.returncode, result.stderr
    return 0, json.loads(result.stdout)


def test_a_secret_key_is_required_when_not_debugging():
    code, output = probe(DEBUG="0", SECRET_KEY="")
    assert code != 0
    assert "SECRET_KEY must be set when DEBUG is off" in output


def test_production_settings_use_manifest_static_files_and_hsts():
    code, config = probe(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="claims.example.org")
    assert code == 0, config
    assert config["debug"] is False
    assert config["hosts"] == ["claims.example.org"]
    assert config["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert config["hsts"] > 0


def test_sqlite_is_the_default_and_waits_for_the_write_lock():
    code, config = probe(DEBUG="1", DATABASE_URL="")
    assert code == 0, config
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["options"]["transaction_mode"] == "IMMEDIATE"
    assert "busy_timeout" in config["options"]["init_command"]
    assert config["static"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_database_url_selects_postgresql():
    code, config = probe(DEBUG="1", DATABASE_URL="postgres://someone@db.example:5432/ledger")
    assert code == 0, config
    assert config["engine"] == "django.db.backends.postgresql"
    assert config["name"] == "ledger"


def test_whitenoise_comes_right_after_the_security_middleware():
    assert settings.MIDDLEWARE[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_tests_need_no_collectstatic():
    assert settings.STORAGES["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")
    assert "Manifest" not in settings.STORAGES["staticfiles"]["BACKEND"]
