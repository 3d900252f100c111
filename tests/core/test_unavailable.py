"""While the database cannot be reached, pages and the API answer 503 with Retry-After and a
short message, logged once at WARNING without a traceback; other errors still give the 500
page. The database is made unreachable for real: the default connection is swapped for one
to a closed port (PostgreSQL) or to a file in a folder that does not exist (SQLite)."""

import logging
import socket

import pytest
from django.db import connections
from django.test import Client

MESSAGE = "The service is briefly unavailable; please try again in a minute."


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def database_gone(django_db_blocker, tmp_path):
    """The default database, unreachable for this test only."""
    original = connections["default"]
    unreachable = {**original.settings_dict}
    if original.vendor == "sqlite":
        unreachable["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    else:
        unreachable.update(HOST="127.0.0.1", PORT=str(closed_port()))
    broken = original.__class__(unreachable, alias="default")
    connections["default"] = broken
    try:
        with django_db_blocker.unblock():  # the connection is attempted, and refused
            yield
    finally:
        broken.close()
        connections["default"] = original


def unavailable_logs(caplog):
    return [r for r in caplog.records if r.name == "gcmtalks.core.unavailable"]


def test_page_answers_503_with_retry_after_when_the_database_is_gone(database_gone, caplog):
    caplog.set_level(logging.INFO)
    response = Client(raise_request_exception=False).get("/talks/any-talk/register/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert MESSAGE in page and '<html lang="en"' in page
    assert "Traceback" not in page and "OperationalError" not in page
    [record] = unavailable_logs(caplog)
    assert record.levelno == logging.WARNING
    assert "OperationalError" in record.getMessage()
    assert not [r for r in caplog.records if r.exc_info], "no traceback is logged"


def test_page_in_another_language_says_so_in_that_language(database_gone):
    response = Client(raise_request_exception=False).get("/ar/")
    assert response.status_code == 503
    assert '<html lang="ar" dir="rtl"' in response.content.decode()


def test_api_answers_503_in_json_when_the_database_is_gone(database_gone, caplog):
    response = Client(raise_request_exception=False).get("/api/v1/talks")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json() == {"detail": MESSAGE, "errors": {}}
    assert len(unavailable_logs(caplog)) == 1


def test_database_lost_in_a_middleware_answers_503_too(database_gone, caplog):
    # allauth's middleware reads the signed-in user (so the session, from the database)
    # after the view answered /accounts/ with a 404: no view is there to catch it.
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a" * 32
    response = client.get("/accounts/")
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()
    assert len(unavailable_logs(caplog)) == 1
    assert not [r for r in caplog.records if r.exc_info]


def test_other_errors_still_give_the_500_page(rf):
    from gcmtalks.core.unavailable import server_error

    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Retry-After" not in response
