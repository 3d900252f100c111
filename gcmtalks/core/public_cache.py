"""Whole responses of public pages, feeds and API answers, kept until any talk changes.

The version lives in the shared cache (Redis in production), so a change made through one
app server empties every server's copy. The bodies live in each worker's own memory, where
serving one costs no more than serving a static file.
"""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "public-cache-version"
MAX_BYTES = 48 * 1024 * 1024


def version() -> str:
    value = cache.get(VERSION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(VERSION_KEY, value, None)
        value = cache.get(VERSION_KEY, value)
    return value


def bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


class Store:
    """A small LRU of (expiry, status, headers, body), bounded in bytes."""

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
            return item

    def put(self, key, status, headers, body):
        if len(body) > self.max_bytes // 4:
            return
        seconds = settings.PUBLIC_CACHE_SECONDS
        with self.lock:
            if key in self.items:
                self._drop(key)
            self.items[key] = (time.monotonic() + seconds, status, headers, body)
            self.size += len(body)
            while self.size > self.max_bytes:
                self._drop(next(iter(self.items)))

    def clear(self):
        with self.lock:
            self.items.clear()
            self.size = 0

    def _drop(self, key):
        item = self.items.pop(key)
        self.size -= len(item[3])


store = Store()
