from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_USERS = {"editor": "editor", "reviewer": "reviewer"}


class Command(BaseCommand):
    help = (
        "Create the demo 'editor' and 'reviewer' accounts if they are missing. A new account "
        "gets a random password, printed once here; existing accounts are left alone."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        for username, role in DEMO_USERS.items():
            if User.objects.filter(username=username).exists():
                self.stdout.write(
                    f"Demo account '{username}' exists (its password was printed when it was "
                    f"created; reset it with: python manage.py changepassword {username})."
                )
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username=username, password=password, is_staff=True)
            user.groups.add(Group.objects.get(name=role))
            self.stdout.write(
                self.style.WARNING(
                    f"Created demo account '{username}' ({role}) with password: {password}"
                )
            )
