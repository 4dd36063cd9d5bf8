from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.seed import SeedError, load_seed

DEFAULT = Path(settings.BASE_DIR) / "seeds" / "000_41903e8dc306907d.yaml"


class Command(BaseCommand):
    help = (
        "Load the seed story (or another annotation) into the ledger. Idempotent: a second run "
        "changes nothing. Every passage is validated against the document text."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT), help="annotation (YAML)")
        parser.add_argument(
            "--update",
            action="store_true",
            help="reset existing seed objects to the annotation's values (overwrites edits)",
        )

    def handle(self, *args, path: str, update: bool, **options):
        try:
            report = load_seed(Path(path), update=update)
        except SeedError as error:
            raise CommandError(f"{error} Nothing was loaded.") from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
