from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from claims.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Make a consistent online backup of the database (SQLite backup API, or pg_dump for "
        "PostgreSQL). Restore it with: manage.py restore PATH"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="file to write (default: backups/counterclaim-<UTC time>.<sqlite3|dump>)",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, output: str | None, database: str, **options):
        from django.db import connections

        suffix = "sqlite3" if connections[database].vendor == "sqlite" else "dump"
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        path = Path(output or f"backups/counterclaim-{stamp}.{suffix}")
        try:
            written = backup(path, database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {written}"))
