"""Browser tests: a real Chromium (Debian's, never a downloaded one) against `live_server`.

Every page opened through `page` or `new_page` records console errors and warnings and
uncaught page errors; the test fails if any appear. CSP violations are console errors, so
they fail the test too.
"""

import asyncio
import os
import re
from datetime import timedelta

import pytest
from django.db import connections
from django.test import Client, override_settings
from playwright.sync_api import sync_playwright

from gcmtalks.registrations.models import Settings
from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory, in_days

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A visitor far from Geneva and Cairo, so the "Your time" line differs from both.
VISITOR_TIMEZONE = "Asia/Tokyo"
TIMEOUT_MS = 10_000


class Chromium:
    """One Chromium for all browser tests that run one after another.

    Playwright's sync API leaves its asyncio loop marked as running in this thread between
    calls. While it is, Django (1) refuses queries, as if they came from async code, unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set, and (2) keeps a separate set of database connections
    (asgiref's thread-critical Local switches to context-local storage), which would lack the
    test database's serialized contents that `serialized_rollback` restores. So while the
    browser runs, the env var is set and the thread's usual connection objects are handed to
    that other storage; when the last browser test in a row is done, everything is undone,
    so tests that run after these in the same session see a plain sync thread again.
    """

    def __init__(self):
        self.playwright = self.browser = self.saved_env = None

    def get(self):
        if self.browser is None:
            usual = {alias: connections[alias] for alias in connections}
            self.saved_env = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self.playwright = sync_playwright().start()
            for alias, connection in usual.items():
                connections[alias] = connection
            self.browser = self.playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
        return self.browser

    def stop(self):
        if self.playwright is None:
            return
        try:
            if self.browser is not None:
                self.browser.close()
            self.playwright.stop()
        finally:
            self.playwright = self.browser = None
            if self.saved_env is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self.saved_env
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:  # pragma: no cover - Playwright changed how it leaves the loop
            raise AssertionError("Playwright left its event loop marked as running")


CHROMIUM_SESSION = Chromium()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)  # the test's fixtures are finalised first
    finally:
        if nextitem is None or nextitem.get_closest_marker("browser") is None:
            CHROMIUM_SESSION.stop()


@pytest.fixture(scope="session")
def chromium():
    yield CHROMIUM_SESSION
    CHROMIUM_SESSION.stop()


@pytest.fixture
def browser(chromium):
    """The shared Chromium (started on first use, again only if a non-browser test ran since)."""
    return chromium.get()


@pytest.fixture(scope="session")
def started_live_server(request, tmp_path_factory):
    """`live_server` without what production gets from its proxy and from `collectstatic`.

    The test server speaks plain HTTP, so it must not redirect to HTTPS; Django's
    SecurityMiddleware reads that setting once, when the server starts. It serves static
    files from the apps' folders itself; WhiteNoise only needs its (empty) root to exist, or
    it warns at start-up, and warnings are errors here.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False, STATIC_ROOT=str(tmp_path_factory.mktemp("static_root"))
    ):
        return request.getfixturevalue("live_server")


@pytest.fixture
def site(started_live_server, settings):
    """The live server's base URL (no trailing slash).

    Static URLs without a manifest (no `collectstatic` ran, so no hashed names) and no
    public page cache between tests; both are read on every request.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PUBLIC_CACHE_SECONDS = 0
    return started_live_server.url


FORM_ANSWER = re.compile(r"^Failed to load resource: .* status of (400|409|422) ")


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh context: `new_page(java_script_enabled=False)` etc."""
    contexts = []
    problems = []

    def open_page(**context_options):
        options = {"timezone_id": VISITOR_TIMEZONE, "locale": "en-GB", **context_options}
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()

        def on_console(message):
            # A form sent back with its errors answers 400, 409 or 422 on purpose; Chromium
            # logs any such answer. A missing (404) or failing (500) resource stays a problem.
            if FORM_ANSWER.search(message.text):
                return
            if message.type in ("error", "warning"):
                problems.append(f"console {message.type}: {message.text} ({page.url})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"page error: {error} ({page.url})"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def signed_in_page(new_page, site):
    """`signed_in_page(user)`: a page whose browser is already signed in as `user` (signing in
    with two factors is tested in tests/accounts)."""

    def open_as(user):
        client = Client()
        client.force_login(user)
        page = new_page()
        cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}
        page.context.add_cookies([cookie])
        return page

    return open_as


@pytest.fixture
def page(new_page):
    return new_page()


# A talk open for registration, for the registration and keyboard tests.
OPEN_TALK_TITLE = "Regular pathways for climate-displaced people"


@pytest.fixture
def open_talk(db):
    """An online talk in ten days, registration open here, 5 online seats, English and French."""
    talk = TalkFactory(
        slug="open-talk",
        title=OPEN_TALK_TITLE,
        status=Talk.Status.PUBLISHED,
        registration_mode=Talk.Registration.OPEN,
        format=Talk.Format.ONLINE,
        start=in_days(10),
        end=in_days(10) + timedelta(minutes=90),
        languages=["en", "fr"],
    )
    Settings.objects.create(talk=talk, capacity_online=5)
    return talk
