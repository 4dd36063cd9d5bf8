"""In a real browser: the demo editor links the Russian denial to the coalition's claim,
with JavaScript (no page load) and without it (plain form posts)."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from claims.models import Claim, ClaimLink

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-browser-test-password"


def ensure_roles() -> None:
    """Live-server tests empty every table between tests, the migration-made roles too."""
    roles = importlib.import_module("claims.migrations.0002_roles").ROLES
    for name, codenames in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label__in=["claims", "sources"], codename__in=codenames
            )
        )


@pytest.fixture
def demo(live_server):
    ensure_roles()
    call_command("load_seed", verbosity=0)
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="editor"))
    coalition = Claim.objects.get(ref="coalition-russian-jets-struck-sdf")
    ClaimLink.objects.filter(target=coalition).delete()  # the seed's denial: the editor redoes it
    return {"url": live_server.url, "editor": editor, "claim": coalition}


def log_in(page, base: str):
    page.goto(f"{base}/accounts/login/?next=/desk/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/desk/")


def test_editor_links_the_denial_through_the_search_box_without_a_page_load(browser, demo):
    context = browser.new_context()
    page = context.new_page()
    log_in(page, demo["url"])

    # The queue searches as the editor types, updating only the results.
    page.fill("input[name=q]", "jets struck")
    page.locator("#results", has_text="1 claim").wait_for()
    assert "q=jets" in page.url  # the address follows the filters (hx-push-url)
    page.click("#results a:has-text('Russian military jets struck SDF fighters')")
    page.wait_for_url(f"**/desk/claims/{demo['claim'].pk}/")
    assert page.inner_text("#answered-state") == "Unanswered"

    page.evaluate("window.stillTheSamePage = true")
    page.fill("#candidate-q", "denied")
    option = page.locator("#candidates label", has_text="Russian jets did not strike")
    option.wait_for()
    option.locator("input[type=radio]").check()
    page.select_option("select[name=relation]", "in:denies")
    page.fill(".link-form textarea[name=note]", "The ministry's flat denial.")
    page.click(".link-form button:has-text('Save the link')")

    page.locator("#links h3", has_text="This claim is denied by").wait_for()
    assert page.evaluate("window.stillTheSamePage") is True  # no page load happened
    assert page.inner_text("#answered-state") == "Answered"
    assert "The ministry's flat denial." in page.inner_text("#links")

    page.reload()
    assert page.locator("#links h3", has_text="This claim is denied by").count() == 1
    assert page.evaluate("window.stillTheSamePage") is None
    link = ClaimLink.objects.get(target=demo["claim"])
    assert (link.source.ref, link.type, link.created_by) == (
        "mod-denies-jet-strike",
        "denies",
        demo["editor"],
    )
    context.close()


def test_the_same_flow_works_with_javascript_disabled(browser, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, demo["url"])
    page.goto(f"{demo['url']}/desk/claims/{demo['claim'].pk}/")

    page.fill("#candidate-q", "denied")
    page.click("button[form=candidate-search]")
    page.wait_for_url("**?q=denied*")
    page.locator("#candidates label", has_text="Russian jets did not strike").locator(
        "input[type=radio]"
    ).check()
    page.select_option("select[name=relation]", "in:denies")
    page.click(".link-form button:has-text('Save the link')")

    page.wait_for_url(f"**/desk/claims/{demo['claim'].pk}/#links")
    assert page.locator("#links h3", has_text="This claim is denied by").count() == 1
    assert "Linked:" in page.inner_text(".messages")
    assert ClaimLink.objects.filter(
        target=demo["claim"], source__ref="mod-denies-jet-strike", type="denies"
    ).exists()
    context.close()
