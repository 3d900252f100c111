"""A real SMTP server on 127.0.0.1 (aiosmtpd) and the database task worker, run in-process."""

import asyncio
import socket
from email import message_from_bytes, policy
from email.message import EmailMessage
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker


class MailServer:
    """An SMTP server that keeps what it receives; it can be stopped and started again."""

    def __init__(self, port: int):
        self.port = port
        self.received: list[EmailMessage] = []
        self.delay = 0.0  # seconds before each message is accepted, to make senders overlap
        self.controller = None

    def start(self):
        # A stopped controller closes its event loop, so each start needs a new one.
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        self.received.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server():
    server = MailServer(free_port())
    server.start()
    yield server
    if server.controller is not None:
        server.stop()


@pytest.fixture
def smtp_settings(settings, mail_server):
    """Django's mail settings as EMAIL_URL=smtp://127.0.0.1:<port> gives them."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = mail_server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 3
    return settings


def run_tasks():
    """What `manage.py db_worker --batch` does: run every task that is due, then stop.

    The worker closes connections it thinks stale, which inside a test's transaction is the
    test's own: it is kept open here."""
    with mock.patch.object(db_worker, "close_old_connections"):
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()
