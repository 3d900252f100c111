"""Whole answers of public pages, feeds and API reads, kept until something they show changes.

- A *version* names the current state of public content. It lives in the shared cache (Redis
  in production), so a change made through one app server empties every server's copies. Each
  worker re-reads it at most once a second.
- Besides writes (which call `bump`), time changes what pages show: a talk that ends moves
  from "upcoming" to "past". Apps register *clocks*: functions giving the next moment their
  public output changes. The version holds until the earliest of them.
- An answer is rendered once per version by one worker, shared through the shared cache, and
  kept in each worker's memory, where serving it costs about what a static file costs.
"""

import ctypes
import gc
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache

STATE_KEY = "public:state"
MEMO_SECONDS = 1.0
LONGEST_SECONDS = 24 * 3600
SHARED_SECONDS = 3600
RENDER_SECONDS = 30
MAX_BYTES = 48 * 1024 * 1024
LARGE_BYTES = 1024 * 1024

clocks = []  # callables (now: datetime) -> datetime | None


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


class Version:
    def __init__(self):
        self.memo = None  # (version, until, checked_at)

    def current(self) -> str:
        now = time.time()
        memo = self.memo
        if memo and now - memo[2] < MEMO_SECONDS and now < memo[1]:
            return memo[0]
        state = cache.get(STATE_KEY)
        if state is None or now >= state["until"]:
            state = {"version": uuid.uuid4().hex, "until": self.next_change(now)}
            cache.set(STATE_KEY, state, None)
        self.memo = (state["version"], state["until"], now)
        return state["version"]

    def bump(self) -> None:
        now = time.time()
        state = {"version": uuid.uuid4().hex, "until": self.next_change(now)}
        cache.set(STATE_KEY, state, None)
        self.memo = (state["version"], state["until"], now)

    def reset(self) -> None:
        cache.delete(STATE_KEY)
        self.memo = None

    @staticmethod
    def next_change(now: float) -> float:
        moment = datetime.fromtimestamp(now).astimezone()
        limits = [now + LONGEST_SECONDS]
        for clock in clocks:
            upcoming = clock(moment)
            if upcoming is not None:
                limits.append(upcoming.timestamp())
        return min(limits)


class Store:
    """Each worker's own LRU of url key -> (expiry, version, status, headers, body), bounded in
    bytes. An entry of an older version is still worth having: it can be served while another
    worker renders the new one."""

    def __init__(self, max_bytes=MAX_BYTES):
        self.max_bytes = max_bytes
        self.items: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            item = self.items.get(key)
            if item is None:
                return None
            if item[0] < time.monotonic():
                self._drop(key)
                return None
            self.items.move_to_end(key)
            return Answer(*item[1:])

    def put(self, key, answer):
        if len(answer.body) > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.items:
                self._drop(key)
            self.items[key] = (time.monotonic() + settings.PUBLIC_CACHE_SECONDS, *answer)
            self.size += len(answer.body)
            while self.size > self.max_bytes:
                self._drop(next(iter(self.items)))

    def clear(self):
        with self.lock:
            self.items.clear()
            self.size = 0

    def _drop(self, key):
        item = self.items.pop(key)
        self.size -= len(item[-1])


class Answer(NamedTuple):
    version: str
    status: int
    headers: list
    body: bytes


version = Version()
store = Store()


def url_key(request) -> str:
    """The URL, and for the API (whose language follows Accept-Language) that language."""
    path = request.get_full_path()
    if path.startswith("/api/"):
        from .languages import from_browser

        path += "#" + (from_browser(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) or "")
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    return f"{digest}:{request.META.get('HTTP_HX_REQUEST', '')}"


def shared_get(current: str, key: str) -> Answer | None:
    item = cache.get(f"public:body:{current}:{key}")
    if item is None:
        return None
    answer = Answer(current, *item)
    store.put(key, answer)
    return answer


def claim(current: str, key: str) -> bool:
    """True when this worker should render `key`, False when another one already is."""
    return cache.add(f"public:render:{current}:{key}", 1, RENDER_SECONDS)


def release(current: str, key: str) -> None:
    cache.delete(f"public:render:{current}:{key}")


def wait_for(current: str, key: str, seconds: float) -> Answer | None:
    """The answer another worker is rendering, or None if it does not come in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.05)
        answer = shared_get(current, key)
        if answer is not None:
            return answer
    return None


def keep(key: str, answer: Answer) -> None:
    store.put(key, answer)
    cache.set(f"public:body:{answer.version}:{key}", tuple(answer[1:]), SHARED_SECONDS)


try:
    malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
except (OSError, AttributeError):  # not glibc
    malloc_trim = None


def give_back_memory() -> None:
    """Return to the system the heap a large render has freed. glibc keeps it otherwise, and
    the worker that renders the 2,000-talk calendar in several languages grows past 150 MB
    (bench/RESULTS.md). The render leaves reference cycles (template nodes, querysets), so
    they are collected first; both take some milliseconds, once per render."""
    gc.collect()
    if malloc_trim is not None:
        malloc_trim(0)


def bump() -> None:
    """Public content changed: every cached answer is out of date."""
    version.bump()
