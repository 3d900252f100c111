"""Many people registering at once never overbook: real threads against a live server."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from gcmtalks.registrations.models import Registration, Settings
from gcmtalks.registrations.services import registration_cancel
from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory, in_days
from tests.live import post_json

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers: run on PostgreSQL (SQLite serialises writers by itself)",
    ),
]


def test_300_at_once_for_50_seats(live_server, settings):
    settings.REGISTRATION_RATE_LIMIT = "0"
    talk = TalkFactory(slug="popular", registration_mode=Talk.Registration.OPEN,
                       format=Talk.Format.ONLINE, start=in_days(20))  # fmt: skip
    Settings.objects.create(talk=talk, capacity_online=50)
    url = f"{live_server.url}/api/v1/talks/popular/registrations"
    people = [{"name": f"P{n}", "email": f"p{n}@example.org"} for n in range(300)]
    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(lambda p: post_json(url, p), people))
    assert answers == [202] * 300
    registrations = Registration.objects.filter(talk=talk)
    assert registrations.count() == 300
    assert registrations.filter(status__in=Registration.SEAT_HOLDING).count() == 50
    assert registrations.filter(status="waitlisted").count() == 250

    waiting = list(registrations.filter(status="waitlisted").order_by("created_at", "id"))
    for registration in registrations.filter(status__in=Registration.SEAT_HOLDING)[:10]:
        registration_cancel(registration=registration)
    promoted = set(
        registrations.filter(pk__in=[r.pk for r in waiting], status="pending_email").values_list(
            "pk", flat=True
        )
    )
    assert promoted == {r.pk for r in waiting[:10]}
    assert registrations.filter(status__in=Registration.SEAT_HOLDING).count() == 50
