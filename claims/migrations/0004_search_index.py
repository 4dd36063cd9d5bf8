"""The full-text search index and the triggers that keep it in step (see claims/search.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from claims import search

    search.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from claims import search

    search.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_ledger_revision")]

    operations = [migrations.RunPython(install, uninstall)]
