"""`make prod`'s topology, end to end: bin/prod on a free port with a new PostgreSQL database
and Redis on loopback; someone registers through HTTP as a browser would (CSRF token, behind a
TLS proxy), the task worker sends the confirmation mail, and SIGTERM stops every process."""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest

pytestmark = pytest.mark.prod

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("SMOKE_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/1")
MAKE_TALK = """
from datetime import timedelta
from gcmtalks.registrations.models import Settings
from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory, in_days
talk = TalkFactory(slug="smoke-talk", registration_mode=Talk.Registration.OPEN,
                   format=Talk.Format.ONLINE, start=in_days(10),
                   end=in_days(10) + timedelta(minutes=90), languages=["en"])
Settings.objects.create(talk=talk, capacity_online=5)
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """Just enough of a browser behind a TLS proxy: cookies kept, X-Forwarded-Proto sent."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept-Language": "en",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode()
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, content


def wait_ready(browser, supervisor, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert supervisor.poll() is None, "bin/prod ended before it was ready"
        try:
            response, content = browser.request("GET", "/health/ready")
            if response.status == 200:
                return json.loads(content)
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"/health/ready not 200 within {seconds}s")


def test_the_production_topology_registers_someone_and_stops_cleanly(tmp_path):
    name = f"gcmtalks_smoke_{secrets.token_hex(4)}"
    port, mail_dir = free_port(), tmp_path / "mail"
    env = {
        **os.environ,
        "PORT": str(port),
        "DATABASE_URL": f"{PG}/{name}",
        "REDIS_URL": REDIS_URL,
        "EMAIL_URL": f"file://{mail_dir}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SITE_URL": f"https://127.0.0.1:{port}",
        "WORKERS": "1",
        "WEB_CONCURRENCY": "2",
        "LOG_FORMAT": "json",
        "REGISTRATION_RATE_LIMIT": "0",  # the shared Redis outlives this run
        "PUBLIC_CACHE_SECONDS": "0",
    }
    env.pop("SECURE_SSL_REDIRECT", None)
    log = (tmp_path / "prod.log").open("w")
    supervisor = subprocess.Popen(
        [sys.executable, str(ROOT / "bin" / "prod")],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    browser = Browser(port)
    try:
        health = wait_ready(browser, supervisor, seconds=150)
        assert set(health["checks"]) == {"database", "cache", "queue"}
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", MAKE_TALK],
            env=env, cwd=ROOT, check=True, capture_output=True, timeout=60,
        )  # fmt: skip

        # Plain HTTP is sent to HTTPS: the app expects a TLS proxy in front.
        plain = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        plain.request("GET", "/talks/smoke-talk/register/", headers={"Accept-Language": "en"})
        assert plain.getresponse().status == 301
        plain.close()

        response, page = browser.request("GET", "/talks/smoke-talk/register/")
        assert response.status == 200
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
        token = unescape(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1])
        form = {
            "csrfmiddlewaretoken": token,
            "name": "Smoke Tester",
            "email": "smoke@example.org",
            "language": "en",
            "organisation": "Civil society network",
        }
        response, _ = browser.request(
            "POST",
            "/talks/smoke-talk/register/",
            body=urlencode(form),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://127.0.0.1:{port}",
                "Referer": f"https://127.0.0.1:{port}/talks/smoke-talk/register/",
            },
        )
        assert response.status == 302, _
        assert response.headers["Location"] == "/talks/smoke-talk/register/sent/"
        assert response.headers["X-Request-ID"]

        # The task worker (not the web process) writes the confirmation mail.
        deadline, sent = time.monotonic() + 45, ""
        while time.monotonic() < deadline and "smoke@example.org" not in sent:
            time.sleep(0.5)
            sent = "".join(p.read_text() for p in mail_dir.glob("*.log"))
        assert "smoke@example.org" in sent and "/registrations/" in sent
        queue = wait_ready(browser, supervisor, seconds=10)["checks"]["queue"]
        assert queue["ready"] == 0

        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=40) == 0
        with pytest.raises(ProcessLookupError):  # gunicorn, its workers, the task worker
            os.killpg(supervisor.pid, 0)
        with pytest.raises(OSError):
            browser.request("GET", "/health/live")
    finally:
        if supervisor.poll() is None:
            os.killpg(supervisor.pid, signal.SIGKILL)
            supervisor.wait()
        log.close()
        print((tmp_path / "prod.log").read_text()[-5000:])
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
