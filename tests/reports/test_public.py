"""The published report's web page, and the report's link on the talk page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.panels.models import AgendaItem, Speaker
from gcmtalks.registrations.models import Registration
from gcmtalks.reports.services import report_publish, report_unpublish
from gcmtalks.talks.models import Talk

from .conftest import Status, group, speak, write

pytestmark = pytest.mark.django_db


def page(talk, prefix=""):
    return f"{prefix}/talks/{talk.slug}/report/"


@pytest.fixture
def published(talk, people):
    write(talk, people.member, context="Recruitment fees trap workers.", next_steps="Meet again.")
    write(talk, people.member, language="fr", context="Les frais piègent les travailleurs.")
    return report_publish(talk=talk, by=people.member)


def test_report_page_shows_talk_sections_and_pdf_link(client, talk, published):
    response = client.get(page(talk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fair recruitment" in html
    assert "Geneva time" in html
    assert "Labour migration" in html
    assert "Recruitment fees trap workers." in html
    assert "Next steps" in html and "Meet again." in html
    assert "Challenges identified" not in html  # not written
    assert f'href="/talks/{talk.slug}/report.pdf?lang=en"' in html
    assert "Shown in English." in html
    assert f'href="/fr/talks/{talk.slug}/report/"' in html  # the French version


def test_report_page_in_french_shows_french_text(client, talk, published):
    html = client.get(page(talk, "/fr")).content.decode()
    assert "Les frais piègent les travailleurs." in html
    assert "Recruitment fees trap workers." not in html
    assert 'class="report-text" lang="fr"' in html


def test_report_page_falls_back_to_english_and_says_so(client, talk, published):
    html = client.get(page(talk, "/es")).content.decode()
    assert "Recruitment fees trap workers." in html
    assert 'class="report-text" lang="en" dir="ltr"' in html
    assert 'class="notice report-language"' in html
    assert f'href="/es/talks/{talk.slug}/report.pdf?lang=en"' in html


def test_report_page_in_arabic_is_right_to_left(client, talk, published):
    html = client.get(page(talk, "/ar")).content.decode()
    assert 'dir="rtl"' in html
    assert 'class="report-text" lang="en" dir="ltr"' in html  # the English text inside


def test_report_page_of_draft_report_is_not_found(client, talk, people):
    write(talk, people.member)
    assert client.get(page(talk)).status_code == 404


def test_report_page_back_to_draft_is_not_found(client, talk, published, people):
    report_unpublish(talk=talk, by=people.member)
    assert client.get(page(talk)).status_code == 404


def test_report_page_without_report_is_not_found(client, talk):
    assert client.get(page(talk)).status_code == 404
    assert client.get("/talks/no-such-talk/report/").status_code == 404


def test_report_page_of_draft_talk_is_not_found(client, talk, published):
    Talk.objects.filter(pk=talk.pk).update(status=Talk.Status.DRAFT)
    assert client.get(page(talk)).status_code == 404
    assert client.get(f"/talks/{talk.slug}/report.pdf").status_code == 404


def test_report_page_shows_agenda_with_speakers(client, talk, published):
    speaker = speak(talk, "Rosa Díaz", organisation="Diaspora Link")
    item = AgendaItem.objects.create(
        talk=talk, kind="panel", title="Fees", starts_after=10, minutes=45
    )
    item.speakers.add(speaker)
    html = client.get(page(talk)).content.decode()
    assert "Panel: Fees" in html
    assert "Rosa Díaz (Diaspora Link)" in html
    assert "Times are Geneva time" in html


def test_report_page_under_chatham_house_names_nobody_in_agenda(client, chatham_talk, people):
    speaker = speak(chatham_talk, "Zoë Müller-Ñúñez", organisation="Fair Work Institute")
    item = AgendaItem.objects.create(talk=chatham_talk, kind="panel", minutes=45)
    item.speakers.add(speaker)
    write(chatham_talk, people.member, context="A panellist spoke.")
    report_publish(talk=chatham_talk, by=people.member)
    html = client.get(page(chatham_talk)).content.decode()
    assert "Panel" in html
    assert "Müller" not in html and "Fair Work" not in html


def test_report_page_shows_participation_figures(client, talk, published):
    fields = {"attendance_mode": "online", "status": Status.ATTENDED}
    Registration.objects.bulk_create(
        Registration(talk=talk, name=f"P{n}", email=f"p{n}@example.org",
                     stakeholder_group=group(slug), **fields)
        for n, slug in enumerate(["civil-society"] * 7 + ["migrant"] * 6 + ["trade-union"] * 2)
    )  # fmt: skip
    html = client.get(page(talk)).content.decode()
    assert "15 people took part." in html
    assert "Civil society" in html
    # Trade unions (2) are merged into "Other", which takes in the next smallest (Migrants).
    assert "Trade unions" not in html and "Migrants" not in html
    assert "Other (smaller groups together)" in html


# The talk page.


def test_talk_page_links_published_report(client, talk, published):
    html = client.get(f"/talks/{talk.slug}/").content.decode()
    assert f'href="/talks/{talk.slug}/report/"' in html
    assert f'href="/talks/{talk.slug}/report.pdf"' in html


def test_talk_page_without_published_report_has_no_link(client, talk, people):
    write(talk, people.member)
    html = client.get(f"/talks/{talk.slug}/").content.decode()
    assert f"/talks/{talk.slug}/report/" not in html


# Query counts.


def fill(talk, count):
    Registration.objects.filter(talk=talk).delete()
    AgendaItem.objects.filter(talk=talk).delete()
    Speaker.objects.filter(talk=talk).delete()
    Registration.objects.bulk_create(
        Registration(talk=talk, name=f"P{n}", email=f"p{n}@example.org", attendance_mode="online",
                     status=Status.ATTENDED, stakeholder_group=group("civil-society"),
                     gender="woman")
        for n in range(count)
    )  # fmt: skip
    speakers = Speaker.objects.bulk_create(
        Speaker(talk=talk, name=f"S{n}", position=n) for n in range(count)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(talk=talk, kind="panel", starts_after=n, minutes=5) for n in range(count)
    )
    AgendaItem.speakers.through.objects.bulk_create(
        AgendaItem.speakers.through(agendaitem_id=item.pk, speaker_id=speaker.pk)
        for item, speaker in zip(items, speakers, strict=True)
    )


def test_report_page_query_count_same_for_one_and_many(client, talk, published):
    counts = []
    for count in (1, 30):
        fill(talk, count)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page(talk))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert "S29" in response.content.decode()


def test_publishing_refreshes_cached_talk_page(
    client, talk, people, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_CACHE_SECONDS = 600
    write(talk, people.member)
    assert "/report/" not in client.get(f"/talks/{talk.slug}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        report_publish(talk=talk, by=people.member)
    assert f"/talks/{talk.slug}/report/" in client.get(f"/talks/{talk.slug}/").content.decode()
    assert client.get(page(talk)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        report_unpublish(talk=talk, by=people.member)
    assert client.get(page(talk)).status_code == 404
