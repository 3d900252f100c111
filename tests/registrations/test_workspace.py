import csv
import io
from datetime import datetime

import pytest
import rules
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gcmtalks.core.models import AuditEntry, Country, Language, StakeholderGroup
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from tests.factories import UserFactory, with_two_factors

pytestmark = pytest.mark.django_db
Status = Registration.Status

LIST = "/manage/talks/open-talk/registrants/"
CSV = "/manage/talks/open-talk/registrants.csv"
XLSX = "/manage/talks/open-talk/registrants.xlsx"
BULK = "/manage/talks/open-talk/registrants/bulk/"


def add(talk, count=1, *, first=1, status=Status.CONFIRMED, **extra):
    """`count` registrations, fast (bulk_create writes no audit entry and queues no mail)."""
    fields = {
        "attendance_mode": Registration.Mode.ONLINE,
        "language": Language.objects.get(code="en"),
        "stakeholder_group": StakeholderGroup.objects.get(slug="civil-society"),
        "country": Country.objects.get(code="FR"),
        "organisation": "Civil society network",
        **extra,
    }
    return Registration.objects.bulk_create(
        Registration(
            **{"name": f"Person {n}", **fields},
            talk=talk,
            email=f"person{n}@example.org",
            status=status,
        )
        for n in range(first, first + count)
    )


def row_url(registration):
    return f"/manage/talks/open-talk/registrants/{registration.pk}/action/"


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def workspace_urls(talk):
    registration = add(talk, status=Status.PENDING_APPROVAL)[0]
    return [
        ("get", LIST, {}),
        ("get", CSV, {}),
        ("get", XLSX, {}),
        ("post", BULK, {"registrations": [registration.pk], "action": "approve"}),
        ("post", row_url(registration), {"do": "approve"}),
    ]


def test_workspace_anonymous_is_sent_to_sign_in(client, open_talk):
    for method, url, data in workspace_urls(open_talk):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next=/manage/"), url
    assert Registration.objects.get().status == Status.PENDING_APPROVAL


def test_workspace_signed_in_without_permission_is_forbidden(client, open_talk):
    client.force_login(UserFactory())
    for method, url, data in workspace_urls(open_talk):
        assert getattr(client, method)(url, data).status_code == 403, url
    assert client.get("/manage/talks/no-such-talk/registrants/").status_code == 403
    assert Registration.objects.get().status == Status.PENDING_APPROVAL


def test_workspace_permission_is_for_active_staff(open_talk):
    permission = "registrations.manage_registrants"
    assert rules.has_perm(permission, UserFactory(is_staff=True), open_talk)
    assert not rules.has_perm(permission, UserFactory(is_staff=True, is_active=False), open_talk)
    assert not rules.has_perm(permission, UserFactory(), open_talk)


def test_workspace_staff_may_use_every_url(staff_client, open_talk):
    for method, url, data in workspace_urls(open_talk):
        response = getattr(staff_client, method)(url, data)
        assert response.status_code == (200 if method == "get" else 302), url
    assert staff_client.get("/manage/talks/no-such-talk/registrants/").status_code == 404


def test_workspace_includes_draft_talks_for_staff(staff_client, open_talk):
    Talk.objects.filter(pk=open_talk.pk).update(status=Talk.Status.DRAFT)
    add(open_talk)
    page = staff_client.get(LIST).content.decode()
    assert "Person 1" in page and "Draft" in page


def test_registrants_list_shows_counts(staff_client, open_talk):
    add(open_talk, 3)
    add(open_talk, 2, first=4, status=Status.WAITLISTED, gender="woman")
    add(open_talk, 1, first=6, status=Status.DECLINED, language=Language.objects.get(code="fr"))
    response = staff_client.get(LIST)
    assert response.status_code == 200
    tables = {t["slug"]: t["rows"] for t in response.context["count_tables"]}
    assert ("Confirmed", 3, 3) in tables["status"] and ("On the waiting list", 2, 0) in tables[
        "status"
    ]
    assert tables["mode"] == [("Online", 6, 3)]
    assert ("English", 5, 3) in tables["language"] and ("French", 1, 0) in tables["language"]
    assert tables["group"] == [("Civil society", 6, 3)]
    assert tables["gender"] == [("Woman", 2, 0), ("Prefer not to say", 4, 3)]
    # France is a member of several regional commissions: counted in each.
    regions = {label: total for label, total, _confirmed in tables["region"]}
    assert regions["Europe and North America"] == 6 and len(regions) >= 2
    page = response.content.decode()
    assert "<caption>By listening language (for booking interpreters)</caption>" in page
    assert "Prefer not to say" in page


