from django.urls import path

from sources import views as documents

from . import desk

app_name = "desk"

urlpatterns = [
    path("", desk.queue, name="queue"),
    path("claims/new/", desk.claim_create, name="claim_new"),
    path("claims/<int:pk>/", desk.claim_workspace, name="claim"),
    path("claims/<int:pk>/edit/", desk.claim_edit, name="claim_edit"),
    path("claims/<int:pk>/candidates/", desk.candidates, name="candidates"),
    path("claims/<int:pk>/links/", desk.link_create, name="link_create"),
    path("claims/<int:pk>/links/new-claim/", desk.counter_claim_create, name="counter_claim"),
    path("claims/<int:pk>/evidence/", desk.evidence_create, name="evidence"),
    path("claims/<int:pk>/review/", desk.review, name="review"),
    path("links/<int:link_pk>/", desk.link_update, name="link_update"),
    path("links/<int:link_pk>/delete/", desk.link_delete, name="link_delete"),
    path("speakers/options/", desk.speaker_options, name="speaker_options"),
    path("stories/<slug:slug>/", desk.story_board, name="story"),
    path("documents/", documents.document_list, name="documents"),
    path("documents/<int:pk>/", documents.document_read, name="document"),
]
