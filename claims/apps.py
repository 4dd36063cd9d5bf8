from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claim ledger"

    def ready(self) -> None:
        from . import signals  # noqa: F401