def test_registrants_list_filters(staff_client, open_talk):
    add(open_talk, 2)
    add(open_talk, 1, first=3, status=Status.WAITLISTED, organisation="Youth Forum")
    add(open_talk, 1, first=4, language=Language.objects.get(code="fr"))
    names = lambda query: [r.name for r in staff_client.get(LIST + query).context["registrations"]]  # noqa: E731
    assert names("?status=waitlisted") == ["Person 3"]
    assert names("?language=fr") == ["Person 4"]
    assert names("?q=youth") == ["Person 3"]
    assert names("?q=PERSON2@") == ["Person 2"]
    assert names("?mode=in_person") == []
    assert names("?group=civil-society&status=confirmed") == ["Person 1", "Person 2", "Person 4"]
    bad = staff_client.get(LIST + "?status=nonsense&language=zz")
    assert [r.name for r in bad.context["registrations"]] == [f"Person {n}" for n in range(1, 5)]
    assert "were not understood" in bad.content.decode()


def test_bulk_approve_approves_and_audits_with_the_staff_user(staff_client, staff, open_talk):
    waiting = add(open_talk, 3, status=Status.PENDING_APPROVAL)
    confirmed = add(open_talk, 1, first=4)[0]
    response = staff_client.post(
        BULK + "?status=pending_approval&q=person",
        {"registrations": [r.pk for r in [*waiting, confirmed]], "action": "approve"},
    )
    assert response.status_code == 302
    assert response["Location"] == LIST + "?status=pending_approval&q=person"
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.CONFIRMED}
    entries = AuditEntry.objects.filter(action="registration.approve")
    assert entries.count() == 3 and {e.actor for e in entries} == {staff}
    [message] = messages_of(staff_client.get(response["Location"]))
    assert message.startswith("3 approved; 1 could not be: Person 4: Only registrations waiting")


def test_bulk_decline_with_reason_declines(staff_client, staff, open_talk):
    registrations = add(open_talk, 2, status=Status.PENDING_APPROVAL)
    staff_client.post(
        BULK,
        {"registrations": [r.pk for r in registrations], "action": "decline", "reason": "Full"},
    )
    assert list(Registration.objects.values_list("status", "decline_reason")) == [
        (Status.DECLINED, "Full"),
        (Status.DECLINED, "Full"),
    ]
    entry = AuditEntry.objects.filter(action="registration.decline").first()
    assert entry.actor == staff and entry.changes["decline_reason"] == [None, "Full"]


def test_bulk_decline_without_reason_is_refused(staff_client, open_talk):
    registrations = add(open_talk, 2, status=Status.PENDING_APPROVAL)
    response = staff_client.post(
        BULK,
        {"registrations": [r.pk for r in registrations], "action": "decline", "reason": "  "},
        follow=True,
    )
    assert "Nothing was changed. Reason for declining: Give a reason to decline." in messages_of(
        response
    )
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.PENDING_APPROVAL}
    assert not AuditEntry.objects.exists()


def test_bulk_action_with_a_registration_of_another_talk_is_refused(staff_client, open_talk):
    other = Talk.objects.create(
        slug="other", title="Other", level="global", start=open_talk.start, end=open_talk.end
    )
    foreign = add(other, status=Status.PENDING_APPROVAL)[0]
    response = staff_client.post(
        BULK, {"registrations": [foreign.pk], "action": "approve"}, follow=True
    )
    assert messages_of(response)[0].startswith("Nothing was changed. Registrants: Select a valid")
    assert Registration.objects.get().status == Status.PENDING_APPROVAL


def test_bulk_check_in_marks_attendance(staff_client, staff, open_talk):
    registrations = add(open_talk, 2)
    staff_client.post(BULK, {"registrations": [r.pk for r in registrations], "action": "check_in"})
    assert all(r.attended_at for r in Registration.objects.all())
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.ATTENDED}
    assert AuditEntry.objects.filter(action="registration.check_in", actor=staff).count() == 2


def test_row_promote_moves_a_waiting_person_up(staff_client, staff, open_talk):
    waiting = add(
        open_talk, status=Status.WAITLISTED, email_confirmed_at=datetime.now().astimezone()
    )
    response = staff_client.post(row_url(waiting[0]) + "?status=waitlisted", {"do": "promote"})
    assert response["Location"] == LIST + "?status=waitlisted"
    assert Registration.objects.get().status == Status.CONFIRMED
    assert AuditEntry.objects.get(action="registration.promote_by_hand").actor == staff
    assert messages_of(staff_client.get(LIST)) == ["1 moved up"]


def test_row_check_in_marks_attendance(staff_client, staff, open_talk):
    registration = add(open_talk)[0]
    staff_client.post(row_url(registration), {"do": "check_in"})
    assert Registration.objects.get().status == Status.ATTENDED
    assert AuditEntry.objects.get(action="registration.check_in").actor == staff


def test_row_decline_needs_a_reason(staff_client, open_talk):
    registration = add(open_talk)[0]
    response = staff_client.post(row_url(registration), {"do": "decline"}, follow=True)
    assert "Give a reason to decline." in messages_of(response)[0]
    assert Registration.objects.get().status == Status.CONFIRMED
    staff_client.post(row_url(registration), {"do": "decline", "reason": "Duplicate"})
    assert Registration.objects.get().decline_reason == "Duplicate"


