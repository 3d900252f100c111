"""PostgreSQL restarted under a burst of registrations: while it is away people get 503 with
Retry-After (never a 500 or a traceback), the app recovers by itself within seconds, no talk
is overbooked, and everyone who was told "registered" is in the database.

The restart is of a private PostgreSQL 15 cluster made for this test in a temporary folder,
on a free port: the machine's shared server (other suites use it) is never touched."""

import json
import os
import queue
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
import redis

from tests.prod.test_smoke import Browser, free_port

pytestmark = pytest.mark.faults

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_URL = os.environ.get("FAULTS_REDIS_URL", "redis://127.0.0.1:6379/12")
SLUG, CAPACITY, ATTEMPTS, THREADS = "restart-talk", 30, 120, 12
REGISTER, SENT = f"/talks/{SLUG}/register/", f"/talks/{SLUG}/register/sent/"
# Only the apps a registration writes to, with those their migrations depend on: a third of
# the time of the whole project's. A registration that touched another table would answer 500
# here, and the test would fail.
PREPARE = f"""
from datetime import timedelta
from django.core.management import call_command
for app in ("registrations", "privacy", "django_tasks_database"):
    call_command("migrate", app, verbosity=0)
from gcmtalks.registrations.models import Settings
from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory, in_days
talk = TalkFactory(slug="{SLUG}", registration_mode=Talk.Registration.OPEN,
                   format=Talk.Format.ONLINE, start=in_days(10),
                   end=in_days(10) + timedelta(minutes=90), languages=["en"])
Settings.objects.create(talk=talk, capacity_online={CAPACITY})
"""
MESSAGE = "The service is briefly unavailable; please try again in a minute."
RETRY_SECONDS = 0.5  # what a patient client does with Retry-After, sped up


class Cluster:
    """A throwaway PostgreSQL cluster owned by the `postgres` user (initdb refuses root)."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port, self.data = folder, port, folder / "data"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.url = f"postgres://postgres@127.0.0.1:{port}"

    def pg(self, *args, timeout=60):
        subprocess.run([*self.as_postgres, *args], check=True, capture_output=True, timeout=timeout)

    def create(self):
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")
        self.pg(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        self.start()

    def pg_ctl(self, *args):
        self.pg(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "30", *args)

    def start(self):
        # fsync off for speed: the restart below is a clean shutdown, which writes everything.
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c full_page_writes=off")  # fmt: skip
        self.pg_ctl("-l", str(self.folder / "postgres.log"), "-o", options, "start")

    def stop(self, mode="fast"):
        self.pg_ctl("-m", mode, "stop")

    def running(self):
        return (self.data / "postmaster.pid").exists()


def register(port, email, answers):
    """One person registering as a browser would: the form, then the POST; tried again after
    a 503 (a fresh page, so a fresh CSRF token), as the 503 page asks. Every answer is kept."""
    for _try in range(100):
        browser = Browser(port)
        response, page = browser.request("GET", REGISTER)
        answers.append(("GET", email, response.status, dict(response.headers), page))
        if response.status == 503:
            time.sleep(RETRY_SECONDS)
            continue
        if response.status != 200:
            return
        token = unescape(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1])
        form = {"csrfmiddlewaretoken": token, "name": "Burst Tester", "email": email,
                "language": "en", "organisation": "Civil society network"}  # fmt: skip
        response, page = browser.request(
            "POST", REGISTER, body=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded",
                     "Origin": f"https://127.0.0.1:{port}",
                     "Referer": f"https://127.0.0.1:{port}{REGISTER}"},
        )  # fmt: skip
        answers.append(("POST", email, response.status, dict(response.headers), page))
        if response.status != 503:
            return
        time.sleep(RETRY_SECONDS)


def burst(port, emails, answers, failures):
    while True:
        try:
            email = emails.get_nowait()
        except queue.Empty:
            return
        try:
            register(port, email, answers)
        except Exception as exc:  # noqa: BLE001 a dropped connection is a finding, kept
            failures.append((email, repr(exc)))


def wait_for(port, seconds, process):
    """Seconds until the registration page answers 200 again."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        assert process.poll() is None, "gunicorn ended"
        try:
            if Browser(port).request("GET", REGISTER)[0].status == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{REGISTER} not 200 within {seconds}s")


def rows(cluster, sql, *params):
    with psycopg.connect(f"{cluster.url}/gcmtalks") as db:
        return db.execute(sql, params).fetchall()


