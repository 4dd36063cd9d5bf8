"""Refill the full-text search index from the ledger.

The database's triggers keep the index in step with every write; rebuild after restoring a
dump made without the index, or to check that it is whole."""

from django.core.management.base import BaseCommand

from claims import search


class Command(BaseCommand):
    help = "Refill the claims full-text search index (SQLite FTS5 or PostgreSQL tsvector)."

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} claims."))
