"""Structured logs: one JSON object a line (LOG_FORMAT=json, the default when DEBUG is off), and
one line for each request with its id, path, status and duration.

A request's id comes from the proxy's `X-Request-ID` when it is a plausible id, else is made
here; it goes back in the answer's `X-Request-ID` and on every line logged while the request
runs, so one request can be followed from the proxy to the app and its errors.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:@+=-]{8,128}$")
# Fields a record may carry (logger.info(..., extra={...})) that go into the line as they are.
EXTRA_FIELDS = ("method", "path", "status", "duration_ms")

request_logger = logging.getLogger("gcmtalks.request")


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id:
            line["request_id"] = request_id
        for field in EXTRA_FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def request_id_of(request) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if REQUEST_ID.match(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    """Times each request and logs one line when it is answered. First in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_of(request)
        token = request_id_var.set(request.request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response["X-Request-ID"] = request.request_id
            level = level_of(response.status_code)
            request_logger.log(
                level,
                "%s %s %s %.1fms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "request_id": request.request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            request_id_var.reset(token)


def level_of(status: int) -> int:
    """5xx at ERROR, but 503 (a part briefly away, said already at WARNING) at WARNING."""
    if status == 503:
        return logging.WARNING
    return logging.ERROR if status >= 500 else logging.INFO
