"""`make run` on SQLite (runserver, threaded, a real database file): a burst of registrations
gives no "database is locked" error and no 500, and never overbooks."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from tests.live import post_json

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="about SQLite")

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
from datetime import timedelta
from django.utils import timezone
from gcmtalks.registrations.models import Settings
from gcmtalks.talks.models import Talk
start = timezone.now() + timedelta(days=20)
talk = Talk.objects.create(slug="burst", title="Burst", level="global", status="published",
    format="online", registration_mode="open", start=start, end=start + timedelta(minutes=90))
Settings.objects.create(talk=talk, capacity_online=50)
"""
COUNT = """
from gcmtalks.registrations.models import Registration as R
print(R.objects.count(), R.objects.filter(status__in=R.SEAT_HOLDING).count(), R.objects.filter(status="waitlisted").count())
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_burst_on_sqlite_under_runserver(tmp_path):
    env = {**os.environ, "DEBUG": "1", "VAR_DIR": str(tmp_path), "REGISTRATION_RATE_LIMIT": "0"}
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT, timeout=300)
    subprocess.run([*manage, "shell", "-c", SETUP], env=env, check=True, cwd=ROOT, timeout=60)
    port = free_port()
    server = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env,
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/api/v1/talks/burst/registrations"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        people = [{"name": f"P{n}", "email": f"p{n}@example.org"} for n in range(200)]
        with ThreadPoolExecutor(max_workers=20) as pool:
            answers = list(pool.map(lambda p: post_json(url, p), people))
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1].decode()
    assert answers == [202] * 200
    assert "database is locked" not in log and "Traceback" not in log
    counts = subprocess.run([*manage, "shell", "-c", COUNT], env=env, cwd=ROOT, timeout=60,
                            capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    assert counts[-3:] == ["200", "50", "150"]
