"""A fingerprint of the stored record, to show that a request changed nothing."""

from __future__ import annotations

from django.apps import apps
from django.db import connection

# Tables whose changes are not writes to the record: sessions and login bookkeeping.
IGNORED = {
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "auth_user",
}


def fingerprint() -> dict[str, tuple]:
    """Row counts of every table, plus the ledger revision (bumped by every ledger write)."""
    from claims.models import LedgerRevision

    state = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in IGNORED:
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            state[table] = cursor.fetchone()
    state["ledger_revision"] = (LedgerRevision.current().number,)
    return state
