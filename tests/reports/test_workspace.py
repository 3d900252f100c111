"""The summary report in the organisers' workspace: who may open it, writing it, justifying
names, publishing; every form with bad input."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.core.models import AuditEntry
from gcmtalks.registrations.models import Registration
from gcmtalks.reports.forms import MAX_SECTION
from gcmtalks.reports.models import Justification, ReportText, SummaryReport
from gcmtalks.reports.services import report_justify, report_publish
from gcmtalks.talks.models import Talk
from tests.factories import OrganiserMemberFactory, TwoFactorFactory, in_days

from .conftest import country, register, speak, write

pytestmark = pytest.mark.django_db


def overview(talk):
    return f"/manage/talks/{talk.slug}/report/"


def edit(talk, language="en"):
    return f"/manage/talks/{talk.slug}/report/{language}/"


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def sections(**values):
    names = ("context", "key_messages", "challenges", "practices", "pledge_intentions",
             "recommendations", "next_steps")  # fmt: skip
    return {name: values.get(name, "") for name in names}


@pytest.fixture
def member_client(client, people):
    client.force_login(people.member)
    return client


# Who may open it.


def all_urls(talk):
    base = overview(talk)
    return [
        ("get", base),
        ("get", edit(talk, "fr")),
        ("post", edit(talk, "fr")),
        ("get", f"{base}en/remove/"),
        ("post", f"{base}justify/"),
        ("post", f"{base}publish/"),
        ("post", f"{base}unpublish/"),
        ("get", f"{base}preview.pdf"),
    ]


def test_workspace_anonymous_is_sent_to_sign_in(client, talk):
    for method, url in all_urls(talk):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize("who", ["outsider", "member_other"])
def test_workspace_refuses_people_who_do_not_organise_the_talk(client, talk, people, who):
    client.force_login(getattr(people, who))  # signed in, organising nothing or another talk
    for method, url in all_urls(talk):
        assert getattr(client, method)(url).status_code == 403, url
    assert not SummaryReport.objects.exists()


def test_workspace_needs_two_factors(client, talk, people):
    user = TwoFactorFactory(mfa=False)
    OrganiserMemberFactory(organiser=people.workstream, user=user)
    client.force_login(user)
    response = client.get(overview(talk))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_workspace_open_to_organiser_and_secretariat(client, talk, people, staff):
    for user in (people.member, staff):
        client.force_login(user)
        assert client.get(overview(talk)).status_code == 200


def test_workspace_unknown_talk_or_language(client, talk, staff, people):
    client.force_login(staff)
    assert client.get("/manage/talks/no-such-talk/report/").status_code == 404
    assert client.get(edit(talk, "de")).status_code == 404
    client.force_login(people.member)
    assert client.get("/manage/talks/no-such-talk/report/").status_code == 403


# The talk's workspace page.


def test_talk_workspace_page_has_report_section(member_client, talk, people):
    html = member_client.get(f"/manage/talks/{talk.slug}/").content.decode()
    assert 'id="report-heading"' in html
    assert f'href="{overview(talk)}"' in html
    assert "Not started yet." in html
    write(talk, people.member)
    report_publish(talk=talk, by=people.member)
    html = member_client.get(f"/manage/talks/{talk.slug}/").content.decode()
    assert "Written in: English" in html
    assert f'href="/talks/{talk.slug}/report/"' in html


# Writing.


def test_edit_form_labels_every_section(member_client, talk):
    html = member_client.get(edit(talk, "ar")).content.decode()
    for label in ("Context", "Key messages", "Challenges identified", "Practices presented",
                  "Pledge intentions voiced", "Recommendations", "Next steps"):  # fmt: skip
        assert re.search(rf'<label for="id_\w+">{label}</label>', html), label
    assert 'lang="ar"' in html


def test_edit_saves_text_and_audits(member_client, talk, people):
    data = sections(context="Why we met.", next_steps="Meet again.")
    response = member_client.post(edit(talk, "fr"), data)
    assert response.status_code == 302
    text = ReportText.objects.get(report__talk=talk, language="fr")
    assert (text.context, text.next_steps, text.updated_by) == (
        "Why we met.",
        "Meet again.",
        people.member,
    )
    entry = AuditEntry.objects.get(action="report.text_save")
    assert entry.changes["fr.context"] == [None, "Why we met."]
    response = member_client.get(overview(talk))
    assert "The French text is saved." in messages_of(response)


def test_edit_without_any_section_is_refused(member_client, talk):
    response = member_client.post(edit(talk), sections(context="   "))
    assert response.status_code == 200
    assert "Write at least one section." in response.content.decode()
    assert not SummaryReport.objects.exists()


def test_edit_with_too_long_section_keeps_what_was_typed(member_client, talk):
    data = sections(context="Kept words.", challenges="x" * (MAX_SECTION + 1))
    response = member_client.post(edit(talk), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value has at most" in html
    assert "Kept words." in html
    assert not ReportText.objects.exists()


def test_edit_published_report_with_a_name_is_refused_and_kept(member_client, chatham_talk, people):
    register(chatham_talk, "Rosa Díaz")
    write(chatham_talk, people.member, context="A participant spoke.")
    report_publish(talk=chatham_talk, by=people.member)
    response = member_client.post(edit(chatham_talk), sections(context="ROSA DIAZ spoke."))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rosa Díaz" in html  # the reason, in the form's notice
    assert "ROSA DIAZ spoke." in html  # what was typed is not lost
    assert ReportText.objects.get(language="en").context == "A participant spoke."


def test_remove_language(member_client, talk, people):
    write(talk, people.member)
    write(talk, people.member, language="ru", context="Контекст.")
    url = f"{overview(talk)}ru/remove/"
    assert "Remove the Russian text" in member_client.get(url).content.decode()
    response = member_client.post(url, follow=True)
    assert "The Russian text is removed." in messages_of(response)
    assert list(ReportText.objects.values_list("language", flat=True)) == ["en"]
    entry = AuditEntry.objects.get(action="report.text_remove")
    assert entry.changes["ru.context"] == ["Контекст.", None]


def test_remove_english_of_published_report_is_refused(member_client, talk, people):
    write(talk, people.member)
    report_publish(talk=talk, by=people.member)
    response = member_client.post(f"{overview(talk)}en/remove/", follow=True)
    assert any("keeps its English text" in m for m in messages_of(response))
    assert ReportText.objects.filter(language="en").exists()


def test_remove_missing_language(member_client, talk, people):
    write(talk, people.member)
    assert member_client.get(f"{overview(talk)}fr/remove/").status_code == 404
    response = member_client.post(f"{overview(talk)}fr/remove/", follow=True)
    assert any("no text in that language" in m for m in messages_of(response))


# The Chatham House check in the overview.


@pytest.fixture
def found(chatham_talk, people):
    speak(chatham_talk, "Zoë Müller-Ñúñez")
    register(chatham_talk, "Amadou Diallo", member_state=country("CI"), status="attended")
    write(chatham_talk, people.member, context="ZOE MULLER-NUNEZ and cote d'ivoire spoke.")
    return chatham_talk


def justify_url(talk):
    return f"{overview(talk)}justify/"


def test_overview_lists_findings_each_with_labelled_form(member_client, found):
    html = member_client.get(overview(found)).content.decode()
    assert "Zoë Müller-Ñúñez" in html and "Côte d&#x27;Ivoire" in html
    assert "Speaker" in html and "Member State" in html
    assert "English – Context" in html
    for number in (0, 1):
        assert f'<label for="justify-{number}-reason">' in html
        assert f'id="justify-{number}-reason"' in html
    assert "Remove or justify each name the Chatham House check found." in html
    assert "Publish the report</button>" not in html


def test_justify_with_reason_is_saved_and_audited(member_client, found, people):
    data = {"key": "zoe muller-nunez", "reason": "She asked to be named."}
    response = member_client.post(justify_url(found), data, follow=True)
    assert any("may stay in the report" in m for m in messages_of(response))
    justification = Justification.objects.get()
    assert (justification.name, justification.by) == ("Zoë Müller-Ñúñez", people.member)
    html = response.content.decode()
    assert "She asked to be named." in html
    entry = AuditEntry.objects.get(action="report.justify")
    assert (entry.actor, entry.changes["reason"]) == (
        people.member,
        [None, "She asked to be named."],
    )


def test_justify_without_reason_is_refused(member_client, found):
    response = member_client.post(justify_url(found), {"key": "cote d'ivoire", "reason": "  "})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the reason the name may stay." in html
    assert 'id="justify-1-reason_error"' in html  # the error sits on the name's own form
    assert not Justification.objects.exists()


def test_justify_with_too_long_reason_keeps_it(member_client, found):
    reason = "Because " + "y" * 1000
    response = member_client.post(justify_url(found), {"key": "cote d'ivoire", "reason": reason})
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Justification.objects.exists()


def test_justify_a_name_not_in_the_report_is_refused(member_client, found):
    data = {"key": "nobody at all", "reason": "Because."}
    response = member_client.post(justify_url(found), data, follow=True)
    assert any("no longer in the report" in m for m in messages_of(response))
    assert not Justification.objects.exists()


def test_justify_without_key_is_refused(member_client, found):
    response = member_client.post(justify_url(found), {"reason": "Because."})
    assert response.status_code == 200
    assert not Justification.objects.exists()


def test_publish_from_overview_once_names_are_justified(member_client, found, people):
    response = member_client.post(f"{overview(found)}publish/", follow=True)
    assert any("Nothing was changed." in m and "Amadou" not in m for m in messages_of(response))
    assert any("Zoë Müller-Ñúñez" in m for m in messages_of(response))
    for key in ("zoe muller-nunez", "cote d'ivoire"):
        report_justify(talk=found, key=key, reason="Agreed.", by=people.member)
    html = member_client.get(overview(found)).content.decode()
    assert "Publish the report</button>" in html
    response = member_client.post(f"{overview(found)}publish/", follow=True)
    assert "The summary report is published." in messages_of(response)
    assert SummaryReport.objects.get().status == SummaryReport.Status.PUBLISHED


def test_publish_refused_before_talk_ends(member_client, people):
    talk = Talk.objects.create(slug="soon", title="Soon", level="global", start=in_days(2),
                               end=in_days(2) + timedelta(hours=1), status="published")  # fmt: skip
    talk.organisers.set([people.workstream])
    write(talk, people.member)
    html = member_client.get(overview(talk)).content.decode()
    assert "once the talk has ended" in html
    response = member_client.post(f"{overview(talk)}publish/", follow=True)
    assert any("once the talk has ended" in m for m in messages_of(response))
    assert SummaryReport.objects.get().status == SummaryReport.Status.DRAFT


def test_publish_refused_without_english(member_client, talk, people):
    write(talk, people.member, language="fr", context="Seulement en français.")
    response = member_client.post(f"{overview(talk)}publish/", follow=True)
    assert any("Write the English text first" in m for m in messages_of(response))
    assert SummaryReport.objects.get().status == SummaryReport.Status.DRAFT


def test_publish_refused_without_report(member_client, talk):
    response = member_client.post(f"{overview(talk)}publish/", follow=True)
    assert any("Write the report first." in m for m in messages_of(response))
    assert not SummaryReport.objects.exists()


def test_unpublish(member_client, talk, people):
    write(talk, people.member)
    report_publish(talk=talk, by=people.member)
    response = member_client.post(f"{overview(talk)}unpublish/", follow=True)
    assert any("draft again" in m for m in messages_of(response))
    assert SummaryReport.objects.get().status == SummaryReport.Status.DRAFT
    response = member_client.post(f"{overview(talk)}unpublish/", follow=True)
    assert any("not published" in m for m in messages_of(response))


def test_overview_query_count_same_for_one_and_many_registrants(member_client, found):
    counts = []
    for count in (1, 40):
        Registration.objects.filter(talk=found).delete()
        for n in range(count):
            register(found, f"Person {n}", n=n, organisation=f"Org {n}",
                     member_state=country("CI"), status="attended")  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            response = member_client.get(overview(found))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
