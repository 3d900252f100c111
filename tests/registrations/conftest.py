from datetime import timedelta

import pytest

from gcmtalks.registrations.models import Settings
from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory, in_days


@pytest.fixture
def open_talk(db):
    """An online talk in ten days, registration open here, 2 online seats."""
    talk = TalkFactory(
        slug="open-talk",
        registration_mode=Talk.Registration.OPEN,
        format=Talk.Format.ONLINE,
        start=in_days(10),
        end=in_days(10) + timedelta(minutes=90),
        languages=["en", "fr"],
    )
    Settings.objects.create(talk=talk, capacity_online=2)
    return talk


def person(n=1, **extra):
    return {"name": f"Person {n}", "email": f"person{n}@example.org", "language": "en",
            "organisation": "Civil society network", **extra}  # fmt: skip
