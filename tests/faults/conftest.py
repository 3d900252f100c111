"""Fault tests: the app's own processes (task workers, management commands) on a PostgreSQL
database made for each test, with faults made on purpose: a mail server down, a worker killed
in the middle of a task. `make test-faults`; PostgreSQL on loopback (FAULTS_POSTGRES_URL)."""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("FAULTS_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
# The apps whose tables the mail path writes (the outbox, the audit log, the task queue), with
# the apps their migrations depend on: the real migrations in a few seconds rather than the
# whole project's twenty. Mail code that touched any other table would fail here, not pass.
MAIL_APPS = ("notifications", "core", "django_tasks_database")
# settings.MAIL_RETRY_SCALE for the processes: attempts after 0.15 s, 0.6 s, 3 s, 18 s…, a
# task lost after 1.5 s, giving up after 7 minutes.
RETRY_SCALE = 0.005
LOST_AFTER_SECONDS = 300 * RETRY_SCALE


def django_env(database_url: str, **extra: str) -> dict:
    """The environment of the app's processes: production settings on the test's database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "faults-only-secret",
        "DEBUG": "0",
        "REDIS_URL": "",
        "LOG_FORMAT": "text",
        "MAIL_RETRY_SCALE": str(RETRY_SCALE),
        **extra,
    }
    env.pop("TASKS_BACKEND", None)  # the database queue, as in production
    return env


def manage(env: dict, *args: str, timeout: float = 60) -> str:
    """Run one management command to its end; its output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    assert done.returncode == 0, f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}"
    return done.stdout


def query(database_url: str, sql: str, *params) -> list[dict]:
    with psycopg.connect(database_url, autocommit=True, row_factory=dict_row) as db:
        return db.execute(sql, params).fetchall()


def wait_for(check, seconds: float, what: str):
    """Poll `check` until it answers something true, which is returned."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if answer := check():
            return answer
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {seconds} s")


def pg_admin(sql: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as db:
        db.execute(sql)


@pytest.fixture(scope="session")
def mail_template():
    """A database migrated for the mail path, copied for each test (a copy takes a second)."""
    name = f"gcmtalks_faults_{secrets.token_hex(4)}_template"
    pg_admin(f'CREATE DATABASE "{name}"')
    try:
        migrate = "from django.core.management import call_command\n" + "".join(
            f"call_command('migrate', {app!r}, verbosity=0)\n" for app in MAIL_APPS
        )
        manage(django_env(f"{PG}/{name}"), "shell", "-v0", "-c", migrate, timeout=120)
        yield name
    finally:
        pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def mail_database(mail_template):
    """The URL of a new database of this test's own, dropped after it."""
    name = f"gcmtalks_faults_{secrets.token_hex(4)}"
    pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{mail_template}"')
    yield f"{PG}/{name}"
    pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Processes:
    """The long-running processes of one test, each writing to its own log; all stopped at
    the end, and their logs printed (pytest shows them when the test fails)."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, env: dict, *args: str) -> subprocess.Popen:
        with (self.log_dir / f"{name}.log").open("w") as log:
            process = subprocess.Popen(
                [sys.executable, "manage.py", *args],
                env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        self.started.append((name, process))
        return process

    def worker(self, env: dict, worker_id: str) -> subprocess.Popen:
        """`manage.py db_worker` as production runs it, looking for tasks every 0.1 s."""
        args = ("--no-reload", "--no-startup-delay", "--interval", "0.1")
        return self.start(worker_id, env, "db_worker", *args, "--worker-id", worker_id)

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text()

    def stop_all(self) -> None:
        for _, process in self.started:
            if process.poll() is None:
                process.terminate()
        for name, process in self.started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            print(f"--- {name} (exit {process.returncode})\n{self.log(name)[-3000:]}")


@pytest.fixture
def processes(tmp_path):
    started = Processes(tmp_path)
    yield started
    started.stop_all()
