"""The organisers' panel page: speakers, their order, the agenda, the balance figures and the
warnings, who may use it, and what bad input does."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.accounts.models import Organisation, OrganisationMember
from gcmtalks.core.models import AuditEntry, Country, StakeholderGroup
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.panels.models import AgendaItem, Speaker
from tests.factories import (
    OrganiserFactory,
    OrganiserMemberFactory,
    TalkFactory,
    UserFactory,
    utc,
)

from .conftest import AgendaItemFactory, SpeakerFactory, messages_of, text_of

pytestmark = pytest.mark.django_db


def panel_of(talk):
    return f"/manage/talks/{talk.slug}/panel/"


def speaker_data(**changes):
    return {
        "name": "Amina Diallo", "email": "amina@example.org", "organisation": "Diaspora Link",
        "country": Country.objects.get(code="SN").pk,
        "stakeholder_group": StakeholderGroup.objects.get(slug="migrant-diaspora-organisation").pk,
        "role": "panellist", "gender": "woman", "gender_description": "",
        "speaks_as_migrant": "on", "for_migrant_organisation": "on", "locale": "fr",
        **changes,
    }  # fmt: skip


def item_data(**changes):
    return {"kind": "panel", "title": "", "starts_after": "0", "minutes": "15", **changes}


# Who may use the pages.


def every_url(talk, speaker, item):
    panel = panel_of(talk)
    gets = [
        panel, panel + "speakers/new/", panel + f"speakers/{speaker.pk}/",
        panel + f"speakers/{speaker.pk}/remove/", panel + "agenda/new/",
        panel + f"agenda/{item.pk}/",
    ]  # fmt: skip
    posts = [
        panel + f"speakers/{speaker.pk}/move/", panel + f"speakers/{speaker.pk}/invite/",
        panel + f"agenda/{item.pk}/remove/",
    ]  # fmt: skip
    return gets, posts


def test_the_panel_pages_are_for_the_talks_organisers_only(client, talk):
    speaker = SpeakerFactory(talk=talk)
    item = AgendaItemFactory(talk=talk)
    gets, posts = every_url(talk, speaker, item)
    for url in gets + posts:
        response = client.get(url) if url in gets else client.post(url, {"direction": "down"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    partner = UserFactory()
    organisation = Organisation.objects.create(name="Diaspora Link", type="migrant_diaspora")
    OrganisationMember.objects.create(organisation=organisation, user=partner)
    other_workstream = OrganiserMemberFactory(organiser=OrganiserFactory()).user
    for person in (UserFactory(), partner, other_workstream):
        client.force_login(person)
        for url in gets:
            assert client.get(url).status_code == 403, url
        for url in posts:
            assert client.post(url, {"direction": "down"}).status_code == 403, url
    assert Speaker.objects.get().invited_at is None and AgendaItem.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_member_without_two_factors_is_sent_to_set_them_up(client, talk, workstream):
    member = OrganiserMemberFactory(organiser=workstream, user__mfa=False).user
    client.force_login(member)
    response = client.get(panel_of(talk))
    assert response.status_code == 302 and "totp" in response["Location"]


def test_the_secretariat_manages_every_panel(client, staff, talk):
    client.force_login(staff)
    assert client.get(panel_of(talk)).status_code == 200


def test_a_speaker_of_another_talk_is_not_found(member_client, talk):
    elsewhere = SpeakerFactory(talk=TalkFactory())
    assert member_client.get(panel_of(talk) + f"speakers/{elsewhere.pk}/").status_code == 404
    response = member_client.post(panel_of(talk) + f"speakers/{elsewhere.pk}/remove/")
    assert response.status_code == 404 and Speaker.objects.filter(pk=elsewhere.pk).exists()


def test_the_talks_workspace_page_links_the_panel(member_client, talk):
    page = member_client.get(f"/manage/talks/{talk.slug}/").content.decode()
    assert f'href="{panel_of(talk)}"' in page and "No speakers yet." in page


# Speakers.


def test_the_panel_lists_speakers_in_order_with_their_answers(member_client, talk):
    kenya = Country.objects.get(code="KE")
    SpeakerFactory(talk=talk, name="Second", position=2, confirmed=False, recording_consent=False)
    SpeakerFactory(talk=talk, name="First", position=1, country=kenya, role="moderator",
                   confirmed=True, recording_consent=True, invited_at=utc(2030, 1, 2, 9))  # fmt: skip
    SpeakerFactory(talk=talk, name="Third", position=3, email="")
    response = member_client.get(panel_of(talk))
    assert [s.name for s in response.context["speakers"]] == ["First", "Second", "Third"]
    text = text_of(response)
    assert text.index("First") < text.index("Second") < text.index("Third")
    assert "First Migrant Forum Kenya — Moderator Confirmed Agrees to be recorded" in text
    assert "Sent 2 January 2030, 09:00 UTC" in text
    assert "Declined" in text and "Does not agree to be recorded" in text
    assert "Not sent" in text and "No email address" in text


def test_a_member_adds_a_speaker(member_client, talk, django_capture_on_commit_callbacks):
    SpeakerFactory(talk=talk, position=4)
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(panel_of(talk) + "speakers/new/", speaker_data())
    assert response.status_code == 302 and response["Location"] == panel_of(talk)
    amina = Speaker.objects.get(name="Amina Diallo")
    assert (amina.talk, amina.position, amina.country.code, amina.locale) == (talk, 5, "SN", "fr")
    assert amina.speaks_as_migrant and amina.for_migrant_organisation
    assert not amina.youth_representative and amina.confirmed is None
    entry = AuditEntry.objects.get(action="speaker.create")
    assert entry.actor is not None and entry.changes["name"] == [None, "Amina Diallo"]
    page = text_of(member_client.get(panel_of(talk)))
    assert "Amina Diallo Diaspora Link Senegal" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"email": "not an address"}, "Enter a valid email address."),
        ({"country": "999999"}, "Select a valid choice."),
        ({"role": "chair"}, "Select a valid choice. chair is not one of the available choices."),
        ({"gender": "woman", "gender_description": "in my words"}, "Choose “Another gender”"),
        ({"locale": "de"}, "Select a valid choice."),
    ],
)
def test_a_speaker_with_bad_input_is_not_saved(member_client, talk, changes, message):
    response = member_client.post(panel_of(talk) + "speakers/new/", speaker_data(**changes))
    assert response.status_code == 200
    assert "Nothing was saved: please correct these." in text_of(response)
    assert message in text_of(response)
    assert not Speaker.objects.exists() and not AuditEntry.objects.exists()


def test_a_speaker_edited_with_bad_input_keeps_their_details(member_client, talk):
    speaker = SpeakerFactory(talk=talk, name="Rosa Díaz")
    url = panel_of(talk) + f"speakers/{speaker.pk}/"
    response = member_client.post(url, speaker_data(name="", email="bad"))
    assert "Edit: Rosa Díaz" in text_of(response)
    speaker.refresh_from_db()
    assert speaker.name == "Rosa Díaz" and not AuditEntry.objects.exists()


def test_a_member_edits_a_speaker_with_another_gender_in_their_own_words(member_client, talk):
    speaker = SpeakerFactory(talk=talk, name="Sam")
    url = panel_of(talk) + f"speakers/{speaker.pk}/"
    data = speaker_data(name="Sam", gender="other", gender_description="non-binary")
    member_client.post(url, data)
    speaker.refresh_from_db()
    assert (speaker.gender, speaker.gender_description) == ("other", "non-binary")
    assert AuditEntry.objects.get(action="speaker.change").changes["gender"] == ["", "other"]


def test_speakers_move_up_and_down(member_client, talk):
    first, second, third = (SpeakerFactory(talk=talk, name=n) for n in ("A", "B", "C"))
    response = member_client.post(
        panel_of(talk) + f"speakers/{third.pk}/move/", {"direction": "up"}, follow=True
    )
    assert messages_of(response) == ["The order is saved."]
    assert [s.name for s in response.context["speakers"]] == ["A", "C", "B"]
    member_client.post(panel_of(talk) + f"speakers/{first.pk}/move/", {"direction": "down"})
    assert list(Speaker.objects.values_list("name", flat=True)) == ["C", "A", "B"]
    assert AuditEntry.objects.filter(action="speaker.move").count() == 2


@pytest.mark.parametrize(
    ("which", "direction", "message"),
    [
        (0, "up", "This speaker is already first."),
        (1, "down", "This speaker is already last."),
        (0, "sideways", "Choose to move the speaker up or down."),
        (0, "", "Choose to move the speaker up or down."),
    ],
)
def test_a_move_that_cannot_be_made_changes_nothing(member_client, talk, which, direction, message):
    speakers = [SpeakerFactory(talk=talk, name=n) for n in ("A", "B")]
    url = panel_of(talk) + f"speakers/{speakers[which].pk}/move/"
    response = member_client.post(url, {"direction": direction}, follow=True)
    assert messages_of(response) == [f"Nothing was changed. {message}"]
    assert list(Speaker.objects.values_list("name", flat=True)) == ["A", "B"]
    assert not AuditEntry.objects.exists()


def test_removing_a_speaker_erases_their_personal_data(member_client, talk):
    member_client.post(panel_of(talk) + "speakers/new/", speaker_data())
    amina = Speaker.objects.get()
    member_client.post(panel_of(talk) + f"speakers/{amina.pk}/invite/")
    assert OutgoingMail.objects.filter(to="amina@example.org").count() == 1
    other = SpeakerFactory(talk=talk, name="Stays")
    item = AgendaItemFactory(talk=talk, with_speakers=[amina, other])
    url = panel_of(talk) + f"speakers/{amina.pk}/remove/"
    asked = text_of(member_client.get(url))
    assert "Remove Amina Diallo" in asked and "erased" in asked
    assert Speaker.objects.count() == 2  # asking changes nothing
    response = member_client.post(url, follow=True)
    assert messages_of(response) == ["The speaker is removed, with their personal data."]
    assert list(Speaker.objects.all()) == [other] and list(item.speakers.all()) == [other]
    assert Speaker.objects.get().position == 0
    entries = AuditEntry.objects.filter(object_type="panels.speaker", object_id=str(amina.pk))
    assert {e.action for e in entries} == {"speaker.create", "speaker.invite", "speaker.remove"}
    recorded = str(list(entries.values_list("object_repr", "changes")))
    for personal in ("Amina", "amina@example.org", "Diaspora Link", "Senegal"):
        assert personal not in recorded
    assert "Amina" not in text_of(member_client.get(panel_of(talk)))
    assert not OutgoingMail.objects.filter(to="amina@example.org").exists()


# The agenda.


def test_a_member_builds_the_agenda_in_the_talks_zone(member_client, workstream):
    talk = TalkFactory(
        timezone="Africa/Nairobi", start=utc(2030, 6, 3, 7), end=utc(2030, 6, 3, 8, 30)
    )
    talk.organisers.set([workstream])
    moderator = SpeakerFactory(talk=talk, name="Moderator", role="moderator")
    url = panel_of(talk) + "agenda/new/"
    assert "The talk lasts 90 minutes: 10:00–11:30 EAT" in text_of(member_client.get(url))
    member_client.post(url, item_data(kind="opening", minutes="10", speakers=[moderator.pk]))
    form = member_client.get(url).context["form"]
    assert form["starts_after"].value() == 10  # after the last item
    member_client.post(url, item_data(kind="panel", title="Recruitment fees", starts_after="10",
                                      minutes="50"))  # fmt: skip
    response = member_client.get(panel_of(talk))
    text = text_of(response)
    assert "Times are Nairobi time (Africa/Nairobi)." in text
    assert "10:00–10:10 EAT Opening Moderator" in text
    assert "10:10–11:00 EAT Panel Recruitment fees —" in text
    item = AgendaItem.objects.get(kind="opening")
    assert list(item.speakers.all()) == [moderator]
    assert AuditEntry.objects.filter(action="agenda_item.create").count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (item_data(starts_after="80", minutes="15"),
         "This part would end 95 minutes after the start, but the talk lasts 90 minutes"),
        (item_data(starts_after="10", minutes="10"),
         "This part overlaps “Opening” (15:00–15:15 CET). Choose another time."),
        (item_data(starts_after="0", minutes="90"), "This part overlaps “Opening”"),
        (item_data(kind=""), "This field is required."),
        (item_data(kind="keynote"), "Select a valid choice."),
        (item_data(minutes="0"), "Ensure this value is greater than or equal to 1."),
        (item_data(starts_after="-5"), "Ensure this value is greater than or equal to 0."),
        (item_data(minutes="a quarter"), "Enter a whole number."),
        (item_data(starts_after="40", speakers=["999999"]), "Select a valid choice."),
    ],
)  # fmt: skip
def test_an_agenda_item_that_does_not_fit_is_refused(member_client, talk, data, message):
    talk.start, talk.end = utc(2030, 1, 8, 14), utc(2030, 1, 8, 15, 30)  # 15:00–16:30 CET
    talk.save()
    AgendaItemFactory(talk=talk, kind="opening", starts_after=0, minutes=15)
    response = member_client.post(panel_of(talk) + "agenda/new/", data)
    assert response.status_code == 200
    text = text_of(response)
    assert "Nothing was saved: please correct these." in text and message in text
    assert AgendaItem.objects.count() == 1 and not AuditEntry.objects.exists()


def test_an_agenda_item_cannot_name_another_talks_speaker(member_client, talk):
    elsewhere = SpeakerFactory(talk=TalkFactory())
    response = member_client.post(
        panel_of(talk) + "agenda/new/", item_data(speakers=[elsewhere.pk])
    )
    assert "Select a valid choice." in text_of(response) and not AgendaItem.objects.exists()


def test_an_agenda_item_keeps_its_own_slot_when_edited(member_client, talk):
    item = AgendaItemFactory(talk=talk, kind="opening", starts_after=0, minutes=15)
    AgendaItemFactory(talk=talk, kind="closing", starts_after=80, minutes=10)
    url = panel_of(talk) + f"agenda/{item.pk}/"
    response = member_client.post(url, item_data(kind="opening", minutes="20"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes == 20
    assert AuditEntry.objects.get(action="agenda_item.change").changes == {"minutes": [15, 20]}
    response = member_client.post(url, item_data(kind="opening", minutes="85"))
    assert "This part overlaps “Closing”" in text_of(response)
    item.refresh_from_db()
    assert item.minutes == 20


def test_an_agenda_item_is_removed(member_client, talk):
    item = AgendaItemFactory(talk=talk)
    response = member_client.post(panel_of(talk) + f"agenda/{item.pk}/remove/", follow=True)
    assert messages_of(response) == ["The agenda item is removed."]
    assert not AgendaItem.objects.exists()
    assert AuditEntry.objects.filter(action="agenda_item.remove").count() == 1


def test_an_item_that_a_shortened_talk_overruns_is_pointed_out(member_client, talk):
    AgendaItemFactory(talk=talk, starts_after=60, minutes=30)
    talk.end = talk.start + timedelta(minutes=60)
    talk.save()
    assert "Ends after the talk: change it." in text_of(member_client.get(panel_of(talk)))


# The balance figures, on the panel page and on the talk's workspace page.


def test_the_balance_warnings_show_then_go_once_the_panel_is_balanced(member_client, talk):
    workspace = f"/manage/talks/{talk.slug}/"
    SpeakerFactory(talk=talk, name="Hans", gender="man")
    second = SpeakerFactory(talk=talk, name="Pierre", gender="man")
    page = member_client.get(workspace).content.decode()
    assert 'class="notice notice-warning balance-warnings" role="alert"' in page
    text = text_of(member_client.get(workspace))
    assert "The panel is all of one gender." in text
    assert "No migrant or diaspora voice on the panel." in text
    assert "2 speakers: 0 confirmed, 0 declined, 2 not answered yet" in text
    assert "Men 2 100%" in text
    data = speaker_data(name="Pierre", email="pierre@example.org", gender="woman")
    member_client.post(panel_of(talk) + f"speakers/{second.pk}/", data)
    text = text_of(member_client.get(workspace))
    assert "all of one gender" not in text and "No migrant or diaspora voice" not in text
    assert "Women 1 50%" in text and "Migrant and diaspora voices 1 50%" in text
    assert "Africa 1 50%" in text  # Senegal
    on_panel = text_of(member_client.get(panel_of(talk)))
    assert "all of one gender" not in on_panel and "Women 1 50%" in on_panel
    # A speaker who declines leaves the figures.
    Speaker.objects.filter(pk=second.pk).update(confirmed=False)
    text = text_of(member_client.get(workspace))
    assert "No migrant or diaspora voice on the panel." in text
    assert "2 speakers: 0 confirmed, 1 declined, 1 not answered yet" in text
    assert "The figures count 1 speaker: those who declined are left out." in text


def queries_for(client, talk, count):
    Speaker.objects.all().delete()
    AgendaItem.objects.all().delete()
    countries = list(Country.objects.filter(code__in=["EG", "KE", "FR", "BR"]))
    groups = list(StakeholderGroup.objects.all()[:3])
    speakers = [
        SpeakerFactory(talk=talk, country=countries[n % 4], stakeholder_group=groups[n % 3])
        for n in range(count)
    ]
    for n, speaker in enumerate(speakers):
        AgendaItemFactory(talk=talk, starts_after=n * 10, minutes=10, with_speakers=[speaker])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(panel_of(talk))
    assert response.status_code == 200 and len(response.context["speakers"]) == count
    return len(queries)


def test_the_panel_page_costs_the_same_queries_for_1_and_8_speakers(member_client, talk):
    assert queries_for(member_client, talk, 1) == queries_for(member_client, talk, 8)


def test_the_talks_workspace_page_costs_the_same_queries_for_1_and_8_speakers(member_client, talk):
    counts = []
    for count in (1, 8):
        Speaker.objects.all().delete()
        kenya = Country.objects.get(code="KE")
        for _n in range(count):
            SpeakerFactory(talk=talk, country=kenya)
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get(f"/manage/talks/{talk.slug}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
