import pytest

from gcmtalks.core.models import AuditEntry
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.proposals.models import Message, Proposal
from gcmtalks.talks.models import Talk
from tests.proposals.conftest import proposal_data

pytestmark = pytest.mark.django_db


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {}, follow=True)


def test_a_proposal_goes_from_idea_to_draft_talk(client, people):
    # The partner saves a draft, then submits it.
    page = post(client, people.partner, "/proposals/new/", proposal_data(people))
    proposal = Proposal.objects.get()
    assert "Your draft is saved." in page.content.decode()
    assert proposal.status == "draft" and proposal.proposer == people.partner
    assert [s.name for s in proposal.speakers.all()] == ["Rosa Díaz"]
    post(client, people.partner, f"/proposals/{proposal.pk}/submit/")
    proposal.refresh_from_db()
    assert proposal.status == "submitted" and proposal.submitted_at
    assert OutgoingMail.objects.get(to=people.partner.email).subject.startswith("We received")

    # A member of the workstream takes it up and asks for changes.
    post(client, people.member, f"/manage/proposals/{proposal.pk}/review/")
    post(client, people.member, f"/manage/proposals/{proposal.pk}/note/",
         {"note-kind": "note", "note-text": "Internal: strong on fees, weak on regions."})  # fmt: skip
    post(client, people.member, f"/manage/proposals/{proposal.pk}/request-changes/",
         {"message-text": "Please add a speaker from a country of origin."})  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == "changes_requested"
    asked = OutgoingMail.objects.filter(to=people.partner.email).latest("id")
    assert "country of origin" in asked.text

    # The partner edits and replies; it is back in review.
    post(client, people.partner, f"/proposals/{proposal.pk}/edit/",
         proposal_data(people, title="Fair recruitment corridors: origin and destination"))  # fmt: skip
    page = post(client, people.partner, f"/proposals/{proposal.pk}/reply/",
                {"message-text": "Added a speaker from Nepal."})  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == "under_review"
    assert "Internal: strong on fees" not in page.content.decode()  # never the internal note

    # The secretariat accepts: a draft talk, prefilled and linked back.
    post(client, people.secretariat, f"/manage/proposals/{proposal.pk}/accept/",
         {"decision-reason": "It fits the labour migration priority."})  # fmt: skip
    proposal.refresh_from_db()
    talk = proposal.talk
    assert proposal.status == "accepted" and talk.status == Talk.Status.DRAFT
    assert talk.title == "Fair recruitment corridors: origin and destination"
    assert talk.format == "online" and talk.audience == "open_to_all"
    assert [o.number for o in talk.objectives.all()] == [6]
    assert sorted(lang.code for lang in talk.interpretation_languages.all()) == ["en", "fr"]
    organisers = {o.slug: o for o in talk.organisers.all()}
    assert "ws-labour" in organisers
    partner = next(o for o in organisers.values() if o.kind == "partner")
    assert partner.organisation == people.org
    accepted = OutgoingMail.objects.filter(to=people.partner.email).latest("id")
    assert accepted.subject.startswith("Accepted") and "labour migration priority" in accepted.text
    actions = list(
        AuditEntry.objects.filter(object_type="proposals.proposal", object_id=str(proposal.pk))
        .order_by("id").values_list("action", flat=True)
    )  # fmt: skip
    assert actions == [
        "proposal.create", "proposal.submit", "proposal.review", "proposal.note",
        "proposal.request_changes", "proposal.change", "proposal.reply", "proposal.accept",
    ]  # fmt: skip


def submitted(people, **extra):
    from gcmtalks.proposals.forms import ProposalForm, SpeakerFormSet
    from gcmtalks.proposals.services import proposal_save, proposal_submit

    data = proposal_data(people, **extra)
    form = ProposalForm(data, instance=Proposal(), user=people.partner)
    speakers = SpeakerFormSet(data, instance=Proposal(), prefix="speakers")
    assert form.is_valid() and speakers.is_valid(), (form.errors, speakers.errors)
    proposal = proposal_save(form=form, speakers=speakers, by=people.partner)
    return proposal_submit(proposal=proposal, by=people.partner)


