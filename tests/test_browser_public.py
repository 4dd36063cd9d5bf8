"""The public pages in a real browser: no serious or critical accessibility violations
(axe-core), usable at phone width, and usable with a keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from claims.models import Claim
from sources.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    call_command("load_seed", verbosity=0)
    claim = Claim.objects.get(ref="konashenkov-raqqa-stopped")
    return {
        "home": reverse("home"),
        "story": claim.stories.get(slug="raqqa-stopped-or-80-percent").get_absolute_url(),
        "claim": claim.get_absolute_url(),
        "speaker": claim.speaker.get_absolute_url(),
        "document": Document.objects.get().get_absolute_url(),
        "search": reverse("search") + "?q=Raqqa",
        "base": live_server.url,
    }


PAGE_TYPES = ["home", "story", "claim", "speaker", "document", "search"]


def serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_public_page_has_no_serious_accessibility_violations(browser, site, page_type):
    page = browser.new_page()
    page.goto(site["base"] + site[page_type])
    results = Axe().run(page)
    assert serious(results) == []
    page.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_public_page_fits_a_phone_screen(browser, site, page_type):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(site["base"] + site[page_type])
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.close()


def test_a_keyboard_reader_skips_to_the_content_and_follows_a_denial(browser, site):
    page = browser.new_page()
    page.goto(site["base"] + site["home"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    # Tab through the content until the most disputed claim's link has focus, then follow it.
    target = Claim.objects.get(ref="konashenkov-twice-targeted").get_absolute_url()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == target:
            break
    else:
        pytest.fail("the disputed claim's link was not reachable by keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    assert "Denied by" in page.inner_text("main")
    page.close()