def test_postgres_restart_under_a_registration_burst():
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL 15 is not installed in {PG_BIN}")
    folder = Path(tempfile.mkdtemp(prefix="gcmtalks-faults-pg-"))
    cluster, port = Cluster(folder, free_port()), free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{cluster.url}/gcmtalks",
        "REDIS_URL": REDIS_URL,
        "EMAIL_URL": f"file://{folder / 'mail'}",
        "SECURE_SSL_REDIRECT": "0",
        "REGISTRATION_RATE_LIMIT": "0",
        "LOG_FORMAT": "json",
    }
    gunicorn, log = None, (folder / "gunicorn.log").open("w")
    started = time.monotonic()
    try:
        cluster.create()
        with psycopg.connect(f"{cluster.url}/postgres", autocommit=True) as db:
            db.execute("CREATE DATABASE gcmtalks")
        subprocess.run([sys.executable, "manage.py", "shell", "-v0", "-c", PREPARE],
                       env=env, cwd=ROOT, check=True, timeout=120)  # fmt: skip
        redis.Redis.from_url(REDIS_URL).flushdb()  # this test's own Redis database
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "gcmtalks.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--no-control-socket", "--forwarded-allow-ips", "127.0.0.1"],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        wait_for(port, 60, gunicorn)
        ready_after = time.monotonic() - started

        emails = queue.Queue()
        for n in range(ATTEMPTS):
            emails.put(f"burst-{n}@example.org")
        answers, failures = [], []
        threads = [threading.Thread(target=burst, args=(port, emails, answers, failures))
                   for _ in range(THREADS)]  # fmt: skip
        for thread in threads:
            thread.start()
        # Restart once a sixth of the people are through, with requests in flight.
        while sum(a[0] == "POST" and a[2] == 302 for a in answers) < ATTEMPTS // 6:
            assert any(t.is_alive() for t in threads), "the burst ended before the restart"
            time.sleep(0.05)
        cluster.stop("fast")  # ends every session, also those in the middle of a query
        time.sleep(2)
        cluster.start()
        recovered_in = wait_for(port, 30, gunicorn)
        for thread in threads:
            thread.join(timeout=60)
        assert not failures, failures[:5]
        print(f"ready after {ready_after:.1f}s; burst over after {time.monotonic() - started:.1f}s; "
              f"{len(answers)} answers, 503 to {sum(a[2] == 503 for a in answers if a[0] == 'GET')} "
              f"GET and {sum(a[2] == 503 for a in answers if a[0] == 'POST')} POST; "
              f"pages again {recovered_in:.2f}s after the database")  # fmt: skip

        statuses = {a[2] for a in answers}
        assert statuses <= {200, 302, 303, 503}, sorted(statuses)
        unavailable = [a for a in answers if a[2] == 503]
        assert unavailable, "no request met the restart"
        for _method, _email, _status, headers, page in unavailable:
            assert headers["Retry-After"] == "60"
            assert MESSAGE in page and "Traceback" not in page
        assert recovered_in < 5, f"pages answered again only {recovered_in:.1f}s after start"

        registered = {a[1] for a in answers if a[0] == "POST" and a[2] == 302}
        assert {a[3]["Location"] for a in answers if a[2] == 302} == {SENT}
        assert len(registered) == ATTEMPTS, "someone was still getting 503s after the restart"
        in_database = dict(rows(cluster, "SELECT email, status FROM registrations_registration"))
        assert registered <= set(in_database), registered - set(in_database)
        holding = [e for e, s in in_database.items()
                   if s in ("pending_email", "pending_approval", "confirmed", "attended")]  # fmt: skip
        assert len(holding) == CAPACITY, f"{len(holding)} seats held for {CAPACITY}"
        assert sorted(set(in_database.values())) == ["pending_email", "waitlisted"]

        # Later, someone else registers as usual: the waiting list, as the talk is full.
        late = []
        register(port, "later@example.org", late)
        assert [a[2] for a in late] == [200, 302], [a[2] for a in late]
        status = rows(cluster, "SELECT status FROM registrations_registration WHERE email = %s",
                      "later@example.org")  # fmt: skip
        assert status == [("waitlisted",)]

        # The outage is in the log as warnings, each request's one line; no traceback.
        log.flush()
        assert "Traceback" not in (folder / "gunicorn.log").read_text()
        lines = [json.loads(line) for line in (folder / "gunicorn.log").read_text().splitlines()
                 if line.startswith("{")]  # fmt: skip
        warnings = [line for line in lines if line["logger"] == "gcmtalks.core.unavailable"]
        print(sorted({w["message"].split(" on ")[0] for w in warnings}))
        assert warnings and {line["level"] for line in warnings} == {"WARNING"}
        assert not [line for line in lines if "exception" in line or line.get("status") == 500]
    finally:
        if gunicorn is not None and gunicorn.poll() is None:
            os.killpg(gunicorn.pid, signal.SIGINT)  # quick shutdown: nothing left to answer
            try:
                gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(gunicorn.pid, signal.SIGKILL)
                gunicorn.wait()
        log.close()
        print((folder / "gunicorn.log").read_text()[-4000:])
        if cluster.running():
            cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)
