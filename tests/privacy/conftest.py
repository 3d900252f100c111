from datetime import timedelta

import pytest

from gcmtalks.core import audit
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.registrations.models import Registration
from tests.factories import StaffFactory, TalkFactory, UserFactory, in_days
from tests.panels.conftest import SpeakerFactory

ALICE = {"name": "Alice Quartermaine", "email": "alice.q@example.org"}
BOB = {"name": "Bob Thistlewood", "email": "bob.t@example.org"}


def register(talk, who, **extra):
    return Registration.objects.create(
        talk=talk, attendance_mode=Registration.Mode.ONLINE,
        status=Registration.Status.CONFIRMED, organisation=f"{who['name']}'s network",
        birth_year=1990, gender="female", accessibility_needs="Captions please", **who, **extra,
    )  # fmt: skip


def mail(key, to, text):
    return OutgoingMail.objects.create(
        key=key, to=to, subject="About your registration", text=text,
        status=OutgoingMail.Status.SENT,
    )  # fmt: skip


@pytest.fixture
def world(db):
    """Alice (with an account) and Bob each registered for two talks, each a speaker, each
    in the mail and audit trail; a secretariat member who checked them in."""
    secretariat = StaffFactory(email="secretariat@example.org")
    talks = [TalkFactory(start=in_days(5 + n), end=in_days(5 + n) + timedelta(hours=1))
             for n in range(2)]  # fmt: skip
    alice = UserFactory(username="aliceq", email=ALICE["email"], first_name="Alice",
                        last_name="Quartermaine")  # fmt: skip
    people = {}
    for who in (ALICE, BOB):
        regs = [register(talk, who) for talk in talks]
        speaker = SpeakerFactory(talk=talks[0], name=who["name"], email=who["email"])
        for reg in regs:
            audit.record(obj=reg, action="registration.check_in", by=secretariat,
                         changes={"email": [None, who["email"]], "name": ["", who["name"]]})  # fmt: skip
        mail(f"confirm:{who['email']}", who["email"], f"Dear {who['name']}, you are in.")
        mail(f"notice:{who['email']}", "secretariat@example.org", f"{who['name']} registered")
        people[who["email"]] = {"registrations": regs, "speaker": speaker}
    audit.record(
        obj=alice, action="account.change", by=alice, changes={"first_name": ["", "Alice"]}
    )
    return {"talks": talks, "alice": alice, "secretariat": secretariat, "people": people}
