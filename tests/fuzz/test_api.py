"""Schemathesis against /api/v1/openapi.json: every operation, with and without a token, on
valid and unknown slugs; never a 5xx, and every answer as the schema describes it."""

from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from gcmtalks.accounts.services import api_token_create
from gcmtalks.registrations.models import Settings
from gcmtalks.talks.models import Talk
from gcmtalks.wsgi import application
from tests.factories import SeriesFactory, TalkFactory, TwoFactorFactory, in_days

from .budget import count, examples

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
OPERATIONS = {op.ok().label: op.ok() for op in schema.get_all_operations()}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = examples(150)  # 9 runs: 1,350 inputs


@pytest.fixture(autouse=True)
def connection_kept():
    """Schemathesis calls the WSGI app directly; after each request Django would close the
    connection, and the test's transaction with it. Django's own test client does the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def talks(db, settings):
    settings.REGISTRATION_RATE_LIMIT = "0"  # the limit would answer 429 to most of the run
    series = SeriesFactory(slug="dialogues")
    open_talk = TalkFactory(
        slug="open-talk",
        series=series,
        registration_mode=Talk.Registration.OPEN,
        start=in_days(10),
        end=in_days(10) + timedelta(minutes=90),
        languages=["en", "fr"],
        region_slugs=["africa"],
    )
    Settings.objects.create(talk=open_talk, capacity_online=2)
    TalkFactory(slug="chatham", audience=Talk.Audience.MEMBER_STATES, chatham_house=True)
    TalkFactory(slug="past-talk", start=in_days(-30), end=in_days(-30) + timedelta(hours=1))
    TalkFactory(slug="draft-talk", status=Talk.Status.DRAFT)
    return ["open-talk", "chatham", "past-talk", "draft-talk", "no-such-talk"]


@pytest.fixture
def tokens(db):
    staff = TwoFactorFactory(is_staff=True, is_superuser=True)
    plain = TwoFactorFactory()
    return [
        api_token_create(user=staff, name="fuzz")[1],
        api_token_create(user=plain, name="fuzz")[1],
        "gcmt_not-a-token",
        None,
    ]


# Every operation with data that fits its schema and data that does not; reading one talk
# takes only a slug, and any text is a slug to the schema, so it has no negative case.
RUNS = [
    (label, mode)
    for label in sorted(OPERATIONS)
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if (label, mode) != ("GET /api/v1/talks/{slug}", GenerationMode.NEGATIVE)
]


@pytest.mark.parametrize(("label", "mode"), RUNS)
def test_api_operation_never_fails_and_keeps_to_its_schema(label, mode, talks, tokens):
    operation = OPERATIONS[label]
    has_slug = "{slug}" in operation.path

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    def run(case, data):
        count()
        if has_slug and data.draw(st.booleans(), label="known slug"):
            case.path_parameters["slug"] = data.draw(st.sampled_from(talks), label="slug")
        token = data.draw(st.sampled_from(tokens), label="token")
        headers = {"Authorization": f"Bearer {token}"} if token else None
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()
