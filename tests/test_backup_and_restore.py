"""A backup restores to a database whose every row is identical."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from claims.models import Claim, ClaimLink

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    tables = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            pk = model._meta.pk.column
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY "{pk}"')
            tables[table] = [tuple(row) for row in cursor.fetchall()]
    return tables


def test_a_restored_backup_has_every_row_identical(tmp_path, capsys):
    call_command("load_seed", verbosity=0)
    before = snapshot()
    assert sum(len(rows) for rows in before.values()) > 200
    target = tmp_path / ("backup.sqlite3" if connection.vendor == "sqlite" else "backup.dump")
    call_command("backup", output=str(target))
    assert "Backup written to" in capsys.readouterr().out

    # Damage: lose a link, rewrite a claim, add a stray row.
    ClaimLink.objects.filter(type="denies").delete()
    Claim.objects.filter(ref="konashenkov-raqqa-stopped").update(proposition="Tampered.")
    Claim.objects.create(
        speaker=Claim.objects.first().speaker, proposition="Stray", speech_act="statement"
    )
    assert snapshot() != before

    call_command("restore", str(target), yes=True)
    connection.close()
    assert snapshot() == before


def test_restore_refuses_a_missing_file(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "none"), yes=True)
