"""Health endpoints for a load balancer or an orchestrator.

`/health/live` answers as soon as the process does (no database), so a stuck database does not
get app servers restarted; `/health/ready` checks each part a request needs and answers 503
when one fails, so the balancer stops sending traffic. Neither says more than which part
failed and its exception's class: no addresses, names or secrets.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def timed(check):
    """Run one check: its own fields, with `status` and `ms`; a failure names only its class."""
    started = time.perf_counter()
    try:
        result = {"status": "ok", **check()}
    except Exception as exc:  # noqa: BLE001 any failure of a part is that part's failure
        logger.warning("health check %s failed: %r", check.__name__, exc)
        result = {"status": "fail", "error": type(exc).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def cache_round_trip():
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    got = cache.get(key)
    cache.delete(key)
    if got != value:
        raise LookupError("the cache did not return what was just stored")
    return {}


def task_queue():
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    running = DBTaskResult.objects.running()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    longest = running.order_by("started_at").values_list("started_at", flat=True).first()
    return {
        "ready": ready.count(),
        "oldest_ready_seconds": seconds_since(oldest),
        # A task running for long may have lost its worker (mail's are resumed by
        # send_due_mail; others are worth a look).
        "running": running.count(),
        "longest_running_seconds": seconds_since(longest),
    }


def seconds_since(moment):
    return None if moment is None else round((timezone.now() - moment).total_seconds())


CHECKS = {"database": database, "cache": cache_round_trip, "queue": task_queue}


def answer(status_code, body):
    response = JsonResponse(body, status=status_code)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_safe
def live(request):
    return answer(200, {"status": "ok"})


@never_cache
@require_safe
def ready(request):
    checks = {name: timed(check) for name, check in CHECKS.items()}
    failed = any(c["status"] != "ok" for c in checks.values())
    return answer(503 if failed else 200, {"status": "fail" if failed else "ok", "checks": checks})
