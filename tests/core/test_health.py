import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gcmtalks.registrations.tasks import notify_registrants_of_change
from tests.processes import run_django

CLOSED_PORT_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_live_answers_without_the_database(client):
    # No django_db mark: any query here would raise.
    response = client.get("/health/live", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_reports_each_part_ok(client):
    response = client.get("/health/ready", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: c["status"] for name, c in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "queue": "ok",
    }
    assert body["checks"]["queue"]["ready"] == 0
    assert body["checks"]["queue"]["oldest_ready_seconds"] is None
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_counts_ready_tasks_and_the_age_of_the_oldest(client):
    first = notify_registrants_of_change.enqueue(1, 1)
    notify_registrants_of_change.enqueue(2, 1)
    DBTaskResult.objects.filter(id=first.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=5)
    )
    queue = client.get("/health/ready").json()["checks"]["queue"]
    assert queue["ready"] == 2
    assert 295 <= queue["oldest_ready_seconds"] <= 310
    assert queue["running"] == 0 and queue["longest_running_seconds"] is None


@pytest.mark.django_db
def test_ready_shows_a_task_running_for_long(client):
    task = notify_registrants_of_change.enqueue(1, 1)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    DBTaskResult.objects.filter(id=task.id).update(status="RUNNING", started_at=an_hour_ago)
    queue = client.get("/health/ready").json()["checks"]["queue"]
    assert queue["ready"] == 0 and queue["running"] == 1
    assert 3595 <= queue["longest_running_seconds"] <= 3610


@pytest.mark.django_db
def test_ready_fails_with_503_when_the_cache_is_unreachable(client):
    with override_settings(CACHES=CLOSED_PORT_REDIS):
        response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["cache"]["status"] == "fail"
    assert body["checks"]["database"]["status"] == "ok"
    assert "127.0.0.1:1" not in response.content.decode()


def test_ready_fails_with_503_when_the_database_is_unreachable():
    """A real server with nothing listening on its database's port (no mocks)."""
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/health/ready');"
        "print(json.dumps({'status_code': r.status_code, 'body': r.json()}))"
    )
    result = run_django(
        code,
        DATABASE_URL="postgres://gcm:s3cret-pw@127.0.0.1:1/nowhere",
        CONN_MAX_AGE="0",
        ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status_code"] == 503
    checks = answer["body"]["checks"]
    assert checks["database"] == {
        "status": "fail",
        "error": "OperationalError",
        "ms": pytest.approx(checks["database"]["ms"]),
    }
    assert checks["queue"]["status"] == "fail"
    assert checks["cache"]["status"] == "ok"
    assert "s3cret" not in result.stdout and "nowhere" not in result.stdout


def test_health_is_not_redirected_to_https_nor_to_a_language(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/health/live", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
