"""Owners are reminded by mail, through a real SMTP server: once before a due date, then
when it has passed and every week after, one mail per owner a day."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import call_command

from gcmtalks.core.timezones import zone
from gcmtalks.intentions.models import Intention
from gcmtalks.intentions.services import intentions_remind
from tests.smtp import run_tasks

from .conftest import intention

State = Intention.State
DAY = date(2026, 12, 1)


def at(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=zone("Europe/Zurich"))


def body(message) -> str:
    return message.get_body(("plain",)).get_content()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("smtp_settings")
def test_owners_get_one_mail_with_what_is_due_soon_or_overdue(talk, people, mail_server):
    intention(
        talk, text="Soon: a recruitment fund.", owner=people.amal, due_on=DAY + timedelta(days=2)
    )
    intention(
        talk, text="Late: a bilateral agreement.", owner=people.amal, due_on=DAY - timedelta(days=1)
    )
    intention(talk, text="Later: training.", owner=people.bruno, due_on=DAY + timedelta(days=10))
    intention(talk, text="Done.", owner=people.bruno, due_on=DAY - timedelta(days=5),
              state=State.PLEDGED, progress=100)  # fmt: skip
    intention(talk, text="Nobody's.", due_on=DAY - timedelta(days=5))

    assert intentions_remind(now=at(DAY)) == 1
    assert intentions_remind(now=at(DAY)) == 0  # the same day: nothing more
    run_tasks()
    [mail] = mail_server.received
    assert mail["To"] == "amal@un.example.org"
    assert mail["Subject"] == "Pledge intentions to follow up: 2, 1 overdue"
    text = body(mail)
    assert "Hello Amal Haddad," in text
    assert "Overdue since 30 November 2026: Kenya at “Fair recruitment” (Voiced)" in text
    assert "Due on 3 December 2026: Kenya at “Fair recruitment” (Voiced)" in text
    assert "Soon: a recruitment fund." in text and "Late: a bilateral agreement." in text
    assert "/manage/follow-up/?owner=me" in text
    assert "Later: training." not in text and "Done." not in text

    # The next days: the soon one was told, the late one waits a week.
    assert intentions_remind(now=at(DAY + timedelta(days=1))) == 0
    assert intentions_remind(now=at(DAY + timedelta(days=2))) == 0
    # When the soon one's date has passed it is overdue: told again, alone.
    assert intentions_remind(now=at(DAY + timedelta(days=3))) == 1
    run_tasks()
    # A week after the first: the late one again; training comes close for Bruno.
    assert intentions_remind(now=at(DAY + timedelta(days=7))) == 2
    run_tasks()
    later = [(m["To"], m["Subject"], body(m)) for m in mail_server.received[1:2]]
    later += sorted((m["To"], m["Subject"], body(m)) for m in mail_server.received[2:])
    assert [(to, subject) for to, subject, _text in later] == [
        ("amal@un.example.org", "Pledge intentions to follow up: 1, 1 overdue"),
        ("amal@un.example.org", "Pledge intentions to follow up: 1, 1 overdue"),
        ("bruno@un.example.org", "Pledge intentions to follow up: 1, 0 overdue"),
    ]
    assert "Soon: a recruitment fund." in later[0][2] and "Late:" not in later[0][2]
    assert "Late: a bilateral agreement." in later[1][2] and "Soon:" not in later[1][2]
    assert "Due on 11 December 2026" in later[2][2]


@pytest.mark.django_db
def test_the_command_reports_how_many_owners_were_reminded(talk, people, capsys):
    intention(talk, owner=people.amal, due_on=date.today())
    call_command("send_intention_reminders")
    assert "1 owners reminded." in capsys.readouterr().out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("smtp_settings")
def test_the_reminder_is_in_the_owners_language(talk, people, mail_server):
    people.amal.language = "fr"
    people.amal.save()
    intention(talk, owner=people.amal, due_on=DAY - timedelta(days=1))
    assert intentions_remind(now=at(DAY)) == 1
    run_tasks()
    [mail] = mail_server.received
    assert mail["Content-Language"] == "fr"
    assert "Bonjour Amal Haddad," in body(mail)
    assert "/fr/manage/follow-up/?owner=me" in body(mail)
