"""The admin shows summary reports, their texts and justifications, and changes nothing."""

import pytest

from gcmtalks.reports.models import SummaryReport
from gcmtalks.reports.services import report_justify

from .conftest import speak, write

pytestmark = pytest.mark.django_db


def test_admin_shows_report_with_texts_and_justifications(client, staff, chatham_talk, people):
    speak(chatham_talk, "Rosa Díaz")
    write(chatham_talk, people.member, context="Rosa Díaz opened.")
    report_justify(talk=chatham_talk, key="rosa diaz", reason="She agreed.", by=people.member)
    report = SummaryReport.objects.get()
    client.force_login(staff)
    assert "Member States dialogue" in client.get("/admin/reports/summaryreport/").content.decode()
    html = client.get(f"/admin/reports/summaryreport/{report.pk}/change/").content.decode()
    assert "Rosa Díaz opened." in html
    assert "She agreed." in html


def test_admin_changes_nothing(client, staff, talk, people):
    write(talk, people.member)
    report = SummaryReport.objects.get()
    client.force_login(staff)
    url = f"/admin/reports/summaryreport/{report.pk}/change/"
    assert client.post(url, {"status": "published"}).status_code == 403
    assert client.get("/admin/reports/summaryreport/add/").status_code == 403
    assert SummaryReport.objects.get().status == SummaryReport.Status.DRAFT
