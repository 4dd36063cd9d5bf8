"""Fill an empty database with a synthetic ledger at a chosen scale (see claims/corpus.py)."""

import time

from django.core.management.base import BaseCommand, CommandError

from claims import corpus


class Command(BaseCommand):
    help = (
        "Generate a realistic synthetic ledger (stories, speakers with roles, documents, claims "
        "with appearances, links, evidence histories, review states) in bulk, for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, default=10_000, help="How many claims.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same corpus)."
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add to a ledger that already holds claims (refused otherwise).",
        )

    def handle(self, *args, claims: int, seed: int, append: bool, **options):
        if claims < 1:
            raise CommandError("--claims must be at least 1.")
        if not append and not corpus.ledger_is_empty():
            raise CommandError(
                "The ledger already holds claims. Generate into an empty database, "
                "or pass --append to add synthetic claims to this one."
            )
        started = time.perf_counter()
        last = [started]

        def progress(message: str) -> None:
            now = time.perf_counter()
            if now - last[0] >= 10 or not message[0].isdigit():
                self.stdout.write(f"  {now - started:6.1f} s  {message}")
                last[0] = now

        counts = corpus.generate(claims, seed=seed, progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Generated in {elapsed:.1f} s: {counts.summary()}."))
