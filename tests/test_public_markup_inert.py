"""Text carrying markup is shown as text everywhere the public can see it."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from claims.models import Claim
from tests import factories as f

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile(db):
    story = f.story(f"Story {PAYLOAD}")
    speaker = f.actor(f"Speaker {PAYLOAD}")
    speaker.aliases.create(name=f"Alias {PAYLOAD}")
    outlet = f.outlet(f"Outlet {PAYLOAD}")
    doc = f.document(
        text=f"Intro. He said {PAYLOAD} loudly.", title=f"Doc {PAYLOAD}", outlet=outlet
    )
    claim = f.claim(speaker=speaker, proposition=f"Claim {PAYLOAD}", role_as_reported=PAYLOAD)
    claim.stories.add(story)
    appearance = f.appearance(claim, doc, PAYLOAD)
    appearance.attribution.create(kind="told", venue=f"venue {PAYLOAD}")
    other = f.claim(proposition=f"Answer {PAYLOAD}")
    other.stories.add(story)
    f.link(other, claim, "denies", note=f"Note {PAYLOAD}")
    f.assessment(claim, "contradicted", rationale=f"Because {PAYLOAD}")
    return claim


def pages(claim: Claim) -> list[str]:
    return [
        reverse("home"),
        claim.get_absolute_url(),
        claim.speaker.get_absolute_url(),
        claim.stories.first().get_absolute_url(),
        claim.appearances.first().document.get_absolute_url(),
        reverse("search") + "?q=Claim",
        reverse("search") + "?q=" + PAYLOAD,
    ]


def test_markup_is_escaped_on_every_public_page(client, hostile):
    for url in pages(hostile):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, url


def test_markup_stays_inside_the_json_ld_block(client, hostile):
    html = client.get(hostile.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert "</script" not in blocks[0] and "<" not in blocks[0]
    data = json.loads(blocks[0])
    assert data["claimReviewed"] == f"Claim {PAYLOAD}"
    assert data["itemReviewed"]["author"]["name"] == f"Speaker {PAYLOAD}"


def test_markup_is_text_in_the_feed_and_exports(client, hostile):
    root = ET.fromstring(client.get(reverse("feed")).content)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert f"Speaker {PAYLOAD}: Claim {PAYLOAD}" in titles
    data = json.loads(b"".join(client.get(reverse("export", args=["json"])).streaming_content))
    assert f"Claim {PAYLOAD}" in [c["proposition"] for c in data["claims"]]
    assert client.get(reverse("export", args=["json"]))["Content-Type"] == "application/json"
