from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import PublishedClaimsFeed
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("claims/<int:pk>-<slug:slug>/", views.claim_detail, name="claim"),
    path("speakers/<slug:slug>/", views.actor_detail, name="actor"),
    path("stories/<slug:slug>/", views.story_detail, name="story"),
    path("stories/<slug:slug>/claims.<str:fmt>", views.export, name="story_export"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("search/", views.search, name="search"),
    path("claims.<str:fmt>", views.export, name="export"),
    path("feed.atom", views.public_page(PublishedClaimsFeed()), name="feed"),
    path(
        "sitemap.xml",
        views.public_page(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]
