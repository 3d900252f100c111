"""The organisers' pages: a talk's intentions, one intention, the board; who may see them, and
what bad input gets."""

import pytest
from django.urls import reverse

from gcmtalks.core.models import AuditEntry
from gcmtalks.intentions.models import Intention
from tests.factories import TalkFactory, UserFactory

from .conftest import form_data, intention

State = Intention.State
pytestmark = pytest.mark.django_db


def step(**data):
    """The step form's fields, as the page names them."""
    return {f"step-{name}": value for name, value in data.items()}


def talk_url(talk):
    return reverse("intentions_workspace:talk", args=[talk.slug])


def detail_url(item, action="detail"):
    return reverse(f"intentions_workspace:{action}", args=[item.pk])


def test_an_organiser_records_an_intention_from_the_talk(client, talk, people):
    client.force_login(people.bruno)
    page = client.get(talk_url(talk))
    assert page.status_code == 200 and "Record a pledge intention" in page.text
    response = client.post(
        talk_url(talk), form_data(owner=str(people.amal.pk), due_on="2026-12-15")
    )
    assert response.status_code == 302
    made = Intention.objects.get()
    assert made.owner == people.amal and str(made.due_on) == "2026-12-15"
    assert sorted(made.objectives.values_list("number", flat=True)) == [6, 18]
    page = client.get(talk_url(talk))
    assert "Kenya" in page.text and "Wanjiru Kamau" in page.text and "Amal Haddad" in page.text


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"text": ""}, "This field is required."),
        ({"member_state": "", "organisation": ""}, "Give the Member State or the organisation"),
        ({"member_state": "XX"}, "“XX” is not one of the known values."),
        ({"objectives": ["99"]}, "“99” is not one of the known values."),
        ({"due_on": "15/13/2026"}, "Enter a valid date."),
        ({"owner": "999999"}, "Select a valid choice."),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(client, talk, people, changes, message):
    client.force_login(people.bruno)
    response = client.post(talk_url(talk), form_data(**changes))
    assert response.status_code == 400
    assert message in response.text
    assert not Intention.objects.exists()


def test_an_owner_from_another_workstream_is_not_offered(client, talk, people):
    client.force_login(people.bruno)
    response = client.post(talk_url(talk), form_data(owner=str(people.yuki.pk)))
    assert response.status_code == 400 and "Select a valid choice." in response.text
    assert not Intention.objects.exists()


def test_a_step_is_recorded_and_bad_steps_change_nothing(client, talk, people):
    from django.utils import timezone

    from gcmtalks.pledges.models import Pledge

    item = intention(talk, owner=people.amal)
    client.force_login(people.amal)
    bad = [
        ({"state": "pledged", "pledge": "NOPE-1"}, "No pledge has the ID “NOPE-1”"),
        ({"state": "pledged"}, "Give the pledge it became"),
        ({"state": "not_pursued"}, "Say why it is not pursued."),
        ({"state": "contacted", "progress": "150"}, "less than or equal to 100"),
        ({"state": "finished"}, "Select a valid choice."),
    ]
    for data, message in bad:
        response = client.post(detail_url(item, "move"), step(**data))
        assert response.status_code == 400 and message in response.text, data
    item.refresh_from_db()
    assert item.state == State.VOICED and not item.notes.exists()
    Pledge.objects.create(external_id="P-7", title="Fund", imported_at=timezone.now(),
                          updated_at=timezone.now())  # fmt: skip
    response = client.post(detail_url(item, "move"), step(state="pledged", pledge=" P-7 "))
    assert response.status_code == 302
    page = client.get(detail_url(item))
    assert "Pledged" in page.text and "P-7 Fund" in page.text and "100 %" in page.text
    assert "Voiced → Pledged" in page.text


def test_a_note_without_text_is_refused(client, talk, people):
    item = intention(talk)
    client.force_login(people.amal)
    response = client.post(detail_url(item, "note"), {"note-text": ""})
    assert response.status_code == 400 and "This field is required." in response.text
    assert (
        client.post(detail_url(item, "note"), {"note-text": "Sent the template."}).status_code
        == 302
    )
    assert "Sent the template." in client.get(detail_url(item)).text


def test_editing_keeps_the_saved_intention_when_the_input_is_bad(client, talk, people):
    item = intention(talk, speaker_name="Wanjiru Kamau")
    client.force_login(people.amal)
    response = client.post(detail_url(item), form_data(text="", due_on="2027-01-10"))
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.text.startswith("To fund") and item.due_on is None
    response = client.post(detail_url(item), form_data(text="A bigger pilot.", due_on="2027-01-10"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.text, str(item.due_on)) == ("A bigger pilot.", "2027-01-10")
    assert AuditEntry.objects.filter(action="intention.change").exists()


def test_who_may_see_and_change_intentions(client, talk, people):
    item = intention(talk, owner=people.amal)
    urls = [talk_url(talk), detail_url(item)]
    assert all(client.get(url).status_code == 302 for url in urls)  # to sign in
    client.force_login(UserFactory())
    assert all(client.get(url).status_code == 403 for url in urls)
    client.force_login(people.yuki)  # another workstream
    assert all(client.get(url).status_code == 403 for url in urls)
    assert client.post(detail_url(item, "move"), step(state="contacted")).status_code == 403
    assert client.get(reverse("intentions_workspace:detail", args=[999999])).status_code == 403
    client.force_login(people.secretariat)
    assert all(client.get(url).status_code == 200 for url in urls)
    assert client.get(reverse("intentions_workspace:detail", args=[999999])).status_code == 404


def test_an_owner_outside_the_organisers_follows_up_but_cannot_remove(client, people):
    talk = TalkFactory()
    talk.organisers.add(people.youth)
    item = intention(talk, owner=people.secretariat)
    item.owner = people.amal  # given to a member of another workstream by the admin
    item.save()
    client.force_login(people.amal)
    assert client.get(detail_url(item)).status_code == 200
    assert client.post(detail_url(item, "delete")).status_code == 403
    client.force_login(people.yuki)
    assert client.post(detail_url(item, "delete")).status_code == 302
    assert not Intention.objects.exists()
    assert AuditEntry.objects.filter(action="intention.delete").exists()


def test_the_workspace_talk_page_links_the_intentions(client, talk, people):
    intention(talk)
    client.force_login(people.amal)
    page = client.get(reverse("talks_workspace:talk", args=[talk.slug]))
    assert "1 intention recorded" in page.text and talk_url(talk) in page.text
