"""The editorial roles as groups with permissions.

contributor: drafts claims and proposes links; editor: edits, links, judges evidence and
submits for review; reviewer: everything an editor does, plus publishing, sending back and
withdrawing. Staff status (for the admin) is given per user, not by role.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LEDGER = [
    "actor",
    "actoralias",
    "role",
    "story",
    "claim",
    "appearance",
    "attributionstep",
    "claimlink",
    "evidenceassessment",
    "outlet",
    "document",
]

CONTRIBUTOR = [f"view_{model}" for model in LEDGER] + [
    "add_claim",
    "add_appearance",
    "add_attributionstep",
    "add_claimlink",
    "add_actor",
    "add_actoralias",
    "add_document",
    "add_outlet",
]
EDITOR = CONTRIBUTOR + [
    "change_claim",
    "submit_claim",
    "change_appearance",
    "delete_appearance",
    "change_attributionstep",
    "delete_attributionstep",
    "change_claimlink",
    "delete_claimlink",
    "add_evidenceassessment",
    "change_actor",
    "change_actoralias",
    "delete_actoralias",
    "add_role",
    "change_role",
    "change_document",
    "change_outlet",
    "add_story",
    "change_story",
]
REVIEWER = EDITOR + ["publish_claim"]

ROLES = {"contributor": CONTRIBUTOR, "editor": EDITOR, "reviewer": REVIEWER}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations ran; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label__in=["claims", "sources"], codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Unknown permissions for {name}: {sorted(missing)}")
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
