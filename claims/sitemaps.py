from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from .models import Claim, Story
from .views import public_documents, public_speakers


class ClaimSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Claim.objects.published().order_by("pk").only("pk", "slug", "updated_at")

    def lastmod(self, item: Claim):
        return item.updated_at


class StorySitemap(Sitemap):
    def items(self):
        return Story.objects.published().order_by("pk")


class SpeakerSitemap(Sitemap):
    def items(self):
        return public_speakers().order_by("pk")


class DocumentSitemap(Sitemap):
    def items(self):
        return public_documents().order_by("pk").only("pk")


SITEMAPS = {
    "claims": ClaimSitemap,
    "stories": StorySitemap,
    "speakers": SpeakerSitemap,
    "documents": DocumentSitemap,
}
