"""How many contact messages, or subscription requests, one IP address and one email address
may send: "5/h", "10/m", "0" for no limit (settings CONTACT_RATE_LIMIT, SUBSCRIBE_RATE_LIMIT).
Counted in the cache, in fixed windows."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

WINDOWS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(setting: str) -> tuple[int, int]:
    """(count, seconds) of the named setting; count 0 means no limit."""
    limit = getattr(settings, setting)
    text = (limit or "0").strip().lower()
    if text == "0":
        return 0, 0
    count, _, unit = text.partition("/")
    if not count.isdigit() or (unit or "h") not in WINDOWS:
        raise ImproperlyConfigured(
            f"{setting}={limit!r}: give a count per s, m, h or d, e.g. 5/h, or 0."
        )
    return int(count), WINDOWS[unit or "h"]


def allowed(setting: str, *, ip: str, email: str) -> bool:
    """Count one attempt for this IP and this address; False once either is over the limit."""
    count, seconds = parse(setting)
    if count == 0:
        return True
    window = int(time.time() // seconds)
    ok = True
    for who in (ip, email.strip().lower()):
        digest = hashlib.blake2b(f"{setting}:{who}:{window}".encode(), digest_size=12)
        key = f"ratelimit:{setting.lower()}:{digest.hexdigest()}"
        cache.add(key, 0, seconds)
        ok = cache.incr(key) <= count and ok
    return ok


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
