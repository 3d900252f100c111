"""The periodic commands and how often each runs (`manage.py run_schedule`, started by
`make prod`). Each command is safe to repeat: it only does what has come due."""

import logging
import time
from collections.abc import Callable
from io import StringIO

from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger(__name__)

MINUTE, HOUR = 60, 3600

# (command, every so many seconds)
SCHEDULE = (
    ("send_due_mail", MINUTE),
    ("resume_tasks", MINUTE),
    ("release_expired_holds", MINUTE),
    ("send_reminders", 5 * MINUTE),
    ("send_briefing_packs", 5 * MINUTE),
    ("announce_outcomes", 5 * MINUTE),
    ("announce_new_talks", 5 * MINUTE),
    ("send_checklist_reminders", HOUR),
    ("send_intention_reminders", HOUR),
    ("send_digests", HOUR),
    ("purge_personal_data", 24 * HOUR),
)


def run_due(last_run: dict[str, float], now: float) -> list[str]:
    """Run every command whose interval has passed since its last run; the names run.

    A command that fails is logged and tried again at its next turn; the others still run.
    """
    ran = []
    for command, every in SCHEDULE:
        if now - last_run.get(command, float("-inf")) < every:
            continue
        last_run[command] = now
        output = StringIO()
        started = time.monotonic()
        try:
            call_command(command, stdout=output)
        except Exception:
            logger.exception("Scheduled command %s failed", command)
            continue
        ms = round((time.monotonic() - started) * 1000)
        logger.info(
            "Scheduled command %s ran", command, extra={"command": command, "duration_ms": ms}
        )
        ran.append(command)
    return ran


def run_forever(stopping: Callable[[], bool], tick: float = 5.0) -> None:
    last_run: dict[str, float] = {}
    while not stopping():
        close_old_connections()  # a connection broken by a database restart is replaced
        run_due(last_run, time.monotonic())
        deadline = time.monotonic() + tick
        while not stopping() and time.monotonic() < deadline:
            time.sleep(0.2)
