from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.backups import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database's content with a backup made by manage.py backup."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--database", default="default")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, path: str, database: str, yes: bool, **options):
        if not yes:
            answer = input(f"Replace everything in the '{database}' database with {path}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Restore cancelled; nothing changed.")
        try:
            restore(Path(path), database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}"))
