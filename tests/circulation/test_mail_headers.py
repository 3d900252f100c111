"""The outbox carries the extra headers a sender gives (Reply-To, List-Unsubscribe), and no
header that would replace its own or break a line."""

import pytest
from django.db import transaction

from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.notifications.services import build_message, mail_queue

pytestmark = pytest.mark.django_db


def queue(**headers):
    with transaction.atomic():
        return mail_queue(to="a@example.org", subject="Hello", text="Hi", key="k", headers=headers)


def test_extra_headers_are_kept_and_sent():
    mail = queue(**{"Reply-To": "b@example.org", "List-Unsubscribe": "<https://x.example/u/>"})
    message = build_message(mail).message()
    assert message["Reply-To"] == "b@example.org"
    assert message["List-Unsubscribe"] == "<https://x.example/u/>"
    assert message["Content-Language"] == "en" and message["Message-ID"].startswith("<mail-")


def test_a_mail_without_extra_headers_is_as_before():
    with transaction.atomic():
        mail = mail_queue(to="a@example.org", subject="Hello", text="Hi", key="k")
    assert mail.headers == {}
    assert build_message(mail).message()["Reply-To"] is None


@pytest.mark.parametrize(
    "headers",
    [
        {"From": "boss@example.org"},
        {"To": "everyone@example.org"},
        {"Bcc": "everyone@example.org"},
        {"Message-ID": "<x@y>"},
        {"Subject": "Other"},
        {"Reply-To": "a@example.org\nBcc: everyone@example.org"},
        {"Bad Name": "x"},
        {"X-Ok": 5},
    ],
)
def test_headers_that_replace_the_outboxs_or_break_lines_are_refused(headers):
    with pytest.raises(ValueError):
        queue(**headers)
    assert not OutgoingMail.objects.exists()
