"""The rapporteur records intentions through their personal speaker link, during the talk and
for a month after it; nobody else can through such a link."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gcmtalks.intentions.models import Intention
from gcmtalks.panels.models import Speaker

from .conftest import form_data

pytestmark = pytest.mark.django_db


def speaker(talk, role=Speaker.Role.RAPPORTEUR):
    return Speaker.objects.create(talk=talk, name="Rosa Quispe", role=role)


def url(person):
    return reverse("intentions:rapporteur", args=[person.key])


def test_the_rapporteur_records_an_intention(client, talk):
    rapporteur = speaker(talk)
    page = client.get(reverse("panels:speaker", args=[rapporteur.key]))
    assert url(rapporteur) in page.text  # linked from their speaker page
    page = client.get(url(rapporteur))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    data = form_data(owner=None, due_on=None)
    response = client.post(url(rapporteur), data)
    assert response.status_code == 302
    made = Intention.objects.get()
    assert made.recorded_by_speaker == rapporteur and made.recorded_by is None
    assert made.owner is None and made.state == Intention.State.VOICED
    assert "You have recorded" in client.get(url(rapporteur)).text


def test_bad_input_from_the_rapporteur_saves_nothing(client, talk):
    response = client.post(url(speaker(talk)), form_data(text="", member_state="XX"))
    assert response.status_code == 400
    assert "This field is required." in response.text and "“XX” is not one of" in response.text
    assert not Intention.objects.exists()


def test_other_speakers_cannot_record(client, talk):
    panellist = speaker(talk, role=Speaker.Role.PANELLIST)
    assert "Only the talk&#x27;s rapporteur" in client.get(url(panellist)).text
    assert client.post(url(panellist), form_data()).status_code == 409
    assert not Intention.objects.exists()
    assert client.get(reverse("intentions:rapporteur", args=["no-such-key"])).status_code == 404


@pytest.mark.parametrize("start_in, message", [
    (timedelta(days=3), "from an hour before the talk"),
    (-timedelta(days=40), "The time to record this talk"),
])  # fmt: skip
def test_the_rapporteur_records_only_around_the_talk(client, talk, start_in, message):
    talk.start = timezone.now() + start_in
    talk.end = talk.start + timedelta(minutes=90)
    talk.save()
    rapporteur = speaker(talk)
    assert message in client.get(url(rapporteur)).text
    assert client.post(url(rapporteur), form_data()).status_code == 409
    assert not Intention.objects.exists()
