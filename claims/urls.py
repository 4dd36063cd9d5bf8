from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("claims/<int:pk>-<slug:slug>/", views.claim_detail, name="claim"),
    path("speakers/<slug:slug>/", views.actor_detail, name="actor"),
    path("stories/<slug:slug>/", views.story_detail, name="story"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
]
