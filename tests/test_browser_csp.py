"""In Chromium, the strict CSP holds: no page type (public, desk, admin) triggers a violation,
and htmx keeps working under it."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from claims.models import Claim
from sources.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-browser-test-password"
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture
def pages(live_server):
    call_command("load_seed", verbosity=0)
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    claim = Claim.objects.get(ref="konashenkov-raqqa-stopped")
    document = Document.objects.get()
    return live_server.url, [
        reverse("home"),
        claim.get_absolute_url(),
        claim.speaker.get_absolute_url(),
        claim.stories.first().get_absolute_url(),
        document.get_absolute_url(),
        reverse("search") + "?q=Raqqa",
        reverse("desk:queue"),
        reverse("desk:claim", args=[claim.pk]) + "?q=Raqqa",
        reverse("desk:claim_edit", args=[claim.pk]),
        reverse("desk:claim_new"),
        reverse("desk:documents"),
        reverse("desk:document", args=[document.pk]),
        reverse("desk:story", args=["deir-al-zor-september-2017"]),
        reverse("admin:index"),
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_claim_add"),
        reverse("admin:sources_document_change", args=[document.pk]),
    ]


def test_no_page_type_violates_the_content_security_policy(browser, pages):
    base, paths = pages
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []
    page.on(
        "console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    seen = {}
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert "object-src 'none'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
        seen[path] = page.evaluate("window.__cspViolations")
    # htmx under the policy: the queue search and the candidate search still update in place.
    page.goto(f"{base}/desk/")
    page.fill("input[name=q]", "Raqqa")
    page.locator("#results", has_text="2 claims").wait_for()
    seen["queue search"] = page.evaluate("window.__cspViolations")
    assert {path: v for path, v in seen.items() if v} == {}
    assert console == []
    context.close()


def test_the_watch_sees_a_violation_when_there_is_one(browser, pages):
    base, paths = pages
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(base + paths[0])
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.x") is None  # the inline script was blocked
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))
    context.close()
