"""Shared set-up of the fuzz suite, and the check that it sent at least 10,000 inputs."""

import logging
import os
from pathlib import Path

import pytest

from .budget import REQUIRED, sent

HERE = Path(__file__).parent


@pytest.fixture(autouse=True)
def quiet_request_log():
    """Thousands of requests: keep the per-request log lines out of the captured output."""
    logger = logging.getLogger("gcmtalks.request")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield
    logger.setLevel(level)


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """The limits would answer 429 to most of a run from one address."""
    settings.REGISTRATION_RATE_LIMIT = "0"
    settings.CONTACT_RATE_LIMIT = "0"
    settings.SUBSCRIBE_RATE_LIMIT = "0"


def whole_suite(session) -> bool:
    """Every fuzz module ran, none of its tests deselected (-k, -m): the count is meaningful."""
    modules = {Path(str(item.path)) for item in session.items if HERE in Path(item.path).parents}
    wanted = set(HERE.glob("test_*.py"))
    return bool(modules) and modules == wanted and not getattr(session, "fuzz_deselected", False)


def pytest_deselected(items):
    if items and any(HERE in Path(item.path).parents for item in items):
        items[0].session.fuzz_deselected = True


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):  # an xdist worker: the controller adds up
        session.config.workeroutput["fuzz_inputs"] = sent["inputs"]
        return
    if os.environ.get("FUZZ_REQUIRED") and sent["inputs"] < int(os.environ["FUZZ_REQUIRED"]):
        # `make test-fuzz` sets it: the check holds under xdist too (whose controller sees
        # no tests, only the workers' counts).
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\nfuzz: only {sent['inputs']} generated inputs were sent; at least {os.environ['FUZZ_REQUIRED']} are required")  # fmt: skip
        return
    if os.environ.get("FUZZ_REQUIRED"):
        print(f"\nfuzz: {sent['inputs']} generated inputs sent")
        return
    if exitstatus == 0 and whole_suite(session) and sent["inputs"] < REQUIRED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\nfuzz: only {sent['inputs']} generated inputs were sent; at least {REQUIRED} are required")  # fmt: skip
    elif whole_suite(session):
        print(f"\nfuzz: {sent['inputs']} generated inputs sent")


def pytest_testnodedown(node, error):
    sent["inputs"] += getattr(node, "workeroutput", {}).get("fuzz_inputs", 0)
