"""`run_schedule`: the periodic commands at their intervals; one failing leaves the others."""

import logging

from django.core.management import call_command

from gcmtalks.core import schedule
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from tests.privacy.conftest import ALICE, register
from tests.privacy.test_retention import talk_ended


def test_every_command_runs_at_first_then_at_its_interval(db):
    last_run = {}
    assert schedule.run_due(last_run, 0.0) == [name for name, _every in schedule.SCHEDULE]
    assert schedule.run_due(last_run, 30.0) == []
    minutely = {name for name, every in schedule.SCHEDULE if every == schedule.MINUTE}
    assert set(schedule.run_due(last_run, 61.0)) == minutely
    assert "purge_personal_data" in schedule.run_due(last_run, 24 * 3600.0 + 1)


def test_a_failing_command_is_logged_and_the_others_still_run(db, monkeypatch, caplog):
    monkeypatch.setattr(schedule, "SCHEDULE", (("no_such_command", 60), ("send_due_mail", 60)))
    with caplog.at_level(logging.ERROR, logger="gcmtalks.core.schedule"):
        assert schedule.run_due({}, 0.0) == ["send_due_mail"]
    assert "Scheduled command no_such_command failed" in caplog.text


def test_the_schedule_applies_the_retention_periods(db, capsys):
    due = register(talk_ended(200, Talk.Audience.YOUTH), ALICE)  # youth: 6 months
    call_command("run_schedule", "--once")
    assert f"Ran {len(schedule.SCHEDULE)} of {len(schedule.SCHEDULE)}" in capsys.readouterr().out
    assert Registration.objects.get(pk=due.pk).email != ALICE["email"]