def test_row_revoke_join_link_is_audited(staff_client, staff, open_talk):
    registration = add(open_talk)[0]
    staff_client.post(row_url(registration), {"do": "revoke_join_link"})
    assert Registration.objects.get().join_revoked_at is not None
    assert AuditEntry.objects.get(action="registration.revoke_join_link").actor == staff


def test_row_action_not_allowed_gives_a_message(staff_client, open_talk):
    registration = add(open_talk)[0]
    response = staff_client.post(row_url(registration), {"do": "promote"}, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == [
        "0 moved up; 1 could not be: Person 1: Only people on the waiting list can be moved up."
    ]
    assert Registration.objects.get().status == Status.CONFIRMED


def test_row_action_unknown_action_changes_nothing(staff_client, open_talk):
    registration = add(open_talk, status=Status.PENDING_APPROVAL)[0]
    response = staff_client.post(row_url(registration), {"do": "delete"}, follow=True)
    assert messages_of(response)[0].startswith("Nothing was changed.")
    assert Registration.objects.get().status == Status.PENDING_APPROVAL


def test_row_action_on_another_talks_registration_is_404(staff_client, open_talk):
    other = Talk.objects.create(
        slug="other", title="Other", level="global", start=open_talk.start, end=open_talk.end
    )
    foreign = add(other, status=Status.PENDING_APPROVAL)[0]
    assert staff_client.post(row_url(foreign), {"do": "approve"}).status_code == 404


def test_registrants_page_has_labelled_controls_and_row_actions(staff_client, open_talk):
    add(open_talk, status=Status.PENDING_APPROVAL)
    add(open_talk, first=2, status=Status.WAITLISTED)
    page = staff_client.get(LIST).content.decode()
    assert 'for="id_reason"' in page and 'for="id_action"' in page and 'for="id_q"' in page
    assert 'name="do" value="approve"' in page and 'name="do" value="promote"' in page
    assert "style=" not in page and "<script>" not in page


def test_export_csv_parses_back_with_the_filtered_rows(staff_client, open_talk):
    add(open_talk, 2)
    add(open_talk, 1, first=3, status=Status.WAITLISTED, name="=HYPERLINK(1)")
    response = staff_client.get(CSV + "?status=confirmed")
    assert response["Content-Disposition"] == 'attachment; filename="open-talk-registrants.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Email", "Organisation"] and rows[0][-1] == "Created at (UTC)"
    assert [r[0] for r in rows[1:]] == ["Person 1", "Person 2"]
    assert rows[1][1:8] == [
        "person1@example.org",
        "Civil society network",
        "Civil society",
        "France",
        "Online",
        "English",
        "Confirmed",
    ]
    created = datetime.fromisoformat(rows[1][-1])
    assert rows[1][-1].endswith("Z") and created.utcoffset().total_seconds() == 0
    join_key = Registration.objects.first().join_key
    assert join_key not in response.content.decode()
    everyone = staff_client.get(CSV).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in everyone  # never a formula in a spreadsheet


def test_export_xlsx_parses_back_with_the_filtered_rows(staff_client, open_talk):
    add(open_talk, 2)
    add(open_talk, 1, first=3, status=Status.WAITLISTED, name="=HYPERLINK(1)")
    response = staff_client.get(XLSX + "?status=waitlisted")
    assert response["Content-Disposition"] == 'attachment; filename="open-talk-registrants.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Name" and len(rows) == 2
    assert rows[1][:2] == ["=HYPERLINK(1)", "person3@example.org"]
    assert sheet["A2"].data_type == "s"
    assert rows[1][7] == "On the waiting list" and rows[1][-1].endswith("Z")


def test_export_of_a_chatham_house_talk_is_for_the_secretariat_only(client, open_talk):
    Talk.objects.filter(pk=open_talk.pk).update(chatham_house=True)
    add(open_talk)
    client.force_login(UserFactory())
    assert client.get(CSV).status_code == 403
    client.force_login(with_two_factors(UserFactory(is_staff=True)))
    assert client.get(CSV).status_code == 200


def test_staff_without_two_factors_are_sent_to_set_them_up(client, open_talk):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(CSV)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=" + CSV
    page = client.get(response["Location"], follow=True).content.decode()
    assert "needs two-factor authentication" in page


def queries_for(client, talk, url, many):
    counts = []
    for total in (1, many):
        Registration.objects.all().delete()
        add(talk, total // 2 or 1, status=Status.PENDING_APPROVAL, gender="man")
        add(talk, total - total // 2, first=1000, status=Status.CONFIRMED)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    return counts


@pytest.mark.parametrize("url", [LIST, LIST + "?status=confirmed&q=person", CSV, XLSX])
def test_workspace_queries_do_not_grow_with_registrants(staff_client, open_talk, url):
    few, many = queries_for(staff_client, open_talk, url, 50)
    assert few == many
