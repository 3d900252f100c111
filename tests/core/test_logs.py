import json
import logging
import sys

from gcmtalks.core.logs import JsonFormatter
from tests.processes import run_django


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "gcmtalks.request"]


def test_each_request_is_logged_once_with_its_id_path_status_and_duration(client, caplog):
    caplog.set_level(logging.INFO, logger="gcmtalks.request")
    response = client.get("/health/live?token=secret", HTTP_X_REQUEST_ID="lb-7f3a9c21-0001")
    assert response["X-Request-ID"] == "lb-7f3a9c21-0001"
    [record] = request_lines(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "INFO"
    assert line["logger"] == "gcmtalks.request"
    assert line["request_id"] == "lb-7f3a9c21-0001"
    assert line["method"] == "GET"
    assert line["path"] == "/health/live"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["time"].endswith("+00:00")
    assert "secret" not in json.dumps(line)  # the query string is not logged


def test_a_request_without_an_id_gets_a_new_one(client, caplog):
    caplog.set_level(logging.INFO, logger="gcmtalks.request")
    first = client.get("/health/live")["X-Request-ID"]
    second = client.get("/health/live")["X-Request-ID"]
    assert len(first) == 32 and first != second
    assert [r.request_id for r in request_lines(caplog)] == [first, second]


def test_an_implausible_request_id_is_replaced(client):
    for bad in ["x", "a b c d e f g h", "<script>alert(1)</script>", "a" * 200, "id\r\nX-Evil: 1"]:
        answered = client.get("/health/live", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert answered != bad and len(answered) == 32


def test_a_missing_page_is_logged_with_its_status(client, caplog, db):
    caplog.set_level(logging.INFO, logger="gcmtalks.request")
    client.get("/no-such-page/")
    [record] = request_lines(caplog)
    assert record.status == 404


def test_json_lines_carry_the_request_id_of_lines_logged_during_the_request():
    """A real process with LOG_FORMAT=json writes one JSON object a line to stderr."""
    code = (
        "import django, logging; django.setup();"
        "from django.test import Client;"
        "Client().get('/health/ready', HTTP_X_REQUEST_ID='req-0123456789');"
        "logging.getLogger('gcmtalks.example').warning('plain ünïcode line')"
    )
    result = run_django(
        code,
        LOG_FORMAT="json",
        ALLOWED_HOSTS="testserver",
        # The ready check logs a warning for the cache it cannot reach, during the request.
        REDIS_URL="redis://127.0.0.1:1/0",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.strip().splitlines()]
    request = next(line for line in lines if line["logger"] == "gcmtalks.request")
    assert request["request_id"] == "req-0123456789" and request["status"] == 503
    assert request["level"] == "WARNING"  # 503: a part briefly away
    during = next(line for line in lines if line["logger"] == "gcmtalks.core.health")
    assert during["request_id"] == "req-0123456789" and during["level"] == "WARNING"
    other = next(line for line in lines if line["logger"] == "gcmtalks.example")
    assert other["message"] == "plain ünïcode line" and other["level"] == "WARNING"
    assert "request_id" not in other


def test_text_logs_for_development():
    code = "import django, logging; django.setup(); logging.getLogger('x').warning('hello')"
    result = run_django(code, LOG_FORMAT="text")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("WARNING x hello")


def test_an_exception_is_one_json_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    formatted = JsonFormatter().format(record)
    assert "\n" not in formatted
    assert "ValueError: boom" in json.loads(formatted)["exception"]


def test_server_errors_are_logged_at_error_and_a_part_away_at_warning():
    from gcmtalks.core.logs import level_of

    assert [level_of(s) for s in (200, 404, 500, 502, 503)] == [
        logging.INFO, logging.INFO, logging.ERROR, logging.ERROR, logging.WARNING
    ]  # fmt: skip
