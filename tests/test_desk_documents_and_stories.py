"""Documents on the desk (paste, upload, read with spans marked) and story boards."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import Appearance
from sources.highlight import segments
from sources.models import Document
from tests import factories as f
from tests.desk import url

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_document_by_pasting_its_text(client, editor):
    client.force_login(editor)
    response = client.post(
        url("documents"),
        {
            "title": "Briefing transcript",
            "text": "Line one.\r\nLine two.",
            "published": "2017-09-21",
        },
    )
    document = Document.objects.get(title="Briefing transcript")
    assert response.status_code == 302 and response["Location"] == url("document", document.pk)
    assert document.text == "Line one.\nLine two."
    assert document.published_display == "21 September 2017"
    assert len(document.content_hash) == 64


def test_an_uploaded_html_file_is_reduced_to_its_article_text(client, editor):
    client.force_login(editor)
    html = (
        "<html><body><nav>Home | World | Sport</nav><article><h1>Generals meet</h1>"
        "<p>U.S. and Russian generals have held a first-ever face-to-face meeting this week, "
        "the Pentagon has said, in an effort to avoid accidental clashes in Syria.</p>"
        "<p>They laid down maps and graphics, a spokesman told a Pentagon briefing.</p>"
        "</article><footer>Copyright and cookie notice</footer></body></html>"
    )
    upload = SimpleUploadedFile("report.html", html.encode(), content_type="text/html")
    response = client.post(url("documents"), {"title": "Uploaded", "file": upload})
    assert response.status_code == 302
    text = Document.objects.get(title="Uploaded").text
    assert "first-ever face-to-face meeting" in text
    assert "cookie notice" not in text and "<p>" not in text


def test_an_uploaded_text_file_is_stored_as_it_is(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("statement.txt", b"The ministry denied it.")
    assert client.post(url("documents"), {"title": "Statement", "file": upload}).status_code == 302
    assert Document.objects.get(title="Statement").text == "The ministry denied it."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Empty"}, "Paste the document"),
        ({"title": "Bad", "file": ("x.pdf", b"%PDF")}, "Upload a .txt or .html file."),
        ({"title": "Bad", "file": ("x.txt", b"\xff\xfe\x00bad")}, "not UTF-8"),
        (
            {"title": "Nothing", "file": ("x.html", b"<html><body></body></html>")},
            "No article text",
        ),
    ],
)
def test_a_bad_document_is_refused_with_a_message(client, editor, data, message):
    client.force_login(editor)
    if "file" in data:
        name, content = data["file"]
        data = {**data, "file": SimpleUploadedFile(name, content)}
    response = client.post(url("documents"), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_reading_a_document_marks_every_recorded_span(client, editor, seed):
    client.force_login(editor)
    document = Document.objects.get()
    response = client.get(url("document", document.pk))
    html = response.content.decode()
    marked = [s for s in response.context["segments"] if s.marked]
    assert len(marked) >= Appearance.objects.filter(document=document).count() - 1
    assert "<mark" in html and "twice targeted with massive fire" in html
    assert "".join(s.text for s in response.context["segments"]) == document.text
    assert 'action="/desk/claims/new/"' in html


def test_overlapping_spans_are_cut_into_segments_carrying_both():
    parts = segments("abcdefghij", [(0, 5, "A"), (3, 8, "B")])
    assert [(p.text, p.items) for p in parts] == [
        ("abc", ["A"]),
        ("de", ["A", "B"]),
        ("fgh", ["B"]),
        ("ij", []),
    ]


def test_a_claim_started_from_a_pasted_passage(client, contributor, seed):
    client.force_login(contributor)
    document = Document.objects.get()
    start = client.get(
        url("claim_new"), {"document": document.pk, "passage": "We'll sort this out"}
    )
    assert start.status_code == 200
    assert "We&#x27;ll sort this out" in start.content.decode()
    response = client.post(
        url("claim_new"),
        {
            "speaker_name": "Jim Mattis",
            "speech_act": "prediction",
            "proposition": "The United States and Russia will sort this out.",
            "document": document.pk,
            "passage": "We'll sort this out",
            "mode": "direct",
            "asserted": "2017-09",
        },
    )
    assert response.status_code == 302
    claim = Appearance.objects.get(exact="We'll sort this out").claim
    assert (claim.review_state, claim.created_by, claim.speech_act) == (
        "draft",
        contributor,
        "prediction",
    )


def test_a_contributor_may_not_create_new_speakers(client, contributor, seed):
    client.force_login(contributor)
    contributor.groups.get().permissions.remove(
        *contributor.groups.get().permissions.filter(codename="add_actor")
    )
    response = client.post(
        url("claim_new"),
        {
            "speaker_name": "Someone New",
            "new_speaker_kind": "person",
            "speech_act": "statement",
            "proposition": "x",
            "document": Document.objects.get().pk,
            "passage": "We'll sort this out",
            "mode": "direct",
        },
    )
    assert response.status_code == 422
    assert "You may not record new speakers" in response.content.decode()


def test_the_story_board_shows_the_parties_side_by_side(client, editor, seed):
    client.force_login(editor)
    response = client.get(url("story", "deir-al-zor-september-2017"))
    html = response.content.decode()
    parties = [c["party"].name for c in response.context["columns"]]
    assert parties[0] == "Russian Defense Ministry"
    assert {"Syrian Democratic Forces", "U.S.-led coalition against IS", "Russia"} <= set(parties)
    assert len(response.context["links"]) == 12
    unanswered = {c.ref for c in response.context["unanswered"]}
    assert "mod-us-spies-sparked-offensive" in unanswered
    assert "sdf-raqqa-80-percent" not in unanswered
    assert "Still unanswered" in html and "counter-accuses" in html


@pytest.mark.parametrize("rows", [3, 7])
def test_the_story_board_runs_a_fixed_number_of_queries(
    client, editor, django_assert_num_queries, rows
):
    client.force_login(editor)
    story = f.story()
    for _ in range(rows):
        a, b = f.claim(on_behalf_of=f.actor()), f.claim()
        a.stories.add(story)
        b.stories.add(story)
        f.link(a, b)
    # session, user, two permission reads; story, claims, links, other stories
    with django_assert_num_queries(8):
        client.get(url("story", story.slug))


@pytest.mark.parametrize("rows", [3, 7])
def test_the_document_pages_run_a_fixed_number_of_queries(
    client, editor, django_assert_num_queries, rows
):
    client.force_login(editor)
    doc = f.document(text=" ".join(f"Part {i} of it." for i in range(rows)))
    for i in range(rows):
        f.appearance(f.claim(), doc, f"Part {i} of")
    with django_assert_num_queries(7):  # session, user, perms x2; document, spans, orphans
        client.get(url("document", doc.pk))
    with django_assert_num_queries(7):  # session, user, perms x2; count, page, outlet choices
        client.get(url("documents"))


def test_the_workspace_offers_a_bounded_list_of_documents_yet_accepts_any(csrf_client, editor):
    from claims.desk_forms import OFFERED_DOCUMENTS
    from claims.models import EvidenceAssessment
    from tests.desk import csrf_post

    own = f.document(title="The claim's own report")
    claim = f.claim()
    f.appearance(claim, own, "the convoy was struck at dawn")
    older = f.document(title="An older report nobody is offered")
    for n in range(OFFERED_DOCUMENTS):
        f.document(title=f"Newer report {n}")
    csrf_client.force_login(editor)
    page = csrf_client.get(url("claim", claim.pk)).content.decode()
    assert "Newer report 0" in page and "Newer report 49" in page
    assert "The claim&#x27;s own report" in page or "The claim's own report" in page
    assert "An older report nobody is offered" not in page

    response = csrf_post(
        csrf_client,
        url("evidence", claim.pk),
        {
            "status": "unverified",
            "rationale": "See the older report.",
            "evidence_document": older.pk,
        },
    )
    assert response.status_code in (302, 303)
    assert EvidenceAssessment.objects.get(claim=claim).evidence_document == older
