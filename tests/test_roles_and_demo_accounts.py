"""Roles are groups made by a migration; demo accounts are made once with random passwords."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def perms(group: str) -> set[str]:
    return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))


def test_the_three_roles_exist_with_growing_permissions():
    contributor, editor, reviewer = perms("contributor"), perms("editor"), perms("reviewer")
    assert {"add_claim", "add_claimlink", "view_claim"} <= contributor
    assert "change_claim" not in contributor and "publish_claim" not in contributor
    assert contributor < editor < reviewer
    assert {"change_claim", "submit_claim", "add_evidenceassessment"} <= editor
    assert "publish_claim" not in editor
    assert reviewer - editor == {"publish_claim"}


def run_demo_users(capsys) -> str:
    call_command("ensure_demo_users")
    return capsys.readouterr().out


def test_demo_accounts_are_created_with_random_printed_passwords(capsys):
    output = run_demo_users(capsys)
    passwords = dict(re.findall(r"account '(\w+)' \(\w+\) with password: (\S+)", output))
    assert set(passwords) == {"editor", "reviewer"}
    assert passwords["editor"] != passwords["reviewer"]
    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password(passwords["editor"])
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["editor"]
    assert editor.has_perm("claims.change_claim") and not editor.has_perm("claims.publish_claim")
    reviewer = get_user_model().objects.get(username="reviewer")
    assert reviewer.has_perm("claims.publish_claim")


def test_a_second_run_keeps_the_accounts_and_prints_no_password(capsys):
    first = run_demo_users(capsys)
    password = re.search(r"account 'editor' \(editor\) with password: (\S+)", first).group(1)
    second = run_demo_users(capsys)
    assert "password:" not in second
    assert "exists" in second
    assert get_user_model().objects.get(username="editor").check_password(password)
    assert get_user_model().objects.count() == 2


def test_two_installations_get_different_passwords(capsys):
    first = run_demo_users(capsys)
    get_user_model().objects.all().delete()
    second = run_demo_users(capsys)
    pattern = r"password: (\S+)"
    assert set(re.findall(pattern, first)).isdisjoint(re.findall(pattern, second))
