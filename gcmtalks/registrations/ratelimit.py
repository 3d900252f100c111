"""REGISTRATION_RATE_LIMIT (e.g. "20/h", "5/m"; "0" turns it off): how many registrations one
IP address, and one email address, may send in that window."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

WINDOWS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(limit: str) -> tuple[int, int]:
    """(count, seconds); count 0 means no limit."""
    text = (limit or "0").strip().lower()
    if text == "0":
        return 0, 0
    count, _, unit = text.partition("/")
    if not count.isdigit() or (unit or "h") not in WINDOWS:
        raise ImproperlyConfigured(
            f"REGISTRATION_RATE_LIMIT={limit!r}: give a count per s, m, h or d, e.g. 20/h, or 0."
        )
    return int(count), WINDOWS[unit or "h"]


def allowed(*, ip: str, email: str) -> bool:
    """Count one attempt for this IP and this address; False once either is over the limit."""
    count, seconds = parse(settings.REGISTRATION_RATE_LIMIT)
    if count == 0:
        return True
    window = int(time.time() // seconds)
    ok = True
    for who in (ip, email.strip().lower()):
        key = (
            "ratelimit:registration:"
            + hashlib.blake2b(f"{who}:{window}".encode(), digest_size=12).hexdigest()
        )
        cache.add(key, 0, seconds)
        ok = cache.incr(key) <= count and ok
    return ok


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
