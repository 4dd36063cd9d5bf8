from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Claim


class PublishedClaimsFeed(Feed):
    """Newly published claims, newest first (Atom)."""

    feed_type = Atom1Feed
    title = "Counterclaim: newly published claims"
    subtitle = "Who asserted what, who denied or disputed it, and the evidence."

    def link(self):
        return reverse("home")

    def items(self):
        return Claim.objects.published().select_related("speaker").order_by("-published_at")[:50]

    def item_title(self, item: Claim) -> str:
        return f"{item.speaker}: {item.proposition}"

    def item_description(self, item: Claim) -> str:
        act, status = item.get_speech_act_display(), item.get_evidence_status_display()
        return f"{act} by {item.speaker}. Evidence: {status}."

    def item_pubdate(self, item: Claim):
        return item.published_at

    def item_author_name(self, item: Claim) -> str:
        return item.speaker.name