def test_a_partner_never_sees_internal_notes_or_scores(client, people):
    proposal = submitted(people)
    post(client, people.member, f"/manage/proposals/{proposal.pk}/review/")
    post(client, people.member, f"/manage/proposals/{proposal.pk}/note/",
         {"note-kind": "note", "note-text": "Secret reviewer remark"})  # fmt: skip
    post(client, people.member, f"/manage/proposals/{proposal.pk}/score/",
         {"score-relevance": 5, "score-regional_balance": 2, "score-inclusion": 4,
          "score-feasibility": 3, "score-note": "Scored quietly"})  # fmt: skip
    for person in (people.partner, people.colleague):
        client.force_login(person)
        page = client.get(f"/proposals/{proposal.pk}/").content.decode()
        assert "Secret reviewer remark" not in page and "Scored quietly" not in page
        assert client.get(f"/manage/proposals/{proposal.pk}/").status_code in (302, 403, 404)
    client.force_login(people.member)
    page = client.get(f"/manage/proposals/{proposal.pk}/").content.decode()
    assert "Secret reviewer remark" in page and "Scored quietly" in page


def test_a_proposer_sees_only_their_organisations_proposals(client, people):
    proposal = submitted(people)
    client.force_login(people.outsider)
    assert client.get(f"/proposals/{proposal.pk}/").status_code == 404
    assert "Fair recruitment" not in client.get("/proposals/").content.decode()
    client.force_login(people.colleague)  # same organisation
    assert client.get(f"/proposals/{proposal.pk}/").status_code == 200
    assert "Fair recruitment" in client.get("/proposals/").content.decode()


def test_bad_input_gets_clear_messages_and_saves_nothing(client, people):
    client.force_login(people.partner)
    bad = proposal_data(people, title="", objectives=["99"], preferred_until="2027-01-01",
                        rationale="x" * 5000, **{"speakers-0-role": "emperor"})  # fmt: skip
    response = client.post("/proposals/new/", bad)
    assert response.status_code == 422
    page = response.content.decode()
    assert "This field is required." in page
    assert "“99” is not one of the known values." in page
    assert "The period must end after it starts." in page
    assert "Ensure this value has at most 4000 characters" in page
    assert "Select a valid choice. emperor is not one of the available choices." in page
    assert not Proposal.objects.exists()


def test_html_in_a_proposal_is_shown_escaped(client, people):
    proposal = submitted(people, title="<script>alert(1)</script> talk")
    client.force_login(people.partner)
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; talk" in page


def test_a_submitted_proposal_cannot_be_edited(client, people):
    proposal = submitted(people)
    client.force_login(people.partner)
    page = client.post(f"/proposals/{proposal.pk}/edit/", proposal_data(people, title="Changed"),
                       follow=True).content.decode()  # fmt: skip
    assert "it can no longer be changed" in page
    proposal.refresh_from_db()
    assert proposal.title == "Fair recruitment corridors"


def test_no_decision_on_a_withdrawn_proposal(client, people):
    proposal = submitted(people)
    post(client, people.partner, f"/proposals/{proposal.pk}/withdraw/")
    page = post(client, people.secretariat, f"/manage/proposals/{proposal.pk}/accept/",
                {"decision-reason": "Good"}).content.decode()  # fmt: skip
    assert "This proposal was withdrawn: no decision can be taken on it." in page
    proposal.refresh_from_db()
    assert proposal.status == "withdrawn" and proposal.talk is None
    assert not Talk.objects.exists()


def test_submitting_an_incomplete_draft_says_what_is_missing(client, people):
    data = proposal_data(people, rationale="", objectives=[], workstream="")
    page = post(client, people.partner, "/proposals/new/", {**data, "submit": "1"}).content
    assert "Complete these before submitting: rationale, workstream, GCM objectives." in (
        page.decode()
    )
    assert Proposal.objects.get().status == "draft"


def test_a_decision_needs_a_reason(client, people):
    proposal = submitted(people)
    page = post(client, people.secretariat, f"/manage/proposals/{proposal.pk}/decline/",
                {"decision-reason": ""}).content.decode()  # fmt: skip
    assert "This field is required." in page
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert not Message.objects.exists()


def test_the_workspace_dashboard_lists_proposals_waiting_for_review(client, people):
    submitted(people)
    for person, sees in ((people.member, True), (people.secretariat, True),
                         (people.member_other, False)):  # fmt: skip
        client.force_login(person)
        page = client.get("/manage/").content.decode()
        assert ("Fair recruitment corridors" in page) == sees
