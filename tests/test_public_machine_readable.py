"""ClaimReview JSON-LD, JSON and CSV exports, the Atom feed, the sitemap, Open Graph."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from claims.models import Claim

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def jsonld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_an_assessed_claim_carries_a_claimreview(client, seed):
    claim = Claim.objects.get(ref="konashenkov-raqqa-stopped")
    [data] = jsonld_blocks(client.get(claim.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    assert data["url"] == "http://testserver" + claim.get_absolute_url()
    assert data["claimReviewed"] == claim.proposition
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Igor Konashenkov"}
    assert item["datePublished"] == "2017-09"
    assert item["appearance"][0]["@type"] == "CreativeWork"
    assert item["appearance"][0]["headline"].startswith("U.S. and Russian generals meet")
    rating = data["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == "No evidence offered"
    assert "He did not provide evidence" in rating["ratingExplanation"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["datePublished"])


def test_an_unassessed_claim_has_no_claimreview(client, seed):
    claim = Claim.objects.get(ref="coalition-russian-jets-struck-sdf")
    assert jsonld_blocks(client.get(claim.get_absolute_url()).content.decode()) == []


def test_claim_pages_carry_canonical_and_open_graph_tags(client, seed):
    claim = Claim.objects.get(ref="konashenkov-raqqa-stopped")
    html = client.get(claim.get_absolute_url()).content.decode()
    canonical = "http://testserver" + claim.get_absolute_url()
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="Igor Konashenkov: Russian intelligence' in html


def test_the_json_export_lists_claims_with_their_typed_links(client, seed):
    data = json.loads(body(client.get(reverse("export", args=["json"]))))
    assert len(data["claims"]) == 15
    by_id = {c["id"]: c for c in data["claims"]}
    denial = Claim.objects.get(ref="mod-denies-jet-strike")
    [link] = [row for row in data["links"] if row["source"] == denial.pk]
    assert link["type"] == "denies"
    assert by_id[link["target"]]["proposition"].startswith("Russian military jets struck")
    assert by_id[denial.pk]["speaker"] == "Russian Defense Ministry"


def test_the_story_export_holds_only_the_storys_claims(client, seed):
    data = json.loads(
        body(client.get(reverse("story_export", args=["raqqa-stopped-or-80-percent", "json"])))
    )
    assert len(data["claims"]) == 2 and len(data["links"]) == 1
    assert data["links"][0]["type"] == "disputes"


def test_the_csv_export_has_a_row_per_claim_with_its_links(client, seed):
    response = client.get(reverse("export", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert len(rows) == 15
    target = Claim.objects.get(ref="coalition-russian-jets-struck-sdf")
    row = next(r for r in rows if r["id"] == str(target.pk))
    denial = Claim.objects.get(ref="mod-denies-jet-strike")
    assert row["answered_by"] == f"denies:{denial.pk}"
    assert row["event"] == "2017-09-16" and row["asserted"] == "2017-09"


def test_an_unknown_export_format_is_not_found(client, seed):
    assert client.get("/claims.xlsx").status_code == 404


def test_the_atom_feed_lists_newly_published_claims(client, seed):
    response = client.get(reverse("feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 15
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert any(t.startswith("Igor Konashenkov:") for t in titles)


def test_the_sitemap_lists_every_public_page(client, seed):
    root = ET.fromstring(client.get(reverse("sitemap")).content)
    urls = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for claim in Claim.objects.published():
        assert "http://testserver" + claim.get_absolute_url() in urls
    assert any("/speakers/igor-konashenkov/" in u for u in urls)
    assert any("/stories/deir-al-zor-september-2017/" in u for u in urls)
    assert any("/documents/" in u for u in urls)
